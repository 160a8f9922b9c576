//! The facilitator's side: opening a werkatelier on an afweging, steering
//! its rounds, making problems of pins, and closing it, which writes its
//! outcome into the afweging as one change.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;
use wikken_core::case::command::CaseCommand;
use wikken_core::werkatelier::live::setup::{MIN_ROLE_SIZE, PICKS, STANDARD_ROLES};
use wikken_core::werkatelier::live::{Item, Round, RoundAction, Setup, WorkshopRole};
use wikken_storage::{
    CaseSave, CaseSaveError, NewWorkshop, WorkshopError, WorkshopId, WorkshopRow,
};

use super::identity::field;
use super::outcome::case_outcome;
use super::views::{self, NewForm};
use crate::AppState;
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout::Ctx;
use crate::pages::case::{self as case_pages};

/// The form of a facilitator, CSRF checked.
pub struct StaffForm(pub Vec<(String, String)>);

impl StaffForm {
    pub async fn read(csrf: &Csrf, fields: Vec<(String, String)>) -> Result<StaffForm, AppError> {
        csrf.check(field(&fields, "_csrf").unwrap_or(""))?;
        Ok(StaffForm(fields))
    }

    pub fn value(&self, name: &str) -> &str {
        field(&self.0, name).unwrap_or("")
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

pub fn may_steer(ctx: &Ctx) -> Result<(), AppError> {
    if ctx.user.role.can_edit() {
        Ok(())
    } else {
        Err(AppError::Status(
            StatusCode::FORBIDDEN,
            "Een werkatelier openen en leiden kan een strateeg of beheerder.".into(),
        ))
    }
}

/// The organisation's werkatelier, or 404.
pub async fn own_workshop(app: &AppState, ctx: &Ctx, id: &str) -> Result<WorkshopRow, AppError> {
    app.store
        .workshop(&ctx.user.org, &WorkshopId::from(id))
        .await?
        .ok_or(AppError::NotFound)
}

/// The set-up a new werkatelier on this afweging starts from.
fn default_form(doc: &wikken_core::case::CaseDoc) -> NewForm {
    let mut rounds = vec![Round::Punten, Round::Paarsgewijs, Round::Voorselectie];
    if doc.area.code.is_some() {
        rounds.insert(0, Round::Spelden);
    }
    NewForm {
        title: format!("Werkatelier {}", crate::dates::day(crate::auth::unix_now())),
        rounds,
        roles: STANDARD_ROLES
            .iter()
            .map(|(id, _)| id.to_string())
            .collect(),
        weights: Vec::new(),
        min_role_size: MIN_ROLE_SIZE.to_string(),
        picks: PICKS.to_string(),
        errors: Vec::new(),
    }
}

/// Every role the form offers: the usual ones, then the afweging's parties.
pub fn offered_roles(doc: &wikken_core::case::CaseDoc) -> Vec<(String, String)> {
    STANDARD_ROLES
        .iter()
        .map(|(id, label)| (id.to_string(), label.to_string()))
        .chain(
            doc.participants
                .iter()
                .map(|p| (format!("partij-{}", p.id), p.name.clone())),
        )
        .collect()
}

/// GET /afwegingen/{id}/werkateliers
pub async fn index(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Markup, AppError> {
    let case = case_pages::load(&app, &ctx, &id, None).await?;
    let list = app.store.workshops(&ctx.user.org, Some(&case.id)).await?;
    let form = default_form(case.doc());
    Ok(views::case_workshops(&ctx, &case, &list, &form))
}

/// POST /afwegingen/{id}/werkateliers
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = StaffForm::read(&csrf, fields).await?;
    may_steer(&ctx)?;
    let case = case_pages::load(&app, &ctx, &id, None).await?;
    let doc = case.doc();
    let offered = offered_roles(doc);
    let chosen_roles = form.all("rol");
    let mut typed = NewForm {
        title: form.value("titel").to_string(),
        rounds: form
            .all("ronde")
            .into_iter()
            .filter_map(Round::parse)
            .collect(),
        roles: chosen_roles.iter().map(|s| s.to_string()).collect(),
        weights: offered
            .iter()
            .map(|(rid, _)| {
                (
                    rid.clone(),
                    form.value(&format!("gewicht_{rid}")).to_string(),
                )
            })
            .collect(),
        min_role_size: form.value("min_rol").to_string(),
        picks: form.value("keuzes").to_string(),
        errors: Vec::new(),
    };
    let number = |text: &str| wikken_core::format::parse_number(text);
    let roles: Vec<WorkshopRole> = offered
        .iter()
        .filter(|(rid, _)| chosen_roles.contains(&rid.as_str()))
        .map(|(rid, label)| {
            let w = typed
                .weights
                .iter()
                .find(|(r, _)| r == rid)
                .map(|(_, v)| v.as_str())
                .unwrap_or("");
            WorkshopRole {
                id: rid.clone(),
                label: label.clone(),
                weight: if w.is_empty() {
                    1.0
                } else {
                    number(w).unwrap_or(f64::NAN)
                },
            }
        })
        .collect();
    let whole = |text: &str, default: u32| {
        if text.is_empty() {
            Some(default)
        } else {
            text.parse::<u32>().ok().filter(|n| *n <= 50)
        }
    };
    let setup = Setup {
        subject: Default::default(),
        rounds: typed.rounds.clone(),
        roles,
        criteria: doc
            .criteria
            .iter()
            .map(|c| Item {
                id: c.id.clone(),
                label: c.name.clone(),
            })
            .collect(),
        options: doc
            .shortlist()
            .map(|o| Item {
                id: o.spec.id.clone(),
                label: o.spec.name.clone(),
            })
            .collect(),
        min_role_size: whole(&typed.min_role_size, MIN_ROLE_SIZE).unwrap_or(0),
        picks: whole(&typed.picks, PICKS).unwrap_or(0),
    };
    let title = typed.title.trim().to_string();
    if title.is_empty() {
        typed
            .errors
            .push(("titel".into(), "Geef het werkatelier een naam.".into()));
    } else if title.chars().count() > wikken_core::limits::LINE_CHARS.max {
        typed
            .errors
            .push(("titel".into(), "Die naam is te lang.".into()));
    }
    if let Err(e) = setup.check() {
        typed
            .errors
            .extend(e.iter().map(|p| (p.path.clone(), p.message.clone())));
    }
    if !typed.errors.is_empty() {
        let list = app.store.workshops(&ctx.user.org, Some(&case.id)).await?;
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            views::case_workshops(&ctx, &case, &list, &typed),
        )
            .into_response());
    }
    let w = app
        .store
        .create_workshop(
            &ctx.user.org,
            NewWorkshop {
                case_id: Some(&case.id),
                area_code: doc.area.code.as_deref(),
                title: &title,
                setup: &setup,
                created_by: &ctx.user.name,
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/werkateliers/{}", w.id)).into_response())
}

/// The public join address (for the screen and the QR code).
pub fn join_url(app: &AppState, headers: &HeaderMap, code: &str) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if app.settings.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}/doe-mee?code={code}")
}

/// GET /werkateliers/{wid}: the facilitator's page.
pub async fn control(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(wid): Path<String>,
) -> Result<Markup, AppError> {
    let w = own_workshop(&app, &ctx, &wid).await?;
    let session = app.werkateliers.sessions.get(&app.store, &w).await?;
    let online = super::screen::online(&app, &w).await?;
    let people = super::screen::people(&app, &w).await?;
    let case = match &w.case_id {
        Some(c) => app
            .store
            .case_version(&ctx.user.org, c, None)
            .await?
            .map(|v| v.doc),
        None => None,
    };
    let url = join_url(&app, &headers, &w.join_code);
    let areas = super::map::area_map(&app, &ctx.user.org, &w).await?;
    Ok(views::control(
        &ctx,
        &session,
        case.as_ref(),
        &online,
        &people,
        &url,
        &areas,
    ))
}

/// POST /werkateliers/{wid}/rondes/{round}: start, reveal or close.
pub async fn steer(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path((wid, round)): Path<(String, String)>,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = StaffForm::read(&csrf, fields).await?;
    may_steer(&ctx)?;
    let w = own_workshop(&app, &ctx, &wid).await?;
    let round = Round::parse(&round).ok_or(AppError::NotFound)?;
    let action = RoundAction::parse(form.value("actie")).ok_or_else(|| {
        AppError::Status(StatusCode::UNPROCESSABLE_ENTITY, "Onbekende actie.".into())
    })?;
    refused_or_back(
        &w,
        app.store
            .change_round(&ctx.user.org, &w.id, round, action)
            .await
            .map(|_| ()),
    )
}

fn refused_or_back(
    w: &WorkshopRow,
    result: Result<(), WorkshopError>,
) -> Result<Response, AppError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/werkateliers/{}", w.id)).into_response()),
        Err(WorkshopError::Refused(msg)) => Err(AppError::Status(StatusCode::CONFLICT, msg)),
        Err(WorkshopError::Closed) => Err(AppError::Status(
            StatusCode::CONFLICT,
            "Dit werkatelier is gesloten.".into(),
        )),
        Err(WorkshopError::NotFound) => Err(AppError::NotFound),
        Err(WorkshopError::Storage(e)) => Err(e.into()),
    }
}

/// POST /werkateliers/{wid}/spelden: make a problem of the chosen pins.
pub async fn merge(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(wid): Path<String>,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = StaffForm::read(&csrf, fields).await?;
    may_steer(&ctx)?;
    let w = own_workshop(&app, &ctx, &wid).await?;
    let pins: Vec<String> = form.all("speld").iter().map(|s| s.to_string()).collect();
    let text = form.value("probleem");
    let owner = form.value("eigenaar");
    let refuse = |msg: &str| {
        Err(AppError::Status(
            StatusCode::UNPROCESSABLE_ENTITY,
            msg.to_string(),
        ))
    };
    if pins.is_empty() {
        return refuse("Kies ten minste één speld om samen te voegen.");
    }
    if text.is_empty() || text.chars().count() > wikken_core::limits::LINE_CHARS.max {
        return refuse("Beschrijf het probleem in één regel.");
    }
    let case = match &w.case_id {
        Some(c) => app
            .store
            .case_version(&ctx.user.org, c, None)
            .await?
            .map(|v| v.doc),
        None => None,
    };
    let known = match &case {
        Some(d) => d.participant(owner).is_some(),
        None => w.setup.role(owner).is_some(),
    };
    if !known {
        return refuse("Kies van welke partij dit probleem is.");
    }
    refused_or_back(
        &w,
        app.store
            .merge_pins(&ctx.user.org, &w.id, &pins, text, owner)
            .await
            .map(|_| ()),
    )
}

/// POST /werkateliers/{wid}/afsluiten: close, and write the outcome into
/// the afweging as one change. Safe to repeat: an outcome already in the
/// afweging is not written twice, and the werkatelier then just closes.
pub async fn close(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(wid): Path<String>,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    StaffForm::read(&csrf, fields).await?;
    may_steer(&ctx)?;
    let w = own_workshop(&app, &ctx, &wid).await?;
    if !w.is_open() {
        return Ok(Redirect::to(&format!("/werkateliers/{}", w.id)).into_response());
    }
    let mut version = None;
    if let Some(case_id) = &w.case_id {
        // The outcome counts every round, shown or not: closing shows all.
        let session = app.werkateliers.sessions.get(&app.store, &w).await?;
        let current = app.store.case_version(&ctx.user.org, case_id, None).await?;
        let outcome = case_outcome(&app, &session, current.as_ref().map(|v| &v.doc), true).await?;
        for _ in 0..5 {
            let v = app
                .store
                .case_version(&ctx.user.org, case_id, None)
                .await?
                .ok_or(AppError::NotFound)?;
            if v.frozen_at.is_some() {
                return Err(AppError::Status(
                    StatusCode::CONFLICT,
                    "De afweging is intussen vastgelegd met een besluit. Open een nieuwe versie en sluit dan het werkatelier.".into(),
                ));
            }
            let mut doc = v.doc.clone();
            if doc.workshops.iter().any(|o| o.workshop == w.id.as_str()) {
                version = Some(v.version);
                break;
            }
            let line = doc
                .apply(&CaseCommand::TakeWorkshop {
                    outcome: outcome.clone(),
                })
                .map_err(|r| AppError::Status(StatusCode::UNPROCESSABLE_ENTITY, r.to_string()))?;
            let user = wikken_storage::EventUser {
                id: ctx.user.id.to_string(),
                name: ctx.user.name.clone(),
            };
            let save = CaseSave {
                user: &user,
                action: &line,
                detail: None,
                form_token: None,
            };
            match app
                .store
                .save_case(&ctx.user.org, case_id, v.revision, &save, &doc)
                .await
            {
                Ok(_) => {
                    version = Some(v.version);
                    break;
                }
                Err(CaseSaveError::Conflict) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        if version.is_none() {
            return Err(AppError::Status(
                StatusCode::CONFLICT,
                "Anderen wijzigen de afweging op dit moment ook. Probeer het zo nog eens.".into(),
            ));
        }
    }
    refused_or_back(
        &w,
        app.store
            .close_workshop(&ctx.user.org, &w.id, version)
            .await,
    )
}
