//! The step kit: what every step page of an afweging shares. A GET loads
//! its case with the [`Loaded`] extractor (`?versie=`, `?opgeslagen`); a
//! POST receives its fields through [`CaseForm`], which has checked the
//! CSRF token; [`submit`] applies one [`CaseCommand`] — role, frozen
//! version, the revision retry, the form's one-time token — and the
//! handler answers [`saved`] (303) or shows its page again with the
//! refusal next to the fields (422).

use std::collections::HashMap;

use axum::extract::{Form, FromRequest, FromRequestParts, OriginalUri, Path, Query, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wikken_core::case::command::{CaseCommand, Refusal};
use wikken_storage::{CaseSave, CaseSaveError, EventUser, OrganisationId};

use super::form::{Fields, FormState};
use super::{Loaded, OWN_BASE, VersionQuery, event_user, load, load_in, may_edit};
use crate::AppState;
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout::{Ctx, csrf_field};
pub use wikken_core::format::capitalised;

/// The steps of an afweging, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// 1: the question, the parties and their problems.
    Question,
    /// 2: the nulalternatief.
    Baseline,
    /// 3: the options and the pre-selection.
    Options,
    /// 4: costs, benefits and scores per option.
    Effects,
    /// 5: criteria and weighing.
    Weighing,
    /// 6: the results.
    Results,
    /// 7: the besluit.
    Decision,
    /// 8: the report.
    Report,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 8] = [
        Step::Question,
        Step::Baseline,
        Step::Options,
        Step::Effects,
        Step::Weighing,
        Step::Results,
        Step::Decision,
        Step::Report,
    ];

    /// The step's path under the case's URL ("" for the first).
    pub fn path(self) -> &'static str {
        match self {
            Step::Question => "",
            Step::Baseline => "nulalternatief",
            Step::Options => "opties",
            Step::Effects => "effecten",
            Step::Weighing => "weging",
            Step::Results => "resultaten",
            Step::Decision => "besluit",
            Step::Report => "rapport",
        }
    }

    /// The step's label in the steps bar.
    pub fn label(self) -> &'static str {
        match self {
            Step::Question => "1 Vraag en partijen",
            Step::Baseline => "2 Nulalternatief",
            Step::Options => "3 Opties",
            Step::Effects => "4 Effecten",
            Step::Weighing => "5 Criteria en weging",
            Step::Results => "6 Resultaten",
            Step::Decision => "7 Besluit",
            Step::Report => "8 Rapport",
        }
    }
}

impl FromRequestParts<AppState> for Loaded {
    type Rejection = Response;

    /// The case of the path's `{id}`, at `?versie=` (the current version
    /// when absent), for the signed-in user's organisation.
    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Response> {
        let ctx = Ctx::from_request_parts(parts, app).await?;
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, app)
            .await
            .map_err(IntoResponse::into_response)?;
        let Query(q) = Query::<VersionQuery>::from_request_parts(parts, app)
            .await
            .map_err(IntoResponse::into_response)?;
        let id = params
            .get("id")
            .ok_or(AppError::NotFound)
            .map_err(IntoResponse::into_response)?;
        let mut case = load(app, &ctx, id, q.versie)
            .await
            .map_err(IntoResponse::into_response)?;
        case.saved = q.opgeslagen.is_some();
        Ok(case)
    }
}

/// The fields of a POST to a case, with its CSRF token checked: a handler
/// that takes a `CaseForm` cannot forget the check.
pub struct CaseForm {
    /// The submitted fields.
    pub fields: Fields,
    /// The path the form was posted to (to post it again into a new
    /// version).
    pub action: String,
}

impl FromRequest<AppState> for CaseForm {
    type Rejection = Response;

    async fn from_request(req: Request, app: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let csrf = Csrf::from_request_parts(&mut parts, app)
            .await
            .map_err(IntoResponse::into_response)?;
        let action = OriginalUri::from_request_parts(&mut parts, app)
            .await
            .map_or_else(|_| parts.uri.path().to_string(), |u| u.path().to_string());
        let req = Request::from_parts(parts, body);
        let Form(list) = Form::<Vec<(String, String)>>::from_request(req, app)
            .await
            .map_err(IntoResponse::into_response)?;
        let fields = Fields::new(list);
        fields.check(&csrf).map_err(IntoResponse::into_response)?;
        Ok(CaseForm { fields, action })
    }
}

/// The hidden fields every case form carries: the CSRF token, which form
/// it is (`which`), and the form's one-time token (kept when this form
/// comes back refused, so the corrected form is still applied once).
pub fn form_fields(ctx: &Ctx, state: &FormState, which: &str) -> Markup {
    let token = state
        .typed(FORM_TOKEN)
        .filter(|t| valid_token(t) && state.typed(WHICH) == Some(which))
        .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_string);
    html! {
        (csrf_field(ctx))
        input type="hidden" name=(WHICH) value=(which);
        input type="hidden" name=(FORM_TOKEN) value=(token);
    }
}

/// What a form showed, so that a save changes only what the user changed:
/// a hidden `_base` with the values as JSON. A refused form keeps the
/// base it was sent with; after a clash it carries the stored values, so
/// that saving again is the user's deliberate choice.
pub fn base_field<T: Serialize>(state: &FormState, stored: &T) -> Markup {
    let value = match state.values.get(BASE).and_then(|v| v.first()) {
        Some(sent) if !state.clashed => sent.clone(),
        _ => serde_json::to_string(stored).unwrap_or_default(),
    };
    html! { input type="hidden" name=(BASE) value=(value); }
}

/// The values a form showed (`None` for a form without a base, or one
/// that cannot be read: then the sent values are taken as they are).
pub fn base<T: DeserializeOwned>(fields: &Fields) -> Option<T> {
    serde_json::from_str(fields.get(BASE)).ok()
}

const FORM_TOKEN: &str = "_form";
const WHICH: &str = "_which";
const BASE: &str = "_base";

fn valid_token(t: &str) -> bool {
    t.len() <= 64 && t.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

/// How a submitted command ended.
pub enum Submitted {
    /// Saved (or the same form was already applied, or nothing changed).
    Saved,
    /// Refused: the current version and the form state with every problem
    /// next to its field; the page is shown again with 422.
    Refused(Box<Loaded>, FormState),
}

/// Whose afweging a command changes, and as whom.
pub struct Scope {
    /// The organisation that owns the afweging.
    pub org: OrganisationId,
    /// Where its pages are (see [`Loaded::base`]).
    pub base: &'static str,
    /// `None`: the corporation's own staff, who change the whole
    /// afweging. `Some(name)`: a partner acting as the party of this name,
    /// who changes only that party's items
    /// ([`wikken_core::case::CaseDoc::apply_as_party`]).
    pub party: Option<String>,
    /// Who, as the history names them.
    pub who: EventUser,
}

impl Scope {
    /// The signed-in user's own organisation.
    pub fn own(ctx: &Ctx) -> Scope {
        Scope {
            org: ctx.user.org.clone(),
            base: OWN_BASE,
            party: None,
            who: event_user(ctx),
        }
    }
}

/// Applies `command` to the current version of case `id` for the
/// signed-in user, and saves it with its line of history. When someone
/// else saved in between it is applied again to their document (a
/// command changes only what its form changed). `field` maps a domain
/// field of a refusal to the form's field name.
pub async fn submit(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    form: &CaseForm,
    command: &CaseCommand,
    field: impl Fn(&str) -> String,
) -> Result<Submitted, AppError> {
    submit_as(app, ctx, &Scope::own(ctx), id, form, command, field).await
}

/// [`submit`] in a [`Scope`]: the corporation's own, or a partner's party
/// in a shared afweging (whose command is refused unless it changes only
/// that party's items).
pub async fn submit_as(
    app: &AppState,
    ctx: &Ctx,
    scope: &Scope,
    id: &str,
    form: &CaseForm,
    command: &CaseCommand,
    field: impl Fn(&str) -> String,
) -> Result<Submitted, AppError> {
    may_edit(ctx)?;
    let fields = &form.fields;
    let token = Some(fields.get(FORM_TOKEN)).filter(|t| valid_token(t) && !t.is_empty());
    for _ in 0..5 {
        let case = load_in(app, &scope.org, scope.base, id, None).await?;
        if !case.editable() {
            let mut state = FormState::from_fields(fields);
            if scope.party.is_none() {
                state.carry = Some(form.action.clone());
            }
            state.error("", FROZEN);
            return Ok(Submitted::Refused(Box::new(case), state));
        }
        let mut doc = case.version.doc.clone();
        let applied = match &scope.party {
            None => doc.apply(command),
            Some(name) => {
                let party = party_id(&doc, name).unwrap_or_default();
                doc.apply_as_party(&party, command)
            }
        };
        let action = match applied {
            Ok(action) => action,
            Err(refusal) => {
                let state = refused_state(fields, &refusal, &field);
                return Ok(Submitted::Refused(Box::new(case), state));
            }
        };
        if doc == case.version.doc {
            return Ok(Submitted::Saved);
        }
        let save = CaseSave {
            user: &scope.who,
            action: &action,
            detail: None,
            form_token: token,
        };
        match app
            .store
            .save_case(&scope.org, &case.id, case.version.revision, &save, &doc)
            .await
        {
            Ok(_) | Err(CaseSaveError::AlreadyApplied) => return Ok(Submitted::Saved),
            Err(CaseSaveError::Conflict | CaseSaveError::Frozen) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::Status(
        StatusCode::CONFLICT,
        "Anderen wijzigen deze afweging op dit moment ook. Laad de pagina opnieuw en probeer het nog eens.".into(),
    ))
}

/// The participant id of the party named `name` (case and surrounding
/// spaces aside), if it takes part.
pub fn party_id(doc: &wikken_core::case::CaseDoc, name: &str) -> Option<String> {
    let name = name.trim();
    doc.participants
        .iter()
        .find(|p| p.name.trim().eq_ignore_ascii_case(name))
        .map(|p| p.id.clone())
}

/// The form state of a refusal: every field kept as typed, every problem
/// next to its field.
fn refused_state(fields: &Fields, refusal: &Refusal, field: impl Fn(&str) -> String) -> FormState {
    let mut state = FormState::from_fields(fields);
    state.clashed = refusal.is_clash();
    for o in &refusal.objections {
        let name = if o.field.is_empty() {
            String::new()
        } else {
            field(&o.field)
        };
        state.error(name, o.message.clone());
    }
    state
}

/// Why a frozen version cannot be changed, and what to do.
const FROZEN: &str = "Deze versie is intussen vastgelegd met een besluit. Uw invoer staat hieronder nog; open een nieuwe versie om die mee te nemen.";

/// After a save: back to `url`, which says it was saved.
pub fn saved(url: &str) -> Response {
    let sep = if url.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{url}{sep}opgeslagen")).into_response()
}

/// A refused form's page (422).
pub fn refused(page: Markup) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}
