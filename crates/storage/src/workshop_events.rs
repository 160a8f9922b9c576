//! The werkatelier's event log and how its news travels. Every change
//! writes a numbered event in the same transaction; a live stream replays
//! what it missed from this log (`Last-Event-ID`). That a new event exists
//! travels through the database: PostgreSQL `NOTIFY` (delivered on commit
//! to every `wikken serve` process), or, on SQLite (one process), an
//! in-process channel after the commit.

use std::sync::Arc;

use sqlx::{AnyConnection, FromRow};
use tokio::sync::broadcast;

use crate::{Backend, StorageError, Store, WorkshopId, WorkshopParticipantId, now};

/// The PostgreSQL channel of werkatelier news.
pub const CHANNEL: &str = "wikken_werkatelier";

/// Who may see an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// Everyone in the werkatelier.
    All,
    /// The facilitator and the big screen only.
    Screen,
    /// One participant (on all their devices).
    Participant(WorkshopParticipantId),
}

impl Audience {
    /// The stored text.
    pub fn stored(&self) -> String {
        match self {
            Audience::All => "alle".into(),
            Audience::Screen => "scherm".into(),
            Audience::Participant(p) => format!("p:{p}"),
        }
    }
}

/// One event of a werkatelier.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct EventRow {
    /// Its number within the werkatelier (1, 2, ...).
    pub seq: i64,
    /// Who may see it (`alle`, `scherm`, `p:<participant id>`).
    pub audience: String,
    /// What happened (`ronde`, `antwoord`, `speld`, ...).
    pub kind: String,
    /// Details as JSON; never a blind answer.
    pub data: String,
    /// When (Unix seconds).
    pub at: i64,
}

impl EventRow {
    /// Whether a stream for `viewer` may see it: the screen sees all but
    /// participants' own events; a participant sees `alle` and their own.
    pub fn visible_to(&self, viewer: &Viewer) -> bool {
        match viewer {
            Viewer::Screen => self.audience == "alle" || self.audience == "scherm",
            Viewer::Participant(p) => {
                self.audience == "alle" || self.audience.strip_prefix("p:") == Some(p.as_str())
            }
        }
    }
}

/// Who is watching a stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Viewer {
    /// The facilitator's control page or the big screen.
    Screen,
    /// A participant's phone.
    Participant(WorkshopParticipantId),
}

/// News that a werkatelier has a new event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The werkatelier.
    pub workshop: WorkshopId,
    /// The new event's number.
    pub seq: i64,
}

impl Notice {
    fn payload(&self) -> String {
        format!("{}:{}", self.workshop, self.seq)
    }

    /// Reads a `NOTIFY` payload.
    pub fn parse(payload: &str) -> Option<Notice> {
        let (w, s) = payload.rsplit_once(':')?;
        Some(Notice {
            workshop: WorkshopId(w.to_string()),
            seq: s.parse().ok()?,
        })
    }
}

/// The in-process channel of notices (SQLite), shared by clones of a store.
#[derive(Debug, Clone)]
pub(crate) struct LocalBus(Arc<broadcast::Sender<Notice>>);

impl Default for LocalBus {
    fn default() -> Self {
        LocalBus(Arc::new(broadcast::channel(1024).0))
    }
}

/// The notices of one transaction, published once it has committed.
#[derive(Debug, Default)]
pub(crate) struct Notices(Vec<Notice>);

impl Notices {
    /// Writes an event in the transaction; on PostgreSQL the `NOTIFY` goes
    /// out with the commit.
    pub(crate) async fn event(
        &mut self,
        store: &Store,
        tx: &mut AnyConnection,
        workshop: &WorkshopId,
        audience: Audience,
        kind: &str,
        data: &serde_json::Value,
    ) -> Result<i64, StorageError> {
        let seq: i64 = sqlx::query_scalar(
            "UPDATE workshops SET event_seq = event_seq + 1 WHERE id = $1 RETURNING event_seq",
        )
        .bind(workshop)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO workshop_events (workshop_id, seq, audience, kind, data, at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(workshop)
        .bind(seq)
        .bind(audience.stored())
        .bind(kind)
        .bind(data.to_string())
        .bind(now())
        .execute(&mut *tx)
        .await?;
        let notice = Notice {
            workshop: workshop.clone(),
            seq,
        };
        if store.backend == Backend::Postgres {
            sqlx::query("SELECT pg_notify($1, $2)::TEXT")
                .bind(CHANNEL)
                .bind(notice.payload())
                .execute(&mut *tx)
                .await?;
        }
        self.0.push(notice);
        Ok(seq)
    }
}

/// The most events one replay returns; a stream asks again for the rest.
pub const REPLAY_LIMIT: i64 = 500;

impl Store {
    /// Publishes a committed transaction's notices in this process (SQLite;
    /// PostgreSQL has already sent them through `NOTIFY`).
    pub(crate) fn publish(&self, notices: Notices) {
        if self.backend == Backend::Sqlite {
            for n in notices.0 {
                // No receiver yet is fine: nobody is watching.
                let _ = self.bus.0.send(n);
            }
        }
    }

    /// The events after `after`, oldest first, at most [`REPLAY_LIMIT`].
    pub async fn workshop_events_after(
        &self,
        workshop: &WorkshopId,
        after: i64,
    ) -> Result<Vec<EventRow>, StorageError> {
        Ok(sqlx::query_as(
            "SELECT seq, audience, kind, data, at FROM workshop_events \
             WHERE workshop_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        )
        .bind(workshop)
        .bind(after)
        .bind(REPLAY_LIMIT)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The number of a werkatelier's latest event (0 before the first).
    pub async fn workshop_last_event(&self, workshop: &WorkshopId) -> Result<i64, StorageError> {
        Ok(
            sqlx::query_scalar::<_, i64>("SELECT event_seq FROM workshops WHERE id = $1")
                .bind(workshop)
                .fetch_optional(&self.pool)
                .await?
                .unwrap_or(0),
        )
    }

    /// Listens for werkatelier news from every process: a channel of
    /// notices. On PostgreSQL a task holds a `LISTEN` connection and
    /// reconnects when it drops (a notice missed meanwhile is caught up by
    /// the next one, since streams read the log, not the notices).
    pub async fn listen_workshops(&self) -> Result<broadcast::Receiver<Notice>, StorageError> {
        match self.backend {
            Backend::Sqlite => Ok(self.bus.0.subscribe()),
            Backend::Postgres => {
                let mut listener = sqlx::postgres::PgListener::connect(&self.url).await?;
                listener.listen(CHANNEL).await?;
                let bus = self.bus.clone();
                let rx = bus.0.subscribe();
                tokio::spawn(async move {
                    loop {
                        match listener.recv().await {
                            Ok(n) => {
                                if let Some(notice) = Notice::parse(n.payload()) {
                                    let _ = bus.0.send(notice);
                                }
                            }
                            Err(e) => {
                                tracing::warn!(error = %e, "LISTEN-verbinding voor werkateliers verbroken; opnieuw verbinden");
                                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                            }
                        }
                    }
                });
                Ok(rx)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_travel_as_text_and_back() {
        let n = Notice {
            workshop: WorkshopId("0190-ab:c".into()),
            seq: 42,
        };
        assert_eq!(Notice::parse(&n.payload()), Some(n));
        assert_eq!(Notice::parse("nope"), None);
    }

    #[test]
    fn participants_see_only_everyones_and_their_own_events() {
        let e = |audience: &str| EventRow {
            seq: 1,
            audience: audience.into(),
            kind: "x".into(),
            data: "{}".into(),
            at: 0,
        };
        let me = Viewer::Participant(WorkshopParticipantId("p1".into()));
        assert!(e("alle").visible_to(&me));
        assert!(e("p:p1").visible_to(&me));
        assert!(!e("p:p2").visible_to(&me));
        assert!(!e("scherm").visible_to(&me));
        assert!(e("scherm").visible_to(&Viewer::Screen));
        assert!(!e("p:p1").visible_to(&Viewer::Screen));
    }
}
