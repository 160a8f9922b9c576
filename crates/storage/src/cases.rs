//! Afwegingen (cases): their versions and their history. A version holds
//! the whole [`CaseDoc`] as JSON. Every save is one transaction that checks
//! the revision the editor started from (two people saving at once cannot
//! overwrite each other) and writes a history row: who, when, what.

use sqlx::{AnyConnection, FromRow};
use wikken_core::case::CaseDoc;

use crate::{CaseId, EventUser, OrganisationId, StorageError, Store, now};

/// An afweging as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    /// Its id.
    pub id: CaseId,
    /// The question.
    pub title: String,
    /// The area it is about, if any.
    pub area_code: Option<String>,
    /// That area's name, when the organisation has the area.
    pub area_name: Option<String>,
    /// The version being worked on (the newest).
    pub current_version: i64,
    /// Whether the newest version is frozen by a besluit.
    pub decided: bool,
    /// Who started it.
    pub created_by: String,
    /// Last change (Unix seconds).
    pub updated_at: i64,
}

/// One version of an afweging with its document.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseVersion {
    /// The version number (1, 2, ...).
    pub version: i64,
    /// The document.
    pub doc: CaseDoc,
    /// Saves so far; pass it back to [`Store::save_case`].
    pub revision: i64,
    /// When the besluit froze it, if it did.
    pub frozen_at: Option<i64>,
    /// When the version was made.
    pub created_at: i64,
    /// Who made it.
    pub created_by: String,
}

/// What a save records besides the document.
#[derive(Debug, Clone, Copy)]
pub struct CaseSave<'a> {
    /// Who.
    pub user: &'a EventUser,
    /// What, in Dutch, for the history.
    pub action: &'a str,
    /// Before and after, as JSON, where useful.
    pub detail: Option<&'a str>,
    /// The one-time token of the form that made the change, if any.
    pub form_token: Option<&'a str>,
}

/// One entry of an afweging's history.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct CaseEventRow {
    /// The version it changed.
    pub version: i64,
    /// Who.
    pub user_name: String,
    /// When (Unix seconds).
    pub at: i64,
    /// What, in Dutch ("Optie Buurtbeheerder toegevoegd").
    pub action: String,
    /// Before and after, as JSON, where useful.
    pub detail: Option<String>,
}

/// Why a save was refused.
#[derive(Debug, thiserror::Error)]
pub enum CaseSaveError {
    /// No such afweging or version for this organisation.
    #[error("afweging niet gevonden")]
    NotFound,
    /// The version is frozen by a besluit.
    #[error("deze versie is vastgelegd met een besluit en kan niet meer veranderen")]
    Frozen,
    /// Someone else saved in between.
    #[error("iemand anders heeft de afweging intussen gewijzigd")]
    Conflict,
    /// This form was already applied (its one-time token is in the
    /// history): nothing was changed again.
    #[error("dit formulier is al verwerkt")]
    AlreadyApplied,
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<sqlx::Error> for CaseSaveError {
    fn from(e: sqlx::Error) -> Self {
        CaseSaveError::Storage(e.into())
    }
}

fn to_json(doc: &CaseDoc) -> String {
    serde_json::to_string(doc).expect("a case document serialises")
}

fn from_json(text: &str) -> Result<CaseDoc, StorageError> {
    Ok(serde_json::from_str(text)?)
}

/// The columns of a [`StoredCase`]: a case with its current version.
const CASE_COLUMNS: &str = "c.id AS id, c.title AS title, c.area_code AS area_code, a.name AS area_name, \
     c.current_version AS current_version, v.frozen_at AS frozen_at, \
     c.created_by AS created_by, c.updated_at AS updated_at";

/// A case with its current version's besluit moment, read by name.
#[derive(FromRow)]
struct StoredCase {
    id: CaseId,
    title: String,
    area_code: Option<String>,
    area_name: Option<String>,
    current_version: i64,
    frozen_at: Option<i64>,
    created_by: String,
    updated_at: i64,
}

impl From<StoredCase> for CaseRow {
    fn from(r: StoredCase) -> CaseRow {
        CaseRow {
            id: r.id,
            title: r.title,
            area_code: r.area_code,
            area_name: r.area_name,
            current_version: r.current_version,
            decided: r.frozen_at.is_some(),
            created_by: r.created_by,
            updated_at: r.updated_at,
        }
    }
}

/// A `case_versions` row as stored, its document still JSON.
#[derive(FromRow)]
struct StoredVersion {
    version: i64,
    doc: String,
    revision: i64,
    frozen_at: Option<i64>,
    created_at: i64,
    created_by: String,
}

/// A version without its document (see [`Store::case_versions`]).
#[derive(FromRow)]
struct StoredVersionInfo {
    version: i64,
    frozen_at: Option<i64>,
    created_at: i64,
    created_by: String,
}

/// The current version of a case and its state, as a save checks it.
#[derive(FromRow)]
struct StoredCurrent {
    current_version: i64,
    revision: i64,
    frozen_at: Option<i64>,
}

async fn record_event(
    conn: &mut AnyConnection,
    case_id: &CaseId,
    (version, revision): (i64, i64),
    user: &EventUser,
    action: &str,
    detail: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO case_events (id, case_id, version, revision, user_id, user_name, at, action, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(case_id)
    .bind(version)
    .bind(revision)
    .bind(&user.id)
    .bind(&user.name)
    .bind(now())
    .bind(action)
    .bind(detail)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The current version and whether it is frozen, of an organisation's case.
async fn current(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    case_id: &CaseId,
) -> Result<(i64, i64, bool), CaseSaveError> {
    let row: StoredCurrent = sqlx::query_as(
        "SELECT c.current_version AS current_version, v.revision AS revision, \
         v.frozen_at AS frozen_at FROM cases c \
         JOIN case_versions v ON v.case_id = c.id AND v.version = c.current_version \
         WHERE c.id = $1 AND c.organisation_id = $2",
    )
    .bind(case_id)
    .bind(&org.0)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(CaseSaveError::NotFound)?;
    Ok((row.current_version, row.revision, row.frozen_at.is_some()))
}

/// Inserts a new afweging (version 1, "Afweging gestart") on `conn`,
/// within the caller's transaction; its id.
pub(crate) async fn insert_case(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    user: &EventUser,
    doc: &CaseDoc,
) -> Result<CaseId, StorageError> {
    let id = CaseId(uuid::Uuid::new_v4().to_string());
    let t = now();
    let draft = CaseDoc {
        decision: None,
        ..doc.clone()
    };
    let doc = &draft;
    sqlx::query(
        "INSERT INTO cases (id, organisation_id, title, area_code, current_version, created_at, created_by, updated_at) \
         VALUES ($1, $2, $3, $4, 1, $5, $6, $5)",
    )
    .bind(&id)
    .bind(&org.0)
    .bind(&doc.question)
    .bind(&doc.area.code)
    .bind(t)
    .bind(&user.name)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO case_versions (case_id, version, doc, revision, frozen_at, created_at, created_by) \
         VALUES ($1, 1, $2, 1, NULL, $3, $4)",
    )
    .bind(&id)
    .bind(to_json(doc))
    .bind(t)
    .bind(&user.name)
    .execute(&mut *conn)
    .await?;
    record_event(conn, &id, (1, 1), user, "Afweging gestart", None).await?;
    Ok(id)
}

impl Store {
    /// Starts an afweging: version 1 with `doc` as a draft of `user`, and
    /// "Afweging gestart" in its history. Returns its id. A besluit in
    /// `doc` (an imported afweging that was decided elsewhere) is not kept:
    /// only deciding here freezes a version, with who decided and when, so
    /// no file can bring in a besluit with a forged author or date.
    pub async fn create_case(
        &self,
        org: &OrganisationId,
        user: &EventUser,
        doc: &CaseDoc,
    ) -> Result<CaseId, StorageError> {
        let mut tx = self.write_tx().await?;
        let id = insert_case(&mut tx, org, user, doc).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The organisation's afwegingen, most recently changed first.
    pub async fn cases(&self, org: &OrganisationId) -> Result<Vec<CaseRow>, StorageError> {
        let rows: Vec<StoredCase> = sqlx::query_as(&format!(
            "SELECT {CASE_COLUMNS} \
             FROM cases c JOIN case_versions v ON v.case_id = c.id AND v.version = c.current_version \
             LEFT JOIN areas a ON a.organisation_id = c.organisation_id AND a.code = c.area_code \
             WHERE c.organisation_id = $1 ORDER BY c.updated_at DESC, c.id"
        ))
        .bind(&org.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(CaseRow::from).collect())
    }

    /// One afweging of the organisation.
    pub async fn case(
        &self,
        org: &OrganisationId,
        id: &CaseId,
    ) -> Result<Option<CaseRow>, StorageError> {
        let row: Option<StoredCase> = sqlx::query_as(&format!(
            "SELECT {CASE_COLUMNS} \
             FROM cases c JOIN case_versions v ON v.case_id = c.id AND v.version = c.current_version \
             LEFT JOIN areas a ON a.organisation_id = c.organisation_id AND a.code = c.area_code \
             WHERE c.organisation_id = $1 AND c.id = $2"
        ))
        .bind(&org.0)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(CaseRow::from))
    }

    /// One version of an organisation's afweging (`None`: the current one).
    pub async fn case_version(
        &self,
        org: &OrganisationId,
        id: &CaseId,
        version: Option<i64>,
    ) -> Result<Option<CaseVersion>, StorageError> {
        let row: Option<StoredVersion> = sqlx::query_as(
            "SELECT v.version AS version, v.doc AS doc, v.revision AS revision, \
             v.frozen_at AS frozen_at, v.created_at AS created_at, v.created_by AS created_by \
             FROM cases c JOIN case_versions v ON v.case_id = c.id \
             WHERE c.organisation_id = $1 AND c.id = $2 AND v.version = COALESCE($3, c.current_version)",
        )
        .bind(&org.0)
        .bind(id)
        .bind(version)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(CaseVersion {
                version: r.version,
                doc: from_json(&r.doc)?,
                revision: r.revision,
                frozen_at: r.frozen_at,
                created_at: r.created_at,
                created_by: r.created_by,
            })
        })
        .transpose()
    }

    /// The versions of an afweging, oldest first, without their documents:
    /// (version, frozen_at, created_at, created_by).
    pub async fn case_versions(
        &self,
        org: &OrganisationId,
        id: &CaseId,
    ) -> Result<Vec<(i64, Option<i64>, i64, String)>, StorageError> {
        let rows: Vec<StoredVersionInfo> = sqlx::query_as(
            "SELECT v.version AS version, v.frozen_at AS frozen_at, v.created_at AS created_at, \
             v.created_by AS created_by FROM cases c \
             JOIN case_versions v ON v.case_id = c.id \
             WHERE c.organisation_id = $1 AND c.id = $2 ORDER BY v.version",
        )
        .bind(&org.0)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.version, r.frozen_at, r.created_at, r.created_by))
            .collect())
    }

    /// Saves a changed document into the current version, if it is still at
    /// `revision` and not frozen, with one history row. With `freeze` the
    /// version is frozen (the besluit). A form's one-time token
    /// (`save.form_token`) is kept with the change; a form whose token is
    /// already there is refused as [`CaseSaveError::AlreadyApplied`].
    /// Returns the new revision.
    pub async fn save_case(
        &self,
        org: &OrganisationId,
        id: &CaseId,
        revision: i64,
        save: &CaseSave<'_>,
        doc: &CaseDoc,
    ) -> Result<i64, CaseSaveError> {
        let CaseSave {
            user,
            action,
            detail,
            form_token,
        } = *save;
        let freeze = doc.decision.is_some();
        let mut tx = self.write_tx().await?;
        let (version, current_revision, frozen) = current(&mut tx, org, id).await?;
        if let Some(token) = form_token {
            let used: Option<i64> = sqlx::query_scalar(
                "SELECT 1 FROM case_events WHERE case_id = $1 AND form_token = $2",
            )
            .bind(id)
            .bind(token)
            .fetch_optional(&mut *tx)
            .await?;
            if used.is_some() {
                return Err(CaseSaveError::AlreadyApplied);
            }
        }
        if frozen {
            return Err(CaseSaveError::Frozen);
        }
        if current_revision != revision {
            return Err(CaseSaveError::Conflict);
        }
        let t = now();
        let next = revision + 1;
        let changed = sqlx::query(
            "UPDATE case_versions SET doc = $1, revision = $2, frozen_at = $3 \
             WHERE case_id = $4 AND version = $5 AND revision = $6",
        )
        .bind(to_json(doc))
        .bind(next)
        .bind(freeze.then_some(t))
        .bind(id)
        .bind(version)
        .bind(revision)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(CaseSaveError::Conflict);
        }
        sqlx::query("UPDATE cases SET title = $1, area_code = $2, updated_at = $3 WHERE id = $4")
            .bind(&doc.question)
            .bind(&doc.area.code)
            .bind(t)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        record_event(&mut tx, id, (version, next), user, action, detail).await?;
        if let Some(token) = form_token {
            sqlx::query(
                "UPDATE case_events SET form_token = $1 WHERE case_id = $2 AND version = $3 AND revision = $4",
            )
            .bind(token)
            .bind(id)
            .bind(version)
            .bind(next)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(next)
    }

    /// Opens a new version after a besluit: a copy of the frozen current
    /// version without its besluit. Returns the new version number.
    pub async fn new_case_version(
        &self,
        org: &OrganisationId,
        id: &CaseId,
        user: &EventUser,
    ) -> Result<i64, CaseSaveError> {
        let mut tx = self.write_tx().await?;
        let (version, _, frozen) = current(&mut tx, org, id).await?;
        if !frozen {
            return Ok(version);
        }
        let text: String =
            sqlx::query_scalar("SELECT doc FROM case_versions WHERE case_id = $1 AND version = $2")
                .bind(id)
                .bind(version)
                .fetch_one(&mut *tx)
                .await?;
        let mut doc = from_json(&text)?;
        doc.decision = None;
        let next = version + 1;
        let t = now();
        sqlx::query(
            "INSERT INTO case_versions (case_id, version, doc, revision, frozen_at, created_at, created_by) \
             VALUES ($1, $2, $3, 1, NULL, $4, $5)",
        )
        .bind(id)
        .bind(next)
        .bind(to_json(&doc))
        .bind(t)
        .bind(&user.name)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE cases SET current_version = $1, updated_at = $2 WHERE id = $3")
            .bind(next)
            .bind(t)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let action = format!("Versie {next} geopend (versie {version} blijft vastgelegd)");
        record_event(&mut tx, id, (next, 1), user, &action, None).await?;
        tx.commit().await?;
        Ok(next)
    }

    /// An afweging's history, newest first.
    pub async fn case_events(
        &self,
        org: &OrganisationId,
        id: &CaseId,
    ) -> Result<Vec<CaseEventRow>, StorageError> {
        Ok(sqlx::query_as(
            "SELECT e.version AS version, e.user_name AS user_name, e.at AS at, \
             e.action AS action, e.detail AS detail FROM case_events e \
             JOIN cases c ON c.id = e.case_id \
             WHERE c.organisation_id = $1 AND e.case_id = $2 \
             ORDER BY e.at DESC, e.version DESC, e.revision DESC",
        )
        .bind(&org.0)
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }
}
