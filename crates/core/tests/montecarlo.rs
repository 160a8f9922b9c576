//! Monte Carlo: analytic means, reproducibility, thread independence.

use wikken_core::engine::montecarlo::{Simulation, UncertainFlow, simulate};
use wikken_core::engine::sampling::{Sampler, mean};
use wikken_core::model::Distribution;

/// One option whose npv is exactly one draw of `d` around `amount`.
fn single(amount: f64, d: Distribution) -> Simulation {
    Simulation {
        fixed_npv: vec![0.0],
        flows: vec![UncertainFlow {
            option: 0,
            coef: 1.0,
            sampler: Sampler::new(amount, &d),
        }],
    }
}

/// Standard deviation of each distribution, for the tolerance.
fn sd(amount: f64, d: &Distribution) -> f64 {
    match *d {
        Distribution::Triangular { low: a, high: b } => {
            let c = amount;
            ((a * a + b * b + c * c - a * b - a * c - b * c) / 18.0).sqrt()
        }
        Distribution::Pert { low, high } => {
            let mu = mean(amount, d);
            ((mu - low) * (high - mu) / 7.0).sqrt()
        }
        Distribution::Uniform { low, high } => (high - low) / 12f64.sqrt(),
        Distribution::Normal { sd } => sd,
    }
}

#[test]
fn means_match_the_analytic_means() {
    let n = 200_000;
    let cases = [
        (
            100.0,
            Distribution::Triangular {
                low: 50.0,
                high: 300.0,
            },
        ),
        (
            100.0,
            Distribution::Pert {
                low: 50.0,
                high: 300.0,
            },
        ),
        (
            10.0,
            Distribution::Pert {
                low: 10.0,
                high: 20.0,
            },
        ),
        (
            100.0,
            Distribution::Uniform {
                low: 80.0,
                high: 200.0,
            },
        ),
        (100.0, Distribution::Normal { sd: 30.0 }),
    ];
    for (amount, d) in cases {
        let r = simulate(&single(amount, d), n, 42, None).unwrap();
        let expected = mean(amount, &d);
        // five standard errors: fails by chance about once in 3.5 million
        let tolerance = 5.0 * sd(amount, &d) / (n as f64).sqrt();
        let got = r.options[0].mean;
        assert!(
            (got - expected).abs() < tolerance,
            "{d:?}: mean {got}, analytic {expected}, tolerance {tolerance}"
        );
        let o = &r.options[0];
        assert!(o.p5 <= o.p50 && o.p50 <= o.p95);
    }
}

/// The cases of the distribution tests: every kind, PERT also with its
/// mode at an end (α = 1) and skewed the other way.
fn cases() -> [(f64, Distribution); 7] {
    let pert = |low, high| Distribution::Pert { low, high };
    [
        (
            100.0,
            Distribution::Triangular {
                low: 50.0,
                high: 300.0,
            },
        ),
        (100.0, pert(50.0, 300.0)),
        (10.0, pert(10.0, 20.0)),
        (19.0, pert(10.0, 20.0)),
        (
            100.0,
            Distribution::Uniform {
                low: 80.0,
                high: 200.0,
            },
        ),
        (100.0, Distribution::Normal { sd: 30.0 }),
        (
            5.0,
            Distribution::Triangular {
                low: 5.0,
                high: 9.0,
            },
        ),
    ]
}

#[test]
fn samples_have_the_analytic_mean_and_variance() {
    use rand::SeedableRng;
    let n = 400_000;
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(11);
    for (amount, d) in cases() {
        // the path the simulation takes: one flow's draws a block at a time
        let mut x = vec![0.0; n];
        for block in x.chunks_mut(256) {
            Sampler::new(amount, &d).add_draws(&mut rng, 1.0, block);
        }
        let nf = n as f64;
        let m = x.iter().sum::<f64>() / nf;
        let (mu, sigma) = (mean(amount, &d), sd(amount, &d));
        let var = x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / nf;
        let m4 = x.iter().map(|v| (v - m).powi(4)).sum::<f64>() / nf;
        // five standard errors of the mean and of the variance
        assert!(
            (m - mu).abs() < 5.0 * sigma / nf.sqrt(),
            "{d:?}: mean {m}, analytic {mu}"
        );
        let se_var = ((m4 - var * var) / nf).sqrt();
        assert!(
            (var - sigma * sigma).abs() < 5.0 * se_var,
            "{d:?}: variance {var}, analytic {}",
            sigma * sigma
        );
        let (lo, hi) = match d {
            Distribution::Normal { .. } => (f64::NEG_INFINITY, f64::INFINITY),
            Distribution::Triangular { low, high }
            | Distribution::Pert { low, high }
            | Distribution::Uniform { low, high } => (low, high),
        };
        assert!(
            x.iter().all(|v| (lo..=hi).contains(v)),
            "{d:?}: out of range"
        );
    }
}

#[test]
fn a_constant_distribution_is_constant() {
    let r = simulate(
        &single(
            7.0,
            Distribution::Triangular {
                low: 7.0,
                high: 7.0,
            },
        ),
        1000,
        1,
        None,
    )
    .unwrap();
    let o = &r.options[0];
    assert_eq!((o.mean, o.p5, o.p95, o.prob_positive), (7.0, 7.0, 7.0, 1.0));
}

fn two_options() -> Simulation {
    Simulation {
        fixed_npv: vec![-100.0, 0.0],
        flows: vec![
            UncertainFlow {
                option: 0,
                coef: 1.0,
                sampler: Sampler::new(100.0, &Distribution::Normal { sd: 50.0 }),
            },
            UncertainFlow {
                option: 1,
                coef: -1.0,
                sampler: Sampler::new(
                    10.0,
                    &Distribution::Uniform {
                        low: 0.0,
                        high: 40.0,
                    },
                ),
            },
        ],
    }
}

#[test]
fn same_seed_same_figures_whatever_the_thread_count() {
    let sim = two_options();
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| simulate(&sim, 10_001, 7, None).unwrap())
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
    assert_ne!(one, simulate(&sim, 10_001, 8, None).unwrap());
}

#[test]
fn probabilities_and_value_of_information() {
    let r = simulate(&two_options(), 50_000, 3, None).unwrap();
    let total: f64 = r.options.iter().map(|o| o.prob_best).sum();
    assert!((total - 1.0).abs() < 1e-12);
    // option 0 ~ N(0, 50), option 1 ~ -U(0, 40): P(0 > 0) ≈ 0.5
    assert!((r.options[0].prob_positive - 0.5).abs() < 0.01);
    assert_eq!(r.options[1].prob_positive, 0.0);
    assert!(r.evpi > 0.0);
    // one iteration: no value of information
    assert_eq!(simulate(&two_options(), 1, 3, None).unwrap().evpi, 0.0);
}

#[test]
fn progress_reaches_the_total() {
    use std::sync::atomic::{AtomicU64, Ordering};
    let seen = AtomicU64::new(0);
    let report = |done: u64, total: u64| {
        assert_eq!(total, 1000);
        seen.fetch_max(done, Ordering::Relaxed);
    };
    simulate(&two_options(), 1000, 1, Some(&report)).unwrap();
    assert_eq!(seen.load(Ordering::Relaxed), 1000);
}
