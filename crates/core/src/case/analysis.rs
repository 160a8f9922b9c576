//! Everything the results page, the report and the workbook show for an
//! afweging, computed from its model by the one engine: the engine's
//! [`Report`] plus the views built on it (the EffectenArena with a proposal
//! for sharing costs, where parties' rankings disagree, the Monte Carlo
//! distributions, the portfolio under moving budgets, and the
//! pre-selection of options against the problems).

use indexmap::IndexMap;

use crate::engine::EvalError;
use crate::engine::portfolio::PortfolioSolver;
use crate::model::{Category, Model};
use crate::report::Report;

use super::CaseDoc;

/// The results of one afweging.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The model that was evaluated (`CaseDoc::to_model`).
    pub model: Model,
    /// The engine's output, exactly what `wikken evaluate` prints for the model.
    pub report: Report,
    /// Per model option (file order): the distribution of its npv; empty
    /// when no flow is uncertain.
    pub distributions: Vec<Histogram>,
    /// The EffectenArena: per model option, per actor.
    pub arena: Vec<ArenaColumn>,
    /// Per model option: its rank under the main weights and under each
    /// party's weights; empty without criteria.
    pub disagreement: Vec<Disagreement>,
    /// The portfolio at several budget levels; empty without a budget.
    pub budget_steps: Vec<BudgetStep>,
    /// Per case option (all, shortlisted or not): the pre-selection.
    pub preselection: Vec<PreselectionRow>,
}

/// The npvs of one option's Monte Carlo iterations, binned.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// Lower edge of the first bin.
    pub lo: f64,
    /// Upper edge of the last bin.
    pub hi: f64,
    /// Iterations per bin (equal widths); values outside [lo, hi] are
    /// counted in the first or last bin.
    pub counts: Vec<u32>,
}

/// One actor's share in one option.
#[derive(Debug, Clone, PartialEq)]
pub struct ArenaCell {
    /// PV of the actor's costs.
    pub pv_costs: f64,
    /// PV of the actor's benefits.
    pub pv_benefits: f64,
    /// Benefits − costs (the engine's `by_actor`).
    pub net: f64,
    /// Proposed contribution: the option's total PV costs × this actor's
    /// share of its total PV benefits.
    pub proposed_contribution: f64,
    /// Net after the proposed sharing: benefits − proposed contribution.
    pub net_after_sharing: f64,
}

/// The EffectenArena column of one option.
#[derive(Debug, Clone, PartialEq)]
pub struct ArenaColumn {
    /// Option id.
    pub option: String,
    /// Per actor id (the model's actor order).
    pub actors: IndexMap<String, ArenaCell>,
}

/// How the parties rank one option.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// Option id.
    pub option: String,
    /// Rank under the shared weights.
    pub main_rank: u32,
    /// Per party (stakeholder name, the weight sets' order): its rank.
    pub ranks: IndexMap<String, u32>,
    /// Highest minus lowest rank over the shared and party weights.
    pub spread: u32,
}

/// The portfolio at one budget level.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetStep {
    /// The level as a share of the case's budget (0.5, 0.75, 1, 1.25, 1.5).
    pub factor: f64,
    /// The budget at that level, euros.
    pub max: f64,
    /// Chosen option ids (model order).
    pub selected: Vec<String>,
    /// Sum of their npvs.
    pub objective: f64,
    /// Undiscounted cost within the budget's actor and years.
    pub spent: f64,
    /// That cost split by category (stenen, sociaal, beleid, combinatie).
    pub spent_by_category: IndexMap<Category, f64>,
}

/// How one option addresses the recorded problems, against its cost.
#[derive(Debug, Clone, PartialEq)]
pub struct PreselectionRow {
    /// Option id.
    pub option: String,
    /// Per problem id: 0..=3.
    pub scores: IndexMap<String, u8>,
    /// Sum of the scores.
    pub total: u32,
    /// PV of all its costs (the extra cost against the nulalternatief).
    pub pv_costs: f64,
    /// Total per million euro of PV costs; `None` without costs.
    pub per_million: Option<f64>,
    /// Whether it is kept.
    pub shortlisted: bool,
}

/// The budget levels the portfolio view compares.
pub const BUDGET_FACTORS: [f64; 5] = [0.5, 0.75, 1.0, 1.25, 1.5];

/// Evaluates an afweging: its model through the engine, and every view
/// built on it. Fails only when the model is invalid or the solver fails.
pub fn analyse(doc: &CaseDoc, solver: &dyn PortfolioSolver) -> Result<Analysis, EvalError> {
    let _ = (doc, solver);
    todo!("implemented by the analysis work")
}
