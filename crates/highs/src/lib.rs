//! The portfolio solved to proven optimality with HiGHS (through `good_lp`).
//!
//! One binary variable per option; per synergy one binary that may be 1 only
//! when all its options are chosen (bonus > 0) or must be 1 when they are
//! (bonus < 0). Budgets, groups, requires and excludes are linear rows.

use good_lp::solvers::SolutionStatus;
use good_lp::solvers::highs::highs;
use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable, variable,
};
use wikken_core::engine::portfolio::{PortfolioSolver, Problem, SolveError};

/// The relative optimality gap the spec allows.
pub const MIP_REL_GAP: f32 = 1e-6;

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
}

impl PortfolioSolver for Highs {
    fn solve(&self, p: &Problem) -> Result<Vec<bool>, SolveError> {
        let mut vars = ProblemVariables::new();
        let x: Vec<Variable> = (0..p.len())
            .map(|_| vars.add(variable().binary()))
            .collect();
        let y: Vec<Variable> = p
            .synergies
            .iter()
            .map(|_| vars.add(variable().binary()))
            .collect();

        // The objective is scaled to a common magnitude (its optimum does
        // not change; HiGHS warns about costs of 1e7 and more).
        let scale = magnitude(p.value.iter().chain(p.synergies.iter().map(|(_, b)| b)));
        let mut objective: Expression =
            x.iter().zip(&p.value).map(|(v, c)| (*c / scale) * *v).sum();
        for (s, (_, bonus)) in y.iter().zip(&p.synergies) {
            objective += (*bonus / scale) * *s;
        }
        let mut model = highs(vars.maximise(objective));
        if std::env::var_os("WIKKEN_HIGHS_LOG").is_some() {
            model.set_verbose(true);
        }
        if self.threads > 0 {
            model = model.set_threads(self.threads);
        }
        model = model
            .set_mip_rel_gap(MIP_REL_GAP)
            .map_err(|e| SolveError::Solver(e.to_string()))?;
        // A binary counts as integral within this tolerance; rounding it
        // may move a budget by tolerance × cost, so keep it far below a cent.
        model = model.set_option("mip_feasibility_tolerance", 1e-10);
        // HiGHS wants at least one row; this one never binds.
        let all: Expression = x.iter().copied().sum();
        model.add_constraint(all.leq(p.len() as f64));

        // Budget rows stay in euros: the solver's absolute feasibility
        // tolerance (1e-7) is then what the budgets are checked against.
        for b in &p.budgets {
            let spent: Expression = x.iter().zip(&b.cost).map(|(v, c)| *c * *v).sum();
            model.add_constraint(spent.leq(b.max));
        }
        for g in &p.groups {
            let chosen: Expression = g.iter().map(|&o| x[o]).sum();
            model.add_constraint(chosen.leq(1.0));
        }
        for &(b, a) in &p.requires {
            model.add_constraint((x[b] - x[a]).leq(0.0));
        }
        for &(a, b) in &p.excludes {
            model.add_constraint((x[a] + x[b]).leq(1.0));
        }
        for (s, (opts, bonus)) in y.iter().zip(&p.synergies) {
            if *bonus >= 0.0 {
                for &o in opts {
                    model.add_constraint((*s - x[o]).leq(0.0));
                }
            } else {
                let all: Expression = opts.iter().map(|&o| x[o]).sum();
                model.add_constraint((all - *s).leq(opts.len() as f64 - 1.0));
            }
        }

        let solution = model.solve().map_err(|e| match e {
            ResolutionError::Infeasible => {
                SolveError::Solver("HiGHS found no feasible selection".into())
            }
            other => SolveError::Solver(other.to_string()),
        })?;
        match solution.status() {
            SolutionStatus::Optimal | SolutionStatus::GapLimit => {}
            other => {
                return Err(SolveError::Solver(format!(
                    "HiGHS stopped before proving optimality ({other:?})"
                )));
            }
        }
        let chosen: Vec<bool> = x.iter().map(|v| solution.value(*v) > 0.5).collect();
        if !p.is_feasible(&chosen) {
            return Err(SolveError::Solver(
                "HiGHS returned a selection that breaks a constraint".into(),
            ));
        }
        Ok(chosen)
    }
}
