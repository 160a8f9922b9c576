//! Signals "onder druk": the buurten and complexes in order of their score,
//! what drives each, the buurten with fewer inhabitants than the chosen
//! minimum apart or left out, and (for a strateeg) which indicators count
//! and how heavily.

mod index_template;
mod index_view;
mod ranked_list;

use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use wikken_core::format;
use wikken_data::AreaLevel;
use wikken_storage::{IndicatorRow, SignalWeight};

use super::parse_code;
use crate::AppState;
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, csrf_field};
use crate::signals::{self, Subject};
use index_view::SignalsData;
pub(crate) use ranked_list::{by_score, caveats};

/// `?gemeente=&min_inwoners=&klein=`
#[derive(Debug, Deserialize)]
pub struct Which {
    gemeente: Option<String>,
    min_inwoners: Option<String>,
    klein: Option<String>,
}

/// GET /signalen: the buurten of a gemeente (under the query's rule for
/// buurten with few inhabitants) and the complexes. A rule that cannot be
/// used is named (422) and the default is shown.
pub async fn index(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Which>,
) -> Result<Response, AppError> {
    let (small, small_error) =
        signals::SmallBuurten::from_query(q.min_inwoners.as_deref(), q.klein.as_deref());
    let org = &ctx.user.org;
    let gemeenten = app.store.gemeenten(org).await?;
    let chosen =
        index_view::chosen(&gemeenten, q.gemeente.as_deref()).map_err(|_| AppError::NotFound)?;
    let indicators = app.store.indicators(org).await?;
    let (complexes, complex_weights) = signals::complexes(&app.store, org, &indicators).await?;
    let complex_rows = app.store.complexes(org).await?;
    let mut buurten = Vec::new();
    let mut buurt_weights = Vec::new();
    let mut buurt_areas = Vec::new();
    let mut left_out = Vec::new();
    if let Some(g) = chosen {
        let code = parse_code(&g.code, Some(AreaLevel::Gemeente))?;
        let reads = app.cache.reads(&app.store, org).await?;
        let signal = signals::buurten_under(&reads, &code, &indicators, &small).await?;
        (buurten, buurt_weights, left_out) = (signal.scored, signal.weights, signal.left_out);
        buurt_areas = app
            .store
            .areas_in_gemeente(org, &code, AreaLevel::Buurt)
            .await?;
    }
    let (_, defaults) = signals::weights(&app.store, org, Subject::Buurt, &indicators).await?;
    let view = index_view::build(SignalsData {
        gemeenten: &gemeenten,
        chosen,
        indicators: &indicators,
        buurten,
        buurt_weights: &buurt_weights,
        buurt_areas: &buurt_areas,
        defaults,
        complexes,
        complex_weights: &complex_weights,
        complex_rows: &complex_rows,
        can_edit: ctx.user.role.can_edit(),
        small,
        left_out,
        min_typed: small_error.as_ref().and(q.min_inwoners.clone()),
        small_error: small_error.clone(),
    });
    let page = layout::page(
        &ctx,
        Section::Signals,
        "Signalen onder druk",
        index_template::render(&view),
    );
    let status = if small_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, page).into_response())
}

fn settings_page(
    ctx: &Ctx,
    indicators: &[IndicatorRow],
    current: &[(Subject, Vec<SignalWeight>)],
    errors: &[String],
) -> Markup {
    let usable: Vec<&IndicatorRow> = indicators
        .iter()
        .filter(|i| i.higher_is_better.is_some())
        .collect();
    layout::page(
        ctx,
        Section::Signals,
        "Signaal instellen",
        html! {
            h1 { "Signaal onder druk instellen" }
            p.lead { "Kies welke kengetallen meetellen en hoe zwaar. Dit geldt voor iedereen in uw organisatie." }
            @if !errors.is_empty() {
                div.notice.notice-error role="alert" {
                    h2 { "Niet opgeslagen" }
                    ul { @for e in errors { li { (e) } } }
                }
            }
            form method="post" action="/signalen/instellingen" {
                (csrf_field(ctx))
                @for (subject, weights) in current {
                    h2 { @if *subject == Subject::Buurt { "Buurten" } @else { "Complexen" } }
                    (layout::table_wrap(if *subject == Subject::Buurt { "Kengetallen voor buurten" } else { "Kengetallen voor complexen" }, html! { table {
                        thead { tr { th scope="col" { "Telt mee" } th scope="col" { "Kengetal" } th scope="col" { "Richting" } th scope="col" { "Gewicht" } } }
                        tbody { @for i in &usable {
                            @let w = weights.iter().find(|w| w.indicator == i.code);
                            @let id = format!("{}-{}", subject.as_str(), i.code);
                            tr {
                                td { input type="checkbox" id=(format!("{id}-aan")) name=(format!("aan.{}.{}", subject.as_str(), i.code)) value="1" checked[w.is_some()]; }
                                td { label for=(format!("{id}-aan")) { (i.name) } }
                                td { (super::direction_text(i)) }
                                td {
                                    label.visually-hidden for=(format!("{id}-gewicht")) { "Gewicht van " (i.name) }
                                    input type="text" inputmode="decimal" id=(format!("{id}-gewicht")) name=(format!("gewicht.{}.{}", subject.as_str(), i.code))
                                        value=(format::number(w.map_or(1.0, |w| w.weight), 1)) size="5";
                                }
                            }
                        } }
                    } }))
                }
                p.muted { "Kengetallen zonder richting (zoals aantallen inwoners) kunnen niet meetellen: het is niet te zeggen of meer beter of slechter is." }
                div.actions { button type="submit" { "Opslaan" } a href="/signalen" { "Annuleren" } }
            }
        },
    )
}

async fn current(
    app: &AppState,
    ctx: &Ctx,
    indicators: &[IndicatorRow],
) -> Result<Vec<(Subject, Vec<SignalWeight>)>, AppError> {
    let mut out = Vec::new();
    for s in [Subject::Buurt, Subject::Complex] {
        out.push((
            s,
            signals::weights(&app.store, &ctx.user.org, s, indicators)
                .await?
                .0,
        ));
    }
    Ok(out)
}

/// GET /signalen/instellingen
pub async fn settings(State(app): State<AppState>, ctx: Ctx) -> Result<Markup, AppError> {
    if !ctx.user.role.can_edit() {
        return Err(AppError::forbidden());
    }
    let indicators = app.store.indicators(&ctx.user.org).await?;
    let current = current(&app, &ctx, &indicators).await?;
    Ok(settings_page(&ctx, &indicators, &current, &[]))
}

/// Parses "1,5" or "1.5".
fn parse_weight(s: &str) -> Option<f64> {
    s.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|w| w.is_finite())
}

/// POST /signalen/instellingen
pub async fn save_settings(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let sent = fields
        .iter()
        .find(|(k, _)| k == "_csrf")
        .map_or("", |(_, v)| v.as_str());
    csrf.check(sent)?;
    if !ctx.user.role.can_edit() {
        return Err(AppError::forbidden());
    }
    let indicators = app.store.indicators(&ctx.user.org).await?;
    let mut errors = Vec::new();
    let mut chosen: Vec<(Subject, Vec<SignalWeight>)> =
        vec![(Subject::Buurt, vec![]), (Subject::Complex, vec![])];
    for (subject, list) in chosen.iter_mut() {
        for i in indicators.iter().filter(|i| i.higher_is_better.is_some()) {
            let key = |p: &str| format!("{p}.{}.{}", subject.as_str(), i.code);
            if !fields.iter().any(|(k, _)| *k == key("aan")) {
                continue;
            }
            let raw = fields
                .iter()
                .find(|(k, _)| *k == key("gewicht"))
                .map_or("", |(_, v)| v.as_str());
            match parse_weight(raw) {
                Some(w) if w > 0.0 && w <= 100.0 => list.push(SignalWeight {
                    indicator: i.code.clone(),
                    weight: w,
                }),
                _ => errors.push(format!(
                    "{}, {}: het gewicht \"{raw}\" is geen getal groter dan 0 en hoogstens 100.",
                    if *subject == Subject::Buurt {
                        "Buurten"
                    } else {
                        "Complexen"
                    },
                    i.name
                )),
            }
        }
        if list.is_empty() && errors.is_empty() {
            errors.push(format!(
                "{}: kies minstens één kengetal.",
                if *subject == Subject::Buurt {
                    "Buurten"
                } else {
                    "Complexen"
                }
            ));
        }
    }
    if !errors.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            settings_page(&ctx, &indicators, &chosen, &errors),
        )
            .into_response());
    }
    app.store.set_signal_weights(&ctx.user.org, &chosen).await?;
    Ok(Redirect::to("/signalen").into_response())
}
