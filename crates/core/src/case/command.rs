//! One way to change an afweging. Every change — from a step page, the
//! werkatelier, the API or the CLI — is a [`CaseCommand`], applied by
//! [`CaseDoc::apply`], which checks every rule and returns either the line
//! of history or a [`Refusal`] that names each problem's domain field at
//! once. A command changes only what its form changed (see
//! [`super::merge`]); a document with a besluit refuses every command.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::catalogue::Template;
use super::edit::EditError;
use super::merge::{Change, Merger, Same, show_flow};
use super::weights::Weighting;
use super::{CaseDoc, CostSharingRule, DecisionLevel, ParticipantRole};
use crate::format;
use crate::limits;
use crate::model::{Category, Direction, Flow, McaMethod, Objective, PmItem};

/// Whose weighing: the shared one, or a party's own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WeightHolder {
    /// The shared (main) weighing of the afweging.
    Shared,
    /// A participant's own weighing (by participant id).
    Party(String),
}

impl WeightHolder {
    /// The Dutch name of the weighing ("Gezamenlijke weging", "Weging van
    /// Gemeente Lindeveen").
    pub fn name(&self, doc: &CaseDoc) -> String {
        match self {
            WeightHolder::Shared => "Gezamenlijke weging".into(),
            WeightHolder::Party(id) => doc
                .participant(id)
                .map_or(id.clone(), |p| format!("Weging van {}", p.name)),
        }
    }

    /// The weighing it holds, if any.
    pub fn weighting<'a>(&self, doc: &'a CaseDoc) -> Option<&'a Weighting> {
        match self {
            WeightHolder::Shared => Some(&doc.weighting),
            WeightHolder::Party(id) => doc
                .party_weights
                .iter()
                .find(|p| p.participant == *id)
                .map(|p| &p.weighting),
        }
    }
}

/// The question form's values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionValues {
    /// The decision question.
    pub question: String,
    /// The level of the decision.
    pub level: DecisionLevel,
    /// The decision moment (ISO date).
    pub decision_moment: Option<String>,
}

impl QuestionValues {
    /// The values stored in `doc`.
    pub fn of(doc: &CaseDoc) -> QuestionValues {
        QuestionValues {
            question: doc.question.clone(),
            level: doc.level,
            decision_moment: doc.decision_moment.clone(),
        }
    }
}

/// The budget as a form shows it: calendar years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetValues {
    /// Whose costs are limited.
    pub actor: String,
    /// Euros over the years.
    pub max: f64,
    /// First calendar year.
    pub from: i64,
    /// Last calendar year (inclusive).
    pub to: i64,
}

/// The calculation settings and the budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettingsValues {
    /// Calendar year of year index 0.
    pub start_year: i64,
    /// Years evaluated.
    pub horizon_years: i64,
    /// Real discount rate (a fraction).
    pub discount_rate: f64,
    /// Monte Carlo draws.
    pub iterations: i64,
    /// The budget for the portfolio, if any.
    pub budget: Option<BudgetValues>,
    /// What the portfolio maximises (a form of before this setting
    /// existed showed the saldo).
    #[serde(default)]
    pub objective: Objective,
}

impl SettingsValues {
    /// The values stored in `doc`.
    pub fn of(doc: &CaseDoc) -> SettingsValues {
        SettingsValues {
            start_year: doc.start_year,
            horizon_years: doc.horizon_years,
            discount_rate: doc.discount_rate,
            iterations: doc.uncertainty.iterations,
            budget: doc.budget.as_ref().map(|b| BudgetValues {
                actor: b.actor.clone(),
                max: b.max,
                from: doc.start_year + b.from_year,
                to: doc.start_year + b.to_year,
            }),
            objective: doc.portfolio_objective,
        }
    }
}

impl Same for BudgetValues {
    fn same(&self, o: &Self) -> bool {
        self.actor == o.actor && self.max.same(&o.max) && self.from == o.from && self.to == o.to
    }
}

impl Same for Weighting {
    fn same(&self, o: &Self) -> bool {
        self.method == o.method
            && self.values.len() == o.values.len()
            && self
                .values
                .iter()
                .all(|(k, v)| o.values.get(k).is_some_and(|w| v.same(w)))
            && self.ahp.same(&o.ahp)
    }
}

/// The effects form of one option: its name, flows, PM-posten, scores and
/// note. A package has no flows or PM-posten of its own (`None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EffectsValues {
    /// The option's name.
    pub name: String,
    /// Costs and benefits per year.
    pub flows: Option<Vec<Flow>>,
    /// Effects not in euros.
    pub pm: Option<Vec<PmItem>>,
    /// Per criterion id: the score.
    pub scores: IndexMap<String, f64>,
    /// Source and assumptions.
    pub note: String,
}

impl EffectsValues {
    /// The values of option `id` in `doc`.
    pub fn of(doc: &CaseDoc, id: &str) -> Option<EffectsValues> {
        let o = doc.option(id)?;
        let package = o.is_package();
        Some(EffectsValues {
            name: o.spec.name.clone(),
            flows: (!package).then(|| o.spec.flows.clone()),
            pm: (!package).then(|| o.spec.pm.clone()),
            scores: o.spec.scores.clone(),
            note: o.note.clone(),
        })
    }
}

/// One option's row of the pre-selection form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreselectRow {
    /// The option id.
    pub option: String,
    /// Per problem id: how much the option addresses it (0–3).
    pub addresses: Vec<(String, Change<u8>)>,
    /// Kept after pre-selection.
    pub keep: Change<bool>,
}

/// Every change to an afweging.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CaseCommand {
    /// The question, level and decision moment.
    SetQuestion {
        /// Question, level and moment.
        values: Change<QuestionValues>,
    },
    /// A party joins.
    AddParticipant {
        /// Its name.
        name: String,
        /// Its role.
        role: ParticipantRole,
    },
    /// A party leaves.
    RemoveParticipant {
        /// The participant id.
        id: String,
    },
    /// A problem as a party sees it.
    AddProblem {
        /// The problem in their words.
        text: String,
        /// The participant id of who sees it.
        owner: String,
    },
    /// A problem is removed.
    RemoveProblem {
        /// The problem id.
        id: String,
    },
    /// The nulalternatief.
    SetBaseline {
        /// The most likely course without new policy.
        description: Change<String>,
        /// What is already decided.
        assumptions: Change<String>,
    },
    /// An option from a catalogue template.
    AddFromTemplate {
        /// The template.
        template: Box<Template>,
        /// Units (dwellings or households) for a per-unit template.
        quantity: f64,
    },
    /// An empty option of one's own.
    AddBlankOption {
        /// Its name.
        name: String,
        /// Stenen, sociaal or beleid.
        category: Category,
    },
    /// A package of two or more options.
    AddPackage {
        /// Its name.
        name: String,
        /// The member option ids.
        members: Vec<String>,
    },
    /// A new number of units for an option made from a per-unit template:
    /// its flows scale along; its pre-selection, scores and note stay.
    SetQuantity {
        /// The option id.
        option: String,
        /// The new number of units.
        quantity: f64,
    },
    /// An option is removed.
    RemoveOption {
        /// The option id.
        id: String,
    },
    /// The pre-selection: what each option addresses, and which are kept.
    Preselect {
        /// One row per option on the form.
        rows: Vec<PreselectRow>,
    },
    /// An option's effects.
    SetEffects {
        /// The option id.
        option: String,
        /// Name, flows, PM-posten, scores and note.
        values: EffectsChange,
    },
    /// A criterion is added.
    AddCriterion {
        /// Its name.
        name: String,
        /// Whether more or less is better.
        direction: Direction,
    },
    /// A criterion is removed.
    RemoveCriterion {
        /// The criterion id.
        id: String,
    },
    /// How MCA scores are combined.
    SetMethod {
        /// The method.
        method: McaMethod,
    },
    /// A weighing, shared or a party's own.
    SetWeighting {
        /// Whose.
        holder: WeightHolder,
        /// The weighing.
        weighting: Change<Weighting>,
    },
    /// A party's own weighing is removed.
    RemoveWeighting {
        /// The participant id.
        participant: String,
    },
    /// The calculation settings, the budget and what the portfolio
    /// maximises.
    SetSettings {
        /// The values.
        values: Change<SettingsValues>,
    },
    /// The rule of the proposal for sharing costs.
    SetCostSharing {
        /// Who pays along and whether nobody pays more than it gains.
        values: Change<CostSharingRule>,
    },
    /// A party's comment.
    AddComment {
        /// The participant id of the party.
        party: String,
        /// Who writes it (a user's name).
        author: String,
        /// When (Unix seconds).
        at: i64,
        /// What they say.
        text: String,
    },
    /// A comment is removed.
    RemoveComment {
        /// The comment id.
        id: String,
    },
    /// A werkatelier's outcome, taken in as one change.
    TakeWorkshop {
        /// Its weightings, problems and voorselectie.
        outcome: crate::case::WorkshopOutcome,
    },
    /// The besluit: freezes the version.
    Decide {
        /// The chosen option ids.
        chosen: Vec<String>,
        /// Why.
        rationale: String,
        /// Dissenting views.
        dissent: String,
        /// Conditions.
        conditions: String,
        /// Who records it.
        decided_by: String,
        /// When (Unix seconds).
        decided_at: i64,
    },
}

/// The effects form's values, each with what the form showed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EffectsChange {
    /// The name.
    pub name: Change<String>,
    /// The flows (absent for a package).
    pub flows: Option<Change<Vec<Flow>>>,
    /// The PM-posten (absent for a package).
    pub pm: Option<Change<Vec<PmItem>>>,
    /// Per criterion id: the score.
    pub scores: Vec<(String, Change<f64>)>,
    /// The note.
    pub note: Change<String>,
}

/// One reason a command was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Objection {
    /// The domain field (`question`, `decision.rationale`, `flows[2]`,
    /// `scores.veiligheid`); empty for the command as a whole.
    pub field: String,
    /// What is wrong, in Dutch.
    pub message: String,
    /// When someone else changed this value since the form was shown:
    /// their value, as the form would show it.
    pub theirs: Option<String>,
}

/// Why a command was refused: every problem at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .objections.iter().map(|o| o.message.as_str()).collect::<Vec<_>>().join(" "))]
pub struct Refusal {
    /// The problems, in form order.
    pub objections: Vec<Objection>,
}

impl Refusal {
    /// A refusal with one problem.
    pub fn at(field: impl Into<String>, message: impl Into<String>) -> Refusal {
        Refusal {
            objections: vec![Objection {
                field: field.into(),
                message: message.into(),
                theirs: None,
            }],
        }
    }

    /// Whether someone else's change caused (part of) it.
    pub fn is_clash(&self) -> bool {
        self.objections.iter().any(|o| o.theirs.is_some())
    }

    /// An [`EditError`] of `thing` (`participant`, `option`…): its field
    /// becomes `thing.field`.
    fn edit(thing: &str, e: EditError) -> Refusal {
        let field = if e.field.is_empty() || e.field == thing {
            thing.to_string()
        } else {
            format!("{thing}.{}", e.field)
        };
        Refusal::at(field, e.message)
    }
}

impl CaseDoc {
    /// Applies a command: checks every rule and either changes the
    /// document and returns the line of history, or leaves it as it was
    /// and names every problem.
    pub fn apply(&mut self, command: &CaseCommand) -> Result<String, Refusal> {
        if self.decision.is_some() {
            return Err(Refusal::at(
                "",
                "Deze versie is vastgelegd met een besluit. Open een nieuwe versie om verder te werken.",
            ));
        }
        let mut next = self.clone();
        let line = next.run(command)?;
        let known = self.limit_problems();
        if let Some(over) = next
            .limit_problems()
            .into_iter()
            .find(|p| !known.contains(p))
        {
            return Err(Refusal::at(
                "",
                format!("Dit past niet binnen de grenzen van Wikken: {over}."),
            ));
        }
        *self = next;
        Ok(line)
    }

    fn run(&mut self, command: &CaseCommand) -> Result<String, Refusal> {
        use CaseCommand as C;
        match command {
            C::SetQuestion { values } => self.set_question(values),
            C::AddParticipant { name, role } => {
                self.add_participant(name, *role)
                    .map_err(|e| Refusal::edit("participant", e))?;
                Ok(format!(
                    "Partij {} toegevoegd als {}",
                    name.trim(),
                    role.label().to_lowercase()
                ))
            }
            C::RemoveParticipant { id } => {
                let p = self
                    .remove_participant(id)
                    .map_err(|e| Refusal::edit("participant", e))?;
                Ok(format!("Partij {} verwijderd", p.name))
            }
            C::AddProblem { text, owner } => {
                self.add_problem(text, owner)
                    .map_err(|e| Refusal::edit("problem", e))?;
                Ok(format!("Probleem toegevoegd: {}", text.trim()))
            }
            C::RemoveProblem { id } => {
                let p = self
                    .remove_problem(id)
                    .map_err(|e| Refusal::edit("problem", e))?;
                Ok(format!("Probleem verwijderd: {}", p.text))
            }
            C::SetBaseline {
                description,
                assumptions,
            } => self.set_baseline(description, assumptions),
            C::AddFromTemplate { template, quantity } => {
                let horizon = self.horizon_years;
                let id = self
                    .add_from_template(template, *quantity)
                    .map_err(|e| Refusal::edit("option", e))?;
                let longer = if self.horizon_years > horizon {
                    format!(
                        "; looptijd verlengd van {horizon} naar {} jaar, zodat alle effecten meetellen",
                        self.horizon_years
                    )
                } else {
                    String::new()
                };
                Ok(format!(
                    "Optie {} toegevoegd uit de catalogus ({}){longer}",
                    self.option(&id).map_or("", |o| o.spec.name.as_str()),
                    template.name
                ))
            }
            C::AddBlankOption { name, category } => {
                self.add_blank_option(name, *category)
                    .map_err(|e| Refusal::edit("option", e))?;
                Ok(format!("Eigen optie {} gemaakt", name.trim()))
            }
            C::AddPackage { name, members } => {
                self.add_package(name, members)
                    .map_err(|e| Refusal::edit("package", e))?;
                Ok(format!("Pakket {} gemaakt", name.trim()))
            }
            C::SetQuantity { option, quantity } => self.set_quantity(option, *quantity),
            C::RemoveOption { id } => {
                let o = self
                    .remove_option(id)
                    .map_err(|e| Refusal::edit("option", e))?;
                Ok(format!("Optie {} verwijderd", o.spec.name))
            }
            C::Preselect { rows } => self.preselect(rows),
            C::SetEffects { option, values } => self.set_effects(option, values),
            C::AddCriterion { name, direction } => {
                self.add_criterion(name, *direction)
                    .map_err(|e| Refusal::edit("criterion", e))?;
                Ok(format!("Criterium {} toegevoegd", name.trim()))
            }
            C::RemoveCriterion { id } => {
                let c = self
                    .remove_criterion(id)
                    .map_err(|e| Refusal::edit("criterion", e))?;
                Ok(format!("Criterium {} verwijderd", c.name))
            }
            C::SetMethod { method } => {
                self.mca_method = *method;
                Ok(format!("MCA-methode: {}", method.as_str()))
            }
            C::SetWeighting { holder, weighting } => self.set_weighting(holder, weighting),
            C::RemoveWeighting { participant } => {
                let holder = WeightHolder::Party(participant.clone());
                let name = holder.name(self);
                let before = self.party_weights.len();
                self.party_weights.retain(|p| p.participant != *participant);
                if self.party_weights.len() == before {
                    return Err(Refusal::at("weighting", "Deze weging bestaat niet (meer)."));
                }
                Ok(format!("{name} verwijderd"))
            }
            C::SetSettings { values } => self.set_settings(values),
            C::SetCostSharing { values } => self.set_cost_sharing(values),
            C::AddComment {
                party,
                author,
                at,
                text,
            } => self.add_comment(party, author, *at, text),
            C::RemoveComment { id } => self.remove_comment(id),
            C::TakeWorkshop { outcome } => self.take_workshop(outcome),
            C::Decide {
                chosen,
                rationale,
                dissent,
                conditions,
                decided_by,
                decided_at,
            } => self.decide(
                chosen,
                [rationale, dissent, conditions],
                decided_by,
                *decided_at,
            ),
        }
    }
}

/// How much an option addresses a problem, as the form says it.
pub const ADDRESS_LABELS: [&str; 4] = ["niet", "een beetje", "redelijk", "sterk"];

/// How a date is asked for.
pub const DATE_HINT: &str = "Schrijf de datum als 1-3-2027 of 2027-03-01.";

mod rules;
mod settings;
pub use settings::objective_label;

#[cfg(test)]
#[path = "command_tests.rs"]
mod tests;
