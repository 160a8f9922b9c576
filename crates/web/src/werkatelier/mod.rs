//! The werkatelier: partners and residents weigh together, live, from
//! their phones. The facilitator opens one on an afweging and leads its
//! rounds from [`facilitate`]; the big screen ([`screen`]) and every phone
//! ([`phone`], after joining at `/doe-mee`, [`join`]) follow its event
//! stream ([`stream`], fed by the [`hub`]); closing writes its outcome
//! ([`outcome`]) into the afweging.

pub mod area_atelier;
pub mod charts;
pub mod dissent;
pub mod facilitate;
pub mod hub;
pub mod identity;
pub mod join;
pub mod map;
pub mod outcome;
pub mod phone;
mod phone_view;
pub mod report;
mod report_xlsx;
pub mod screen;
mod screen_view;
pub mod session;
pub mod stream;
mod views;

use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;
use wikken_storage::{Viewer, WorkshopParticipant, WorkshopRow};

use crate::AppState;
use crate::error::AppError;

/// How a werkatelier's weightings were combined, in one sentence (for the
/// afweging's results and report).
pub const AGGREGATION_SHORT: &str = "Binnen een rol zijn de antwoorden gecombineerd met het meetkundig gemiddelde (AIJ voor paarsgewijze oordelen, genormaliseerd voor punten), over de rollen met het gewogen gemiddelde van hun gewichten (AIP).";

/// Event streams one process holds at once (each costs a task and a few
/// kilobytes): well above a room of 150 phones and a few screens.
pub const MAX_STREAMS: usize = 2000;

/// Event streams one phone may hold at once (a few tabs or devices).
pub const STREAMS_PER_PHONE: usize = 4;

/// What the werkatelier pages of one process share.
#[derive(Debug)]
pub struct Live {
    /// The news of every werkatelier followed here.
    pub hub: Arc<hub::Hub>,
    /// Sessions read once per event.
    pub sessions: session::Sessions,
    /// Room for open event streams.
    pub streams: Arc<Semaphore>,
    /// Open streams per phone.
    pub phone_streams: Arc<std::sync::Mutex<std::collections::HashMap<String, usize>>>,
    /// The map of each werkatelier's area.
    pub maps: std::sync::Mutex<
        std::collections::HashMap<wikken_storage::WorkshopId, Arc<Vec<map::MapBuurt>>>,
    >,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            hub: Arc::default(),
            sessions: session::Sessions::default(),
            streams: Arc::new(Semaphore::new(MAX_STREAMS)),
            maps: Default::default(),
            phone_streams: Default::default(),
        }
    }
}

/// Opens an event stream for a viewer of a werkatelier.
pub async fn open_stream(
    app: &AppState,
    headers: &HeaderMap,
    w: &WorkshopRow,
    viewer: Viewer,
    drawn_at: Option<i64>,
    phone: Option<WorkshopParticipant>,
) -> Result<Response, AppError> {
    let phone_slot = match &phone {
        Some(p) => match PhoneSlot::take(&app.werkateliers.phone_streams, p.id.as_str()) {
            Some(slot) => Some(slot),
            None => {
                return Err(AppError::Status(
                    StatusCode::TOO_MANY_REQUESTS,
                    "Deze deelnemer heeft al te veel vensters open. Sluit er een en laad de pagina opnieuw.".into(),
                ));
            }
        },
        None => None,
    };
    let Ok(permit) = app.werkateliers.streams.clone().try_acquire_owned() else {
        return Err(AppError::Unavailable {
            message: "Er zijn nu te veel open verbindingen; de pagina probeert het zo opnieuw."
                .into(),
            retry_after: 5,
        });
    };
    let rx = app.werkateliers.hub.subscribe(&app.store, &w.id).await?;
    let after = stream::start_after(headers, drawn_at);
    let sse = stream::open(
        app.store.clone(),
        rx,
        w.id.clone(),
        viewer,
        after,
        phone,
        (permit, phone_slot),
    )
    .await;
    let mut response = sse.into_response();
    // Proxies must not buffer the stream.
    response.headers_mut().insert(
        "x-accel-buffering",
        axum::http::HeaderValue::from_static("no"),
    );
    Ok(response)
}

/// One of a phone's stream slots, given back when the stream ends.
#[derive(Debug)]
pub struct PhoneSlot {
    counts: Arc<std::sync::Mutex<std::collections::HashMap<String, usize>>>,
    phone: String,
}

impl PhoneSlot {
    fn take(
        counts: &Arc<std::sync::Mutex<std::collections::HashMap<String, usize>>>,
        phone: &str,
    ) -> Option<PhoneSlot> {
        let mut c = counts.lock().expect("phone streams lock");
        let n = c.entry(phone.to_string()).or_insert(0);
        if *n >= STREAMS_PER_PHONE {
            return None;
        }
        *n += 1;
        Some(PhoneSlot {
            counts: counts.clone(),
            phone: phone.to_string(),
        })
    }
}

impl Drop for PhoneSlot {
    fn drop(&mut self) {
        let mut c = self.counts.lock().expect("phone streams lock");
        if let Some(n) = c.get_mut(&self.phone) {
            *n -= 1;
            if *n == 0 {
                c.remove(&self.phone);
            }
        }
    }
}
