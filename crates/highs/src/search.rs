//! A better first selection by small MIPs around the incumbent (large
//! neighbourhood search): a few groups are freed, every other option is
//! held at the incumbent's choice, and HiGHS finds the best selection of
//! the freed groups within what the held ones leave of the budgets. With
//! the budgets then nearly spent, each small MIP is solved in milliseconds.
//!
//! The groups freed together are, first, those whose present choice loses
//! most against the Lagrangian bound's choice, then a seeded random choice
//! among those whose nearest alternative loses least: the optimum differs
//! from a good selection mostly there. Every selection found is feasible
//! for the whole problem, so the result is never worse than the incumbent.

use std::time::Instant;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_xoshiro::Xoshiro256PlusPlus;

use wikken_core::engine::portfolio::reduce::{Lagrangian, Reduction, group_of};
use wikken_core::engine::portfolio::{BinaryProgram, SolveError};

use crate::formulation::{Limits, Tuning, formulate, solve_mip};

/// Groups freed per small MIP.
const FREED: usize = 24;
/// The closest groups a random choice is drawn from, as a multiple of
/// [`FREED`].
const POOL: usize = 4;

/// Improves `incumbent` (feasible, keeping `base`) by small MIPs until
/// `patience` of them in a row find nothing better or `deadline` passes.
/// The Lagrangian `bound` ranks the groups.
pub(crate) fn improve(
    p: &BinaryProgram,
    base: &Reduction,
    bound: &Lagrangian,
    incumbent: Vec<bool>,
    threads: u32,
    deadline: Instant,
    patience: usize,
) -> Result<Vec<bool>, SolveError> {
    if p.groups.is_empty() {
        return Ok(incumbent);
    }
    let in_group = group_of(p);
    let mut best = incumbent;
    let mut best_value = p.objective(&best);
    // Seeded: the search is the same on every run.
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(0x5eed_1234);
    let mut idle = 0;
    while idle < patience && Instant::now() < deadline {
        let freed = choose_groups(p, base, bound, &best, &mut rng);
        let mut sub = base.clone();
        sub.group_filled.iter_mut().for_each(|f| *f = false);
        for o in 0..p.len() {
            let free = in_group[o].is_some_and(|g| freed[g]);
            if free || sub.out[o] {
                continue;
            }
            if best[o] {
                sub.chosen[o] = true;
            } else {
                sub.out[o] = true;
            }
        }
        let f = formulate(p, Some(&sub), true)?;
        let left = deadline.saturating_duration_since(Instant::now());
        let limits = Limits::time(Some(left));
        let Ok(outcome) = solve_mip(p, f, threads, limits, Some(&best), Tuning::Tuned) else {
            // Stopped by the deadline in a way HiGHS calls an error.
            break;
        };
        match outcome.chosen {
            Some(c)
                if p.is_feasible(&c) && p.objective(&c) > best_value + 1e-9 * best_value.abs() =>
            {
                best_value = p.objective(&c);
                best = c;
                idle = 0;
            }
            _ => idle += 1,
        }
    }
    Ok(best)
}

/// The groups to free: those whose present choice loses most against the
/// bound's best (the optimum likely differs there), then a random choice
/// among those whose nearest alternative loses least.
fn choose_groups(
    p: &BinaryProgram,
    base: &Reduction,
    bound: &Lagrangian,
    chosen: &[bool],
    rng: &mut Xoshiro256PlusPlus,
) -> Vec<bool> {
    let mut ranked: Vec<(f64, f64, usize)> = p
        .groups
        .iter()
        .enumerate()
        .map(|(g, members)| {
            let best = bound.group_best[g];
            let taken = members.iter().find(|&&o| chosen[o]);
            let now = taken.map_or(0.0, |&o| bound.adjusted[o]);
            let nearest = members
                .iter()
                .filter(|&&o| !base.out[o] && !chosen[o])
                .map(|&o| bound.adjusted[o])
                .chain(taken.map(|_| 0.0))
                .fold(f64::NEG_INFINITY, f64::max);
            (best - now, best - nearest, g)
        })
        .filter(|(_, nearest, _)| nearest.is_finite())
        .collect();
    let mut freed = vec![false; p.groups.len()];
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut count = 0;
    for (loss, _, g) in ranked.iter().take(FREED / 2) {
        if *loss > bound.tolerance {
            freed[*g] = true;
            count += 1;
        }
    }
    ranked.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.2.cmp(&b.2)));
    let mut close: Vec<usize> = ranked
        .iter()
        .map(|(_, _, g)| *g)
        .filter(|&g| !freed[g])
        .take(POOL * FREED)
        .collect();
    close.shuffle(rng);
    for g in close.into_iter().take(FREED.saturating_sub(count)) {
        freed[g] = true;
    }
    freed
}

#[cfg(test)]
mod tests {
    use super::*;
    use wikken_core::engine::portfolio::{BruteForce, BudgetRow, PortfolioSolver};

    /// Six groups of three under two budgets, with a requires, an excludes
    /// and a synergy: few enough groups that one small MIP frees them all,
    /// few enough options for brute force.
    fn problem() -> BinaryProgram {
        let value: Vec<f64> = (0..18).map(|o| 3.0 + ((o * 7) % 11) as f64).collect();
        let cost =
            |k: usize| -> Vec<f64> { (0..18).map(|o| 2.0 + ((o * (5 + k)) % 9) as f64).collect() };
        BinaryProgram {
            value,
            budgets: vec![
                BudgetRow {
                    max: 24.0,
                    cost: cost(0),
                },
                BudgetRow {
                    max: 20.0,
                    cost: cost(1),
                },
            ],
            groups: (0..6).map(|g| vec![3 * g, 3 * g + 1, 3 * g + 2]).collect(),
            requires: vec![(4, 9)],
            excludes: vec![(0, 17)],
            synergies: vec![(vec![2, 5], 6.0)],
        }
    }

    #[test]
    fn the_search_never_loses_and_finds_the_optimum_of_a_small_problem() {
        let p = problem();
        let none = Reduction::none(&p);
        let bound = Lagrangian::new(&p, &[0.5, 0.5], &none.out);
        let best = p.objective(&BruteForce.solve(&p).unwrap().chosen);
        let deadline = Instant::now() + std::time::Duration::from_secs(10);
        let found = improve(&p, &none, &bound, vec![false; p.len()], 0, deadline, 3).unwrap();
        assert!(p.is_feasible(&found));
        assert!((p.objective(&found) - best).abs() < 1e-9, "{found:?}");
        // a deadline already past: the incumbent comes back as it was
        let start = vec![false; p.len()];
        let past = Instant::now();
        assert_eq!(
            improve(&p, &none, &bound, start.clone(), 0, past, 3).unwrap(),
            start
        );
    }

    #[test]
    fn the_groups_freed_are_those_that_lose_most_then_close_ones() {
        let p = problem();
        let none = Reduction::none(&p);
        let bound = Lagrangian::new(&p, &[0.5, 0.5], &none.out);
        let freed = choose_groups(
            &p,
            &none,
            &bound,
            &vec![false; p.len()],
            &mut Xoshiro256PlusPlus::seed_from_u64(1),
        );
        // fewer groups than are freed at once: all of them
        assert!(freed.iter().all(|f| *f));
    }
}
