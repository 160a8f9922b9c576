//! A werkatelier's answers, pins and reactions. Each submission carries the
//! client id its form was rendered with: a retry (a double tap, a dropped
//! connection) is recognised by its receipt and changes nothing.

use sqlx::{AnyConnection, FromRow};
use wikken_core::werkatelier::live::{AnswerBody, PinInput, Revision, Round, RoundState, limits};

use crate::workshop_events::{Audience, Notices};
use crate::workshop_participants::WorkshopParticipant;
use crate::workshops::{WorkshopError, open_workshop_in};
use crate::{OrganisationId, StorageError, Store, WorkshopId, WorkshopParticipantId, now};

/// Whether a submission was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitted {
    /// Counted now.
    New,
    /// This client id was counted before: nothing changed.
    AlreadyCounted,
}

/// One stored answer.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRow {
    /// Who.
    pub participant_id: WorkshopParticipantId,
    /// Which round.
    pub round: Round,
    /// First or revised.
    pub revision: Revision,
    /// The answer.
    pub body: AnswerBody,
    /// The reason given with a revision.
    pub reason: Option<String>,
    /// When (Unix seconds).
    pub at: i64,
}

#[derive(FromRow)]
struct StoredAnswer {
    participant_id: WorkshopParticipantId,
    round: String,
    revision: i64,
    body: String,
    reason: Option<String>,
    at: i64,
}

impl TryFrom<StoredAnswer> for AnswerRow {
    type Error = StorageError;
    fn try_from(r: StoredAnswer) -> Result<Self, StorageError> {
        let corrupt = |column, value: String| StorageError::Corrupt {
            table: "workshop_answers",
            column,
            value,
        };
        Ok(AnswerRow {
            round: Round::parse(&r.round).ok_or_else(|| corrupt("round", r.round.clone()))?,
            revision: Revision::from_number(r.revision)
                .ok_or_else(|| corrupt("revision", r.revision.to_string()))?,
            body: serde_json::from_str(&r.body)?,
            participant_id: r.participant_id,
            reason: r.reason,
            at: r.at,
        })
    }
}

/// A pin with its reactions counted.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct PinRow {
    /// Its id.
    pub id: String,
    /// Who placed it.
    pub participant_id: WorkshopParticipantId,
    /// Their role.
    pub role: String,
    /// Across the map, 0–1.
    pub x: f64,
    /// Down the map, 0–1.
    pub y: f64,
    /// The buurt it fell in.
    pub area_code: Option<String>,
    /// Its category.
    pub category: String,
    /// The problem in words.
    pub text: String,
    /// When.
    pub at: i64,
    /// The afweging problem it went into, once merged.
    pub merged_into: Option<String>,
    /// How many agree.
    pub agree: i64,
    /// How many disagree.
    pub disagree: i64,
}

/// A reaction to a pin.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct ReactionRow {
    /// The pin.
    pub pin_id: String,
    /// Who.
    pub participant_id: WorkshopParticipantId,
    /// 1 agrees, 0 disagrees.
    pub agrees: i64,
    /// Why (required for a disagreement).
    pub reason: Option<String>,
}

/// Takes a receipt for a client id; false when it was taken before.
async fn receipt(
    tx: &mut AnyConnection,
    participant: &WorkshopParticipantId,
    client_id: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO workshop_receipts (participant_id, client_id, at) VALUES ($1, $2, $3) \
         ON CONFLICT (participant_id, client_id) DO NOTHING",
    )
    .bind(participant)
    .bind(client_id)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

async fn round_state(
    tx: &mut AnyConnection,
    workshop: &WorkshopId,
    round: Round,
) -> Result<RoundState, WorkshopError> {
    let state: Option<String> = sqlx::query_scalar(
        "SELECT state FROM workshop_rounds WHERE workshop_id = $1 AND round = $2",
    )
    .bind(workshop)
    .bind(round.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    state
        .and_then(|s| RoundState::parse(&s))
        .ok_or_else(|| WorkshopError::Refused("Dit werkatelier heeft die ronde niet.".into()))
}

impl Store {
    /// Counts a participant's answer: while the round is open it replaces
    /// their earlier answer; after the reveal it is their one revision,
    /// with its reason. The big screen hears how many answered, never what.
    pub async fn submit_answer(
        &self,
        p: &WorkshopParticipant,
        revision: Revision,
        body: &AnswerBody,
        reason: Option<&str>,
        client_id: &str,
    ) -> Result<Submitted, WorkshopError> {
        let round = body.round();
        let mut tx = self.write_tx().await?;
        open_workshop_in(&mut tx, None, &p.workshop_id).await?;
        if !receipt(&mut tx, &p.id, client_id).await? {
            return Ok(Submitted::AlreadyCounted);
        }
        round_state(&mut tx, &p.workshop_id, round)
            .await?
            .accepts(revision, round)
            .map_err(WorkshopError::Refused)?;
        let body_json = serde_json::to_string(body).map_err(StorageError::from)?;
        let at = now();
        match revision {
            Revision::First => {
                sqlx::query(
                    "INSERT INTO workshop_answers (workshop_id, participant_id, round, revision, body, reason, at) \
                     VALUES ($1, $2, $3, 0, $4, NULL, $5) \
                     ON CONFLICT (workshop_id, participant_id, round, revision) \
                     DO UPDATE SET body = excluded.body, at = excluded.at",
                )
                .bind(&p.workshop_id)
                .bind(&p.id)
                .bind(round.as_str())
                .bind(&body_json)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
            Revision::Revised => {
                let counts: (i64, i64) = sqlx::query_as(
                    "SELECT COALESCE(SUM(CASE WHEN revision = 0 THEN 1 ELSE 0 END), 0), \
                     COALESCE(SUM(CASE WHEN revision = 1 THEN 1 ELSE 0 END), 0) \
                     FROM workshop_answers WHERE workshop_id = $1 AND participant_id = $2 AND round = $3",
                )
                .bind(&p.workshop_id)
                .bind(&p.id)
                .bind(round.as_str())
                .fetch_one(&mut *tx)
                .await?;
                if counts.0 == 0 {
                    return Err(WorkshopError::Refused(
                        "Je gaf in deze ronde nog geen antwoord, dus er valt niets te herzien."
                            .into(),
                    ));
                }
                if counts.1 > 0 {
                    return Err(WorkshopError::Refused(
                        "Je hebt je antwoord in deze ronde al één keer herzien.".into(),
                    ));
                }
                sqlx::query(
                    "INSERT INTO workshop_answers (workshop_id, participant_id, round, revision, body, reason, at) \
                     VALUES ($1, $2, $3, 1, $4, $5, $6)",
                )
                .bind(&p.workshop_id)
                .bind(&p.id)
                .bind(round.as_str())
                .bind(&body_json)
                .bind(reason)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
        }
        // Take the werkatelier's row lock before counting, as the event
        // below would: on PostgreSQL answers given at the same moment then
        // count in turn (each count sees every answer committed before it),
        // so the last event counts them all. (SQLite holds the write lock
        // already.)
        sqlx::query("UPDATE workshops SET event_seq = event_seq WHERE id = $1")
            .bind(&p.workshop_id)
            .execute(&mut *tx)
            .await?;
        let answered: i64 = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT participant_id) FROM workshop_answers WHERE workshop_id = $1 AND round = $2",
        )
        .bind(&p.workshop_id)
        .bind(round.as_str())
        .fetch_one(&mut *tx)
        .await?;
        let mut notices = Notices::default();
        let screen = serde_json::json!({
            "round": round.as_str(), "answered": answered, "revision": revision.number()
        });
        notices
            .event(
                self,
                &mut tx,
                &p.workshop_id,
                Audience::Screen,
                "antwoord",
                &screen,
            )
            .await?;
        let own = serde_json::json!({ "round": round.as_str(), "client_id": client_id });
        notices
            .event(
                self,
                &mut tx,
                &p.workshop_id,
                Audience::Participant(p.id.clone()),
                "ontvangen",
                &own,
            )
            .await?;
        tx.commit().await?;
        self.publish(notices);
        Ok(Submitted::New)
    }

    /// Every answer of a werkatelier, first and revised, in the order given.
    pub async fn workshop_answers(
        &self,
        workshop: &WorkshopId,
    ) -> Result<Vec<AnswerRow>, StorageError> {
        let rows: Vec<StoredAnswer> = sqlx::query_as(
            "SELECT participant_id, round, revision, body, reason, at FROM workshop_answers \
             WHERE workshop_id = $1 ORDER BY at, participant_id, revision",
        )
        .bind(workshop)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(AnswerRow::try_from).collect()
    }

    /// One participant's own answers.
    pub async fn own_answers(
        &self,
        p: &WorkshopParticipantId,
    ) -> Result<Vec<AnswerRow>, StorageError> {
        let rows: Vec<StoredAnswer> = sqlx::query_as(
            "SELECT participant_id, round, revision, body, reason, at FROM workshop_answers \
             WHERE participant_id = $1 ORDER BY round, revision",
        )
        .bind(p)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(AnswerRow::try_from).collect()
    }

    /// Places a pin (the pins round must be open). Pins are seen by
    /// everyone at once.
    pub async fn add_pin(
        &self,
        p: &WorkshopParticipant,
        pin: &PinInput,
        client_id: &str,
    ) -> Result<Submitted, WorkshopError> {
        let mut tx = self.write_tx().await?;
        open_workshop_in(&mut tx, None, &p.workshop_id).await?;
        if !receipt(&mut tx, &p.id, client_id).await? {
            return Ok(Submitted::AlreadyCounted);
        }
        round_state(&mut tx, &p.workshop_id, Round::Spelden)
            .await?
            .accepts(Revision::First, Round::Spelden)
            .map_err(WorkshopError::Refused)?;
        let placed: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM workshop_pins WHERE participant_id = $1")
                .bind(&p.id)
                .fetch_one(&mut *tx)
                .await?;
        if placed as usize >= limits::PINS_PER_PARTICIPANT {
            return Err(WorkshopError::Refused(format!(
                "Je hebt al {} spelden geprikt; meer kan niet.",
                limits::PINS_PER_PARTICIPANT
            )));
        }
        let id = uuid::Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO workshop_pins (id, workshop_id, participant_id, x, y, area_code, category, text, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&id)
        .bind(&p.workshop_id)
        .bind(&p.id)
        .bind(pin.x)
        .bind(pin.y)
        .bind(pin.area_code.as_deref())
        .bind(&pin.category)
        .bind(&pin.text)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        let mut notices = Notices::default();
        let data = serde_json::json!({ "pin": id });
        notices
            .event(self, &mut tx, &p.workshop_id, Audience::All, "speld", &data)
            .await?;
        tx.commit().await?;
        self.publish(notices);
        Ok(Submitted::New)
    }

    /// Agrees or disagrees with a pin (a later reaction replaces the earlier).
    pub async fn react_to_pin(
        &self,
        p: &WorkshopParticipant,
        pin: &str,
        agrees: bool,
        reason: Option<&str>,
    ) -> Result<(), WorkshopError> {
        let mut tx = self.write_tx().await?;
        open_workshop_in(&mut tx, None, &p.workshop_id).await?;
        round_state(&mut tx, &p.workshop_id, Round::Spelden)
            .await?
            .accepts(Revision::First, Round::Spelden)
            .map_err(WorkshopError::Refused)?;
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM workshop_pins WHERE id = $1 AND workshop_id = $2")
                .bind(pin)
                .bind(&p.workshop_id)
                .fetch_optional(&mut *tx)
                .await?;
        if exists.is_none() {
            return Err(WorkshopError::NotFound);
        }
        sqlx::query(
            "INSERT INTO workshop_reactions (pin_id, participant_id, agrees, reason, at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (pin_id, participant_id) DO UPDATE SET agrees = excluded.agrees, reason = excluded.reason, at = excluded.at",
        )
        .bind(pin)
        .bind(&p.id)
        .bind(i64::from(agrees))
        .bind(reason)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        let mut notices = Notices::default();
        let data = serde_json::json!({ "pin": pin });
        notices
            .event(
                self,
                &mut tx,
                &p.workshop_id,
                Audience::All,
                "reactie",
                &data,
            )
            .await?;
        tx.commit().await?;
        self.publish(notices);
        Ok(())
    }

    /// A werkatelier's pins with their reactions counted, oldest first.
    pub async fn workshop_pins(&self, workshop: &WorkshopId) -> Result<Vec<PinRow>, StorageError> {
        Ok(sqlx::query_as(
            "SELECT pin.id AS id, pin.participant_id AS participant_id, p.role AS role, pin.x AS x, pin.y AS y, \
             pin.area_code AS area_code, pin.category AS category, pin.text AS text, pin.at AS at, \
             pin.merged_into AS merged_into, \
             (SELECT COUNT(*) FROM workshop_reactions r WHERE r.pin_id = pin.id AND r.agrees = 1) AS agree, \
             (SELECT COUNT(*) FROM workshop_reactions r WHERE r.pin_id = pin.id AND r.agrees = 0) AS disagree \
             FROM workshop_pins pin JOIN workshop_participants p ON p.id = pin.participant_id \
             WHERE pin.workshop_id = $1 ORDER BY pin.at, pin.id",
        )
        .bind(workshop)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Every reaction to a werkatelier's pins.
    pub async fn workshop_reactions(
        &self,
        workshop: &WorkshopId,
    ) -> Result<Vec<ReactionRow>, StorageError> {
        Ok(sqlx::query_as(
            "SELECT r.pin_id AS pin_id, r.participant_id AS participant_id, r.agrees AS agrees, r.reason AS reason \
             FROM workshop_reactions r JOIN workshop_pins pin ON pin.id = r.pin_id \
             WHERE pin.workshop_id = $1 ORDER BY r.at, r.pin_id",
        )
        .bind(workshop)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Makes a problem of pins (the facilitator's choice), to be written
    /// into the afweging with its owner when the werkatelier closes; pins
    /// already merged are refused. Returns the problem's id.
    pub async fn merge_pins(
        &self,
        org: &OrganisationId,
        workshop: &WorkshopId,
        pins: &[String],
        text: &str,
        owner: &str,
    ) -> Result<String, WorkshopError> {
        let mut tx = self.write_tx().await?;
        open_workshop_in(&mut tx, Some(org), workshop).await?;
        if pins.is_empty() {
            return Err(WorkshopError::Refused("Kies ten minste één speld.".into()));
        }
        let problem = uuid::Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO workshop_problems (id, workshop_id, text, owner, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&problem)
        .bind(workshop)
        .bind(text)
        .bind(owner)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        for pin in pins {
            let done = sqlx::query(
                "UPDATE workshop_pins SET merged_into = $1 WHERE id = $2 AND workshop_id = $3 AND merged_into IS NULL",
            )
            .bind(&problem)
            .bind(pin)
            .bind(workshop)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                return Err(WorkshopError::Refused(
                    "Een van de gekozen spelden is al samengevoegd of bestaat niet meer.".into(),
                ));
            }
        }
        let mut notices = Notices::default();
        let data = serde_json::json!({ "problem": problem, "pins": pins.len() });
        notices
            .event(
                self,
                &mut tx,
                workshop,
                Audience::All,
                "samengevoegd",
                &data,
            )
            .await?;
        tx.commit().await?;
        self.publish(notices);
        Ok(problem)
    }

    /// The problems made of a werkatelier's pins, oldest first.
    pub async fn workshop_problems(
        &self,
        workshop: &WorkshopId,
    ) -> Result<Vec<WorkshopProblem>, StorageError> {
        Ok(sqlx::query_as(
            "SELECT id, text, owner, at FROM workshop_problems WHERE workshop_id = $1 ORDER BY at, id",
        )
        .bind(workshop)
        .fetch_all(&self.pool)
        .await?)
    }
}

/// A problem made of pins.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct WorkshopProblem {
    /// Its id (the pins' `merged_into`).
    pub id: String,
    /// The problem in words.
    pub text: String,
    /// The afweging party that owns it.
    pub owner: String,
    /// When it was made.
    pub at: i64,
}
