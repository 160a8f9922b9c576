//! Nothing lost, nothing forged: a writer locked out too long gets a Dutch
//! 503 (never a 500), an imported afweging cannot bring in a besluit, and
//! the first start is all or nothing.

use wikken_test_support as common;
use wikken_test_support::per_backend;

use std::time::Duration;

use reqwest::StatusCode;
use sqlx::{Connection, Executor, Row};
use wikken_storage::{CaseId, Store};
use wikken_web::seed::{SeedError, first_start, first_start_with};

/// A fresh SQLite file: its URL and path.
fn sqlite_file() -> (String, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap().keep();
    let path = dir.join("wikken.db");
    (format!("sqlite:{}", path.display()), path)
}

/// The number of rows in every table but the migrations' own.
async fn rows_per_table(url: &str) -> Vec<(String, i64)> {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let list = if url.starts_with("sqlite:") {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    } else {
        "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
    };
    let tables: Vec<String> = sqlx::query_scalar(list).fetch_all(&mut conn).await.unwrap();
    let mut out = Vec::new();
    for t in tables.into_iter().filter(|t| t != "_sqlx_migrations") {
        let n: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM {t}"))
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get(0);
        out.push((t, n));
    }
    conn.close().await.unwrap();
    out
}

fn example_model() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/wijk-afweging.json"
    ))
    .unwrap()
}

async fn import_case(b: &common::Browser, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let token = b.csrf("/afwegingen").await;
    let form = reqwest::multipart::Form::new().text("_csrf", token).part(
        "model",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
    );
    b.client
        .post(format!("{}/afwegingen/import", b.base))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn case_id(r: &reqwest::Response) -> CaseId {
    CaseId::from(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .trim_start_matches("/afwegingen/"),
    )
}

#[tokio::test]
async fn a_writer_locked_out_longer_than_the_busy_timeout_gets_503_never_500() {
    let (url, path) = sqlite_file();
    let store = Store::connect_with_busy_timeout(&url, Duration::from_millis(300))
        .await
        .unwrap();
    let org = store.create_organisation("Bezet").await.unwrap();
    common::add_users(&store, &org, "bezet").await;
    let app = common::serve(store, org, "bezet".into()).await;
    let b = app.client_as("strateeg").await;
    b.csrf("/afwegingen").await;

    // Another writer holds the lock for longer than the busy timeout.
    sqlx::any::install_default_drivers();
    let mut other = sqlx::AnyConnection::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    other.execute("BEGIN IMMEDIATE").await.unwrap();
    let r = import_case(&b, "wijk.json", example_model()).await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.headers().contains_key("retry-after"));
    let page = r.text().await.unwrap();
    assert!(
        page.contains("De database is even bezet; probeer het over een paar seconden opnieuw."),
        "{page}"
    );
    other.execute("ROLLBACK").await.unwrap();
    other.close().await.unwrap();

    // Free again: the same request goes through.
    let r = import_case(&b, "wijk.json", example_model()).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_imported_afweging_cannot_bring_in_a_besluit() {
    let (url, _) = sqlite_file();
    let app = common::spawn_app(&url).await;
    let b = app.client_as("strateeg").await;
    let r = import_case(&b, "wijk.json", example_model()).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id = case_id(&r);
    let whole = b.get(&format!("/afwegingen/{id}/afweging.json")).await;
    let mut doc: serde_json::Value = serde_json::from_str(&whole.text().await.unwrap()).unwrap();
    let option = doc["options"][0]["spec"]["id"].clone();
    assert!(option.is_string(), "{option:?}");
    doc["decision"] = serde_json::json!({
        "chosen": [option],
        "rationale": "Besloten door de raad.",
        "dissent": "",
        "conditions": "",
        "decided_by": "De burgemeester",
        "decided_at": 946_684_800,
    });
    let r = import_case(&b, "afweging.json", serde_json::to_vec(&doc).unwrap()).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{:?}", r.text().await);
    let new_id = case_id(&r);
    let row = app.store.case(&app.org, &new_id).await.unwrap().unwrap();
    assert!(!row.decided, "the import is not decided");
    let version = app
        .store
        .case_version(&app.org, &new_id, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(version.frozen_at, None, "a draft, not frozen");
    assert_eq!(version.doc.decision, None, "no forged besluit");
    assert_eq!(
        version.created_by, "Test strateeg",
        "a draft of the importer"
    );
    let page = b
        .page(&format!("/afwegingen/{new_id}"), StatusCode::OK)
        .await;
    assert!(!page.contains("De burgemeester"));
}

async fn a_first_start_that_fails_midway_leaves_an_empty_database_and_the_next_seeds(url: String) {
    let store = Store::connect(&url).await.unwrap();
    for step in ["catalogus", "afweging", "afspraken", "klaar"] {
        let failed = first_start_with(&store, None, |s| {
            if s == step {
                Err(SeedError::Demo(format!("kapot bij {s}")))
            } else {
                Ok(())
            }
        })
        .await;
        assert!(failed.is_err(), "{url} {step}");
        let left: Vec<_> = rows_per_table(&url)
            .await
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .collect();
        assert!(
            left.is_empty(),
            "{url}: after a failure at {step}: {left:?}"
        );
    }
    let first = first_start(&store, None).await.unwrap();
    assert!(first.is_some(), "{url}: the next start seeds");
    // The corporation and the demo's two partner organisations.
    assert_eq!(store.organisation_count().await.unwrap(), 3);
    assert!(first_start(&store, None).await.unwrap().is_none());
    store.close().await;
}
per_backend!(fresh: a_first_start_that_fails_midway_leaves_an_empty_database_and_the_next_seeds);

async fn a_first_start_killed_midway_is_undone_by_the_next_start(url: String) {
    let store = Store::connect(&url).await.unwrap();
    // What a first start killed after its figures leaves behind.
    let demo = wikken_data::demo::demo();
    let org = store
        .create_seeding_organisation(&demo.corporation_name)
        .await
        .unwrap();
    wikken_web::seed::load_demo(&store, &org, &demo)
        .await
        .unwrap();
    store.close().await;

    let store = Store::connect(&url).await.unwrap();
    let first = first_start(&store, None)
        .await
        .unwrap()
        .expect("seeds again");
    assert_ne!(first.organisation, org);
    assert_eq!(
        store.organisation_count().await.unwrap(),
        3,
        "with the demo's partners"
    );
    assert!(store.users(&first.organisation).await.unwrap().len() == 1);
    store.close().await;
}
per_backend!(fresh: a_first_start_killed_midway_is_undone_by_the_next_start);
