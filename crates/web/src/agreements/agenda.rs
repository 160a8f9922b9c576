//! The uitvoeringsagenda: actions per year, each with a kartrekker, every
//! party's role, task and budget, a performance measure, and its latest
//! status report.

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use wikken_core::agreement::{Action, ActionStatus, AgreementCommand, CommitmentStatus};
use wikken_core::format;

use super::forms::{action_values, form_field, hidden, refused_page, submit};
use super::{Loaded, Tab, this_year};
use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx};
use crate::pages::case::form::{FormState, css_id, input_number, text_input, textarea};
use crate::pages::case::kit::CaseForm;

fn party_names(a: &Loaded) -> Vec<String> {
    a.doc().parties.iter().map(|p| p.name.clone()).collect()
}

/// The action form, filled with `action` (or empty for a new one).
fn action_form(ctx: &Ctx, a: &Loaded, state: &FormState, action: Option<&Action>) -> Markup {
    let url = a.url();
    let to = action.map_or_else(
        || format!("{url}/acties"),
        |x| format!("{url}/acties/{}", x.id),
    );
    let lead = state.value("kartrekker", || {
        action.map_or(String::new(), |x| x.lead.clone())
    });
    let year = state.value("jaar", || {
        action
            .map_or(
                this_year().clamp(a.doc().first_year, a.doc().last_year),
                |x| x.year,
            )
            .to_string()
    });
    html! {
        form method="post" action=(to) data-warn-unsaved {
            (hidden(ctx, a, state))
            (state.summary())
            div.field {
                label for="jaar" { "Jaar" }
                select #jaar name="jaar" { @for y in a.doc().years() { option value=(y) selected[y.to_string() == year] { (y) } } }
                (state.message("jaar"))
            }
            (text_input(state, "titel", "Wat er gebeurt", action.map_or("", |x| x.title.as_str()), ""))
            (text_input(state, "prestatie", "Prestatie: hoeveel, hoe goed", action.map_or("", |x| x.measure.as_str()), "Bijvoorbeeld \"80 huisbezoeken\""))
            div.field {
                label for="kartrekker" { "Kartrekker" }
                select #kartrekker name="kartrekker" { @for p in &a.doc().parties { option value=(p.name) selected[p.name == lead] { (p.name) } } }
                (state.message("kartrekker"))
            }
            (text_input(state, "contactpersoon", "Contactpersoon van de kartrekker (optioneel)", action.map_or("", |x| x.lead_person.as_str()), ""))
            fieldset {
                legend { "Rol, taak en budget per partij (leeg: doet niet mee)" }
                (state.message("rollen"))
                @for (i, p) in a.doc().parties.iter().enumerate() {
                    @let role = action.and_then(|x| x.roles.iter().find(|r| r.party == p.name));
                    div.field-row {
                        (text_input(state, &format!("rollen[{i}].taak"), &format!("{}: taak", p.name), role.map_or("", |r| r.task.as_str()), ""))
                        (text_input(state, &format!("rollen[{i}].budget"), &format!("{}: budget (€)", p.name), &role.map_or(String::new(), |r| input_number(r.budget)), ""))
                    }
                }
            }
            @if !a.doc().goals.is_empty() {
                fieldset {
                    legend { "Doelen die deze actie dient" }
                    @for g in &a.doc().goals {
                        @let ticked = if state.values.is_empty() { action.is_some_and(|x| x.goals.contains(&g.id)) } else { state.ticked("doelen", &g.id) };
                        div.field { label { input type="checkbox" name="doelen" value=(g.id) checked[ticked]; " " (g.title) } }
                    }
                    (state.message("doelen"))
                }
            }
            button type="submit" { @if action.is_some() { "Actie opslaan" } @else { "Actie toevoegen" } }
        }
    }
}

/// The status form of an action.
fn status_form(ctx: &Ctx, a: &Loaded, state: &FormState, action: &Action) -> Markup {
    let status = state.value("status", || action.status.status.key().to_string());
    let today = time::OffsetDateTime::now_utc().date();
    let date = format!(
        "{}-{}-{}",
        today.day(),
        u8::from(today.month()),
        today.year()
    );
    html! {
        form method="post" action=(format!("{}/acties/{}/status", a.url(), action.id)) {
            (hidden(ctx, a, state))
            (state.summary())
            div.field {
                label for=(css_id("status")) { "Stand" }
                select #status name="status" { @for s in ActionStatus::ALL { option value=(s.key()) selected[s.key() == status] { (s.label()) } } }
            }
            (text_input(state, "datum", "Per datum", &date, "Als 1-3-2027"))
            (textarea(state, "notitie", "Notitie", "", "Bijvoorbeeld \"42 van 80 huisbezoeken gedaan\"; verplicht bij geschrapt"))
            button type="submit" { "Stand melden" }
        }
    }
}

/// Whether this user may report on `action`.
fn may_report(a: &Loaded, action: &Action) -> bool {
    a.progress_editable()
        && match &a.access.party {
            None => true,
            Some(p) => action.lead == *p || action.roles.iter().any(|r| r.party == *p),
        }
}

/// The agenda table of one year.
pub fn year_table(a: &Loaded, year: i32, now: i32) -> Markup {
    let actions: Vec<&Action> = a.doc().actions.iter().filter(|x| x.year == year).collect();
    html! {
        @if actions.is_empty() { p.muted { "Geen acties in " (year) "." } }
        @else {
            (layout::table_wrap(&format!("Acties {year}"), html! { table {
                caption { "Acties " (year) }
                thead { tr { th scope="col" { "Actie" } th scope="col" { "Kartrekker" } th scope="col" { "Partijen en taken" } th scope="col" { "Prestatie" } th.num scope="col" { "Budget" } th scope="col" { "Stand" } } }
                tbody { @for x in actions {
                    @let c = CommitmentStatus::of(x, now);
                    tr {
                        td { a href=(format!("{}/acties/{}", a.url(), x.id)) { (x.title) } }
                        td { (x.lead) @if !x.lead_person.is_empty() { br; span.muted { (x.lead_person) } } }
                        td { ul.plain { @for r in &x.roles { li { strong { (r.party) } ": " (r.task) } } } }
                        td { (x.measure) }
                        td.num { (format::euro(x.roles.iter().map(|r| r.budget).sum())) }
                        td { span.light.(commitment_class(c)) { (c.label()) }
                             @if !x.status.date.is_empty() { br; span.muted { (x.status.status.label()) " per " (format::dutch_numeric_date(&x.status.date)) } }
                             @if !x.status.note.is_empty() { br; (x.status.note) } }
                    }
                } }
            } }))
        }
    }
}

/// The CSS class of an action's light.
pub fn commitment_class(c: CommitmentStatus) -> &'static str {
    match c {
        CommitmentStatus::Done => "light-good",
        CommitmentStatus::OnSchedule => "light-none",
        CommitmentStatus::NotStarted => "light-warn",
        CommitmentStatus::Late => "light-bad",
        CommitmentStatus::Dropped => "light-none",
    }
}

async fn index_page(ctx: &Ctx, a: &Loaded, state: &FormState) -> Result<Markup, AppError> {
    let now = this_year();
    let body = html! {
        h1 { "Uitvoeringsagenda" }
        p.lead { "Per jaar de acties: wie trekt, wie doet wat met welk budget, en wat de prestatie is. Zo is het aandeel van elke partij zichtbaar, ook bij gezamenlijke afspraken." }
        @for y in a.doc().years() {
            section aria-labelledby=(format!("jaar-{y}")) {
                h2 id=(format!("jaar-{y}")) { "Jaarschijf " (y) }
                (year_table(a, y, now))
            }
        }
        @if a.terms_editable() {
            section aria-labelledby="nieuwe-actie-kop" {
                h2 #nieuwe-actie-kop { "Nieuwe actie" }
                (action_form(ctx, a, state, None))
            }
        }
    };
    Ok(super::page(ctx, a, Tab::Agenda, "Uitvoeringsagenda", body))
}

/// GET /prestatieafspraken/{id}/agenda
pub async fn index(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Markup, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    index_page(&ctx, &a, &FormState::default()).await
}

/// POST /prestatieafspraken/{id}/acties
pub async fn add(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    let parties = party_names(&a);
    let mut state = FormState::from_fields(&form.fields);
    if let Some(values) = action_values(&form.fields, &parties, &mut state) {
        let to = format!("{}/agenda#jaar-{}", a.url(), values.year);
        let command = AgreementCommand::AddAction(values.clone());
        match submit(&app, &ctx, &a, &form.fields, &command, &to, |f| {
            form_field(f, Some((&values, &parties)))
        })
        .await?
        {
            Ok(done) => return Ok(done),
            Err(s) => state = s,
        }
    }
    let a = super::load(&app, &ctx, &id, None).await?;
    Ok(refused_page(index_page(&ctx, &a, &state).await?))
}

async fn edit_page(
    ctx: &Ctx,
    a: &Loaded,
    aid: &str,
    state: &FormState,
    status_state: &FormState,
) -> Result<Markup, AppError> {
    let action = a.doc().action(aid).ok_or(AppError::NotFound)?.clone();
    let c = CommitmentStatus::of(&action, this_year());
    let body = html! {
        h1 { (action.title) }
        p.lead { "Jaarschijf " (action.year) ". Kartrekker: " (action.lead) @if !action.lead_person.is_empty() { " (" (action.lead_person) ")" } ". Prestatie: " (action.measure) "." }
        p { "Stand: " span.light.(commitment_class(c)) { (c.label()) }
            @if !action.status.date.is_empty() { " — " (action.status.status.label()) " per " (format::dutch_numeric_date(&action.status.date)) ", gemeld door " (action.status.by) }
            @if !action.status.note.is_empty() { ": " (action.status.note) } }
        (layout::table_wrap("Partijen", html! { table {
            thead { tr { th scope="col" { "Partij" } th scope="col" { "Taak" } th.num scope="col" { "Budget" } } }
            tbody { @for r in &action.roles { tr { td { (r.party) @if r.party == action.lead { " (kartrekker)" } } td { (r.task) } td.num { (format::euro(r.budget)) } } } }
            tfoot { tr { th scope="row" colspan="2" { "Budget samen" } td.num { (format::euro(action.roles.iter().map(|r| r.budget).sum())) } } }
        } }))
        @if may_report(a, &action) {
            section aria-labelledby="stand-kop" { h2 #stand-kop { "Stand melden" } (status_form(ctx, a, status_state, &action)) }
        }
        @if a.terms_editable() {
            section aria-labelledby="wijzig-kop" {
                h2 #wijzig-kop { "Actie wijzigen" }
                (action_form(ctx, a, state, Some(&action)))
                form method="post" action=(format!("{}/acties/{}/verwijderen", a.url(), action.id)) {
                    (hidden(ctx, a, &FormState::default()))
                    button.secondary type="submit" data-confirm=(format!("Actie \"{}\" verwijderen?", action.title)) { "Actie verwijderen" }
                }
            }
        }
    };
    Ok(super::page(ctx, a, Tab::Agenda, &action.title, body))
}

/// GET /prestatieafspraken/{id}/acties/{aid}
pub async fn edit(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(String, String)>,
) -> Result<Markup, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    edit_page(&ctx, &a, &aid, &FormState::default(), &FormState::default()).await
}

/// POST /prestatieafspraken/{id}/acties/{aid}
pub async fn update(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    a.doc().action(&aid).ok_or(AppError::NotFound)?;
    let parties = party_names(&a);
    let mut state = FormState::from_fields(&form.fields);
    if let Some(values) = action_values(&form.fields, &parties, &mut state) {
        let command = AgreementCommand::UpdateAction {
            id: aid.clone(),
            values: values.clone(),
        };
        match submit(
            &app,
            &ctx,
            &a,
            &form.fields,
            &command,
            &format!("{}/acties/{aid}", a.url()),
            |f| form_field(f, Some((&values, &parties))),
        )
        .await?
        {
            Ok(done) => return Ok(done),
            Err(s) => state = s,
        }
    }
    let a = super::load(&app, &ctx, &id, None).await?;
    Ok(refused_page(
        edit_page(&ctx, &a, &aid, &state, &FormState::default()).await?,
    ))
}

/// POST /prestatieafspraken/{id}/acties/{aid}/status
pub async fn report(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    let f = &form.fields;
    let mut state = FormState::from_fields(f);
    match ActionStatus::from_key(f.get("status")) {
        Some(status) => {
            let command = AgreementCommand::ReportStatus {
                id: aid.clone(),
                status,
                date: f.get("datum").to_string(),
                note: f.get("notitie").to_string(),
            };
            match submit(
                &app,
                &ctx,
                &a,
                f,
                &command,
                &format!("{}/acties/{aid}", a.url()),
                str::to_string,
            )
            .await?
            {
                Ok(done) => return Ok(done),
                Err(s) => state = s,
            }
        }
        None => state.error("status", "Kies een stand uit de lijst."),
    }
    let a = super::load(&app, &ctx, &id, None).await?;
    Ok(refused_page(
        edit_page(&ctx, &a, &aid, &FormState::default(), &state).await?,
    ))
}

/// POST /prestatieafspraken/{id}/acties/{aid}/verwijderen
pub async fn remove(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    let command = AgreementCommand::RemoveAction { id: aid.clone() };
    match submit(
        &app,
        &ctx,
        &a,
        &form.fields,
        &command,
        &format!("{}/agenda", a.url()),
        str::to_string,
    )
    .await?
    {
        Ok(done) => Ok(done),
        Err(state) => {
            let a = super::load(&app, &ctx, &id, None).await?;
            Ok(refused_page(
                edit_page(&ctx, &a, &aid, &state, &FormState::default()).await?,
            ))
        }
    }
}
