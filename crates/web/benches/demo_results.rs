//! Speed target (issue 14): the results page of the demo afweging, its
//! six portfolio solves (the report's and the budget at 50–150 %) and the
//! Monte Carlo together, under 50 ms.
//!
//! The afweging is the one a first start stores (`seed::demo_case`, from
//! the demo's data and the default catalogue); `analyse` is what the
//! results page computes before it draws (the model evaluated with its
//! histograms, the budget steps, the arena and the disagreement), with
//! HiGHS as the server runs it. For comparison the same with plain HiGHS.
//!
//! `cargo bench -p wikken-web --bench demo_results`

use criterion::{Criterion, criterion_group, criterion_main};
use wikken_core::case::analysis::analyse;
use wikken_core::case::catalogue::default_templates;
use wikken_highs::{Highs, PlainHighs};
use wikken_web::seed::demo_case;

fn demo_results(c: &mut Criterion) {
    let demo = wikken_data::demo::demo();
    let doc = demo_case(&demo, &default_templates());
    let first = analyse(&doc, &Highs::default()).expect("the demo afweging is valid");
    assert_eq!(first.budget_steps.len(), 5, "five budget steps");
    assert!(first.report.portfolio.is_some(), "the report's portfolio");
    let mut group = c.benchmark_group("demo results");
    group.sample_size(50);
    group.bench_function(
        format!(
            "analyse the demo afweging ({} options, {} iterations, 6 portfolio solves)",
            doc.options.len(),
            doc.uncertainty.iterations
        ),
        |b| b.iter(|| analyse(&doc, &Highs::default()).unwrap()),
    );
    group.bench_function("the same with plain HiGHS", |b| {
        b.iter(|| analyse(&doc, &PlainHighs::default()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, demo_results);
criterion_main!(benches);
