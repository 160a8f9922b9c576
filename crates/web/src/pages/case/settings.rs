//! The forms of step 6 (results): the calculation settings with the
//! budget and what the portfolio maximises, and the rule of the proposal
//! for sharing costs. Each saves one command and shows the results again.

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use wikken_core::case::CostSharingRule;
use wikken_core::case::command::{BudgetValues, CaseCommand, SettingsValues};
use wikken_core::case::merge::Change;
use wikken_core::limits;
use wikken_core::model::Objective;

use super::form::{Fields, FormState, input_number, text_input};
use super::kit::{CaseForm, Submitted, base, base_field, form_fields, refused, saved, submit};
use super::{Loaded, submit_button};
use crate::AppState;
use crate::error::AppError;
use crate::layout::Ctx;

/// The stored name of an objective in the form.
fn objective_value(o: Objective) -> &'static str {
    match o {
        Objective::Npv => "npv",
        Objective::Value => "value",
    }
}

/// The choice of an objective as the form offers it.
fn objective_choice(o: Objective) -> &'static str {
    match o {
        Objective::Npv => "Saldo in euro's (MKBA)",
        Objective::Value => "MCA-waarde (gezamenlijke weging)",
    }
}

/// The calculation settings, the budget and what the portfolio
/// maximises.
pub(super) fn settings_form(ctx: &Ctx, case: &Loaded, state: &FormState) -> Markup {
    let doc = case.doc();
    let b = doc.budget.clone();
    html! {
        section aria-labelledby="instellingen-kop" {
            h2 #instellingen-kop { "Rekeninstellingen en budget" }
            form method="post" action=(format!("{}/instellingen", case.url())) data-warn-unsaved {
                (form_fields(ctx, state, "instellingen"))
                (base_field(state, &SettingsValues::of(doc)))
                div.field-row {
                    (text_input(state, "start_year", "Eerste jaar", &doc.start_year.to_string(), ""))
                    (text_input(state, "horizon", "Looptijd (jaren)", &doc.horizon_years.to_string(), ""))
                    (text_input(state, "rate", "Discontovoet (%)", &input_number(doc.discount_rate * 100.0), ""))
                    (text_input(state, "iterations", "Trekkingen", &doc.uncertainty.iterations.to_string(), ""))
                }
                div.field-row {
                    div.field {
                        label for="budget_actor" { "Budget van" }
                        select #budget_actor name="budget_actor" {
                            option value="" { "geen budget" }
                            @let actor = state.value("budget_actor", || b.as_ref().map_or(String::new(), |b| b.actor.clone()));
                            @for a in &doc.actors { option value=(a.id) selected[actor == a.id] { (a.name) } }
                        }
                    }
                    (text_input(state, "budget_max", "Bedrag (€)", &b.as_ref().map_or(String::new(), |b| input_number(b.max)), ""))
                    (text_input(state, "budget_from", "Van jaar", &b.as_ref().map_or(doc.start_year, |b| doc.start_year + b.from_year).to_string(), ""))
                    (text_input(state, "budget_to", "Tot en met jaar", &b.as_ref().map_or(doc.start_year + 4, |b| doc.start_year + b.to_year).to_string(), ""))
                }
                div.field {
                    label for="objective" { "De portefeuille kiest op" }
                    span.hint { "Het saldo in euro's, of de MCA-waarde: de score van elke optie onder de gezamenlijke weging." }
                    @let chosen = state.value("objective", || objective_value(doc.portfolio_objective).to_string());
                    @let (described, invalid) = state.describe("objective");
                    select #objective name="objective" aria-describedby=[described] aria-invalid=[invalid] {
                        @for o in [Objective::Npv, Objective::Value] {
                            option value=(objective_value(o)) selected[chosen == objective_value(o)] { (objective_choice(o)) }
                        }
                    }
                    (state.message("objective"))
                }
                (submit_button(case, ctx, "Opslaan en opnieuw rekenen"))
            }
        }
    }
}

/// Reads the settings form; the problems of typing land in `state`.
fn read_settings(fields: &Fields, state: &mut FormState) -> Option<SettingsValues> {
    let start = state.number(fields, "start_year", 1900.0, 2200.0);
    let horizon = state.number(fields, "horizon", 1.0, limits::HORIZON_YEARS.max as f64);
    let rate = state.number(fields, "rate", 0.0, 20.0);
    let iterations = state.number(fields, "iterations", 1.0, limits::ITERATIONS.max as f64);
    let objective = match fields.get("objective") {
        "" | "npv" => Objective::Npv,
        "value" => Objective::Value,
        _ => {
            state.error(
                "objective",
                "Kies waarop de portefeuille kiest: het saldo of de MCA-waarde.",
            );
            Objective::Npv
        }
    };
    let actor = fields.get("budget_actor").to_string();
    let budget = if actor.is_empty() {
        None
    } else {
        let max = state.number(fields, "budget_max", 0.0, 1e12);
        let from = state.number(fields, "budget_from", 1900.0, 2300.0);
        let to = state.number(fields, "budget_to", 1900.0, 2300.0);
        Some((actor, max, from, to))
    };
    for (name, v) in [
        ("start_year", start),
        ("horizon", horizon),
        ("iterations", iterations),
    ] {
        if v.is_some_and(|x| x.fract() != 0.0) {
            state.error(name, "Vul een heel getal in.");
        }
    }
    if state.has_errors() {
        return None;
    }
    let budget = match budget {
        Some((actor, Some(max), Some(from), Some(to))) => Some(BudgetValues {
            actor,
            max,
            from: from as i64,
            to: to as i64,
        }),
        _ => None,
    };
    Some(SettingsValues {
        start_year: start? as i64,
        horizon_years: horizon? as i64,
        discount_rate: rate? / 100.0,
        iterations: iterations? as i64,
        budget,
        objective,
    })
}

/// POST /afwegingen/{id}/instellingen
pub async fn save_settings(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let mut state = FormState::from_fields(&form.fields);
    let Some(now) = read_settings(&form.fields, &mut state) else {
        let case = super::load(&app, &ctx, &id, None).await?;
        return Ok(refused(
            super::results::show_step6(&app, &ctx, &case, &state).await?,
        ));
    };
    let command = CaseCommand::SetSettings {
        values: Change::from(base(&form.fields), now),
    };
    let field = |f: &str| {
        match f {
            "horizon_years" => "horizon",
            "discount_rate" => "rate",
            "budget" | "budget.to" => "budget_to",
            "budget.max" => "budget_max",
            "budget.actor" => "budget_actor",
            "portfolio_objective" => "objective",
            f => f,
        }
        .to_string()
    };
    match submit(&app, &ctx, &id, &form, &command, field).await? {
        Submitted::Saved => Ok(saved(&format!("/afwegingen/{id}/resultaten"))),
        Submitted::Refused(case, state) => Ok(refused(
            super::results::show_step6(&app, &ctx, &case, &state).await?,
        )),
    }
}

/// The rule of the proposal for sharing costs: who pays along, and
/// whether nobody pays more than it gains. Only for who may change it.
pub(super) fn cost_sharing_form(ctx: &Ctx, case: &Loaded, state: &FormState) -> Markup {
    let doc = case.doc();
    if !(case.editable() && ctx.user.role.can_edit()) {
        return html! {};
    }
    let rule = &doc.cost_sharing;
    // A refused form shows what was ticked; otherwise what is stored.
    let sent = state.typed("_which") == Some(COST_SHARING);
    let pays = |id: &str| {
        if sent {
            state.ticked("betaalt", id)
        } else {
            rule.pays(id)
        }
    };
    let capped = if sent {
        state.ticked("begrensd", "ja")
    } else {
        rule.cap_at_gains
    };
    let (described, invalid) = state.describe("betaalt");
    html! {
        form.cost-sharing method="post" action=(format!("{}/kostenverdeling", case.url())) data-warn-unsaved {
            (form_fields(ctx, state, COST_SHARING))
            (base_field(state, rule))
            fieldset #betaalt aria-describedby=[described] aria-invalid=[invalid] {
                legend { "Wie betaalt mee in dit voorstel?" }
                span.hint { "Wie niet is aangevinkt, krijgt geen rekening; kosten die niet te verdelen zijn, blijven wel bij wie ze nu draagt." }
                @for a in &doc.actors {
                    input type="hidden" name="partij" value=(a.id);
                    div.check {
                        input type="checkbox" id=(format!("betaalt-{}", a.id)) name="betaalt" value=(a.id) checked[pays(&a.id)];
                        label for=(format!("betaalt-{}", a.id)) { (a.name) }
                    }
                }
                (state.message("betaalt"))
            }
            div.check {
                input type="checkbox" id="begrensd" name="begrensd" value="ja" checked[capped];
                label for="begrensd" { "Geen partij betaalt meer dan zij aan baten krijgt" }
            }
            (submit_button(case, ctx, "Verdeling opnieuw berekenen"))
        }
    }
}

/// The `_which` of the cost-sharing form.
const COST_SHARING: &str = "kostenverdeling";

/// Reads the cost-sharing form: the parties shown and not ticked pay
/// nothing.
fn read_cost_sharing(fields: &Fields) -> CostSharingRule {
    let ticked = fields.all("betaalt");
    CostSharingRule {
        non_payers: fields
            .all("partij")
            .into_iter()
            .filter(|id| !ticked.contains(id))
            .collect(),
        cap_at_gains: fields.get("begrensd") == "ja",
    }
}

/// POST /afwegingen/{id}/kostenverdeling
pub async fn save_cost_sharing(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let command = CaseCommand::SetCostSharing {
        values: Change::from(base(&form.fields), read_cost_sharing(&form.fields)),
    };
    let field = |f: &str| {
        match f {
            "cost_sharing.cap_at_gains" => "begrensd",
            _ => "betaalt",
        }
        .to_string()
    };
    match submit(&app, &ctx, &id, &form, &command, field).await? {
        Submitted::Saved => Ok(saved(&format!("/afwegingen/{id}/resultaten"))),
        Submitted::Refused(case, state) => Ok(refused(
            super::results::show_step6(&app, &ctx, &case, &state).await?,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parties_shown_and_not_ticked_pay_nothing() {
        let fields = Fields::new(
            [
                ("partij", "corporatie"),
                ("partij", "huurders"),
                ("partij", "rijk"),
                ("betaalt", "corporatie"),
                ("betaalt", "rijk"),
            ]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        );
        let rule = read_cost_sharing(&fields);
        assert_eq!(rule.non_payers, ["huurders"]);
        assert!(!rule.cap_at_gains, "an unticked box lifts the cap");
    }
}
