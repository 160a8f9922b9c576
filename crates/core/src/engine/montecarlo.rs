//! Monte Carlo: every uncertain flow drawn once per iteration, every
//! option's npv per iteration, and the statistics of those npvs.
//!
//! Iterations are cut into fixed blocks; block `b` draws from the seed's
//! stream after `b` jumps of 2^128 (xoshiro256++), so the figures depend on
//! the seed and the iteration count, never on the number of threads that
//! ran the blocks. Memory: 8 bytes × iterations × options for the npvs.

use std::sync::atomic::{AtomicU64, Ordering};

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use super::sampling::Sampler;
use super::stats::{mean, quantile};
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
}

/// Called with (iterations done, iterations in all) as blocks finish.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// Runs `iterations` iterations from `seed`.
pub fn simulate(
    sim: &Simulation,
    iterations: usize,
    seed: u64,
    progress: Option<Progress<'_>>,
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

    let mut npv = vec![0.0; iterations * n_opt];
    let mut best = vec![0u32; iterations];
    let mut max_npv = vec![0.0; iterations];
    let done = AtomicU64::new(0);
    npv.par_chunks_mut(BLOCK * n_opt)
        .zip(best.par_chunks_mut(BLOCK))
        .zip(max_npv.par_chunks_mut(BLOCK))
        .zip(streams.into_par_iter())
        .for_each(|(((rows, best), max_npv), mut rng)| {
            let block_len = best.len() as u64;
            for ((row, best), max_npv) in rows.chunks_mut(n_opt).zip(best).zip(max_npv) {
                row.copy_from_slice(&sim.fixed_npv);
                for f in &sim.flows {
                    row[f.option] += f.coef * f.sampler.sample(&mut rng);
                }
                let (mut arg, mut top) = (0, row[0]);
                for (o, &x) in row.iter().enumerate().skip(1) {
                    if x > top {
                        (arg, top) = (o, x);
                    }
                }
                *best = arg as u32;
                *max_npv = top;
            }
            if let Some(report) = progress {
                let n = done.fetch_add(block_len, Ordering::Relaxed) + block_len;
                report(n, iterations as u64);
            }
        });

    let mut wins = vec![0usize; n_opt];
    for &b in &best {
        wins[b as usize] += 1;
    }
    let n = iterations as f64;
    let options: Vec<UncertaintyResult> = (0..n_opt)
        .into_par_iter()
        .map(|o| {
            let mut col: Vec<f64> = npv.iter().skip(o).step_by(n_opt).copied().collect();
            let positive = col.iter().filter(|x| **x > 0.0).count();
            UncertaintyResult {
                mean: mean(&col),
                prob_positive: positive as f64 / n,
                prob_best: wins[o] as f64 / n,
                p5: quantile(&mut col, 0.05),
                p50: quantile(&mut col, 0.50),
                p95: quantile(&mut col, 0.95),
            }
        })
        .collect();
    let best_mean = options
        .iter()
        .map(|s| s.mean)
        .fold(f64::NEG_INFINITY, f64::max);
    let evpi = (mean(&max_npv) - best_mean).max(0.0);
    SimulationResult { options, evpi }
}
