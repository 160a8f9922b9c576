//! The wijkmonitor: the organisation's gemeenten, and per gemeente a
//! choropleth map of its buurten (or wijken) for any indicator or for the
//! "onder druk" signal, with the same figures as a table.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use maud::{Markup, html};
use serde::Deserialize;
use wikken_core::signal::SignalLevel;
use wikken_data::AreaLevel;
use wikken_data::geo::MultiPolygon;
use wikken_storage::{AreaRow, IndicatorRow};

use super::{direction_text, fmt_value, parse_code, unit_suffix};
use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, breadcrumbs};
use crate::signals;
use crate::svg::classes::{Classes, MISSING, SIGNAL};
use crate::svg::map::{MapArea, choropleth};

/// GET /monitor: the gemeenten.
pub async fn index(State(app): State<AppState>, ctx: Ctx) -> Result<Markup, AppError> {
    let gemeenten = app.store.gemeenten(&ctx.user.org).await?;
    let mut cards = Vec::new();
    for g in &gemeenten {
        let code = parse_code(&g.code, Some(AreaLevel::Gemeente))?;
        let buurten = app
            .store
            .areas_in_gemeente(&ctx.user.org, &code, AreaLevel::Buurt)
            .await?
            .len();
        let values = app.store.observations(&ctx.user.org, &code).await?;
        let latest = |ind: &str| {
            values
                .iter()
                .filter(|o| o.indicator == ind)
                .max_by_key(|o| o.year)
        };
        cards.push((
            g,
            buurten,
            latest("inwoners").cloned(),
            latest("pct_corporatiebezit").cloned(),
        ));
    }
    Ok(layout::page(
        &ctx,
        Section::Monitor,
        "Wijkmonitor",
        html! {
            h1 { "Wijkmonitor" }
            p.lead { "Het gedeelde beeld van de wijken: cijfers van CBS en van de corporatie zelf, per gemeente, wijk, buurt en complex, op de kaart en in de tijd." }
            @if gemeenten.is_empty() {
                div.notice {
                    h2 { "Nog geen gegevens" }
                    p { "Uw organisatie heeft nog geen gebieden. Importeer de CBS Kerncijfers wijken en buurten en de grenzen van uw gemeente(n)." }
                    @if ctx.user.role.can_edit() { p { a.button href="/import" { "Gegevens importeren" } } }
                }
            } @else {
                h2 { "Gemeenten" }
                ul.cards {
                    @for (g, buurten, inwoners, corp) in &cards {
                        li.card {
                            h3 { a href=(format!("/monitor/{}", g.code)) { (g.name) } }
                            dl.facts {
                                dt { "Buurten" } dd { (buurten) }
                                @if let Some(o) = inwoners { dt { "Inwoners" } dd { (fmt_value(o.value, "aantal")) " (" (o.year) ")" } }
                                @if let Some(o) = corp { dt { "Corporatiebezit" } dd { (fmt_value(o.value, "%")) " (" (o.year) ")" } }
                            }
                        }
                    }
                }
            }
        },
    ))
}

/// The map page's choices.
#[derive(Debug, Deserialize, Default)]
pub struct MapQuery {
    /// Indicator code, or "signaal".
    kengetal: Option<String>,
    /// Year.
    jaar: Option<i32>,
    /// "buurt" (default) or "wijk".
    niveau: Option<String>,
}

/// The indicator shown by default: the first of these the gemeente has.
const DEFAULT_INDICATORS: &[&str] = &["pct_corporatiebezit", "gem_woz_waarde", "inwoners"];

/// `text` with a capital, to start a sentence ("geen richting" → "Geen richting").
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// GET /monitor/{code}: the gemeente's map.
pub async fn gemeente(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<MapQuery>,
) -> Result<Markup, AppError> {
    let code = parse_code(&code, Some(AreaLevel::Gemeente))?;
    let reads = app.cache.reads(&app.store, &ctx.user.org).await?;
    let gemeente = reads.area(&code).await?.ok_or(AppError::NotFound)?;
    let level = match q.niveau.as_deref() {
        Some("wijk") => AreaLevel::Wijk,
        _ => AreaLevel::Buurt,
    };
    let indicators = reads.indicators().await?;
    let areas = reads.areas_in_gemeente(&code, level).await?;
    // Which indicators (and years) there are; then only the shown values.
    let available = reads.level_indicator_years(&code, level).await?;
    let present: Vec<&IndicatorRow> = indicators
        .iter()
        .filter(|i| available.iter().any(|(c, _)| *c == i.code))
        .collect();
    let show_signal = q.kengetal.as_deref() == Some("signaal") && level == AreaLevel::Buurt;
    let chosen: Option<&IndicatorRow> = if show_signal {
        None
    } else {
        q.kengetal
            .as_deref()
            .and_then(|k| present.iter().copied().find(|i| i.code == k))
            .or_else(|| {
                DEFAULT_INDICATORS
                    .iter()
                    .find_map(|d| present.iter().copied().find(|i| i.code == *d))
            })
            .or_else(|| present.first().copied())
    };
    let boundaries = reads.boundaries_in_gemeente(&code, level).await?;
    let shapes: HashMap<&str, &MultiPolygon> =
        boundaries.iter().map(|(c, s)| (c.as_str(), s)).collect();
    let outline = reads.boundary(&code).await?;
    let names: HashMap<&str, &AreaRow> = areas.iter().map(|a| (a.code.as_str(), a)).collect();

    // What each area shows: (fill, label, cell text, sort key).
    let mut rows: Vec<(&AreaRow, String, String, Option<f64>)> = Vec::new();
    let mut legend: Vec<(String, String)> = Vec::new();
    let mut years: Vec<i32> = Vec::new();
    let mut year = None;
    let signal_rows;
    let shown_values;
    if show_signal {
        let (scored, _) = signals::buurten(&reads, &code, &indicators).await?;
        signal_rows = scored;
        for s in &signal_rows {
            let Some(area) = names.get(s.code.as_str()) else {
                continue;
            };
            let (fill, text) = match (s.score.score, s.level()) {
                (Some(v), Some(l)) => (
                    SIGNAL[l as usize].to_string(),
                    format!("{} ({})", l.label(), fmt_value(v, "")),
                ),
                _ => (MISSING.to_string(), "geen gegevens".to_string()),
            };
            rows.push((area, fill, text, s.score.score));
        }
        for l in [
            SignalLevel::StrongPressure,
            SignalLevel::Pressure,
            SignalLevel::None,
        ] {
            let n = rows
                .iter()
                .filter(|r| r.3.map(SignalLevel::of) == Some(l))
                .count();
            legend.push((
                SIGNAL[l as usize].to_string(),
                format!("{} ({n})", l.label()),
            ));
        }
    } else if let Some(ind) = chosen {
        years = available
            .iter()
            .filter(|(c, _)| *c == ind.code)
            .map(|(_, y)| *y)
            .collect();
        let y = q
            .jaar
            .filter(|y| years.contains(y))
            .or(years.last().copied());
        year = y;
        shown_values = match y {
            Some(y) => {
                reads
                    .level_values_in_year(&code, level, &ind.code, y)
                    .await?
            }
            None => Default::default(),
        };
        let values: HashMap<&str, f64> = shown_values
            .iter()
            .map(|v| (v.area.as_str(), v.value))
            .collect();
        let xs: Vec<f64> = values.values().copied().collect();
        let classes = Classes::quantiles(&xs, 5);
        for area in areas.iter() {
            match (values.get(area.code.as_str()), &classes) {
                (Some(v), Some(c)) => rows.push((
                    area,
                    c.colour_of(*v).to_string(),
                    fmt_value(*v, &ind.unit),
                    Some(*v),
                )),
                _ => rows.push((area, MISSING.to_string(), "geen gegevens".to_string(), None)),
            }
        }
        if let Some(c) = &classes {
            let decimals = super::decimals_for_unit(&ind.unit, c.max);
            for (k, label) in c.labels(decimals).into_iter().enumerate() {
                let n = xs.iter().filter(|x| c.class_of(**x) == k).count();
                legend.push((c.colour(k).to_string(), format!("{label} ({n})")));
            }
        }
    }
    let missing = rows.iter().filter(|r| r.3.is_none()).count();
    let no_shape = rows
        .iter()
        .filter(|r| !shapes.contains_key(r.0.code.as_str()))
        .count();
    let shown_name = if show_signal {
        "Signaal onder druk".to_string()
    } else {
        chosen.map_or_else(
            || "geen kengetal".to_string(),
            |i| format!("{}{}", i.name, unit_suffix(i)),
        )
    };
    let level_word = if level == AreaLevel::Wijk {
        "wijken"
    } else {
        "buurten"
    };
    let title = format!("Gemeente {}", gemeente.name);
    let map_title = format!(
        "Kaart van de {level_word} van {}: {shown_name}{}",
        gemeente.name,
        year.map(|y| format!(", {y}")).unwrap_or_default()
    );
    let map_areas: Vec<MapArea> = rows
        .iter()
        .filter_map(|(area, fill, text, _)| {
            Some(MapArea {
                code: &area.code,
                shape: shapes.get(area.code.as_str())?,
                fill,
                label: format!("{}: {text}", area.name),
                href: format!("/gebied/{}", area.code),
            })
        })
        .collect();
    let mut sorted = rows.clone();
    sorted.sort_by(|a, b| match (a.3, b.3) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.0.name.cmp(&b.0.name),
    });
    let export = format!(
        "/monitor/{}/export.xlsx?niveau={}",
        code.as_str(),
        level.as_str()
    );
    Ok(layout::page(
        &ctx,
        Section::Monitor,
        &title,
        html! {
            (breadcrumbs(&[("Wijkmonitor", Some("/monitor".into())), (&gemeente.name, None)]))
            h1 { (title) }
            @if ctx.user.role.can_edit() {
                p { a.button href=(format!("/afwegingen/nieuw?gebied={}", code.as_str())) { "Afweging starten voor deze gemeente" } }
            }
            form.filters method="get" action=(format!("/monitor/{}", code.as_str())) {
                div.field {
                    label for="niveau" { "Niveau" }
                    select #niveau name="niveau" data-autosubmit {
                        option value="buurt" selected[level == AreaLevel::Buurt] { "Buurten" }
                        option value="wijk" selected[level == AreaLevel::Wijk] { "Wijken" }
                    }
                }
                div.field {
                    label for="kengetal" { "Kengetal" }
                    select #kengetal name="kengetal" data-autosubmit {
                        @if level == AreaLevel::Buurt {
                            option value="signaal" selected[show_signal] { "Signaal onder druk" }
                        }
                        @for i in &present {
                            option value=(i.code) selected[chosen.is_some_and(|c| c.code == i.code)] { (i.name) (unit_suffix(i)) }
                        }
                    }
                }
                @if years.len() > 1 {
                    div.field {
                        label for="jaar" { "Jaar" }
                        select #jaar name="jaar" data-autosubmit {
                            @for y in years.iter().rev() { option value=(y) selected[Some(*y) == year] { (y) } }
                        }
                    }
                }
                div { button type="submit" { "Toon" } }
            }
            div.map-layout {
                div {
                    h2.visually-hidden { "Kaart" }
                    (choropleth(&map_title, &map_areas, outline.as_ref().as_ref()))
                    @if no_shape > 0 && !map_areas.is_empty() {
                        p.muted { (no_shape) " " (level_word) " zonder grens staan niet op de kaart, wel in de tabel." }
                    }
                }
                aside aria-labelledby="legenda-kop" {
                    h2 #legenda-kop { "Legenda" }
                    p { strong { (shown_name) } @if let Some(y) = year { ", " (y) } }
                    ul.legend {
                        @for (colour, label) in &legend {
                            li { (crate::svg::keys::swatch(colour)) (label) }
                        }
                        li { span.swatch.swatch-missing {} "geen gegevens (" (missing) ")" }
                    }
                    @if let Some(i) = chosen {
                        p.muted { "Klassen: kwintielen van de " (level_word) " in " (gemeente.name) ". " (sentence(direction_text(i))) ". Bron: " (i.source) "." }
                    } @else if show_signal {
                        p.muted { "Het signaal vergelijkt de buurten van " (gemeente.name) " met elkaar. " a href=(format!("/signalen?gemeente={}", code.as_str())) { "Hoe het signaal is opgebouwd" } }
                    }
                    p { a.button.button-secondary href=(export) download { "Tabel downloaden (Excel)" } }
                }
            }
            h2 #tabel { "Alle " (level_word) }
            (layout::table_wrap(&format!("Alle {level_word}"), html! {
                table {
                    caption { (shown_name) @if let Some(y) = year { ", " (y) } ", van hoog naar laag" }
                    thead { tr {
                        th.wide-only scope="col" { "Code" }
                        th scope="col" { (super::level_name(level)) }
                        th.num scope="col" { (shown_name) }
                    } }
                    tbody {
                        @for (area, _, text, _) in &sorted {
                            tr data-code=(area.code) {
                                td.wide-only { (area.code) }
                                td { a href=(format!("/gebied/{}", area.code)) { (area.name) } }
                                td.num { (text) }
                            }
                        }
                    }
                }
            }))
        },
    ))
}
