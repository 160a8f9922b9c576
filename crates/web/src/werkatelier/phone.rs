//! The participant's phone: one page that shows what the werkatelier asks
//! now (the open rounds' forms), what was revealed, and their own answers;
//! it follows the event stream and redraws itself, but never while they
//! are typing. Answers are plain POSTs with a client id, so a retry after
//! a dropped connection is counted once.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use wikken_core::InputErrors;
use wikken_core::werkatelier::live::{
    Revision, Round, limits, parse_answer, parse_pin, parse_reason,
};
use wikken_storage::{Submitted, Viewer, WorkshopError};

use super::identity::{Phone, PhoneForm};
use super::phone_view::{self, Typed};
use crate::AppState;
use crate::error::AppError;

/// GET /doe-mee/atelier
pub async fn page(State(app): State<AppState>, phone: Phone) -> Result<Response, AppError> {
    let session = app
        .werkateliers
        .sessions
        .get(&app.store, &phone.workshop)
        .await?;
    let areas =
        super::map::area_map(&app, &phone.workshop.organisation_id, &phone.workshop).await?;
    Ok(phone_view::page(&phone, &session, &areas, &Typed::default()).into_response())
}

/// GET /doe-mee/atelier/inhoud: the live part.
pub async fn fragment(State(app): State<AppState>, phone: Phone) -> Result<Response, AppError> {
    let session = app
        .werkateliers
        .sessions
        .get(&app.store, &phone.workshop)
        .await?;
    let areas =
        super::map::area_map(&app, &phone.workshop.organisation_id, &phone.workshop).await?;
    Ok(phone_view::live(&phone, &session, &areas, &Typed::default()).into_response())
}

/// `?na=`
#[derive(Debug, serde::Deserialize)]
pub struct After {
    na: Option<i64>,
}

/// GET /doe-mee/stroom: the phone's event stream.
pub async fn stream(
    State(app): State<AppState>,
    phone: Phone,
    headers: HeaderMap,
    Query(q): Query<After>,
) -> Result<Response, AppError> {
    let viewer = Viewer::Participant(phone.participant.id.clone());
    let w = phone.workshop.clone();
    super::open_stream(&app, &headers, &w, viewer, q.na, Some(phone.participant)).await
}

async fn again(app: &AppState, phone: &Phone, typed: Typed) -> Result<Response, AppError> {
    let session = app
        .werkateliers
        .sessions
        .get(&app.store, &phone.workshop)
        .await?;
    let areas = super::map::area_map(app, &phone.workshop.organisation_id, &phone.workshop).await?;
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        phone_view::page(phone, &session, &areas, &typed),
    )
        .into_response())
}

fn submitted(
    result: Result<Submitted, WorkshopError>,
    anchor: &str,
) -> Result<Result<Response, String>, AppError> {
    match result {
        Ok(_) => Ok(Ok(Redirect::to(&format!(
            "/doe-mee/atelier?ontvangen#{anchor}"
        ))
        .into_response())),
        Err(WorkshopError::Refused(msg)) => Ok(Err(msg)),
        Err(WorkshopError::Closed) => Ok(Err(
            "Dit werkatelier is gesloten; er kan niets meer bij.".into(),
        )),
        Err(WorkshopError::NotFound) => Ok(Err("Dat bestaat niet (meer).".into())),
        Err(WorkshopError::Storage(e)) => Err(e.into()),
    }
}

fn client_id(form: &PhoneForm) -> Result<String, InputErrors> {
    let id = form.value("client").unwrap_or("");
    if id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        let mut e = InputErrors::default();
        e.push(
            "",
            "Het formulier is niet compleet; laad de pagina opnieuw.",
        );
        return Err(e);
    }
    Ok(id.to_string())
}

/// POST /doe-mee/antwoord/{round}: an answer, or with `herzien` the one
/// revision after the reveal (with its reason).
pub async fn answer(
    State(app): State<AppState>,
    Path(round): Path<String>,
    form: PhoneForm,
) -> Result<Response, AppError> {
    let round = Round::parse(&round)
        .filter(|r| *r != Round::Spelden && form.phone.workshop.setup.has(*r))
        .ok_or(AppError::NotFound)?;
    let revision = if form.value("herzien") == Some("1") {
        Revision::Revised
    } else {
        Revision::First
    };
    let mut typed = Typed::of(round, &form.fields);
    let parsed = parse_answer(&form.phone.workshop.setup, round, &form.fields);
    let reason = match revision {
        Revision::Revised => Some(parse_reason(&form.fields, "je antwoord herziet")),
        Revision::First => None,
    };
    let client = client_id(&form);
    let (body, reason, client) = match (parsed, reason.transpose(), client) {
        (Ok(b), Ok(r), Ok(c)) => (b, r, c),
        (b, r, c) => {
            for e in [b.err(), r.err(), c.err()].into_iter().flatten() {
                typed
                    .errors
                    .extend(e.iter().map(|p| (p.path.clone(), p.message.clone())));
            }
            return again(&app, &form.phone, typed).await;
        }
    };
    let result = app
        .store
        .submit_answer(
            &form.phone.participant,
            revision,
            &body,
            reason.as_deref(),
            &client,
        )
        .await;
    match submitted(result, &format!("ronde-{}", round.as_str()))? {
        Ok(r) => Ok(r),
        Err(msg) => {
            typed.errors.push((String::new(), msg));
            again(&app, &form.phone, typed).await
        }
    }
}

/// POST /doe-mee/spelden: a new pin.
pub async fn pin(State(app): State<AppState>, form: PhoneForm) -> Result<Response, AppError> {
    let areas = super::map::area_map(
        &app,
        &form.phone.workshop.organisation_id,
        &form.phone.workshop,
    )
    .await?;
    let codes: Vec<String> = areas.iter().map(|(c, _, _)| c.clone()).collect();
    let mut typed = Typed::of(Round::Spelden, &form.fields);
    let (pin, client) = match (parse_pin(&form.fields, &codes), client_id(&form)) {
        (Ok(p), Ok(c)) => (p, c),
        (p, c) => {
            for e in [p.err(), c.err()].into_iter().flatten() {
                typed
                    .errors
                    .extend(e.iter().map(|p| (p.path.clone(), p.message.clone())));
            }
            return again(&app, &form.phone, typed).await;
        }
    };
    let result = app
        .store
        .add_pin(&form.phone.participant, &pin, &client)
        .await;
    match submitted(result, "ronde-spelden")? {
        Ok(r) => Ok(r),
        Err(msg) => {
            typed.errors.push((String::new(), msg));
            again(&app, &form.phone, typed).await
        }
    }
}

/// POST /doe-mee/spelden/{pin}/reactie: agree, or disagree with a reason.
pub async fn react(
    State(app): State<AppState>,
    Path(pin): Path<String>,
    form: PhoneForm,
) -> Result<Response, AppError> {
    let agrees = match form.value("oordeel") {
        Some("eens") => true,
        Some("oneens") => false,
        _ => {
            return Err(AppError::Status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Kies eens of oneens.".into(),
            ));
        }
    };
    let reason = form.value("reden").filter(|r| !r.is_empty());
    let mut typed = Typed::of(Round::Spelden, &form.fields);
    typed.pin = Some(pin.clone());
    if !agrees && reason.is_none() {
        typed.errors.push((
            "reden".into(),
            "Zeg in een zin waarom je het oneens bent.".into(),
        ));
        return again(&app, &form.phone, typed).await;
    }
    if reason.is_some_and(|r| r.chars().count() > limits::TEXT_CHARS) {
        typed.errors.push((
            "reden".into(),
            format!("Ten hoogste {} tekens.", limits::TEXT_CHARS),
        ));
        return again(&app, &form.phone, typed).await;
    }
    match app
        .store
        .react_to_pin(&form.phone.participant, &pin, agrees, reason)
        .await
    {
        Ok(()) => Ok(Redirect::to("/doe-mee/atelier#ronde-spelden").into_response()),
        Err(WorkshopError::Storage(e)) => Err(e.into()),
        Err(e) => {
            typed.errors.push((String::new(), e.to_string()));
            again(&app, &form.phone, typed).await
        }
    }
}

/// `?v=` the pairwise choices in order.
#[derive(Debug, serde::Deserialize)]
pub struct AhpQuery {
    v: String,
}

/// GET /doe-mee/ahp: the live consistency check of a phone's comparisons.
pub async fn ahp(
    _phone: Phone,
    Query(q): Query<AhpQuery>,
) -> Result<Json<crate::pages::case::weighing::AhpAnswer>, AppError> {
    crate::pages::case::weighing::ahp_answer(&q.v).map(Json)
}
