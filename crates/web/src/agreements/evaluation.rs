//! The yearly evaluation (jaarschijf): per goal, off-course goals first,
//! its light and chart as of that year, and the "story behind the curve"
//! — what explains the course, what the partners do next. A year is
//! closed once every goal has its story (core refuses it before, naming
//! the goals still missing one); a closed year reads only.

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use wikken_core::agreement::{Actor, AgreementCommand, YearEvaluation};

use super::chart::{Size, goal_chart};
use super::course::{off_course, off_course_first};
use super::forms::{hidden, refused_page, submit};
use super::overview::{light_class, value, years_text};
use super::{GoalCourse, Loaded, Tab, courses, steer, this_year};
use crate::AppState;
use crate::error::AppError;
use crate::layout::Ctx;
use crate::pages::case::form::{FormState, textarea};
use crate::pages::case::kit::CaseForm;

/// Loads the afspraken and checks that `year` can be evaluated: a year of
/// the afspraken that has begun.
async fn load_year(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    year: &str,
) -> Result<(Loaded, i32), AppError> {
    let a = super::load(app, ctx, id, None).await?;
    let year: i32 = year.parse().map_err(|_| AppError::NotFound)?;
    if !a.doc().years().contains(&year) || year > this_year() {
        return Err(AppError::NotFound);
    }
    Ok((a, year))
}

/// The goals' courses as of `year`, as the evaluation and the jaarschijf
/// of that year show them.
pub async fn year_courses(
    app: &AppState,
    a: &Loaded,
    year: i32,
) -> Result<Vec<GoalCourse>, AppError> {
    courses(
        app,
        &a.access.owner,
        &a.doc().gemeente_code,
        &a.doc().goals,
        year,
    )
    .await
}

/// "8,4 in 2025 tegen 7,2 volgens de planlijn; 1,5 jaar achter; kans 20 %".
pub fn standing(c: &GoalCourse) -> String {
    let s = &c.assessment;
    let unit = c.goal.indicator.unit.as_str();
    let mut parts = Vec::new();
    match (&s.latest, s.plan_value) {
        (Some(p), Some(plan)) => parts.push(format!(
            "{} in {} tegen {} volgens de planlijn",
            value(p.value, unit),
            p.year,
            value(plan, unit)
        )),
        _ => parts.push("nog geen cijfer".to_string()),
    }
    if let Some(r) = s.progress_ratio.filter(|r| r.is_finite()) {
        parts.push(format!("voortgang {}", wikken_core::format::number(r, 2)));
    }
    if let Some(y) = s.years_ahead.filter(|y| y.is_finite()) {
        parts.push(years_text(y));
    }
    if let Some(ch) = s.chance {
        parts.push(format!("kans {}", wikken_core::format::percent(ch, 0)));
    }
    parts.join("; ")
}

/// The field of a goal's story form (unique on the page).
fn field(name: &str, gid: &str) -> String {
    format!("{name}[{gid}]")
}

/// One goal of the evaluation: light, standing, chart, the story (a form
/// while the year is open and the user may write).
fn goal_section(
    ctx: &Ctx,
    a: &Loaded,
    c: &GoalCourse,
    eval: Option<&YearEvaluation>,
    refused: Option<(&str, &FormState)>,
) -> Markup {
    let g = &c.goal;
    let year = c.as_of;
    let story = eval.and_then(|e| e.stories.iter().find(|s| s.goal_id == g.id));
    let closed = eval.is_some_and(|e| e.closed_by.is_some());
    let writable = !closed && a.progress_editable();
    let default_state = FormState::default();
    let state = match refused {
        Some((gid, s)) if gid == g.id => s,
        _ => &default_state,
    };
    html! {
        section.evaluation-goal.off-course[off_course(c.assessment.status)] id=(format!("doel-{}", g.id)) aria-labelledby=(format!("doel-{}-kop", g.id)) {
            h2 id=(format!("doel-{}-kop", g.id)) { (g.title) }
            p { span.light.(light_class(c.assessment.status)) { (c.assessment.status.label()) } " " (standing(c)) }
            p.muted { (g.indicator.name) " in " (g.area.name) ", van " (value(g.baseline.value, &g.indicator.unit)) " (" (g.baseline.year) ") naar " (value(g.target.value, &g.indicator.unit)) " (" (g.target.year) ")"
                @if let Some(m) = &g.motivated_by { ". Besluit: " a href=(format!("/afwegingen/{}", m.case_id)) { (m.title) } } }
            (goal_chart(c, Size::Full))
            @if let Some(s) = story {
                dl.story {
                    dt { "Wat verklaart de ontwikkeling?" } dd { (s.story) }
                    dt { "Wat doen de partners nu?" } dd { (s.next) }
                }
                p.small.muted { "Geschreven door " (s.by) "." }
            } @else if !writable {
                p.muted { "Geen verhaal geschreven." }
            }
            @if !writable && state.has_errors() { (state.summary()) }
            @if writable {
                form method="post" action=(format!("{}/evaluatie/{year}/doelen/{}", a.url(), g.id)) {
                    (hidden(ctx, a, state))
                    (state.summary())
                    (textarea(state, &field("verhaal", &g.id), "Wat verklaart de ontwikkeling?", story.map_or("", |s| s.story.as_str()), "Het verhaal achter de cijfers: wat ging er goed, wat niet, en waarom."))
                    (textarea(state, &field("vervolg", &g.id), "Wat doen de partners nu?", story.map_or("", |s| s.next.as_str()), "Wie doet wat, met welke partner."))
                    button type="submit" { @if story.is_some() { "Verhaal bijwerken" } @else { "Verhaal opslaan" } }
                }
            }
            (steer::button(ctx, a, c))
            @if !g.follow_ups.is_empty() {
                p.small { "Bijsturen: " @for (i, f) in g.follow_ups.iter().enumerate() { @if i > 0 { ", " } a href=(format!("/afwegingen/{}", f.case_id)) { (f.title) } } }
            }
        }
    }
}

/// The evaluation page of `year`.
pub async fn view(
    app: &AppState,
    ctx: &Ctx,
    a: &Loaded,
    year: i32,
    refused: Option<(&str, &FormState)>,
    close_state: &FormState,
) -> Result<Markup, AppError> {
    let c = year_courses(app, a, year).await?;
    let doc = a.doc();
    let eval = doc.evaluation(year);
    let written = c
        .iter()
        .filter(|x| eval.is_some_and(|e| e.stories.iter().any(|s| s.goal_id == x.goal.id)))
        .count();
    let closed_by = eval.and_then(|e| e.closed_by.as_deref());
    let corporation = matches!(a.access.actor, Actor::Corporation { .. });
    let url = a.url();
    let title = format!("Evaluatie {year}");
    let body = html! {
        h1 { (title) }
        p.lead { "Per doel het licht en de cijfers tot en met " (year) ", en het verhaal achter de cijfers: wat verklaart de ontwikkeling, wat doen de partners nu. Doelen die achter liggen staan bovenaan. Elke partij kan een verhaal schrijven; de corporatie sluit het jaar af na het overleg." }
        @if let Some(by) = closed_by {
            div.notice.notice-success role="status" { p { "Deze evaluatie is afgesloten door " (by) ". Hij is alleen nog te lezen." } }
        } @else {
            p { strong { (written) " van " (c.len()) } " doelen hebben een verhaal." }
        }
        p.actions {
            a.button href=(format!("{url}/jaarschijf/{year}")) { "Jaarschijf " (year) " (afdrukken)" }
            " " a.button.button-secondary href=(format!("{url}/jaarschijf/{year}.xlsx")) { "Jaarschijf als XLSX" }
            " " a.button.button-secondary href=(format!("{url}/doelen.json?jaar={year}")) { "Cijfers voor " code { "wikken doelen" } }
        }
        (super::overview::method_note(a))
        @if c.is_empty() { p { "Er zijn nog geen doelen." } }
        @for x in off_course_first(&c) { (goal_section(ctx, a, x, eval, refused)) }
        @let may_close = closed_by.is_none() && corporation && a.progress_editable();
        @if !may_close && close_state.has_errors() { (close_state.summary()) }
        @if may_close {
            section.close-box aria-labelledby="afsluiten-kop" {
                h2 #afsluiten-kop { "Jaar afsluiten" }
                p { "Sluit het jaar af na het overleg met de partners. Daarna liggen de verhalen vast." }
                form method="post" action=(format!("{url}/evaluatie/{year}/afsluiten")) {
                    (hidden(ctx, a, close_state))
                    (close_state.summary())
                    button type="submit" data-confirm=(format!("Evaluatie {year} afsluiten?")) { "Jaar afsluiten" }
                }
            }
        }
    };
    Ok(super::page(ctx, a, Tab::Overview, &title, body))
}

/// GET /prestatieafspraken/{id}/evaluatie/{year}
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, year)): Path<(String, String)>,
) -> Result<Markup, AppError> {
    let (a, year) = load_year(&app, &ctx, &id, &year).await?;
    view(&app, &ctx, &a, year, None, &FormState::default()).await
}

/// POST /prestatieafspraken/{id}/evaluatie/{year}/doelen/{gid}: writes
/// the story behind the curve of one goal.
pub async fn write_story(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, year, gid)): Path<(String, String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let (a, year) = load_year(&app, &ctx, &id, &year).await?;
    a.doc().goal(&gid).ok_or(AppError::NotFound)?;
    let command = AgreementCommand::WriteStory {
        year,
        goal_id: gid.clone(),
        story: form.fields.get(&field("verhaal", &gid)).to_string(),
        next: form.fields.get(&field("vervolg", &gid)).to_string(),
    };
    let to = format!("{}/evaluatie/{year}#doel-{gid}", a.url());
    let g = gid.clone();
    match submit(
        &app,
        &ctx,
        &a,
        &form.fields,
        &command,
        &to,
        move |f| match f {
            "verhaal" | "vervolg" => field(f, &g),
            _ => String::new(),
        },
    )
    .await?
    {
        Ok(done) => Ok(done),
        Err(state) => {
            let a = super::load(&app, &ctx, &id, None).await?;
            Ok(refused_page(
                view(
                    &app,
                    &ctx,
                    &a,
                    year,
                    Some((&gid, &state)),
                    &FormState::default(),
                )
                .await?,
            ))
        }
    }
}

/// POST /prestatieafspraken/{id}/evaluatie/{year}/afsluiten: closes the
/// year; refused (with the goals named) while a story is missing.
pub async fn close(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, year)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let (a, year) = load_year(&app, &ctx, &id, &year).await?;
    let command = AgreementCommand::CloseYear { year };
    let to = format!("{}/evaluatie/{year}", a.url());
    match submit(&app, &ctx, &a, &form.fields, &command, &to, |_| {
        String::new()
    })
    .await?
    {
        Ok(done) => Ok(done),
        Err(state) => {
            let a = super::load(&app, &ctx, &id, None).await?;
            Ok(refused_page(
                view(&app, &ctx, &a, year, None, &state).await?,
            ))
        }
    }
}
