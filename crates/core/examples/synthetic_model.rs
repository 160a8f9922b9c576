//! Prints a synthetic model file (JSON) of a chosen size, for load tests:
//! `cargo run --release -p wikken-core --example synthetic_model -- \
//!     OPTIONS FLOWS_PER_OPTION HORIZON ITERATIONS SEED`
//! Every flow is uncertain; the corporatie has a budget over the first five
//! years of a third of what all options together would cost then.

use wikken_core::model::{Budget, FlowKind, Portfolio};
use wikken_core::synthetic::wide_model;

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("whole numbers"))
        .collect();
    let [options, flows, horizon, iterations, seed] = args[..] else {
        eprintln!("usage: synthetic_model OPTIONS FLOWS_PER_OPTION HORIZON ITERATIONS SEED");
        std::process::exit(2);
    };
    let mut model = wide_model(options as usize, horizon as i64, flows as usize, true, seed);
    model.title = format!("Synthetisch model {seed}");
    model.uncertainty.iterations = iterations as i64;
    model.uncertainty.seed = seed;
    let cost: f64 = model
        .options
        .iter()
        .flat_map(|o| &o.flows)
        .filter(|f| f.kind == FlowKind::Cost && f.actor == "corporatie")
        .map(|f| f.amount * 3.0)
        .sum();
    model.portfolio = Some(Portfolio {
        budgets: vec![Budget {
            actor: "corporatie".into(),
            from_year: 0,
            to_year: 4.min(horizon as i64 - 1),
            max: (cost / 3.0).round(),
        }],
        ..Portfolio::default()
    });
    println!(
        "{}",
        serde_json::to_string(&model).expect("a model serialises")
    );
}
