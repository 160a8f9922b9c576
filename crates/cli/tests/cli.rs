//! End-to-end tests of the `wikken` binary: the examples, JSON output,
//! overrides, the schema, and bad files.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn wikken() -> Command {
    Command::cargo_bin("wikken").expect("the wikken binary is built")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        // the werkatelier's answers and the goals are not models
        .filter(|p| {
            !p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("werkatelier")
                && p.file_name().unwrap() != "doelen.json"
        })
        .collect();
    files.sort();
    assert!(files.len() >= 3, "at least three examples");
    files
}

fn evaluate_json(file: &Path, extra: &[&str]) -> Value {
    let out = wikken()
        .arg("evaluate")
        .arg(file)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_example_evaluates_to_a_dutch_table() {
    for file in examples() {
        let out = wikken().arg("evaluate").arg(&file).output().unwrap();
        assert!(
            out.status.success(),
            "{file:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        for heading in ["Kosten", "Baten", "Saldo", "B/K", "MCA-rang", "P(saldo>0)"] {
            assert!(text.contains(heading), "{file:?} lacks {heading}");
        }
        assert!(text.contains("€ "), "amounts in euros");
    }
}

#[test]
fn example_outputs_have_the_spec_shape() {
    let wijk = evaluate_json(&repo().join("examples/wijk-afweging.json"), &[]);
    let first = &wijk["options"][0];
    for key in [
        "id",
        "name",
        "category",
        "pv_costs",
        "pv_benefits",
        "npv",
        "bcr",
        "by_actor",
        "pm",
        "npv_at_rates",
        "mca",
        "uncertainty",
    ] {
        assert!(first.get(key).is_some(), "option lacks {key}");
    }
    assert_eq!(
        first["npv_at_rates"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["0", "0.04"]
    );
    assert!(wijk["sensitivity"].as_array().unwrap().len() > 5);
    assert!(wijk["value_of_information"]["evpi"].as_f64().unwrap() >= 0.0);
    assert!(wijk.get("portfolio").is_none());
    assert_eq!(wijk["warnings"], serde_json::json!([]));

    let ahp = evaluate_json(&repo().join("examples/mca-ahp-partijen.json"), &[]);
    assert_eq!(ahp["mca"]["method"], "topsis");
    assert!(ahp["mca"]["ahp"]["cr"].as_f64().unwrap() < 0.1);
    assert_eq!(ahp["mca"]["by_weight_set"].as_array().unwrap().len(), 3);

    let pf = evaluate_json(&repo().join("examples/portefeuille-complexen.json"), &[]);
    assert_eq!(pf["portfolio"]["optimal"], true);
    assert!(pf.get("mca").is_none() && pf.get("sensitivity").is_none());
    let spent = pf["portfolio"]["spent"].as_array().unwrap();
    let budgets = &serde_json::from_str::<Value>(
        &std::fs::read_to_string(repo().join("examples/portefeuille-complexen.json")).unwrap(),
    )
    .unwrap()["portfolio"]["budgets"];
    for (s, b) in spent.iter().zip(budgets.as_array().unwrap()) {
        assert!(s.as_f64().unwrap() <= b["max"].as_f64().unwrap() + 1e-6);
    }
}

/// A tiny model worked out by hand at 10 %:
/// a: cost 100 in years 0 and 1 (PV 100 + 90.90..), benefit 121 in year 2 (PV 100);
/// b: benefit 50 in years 0..=5, cut by the horizon of 3 (PV 50 + 45.45.. + 41.32..).
#[test]
fn hand_computed_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hand.json");
    std::fs::write(
        &file,
        r#"{"version": 1, "title": "Hand", "start_year": 2026, "horizon_years": 3,
            "discount_rate": 0.1, "sensitivity_rates": [0, 0.04],
            "actors": [{"id": "corporatie", "name": "C"}, {"id": "huurders", "name": "H"}],
            "options": [
              {"id": "a", "name": "A", "category": "stenen", "flows": [
                {"actor": "corporatie", "kind": "cost", "amount": 100, "to_year": 1},
                {"actor": "huurders", "kind": "benefit", "amount": 121, "from_year": 2}]},
              {"id": "b", "name": "B", "category": "sociaal", "flows": [
                {"actor": "huurders", "kind": "benefit", "amount": 50, "to_year": 5}],
               "pm": [{"label": "Cohesie", "sign": "+"}]}]}"#,
    )
    .unwrap();
    let out = evaluate_json(&file, &[]);
    let close = |v: &Value, x: f64| {
        let got = v.as_f64().unwrap();
        assert!((got - x).abs() < 1e-9, "{got} vs {x}");
    };
    let a = &out["options"][0];
    close(&a["pv_costs"], 100.0 + 100.0 / 1.1);
    close(&a["pv_benefits"], 100.0);
    close(&a["npv"], 100.0 - (100.0 + 100.0 / 1.1));
    close(&a["bcr"], 100.0 / (100.0 + 100.0 / 1.1));
    close(&a["by_actor"]["corporatie"], -(100.0 + 100.0 / 1.1));
    close(&a["by_actor"]["huurders"], 100.0);
    close(&a["npv_at_rates"]["0"], 121.0 - 200.0);
    close(
        &a["npv_at_rates"]["0.04"],
        121.0 / 1.04f64.powi(2) - 100.0 - 100.0 / 1.04,
    );
    assert!(a.get("pm").is_none() && a.get("mca").is_none() && a.get("uncertainty").is_none());
    let b = &out["options"][1];
    close(&b["pv_benefits"], 50.0 + 50.0 / 1.1 + 50.0 / 1.21);
    assert_eq!(b["bcr"], Value::Null);
    close(&b["by_actor"]["corporatie"], 0.0);
    assert_eq!(
        b["pm"],
        serde_json::json!([{"label": "Cohesie", "sign": "+"}])
    );
    for absent in ["mca", "sensitivity", "value_of_information", "portfolio"] {
        assert!(out.get(absent).is_none(), "{absent} should be absent");
    }
}

#[test]
fn iterations_and_seed_override_the_file() {
    let file = repo().join("examples/wijk-afweging.json");
    let a = evaluate_json(&file, &["--iterations", "500", "--seed", "9"]);
    let b = evaluate_json(&file, &["--iterations", "500", "--seed", "9"]);
    let c = evaluate_json(&file, &["--iterations", "500", "--seed", "10"]);
    assert_eq!(a, b, "same seed, same figures");
    assert_ne!(
        a["options"][0]["uncertainty"],
        c["options"][0]["uncertainty"]
    );
    // deterministic figures do not depend on the seed
    assert_eq!(a["options"][0]["npv"], c["options"][0]["npv"]);
    // with 500 iterations, every share is a multiple of 1/500
    let p = a["options"][0]["uncertainty"]["prob_positive"]
        .as_f64()
        .unwrap();
    assert!((p * 500.0 - (p * 500.0).round()).abs() < 1e-9);
    wikken()
        .arg("evaluate")
        .arg(&file)
        .args(["--iterations", "0"])
        .assert()
        .code(2);
}

#[test]
fn the_schema_describes_every_example() {
    let out = wikken().arg("schema").output().unwrap();
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    for file in examples() {
        let model: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&model)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{file:?}: {errors:?}");
    }
    // and it refuses what the engine refuses: an unknown field, a bad id
    let mut model: Value =
        serde_json::from_str(&std::fs::read_to_string(&examples()[0]).unwrap()).unwrap();
    model["colour"] = "blue".into();
    assert!(!validator.is_valid(&model));
    model.as_object_mut().unwrap().remove("colour");
    model["actors"][0]["id"] = "Corporatie!".into();
    assert!(!validator.is_valid(&model));
}

/// Each bad file, and the lines it must produce on standard error (a
/// prefix of each line; every line must be there, in this order).
const BAD: &[(&str, &[&str])] = &[
    (
        "unknown-actor",
        &[r#"options[0].flows[0].actor: unknown actor "gemeent""#],
    ),
    (
        "unknown-field",
        &[
            "options[0].flows[0].amount: missing (required)",
            "options[0].flows[0].ammount: unknown field",
        ],
    ),
    (
        "missing-score",
        &[r#"options[1].scores: missing score for criterion "leefbaarheid""#],
    ),
    (
        "ahp-not-reciprocal",
        &["mca.ahp.matrix[1][0]: not the reciprocal of matrix[0][1]"],
    ),
    (
        "low-above-amount",
        &["options[0].flows[0].uncertainty.low: must be at most amount (1000), found 1200"],
    ),
    (
        "budget-infeasible",
        &["portfolio.budgets[0].max: must be 0 or more, found -500000"],
    ),
    ("syntax-error", &["line 7, column 51: trailing comma"]),
    (
        "many-problems",
        &[
            r#"options[0].category: "huis" is not one of"#,
            "discount_rate: must be from 0 to 0.2, found 0.5",
            r#"options[1].id: duplicate id "a""#,
            r#"options[0].flows[0].actor: unknown actor "rijk""#,
            "options[0].flows[0].amount: must be 0 or more, found -3",
        ],
    ),
];

#[test]
fn bad_files_are_refused_whole_with_every_problem_named() {
    for (name, expected) in BAD {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/bad/{name}.json"));
        for format in ["table", "json"] {
            let out = wikken()
                .arg("evaluate")
                .arg(&file)
                .args(["--format", format])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{name}");
            assert!(out.stdout.is_empty(), "{name}: nothing on standard output");
            let stderr = String::from_utf8(out.stderr).unwrap();
            let lines: Vec<&str> = stderr.lines().collect();
            assert_eq!(lines.len(), expected.len(), "{name}: {stderr}");
            for (line, prefix) in lines.iter().zip(expected.iter()) {
                assert!(
                    line.starts_with(prefix),
                    "{name}: {line:?} should start with {prefix:?}"
                );
            }
        }
    }
}

#[test]
fn iterations_over_the_limits_are_refused_in_dutch() {
    let out = wikken()
        .arg("evaluate")
        .arg(repo().join("examples/wijk-afweging.json"))
        .args(["--iterations", "1000001"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--iterations")
            && stderr.contains("1.000.001 trekkingen, maximaal 1.000.000"),
        "{stderr}"
    );
    // within the limit on iterations, iterations × options still counts
    let out = wikken()
        .arg("evaluate")
        .arg(repo().join("examples/portefeuille-complexen.json"))
        .args(["--iterations", "100000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "uncertainty.iterations: 100.000 trekkingen × 113 opties is 11.300.000, maximaal \
         8.000.000: kies hoogstens 70.796 trekkingen"
    );
}

#[test]
fn a_missing_file_is_named() {
    let out = wikken()
        .args(["evaluate", "nowhere.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("nowhere.json: cannot read the file"));
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let text = std::fs::read_to_string(repo().join("examples/wijk-afweging.json")).unwrap();
    wikken()
        .args(["evaluate", "-", "--format", "json", "--iterations", "100"])
        .write_stdin(text)
        .assert()
        .success();
}

#[test]
fn a_time_limit_gives_the_best_portfolio_found_and_says_so() {
    let file = repo().join("examples/portefeuille-complexen.json");
    let proven = evaluate_json(&file, &[]);
    assert_eq!(proven["portfolio"]["optimal"], true);
    assert!(
        proven["portfolio"].get("gap").is_none(),
        "no gap when proven"
    );

    let hurried = evaluate_json(&file, &["--time-limit", "0,000001"]);
    assert_eq!(hurried["portfolio"]["optimal"], false);
    let gap = hurried["portfolio"]["gap"].as_f64().expect("a gap");
    assert!(gap > 0.0 && gap <= 1.0, "gap {gap}");

    let out = wikken()
        .arg("evaluate")
        .arg(&file)
        .args(["--time-limit", "0.000001"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("niet bewezen optimaal (gap "));

    let out = wikken()
        .arg("evaluate")
        .arg(&file)
        .args(["--time-limit", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("kies meer dan 0"));
}
