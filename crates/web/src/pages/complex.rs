//! The page of a complex: its facts, its signal among the corporation's
//! complexes, and its own indicators over the years next to its buurt's.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use maud::{Markup, html};
use wikken_core::format;
use wikken_data::AreaCode;
use wikken_storage::ComplexCode;

use super::{fmt_value, unit_suffix};
use crate::AppState;
use crate::auth::urlencode;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, breadcrumbs};
use crate::signals;
use crate::svg::chart::{Series, line_chart};

/// A complexnummer as a URL path segment.
pub fn url_code(code: &str) -> String {
    urlencode(code).replace('/', "%2F")
}

fn by_indicator(rows: Vec<wikken_storage::ObservationRow>) -> BTreeMap<String, BTreeMap<i32, f64>> {
    let mut out: BTreeMap<String, BTreeMap<i32, f64>> = BTreeMap::new();
    for o in rows {
        out.entry(o.indicator).or_default().insert(o.year, o.value);
    }
    out
}

/// GET /complex/{code}
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Markup, AppError> {
    let org = &ctx.user.org;
    let complex = app
        .store
        .complex(org, &ComplexCode::from(code))
        .await?
        .ok_or(AppError::NotFound)?;
    let indicators = app.store.indicators(org).await?;
    let own = by_indicator(app.store.complex_observations(org, &complex.code).await?);
    let buurt_code = AreaCode::parse(&complex.buurt_code).ok_or(AppError::NotFound)?;
    let buurt = app.store.area(org, &buurt_code).await?;
    let buurt_values = by_indicator(app.store.observations(org, &buurt_code).await?);
    let gemeente_code = buurt_code.gemeente();
    let gemeente = app.store.area(org, &gemeente_code).await?;
    let (scored, _) = signals::complexes(&app.store, org, &indicators).await?;
    let signal = scored.into_iter().find(|s| s.code == complex.code);
    let title = format!("Complex {} {}", complex.code, complex.name);
    let buurt_name = buurt
        .as_ref()
        .map_or(complex.buurt_code.clone(), |b| b.name.clone());
    let mut crumbs: Vec<(&str, Option<String>)> = vec![("Wijkmonitor", Some("/monitor".into()))];
    if let Some(g) = &gemeente {
        crumbs.push((&g.name, Some(format!("/monitor/{}", g.code))));
    }
    crumbs.push((&buurt_name, Some(format!("/gebied/{}", complex.buurt_code))));
    crumbs.push((&title, None));
    let shown: Vec<_> = indicators
        .iter()
        .filter(|i| own.contains_key(&i.code))
        .collect();
    let chart = |code: &str, name: &str, unit: &str| -> Markup {
        let mut series = vec![Series {
            label: &complex.name,
            points: own
                .get(code)
                .map(|v| v.iter().map(|(y, x)| (*y, *x)).collect())
                .unwrap_or_default(),
            colour: "#154273",
            dashed: false,
        }];
        if let Some(b) = buurt_values.get(code) {
            series.push(Series {
                label: &buurt_name,
                points: b.iter().map(|(y, x)| (*y, *x)).collect(),
                colour: "#b35900",
                dashed: true,
            });
        }
        let max = series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1.abs()))
            .fold(0.0, f64::max);
        line_chart(
            &format!("{name} van complex {}, per jaar", complex.name),
            &series,
            super::decimals_for_unit(unit, max),
        )
    };
    Ok(layout::page(
        &ctx,
        Section::Monitor,
        &title,
        html! {
            (breadcrumbs(&crumbs))
            h1 { (title) }
            @if ctx.user.role.can_edit() {
                p { a.button href=(format!("/afwegingen/nieuw?gebied={}&complex={}", complex.buurt_code, complex.code)) { "Afweging starten voor dit complex" } }
            }
            dl.facts {
                dt { "Buurt" } dd { a href=(format!("/gebied/{}", complex.buurt_code)) { (buurt_name) } " (" (complex.buurt_code) ")" }
                dt { "Aantal woningen" } dd { (complex.dwellings) }
                dt { "Bouwjaar" } dd { @if let Some(y) = complex.build_year { (y) } @else { "onbekend" } }
                dt { "Energielabel" } dd { (complex.energy_label.as_deref().unwrap_or("onbekend")) }
                dt { "Gemiddelde huur" } dd { @if let Some(r) = complex.average_rent { (format::euro(r)) " per maand" } @else { "onbekend" } }
            }
            @if let Some(s) = &signal {
                (super::signal_notice(s, "de andere complexen van de corporatie", &indicators, html! {
                    p { a href="/signalen" { "Alle complexen op volgorde van het signaal" } }
                }))
            }
            h2 { "Eigen kengetallen" }
            @if shown.is_empty() {
                p { "Voor dit complex zijn nog geen eigen kengetallen geïmporteerd." }
            } @else {
                (layout::table_wrap("Kerncijfers van het complex", html! { table {
                    caption { "Laatst bekende waarde, met de buurt in hetzelfde jaar waar bekend" }
                    thead { tr { th scope="col" { "Kengetal" } th.num scope="col" { "Jaar" } th.num scope="col" { "Complex" } th.num scope="col" { "Buurt" } } }
                    tbody { @for i in &shown {
                        @if let Some((y, v)) = own.get(&i.code).and_then(|v| v.iter().next_back()) {
                            tr {
                                th scope="row" { (i.name) (unit_suffix(i)) }
                                td.num { (y) }
                                td.num { (fmt_value(*v, &i.unit)) }
                                td.num { @match buurt_values.get(&i.code).and_then(|b| b.get(y)) { Some(b) => (fmt_value(*b, &i.unit)), None => span.muted { "–" } } }
                            }
                        }
                    } }
                } }))
                h2 { "Ontwikkeling door de jaren" }
                ul.charts { @for i in &shown {
                    li.chart { figure { figcaption { (i.name) (unit_suffix(i)) } (chart(&i.code, &i.name, &i.unit)) } }
                } }
            }
        },
    ))
}
