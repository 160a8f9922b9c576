//! Signals "onder druk": the buurten and complexes in order of their score,
//! what drives each, and (for a strateeg) which indicators count and how
//! heavily.

use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use wikken_core::format;
use wikken_core::signal::SignalLevel;
use wikken_data::AreaLevel;
use wikken_storage::{IndicatorRow, SignalWeight};

use super::{fmt_value, parse_code};
use crate::AppState;
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, csrf_field};
use crate::signals::{self, Scored, Subject};

/// `?gemeente=`
#[derive(Debug, Deserialize)]
pub struct Which {
    gemeente: Option<String>,
}

fn level_cell(s: &Scored) -> Markup {
    match (s.level(), s.score.score) {
        (Some(l), Some(v)) => html! {
            span.level.(format!("level-{}", l as usize)) { (l.label()) }
            " " span.muted { "(" (format::number(v, 2)) ")" }
        },
        _ => html! { span.muted { "geen gegevens" } },
    }
}

fn drivers(s: &Scored, indicators: &[IndicatorRow]) -> Markup {
    html! {
        ul.drivers {
            @for c in s.score.contributions.iter().filter(|c| c.share > 0.0).take(3) {
                @let ind = indicators.iter().find(|i| i.code == c.indicator);
                li {
                    (ind.map_or(c.indicator.as_str(), |i| i.name.as_str())) ": "
                    (fmt_value(c.value, ind.map_or("", |i| i.unit.as_str())))
                }
            }
        }
    }
}

fn weights_table(
    weights: &[SignalWeight],
    scored: &[Scored],
    indicators: &[IndicatorRow],
) -> Markup {
    let year = |code: &str| scored.first().and_then(|s| s.years.get(code).copied());
    html! {
        (layout::table_wrap("Kengetallen en gewichten van het signaal", html! { table {
            thead { tr { th scope="col" { "Kengetal" } th scope="col" { "Richting" } th.num scope="col" { "Gewicht" } th.num scope="col" { "Jaar" } } }
            tbody { @for w in weights {
                @let ind = indicators.iter().find(|i| i.code == w.indicator);
                tr {
                    td { (ind.map_or(w.indicator.as_str(), |i| i.name.as_str())) }
                    td { @if let Some(i) = ind { (super::direction_text(i)) } }
                    td.num { (format::number(w.weight, 1)) }
                    td.num { @match year(&w.indicator) { Some(y) => (y), None => span.muted { "geen gegevens" } } }
                }
            } }
        } }))
    }
}

/// Sorts by score, highest first; areas without a score last.
fn by_score(scored: &mut [Scored]) {
    scored.sort_by(|a, b| match (a.score.score, b.score.score) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.code.cmp(&b.code),
    });
}

/// GET /signalen
pub async fn index(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Which>,
) -> Result<Markup, AppError> {
    let org = &ctx.user.org;
    let gemeenten = app.store.gemeenten(org).await?;
    let chosen = match q.gemeente.as_deref() {
        Some(c) => Some(
            gemeenten
                .iter()
                .find(|g| g.code == c)
                .ok_or(AppError::NotFound)?,
        ),
        None => gemeenten.first(),
    };
    let indicators = app.store.indicators(org).await?;
    let (mut complexes, complex_weights) = signals::complexes(&app.store, org, &indicators).await?;
    by_score(&mut complexes);
    let complex_rows = app.store.complexes(org).await?;
    let mut buurten = Vec::new();
    let mut buurt_weights = Vec::new();
    let mut names = std::collections::HashMap::new();
    if let Some(g) = chosen {
        let code = parse_code(&g.code, Some(AreaLevel::Gemeente))?;
        let reads = app.cache.reads(&app.store, org).await?;
        (buurten, buurt_weights) = signals::buurten(&reads, &code, &indicators).await?;
        by_score(&mut buurten);
        for a in app
            .store
            .areas_in_gemeente(org, &code, AreaLevel::Buurt)
            .await?
        {
            names.insert(a.code.clone(), a.name);
        }
    }
    let (_, defaults) = signals::weights(&app.store, org, Subject::Buurt, &indicators).await?;
    let count =
        |list: &[Scored], l: SignalLevel| list.iter().filter(|s| s.level() == Some(l)).count();
    Ok(layout::page(
        &ctx,
        Section::Signals,
        "Signalen onder druk",
        html! {
            h1 { "Signalen: onder druk" }
            p.lead { "Welke buurten en complexen schuiven af? Een doorzichtige score uit gekozen kengetallen." }
            details {
                summary { "Hoe de score werkt" }
                p { "Elk kengetal wordt gestandaardiseerd over de vergeleken gebieden (buurten van de gemeente, of complexen van de corporatie): hoeveel standaarddeviaties ligt de waarde boven of onder het gemiddelde. Waar hoger beter is, telt een lage waarde als druk. De score is het gewogen gemiddelde over de kengetallen die er voor het gebied zijn, in het laatste jaar dat bekend is." }
                p { "Vanaf 0,5 heet een gebied " strong { "onder druk" } ", vanaf 1,0 " strong { "sterk onder druk" } ". Per gebied staan de kengetallen die de score het meest opdrijven erbij." }
            }
            @if gemeenten.len() > 1 {
                form.filters method="get" action="/signalen" {
                    div.field {
                        label for="gemeente" { "Gemeente" }
                        select #gemeente name="gemeente" data-autosubmit {
                            @for g in &gemeenten { option value=(g.code) selected[chosen.is_some_and(|c| c.code == g.code)] { (g.name) } }
                        }
                    }
                    div { button type="submit" { "Toon" } }
                }
            }
            div.actions {
                @if let Some(g) = chosen {
                    a.button.button-secondary href=(format!("/monitor/{}?kengetal=signaal", g.code)) { "Bekijk op de kaart" }
                    a.button.button-secondary href=(format!("/signalen/export.xlsx?gemeente={}", g.code)) download { "Downloaden (Excel)" }
                }
                @if ctx.user.role.can_edit() { a.button.button-secondary href="/signalen/instellingen" { "Kengetallen en gewichten aanpassen" } }
            }
            @if let Some(g) = chosen {
                h2 { "Buurten van " (g.name) }
                p { (count(&buurten, SignalLevel::StrongPressure)) " sterk onder druk, " (count(&buurten, SignalLevel::Pressure)) " onder druk, van " (buurten.len()) " buurten."
                    @if defaults { " " span.muted { "(Standaardinstelling: de organisatie heeft nog geen eigen keuze gemaakt.)" } } }
                h3 { "Kengetallen in de score" }
                (weights_table(&buurt_weights, &buurten, &indicators))
                (layout::table_wrap("Buurten op volgorde van de score", html! { table {
                    caption { "Buurten op volgorde van de score, hoogste eerst" }
                    thead { tr { th.num scope="col" { "#" } th scope="col" { "Buurt" } th scope="col" { "Signaal" } th scope="col" { "Drijft de score" } } }
                    tbody { @for (k, s) in buurten.iter().enumerate() {
                        tr data-code=(s.code) {
                            td.num { (k + 1) }
                            td { a href=(format!("/gebied/{}", s.code)) { (names.get(&s.code).map_or(s.code.as_str(), String::as_str)) } }
                            td { (level_cell(s)) }
                            td { (drivers(s, &indicators)) }
                        }
                    } }
                } }))
            } @else {
                p { "Er zijn nog geen gemeenten geïmporteerd." }
            }
            h2 { "Complexen" }
            @if complexes.is_empty() {
                p { "Er zijn nog geen complexen geïmporteerd." }
            } @else {
                p { (count(&complexes, SignalLevel::StrongPressure)) " sterk onder druk, " (count(&complexes, SignalLevel::Pressure)) " onder druk, van " (complexes.len()) " complexen." }
                h3 { "Kengetallen in de score" }
                (weights_table(&complex_weights, &complexes, &indicators))
                (layout::table_wrap("Complexen op volgorde van de score", html! { table {
                    caption { "Complexen op volgorde van de score, hoogste eerst" }
                    thead { tr { th.num scope="col" { "#" } th scope="col" { "Complex" } th scope="col" { "Signaal" } th scope="col" { "Drijft de score" } } }
                    tbody { @for (k, s) in complexes.iter().enumerate() {
                        @let name = complex_rows.iter().find(|c| c.code == s.code).map_or("", |c| c.name.as_str());
                        tr {
                            td.num { (k + 1) }
                            td { a href=(format!("/complex/{}", super::complex::url_code(&s.code))) { (s.code) " " (name) } }
                            td { (level_cell(s)) }
                            td { (drivers(s, &indicators)) }
                        }
                    } }
                } }))
            }
        },
    ))
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
