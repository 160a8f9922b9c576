//! The record of what an organisation imported.

use sqlx::{AnyConnection, FromRow};

use crate::types::stored;
use crate::{ImportId, ImportKind, OrganisationId, StorageError, Store, now};

/// Has the organisation imported these bytes (by sha256) as this kind
/// before? Then importing them again changes nothing.
pub(crate) async fn already_imported(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    kind: ImportKind,
    sha: &str,
) -> Result<bool, StorageError> {
    let seen: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM imports WHERE organisation_id = $1 AND kind = $2 AND sha256 = $3",
    )
    .bind(&org.0)
    .bind(kind.as_str())
    .bind(sha)
    .fetch_one(&mut *conn)
    .await?;
    Ok(seen > 0)
}

/// Records an import (in the import's own transaction).
pub(crate) async fn record_import(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    (kind, file_name, sha): (ImportKind, &str, &str),
    areas: usize,
    observations: usize,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO imports (id, organisation_id, kind, file_name, sha256, areas, observations, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(&org.0)
    .bind(kind.as_str())
    .bind(file_name)
    .bind(sha)
    .bind(areas as i64)
    .bind(observations as i64)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One import, as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// Its id.
    pub id: ImportId,
    /// What kind of file it was.
    pub kind: ImportKind,
    /// The file's name.
    pub file_name: String,
    /// Areas (or shapes, or complexes) in it.
    pub areas: i64,
    /// Values in it.
    pub observations: i64,
    /// When, in seconds since the Unix epoch.
    pub created_at: i64,
}

/// An `imports` row as stored, read by name.
#[derive(FromRow)]
struct StoredImport {
    id: ImportId,
    kind: String,
    file_name: String,
    areas: i64,
    observations: i64,
    created_at: i64,
}

impl TryFrom<StoredImport> for ImportRow {
    type Error = StorageError;

    fn try_from(r: StoredImport) -> Result<ImportRow, StorageError> {
        Ok(ImportRow {
            kind: stored("imports", "kind", r.kind)?,
            id: r.id,
            file_name: r.file_name,
            areas: r.areas,
            observations: r.observations,
            created_at: r.created_at,
        })
    }
}

impl Store {
    /// The organisation's imports, newest first.
    pub async fn imports(&self, org: &OrganisationId) -> Result<Vec<ImportRow>, StorageError> {
        let rows: Vec<StoredImport> = sqlx::query_as(
            "SELECT id, kind, file_name, areas, observations, created_at FROM imports \
             WHERE organisation_id = $1 ORDER BY created_at DESC, id",
        )
        .bind(&org.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ImportRow::try_from).collect()
    }

    /// The version of the organisation's data: its number of imports.
    /// Every change of its areas, values, boundaries or own data is an
    /// import recorded in the same transaction (and imports are never
    /// removed), so an unchanged version means unchanged data: what caches
    /// of that data check.
    pub async fn data_version(&self, org: &OrganisationId) -> Result<i64, StorageError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM imports WHERE organisation_id = $1")
                .bind(&org.0)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// One import of the organisation's, if it is one.
    pub async fn import(
        &self,
        org: &OrganisationId,
        id: &ImportId,
    ) -> Result<Option<ImportRow>, StorageError> {
        Ok(self.imports(org).await?.into_iter().find(|i| &i.id == id))
    }
}
