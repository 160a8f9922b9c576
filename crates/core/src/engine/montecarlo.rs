//! Monte Carlo: every uncertain flow drawn once per iteration, every
//! option's npv per iteration, and the statistics of those npvs.
//!
//! Iterations are cut into fixed blocks of [`BLOCK`]; block `b` draws from
//! the seed's stream after `b` jumps of 2^128 (xoshiro256++), so the
//! figures depend on the seed and the iteration count, never on the number
//! of threads that ran the blocks. Within a block the draws are flow-major:
//! each uncertain flow in file order draws its amounts for all the block's
//! iterations in one run (the first iteration first) and adds coef × amount
//! into its option's column; the block's npvs are option-major, so that
//! loop, the scan for the best option and the statistics all read
//! contiguous memory. Memory: 8 bytes × iterations × options for the npvs.
//!
//! Seeded figures changed with issue 14 (the spec only promises the same
//! figures for the same file, seed and build): before, an iteration drew
//! all flows in turn, PERT used `rand_distr`'s Beta (Cheng's algorithm) and
//! normals `rand_distr`'s ziggurat; now the order is flow-major per block,
//! PERT's Beta is X/(X + Y) of two Marsaglia–Tsang gammas and normals come
//! from [`super::normal`]. The distributions are the same; every
//! statistical test holds and the figures stay independent of the threads.

use std::sync::atomic::{AtomicU64, Ordering};

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use super::sampling::Sampler;
use super::stats::{mean, quantile, quantiles};
use crate::limits::{self, OverLimit, SimulationTooLarge};
use crate::report::UncertaintyResult;

/// Iterations per block: the unit of parallel work and of progress.
pub const BLOCK: usize = 256;

/// One uncertain flow, reduced to what an iteration needs.
#[derive(Debug, Clone)]
pub struct UncertainFlow {
    /// Index of the option it belongs to.
    pub option: usize,
    /// sign · PV factor: the npv change per euro of amount.
    pub coef: f64,
    /// Its distribution.
    pub sampler: Sampler,
}

/// What the simulation needs: the npv of each option from its certain
/// flows, and the uncertain flows in file order.
#[derive(Debug, Clone)]
pub struct Simulation {
    /// Per option, the npv contributed by flows without uncertainty.
    pub fixed_npv: Vec<f64>,
    /// Uncertain flows in file order (option, then flow).
    pub flows: Vec<UncertainFlow>,
}

/// Everything the simulation reports.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulationResult {
    /// Per option, in file order.
    pub options: Vec<UncertaintyResult>,
    /// Expected value of perfect information (≥ 0).
    pub evpi: f64,
    /// Per option, the binned npvs; empty unless asked for
    /// ([`simulate_with_histograms`]).
    pub histograms: Vec<Histogram>,
}

/// The npvs of one option's iterations, binned.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// Lower edge of the first bin.
    pub lo: f64,
    /// Upper edge of the last bin.
    pub hi: f64,
    /// Iterations per bin (equal widths); values outside [lo, hi] are
    /// counted in the first or last bin.
    pub counts: Vec<u32>,
}

/// The quantiles a histogram spans: the outer 0.5 % at either end falls
/// into the edge bins, so one outlier does not squeeze all other bins.
pub const HISTOGRAM_SPAN: (f64, f64) = (0.005, 0.995);

/// Bins `values` into `bins` equal bins between their
/// [`HISTOGRAM_SPAN`] quantiles; one bin when those coincide (all values
/// in it). Reorders `values`.
pub fn histogram(values: &mut [f64], bins: usize) -> Histogram {
    let lo = quantile(values, HISTOGRAM_SPAN.0);
    let hi = quantile(values, HISTOGRAM_SPAN.1);
    let bins = if hi > lo { bins.max(1) } else { 1 };
    let mut counts = vec![0u32; bins];
    let width = (hi - lo) / bins as f64;
    for &x in values.iter() {
        let k = if width > 0.0 {
            ((x - lo) / width).floor().clamp(0.0, (bins - 1) as f64) as usize
        } else {
            0
        };
        counts[k] += 1;
    }
    Histogram { lo, hi, counts }
}

/// Why a simulation was not run (nothing was allocated).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SimulationError {
    /// No iterations or no options.
    #[error("er is niets te trekken: geen trekkingen of geen opties")]
    Empty,
    /// More iterations than [`limits::ITERATIONS`].
    #[error(transparent)]
    Iterations(#[from] OverLimit),
    /// Iterations × options over [`limits::SIMULATION_CELLS`].
    #[error(transparent)]
    TooLarge(#[from] SimulationTooLarge),
}

/// Refuses a simulation over the limits before anything is allocated.
pub fn check(sim: &Simulation, iterations: usize) -> Result<(), SimulationError> {
    if iterations == 0 || sim.fixed_npv.is_empty() {
        return Err(SimulationError::Empty);
    }
    limits::ITERATIONS.check(iterations)?;
    limits::check_simulation(iterations as u64, sim.fixed_npv.len())?;
    Ok(())
}

/// Called with (iterations done, iterations in all) as blocks finish.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// Runs `iterations` iterations from `seed`; refused over the limits
/// ([`check`]).
pub fn simulate(
    sim: &Simulation,
    iterations: usize,
    seed: u64,
    progress: Option<Progress<'_>>,
) -> Result<SimulationResult, SimulationError> {
    check(sim, iterations)?;
    Ok(run(sim, iterations, seed, progress, None))
}

/// [`simulate`], and per option a histogram of its npvs in `bins` bins
/// (from the same iterations; the statistics are identical).
pub fn simulate_with_histograms(
    sim: &Simulation,
    iterations: usize,
    seed: u64,
    progress: Option<Progress<'_>>,
    bins: usize,
) -> Result<SimulationResult, SimulationError> {
    check(sim, iterations)?;
    Ok(run(sim, iterations, seed, progress, Some(bins)))
}

fn run(
    sim: &Simulation,
    iterations: usize,
    seed: u64,
    progress: Option<Progress<'_>>,
    bins: Option<usize>,
) -> SimulationResult {
    let n_opt = sim.fixed_npv.len();
    assert!(iterations > 0 && n_opt > 0);
    let n_blocks = iterations.div_ceil(BLOCK);
    let mut streams = Vec::with_capacity(n_blocks);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    for _ in 0..n_blocks {
        streams.push(rng.clone());
        rng.jump();
    }

    // Block-major; within a block option-major: block b's iterations of
    // option o are one contiguous run of (up to) BLOCK npvs.
    let mut npv = vec![0.0; iterations * n_opt];
    let mut best = vec![0u32; iterations];
    let mut max_npv = vec![0.0; iterations];
    let done = AtomicU64::new(0);
    npv.par_chunks_mut(BLOCK * n_opt)
        .zip(best.par_chunks_mut(BLOCK))
        .zip(max_npv.par_chunks_mut(BLOCK))
        .zip(streams.into_par_iter())
        .for_each(|(((cols, best), max_npv), mut rng)| {
            simulate_block(sim, &mut rng, cols, best, max_npv);
            if let Some(report) = progress {
                let len = best.len() as u64;
                let n = done.fetch_add(len, Ordering::Relaxed) + len;
                report(n, iterations as u64);
            }
        });

    let mut wins = vec![0usize; n_opt];
    for &b in &best {
        wins[b as usize] += 1;
    }
    let n = iterations as f64;
    let (options, histograms): (Vec<UncertaintyResult>, Vec<Option<Histogram>>) = (0..n_opt)
        .into_par_iter()
        .map(|o| {
            let mut col = Vec::with_capacity(iterations);
            for block in npv.chunks(BLOCK * n_opt) {
                let len = block.len() / n_opt;
                col.extend_from_slice(&block[o * len..(o + 1) * len]);
            }
            let positive = col.iter().filter(|x| **x > 0.0).count();
            let mean = mean(&col);
            let [p5, p50, p95] = quantiles(&mut col, [0.05, 0.50, 0.95]);
            let stats = UncertaintyResult {
                mean,
                prob_positive: positive as f64 / n,
                prob_best: wins[o] as f64 / n,
                p5,
                p50,
                p95,
            };
            (stats, bins.map(|b| histogram(&mut col, b)))
        })
        .unzip();
    let best_mean = options
        .iter()
        .map(|s| s.mean)
        .fold(f64::NEG_INFINITY, f64::max);
    let evpi = (mean(&max_npv) - best_mean).max(0.0);
    SimulationResult {
        options,
        evpi,
        histograms: histograms.into_iter().flatten().collect(),
    }
}

/// One block: `cols` is option-major (`len` npvs per option, `len` =
/// `best.len()`); each uncertain flow draws its `len` amounts in one run
/// into its option's column; then per iteration the best option (ties to
/// the first) and the highest npv.
fn simulate_block(
    sim: &Simulation,
    rng: &mut Xoshiro256PlusPlus,
    cols: &mut [f64],
    best: &mut [u32],
    max_npv: &mut [f64],
) {
    let len = best.len();
    for (col, &fixed) in cols.chunks_exact_mut(len).zip(&sim.fixed_npv) {
        col.fill(fixed);
    }
    for f in &sim.flows {
        let col = &mut cols[f.option * len..(f.option + 1) * len];
        f.sampler.add_draws(rng, f.coef, col);
    }
    max_npv.copy_from_slice(&cols[..len]);
    best.fill(0);
    for (o, col) in cols.chunks_exact(len).enumerate().skip(1) {
        for ((&x, top), arg) in col.iter().zip(max_npv.iter_mut()).zip(best.iter_mut()) {
            if x > *top {
                *top = x;
                *arg = o as u32;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Distribution;

    #[test]
    fn histogram_spans_the_inner_99_percent() {
        // 0..=100: p0.5 = 0.5, p99.5 = 99.5; 4 bins of 24.75 with edges
        // 0.5, 25.25, 50, 74.75, 99.5. 0 and 100 fall into the edge bins.
        let mut v: Vec<f64> = (0..=100).rev().map(f64::from).collect();
        let h = histogram(&mut v, 4);
        assert_eq!((h.lo, h.hi), (0.5, 99.5));
        assert_eq!(h.counts, vec![26, 24, 25, 26]);
    }

    #[test]
    fn a_constant_is_one_bin() {
        let h = histogram(&mut [7.0; 5], 24);
        assert_eq!((h.lo, h.hi, h.counts), (7.0, 7.0, vec![5]));
    }

    #[test]
    fn histograms_come_from_the_same_iterations() {
        let sim = Simulation {
            fixed_npv: vec![-10.0, 3.0],
            flows: vec![UncertainFlow {
                option: 0,
                coef: 1.0,
                sampler: Sampler::new(
                    10.0,
                    &Distribution::Uniform {
                        low: 0.0,
                        high: 20.0,
                    },
                ),
            }],
        };
        let plain = simulate(&sim, 5000, 9, None).unwrap();
        let with = simulate_with_histograms(&sim, 5000, 9, None, 24).unwrap();
        assert!(plain.histograms.is_empty());
        assert_eq!((&plain.options, plain.evpi), (&with.options, with.evpi));
        assert_eq!(with.histograms.len(), 2);
        let h = &with.histograms[0];
        assert_eq!(h.counts.len(), 24);
        assert_eq!(h.counts.iter().sum::<u32>(), 5000);
        // uniform on [-10, 10]: the span is close to ±9.9, the bins even
        assert!(
            (h.lo + 9.9).abs() < 0.2 && (h.hi - 9.9).abs() < 0.2,
            "{h:?}"
        );
        assert!(h.counts.iter().all(|&c| (150..=280).contains(&c)), "{h:?}");
        assert_eq!(with.histograms[1].counts, vec![5000]);
    }

    #[test]
    fn over_the_limits_nothing_is_allocated() {
        let sim = |options: usize| Simulation {
            fixed_npv: vec![0.0; options],
            flows: Vec::new(),
        };
        // 5.000 options × 1.000.000 iterations would be 40 GB.
        let e = simulate(&sim(5000), 1_000_000, 1, None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "1.000.000 trekkingen × 5.000 opties is 5.000.000.000, maximaal 8.000.000: \
             kies hoogstens 1.600 trekkingen",
            "{e:?}"
        );
        let e = simulate_with_histograms(&sim(5000), 100_000, 1, None, 24).unwrap_err();
        assert!(
            e.to_string().starts_with(
                "100.000 trekkingen × 5.000 opties is 500.000.000, maximaal 8.000.000"
            ),
            "{e}"
        );
        assert_eq!(simulate(&sim(0), 10, 1, None), Err(SimulationError::Empty));
        assert_eq!(simulate(&sim(1), 0, 1, None), Err(SimulationError::Empty));
        assert!(simulate(&sim(80), 100_000, 1, None).is_ok());
    }
}
