//! Wikken's storage: SQLite embedded by default, PostgreSQL for multi-user
//! deployments, with one schema and one set of migrations (portable SQL
//! through sqlx's `Any` driver). Every query takes the organisation it
//! works for, so no query can return another organisation's rows.

mod agreement_series;
mod agreements;
mod area_values;
mod backup;
mod boundaries;
mod cases;
mod catalogue;
mod imports;
mod invitations;
mod leefbaarometer;
mod monitor;
mod own_checks;
mod own_data;
mod own_files;
mod partners;
mod seeding;
mod sessions;
mod types;
mod users;
mod workshop_answers;
pub mod workshop_events;
mod workshop_participants;
mod workshops;

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyPool, Executor, Transaction};

pub use agreement_series::Series;
pub use agreements::{
    AgreementEventRow, AgreementRow, AgreementSave, AgreementSaveError, AgreementVersion,
};
pub use area_values::{AreaValue, SignalWeight};
pub use backup::{RestoreError, restore_sqlite, sqlite_path};
pub use cases::{CaseEventRow, CaseRow, CaseSave, CaseSaveError, CaseVersion};
pub use catalogue::{CatalogueEventRow, SEED_USER};
pub use imports::ImportRow;
pub use invitations::{AcceptError, InvitationRow, NewInvitation};
pub use leefbaarometer::LeefbaarometerImport;
pub use monitor::{AreaRow, ImportSummary, IndicatorRow, ObservationRow};
pub use own_data::{ComplexRow, OwnImportError};
pub use partners::{
    PartnerOrganisation, ShareError, ShareEventRow, ShareOutcome, ShareRow, Subject,
};
pub use types::{
    AgreementId, CaseId, ComplexCode, ImportId, ImportKind, InvitationId, OrganisationId,
    OrganisationKind, ShareId, ShareKind, SignalSubject, UserId, UserRole, WorkshopId,
    WorkshopParticipantId,
};
pub use users::{AccountChange, AccountChangeOutcome, NewUser, OrganisationRow, UserRow};
pub use wikken_data::own::OwnFile;
pub use workshop_answers::{AnswerRow, PinRow, ReactionRow, Submitted, WorkshopProblem};
pub use workshop_events::{EventRow, Notice, Viewer};
pub use workshop_participants::WorkshopParticipant;
pub use workshops::{NewWorkshop, RoundRow, WorkshopError, WorkshopRow, normalise_code};

/// What can go wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The database said no.
    #[error("database: {0}")]
    Database(sqlx::Error),
    /// Another writer held the database for longer than the busy timeout
    /// (SQLite's "database is locked"), or no connection came free in
    /// time: trying again a little later will do.
    #[error("database busy: {0}")]
    Busy(sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored JSON document could not be read or written.
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A stored value this version does not know, such as a role that is
    /// none of beheerder, strateeg and lezer: the row is refused rather
    /// than read as some default.
    #[error("{table}.{column} holds {value:?}, which this version of Wikken does not know")]
    Corrupt {
        /// The table.
        table: &'static str,
        /// The column.
        column: &'static str,
        /// The value found.
        value: String,
    },
    /// The URL is neither `sqlite:` nor `postgres:`.
    #[error("unsupported database URL {0:?}: use sqlite:PATH or postgres://...")]
    UnsupportedUrl(String),
}

impl From<sqlx::Error> for StorageError {
    fn from(e: sqlx::Error) -> Self {
        if is_busy(&e) {
            StorageError::Busy(e)
        } else {
            StorageError::Database(e)
        }
    }
}

/// Whether an error means "busy, try again": SQLite's SQLITE_BUSY (any
/// extended code whose low byte is 5, or the message "database is
/// locked"), or a pool that had no connection free in time.
fn is_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(db) => {
            db.code()
                .and_then(|c| c.parse::<i64>().ok())
                .is_some_and(|c| c & 0xff == 5)
                || db.message().contains("database is locked")
        }
        _ => false,
    }
}

/// How long an SQLite writer waits for another writer's lock before it
/// gives up with [`StorageError::Busy`].
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The schema's migrations, the same for SQLite and PostgreSQL.
pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

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
    /// The URL connected to (PostgreSQL's `LISTEN` opens its own connection).
    url: std::sync::Arc<str>,
    /// Werkatelier news within this process (SQLite).
    bus: workshop_events::LocalBus,
}

impl Store {
    /// Connects (creating an SQLite file when it does not exist yet) and
    /// runs the migrations.
    pub async fn connect(url: &str) -> Result<Store, StorageError> {
        Store::connect_with_busy_timeout(url, SQLITE_BUSY_TIMEOUT).await
    }

    /// [`Store::connect`] with another busy timeout for SQLite (how long a
    /// writer waits for another writer's lock); PostgreSQL ignores it.
    pub async fn connect_with_busy_timeout(
        url: &str,
        busy_timeout: Duration,
    ) -> Result<Store, StorageError> {
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
                        // FULL: a commit is on disk before it is reported,
                        // so a confirmed besluit survives a power cut.
                        let pragmas = format!(
                            "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; \
                             PRAGMA synchronous = FULL; PRAGMA busy_timeout = {};",
                            busy_timeout.as_millis()
                        );
                        conn.execute(pragmas.as_str()).await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Store {
            pool,
            backend,
            url: url.into(),
            bus: Default::default(),
        })
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A write transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so concurrent writers queue for up to the busy
    /// timeout instead of failing halfway when a read turns into a write;
    /// one that cannot get the lock in time gets [`StorageError::Busy`].
    /// Every write transaction of the store starts here.
    pub(crate) async fn write_tx(&self) -> Result<Transaction<'static, Any>, StorageError> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
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

#[cfg(feature = "test-support")]
impl Store {
    /// Runs SQL as it is (on one connection; SQLite takes several
    /// statements), for tests that write rows the store itself never would
    /// (an unknown role, say). Bypasses every rule of the store, the
    /// organisation scope included: only with the `test-support` feature,
    /// which no build of the app enables.
    #[doc(hidden)]
    pub async fn execute_unchecked(&self, sql: &str) -> Result<u64, StorageError> {
        Ok(self.pool.execute(sql).await?.rows_affected())
    }
}
