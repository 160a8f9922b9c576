//! Typed access to a JSON object's fields that records every problem with
//! its path instead of stopping at the first, and flags unknown fields.

use serde_json::{Map, Value};

use crate::input_error::{InputErrors, index, join};

/// What kind of JSON value a field holds, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Records "expected X, found Y" at `path`.
pub fn wrong_type(problems: &mut InputErrors, path: &str, expected: &str, found: &Value) {
    problems.push(path, format!("expected {expected}, found {}", kind(found)));
}

/// A number, or a problem.
pub fn number(problems: &mut InputErrors, v: &Value, path: &str) -> Option<f64> {
    match v.as_f64() {
        Some(x) if v.is_number() => Some(x),
        _ => {
            wrong_type(problems, path, "a number", v);
            None
        }
    }
}

/// A whole number that fits i64, or a problem.
pub fn integer(problems: &mut InputErrors, v: &Value, path: &str) -> Option<i64> {
    if let Some(i) = v.as_i64() {
        return Some(i);
    }
    if v.is_u64() {
        problems.push(path, "number too large");
    } else {
        wrong_type(problems, path, "a whole number", v);
    }
    None
}

/// A whole number 0..=2^64-1, or a problem.
pub fn unsigned(problems: &mut InputErrors, v: &Value, path: &str) -> Option<u64> {
    if let Some(u) = v.as_u64() {
        return Some(u);
    }
    if v.is_i64() {
        problems.push(path, "must be 0 or more");
    } else {
        wrong_type(
            problems,
            path,
            "a whole number from 0 to 18446744073709551615",
            v,
        );
    }
    None
}

/// A string, or a problem.
pub fn string(problems: &mut InputErrors, v: &Value, path: &str) -> Option<String> {
    match v.as_str() {
        Some(s) => Some(s.to_string()),
        None => {
            wrong_type(problems, path, "a string", v);
            None
        }
    }
}

/// One of a fixed set of strings, or a problem listing the allowed ones.
pub fn one_of<T: Copy>(
    problems: &mut InputErrors,
    v: &Value,
    path: &str,
    allowed: &[(&str, T)],
) -> Option<T> {
    let s = string(problems, v, path)?;
    if let Some((_, t)) = allowed.iter().find(|(name, _)| *name == s) {
        return Some(*t);
    }
    let names: Vec<String> = allowed.iter().map(|(n, _)| format!("\"{n}\"")).collect();
    problems.push(path, format!("\"{s}\" is not one of {}", names.join(", ")));
    None
}

/// The elements of an array with their paths, or a problem.
pub fn array<'a>(
    problems: &mut InputErrors,
    v: &'a Value,
    path: &str,
) -> Option<Vec<(&'a Value, String)>> {
    match v.as_array() {
        Some(items) => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| (item, index(path, i)))
                .collect(),
        ),
        None => {
            wrong_type(problems, path, "an array", v);
            None
        }
    }
}

/// An array of numbers; elements that are not numbers are reported and skipped.
pub fn numbers(problems: &mut InputErrors, v: &Value, path: &str) -> Option<Vec<f64>> {
    let items = array(problems, v, path)?;
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (item, p) in items {
        match number(problems, item, &p) {
            Some(x) => out.push(x),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// An array of strings; elements that are not strings are reported.
pub fn strings(problems: &mut InputErrors, v: &Value, path: &str) -> Option<Vec<String>> {
    let items = array(problems, v, path)?;
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (item, p) in items {
        match string(problems, item, &p) {
            Some(s) => out.push(s),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// A JSON object being read: fields are taken one by one, and whatever is
/// left when [`Obj::finish`] is called is an unknown field.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
    known: &'static [&'static str],
}

impl<'a> Obj<'a> {
    /// Opens `v` as an object with the given known fields, or records a problem.
    pub fn open(
        problems: &mut InputErrors,
        v: &'a Value,
        path: &str,
        known: &'static [&'static str],
    ) -> Option<Obj<'a>> {
        match v.as_object() {
            Some(map) => Some(Obj {
                map,
                path: path.to_string(),
                known,
            }),
            None => {
                wrong_type(problems, path, "an object", v);
                None
            }
        }
    }

    /// Path of a field of this object.
    pub fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// The value of a field with its path, `None` when absent. A `null` is
    /// returned as it is, so that reading it as a number or string reports it.
    pub fn get(&self, key: &str) -> Option<(&'a Value, String)> {
        debug_assert!(self.known.contains(&key), "field {key} not declared");
        self.map.get(key).map(|v| (v, self.at(key)))
    }

    /// The value of a required field, or a "missing" problem.
    pub fn require(&self, problems: &mut InputErrors, key: &str) -> Option<(&'a Value, String)> {
        let found = self.get(key);
        if found.is_none() {
            problems.push(self.at(key), "missing (required)");
        }
        found
    }

    /// A required field read with `read`.
    pub fn req<T>(
        &self,
        problems: &mut InputErrors,
        key: &str,
        read: impl FnOnce(&mut InputErrors, &Value, &str) -> Option<T>,
    ) -> Option<T> {
        let (v, p) = self.require(problems, key)?;
        read(problems, v, &p)
    }

    /// An optional field read with `read`; `None` when absent or wrong.
    pub fn opt<T>(
        &self,
        problems: &mut InputErrors,
        key: &str,
        read: impl FnOnce(&mut InputErrors, &Value, &str) -> Option<T>,
    ) -> Option<T> {
        let (v, p) = self.get(key)?;
        read(problems, v, &p)
    }

    /// An optional field that may also be written as `null` (the schema's
    /// `Option` fields): `null` counts as absent.
    pub fn maybe<T>(
        &self,
        problems: &mut InputErrors,
        key: &str,
        read: impl FnOnce(&mut InputErrors, &Value, &str) -> Option<T>,
    ) -> Option<T> {
        match self.get(key) {
            None | Some((Value::Null, _)) => None,
            Some((v, p)) => read(problems, v, &p),
        }
    }

    /// All entries of the object (for maps keyed by id).
    pub fn entries(&self) -> impl Iterator<Item = (&'a String, &'a Value, String)> + '_ {
        self.map.iter().map(|(k, v)| (k, v, join(&self.path, k)))
    }

    /// Reports every field that is not one of the known ones.
    pub fn finish(self, problems: &mut InputErrors) {
        for key in self.map.keys() {
            if !self.known.contains(&key.as_str()) {
                let list = self.known.join(", ");
                problems.push(
                    join(&self.path, key),
                    format!("unknown field (known here: {list})"),
                );
            }
        }
    }
}
