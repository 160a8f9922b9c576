//! The dashboard of the afspraken, for the gemeente (on the front page)
//! and per wijk: every goal's light with a small chart and, beside it, the
//! benchmark as context; a map of the buurten behind the goals — coloured
//! by the lights of the goals on them, or, for one chosen goal, its
//! buurten by their latest value of its indicator. All reads come from
//! the monitor's cache or one query for all goals, whatever their number.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use maud::{Markup, html};
use serde::Deserialize;
use wikken_core::goals::GoalStatus;
use wikken_data::geo::MultiPolygon;
use wikken_data::{AreaCode, AreaLevel};
use wikken_storage::{AreaRow, AreaValue};

use super::benchmark::{self, Benchmark};
use super::chart::{Size, goal_chart};
use super::course::courses_in;
use super::course::{off_course_rank, this_year};
use super::overview::{goals_table, light_class, value, years_text};
use super::{GoalCourse, Loaded, Tab};
use crate::AppState;
use crate::cache::Reads;
use crate::error::AppError;
use crate::layout::Ctx;
use crate::svg::classes::{Classes, MISSING, decimals_for};
use crate::svg::keys::swatch;
use crate::svg::map::{MapArea, choropleth};
use crate::werkatelier::map::within;

/// The fill of a buurt on the lights map, by the worst light on it.
pub fn light_fill(status: GoalStatus) -> &'static str {
    match status {
        GoalStatus::Gehaald | GoalStatus::OpKoers => "#4f9a5c",
        GoalStatus::Achter => "#f0b429",
        GoalStatus::VerAchter => "#c8102e",
        GoalStatus::GeenGegevens | GoalStatus::TeWeinigGegevens | GoalStatus::TeVroeg => "#b8c2cc",
    }
}

/// The fill of a buurt no goal is about (or outside the chosen goal's area).
const NO_GOAL: &str = "#f1f3f5";

/// `?doel=d3`: the goal whose buurten the map shows.
#[derive(Debug, Default, Deserialize)]
pub struct MapQuery {
    /// The chosen goal.
    pub doel: Option<String>,
    /// An earlier version (front page only).
    pub versie: Option<i64>,
}

/// Whether a goal's area is the wijk `wijk` or lies in it.
pub fn in_wijk(goal_area: &str, wijk: &str) -> bool {
    goal_area == wijk || (goal_area.starts_with("BU") && within(goal_area, wijk))
}

/// What the dashboard reads besides the courses.
pub struct Data {
    /// The benchmark of each course, in order.
    pub benchmarks: Vec<Benchmark>,
    /// The buurten of the map (all of the gemeente, or of the wijk).
    pub buurten: Vec<AreaRow>,
    /// Their shapes.
    pub shapes: Arc<Vec<(String, MultiPolygon)>>,
    /// The wijken of the gemeente.
    pub wijken: Arc<Vec<AreaRow>>,
    /// The chosen goal's latest value per buurt.
    pub values: Arc<Vec<AreaValue>>,
}

/// Reads what the dashboard of `courses` needs; `wijk` limits the map to
/// its buurten; `chosen` is the goal whose buurten' values are shown.
pub async fn read(
    reads: &Reads,
    a: &Loaded,
    courses: &[GoalCourse],
    wijk: Option<&str>,
    chosen: Option<&GoalCourse>,
) -> Result<Data, AppError> {
    let goals: Vec<_> = courses.iter().map(|c| c.goal.clone()).collect();
    let index = benchmark::index(reads, &goals).await?;
    let benchmarks = benchmark::benchmarks(&index, courses);
    let Some(gemeente) = AreaCode::parse(&a.doc().gemeente_code) else {
        return Ok(Data {
            benchmarks,
            buurten: Vec::new(),
            shapes: Arc::default(),
            wijken: Arc::default(),
            values: Arc::default(),
        });
    };
    let buurten = reads
        .areas_in_gemeente(&gemeente, AreaLevel::Buurt)
        .await?
        .iter()
        .filter(|b| wijk.is_none_or(|w| within(&b.code, w)))
        .cloned()
        .collect();
    let shapes = reads
        .boundaries_in_gemeente(&gemeente, AreaLevel::Buurt)
        .await?;
    let wijken = reads.areas_in_gemeente(&gemeente, AreaLevel::Wijk).await?;
    let values = match chosen.map(|c| &c.goal.indicator.source) {
        Some(wikken_core::agreement::IndicatorSource::Monitor { code }) => {
            reads
                .latest_level_values(&gemeente, AreaLevel::Buurt, &[code.as_str()])
                .await?
        }
        _ => Arc::default(),
    };
    Ok(Data {
        benchmarks,
        buurten,
        shapes,
        wijken,
        values,
    })
}

/// One card per goal: its light, where it stands, a small chart and the
/// benchmark beside the light, and a link to the goal's buurten on the
/// map of the same page.
pub fn cards(a: &Loaded, courses: &[GoalCourse], benchmarks: &[Benchmark]) -> Markup {
    let mut order: Vec<usize> = (0..courses.len()).collect();
    order.sort_by_key(|&i| off_course_rank(courses[i].assessment.status));
    html! {
        ul.goal-cards {
            @for i in order {
                @let c = &courses[i];
                @let g = &c.goal;
                @let s = &c.assessment;
                @let unit = g.indicator.unit.as_str();
                li.goal-card id=(format!("doel-{}", g.id)) {
                    h3 { a href=(format!("{}/doelen/{}", a.url(), g.id)) { (g.title) } }
                    p.muted { (g.indicator.name) " · " (g.area.name) }
                    p.light-line {
                        span.light.(light_class(s.status)) { (s.status.label()) }
                        @if let (Some(p), Some(plan)) = (&s.latest, s.plan_value) {
                            " " (value(p.value, unit)) " in " (p.year) " tegen " (value(plan, unit)) " volgens de planlijn"
                            @if let Some(y) = s.years_ahead.filter(|y| y.is_finite()) { "; " (years_text(y)) }
                        }
                        @if let Some(ch) = s.chance { "; kans " (wikken_core::format::percent(ch, 0)) }
                    }
                    (benchmark::text(g, &benchmarks[i]))
                    @if let Some(m) = &g.motivated_by {
                        p.small { "Besluit: " a href=(format!("/afwegingen/{}", m.case_id)) { (m.title) } }
                    }
                    (goal_chart(c, Size::Small))
                    p.small {
                        "Volgend cijfer " (s.next_due) @if s.stale { " " strong.stale { "achterstallig" } }
                        " · " a href=(format!("?doel={}#kaart", g.id)) { "buurten op de kaart" }
                    }
                }
            }
        }
    }
}

/// The goals on a buurt (a buurt goal on it, or a wijk goal on its wijk),
/// worst first.
fn goals_on<'a>(buurt: &str, courses: &'a [GoalCourse]) -> Vec<&'a GoalCourse> {
    let mut on: Vec<&GoalCourse> = courses
        .iter()
        .filter(|c| !c.goal.area.code.starts_with("GM") && within(buurt, &c.goal.area.code))
        .collect();
    on.sort_by_key(|c| off_course_rank(c.assessment.status));
    on
}

fn legend(items: &[(&str, String)]) -> Markup {
    html! {
        ul.legend.map-legend {
            @for (fill, label) in items {
                li {
                    @if *fill == MISSING { span.swatch.swatch-missing aria-hidden="true" {} } @else { (swatch(fill)) }
                    " " (label)
                }
            }
        }
    }
}

/// "3 doelen: 2 ver achter, 1 op koers" (worst first).
pub fn lights_text(on: &[&GoalCourse]) -> String {
    let mut counts: Vec<(GoalStatus, usize)> = Vec::new();
    for c in on {
        match counts.iter_mut().find(|(s, _)| *s == c.assessment.status) {
            Some(e) => e.1 += 1,
            None => counts.push((c.assessment.status, 1)),
        }
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{n} {}", s.label()))
        .collect();
    let n = on.len();
    format!(
        "{n} {}: {}",
        if n == 1 { "doel" } else { "doelen" },
        parts.join(", ")
    )
}

/// The buurten coloured by the worst light of the goals on them; goals
/// for the whole gemeente are named beside the map (they would colour
/// every buurt).
pub fn lights_map(
    base: &str,
    data: &Data,
    courses: &[GoalCourse],
    outline: Option<&MultiPolygon>,
) -> Markup {
    let mut areas = Vec::new();
    for b in &data.buurten {
        let Some((_, shape)) = data.shapes.iter().find(|(c, _)| *c == b.code) else {
            continue;
        };
        let on = goals_on(&b.code, courses);
        let (fill, label, href) = match on.first() {
            Some(worst) => (
                light_fill(worst.assessment.status),
                format!("{}: {}", b.name, lights_text(&on)),
                format!("?doel={}#kaart", worst.goal.id),
            ),
            None => (
                NO_GOAL,
                format!("{}: geen doel in deze buurt", b.name),
                format!("/gebied/{}", b.code),
            ),
        };
        areas.push(MapArea {
            code: &b.code,
            shape,
            fill,
            label,
            href,
        });
    }
    let whole: Vec<&GoalCourse> = courses
        .iter()
        .filter(|c| c.goal.area.code.starts_with("GM"))
        .collect();
    html! {
        (choropleth("Buurten met het licht van hun doelen", &areas, outline))
        (legend(&[
            (light_fill(GoalStatus::OpKoers), "op koers of gehaald".into()),
            (light_fill(GoalStatus::Achter), "achter".into()),
            (light_fill(GoalStatus::VerAchter), "ver achter".into()),
            (light_fill(GoalStatus::TeWeinigGegevens), "nog geen oordeel (te weinig gegevens)".into()),
            (NO_GOAL, "geen doel in deze buurt".into()),
        ]))
        p.small { "Een buurt krijgt het slechtste licht van de doelen voor die buurt of haar wijk. Klik op een buurt voor de buurten en cijfers van dat doel." }
        @if !whole.is_empty() {
            p.small { "Doelen voor de hele gemeente (niet op de kaart gekleurd): "
                @for (i, c) in whole.iter().enumerate() {
                    @if i > 0 { "; " }
                    a href=(format!("{base}?doel={}#kaart", c.goal.id)) { (c.goal.title) } " (" (c.assessment.status.label()) ")"
                }
            }
        }
    }
}

/// The buurten behind one goal: those in its area coloured by their
/// latest value of its indicator, the others plain; with a table of the
/// same figures.
pub fn goal_map(base: &str, data: &Data, c: &GoalCourse, outline: Option<&MultiPolygon>) -> Markup {
    let g = &c.goal;
    let unit = g.indicator.unit.as_str();
    let inside: Vec<&AreaRow> = data
        .buurten
        .iter()
        .filter(|b| within(&b.code, &g.area.code))
        .collect();
    let value_of = |code: &str| data.values.iter().find(|v| v.area == code);
    let known: Vec<f64> = inside
        .iter()
        .filter_map(|b| value_of(&b.code).map(|v| v.value))
        .collect();
    let classes = Classes::quantiles(&known, 5);
    let mut areas = Vec::new();
    for b in &data.buurten {
        let Some((_, shape)) = data.shapes.iter().find(|(code, _)| *code == b.code) else {
            continue;
        };
        let (fill, label) = if !within(&b.code, &g.area.code) {
            (
                NO_GOAL,
                format!("{}: buiten het gebied van dit doel", b.name),
            )
        } else {
            match (value_of(&b.code), &classes) {
                (Some(v), Some(cl)) => (
                    cl.colour_of(v.value),
                    format!("{}: {} ({})", b.name, value(v.value, unit), v.year),
                ),
                _ => (MISSING, format!("{}: geen cijfer", b.name)),
            }
        };
        areas.push(MapArea {
            code: &b.code,
            shape,
            fill,
            label,
            href: format!("/gebied/{}", b.code),
        });
    }
    let mut keys: Vec<(&str, String)> = match &classes {
        Some(cl) => cl
            .labels(decimals_for(&known))
            .into_iter()
            .enumerate()
            .map(|(k, l)| (cl.colour(k), l))
            .collect(),
        None => Vec::new(),
    };
    keys.push((MISSING, "geen cijfer".into()));
    keys.push((NO_GOAL, "buiten het gebied van dit doel".into()));
    html! {
        h3 { (g.title) }
        p { (g.indicator.name) " per buurt in " (g.area.name) ", het laatste cijfer. "
            a href=(format!("{base}#kaart")) { "Terug naar de lichten van alle doelen" } }
        @if matches!(g.indicator.source, wikken_core::agreement::IndicatorSource::Manual) {
            p.notice { "De cijfers van dit doel worden met de hand ingevuld voor het hele gebied; er zijn geen cijfers per buurt." }
        }
        (choropleth(&format!("{} per buurt", g.indicator.name), &areas, outline))
        (legend(&keys))
        @if !inside.is_empty() {
            (crate::layout::table_wrap("De buurten achter dit doel", html! { table {
                caption { "De buurten achter dit doel" }
                thead { tr { th scope="col" { "Buurt" } th.num scope="col" { (g.indicator.name) } th.num scope="col" { "Jaar" } } }
                tbody { @for b in &inside { tr {
                    td { a href=(format!("/gebied/{}", b.code)) { (b.name) } }
                    @match value_of(&b.code) {
                        Some(v) => { td.num { (value(v.value, unit)) } td.num { (v.year) } },
                        None => { td.num { "–" } td.num { "–" } },
                    }
                } } }
            } }))
        }
    }
}

/// The wijken that have goals, with how many.
fn wijk_links(a: &Loaded, data: &Data, courses: &[GoalCourse]) -> Markup {
    let rows: Vec<(&AreaRow, usize)> = data
        .wijken
        .iter()
        .map(|w| {
            let n = courses
                .iter()
                .filter(|c| in_wijk(&c.goal.area.code, &w.code))
                .count();
            (w, n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    html! {
        @if !rows.is_empty() {
            p { "Per wijk: "
                @for (i, (w, n)) in rows.iter().enumerate() {
                    @if i > 0 { " · " }
                    a href=(format!("{}/wijk/{}", a.url(), w.code)) { (w.name) } " (" (n) @if *n == 1 { " doel" } @else { " doelen" } ")"
                }
            }
        }
    }
}

/// The dashboard's sections below the goals table: the cards, the map
/// (with `chosen` the goal whose buurten it shows) and the wijken.
pub fn sections(
    a: &Loaded,
    base: &str,
    data: &Data,
    courses: &[GoalCourse],
    chosen: Option<&GoalCourse>,
    outline: Option<&MultiPolygon>,
) -> Markup {
    html! {
        @if !courses.is_empty() {
            section aria-labelledby="beeld-kop" {
                h2 #beeld-kop { "Doelen in beeld" }
                p { "Per doel de planlijn, de cijfers en de trend met haar band; doelen die achter liggen eerst. Ter vergelijking staat ernaast hoe vergelijkbare gebieden en Nederland het doen: dat is context, het bepaalt het licht niet." }
                (cards(a, courses, &data.benchmarks))
            }
        }
        section #kaart aria-labelledby="kaart-kop" {
            h2 #kaart-kop { "Kaart" }
            @match chosen {
                Some(c) => (goal_map(base, data, c, outline)),
                None => (lights_map(base, data, courses, outline)),
            }
        }
        @if base == a.url() { (wijk_links(a, data, courses)) }
    }
}

/// GET /prestatieafspraken/{id}/wijk/{code}: the dashboard of one wijk.
pub async fn wijk(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, code)): Path<(String, String)>,
    Query(q): Query<MapQuery>,
) -> Result<Markup, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    let wijk = AreaCode::parse(&code)
        .filter(|c| c.level() == AreaLevel::Wijk && c.gemeente().as_str() == a.doc().gemeente_code)
        .ok_or(AppError::NotFound)?;
    let reads = app.cache.reads(&app.store, &a.access.owner).await?;
    let area = reads.area(&wijk).await?.ok_or(AppError::NotFound)?;
    let year = this_year();
    let goals: Vec<_> = a
        .doc()
        .goals
        .iter()
        .filter(|g| in_wijk(&g.area.code, wijk.as_str()))
        .cloned()
        .collect();
    let c = courses_in(&reads, &a.doc().gemeente_code, &goals, year).await?;
    let chosen = q
        .doel
        .as_deref()
        .and_then(|d| c.iter().find(|x| x.goal.id == d));
    let data = read(&reads, &a, &c, Some(wijk.as_str()), chosen).await?;
    let outline = reads.boundary(&wijk).await?;
    let base = format!("{}/wijk/{}", a.url(), wijk.as_str());
    let title = format!("Wijk {}", area.name);
    let body = html! {
        h1 { (title) }
        p.lead { "De doelen van " (a.doc().title) " voor wijk " (area.name) " en haar buurten. Stand " (year) ". "
            a href=(a.url()) { "Alle doelen van de gemeente" } }
        @if c.is_empty() { p { "Er zijn geen doelen voor deze wijk of haar buurten." } }
        @else { (goals_table(&a, &c)) (super::overview::method_note(&a)) }
        (sections(&a, &base, &data, &c, chosen, outline.as_ref().as_ref()))
    };
    Ok(super::page(&ctx, &a, Tab::Overview, &title, body))
}

#[cfg(test)]
mod tests;
