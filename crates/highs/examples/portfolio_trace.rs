//! Solves one synthetic meerjarenplanning with Wikken's path and prints
//! what the reductions did and how long each solver took:
//! `cargo run --release -p wikken-highs --example portfolio_trace -- GROUPS TIGHTNESS SEED [plain]`
//! (`WIKKEN_HIGHS_LOG=1` shows HiGHS's own log).

use std::time::Instant;

use wikken_core::engine::portfolio::{BinaryProgram, PortfolioSolver};
use wikken_core::synthetic::{add_ties, portfolio_model};
use wikken_highs::{PlainHighs, reduced};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let groups: usize = args.first().map_or(1000, |a| a.parse().expect("groups"));
    let tightness: f64 = args.get(1).map_or(0.2, |a| a.parse().expect("tightness"));
    let seed: u64 = args.get(2).map_or(11, |a| a.parse().expect("seed"));
    let mut model = portfolio_model(groups, 6, 5, tightness, seed);
    add_ties(&mut model, 5, seed);
    let p = BinaryProgram::from_model(&model, model.portfolio.as_ref().unwrap());
    let start = Instant::now();
    let (solved, trace) = reduced::solve_traced(&p, 0, None).expect("solved");
    println!(
        "Wikken: {:.3} s, objective {:.0}, {trace:?}",
        start.elapsed().as_secs_f64(),
        p.objective(&solved.chosen)
    );
    if args.get(3).is_some_and(|a| a == "plain") {
        let start = Instant::now();
        let plain = PlainHighs::default().solve(&p).expect("solved");
        println!(
            "plain HiGHS: {:.3} s, objective {:.0}",
            start.elapsed().as_secs_f64(),
            p.objective(&plain.chosen)
        );
    }
}
