//! The big screen (for the projector) and the live parts of the
//! facilitator's page: both draw the same fragment, fetched again whenever
//! the werkatelier's event stream says something happened.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::Markup;
use serde::Deserialize;
use wikken_storage::{Viewer, WorkshopRow};

use super::facilitate::{join_url, own_workshop};
use super::views;
use crate::AppState;
use crate::error::AppError;
use crate::layout::Ctx;

/// Per role label: (participants, online now).
pub type Online = Vec<(String, usize, usize)>;

/// Each participant for the facilitator: name, role label, connected now.
pub type People = Vec<(String, String, bool)>;

/// Who joined, for the facilitator's page (never the big screen).
pub async fn people(app: &AppState, w: &WorkshopRow) -> Result<People, AppError> {
    let now = crate::auth::unix_now();
    Ok(app
        .store
        .workshop_participants(&w.id)
        .await?
        .into_iter()
        .map(|p| {
            let role = w
                .setup
                .role(&p.role)
                .map_or(p.role.clone(), |r| r.label.clone());
            (p.name, role, now - p.seen_at <= super::stream::AWAY_SECONDS)
        })
        .collect())
}

/// Who is there per role: joined, and connected in the last
/// [`super::stream::AWAY_SECONDS`].
pub async fn online(app: &AppState, w: &WorkshopRow) -> Result<Online, AppError> {
    let now = crate::auth::unix_now();
    let people = app.store.workshop_participants(&w.id).await?;
    Ok(w.setup
        .roles
        .iter()
        .map(|r| {
            let of_role: Vec<_> = people.iter().filter(|p| p.role == r.id).collect();
            let on = of_role
                .iter()
                .filter(|p| now - p.seen_at <= super::stream::AWAY_SECONDS)
                .count();
            (r.label.clone(), of_role.len(), on)
        })
        .collect())
}

/// GET /werkateliers/{wid}/scherm
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(wid): Path<String>,
) -> Result<Markup, AppError> {
    let w = own_workshop(&app, &ctx, &wid).await?;
    let session = app.werkateliers.sessions.get(&app.store, &w).await?;
    let online = online(&app, &w).await?;
    let doc = case_doc(&app, &ctx, &w).await?;
    let url = join_url(&app, &headers, &w.join_code);
    let areas = super::map::area_map(&app, &ctx.user.org, &w).await?;
    let signal = gebied_signal(&app, &ctx, &w).await?;
    Ok(views::screen_page(
        &session,
        doc.as_ref(),
        &online,
        &url,
        &areas,
        &signal,
    ))
}

/// A gebiedsatelier's signal per buurt; nothing for an afweging's.
async fn gebied_signal(
    app: &AppState,
    ctx: &Ctx,
    w: &WorkshopRow,
) -> Result<Vec<super::map::BuurtPressure>, AppError> {
    if w.setup.subject == wikken_core::werkatelier::live::Subject::Gebied {
        super::map::area_signal(app, &ctx.user.org, w).await
    } else {
        Ok(Vec::new())
    }
}

/// The afweging a werkatelier weighs, as it is now.
pub async fn case_doc(
    app: &AppState,
    ctx: &Ctx,
    w: &WorkshopRow,
) -> Result<Option<wikken_core::case::CaseDoc>, AppError> {
    Ok(match &w.case_id {
        Some(c) => app
            .store
            .case_version(&ctx.user.org, c, None)
            .await?
            .map(|v| v.doc),
        None => None,
    })
}

/// `?weergave=scherm|beheer`
#[derive(Debug, Deserialize)]
pub struct FragmentQuery {
    weergave: Option<String>,
}

/// GET /werkateliers/{wid}/inhoud: the live part, for the big screen or
/// for the facilitator's page.
pub async fn fragment(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(wid): Path<String>,
    Query(q): Query<FragmentQuery>,
) -> Result<Markup, AppError> {
    let w = own_workshop(&app, &ctx, &wid).await?;
    let session = app.werkateliers.sessions.get(&app.store, &w).await?;
    let online = online(&app, &w).await?;
    let doc = case_doc(&app, &ctx, &w).await?;
    let areas = super::map::area_map(&app, &ctx.user.org, &w).await?;
    Ok(match q.weergave.as_deref() {
        Some("beheer") => {
            let people = people(&app, &w).await?;
            views::control_live(&ctx, &session, doc.as_ref(), &online, &people, &areas)
        }
        _ => {
            let signal = gebied_signal(&app, &ctx, &w).await?;
            views::screen_live(&session, doc.as_ref(), &online, &areas, &signal)
        }
    })
}

/// `?na=` the event the page was drawn at.
#[derive(Debug, Deserialize)]
pub struct After {
    na: Option<i64>,
}

/// GET /werkateliers/{wid}/stroom: the facilitator's and big screen's
/// event stream.
pub async fn stream(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(wid): Path<String>,
    Query(q): Query<After>,
) -> Result<Response, AppError> {
    let w = own_workshop(&app, &ctx, &wid).await?;
    super::open_stream(&app, &headers, &w, Viewer::Screen, q.na, None).await
}

/// GET /werkateliers/{wid}/qr.svg: the join address as a QR code.
pub async fn qr(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(wid): Path<String>,
) -> Result<Response, AppError> {
    let w = own_workshop(&app, &ctx, &wid).await?;
    let svg = super::charts::qr_svg(&join_url(&app, &headers, &w.join_code));
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        svg,
    )
        .into_response())
}

/// GET /werkateliers/{wid}/antwoorden.json: the anonymised answers of the
/// shown rounds in the format of `wikken werkatelier`, so anyone can
/// recompute the big screen's figures.
pub async fn answers(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(wid): Path<String>,
) -> Result<Response, AppError> {
    let w = own_workshop(&app, &ctx, &wid).await?;
    let session = app.werkateliers.sessions.get(&app.store, &w).await?;
    let body = serde_json::to_string_pretty(&session.outcome.answers)
        .map_err(|e| AppError::failed("antwoorden schrijven", e))?;
    let name = format!(
        "attachment; filename=\"werkatelier-{}-antwoorden.json\"",
        w.join_code.to_lowercase()
    );
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        body,
    )
        .into_response())
}
