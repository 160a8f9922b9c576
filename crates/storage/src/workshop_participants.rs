//! A werkatelier's participants: no account, a device token (stored as
//! its hash) per device, and a resume code to move to another device.

use sqlx::FromRow;
use wikken_core::werkatelier::live::limits;

use crate::workshop_events::{Audience, Notices};
use crate::workshops::{WorkshopError, WorkshopRow, normalise_code, open_workshop_in, random_code};
use crate::{StorageError, Store, WorkshopId, WorkshopParticipantId, now};

/// A participant (no account).
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct WorkshopParticipant {
    /// Their id.
    pub id: WorkshopParticipantId,
    /// The werkatelier.
    pub workshop_id: WorkshopId,
    /// The name they gave.
    pub name: String,
    /// Their role's id in the set-up.
    pub role: String,
    /// The code that moves them to another device.
    pub resume_code: String,
    /// When they joined.
    pub joined_at: i64,
    /// When their phone was last connected.
    pub seen_at: i64,
}

impl Store {
    /// A new participant, with their first device. `token_hash` is the
    /// SHA-256 (hex) of the device token set in their browser.
    pub async fn join_workshop(
        &self,
        workshop: &WorkshopId,
        name: &str,
        role: &str,
        token_hash: &str,
    ) -> Result<WorkshopParticipant, WorkshopError> {
        let mut tx = self.write_tx().await?;
        let w = open_workshop_in(&mut tx, None, workshop).await?;
        if w.setup.role(role).is_none() {
            return Err(WorkshopError::Refused(
                "Kies een van de rollen op het scherm.".into(),
            ));
        }
        // Take the werkatelier's row lock before counting (PostgreSQL;
        // SQLite holds the write lock already), so that joins at the same
        // moment count in turn and the limit holds.
        sqlx::query("UPDATE workshops SET event_seq = event_seq WHERE id = $1")
            .bind(workshop)
            .execute(&mut *tx)
            .await?;
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM workshop_participants WHERE workshop_id = $1")
                .bind(workshop)
                .fetch_one(&mut *tx)
                .await?;
        if count as usize >= limits::PARTICIPANTS {
            return Err(WorkshopError::Refused(format!(
                "Dit werkatelier is vol ({} deelnemers).",
                limits::PARTICIPANTS
            )));
        }
        let at = now();
        let id = WorkshopParticipantId(uuid::Uuid::new_v4().to_string());
        let mut resume = random_code(8);
        for _ in 0..5 {
            let taken: Option<i64> = sqlx::query_scalar(
                "SELECT 1 FROM workshop_participants WHERE workshop_id = $1 AND resume_code = $2",
            )
            .bind(workshop)
            .bind(&resume)
            .fetch_optional(&mut *tx)
            .await?;
            if taken.is_none() {
                break;
            }
            resume = random_code(8);
        }
        sqlx::query(
            "INSERT INTO workshop_participants (id, workshop_id, name, role, resume_code, joined_at, seen_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(&id)
        .bind(workshop)
        .bind(name)
        .bind(role)
        .bind(&resume)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        add_device(&mut tx, &id, token_hash, at).await?;
        let mut notices = Notices::default();
        let data = serde_json::json!({ "role": role });
        notices
            .event(
                self,
                &mut tx,
                workshop,
                Audience::Screen,
                "deelnemer",
                &data,
            )
            .await?;
        tx.commit().await?;
        self.publish(notices);
        Ok(WorkshopParticipant {
            id,
            workshop_id: workshop.clone(),
            name: name.to_string(),
            role: role.to_string(),
            resume_code: resume,
            joined_at: at,
            seen_at: at,
        })
    }

    /// The participant a device token belongs to, with their werkatelier
    /// (open or closed).
    pub async fn participant_by_device(
        &self,
        token_hash: &str,
    ) -> Result<Option<(WorkshopParticipant, WorkshopRow)>, StorageError> {
        let p: Option<WorkshopParticipant> = sqlx::query_as(
            "SELECT p.id, p.workshop_id, p.name, p.role, p.resume_code, p.joined_at, p.seen_at \
             FROM workshop_devices d JOIN workshop_participants p ON p.id = d.participant_id \
             WHERE d.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(p) = p else { return Ok(None) };
        let w = self.workshop_by_id(&p.workshop_id).await?;
        Ok(w.map(|w| (p, w)))
    }

    /// Moves a participant to a new device by their resume code: the new
    /// device gets its own token; the old one keeps working.
    pub async fn resume_participant(
        &self,
        workshop: &WorkshopId,
        resume_code: &str,
        token_hash: &str,
    ) -> Result<Option<WorkshopParticipant>, WorkshopError> {
        let mut tx = self.write_tx().await?;
        open_workshop_in(&mut tx, None, workshop).await?;
        let p: Option<WorkshopParticipant> = sqlx::query_as(
            "SELECT id, workshop_id, name, role, resume_code, joined_at, seen_at \
             FROM workshop_participants WHERE workshop_id = $1 AND resume_code = $2",
        )
        .bind(workshop)
        .bind(normalise_code(resume_code))
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(p) = &p {
            add_device(&mut tx, &p.id, token_hash, now()).await?;
        }
        tx.commit().await?;
        Ok(p)
    }

    /// A werkatelier's participants, in the order they joined.
    pub async fn workshop_participants(
        &self,
        workshop: &WorkshopId,
    ) -> Result<Vec<WorkshopParticipant>, StorageError> {
        Ok(sqlx::query_as(
            "SELECT id, workshop_id, name, role, resume_code, joined_at, seen_at \
             FROM workshop_participants WHERE workshop_id = $1 ORDER BY joined_at, id",
        )
        .bind(workshop)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Notes that a participant's phone is connected now; tells the big
    /// screen when they come back after `away` seconds without a sign.
    pub async fn touch_participant(
        &self,
        p: &WorkshopParticipant,
        away: i64,
    ) -> Result<(), StorageError> {
        let at = now();
        let mut tx = self.write_tx().await?;
        let seen: Option<i64> =
            sqlx::query_scalar("SELECT seen_at FROM workshop_participants WHERE id = $1")
                .bind(&p.id)
                .fetch_optional(&mut *tx)
                .await?;
        sqlx::query("UPDATE workshop_participants SET seen_at = $1 WHERE id = $2")
            .bind(at)
            .bind(&p.id)
            .execute(&mut *tx)
            .await?;
        let mut notices = Notices::default();
        if seen.is_some_and(|s| at - s > away) {
            let data = serde_json::json!({ "role": p.role });
            notices
                .event(
                    self,
                    &mut tx,
                    &p.workshop_id,
                    Audience::Screen,
                    "aanwezig",
                    &data,
                )
                .await?;
        }
        tx.commit().await?;
        self.publish(notices);
        Ok(())
    }
}

async fn add_device(
    tx: &mut sqlx::AnyConnection,
    participant: &WorkshopParticipantId,
    token_hash: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO workshop_devices (token_hash, participant_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind(participant)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
