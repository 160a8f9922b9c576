//! The reader: every rule broken is named with its path; unknown fields,
//! types and syntax; a serialised file reads back as itself; the same
//! rules in Dutch for the web form.

use serde_json::{Value, json};

use super::rules::{
    FIELD_BASELINE_VALUE, FIELD_BASELINE_YEAR, FIELD_INTERVAL, FIELD_OBSERVATIONS,
    FIELD_TARGET_VALUE, FIELD_TARGET_YEAR, MAX_OBSERVATIONS,
};
use super::*;

fn base() -> Value {
    json!({
        "as_of": 2027,
        "goals": [
            { "id": "waardering-vogelbuurt", "direction": "up",
              "baseline": { "year": 2020, "value": 6.5 },
              "target": { "year": 2025, "value": 7.0 },
              "interval_years": 2,
              "observations": [ { "year": 2022, "value": 6.6 }, { "year": 2020, "value": 6.5 } ] },
            { "id": "leegstand", "direction": "down",
              "baseline": { "year": 2021, "value": 4 },
              "target": { "year": 2026, "value": 2.5 },
              "observations": [] }
        ]
    })
}

/// The problems as `path: message` lines.
fn problems(v: &Value) -> Vec<String> {
    match read(&v.to_string()) {
        Ok(_) => Vec::new(),
        Err(e) => e.iter().map(ToString::to_string).collect(),
    }
}

/// Applies `change` to the base file and returns its problems.
fn with(change: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut v = base();
    change(&mut v);
    problems(&v)
}

#[test]
fn the_base_file_reads_with_its_defaults() {
    let f = read(&base().to_string()).unwrap();
    assert_eq!(f.as_of, Some(2027));
    assert_eq!(f.goals.len(), 2);
    let g = &f.goals[0];
    assert_eq!(g.direction, Direction::Up);
    assert_eq!(
        g.baseline,
        Point {
            year: 2020,
            value: 6.5
        }
    );
    assert_eq!(g.interval_years, 2);
    // file order is kept; the maths sorts
    assert_eq!(g.observations[0].year, 2022);
    assert_eq!(f.goals[1].direction, Direction::Down);
    assert_eq!(f.goals[1].interval_years, DEFAULT_INTERVAL_YEARS);
    assert!(f.goals[1].observations.is_empty());
    assert!(f.goals.iter().all(|g| check_goal(g).is_empty()));
}

#[test]
fn a_serialised_file_reads_back_as_itself() {
    let f = read(&base().to_string()).unwrap();
    let text = serde_json::to_string_pretty(&f).unwrap();
    assert_eq!(read(&text).unwrap(), f);
    let without = GoalsFile { as_of: None, ..f };
    let text = serde_json::to_string(&without).unwrap();
    assert!(!text.contains("as_of"), "{text}");
    assert_eq!(read(&text).unwrap(), without);
}

#[test]
fn as_of_may_be_left_out_or_null() {
    let f = read(&with_value(|v| {
        v.as_object_mut().unwrap().remove("as_of");
    }))
    .unwrap();
    assert_eq!(f.as_of, None);
    let f = read(&with_value(|v| v["as_of"] = Value::Null)).unwrap();
    assert_eq!(f.as_of, None);
    assert_eq!(
        with(|v| v["as_of"] = json!(20270)),
        ["as_of: must be a year from 1 to 9999, found 20270"]
    );
    assert_eq!(
        with(|v| v["as_of"] = json!("2027")),
        ["as_of: expected a whole number, found a string"]
    );
}

fn with_value(change: impl FnOnce(&mut Value)) -> String {
    let mut v = base();
    change(&mut v);
    v.to_string()
}

#[test]
fn the_rules_of_a_goal_are_named_by_path() {
    assert_eq!(
        with(|v| v["goals"][0]["target"]["year"] = json!(2020)),
        ["goals[0].target.year: must be after baseline.year (2020), found 2020"]
    );
    assert_eq!(
        with(|v| v["goals"][0]["target"]["value"] = json!(6.5)),
        [
            "goals[0].target.value: must lie above the baseline value (6.5) for direction \"up\", found 6.5"
        ]
    );
    assert_eq!(
        with(|v| v["goals"][1]["target"]["value"] = json!(5)),
        [
            "goals[1].target.value: must lie below the baseline value (4) for direction \"down\", found 5"
        ]
    );
    assert_eq!(
        with(|v| v["goals"][1]["interval_years"] = json!(0)),
        ["goals[1].interval_years: must be from 1 to 100, found 0"]
    );
    assert_eq!(
        with(|v| v["goals"][1]["interval_years"] = json!(5_000_000_000u64)),
        ["goals[1].interval_years: must be from 1 to 100, found 5000000000"]
    );
    assert_eq!(
        with(|v| v["goals"][0]["observations"][1]["year"] = json!(2022)),
        ["goals[0].observations[1].year: duplicate year 2022 (also observations[0])"]
    );
    assert_eq!(
        with(|v| v["goals"][0]["baseline"]["year"] = json!(0)),
        ["goals[0].baseline.year: must be a year from 1 to 9999, found 0"]
    );
    assert_eq!(
        with(|v| v["goals"][0]["observations"][0]["year"] = json!(1i64 << 40)),
        ["goals[0].observations[0].year: must be a year from 1 to 9999, found 1099511627776"]
    );
    assert_eq!(
        with(|v| v["goals"][1]["baseline"]["value"] = json!(2e12)),
        ["goals[1].baseline.value: must lie from -1e12 to 1e12, found 2000000000000"]
    );
}

#[test]
fn too_many_observations_are_refused_before_the_maths() {
    let many: Vec<Value> = (0..=MAX_OBSERVATIONS as i32)
        .map(|i| json!({ "year": 1800 + i, "value": 1 }))
        .collect();
    assert_eq!(
        with(|v| v["goals"][1]["observations"] = Value::Array(many)),
        ["goals[1].observations: at most 200 observations, found 201"]
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let lines = with(|v| {
        v["kleur"] = json!("rood");
        v["goals"][0]["direction"] = json!("sideways");
        v["goals"][0]["target"]["year"] = json!(2019);
        v["goals"][1]["target"]["year"] = json!(2019);
        v["goals"][1]["observations"] =
            json!([{ "year": 2022 }, { "year": 2023, "value": 1, "bron": "x" }]);
    });
    assert_eq!(
        lines,
        [
            // goal 0 is unreadable: its rules are not checked
            "goals[0].direction: \"sideways\" is not one of \"up\", \"down\"",
            "goals[1].observations[0].value: missing (required)",
            "goals[1].observations[1].bron: unknown field (known here: year, value)",
            "kleur: unknown field (known here: as_of, goals)",
        ]
    );
    // with the reading mended, the rules of both goals are named
    let lines = with(|v| {
        v["goals"][0]["target"]["year"] = json!(2019);
        v["goals"][1]["target"]["year"] = json!(2019);
    });
    assert_eq!(
        lines,
        [
            "goals[0].target.year: must be after baseline.year (2020), found 2019",
            "goals[1].target.year: must be after baseline.year (2021), found 2019",
        ]
    );
}

#[test]
fn types_and_required_fields() {
    assert_eq!(
        with(|v| {
            let g = v["goals"][0].as_object_mut().unwrap();
            g.remove("id");
            g.remove("observations");
            g.insert("interval_years".into(), Value::Null);
        }),
        [
            "goals[0].id: missing (required)",
            "goals[0].interval_years: expected a whole number from 0 to 18446744073709551615, found null",
            "goals[0].observations: missing (required)",
        ]
    );
    assert_eq!(
        with(|v| v["goals"] = json!({})),
        ["goals: expected an array, found an object"]
    );
    assert_eq!(
        with(|v| v["goals"][0]["baseline"] = json!([2020, 6.5])),
        ["goals[0].baseline: expected an object, found an array"]
    );
    assert_eq!(
        with(|v| v["goals"][0]["baseline"]["year"] = json!(2020.5)),
        ["goals[0].baseline.year: expected a whole number, found a number"]
    );
    assert_eq!(
        problems(&json!([])),
        ["the file must hold one JSON object (goals and their indicator series)"]
    );
    assert_eq!(problems(&json!({})), ["goals: missing (required)"]);
    // no goals is a file too
    assert_eq!(read(r#"{ "goals": [] }"#).unwrap().goals, vec![]);
}

#[test]
fn syntax_errors_and_duplicate_keys_name_the_line() {
    let e = read("{\n  \"goals\": [,]\n}").unwrap_err();
    assert_eq!(e.0.len(), 1);
    assert!(e.0[0].message.starts_with("line 2, column"), "{e}");
    let e = read(r#"{ "goals": [], "goals": [] }"#).unwrap_err();
    assert!(e.0[0].message.contains("duplicate"), "{e}");
}

fn valid_goal() -> Goal {
    read(&base().to_string()).unwrap().goals[0].clone()
}

#[test]
fn check_goal_tells_the_web_form_in_dutch() {
    assert_eq!(check_goal(&valid_goal()), vec![]);
    let mut g = valid_goal();
    g.target = Point {
        year: 2019,
        value: 6.0,
    };
    g.interval_years = 0;
    g.observations.push(Point {
        year: 2022,
        value: 6.7,
    });
    g.baseline.value = f64::NAN;
    let fields: Vec<&str> = check_goal(&g).iter().map(|p| p.field).collect();
    // NaN baseline: no side rule (it cannot be judged), but a number is asked
    assert_eq!(
        fields,
        [
            FIELD_BASELINE_VALUE,
            FIELD_TARGET_YEAR,
            FIELD_INTERVAL,
            FIELD_OBSERVATIONS
        ]
    );
    let messages: Vec<String> = check_goal(&g).into_iter().map(|p| p.message).collect();
    assert_eq!(
        messages,
        [
            "Vul een getal in.",
            "Het streefjaar moet na het jaar van de nulmeting (2020) liggen.",
            "Een nieuw cijfer verschijnt elke 1 tot 100 jaar, niet elke 0.",
            "Het jaar 2022 komt meer dan eens voor bij de metingen; laat er één over.",
        ]
    );
    let mut g = valid_goal();
    g.direction = Direction::Down;
    g.baseline.year = 0;
    g.observations[1].value = f64::INFINITY;
    assert_eq!(
        check_goal(&g),
        vec![
            GoalProblem {
                field: FIELD_BASELINE_YEAR,
                message: "Kies een jaar van 1 tot en met 9999, niet 0.".into()
            },
            GoalProblem {
                field: FIELD_TARGET_VALUE,
                message: "Bij \"lager is beter\" moet de streefwaarde lager dan de nulmeting (6,5) zijn; anders is het doel niet meetbaar.".into()
            },
            GoalProblem {
                field: FIELD_OBSERVATIONS,
                message: "Meting 2 (2020): vul een getal in.".into()
            },
        ]
    );
}
