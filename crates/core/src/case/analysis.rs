//! Everything the results page, the report and the workbook show for an
//! afweging, computed from its model by the one engine: the engine's
//! [`Report`] plus the views built on it (the EffectenArena with a proposal
//! for sharing costs by the afweging's rule, where parties' rankings disagree, the Monte Carlo
//! distributions, the portfolio under moving budgets, and the
//! pre-selection of options against the problems).

use indexmap::IndexMap;
use rayon::prelude::*;

use crate::engine::mkba::pv_factor;
use crate::engine::portfolio::{BinaryProgram, PortfolioSolver, Solved};
use crate::engine::stats::total;
use crate::engine::{EvalError, evaluate_with_histograms};
use crate::model::{Category, FlowKind, Model};
use crate::report::Report;

use super::CaseDoc;
use super::cost_sharing::{self, CostSharingRule, Party};

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

/// The npvs of one option's Monte Carlo iterations, binned (computed in
/// the same simulation as the report's statistics).
pub use crate::engine::montecarlo::Histogram;

/// One actor's share in one option.
#[derive(Debug, Clone, PartialEq)]
pub struct ArenaCell {
    /// PV of the actor's costs.
    pub pv_costs: f64,
    /// PV of the actor's benefits.
    pub pv_benefits: f64,
    /// Benefits − costs (the engine's `by_actor`).
    pub net: f64,
    /// Whether the actor pays along in the proposal (the afweging's
    /// [`super::CostSharingRule`]).
    pub pays: bool,
    /// Proposed contribution to the option's costs, by the rule of
    /// [`super::cost_sharing`]: a payer's share by its benefits, plus what
    /// stays with it as a cost bearer.
    pub proposed_contribution: f64,
    /// The part of the contribution that is costs it carries now and that
    /// could not be shared (the remainder, pro rata of its own costs).
    pub kept: f64,
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
    /// The costs (PV) shared among the payers by their benefits.
    pub shared: f64,
    /// The costs (PV) that could not be shared and stay with the parties
    /// that carry them now.
    pub remainder: f64,
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
    /// What the portfolio maximises, for them: the sum of their npvs, or
    /// of their MCA values when the model's portfolio objective is `value`.
    pub objective: f64,
    /// Undiscounted cost within the budget's actor and years.
    pub spent: f64,
    /// That cost split by category (stenen, sociaal, beleid, combinatie).
    pub spent_by_category: IndexMap<Category, f64>,
    /// `None` when proven optimal; else the relative gap (time limit reached).
    pub gap: Option<f64>,
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

/// Bins of each option's npv distribution.
pub const HISTOGRAM_BINS: usize = 24;

/// The categories a budget step splits its spending by, in this order.
pub const CATEGORIES: [Category; 4] = [
    Category::Stenen,
    Category::Sociaal,
    Category::Beleid,
    Category::Combinatie,
];

/// Evaluates an afweging: its model through the engine, and every view
/// built on it. Fails only when the model is invalid or the solver fails.
pub fn analyse(doc: &CaseDoc, solver: &dyn PortfolioSolver) -> Result<Analysis, EvalError> {
    let model = doc.to_model();
    let (report, distributions) = evaluate_with_histograms(&model, solver, None, HISTOGRAM_BINS)?;
    let budget_steps = budget_steps(doc, &model, solver)?;
    Ok(Analysis {
        arena: arena(&model, &report, &doc.cost_sharing),
        disagreement: disagreement(&report),
        preselection: preselection(doc),
        budget_steps,
        distributions,
        report,
        model,
    })
}

/// The EffectenArena of a valid model and its report: per option and
/// actor the PVs, the net, and the proposal for sharing the option's costs
/// by `rule` ([`cost_sharing::share`]).
fn arena(model: &Model, report: &Report, rule: &CostSharingRule) -> Vec<ArenaColumn> {
    model
        .options
        .iter()
        .zip(&report.options)
        .map(|(o, r)| {
            let mut pv: IndexMap<&str, (f64, f64)> = model
                .actors
                .iter()
                .map(|a| (a.id.as_str(), (0.0, 0.0)))
                .collect();
            for f in &o.flows {
                let v = f.amount * pv_factor(f, model.horizon_years, model.discount_rate);
                if let Some((costs, benefits)) = pv.get_mut(f.actor.as_str()) {
                    match f.kind {
                        FlowKind::Cost => *costs += v,
                        FlowKind::Benefit => *benefits += v,
                    }
                }
            }
            let parties: Vec<Party> = pv
                .iter()
                .map(|(id, (costs, benefits))| Party {
                    costs: *costs,
                    benefits: *benefits,
                    pays: rule.pays(id),
                })
                .collect();
            let sharing = cost_sharing::share(&parties, rule.cap_at_gains);
            let actors = pv
                .keys()
                .zip(&parties)
                .enumerate()
                .map(|(i, (id, p))| {
                    let proposed_contribution = sharing.contributions[i];
                    let cell = ArenaCell {
                        pv_costs: p.costs,
                        pv_benefits: p.benefits,
                        net: r.by_actor[*id],
                        pays: p.pays,
                        proposed_contribution,
                        kept: sharing.kept[i],
                        net_after_sharing: p.benefits - proposed_contribution,
                    };
                    (id.to_string(), cell)
                })
                .collect();
            ArenaColumn {
                option: o.id.clone(),
                actors,
                shared: sharing.shared,
                remainder: sharing.remainder,
            }
        })
        .collect()
}

/// Per option its rank under the shared weights and each party's.
fn disagreement(report: &Report) -> Vec<Disagreement> {
    let Some(mca) = &report.mca else {
        return Vec::new();
    };
    report
        .options
        .iter()
        .filter_map(|o| {
            let main_rank = o.mca?.rank;
            let ranks: IndexMap<String, u32> = mca
                .by_weight_set
                .iter()
                .map(|s| (s.stakeholder.clone(), s.ranks[&o.id]))
                .collect();
            let all = || ranks.values().copied().chain([main_rank]);
            let spread = all().max().unwrap_or(main_rank) - all().min().unwrap_or(main_rank);
            Some(Disagreement {
                option: o.id.clone(),
                main_rank,
                ranks,
                spread,
            })
        })
        .collect()
}

/// The portfolio at every [`BUDGET_FACTORS`] level of the case's budget
/// (the model's only budget row), solved as the report's portfolio is.
fn budget_steps(
    doc: &CaseDoc,
    model: &Model,
    solver: &dyn PortfolioSolver,
) -> Result<Vec<BudgetStep>, EvalError> {
    let (Some(budget), Some(portfolio)) = (&doc.budget, &model.portfolio) else {
        return Ok(Vec::new());
    };
    let base = BinaryProgram::from_model(model, portfolio);
    BUDGET_FACTORS
        .par_iter()
        .map(|&factor| {
            let mut problem = base.clone();
            let max = budget.max * factor;
            problem.budgets[0].max = max;
            let Solved { chosen, gap } = problem.solve_pruned(solver)?;
            let cost = &problem.budgets[0].cost;
            let spent_by_category = CATEGORIES
                .iter()
                .map(|&c| {
                    let of_c = model
                        .options
                        .iter()
                        .enumerate()
                        .filter(|(i, o)| chosen[*i] && o.category == c)
                        .map(|(i, _)| cost[i]);
                    (c, total(of_c))
                })
                .collect();
            Ok(BudgetStep {
                factor,
                max,
                selected: model
                    .options
                    .iter()
                    .zip(&chosen)
                    .filter(|(_, c)| **c)
                    .map(|(o, _)| o.id.clone())
                    .collect(),
                objective: problem.objective(&chosen),
                spent: problem.spent(&chosen)[0],
                spent_by_category,
                gap,
            })
        })
        .collect()
}

/// Per case option: how much it addresses each problem, against its cost.
fn preselection(doc: &CaseDoc) -> Vec<PreselectionRow> {
    doc.options
        .iter()
        .map(|o| {
            let scores: IndexMap<String, u8> = doc
                .problems
                .iter()
                .map(|p| (p.id.clone(), o.addresses.get(&p.id).copied().unwrap_or(0)))
                .collect();
            let total_score: u32 = scores.values().map(|&s| u32::from(s)).sum();
            let spec = doc.option_spec(o);
            let pv_costs = total(
                spec.flows
                    .iter()
                    .filter(|f| f.kind == FlowKind::Cost)
                    .map(|f| f.amount * pv_factor(f, doc.horizon_years, doc.discount_rate)),
            );
            PreselectionRow {
                option: o.spec.id.clone(),
                scores,
                total: total_score,
                pv_costs,
                per_million: (pv_costs != 0.0).then(|| f64::from(total_score) / (pv_costs / 1e6)),
                shortlisted: o.shortlisted,
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "analysis_tests.rs"]
mod tests;
