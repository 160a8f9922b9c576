//! Speed target (issue 2): portfolio of 1,000 complexes × 6 options with 5
//! yearly budgets, solved to proven optimality: < 5 s.
//!
//! The instance is a synthetic meerjarenplanning (see
//! `wikken_core::synthetic::portfolio_model`) with budgets at 20 % of the
//! most ambitious plan, so that most of them bind. Set
//! `WIKKEN_BENCH_TIGHTNESS=0.12` to make all five bind hard: HiGHS then
//! needs far longer to prove optimality within 1e-6 (see the README).

use criterion::{Criterion, criterion_group, criterion_main};
use wikken_core::engine::portfolio::{BinaryProgram, PortfolioSolver};
use wikken_core::synthetic::portfolio_model;
use wikken_highs::Highs;

fn portfolio(c: &mut Criterion) {
    let tightness = std::env::var("WIKKEN_BENCH_TIGHTNESS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0.2);
    let model = portfolio_model(1000, 6, 5, tightness, 11);
    let problem = BinaryProgram::from_model(&model, model.portfolio.as_ref().unwrap());
    let mut group = c.benchmark_group("portfolio");
    group.sample_size(10);
    group.bench_function(
        "1000 groups x 6 options, 5 budgets, HiGHS to optimality",
        |b| b.iter(|| Highs::default().solve(&problem).unwrap().chosen),
    );
    group.finish();
}

criterion_group!(benches, portfolio);
criterion_main!(benches);
