//! The whole output of a small file, written out by hand.

use serde_json::{Value, json};

use super::*;

/// Equal JSON, numbers within 1e-9 (absolute) and objects with the same
/// keys in the same order.
fn assert_json_close(got: &Value, want: &Value, at: &str) {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            assert!((a - b).abs() < 1e-9, "{at}: {a} vs {b}");
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{at}: length");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_json_close(x, y, &format!("{at}[{i}]"));
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            let ka: Vec<&String> = a.keys().collect();
            let kb: Vec<&String> = b.keys().collect();
            assert_eq!(ka, kb, "{at}: keys");
            for (k, x) in a {
                assert_json_close(x, &b[k], &format!("{at}.{k}"));
            }
        }
        _ => assert_eq!(got, want, "{at}"),
    }
}

const FILE: &str = r#"{
  "criteria": ["a", "b"],
  "roles": [ { "id": "g", "weight": 1 }, { "id": "h", "weight": 3 } ],
  "min_role_size": 2,
  "answers": [
    { "participant": "p1", "role": "g", "points": { "a": 80, "b": 20 },
      "ahp": [[1, 4], [0.25, 1]], "option_scores": { "X": 3, "Y": 1 } },
    { "participant": "p2", "role": "g", "points": { "a": 20, "b": 80 },
      "ahp": [[1, 0.25], [4, 1]], "option_scores": { "X": 5, "Y": 1 } },
    { "participant": "p3", "role": "h", "points": { "a": 20, "b": 80 },
      "ahp": [[1, 1], [1, 1]], "option_scores": { "X": 1, "Y": 2 } }
  ]
}"#;

#[test]
fn the_whole_output_by_hand() {
    let a = parse_answers(FILE).unwrap();
    let got = serde_json::to_value(evaluate_answers(&a)).unwrap();
    let ln2 = 2f64.ln();
    // Points. g: geometric mean of (0.8, 0.2) and (0.2, 0.8) = (0.4, 0.4)
    // → (0.5, 0.5); h: (0.2, 0.8); combined (1·0.5 + 3·0.2)/4 = 0.275.
    // Spread: clr_a = ln 2, −ln 2, −ln 2 (each p = ½ln(p_a/p_b) on a);
    // mean −⅓ln 2, deviations (4/3, −2/3, −2/3)·ln 2, SS = 24/9·ln²2,
    // /2 → SD = 2 ln 2/√3; the same on b. Two roles are equally far from
    // each other: the first, g, is the most different.
    // AHP. p1 (0.8, 0.2), p2 (0.2, 0.8), p3 (0.5, 0.5), all CR 0 (n = 2).
    // AIJ of g: √(4 · ¼) = 1 → (0.5, 0.5), λmax 2. AIP (1·0.5 + 3·0.5)/4.
    // S* of g: 0.430685 (see consensus.rs). S* of all three:
    // H_α = (2·0.500402 + ln 2)/3 = 0.564651, H_γ = ln 2, H_β = 0.128497,
    // exp(−H_β) = 0.879417; S* = (0.879417 − 0.692073)/0.307927 = 0.608403.
    // Ranks: (1, 2), (1, 2), (2, 1): R = (4, 5), R̄ = 4.5, S = 0.5,
    // W = 12·0.5/(3²·(8 − 2)) = 6/54.
    let g_star = s_star_of(&[[0.8, 0.2], [0.2, 0.8]]);
    let all_star = s_star_of(&[[0.8, 0.2], [0.2, 0.8], [0.5, 0.5]]);
    assert!((g_star - 0.430_685).abs() < 1e-6);
    assert!((all_star - 0.608_403).abs() < 1e-6);
    let sd = 2.0 * ln2 / 3f64.sqrt();
    let want = json!({
        "points": {
            "by_role": [
                { "role": "g", "n": 2, "shown": true, "weights": { "a": 0.5, "b": 0.5 } },
                { "role": "h", "n": 1, "shown": false, "weights": { "a": 0.2, "b": 0.8 } }
            ],
            "combined": { "a": 0.275, "b": 0.725 },
            "spread": { "a": sd, "b": sd },
            "most_different_role": "g"
        },
        "ahp": {
            "participants": [
                { "participant": "p1", "weights": { "a": 0.8, "b": 0.2 }, "cr": 0.0 },
                { "participant": "p2", "weights": { "a": 0.2, "b": 0.8 }, "cr": 0.0 },
                { "participant": "p3", "weights": { "a": 0.5, "b": 0.5 }, "cr": 0.0 }
            ],
            "by_role": [
                { "role": "g", "n": 2, "shown": true, "weights": { "a": 0.5, "b": 0.5 },
                  "lambda_max": 2.0, "cr": 0.0,
                  "consensus": { "s_star": g_star, "label": "zeer laag" } },
                { "role": "h", "n": 1, "shown": false, "weights": { "a": 0.5, "b": 0.5 },
                  "lambda_max": 2.0, "cr": 0.0, "consensus": null }
            ],
            "combined": { "a": 0.5, "b": 0.5 },
            "consensus": { "s_star": all_star, "label": "laag" }
        },
        "ranks": { "kendall_w": 6.0 / 54.0, "participants": 3 }
    });
    assert_json_close(&got, &want, "");
}

fn s_star_of(vs: &[[f64; 2]]) -> f64 {
    consensus::s_star(&vs.iter().map(|v| v.to_vec()).collect::<Vec<_>>()).unwrap()
}

#[test]
fn parts_without_answers_are_left_out() {
    let a = parse_answers(
        r#"{ "criteria": ["a", "b"], "roles": [ { "id": "g" }, { "id": "h" } ],
             "answers": [ { "participant": "p1", "role": "h", "points": { "a": 100, "b": 0 } } ] }"#,
    )
    .unwrap();
    let got = serde_json::to_value(evaluate_answers(&a)).unwrap();
    // one participant: p = (100, 0.5)/100.5; no spread, no most different role
    let want = json!({
        "points": {
            "by_role": [
                { "role": "h", "n": 1, "shown": false,
                  "weights": { "a": 100.0 / 100.5, "b": 0.5 / 100.5 } }
            ],
            "combined": { "a": 100.0 / 100.5, "b": 0.5 / 100.5 },
            "spread": { "a": null, "b": null },
            "most_different_role": null
        }
    });
    assert_json_close(&got, &want, "");
    let none =
        parse_answers(r#"{ "criteria": ["a", "b"], "roles": [ { "id": "g" } ], "answers": [] }"#)
            .unwrap();
    assert_eq!(
        serde_json::to_value(evaluate_answers(&none)).unwrap(),
        json!({})
    );
}
