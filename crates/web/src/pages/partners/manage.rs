//! `/partners`: the corporation's partner organisations and what each
//! sees; inviting someone by e-mail address (the page shows the link to
//! pass on: there is no mail server), sharing with an organisation that
//! already is a partner, revoking a share, and renewing or revoking a
//! pending invitation. For beheerders and strategen; every change has a
//! line in the history.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::Markup;
use wikken_storage::{
    CaseId, EventUser, InvitationId, NewInvitation, OrganisationId, OrganisationKind, ShareError,
    ShareId, ShareKind, ShareOutcome, Subject,
};

use super::manage_view::{Notice, View, page};
use crate::AppState;
use crate::error::AppError;
use crate::layout::Ctx;
use crate::pages::case::form::{Fields, FormState};
use crate::pages::case::kit::{CaseForm, party_id};
use crate::pages::case::{event_user, may_edit};
use crate::pages::users::plausible_email;

/// Longest e-mail address and organisation name accepted.
const MAX_EMAIL: usize = 254;
const MAX_NAME: usize = 200;
/// History lines shown.
const HISTORY: i64 = 50;

/// The page with everything it lists, a notice and a (refused) form state.
async fn show(
    app: &AppState,
    ctx: &Ctx,
    notice: Option<Notice>,
    state: &FormState,
) -> Result<Markup, AppError> {
    let org = &ctx.user.org;
    let partners = app.store.partner_organisations(org).await?;
    let shares = app.store.shares_of_owner(org).await?;
    let invitations = app.store.pending_invitations(org).await?;
    let cases = app.store.cases(org).await?;
    let mut parties = Vec::with_capacity(cases.len());
    for c in &cases {
        if let Some(v) = app.store.case_version(org, &c.id, None).await? {
            let names = v.doc.participants.iter().map(|p| p.name.clone()).collect();
            parties.push((c.id.to_string(), names));
        }
    }
    let events = app.store.share_events(org, HISTORY).await?;
    let mut agreements = Vec::new();
    for a in app.store.agreements(org).await? {
        if let Some(v) = app.store.agreement_version(org, &a.id, None).await? {
            let names = v.doc.parties.iter().map(|p| p.name.clone()).collect();
            agreements.push((a.id.to_string(), a.title.clone(), names));
        }
    }
    let view = View {
        agreements: &agreements,
        partners: &partners,
        shares: &shares,
        invitations: &invitations,
        cases: &cases,
        parties: &parties,
        events: &events,
        notice,
        now: crate::auth::unix_now(),
    };
    Ok(page(ctx, &view, state))
}

/// GET /partners
pub async fn index(State(app): State<AppState>, ctx: Ctx) -> Result<Markup, AppError> {
    may_edit(&ctx)?;
    show(&app, &ctx, None, &FormState::default()).await
}

/// The page again with the refused form's input and its problems (422).
async fn refused(app: &AppState, ctx: &Ctx, state: &FormState) -> Result<Response, AppError> {
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        show(app, ctx, None, state).await?,
    )
        .into_response())
}

/// The page with a notice.
async fn done(app: &AppState, ctx: &Ctx, notice: Notice) -> Result<Response, AppError> {
    Ok(show(app, ctx, Some(notice), &FormState::default())
        .await?
        .into_response())
}

/// What is to be shared, from the form's subject fields: an afweging of
/// the corporation with one of its parties, or its prestatieafspraken
/// with one of their partner parties. Problems land in `state`, named by field.
async fn subject(
    app: &AppState,
    ctx: &Ctx,
    f: &Fields,
    state: &mut FormState,
) -> Result<Option<Subject>, AppError> {
    let party = f.get("partij").trim();
    if party.is_empty() {
        state.error("partij", "Vul in als welke partij de partner meedoet.");
    } else if party.chars().count() > MAX_NAME {
        state.error(
            "partij",
            format!("Een partij heeft hoogstens {MAX_NAME} tekens."),
        );
    }
    if f.get("onderwerp") == "afspraken" {
        let id = wikken_storage::AgreementId::from(f.get("afspraken").trim());
        let Some(version) = app
            .store
            .agreement_version(&ctx.user.org, &id, None)
            .await?
        else {
            state.error("afspraken", "Kies een van uw prestatieafspraken.");
            return Ok(None);
        };
        let doc = &version.doc;
        let found = doc
            .parties
            .iter()
            .find(|p| p.name.trim().eq_ignore_ascii_case(party))
            .filter(|p| p.kind != wikken_core::agreement::PartyKind::Corporatie);
        if found.is_none() && !party.is_empty() {
            let names: Vec<&str> = doc
                .parties
                .iter()
                .filter(|p| p.kind != wikken_core::agreement::PartyKind::Corporatie)
                .map(|p| p.name.as_str())
                .collect();
            state.error(
                "partij",
                format!(
                    "{party} is geen partner bij deze afspraken. Kies: {}.",
                    names.join(", ")
                ),
            );
        }
        if state.has_errors() {
            return Ok(None);
        }
        return Ok(found.map(|p| Subject {
            kind: ShareKind::Afspraken,
            id: id.to_string(),
            party: p.name.clone(),
            title: doc.title.clone(),
        }));
    }
    let id = CaseId::from(f.get("afweging").trim());
    let Some(version) = app.store.case_version(&ctx.user.org, &id, None).await? else {
        state.error("afweging", "Kies een van uw afwegingen.");
        return Ok(None);
    };
    let doc = &version.doc;
    let Some(pid) = party_id(doc, party).filter(|_| !party.is_empty()) else {
        if !party.is_empty() {
            let names: Vec<&str> = doc.participants.iter().map(|p| p.name.as_str()).collect();
            let choose = if names.is_empty() {
                "Deze afweging heeft nog geen partijen: voeg de partij eerst toe bij stap 1."
                    .to_string()
            } else {
                format!("Kies een partij die meedoet: {}.", names.join(", "))
            };
            state.error(
                "partij",
                format!("{party} doet niet mee in deze afweging. {choose}"),
            );
        }
        return Ok(None);
    };
    if state.has_errors() {
        return Ok(None);
    }
    let name = doc.participant(&pid).map_or(party, |p| p.name.as_str());
    Ok(Some(Subject {
        kind: ShareKind::Afweging,
        id: id.to_string(),
        party: name.to_string(),
        title: doc.question.clone(),
    }))
}

/// The invitation link, absolute when the request says which host it was
/// sent to.
fn link(app: &AppState, headers: &HeaderMap, token: &str) -> String {
    let path = format!("/uitnodiging/{token}");
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        });
    match host {
        Some(host) => {
            let scheme = if app.settings.secure_cookies {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{host}{path}")
        }
        None => path,
    }
}

/// A storage refusal, next to the field it is about.
fn share_refusal(
    state: &mut FormState,
    e: ShareError,
    partner_field: &str,
) -> Result<(), AppError> {
    match e {
        ShareError::Storage(e) => return Err(e.into()),
        ShareError::SubjectNotFound => state.error("afweging", "Kies een van uw afwegingen."),
        ShareError::NotAPartner => state.error(
            partner_field,
            "Kies een partnerorganisatie (geen corporatie).",
        ),
        ShareError::BadName => state.error("partij", "Vul een partij in van hoogstens 200 tekens."),
    }
    Ok(())
}

/// POST /partners/uitnodigen
pub async fn invite(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    form: CaseForm,
) -> Result<Response, AppError> {
    may_edit(&ctx)?;
    let f = &form.fields;
    let mut state = FormState::from_fields(f);
    let email = f.get("email").trim().to_lowercase();
    if email.chars().count() > MAX_EMAIL || !plausible_email(&email) {
        let shown: String = email.chars().take(60).collect();
        state.error("email", format!("\"{shown}\" is geen e-mailadres."));
    }
    let organisation = f.get("organisatie").trim();
    if organisation.is_empty() || organisation.chars().count() > MAX_NAME {
        state.error(
            "organisatie",
            "Vul de naam van de organisatie in (hoogstens 200 tekens).",
        );
    }
    let kind = OrganisationKind::parse(f.get("soort")).filter(|k| k.is_partner());
    if kind.is_none() {
        state.error("soort", "Kies wat voor organisatie het is.");
    }
    let subject = subject(&app, &ctx, f, &mut state).await?;
    let (Some(kind), Some(subject), false) = (kind, subject, state.has_errors()) else {
        return refused(&app, &ctx, &state).await;
    };
    let new = NewInvitation {
        email: email.clone(),
        organisation_name: organisation.to_string(),
        organisation_kind: kind,
        subject,
    };
    match app
        .store
        .create_invitation(&ctx.user.org, &new, &event_user(&ctx))
        .await
    {
        Ok((_, token)) => {
            let url = link(&app, &headers, &token);
            done(&app, &ctx, Notice::Link { email, url }).await
        }
        Err(e) => {
            share_refusal(&mut state, e, "soort")?;
            refused(&app, &ctx, &state).await
        }
    }
}

/// POST /partners/delen: shares with an organisation that already is a
/// partner of this corporation.
pub async fn share(
    State(app): State<AppState>,
    ctx: Ctx,
    form: CaseForm,
) -> Result<Response, AppError> {
    may_edit(&ctx)?;
    let f = &form.fields;
    let mut state = FormState::from_fields(f);
    let partners = app.store.partner_organisations(&ctx.user.org).await?;
    let partner = partners.iter().find(|p| p.id == f.get("partner"));
    if partner.is_none() {
        state.error("partner", "Kies een van uw partnerorganisaties.");
    }
    let subject = subject(&app, &ctx, f, &mut state).await?;
    let (Some(partner), Some(subject), false) = (partner, subject, state.has_errors()) else {
        return refused(&app, &ctx, &state).await;
    };
    let by = event_user(&ctx);
    match app
        .store
        .share(&ctx.user.org, &partner.id, &subject, &by)
        .await
    {
        Ok(outcome) => {
            let r = outcome.row();
            let text = match &outcome {
                ShareOutcome::Shared(_) => format!(
                    "Gedeeld met {}, als partij {}.",
                    r.partner_name, r.subject.party
                ),
                ShareOutcome::PartyChanged(_) => format!(
                    "{} doet nu mee als partij {}.",
                    r.partner_name, r.subject.party
                ),
                ShareOutcome::Unchanged(_) => format!(
                    "Dit was al gedeeld met {}, als partij {}.",
                    r.partner_name, r.subject.party
                ),
            };
            done(&app, &ctx, Notice::Done(text)).await
        }
        Err(e) => {
            share_refusal(&mut state, e, "partner")?;
            refused(&app, &ctx, &state).await
        }
    }
}

/// POST /partners/delen/{share}/intrekken
pub async fn revoke_share(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(share): Path<String>,
    _form: CaseForm,
) -> Result<Response, AppError> {
    may_edit(&ctx)?;
    let owner: &OrganisationId = &ctx.user.org;
    let row = app
        .store
        .revoke_share(owner, &ShareId::from(share), &event_user(&ctx))
        .await?
        .ok_or(AppError::NotFound)?;
    let text = format!(
        "{} ziet ‘{}’ niet meer.",
        row.partner_name, row.subject.title
    );
    done(&app, &ctx, Notice::Done(text)).await
}

/// POST /partners/uitnodigingen/{invitation}/intrekken
pub async fn revoke_invitation(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(invitation): Path<String>,
    _form: CaseForm,
) -> Result<Response, AppError> {
    may_edit(&ctx)?;
    let id = InvitationId::from(invitation);
    if !app
        .store
        .revoke_invitation(&ctx.user.org, &id, &event_user(&ctx))
        .await?
    {
        return Err(AppError::NotFound);
    }
    done(
        &app,
        &ctx,
        Notice::Done("De uitnodiging is ingetrokken; de link werkt niet meer.".into()),
    )
    .await
}

/// POST /partners/uitnodigingen/{invitation}/nieuwe-link
pub async fn renew_invitation(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(invitation): Path<String>,
    _form: CaseForm,
) -> Result<Response, AppError> {
    may_edit(&ctx)?;
    let id = InvitationId::from(invitation);
    let email = app
        .store
        .pending_invitations(&ctx.user.org)
        .await?
        .into_iter()
        .find(|i| i.id == id)
        .map(|i| i.email)
        .ok_or(AppError::NotFound)?;
    let by: EventUser = event_user(&ctx);
    let token = app
        .store
        .renew_invitation(&ctx.user.org, &id, &by)
        .await?
        .ok_or(AppError::NotFound)?;
    let url = link(&app, &headers, &token);
    done(&app, &ctx, Notice::Link { email, url }).await
}
