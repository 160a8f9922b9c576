//! `wikken backup` and `wikken restore` on a real SQLite file (also while
//! the database is open), and a PostgreSQL database through pg_dump and
//! pg_restore as the README says.

mod snapshot;

use assert_cmd::Command;
use snapshot::{postgres_url, snapshot};
use wikken_storage::Store;

fn wikken() -> Command {
    Command::cargo_bin("wikken").expect("the wikken binary is built")
}

fn run(args: &[&str], url: &str) -> std::process::Output {
    wikken()
        .args(args)
        .args(["--database-url", url])
        .output()
        .unwrap()
}

#[tokio::test]
async fn backup_then_changes_then_restore_gives_the_data_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("wikken.db");
    let url = format!("sqlite:{}", db.display());
    let backup = dir.path().join("back-up.db");

    // The server's store stays open (and writes) while the backup is made.
    let store = Store::connect(&url).await.unwrap();
    let org = store.create_organisation("Voor de back-up").await.unwrap();
    store.mark_fictional(&org).await.unwrap();
    let before = snapshot(&url).await;
    let out = run(&["backup", backup.to_str().unwrap()], &url);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    store.create_organisation("Na de back-up").await.unwrap();
    assert_ne!(snapshot(&url).await, before);

    // A backup never overwrites a file.
    let again = run(&["backup", backup.to_str().unwrap()], &url);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("bestaat al"));

    // While the database is open (a running server), restore refuses.
    let busy = run(&["restore", backup.to_str().unwrap()], &url);
    assert_eq!(
        busy.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&busy.stderr)
    );
    assert!(String::from_utf8_lossy(&busy.stderr).contains("in gebruik"));
    store.close().await;

    let out = run(&["restore", backup.to_str().unwrap()], &url);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(snapshot(&url).await, before);
    let store = Store::connect(&url).await.unwrap();
    assert_eq!(
        store.organisation_names().await.unwrap(),
        ["Voor de back-up"]
    );
    store.close().await;
}

#[tokio::test]
async fn restore_refuses_a_file_that_is_not_a_wikken_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("wikken.db");
    let url = format!("sqlite:{}", db.display());
    let store = Store::connect(&url).await.unwrap();
    store.create_organisation("Blijft").await.unwrap();
    store.close().await;
    let before = snapshot(&url).await;

    let text = dir.path().join("notities.txt");
    std::fs::write(&text, "dit is geen database").unwrap();
    let out = run(&["restore", text.to_str().unwrap()], &url);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("geen SQLite-database"));

    // An SQLite database, but not Wikken's.
    let other = dir.path().join("ander.db");
    sqlx::any::install_default_drivers();
    {
        use sqlx::Connection;
        let mut conn =
            sqlx::AnyConnection::connect(&format!("sqlite:{}?mode=rwc", other.display()))
                .await
                .unwrap();
        sqlx::query("CREATE TABLE adressen (straat TEXT)")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }
    let out = run(&["restore", other.to_str().unwrap()], &url);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("geen Wikken-database"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(snapshot(&url).await, before, "nothing changed");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("herstel"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn backup_and_restore_point_postgresql_to_pg_dump() {
    for cmd in ["backup", "restore"] {
        let out = run(&[cmd, "x.dump"], "postgres://wikken@127.0.0.1:1/wikken");
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("pg_dump") && err.contains("pg_restore"),
            "{err}"
        );
    }
}

#[tokio::test]
async fn a_postgresql_dump_restores_the_same_data() {
    let Some(server) = postgres_url() else { return };
    let url = snapshot::fresh_postgres(&server, "dump").await;
    let store = Store::connect(&url).await.unwrap();
    let org = store.create_organisation("In de dump").await.unwrap();
    wikken_web::seed::load_demo(&store, &org, &wikken_data::demo::demo())
        .await
        .unwrap();
    let before = snapshot(&url).await;
    assert!(before["observations"].0 > 0);

    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("wikken.dump");
    let out = std::process::Command::new(snapshot::pg_program("pg_dump"))
        .args(["-Fc", "-f", dump.to_str().unwrap(), &url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Changes after the dump are undone by the restore.
    store.create_organisation("Na de dump").await.unwrap();
    store.close().await;
    assert_ne!(snapshot(&url).await, before);
    let out = std::process::Command::new(snapshot::pg_program("pg_restore"))
        .args(["--clean", "--if-exists", "-d", &url, dump.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(snapshot(&url).await, before);

    // And into an empty database: the same data, and Wikken starts on it.
    let empty = snapshot::fresh_postgres(&server, "dump").await;
    let out = std::process::Command::new(snapshot::pg_program("pg_restore"))
        .args(["-d", &empty, dump.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(snapshot(&empty).await, before);
    let store = Store::connect(&empty).await.unwrap();
    assert_eq!(store.organisation_names().await.unwrap(), ["In de dump"]);
    store.close().await;
    snapshot::drop_postgres(&server, &url).await;
    snapshot::drop_postgres(&server, &empty).await;
}
