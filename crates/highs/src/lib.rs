//! The portfolio solved with HiGHS (through the `highs` crate).
//!
//! One binary variable per option; per synergy one binary that may be 1 only
//! when all its options are chosen (bonus > 0) or must be 1 when they are
//! (bonus < 0). Budgets, groups, requires and excludes are linear rows.
//!
//! Without a time limit the answer is proven optimal within a relative gap
//! of 1e-6. With one, HiGHS may stop early; it then returns the best
//! selection found (at worst "choose nothing", which it is given as its
//! first solution) and the gap to the best proven bound.

use std::num::NonZeroU32;
use std::time::Duration;

use highs::{HighsModelStatus, HighsSolutionStatus, RowProblem, Sense};
use wikken_core::engine::portfolio::{
    BinaryProgram, PortfolioSolver, SolveError, Solved, relative_gap,
};

/// The relative optimality gap the spec allows.
pub const MIP_REL_GAP: f64 = 1e-6;

/// A power of ten near the largest absolute value, to scale a row by
/// (1 when all are 0).
fn magnitude<'a>(values: impl Iterator<Item = &'a f64>) -> f64 {
    let largest = values.fold(0.0f64, |m, v| m.max(v.abs()));
    if largest > 0.0 {
        10f64.powi(largest.log10().floor() as i32)
    } else {
        1.0
    }
}

/// HiGHS as a [`PortfolioSolver`].
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
        let mut pb = RowProblem::default();
        // The objective is scaled to a common magnitude (its optimum does
        // not change; HiGHS warns about costs of 1e7 and more).
        let scale = magnitude(p.value.iter().chain(p.synergies.iter().map(|(_, b)| b)));
        let x: Vec<_> = p
            .value
            .iter()
            .map(|v| pb.add_integer_column(v / scale, 0.0..=1.0))
            .collect();
        let y: Vec<_> = p
            .synergies
            .iter()
            .map(|(_, bonus)| pb.add_integer_column(bonus / scale, 0.0..=1.0))
            .collect();
        // HiGHS wants at least one row; this one never binds.
        pb.add_row(..=p.len() as f64, x.iter().map(|&c| (c, 1.0)));
        // Budget rows stay in euros: the solver's absolute feasibility
        // tolerance (1e-7) is then what the budgets are checked against.
        for b in &p.budgets {
            pb.add_row(..=b.max, x.iter().zip(&b.cost).map(|(&c, &cost)| (c, cost)));
        }
        for g in &p.groups {
            pb.add_row(..=1.0, g.iter().map(|&o| (x[o], 1.0)));
        }
        for &(b, a) in &p.requires {
            pb.add_row(..=0.0, [(x[b], 1.0), (x[a], -1.0)]);
        }
        for &(a, b) in &p.excludes {
            pb.add_row(..=1.0, [(x[a], 1.0), (x[b], 1.0)]);
        }
        for (&s, (opts, bonus)) in y.iter().zip(&p.synergies) {
            if *bonus >= 0.0 {
                for &o in opts {
                    pb.add_row(..=0.0, [(s, 1.0), (x[o], -1.0)]);
                }
            } else {
                let all = opts.iter().map(|&o| (x[o], 1.0)).chain([(s, -1.0)]);
                pb.add_row(..=opts.len() as f64 - 1.0, all);
            }
        }

        let columns = x.len() + y.len();
        let mut model = pb.try_optimise(Sense::Maximise).map_err(failed)?;
        if std::env::var_os("WIKKEN_HIGHS_LOG").is_none() {
            model.make_quiet();
        }
        if let Some(threads) = NonZeroU32::new(self.threads) {
            model.set_threads(threads);
        }
        model
            .try_set_option("mip_rel_gap", MIP_REL_GAP)
            .map_err(failed)?;
        // A binary counts as integral within this tolerance; rounding it
        // may move a budget by tolerance × cost, so keep it far below a cent.
        model
            .try_set_option("mip_feasibility_tolerance", 1e-10)
            .map_err(failed)?;
        if let Some(limit) = self.time_limit {
            model
                .try_set_option("time_limit", limit.as_secs_f64())
                .map_err(failed)?;
            // Choosing nothing is always allowed: with it as the first
            // incumbent, a stop at the limit always has an answer.
            model
                .try_set_solution(Some(&vec![0.0; columns]), None, None, None)
                .map_err(failed)?;
        }

        let solved = model.try_solve().map_err(failed)?;
        let status = solved.status();
        let feasible = solved.primal_solution_status() == HighsSolutionStatus::Feasible;
        let chosen: Vec<bool> = if feasible {
            solved.get_solution().columns()[..x.len()]
                .iter()
                .map(|v| *v > 0.5)
                .collect()
        } else {
            vec![false; x.len()]
        };
        let stopped_early = match status {
            HighsModelStatus::Optimal if feasible => false,
            // With a time limit HiGHS may stop anywhere (at the limit, or,
            // seen under heavy load, with a status this bounded and always
            // feasible problem cannot have); the best selection it holds,
            // or else choosing nothing, is then the answer, with its gap.
            _ if self.time_limit.is_some() => true,
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
        let mut chosen = chosen;
        if !p.is_feasible(&chosen) {
            if !stopped_early {
                return Err(SolveError::Solver(
                    "HiGHS returned a selection that breaks a constraint".into(),
                ));
            }
            chosen = vec![false; x.len()];
        }
        if !stopped_early {
            return Ok(Solved::optimal(chosen));
        }
        // The bound is in the scaled objective; the gap is taken against
        // the selection's own (unscaled) objective. After a status other
        // than the time limit the bound means nothing: the gap is unknown.
        let bound = match status {
            HighsModelStatus::ReachedTimeLimit | HighsModelStatus::ReachedInterrupt => solved
                .double_info_value(c"mip_dual_bound")
                .map_or(f64::INFINITY, |b| b * scale),
            _ => f64::INFINITY,
        };
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
}

fn failed(error: impl std::fmt::Debug) -> SolveError {
    SolveError::Solver(format!("HiGHS: {error:?}"))
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
