//! Concurrent writers on a real SQLite file: write transactions take the
//! lock at once (`BEGIN IMMEDIATE`), so writers wait their turn instead of
//! failing halfway; one that waits longer than the busy timeout gets
//! `StorageError::Busy` (the web answers 503), never a plain database error.

use std::time::Duration;

use sqlx::{Connection, Executor};
use wikken_core::case::{CaseArea, CaseDoc, DecisionLevel};
use wikken_storage::{EventUser, ImportKind, StorageError, Store};

fn sqlite_file() -> (String, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap().keep();
    let path = dir.join("wikken.db");
    (format!("sqlite:{}", path.display()), path)
}

fn doc(n: usize) -> CaseDoc {
    CaseDoc::new(
        &format!("Vraag {n}"),
        DecisionLevel::Wijk,
        CaseArea {
            code: Some("WK999901".into()),
            complexes: vec![],
        },
        2026,
    )
}

fn ann() -> EventUser {
    EventUser {
        id: "id-ann".into(),
        name: "Ann".into(),
    }
}

/// Holds SQLite's write lock from another connection for `hold`.
async fn hold_write_lock(path: &std::path::Path, hold: Duration) -> tokio::task::JoinHandle<()> {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    conn.execute("BEGIN IMMEDIATE").await.unwrap();
    tokio::spawn(async move {
        tokio::time::sleep(hold).await;
        conn.execute("ROLLBACK").await.unwrap();
        conn.close().await.unwrap();
    })
}

#[tokio::test]
async fn many_concurrent_writers_all_get_their_turn() {
    let (url, _) = sqlite_file();
    let store = Store::connect(&url).await.unwrap();
    let org = store.create_organisation("Schrijvers").await.unwrap();
    // Each import reads (was this file imported before?) and then writes:
    // with deferred transactions, a writer whose read came before another
    // writer's commit fails at once (SQLITE_BUSY_SNAPSHOT) instead of
    // waiting its turn.
    let mut tasks = Vec::new();
    for n in 0..24 {
        let store = store.clone();
        let org = org.clone();
        tasks.push(tokio::spawn(async move {
            let text = format!("buurtcode,inwoners\nBU0855{n:04},{n}\n");
            let data = wikken_data::parse_kwb(&text, Some(2024)).unwrap();
            store
                .import_dataset(
                    &org,
                    ImportKind::Kwb,
                    &format!("{n}.csv"),
                    text.as_bytes(),
                    &data,
                )
                .await
        }));
    }
    for t in tasks {
        let done = t.await.unwrap().expect("every writer gets its turn");
        assert!(done.applied);
    }
    assert_eq!(store.imports(&org).await.unwrap().len(), 24);
}

#[tokio::test]
async fn a_writer_waits_for_the_lock_and_gives_up_as_busy_after_the_timeout() {
    let (url, path) = sqlite_file();
    let store = Store::connect_with_busy_timeout(&url, Duration::from_millis(2_000))
        .await
        .unwrap();
    let org = store.create_organisation("Wachten").await.unwrap();

    // Held shorter than the busy timeout: the writer waits its turn.
    let release = hold_write_lock(&path, Duration::from_millis(300)).await;
    let started = std::time::Instant::now();
    store
        .create_case(&org, &ann(), &doc(1))
        .await
        .expect("waited its turn");
    assert!(started.elapsed() >= Duration::from_millis(250));
    release.await.unwrap();

    // Held longer than the busy timeout: Busy, and nothing written.
    let short = Store::connect_with_busy_timeout(&url, Duration::from_millis(200))
        .await
        .unwrap();
    let release = hold_write_lock(&path, Duration::from_millis(1_500)).await;
    let refused = short.create_case(&org, &ann(), &doc(2)).await;
    assert!(matches!(refused, Err(StorageError::Busy(_))), "{refused:?}");
    release.await.unwrap();
    assert_eq!(store.cases(&org).await.unwrap().len(), 1);
}
