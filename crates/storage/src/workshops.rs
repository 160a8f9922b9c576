//! Werkateliers: their set-up, rounds and participants. Answers, pins and
//! the event log are in [`crate::workshop_answers`] and
//! [`crate::workshop_events`]. Every change is one transaction that also
//! writes the event the live screens follow.

use sqlx::FromRow;
use wikken_core::werkatelier::live::{Round, RoundAction, RoundState, Setup};

use crate::workshop_events::{Audience, Notices};
use crate::{CaseId, OrganisationId, StorageError, Store, WorkshopId, now};

/// A werkatelier as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkshopRow {
    /// Its id.
    pub id: WorkshopId,
    /// The organisation that holds it.
    pub organisation_id: OrganisationId,
    /// The afweging it weighs; `None` for a gebiedsatelier.
    pub case_id: Option<CaseId>,
    /// The area it is about.
    pub area_code: Option<String>,
    /// Its title ("Werkatelier Vogelbuurt, 4 december").
    pub title: String,
    /// The join code (6 characters).
    pub join_code: String,
    /// Rounds, roles, criteria and options.
    pub setup: Setup,
    /// The number of the latest event.
    pub event_seq: i64,
    /// Who opened it.
    pub created_by: String,
    /// When (Unix seconds).
    pub created_at: i64,
    /// When it closed, once closed.
    pub closed_at: Option<i64>,
    /// The afweging version its outcome went into.
    pub taken_into_version: Option<i64>,
}

impl WorkshopRow {
    /// Whether participants can still join and answer.
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }
}

#[derive(FromRow)]
struct StoredWorkshop {
    id: WorkshopId,
    organisation_id: OrganisationId,
    case_id: Option<CaseId>,
    area_code: Option<String>,
    title: String,
    join_code: String,
    setup: String,
    event_seq: i64,
    created_by: String,
    created_at: i64,
    closed_at: Option<i64>,
    taken_into_version: Option<i64>,
}

impl TryFrom<StoredWorkshop> for WorkshopRow {
    type Error = StorageError;
    fn try_from(r: StoredWorkshop) -> Result<Self, StorageError> {
        Ok(WorkshopRow {
            id: r.id,
            organisation_id: r.organisation_id,
            case_id: r.case_id,
            area_code: r.area_code,
            title: r.title,
            join_code: r.join_code,
            setup: serde_json::from_str(&r.setup)?,
            event_seq: r.event_seq,
            created_by: r.created_by,
            created_at: r.created_at,
            closed_at: r.closed_at,
            taken_into_version: r.taken_into_version,
        })
    }
}

const WORKSHOP_COLUMNS: &str = "id, organisation_id, case_id, area_code, title, join_code, setup, \
     event_seq, created_by, created_at, closed_at, taken_into_version";

/// A round's state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoundRow {
    /// Which round.
    pub round: Round,
    /// Where it is.
    pub state: RoundState,
    /// Since when (Unix seconds).
    pub changed_at: i64,
}

/// What opening a werkatelier needs.
#[derive(Debug, Clone, Copy)]
pub struct NewWorkshop<'a> {
    /// The afweging, or `None` for a gebiedsatelier.
    pub case_id: Option<&'a CaseId>,
    /// The area.
    pub area_code: Option<&'a str>,
    /// Its title.
    pub title: &'a str,
    /// Rounds, roles, criteria, options.
    pub setup: &'a Setup,
    /// Who opens it (a user name).
    pub created_by: &'a str,
}

/// Why a werkatelier change was refused.
#[derive(Debug, thiserror::Error)]
pub enum WorkshopError {
    /// No such werkatelier (for this organisation), participant or pin.
    #[error("werkatelier niet gevonden")]
    NotFound,
    /// It is closed.
    #[error("dit werkatelier is gesloten")]
    Closed,
    /// The rules say no (Dutch, for the page).
    #[error("{0}")]
    Refused(String),
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<sqlx::Error> for WorkshopError {
    fn from(e: sqlx::Error) -> Self {
        WorkshopError::Storage(e.into())
    }
}

/// The characters of join and resume codes: no 0/O, 1/I/L, so a code read
/// off a projector is typed right.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A random code of `len` characters from [`CODE_ALPHABET`].
pub(crate) fn random_code(len: usize) -> String {
    let mut out = String::with_capacity(len);
    while out.len() < len {
        for b in uuid::Uuid::new_v4().as_bytes() {
            // 31 characters: drop bytes that would bias the choice.
            if (*b as usize) < 248 && out.len() < len {
                out.push(CODE_ALPHABET[*b as usize % 31] as char);
            }
        }
    }
    out
}

/// A join code as typed: upper case, spaces and dashes dropped.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl Store {
    /// Opens a werkatelier with every round waiting, and a fresh join code.
    pub async fn create_workshop(
        &self,
        org: &OrganisationId,
        new: NewWorkshop<'_>,
    ) -> Result<WorkshopRow, StorageError> {
        let setup = serde_json::to_string(new.setup)?;
        let mut last = None;
        // A clash with an open werkatelier's code is rare (31^6): try again.
        for _ in 0..5 {
            let id = WorkshopId(uuid::Uuid::new_v4().to_string());
            let code = random_code(6);
            let at = now();
            let mut tx = self.write_tx().await?;
            let inserted = sqlx::query(
                "INSERT INTO workshops (id, organisation_id, case_id, area_code, title, join_code, setup, \
                 event_seq, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9)",
            )
            .bind(&id)
            .bind(org)
            .bind(new.case_id)
            .bind(new.area_code)
            .bind(new.title)
            .bind(&code)
            .bind(&setup)
            .bind(new.created_by)
            .bind(at)
            .execute(&mut *tx)
            .await;
            match inserted {
                Ok(_) => {}
                Err(e) if is_unique_violation(&e) => {
                    last = Some(e);
                    continue;
                }
                Err(e) => return Err(e.into()),
            }
            for (i, r) in new.setup.rounds.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO workshop_rounds (workshop_id, round, position, state, changed_at) \
                     VALUES ($1, $2, $3, 'wacht', $4)",
                )
                .bind(&id)
                .bind(r.as_str())
                .bind(i as i64)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            return self
                .workshop(org, &id)
                .await?
                .ok_or(StorageError::Database(sqlx::Error::RowNotFound));
        }
        Err(StorageError::Database(
            last.unwrap_or(sqlx::Error::RowNotFound),
        ))
    }

    /// An organisation's werkatelier.
    pub async fn workshop(
        &self,
        org: &OrganisationId,
        id: &WorkshopId,
    ) -> Result<Option<WorkshopRow>, StorageError> {
        let row: Option<StoredWorkshop> = sqlx::query_as(&format!(
            "SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE organisation_id = $1 AND id = $2"
        ))
        .bind(org)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(WorkshopRow::try_from).transpose()
    }

    /// A werkatelier by id, whatever its organisation: only for a
    /// participant whose device token already names it.
    pub(crate) async fn workshop_by_id(
        &self,
        id: &WorkshopId,
    ) -> Result<Option<WorkshopRow>, StorageError> {
        let row: Option<StoredWorkshop> = sqlx::query_as(&format!(
            "SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(WorkshopRow::try_from).transpose()
    }

    /// The open werkatelier with this join code, if any.
    pub async fn open_workshop_by_code(
        &self,
        code: &str,
    ) -> Result<Option<WorkshopRow>, StorageError> {
        let row: Option<StoredWorkshop> = sqlx::query_as(&format!(
            "SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE join_code = $1 AND closed_at IS NULL"
        ))
        .bind(normalise_code(code))
        .fetch_optional(&self.pool)
        .await?;
        row.map(WorkshopRow::try_from).transpose()
    }

    /// An organisation's werkateliers, newest first; of one afweging when
    /// `case` is given.
    pub async fn workshops(
        &self,
        org: &OrganisationId,
        case: Option<&CaseId>,
    ) -> Result<Vec<WorkshopRow>, StorageError> {
        let rows: Vec<StoredWorkshop> = match case {
            Some(case) => {
                sqlx::query_as(&format!(
                    "SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE organisation_id = $1 \
                     AND case_id = $2 ORDER BY created_at DESC, id"
                ))
                .bind(org)
                .bind(case)
                .fetch_all(&self.pool)
                .await?
            }
            None => {
                sqlx::query_as(&format!(
                    "SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE organisation_id = $1 \
                     ORDER BY created_at DESC, id"
                ))
                .bind(org)
                .fetch_all(&self.pool)
                .await?
            }
        };
        rows.into_iter().map(WorkshopRow::try_from).collect()
    }

    /// The rounds of a werkatelier, in their order.
    pub async fn workshop_rounds(&self, id: &WorkshopId) -> Result<Vec<RoundRow>, StorageError> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT round, state, changed_at FROM workshop_rounds WHERE workshop_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(round, state, changed_at)| {
                Ok(RoundRow {
                    round: Round::parse(&round).ok_or_else(|| corrupt("round", &round))?,
                    state: RoundState::parse(&state).ok_or_else(|| corrupt("state", &state))?,
                    changed_at,
                })
            })
            .collect()
    }

    /// Starts, reveals or closes a round (the facilitator's buttons).
    pub async fn change_round(
        &self,
        org: &OrganisationId,
        id: &WorkshopId,
        round: Round,
        action: RoundAction,
    ) -> Result<RoundState, WorkshopError> {
        let mut tx = self.write_tx().await?;
        let w = open_workshop_in(&mut tx, Some(org), id).await?;
        let state: Option<String> = sqlx::query_scalar(
            "SELECT state FROM workshop_rounds WHERE workshop_id = $1 AND round = $2",
        )
        .bind(id)
        .bind(round.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let state = state
            .and_then(|s| RoundState::parse(&s))
            .ok_or(WorkshopError::NotFound)?;
        let next = state.after(round, action).map_err(WorkshopError::Refused)?;
        sqlx::query(
            "UPDATE workshop_rounds SET state = $1, changed_at = $2 WHERE workshop_id = $3 AND round = $4",
        )
        .bind(next.as_str())
        .bind(now())
        .bind(id)
        .bind(round.as_str())
        .execute(&mut *tx)
        .await?;
        let mut notices = Notices::default();
        let data = serde_json::json!({ "round": round.as_str(), "state": next.as_str() });
        notices
            .event(self, &mut tx, &w.id, Audience::All, "ronde", &data)
            .await?;
        tx.commit().await?;
        self.publish(notices);
        Ok(next)
    }

    /// Links a closed gebiedsatelier to the afweging its outcome started
    /// (once: a second afweging is refused).
    pub async fn link_workshop_case(
        &self,
        org: &OrganisationId,
        id: &WorkshopId,
        case: &CaseId,
    ) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "UPDATE workshops SET case_id = $1 WHERE organisation_id = $2 AND id = $3 AND case_id IS NULL",
        )
        .bind(case)
        .bind(org)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Closes a werkatelier (its code stops working, every round closes)
    /// and notes the afweging version its outcome went into.
    pub async fn close_workshop(
        &self,
        org: &OrganisationId,
        id: &WorkshopId,
        taken_into_version: Option<i64>,
    ) -> Result<(), WorkshopError> {
        let mut tx = self.write_tx().await?;
        open_workshop_in(&mut tx, Some(org), id).await?;
        let at = now();
        sqlx::query("UPDATE workshops SET closed_at = $1, taken_into_version = $2 WHERE id = $3")
            .bind(at)
            .bind(taken_into_version)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE workshop_rounds SET state = 'gesloten', changed_at = $1 \
             WHERE workshop_id = $2 AND state <> 'gesloten'",
        )
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let mut notices = Notices::default();
        notices
            .event(
                self,
                &mut tx,
                id,
                Audience::All,
                "gesloten",
                &serde_json::json!({}),
            )
            .await?;
        tx.commit().await?;
        self.publish(notices);
        Ok(())
    }
}

/// The werkatelier inside a write transaction, refused when it is closed
/// (or not the organisation's, when `org` is given).
pub(crate) async fn open_workshop_in(
    tx: &mut sqlx::AnyConnection,
    org: Option<&OrganisationId>,
    id: &WorkshopId,
) -> Result<WorkshopRow, WorkshopError> {
    let row: Option<StoredWorkshop> = sqlx::query_as(&format!(
        "SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let w = row
        .map(WorkshopRow::try_from)
        .transpose()?
        .filter(|w| org.is_none_or(|o| w.organisation_id == *o))
        .ok_or(WorkshopError::NotFound)?;
    if !w.is_open() {
        return Err(WorkshopError::Closed);
    }
    Ok(w)
}

fn corrupt(column: &'static str, value: &str) -> StorageError {
    StorageError::Corrupt {
        table: "workshop_rounds",
        column,
        value: value.to_string(),
    }
}

/// Whether the database refused a row for a unique key.
pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            db.is_unique_violation()
                || db.message().contains("UNIQUE constraint failed")
                || db.code().as_deref() == Some("23505")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_only_unambiguous_characters() {
        for _ in 0..200 {
            let c = random_code(6);
            assert_eq!(c.len(), 6);
            assert!(c.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{c}");
        }
        assert_eq!(normalise_code(" ab-c 2d9 "), "ABC2D9");
    }
}
