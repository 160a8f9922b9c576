//! The gebiedsatelier: a werkatelier on an area from the monitor, before
//! any afweging exists. Participants pin problems on the area's map and
//! choose the buurten that need attention first; afterwards its problems,
//! with the roles that own them, start an afweging for a chosen area.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use wikken_core::case::{CaseArea, CaseDoc, DecisionLevel, ParticipantRole};
use wikken_core::werkatelier::live::setup::{MIN_ROLE_SIZE, PICKS, STANDARD_ROLES};
use wikken_core::werkatelier::live::{Item, Round, Setup, Subject, WorkshopRole};
use wikken_data::AreaLevel;
use wikken_data::area::AreaCode;
use wikken_storage::{EventUser, NewWorkshop};

use super::facilitate::{StaffForm, may_steer, own_workshop};
use super::views::NewForm;
use crate::AppState;
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, csrf_field};

/// The area and its buurten (code, name), or 404.
async fn area_and_buurten(
    app: &AppState,
    ctx: &Ctx,
    code: &str,
) -> Result<(AreaCode, String, Vec<(String, String)>), AppError> {
    let code = AreaCode::parse(code).ok_or(AppError::NotFound)?;
    let area = app
        .store
        .area(&ctx.user.org, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let buurten = app
        .store
        .areas_in_gemeente(&ctx.user.org, &code, AreaLevel::Buurt)
        .await?
        .into_iter()
        .filter(|b| super::map::within(&b.code, code.as_str()))
        .map(|b| (b.code, b.name))
        .collect();
    Ok((code, area.name, buurten))
}

fn form_page(ctx: &Ctx, code: &str, name: &str, buurten: usize, form: &NewForm) -> Markup {
    let title = format!("Gebiedsatelier {name}");
    let body = html! {
        (layout::breadcrumbs(&[("Wijkmonitor", Some("/monitor".into())), (name, Some(format!("/gebied/{code}"))), ("Gebiedsatelier", None)]))
        h1 { (title) }
        p.lead { "Bekijk met gemeente, partners en bewoners samen de cijfers van " (name) ": iedereen prikt vanaf de telefoon spelden op de kaart waar problemen zijn, en kiest welke buurten het eerst aandacht nodig hebben. Daarna start u met die problemen en hun eigenaren een afweging." }
        @if !form.errors.is_empty() {
            div.notice.notice-error role="alert" { h2 { "Het gebiedsatelier is nog niet geopend" } ul { @for (_, m) in &form.errors { li { (m) } } } }
        }
        form.stack method="post" action=(format!("/gebied/{code}/werkatelier")) {
            (csrf_field(ctx))
            div.field { label for="titel" { "Naam" } input #titel type="text" name="titel" value=(form.title) required; }
            fieldset.field {
                legend { "Rondes" }
                label.check { input type="checkbox" name="ronde" value="spelden" checked[form.rounds.contains(&Round::Spelden)]; " Spelden prikken" }
                label.check { input type="checkbox" name="ronde" value="voorselectie" checked[form.rounds.contains(&Round::Voorselectie)]; " Welke buurten eerst? (" (buurten) " buurten)" }
            }
            fieldset.field {
                legend { "Wie zitten er aan tafel?" }
                @for (id, label) in STANDARD_ROLES {
                    label.check { input type="checkbox" name="rol" value=(id) checked[form.roles.iter().any(|r| r == id)]; " " (label) }
                }
            }
            div.field { label for="min_rol" { "Een rol apart tonen vanaf zoveel deelnemers" } input #min_rol type="number" name="min_rol" min="1" max="50" value=(form.min_role_size); }
            div.field { label for="keuzes" { "Elke deelnemer kiest ten hoogste zoveel buurten" } input #keuzes type="number" name="keuzes" min="1" max="50" value=(form.picks); }
            div.actions { button type="submit" { "Gebiedsatelier openen" } }
        }
    };
    layout::page(ctx, Section::Monitor, &title, body)
}

/// GET /gebied/{code}/werkatelier
pub async fn new(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Markup, AppError> {
    let (code, name, buurten) = area_and_buurten(&app, &ctx, &code).await?;
    let form = NewForm {
        title: format!(
            "Gebiedsatelier {name}, {}",
            crate::dates::day(crate::auth::unix_now())
        ),
        rounds: vec![Round::Spelden, Round::Voorselectie],
        roles: STANDARD_ROLES
            .iter()
            .map(|(id, _)| id.to_string())
            .collect(),
        weights: Vec::new(),
        min_role_size: MIN_ROLE_SIZE.to_string(),
        picks: PICKS.to_string(),
        errors: Vec::new(),
    };
    Ok(form_page(&ctx, code.as_str(), &name, buurten.len(), &form))
}

/// POST /gebied/{code}/werkatelier
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(code): Path<String>,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = StaffForm::read(&csrf, fields).await?;
    may_steer(&ctx)?;
    let (code, name, buurten) = area_and_buurten(&app, &ctx, &code).await?;
    let whole = |text: &str, default: u32| {
        if text.is_empty() {
            Some(default)
        } else {
            text.parse::<u32>().ok().filter(|n| *n <= 50)
        }
    };
    let mut typed = NewForm {
        title: form.value("titel").trim().to_string(),
        rounds: form
            .all("ronde")
            .into_iter()
            .filter_map(Round::parse)
            .collect(),
        roles: form.all("rol").iter().map(|s| s.to_string()).collect(),
        weights: Vec::new(),
        min_role_size: form.value("min_rol").to_string(),
        picks: form.value("keuzes").to_string(),
        errors: Vec::new(),
    };
    let setup = Setup {
        subject: Subject::Gebied,
        rounds: typed.rounds.clone(),
        roles: STANDARD_ROLES
            .iter()
            .filter(|(id, _)| typed.roles.iter().any(|r| r == id))
            .map(|(id, label)| WorkshopRole {
                id: id.to_string(),
                label: label.to_string(),
                weight: 1.0,
            })
            .collect(),
        criteria: Vec::new(),
        options: buurten
            .iter()
            .map(|(c, n)| Item {
                id: c.clone(),
                label: n.clone(),
            })
            .collect(),
        min_role_size: whole(&typed.min_role_size, MIN_ROLE_SIZE).unwrap_or(0),
        picks: whole(&typed.picks, PICKS).unwrap_or(0),
    };
    if typed.title.is_empty() {
        typed
            .errors
            .push(("titel".into(), "Geef het gebiedsatelier een naam.".into()));
    }
    if let Err(e) = setup.check() {
        typed
            .errors
            .extend(e.iter().map(|p| (p.path.clone(), p.message.clone())));
    }
    if !typed.errors.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            form_page(&ctx, code.as_str(), &name, buurten.len(), &typed),
        )
            .into_response());
    }
    let w = app
        .store
        .create_workshop(
            &ctx.user.org,
            NewWorkshop {
                case_id: None,
                area_code: Some(code.as_str()),
                title: &typed.title,
                setup: &setup,
                created_by: &ctx.user.name,
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/werkateliers/{}", w.id)).into_response())
}

/// The form to start an afweging from a closed gebiedsatelier: the
/// question and the area, the most chosen buurt first.
pub fn start_form(ctx: &Ctx, s: &super::session::Session) -> Markup {
    let w = &s.workshop;
    let mut areas: Vec<(String, String, usize)> = s
        .outcome
        .picks
        .iter()
        .map(|p| {
            let name = w
                .setup
                .options
                .iter()
                .find(|o| o.id == p.option)
                .map_or(p.option.clone(), |o| o.label.clone());
            (p.option.clone(), name, p.total)
        })
        .collect();
    if let Some(code) = &w.area_code {
        areas.push((code.clone(), "het hele gebied".into(), 0));
    }
    let first = areas.first().map(|a| a.1.clone()).unwrap_or_default();
    html! {
        section.close-box {
            h2 { "Een afweging starten" }
            p { "De afweging krijgt de problemen uit de spelden (" (s.problems.len()) "), met de rollen die ze zien als partijen." }
            form.stack method="post" action=(format!("/werkateliers/{}/afweging", w.id)) {
                (csrf_field(ctx))
                div.field { label for="vraag" { "De vraag" } input #vraag type="text" name="vraag" value=(format!("Wat doen we in {first}?")) required; }
                div.field {
                    label for="gebied" { "Over welk gebied?" }
                    select #gebied name="gebied" {
                        @for (code, name, n) in &areas {
                            option value=(code) { (name) @if *n > 0 { " (" (n) " keer gekozen)" } }
                        }
                    }
                }
                div.actions { button type="submit" { "Afweging starten" } }
            }
        }
    }
}

/// The afweging role a werkatelier role gets.
fn party_role(role: &str) -> ParticipantRole {
    match role {
        "corporatie" => ParticipantRole::Eigenaar,
        "gemeente" => ParticipantRole::Beslisser,
        _ => ParticipantRole::Meedenker,
    }
}

/// POST /werkateliers/{wid}/afweging: starts an afweging from a closed
/// gebiedsatelier, with its problems and their owners.
pub async fn start_case(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(wid): Path<String>,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = StaffForm::read(&csrf, fields).await?;
    may_steer(&ctx)?;
    let w = own_workshop(&app, &ctx, &wid).await?;
    let refuse = |m: &str| {
        Err(AppError::Status(
            StatusCode::UNPROCESSABLE_ENTITY,
            m.to_string(),
        ))
    };
    if w.setup.subject != Subject::Gebied {
        return refuse("Dit werkatelier hoort al bij een afweging.");
    }
    if w.is_open() {
        return refuse("Sluit het gebiedsatelier eerst af.");
    }
    if let Some(c) = &w.case_id {
        return Ok(Redirect::to(&format!("/afwegingen/{c}")).into_response());
    }
    let question = form.value("vraag").trim();
    let area = form.value("gebied");
    let allowed =
        w.area_code.as_deref() == Some(area) || w.setup.options.iter().any(|o| o.id == area);
    if question.is_empty() {
        return refuse("Vul de vraag in.");
    }
    if !allowed {
        return refuse("Kies een gebied uit de lijst.");
    }
    let session = app.werkateliers.sessions.get(&app.store, &w).await?;
    let year = time::OffsetDateTime::now_utc().year() as i64;
    let level = if area.starts_with("BU") || area.starts_with("WK") {
        DecisionLevel::Wijk
    } else {
        DecisionLevel::Portefeuille
    };
    let mut doc = CaseDoc::new(
        question,
        level,
        CaseArea {
            code: Some(area.to_string()),
            complexes: Vec::new(),
        },
        year,
    );
    let mut party_of = std::collections::HashMap::new();
    for p in &session.problems {
        if !party_of.contains_key(&p.owner) {
            let label = session.role_label(&p.owner);
            let id = doc
                .add_participant(&label, party_role(&p.owner))
                .map_err(|e| AppError::Status(StatusCode::UNPROCESSABLE_ENTITY, e.message))?;
            party_of.insert(p.owner.clone(), id);
        }
        let id = doc
            .add_problem(&p.text, &party_of[&p.owner])
            .map_err(|e| AppError::Status(StatusCode::UNPROCESSABLE_ENTITY, e.message))?;
        let mut raised = indexmap::IndexMap::new();
        for pin in session
            .pins
            .iter()
            .filter(|x| x.merged_into.as_deref() == Some(p.id.as_str()))
        {
            *raised.entry(session.role_label(&pin.role)).or_insert(0) += 1;
        }
        if let Some(pr) = doc.problems.iter_mut().find(|x| x.id == id) {
            pr.raised_by = raised;
        }
    }
    let user = EventUser {
        id: ctx.user.id.to_string(),
        name: ctx.user.name.clone(),
    };
    let case = app.store.create_case(&ctx.user.org, &user, &doc).await?;
    if !app
        .store
        .link_workshop_case(&ctx.user.org, &w.id, &case)
        .await?
    {
        tracing::warn!(workshop = %w.id, "gebiedsatelier had intussen al een afweging");
    }
    Ok(Redirect::to(&format!("/afwegingen/{case}")).into_response())
}
