//! Steps 1 and 2: the question, who takes part in which role, the problems
//! each party sees, and the nulalternatief. Beside every case page: the
//! area it is about, with its signal.

use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use wikken_core::case::edit::EditError;
use wikken_core::case::{CaseDoc, DecisionLevel, ParticipantRole};
use wikken_data::{AreaCode, AreaLevel};

use super::form::{Fields, FormState, text_input, textarea};
use super::{EditResult, Loaded, VersionQuery, action_button, case_header, change, load, submit};
use crate::AppState;
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, csrf_field};
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
    html! {
        (case_header(case, "", aside))
        h1 { (doc.question) }
        (state.summary())
        section aria-labelledby="vraag-kop" {
            h2 #vraag-kop { "De vraag" }
            form method="post" action=(format!("{url}/vraag")) {
                (csrf_field(ctx))
                (text_input(state, "question", "Beslisvraag", &doc.question, ""))
                div.field {
                    label for="level" { "Niveau van het besluit" }
                    select #level name="level" {
                        @for l in DecisionLevel::ALL { option value=(l.as_str()) selected[l.as_str() == level] { (l.label()) } }
                    }
                }
                (text_input(state, "moment", "Beslismoment", doc.decision_moment.as_deref().unwrap_or(""), "Datum als 2027-03-01"))
                (submit(case, ctx, "Vraag opslaan"))
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
                            @if edit { td { (action_button(ctx, &format!("{url}/deelnemers/{}/verwijderen", p.id), "Verwijderen", "link-button")) } }
                        }
                    } }
                } }))
            }
            @if edit {
                form.inline-form method="post" action=(format!("{url}/deelnemers")) {
                    (csrf_field(ctx))
                    (text_input(state, "participant_name", "Partij", "", ""))
                    div.field {
                        label for="participant_role" { "Rol" }
                        select #participant_role name="participant_role" {
                            @for r in ParticipantRole::ALL { option value=(r.as_str()) selected[state.values.get("participant_role").is_some_and(|v| v == r.as_str())] { (r.label()) } }
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
                        @if edit { " " (action_button(ctx, &format!("{url}/problemen/{}/verwijderen", p.id), "Verwijderen", "link-button")) }
                    }
                } }
            }
            @if edit && !doc.participants.is_empty() {
                form.inline-form method="post" action=(format!("{url}/problemen")) {
                    (csrf_field(ctx))
                    (text_input(state, "problem_text", "Probleem", "", ""))
                    div.field {
                        label for="problem_owner" { "Wie ziet dit probleem" }
                        select #problem_owner name="problem_owner" {
                            @for p in &doc.participants { option value=(p.id) selected[state.values.get("problem_owner").is_some_and(|v| *v == p.id)] { (p.name) } }
                        }
                        (state.message("problem_owner"))
                    }
                    button type="submit" { "Probleem toevoegen" }
                }
            }
        }
        p { a.button href=(case.step_url("nulalternatief")) { "Verder: het nulalternatief" } }
    }
}

/// GET /afwegingen/{id}
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Markup, AppError> {
    let case = load(&app, &ctx, &id, q.versie).await?;
    let aside = area_aside(&app, &ctx, &case).await?;
    let body = step1(&ctx, &case, &FormState::default(), &aside);
    Ok(layout::page(
        &ctx,
        Section::Cases,
        &case.doc().question,
        body,
    ))
}

/// Shows step 1 again with the refusal next to its field (422).
async fn refused(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    state: FormState,
) -> Result<Response, AppError> {
    let case = load(app, ctx, id, None).await?;
    let aside = area_aside(app, ctx, &case).await?;
    let body = step1(ctx, &case, &state, &aside);
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        layout::page(ctx, Section::Cases, &case.doc().question, body),
    )
        .into_response())
}

/// Runs a change from a step-1 form: back to the page, or the page with the
/// error next to `prefix`+field.
async fn apply<F>(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    fields: &Fields,
    prefix: &str,
    edit: F,
) -> Result<Response, AppError>
where
    F: FnMut(&mut CaseDoc) -> EditResult,
{
    match change(app, ctx, id, edit).await? {
        Ok(()) => Ok(Redirect::to(&format!("/afwegingen/{id}")).into_response()),
        Err(e) => {
            let mut state = FormState::from_fields(fields);
            state.error(format!("{prefix}{}", e.field), e.message);
            refused(app, ctx, id, state).await
        }
    }
}

/// The change a step-1 question form asks for (question, level, moment).
pub(crate) fn question_edit(fields: &Fields) -> impl FnMut(&mut CaseDoc) -> EditResult + use<> {
    let moment = fields.get("moment").trim().to_string();
    let parsed_moment = super::list::parse_date(&moment);
    let level = DecisionLevel::parse(fields.get("level")).unwrap_or_default();
    let question = fields.get("question").trim().to_string();
    move |doc| {
        if question.is_empty() {
            return Err(EditError {
                field: "question",
                message: "Vul de beslisvraag in.".into(),
            });
        }
        if !moment.is_empty() && parsed_moment.is_none() {
            return Err(EditError {
                field: "moment",
                message: "Schrijf de datum als jjjj-mm-dd, bijv. 2027-03-01.".into(),
            });
        }
        doc.question = question.clone();
        doc.level = level;
        doc.decision_moment = parsed_moment.clone();
        Ok("Vraag, niveau en beslismoment gewijzigd".into())
    }
}

/// POST /afwegingen/{id}/vraag
pub async fn save_question(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields = Fields::new(fields);
    fields.check(&csrf)?;
    apply(&app, &ctx, &id, &fields, "", question_edit(&fields)).await
}

/// The change the form adding a participant asks for.
pub(crate) fn participant_edit(fields: &Fields) -> impl FnMut(&mut CaseDoc) -> EditResult + use<> {
    let role = ParticipantRole::parse(fields.get("participant_role"))
        .unwrap_or(ParticipantRole::Meedenker);
    let name = fields.get("participant_name").to_string();
    move |doc| {
        doc.add_participant(&name, role)?;
        Ok(format!(
            "Partij {} toegevoegd als {}",
            name.trim(),
            role.label().to_lowercase()
        ))
    }
}

/// POST /afwegingen/{id}/deelnemers
pub async fn add_participant(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields = Fields::new(fields);
    fields.check(&csrf)?;
    let edit = participant_edit(&fields);
    apply(&app, &ctx, &id, &fields, "participant_", edit).await
}

/// POST /afwegingen/{id}/deelnemers/{pid}/verwijderen
pub async fn remove_participant(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path((id, pid)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields = Fields::new(fields);
    fields.check(&csrf)?;
    apply(&app, &ctx, &id, &fields, "", |doc| {
        let p = doc.remove_participant(&pid)?;
        Ok(format!("Partij {} verwijderd", p.name))
    })
    .await
}

/// The change the form adding a problem asks for.
pub(crate) fn problem_edit(fields: &Fields) -> impl FnMut(&mut CaseDoc) -> EditResult + use<> {
    let text = fields.get("problem_text").to_string();
    let owner = fields.get("problem_owner").to_string();
    move |doc| {
        doc.add_problem(&text, &owner)?;
        Ok(format!("Probleem toegevoegd: {}", text.trim()))
    }
}

/// POST /afwegingen/{id}/problemen
pub async fn add_problem(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields = Fields::new(fields);
    fields.check(&csrf)?;
    let edit = problem_edit(&fields);
    apply(&app, &ctx, &id, &fields, "problem_", edit).await
}

/// POST /afwegingen/{id}/problemen/{pid}/verwijderen
pub async fn remove_problem(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path((id, pid)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields = Fields::new(fields);
    fields.check(&csrf)?;
    apply(&app, &ctx, &id, &fields, "", |doc| {
        let p = doc.remove_problem(&pid)?;
        Ok(format!("Probleem verwijderd: {}", p.text))
    })
    .await
}

pub(crate) fn step2(ctx: &Ctx, case: &Loaded, state: &FormState, aside: &Markup) -> Markup {
    let doc = case.doc();
    html! {
        (case_header(case, "nulalternatief", aside))
        h1 { "Het nulalternatief" }
        p.lead { "Wat gebeurt er zonder nieuw beleid? Alle kosten en baten van de opties zijn verschillen ten opzichte van dit nulalternatief. Zonder beschrijving toont Wikken geen resultaten." }
        (state.summary())
        form method="post" action=(format!("{}/nulalternatief", case.url())) {
            (csrf_field(ctx))
            (textarea(state, "description", "Het meest waarschijnlijke verloop zonder nieuw beleid", &doc.baseline.description, "Bijv. de ontwikkeling van leefbaarheid, mutaties, onderhoud en bevolking als niemand iets nieuws doet."))
            (textarea(state, "assumptions", "Wat al besloten is en dus in het nulalternatief zit", &doc.baseline.assumptions, "Bijv. regulier onderhoud, al toegezegde verduurzaming."))
            (submit(case, ctx, "Nulalternatief opslaan"))
        }
        p { a.button href=(case.step_url("opties")) { "Verder: opties" } }
    }
}

/// GET /afwegingen/{id}/nulalternatief
pub async fn baseline(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Markup, AppError> {
    let case = load(&app, &ctx, &id, q.versie).await?;
    let aside = area_aside(&app, &ctx, &case).await?;
    Ok(layout::page(
        &ctx,
        Section::Cases,
        "Nulalternatief",
        step2(&ctx, &case, &FormState::default(), &aside),
    ))
}

/// The change the nulalternatief form asks for.
pub(crate) fn baseline_edit(fields: &Fields) -> impl FnMut(&mut CaseDoc) -> EditResult + use<> {
    let description = fields.get("description").trim().to_string();
    let assumptions = fields.get("assumptions").trim().to_string();
    move |doc| {
        if description.is_empty() {
            return Err(EditError {
                field: "description",
                message: "Beschrijf wat er zonder nieuw beleid gebeurt.".into(),
            });
        }
        doc.baseline.description = description.clone();
        doc.baseline.assumptions = assumptions.clone();
        Ok("Nulalternatief beschreven".into())
    }
}

/// POST /afwegingen/{id}/nulalternatief
pub async fn save_baseline(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields = Fields::new(fields);
    fields.check(&csrf)?;
    let result = change(&app, &ctx, &id, baseline_edit(&fields)).await?;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/afwegingen/{id}/opties")).into_response()),
        Err(e) => {
            let mut state = FormState::from_fields(&fields);
            state.error(e.field, e.message);
            let case = load(&app, &ctx, &id, None).await?;
            let aside = area_aside(&app, &ctx, &case).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                layout::page(
                    &ctx,
                    Section::Cases,
                    "Nulalternatief",
                    step2(&ctx, &case, &state, &aside),
                ),
            )
                .into_response())
        }
    }
}
