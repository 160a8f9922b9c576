//! The live event stream (server-sent events) of a werkatelier, for the
//! big screen, the facilitator and each phone. A stream first replays what
//! its viewer missed from the log (after `Last-Event-ID`, or the event the
//! page was drawn at), then follows the hub; a gap (a slow phone, a lost
//! notice) is filled from the log, so no event is lost or sent twice.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use tokio::sync::{OwnedSemaphorePermit, broadcast};
use wikken_storage::{EventRow, Store, Viewer, WorkshopId, WorkshopParticipant};

/// How often a phone's stream notes that the phone is still there.
const TOUCH_EVERY: Duration = Duration::from_secs(20);
/// A phone unseen this long counts as gone; coming back tells the screen.
pub const AWAY_SECONDS: i64 = 45;

/// Where a stream starts: the `Last-Event-ID` a reconnecting browser
/// sends, else the `na` the page was drawn at, else now.
pub fn start_after(headers: &HeaderMap, drawn_at: Option<i64>) -> Option<i64> {
    headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|n| *n >= 0)
        .or(drawn_at.filter(|n| *n >= 0))
}

struct State {
    store: Store,
    rx: broadcast::Receiver<Arc<EventRow>>,
    workshop: WorkshopId,
    viewer: Viewer,
    last: i64,
    pending: VecDeque<Arc<EventRow>>,
    phone: Option<WorkshopParticipant>,
    _permits: (OwnedSemaphorePermit, Option<super::PhoneSlot>),
}

impl State {
    async fn fill_from_log(&mut self) -> bool {
        match self
            .store
            .workshop_events_after(&self.workshop, self.last)
            .await
        {
            Ok(events) => {
                self.pending.extend(events.into_iter().map(Arc::new));
                true
            }
            Err(e) => {
                tracing::warn!(error = %e, "werkatelier-stroom: log lezen mislukt");
                false
            }
        }
    }

    /// The next event this viewer may see, or `None` when the stream ends.
    async fn next(&mut self) -> Option<Arc<EventRow>> {
        loop {
            while let Some(e) = self.pending.pop_front() {
                if e.seq <= self.last {
                    continue;
                }
                self.last = e.seq;
                if e.visible_to(&self.viewer) {
                    return Some(e);
                }
            }
            let wait = tokio::time::timeout(TOUCH_EVERY, self.rx.recv()).await;
            match wait {
                Ok(Ok(e)) if e.seq <= self.last => {}
                Ok(Ok(e)) if e.seq == self.last + 1 => self.pending.push_back(e),
                Ok(Ok(_)) | Ok(Err(broadcast::error::RecvError::Lagged(_))) => {
                    if !self.fill_from_log().await {
                        return None;
                    }
                }
                Ok(Err(broadcast::error::RecvError::Closed)) => return None,
                Err(_) => {
                    if let Some(p) = &self.phone
                        && let Err(e) = self.store.touch_participant(p, AWAY_SECONDS).await
                    {
                        tracing::warn!(error = %e, "deelnemer aanwezig melden mislukt");
                    }
                }
            }
        }
    }
}

/// The stream of one viewer.
pub async fn open(
    store: Store,
    rx: broadcast::Receiver<Arc<EventRow>>,
    workshop: WorkshopId,
    viewer: Viewer,
    after: Option<i64>,
    phone: Option<WorkshopParticipant>,
    permits: (OwnedSemaphorePermit, Option<super::PhoneSlot>),
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let last = match after {
        Some(a) => a,
        None => store.workshop_last_event(&workshop).await.unwrap_or(0),
    };
    if let Some(p) = &phone
        && let Err(e) = store.touch_participant(p, AWAY_SECONDS).await
    {
        tracing::warn!(error = %e, "deelnemer aanwezig melden mislukt");
    }
    let mut state = State {
        store,
        rx,
        workshop,
        viewer,
        last,
        pending: VecDeque::new(),
        phone,
        _permits: permits,
    };
    state.fill_from_log().await;
    let stream = futures_util::stream::unfold(state, |mut s| async move {
        let e = s.next().await?;
        let event = Event::default()
            .id(e.seq.to_string())
            .event(e.kind.clone())
            .data(e.data.clone());
        Some((Ok(event), s))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reconnecting_browser_starts_after_its_last_event() {
        let mut h = HeaderMap::new();
        assert_eq!(start_after(&h, Some(4)), Some(4));
        assert_eq!(start_after(&h, None), None);
        h.insert("last-event-id", "17".parse().unwrap());
        assert_eq!(start_after(&h, Some(4)), Some(17));
        h.insert("last-event-id", "-3".parse().unwrap());
        assert_eq!(start_after(&h, Some(4)), Some(4));
    }
}
