//! The web app and the CLI share one engine: an afweging built in the web
//! app, exported as a model file and evaluated by `wikken evaluate`, gives
//! exactly the figures its results page shows.

use wikken_test_support as common;

use assert_cmd::Command;
use reqwest::StatusCode;
use wikken_core::format;

#[tokio::test]
async fn the_results_page_shows_what_wikken_evaluate_prints() {
    let app = common::spawn_app(&common::sqlite_url()).await;
    let b = app.client_as("strateeg").await;
    let buurt = common::first_buurt();
    let id = common::case_steps::build_case(&b, &buurt).await;
    let model = b
        .get(&format!("/afwegingen/{id}/model.json"))
        .await
        .text()
        .await
        .unwrap();
    let page = b
        .page(&format!("/afwegingen/{id}/resultaten"), StatusCode::OK)
        .await;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("afweging.json");
    std::fs::write(&path, &model).unwrap();
    let out = tokio::task::spawn_blocking(move || {
        Command::cargo_bin("wikken")
            .unwrap()
            .args(["evaluate", path.to_str().unwrap(), "--format", "json"])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();

    let options = report["options"].as_array().unwrap();
    assert_eq!(options.len(), 3);
    let shown = |x: &serde_json::Value| format::euro(x.as_f64().unwrap());
    for o in options {
        let name = o["name"].as_str().unwrap();
        for field in ["pv_costs", "pv_benefits", "npv"] {
            assert!(
                page.contains(&shown(&o[field])),
                "{name} {field}: {} not on the page",
                shown(&o[field])
            );
        }
        for (rate, v) in o["npv_at_rates"].as_object().unwrap() {
            assert!(page.contains(&shown(v)), "{name} npv at {rate}");
        }
        let u = &o["uncertainty"];
        for field in ["mean", "p5", "p50", "p95"] {
            assert!(page.contains(&shown(&u[field])), "{name} {field}");
        }
        for field in ["prob_positive", "prob_best"] {
            let p = format::percent(u[field].as_f64().unwrap(), 0);
            assert!(page.contains(&p), "{name} {field}: {p}");
        }
        for (actor, v) in o["by_actor"].as_object().unwrap() {
            if v.as_f64().unwrap().abs() >= 0.5 {
                assert!(page.contains(&shown(v)), "{name} {actor}");
            }
        }
    }
    let evpi = shown(&report["value_of_information"]["evpi"]);
    assert!(page.contains(&evpi), "evpi {evpi}");
    let portfolio = &report["portfolio"];
    assert!(
        page.contains(&shown(&portfolio["objective"])),
        "portfolio objective"
    );
    for ws in report["mca"]["by_weight_set"].as_array().unwrap() {
        assert!(page.contains(ws["stakeholder"].as_str().unwrap()));
    }
}
