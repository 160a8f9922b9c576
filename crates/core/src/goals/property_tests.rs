//! Properties: the slope lies in its interval; the status agrees with the
//! ratio; a `down` goal is an `up` goal upside down; staleness follows
//! `next_due`; a serialised file reads back as itself.

use proptest::prelude::*;

use super::theil_sen::theil_slopes;
use super::*;

/// Values with one decimal, as indicators usually are; ties happen.
fn value() -> impl Strategy<Value = f64> {
    (-200i32..=200).prop_map(|v| f64::from(v) / 10.0)
}

/// A valid goal: baseline 2010–2020, target 1–15 years on, the target on
/// the better side, 0–14 observations in distinct years 2005–2035.
fn goals() -> impl Strategy<Value = Goal> {
    (
        any::<bool>(),
        2010i32..=2020,
        1i32..=15,
        value(),
        1i32..=100,
        1u32..=4,
        prop::collection::btree_map(2005i32..=2035, value(), 0..15),
    )
        .prop_map(|(up, t0, span, y0, gain, interval, obs)| {
            let gain = f64::from(gain) / 10.0;
            let (direction, yt) = if up {
                (Direction::Up, y0 + gain)
            } else {
                (Direction::Down, y0 - gain)
            };
            Goal {
                id: "g".into(),
                direction,
                baseline: Point {
                    year: t0,
                    value: y0,
                },
                target: Point {
                    year: t0 + span,
                    value: yt,
                },
                interval_years: interval,
                // reversed: the maths must not rely on the file's order
                observations: obs
                    .into_iter()
                    .rev()
                    .map(|(year, value)| Point { year, value })
                    .collect(),
            }
        })
}

proptest! {
    #[test]
    fn the_slope_lies_in_its_interval(
        pts in prop::collection::vec((0i32..=12, value()), 2..20),
        alpha in prop::sample::select(vec![0.80, 0.90, 0.95]),
    ) {
        let x: Vec<f64> = pts.iter().map(|p| f64::from(p.0)).collect();
        let y: Vec<f64> = pts.iter().map(|p| p.1).collect();
        if let Some(ts) = theil_slopes(&x, &y, alpha) {
            prop_assert!(ts.low_slope <= ts.slope && ts.slope <= ts.high_slope, "{ts:?}");
        } else {
            prop_assert!(x.iter().all(|&v| v == x[0]));
        }
    }

    #[test]
    fn an_assessment_agrees_with_itself(g in goals(), as_of in 2005i32..=2040) {
        prop_assert!(check_goal(&g).is_empty(), "{:?}", check_goal(&g));
        let a = assess_goal(&g, as_of);
        let last = a.latest.map_or(g.baseline.year, |p| p.year);
        prop_assert_eq!(a.next_due, last + g.interval_years as i32);
        prop_assert_eq!(a.stale, as_of > a.next_due);
        prop_assert_eq!(a.trend.is_some(), a.chance.is_some());
        if let Some(t) = &a.trend {
            prop_assert!(t.slope_low <= t.slope && t.slope <= t.slope_high, "{t:?}");
            prop_assert!(t.forecast_low <= t.forecast_high, "{t:?}");
            prop_assert!([t.slope, t.intercept, t.forecast, t.forecast_low, t.forecast_high]
                .iter().all(|v| v.is_finite()));
        }
        if let Some(c) = a.chance {
            prop_assert!((0.0..=1.0).contains(&c), "{c}");
        }
        let Some(latest) = a.latest else {
            prop_assert_eq!(a.status, GoalStatus::GeenGegevens);
            return Ok(());
        };
        prop_assert!(latest.year <= as_of);
        let reached = g.direction.reaches(latest.value, g.target.value);
        prop_assert_eq!(a.status == GoalStatus::Gehaald, reached);
        prop_assert_eq!(a.progress_ratio.is_some(), latest.year > g.baseline.year);
        match (a.status, a.progress_ratio) {
            (GoalStatus::OpKoers, Some(r)) => prop_assert!(r >= 0.95),
            (GoalStatus::Achter, Some(r)) => prop_assert!((0.75..0.95).contains(&r)),
            (GoalStatus::VerAchter, Some(r)) => prop_assert!(r < 0.75),
            (GoalStatus::TeVroeg, None) => prop_assert!(a.trend.is_some()),
            (GoalStatus::TeWeinigGegevens, _) => prop_assert!(a.trend.is_none()),
            (GoalStatus::Gehaald, _) => {}
            (s, r) => prop_assert!(false, "status {s:?} with ratio {r:?}"),
        }
        // the plan line passes through baseline and target
        prop_assert_eq!(plan_value(&g, f64::from(g.baseline.year)), g.baseline.value);
        let at_target = plan_value(&g, f64::from(g.target.year));
        prop_assert!((at_target - g.target.value).abs() < 1e-9);
    }

    #[test]
    fn a_down_goal_is_an_up_goal_upside_down(g in goals(), as_of in 2005i32..=2040) {
        let flip = |p: Point| Point { year: p.year, value: -p.value };
        let mirrored = Goal {
            direction: match g.direction { Direction::Up => Direction::Down, Direction::Down => Direction::Up },
            baseline: flip(g.baseline),
            target: flip(g.target),
            observations: g.observations.iter().copied().map(flip).collect(),
            ..g.clone()
        };
        let (a, b) = (assess_goal(&g, as_of), assess_goal(&mirrored, as_of));
        prop_assert_eq!(a.status, b.status);
        prop_assert_eq!(a.progress_ratio, b.progress_ratio);
        prop_assert_eq!(a.years_ahead, b.years_ahead);
        prop_assert_eq!(a.chance, b.chance);
        prop_assert_eq!(a.trend.map(|t| t.slope), b.trend.map(|t| -t.slope));
    }

    #[test]
    fn a_serialised_file_reads_back(gs in prop::collection::vec(goals(), 0..4), as_of in prop::option::of(2005i32..=2040)) {
        let file = GoalsFile { as_of, goals: gs };
        let text = serde_json::to_string(&file).unwrap();
        prop_assert_eq!(read(&text).unwrap(), file);
    }
}
