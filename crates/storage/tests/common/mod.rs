//! What every storage suite shares: the stores to run on. PostgreSQL is
//! used when `WIKKEN_TEST_POSTGRES_URL` is set (`scripts/test` starts one);
//! without it those runs say so and skip, unless `WIKKEN_REQUIRE_POSTGRES=1`
//! (CI), where its absence fails.

use wikken_storage::Store;

/// A fresh SQLite file; its directory lives as long as the test process
/// (the store keeps the file open), and the OS cleans the temp dir.
pub fn sqlite_url() -> String {
    let dir = tempfile::tempdir().unwrap().keep();
    format!("sqlite:{}", dir.join("wikken.db").display())
}

/// The stores to run a test on: a fresh SQLite file, and PostgreSQL when configured.
pub async fn stores() -> Vec<Store> {
    let mut out = vec![Store::connect(&sqlite_url()).await.unwrap()];
    match std::env::var("WIKKEN_TEST_POSTGRES_URL") {
        Ok(url) => out.push(Store::connect(&url).await.unwrap()),
        Err(_) if std::env::var("WIKKEN_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") => {
            panic!("WIKKEN_REQUIRE_POSTGRES=1 but WIKKEN_TEST_POSTGRES_URL is not set")
        }
        Err(_) => eprintln!("skipped PostgreSQL: WIKKEN_TEST_POSTGRES_URL is not set"),
    }
    out
}
