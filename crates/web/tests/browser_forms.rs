//! Issue 10, in a real browser (headless Chromium): nothing typed is lost
//! without a word, and nothing is removed without asking.
//!
//! - A step with unsaved edits asks before the page is left (the
//!   `beforeunload` handler of wikken.js cancels the unload); a clean page
//!   and a page just saved do not. Saving says "Opgeslagen.".
//! - Removing an option asks first: "Annuleren" keeps it (with its
//!   pre-selection), "OK" removes it.
//!
//! WebDriver accepts `beforeunload` prompts by itself, so the test fires
//! the event as the browser would and reads whether the page cancelled it.
//!
//! Skips like `browser.rs` when Chromium is missing, unless
//! `WIKKEN_REQUIRE_BROWSER=1`.

use fantoccini::{Client, Locator};
use wikken_test_support::browser::{self, click_and_load, fill, find, log_in, wait_until};
use wikken_test_support::case_steps::build_case;
use wikken_test_support::{PASSWORD, first_buurt, spawn_app, sqlite_url};

/// Fires `beforeunload` as the browser does on leaving the page, and says
/// whether the page asked to stay (cancelled it).
const LEAVING_ASKS: &str = "const e = new Event('beforeunload', {cancelable: true}); \
     window.dispatchEvent(e); return e.defaultPrevented;";

async fn leaving_asks(c: &Client) -> bool {
    browser::js(c, LEAVING_ASKS).await.as_bool().unwrap()
}

async fn walk(c: Client, address: String, email: String, case: String) {
    c.goto(&format!("{address}/inloggen")).await.unwrap();
    log_in(&c, &email, PASSWORD).await;

    // Unsaved edits on the nulalternatief.
    let baseline = format!("{address}/afwegingen/{case}/nulalternatief");
    c.goto(&baseline).await.unwrap();
    let title = c.title().await.unwrap();
    assert!(
        title.starts_with("Nulalternatief"),
        "on the nulalternatief, not {title} at {}",
        c.current_url().await.unwrap()
    );
    assert!(!leaving_asks(&c).await, "a page without edits lets go");
    fill(
        &c,
        "#description",
        "Zonder beleid loopt de buurt verder terug.",
    )
    .await;
    assert!(
        leaving_asks(&c).await,
        "a page with unsaved edits asks first"
    );
    let save = find(&c, "form[action$='/nulalternatief'] button[type=submit]").await;
    click_and_load(&c, save).await;
    let saved = browser::text(&c, "main").await;
    assert!(
        saved.contains("Opgeslagen."),
        "the save is confirmed: {saved}"
    );
    assert!(
        c.current_url().await.unwrap().path().ends_with("/opties"),
        "a saved nulalternatief goes on to the options"
    );
    assert!(!leaving_asks(&c).await, "a page just saved lets go");
    c.goto(&baseline).await.unwrap();
    assert_eq!(
        browser::value_of(&c, "#description").await,
        "Zonder beleid loopt de buurt verder terug."
    );

    // Removing an option asks first.
    c.goto(&format!("{address}/afwegingen/{case}/opties"))
        .await
        .unwrap();
    let remove = "button[formaction$='/opties/buurtkamer/verwijderen']";
    find(&c, remove).await.click().await.unwrap();
    let question = c.get_alert_text().await.expect("a confirm dialog");
    assert!(
        question.starts_with("Buurtkamer verwijderen?"),
        "the dialog names the option: {question}"
    );
    c.dismiss_alert().await.unwrap();
    assert!(
        c.find(Locator::Css(remove)).await.is_ok(),
        "Annuleren keeps the option"
    );
    c.execute("window.__wikkenOldPage = true;", vec![])
        .await
        .unwrap();
    find(&c, remove).await.click().await.unwrap();
    c.accept_alert().await.unwrap();
    wait_until(
        &c,
        "window.__wikkenOldPage === undefined && document.readyState === 'complete'",
        "the options page after the removal",
    )
    .await;
    assert!(
        c.find_all(Locator::Css(remove)).await.unwrap().is_empty(),
        "OK removes the option"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsaved_edits_warn_and_removals_ask() {
    let Some(session) = browser::start().await else {
        return;
    };
    let app = spawn_app(&sqlite_url()).await;
    let b = app.client_as("strateeg").await;
    let case = build_case(&b, &first_buurt()).await;
    let steps = walk(
        session.client.clone(),
        app.address.clone(),
        app.email("strateeg"),
        case,
    );
    session.run(steps).await;
}
