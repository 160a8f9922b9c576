//! End-to-end tests of `wikken werkatelier`: the example as JSON and as a
//! Dutch table, standard input, and bad files.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn wikken() -> Command {
    Command::cargo_bin("wikken").expect("the wikken binary is built")
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/werkatelier.json")
}

#[test]
fn the_example_as_json_has_the_spec_shape() {
    let out = wikken()
        .arg("werkatelier")
        .arg(example())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["points", "ahp", "ranks"]);
    let roles: Vec<&str> = v["points"]["by_role"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["gemeente", "huurders", "corporatie", "zorg"]);
    // zorg has 2 participants, fewer than min_role_size 3
    assert_eq!(v["points"]["by_role"][3]["shown"], false);
    assert_eq!(v["points"]["by_role"][1]["n"], 4);
    // huurders-4 and zorg-2 gave no AHP: huurders has 3, zorg 1 (no consensus)
    assert_eq!(v["ahp"]["by_role"][1]["n"], 3);
    assert_eq!(v["ahp"]["by_role"][3]["consensus"], Value::Null);
    assert_eq!(v["ahp"]["participants"].as_array().unwrap().len(), 10);
    assert_eq!(v["ranks"]["participants"], 12);
    let combined: f64 = v["points"]["combined"]
        .as_object()
        .unwrap()
        .values()
        .map(|x| x.as_f64().unwrap())
        .sum();
    assert!((combined - 1.0).abs() < 1e-12);
    let label = v["ahp"]["consensus"]["label"].as_str().unwrap();
    assert!(["zeer laag", "laag", "matig", "hoog", "zeer hoog"].contains(&label));
    let w = v["ranks"]["kendall_w"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&w));
}

#[test]
fn the_table_is_dutch() {
    let out = wikken().arg("werkatelier").arg(example()).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for label in [
        "Gewichten per rol (100 punten)",
        "gemeente (3)",
        "zorg (2)",
        "(te klein: n < 3)",
        "Samen",
        "Meest afwijkende rol: ",
        "Consensus (S*): ",
        "Kendall's W: ",
        "(12 deelnemers)",
        " %",
    ] {
        assert!(text.contains(label), "lacks {label:?}:\n{text}");
    }
    // percentages with a decimal comma
    assert!(text.contains(",") && !text.contains(".5 %"), "{text}");
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let text = std::fs::read_to_string(example()).unwrap();
    let from_file = wikken()
        .args(["werkatelier", "--format", "json"])
        .arg(example())
        .output()
        .unwrap();
    let from_stdin = wikken()
        .args(["werkatelier", "-", "--format", "json"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(from_stdin.status.success());
    assert_eq!(from_file.stdout, from_stdin.stdout);
}

#[test]
fn a_bad_file_names_every_problem_and_prints_nothing() {
    let bad = r#"{
      "criteria": ["a", "b"],
      "roles": [ { "id": "g", "weight": -1 } ],
      "answers": [
        { "participant": "p1", "role": "g", "points": { "a": 60, "b": 60 } },
        { "participant": "p2", "role": "x", "ahp": [[1, 3], [0.5, 1]], "kleur": "rood" }
      ]
    }"#;
    let out = wikken()
        .args(["werkatelier", "-", "--format", "json"])
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
            "answers[1].kleur: unknown field (known here: participant, role, points, ahp, option_scores)",
            "roles[0].weight: must be more than 0, found -1",
            "answers[0].points: the points must sum to 100, found 120",
            "answers[1].role: unknown role \"x\"",
            "answers[1].ahp[1][0]: not the reciprocal of ahp[0][1]",
        ]
    );
}

#[test]
fn a_missing_file_is_named() {
    let out = wikken()
        .args(["werkatelier", "bestaat-niet.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("bestaat-niet.json: cannot read"));
}
