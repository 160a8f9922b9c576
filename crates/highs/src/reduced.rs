//! Wikken's path to the optimum: settle what the structure allows, then
//! hand HiGHS the smaller problem and a good first selection.
//!
//! 1. Options dominated within their group are left out
//!    ([`reduce::dominated`]).
//! 2. The LP relaxation is solved; its duals give a bound with reduced
//!    costs ([`reduce::DualBound`]), its budget duals the multipliers of a
//!    Lagrangian bound that keeps the groups ([`reduce::Lagrangian`]).
//! 3. Two starts (the LP solution rounded down per group, and each group's
//!    best option at the duals' prices) are repaired and improved by
//!    single moves and by pairs of moves in two groups ([`incumbent`]);
//!    the better is the incumbent.
//! 4. When the incumbent is within the spec's gap of the bound, it is the
//!    answer. Otherwise the bounds' reduced costs leave out every option
//!    that cannot be in a better selection, choose the free options and
//!    fill the groups every better selection needs ([`settle`]), and HiGHS
//!    tries briefly on what is left, starting from the incumbent. The
//!    optimum of what is left is the optimum of the whole (the incumbent
//!    is in it, and everything left out is no better than the incumbent),
//!    so an answer HiGHS proves there is proven optimal within the same
//!    gap as plain HiGHS.
//! 5. When that try does not prove it (tight budgets), small MIPs around
//!    the incumbent ([`search`]) and the core (the options with the
//!    smallest reduced costs, solved by HiGHS) look for a better selection:
//!    the closer it is to the optimum, the more the reduced costs settle
//!    and the sooner HiGHS proves the optimum on what is left.

use std::time::{Duration, Instant};

use highs::HighsModelStatus;
use wikken_core::engine::portfolio::incumbent::Neighbourhood;
use wikken_core::engine::portfolio::reduce::{self, DualBound, Lagrangian, Reduction, group_of};
use wikken_core::engine::portfolio::rows::RowKind;
use wikken_core::engine::portfolio::{BinaryProgram, SolveError, Solved, relative_gap};

use crate::formulation::{Limits, MIP_REL_GAP, Tuning, formulate, relax, solve_mip};
use crate::{interpret, search};

/// How much effort goes where on a problem the first try does not prove.
///
/// Each step stops by a count (nodes, small MIPs in a row without a better
/// selection), so one problem takes the same path, and ends at the same
/// selection, on every run on one machine: where several selections are
/// optimal within the gap, the portfolio does not change from run to run.
/// The times are nets for a slow or busy machine; a step stopped by one
/// may end elsewhere on the next run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Schedule {
    /// Branch-and-bound nodes (the root the first) HiGHS may explore when
    /// it first tries on what the bounds leave open against the first
    /// selection.
    pub first_try_nodes: u32,
    /// The most that first try may take (zero: no first try).
    pub first_try: Duration,
    /// Small MIPs in a row without a better selection before the search
    /// around the incumbent stops ([`search`]).
    pub patience: usize,
    /// The most that search may take.
    pub search_limit: Duration,
    /// The core holds the options within this share of the gap.
    pub core_share: f64,
    /// Branch-and-bound nodes HiGHS may explore on the core.
    pub core_nodes: u32,
    /// The most HiGHS may take on the core.
    pub core_limit: Duration,
}

impl Default for Schedule {
    /// Chosen by measurement on the benchmark's meerjarenplanningen
    /// (`crates/highs/benches/portfolio.rs`, seeds 1–13):
    /// - at 20 % of the most ambitious plan the first try proves every
    ///   seed's optimum within 1.000 nodes (with 100, seeds 7 and 8 took
    ///   the longer path, 2,6× and 1,8× slower); at 12 %, 2.000 nodes
    ///   instead of 1.000 made as many seeds faster as slower;
    /// - a patience of 20 small MIPs instead of 40 made every seed at 12 %
    ///   faster (seeds 1–10 together 126 → 115 s); 10 made some far slower;
    /// - cores that found the optimum took up to 20.000 nodes; with half
    ///   that, seeds 2 and 6 became far slower.
    fn default() -> Schedule {
        Schedule {
            first_try_nodes: 1_000,
            first_try: Duration::from_secs(3),
            patience: 20,
            search_limit: Duration::from_secs(6),
            core_share: 0.3,
            core_nodes: 20_000,
            core_limit: Duration::from_secs(10),
        }
    }
}

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
    /// The first selection's objective.
    pub incumbent: f64,
    /// The objective of the selection HiGHS was last handed (after the
    /// searches).
    pub searched: f64,
    /// How long each step took that ran, in order: `lp` (with the first
    /// selection), `first try`, `search`, `core`, `proof`.
    pub steps: Vec<(&'static str, Duration)>,
}

impl Trace {
    /// Notes that `step` ended now, the steps before it having taken their
    /// share since `started`.
    fn ended(&mut self, step: &'static str, started: Instant) {
        let before: Duration = self.steps.iter().map(|(_, d)| *d).sum();
        self.steps
            .push((step, started.elapsed().saturating_sub(before)));
    }
}

/// Solves `p` to proven optimality (or, with a time limit, the best found
/// and its gap), reporting what the reductions did.
pub fn solve_traced(
    p: &BinaryProgram,
    threads: u32,
    time_limit: Option<Duration>,
) -> Result<(Solved, Trace), SolveError> {
    solve_scheduled(p, threads, time_limit, &Schedule::default())
}

/// [`solve_traced`] with its effort spent as `schedule` says.
pub fn solve_scheduled(
    p: &BinaryProgram,
    threads: u32,
    time_limit: Option<Duration>,
    schedule: &Schedule,
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
        let limits = Limits::time(time_limit);
        let outcome = solve_mip(p, f, threads, limits, Some(&nothing), Tuning::Tuned)?;
        trace.open = reduction.open();
        trace.ended("proof", started);
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
    trace.ended("lp", started);
    if trace.start_gap <= MIP_REL_GAP {
        return Ok((Solved::optimal(incumbent), trace));
    }
    let deadline = |limit: Duration| {
        let end = Instant::now() + limit;
        time_limit.map_or(end, |t| end.min(started + t))
    };
    let remaining = || time_limit.map(|t| t.saturating_sub(started.elapsed()));
    let stopped = |chosen: Vec<bool>, trace: Trace| {
        let gap = relative_gap(p.objective(&chosen), best_bound);
        let gap = (gap > MIP_REL_GAP).then_some(gap);
        Ok((Solved { chosen, gap }, trace))
    };

    // HiGHS first tries briefly on what the bounds leave open against the
    // first selection: most meerjarenplanningen end here.
    let mut incumbent = incumbent;
    trace.searched = found;
    let settled = settle(p, &dual, &bound, &reduction, trace.searched);
    trace.open = settled.open();
    if trace.open == 0 {
        // One selection is left, and the incumbent is it.
        return Ok((Solved::optimal(incumbent), trace));
    }
    let first_try = remaining().map_or(schedule.first_try, |r| r.min(schedule.first_try));
    if !first_try.is_zero() {
        let f = formulate(p, Some(&settled), true)?;
        // An error here is the time limit as HiGHS reports it at times;
        // the longer path follows.
        let tried = solve_mip(
            p,
            f,
            threads,
            Limits {
                time: Some(first_try),
                nodes: Some(schedule.first_try_nodes),
            },
            Some(&incumbent),
            Tuning::Tuned,
        );
        trace.ended("first try", started);
        if let Ok(outcome) = tried {
            let proven = outcome.status == HighsModelStatus::Optimal;
            match outcome.chosen {
                // A selection over a budget by HiGHS's tolerance proves
                // nothing: the longer path follows.
                Some(chosen) if !p.is_feasible(&chosen) => {}
                Some(chosen) if p.objective(&chosen) > p.objective(&incumbent) => {
                    if proven {
                        return Ok((Solved::optimal(chosen), trace));
                    }
                    incumbent = chosen;
                }
                _ if proven => return Ok((Solved::optimal(incumbent), trace)),
                _ => {}
            }
        }
    }

    // A hard one: a longer search, then the core (the options whose
    // reduced costs come closest to the bound's choice) solved by HiGHS,
    // which often holds the optimum; with the optimum in hand, HiGHS
    // proves it on what the bounds leave open far sooner than it finds it.
    incumbent = search::improve(
        p,
        &reduction,
        &bound,
        incumbent,
        threads,
        deadline(schedule.search_limit),
        schedule.patience,
    )?;
    trace.ended("search", started);
    let mut core_proven = false;
    if remaining().is_none_or(|r| !r.is_zero()) {
        (incumbent, core_proven) = core(
            p,
            (&reduction, &dual, &bound),
            incumbent,
            threads,
            Limits {
                time: Some(remaining().map_or(schedule.core_limit, |r| r.min(schedule.core_limit))),
                nodes: Some(schedule.core_nodes),
            },
            schedule.core_share,
        )?;
        trace.ended("core", started);
    }
    let found = p.objective(&incumbent);
    trace.searched = found;
    if relative_gap(found, best_bound) <= MIP_REL_GAP {
        return Ok((Solved::optimal(incumbent), trace));
    }
    let reduction = settle(p, &dual, &bound, &reduction, found);
    trace.open = reduction.open();
    if trace.open == 0 {
        return Ok((Solved::optimal(incumbent), trace));
    }
    let remaining = remaining();
    if remaining.is_some_and(|r| r.is_zero()) {
        // No time left for HiGHS: the incumbent, with its gap.
        return stopped(incumbent, trace);
    }
    let f = formulate(p, Some(&reduction), true)?;
    let limits = Limits::time(remaining);
    // When HiGHS proved the core's optimum, the incumbent is most likely
    // the optimum, and the proof does without HiGHS's primal heuristics.
    // When the core stopped at its node limit, the incumbent was often
    // below the optimum (8 of 9 such paths on seeds 1–43 at 12 %), and
    // the proof keeps them: seeds 1–43 together 683 → 642 s.
    let tuning = if core_proven {
        Tuning::Proof
    } else {
        Tuning::Tuned
    };
    let outcome = match solve_mip(p, f, threads, limits, Some(&incumbent), tuning) {
        Ok(outcome) => outcome,
        // Stopped by the limit in a way HiGHS calls an error (seen with
        // almost no time left): the incumbent, with its gap.
        Err(_) if time_limit.is_some() => return stopped(incumbent, trace),
        Err(e) => return Err(e),
    };
    // The tuned tolerance lets a binary be 1e-9 off; should rounding then
    // put a budget over its max, HiGHS solves again at plain HiGHS's 1e-10.
    let outcome = match &outcome.chosen {
        Some(chosen) if !p.is_feasible(chosen) && time_limit.is_none() => {
            let f = formulate(p, Some(&reduction), true)?;
            solve_mip(
                p,
                f,
                threads,
                Limits::default(),
                Some(&incumbent),
                Tuning::Plain,
            )?
        }
        _ => outcome,
    };
    trace.ended("proof", started);
    let solved = interpret(
        p,
        outcome,
        time_limit.is_some(),
        Some((&incumbent, best_bound)),
    )?;
    Ok((solved, trace))
}

/// What both bounds settle against a selection worth `found` (one that
/// keeps `base`): every selection better than it stays open. Each bound's
/// settlements keep every such selection, so both apply together.
fn settle(
    p: &BinaryProgram,
    dual: &DualBound,
    bound: &Lagrangian,
    base: &Reduction,
    found: f64,
) -> Reduction {
    let mut reduction = base.clone();
    dual.reduce(p, found, &mut reduction);
    bound.reduce(p, found, &mut reduction);
    reduction
}

/// The best selection of the core, if better than `incumbent` (else the
/// incumbent), and whether HiGHS proved the core's optimum: only the
/// options the bounds would settle against a selection `share` of the gap
/// below the bound stay open, and the incumbent's. A heuristic (the
/// optimum may lie outside), but a good one: the optimum differs from the
/// bound's choice mostly where the reduced costs are small.
fn core(
    p: &BinaryProgram,
    (base, dual, bound): (&Reduction, &DualBound, &Lagrangian),
    incumbent: Vec<bool>,
    threads: u32,
    limits: Limits,
    share: f64,
) -> Result<(Vec<bool>, bool), SolveError> {
    let found = p.objective(&incumbent);
    let best_bound = dual.bound.min(bound.bound);
    let within = (best_bound - found).max(0.0) * share;
    let mut core = base.clone();
    dual.reduce(p, dual.bound - within, &mut core);
    bound.reduce(p, bound.bound - within, &mut core);
    // HiGHS starts from the incumbent, so the core keeps it: without it
    // HiGHS starts from nothing and takes several times as long
    // (measured on the benchmark's seed 13 at 12 %).
    core.admit(p, &incumbent);
    let f = formulate(p, Some(&core), true)?;
    // Stopped by the limit in a way HiGHS calls an error: nothing better.
    let outcome = solve_mip(p, f, threads, limits, Some(&incumbent), Tuning::Tuned).ok();
    let proven = outcome
        .as_ref()
        .is_some_and(|o| o.status == HighsModelStatus::Optimal);
    let better = outcome
        .and_then(|outcome| outcome.chosen)
        .filter(|c| p.is_feasible(c) && p.objective(c) > found);
    Ok((better.unwrap_or(incumbent), proven))
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
