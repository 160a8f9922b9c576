//! HiGHS finds the true optimum: it equals exhaustive search.

use proptest::prelude::*;
use wikken_core::engine::portfolio::{BinaryProgram, BruteForce, BudgetRow, PortfolioSolver};
use wikken_highs::Highs;

/// Random portfolio problems of 1..=12 options with budgets, groups,
/// requires, excludes and synergies of either sign.
fn problems() -> impl Strategy<Value = BinaryProgram> {
    (1usize..=12).prop_flat_map(|n| {
        let value = proptest::collection::vec(-50.0..100.0f64, n);
        let budgets = proptest::collection::vec(
            (0.0..150.0f64, proptest::collection::vec(0.0..60.0f64, n)),
            0..=3,
        );
        let groups = proptest::collection::vec(proptest::collection::vec(0..n, 2..=3), 0..=3);
        let pairs = proptest::collection::vec((0..n, 0..n), 0..=3);
        let excludes = proptest::collection::vec((0..n, 0..n), 0..=3);
        let synergies = proptest::collection::vec(
            (proptest::collection::vec(0..n, 2..=3), -40.0..60.0f64),
            0..=3,
        );
        (value, budgets, groups, pairs, excludes, synergies).prop_map(
            |(value, budgets, groups, requires, excludes, synergies)| {
                // an option is in at most one group
                let mut used = vec![false; value.len()];
                let groups = groups
                    .into_iter()
                    .map(|g| {
                        g.into_iter()
                            .filter(|&o| !std::mem::replace(&mut used[o], true))
                            .collect::<Vec<_>>()
                    })
                    .filter(|g| !g.is_empty())
                    .collect();
                let distinct = |v: Vec<(usize, usize)>| {
                    v.into_iter().filter(|(a, b)| a != b).collect::<Vec<_>>()
                };
                let synergies = synergies
                    .into_iter()
                    .map(|(mut opts, bonus)| {
                        opts.sort_unstable();
                        opts.dedup();
                        (opts, bonus)
                    })
                    .filter(|(opts, _)| opts.len() >= 2)
                    .collect();
                BinaryProgram {
                    value,
                    budgets: budgets
                        .into_iter()
                        .map(|(max, cost)| BudgetRow { max, cost })
                        .collect(),
                    groups,
                    requires: distinct(requires),
                    excludes: distinct(excludes),
                    synergies,
                }
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn highs_matches_brute_force(p in problems()) {
        let exact = BruteForce.solve(&p).unwrap().chosen;
        let found = Highs::default().solve(&p).unwrap().chosen;
        prop_assert!(p.is_feasible(&found));
        let (best, got) = (p.objective(&exact), p.objective(&found));
        prop_assert!(
            (best - got).abs() <= 1e-6 * best.abs().max(1.0),
            "brute force {best} ({exact:?}), HiGHS {got} ({found:?})"
        );
    }
}

#[test]
fn a_problem_without_constraints_takes_every_gain() {
    let p = BinaryProgram {
        value: vec![3.0, -1.0, 2.0],
        budgets: vec![],
        groups: vec![],
        requires: vec![],
        excludes: vec![],
        synergies: vec![],
    };
    assert_eq!(
        Highs::default().solve(&p).unwrap().chosen,
        vec![true, false, true]
    );
}

#[test]
fn a_cost_below_the_tolerance_fits_a_zero_budget() {
    // 1e-7 euro over a budget of 0: within the solver's feasibility
    // tolerance (documented in the README), so not an error.
    let p = BinaryProgram {
        value: vec![1e9],
        budgets: vec![BudgetRow {
            max: 0.0,
            cost: vec![1e-7],
        }],
        groups: vec![],
        requires: vec![],
        excludes: vec![],
        synergies: vec![],
    };
    let chosen = Highs::default().solve(&p).unwrap().chosen;
    assert!(p.is_feasible(&chosen));
}

/// Several analyses (and an analysis's budget steps) solve at the same
/// time on different threads: every solve must still give the optimum.
#[test]
fn concurrent_solves_all_succeed() {
    use wikken_core::model::{Budget, FlowKind, Portfolio};
    let mut model = wikken_core::synthetic::wide_model(200, 30, 10, false, 3);
    let cost: f64 = model
        .options
        .iter()
        .flat_map(|o| &o.flows)
        .filter(|f| f.kind == FlowKind::Cost && f.actor == "corporatie")
        .map(|f| f.amount)
        .sum();
    let portfolio = Portfolio {
        budgets: vec![Budget {
            actor: "corporatie".into(),
            from_year: 0,
            to_year: 4,
            max: cost,
        }],
        ..Portfolio::default()
    };
    model.portfolio = Some(portfolio.clone());
    let base = BinaryProgram::from_model(&model, &portfolio);
    let solver = Highs::with_time_limit(std::time::Duration::from_secs(20));
    std::thread::scope(|s| {
        let runs: Vec<_> = [0.5, 0.75, 1.0, 1.25, 1.5, 0.6, 0.9, 1.1]
            .into_iter()
            .map(|factor| {
                let mut p = base.clone();
                p.budgets[0].max *= factor;
                let solver = &solver;
                s.spawn(move || solver.solve(&p).map(|_| ()))
            })
            .collect();
        for r in runs {
            assert_eq!(r.join().unwrap(), Ok(()));
        }
    });
}

/// Wikken's path (reductions, a first selection, then HiGHS on what is
/// left) gives the optimum plain HiGHS gives, on meerjarenplanningen of
/// several sizes and tightnesses with requires, excludes and synergies.
#[test]
fn the_reduced_path_finds_the_plain_optimum() {
    use wikken_core::synthetic::{add_ties, portfolio_model};
    use wikken_highs::PlainHighs;
    for seed in 0..12u64 {
        let groups = 40 + 10 * seed as usize;
        let tightness = [0.08, 0.12, 0.2, 0.35, 0.6, 1.1][seed as usize % 6];
        let mut model = portfolio_model(groups, 2 + seed as usize % 5, 5, tightness, seed);
        add_ties(&mut model, 2, seed);
        let p = BinaryProgram::from_model(&model, model.portfolio.as_ref().unwrap());
        let plain = PlainHighs::default().solve(&p).unwrap();
        let (ours, trace) = wikken_highs::reduced::solve_traced(&p, 0, None).unwrap();
        assert_eq!((plain.gap, ours.gap), (None, None));
        assert!(p.is_feasible(&ours.chosen), "seed {seed}");
        let (a, b) = (p.objective(&plain.chosen), p.objective(&ours.chosen));
        assert!(
            (a - b).abs() <= 2e-6 * a.abs().max(b.abs()),
            "seed {seed}: plain {a}, reduced {b} ({trace:?})"
        );
    }
}

/// The longer path (no first try: straight to the search around the
/// incumbent, the core and HiGHS on what is left) gives the optimum plain
/// HiGHS gives, also where its searches find the optimum and where they do
/// not.
#[test]
fn the_longer_path_finds_the_plain_optimum() {
    use wikken_core::synthetic::{add_ties, portfolio_model};
    use wikken_highs::PlainHighs;
    use wikken_highs::reduced::{Schedule, solve_scheduled};
    let schedules = [
        Schedule {
            first_try: std::time::Duration::ZERO,
            ..Schedule::default()
        },
        Schedule {
            first_try: std::time::Duration::ZERO,
            patience: 1,
            core_share: 0.01,
            ..Schedule::default()
        },
    ];
    for seed in 0..6u64 {
        let groups = 60 + 20 * seed as usize;
        let tightness = [0.08, 0.12, 0.2][seed as usize % 3];
        let mut model = portfolio_model(groups, 3 + seed as usize % 4, 5, tightness, seed);
        add_ties(&mut model, 3, seed);
        let p = BinaryProgram::from_model(&model, model.portfolio.as_ref().unwrap());
        let best = p.objective(&PlainHighs::default().solve(&p).unwrap().chosen);
        for schedule in &schedules {
            let (ours, trace) = solve_scheduled(&p, 0, None, schedule).unwrap();
            assert_eq!(ours.gap, None, "seed {seed}");
            assert!(p.is_feasible(&ours.chosen), "seed {seed}");
            let got = p.objective(&ours.chosen);
            assert!(
                (best - got).abs() <= 2e-6 * best.abs(),
                "seed {seed} {schedule:?}: plain {best}, ours {got} ({trace:?})"
            );
            assert!(trace.searched >= trace.incumbent, "{trace:?}");
        }
    }
}

/// With a time limit on a large meerjarenplanning the answer is feasible
/// and its gap, when it has one, is a true gap: never below the optimum's.
#[test]
fn a_time_limit_on_the_reduced_path_gives_a_feasible_answer() {
    use wikken_core::synthetic::{add_ties, portfolio_model};
    let mut model = portfolio_model(400, 6, 5, 0.12, 5);
    add_ties(&mut model, 5, 5);
    let p = BinaryProgram::from_model(&model, model.portfolio.as_ref().unwrap());
    let best = p.objective(&Highs::default().solve(&p).unwrap().chosen);
    for ms in [0, 1, 5, 20] {
        let solved = Highs::with_time_limit(std::time::Duration::from_millis(ms))
            .solve(&p)
            .unwrap();
        assert!(p.is_feasible(&solved.chosen), "{ms} ms");
        let got = p.objective(&solved.chosen);
        assert!(got <= best * (1.0 + 1e-9), "{ms} ms: {got} > {best}");
        if let Some(gap) = solved.gap {
            // bound ≥ best ⇒ gap ≥ (best − got) / bound
            assert!(
                gap >= (best - got) / best.abs() - 1e-6,
                "{ms} ms: gap {gap}"
            );
        }
    }
}

/// One problem takes the same path on every run, to the same portfolio:
/// every step stops by a count, not by the clock (the first try here at
/// its root, so the search, the core and the proof all follow).
#[test]
fn the_path_and_the_portfolio_are_the_same_on_every_run() {
    use wikken_core::synthetic::{add_ties, portfolio_model};
    use wikken_highs::reduced::{Schedule, solve_scheduled};
    let mut model = portfolio_model(300, 6, 5, 0.12, 7);
    add_ties(&mut model, 5, 7);
    let p = BinaryProgram::from_model(&model, model.portfolio.as_ref().unwrap());
    let schedule = Schedule {
        first_try_nodes: 1,
        ..Schedule::default()
    };
    let without_times = |mut trace: wikken_highs::reduced::Trace| {
        let steps: Vec<&str> = trace.steps.drain(..).map(|(step, _)| step).collect();
        (steps, trace)
    };
    let (first, trace) = solve_scheduled(&p, 0, None, &schedule).unwrap();
    let first_trace = without_times(trace);
    assert_eq!(
        first_trace.0,
        ["lp", "first try", "search", "core", "proof"],
        "{first_trace:?}"
    );
    for run in 1..3 {
        let (again, trace) = solve_scheduled(&p, 0, None, &schedule).unwrap();
        assert_eq!(again.chosen, first.chosen, "run {run}");
        assert_eq!(without_times(trace), first_trace, "run {run}");
    }
}
