//! The databases a test runs on. Every test that touches a database runs
//! once per [`Backend`] as its own test case (`…::sqlite`, `…::postgres`),
//! so a failure names its backend. SQLite is a fresh file; PostgreSQL is
//! the server in `WIKKEN_TEST_POSTGRES_URL` (`scripts/test` starts one).
//! Without that variable the PostgreSQL cases say so and pass, unless
//! `WIKKEN_REQUIRE_POSTGRES=1` (CI), where its absence fails.

pub use wikken_storage::Backend;

/// A fresh SQLite file; its directory lives as long as the test process
/// (the store keeps the file open), and the OS cleans the temp dir.
pub fn sqlite_url() -> String {
    let dir = tempfile::tempdir().unwrap().keep();
    format!("sqlite:{}", dir.join("wikken.db").display())
}

/// The URL to run a test case on, or `None` (with a line on stderr) when
/// PostgreSQL is not configured and not required.
pub fn database_url(backend: Backend) -> Option<String> {
    match backend {
        Backend::Sqlite => Some(sqlite_url()),
        Backend::Postgres => match std::env::var("WIKKEN_TEST_POSTGRES_URL") {
            Ok(url) => Some(url),
            Err(_) if std::env::var("WIKKEN_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") => {
                panic!("WIKKEN_REQUIRE_POSTGRES=1 but WIKKEN_TEST_POSTGRES_URL is not set")
            }
            Err(_) => {
                eprintln!("skipped PostgreSQL: WIKKEN_TEST_POSTGRES_URL is not set");
                None
            }
        },
    }
}

/// A URL to an empty database of its own, for tests of a first start:
/// a new SQLite file, or a new database on the PostgreSQL server.
pub async fn fresh_database_url(backend: Backend) -> Option<String> {
    let url = database_url(backend)?;
    Some(match backend {
        Backend::Sqlite => url,
        Backend::Postgres => fresh_postgres(&url, "fresh").await,
    })
}

/// A new empty database on the PostgreSQL server of `url` (named after
/// `tag`); its URL.
pub async fn fresh_postgres(url: &str, tag: &str) -> String {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let name = format!("wikken_{tag}_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::AnyConnection::connect(url).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();
    let (base, _) = url.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

/// Drops a database made by [`fresh_postgres`], connected through `server`.
pub async fn drop_postgres(server: &str, url: &str) {
    use sqlx::Connection;
    let name = url.rsplit_once('/').unwrap().1;
    let mut admin = sqlx::AnyConnection::connect(server).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();
}

/// Makes each named `async fn name(url: String)` a test per backend: the
/// tests `name::sqlite` and `name::postgres`, each calling `name` with its
/// database URL (the PostgreSQL case passes with a note when no server is
/// configured; see [`database_url`]).
///
/// ```ignore
/// /// What the test shows.
/// async fn a_form_is_applied_once(url: String) { … }
///
/// per_backend!(a_form_is_applied_once);
/// ```
///
/// `per_backend!(fresh: name)` gives each case an empty database of its
/// own ([`fresh_database_url`]) instead of the shared test database.
#[macro_export]
macro_rules! per_backend {
    (fresh: $($name:ident),+ $(,)?) => {
        $crate::per_backend!(@cases fresh_database_url, $($name),+);
    };
    ($($name:ident),+ $(,)?) => {
        $crate::per_backend!(@cases shared_database_url, $($name),+);
    };
    (@cases $url:ident, $($name:ident),+) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::backend::$url($crate::Backend::Sqlite).await.unwrap()).await
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(url) = $crate::backend::$url($crate::Backend::Postgres).await {
                    super::$name(url).await
                }
            }
        }
    )+};
}

/// [`database_url`], awaitable like [`fresh_database_url`] (for
/// [`per_backend!`]).
pub async fn shared_database_url(backend: Backend) -> Option<String> {
    database_url(backend)
}
