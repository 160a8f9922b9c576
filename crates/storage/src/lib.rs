//! Wikken's storage: SQLite embedded by default, PostgreSQL for multi-user
//! deployments, with one schema and one set of migrations (portable SQL
//! through sqlx's `Any` driver). Every query takes the organisation it
//! works for, so no query can return another organisation's rows.

mod area_values;
mod boundaries;
mod cases;
mod catalogue;
mod imports;
mod monitor;
mod own_checks;
mod own_data;
mod own_files;
mod sessions;
mod users;

use std::str::FromStr;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

pub use area_values::{AreaValue, SignalWeight};
pub use cases::{CaseEventRow, CaseRow, CaseSaveError, CaseVersion};
pub use catalogue::{CatalogueEventRow, SEED_USER};
pub use imports::ImportRow;
pub use monitor::{AreaRow, ImportSummary, IndicatorRow, ObservationRow};
pub use own_data::{ComplexRow, OwnImportError};
pub use users::{AccountChange, AccountChangeOutcome, NewUser, OrganisationRow, UserRow};
pub use wikken_data::own::OwnFile;

/// What can go wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The database said no.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored JSON document could not be read or written.
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The URL is neither `sqlite:` nor `postgres:`.
    #[error("unsupported database URL {0:?}: use sqlite:PATH or postgres://...")]
    UnsupportedUrl(String),
}

/// Which database is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl FromStr for Backend {
    type Err = StorageError;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(StorageError::UnsupportedUrl(url.to_string()))
        }
    }
}

/// An organisation's id (the tenant every row belongs to).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrganisationId(pub String);

/// Who made a change, as histories record it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventUser {
    /// The user's id.
    pub id: String,
    /// The user's name, as shown in the history.
    pub name: String,
}

/// The database, migrated to the current schema.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Connects (creating an SQLite file when it does not exist yet) and
    /// runs the migrations.
    pub async fn connect(url: &str) -> Result<Store, StorageError> {
        install_default_drivers();
        let backend: Backend = url.parse()?;
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_string(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 10 })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(
                            "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; \
                             PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Store { pool, backend })
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Creates an organisation (corporatie) and returns its id.
    pub async fn create_organisation(&self, name: &str) -> Result<OrganisationId, StorageError> {
        let id = OrganisationId(uuid::Uuid::new_v4().to_string());
        sqlx::query("INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)")
            .bind(&id.0)
            .bind(name)
            .bind(now())
            .execute(&self.pool)
            .await?;
        Ok(id)
    }

    /// The (first) organisation with this name, if there is one.
    pub async fn organisation_named(
        &self,
        name: &str,
    ) -> Result<Option<OrganisationId>, StorageError> {
        let found: Option<String> = sqlx::query_scalar(
            "SELECT id FROM organisations WHERE name = $1 ORDER BY created_at, id",
        )
        .bind(name)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.map(OrganisationId))
    }

    /// The organisation with this name, created when there is none yet.
    pub async fn ensure_organisation(&self, name: &str) -> Result<OrganisationId, StorageError> {
        match self.organisation_named(name).await? {
            Some(id) => Ok(id),
            None => self.create_organisation(name).await,
        }
    }

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Seconds since the Unix epoch.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
