//! The server's portfolio time limit: a portfolio the solver could not
//! prove optimal in time is shown as the best found, with its gap, on the
//! results page and in the report, never as proven.

use wikken_test_support as common;

use std::time::Duration;

use common::spawn_app_with;
use reqwest::StatusCode;
use wikken_web::Settings;

/// Imports `file` of the repository's examples as a new afweging; its id.
async fn import_example(b: &common::Browser, file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(file);
    let bytes = std::fs::read(path).unwrap();
    let token = b.csrf("/afwegingen").await;
    let form = reqwest::multipart::Form::new().text("_csrf", token).part(
        "model",
        reqwest::multipart::Part::bytes(bytes).file_name(file.to_string()),
    );
    let r = b
        .client
        .post(format!("{}/afwegingen/import", b.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let url = r.headers()["location"].to_str().unwrap().to_string();
    // A model file holds no nulalternatief; the results wait for one.
    common::case_steps::post_ok(
        b,
        &format!("{url}/nulalternatief"),
        &format!("{url}/nulalternatief"),
        &[
            ("description", "Alleen dagelijks en klachtenonderhoud."),
            ("assumptions", "Huren volgen de inflatie."),
        ],
    )
    .await;
    url.trim_start_matches("/afwegingen/").to_string()
}

#[tokio::test]
async fn a_portfolio_cut_short_says_it_is_not_proven() {
    let settings = Settings {
        solver_time_limit: Duration::from_nanos(1),
        ..Settings::default()
    };
    let app = spawn_app_with(&common::sqlite_url(), settings).await;
    let b = app.client_as("strateeg").await;
    let id = import_example(&b, "portefeuille-complexen.json").await;
    let page = b
        .page(&format!("/afwegingen/{id}/resultaten"), StatusCode::OK)
        .await;
    assert!(
        page.contains("beste gevonden, niet bewezen optimaal (gap "),
        "{page}"
    );
    let report = b
        .page(&format!("/afwegingen/{id}/rapport"), StatusCode::OK)
        .await;
    assert!(report.contains("niet bewezen optimaal"), "the report too");
}

#[tokio::test]
async fn without_haste_the_portfolio_is_not_flagged() {
    let app = spawn_app_with(&common::sqlite_url(), Settings::default()).await;
    let b = app.client_as("strateeg").await;
    let id = import_example(&b, "portefeuille-complexen.json").await;
    let page = b
        .page(&format!("/afwegingen/{id}/resultaten"), StatusCode::OK)
        .await;
    assert!(page.contains("Portefeuille binnen het budget"), "{page}");
    assert!(!page.contains("niet bewezen optimaal"));
}
