//! Step 7: the besluit (chosen options, rationale, dissenting views,
//! conditions), which freezes the version; opening a new version; the
//! versions and the history of the afweging.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use wikken_core::case::command::CaseCommand;
use wikken_storage::CaseId;

use super::form::{Fields, FormState, textarea};
use super::kit::{CaseForm, Step, Submitted, form_fields, refused, saved};
use super::start::area_aside;
use super::{Loaded, action_button, case_header, event_user, may_edit};
use crate::AppState;
use crate::dates::when;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};

fn history(events: &[wikken_storage::CaseEventRow]) -> Markup {
    html! {
        (layout::table_wrap("Geschiedenis van de afweging", html! { table {
            caption { "Geschiedenis: wie wijzigde wat, wanneer (nieuwste eerst)" }
            thead { tr { th scope="col" { "Wanneer" } th scope="col" { "Wie" } th.num scope="col" { "Versie" } th scope="col" { "Wat" } } }
            tbody { @for e in events { tr { td { (when(e.at)) } td { (e.user_name) } td.num { (e.version) } td { (e.action) } } } }
        } }))
    }
}

pub(crate) fn step7(
    ctx: &Ctx,
    case: &Loaded,
    state: &FormState,
    aside: &Markup,
    versions: &[(i64, Option<i64>, i64, String)],
    events: &[wikken_storage::CaseEventRow],
) -> Markup {
    let doc = case.doc();
    let url = case.url();
    let missing = doc.missing_for_results();
    html! {
        (case_header(case, Step::Decision, aside))
        h1 { "Besluit" }
        @if let Some(d) = &doc.decision {
            section.notice aria-labelledby="besluit-kop" {
                h2 #besluit-kop { "Besloten op " (when(d.decided_at)) " door " (d.decided_by) }
                p { "Gekozen: " strong { (d.chosen.iter().map(|c| doc.option(c).map_or(c.as_str(), |o| o.spec.name.as_str())).collect::<Vec<_>>().join(", ")) } }
                h3 { "Onderbouwing" } p.prewrap { (d.rationale) }
                @if !d.dissent.is_empty() { h3 { "Afwijkende standpunten" } p.prewrap { (d.dissent) } }
                @if !d.conditions.is_empty() { h3 { "Voorwaarden" } p.prewrap { (d.conditions) } }
            }
            @if case.version.version == case.current_version && ctx.user.role.can_edit() {
                p { "Deze versie is vastgelegd en verandert niet meer. Wilt u verder werken (bijvoorbeeld na nieuwe cijfers), open dan een nieuwe versie; deze blijft leesbaar." }
                (action_button(ctx, &format!("{url}/nieuwe-versie"), "Nieuwe versie openen", "button", None))
            }
        } @else if !missing.is_empty() {
            div.notice.notice-warning { p { "Nog geen besluit mogelijk:" } ul { @for m in &missing { li { (m) } } } }
        } @else if case.editable() && ctx.user.role.can_edit() {
            p { "Leg vast wat er is gekozen en waarom, in uw eigen woorden. Daarmee wordt deze versie bevroren: latere wijzigingen komen in een nieuwe versie." }
            (state.summary())
            form method="post" action=(format!("{url}/besluit")) data-warn-unsaved {
                (form_fields(ctx, state, "besluit"))
                fieldset {
                    legend { "Gekozen optie(s)" }
                    @for o in doc.shortlist() {
                        div.check {
                            input type="checkbox" name="chosen" value=(o.spec.id) id=(format!("k-{}", o.spec.id)) checked[state.ticked("chosen", &o.spec.id)];
                            label for=(format!("k-{}", o.spec.id)) { (o.spec.name) }
                        }
                    }
                    (state.message("chosen"))
                }
                (textarea(state, "rationale", "Onderbouwing", "", "Waarom deze keuze? Noem de doorslaggevende argumenten, ook die niet in euro's zijn."))
                (textarea(state, "dissent", "Afwijkende standpunten (optioneel)", "", "Wie dacht er anders over, en waarom?"))
                (textarea(state, "conditions", "Voorwaarden (optioneel)", "", "Bijv. cofinanciering door de gemeente, evaluatie na twee jaar."))
                button type="submit" { "Besluit vastleggen" }
            }
        } @else {
            p { "Nog geen besluit." }
        }
        h2 { "Versies" }
        ul { @for (v, frozen, created, by) in versions {
            li { a href=(format!("{url}?versie={v}")) { "Versie " (v) } " — gemaakt " (when(*created)) " door " (by)
                @if let Some(f) = frozen { ", besluit vastgelegd " (when(*f)) } @else { ", concept" } }
        } }
        h2 { "Geschiedenis" }
        (history(events))
    }
}

async fn render(
    app: &AppState,
    ctx: &Ctx,
    case: &Loaded,
    state: &FormState,
) -> Result<Markup, AppError> {
    let aside = area_aside(app, ctx, case).await?;
    let versions = app.store.case_versions(&ctx.user.org, &case.id).await?;
    let events = app.store.case_events(&ctx.user.org, &case.id).await?;
    Ok(layout::page(
        ctx,
        Section::Cases,
        "Besluit",
        step7(ctx, case, state, &aside, &versions, &events),
    ))
}

/// GET /afwegingen/{id}/besluit
pub async fn page(State(app): State<AppState>, ctx: Ctx, case: Loaded) -> Result<Markup, AppError> {
    render(&app, &ctx, &case, &FormState::default()).await
}

/// The command the besluit form asks for, decided by `user` at `now`
/// (Unix seconds).
pub(crate) fn decision_command(f: &Fields, user: &str, now: i64) -> CaseCommand {
    CaseCommand::Decide {
        chosen: f.all("chosen"),
        rationale: f.get("rationale").to_string(),
        dissent: f.get("dissent").to_string(),
        conditions: f.get("conditions").to_string(),
        decided_by: user.to_string(),
        decided_at: now,
    }
}

/// POST /afwegingen/{id}/besluit
pub async fn decide(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let command = decision_command(&form.fields, &ctx.user.name, now);
    let field = |f: &str| match f {
        "decision" => "chosen".to_string(),
        f => f.trim_start_matches("decision.").to_string(),
    };
    match super::kit::submit(&app, &ctx, &id, &form, &command, field).await? {
        Submitted::Saved => Ok(saved(&format!("/afwegingen/{id}/besluit"))),
        Submitted::Refused(case, state) => Ok(refused(render(&app, &ctx, &case, &state).await?)),
    }
}

/// POST /afwegingen/{id}/nieuwe-versie: opens a new version after a
/// besluit. With `_then` (a form refused because the version was frozen
/// while it was typed) the browser is sent on to post that form again,
/// into the new version (307 keeps the method and the fields).
pub async fn new_version(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    may_edit(&ctx)?;
    app.store
        .new_case_version(&ctx.user.org, &CaseId::from(id.as_str()), &event_user(&ctx))
        .await?;
    let then = form.fields.get("_then");
    let case_url = format!("/afwegingen/{id}/");
    if then.starts_with(&case_url) && !then.ends_with("/nieuwe-versie") && !then.contains("..") {
        return Ok((
            StatusCode::TEMPORARY_REDIRECT,
            [(axum::http::header::LOCATION, then.to_string())],
        )
            .into_response());
    }
    Ok(Redirect::to(&format!("/afwegingen/{id}")).into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn dutch_local_times() {
        use crate::dates::when;
        // 2026-11-24 13:05 UTC is 14:05 in winter time.
        assert_eq!(when(1_795_525_500), "24 november 2026, 14:05");
        // 2026-07-01 10:00 UTC is 12:00 in summer time.
        assert_eq!(when(1_782_900_000), "1 juli 2026, 12:00");
    }
}
