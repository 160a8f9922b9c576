//! The output of an evaluation, exactly as `wikken evaluate --format json`
//! prints it (the spec's "Output" section).

use indexmap::IndexMap;
use serde::Serialize;

use crate::model::{Category, PmItem};

/// Everything the engine computes for one model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The model's title.
    pub title: String,
    /// Per option, in file order.
    pub options: Vec<OptionResult>,
    /// Absent when there are no criteria.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mca: Option<McaResult>,
    /// The tornado; only when some flow is uncertain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Vec<SensitivityRow>>,
    /// Only when some flow is uncertain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_of_information: Option<ValueOfInformation>,
    /// Only when the model has a portfolio.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub portfolio: Option<PortfolioResult>,
    /// Always present; empty when there is nothing to say.
    pub warnings: Vec<String>,
}

/// The figures of one option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionResult {
    /// Option id.
    pub id: String,
    /// Option name.
    pub name: String,
    /// Stenen, sociaal, beleid, combinatie.
    pub category: Category,
    /// PV of the costs.
    pub pv_costs: f64,
    /// PV of the benefits.
    pub pv_benefits: f64,
    /// Maatschappelijk saldo.
    pub npv: f64,
    /// Benefit/cost ratio; null without costs.
    pub bcr: Option<f64>,
    /// Per actor: PV benefits − PV costs.
    pub by_actor: IndexMap<String, f64>,
    /// The PM-posten, when there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pm: Vec<PmItem>,
    /// npv at each of the model's `sensitivity_rates`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub npv_at_rates: Option<IndexMap<String, f64>>,
    /// Score and rank under the main weights.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mca: Option<McaScore>,
    /// Monte Carlo statistics of the npv.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<UncertaintyResult>,
}

/// An option's MCA score and rank.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct McaScore {
    /// Score under the method.
    pub score: f64,
    /// 1 is best; ties share a rank.
    pub rank: u32,
}

/// Monte Carlo statistics of an option's npv.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct UncertaintyResult {
    /// Mean.
    pub mean: f64,
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// P(npv > 0).
    pub prob_positive: f64,
    /// P(this option has the highest npv).
    pub prob_best: f64,
}

/// The MCA as a whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct McaResult {
    /// The method used.
    pub method: crate::model::McaMethod,
    /// The main weights, normalised, per criterion.
    pub weights: IndexMap<String, f64>,
    /// Only when the model has an AHP matrix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ahp: Option<AhpOutput>,
    /// Scores and ranks under each stakeholder's weights.
    pub by_weight_set: Vec<WeightSetResult>,
}

/// The AHP outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AhpOutput {
    /// Weights per criterion.
    pub weights: IndexMap<String, f64>,
    /// Principal eigenvalue.
    pub lambda_max: f64,
    /// Consistency index.
    pub ci: f64,
    /// Consistency ratio.
    pub cr: f64,
}

/// Scores and ranks under one stakeholder's weights.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightSetResult {
    /// Whose weights.
    pub stakeholder: String,
    /// Score per option id.
    pub scores: IndexMap<String, f64>,
    /// Rank per option id.
    pub ranks: IndexMap<String, u32>,
}

/// One bar of the tornado.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityRow {
    /// Option id.
    pub option: String,
    /// Index of the flow within its option.
    pub flow: usize,
    /// The flow's label.
    pub label: String,
    /// The option's npv with the flow at its low end.
    pub npv_low: f64,
    /// The option's npv with the flow at its high end.
    pub npv_high: f64,
    /// |npv_high − npv_low|.
    pub swing: f64,
}

/// The expected value of perfect information.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ValueOfInformation {
    /// E[max npv] − max E[npv], never below 0.
    pub evpi: f64,
}

/// The best set of options within the budgets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortfolioResult {
    /// Chosen option ids, in file order.
    pub selected: Vec<String>,
    /// Objective of the selection, bonuses included.
    pub objective: f64,
    /// Spent per budget, in the model's order.
    pub spent: Vec<f64>,
    /// Proven optimal (within a relative gap of 1e-6).
    pub optimal: bool,
    /// Only when not proven optimal (the solver's time limit was reached):
    /// the relative gap between `objective` and the best proven bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
}
