//! Steps 1 and 2: the question, who takes part in which role, the problems
//! each party sees, and the nulalternatief. Beside every case page: the
//! area it is about, with its signal.

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use wikken_core::case::command::{CaseCommand, QuestionValues};
use wikken_core::case::merge::Change;
use wikken_core::case::{DecisionLevel, ParticipantRole};
use wikken_core::format;
use wikken_data::{AreaCode, AreaLevel};

use super::form::{Fields, FormState, text_input, textarea};
use super::kit::submit;
use super::kit::{CaseForm, Step, Submitted, base, base_field, form_fields, refused, saved};
use super::{Loaded, action_button, case_header, submit_button};
use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};
use crate::signals;

/// The aside of every case page: the area, its signal and what drives it,
/// and the chosen complexes.
pub async fn area_aside(app: &AppState, ctx: &Ctx, case: &Loaded) -> Result<Markup, AppError> {
    let doc = case.doc();
    let Some(code) = doc.area.code.as_deref().and_then(AreaCode::parse) else {
        return Ok(html! {
            aside.case-area aria-label="Gebied" { p { "Deze afweging gaat niet over één gebied (portefeuille)." } }
        });
    };
    let reads = app.cache.reads(&app.store, &ctx.user.org).await?;
    let Some(area) = reads.area(&code).await? else {
        return Ok(
            html! { aside.case-area aria-label="Gebied" { p { "Gebied " (code.as_str()) " (niet meer in de gegevens)." } } },
        );
    };
    let indicators = reads.indicators().await?;
    let gemeente = code.gemeente();
    let (scored, _) = signals::buurten(&reads, &gemeente, &indicators).await?;
    let buurten: Vec<&signals::Scored> = scored
        .iter()
        .filter(|s| match code.level() {
            AreaLevel::Buurt => s.code == code.as_str(),
            AreaLevel::Wijk => {
                AreaCode::parse(&s.code).and_then(|b| b.parent()).as_ref() == Some(&code)
            }
            AreaLevel::Gemeente => true,
        })
        .collect();
    let under = buurten
        .iter()
        .filter(|s| s.level().is_some_and(|l| l as usize >= 1))
        .count();
    let own = buurten.first().filter(|_| code.level() == AreaLevel::Buurt);
    let href = if code.level() == AreaLevel::Gemeente {
        format!("/monitor/{}", code.as_str())
    } else {
        format!("/gebied/{}", code.as_str())
    };
    Ok(html! {
        aside.case-area aria-label="Gebied van deze afweging" {
            h2 { a href=(href) { (super::super::area_title(&area)) } }
            @if let Some(s) = own {
                p { "Signaal: "
                    @match (s.level(), s.score.score) {
                        (Some(l), Some(v)) => { span.level.(format!("level-{}", l as usize)) { (l.label()) } " (" (wikken_core::format::number(v, 2)) ")" },
                        _ => span.muted { "geen gegevens" },
                    }
                }
                ul.drivers {
                    @for c in s.score.contributions.iter().filter(|c| c.share > 0.0).take(4) {
                        @let ind = indicators.iter().find(|i| i.code == c.indicator);
                        li { (ind.map_or(c.indicator.as_str(), |i| i.name.as_str())) ": " (super::super::fmt_value(c.value, ind.map_or("", |i| i.unit.as_str()))) }
                    }
                }
            } @else if !buurten.is_empty() {
                p { (under) " van de " (buurten.len()) " buurten staan onder druk of sterk onder druk." }
                ul.drivers {
                    @for s in buurten.iter().filter(|s| s.level().is_some_and(|l| l as usize >= 1)).take(5) {
                        li { a href=(format!("/gebied/{}", s.code)) { (s.code) } @if let Some(l) = s.level() { " · " (l.label()) } }
                    }
                }
            }
            @if !doc.area.complexes.is_empty() {
                p { "Complexen: " @for (i, c) in doc.area.complexes.iter().enumerate() { @if i > 0 { ", " } a href=(format!("/complex/{c}")) { (c) } } }
            }
        }
    })
}

pub(crate) fn step1(ctx: &Ctx, case: &Loaded, state: &FormState, aside: &Markup) -> Markup {
    let doc = case.doc();
    let url = case.url();
    let edit = case.editable() && ctx.user.role.can_edit();
    let level = state.value("level", || doc.level.as_str().to_string());
    let moment = doc
        .decision_moment
        .as_deref()
        .map(format::dutch_numeric_date);
    html! {
        (case_header(case, Step::Question, aside))
        h1 { (doc.question) }
        (state.summary())
        section aria-labelledby="vraag-kop" {
            h2 #vraag-kop { "De vraag" }
            form method="post" action=(format!("{url}/vraag")) data-warn-unsaved {
                (form_fields(ctx, state, "vraag"))
                (base_field(state, &QuestionValues::of(doc)))
                (text_input(state, "question", "Beslisvraag", &doc.question, ""))
                div.field {
                    label for="level" { "Niveau van het besluit" }
                    select #level name="level" {
                        @for l in DecisionLevel::ALL { option value=(l.as_str()) selected[l.as_str() == level] { (l.label()) } }
                    }
                }
                (text_input(state, "moment", "Beslismoment", moment.as_deref().unwrap_or(""), "Datum als 1-3-2027"))
                (submit_button(case, ctx, "Vraag opslaan"))
            }
        }
        section aria-labelledby="deelnemers-kop" {
            h2 #deelnemers-kop { "Wie doet mee, in welke rol" }
            @if doc.participants.is_empty() { p { "Nog niemand. Denk aan corporatie, gemeente, huurdersorganisatie, zorg en politie." } }
            @else {
                (layout::table_wrap("Partijen en hun rol", html! { table {
                    thead { tr { th scope="col" { "Partij" } th scope="col" { "Rol" } th scope="col" { "Problemen" } @if edit { th scope="col" { span.visually-hidden { "Acties" } } } } }
                    tbody { @for p in &doc.participants {
                        tr {
                            td { (p.name) } td { (p.role.label()) }
                            td.num { (doc.problems.iter().filter(|x| x.owner == p.id).count()) }
                            @if edit { td { (action_button(ctx, &format!("{url}/deelnemers/{}/verwijderen", p.id), "Verwijderen", "link-button", Some(&format!("{} verwijderen uit deze afweging?", p.name)))) } }
                        }
                    } }
                } }))
            }
            @if edit {
                form.inline-form method="post" action=(format!("{url}/deelnemers")) data-warn-unsaved {
                    (form_fields(ctx, state, "deelnemers"))
                    (text_input(state, "participant_name", "Partij", "", ""))
                    div.field {
                        label for="participant_role" { "Rol" }
                        select #participant_role name="participant_role" {
                            @for r in ParticipantRole::ALL { option value=(r.as_str()) selected[state.typed("participant_role") == Some(r.as_str())] { (r.label()) } }
                        }
                    }
                    button type="submit" { "Partij toevoegen" }
                }
            }
        }
        section aria-labelledby="problemen-kop" {
            h2 #problemen-kop { "Problemen zoals de partijen ze zien" }
            @if doc.problems.is_empty() { p { "Nog geen problemen. Elke partij noemt wat zij als probleem ziet; zo ontstaat één lijst." } }
            @else {
                ol.problems { @for p in &doc.problems {
                    li {
                        (p.text) " " span.muted { "— " (doc.participant(&p.owner).map_or(p.owner.as_str(), |x| x.name.as_str())) }
                        @if edit { " " (action_button(ctx, &format!("{url}/problemen/{}/verwijderen", p.id), "Verwijderen", "link-button", Some("Dit probleem verwijderen? De voorselectie-scores erop gaan ook weg."))) }
                    }
                } }
            }
            @if edit && !doc.participants.is_empty() {
                form.inline-form method="post" action=(format!("{url}/problemen")) data-warn-unsaved {
                    (form_fields(ctx, state, "problemen"))
                    (text_input(state, "problem_text", "Probleem", "", ""))
                    div.field {
                        label for="problem_owner" { "Wie ziet dit probleem" }
                        select #problem_owner name="problem_owner" {
                            @for p in &doc.participants { option value=(p.id) selected[state.typed("problem_owner") == Some(p.id.as_str())] { (p.name) } }
                        }
                        (state.message("problem_owner"))
                    }
                    button type="submit" { "Probleem toevoegen" }
                }
            }
        }
        p { a.button href=(case.step_url(Step::Baseline)) { "Verder: het nulalternatief" } }
    }
}

/// GET /afwegingen/{id}
pub async fn page(State(app): State<AppState>, ctx: Ctx, case: Loaded) -> Result<Markup, AppError> {
    show_step1(&app, &ctx, &case, &FormState::default()).await
}

async fn show_step1(
    app: &AppState,
    ctx: &Ctx,
    case: &Loaded,
    state: &FormState,
) -> Result<Markup, AppError> {
    let aside = area_aside(app, ctx, case).await?;
    let body = step1(ctx, case, state, &aside);
    Ok(layout::page(
        ctx,
        Section::Cases,
        &case.doc().question,
        body,
    ))
}

/// The form field of a domain field on step 1.
fn step1_field(field: &str) -> String {
    match field {
        "decision_moment" => "moment".into(),
        f => f.replace('.', "_"),
    }
}

/// Submits a step-1 command: back to the page, or the page again with the
/// refusal next to its field.
async fn answer(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    form: &CaseForm,
    command: CaseCommand,
) -> Result<Response, AppError> {
    match submit(app, ctx, id, form, &command, step1_field).await? {
        Submitted::Saved => Ok(saved(&format!("/afwegingen/{id}"))),
        Submitted::Refused(case, state) => Ok(refused(show_step1(app, ctx, &case, &state).await?)),
    }
}

/// The command a step-1 question form asks for (question, level, moment).
/// A level the form does not offer (a forged or broken form) leaves the
/// level as the form showed it.
pub(crate) fn question_command(f: &Fields) -> CaseCommand {
    let moment = f.get("moment").trim();
    let was: Option<QuestionValues> = base(f);
    let level = DecisionLevel::parse(f.get("level"))
        .or(was.as_ref().map(|w| w.level))
        .unwrap_or_default();
    CaseCommand::SetQuestion {
        values: Change::from(
            was,
            QuestionValues {
                question: f.get("question").to_string(),
                level,
                decision_moment: (!moment.is_empty()).then(|| moment.to_string()),
            },
        ),
    }
}

/// POST /afwegingen/{id}/vraag
pub async fn save_question(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    answer(&app, &ctx, &id, &form, question_command(&form.fields)).await
}

/// The command the form adding a participant asks for.
pub(crate) fn participant_command(f: &Fields) -> CaseCommand {
    CaseCommand::AddParticipant {
        name: f.get("participant_name").to_string(),
        role: ParticipantRole::parse(f.get("participant_role"))
            .unwrap_or(ParticipantRole::Meedenker),
    }
}

/// POST /afwegingen/{id}/deelnemers
pub async fn add_participant(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    answer(&app, &ctx, &id, &form, participant_command(&form.fields)).await
}

/// POST /afwegingen/{id}/deelnemers/{pid}/verwijderen
pub async fn remove_participant(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, pid)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    answer(
        &app,
        &ctx,
        &id,
        &form,
        CaseCommand::RemoveParticipant { id: pid },
    )
    .await
}

/// The command the form adding a problem asks for.
pub(crate) fn problem_command(f: &Fields) -> CaseCommand {
    CaseCommand::AddProblem {
        text: f.get("problem_text").to_string(),
        owner: f.get("problem_owner").to_string(),
    }
}

/// POST /afwegingen/{id}/problemen
pub async fn add_problem(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    answer(&app, &ctx, &id, &form, problem_command(&form.fields)).await
}

/// POST /afwegingen/{id}/problemen/{pid}/verwijderen
pub async fn remove_problem(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, pid)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    answer(
        &app,
        &ctx,
        &id,
        &form,
        CaseCommand::RemoveProblem { id: pid },
    )
    .await
}

pub(crate) fn step2(ctx: &Ctx, case: &Loaded, state: &FormState, aside: &Markup) -> Markup {
    let doc = case.doc();
    html! {
        (case_header(case, Step::Baseline, aside))
        h1 { "Het nulalternatief" }
        p.lead { "Wat gebeurt er zonder nieuw beleid? Alle kosten en baten van de opties zijn verschillen ten opzichte van dit nulalternatief. Zonder beschrijving toont Wikken geen resultaten." }
        (state.summary())
        form method="post" action=(format!("{}/nulalternatief", case.url())) data-warn-unsaved {
            (form_fields(ctx, state, "nulalternatief"))
            (base_field(state, &doc.baseline))
            (textarea(state, "description", "Het meest waarschijnlijke verloop zonder nieuw beleid", &doc.baseline.description, "Bijv. de ontwikkeling van leefbaarheid, mutaties, onderhoud en bevolking als niemand iets nieuws doet."))
            (textarea(state, "assumptions", "Wat al besloten is en dus in het nulalternatief zit", &doc.baseline.assumptions, "Bijv. regulier onderhoud, al toegezegde verduurzaming."))
            (submit_button(case, ctx, "Nulalternatief opslaan"))
        }
        p { a.button href=(case.step_url(Step::Options)) { "Verder: opties" } }
    }
}

/// GET /afwegingen/{id}/nulalternatief
pub async fn baseline(
    State(app): State<AppState>,
    ctx: Ctx,
    case: Loaded,
) -> Result<Markup, AppError> {
    show_step2(&app, &ctx, &case, &FormState::default()).await
}

async fn show_step2(
    app: &AppState,
    ctx: &Ctx,
    case: &Loaded,
    state: &FormState,
) -> Result<Markup, AppError> {
    let aside = area_aside(app, ctx, case).await?;
    Ok(layout::page(
        ctx,
        Section::Cases,
        "Nulalternatief",
        step2(ctx, case, state, &aside),
    ))
}

/// The command the nulalternatief form asks for.
pub(crate) fn baseline_command(f: &Fields) -> CaseCommand {
    let was: Option<wikken_core::case::Baseline> = base(f);
    CaseCommand::SetBaseline {
        description: Change::from(
            was.as_ref().map(|b| b.description.clone()),
            f.get("description").to_string(),
        ),
        assumptions: Change::from(was.map(|b| b.assumptions), f.get("assumptions").to_string()),
    }
}

/// POST /afwegingen/{id}/nulalternatief
pub async fn save_baseline(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let command = baseline_command(&form.fields);
    let field = |f: &str| f.trim_start_matches("baseline.").to_string();
    match submit(&app, &ctx, &id, &form, &command, field).await? {
        Submitted::Saved => Ok(saved(&format!("/afwegingen/{id}/opties"))),
        Submitted::Refused(case, state) => {
            Ok(refused(show_step2(&app, &ctx, &case, &state).await?))
        }
    }
}
