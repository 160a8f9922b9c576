//! The afweging (`Case`): one decision question worked through the BOB
//! cycle, as the web app edits it. A [`CaseDoc`] is the whole content of one
//! version: the question and its context (area, participants, problems,
//! nulalternatief), the options built from the catalogue or from scratch,
//! the weighing per party, the budget, and the besluit. [`CaseDoc::to_model`]
//! turns it into the afwegingsmodel that the engine (and `wikken evaluate`)
//! reads; everything shown as a result is computed from that model.

pub mod analysis;
pub mod bcr_notes;
pub mod catalogue;
pub mod checks;
pub mod command;
pub mod comments;
pub mod cost_sharing;
pub mod demo;
pub mod edit;
pub mod ids;
pub mod merge;
pub mod overlap;
pub mod party_scope;
mod residual;
mod to_model;
pub mod weights;
pub mod workshop_outcome;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::model::{Actor, Criterion, McaMethod, Objective, OptionSpec, UncertaintySettings};
pub use bcr_notes::{BcrNotes, CountedOnce};
pub use comments::PartyComment;
pub use cost_sharing::CostSharingRule;
pub use overlap::Overlap;
pub use residual::residual_label;
pub use weights::{WeightMethod, Weighting};
pub use workshop_outcome::{WorkshopOutcome, WorkshopWeighting};

/// The version of the stored [`CaseDoc`] layout.
pub const CASE_DOC_VERSION: u32 = 1;

/// The level a decision is taken at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecisionLevel {
    /// The whole stock or a gemeente.
    Portefeuille,
    /// A wijk or buurt.
    #[default]
    Wijk,
    /// One or more complexes.
    Complex,
}

impl DecisionLevel {
    /// All levels, in the order the form offers them.
    pub const ALL: [DecisionLevel; 3] = [
        DecisionLevel::Portefeuille,
        DecisionLevel::Wijk,
        DecisionLevel::Complex,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionLevel::Portefeuille => "portefeuille",
            DecisionLevel::Wijk => "wijk",
            DecisionLevel::Complex => "complex",
        }
    }

    /// The Dutch label.
    pub fn label(self) -> &'static str {
        match self {
            DecisionLevel::Portefeuille => "Portefeuille",
            DecisionLevel::Wijk => "Wijk",
            DecisionLevel::Complex => "Complex",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<DecisionLevel> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// The role a participant plays in the afweging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParticipantRole {
    /// Owns the question and the process.
    Eigenaar,
    /// Takes the decision.
    Beslisser,
    /// Advises.
    Adviseur,
    /// Thinks along.
    Meedenker,
}

impl ParticipantRole {
    /// All roles, in the order the form offers them.
    pub const ALL: [ParticipantRole; 4] = [
        ParticipantRole::Eigenaar,
        ParticipantRole::Beslisser,
        ParticipantRole::Adviseur,
        ParticipantRole::Meedenker,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ParticipantRole::Eigenaar => "eigenaar",
            ParticipantRole::Beslisser => "beslisser",
            ParticipantRole::Adviseur => "adviseur",
            ParticipantRole::Meedenker => "meedenker",
        }
    }

    /// The Dutch label.
    pub fn label(self) -> &'static str {
        match self {
            ParticipantRole::Eigenaar => "Eigenaar",
            ParticipantRole::Beslisser => "Beslisser",
            ParticipantRole::Adviseur => "Adviseur",
            ParticipantRole::Meedenker => "Meedenker",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<ParticipantRole> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// What the afweging is about: an area of the monitor, or chosen complexes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CaseArea {
    /// A gemeente, wijk or buurt code (GM…, WK…, BU…).
    pub code: Option<String>,
    /// Complex codes, when the afweging is about chosen complexes.
    #[serde(default)]
    pub complexes: Vec<String>,
}

/// A party at the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Unique within the case (a-z 0-9 _ -).
    pub id: String,
    /// Who: "Gemeente Lindeveen", "Huurdersvereniging De Linde".
    pub name: String,
    /// Their role in the afweging.
    pub role: ParticipantRole,
}

/// A problem as a party sees it (probleem), with its owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Unique within the case.
    pub id: String,
    /// The problem in the party's words.
    pub text: String,
    /// The participant id of who owns it.
    pub owner: String,
    /// When it came from a werkatelier's pins: per role, how many raised it.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub raised_by: IndexMap<String, u32>,
}

/// The nulalternatief: what happens without new policy.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Baseline {
    /// The most likely course without new policy, in the user's words.
    pub description: String,
    /// What is already decided and therefore part of the base.
    #[serde(default)]
    pub assumptions: String,
}

impl Baseline {
    /// Whether the nulalternatief is described (required before results).
    pub fn is_described(&self) -> bool {
        !self.description.trim().is_empty()
    }
}

/// An option of the case: the model's option plus where it came from and
/// how it was pre-selected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseOption {
    /// The option as the engine reads it (flows, scores, PM-posten). For a
    /// package its flows and PM-posten are taken from its members when the
    /// model is built; its own are ignored.
    pub spec: OptionSpec,
    /// The catalogue template it was made from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// The number of units the template's amounts were multiplied by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<f64>,
    /// For a package (combinatie): the ids of the options it combines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Pre-selection: per problem id, how much the option addresses it
    /// (0 niet, 1 een beetje, 2 redelijk, 3 sterk).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub addresses: IndexMap<String, u8>,
    /// Kept after pre-selection: only these enter the model.
    #[serde(default = "yes")]
    pub shortlisted: bool,
    /// Free text: the source and assumptions of the figures.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// What the catalogue knows about its figures (restwaarde, ijkpunt,
    /// main effect, shared outcomes); empty for an option made by hand.
    #[serde(default, skip_serializing_if = "catalogue::Basis::is_empty")]
    pub basis: catalogue::Basis,
}

fn yes() -> bool {
    true
}

fn is_npv(o: &Objective) -> bool {
    *o == Objective::Npv
}

impl CaseOption {
    /// Whether this option is a package of other options.
    pub fn is_package(&self) -> bool {
        !self.members.is_empty()
    }
}

/// One party's own weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartyWeighting {
    /// The participant id.
    pub participant: String,
    /// How they weigh.
    pub weighting: Weighting,
}

/// The corporation's budget the portfolio must fit in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseBudget {
    /// Whose costs are limited (usually `corporatie`).
    pub actor: String,
    /// First year index.
    pub from_year: i64,
    /// Last year index (inclusive).
    pub to_year: i64,
    /// Euros, undiscounted, over those years.
    pub max: f64,
}

/// The besluit: what was chosen, why, and on what conditions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The chosen option ids.
    pub chosen: Vec<String>,
    /// Why, in the user's words.
    pub rationale: String,
    /// Dissenting views, with whose they are.
    #[serde(default)]
    pub dissent: String,
    /// Conditions attached to the besluit.
    #[serde(default)]
    pub conditions: String,
    /// Who recorded it (a user name).
    pub decided_by: String,
    /// When (Unix seconds).
    pub decided_at: i64,
}

/// The whole content of one version of an afweging.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseDoc {
    /// Layout version of this document ([`CASE_DOC_VERSION`]).
    pub doc_version: u32,
    /// The decision question.
    pub question: String,
    /// At which level the decision is taken.
    pub level: DecisionLevel,
    /// When the decision is due (ISO date), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_moment: Option<String>,
    /// The area or complexes it is about.
    pub area: CaseArea,
    /// Who takes part in which role.
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// The problems each party sees.
    #[serde(default)]
    pub problems: Vec<Problem>,
    /// What happens without new policy.
    #[serde(default)]
    pub baseline: Baseline,
    /// Calendar year of year index 0.
    pub start_year: i64,
    /// Years evaluated.
    pub horizon_years: i64,
    /// Real discount rate.
    pub discount_rate: f64,
    /// Who pays or gains.
    pub actors: Vec<Actor>,
    /// Criteria that are not in euros; their `weight` is kept in step
    /// with [`CaseDoc::weighting`].
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// The options, in the order the user sees them.
    #[serde(default)]
    pub options: Vec<CaseOption>,
    /// How MCA scores are combined.
    #[serde(default)]
    pub mca_method: McaMethod,
    /// The shared (main) weighing.
    #[serde(default)]
    pub weighting: Weighting,
    /// Each party's own weighing.
    #[serde(default)]
    pub party_weights: Vec<PartyWeighting>,
    /// Monte Carlo settings.
    #[serde(default)]
    pub uncertainty: UncertaintySettings,
    /// The corporation's budget, for the portfolio view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<CaseBudget>,
    /// What the portfolio maximises: the saldo in euros (`npv`, the
    /// default) or each option's MCA score under the shared weighing
    /// (`value`; see [`CaseDoc::mca_value_problem`]).
    #[serde(default, skip_serializing_if = "is_npv")]
    pub portfolio_objective: Objective,
    /// Who pays along in the proposal for sharing costs, and whether
    /// nobody is asked more than it gains.
    #[serde(default, skip_serializing_if = "CostSharingRule::is_default")]
    pub cost_sharing: CostSharingRule,
    /// What werkateliers brought in: weightings, problems, voorselectie.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workshops: Vec<WorkshopOutcome>,
    /// The parties' comments, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<PartyComment>,
    /// The besluit, once recorded; the version is then frozen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

/// The discount rates every result also shows (the MKBA leidraad's range).
pub const SENSITIVITY_RATES: [f64; 3] = [0.0, 0.0225, 0.04];

impl CaseDoc {
    /// A new, empty afweging for a question about an area, starting in
    /// `start_year`, with the standard actors.
    pub fn new(question: &str, level: DecisionLevel, area: CaseArea, start_year: i64) -> CaseDoc {
        CaseDoc {
            doc_version: CASE_DOC_VERSION,
            question: question.trim().to_string(),
            level,
            decision_moment: None,
            area,
            participants: Vec::new(),
            problems: Vec::new(),
            baseline: Baseline::default(),
            start_year,
            horizon_years: 15,
            discount_rate: crate::model::default_discount_rate(),
            actors: catalogue::STANDARD_ACTORS
                .iter()
                .take(4)
                .map(|(id, name)| Actor {
                    id: id.to_string(),
                    name: name.to_string(),
                })
                .collect(),
            criteria: Vec::new(),
            options: Vec::new(),
            mca_method: McaMethod::WeightedSum,
            weighting: Weighting::default(),
            party_weights: Vec::new(),
            uncertainty: UncertaintySettings::default(),
            budget: None,
            portfolio_objective: Objective::Npv,
            cost_sharing: CostSharingRule::default(),
            workshops: Vec::new(),
            comments: Vec::new(),
            decision: None,
        }
    }

    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<&CaseOption> {
        self.options.iter().find(|o| o.spec.id == id)
    }

    /// The option with this id, to change.
    pub fn option_mut(&mut self, id: &str) -> Option<&mut CaseOption> {
        self.options.iter_mut().find(|o| o.spec.id == id)
    }

    /// The participant with this id.
    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    /// The options that enter the model (kept after pre-selection).
    pub fn shortlist(&self) -> impl Iterator<Item = &CaseOption> {
        self.options.iter().filter(|o| o.shortlisted)
    }

    /// What is still missing before results can be shown, in Dutch; empty
    /// when the afweging can be evaluated.
    pub fn missing_for_results(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if !self.baseline.is_described() {
            missing.push("Beschrijf eerst het nulalternatief: wat gebeurt er zonder nieuw beleid?");
        }
        if self.shortlist().next().is_none() {
            missing.push("Voeg ten minste één optie toe en houd die na de voorselectie over.");
        }
        missing
    }

    /// Makes sure an actor exists, adding it with its standard name (or the
    /// id) when it does not.
    pub fn ensure_actor(&mut self, id: &str) {
        if self.actors.iter().any(|a| a.id == id) {
            return;
        }
        let name = catalogue::standard_actor_name(id).unwrap_or(id);
        self.actors.push(Actor {
            id: id.to_string(),
            name: name.to_string(),
        });
    }
}
