//! Speed targets of the engine (issue 2):
//! - Monte Carlo, 10,000 iterations, 200 options × 30 years, every flow uncertain: < 0.2 s
//! - deterministic evaluation of a 200-option model: < 1 ms

use criterion::{Criterion, criterion_group, criterion_main};
use wikken_core::engine::portfolio::BruteForce;
use wikken_core::evaluate;
use wikken_core::synthetic::wide_model;

fn montecarlo(c: &mut Criterion) {
    let mut model = wide_model(200, 30, 4, true, 7);
    model.uncertainty.iterations = 10_000;
    let mut group = c.benchmark_group("montecarlo");
    group.sample_size(20);
    group.bench_function(
        "evaluate 200 options x 30 years, 800 uncertain flows, 10k iterations",
        |b| b.iter(|| evaluate(&model, &BruteForce, None).unwrap()),
    );
    group.finish();
}

fn deterministic(c: &mut Criterion) {
    let model = wide_model(200, 30, 4, false, 7);
    c.bench_function("deterministic evaluate 200 options x 30 years", |b| {
        b.iter(|| evaluate(&model, &BruteForce, None).unwrap())
    });
}

criterion_group!(benches, montecarlo, deterministic);
criterion_main!(benches);
