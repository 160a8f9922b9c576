//! Form plumbing for the case pages: the submitted fields, errors next to
//! the field (in Dutch), and inputs that keep what the user typed.

use std::collections::HashMap;

use maud::{Markup, html};
use wikken_core::format;

use crate::csrf::Csrf;
use crate::error::AppError;

/// The fields of a submitted form, in order (names may repeat), indexed by
/// name once: every lookup is then constant time, so handling a form is
/// linear in its size however many rows it has (a scan per lookup made a
/// form of a few MB take hours).
#[derive(Debug, Clone, Default)]
pub struct Fields {
    list: Vec<(String, String)>,
    by_name: HashMap<String, Vec<usize>>,
}

impl Fields {
    /// Indexes the submitted fields.
    pub fn new(list: Vec<(String, String)>) -> Fields {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::with_capacity(list.len());
        for (i, (k, _)) in list.iter().enumerate() {
            visit();
            by_name.entry(k.clone()).or_default().push(i);
        }
        Fields { list, by_name }
    }

    /// Checks the form's CSRF token.
    pub fn check(&self, csrf: &Csrf) -> Result<(), AppError> {
        csrf.check(self.get("_csrf"))
    }

    /// The first value of a field ("" when absent).
    pub fn get(&self, name: &str) -> &str {
        self.by_name.get(name).map_or("", |at| {
            visit();
            self.list[at[0]].1.as_str()
        })
    }

    /// Whether the field was sent (a ticked checkbox).
    pub fn has(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// Every value of a repeated field.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.by_name.get(name).map_or_else(Vec::new, |at| {
            at.iter()
                .map(|&i| {
                    visit();
                    self.list[i].1.clone()
                })
                .collect()
        })
    }

    /// The fields in the order they were sent.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.list.iter().map(|(k, v)| {
            visit();
            (k.as_str(), v.as_str())
        })
    }
}

#[cfg(test)]
thread_local! {
    /// Fields looked at, on this thread: a test's count of the work done.
    pub(crate) static VISITS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts one field looked at (in tests).
#[inline]
fn visit() {
    #[cfg(test)]
    VISITS.with(|v| v.set(v.get() + 1));
}

/// The fields looked at on this thread while `f` runs (tests).
#[cfg(test)]
pub(crate) fn visits_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = VISITS.with(|v| v.get());
    let out = f();
    (out, VISITS.with(|v| v.get()) - before)
}

/// Errors per field name, and what the user typed, for showing a form again.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    /// Per field: the message, in the order found.
    pub errors: indexmap::IndexMap<String, String>,
    /// Per field: every typed value (a repeated field keeps them all: the
    /// ticks of a list of checkboxes).
    pub values: HashMap<String, Vec<String>>,
    /// Someone else changed what this form changed: the form now carries
    /// their values as what it showed, so saving again keeps the user's.
    pub clashed: bool,
    /// The version was frozen while the user typed: the path the form was
    /// posted to, to post it again into a new version.
    pub carry: Option<String>,
}

impl FormState {
    /// A state that keeps every field of the submitted form.
    pub fn from_fields(fields: &Fields) -> FormState {
        let mut values: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in &fields.list {
            values.entry(k.clone()).or_default().push(v.clone());
        }
        FormState {
            values,
            ..FormState::default()
        }
    }

    /// Whether a checkbox `name` with `value` was ticked.
    pub fn ticked(&self, name: &str, value: &str) -> bool {
        self.values
            .get(name)
            .is_some_and(|vs| vs.iter().any(|v| v == value))
    }

    /// The typed value of a field, if it was sent.
    pub fn typed(&self, field: &str) -> Option<&str> {
        self.values
            .get(field)
            .and_then(|v| v.first())
            .map(String::as_str)
    }

    /// Records an error on a field.
    pub fn error(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.entry(field.into()).or_insert(message.into());
    }

    /// Whether there are errors.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The value to show: what was typed, else the stored value.
    pub fn value(&self, field: &str, stored: impl FnOnce() -> String) -> String {
        self.typed(field).map_or_else(stored, str::to_string)
    }

    /// Parses a Dutch number, recording an error when it is none or out of
    /// `min..=max`.
    pub fn number(&mut self, fields: &Fields, name: &str, min: f64, max: f64) -> Option<f64> {
        let raw = fields.get(name);
        match format::parse_number(raw) {
            Some(x) if x >= min && x <= max => Some(x),
            Some(_) => {
                self.error(
                    name,
                    format!(
                        "Vul een getal in van {} tot en met {}.",
                        format::number(min, if min.fract() == 0.0 { 0 } else { 2 }),
                        format::number(max, if max.fract() == 0.0 { 0 } else { 2 })
                    ),
                );
                None
            }
            None if raw.trim().is_empty() => {
                self.error(name, "Vul dit in.");
                None
            }
            None => {
                self.error(name, format!("\"{raw}\" is geen getal."));
                None
            }
        }
    }

    /// Like [`FormState::number`] but an empty field is `Ok(None)`.
    pub fn optional_number(
        &mut self,
        fields: &Fields,
        name: &str,
        min: f64,
        max: f64,
    ) -> Option<Option<f64>> {
        if fields.get(name).trim().is_empty() {
            Some(None)
        } else {
            self.number(fields, name, min, max).map(Some)
        }
    }

    /// The error message of a field, shown under it.
    pub fn message(&self, field: &str) -> Markup {
        html! {
            @if let Some(e) = self.errors.get(field) {
                span.field-error id=(format!("{}-fout", css_id(field))) { (e) }
            }
        }
    }

    /// A summary at the top of the form: what to correct (every problem at
    /// once), whose change clashed, or — when the version was frozen
    /// meanwhile — a button that opens a new version and saves the typed
    /// form into it.
    pub fn summary(&self) -> Markup {
        html! {
            @if self.has_errors() {
                div.notice.notice-error role="alert" {
                    p { strong { "Niet opgeslagen. " }
                        @if self.clashed { "Iemand anders heeft intussen hetzelfde gewijzigd; hun waarde staat bij het veld. Uw invoer staat er nog: sla opnieuw op om die te bewaren." }
                        @else { "Verbeter wat hieronder is aangegeven; de rest van uw invoer staat er nog." }
                    }
                    @if let Some(e) = self.errors.get("").filter(|e| !e.is_empty()) { p { (e) } }
                    @if self.errors.len() > 1 {
                        ul { @for (field, e) in self.errors.iter().filter(|(f, _)| !f.is_empty()) {
                            li { a href=(format!("#{}", css_id(field))) { (e) } }
                        } }
                    }
                    @if let Some(action) = &self.carry {
                        @let case_url = action.split('/').take(3).collect::<Vec<_>>().join("/");
                        form method="post" action=(format!("{case_url}/nieuwe-versie")) {
                            @for (k, vs) in &self.values { @for v in vs { input type="hidden" name=(k) value=(v); } }
                            input type="hidden" name="_then" value=(action);
                            button type="submit" { "Nieuwe versie openen en mijn invoer daarin opslaan" }
                        }
                    }
                }
            }
        }
    }

    /// `aria-describedby`/`aria-invalid` values for a field with an error.
    pub fn describe(&self, field: &str) -> (Option<String>, Option<&'static str>) {
        if self.errors.contains_key(field) {
            (Some(format!("{}-fout", css_id(field))), Some("true"))
        } else {
            (None, None)
        }
    }
}

/// An HTML id from a field name (`flows[2].amount` → `flows-2-amount`).
pub fn css_id(field: &str) -> String {
    field
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// A labelled text input that shows its error and keeps the typed value.
pub fn text_input(state: &FormState, name: &str, label: &str, stored: &str, extra: &str) -> Markup {
    let (described, invalid) = state.describe(name);
    html! {
        div.field {
            label for=(css_id(name)) { (label) }
            @if !extra.is_empty() { span.hint { (extra) } }
            input type="text" id=(css_id(name)) name=(name)
                value=(state.value(name, || stored.to_string()))
                aria-describedby=[described] aria-invalid=[invalid];
            (state.message(name))
        }
    }
}

/// A labelled textarea that shows its error and keeps the typed value.
pub fn textarea(state: &FormState, name: &str, label: &str, stored: &str, hint: &str) -> Markup {
    let (described, invalid) = state.describe(name);
    html! {
        div.field {
            label for=(css_id(name)) { (label) }
            @if !hint.is_empty() { span.hint { (hint) } }
            textarea id=(css_id(name)) name=(name) rows="4"
                aria-describedby=[described] aria-invalid=[invalid] {
                (state.value(name, || stored.to_string()))
            }
            (state.message(name))
        }
    }
}

/// A number for an input's value, Dutch style without grouping ("1234,5").
pub fn input_number(x: f64) -> String {
    let s = format!("{x}");
    s.replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_checked_and_named() {
        let f = Fields::new(vec![
            ("a".into(), "1.250,5".into()),
            ("b".into(), "veel".into()),
            ("c".into(), "-3".into()),
        ]);
        let mut s = FormState::from_fields(&f);
        assert_eq!(s.number(&f, "a", 0.0, 1e9), Some(1250.5));
        assert_eq!(s.number(&f, "b", 0.0, 1e9), None);
        assert_eq!(s.number(&f, "c", 0.0, 1e9), None);
        assert_eq!(s.errors["b"], "\"veel\" is geen getal.");
        assert!(s.errors["c"].starts_with("Vul een getal in van 0"));
        assert_eq!(s.optional_number(&f, "d", 0.0, 1.0), Some(None));
        assert_eq!(input_number(1234.5), "1234,5");
        assert_eq!(css_id("flows[2].amount"), "flows-2--amount");
    }

    #[test]
    fn lookups_do_not_rescan_the_form() {
        let rows = 50_000;
        let list: Vec<(String, String)> = (0..rows)
            .flat_map(|i| {
                [
                    (format!("r{i}.a"), i.to_string()),
                    ("x".into(), i.to_string()),
                ]
            })
            .collect();
        let (f, built) = visits_during(|| Fields::new(list));
        assert_eq!(built, 2 * rows);
        let (sum, looked) = visits_during(|| {
            (0..rows)
                .map(|i| f.get(&format!("r{i}.a")).len() + usize::from(f.has("x")))
                .sum::<usize>()
        });
        assert!(sum > rows);
        // one visit per lookup: linear; a scan per lookup is rows² / 2
        assert_eq!(looked, rows);
        assert_eq!(f.get("x"), "0");
        assert_eq!(f.all("x").len(), rows);
        assert_eq!(f.get("geen"), "");
    }
}
