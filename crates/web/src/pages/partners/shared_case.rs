//! `/gedeeld/afwegingen/{id}`: an afweging a corporation shared with the
//! partner's organisation. The share is checked first
//! ([`PartnerAccess::check`]; 404 without one), then the afweging is read
//! from the corporation that owns it. The partner reads all of it (the
//! report: question, parties, problems, options, results, besluit) and
//! works as its own party: its problems, its weighing and its comments.
//! Every change is a [`CaseCommand`] applied as that party
//! ([`wikken_core::case::CaseDoc::apply_as_party`]) and saved with the
//! partner user's name in the history; a decided version is read-only.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use maud::{Markup, html};
use wikken_core::case::command::{CaseCommand, WeightHolder};
use wikken_storage::{EventUser, ShareKind};

use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};
use crate::pages::case::form::{FormState, text_input, textarea};
use crate::pages::case::kit::{
    CaseForm, Scope, Submitted, form_fields, party_id, refused, saved, submit_as,
};
use crate::pages::case::report::{context_of, report_body};
use crate::pages::case::results::analysis;
use crate::pages::case::weighing::{weighting_command, weighting_form};
use crate::pages::case::{Loaded, SHARED_BASE, VersionQuery, action_button, load_in};
use crate::partner_access::PartnerAccess;

/// The share and the afweging it opens, at `version` (the current one when
/// absent).
async fn open(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    version: Option<i64>,
) -> Result<(PartnerAccess, Loaded), AppError> {
    let access = PartnerAccess::check(&app.store, &ctx.user, ShareKind::Afweging, id).await?;
    let case = load_in(app, access.owner(), SHARED_BASE, id, version).await?;
    Ok((access, case))
}

/// Changes made as the share's party, named in the history as the user
/// and their organisation.
fn scope(ctx: &Ctx, access: &PartnerAccess) -> Scope {
    Scope {
        org: access.owner().clone(),
        base: SHARED_BASE,
        party: Some(access.party().to_string()),
        who: EventUser {
            id: ctx.user.id.to_string(),
            name: format!("{} ({})", ctx.user.name, ctx.org_name),
        },
    }
}

/// What the party itself keeps: its problems, weighing and comments.
fn party_section(ctx: &Ctx, case: &Loaded, party: &str, state: &FormState) -> Markup {
    let doc = case.doc();
    let url = case.url();
    let edit = case.editable() && ctx.user.role.can_edit();
    let Some(pid) = party_id(doc, party) else {
        return html! {
            div.notice role="status" {
                p { "U werkt mee als " strong { (party) } ", maar die partij doet (nog) niet mee in deze afweging. Vraag de corporatie u als partij toe te voegen; tot dan kunt u alleen lezen." }
            }
        };
    };
    let name = doc.participant(&pid).map_or(party, |p| p.name.as_str());
    let problems: Vec<_> = doc.problems.iter().filter(|p| p.owner == pid).collect();
    let comments: Vec<_> = doc.comments.iter().filter(|c| c.party == pid).collect();
    html! {
        section.own-party aria-labelledby="partij-kop" {
            h2 #partij-kop { "Uw partij: " (name) }
            @if !case.editable() {
                p.notice { "Deze versie is vastgelegd met een besluit, of u bekijkt een oudere versie: u kunt alleen lezen." }
            }
            h3 { "Problemen zoals " (name) " ze ziet" }
            @if problems.is_empty() { p { "Nog geen problemen van " (name) "." } }
            ul.problems { @for p in &problems {
                li { (p.text)
                    @if edit { " " (action_button(ctx, &format!("{url}/problemen/{}/verwijderen", p.id), "Verwijderen", "link-button", Some("Dit probleem verwijderen?"))) }
                }
            } }
            @if edit {
                form.inline-form method="post" action=(format!("{url}/problemen")) data-warn-unsaved {
                    (form_fields(ctx, state, "problemen"))
                    (text_input(state, "problem_text", "Probleem", "", ""))
                    button type="submit" { "Probleem toevoegen" }
                }
            }
            h3 { "Weging van " (name) }
            @if doc.criteria.is_empty() {
                p { "De corporatie heeft nog geen criteria vastgelegd; er is nog niets te wegen." }
            } @else {
                div.weightings { (weighting_form(ctx, case, &WeightHolder::Party(pid.clone()), state)) }
            }
            h3 { "Opmerkingen van " (name) }
            @if comments.is_empty() { p { "Nog geen opmerkingen. Alle opmerkingen van alle partijen staan in het overzicht hieronder." } }
            ul.comments { @for c in &comments {
                li {
                    span.muted { (c.author) ", " (crate::dates::when(c.at)) }
                    p.prewrap { (c.text) }
                    @if edit { (action_button(ctx, &format!("{url}/opmerkingen/{}/verwijderen", c.id), "Verwijderen", "link-button", Some("Deze opmerking verwijderen?"))) }
                }
            } }
            @if edit {
                form method="post" action=(format!("{url}/opmerkingen")) data-warn-unsaved {
                    (form_fields(ctx, state, "opmerkingen"))
                    (textarea(state, "comment_text", "Opmerking", "", "Wat vindt uw organisatie van de vraag, de opties of de uitkomsten? Hoogstens 2.000 tekens."))
                    button type="submit" { "Opmerking plaatsen" }
                }
            }
        }
    }
}

/// The page: where it comes from, the party's own part, then the whole
/// afweging as its report shows it.
async fn show(
    app: &AppState,
    ctx: &Ctx,
    access: &PartnerAccess,
    case: &Loaded,
    state: &FormState,
) -> Result<Markup, AppError> {
    let owner = app
        .store
        .organisation(access.owner())
        .await?
        .ok_or(AppError::NotFound)?;
    let context = context_of(app, access.owner(), (&owner.name, owner.fictional), case).await?;
    let outcome = analysis(app, case).await?;
    let doc = case.doc();
    let v = &case.version;
    let body = html! {
        (layout::breadcrumbs(&[("Gedeeld met u", Some(crate::partner_gate::PARTNER_HOME.to_string())), (doc.question.as_str(), None)]))
        p.case-state {
            "Gedeeld door " strong { (access.owner_name()) } " · versie " (v.version)
            @if v.frozen_at.is_some() { " · " span.badge.badge-decided { "Besluit vastgelegd" } }
            @else { " · " span.badge { "Concept" } }
            @if v.version != case.current_version {
                " · " strong { "U bekijkt een oudere versie (alleen lezen). " }
                a href=(case.url()) { "Naar de huidige versie " (case.current_version) }
            }
        }
        @if case.saved { div.notice.notice-success role="status" { p { "Opgeslagen." } } }
        (state.summary())
        (party_section(ctx, case, access.party(), state))
        (report_body(&context, case, &outcome))
    };
    Ok(layout::page(ctx, Section::Shared, &doc.question, body))
}

/// GET /gedeeld/afwegingen/{id}
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Markup, AppError> {
    let (access, mut case) = open(&app, &ctx, &id, q.versie).await?;
    case.saved = q.opgeslagen.is_some();
    show(&app, &ctx, &access, &case, &FormState::default()).await
}

/// Applies a command as the share's party: back to the page, or the page
/// again with the refusal next to its field (422).
async fn answer(
    app: &AppState,
    ctx: &Ctx,
    access: &PartnerAccess,
    id: &str,
    form: &CaseForm,
    command: &CaseCommand,
    field: impl Fn(&str) -> String,
) -> Result<Response, AppError> {
    match submit_as(app, ctx, &scope(ctx, access), id, form, command, field).await? {
        Submitted::Saved => Ok(saved(&format!("{SHARED_BASE}/{id}"))),
        Submitted::Refused(case, state) => {
            Ok(refused(show(app, ctx, access, &case, &state).await?))
        }
    }
}

/// The share, the current version and the party's participant id (empty
/// when the party does not take part: every command is then refused).
async fn current(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
) -> Result<(PartnerAccess, Loaded, String), AppError> {
    let (access, case) = open(app, ctx, id, None).await?;
    let pid = party_id(case.doc(), access.party()).unwrap_or_default();
    Ok((access, case, pid))
}

/// The form field of a refusal about a problem: the text next to its
/// input, anything else (another party's problem) at the top.
fn problem_field(field: &str) -> String {
    if field == "problem.text" {
        "problem_text".into()
    } else {
        String::new()
    }
}

/// The form field of a refusal about a comment.
fn comment_field(field: &str) -> String {
    if field == "comment.text" {
        "comment_text".into()
    } else {
        String::new()
    }
}

/// The form field of a refusal about the weighing of `party`: next to the
/// party's own form, or at the top for another party's (which has no form
/// on the page).
fn weighting_field(party: &str, own: &str) -> String {
    if party == own {
        format!("partij.{party}.values")
    } else {
        String::new()
    }
}

/// POST /gedeeld/afwegingen/{id}/problemen
pub async fn add_problem(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let (access, _, pid) = current(&app, &ctx, &id).await?;
    let command = CaseCommand::AddProblem {
        text: form.fields.get("problem_text").to_string(),
        owner: pid,
    };
    answer(&app, &ctx, &access, &id, &form, &command, problem_field).await
}

/// POST /gedeeld/afwegingen/{id}/problemen/{pid}/verwijderen
pub async fn remove_problem(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, problem)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let (access, _, _) = current(&app, &ctx, &id).await?;
    let command = CaseCommand::RemoveProblem { id: problem };
    answer(&app, &ctx, &access, &id, &form, &command, problem_field).await
}

/// POST /gedeeld/afwegingen/{id}/weging/partij/{pid}: the party's own
/// weighing (another party's is refused).
pub async fn save_weighting(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, party)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let (access, case, own) = current(&app, &ctx, &id).await?;
    let values = weighting_field(&party, &own);
    let mut state = FormState::from_fields(&form.fields);
    let holder = WeightHolder::Party(party);
    let Some(command) = weighting_command(case.doc(), holder, &form.fields, &mut state) else {
        return Ok(refused(show(&app, &ctx, &access, &case, &state).await?));
    };
    answer(&app, &ctx, &access, &id, &form, &command, |_| {
        values.clone()
    })
    .await
}

/// POST /gedeeld/afwegingen/{id}/weging/partij/{pid}/verwijderen
pub async fn remove_weighting(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, party)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let (access, _, own) = current(&app, &ctx, &id).await?;
    let values = weighting_field(&party, &own);
    let command = CaseCommand::RemoveWeighting { participant: party };
    answer(&app, &ctx, &access, &id, &form, &command, |_| {
        values.clone()
    })
    .await
}

/// POST /gedeeld/afwegingen/{id}/opmerkingen
pub async fn add_comment(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let (access, _, pid) = current(&app, &ctx, &id).await?;
    let command = CaseCommand::AddComment {
        party: pid,
        author: ctx.user.name.clone(),
        at: crate::auth::unix_now(),
        text: form.fields.get("comment_text").to_string(),
    };
    answer(&app, &ctx, &access, &id, &form, &command, comment_field).await
}

/// POST /gedeeld/afwegingen/{id}/opmerkingen/{cid}/verwijderen
pub async fn remove_comment(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, comment)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let (access, _, _) = current(&app, &ctx, &id).await?;
    let command = CaseCommand::RemoveComment { id: comment };
    answer(&app, &ctx, &access, &id, &form, &command, comment_field).await
}
