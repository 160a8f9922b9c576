//! The list of prestatieafspraken per gemeente, and starting new ones.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use wikken_core::agreement::{Agreement, Party, PartyKind};

use super::access::Access;
use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};
use crate::pages::case::form::{FormState, text_input};
use crate::pages::case::kit::CaseForm;

/// GET /prestatieafspraken
pub async fn index(State(app): State<AppState>, ctx: Ctx) -> Result<Markup, AppError> {
    page(&app, &ctx, &FormState::default()).await
}

/// A partner's list: the afspraken shared with its organisation, per
/// corporation.
async fn shared(app: &AppState, ctx: &Ctx) -> Result<Markup, AppError> {
    let shares: Vec<_> = app
        .store
        .shares_of_partner(&ctx.user.org)
        .await?
        .into_iter()
        .filter(|s| s.subject.kind == wikken_storage::ShareKind::Afspraken)
        .collect();
    let mut rows = Vec::new();
    for s in &shares {
        let id = wikken_storage::AgreementId::from(s.subject.id.as_str());
        if let Some(row) = app.store.agreement(&s.owner, &id).await? {
            rows.push((s, row));
        }
    }
    let body = html! {
        h1 { "Prestatieafspraken" }
        p.lead { "De prestatieafspraken die met " (ctx.org_name) " zijn gedeeld. U keurt ze goed namens uw partij, meldt de voortgang van uw acties en schrijft mee aan de jaarlijkse evaluatie." }
        @if rows.is_empty() { p { "Er zijn nog geen prestatieafspraken met u gedeeld." } }
        @else {
            (layout::table_wrap("Gedeelde prestatieafspraken", html! { table {
                thead { tr { th scope="col" { "Afspraken" } th scope="col" { "Corporatie" } th scope="col" { "U doet mee als" } th scope="col" { "Looptijd" } th scope="col" { "Stand" } } }
                tbody { @for (s, r) in &rows { tr {
                    td { a href=(format!("/prestatieafspraken/{}", r.id)) { (r.title) } }
                    td { (s.owner_name) }
                    td { (s.subject.party) }
                    td { (r.first_year) "–" (r.last_year) }
                    td { @if r.approved_at.is_some() { "goedgekeurd" } @else { "concept" } }
                } } }
            } }))
        }
    };
    Ok(layout::page(
        ctx,
        Section::Agreements,
        "Prestatieafspraken",
        body,
    ))
}

async fn page(app: &AppState, ctx: &Ctx, state: &FormState) -> Result<Markup, AppError> {
    if ctx.user.is_partner() {
        return shared(app, ctx).await;
    }
    let rows = app.store.agreements(&ctx.user.org).await?;
    let gemeenten = app.store.gemeenten(&ctx.user.org).await?;
    let this_year = super::this_year();
    let body = html! {
        h1 { "Prestatieafspraken" }
        p.lead { "Wat corporatie, gemeente en huurdersorganisatie samen afspreken: doelen die te meten zijn, een uitvoeringsagenda per jaar met een kartrekker per actie, en een monitor die zegt of de doelen op koers liggen en of elke partij doet wat ze toezegde." }
        @if rows.is_empty() {
            p { "Er zijn nog geen prestatieafspraken." }
        } @else {
            (layout::table_wrap("Prestatieafspraken", html! { table {
                caption { "Prestatieafspraken van " (ctx.org_name) }
                thead { tr { th scope="col" { "Afspraken" } th scope="col" { "Gemeente" } th scope="col" { "Looptijd" } th.num scope="col" { "Versie" } th scope="col" { "Stand" } th scope="col" { "Gewijzigd" } } }
                tbody { @for r in &rows {
                    tr {
                        td { a href=(format!("/prestatieafspraken/{}", r.id)) { (r.title) } }
                        td { (gemeenten.iter().find(|g| g.code == r.gemeente_code).map_or(r.gemeente_code.as_str(), |g| g.name.as_str())) }
                        td { (r.first_year) "–" (r.last_year) }
                        td.num { (r.current_version) }
                        td { @if r.approved_at.is_some() { "goedgekeurd" } @else { "concept" } }
                        td { (crate::dates::when(r.updated_at)) }
                    }
                } }
            } }))
        }
        @if ctx.user.role.can_edit() && !gemeenten.is_empty() {
            section aria-labelledby="nieuw-kop" {
                h2 #nieuw-kop { "Nieuwe prestatieafspraken" }
                (state.summary())
                form method="post" action="/prestatieafspraken" data-warn-unsaved {
                    (layout::csrf_field(ctx))
                    div.field {
                        label for="gemeente" { "Gemeente" }
                        select #gemeente name="gemeente" {
                            @for g in &gemeenten { option value=(g.code) selected[state.typed("gemeente") == Some(g.code.as_str())] { (g.name) } }
                        }
                        (state.message("gemeente"))
                    }
                    (text_input(state, "titel", "Titel", "", "Bijvoorbeeld \"Prestatieafspraken Lindeveen 2026–2029\""))
                    (text_input(state, "eerste_jaar", "Eerste jaar", &this_year.to_string(), ""))
                    (text_input(state, "laatste_jaar", "Laatste jaar", &(this_year + 3).to_string(), "Hoogstens tien jaar"))
                    (text_input(state, "huurders", "Huurdersorganisatie", "", "De naam van de huurdersorganisatie die meetekent"))
                    p.hint { "Partijen: " (ctx.org_name) " (corporatie), de gemeente en de huurdersorganisatie; andere partners voegt u daarna toe." }
                    button type="submit" { "Afspraken starten" }
                }
            }
        }
    };
    Ok(layout::page(
        ctx,
        Section::Agreements,
        "Prestatieafspraken",
        body,
    ))
}

/// POST /prestatieafspraken
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    form: CaseForm,
) -> Result<Response, AppError> {
    if !ctx.user.role.can_edit() || ctx.user.is_partner() {
        return Err(AppError::forbidden());
    }
    let f = &form.fields;
    let mut state = FormState::from_fields(f);
    let gemeenten = app.store.gemeenten(&ctx.user.org).await?;
    let gemeente = gemeenten.iter().find(|g| g.code == f.get("gemeente"));
    if gemeente.is_none() {
        state.error("gemeente", "Kies een gemeente uit de lijst.");
    }
    let first = state.number(f, "eerste_jaar", 2000.0, 2100.0);
    let last = state.number(f, "laatste_jaar", 2000.0, 2100.0);
    let huurders = f.get("huurders").trim();
    if huurders.is_empty() {
        state.error("huurders", "Vul de naam van de huurdersorganisatie in.");
    }
    if let (Some(g), Some(first), Some(last), false) = (gemeente, first, last, huurders.is_empty())
    {
        let parties = vec![
            Party {
                name: ctx.org_name.clone(),
                kind: PartyKind::Corporatie,
                signs: true,
            },
            Party {
                name: format!("Gemeente {}", g.name),
                kind: PartyKind::Gemeente,
                signs: true,
            },
            Party {
                name: huurders.to_string(),
                kind: PartyKind::Huurdersorganisatie,
                signs: true,
            },
        ];
        match Agreement::new(
            f.get("titel"),
            &g.code,
            &g.name,
            (first as i32, last as i32),
            parties,
        ) {
            Ok(doc) => {
                let access = Access {
                    owner: ctx.user.org.clone(),
                    actor: wikken_core::agreement::Actor::Corporation {
                        name: ctx.user.name.clone(),
                    },
                    party: None,
                    may_change: true,
                };
                let id = app
                    .store
                    .create_agreement(&ctx.user.org, &access.event_user(&ctx), &doc)
                    .await?;
                return Ok(
                    Redirect::to(&format!("/prestatieafspraken/{id}/doelen")).into_response()
                );
            }
            Err(r) => {
                for o in r.objections {
                    let field = if o.field.starts_with("partijen") {
                        "huurders".to_string()
                    } else {
                        o.field
                    };
                    state.error(field, o.message);
                }
            }
        }
    }
    Ok(crate::pages::case::kit::refused(
        page(&app, &ctx, &state).await?,
    ))
}
