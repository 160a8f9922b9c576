//! Reads a werkatelier's answers from JSON text, reporting every problem
//! (syntax, types, unknown fields and the rules of the spec) with its JSON
//! path, as the model reader does.

use indexmap::IndexMap;
use serde_json::Value;

use crate::input_error::{InputError, InputErrors};
use crate::reader::fields::{Obj, array, number, numbers, string, strings, unsigned, wrong_type};
use crate::reader::{covers, strict, syntax_message};

use super::input::{Answer, Answers, DEFAULT_MIN_ROLE_SIZE, DEFAULT_ROLE_WEIGHT, RoleSpec};
use super::validate;

/// Parses and validates a werkatelier's answers: either all of them, or
/// every problem.
pub fn parse_answers(text: &str) -> Result<Answers, InputErrors> {
    let value: Value = strict::parse(text).map_err(|e| {
        let mut p = InputErrors::default();
        p.push("", syntax_message(&e));
        p
    })?;
    answers_from_value(&value)
}

/// Reads and validates answers from a parsed JSON value.
pub fn answers_from_value(value: &Value) -> Result<Answers, InputErrors> {
    let mut r = Reading::default();
    let Some(answers) = read_answers(&mut r, value) else {
        return Err(r.problems);
    };
    let semantic = validate::problems(&answers);
    let mut problems = r.problems;
    let unreadable: Vec<&str> = problems
        .iter()
        .map(|p| p.path.as_str())
        .chain(r.unreadable.iter().map(String::as_str))
        .collect();
    let kept: Vec<InputError> = semantic
        .0
        .into_iter()
        .filter(|p| !unreadable.iter().any(|u| follows_from(u, p)))
        .collect();
    problems.0.extend(kept);
    problems.into_result(answers)
}

/// What has been read so far: the problems, and the paths of values that
/// could not be read and stand in as a default.
#[derive(Default)]
struct Reading {
    problems: InputErrors,
    unreadable: Vec<String>,
}

/// Whether semantic problem `p` may follow from the unreadable value at
/// `read`: one lies at or below the other (a points value that could not
/// be read makes the sum wrong), or it checks answers against criteria or
/// roles that could not be read.
fn follows_from(read: &str, p: &InputError) -> bool {
    if covers(read, &p.path) || covers(&p.path, read) {
        return true;
    }
    if covers("criteria", read) {
        return p.path.starts_with("answers[")
            && (p.path.contains("].points") || p.path.contains("].ahp"));
    }
    covers("roles", read) && p.message.starts_with("unknown role")
}

const ANSWERS_FIELDS: &[&str] = &["criteria", "roles", "min_role_size", "answers"];

fn read_answers(r: &mut Reading, v: &Value) -> Option<Answers> {
    let pb = &mut r.problems;
    if !v.is_object() {
        pb.push(
            "",
            "the file must hold one JSON object (a werkatelier's answers)",
        );
        return None;
    }
    let o = Obj::open(pb, v, "", ANSWERS_FIELDS)?;
    let criteria = o.req(pb, "criteria", strings).unwrap_or_default();
    let min_role_size = o
        .opt(pb, "min_role_size", unsigned)
        .unwrap_or(DEFAULT_MIN_ROLE_SIZE);
    let roles = list(r, &o, "roles", read_role);
    let answers = list(r, &o, "answers", read_answer);
    o.finish(&mut r.problems);
    Some(Answers {
        criteria,
        roles,
        min_role_size,
        answers,
    })
}

/// A required list read element by element; an unreadable element stands in
/// as `T::default()` so that later elements keep their index in paths.
fn list<T: Default>(
    r: &mut Reading,
    o: &Obj<'_>,
    key: &str,
    read: fn(&mut InputErrors, &Value, &str) -> Option<T>,
) -> Vec<T> {
    let Some((v, path)) = o.require(&mut r.problems, key) else {
        return Vec::new();
    };
    let Some(items) = array(&mut r.problems, v, &path) else {
        return Vec::new();
    };
    items
        .into_iter()
        .map(|(item, p)| {
            read(&mut r.problems, item, &p).unwrap_or_else(|| {
                r.unreadable.push(p);
                T::default()
            })
        })
        .collect()
}

impl Default for RoleSpec {
    fn default() -> Self {
        RoleSpec {
            id: String::new(),
            weight: DEFAULT_ROLE_WEIGHT,
        }
    }
}

fn read_role(pb: &mut InputErrors, v: &Value, path: &str) -> Option<RoleSpec> {
    let o = Obj::open(pb, v, path, &["id", "weight"])?;
    let role = RoleSpec {
        id: o.req(pb, "id", string).unwrap_or_default(),
        weight: o.opt(pb, "weight", number).unwrap_or(DEFAULT_ROLE_WEIGHT),
    };
    o.finish(pb);
    Some(role)
}

const ANSWER_FIELDS: &[&str] = &["participant", "role", "points", "ahp", "option_scores"];

fn read_answer(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Answer> {
    let o = Obj::open(pb, v, path, ANSWER_FIELDS)?;
    let answer = Answer {
        participant: o.req(pb, "participant", string).unwrap_or_default(),
        role: o.req(pb, "role", string).unwrap_or_default(),
        points: o.maybe(pb, "points", read_points),
        ahp: o.maybe(pb, "ahp", read_matrix),
        option_scores: o.maybe(pb, "option_scores", read_scores),
    };
    o.finish(pb);
    Some(answer)
}

/// Points per criterion; an unreadable value stands in as 0.
fn read_points(pb: &mut InputErrors, v: &Value, path: &str) -> Option<IndexMap<String, u32>> {
    let o = Obj::open(pb, v, path, &[])?;
    let mut out = IndexMap::new();
    for (k, val, p) in o.entries() {
        out.insert(k.clone(), whole_points(pb, val, &p).unwrap_or(0));
    }
    Some(out)
}

/// A whole number of points ≥ 0, or a problem.
fn whole_points(pb: &mut InputErrors, v: &Value, path: &str) -> Option<u32> {
    if let Some(u) = v.as_u64() {
        return match u32::try_from(u) {
            Ok(p) => Some(p),
            Err(_) => {
                pb.push(path, format!("must be from 0 to 100, found {u}"));
                None
            }
        };
    }
    match v.as_f64() {
        Some(x) if x < 0.0 => pb.push(path, format!("must be 0 or more, found {x}")),
        Some(x) => pb.push(path, format!("must be a whole number of points, found {x}")),
        None => wrong_type(pb, path, "a whole number", v),
    }
    None
}

/// An array of arrays of numbers.
fn read_matrix(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Vec<Vec<f64>>> {
    let rows = array(pb, v, path)?;
    let read: Vec<Option<Vec<f64>>> = rows
        .into_iter()
        .map(|(row, rp)| numbers(pb, row, &rp))
        .collect();
    read.into_iter().collect()
}

/// A number per option id, in file order; an unreadable value stands in as 0.
fn read_scores(pb: &mut InputErrors, v: &Value, path: &str) -> Option<IndexMap<String, f64>> {
    let o = Obj::open(pb, v, path, &[])?;
    let mut out = IndexMap::new();
    for (k, val, p) in o.entries() {
        out.insert(k.clone(), number(pb, val, &p).unwrap_or(0.0));
    }
    Some(out)
}
