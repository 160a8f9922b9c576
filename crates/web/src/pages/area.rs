//! The page of a wijk or buurt: its signal, all its indicators compared
//! with its wijk and gemeente, their trend over the years, its buurten or
//! its complexes.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use wikken_core::format;
use wikken_data::{AreaCode, AreaLevel};
use wikken_storage::{AreaRow, IndicatorRow, ObservationRow};

use super::{direction_text, fmt_value, parse_code, unit_suffix};
use crate::AppState;
use crate::cache::Reads;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, breadcrumbs};
use crate::signals;
use crate::svg::chart::{Series, line_chart};

/// Colours of the chart lines: the area itself, its wijk, its gemeente,
/// Nederland.
const LINE_COLOURS: [&str; 4] = ["#154273", "#b35900", "#5b5b5b", "#7a2e8c"];

/// An area, or Nederland (which has no level).
struct Place {
    code: String,
    name: String,
    level: Option<AreaLevel>,
}

impl From<AreaRow> for Place {
    fn from(area: AreaRow) -> Place {
        Place {
            code: area.code,
            name: area.name,
            level: Some(area.level),
        }
    }
}

/// An area with its values by indicator, then year.
struct Figures {
    area: Place,
    values: BTreeMap<String, BTreeMap<i32, f64>>,
}

impl Figures {
    fn new(area: Place, rows: &[ObservationRow]) -> Figures {
        let mut values: BTreeMap<String, BTreeMap<i32, f64>> = BTreeMap::new();
        for o in rows {
            values
                .entry(o.indicator.clone())
                .or_default()
                .insert(o.year, o.value);
        }
        Figures { area, values }
    }

    /// "Wijk Oude Kern", "Gemeente Lindeveen", "Nederland".
    fn label(&self) -> String {
        match self.area.level {
            Some(level) => format!("{} {}", super::level_name(level), self.area.name),
            None => self.area.name.clone(),
        }
    }

    /// The label inside a sentence: "wijk Oude Kern", "Nederland" (names
    /// keep their capitals).
    fn label_in_sentence(&self) -> String {
        match self.area.level {
            Some(level) => format!("{} {}", level.as_str(), self.area.name),
            None => self.area.name.clone(),
        }
    }

    fn latest(&self, indicator: &str) -> Option<(i32, f64)> {
        self.values
            .get(indicator)
            .and_then(|v| v.iter().next_back().map(|(y, x)| (*y, *x)))
    }

    fn at(&self, indicator: &str, year: i32) -> Option<f64> {
        self.values
            .get(indicator)
            .and_then(|v| v.get(&year))
            .copied()
    }
}

/// The chain of parents: the wijk (of a buurt) and the gemeente, then
/// Nederland when the organisation has its figures.
async fn parents(reads: &Reads, code: &AreaCode) -> Result<Vec<Figures>, AppError> {
    let mut out = Vec::new();
    let mut next = code.parent();
    while let Some(p) = next {
        if let Some(area) = reads.area(&p).await? {
            let rows = reads.observations(&p).await?;
            out.push(Figures::new(area.into(), &rows));
        }
        next = p.parent();
    }
    let national = reads.national_values().await?;
    if !national.is_empty() {
        let land = Place {
            code: "NL00".into(),
            name: "Nederland".into(),
            level: None,
        };
        out.push(Figures::new(land, &national));
    }
    Ok(out)
}

/// GET /gebied/{code}
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let code = parse_code(&code, None)?;
    let reads = app.cache.reads(&app.store, &ctx.user.org).await?;
    let area = reads.area(&code).await?.ok_or(AppError::NotFound)?;
    if code.level() == AreaLevel::Gemeente {
        return Ok(Redirect::to(&format!("/monitor/{}", code.as_str())).into_response());
    }
    let indicators = reads.indicators().await?;
    let me = Figures::new(area.into(), &reads.observations(&code).await?);
    let parents = parents(&reads, &code).await?;
    let gemeente_code = code.gemeente();
    let children = if code.level() == AreaLevel::Wijk {
        reads
            .areas_in_gemeente(&gemeente_code, AreaLevel::Buurt)
            .await?
            .iter()
            .filter(|b| b.parent_code.as_deref() == Some(code.as_str()))
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    let complexes = if code.level() == AreaLevel::Buurt {
        reads.complexes_in_buurt(&code).await?
    } else {
        Default::default()
    };
    let signal = if code.level() == AreaLevel::Buurt {
        let (scored, _) = signals::buurten(&reads, &gemeente_code, &indicators).await?;
        scored.into_iter().find(|s| s.code == code.as_str())
    } else {
        None
    };

    let title = me.label();
    let mut crumbs: Vec<(&str, Option<String>)> = vec![("Wijkmonitor", Some("/monitor".into()))];
    for p in parents.iter().rev().filter(|p| p.area.level.is_some()) {
        let href = if p.area.level == Some(AreaLevel::Gemeente) {
            format!("/monitor/{}", p.area.code)
        } else {
            format!("/gebied/{}", p.area.code)
        };
        crumbs.push((&p.area.name, Some(href)));
    }
    crumbs.push((&me.area.name, None));
    let shown: Vec<&IndicatorRow> = indicators
        .iter()
        .filter(|i| me.values.contains_key(&i.code))
        .collect();
    let trends: Vec<&IndicatorRow> = shown
        .iter()
        .copied()
        .filter(|i| me.values.get(&i.code).is_some_and(|v| v.len() > 1))
        .collect();
    let body = html! {
        (breadcrumbs(&crumbs))
        h1 { (title) " " span.muted { "(" (me.area.code) ")" } }
        @if ctx.user.role.can_edit() {
            p { a.button href=(format!("/afwegingen/nieuw?gebied={}", me.area.code)) { "Afweging starten voor dit gebied" } }
        }
        @if let Some(s) = &signal {
            (super::signal_notice(s, "de andere buurten van de gemeente", &indicators, html! {
                p { a href=(format!("/signalen?gemeente={}", gemeente_code.as_str())) { "Alle buurten op volgorde van het signaal" } }
            }))
        }
        @if !children.is_empty() {
            h2 { "Buurten in deze wijk" }
            ul { @for b in &children { li { a href=(format!("/gebied/{}", b.code)) { (b.name) } } } }
        }
        h2 { "Kerncijfers" }
        @if shown.is_empty() {
            p { "Voor dit gebied zijn nog geen cijfers geïmporteerd." }
        } @else {
            (layout::table_wrap("Kerncijfers", html! {
                table {
                    caption { "Laatst bekende waarde, vergeleken met " @for (k, p) in parents.iter().enumerate() { @if k > 0 { ", " } (p.label_in_sentence()) } " in hetzelfde jaar" }
                    thead { tr {
                        th scope="col" { "Kengetal" }
                        th.num scope="col" { "Jaar" }
                        th.num scope="col" { (me.area.name) }
                        @for p in &parents { th.num scope="col" { (p.label()) } }
                        th scope="col" { "Richting" }
                        th scope="col" { "Bron" }
                    } }
                    tbody {
                        @for i in &shown {
                            @if let Some((year, v)) = me.latest(&i.code) {
                                tr {
                                    th scope="row" { (i.name) (unit_suffix(i)) }
                                    td.num { (year) }
                                    td.num { (fmt_value(v, &i.unit)) }
                                    @for p in &parents {
                                        td.num { @match p.at(&i.code, year) { Some(x) => (fmt_value(x, &i.unit)), None => span.muted { "–" } } }
                                    }
                                    td { (direction_text(i)) }
                                    td.muted { (i.source) }
                                }
                            }
                        }
                    }
                }
            }))
        }
        @if !trends.is_empty() {
            h2 { "Ontwikkeling door de jaren" }
            ul.series-legend aria-hidden="true" {
                li { (crate::svg::keys::line_key(LINE_COLOURS[0], false)) (me.area.name) }
                @for (k, p) in parents.iter().enumerate() {
                    li { (crate::svg::keys::line_key(LINE_COLOURS[(k + 1).min(3)], true)) (p.label()) }
                }
            }
            ul.charts {
                @for i in &trends {
                    li.chart {
                        figure {
                            figcaption { (i.name) (unit_suffix(i)) }
                            (chart_for(i, &me, &parents))
                        }
                    }
                }
            }
        }
        @if code.level() == AreaLevel::Buurt {
            h2 { "Complexen van de corporatie in deze buurt" }
            @if complexes.is_empty() {
                p { "De corporatie heeft hier geen complexen (of ze zijn nog niet geïmporteerd)." }
            } @else {
                (layout::table_wrap("Complexen in deze buurt", html! { table {
                    thead { tr {
                        th scope="col" { "Complex" } th.num scope="col" { "Woningen" } th.num scope="col" { "Bouwjaar" }
                        th scope="col" { "Energielabel" } th.num scope="col" { "Gemiddelde huur" }
                    } }
                    tbody { @for c in complexes.iter() { tr {
                        td { a href=(format!("/complex/{}", super::complex::url_code(c.code.as_str()))) { (c.code) " " (c.name) } }
                        td.num { (c.dwellings) }
                        td.num { @if let Some(y) = c.build_year { (y) } @else { "–" } }
                        td { (c.energy_label.as_deref().unwrap_or("–")) }
                        td.num { @if let Some(r) = c.average_rent { (format::euro(r)) } @else { "–" } }
                    } } }
                } }))
            }
        }
    };
    Ok(layout::page(&ctx, Section::Monitor, &title, body).into_response())
}

fn chart_for(i: &IndicatorRow, me: &Figures, parents: &[Figures]) -> Markup {
    let points = |f: &Figures| -> Vec<(i32, f64)> {
        f.values
            .get(&i.code)
            .map(|v| v.iter().map(|(y, x)| (*y, *x)).collect())
            .unwrap_or_default()
    };
    let mut series = vec![Series {
        label: &me.area.name,
        points: points(me),
        colour: LINE_COLOURS[0],
        dashed: false,
    }];
    // Totals (inwoners, woningen, hectares) of a wijk or gemeente dwarf a
    // buurt's: only rates and averages are drawn next to each other.
    let comparable = !matches!(i.unit.as_str(), "aantal" | "woningen" | "ha");
    for (k, p) in parents.iter().enumerate().filter(|_| comparable) {
        series.push(Series {
            label: &p.area.name,
            points: points(p),
            colour: LINE_COLOURS[(k + 1).min(3)],
            dashed: true,
        });
    }
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1.abs()))
        .fold(0.0, f64::max);
    line_chart(
        &format!("{} in {}, per jaar", i.name, me.area.name),
        &series,
        super::decimals_for_unit(&i.unit, max),
    )
}
