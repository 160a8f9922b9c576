//! Bad input: every problem, named by its JSON path.

use super::parse_model;
use serde_json::{Value, json};

fn minimal() -> Value {
    json!({
        "version": 1,
        "title": "Proef",
        "start_year": 2026,
        "actors": [{"id": "corporatie", "name": "Corporatie"}, {"id": "gemeente", "name": "Gemeente"}],
        "criteria": [{"id": "c1", "name": "Leefbaarheid", "direction": "max"}],
        "options": [
            {"id": "a", "name": "A", "category": "stenen", "scores": {"c1": 1},
             "flows": [{"actor": "corporatie", "kind": "cost", "amount": 100}]},
            {"id": "b", "name": "B", "category": "sociaal", "scores": {"c1": 2},
             "flows": [{"actor": "gemeente", "kind": "benefit", "amount": 50, "to_year": 3}]}
        ]
    })
}

/// The problems of a model as `path: message` lines.
fn problems(v: &Value) -> Vec<String> {
    match parse_model(&v.to_string()) {
        Ok(_) => vec![],
        Err(p) => p.iter().map(|p| p.to_string()).collect(),
    }
}

fn has(lines: &[String], prefix: &str) -> bool {
    lines.iter().any(|l| l.starts_with(prefix))
}

#[test]
fn the_minimal_model_is_valid_and_defaults_apply() {
    let m = parse_model(&minimal().to_string()).unwrap();
    assert_eq!(m.horizon_years, 30);
    assert_eq!(m.discount_rate, 0.0225);
    assert_eq!(m.uncertainty.iterations, 10_000);
    assert_eq!(m.uncertainty.seed, 1);
    assert_eq!(m.criteria[0].weight, 1.0);
    assert_eq!(m.options[1].flows[0].to_year, Some(3));
}

#[test]
fn unknown_actor() {
    let mut v = minimal();
    v["options"][1]["flows"][0]["actor"] = json!("gemeent");
    assert_eq!(
        problems(&v),
        vec![r#"options[1].flows[0].actor: unknown actor "gemeent""#]
    );
}

#[test]
fn unknown_field_anywhere() {
    let mut v = minimal();
    v["options"][0]["flows"][0]["amout"] = json!(3);
    v["discount"] = json!(0.03);
    let p = problems(&v);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(has(&p, "options[0].flows[0].amout: unknown field"));
    assert!(has(&p, "discount: unknown field"));
}

#[test]
fn missing_and_unknown_score() {
    let mut v = minimal();
    v["options"][1]["scores"] = json!({"c2": 4});
    let p = problems(&v);
    assert!(
        has(&p, r#"options[1].scores: missing score for criterion "c1""#),
        "{p:?}"
    );
    assert!(
        has(&p, r#"options[1].scores.c2: unknown criterion "c2""#),
        "{p:?}"
    );
}

#[test]
fn non_reciprocal_ahp_matrix() {
    let mut v = minimal();
    v["criteria"] = json!([
        {"id": "c1", "name": "1", "direction": "max"},
        {"id": "c2", "name": "2", "direction": "min"}
    ]);
    v["options"][0]["scores"] = json!({"c1": 1, "c2": 1});
    v["options"][1]["scores"] = json!({"c1": 2, "c2": 2});
    v["mca"] = json!({"ahp": {"criteria": ["c1", "c2"], "matrix": [[1, 3], [3, 1]]}});
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(has(
        &p,
        "mca.ahp.matrix[1][0]: not the reciprocal of matrix[0][1]"
    ));
    // within 1e-6 is fine
    v["mca"]["ahp"]["matrix"] = json!([[1, 3], [0.3333333, 1]]);
    assert!(problems(&v).is_empty());
}

#[test]
fn ahp_must_cover_every_criterion_once_and_at_most_ten() {
    let mut v = minimal();
    v["mca"] = json!({"ahp": {"criteria": ["c1", "c1"], "matrix": [[1, 1], [1, 1]]}});
    let p = problems(&v);
    assert!(
        has(&p, r#"mca.ahp.criteria[1]: criterion "c1" appears twice"#),
        "{p:?}"
    );
    let ids: Vec<String> = (0..11).map(|i| format!("k{i}")).collect();
    v["criteria"] = ids
        .iter()
        .map(|id| json!({"id": id, "name": id, "direction": "max"}))
        .collect();
    let scores: Value = ids
        .iter()
        .map(|id| (id.clone(), json!(1)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    v["options"][0]["scores"] = scores.clone();
    v["options"][1]["scores"] = scores;
    v["mca"] = json!({"ahp": {"criteria": ids, "matrix": vec![vec![1; 11]; 11]}});
    assert!(has(&problems(&v), "mca.ahp.criteria: at most 10 criteria"));
}

#[test]
fn low_above_amount_and_pert_without_spread() {
    let mut v = minimal();
    v["options"][0]["flows"][0]["uncertainty"] =
        json!({"distribution": "triangular", "low": 120, "high": 150});
    v["options"][1]["flows"][0]["uncertainty"] =
        json!({"distribution": "pert", "low": 50, "high": 50});
    let p = problems(&v);
    assert!(
        has(
            &p,
            "options[0].flows[0].uncertainty.low: must be at most amount (100), found 120"
        ),
        "{p:?}"
    );
    assert!(
        has(
            &p,
            "options[1].flows[0].uncertainty.high: must be above low"
        ),
        "{p:?}"
    );
}

#[test]
fn distribution_parameters_are_checked_per_kind() {
    let mut v = minimal();
    v["options"][0]["flows"][0]["uncertainty"] =
        json!({"distribution": "normal", "low": 1, "sd": 5});
    v["options"][1]["flows"][0]["uncertainty"] = json!({"distribution": "lognormal"});
    let p = problems(&v);
    assert!(
        has(
            &p,
            "options[0].flows[0].uncertainty.low: not a parameter of the normal distribution"
        ),
        "{p:?}"
    );
    assert!(
        has(
            &p,
            r#"options[1].flows[0].uncertainty.distribution: "lognormal" is not one of"#
        ),
        "{p:?}"
    );
}

#[test]
fn a_negative_budget_has_no_feasible_answer() {
    let mut v = minimal();
    v["portfolio"] =
        json!({"budgets": [{"actor": "corporatie", "from_year": 0, "to_year": 4, "max": -1}]});
    let p = problems(&v);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(has(&p, "portfolio.budgets[0].max: must be 0 or more"));
}

#[test]
fn portfolio_references_and_years() {
    let mut v = minimal();
    v["horizon_years"] = json!(5);
    v["portfolio"] = json!({
        "budgets": [{"actor": "rijk", "from_year": 0, "to_year": 5, "max": 10}],
        "groups": [{"id": "g1", "options": ["a", "b"]}, {"id": "g2", "options": ["b", "x"]}],
        "requires": [["a", "a"], ["b", "q"]],
        "excludes": [["a"]],
        "synergies": [{"options": ["a"], "bonus": 5}]
    });
    let p = problems(&v);
    for expected in [
        r#"portfolio.budgets[0].actor: unknown actor "rijk""#,
        "portfolio.budgets[0].to_year: must lie from from_year (0) to the last year of the horizon (4)",
        r#"portfolio.groups[1].options[0]: option "b" is already in group "g1""#,
        r#"portfolio.groups[1].options[1]: unknown option "x""#,
        "portfolio.requires[0]: the two options must differ",
        r#"portfolio.requires[1][1]: unknown option "q""#,
        "portfolio.excludes[0]: expected a pair of two option ids, found 1",
        "portfolio.synergies[0].options: a synergy needs at least two options",
    ] {
        assert!(has(&p, expected), "missing {expected}\nin {p:#?}");
    }
}

#[test]
fn objective_value_needs_a_value_on_every_option() {
    let mut v = minimal();
    v["portfolio"] = json!({"objective": "value"});
    v["options"][0]["value"] = json!(3);
    assert_eq!(
        problems(&v),
        vec![
            r#"options[1].value: missing: the portfolio objective is "value", so every option needs one"#
        ]
    );
}

#[test]
fn json_syntax_errors_name_line_and_column() {
    let text = "{\n  \"version\": 1,\n  \"title\": \"x\"\n  \"start_year\": 2026\n}";
    let p = parse_model(text).unwrap_err();
    assert_eq!(p.0.len(), 1);
    assert!(
        p.to_string()
            .starts_with("line 4, column 3: expected `,` or `}`"),
        "{p}"
    );
}

#[test]
fn wrong_types_and_missing_fields() {
    let mut v = minimal();
    v["start_year"] = json!("2026");
    v["options"][0]["flows"][0]["amount"] = json!("100");
    v["options"][1].as_object_mut().unwrap().remove("category");
    v["uncertainty"] = json!({"iterations": 2.5, "seed": -1});
    let p = problems(&v);
    for expected in [
        "start_year: expected a whole number, found a string",
        "options[0].flows[0].amount: expected a number, found a string",
        "options[1].category: missing (required)",
        "uncertainty.iterations: expected a whole number, found a number",
        "uncertainty.seed: must be 0 or more",
    ] {
        assert!(has(&p, expected), "missing {expected}\nin {p:#?}");
    }
    assert_eq!(
        p.len(),
        5,
        "a placeholder must not cause more problems: {p:#?}"
    );
}

#[test]
fn ranges_ids_and_duplicates() {
    let mut v = minimal();
    v["horizon_years"] = json!(0);
    v["discount_rate"] = json!(0.25);
    v["actors"][1]["id"] = json!("Gemeente");
    v["options"][1]["id"] = json!("a");
    v["options"][0]["flows"][0]["to_year"] = json!(-1);
    v["options"][0]["flows"][0]["adjust"] = json!({"deadweight": 0.5});
    v["options"][1]["flows"][0]["growth"] = json!(0.6);
    let p = problems(&v);
    for expected in [
        "horizon_years: must be from 1 to 100, found 0",
        "discount_rate: must be from 0 to 0.2, found 0.25",
        r#"actors[1].id: "Gemeente" is not a valid id"#,
        r#"options[1].id: duplicate id "a""#,
        "options[0].flows[0].to_year: must be at least from_year (0), found -1",
        "options[0].flows[0].adjust: only benefits can be adjusted",
        "options[1].flows[0].growth: must be from -0.5 to 0.5, found 0.6",
    ] {
        assert!(has(&p, expected), "missing {expected}\nin {p:#?}");
    }
}

#[test]
fn all_weights_zero_is_an_error_at_criteria() {
    let mut v = minimal();
    v["criteria"][0]["weight"] = json!(0);
    assert_eq!(
        problems(&v),
        vec!["criteria: all weights are 0: give at least one criterion a weight"]
    );
}

#[test]
fn weight_sets_must_weigh_every_criterion() {
    let mut v = minimal();
    v["weight_sets"] = json!([
        {"stakeholder": "huurders", "weights": {"c9": 1}},
        {"stakeholder": "gemeente", "weights": {"c1": 0}}
    ]);
    let p = problems(&v);
    assert!(
        has(
            &p,
            r#"weight_sets[0].weights: missing weight for criterion "c1""#
        ),
        "{p:?}"
    );
    assert!(
        has(&p, r#"weight_sets[0].weights.c9: unknown criterion "c9""#),
        "{p:?}"
    );
    assert!(
        has(
            &p,
            "weight_sets[1].weights: the weights must have a positive sum"
        ),
        "{p:?}"
    );
}

#[test]
fn later_elements_keep_their_index_after_a_broken_one() {
    let mut v = minimal();
    v["options"][0] = json!("not an option");
    v["options"][1]["flows"][0]["actor"] = json!("nobody");
    let p = problems(&v);
    assert!(
        has(&p, "options[0]: expected an object, found a string"),
        "{p:?}"
    );
    assert!(
        has(&p, r#"options[1].flows[0].actor: unknown actor "nobody""#),
        "{p:?}"
    );
}

#[test]
fn the_file_must_be_an_object() {
    assert_eq!(
        problems(&json!([1, 2])),
        vec!["the file must hold one JSON object (the model)"]
    );
}

#[test]
fn an_unreadable_element_causes_no_further_problems() {
    let mut v = minimal();
    v["portfolio"] = json!({
        "budgets": [{"actor": "corporatie", "from_year": 0, "to_year": 4, "max": "veel"}],
        "groups": [{"id": "g", "options": ["a", 5]}],
        "requires": [["a", 5]]
    });
    v["options"][0]["scores"]["c1"] = json!("hoog");
    v["weight_sets"] = json!([{"stakeholder": "huurders", "weights": 3}]);
    let p = problems(&v);
    assert_eq!(
        p,
        vec![
            "options[0].scores.c1: expected a number, found a string",
            "weight_sets[0].weights: expected an object, found a number",
            "portfolio.budgets[0].max: expected a number, found a string",
            "portfolio.groups[0].options[1]: expected a string, found a number",
            "portfolio.requires[0][1]: expected a string, found a number",
        ],
        "{p:#?}"
    );
}

#[test]
fn unknown_fields_are_reported_even_when_a_required_one_is_missing() {
    let mut v = minimal();
    v["options"][0]["flows"][0]["uncertainty"] = json!({"distribution": "normal", "sdd": 5});
    let p = problems(&v);
    assert!(
        has(&p, "options[0].flows[0].uncertainty.sd: missing (required)"),
        "{p:?}"
    );
    assert!(
        has(&p, "options[0].flows[0].uncertainty.sdd: unknown field"),
        "{p:?}"
    );
}

#[test]
fn figures_beyond_1e15_are_refused() {
    let mut v = minimal();
    v["options"][0]["flows"][0]["amount"] = json!(1e300);
    v["options"][1]["flows"][0]["uncertainty"] =
        json!({"distribution": "uniform", "low": -1e308, "high": 1e308});
    let p = problems(&v);
    assert!(
        has(&p, "options[0].flows[0].amount: must lie within ±1e15"),
        "{p:?}"
    );
    assert!(
        has(
            &p,
            "options[1].flows[0].uncertainty.low: must lie within ±1e15"
        ),
        "{p:?}"
    );
    assert!(
        has(
            &p,
            "options[1].flows[0].uncertainty.high: must lie within ±1e15"
        ),
        "{p:?}"
    );
}

#[test]
fn over_the_limits_every_count_is_named_in_dutch_with_its_path() {
    let mut v = minimal();
    let option = v["options"][0].clone();
    let options: Vec<Value> = (0..5000)
        .map(|i| {
            let mut o = option.clone();
            o["id"] = json!(format!("o{i}"));
            o
        })
        .collect();
    v["options"] = json!(options);
    v["uncertainty"] = json!({"iterations": 2_000_000});
    v["horizon_years"] = json!(500);
    v["options"][7]["flows"] = json!(vec![option["flows"][0].clone(); 201]);
    v["options"][8]["name"] = json!("é".repeat(201));
    let actor = v["actors"][0].clone();
    let actors: Vec<Value> = (0..51)
        .map(|i| {
            let mut a = actor.clone();
            a["id"] = json!(format!("a{i}"));
            a
        })
        .chain([actor.clone()])
        .collect();
    v["actors"] = json!(actors);
    let p = problems(&v);
    for expected in [
        "options: 5.000 opties, maximaal 200",
        "uncertainty.iterations: 2.000.000 trekkingen, maximaal 1.000.000",
        "horizon_years: 500 jaren, maximaal 100",
        "options[7].flows: 201 stromen, maximaal 200",
        "options[8].name: 201 tekens, maximaal 200",
        "actors: 52 actoren, maximaal 50",
    ] {
        assert!(has(&p, expected), "missing {expected}\nin {p:#?}");
    }
}

#[test]
fn iterations_times_options_stay_within_the_simulation_limit() {
    let mut v = minimal();
    let option = v["options"][0].clone();
    v["options"] = json!(
        (0..100)
            .map(|i| {
                let mut o = option.clone();
                o["id"] = json!(format!("o{i}"));
                o
            })
            .collect::<Vec<_>>()
    );
    v["uncertainty"] = json!({"iterations": 80_000});
    assert!(problems(&v).is_empty());
    v["uncertainty"] = json!({"iterations": 80_001});
    assert_eq!(
        problems(&v),
        vec![
            "uncertainty.iterations: 80.001 trekkingen × 100 opties is 8.000.100, \
             maximaal 8.000.000: kies hoogstens 80.000 trekkingen"
        ]
    );
}

#[test]
fn criteria_and_weight_sets_are_bounded() {
    let mut v = minimal();
    let criteria: Vec<Value> = (0..21)
        .map(|i| json!({"id": format!("c{i}"), "name": "C", "direction": "max"}))
        .collect();
    v["criteria"] = json!(criteria);
    let scores: serde_json::Map<String, Value> =
        (0..21).map(|i| (format!("c{i}"), json!(1))).collect();
    v["options"][0]["scores"] = json!(scores);
    v["options"][1]["scores"] = json!(scores);
    v["weight_sets"] = json!(vec![json!({"stakeholder": "P", "weights": scores}); 51]);
    let p = problems(&v);
    assert!(has(&p, "criteria: 21 criteria, maximaal 20"), "{p:#?}");
    assert!(has(&p, "weight_sets: 51 wegingen, maximaal 50"), "{p:#?}");
}
