//! Wikken's path to the optimum: settle what the structure allows, then
//! hand HiGHS the smaller problem and a good first selection.
//!
//! 1. Options dominated within their group are left out
//!    ([`reduce::dominated`]).
//! 2. The LP relaxation is solved; its duals give a bound with reduced
//!    costs ([`reduce::DualBound`]), its budget duals the multipliers of a
//!    Lagrangian bound that keeps the groups ([`reduce::Lagrangian`]).
//! 3. Two starts (the LP solution rounded down per group, and each group's
//!    best option at the duals' prices) are repaired and improved by local
//!    moves ([`incumbent`]); the better is the incumbent.
//! 4. When the incumbent is within the spec's gap of the bound, it is the
//!    answer. Otherwise the bound's reduced costs leave out every option
//!    that cannot be in a better selection, choose the free options and
//!    fill the groups every better selection needs, and HiGHS solves what
//!    is left, starting from the incumbent. The optimum of what is left is
//!    the optimum of the whole (the incumbent is in it, and everything left
//!    out is no better than the incumbent), so the answer is proven optimal
//!    within the same gap as plain HiGHS.

use std::time::{Duration, Instant};

use wikken_core::engine::portfolio::incumbent::Neighbourhood;
use wikken_core::engine::portfolio::reduce::{self, DualBound, Lagrangian, Reduction, group_of};
use wikken_core::engine::portfolio::rows::RowKind;
use wikken_core::engine::portfolio::{BinaryProgram, SolveError, Solved, relative_gap};

use crate::formulation::{MIP_REL_GAP, formulate, relax, solve_mip};
use crate::interpret;

/// What the steps before the MIP settled (for the benchmark's report).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trace {
    /// Options left out as dominated.
    pub dominated: usize,
    /// Options still open when HiGHS started (0: HiGHS was not needed).
    pub open: usize,
    /// The incumbent's relative gap to the best bound.
    pub start_gap: f64,
    /// The LP relaxation's optimum.
    pub lp: f64,
    /// The best bound (the smaller of the dual and the Lagrangian bound).
    pub bound: f64,
    /// The incumbent's objective.
    pub incumbent: f64,
}

/// Solves `p` to proven optimality (or, with a time limit, the best found
/// and its gap), reporting what the reductions did.
pub fn solve_traced(
    p: &BinaryProgram,
    threads: u32,
    time_limit: Option<Duration>,
) -> Result<(Solved, Trace), SolveError> {
    let started = Instant::now();
    let mut reduction = Reduction::none(p);
    reduction.out = reduce::dominated(p);
    let mut trace = Trace {
        dominated: reduction.out.iter().filter(|o| **o).count(),
        ..Trace::default()
    };
    let lp = relax(p, &reduction, threads);
    if std::env::var_os("WIKKEN_HIGHS_LOG").is_some() {
        eprintln!("Wikken: LP after {:?}", started.elapsed());
    }
    let Some(lp) = lp else {
        // No LP optimum (never seen): HiGHS on its own, from nothing.
        let f = formulate(p, Some(&reduction), true)?;
        let nothing = vec![false; p.len()];
        let outcome = solve_mip(p, f, threads, time_limit, Some(&nothing), true)?;
        trace.open = reduction.open();
        return Ok((interpret(p, outcome, time_limit.is_some(), None)?, trace));
    };
    // The duals' sign depends on HiGHS's convention; either sign gives a
    // valid bound (a multiplier on an infinite side counts as 0), the
    // smaller is kept. The budget rows' duals also price the starts.
    let rows = p.rows();
    let negated: Vec<f64> = lp.row_duals.iter().map(|d| -d).collect();
    let dual = [&lp.row_duals, &negated]
        .into_iter()
        .map(|y| DualBound::new(p, &rows, y, &reduction))
        .min_by(|a, b| a.bound.total_cmp(&b.bound))
        .expect("two signs");
    let budget_rows = |y: &[f64]| -> Vec<f64> {
        rows.iter()
            .zip(y)
            .filter(|(r, _)| matches!(r.kind, RowKind::Budget(_)))
            .map(|(_, y)| *y)
            .collect()
    };
    let bound = [&lp.row_duals, &negated]
        .into_iter()
        .map(|y| Lagrangian::new(p, &budget_rows(y), &reduction.out))
        .min_by(|a, b| a.bound.total_cmp(&b.bound))
        .expect("two signs");

    let neighbourhood = Neighbourhood::new(p);
    let rounded: Vec<bool> = lp.x.iter().map(|x| *x > 1.0 - 1e-6).collect();
    let priced = best_at_prices(p, &bound, &reduction.out);
    let incumbent = [rounded, priced]
        .iter()
        .map(|start| neighbourhood.improve(start, &reduction.out))
        .max_by(|a, b| p.objective(a).total_cmp(&p.objective(b)))
        .expect("two starts");
    let found = p.objective(&incumbent);
    if std::env::var_os("WIKKEN_HIGHS_LOG").is_some() {
        eprintln!(
            "Wikken: LP and first selection after {:?}",
            started.elapsed()
        );
    }
    let best_bound = dual.bound.min(bound.bound);
    trace.start_gap = relative_gap(found, best_bound);
    (trace.lp, trace.bound, trace.incumbent) = (lp.objective, best_bound, found);
    if trace.start_gap <= MIP_REL_GAP {
        return Ok((Solved::optimal(incumbent), trace));
    }
    // Each bound's settlements keep every selection better than the
    // incumbent, so both apply together.
    dual.reduce(p, found, &mut reduction);
    bound.reduce(p, found, &mut reduction);
    trace.open = reduction.open();
    if trace.open == 0 {
        // One selection is left, and the incumbent is it.
        return Ok((Solved::optimal(incumbent), trace));
    }
    let remaining = time_limit.map(|limit| limit.saturating_sub(started.elapsed()));
    if remaining.is_some_and(|r| r.is_zero()) {
        // No time left for HiGHS: the incumbent, with its gap.
        return Ok((
            Solved {
                chosen: incumbent,
                gap: Some(trace.start_gap),
            },
            trace,
        ));
    }
    let f = formulate(p, Some(&reduction), true)?;
    let outcome = match solve_mip(p, f, threads, remaining, Some(&incumbent), true) {
        Ok(outcome) => outcome,
        // Stopped by the limit in a way HiGHS calls an error (seen with
        // almost no time left): the incumbent, with its gap.
        Err(_) if time_limit.is_some() => {
            let gap = Some(trace.start_gap);
            return Ok((
                Solved {
                    chosen: incumbent,
                    gap,
                },
                trace,
            ));
        }
        Err(e) => return Err(e),
    };
    // The tuned tolerance lets a binary be 1e-9 off; should rounding then
    // put a budget over its max, HiGHS solves again at plain HiGHS's 1e-10.
    let outcome = match &outcome.chosen {
        Some(chosen) if !p.is_feasible(chosen) && time_limit.is_none() => {
            let f = formulate(p, Some(&reduction), true)?;
            solve_mip(p, f, threads, None, Some(&incumbent), false)?
        }
        _ => outcome,
    };
    let solved = interpret(
        p,
        outcome,
        time_limit.is_some(),
        Some((&incumbent, best_bound)),
    )?;
    Ok((solved, trace))
}

/// Solves `p` ([`solve_traced`] without the trace).
pub fn solve(
    p: &BinaryProgram,
    threads: u32,
    time_limit: Option<Duration>,
) -> Result<Solved, SolveError> {
    solve_traced(p, threads, time_limit).map(|(solved, _)| solved)
}

/// Per group its best option at the bound's prices (none when none is
/// worth anything there), and every free option worth something there.
fn best_at_prices(p: &BinaryProgram, bound: &Lagrangian, out: &[bool]) -> Vec<bool> {
    let mut chosen = vec![false; p.len()];
    for g in &p.groups {
        let best = g
            .iter()
            .filter(|&&o| !out[o] && bound.adjusted[o] > 0.0)
            .max_by(|&&a, &&b| bound.adjusted[a].total_cmp(&bound.adjusted[b]));
        if let Some(&o) = best {
            chosen[o] = true;
        }
    }
    for (o, g) in group_of(p).iter().enumerate() {
        if g.is_none() && !out[o] && bound.adjusted[o] > 0.0 {
            chosen[o] = true;
        }
    }
    chosen
}
