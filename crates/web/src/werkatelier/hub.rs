//! One process's view of werkatelier news: it listens once (PostgreSQL
//! `LISTEN`, or the in-process channel on SQLite), reads each new event
//! from the log once, and hands it to every open stream of that
//! werkatelier in this process. So 150 phones cost one query per event,
//! not 150; and an answer given to another `wikken serve` process reaches
//! this one's screens through the database.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OnceCell, broadcast};
use wikken_storage::{EventRow, Notice, Store, WorkshopId};

/// Events a slow stream may fall behind before it reads the log itself.
const BACKLOG: usize = 256;
/// How often the hub checks the log anyway (a notice lost while the
/// `LISTEN` connection was down is caught up this way).
const SWEEP: Duration = Duration::from_secs(5);

#[derive(Debug)]
struct Topic {
    tx: broadcast::Sender<Arc<EventRow>>,
    /// The last event handed out.
    last: i64,
}

/// The werkatelier news of this process.
#[derive(Debug, Default)]
pub struct Hub {
    topics: Mutex<HashMap<WorkshopId, Topic>>,
    started: OnceCell<()>,
}

impl Hub {
    /// Follows a werkatelier: events after the latest one at the time of
    /// the call arrive on the receiver (a stream replays older ones from
    /// the log itself).
    pub async fn subscribe(
        self: &Arc<Self>,
        store: &Store,
        workshop: &WorkshopId,
    ) -> Result<broadcast::Receiver<Arc<EventRow>>, wikken_storage::StorageError> {
        self.start(store).await?;
        let last = store.workshop_last_event(workshop).await?;
        let mut topics = self.topics.lock().expect("hub lock");
        let topic = topics.entry(workshop.clone()).or_insert_with(|| Topic {
            tx: broadcast::channel(BACKLOG).0,
            last,
        });
        Ok(topic.tx.subscribe())
    }

    async fn start(self: &Arc<Self>, store: &Store) -> Result<(), wikken_storage::StorageError> {
        self.started
            .get_or_try_init(|| async {
                let news = store.listen_workshops().await?;
                let hub = Arc::downgrade(self);
                tokio::spawn(dispatch(hub, store.clone(), news));
                Ok(())
            })
            .await
            .map(|_| ())
    }

    /// The workshops someone follows, and the last event each was given.
    fn followed(&self) -> Vec<(WorkshopId, i64)> {
        let mut topics = self.topics.lock().expect("hub lock");
        topics.retain(|_, t| t.tx.receiver_count() > 0);
        topics.iter().map(|(w, t)| (w.clone(), t.last)).collect()
    }

    /// Hands out the events after the last one given, read once.
    async fn catch_up(&self, store: &Store, workshop: &WorkshopId, upto: Option<i64>) {
        let last = {
            let topics = self.topics.lock().expect("hub lock");
            match topics.get(workshop) {
                Some(t) if upto.is_none_or(|s| s > t.last) => t.last,
                _ => return,
            }
        };
        let events = match store.workshop_events_after(workshop, last).await {
            Ok(e) => e,
            Err(e) => {
                tracing::warn!(error = %e, "werkatelier-gebeurtenissen lezen mislukt");
                return;
            }
        };
        let mut topics = self.topics.lock().expect("hub lock");
        if let Some(t) = topics.get_mut(workshop) {
            for e in events {
                if e.seq > t.last {
                    t.last = e.seq;
                    let _ = t.tx.send(Arc::new(e));
                }
            }
        }
    }
}

async fn dispatch(hub: std::sync::Weak<Hub>, store: Store, mut news: broadcast::Receiver<Notice>) {
    let mut sweep = tokio::time::interval(SWEEP);
    loop {
        let notice = tokio::select! {
            n = news.recv() => n,
            _ = sweep.tick() => Err(broadcast::error::RecvError::Lagged(0)),
        };
        let Some(hub) = hub.upgrade() else { return };
        match notice {
            Ok(n) => hub.catch_up(&store, &n.workshop, Some(n.seq)).await,
            Err(broadcast::error::RecvError::Lagged(_)) => {
                for (w, _) in hub.followed() {
                    hub.catch_up(&store, &w, None).await;
                }
            }
            Err(broadcast::error::RecvError::Closed) => return,
        }
    }
}
