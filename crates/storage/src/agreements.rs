//! Prestatieafspraken (agreements): their versions, approvals and
//! history. A change is one transaction: the current version is read, the
//! command applied by `wikken-core`'s rules, and the result written with
//! a history row, only if nobody saved in between (`revision`). Approval
//! freezes a version's terms once every signatory approved them.

use sqlx::{AnyConnection, FromRow};
use wikken_core::agreement::{
    Actor, Agreement, AgreementCommand, Approval, CaseLink, Refusal, approval_state,
};
use wikken_core::case::CaseDoc;

use crate::{AgreementId, CaseId, EventUser, OrganisationId, StorageError, Store, now};

/// Prestatieafspraken as listed.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct AgreementRow {
    /// Its id.
    pub id: AgreementId,
    /// The corporation that keeps them.
    pub organisation_id: String,
    /// The gemeente.
    pub gemeente_code: String,
    /// The title.
    pub title: String,
    /// First year.
    pub first_year: i64,
    /// Last year.
    pub last_year: i64,
    /// The newest version.
    pub current_version: i64,
    /// When the newest version was approved by all, if it was.
    pub approved_at: Option<i64>,
    /// Last change (Unix seconds).
    pub updated_at: i64,
}

/// One version with its document and approvals.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementVersion {
    /// The version number.
    pub version: i64,
    /// Whether it is the newest version (only the newest changes).
    pub current: bool,
    /// The document.
    pub doc: Agreement,
    /// Saves and approvals so far.
    pub revision: i64,
    /// When every signatory had approved it.
    pub approved_at: Option<i64>,
    /// Every approval given to this version (also of earlier terms).
    pub approvals: Vec<Approval>,
}

/// What a change records besides the command.
#[derive(Debug, Clone, Copy)]
pub struct AgreementSave<'a> {
    /// Who, for the history.
    pub user: &'a EventUser,
    /// The revision the form was made from (`None`: whatever is current).
    pub revision: Option<i64>,
    /// The form's one-time token, if any.
    pub form_token: Option<&'a str>,
}

/// One line of the history.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct AgreementEventRow {
    /// The version it changed.
    pub version: i64,
    /// Who.
    pub user_name: String,
    /// When (Unix seconds).
    pub at: i64,
    /// What, in Dutch.
    pub action: String,
}

/// Why a change was not made.
#[derive(Debug, thiserror::Error)]
pub enum AgreementSaveError {
    /// No such afspraken for this organisation.
    #[error("prestatieafspraken niet gevonden")]
    NotFound,
    /// The rules refused it.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// Someone else saved in between.
    #[error("iemand anders heeft de afspraken intussen gewijzigd")]
    Conflict,
    /// This form was already applied.
    #[error("dit formulier is al verwerkt")]
    AlreadyApplied,
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<sqlx::Error> for AgreementSaveError {
    fn from(e: sqlx::Error) -> Self {
        AgreementSaveError::Storage(e.into())
    }
}

fn to_json(doc: &Agreement) -> String {
    serde_json::to_string(doc).expect("an agreement serialises")
}

const ROW_COLUMNS: &str = "a.id AS id, a.organisation_id AS organisation_id, \
     a.gemeente_code AS gemeente_code, a.title AS title, a.first_year AS first_year, \
     a.last_year AS last_year, a.current_version AS current_version, \
     v.approved_at AS approved_at, a.updated_at AS updated_at";

#[derive(FromRow)]
struct StoredVersion {
    version: i64,
    current_version: i64,
    doc: String,
    revision: i64,
    approved_at: Option<i64>,
}

#[derive(FromRow)]
struct StoredApproval {
    party: String,
    user_name: String,
    at: i64,
    terms_revision: i64,
}

async fn load_version(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    id: &AgreementId,
    version: Option<i64>,
) -> Result<Option<AgreementVersion>, StorageError> {
    let row: Option<StoredVersion> = sqlx::query_as(
        "SELECT v.version AS version, a.current_version AS current_version, v.doc AS doc, \
         v.revision AS revision, v.approved_at AS approved_at \
         FROM agreements a JOIN agreement_versions v ON v.agreement_id = a.id \
         WHERE a.organisation_id = $1 AND a.id = $2 AND v.version = COALESCE($3, a.current_version)",
    )
    .bind(&org.0)
    .bind(id)
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let approvals: Vec<StoredApproval> = sqlx::query_as(
        "SELECT party, user_name, at, terms_revision FROM agreement_approvals \
         WHERE agreement_id = $1 AND version = $2 ORDER BY at, party",
    )
    .bind(id)
    .bind(row.version)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(AgreementVersion {
        version: row.version,
        current: row.version == row.current_version,
        doc: serde_json::from_str(&row.doc)?,
        revision: row.revision,
        approved_at: row.approved_at,
        approvals: approvals
            .into_iter()
            .map(|a| Approval {
                party: a.party,
                by: a.user_name,
                at: a.at,
                terms_revision: u32::try_from(a.terms_revision).unwrap_or(u32::MAX),
            })
            .collect(),
    }))
}

async fn record_event(
    conn: &mut AnyConnection,
    id: &AgreementId,
    (version, revision): (i64, i64),
    user: &EventUser,
    action: &str,
    form_token: Option<&str>,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO agreement_events (id, agreement_id, version, revision, user_id, user_name, at, action, form_token) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(id)
    .bind(version)
    .bind(revision)
    .bind(&user.id)
    .bind(&user.name)
    .bind(now())
    .bind(action)
    .bind(form_token)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn token_used(
    conn: &mut AnyConnection,
    id: &AgreementId,
    token: Option<&str>,
) -> Result<bool, StorageError> {
    let Some(token) = token else { return Ok(false) };
    let used: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM agreement_events WHERE agreement_id = $1 AND form_token = $2",
    )
    .bind(id)
    .bind(token)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(used.is_some())
}

/// [`Store::change_agreement`] within the caller's transaction.
async fn apply_in(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    id: &AgreementId,
    save: &AgreementSave<'_>,
    actor: &Actor,
    command: &AgreementCommand,
) -> Result<i64, AgreementSaveError> {
    if token_used(&mut *conn, id, save.form_token).await? {
        return Err(AgreementSaveError::AlreadyApplied);
    }
    let mut current = load_version(&mut *conn, org, id, None)
        .await?
        .ok_or(AgreementSaveError::NotFound)?;
    if save.revision.is_some_and(|r| r != current.revision) {
        return Err(AgreementSaveError::Conflict);
    }
    let line = current
        .doc
        .apply(actor, command, current.approved_at.is_some())?;
    let next = current.revision + 1;
    let t = now();
    let changed = sqlx::query(
        "UPDATE agreement_versions SET doc = $1, revision = $2 \
             WHERE agreement_id = $3 AND version = $4 AND revision = $5",
    )
    .bind(to_json(&current.doc))
    .bind(next)
    .bind(id)
    .bind(current.version)
    .bind(current.revision)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(AgreementSaveError::Conflict);
    }
    sqlx::query(
            "UPDATE agreements SET title = $1, first_year = $2, last_year = $3, updated_at = $4 WHERE id = $5",
        )
        .bind(&current.doc.title)
        .bind(i64::from(current.doc.first_year))
        .bind(i64::from(current.doc.last_year))
        .bind(t)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    record_event(
        &mut *conn,
        id,
        (current.version, next),
        save.user,
        &line,
        save.form_token,
    )
    .await?;
    Ok(next)
}

impl Store {
    /// Starts prestatieafspraken: version 1 with `doc`, "Afspraken
    /// gestart" in the history. Returns the id.
    pub async fn create_agreement(
        &self,
        org: &OrganisationId,
        user: &EventUser,
        doc: &Agreement,
    ) -> Result<AgreementId, StorageError> {
        let id = AgreementId(uuid::Uuid::new_v4().to_string());
        let t = now();
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO agreements (id, organisation_id, gemeente_code, title, first_year, last_year, \
             current_version, created_at, created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $7)",
        )
        .bind(&id)
        .bind(&org.0)
        .bind(&doc.gemeente_code)
        .bind(&doc.title)
        .bind(i64::from(doc.first_year))
        .bind(i64::from(doc.last_year))
        .bind(t)
        .bind(&user.name)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO agreement_versions (agreement_id, version, doc, revision, approved_at, created_at, created_by) \
             VALUES ($1, 1, $2, 1, NULL, $3, $4)",
        )
        .bind(&id)
        .bind(to_json(doc))
        .bind(t)
        .bind(&user.name)
        .execute(&mut *tx)
        .await?;
        record_event(&mut tx, &id, (1, 1), user, "Afspraken gestart", None).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The organisation's prestatieafspraken, per gemeente, newest first.
    pub async fn agreements(
        &self,
        org: &OrganisationId,
    ) -> Result<Vec<AgreementRow>, StorageError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {ROW_COLUMNS} FROM agreements a \
             JOIN agreement_versions v ON v.agreement_id = a.id AND v.version = a.current_version \
             WHERE a.organisation_id = $1 ORDER BY a.gemeente_code, a.first_year DESC, a.id"
        ))
        .bind(&org.0)
        .fetch_all(&self.pool)
        .await?)
    }

    /// One set of the organisation's prestatieafspraken.
    pub async fn agreement(
        &self,
        org: &OrganisationId,
        id: &AgreementId,
    ) -> Result<Option<AgreementRow>, StorageError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {ROW_COLUMNS} FROM agreements a \
             JOIN agreement_versions v ON v.agreement_id = a.id AND v.version = a.current_version \
             WHERE a.organisation_id = $1 AND a.id = $2"
        ))
        .bind(&org.0)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// A version (`None`: the newest) with its document and approvals.
    pub async fn agreement_version(
        &self,
        org: &OrganisationId,
        id: &AgreementId,
        version: Option<i64>,
    ) -> Result<Option<AgreementVersion>, StorageError> {
        let mut conn = self.pool.acquire().await?;
        load_version(&mut conn, org, id, version).await
    }

    /// Applies `command` for `actor` to the newest version, by the rules
    /// of `wikken-core`, in one transaction with its history line. Returns
    /// the new revision.
    pub async fn change_agreement(
        &self,
        org: &OrganisationId,
        id: &AgreementId,
        save: &AgreementSave<'_>,
        actor: &Actor,
        command: &AgreementCommand,
    ) -> Result<i64, AgreementSaveError> {
        let mut tx = self.write_tx().await?;
        let next = apply_in(&mut tx, org, id, save, actor, command).await?;
        tx.commit().await?;
        Ok(next)
    }

    /// Bijsturen: starts the afweging `case` and links it to goal
    /// `goal_id` (`LinkFollowUp`, by the rules of core) in one
    /// transaction: either both, or neither. A form applied before
    /// (`save.form_token`) starts nothing. Returns the new afweging.
    pub async fn open_follow_up(
        &self,
        org: &OrganisationId,
        id: &AgreementId,
        save: &AgreementSave<'_>,
        actor: &Actor,
        goal_id: &str,
        case: &CaseDoc,
    ) -> Result<CaseId, AgreementSaveError> {
        let mut tx = self.write_tx().await?;
        if token_used(&mut tx, id, save.form_token).await? {
            return Err(AgreementSaveError::AlreadyApplied);
        }
        let case_id = crate::cases::insert_case(&mut tx, org, save.user, case).await?;
        let link = AgreementCommand::LinkFollowUp {
            goal_id: goal_id.to_string(),
            case: CaseLink {
                case_id: case_id.to_string(),
                title: case.question.clone(),
            },
        };
        apply_in(&mut tx, org, id, save, actor, &link).await?;
        tx.commit().await?;
        Ok(case_id)
    }

    /// `party` approves the newest version's terms as they were when the
    /// form was shown (`terms_revision`: a change to the terms since is a
    /// conflict; progress reported meanwhile is not); when that completes
    /// the signatories, the version is approved (its terms frozen).
    /// Returns whether it now is.
    pub async fn approve_agreement(
        &self,
        org: &OrganisationId,
        id: &AgreementId,
        save: &AgreementSave<'_>,
        party: &str,
        terms_revision: Option<u32>,
    ) -> Result<bool, AgreementSaveError> {
        let mut tx = self.write_tx().await?;
        if token_used(&mut tx, id, save.form_token).await? {
            return Err(AgreementSaveError::AlreadyApplied);
        }
        let current = load_version(&mut tx, org, id, None)
            .await?
            .ok_or(AgreementSaveError::NotFound)?;
        if terms_revision.is_some_and(|r| r != current.doc.terms_revision) {
            return Err(AgreementSaveError::Conflict);
        }
        if let Some(why) = current.doc.approval_refusal(party, &current.approvals) {
            return Err(Refusal::at("partij", why).into());
        }
        let t = now();
        let approval = Approval {
            party: party.to_string(),
            by: save.user.name.clone(),
            at: t,
            terms_revision: current.doc.terms_revision,
        };
        sqlx::query(
            "INSERT INTO agreement_approvals (agreement_id, version, terms_revision, party, user_id, user_name, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(current.version)
        .bind(i64::from(approval.terms_revision))
        .bind(party)
        .bind(&save.user.id)
        .bind(&save.user.name)
        .bind(t)
        .execute(&mut *tx)
        .await?;
        let mut approvals = current.approvals.clone();
        approvals.push(approval);
        let complete = approval_state(&current.doc, &approvals).complete();
        let next = current.revision + 1;
        let changed = sqlx::query(
            "UPDATE agreement_versions SET revision = $1, approved_at = $2 \
             WHERE agreement_id = $3 AND version = $4 AND revision = $5",
        )
        .bind(next)
        .bind(complete.then_some(t))
        .bind(id)
        .bind(current.version)
        .bind(current.revision)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(AgreementSaveError::Conflict);
        }
        sqlx::query("UPDATE agreements SET updated_at = $1 WHERE id = $2")
            .bind(t)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let mut line = format!("Versie {} goedgekeurd namens {party}", current.version);
        if complete {
            line.push_str(": alle partijen akkoord, de afspraken liggen vast");
        }
        record_event(
            &mut tx,
            id,
            (current.version, next),
            save.user,
            &line,
            save.form_token,
        )
        .await?;
        tx.commit().await?;
        Ok(complete)
    }

    /// Opens a new version after an approved one: a copy whose terms can
    /// change again (and need approval again). Returns its number.
    pub async fn new_agreement_version(
        &self,
        org: &OrganisationId,
        id: &AgreementId,
        user: &EventUser,
    ) -> Result<i64, AgreementSaveError> {
        let mut tx = self.write_tx().await?;
        let current = load_version(&mut tx, org, id, None)
            .await?
            .ok_or(AgreementSaveError::NotFound)?;
        if current.approved_at.is_none() {
            return Ok(current.version);
        }
        let next = current.version + 1;
        let t = now();
        sqlx::query(
            "INSERT INTO agreement_versions (agreement_id, version, doc, revision, approved_at, created_at, created_by) \
             VALUES ($1, $2, $3, 1, NULL, $4, $5)",
        )
        .bind(id)
        .bind(next)
        .bind(to_json(&current.doc))
        .bind(t)
        .bind(&user.name)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE agreements SET current_version = $1, updated_at = $2 WHERE id = $3")
            .bind(next)
            .bind(t)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let line = format!(
            "Versie {next} geopend (versie {} blijft goedgekeurd vastgelegd)",
            current.version
        );
        record_event(&mut tx, id, (next, 1), user, &line, None).await?;
        tx.commit().await?;
        Ok(next)
    }

    /// The history, newest first.
    pub async fn agreement_events(
        &self,
        org: &OrganisationId,
        id: &AgreementId,
    ) -> Result<Vec<AgreementEventRow>, StorageError> {
        Ok(sqlx::query_as(
            "SELECT e.version AS version, e.user_name AS user_name, e.at AS at, e.action AS action \
             FROM agreement_events e JOIN agreements a ON a.id = e.agreement_id \
             WHERE a.organisation_id = $1 AND e.agreement_id = $2 \
             ORDER BY e.at DESC, e.version DESC, e.revision DESC",
        )
        .bind(&org.0)
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }
}
