//! The portfolio stated for HiGHS: one column per option, one per synergy,
//! and rows for budgets, groups, requires, excludes and synergies. The same
//! formulation serves the MIP (binary columns) and its LP relaxation.

use std::num::NonZeroU32;
use std::time::Duration;

use highs::{HighsModelStatus, HighsSolutionStatus, Model, RowProblem, Sense, SolvedModel};
use wikken_core::engine::portfolio::rows::RowKind;
use wikken_core::engine::portfolio::{BinaryProgram, SolveError, reduce::Reduction};

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

/// The programme as a HiGHS model.
pub(crate) struct Formulation {
    pub model: Model,
    /// The objective was divided by this.
    pub scale: f64,
    /// Option columns; synergy columns follow.
    pub options: usize,
    pub columns: usize,
}

/// States `p` with binary (`integer`) or continuous columns; options the
/// reduction left out are fixed at 0, those it chose at 1, and groups it
/// filled must choose one.
pub(crate) fn formulate(
    p: &BinaryProgram,
    reduction: Option<&Reduction>,
    integer: bool,
) -> Result<Formulation, SolveError> {
    let mut pb = RowProblem::default();
    // The objective is scaled to a common magnitude (its optimum does
    // not change; HiGHS warns about costs of 1e7 and more).
    let values = p.column_values();
    let scale = magnitude(values.iter());
    let cols: Vec<_> = values
        .iter()
        .enumerate()
        .map(|(j, v)| {
            let (lo, hi) = match reduction {
                Some(r) if j < p.len() && r.out[j] => (0.0, 0.0),
                Some(r) if j < p.len() && r.chosen[j] => (1.0, 1.0),
                _ => (0.0, 1.0),
            };
            if integer {
                pb.add_integer_column(v / scale, lo..=hi)
            } else {
                pb.add_column(v / scale, lo..=hi)
            }
        })
        .collect();
    // Budget rows stay in euros: the solver's absolute feasibility
    // tolerance (1e-7) is then what the budgets are checked against.
    for row in p.rows() {
        let lo = match (row.kind, reduction) {
            (RowKind::Group(g), Some(r)) if r.group_filled[g] => 1.0,
            _ => row.lo,
        };
        let terms = row.terms.iter().map(|&(j, coef)| (cols[j], coef));
        if lo.is_finite() {
            pb.add_row(lo..=row.hi, terms);
        } else {
            pb.add_row(..=row.hi, terms);
        }
    }
    let columns = cols.len();
    let mut model = pb.try_optimise(Sense::Maximise).map_err(failed("model"))?;
    if std::env::var_os("WIKKEN_HIGHS_LOG").is_none() {
        model.make_quiet();
    } else {
        for option in ["output_flag", "log_to_console"] {
            model.try_set_option(option, true).map_err(failed("log"))?;
        }
    }
    Ok(Formulation {
        model,
        scale,
        options: p.len(),
        columns,
    })
}

/// What a MIP solve gave.
pub(crate) struct MipOutcome {
    pub status: HighsModelStatus,
    /// The selection HiGHS holds, if it holds a feasible one.
    pub chosen: Option<Vec<bool>>,
    /// HiGHS's proven bound (unscaled), when it stopped at a limit.
    pub bound: Option<f64>,
}

/// When HiGHS stops short of the proven optimum: after a wall-clock time
/// or after exploring a number of nodes, whichever comes first (neither:
/// at the proven optimum). A node limit stops HiGHS at the same point on
/// every run of one problem on one machine; a time limit does not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Wall-clock time.
    pub time: Option<Duration>,
    /// Branch-and-bound nodes.
    pub nodes: Option<u32>,
}

impl Limits {
    /// A time limit only (`None`: no limit).
    pub fn time(time: Option<Duration>) -> Limits {
        Limits { time, nodes: None }
    }
}

/// HiGHS's options for a MIP solve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tuning {
    /// As HiGHS has them, as a user calling it would.
    Plain,
    /// As Wikken tunes them for finding and proving.
    Tuned,
    /// Tuned, for a solve that starts from what is believed to be the
    /// optimum and has mainly to prove it: no primal heuristics.
    Proof,
}

/// Solves `f` as a MIP: threads (0: HiGHS chooses), its limits, an
/// optional first solution (one flag per option; synergy
/// columns are derived), and HiGHS's options as `tuning` says.
pub(crate) fn solve_mip(
    p: &BinaryProgram,
    f: Formulation,
    threads: u32,
    limits: Limits,
    start: Option<&[bool]>,
    tuning: Tuning,
) -> Result<MipOutcome, SolveError> {
    let Formulation {
        mut model,
        scale,
        options,
        columns,
    } = f;
    if let Some(threads) = NonZeroU32::new(threads) {
        model.set_threads(threads);
    }
    model
        .try_set_option("mip_rel_gap", MIP_REL_GAP)
        .map_err(failed("mip_rel_gap"))?;
    // A binary counts as integral within the feasibility tolerance;
    // rounding it may move a budget by tolerance × cost, so it is kept far
    // below a cent on budgets of millions.
    let tuned = tuning != Tuning::Plain;
    if tuned {
        // Chosen by measurement on the benchmark's meerjarenplanningen
        // (crates/highs/benches/portfolio.rs): with Wikken's own first
        // selection HiGHS's RINS and RENS sub-MIPs cost more than they
        // find (1.2–1.6 s of 2.1–2.8 s), and a feasibility tolerance of
        // 1e-9 instead of 1e-10 saves a further fifth while a rounded
        // binary still moves a budget by less than a cent.
        model
            .try_set_option("mip_heuristic_run_rins", false)
            .map_err(failed("mip_heuristic_run_rins"))?;
        model
            .try_set_option("mip_heuristic_run_rens", false)
            .map_err(failed("mip_heuristic_run_rens"))?;
    }
    if tuning == Tuning::Proof {
        // With the optimum (almost always, when HiGHS proved the core's
        // optimum) in hand, HiGHS's remaining primal heuristics only cost
        // time: the proof at 12 % of the benchmark took 8,311 instead of
        // 9,632 nodes (seed 11) and 7.0 instead of 7.5 s (seed 13).
        // Switching them off by `mip_heuristic_effort` = 0 instead was
        // slower.
        for heuristic in [
            "mip_heuristic_run_feasibility_jump",
            "mip_heuristic_run_shifting",
            "mip_heuristic_run_zi_round",
            "mip_heuristic_run_root_reduced_cost",
        ] {
            model
                .try_set_option(heuristic, false)
                .map_err(failed(heuristic))?;
        }
    }
    model
        .try_set_option(
            "mip_feasibility_tolerance",
            if tuned { 1e-9 } else { 1e-10 },
        )
        .map_err(failed("mip_feasibility_tolerance"))?;
    if let Some(limit) = limits.time {
        model
            .try_set_option("time_limit", limit.as_secs_f64())
            .map_err(failed("time_limit"))?;
    }
    if let Some(nodes) = limits.nodes {
        let nodes = i32::try_from(nodes).unwrap_or(i32::MAX);
        model
            .try_set_option("mip_max_nodes", nodes)
            .map_err(failed("mip_max_nodes"))?;
    }
    if let Some(start) = start {
        let mut values: Vec<f64> = start.iter().map(|&c| f64::from(u8::from(c))).collect();
        values.extend(
            p.synergies
                .iter()
                .map(|(opts, _)| f64::from(u8::from(opts.iter().all(|&o| start[o])))),
        );
        debug_assert_eq!(values.len(), columns);
        model
            .try_set_solution(Some(&values), None, None, None)
            .map_err(failed("first solution"))?;
    }
    let solved: SolvedModel = model.try_solve().map_err(failed("solve"))?;
    let status = solved.status();
    let chosen = (solved.primal_solution_status() == HighsSolutionStatus::Feasible).then(|| {
        solved.get_solution().columns()[..options]
            .iter()
            .map(|v| *v > 0.5)
            .collect()
    });
    let bound = match status {
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt => solved
            .double_info_value(c"mip_dual_bound")
            .ok()
            .map(|b| b * scale),
        _ => None,
    };
    Ok(MipOutcome {
        status,
        chosen,
        bound,
    })
}

/// The LP relaxation's solution and its rows' duals (in objective euros
/// per unit of the row; sign as HiGHS reports it).
pub(crate) struct Relaxation {
    pub x: Vec<f64>,
    /// The LP optimum (an upper bound on every selection's objective).
    pub objective: f64,
    /// Per row of `BinaryProgram::rows`.
    pub row_duals: Vec<f64>,
}

/// Solves the LP relaxation of `p` with the reduction's fixings; `None`
/// when HiGHS does not reach an optimum (the caller then does without).
pub(crate) fn relax(p: &BinaryProgram, reduction: &Reduction, threads: u32) -> Option<Relaxation> {
    let mut f = formulate(p, Some(reduction), false).ok()?;
    // HiGHS runs one thread pool per process: every model must ask for the
    // same number of threads, or the next solve fails.
    if let Some(threads) = NonZeroU32::new(threads) {
        f.model.set_threads(threads);
    }
    let scale = f.scale;
    let options = f.options;
    let solved = f.model.try_solve().ok()?;
    if solved.status() != HighsModelStatus::Optimal {
        return None;
    }
    let solution = solved.get_solution();
    let duals = solution.dual_rows();
    Some(Relaxation {
        objective: solved.objective_value() * scale,
        x: solution.columns()[..options].to_vec(),
        row_duals: duals.iter().map(|d| d * scale).collect(),
    })
}

/// A HiGHS call that failed, with what was asked of it.
pub(crate) fn failed<E: std::fmt::Debug>(step: &'static str) -> impl FnOnce(E) -> SolveError {
    move |error| SolveError::Solver(format!("HiGHS: {step}: {error:?}"))
}
