//! Approving a version of the afspraken for one's party, and opening a new
//! version after an approved one.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use wikken_core::format;
use wikken_storage::{AgreementSave, AgreementSaveError};

use super::Tab;
use crate::AppState;
use crate::error::AppError;
use crate::layout::Ctx;
use crate::pages::case::kit::{CaseForm, refused};

/// POST /prestatieafspraken/{id}/goedkeuren
pub async fn approve(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    if !a.access.may_change {
        return Err(AppError::forbidden());
    }
    let party = a
        .access
        .approving_party(a.doc())
        .ok_or_else(AppError::forbidden)?;
    let user = a.access.event_user(&ctx);
    let terms = format::parse_number(form.fields.get("_termen")).map(|r| r as u32);
    let save = AgreementSave {
        user: &user,
        revision: None,
        form_token: None,
    };
    let approved = app
        .store
        .approve_agreement(&a.access.owner, &a.id, &save, &party, terms)
        .await;
    let notice = match approved {
        Ok(_) => return Ok(Redirect::to(&a.url()).into_response()),
        Err(AgreementSaveError::Refused(r)) => r.to_string(),
        Err(AgreementSaveError::Conflict) => "De doelen of acties zijn gewijzigd sinds u de pagina opende. Bekijk wat er nu staat en keur opnieuw goed.".to_string(),
        Err(AgreementSaveError::NotFound) => return Err(AppError::NotFound),
        Err(AgreementSaveError::AlreadyApplied) => return Ok(Redirect::to(&a.url()).into_response()),
        Err(AgreementSaveError::Storage(e)) => return Err(e.into()),
    };
    let a = super::load(&app, &ctx, &id, None).await?;
    let body =
        super::overview::body(&app, &ctx, &a, Some(&format!("Niet goedgekeurd. {notice}"))).await?;
    Ok(refused(super::page(
        &ctx,
        &a,
        Tab::Overview,
        &a.doc().title.clone(),
        body,
    )))
}

/// POST /prestatieafspraken/{id}/nieuwe-versie
pub async fn new_version(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    _form: CaseForm,
) -> Result<Response, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    if !a.access.edits_terms() {
        return Err(AppError::forbidden());
    }
    match app
        .store
        .new_agreement_version(&a.access.owner, &a.id, &a.access.event_user(&ctx))
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("{}/doelen", a.url())).into_response()),
        Err(AgreementSaveError::NotFound) => Err(AppError::NotFound),
        Err(AgreementSaveError::Storage(e)) => Err(e.into()),
        Err(e) => Err(AppError::Internal(e.to_string())),
    }
}
