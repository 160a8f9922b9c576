//! The portfolio solved with HiGHS (through the `highs` crate).
//!
//! One binary variable per option; per synergy one binary that may be 1 only
//! when all its options are chosen (bonus > 0) or must be 1 when they are
//! (bonus < 0). Budgets, groups, requires and excludes are linear rows
//! ([`formulation`]). Before HiGHS starts, [`reduced`] settles what the
//! structure allows.
//!
//! Without a time limit the answer is proven optimal within a relative gap
//! of 1e-6. With one, HiGHS may stop early; it then returns the best
//! selection found (at worst "choose nothing", which it is given as its
//! first solution) and the gap to the best proven bound.

mod formulation;
pub mod reduced;
mod search;

use std::time::Duration;

use highs::HighsModelStatus;
use wikken_core::engine::portfolio::{
    BinaryProgram, PortfolioSolver, SolveError, Solved, relative_gap,
};

pub use formulation::MIP_REL_GAP;
use formulation::{Limits, MipOutcome, Tuning, formulate, solve_mip};

/// HiGHS as a [`PortfolioSolver`], with what the portfolio's structure
/// gives before it starts (see [`reduced`]): options dominated within
/// their group left out, the LP relaxation's duals turned into a bound that
/// leaves out every option that cannot be in a better selection than a
/// good one found first, and that selection handed to HiGHS as its start.
#[derive(Debug, Clone, Copy, Default)]
pub struct Highs {
    /// Threads HiGHS may use; 0 lets HiGHS choose.
    pub threads: u32,
    /// Wall-clock limit per solve; `None` solves to proven optimality.
    pub time_limit: Option<Duration>,
}

impl Highs {
    /// HiGHS that stops after `limit` with the best selection found.
    pub fn with_time_limit(limit: Duration) -> Highs {
        Highs {
            time_limit: Some(limit),
            ..Highs::default()
        }
    }
}

impl PortfolioSolver for Highs {
    fn solve(&self, p: &BinaryProgram) -> Result<Solved, SolveError> {
        reduced::solve(p, self.threads, self.time_limit)
    }
}

/// Plain HiGHS: the same formulation handed to the solver as it is, as a
/// user calling HiGHS directly would. The reference of the benchmark and
/// of the tests; Wikken itself uses [`Highs`].
#[derive(Debug, Clone, Copy, Default)]
pub struct PlainHighs {
    /// Threads HiGHS may use; 0 lets HiGHS choose.
    pub threads: u32,
    /// Wall-clock limit per solve; `None` solves to proven optimality.
    pub time_limit: Option<Duration>,
}

impl PortfolioSolver for PlainHighs {
    fn solve(&self, p: &BinaryProgram) -> Result<Solved, SolveError> {
        let f = formulate(p, None, true)?;
        // Choosing nothing is always allowed: with it as the first
        // incumbent, a stop at the limit always has an answer.
        let nothing = vec![false; p.len()];
        let start = self.time_limit.is_some().then_some(&nothing[..]);
        let limits = Limits::time(self.time_limit);
        let outcome = solve_mip(p, f, self.threads, limits, start, Tuning::Plain)?;
        interpret(p, outcome, self.time_limit.is_some(), None)
    }
}

/// The answer from HiGHS's outcome: proven optimal, or (only with a time
/// limit) the best selection held with its gap. `known` is a feasible
/// selection found before and a proven bound on every selection: the
/// answer is never worse than that selection, its gap never above what
/// that bound allows.
fn interpret(
    p: &BinaryProgram,
    outcome: MipOutcome,
    limited: bool,
    known: Option<(&[bool], f64)>,
) -> Result<Solved, SolveError> {
    let status = outcome.status;
    let stopped_early = match status {
        HighsModelStatus::Optimal if outcome.chosen.is_some() => false,
        // With a time limit HiGHS may stop anywhere (at the limit, or,
        // seen under heavy load, with a status this bounded and always
        // feasible problem cannot have); the best selection it holds,
        // or else choosing nothing, is then the answer, with its gap.
        _ if limited => true,
        HighsModelStatus::Infeasible => {
            return Err(SolveError::Solver(
                "HiGHS found no feasible selection".into(),
            ));
        }
        other => {
            return Err(SolveError::Solver(format!(
                "HiGHS stopped before proving optimality ({other:?})"
            )));
        }
    };
    let mut chosen = outcome.chosen.unwrap_or_else(|| vec![false; p.len()]);
    if !p.is_feasible(&chosen) {
        if !stopped_early {
            return Err(SolveError::Solver(
                "HiGHS returned a selection that breaks a constraint".into(),
            ));
        }
        chosen = vec![false; p.len()];
    }
    if let Some((found, _)) = known
        && p.objective(found) > p.objective(&chosen)
    {
        chosen = found.to_vec();
    }
    if !stopped_early {
        return Ok(Solved::optimal(chosen));
    }
    // After a status other than the time limit HiGHS's bound means
    // nothing: the gap is then unknown unless a bound was known before.
    let bound = outcome
        .bound
        .unwrap_or(f64::INFINITY)
        .min(known.map_or(f64::INFINITY, |(_, b)| b));
    let gap = relative_gap(p.objective(&chosen), bound);
    Ok(if gap <= MIP_REL_GAP {
        Solved::optimal(chosen)
    } else {
        Solved {
            chosen,
            gap: Some(gap),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wikken_core::engine::portfolio::BudgetRow;

    /// A knapsack HiGHS cannot prove in no time: many options of nearly
    /// equal value per euro.
    fn hard(n: usize) -> BinaryProgram {
        let cost: Vec<f64> = (0..n).map(|i| 1000.0 + ((i * 7919) % 997) as f64).collect();
        let value: Vec<f64> = cost
            .iter()
            .enumerate()
            .map(|(i, c)| c * (1.0 + ((i * 104_729) % 89) as f64 * 1e-4))
            .collect();
        BinaryProgram {
            value,
            budgets: (0..5)
                .map(|k| BudgetRow {
                    max: cost.iter().sum::<f64>() * (0.2 + 0.05 * k as f64),
                    cost: cost
                        .iter()
                        .enumerate()
                        .map(|(i, c)| c * (1.0 + ((i + k) % 5) as f64 * 0.1))
                        .collect(),
                })
                .collect(),
            groups: vec![],
            requires: vec![],
            excludes: vec![],
            synergies: vec![],
        }
    }

    #[test]
    fn a_time_limit_gives_the_best_found_with_its_gap() {
        let p = hard(400);
        let solved = Highs {
            threads: 1,
            time_limit: Some(Duration::ZERO),
        }
        .solve(&p)
        .unwrap();
        assert!(p.is_feasible(&solved.chosen));
        let gap = solved.gap.expect("stopped before proving the optimum");
        assert!(gap > MIP_REL_GAP && gap <= 1.0, "gap {gap}");
    }

    #[test]
    fn without_a_time_limit_the_answer_is_proven() {
        let p = hard(30);
        let solved = Highs::default().solve(&p).unwrap();
        assert_eq!(solved.gap, None);
        assert!(p.is_feasible(&solved.chosen));
    }
}
