//! An afweging walked from problem to besluit in a real browser: headless
//! Chromium, as a strateeg on the demo, clicking and typing like a user
//! through steps 1-8. It checks the live AHP consistency check (script and
//! `/api/ahp`), that the results page shows every part with charts of real
//! size, that a tablet (820 px) needs no sideways scrolling, the freeze by
//! the besluit, and the report on screen, in print and as a PDF.
//!
//! Artefacts in `<target>/test-artefacts/`: `afweging-resultaten.png`
//! (1280 px, full page), `afweging-resultaten-tablet.png` (820 px),
//! `afweging-rapport.png`, `afweging-rapport-print.png` (print stylesheet)
//! and `afweging-rapport.pdf` (Chromium's print).
//!
//! Skips like `browser.rs` when Chromium is missing, unless
//! `WIKKEN_REQUIRE_BROWSER=1`.

use wikken_test_support as common;
#[path = "browser_case/input.rs"]
mod input;
#[path = "browser_case/outcome.rs"]
mod outcome;

use common::browser::{self, current_path, log_in, text, wait_for_path};
use fantoccini::Client;
use input::{baseline, effects, options, question_parties_problems, scores, weighing};
use outcome::{decision, report, results};
use wikken_data::AreaLevel;

const QUESTION: &str = "Hoe keren we de neergang in deze buurt, en wie doet wat?";
const RATIONALE: &str = "De buurtkamer pakt overlast en eenzaamheid aan tegen lage kosten.";
const DISSENT: &str = "De huurdersvereniging wil eerst de renovatie.";

/// The demo's first buurt: code and name.
fn first_buurt() -> (String, String) {
    let demo = wikken_data::demo::demo();
    let b = demo
        .dataset
        .areas
        .iter()
        .find(|a| a.code.level() == AreaLevel::Buurt)
        .expect("a buurt in the demo");
    (b.code.as_str().to_string(), b.name.clone())
}

/// All steps; panics on the first thing that is wrong.
async fn walk(c: Client, driver_url: String, address: String, email: String) {
    let (buurt, name) = first_buurt();
    c.set_window_size(1280, 900).await.unwrap();
    c.goto(&format!("{address}/gebied/{buurt}")).await.unwrap();
    assert_eq!(current_path(&c).await, "/inloggen");
    log_in(&c, &email, common::PASSWORD).await;
    wait_for_path(&c, &format!("/gebied/{buurt}")).await;
    assert!(text(&c, "main h1").await.contains(&name));

    let case = question_parties_problems(&c, &buurt).await;
    let aside = text(&c, "aside.case-area").await;
    assert!(aside.contains(&name), "the area beside the case: {aside}");
    baseline(&c, &case).await;
    let (sociaal, stenen) = options(&c, &case).await;
    effects(&c, &case).await;
    weighing(&c, &case).await;
    scores(&c, &case).await;
    results(&c, &case).await;
    let mkba = text(&c, r#"section[aria-labelledby="mkba-kop"] tbody"#).await;
    for option in [&sociaal, &stenen] {
        assert!(mkba.contains(option.as_str()), "{option} in the results");
    }
    decision(&c, &case).await;
    report(&c, &driver_url, &case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_afweging_from_buurt_to_report_in_a_real_browser() {
    let Some(session) = browser::start().await else {
        return;
    };
    let app = common::spawn_app(&common::sqlite_url()).await;
    let steps = walk(
        session.client.clone(),
        session.driver_url.clone(),
        app.address.clone(),
        app.email("strateeg"),
    );
    session.run(steps).await;
}
