//! Backup and restore of an SQLite database. A backup is a consistent
//! copy made by SQLite itself (`VACUUM INTO`) while the server runs; a
//! restore checks that the file is a Wikken database, copies it next to
//! the database and renames it into place, and refuses while the database
//! is in use. PostgreSQL has `pg_dump` and `pg_restore` for this.

use std::path::{Path, PathBuf};

use sqlx::{AnyConnection, Connection, Executor};

use crate::{Backend, StorageError, Store};

/// Why a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The file or the database refuses, said in Dutch for the user.
    #[error("{0}")]
    Refused(String),
    /// Reading, copying or renaming failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// The file of an `sqlite:` URL (`sqlite:PATH`, `sqlite://PATH`, with or
/// without `?options`); `None` for any other URL.
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix("sqlite:")?.trim_start_matches("//");
    let path = path.split('?').next().unwrap_or(path);
    (!path.is_empty()).then(|| PathBuf::from(path))
}

impl Store {
    /// Writes a consistent copy of this SQLite database to `path`, which
    /// must not exist yet. Other connections keep reading and writing
    /// meanwhile. PostgreSQL: [`StorageError::UnsupportedUrl`] (use
    /// `pg_dump`).
    pub async fn backup_sqlite(&self, path: &Path) -> Result<(), StorageError> {
        if self.backend != Backend::Sqlite {
            return Err(StorageError::UnsupportedUrl(
                "backup works on SQLite only; use pg_dump for PostgreSQL".into(),
            ));
        }
        sqlx::query("VACUUM INTO $1")
            .bind(path.to_string_lossy().into_owned())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// Puts the backup `file` in place of the SQLite database at `target`:
/// checks that `file` is an intact Wikken database no newer than this
/// program, copies it next to `target`, and renames the copy over it.
/// Refuses while another program (a running `wikken serve`) has `target`
/// open. The next start brings the restored database up to date.
pub async fn restore_sqlite(file: &Path, target: &Path) -> Result<(), RestoreError> {
    sqlx::any::install_default_drivers();
    check_backup(file).await?;
    let name = target.file_name().ok_or_else(|| {
        RestoreError::Refused(format!("{} is geen bestandsnaam", target.display()))
    })?;
    let temp = target.with_file_name(format!(
        ".{}.herstel-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = async {
        std::fs::copy(file, &temp)?;
        std::fs::File::open(&temp)?.sync_all()?;
        if target.exists() {
            ensure_not_in_use(target).await?;
        }
        for suffix in ["-wal", "-shm"] {
            let mut side = target.as_os_str().to_owned();
            side.push(suffix);
            match std::fs::remove_file(PathBuf::from(side)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => {}
            }
        }
        std::fs::rename(&temp, target)?;
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    }
    .await;
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Refuses a file that is not an intact Wikken SQLite database, or one
/// made by a newer Wikken.
async fn check_backup(file: &Path) -> Result<(), RestoreError> {
    let shown = file.display();
    let mut header = [0u8; 16];
    let read = std::fs::File::open(file).and_then(|mut f| {
        use std::io::Read;
        f.read_exact(&mut header)
    });
    if read.is_err() || &header != b"SQLite format 3\0" {
        return Err(RestoreError::Refused(format!(
            "{shown} is geen SQLite-database (geen back-up van Wikken); er is niets veranderd"
        )));
    }
    let url = format!("sqlite:{}?mode=ro", file.display());
    let mut conn = AnyConnection::connect(&url)
        .await
        .map_err(StorageError::from)?;
    let result = async {
        let tables: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' \
             AND name IN ('_sqlx_migrations', 'organisations')",
        )
        .fetch_one(&mut conn)
        .await
        .map_err(StorageError::from)?;
        if tables != 2 {
            return Err(RestoreError::Refused(format!(
                "{shown} is geen Wikken-database (geen migratietabel of organisaties); er is niets veranderd"
            )));
        }
        let newest: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
            .fetch_one(&mut conn)
            .await
            .map_err(StorageError::from)?;
        let known = crate::MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
        if newest.unwrap_or(0) > known {
            return Err(RestoreError::Refused(format!(
                "{shown} is gemaakt door een nieuwere versie van Wikken (schema {}, deze versie kent tot {known}); er is niets veranderd",
                newest.unwrap_or(0)
            )));
        }
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await
            .map_err(StorageError::from)?;
        if check != "ok" {
            return Err(RestoreError::Refused(format!(
                "{shown} is beschadigd ({check}); er is niets veranderd"
            )));
        }
        Ok(())
    }
    .await;
    let _ = conn.close().await;
    result
}

/// Refuses when another connection has the database open (a running
/// server): only a connection alone can take SQLite's exclusive lock.
async fn ensure_not_in_use(target: &Path) -> Result<(), RestoreError> {
    let url = format!("sqlite:{}", target.display());
    let mut conn = AnyConnection::connect(&url)
        .await
        .map_err(StorageError::from)?;
    let locked = conn
        .execute(
            "PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;",
        )
        .await;
    let _ = conn.close().await;
    match locked {
        Ok(_) => Ok(()),
        Err(e) => match StorageError::from(e) {
            StorageError::Busy(_) => Err(RestoreError::Refused(format!(
                "{} is in gebruik (draait wikken serve nog?); stop de server en probeer het opnieuw. Er is niets veranderd",
                target.display()
            ))),
            e => Err(e.into()),
        },
    }
}
