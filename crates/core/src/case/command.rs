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
use super::{CaseBudget, CaseDoc, Decision, DecisionLevel, ParticipantRole};
use crate::format;
use crate::limits;
use crate::model::{Category, Direction, Flow, McaMethod, PmItem};

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
    /// The calculation settings and the budget.
    SetSettings {
        /// The values.
        values: Change<SettingsValues>,
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

/// Collects objections while a command is checked.
#[derive(Default)]
struct Objections(Vec<Objection>);

impl Objections {
    fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(Objection {
            field: field.into(),
            message: message.into(),
            theirs: None,
        });
    }

    fn clashes(&mut self, merger: Merger) {
        for c in merger.clashes {
            self.0.push(Objection {
                message: format!(
                    "Iemand anders heeft dit intussen gewijzigd in: {}. Uw invoer staat er nog; sla opnieuw op om die te bewaren, of neem hun waarde over.",
                    c.theirs
                ),
                field: c.field,
                theirs: Some(c.theirs),
            });
        }
    }

    fn done(self) -> Result<(), Refusal> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Refusal { objections: self.0 })
        }
    }
}

/// A text that must be filled in, within `limit`.
fn required(o: &mut Objections, field: &str, value: &str, what: &str, limit: limits::Limit) {
    let v = value.trim();
    if v.is_empty() {
        o.add(field, format!("Vul {what} in."));
    } else if let Err(e) = limit.check_text(v) {
        o.add(field, format!("Te lang ({what}): {e}."));
    }
}

/// A text that may be empty, within `limit`.
fn within(o: &mut Objections, field: &str, value: &str, limit: limits::Limit) {
    if let Err(e) = limit.check_text(value.trim()) {
        o.add(field, format!("Te lang: {e}."));
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
                let id = self
                    .add_from_template(template, *quantity)
                    .map_err(|e| Refusal::edit("option", e))?;
                Ok(format!(
                    "Optie {} toegevoegd uit de catalogus ({})",
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

    fn set_question(&mut self, change: &Change<QuestionValues>) -> Result<String, Refusal> {
        let now = &change.now;
        let mut o = Objections::default();
        required(
            &mut o,
            "question",
            &now.question,
            "de beslisvraag",
            limits::LINE_CHARS,
        );
        if let Some(m) = &now.decision_moment
            && format::parse_date(m).is_none()
        {
            o.add("decision_moment", DATE_HINT);
        }
        o.done()?;
        let was = change.was.as_ref();
        let mut m = Merger::default();
        let current = QuestionValues::of(self);
        let question = m.pick(
            "question",
            &Change::from(
                was.map(|w| w.question.clone()),
                now.question.trim().to_string(),
            ),
            &current.question,
            Clone::clone,
        );
        let level = m.pick(
            "level",
            &Change::from(was.map(|w| w.level), now.level),
            &current.level,
            |l| l.label().to_string(),
        );
        let moment = m.pick(
            "decision_moment",
            &Change::from(
                was.map(|w| w.decision_moment.clone()),
                now.decision_moment.as_deref().and_then(format::parse_date),
            ),
            &current.decision_moment,
            |d| d.as_deref().map_or("geen".into(), format::dutch_date),
        );
        let mut o = Objections::default();
        o.clashes(m);
        o.done()?;
        self.question = question;
        self.level = level;
        self.decision_moment = moment;
        Ok("Vraag, niveau en beslismoment gewijzigd".into())
    }

    fn set_baseline(
        &mut self,
        description: &Change<String>,
        assumptions: &Change<String>,
    ) -> Result<String, Refusal> {
        let mut o = Objections::default();
        if description.now.trim().is_empty() {
            o.add(
                "baseline.description",
                "Beschrijf wat er zonder nieuw beleid gebeurt.",
            );
        } else {
            within(
                &mut o,
                "baseline.description",
                &description.now,
                limits::TEXT_CHARS,
            );
        }
        within(
            &mut o,
            "baseline.assumptions",
            &assumptions.now,
            limits::TEXT_CHARS,
        );
        o.done()?;
        let mut m = Merger::default();
        let trim = |c: &Change<String>| {
            Change::from(
                c.was.as_ref().map(|w| w.trim().to_string()),
                c.now.trim().to_string(),
            )
        };
        let d = m.pick(
            "baseline.description",
            &trim(description),
            &self.baseline.description,
            Clone::clone,
        );
        let a = m.pick(
            "baseline.assumptions",
            &trim(assumptions),
            &self.baseline.assumptions,
            Clone::clone,
        );
        let mut o = Objections::default();
        o.clashes(m);
        o.done()?;
        self.baseline.description = d;
        self.baseline.assumptions = a;
        Ok("Nulalternatief beschreven".into())
    }

    fn set_quantity(&mut self, id: &str, quantity: f64) -> Result<String, Refusal> {
        if !(quantity > 0.0 && quantity <= 1_000_000.0) {
            return Err(Refusal::at(
                "option.quantity",
                "Het aantal is een getal groter dan 0.",
            ));
        }
        let o = self
            .option_mut(id)
            .ok_or_else(|| Refusal::at("option", "Deze optie bestaat niet (meer)."))?;
        let Some(old) = o.quantity.filter(|q| *q > 0.0) else {
            return Err(Refusal::at(
                "option.quantity",
                "Deze optie heeft geen aantal (het bedrag geldt voor het hele project).",
            ));
        };
        let factor = quantity / old;
        for f in &mut o.spec.flows {
            f.amount *= factor;
            f.uncertainty = f
                .uncertainty
                .as_ref()
                .map(|d| super::catalogue::scale_distribution(d, factor));
        }
        o.quantity = Some(quantity);
        Ok(format!(
            "Aantal van {} gewijzigd van {} in {}",
            o.spec.name,
            format::number(old, 0),
            format::number(quantity, 0)
        ))
    }

    fn preselect(&mut self, rows: &[PreselectRow]) -> Result<String, Refusal> {
        let mut m = Merger::default();
        let problems: Vec<String> = self.problems.iter().map(|p| p.id.clone()).collect();
        for row in rows {
            // an option removed since the form was shown has nothing to keep
            let Some(o) = self.options.iter_mut().find(|o| o.spec.id == row.option) else {
                continue;
            };
            for (problem, change) in &row.addresses {
                if !problems.contains(problem) {
                    continue;
                }
                let current = o.addresses.get(problem).copied().unwrap_or(0);
                let v = m
                    .pick(
                        format!("addresses.{}.{problem}", row.option),
                        change,
                        &current,
                        |v| ADDRESS_LABELS[usize::from(*v).min(3)].to_string(),
                    )
                    .min(3);
                if v == 0 {
                    o.addresses.shift_remove(problem);
                } else {
                    o.addresses.insert(problem.clone(), v);
                }
            }
            o.shortlisted = m.pick(
                format!("keep.{}", row.option),
                &row.keep,
                &o.shortlisted,
                |k| if *k { "gehouden" } else { "niet gehouden" }.into(),
            );
        }
        let mut o = Objections::default();
        o.clashes(m);
        o.done()?;
        let kept: Vec<&str> = self.shortlist().map(|o| o.spec.name.as_str()).collect();
        Ok(format!(
            "Voorselectie: {} gehouden ({})",
            kept.len(),
            kept.join(", ")
        ))
    }

    fn set_effects(&mut self, id: &str, change: &EffectsChange) -> Result<String, Refusal> {
        let current = EffectsValues::of(self, id)
            .ok_or_else(|| Refusal::at("option", "Deze optie bestaat niet (meer)."))?;
        let mut o = Objections::default();
        required(
            &mut o,
            "name",
            &change.name.now,
            "de naam",
            limits::NAME_CHARS,
        );
        within(&mut o, "note", &change.note.now, limits::TEXT_CHARS);
        if let Some(flows) = &change.flows
            && let Err(e) = limits::FLOWS_PER_OPTION.check(flows.now.len())
        {
            o.add("flows", format!("Te veel regels: {e} per optie."));
        }
        if let Some(pm) = &change.pm
            && let Err(e) = limits::PM_PER_OPTION.check(pm.now.len())
        {
            o.add("pm", format!("Te veel regels: {e} per optie."));
        }
        o.done()?;
        let mut m = Merger::default();
        let trim = |c: &Change<String>| {
            Change::from(
                c.was.as_ref().map(|w| w.trim().to_string()),
                c.now.trim().to_string(),
            )
        };
        let name = m.pick("name", &trim(&change.name), &current.name, Clone::clone);
        let note = m.pick("note", &trim(&change.note), &current.note, Clone::clone);
        let flows = match (&change.flows, &current.flows) {
            (Some(c), Some(cur)) => Some(m.pick_rows("flows", c, cur, show_flow)),
            _ => None,
        };
        let pm = match (&change.pm, &current.pm) {
            (Some(c), Some(cur)) => Some(m.pick_rows("pm", c, cur, |p| p.label.clone())),
            _ => None,
        };
        let mut scores = current.scores.clone();
        for (criterion, c) in &change.scores {
            if let Some(stored) = current.scores.get(criterion) {
                let v = m.pick(format!("scores.{criterion}"), c, stored, |x| {
                    format::number(*x, 1)
                });
                scores.insert(criterion.clone(), v);
            }
        }
        let mut o = Objections::default();
        o.clashes(m);
        o.done()?;
        let option = self.option_mut(id).expect("checked above");
        option.spec.name = name.clone();
        option.note = note;
        option.spec.scores = scores;
        if let Some(flows) = flows {
            option.spec.flows = flows;
        }
        if let Some(pm) = pm {
            option.spec.pm = pm;
        }
        if let Some(p) = crate::validate::validate(&self.to_model()).iter().next() {
            return Err(Refusal::at("", format!("Het model klopt zo niet: {p}")));
        }
        Ok(format!("Effecten van {name} gewijzigd"))
    }

    fn set_weighting(
        &mut self,
        holder: &WeightHolder,
        change: &Change<Weighting>,
    ) -> Result<String, Refusal> {
        if let Err(e) = change.now.weights(&self.criteria) {
            let message = e.to_string();
            let mut chars = message.chars();
            let message: String = chars
                .next()
                .map(|f| f.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            return Err(Refusal::at("weighting", format!("{message}.")));
        }
        let current = holder
            .weighting(self)
            .cloned()
            .unwrap_or_else(|| Weighting::equal(&self.criteria));
        let mut m = Merger::default();
        let w = m.pick("weighting", change, &current, |w| {
            describe_weighting(w, &self.criteria)
        });
        let mut o = Objections::default();
        o.clashes(m);
        o.done()?;
        let name = holder.name(self);
        let method = w.method.label();
        match holder {
            WeightHolder::Shared => self.weighting = w,
            WeightHolder::Party(id) => self
                .set_party_weighting(id, w)
                .map_err(|e| Refusal::edit("weighting", e))?,
        }
        Ok(format!("{name} opgeslagen ({method})"))
    }

    fn set_settings(&mut self, change: &Change<SettingsValues>) -> Result<String, Refusal> {
        let now = &change.now;
        let mut o = Objections::default();
        if !(1900..=2200).contains(&now.start_year) {
            o.add("start_year", "Vul een jaar in van 1900 tot en met 2200.");
        }
        if now.horizon_years < 1 {
            o.add("horizon_years", "De looptijd is ten minste 1 jaar.");
        } else if let Err(e) = limits::HORIZON_YEARS.check(now.horizon_years as usize) {
            o.add("horizon_years", format!("Te lang: {e}."));
        }
        if !(0.0..=0.2).contains(&now.discount_rate) {
            o.add(
                "discount_rate",
                "Vul een discontovoet in van 0 tot en met 20 %.",
            );
        }
        if now.iterations < 1 {
            o.add("iterations", "Ten minste 1 trekking.");
        } else if let Err(e) =
            limits::check_simulation(now.iterations as u64, self.shortlist().count())
        {
            o.add("iterations", format!("Te veel voor één analyse: {e}."));
        }
        if let Some(b) = &now.budget {
            let last = now.start_year + now.horizon_years - 1;
            if b.from < now.start_year || b.to < b.from || b.to > last {
                o.add(
                    "budget.to",
                    format!(
                        "De budgetjaren liggen binnen {}–{last}, het eerste niet na het laatste.",
                        now.start_year
                    ),
                );
            }
            if !(b.max >= 0.0 && b.max <= 1e12) {
                o.add(
                    "budget.max",
                    "Vul een bedrag in van 0 tot en met 1.000.000.000.000.",
                );
            }
            if !self.actors.iter().any(|a| a.id == b.actor) {
                o.add("budget.actor", "Kies wiens kosten het budget begrenst.");
            }
        }
        let flows = || self.options.iter().flat_map(|o| &o.spec.flows);
        let shift = self.start_year - now.start_year;
        if flows().any(|f| f.from_year + shift >= now.horizon_years) {
            o.add(
                "horizon_years",
                "Er beginnen stromen na het einde van deze looptijd; kies een langere looptijd of pas die stromen aan.",
            );
        }
        if shift != 0 && flows().any(|f| f.from_year + shift < 0) {
            o.add(
                "start_year",
                "Er zijn stromen vóór dit jaar; pas eerst die stromen aan.",
            );
        }
        o.done()?;
        let was = change.was.as_ref();
        let current = SettingsValues::of(self);
        let mut m = Merger::default();
        let year = |y: &i64| y.to_string();
        let start = m.pick(
            "start_year",
            &Change::from(was.map(|w| w.start_year), now.start_year),
            &current.start_year,
            year,
        );
        let horizon = m.pick(
            "horizon_years",
            &Change::from(was.map(|w| w.horizon_years), now.horizon_years),
            &current.horizon_years,
            year,
        );
        let rate = m.pick(
            "discount_rate",
            &Change::from(was.map(|w| w.discount_rate), now.discount_rate),
            &current.discount_rate,
            |r| format::percent(*r, 2),
        );
        let iterations = m.pick(
            "iterations",
            &Change::from(was.map(|w| w.iterations), now.iterations),
            &current.iterations,
            |i| format::number(*i as f64, 0),
        );
        let budget = m.pick(
            "budget",
            &Change::from(was.map(|w| w.budget.clone()), now.budget.clone()),
            &current.budget,
            |b| {
                b.as_ref().map_or("geen budget".into(), |b| {
                    format!("{} in {}–{}", format::euro(b.max), b.from, b.to)
                })
            },
        );
        let mut o = Objections::default();
        o.clashes(m);
        o.done()?;
        let shift = start - self.start_year;
        for f in self
            .options
            .iter_mut()
            .flat_map(|o| o.spec.flows.iter_mut())
        {
            f.from_year -= shift;
            f.to_year = f.to_year.map(|t| t - shift);
        }
        self.start_year = start;
        self.horizon_years = horizon;
        self.discount_rate = rate;
        self.uncertainty.iterations = iterations;
        self.budget = budget.map(|b| CaseBudget {
            actor: b.actor,
            from_year: b.from - start,
            to_year: b.to - start,
            max: b.max,
        });
        Ok("Rekeninstellingen en budget gewijzigd".into())
    }

    fn decide(
        &mut self,
        chosen: &[String],
        [rationale, dissent, conditions]: [&String; 3],
        decided_by: &str,
        decided_at: i64,
    ) -> Result<String, Refusal> {
        let mut o = Objections::default();
        for m in self.missing_for_results() {
            o.add("decision", m);
        }
        if chosen.is_empty() {
            o.add(
                "decision.chosen",
                "Kies ten minste één optie uit de voorselectie.",
            );
        } else if let Some(c) = chosen
            .iter()
            .find(|c| !self.shortlist().any(|o| o.spec.id == **c))
        {
            o.add(
                "decision.chosen",
                format!(
                    "Optie {c} staat niet (meer) in de voorselectie; kies uit de voorselectie."
                ),
            );
        }
        if rationale.trim().is_empty() {
            o.add(
                "decision.rationale",
                "Schrijf op waarom: een besluit zonder onderbouwing is niet uitlegbaar.",
            );
        }
        for (field, text) in [
            ("decision.rationale", rationale),
            ("decision.dissent", dissent),
            ("decision.conditions", conditions),
        ] {
            within(&mut o, field, text, limits::TEXT_CHARS);
        }
        o.done()?;
        let mut unique: Vec<String> = Vec::new();
        for c in chosen {
            if !unique.contains(c) {
                unique.push(c.clone());
            }
        }
        let names: Vec<String> = unique
            .iter()
            .filter_map(|c| self.option(c))
            .map(|o| o.spec.name.clone())
            .collect();
        self.decision = Some(Decision {
            chosen: unique,
            rationale: rationale.trim().to_string(),
            dissent: dissent.trim().to_string(),
            conditions: conditions.trim().to_string(),
            decided_by: decided_by.to_string(),
            decided_at,
        });
        Ok(format!("Besluit vastgelegd: {}", names.join(", ")))
    }
}

/// How much an option addresses a problem, as the form says it.
pub const ADDRESS_LABELS: [&str; 4] = ["niet", "een beetje", "redelijk", "sterk"];

/// How a date is asked for.
pub const DATE_HINT: &str = "Schrijf de datum als 1-3-2027 of 2027-03-01.";

/// A weighing in one line of Dutch ("Direct gewicht: Veiligheid 2, Kosten 1").
fn describe_weighting(w: &Weighting, criteria: &[crate::model::Criterion]) -> String {
    match w.weights(criteria) {
        Ok(weights) => format!(
            "{}: {}",
            w.method.label(),
            criteria
                .iter()
                .zip(weights)
                .map(|(c, x)| format!("{} {}", c.name, format::percent(x, 0)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Err(_) => w.method.label().to_string(),
    }
}

#[cfg(test)]
#[path = "command_tests.rs"]
mod tests;
