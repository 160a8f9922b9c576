//! What a database holds, table by table: the row count and a checksum of
//! every row (each column as text, rows in order), to compare a database
//! before and after; and fresh PostgreSQL databases to compare on.

#![allow(dead_code)]

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};
use sqlx::{Connection, Row};

/// Rows and a SHA-256 of their contents, per table.
pub type Snapshot = BTreeMap<String, (usize, String)>;

/// Every table's row count and checksum (the migrations' table too).
pub async fn snapshot(url: &str) -> Snapshot {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let sqlite = url.starts_with("sqlite:");
    let tables: Vec<String> = sqlx::query_scalar(if sqlite {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    } else {
        "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
    })
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut out = Snapshot::new();
    for table in tables {
        let columns: Vec<String> = if sqlite {
            sqlx::query_scalar(&format!(
                "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
            ))
            .fetch_all(&mut conn)
            .await
            .unwrap()
        } else {
            sqlx::query_scalar(
                "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
            )
            .bind(&table)
            .fetch_all(&mut conn)
            .await
            .unwrap()
        };
        let select: Vec<String> = columns
            .iter()
            // SQLite's quote() is exact for every type, blobs too.
            .map(|c| {
                if sqlite {
                    format!("quote({c})")
                } else {
                    format!("CAST({c} AS TEXT)")
                }
            })
            .collect();
        let order: Vec<String> = (1..=columns.len()).map(|i| i.to_string()).collect();
        let rows = sqlx::query(&format!(
            "SELECT {} FROM {table} ORDER BY {}",
            select.join(", "),
            order.join(", ")
        ))
        .fetch_all(&mut conn)
        .await
        .unwrap();
        let mut hash = Sha256::new();
        for row in &rows {
            for i in 0..columns.len() {
                let v: Option<String> = row.try_get(i).unwrap();
                match v {
                    Some(v) => {
                        hash.update([1u8]);
                        hash.update((v.len() as u64).to_le_bytes());
                        hash.update(v.as_bytes());
                    }
                    None => hash.update([0u8]),
                }
            }
        }
        out.insert(table, (rows.len(), format!("{:x}", hash.finalize())));
    }
    conn.close().await.unwrap();
    out
}

pub use wikken_test_support::backend::{drop_postgres, fresh_postgres};

/// The PostgreSQL server the tests may use: `None` (said on stderr) when
/// `WIKKEN_TEST_POSTGRES_URL` is not set, a failure when
/// `WIKKEN_REQUIRE_POSTGRES=1` says it must be.
pub fn postgres_url() -> Option<String> {
    wikken_test_support::database_url(wikken_test_support::Backend::Postgres)
}

/// A PostgreSQL program (pg_dump, pg_restore) from Debian's packages.
pub fn pg_program(name: &str) -> std::path::PathBuf {
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|d| d.path().join("bin").join(name))
        .filter(|p| p.exists())
        .collect();
    found.sort();
    found
        .pop()
        .unwrap_or_else(|| std::path::PathBuf::from(name))
}
