//! Step 7: the besluit (chosen options, rationale, dissenting views,
//! conditions), which freezes the version; opening a new version; the
//! versions and the history of the afweging.

use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use wikken_core::case::edit::EditError;
use wikken_core::case::{CaseDoc, Decision};

use super::form::{Fields, FormState, textarea};
use super::start::area_aside;
use super::{
    EditResult, Loaded, VersionQuery, action_button, case_header, change, event_user, load,
    may_edit,
};
use crate::AppState;
use crate::csrf::Csrf;
use crate::dates::when;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, csrf_field};

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
        (case_header(case, "besluit", aside))
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
                (action_button(ctx, &format!("{url}/nieuwe-versie"), "Nieuwe versie openen", "button"))
            }
        } @else if !missing.is_empty() {
            div.notice.notice-warning { p { "Nog geen besluit mogelijk:" } ul { @for m in &missing { li { (m) } } } }
        } @else if case.editable() && ctx.user.role.can_edit() {
            p { "Leg vast wat er is gekozen en waarom, in uw eigen woorden. Daarmee wordt deze versie bevroren: latere wijzigingen komen in een nieuwe versie." }
            (state.summary())
            form method="post" action=(format!("{url}/besluit")) {
                (csrf_field(ctx))
                fieldset {
                    legend { "Gekozen optie(s)" }
                    @for o in doc.shortlist() {
                        div.check {
                            input type="checkbox" name="chosen" value=(o.spec.id) id=(format!("k-{}", o.spec.id)) checked[state.values.iter().any(|(k, v)| k == "chosen" && *v == o.spec.id)];
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
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Markup, AppError> {
    let case = load(&app, &ctx, &id, q.versie).await?;
    render(&app, &ctx, &case, &FormState::default()).await
}

/// The change the besluit form asks for, decided by `user` at `now` (Unix
/// seconds).
pub(crate) fn decision_edit(
    fields: &Fields,
    user: &str,
    now: i64,
) -> impl FnMut(&mut CaseDoc) -> EditResult + use<> {
    let chosen = fields.all("chosen");
    let rationale = fields.get("rationale").trim().to_string();
    let dissent = fields.get("dissent").trim().to_string();
    let conditions = fields.get("conditions").trim().to_string();
    let user = user.to_string();
    move |doc| {
        if let Some(m) = doc.missing_for_results().first() {
            return Err(EditError {
                field: "chosen",
                message: m.to_string(),
            });
        }
        if chosen.is_empty()
            || chosen
                .iter()
                .any(|c| !doc.shortlist().any(|o| o.spec.id == *c))
        {
            return Err(EditError {
                field: "chosen",
                message: "Kies ten minste één optie uit de voorselectie.".into(),
            });
        }
        if rationale.is_empty() {
            return Err(EditError {
                field: "rationale",
                message: "Schrijf op waarom: een besluit zonder onderbouwing is niet uitlegbaar."
                    .into(),
            });
        }
        let names: Vec<String> = chosen
            .iter()
            .filter_map(|c| doc.option(c))
            .map(|o| o.spec.name.clone())
            .collect();
        doc.decision = Some(Decision {
            chosen: chosen.clone(),
            rationale: rationale.clone(),
            dissent: dissent.clone(),
            conditions: conditions.clone(),
            decided_by: user.clone(),
            decided_at: now,
        });
        Ok(format!("Besluit vastgelegd: {}", names.join(", ")))
    }
}

/// POST /afwegingen/{id}/besluit
pub async fn decide(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields = Fields::new(fields);
    fields.check(&csrf)?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let result = change(&app, &ctx, &id, decision_edit(&fields, &ctx.user.name, now)).await?;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/afwegingen/{id}/besluit")).into_response()),
        Err(e) => {
            let mut state = FormState::from_fields(&fields);
            state.error(e.field, e.message);
            let case = load(&app, &ctx, &id, None).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&app, &ctx, &case, &state).await?,
            )
                .into_response())
        }
    }
}

/// POST /afwegingen/{id}/nieuwe-versie
pub async fn new_version(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    Fields::new(fields).check(&csrf)?;
    may_edit(&ctx)?;
    match app
        .store
        .new_case_version(&ctx.user.org, &id, &event_user(&ctx))
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/afwegingen/{id}")).into_response()),
        Err(wikken_storage::CaseSaveError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(AppError::Internal(e.to_string())),
    }
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
