//! Which area a feature describes: its CBS code and name, read from the
//! properties CBS and PDOK files use (`statcode`, `buurtcode`, ...).

use serde_json::{Map, Value};

use crate::area::{AreaCode, AreaLevel};

/// Properties that may hold the area code, in the order they are tried.
pub(crate) const CODE_KEYS: [&str; 6] = [
    "statcode",
    "buurtcode",
    "wijkcode",
    "gemeentecode",
    "code",
    "gwb_code_10",
];

/// What the properties say about the area.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CodeLookup {
    /// The most specific valid code.
    Found(AreaCode),
    /// Code properties are there, but none holds a valid code: the first
    /// such property and its value as text.
    Invalid { key: &'static str, value: String },
    /// No code property at all.
    Missing,
}

/// The value of a property, matching its name case-insensitively.
fn property<'a>(props: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    props.get(key).or_else(|| {
        props
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// Whether the properties have any of the code properties.
pub(crate) fn has_code_property(props: Option<&Map<String, Value>>) -> bool {
    props.is_some_and(|p| CODE_KEYS.iter().any(|k| property(p, k).is_some()))
}

fn specificity(level: AreaLevel) -> u8 {
    match level {
        AreaLevel::Gemeente => 0,
        AreaLevel::Wijk => 1,
        AreaLevel::Buurt => 2,
    }
}

/// The area code: of the code properties that hold a valid code, the most
/// specific (a buurt's `buurtcode` over its `gemeentecode`).
pub(crate) fn area_code(props: Option<&Map<String, Value>>) -> CodeLookup {
    let Some(props) = props else {
        return CodeLookup::Missing;
    };
    let mut best: Option<AreaCode> = None;
    let mut first_invalid: Option<(&'static str, String)> = None;
    for key in CODE_KEYS {
        let Some(value) = property(props, key) else {
            continue;
        };
        match value.as_str().and_then(AreaCode::parse) {
            Some(code)
                if best
                    .as_ref()
                    .is_none_or(|b| specificity(code.level()) > specificity(b.level())) =>
            {
                best = Some(code);
            }
            Some(_) => {}
            None if first_invalid.is_none() => {
                let text = match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                first_invalid = Some((key, text));
            }
            None => {}
        }
    }
    match (best, first_invalid) {
        (Some(code), _) => CodeLookup::Found(code),
        (None, Some((key, value))) => CodeLookup::Invalid { key, value },
        (None, None) => CodeLookup::Missing,
    }
}

/// The area's name: the property for its level (`buurtnaam`, also as
/// `buurtnaam_kwb2024`), else `statnaam` or `naam`.
pub(crate) fn area_name(props: Option<&Map<String, Value>>, level: AreaLevel) -> Option<String> {
    let props = props?;
    let specific: [&str; 2] = match level {
        AreaLevel::Buurt => ["buurtnaam", "buurtnaam_kwb2024"],
        AreaLevel::Wijk => ["wijknaam", "wijknaam_kwb2024"],
        AreaLevel::Gemeente => ["gemeentenaam", "gemeentenaam_kwb2024"],
    };
    specific
        .into_iter()
        .chain(["statnaam", "statnaam_kwb2024", "naam", "naam_kwb2024"])
        .filter_map(|k| property(props, k)?.as_str())
        .map(str::trim)
        .find(|name| !name.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_most_specific_valid_code_wins() {
        let p = props(
            r#"{"gemeentecode":"GM0114","wijkcode":"WK011413","buurtcode":"BU01141308",
                "gemeentenaam":"Emmen","buurtnaam_kwb2024":"Ermerveen"}"#,
        );
        let CodeLookup::Found(code) = area_code(Some(&p)) else {
            panic!("no code found")
        };
        assert_eq!(code.as_str(), "BU01141308");
        assert_eq!(
            area_name(Some(&p), code.level()).as_deref(),
            Some("Ermerveen")
        );
        // an invalid buurtcode does not hide a valid wijkcode
        let p = props(r#"{"buurtcode":"BU12","WIJKCODE":"WK011413"}"#);
        assert_eq!(
            area_code(Some(&p)),
            CodeLookup::Found(AreaCode::parse("WK011413").unwrap())
        );
        assert_eq!(area_name(Some(&p), AreaLevel::Wijk), None);
    }

    #[test]
    fn invalid_and_missing_codes() {
        let p = props(r#"{"statcode":"xyz","statnaam":"Nergens"}"#);
        assert_eq!(
            area_code(Some(&p)),
            CodeLookup::Invalid {
                key: "statcode",
                value: "xyz".into()
            }
        );
        let p = props(r#"{"code":855}"#);
        assert_eq!(
            area_code(Some(&p)),
            CodeLookup::Invalid {
                key: "code",
                value: "855".into()
            }
        );
        assert!(has_code_property(Some(&p)));
        let p = props(r#"{"naam":"Tilburg"}"#);
        assert_eq!(area_code(Some(&p)), CodeLookup::Missing);
        assert!(!has_code_property(Some(&p)));
        assert_eq!(area_code(None), CodeLookup::Missing);
    }
}
