//! End-to-end tests of `wikken doelen`: the example as JSON and as a Dutch
//! table, standard input, and bad files.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn wikken() -> Command {
    Command::cargo_bin("wikken").expect("the wikken binary is built")
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/doelen.json")
}

fn json_of(args: &[&str], stdin: Option<String>) -> Value {
    let mut cmd = wikken();
    cmd.args(args);
    if let Some(text) = stdin {
        cmd.write_stdin(text);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_example_as_json_has_the_spec_shape() {
    let path = example();
    let v = json_of(
        &["doelen", path.to_str().unwrap(), "--format", "json"],
        None,
    );
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["goals"]);
    let goals = v["goals"].as_array().unwrap();
    let ids: Vec<&str> = goals.iter().map(|g| g["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "waardering-vogelbuurt",
            "achterstand-bloemenwijk",
            "label-a-rivierenwijk",
            "veiligheid-rivierenwijk"
        ]
    );
    let statuses: Vec<&str> = goals
        .iter()
        .map(|g| g["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["op koers", "achter", "te weinig gegevens", "ver achter"]
    );
    // as_of 2025. Vogelbuurt: 6.4 (2019) → 7.2 (2027), latest 7.0 in 2024:
    // y*(2024) = 6.4 + 0.8·5/8 = 6.9; r = 0.6/0.5 = 1.2; t* = 2019 + 0.6·8/0.8 = 2025.
    let g = &goals[0];
    assert_eq!(
        g["latest"],
        serde_json::json!({ "year": 2024, "value": 7.0 })
    );
    assert!((g["plan_value"].as_f64().unwrap() - 6.9).abs() < 1e-12);
    assert!((g["progress_ratio"].as_f64().unwrap() - 1.2).abs() < 1e-12);
    assert!((g["years_ahead"].as_f64().unwrap() - 1.0).abs() < 1e-12);
    assert_eq!(
        (g["stale"].as_bool(), g["next_due"].as_i64()),
        (Some(false), Some(2025))
    );
    let t = &g["trend"];
    let (lo, s, hi) = (
        t["slope_low"].as_f64().unwrap(),
        t["slope"].as_f64().unwrap(),
        t["slope_high"].as_f64().unwrap(),
    );
    assert!(lo <= s && s <= hi);
    // Bloemenwijk (down): 4.8 (2020) → 3.0 (2026), latest 3.85 in 2024:
    // y*(2024) = 4.8 − 1.8·4/6 = 3.6; r = 0.95/1.2 = 0.7916…
    assert!((goals[1]["progress_ratio"].as_f64().unwrap() - 0.95 / 1.2).abs() < 1e-12);
    // two points (baseline 2022 and 2024): no trend, no chance
    assert_eq!(goals[2]["trend"], Value::Null);
    assert_eq!(goals[2]["chance"], Value::Null);
    // the latest figure (2022) plus 2 years: due 2024, overdue in 2025
    assert_eq!(goals[3]["next_due"], 2024);
    assert_eq!(goals[3]["stale"], true);
}

#[test]
fn the_json_is_the_engines() {
    let text = std::fs::read_to_string(example()).unwrap();
    let file = wikken_core::goals::read(&text).unwrap();
    let expected = wikken_core::goals::to_output_json(&wikken_core::goals::assess(&file));
    let path = example();
    let got = json_of(
        &["doelen", path.to_str().unwrap(), "--format", "json"],
        None,
    );
    assert_eq!(got, expected);
}

#[test]
fn the_table_is_dutch() {
    let out = wikken().arg("doelen").arg(example()).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for label in [
        "Doelen op koers? Stand 2025 (4 doelen)",
        "op koers",
        "ver achter",
        "te weinig gegevens",
        "Voortgang",
        "1,20",
        "1,0 jaar voor",
        "3,85 (2024)",
        "2024 (achterstallig)",
        "Planlijn en trend",
        "↓ 3 (2026)",
        "6,4 (2019)",
        " %",
    ] {
        assert!(text.contains(label), "lacks {label:?}:\n{text}");
    }
    // no decimal points in the numbers
    assert!(!text.contains("1.20") && !text.contains("3.85"), "{text}");
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let text = std::fs::read_to_string(example()).unwrap();
    let path = example();
    let from_file = json_of(
        &["doelen", path.to_str().unwrap(), "--format", "json"],
        None,
    );
    let from_stdin = json_of(&["doelen", "-", "--format", "json"], Some(text));
    assert_eq!(from_file, from_stdin);
}

#[test]
fn without_as_of_the_latest_figure_counts() {
    let text = r#"{ "goals": [
        { "id": "a", "direction": "up", "baseline": { "year": 2020, "value": 1 },
          "target": { "year": 2030, "value": 2 },
          "observations": [ { "year": 2023, "value": 1.2 } ] },
        { "id": "b", "direction": "down", "baseline": { "year": 2021, "value": 5 },
          "target": { "year": 2025, "value": 4 }, "interval_years": 3, "observations": [] }
    ] }"#;
    let v = json_of(&["doelen", "-", "--format", "json"], Some(text.into()));
    // as_of 2023: b has no figure, L = 2021, due 2024, not yet overdue
    assert_eq!(v["goals"][1]["status"], "geen gegevens");
    assert_eq!(v["goals"][1]["next_due"], 2024);
    assert_eq!(v["goals"][1]["stale"], false);
    // a: 2 points (baseline and 2023)
    assert_eq!(v["goals"][0]["status"], "te weinig gegevens");
}

#[test]
fn a_bad_file_names_every_problem_and_prints_nothing() {
    let bad = r#"{
      "as_of": 2025,
      "goals": [
        { "id": "a", "direction": "up",
          "baseline": { "year": 2020, "value": 6.5 }, "target": { "year": 2025, "value": 6.0 },
          "interval_years": 0,
          "observations": [ { "year": 2021, "value": 6.6 }, { "year": 2021, "value": 6.7 } ] },
        { "id": "b", "direction": "omhoog",
          "baseline": { "year": 2020, "value": 1 }, "target": { "year": 2019, "value": 2 },
          "observations": [], "kleur": "rood" }
      ]
    }"#;
    let out = wikken()
        .args(["doelen", "-", "--format", "json"])
        .write_stdin(bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "goals[1].direction: \"omhoog\" is not one of \"up\", \"down\"",
            "goals[1].kleur: unknown field (known here: id, direction, baseline, target, interval_years, observations)",
            "goals[0].target.value: must lie above the baseline value (6.5) for direction \"up\", found 6",
            "goals[0].interval_years: must be from 1 to 100, found 0",
            "goals[0].observations[1].year: duplicate year 2021 (also observations[0])",
        ]
    );
}

#[test]
fn a_missing_file_is_named() {
    let out = wikken()
        .args(["doelen", "bestaat-niet.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("bestaat-niet.json: cannot read"));
}
