//! The jaarschijf of a year for the tripartite meeting: the goals with
//! off-course goals first, each with its figures (latest figure, plan
//! value, progress ratio, years ahead or behind, chance, trend), its
//! chart and the story behind the curve; the year's actions per party
//! with their status; the budgets. As a printable page and as a workbook
//! ([`super::jaarschijf_xlsx`]); the figures are the goal maths' own, as
//! `wikken doelen` computes them from `doelen.json?jaar=…`.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use wikken_core::agreement::{Action, Agreement, CommitmentStatus, GoalStory, YearEvaluation};
use wikken_core::format;

use super::chart::{Size, goal_chart};
use super::course::off_course_first;
use super::evaluation::year_courses;
use super::overview::{light_class, value, years_text};
use super::{GoalCourse, Loaded, this_year};
use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};

/// The year the actions' status is judged in: the year after the
/// jaarschijf's (its actions should be done by then), or the current year
/// for the running one.
pub fn status_year(year: i32) -> i32 {
    (year + 1).min(this_year().max(year))
}

/// The story of a goal in an evaluation.
pub fn story<'a>(eval: Option<&'a YearEvaluation>, goal_id: &str) -> Option<&'a GoalStory> {
    eval.and_then(|e| e.stories.iter().find(|s| s.goal_id == goal_id))
}

/// The actions of `year` in which `party` takes part (as kartrekker or
/// with a role), with the party's budget in each.
pub fn party_actions<'a>(doc: &'a Agreement, party: &str, year: i32) -> Vec<(&'a Action, f64)> {
    doc.actions
        .iter()
        .filter(|a| a.year == year)
        .filter(|a| a.lead == party || a.roles.iter().any(|r| r.party == party))
        .map(|a| {
            let budget = a
                .roles
                .iter()
                .filter(|r| r.party == party)
                .map(|r| r.budget)
                .sum();
            (a, budget)
        })
        .collect()
}

/// A number for a report cell ("–" when absent).
pub fn opt_number(x: Option<f64>, decimals: usize) -> String {
    x.filter(|v| v.is_finite())
        .map_or("–".to_string(), |v| format::number(v, decimals))
}

fn goals_summary(courses: &[&GoalCourse]) -> Markup {
    html! {
        (layout::table_wrap("Doelen in het kort", html! { table.figures {
            caption { "De doelen, die achter liggen eerst" }
            thead { tr {
                th scope="col" { "Doel" } th scope="col" { "Doel op koers?" } th scope="col" { "Laatste cijfer" }
                th.num scope="col" { "Planwaarde" } th.num scope="col" { "Voortgang" } th scope="col" { "Voor of achter" } th.num scope="col" { "Kans" }
            } }
            tbody { @for c in courses {
                @let s = &c.assessment;
                @let unit = c.goal.indicator.unit.as_str();
                tr {
                    th scope="row" { a href=(format!("#doel-{}", c.goal.id)) { (c.goal.title) } }
                    td { span.light.(light_class(s.status)) { (s.status.label()) } }
                    td { @match &s.latest { Some(p) => { (value(p.value, unit)) " (" (p.year) ")" }, None => "–" } }
                    td.num { @match s.plan_value { Some(v) => (value(v, unit)), None => "–" } }
                    td.num { (opt_number(s.progress_ratio, 2)) }
                    td { @match s.years_ahead { Some(y) if y.is_finite() => (years_text(y)), _ => "–" } }
                    td.num { @match s.chance { Some(p) => (format::percent(p, 0)), None => "–" } }
                }
            } }
        } }))
    }
}

fn goal_block(c: &GoalCourse, eval: Option<&YearEvaluation>) -> Markup {
    let g = &c.goal;
    let s = &c.assessment;
    let unit = g.indicator.unit.as_str();
    let st = story(eval, &g.id);
    html! {
        section.evaluation-goal.off-course[super::course::off_course(s.status)] id=(format!("doel-{}", g.id)) {
            h3 { (g.title) }
            p { span.light.(light_class(s.status)) { (s.status.label()) } " · " (g.theme.label()) " · " (g.indicator.name) " in " (g.area.name) }
            dl.facts {
                dt { "Nulmeting → streefwaarde" } dd { (value(g.baseline.value, unit)) " (" (g.baseline.year) ") → " (value(g.target.value, unit)) " (" (g.target.year) ")" }
                dt { "Laatste cijfer" } dd { @match &s.latest { Some(p) => { (value(p.value, unit)) " (" (p.year) ")" }, None => "nog geen" } }
                dt { "Planwaarde in dat jaar" } dd { @match s.plan_value { Some(v) => (value(v, unit)), None => "–" } }
                dt { "Voortgang" } dd { (opt_number(s.progress_ratio, 2)) }
                dt { "Voor of achter" } dd { @match s.years_ahead { Some(y) if y.is_finite() => (years_text(y)), _ => "–" } }
                dt { "Kans de streefwaarde te halen" } dd { @match s.chance { Some(p) => (format::percent(p, 0)), None => "–" } }
                @if let Some(t) = &s.trend {
                    dt { "Trend" } dd { (format::number(t.slope, 3)) " per jaar (90 %-band " (format::number(t.slope_low, 3)) " tot " (format::number(t.slope_high, 3)) "); verwachting " (g.target.year) ": " (value(t.forecast, unit)) " (" (value(t.forecast_low, unit)) " tot " (value(t.forecast_high, unit)) ")" }
                }
                dt { "Volgend cijfer" } dd { (s.next_due) @if s.stale { " " strong.stale { "achterstallig" } } }
                @if let Some(m) = &g.motivated_by { dt { "Besluit" } dd { (m.title) } }
                @if !g.follow_ups.is_empty() { dt { "Bijsturen" } dd { @for (i, f) in g.follow_ups.iter().enumerate() { @if i > 0 { "; " } (f.title) } } }
            }
            (goal_chart(c, Size::Full))
            @match st {
                Some(x) => {
                    dl.story {
                        dt { "Wat verklaart de ontwikkeling?" } dd { (x.story) }
                        dt { "Wat doen de partners nu?" } dd { (x.next) }
                    }
                }
                None => p.muted { "Nog geen verhaal achter de cijfers." },
            }
        }
    }
}

fn agenda_section(doc: &Agreement, year: i32) -> Markup {
    let judged = status_year(year);
    html! {
        section #agenda {
            h2 { "Uitvoeringsagenda " (year) ": acties per partij" }
            p { "Afspraak nagekomen? De stand van de acties van " (year) " (beoordeeld in " (judged) "). Dit gaat over wat de partijen doen, niet over de doelen." }
            @for p in &doc.parties {
                @let mine = party_actions(doc, &p.name, year);
                @if !mine.is_empty() {
                    @let budget: f64 = mine.iter().map(|(_, b)| b).sum();
                    (layout::table_wrap(&p.name, html! { table {
                        caption { (p.name) ": " (mine.len()) " acties, budget " (format::euro(budget)) }
                        thead { tr { th scope="col" { "Actie" } th scope="col" { "Rol" } th scope="col" { "Prestatie" } th.num scope="col" { "Budget" } th scope="col" { "Status" } th scope="col" { "Nagekomen?" } } }
                        tbody { @for (action, b) in &mine {
                            @let cs = CommitmentStatus::of(action, judged);
                            tr {
                                td { (action.title) }
                                td { @if action.lead == p.name { "kartrekker" } @else { "partner" }
                                     @if let Some(r) = action.roles.iter().find(|r| r.party == p.name) { ": " (r.task) } }
                                td { (action.measure) }
                                td.num { (format::euro(*b)) }
                                td { (action.status.status.label()) @if !action.status.note.is_empty() { " — " (action.status.note) } }
                                td { span.light.(commitment_class(cs)) { (cs.label()) } }
                            }
                        } }
                    } }))
                }
            }
            p { strong { "Budget van alle partijen in " (year) ": " (format::euro(doc.actions.iter().filter(|a| a.year == year).flat_map(|a| a.roles.iter()).map(|r| r.budget).sum::<f64>())) } }
        }
    }
}

/// The light class of an action's status.
pub fn commitment_class(s: CommitmentStatus) -> &'static str {
    match s {
        CommitmentStatus::Done | CommitmentStatus::OnSchedule => "light-good",
        CommitmentStatus::NotStarted => "light-warn",
        CommitmentStatus::Late => "light-bad",
        CommitmentStatus::Dropped => "light-none",
    }
}

fn contributions_section(doc: &Agreement) -> Markup {
    let rows: Vec<(&str, &str, f64)> = doc
        .goals
        .iter()
        .flat_map(|g| {
            g.contributions
                .iter()
                .map(move |c| (g.title.as_str(), c.party.as_str(), c.amount))
        })
        .collect();
    html! {
        @if !rows.is_empty() {
            section #bijdragen {
                h2 { "Bijdragen aan de doelen" }
                (layout::table_wrap("Bijdragen", html! { table {
                    thead { tr { th scope="col" { "Doel" } th scope="col" { "Partij" } th.num scope="col" { "Bijdrage" } } }
                    tbody { @for (goal, party, amount) in &rows { tr { td { (goal) } td { (party) } td.num { (format::euro(*amount)) } } } }
                } }))
            }
        }
    }
}

/// The jaarschijf as a printable page.
pub fn view(ctx: &Ctx, a: &Loaded, year: i32, courses: &[GoalCourse]) -> Markup {
    let doc = a.doc();
    let eval = doc.evaluation(year);
    let ordered = off_course_first(courses);
    let url = a.url();
    let title = format!("Jaarschijf {year}: {}", doc.title);
    let body = html! {
        div.no-print {
            (layout::breadcrumbs(&[
                ("Prestatieafspraken", Some("/prestatieafspraken".to_string())),
                (&doc.title, Some(url.clone())),
                ("Evaluatie", Some(format!("{url}/evaluatie/{year}"))),
                ("Jaarschijf", None),
            ]))
            div.actions.report-actions {
                a.button href=(format!("{url}/jaarschijf/{year}.xlsx")) { "Werkmap (XLSX) downloaden" }
                a.button.button-secondary href=(format!("{url}/doelen.json?jaar={year}")) { "Cijfers (JSON) voor wikken doelen" }
                button.js-print.button.button-secondary type="button" hidden { "Afdrukken" }
            }
        }
        article.report.jaarschijf {
            header.report-title {
                p.muted { "Jaarschijf voor het overleg van de partijen" }
                h1 { (doc.title) ": " (year) }
                p { (doc.gemeente_name) " · partijen: " (doc.parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")) }
                p { "Stand van de doelen tot en met " (year) ". "
                    @match eval.and_then(|e| e.closed_by.as_deref()) {
                        Some(by) => { "Evaluatie afgesloten door " (by) "." },
                        None => { "De evaluatie is nog open." },
                    }
                }
            }
            section #doelen {
                h2 { "Doel op koers?" }
                p.small { "Planlijn: de rechte lijn van nulmeting naar streefwaarde. Voortgang = (laatste cijfer − nulmeting) / (planwaarde − nulmeting): op koers vanaf 0,95, achter vanaf 0,75. Trend: Theil–Sen met 90 %-band; kans: het gewogen aandeel van de paren jaren waarmee de streefwaarde gehaald wordt (recente jaren tellen zwaarder). Met minder dan drie cijfers: te weinig gegevens." }
                (goals_summary(&ordered))
                @for c in &ordered { (goal_block(c, eval)) }
            }
            (agenda_section(doc, year))
            (contributions_section(doc))
        }
    };
    layout::page(ctx, Section::Agreements, &title, body)
}

/// GET /prestatieafspraken/{id}/jaarschijf/{year} (the page) and
/// /jaarschijf/{year}.xlsx (the workbook).
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, year)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (year, xlsx) = match year.strip_suffix(".xlsx") {
        Some(y) => (y, true),
        None => (year.as_str(), false),
    };
    let a = super::load(&app, &ctx, &id, None).await?;
    let year: i32 = year.parse().map_err(|_| AppError::NotFound)?;
    if !a.doc().years().contains(&year) || year > this_year() {
        return Err(AppError::NotFound);
    }
    let courses = year_courses(&app, &a, year).await?;
    if !xlsx {
        return Ok(view(&ctx, &a, year, &courses).into_response());
    }
    let bytes = super::jaarschijf_xlsx::workbook(a.doc(), year, &courses)
        .map_err(|e| AppError::Internal(format!("werkmap: {e}")))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"jaarschijf-{year}.xlsx\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
