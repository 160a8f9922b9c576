//! Property tests of the engine's formulas.

use proptest::prelude::*;
use wikken_core::engine::mca::{self, Matrix};
use wikken_core::engine::mkba::pv_factor;
use wikken_core::model::{Adjust, Direction, Flow, FlowKind, McaMethod, Preference};

fn flow_strategy() -> impl Strategy<Value = Flow> {
    (
        prop_oneof![Just(FlowKind::Cost), Just(FlowKind::Benefit)],
        0.0..1e7f64,
        0i64..40,
        0i64..40,
        -0.5..=0.5f64,
        proptest::option::of((0.0..=1.0f64, 0.0..=1.0f64, 0.0..=1.0f64, 0.0..=1.0f64)),
    )
        .prop_map(|(kind, amount, from, len, growth, adj)| Flow {
            actor: "a".into(),
            kind,
            label: String::new(),
            amount,
            from_year: from,
            to_year: Some(from + len),
            growth,
            adjust: match kind {
                FlowKind::Benefit => adj.map(|(d, a, s, o)| Adjust {
                    deadweight: d,
                    attribution: a,
                    displacement: s,
                    drop_off: o,
                }),
                FlowKind::Cost => None,
            },
            uncertainty: None,
        })
}

fn pv(f: &Flow, horizon: i64, rate: f64) -> f64 {
    f.amount * pv_factor(f, horizon, rate)
}

proptest! {
    /// PV is linear in the amount: PV(a·x + b·y) = a·PV(x) + b·PV(y) for the
    /// same stream shape.
    #[test]
    fn npv_is_linear_in_amounts(
        f in flow_strategy(),
        a in 0.0..100.0f64,
        b in 0.0..100.0f64,
        other in 0.0..1e7f64,
        horizon in 1i64..100,
        rate in 0.0..=0.2f64,
    ) {
        let x = f.clone();
        let mut y = f.clone();
        y.amount = other;
        let mut mix = f;
        mix.amount = a * x.amount + b * y.amount;
        let lhs = pv(&mix, horizon, rate);
        let rhs = a * pv(&x, horizon, rate) + b * pv(&y, horizon, rate);
        prop_assert!((lhs - rhs).abs() <= 1e-9 * lhs.abs().max(1.0), "{lhs} vs {rhs}");
        y.amount = 0.0;
        prop_assert_eq!(pv(&y, horizon, rate), 0.0);
    }

    /// A higher discount rate never raises the PV of a positive flow.
    #[test]
    fn a_higher_rate_never_raises_pv(
        f in flow_strategy(),
        horizon in 1i64..100,
        r1 in 0.0..=0.2f64,
        r2 in 0.0..=0.2f64,
    ) {
        let (lo, hi) = if r1 <= r2 { (r1, r2) } else { (r2, r1) };
        let at_lo = pv(&f, horizon, lo);
        let at_hi = pv(&f, horizon, hi);
        prop_assert!(at_hi <= at_lo * (1.0 + 1e-12) + 1e-9, "{at_hi} > {at_lo}");
        prop_assert!(at_hi >= 0.0);
    }

    /// Ranks (WSM, TOPSIS) do not change when one criterion's scores are all
    /// multiplied by the same positive factor.
    #[test]
    fn mca_ranks_are_invariant_to_scaling_a_criterion(
        x in proptest::collection::vec(proptest::collection::vec(0.0..100.0f64, 3), 2..8),
        weights in proptest::collection::vec(0.01..1.0f64, 3),
        mins in proptest::collection::vec(any::<bool>(), 3),
        column in 0usize..3,
        factor in 0.01..1000.0f64,
        topsis in any::<bool>(),
    ) {
        let directions: Vec<Direction> =
            mins.iter().map(|m| if *m { Direction::Min } else { Direction::Max }).collect();
        let prefs = [Preference::Usual; 3];
        let method = if topsis { McaMethod::Topsis } else { McaMethod::WeightedSum };
        let w = mca::normalise(&weights);
        let before = mca::scores(method, &Matrix { x: &x, directions: &directions, preferences: &prefs }, &w);
        let mut scaled = x.clone();
        for row in &mut scaled {
            row[column] *= factor;
        }
        let after = mca::scores(method, &Matrix { x: &scaled, directions: &directions, preferences: &prefs }, &w);
        // Scores themselves are invariant (up to rounding), so ranks are too
        // unless two scores sit within rounding of the tie tolerance.
        for (b, a) in before.iter().zip(&after) {
            prop_assert!((a - b).abs() < 1e-9, "{before:?} vs {after:?}");
        }
        let close_call = before.iter().enumerate().any(|(i, s)| {
            before.iter().skip(i + 1).any(|t| ((s - t).abs() - mca::RANK_TOLERANCE).abs() < 1e-9)
        });
        if !close_call {
            prop_assert_eq!(mca::ranks(&before), mca::ranks(&after));
        }
    }
}
