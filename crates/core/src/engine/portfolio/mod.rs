//! The portfolio as a 0-1 programme: choose options to maximise the
//! objective plus synergy bonuses, within budgets, groups, requires and
//! excludes. The problem is built here; a [`PortfolioSolver`] solves it.

use std::collections::HashMap;

pub mod incumbent;
pub mod reduce;
pub mod rows;

use super::mkba::{nominal_factor, option_npv};
use super::stats::total;
use crate::model::{FlowKind, Model, Objective, Portfolio};

/// The portfolio problem over option indices (file order).
#[derive(Debug, Clone, PartialEq)]
pub struct BinaryProgram {
    /// Objective coefficient per option.
    pub value: Vec<f64>,
    /// Per budget: its max and each option's undiscounted cost in it.
    pub budgets: Vec<BudgetRow>,
    /// Sets of which at most one option is chosen.
    pub groups: Vec<Vec<usize>>,
    /// `(b, a)`: b only with a.
    pub requires: Vec<(usize, usize)>,
    /// Pairs never both chosen.
    pub excludes: Vec<(usize, usize)>,
    /// A bonus when all of the options are chosen.
    pub synergies: Vec<(Vec<usize>, f64)>,
}

/// One budget constraint: Σ cost[o]·x[o] ≤ max.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    /// The limit.
    pub max: f64,
    /// Undiscounted cost per option within the budget's actor and years.
    pub cost: Vec<f64>,
}

/// Budgets are met within 1e-6 euro plus a relative 1e-9: the solver's own
/// feasibility tolerance, far below a cent.
pub const BUDGET_ABS_TOLERANCE: f64 = 1e-6;
/// See [`BUDGET_ABS_TOLERANCE`].
pub const BUDGET_REL_TOLERANCE: f64 = 1e-9;

impl BinaryProgram {
    /// Builds the problem of a valid model with a portfolio.
    pub fn from_model(model: &Model, p: &Portfolio) -> BinaryProgram {
        let index: HashMap<&str, usize> = model
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        let ix = |id: &String| index[id.as_str()];
        let value = model
            .options
            .iter()
            .map(|o| match p.objective {
                Objective::Npv => option_npv(model, o, model.discount_rate),
                Objective::Value => o.value.unwrap_or(0.0),
            })
            .collect();
        let budgets = p
            .budgets
            .iter()
            .map(|b| BudgetRow {
                max: b.max,
                cost: model
                    .options
                    .iter()
                    .map(|o| {
                        total(
                            o.flows
                                .iter()
                                .filter(|f| f.kind == FlowKind::Cost && f.actor == b.actor)
                                .map(|f| {
                                    f.amount
                                        * nominal_factor(
                                            f,
                                            model.horizon_years,
                                            b.from_year,
                                            b.to_year,
                                        )
                                }),
                        )
                    })
                    .collect(),
            })
            .collect();
        BinaryProgram {
            value,
            budgets,
            groups: p
                .groups
                .iter()
                .map(|g| g.options.iter().map(ix).collect())
                .collect(),
            requires: p.requires.iter().map(|[b, a]| (ix(b), ix(a))).collect(),
            excludes: p.excludes.iter().map(|[a, b]| (ix(a), ix(b))).collect(),
            synergies: p
                .synergies
                .iter()
                .map(|s| (s.options.iter().map(ix).collect(), s.bonus))
                .collect(),
        }
    }

    /// Number of options (decision variables).
    pub fn len(&self) -> usize {
        self.value.len()
    }

    /// True when there are no options.
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// Spent per budget by a selection.
    pub fn spent(&self, chosen: &[bool]) -> Vec<f64> {
        self.budgets
            .iter()
            .map(|b| total((0..self.len()).filter(|&o| chosen[o]).map(|o| b.cost[o])))
            .collect()
    }

    /// The objective of a selection: values plus the bonus of every synergy
    /// whose options are all chosen.
    pub fn objective(&self, chosen: &[bool]) -> f64 {
        let base = total(
            (0..self.len())
                .filter(|&o| chosen[o])
                .map(|o| self.value[o]),
        );
        let bonus = total(
            self.synergies
                .iter()
                .filter(|(opts, _)| opts.iter().all(|&o| chosen[o]))
                .map(|(_, b)| *b),
        );
        base + bonus
    }

    /// Whether a selection obeys every constraint.
    pub fn is_feasible(&self, chosen: &[bool]) -> bool {
        let budgets_ok = self
            .budgets
            .iter()
            .zip(self.spent(chosen))
            .all(|(b, spent)| {
                spent <= b.max + BUDGET_ABS_TOLERANCE + BUDGET_REL_TOLERANCE * b.max.abs()
            });
        budgets_ok
            && self
                .groups
                .iter()
                .all(|g| g.iter().filter(|&&o| chosen[o]).count() <= 1)
            && self.requires.iter().all(|&(b, a)| !chosen[b] || chosen[a])
            && self
                .excludes
                .iter()
                .all(|&(a, b)| !(chosen[a] && chosen[b]))
    }

    /// The selection by `solver`, pruned ([`BinaryProgram::prune`]): what the
    /// report's portfolio holds. Pruning never lowers the objective, so a
    /// gap stays an upper bound.
    pub fn solve_pruned(&self, solver: &dyn PortfolioSolver) -> Result<Solved, SolveError> {
        let mut solved = solver.solve(self)?;
        self.prune(&mut solved.chosen);
        Ok(solved)
    }

    /// Among equally good selections, prefers the one without options that
    /// add nothing: drops, in file order, every chosen option whose removal
    /// keeps the selection feasible and does not lower the objective.
    /// Solvers differ in which of several optima they return; this makes
    /// the answer the same, and free of zero-value options.
    pub fn prune(&self, chosen: &mut [bool]) {
        let mut value = self.objective(chosen);
        for o in 0..self.len() {
            if !chosen[o] {
                continue;
            }
            chosen[o] = false;
            let without = self.objective(chosen);
            if without >= value && self.is_feasible(chosen) {
                value = without;
            } else {
                chosen[o] = true;
            }
        }
    }
}

/// Something that finds the optimal selection of a [`BinaryProgram`].
pub trait PortfolioSolver: Sync {
    /// The chosen options, proven optimal within a relative gap of 1e-6,
    /// or (only when the solver has a time limit and reached it) the best
    /// selection found with its gap.
    fn solve(&self, problem: &BinaryProgram) -> Result<Solved, SolveError>;
}

/// A solver's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Solved {
    /// One flag per option.
    pub chosen: Vec<bool>,
    /// `None` when proven optimal; otherwise the relative gap between the
    /// selection's objective and the best proven bound (0–1).
    pub gap: Option<f64>,
}

impl Solved {
    /// A proven optimum.
    pub fn optimal(chosen: Vec<bool>) -> Solved {
        Solved { chosen, gap: None }
    }
}

/// The relative gap between a selection's objective and a proven upper
/// bound on every selection's: (bound − objective) / max(|bound|, |objective|),
/// 0 when they agree, never negative, at most 1 when both are ≥ 0.
pub fn relative_gap(objective: f64, bound: f64) -> f64 {
    let scale = bound.abs().max(objective.abs());
    if scale == 0.0 || !bound.is_finite() {
        return if bound.is_finite() { 0.0 } else { 1.0 };
    }
    ((bound - objective) / scale).max(0.0)
}

/// Why a portfolio could not be solved.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SolveError {
    /// The solver failed or gave up.
    #[error("portfolio: the solver failed: {0}")]
    Solver(String),
    /// The problem is too large for this solver.
    #[error("portfolio: {0} options are too many for exhaustive search (at most {1})")]
    TooLarge(usize, usize),
}

/// Exhaustive search over all 2^n selections: the reference for tests and
/// for tiny problems. Ties go to the selection found first (fewest, earliest).
pub struct BruteForce;

/// The largest problem [`BruteForce`] accepts.
pub const BRUTE_FORCE_MAX: usize = 20;

impl PortfolioSolver for BruteForce {
    fn solve(&self, problem: &BinaryProgram) -> Result<Solved, SolveError> {
        let n = problem.len();
        if n > BRUTE_FORCE_MAX {
            return Err(SolveError::TooLarge(n, BRUTE_FORCE_MAX));
        }
        let mut best = vec![false; n];
        let mut best_value = problem.objective(&best);
        for mask in 1u32..(1 << n) {
            let chosen: Vec<bool> = (0..n).map(|o| mask & (1 << o) != 0).collect();
            if problem.is_feasible(&chosen) {
                let v = problem.objective(&chosen);
                if v > best_value {
                    best_value = v;
                    best = chosen;
                }
            }
        }
        Ok(Solved::optimal(best))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem() -> BinaryProgram {
        // 0: 10 for 6, 1: 7 for 4, 2: 6 for 3; budget 7; 0 and 1 exclusive.
        BinaryProgram {
            value: vec![10.0, 7.0, 6.0],
            budgets: vec![BudgetRow {
                max: 7.0,
                cost: vec![6.0, 4.0, 3.0],
            }],
            groups: vec![vec![0, 1]],
            requires: vec![],
            excludes: vec![],
            synergies: vec![],
        }
    }

    #[test]
    fn budget_and_group() {
        let p = problem();
        // {1, 2} costs 7 and gives 13 > {0} with 10
        assert_eq!(
            BruteForce.solve(&p).unwrap().chosen,
            vec![false, true, true]
        );
    }

    #[test]
    fn synergy_requires_and_excludes() {
        let mut p = problem();
        p.synergies.push((vec![0, 2], 100.0));
        p.budgets[0].max = 9.0;
        assert_eq!(
            BruteForce.solve(&p).unwrap().chosen,
            vec![true, false, true]
        );
        p.excludes.push((0, 2));
        assert_eq!(
            BruteForce.solve(&p).unwrap().chosen,
            vec![false, true, true]
        );
        p.requires.push((2, 0)); // 2 only with 0, and 0 excludes 2: 2 never
        assert_eq!(
            BruteForce.solve(&p).unwrap().chosen,
            vec![true, false, false]
        );
    }

    #[test]
    fn negative_synergy_counts_only_when_all_are_chosen() {
        let mut p = problem();
        p.groups.clear();
        p.budgets[0].max = 100.0;
        p.synergies.push((vec![0, 1, 2], -20.0));
        let chosen = BruteForce.solve(&p).unwrap().chosen;
        assert_eq!(p.objective(&chosen), 17.0); // {0, 1} = 17 beats all three (3)
        assert_eq!(p.objective(&[true, true, true]), 3.0);
    }

    #[test]
    fn pruning_drops_options_that_add_nothing() {
        let mut p = problem();
        p.value = vec![0.0, 5.0, 0.0];
        p.groups.clear();
        p.budgets[0].max = 100.0;
        p.requires.push((1, 2)); // 1 needs 2, so 2 stays although it adds nothing
        let mut chosen = vec![true, true, true];
        p.prune(&mut chosen);
        assert_eq!(chosen, vec![false, true, true]);
    }

    #[test]
    fn the_gap_is_relative_and_never_negative() {
        assert_eq!(relative_gap(90.0, 100.0), 0.1);
        assert_eq!(relative_gap(100.0, 100.0), 0.0);
        assert_eq!(relative_gap(0.0, 0.0), 0.0);
        assert_eq!(relative_gap(0.0, 50.0), 1.0);
        assert_eq!(relative_gap(101.0, 100.0), 0.0);
        assert_eq!(relative_gap(-10.0, -5.0), 0.5);
        assert_eq!(relative_gap(3.0, f64::INFINITY), 1.0);
    }

    #[test]
    fn nothing_is_chosen_when_nothing_pays() {
        let mut p = problem();
        p.value = vec![-1.0, -2.0, 0.0];
        assert_eq!(
            BruteForce.solve(&p).unwrap().chosen,
            vec![false, false, false]
        );
    }
}
