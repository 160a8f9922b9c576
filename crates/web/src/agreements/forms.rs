//! The afspraken's forms: reading a goal or an action from the submitted
//! fields (every problem named at its field), and applying a command with
//! its history line, in one transaction.

use axum::response::Response;
use maud::Markup;
use wikken_core::agreement::{
    ActionRole, ActionValues, AgreementCommand, AreaScope, CaseLink, Contribution, GoalArea,
    GoalIndicator, GoalValues, IndicatorSource, Theme,
};
use wikken_core::format;
use wikken_core::goals::{Direction, Point};
use wikken_storage::{AgreementSave, AgreementSaveError};

use super::Loaded;
use crate::AppState;
use crate::error::AppError;
use crate::layout::Ctx;
use crate::pages::case::form::{Fields, FormState};
use crate::pages::case::kit::{refused, saved};

/// The field of a form's one-time token (as on the case pages).
const FORM_TOKEN: &str = "_form";
/// The revision the form was made from.
pub const REVISION: &str = "_revisie";

/// What the goal form needs to name things: the monitor's indicators
/// `(code, name, unit)`, the gemeente's areas `(code, name)` and the
/// organisation's afwegingen `(id, question)`.
pub struct GoalChoices {
    /// Indicators of the monitor.
    pub indicators: Vec<(String, String, String)>,
    /// Areas of the gemeente.
    pub areas: Vec<(String, String)>,
    /// Afwegingen.
    pub cases: Vec<(String, String)>,
}

/// The year in a field, with an error when it is none.
fn year(state: &mut FormState, fields: &Fields, name: &str) -> i32 {
    state
        .number(fields, name, 1990.0, 2100.0)
        .map_or(0, |y| y.round() as i32)
}

/// Reads the goal form. `None` when a field cannot be read at all (the
/// state then names it); the domain rules are core's.
pub fn goal_values(
    fields: &Fields,
    parties: &[String],
    choices: &GoalChoices,
    state: &mut FormState,
) -> Option<GoalValues> {
    let theme = Theme::from_key(fields.get("thema"));
    if theme.is_none() {
        state.error("thema", "Kies een thema.");
    }
    let indicator = match fields.get("indicator") {
        "handmatig" => Some(GoalIndicator {
            source: IndicatorSource::Manual,
            name: fields.get("indicator.naam").to_string(),
            unit: fields.get("indicator.eenheid").to_string(),
        }),
        code => match choices.indicators.iter().find(|(c, ..)| c == code) {
            Some((c, name, unit)) => Some(GoalIndicator {
                source: IndicatorSource::Monitor { code: c.clone() },
                name: name.clone(),
                unit: unit.clone(),
            }),
            None => {
                state.error(
                    "indicator",
                    "Kies een indicator uit de lijst, of \"zelf invullen\".",
                );
                None
            }
        },
    };
    let area = match choices
        .areas
        .iter()
        .find(|(c, _)| c == fields.get("gebied"))
    {
        Some((code, name)) => Some(GoalArea {
            code: code.clone(),
            name: name.clone(),
            scope: if fields.get("scope") == "complexen" {
                AreaScope::Complexen
            } else {
                AreaScope::Gebied
            },
        }),
        None => {
            state.error("gebied", "Kies een gebied uit de lijst.");
            None
        }
    };
    let direction = match fields.get("richting") {
        "up" => Some(Direction::Up),
        "down" => Some(Direction::Down),
        _ => {
            state.error("richting", "Kies of hoger of lager beter is.");
            None
        }
    };
    let baseline = Point {
        year: year(state, fields, "nulmeting.jaar"),
        value: state
            .number(fields, "nulmeting.waarde", -1e12, 1e12)
            .unwrap_or(f64::NAN),
    };
    let target = Point {
        year: year(state, fields, "streefwaarde.jaar"),
        value: state
            .number(fields, "streefwaarde.waarde", -1e12, 1e12)
            .unwrap_or(f64::NAN),
    };
    let interval = state
        .number(fields, "interval", 1.0, 10.0)
        .map_or(0, |x| x.round() as u32);
    let motivated_by = match fields.get("afweging") {
        "" => None,
        id => match choices.cases.iter().find(|(c, _)| c == id) {
            Some((case_id, title)) => Some(CaseLink {
                case_id: case_id.clone(),
                title: title.clone(),
            }),
            None => {
                state.error("afweging", "Kies een afweging uit de lijst.");
                None
            }
        },
    };
    let mut contributions = Vec::new();
    for (i, party) in parties.iter().enumerate() {
        let name = format!("bijdragen[{i}].bedrag");
        if let Some(Some(amount)) = state.optional_number(fields, &name, 0.0, 1e12) {
            contributions.push(Contribution {
                party: party.clone(),
                amount,
            });
        }
    }
    if state.has_errors() {
        return None;
    }
    Some(GoalValues {
        theme: theme?,
        title: fields.get("titel").to_string(),
        indicator: indicator?,
        area: area?,
        direction: direction?,
        baseline,
        target,
        interval_years: interval,
        motivated_by,
        contributions,
    })
}

/// Reads the action form: roles come as `rollen[i].partij`, `.taak`,
/// `.budget` per party row; a row without a task takes no part.
pub fn action_values(
    fields: &Fields,
    parties: &[String],
    state: &mut FormState,
) -> Option<ActionValues> {
    let year = year(state, fields, "jaar");
    let mut roles = Vec::new();
    for (i, party) in parties.iter().enumerate() {
        let task = fields.get(&format!("rollen[{i}].taak"));
        let budget_field = format!("rollen[{i}].budget");
        let budget = state.optional_number(fields, &budget_field, 0.0, 1e12);
        let lead = fields.get("kartrekker") == party;
        if task.trim().is_empty() && !lead && budget.flatten().is_none() {
            continue;
        }
        roles.push(ActionRole {
            party: party.clone(),
            task: task.to_string(),
            budget: budget.flatten().unwrap_or(0.0),
        });
    }
    if state.has_errors() {
        return None;
    }
    Some(ActionValues {
        year,
        title: fields.get("titel").to_string(),
        lead: fields.get("kartrekker").to_string(),
        lead_person: fields.get("contactpersoon").to_string(),
        roles,
        measure: fields.get("prestatie").to_string(),
        goals: fields.all("doelen"),
    })
}

/// The field of a form for a domain field of core's refusal: the forms
/// use core's names, except the role rows' index (the form's row of the
/// party, which core counts among the roles taken).
pub fn form_field(field: &str, roles: Option<(&ActionValues, &[String])>) -> String {
    if let (Some((values, parties)), Some(rest)) = (roles, field.strip_prefix("rollen["))
        && let Some((index, tail)) = rest.split_once(']')
        && let Some(role) = index
            .parse::<usize>()
            .ok()
            .and_then(|i| values.roles.get(i))
        && let Some(row) = parties.iter().position(|p| *p == role.party)
    {
        return format!("rollen[{row}]{tail}");
    }
    field.to_string()
}

/// Applies `command`: `Ok(redirect to `to`)` when saved (or the same form
/// was applied before), `Err(state)` with every problem at its field when
/// refused; the caller shows the page again, loaded anew, with 422.
pub async fn submit(
    app: &AppState,
    ctx: &Ctx,
    a: &Loaded,
    fields: &Fields,
    command: &AgreementCommand,
    to: &str,
    field: impl Fn(&str) -> String,
) -> Result<Result<Response, FormState>, AppError> {
    if !a.access.may_change {
        return Err(AppError::forbidden());
    }
    let token = Some(fields.get(FORM_TOKEN)).filter(|t| !t.is_empty() && t.len() <= 64);
    let revision = format::parse_number(fields.get(REVISION)).map(|r| r as i64);
    let user = a.access.event_user(ctx);
    let save = AgreementSave {
        user: &user,
        revision,
        form_token: token,
    };
    let mut state = FormState::from_fields(fields);
    match app.store.change_agreement(&a.access.owner, &a.id, &save, &a.access.actor, command).await {
        Ok(_) | Err(AgreementSaveError::AlreadyApplied) => return Ok(Ok(saved(to))),
        Err(AgreementSaveError::Refused(r)) => {
            for o in &r.objections {
                state.error(if o.field.is_empty() { String::new() } else { field(&o.field) }, o.message.clone());
            }
        }
        Err(AgreementSaveError::Conflict) => state.error(
            "",
            "Iemand anders heeft de afspraken intussen gewijzigd. Uw invoer staat er nog; bekijk de pagina en sla opnieuw op.",
        ),
        Err(AgreementSaveError::NotFound) => return Err(AppError::NotFound),
        Err(AgreementSaveError::Storage(e)) => return Err(e.into()),
    }
    Ok(Err(state))
}

/// A refused form's page (422), shown again with the typed values.
pub fn refused_page(page: Markup) -> Response {
    refused(page)
}

/// The hidden fields of an afspraken form: CSRF, the one-time token and
/// the revision the form is made from (always the stored one, so a form
/// shown again after someone else's change saves on top of it).
pub fn hidden(ctx: &Ctx, a: &Loaded, state: &FormState) -> Markup {
    let token = state
        .typed(FORM_TOKEN)
        .filter(|t| {
            !t.is_empty() && t.len() <= 64 && t.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
        })
        .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_string);
    maud::html! {
        (crate::layout::csrf_field(ctx))
        input type="hidden" name=(FORM_TOKEN) value=(token);
        input type="hidden" name=(REVISION) value=(a.version.revision);
    }
}
