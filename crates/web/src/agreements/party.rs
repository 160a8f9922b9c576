//! A party's page: everything it committed to (as kartrekker or partner),
//! with its budget and how each action stands; and adding or removing a
//! party.

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use wikken_core::agreement::{AgreementCommand, CommitmentStatus, Party, PartyKind, commitments};
use wikken_core::format;

use super::agenda::commitment_class;
use super::forms::{refused_page, submit};
use super::{Tab, this_year};
use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx};
use crate::pages::case::kit::CaseForm;

/// GET /prestatieafspraken/{id}/partij/{party}
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, party)): Path<(String, String)>,
) -> Result<Markup, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    let p = a.doc().party(&party).ok_or(AppError::NotFound)?.clone();
    let now = this_year();
    let mine = commitments(a.doc(), now)
        .into_iter()
        .find(|c| c.party == p.name)
        .expect("every party has commitments");
    let goals: Vec<_> = a
        .doc()
        .goals
        .iter()
        .filter(|g| g.contributions.iter().any(|c| c.party == p.name))
        .collect();
    let body = html! {
        h1 { (p.name) }
        p.lead { (format::capitalised(p.kind.label())) @if p.signs { ", ondertekent de afspraken" } ". "
            (mine.actions.len()) " acties, samen " (format::euro(mine.budget)) ". "
            @if mine.actions.is_empty() { } @else if mine.kept() { "Niets te laat." } @else { strong { (mine.count(CommitmentStatus::Late)) " te laat." } } }
        @for y in a.doc().years() {
            @let rows: Vec<_> = a.doc().actions.iter().filter(|x| x.year == y && (x.lead == p.name || x.roles.iter().any(|r| r.party == p.name))).collect();
            @if !rows.is_empty() {
                (layout::table_wrap(&format!("Toezeggingen {y}"), html! { table {
                    caption { "Toezeggingen " (y) }
                    thead { tr { th scope="col" { "Actie" } th scope="col" { "Rol" } th scope="col" { "Taak" } th.num scope="col" { "Budget" } th scope="col" { "Stand" } } }
                    tbody { @for x in rows {
                        @let role = x.roles.iter().find(|r| r.party == p.name);
                        @let c = CommitmentStatus::of(x, now);
                        tr {
                            td { a href=(format!("{}/acties/{}", a.url(), x.id)) { (x.title) } br; span.muted { (x.measure) } }
                            td { @if x.lead == p.name { "kartrekker" } @else { "partner" } }
                            td { (role.map_or("", |r| r.task.as_str())) }
                            td.num { (format::euro(role.map_or(0.0, |r| r.budget))) }
                            td { span.light.(commitment_class(c)) { (c.label()) } }
                        }
                    } }
                } }))
            }
        }
        @if !goals.is_empty() {
            h2 { "Bijdragen aan doelen" }
            ul { @for g in goals { li { a href=(format!("{}/doelen/{}", a.url(), g.id)) { (g.title) } ": " (format::euro(g.contributions.iter().filter(|c| c.party == p.name).map(|c| c.amount).sum())) } } }
        }
    };
    Ok(super::page(&ctx, &a, Tab::Overview, &p.name, body))
}

async fn party_command(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    form: &CaseForm,
    command: AgreementCommand,
) -> Result<Response, AppError> {
    let a = super::load(app, ctx, id, None).await?;
    match submit(
        app,
        ctx,
        &a,
        &form.fields,
        &command,
        &a.url(),
        str::to_string,
    )
    .await?
    {
        Ok(done) => Ok(done),
        Err(state) => {
            let a = super::load(app, ctx, id, None).await?;
            let message = state.errors.values().cloned().collect::<Vec<_>>().join(" ");
            let body =
                super::overview::body(app, ctx, &a, Some(&format!("Niet opgeslagen. {message}")))
                    .await?;
            Ok(refused_page(super::page(
                ctx,
                &a,
                Tab::Overview,
                &a.doc().title.clone(),
                body,
            )))
        }
    }
}

/// POST /prestatieafspraken/{id}/partijen
pub async fn add(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let f = &form.fields;
    let kind = PartyKind::from_key(f.get("soort"))
        .filter(|k| *k != PartyKind::Corporatie)
        .unwrap_or(PartyKind::Overig);
    let party = Party {
        name: f.get("naam").trim().to_string(),
        kind,
        signs: f.has("tekent"),
    };
    party_command(&app, &ctx, &id, &form, AgreementCommand::AddParty(party)).await
}

/// POST /prestatieafspraken/{id}/partijen/verwijderen
pub async fn remove(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let name = form.fields.get("naam").to_string();
    party_command(
        &app,
        &ctx,
        &id,
        &form,
        AgreementCommand::RemoveParty { name },
    )
    .await
}
