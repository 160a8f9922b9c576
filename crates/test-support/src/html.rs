//! Reading pages as a browser and a reviewer would: a form with the values
//! it would submit as it stands, and an outline of a page's structure
//! (headings, forms and their fields, tables, messages) for snapshots.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Selector};

/// A form as the page shows it: where it goes and what it would send.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// The `action` attribute, as written.
    pub action: String,
    /// The successful controls in document order: hidden and text inputs,
    /// ticked boxes and radios, each select's chosen options, textareas.
    pub fields: Vec<(String, String)>,
}

impl Form {
    /// The first value sent under `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value sent under `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Types `value` into the field `name` (the first of that name), as a
    /// user would; a field the form does not have is a test mistake.
    pub fn set(&mut self, name: &str, value: &str) -> &mut Form {
        let field = self
            .fields
            .iter_mut()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("the form {} has no field {name}", self.action));
        field.1 = value.to_string();
        self
    }

    /// Ticks a box (or chooses a radio) `name` with `value`.
    pub fn tick(&mut self, name: &str, value: &str) -> &mut Form {
        if !self.fields.iter().any(|(n, v)| n == name && v == value) {
            self.fields.push((name.to_string(), value.to_string()));
        }
        self
    }

    /// Clears every value of `name` (unticks its boxes).
    pub fn clear(&mut self, name: &str) -> &mut Form {
        self.fields.retain(|(n, _)| n != name);
        self
    }
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e}"))
}

/// Whitespace collapsed to single spaces, trimmed.
fn squeeze(text: impl Iterator<Item = impl AsRef<str>>) -> String {
    let joined: String = text.map(|t| t.as_ref().to_string()).collect();
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(e: ElementRef) -> String {
    squeeze(e.text())
}

/// The forms of a page, in document order.
pub fn forms(html: &str) -> Vec<Form> {
    let doc = Html::parse_document(html);
    let controls = selector("input, select, textarea");
    doc.select(&selector("form"))
        .map(|form| Form {
            action: form.value().attr("action").unwrap_or("").to_string(),
            fields: form.select(&controls).flat_map(control_values).collect(),
        })
        .collect()
}

/// The form whose action is `action` (its path, with or without a query);
/// a page without it is a test failure that shows the actions it has.
pub fn form(html: &str, action: &str) -> Form {
    let all = forms(html);
    let path = |a: &str| a.split('?').next().unwrap_or("").to_string();
    all.iter()
        .find(|f| f.action == action)
        .or_else(|| all.iter().find(|f| path(&f.action) == action))
        .cloned()
        .unwrap_or_else(|| {
            let actions: Vec<&str> = all.iter().map(|f| f.action.as_str()).collect();
            panic!("no form to {action}; the page has forms to {actions:?}")
        })
}

/// What one control contributes to its form's submission.
fn control_values(e: ElementRef) -> Vec<(String, String)> {
    let el = e.value();
    let Some(name) = el.attr("name") else {
        return Vec::new();
    };
    if el.attr("disabled").is_some() {
        return Vec::new();
    }
    let pair = |v: &str| vec![(name.to_string(), v.to_string())];
    match el.name() {
        "textarea" => pair(&e.text().collect::<String>()),
        "select" => {
            let options: Vec<ElementRef> = e.select(&selector("option")).collect();
            let value = |o: &ElementRef| {
                o.value()
                    .attr("value")
                    .map(str::to_string)
                    .unwrap_or_else(|| text_of(*o))
            };
            let chosen: Vec<(String, String)> = options
                .iter()
                .filter(|o| o.value().attr("selected").is_some())
                .map(|o| (name.to_string(), value(o)))
                .collect();
            if !chosen.is_empty() || el.attr("multiple").is_some() {
                chosen
            } else {
                options.first().map(|o| pair(&value(o))).unwrap_or_default()
            }
        }
        _ => match el.attr("type").unwrap_or("text") {
            "checkbox" | "radio" if el.attr("checked").is_none() => Vec::new(),
            "checkbox" | "radio" => pair(el.attr("value").unwrap_or("on")),
            "submit" | "button" | "reset" | "image" | "file" => Vec::new(),
            _ => pair(el.attr("value").unwrap_or("")),
        },
    }
}

/// Replaces what differs between runs (ids, dates, times) by placeholders.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // UUIDs (with dashes) become [id].
    while let Some(at) = find_uuid(rest) {
        out.push_str(&rest[..at]);
        out.push_str("[id]");
        rest = &rest[at + 36..];
    }
    out.push_str(rest);
    redact_dates(&out)
}

fn find_uuid(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(35)).find(|&i| {
        b[i..i + 36].iter().enumerate().all(|(k, c)| match k {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit() && !c.is_ascii_uppercase(),
        })
    })
}

/// Dutch dates ("3 december 2026", "03-12-2026") and clock times
/// ("14:05") become [datum] and [tijd].
fn redact_dates(s: &str) -> String {
    let months = wikken_core::format::MONTHS;
    let words: Vec<&str> = s.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let day = words[i].parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
        let month = words.get(i + 1).is_some_and(|m| months.contains(m));
        let year = words.get(i + 2).map(|y| {
            let digits = y.trim_end_matches(|c: char| !c.is_ascii_digit());
            (
                digits.len() == 4 && digits.parse::<u16>().is_ok(),
                &y[digits.len()..],
            )
        });
        if day
            && month
            && let Some((true, tail)) = year
        {
            out.push(format!("[datum]{tail}"));
            i += 3;
            continue;
        }
        out.push(redact_numeric(words[i]));
        i += 1;
    }
    out.join(" ")
}

fn redact_numeric(word: &str) -> String {
    let core = word.trim_matches(|c: char| !c.is_ascii_digit());
    let parts: Vec<&str> = core.split('-').collect();
    let is =
        |p: &str, lens: &[usize]| lens.contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit());
    if parts.len() == 3 && is(parts[0], &[1, 2]) && is(parts[1], &[1, 2]) && is(parts[2], &[4]) {
        return word.replace(core, "[datum]");
    }
    let clock: Vec<&str> = core.split(':').collect();
    if clock.len() == 2 && is(clock[0], &[1, 2]) && is(clock[1], &[2]) {
        return word.replace(core, "[tijd]");
    }
    word.to_string()
}

/// An outline of a page's structure, one line per landmark: the title,
/// headings, messages, forms with their fields (type, name, label) and
/// buttons, tables with their caption, columns and number of rows, and
/// charts by their accessible name. Values typed into fields are left out;
/// ids, dates and times are redacted. Meant for `insta` snapshots: a change
/// in what a page offers shows up as a readable diff.
pub fn outline(html: &str) -> String {
    let doc = Html::parse_document(html);
    let labels: HashMap<String, String> = doc
        .select(&selector("label[for]"))
        .map(|l| (l.value().attr("for").unwrap().to_string(), text_of(l)))
        .collect();
    let mut lines = Vec::new();
    if let Some(title) = doc.select(&selector("title")).next() {
        lines.push(format!("title: {}", text_of(title)));
    }
    let body = doc.select(&selector("body")).next().expect("a body");
    for node in body.descendants() {
        let Some(e) = ElementRef::wrap(node) else {
            continue;
        };
        if let Some(line) = outline_line(e, &labels) {
            let depth = e
                .ancestors()
                .filter_map(ElementRef::wrap)
                .filter(|a| matches!(a.value().name(), "form" | "fieldset" | "nav"))
                .count();
            lines.push(format!("{}{}", "  ".repeat(depth), line));
        }
    }
    redact(&lines.join("\n"))
}

/// " → path" for a button that submits its form elsewhere.
fn formaction(e: ElementRef) -> String {
    e.value()
        .attr("formaction")
        .map(|a| format!(" → {a}"))
        .unwrap_or_default()
}

fn outline_line(e: ElementRef, labels: &HashMap<String, String>) -> Option<String> {
    let el = e.value();
    let classes: Vec<&str> = el.classes().collect();
    let inside = |tag: &str| {
        e.ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == tag)
    };
    let label_of = |e: ElementRef| {
        let by_for = e.value().id().and_then(|id| labels.get(id)).cloned();
        let wrapping = e
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().name() == "label")
            .map(text_of);
        let aria = e.value().attr("aria-label").map(str::to_string);
        by_for.or(wrapping).or(aria).unwrap_or_default()
    };
    match el.name() {
        "h1" | "h2" | "h3" | "h4" => Some(format!("{}: {}", el.name(), text_of(e))),
        "nav" => Some(format!(
            "nav {}: {}",
            el.attr("aria-label").unwrap_or(""),
            e.select(&selector("a, [aria-current]"))
                .map(|a| {
                    let mark = if a.value().attr("aria-current").is_some() {
                        "*"
                    } else {
                        ""
                    };
                    format!("{mark}{}", text_of(a))
                })
                .collect::<Vec<_>>()
                .join(" · ")
        )),
        "form" => Some(format!(
            "form {} {}",
            el.attr("method").unwrap_or("get").to_uppercase(),
            el.attr("action").unwrap_or("")
        )),
        "fieldset" => {
            let legend = e.select(&selector("legend")).next().map(text_of);
            Some(format!("fieldset: {}", legend.unwrap_or_default()))
        }
        "input" | "select" | "textarea" => {
            let kind = match el.name() {
                "input" => el.attr("type").unwrap_or("text"),
                other => other,
            };
            let name = el.attr("name").unwrap_or("");
            match kind {
                "hidden" => Some(format!("hidden {name}")),
                "submit" => Some(format!(
                    "button \"{}\"{}",
                    el.attr("value").unwrap_or_default(),
                    formaction(e)
                )),
                _ => Some(format!("{kind} {name} \"{}\"", label_of(e))),
            }
        }
        "button" => Some(format!("button \"{}\"{}", text_of(e), formaction(e))),
        "table" => {
            let caption = e.select(&selector("caption")).next().map(text_of);
            let heads: Vec<String> = e.select(&selector("thead th")).map(text_of).collect();
            let rows = e.select(&selector("tbody tr")).count();
            Some(format!(
                "table \"{}\": {} ({rows} rijen)",
                caption.unwrap_or_default(),
                heads.join(" | ")
            ))
        }
        "svg" if !inside("svg") => {
            let name = el
                .attr("aria-label")
                .map(str::to_string)
                .or_else(|| e.select(&selector("title")).next().map(text_of));
            Some(format!("chart \"{}\"", name.unwrap_or_default()))
        }
        _ if classes
            .iter()
            .any(|c| matches!(*c, "notice" | "error" | "errors")) =>
        {
            let kind = if classes.contains(&"notice") {
                "notice"
            } else {
                "error"
            };
            Some(format!("{kind}: {}", text_of(e)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Vraag</title></head><body>
        <h1>Afweging</h1>
        <p class="notice">Opgeslagen.</p>
        <form method="post" action="/afwegingen/0b6f1c2e-4d5a-4b3c-9e8f-123456789abc/vraag">
          <input type="hidden" name="_csrf" value="t">
          <label for="v">Vraag</label><input id="v" name="vraag" value="Wat doen we?">
          <label><input type="checkbox" name="c" value="a" checked> A</label>
          <input type="checkbox" name="c" value="b">
          <select name="niveau"><option value="buurt">Buurt</option><option value="wijk" selected>Wijk</option></select>
          <textarea name="t">regel</textarea>
          <button>Opslaan</button>
        </form>
        <table><caption>Opties</caption><thead><tr><th>Naam</th><th>Kosten</th></tr></thead>
        <tbody><tr><td>x</td><td>1</td></tr></tbody></table>
        <p>Vastgelegd op 3 december 2026 om 14:05.</p>
        </body></html>"#;

    #[test]
    fn a_form_sends_what_a_browser_would() {
        let mut f = form(
            PAGE,
            "/afwegingen/0b6f1c2e-4d5a-4b3c-9e8f-123456789abc/vraag",
        );
        assert_eq!(f.get("vraag"), Some("Wat doen we?"));
        assert_eq!(f.all("c"), ["a"]);
        assert_eq!(f.get("niveau"), Some("wijk"));
        assert_eq!(f.get("t"), Some("regel"));
        f.set("vraag", "Anders").tick("c", "b");
        assert_eq!(f.get("vraag"), Some("Anders"));
        assert_eq!(f.all("c"), ["a", "b"]);
    }

    #[test]
    fn the_outline_shows_structure_without_values_or_ids() {
        let o = outline(PAGE);
        assert_eq!(
            o,
            "title: Vraag\nh1: Afweging\nnotice: Opgeslagen.\nform POST /afwegingen/[id]/vraag\n  hidden _csrf\n  text vraag \"Vraag\"\n  checkbox c \"A\"\n  checkbox c \"\"\n  select niveau \"\"\n  textarea t \"\"\n  button \"Opslaan\"\ntable \"Opties\": Naam | Kosten (1 rijen)"
        );
    }

    #[test]
    fn dates_and_times_are_redacted() {
        assert_eq!(
            redact("Vastgelegd op 3 december 2026, om 14:05 (03-12-2026)."),
            "Vastgelegd op [datum], om [tijd] ([datum])."
        );
    }
}
