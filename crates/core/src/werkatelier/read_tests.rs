//! The reader: every rule broken is named with its path; unknown fields
//! and syntax errors; a serialised `Answers` reads back as itself.

use serde_json::{Value, json};

use super::*;

fn base() -> Value {
    json!({
        "criteria": ["leefbaarheid", "betaalbaarheid", "duurzaamheid"],
        "roles": [ { "id": "gemeente", "weight": 2 }, { "id": "huurders" } ],
        "answers": [
            { "participant": "p1", "role": "gemeente",
              "points": { "leefbaarheid": 50, "betaalbaarheid": 30, "duurzaamheid": 20 },
              "ahp": [[1, 3, 5], [0.3333333333, 1, 2], [0.2, 0.5, 1]],
              "option_scores": { "A": 7, "B": 5, "C": 5 } },
            { "participant": "p2", "role": "huurders",
              "points": { "leefbaarheid": 0, "betaalbaarheid": 100, "duurzaamheid": 0 },
              "option_scores": { "A": 1, "B": 8, "C": 5 } }
        ]
    })
}

/// The problems as `path: message` lines.
fn problems(v: &Value) -> Vec<String> {
    match parse_answers(&v.to_string()) {
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
    let a = parse_answers(&base().to_string()).unwrap();
    assert_eq!(a.min_role_size, 3);
    assert_eq!(a.roles[0].weight, 2.0);
    assert_eq!(a.roles[1].weight, 1.0);
    assert_eq!(a.answers[1].points.as_ref().unwrap()["betaalbaarheid"], 100);
    assert_eq!(a.answers[1].ahp, None);
    let keys: Vec<&String> = a.answers[0]
        .option_scores
        .as_ref()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(keys, ["A", "B", "C"]);
    assert_eq!(validate(&a), Ok(()));
}

#[test]
fn a_serialised_answers_file_reads_back_as_itself() {
    let a = parse_answers(&base().to_string()).unwrap();
    let text = serde_json::to_string_pretty(&a).unwrap();
    assert!(!text.contains("null"), "absent fields are left out: {text}");
    assert_eq!(parse_answers(&text).unwrap(), a);
}

#[test]
fn criteria_and_roles_rules() {
    assert_eq!(
        with(|v| {
            v["criteria"] = json!(["a"]);
            v["answers"] = json!([]);
        }),
        ["criteria: at least 2 criteria are needed, found 1"]
    );
    assert_eq!(
        with(|v| {
            v["criteria"] = json!(["a", "b", "a"]);
            v["answers"] = json!([]);
        }),
        ["criteria[2]: duplicate id \"a\""]
    );
    assert_eq!(
        with(|v| v["roles"] = json!([])),
        [
            "roles: at least one role is needed",
            "answers[0].role: unknown role \"gemeente\"",
            "answers[1].role: unknown role \"huurders\""
        ]
    );
    assert_eq!(
        with(|v| {
            v["roles"][1]["id"] = json!("gemeente");
            v["roles"][0]["weight"] = json!(0);
        }),
        [
            "roles[1].id: duplicate id \"gemeente\"",
            "roles[0].weight: must be more than 0, found 0",
            "answers[1].role: unknown role \"huurders\""
        ]
    );
    assert_eq!(
        with(|v| v["min_role_size"] = json!(0)),
        ["min_role_size: must be 1 or more, found 0"]
    );
    assert_eq!(
        with(|v| v["answers"][1]["participant"] = json!("p1")),
        ["answers[1].participant: duplicate id \"p1\""]
    );
}

#[test]
fn points_rules() {
    assert_eq!(
        with(|v| v["answers"][0]["points"]["leefbaarheid"] = json!(49)),
        ["answers[0].points: the points must sum to 100, found 99"]
    );
    assert_eq!(
        with(|v| {
            let p = v["answers"][0]["points"].as_object_mut().unwrap();
            p.remove("duurzaamheid");
            p.insert("groen".into(), json!(20));
        }),
        [
            "answers[0].points: missing points for criterion \"duurzaamheid\"",
            "answers[0].points.groen: unknown criterion \"groen\""
        ]
    );
    // a value that cannot be read is named once; the sum follows from it
    assert_eq!(
        with(|v| v["answers"][0]["points"]["leefbaarheid"] = json!(49.5)),
        ["answers[0].points.leefbaarheid: must be a whole number of points, found 49.5"]
    );
    assert_eq!(
        with(|v| v["answers"][0]["points"]["leefbaarheid"] = json!(-50)),
        ["answers[0].points.leefbaarheid: must be 0 or more, found -50"]
    );
    assert_eq!(
        with(|v| v["answers"][0]["points"]["leefbaarheid"] = json!("50")),
        ["answers[0].points.leefbaarheid: expected a whole number, found a string"]
    );
}

#[test]
fn ahp_rules() {
    assert_eq!(
        with(|v| v["answers"][0]["ahp"] = json!([[1, 2], [0.5, 1]])),
        ["answers[0].ahp: must have 3 rows, one per criterion, found 2"]
    );
    assert_eq!(
        with(|v| v["answers"][0]["ahp"][1] = json!([0.3333333333, 1])),
        ["answers[0].ahp[1]: must have 3 entries, found 2"]
    );
    assert_eq!(
        with(|v| {
            v["answers"][0]["ahp"][0][2] = json!(10);
            v["answers"][0]["ahp"][2][0] = json!(0.1);
        }),
        [
            "answers[0].ahp[0][2]: not on Saaty's scale (1/9 to 9), found 10",
            "answers[0].ahp[2][0]: not on Saaty's scale (1/9 to 9), found 0.1"
        ]
    );
    assert_eq!(
        with(|v| v["answers"][0]["ahp"][1][1] = json!(2)),
        ["answers[0].ahp[1][1]: the diagonal must be 1, found 2"]
    );
    assert_eq!(
        with(|v| v["answers"][0]["ahp"][2][1] = json!(0.4)),
        ["answers[0].ahp[2][1]: not the reciprocal of ahp[1][2]"]
    );
    // the ends of the scale within a relative 1e-6
    assert!(
        with(|v| {
            v["answers"][0]["ahp"][0][2] = json!(9.000005);
            v["answers"][0]["ahp"][2][0] = json!(0.111111);
        })
        .is_empty()
    );
    assert_eq!(
        with(|v| v["answers"][0]["ahp"][1][0] = json!(null)),
        ["answers[0].ahp[1][0]: expected a number, found null"]
    );
}

#[test]
fn option_scores_must_name_the_same_options() {
    assert_eq!(
        with(|v| {
            let s = v["answers"][1]["option_scores"].as_object_mut().unwrap();
            s.remove("C");
            s.insert("D".into(), json!(3));
        }),
        [
            "answers[1].option_scores.D: unknown option \"D\" (answers[0] does not score it)",
            "answers[1].option_scores: missing option \"C\" (answers[0] scores it)"
        ]
    );
    // an answer without option scores is fine
    assert!(
        with(|v| {
            v["answers"][1]
                .as_object_mut()
                .unwrap()
                .remove("option_scores");
        })
        .is_empty()
    );
}

#[test]
fn unknown_fields_missing_fields_and_types() {
    assert_eq!(
        with(|v| v["answers"][0]["pionts"] = json!({})),
        [
            "answers[0].pionts: unknown field (known here: participant, role, points, ahp, option_scores)"
        ]
    );
    assert_eq!(
        with(|v| v["titel"] = json!("x")),
        ["titel: unknown field (known here: criteria, roles, min_role_size, answers)"]
    );
    assert_eq!(
        with(|v| {
            v.as_object_mut().unwrap().remove("criteria");
        }),
        ["criteria: missing (required)"]
    );
    assert_eq!(
        with(|v| {
            v["answers"][0].as_object_mut().unwrap().remove("role");
            v["answers"][1] = json!(5);
        }),
        [
            "answers[0].role: missing (required)",
            "answers[1]: expected an object, found a number"
        ]
    );
    assert_eq!(
        with(|v| v["roles"] = json!("gemeente")),
        ["roles: expected an array, found a string"]
    );
    assert_eq!(
        problems(&json!([1])),
        ["the file must hold one JSON object (a werkatelier's answers)"]
    );
}

#[test]
fn syntax_errors_name_line_and_column() {
    let e = parse_answers("{\"criteria\": [}").unwrap_err();
    assert_eq!(e.0.len(), 1);
    assert!(e.0[0].message.starts_with("line 1, column 15"), "{e}");
    let e = parse_answers("{\"criteria\": [], \"criteria\": []}").unwrap_err();
    assert!(e.0[0].message.contains("duplicate key"), "{e}");
}

#[test]
fn answers_built_in_code_are_validated_too() {
    let mut a = parse_answers(&base().to_string()).unwrap();
    a.roles[0].weight = f64::NAN;
    a.answers[0].option_scores.as_mut().unwrap()["A"] = f64::INFINITY;
    let e = validate(&a).unwrap_err();
    let lines: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "roles[0].weight: must be more than 0, found NaN",
            "answers[0].option_scores.A: must be a finite number, found inf"
        ]
    );
}
