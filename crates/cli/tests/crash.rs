//! A crash in the middle of a large import loses nothing and leaves
//! nothing half done: the real server runs on a real database, `wikken
//! import` writes a large file into it, both are killed with SIGKILL while
//! the import's transaction is writing, and after a new start every table
//! holds exactly what it held before (row counts and checksums), on SQLite
//! and on PostgreSQL.

mod snapshot;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sqlx::{Connection, Executor};

/// `wikken serve` on a free port over `url`, once it listens; its address.
fn start_server(url: &str) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wikken"))
        .args(["serve", "--address", "127.0.0.1:0", "--database-url", url])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("Wikken draait op http://") {
                let _ = tx.send(rest.split_whitespace().next().unwrap_or("").to_string());
            }
        }
    });
    let address = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("the server starts");
    (child, address)
}

/// The status line of GET `path`.
fn get(address: &str, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(address).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out.lines().next().unwrap_or("").to_string()
}

/// A large KWB file: 40,000 buurten over five years, four figures each.
fn large_kwb(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("groot.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(
        out,
        "buurtcode,jaar,inwoners,inwoners_0_14,inwoners_65plus,huishoudens"
    )
    .unwrap();
    for g in 1..=400 {
        for w in 0..10 {
            for b in 0..10 {
                for year in 2019..=2023 {
                    let n = g * 7 + w * 3 + b + year;
                    writeln!(
                        out,
                        "BU{g:04}{w:02}{b:02},{year},{n},{},{},{}",
                        n / 5,
                        n / 6,
                        n / 2
                    )
                    .unwrap();
                }
            }
        }
    }
    out.flush().unwrap();
    path
}

/// Whether another connection is inside a write transaction right now.
async fn writer_busy(url: &str) -> bool {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let busy = if url.starts_with("sqlite:") {
        conn.execute("PRAGMA busy_timeout = 0").await.unwrap();
        match conn.execute("BEGIN IMMEDIATE").await {
            Ok(_) => {
                conn.execute("ROLLBACK").await.unwrap();
                false
            }
            Err(_) => true,
        }
    } else {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() \
             AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()",
        )
        .fetch_one(&mut conn)
        .await
        .unwrap();
        n > 0
    };
    conn.close().await.unwrap();
    busy
}

async fn killed_mid_import_changes_nothing(url: &str, file: &std::path::Path) {
    let (mut server, address) = start_server(url);
    assert!(get(&address, "/inloggen").contains("200"));
    let before = snapshot::snapshot(url).await;

    let mut import = Command::new(env!("CARGO_BIN_EXE_wikken"))
        .args([
            "import",
            "kwb",
            file.to_str().unwrap(),
            "--database-url",
            url,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = import.try_wait().unwrap() {
            let mut err = String::new();
            import
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("the import ended ({status}) before it could be killed: {err}");
        }
        if writer_busy(url).await {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "the import never wrote"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Well inside its transaction: rows are being written.
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(import.try_wait().unwrap().is_none(), "still importing");
    assert!(writer_busy(url).await, "still writing");
    import.kill().unwrap(); // SIGKILL
    server.kill().unwrap();
    import.wait().unwrap();
    server.wait().unwrap();

    let (mut server, address) = start_server(url);
    assert!(get(&address, "/inloggen").contains("200"));
    let after = snapshot::snapshot(url).await;
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(after, before, "{url}: every table as before the import");
    // The demo corporation and its two partner organisations.
    assert!(before["organisations"].0 == 3 && before["observations"].0 > 0);
}

#[tokio::test]
async fn sigkill_in_the_middle_of_a_large_import_leaves_the_database_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let file = large_kwb(dir.path());
    let sqlite = format!("sqlite:{}", dir.path().join("wikken.db").display());
    killed_mid_import_changes_nothing(&sqlite, &file).await;
    if let Some(server) = snapshot::postgres_url() {
        let url = snapshot::fresh_postgres(&server, "crash").await;
        killed_mid_import_changes_nothing(&url, &file).await;
        snapshot::drop_postgres(&server, &url).await;
    }
}
