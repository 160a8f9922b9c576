//! The goal maths by hand: plan line, ratio, years ahead, each status,
//! staleness and next_due, the trend and the chance with its weights.
//! Figures are chosen so the arithmetic in the comments is exact in
//! binary where the test compares with `==`.

use serde_json::json;

use super::*;

fn p(year: i32, value: f64) -> Point {
    Point { year, value }
}

fn goal(direction: Direction, baseline: Point, target: Point, observations: &[Point]) -> Goal {
    Goal {
        id: "g".into(),
        direction,
        baseline,
        target,
        interval_years: 1,
        observations: observations.to_vec(),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

#[test]
fn the_plan_line_runs_straight_and_goes_on() {
    let g = goal(Direction::Up, p(2020, 6.5), p(2025, 7.0), &[]);
    // 6.5 + (7.0 − 6.5)·(2022 − 2020)/(2025 − 2020) = 6.5 + 0.5·2/5 = 6.7
    assert!(close(plan_value(&g, 2022.0), 6.7));
    assert_eq!(plan_value(&g, 2020.0), 6.5);
    assert_eq!(plan_value(&g, 2025.0), 7.0);
    // not clamped: 6.5 + 0.5·10/5 = 7.5 after T, 6.5 + 0.5·(−5)/5 = 6.0 before t₀
    assert_eq!(plan_value(&g, 2030.0), 7.5);
    assert_eq!(plan_value(&g, 2015.0), 6.0);
    // half years for charts: 6.5 + 0.5·2.5/5 = 6.75
    assert_eq!(plan_value(&g, 2022.5), 6.75);
}

/// Up from 10 in 2020 to 20 in 2030: y*(s) = 10 + (s − 2020).
fn ten_to_twenty(observations: &[Point]) -> Goal {
    goal(Direction::Up, p(2020, 10.0), p(2030, 20.0), observations)
}

#[test]
fn behind_at_exactly_three_quarters() {
    let g = Goal {
        interval_years: 2,
        ..ten_to_twenty(&[p(2022, 11.0), p(2024, 13.0)])
    };
    let a = assess_goal(&g, 2024);
    assert_eq!(a.latest, Some(p(2024, 13.0)));
    // y*(2024) = 10 + 4 = 14
    assert_eq!(a.plan_value, Some(14.0));
    // r = (13 − 10)/(14 − 10) = 3/4
    assert_eq!(a.progress_ratio, Some(0.75));
    // t* = 2020 + (13 − 10)·10/10 = 2023; 2023 − 2024 = −1
    assert_eq!(a.years_ahead, Some(-1.0));
    // 13 < 20; points 2020 (baseline), 2022, 2024; r = 0.75 ≥ 0.75
    assert_eq!(a.status, GoalStatus::Achter);
    // slopes 1/2, 3/4, 2/2 → median 0.75; median y 11, median x 2022;
    // intercept 11 − 0.75·2022 = −1505.5; forecast −1505.5 + 0.75·2030 = 17;
    // 3 points: the interval is the extremes 0.5 and 1.0 (scipy 1.17.1:
    // theilslopes([10, 11, 13], [2020, 2022, 2024], alpha=0.90) gives
    // 0.75, -1505.5, 0.5, 1.0); forecasts 11 + 0.5·8 = 15, 11 + 1.0·8 = 19.
    let t = a.trend.unwrap();
    assert_eq!(
        t,
        Trend {
            slope: 0.75,
            intercept: -1505.5,
            slope_low: 0.5,
            slope_high: 1.0,
            forecast: 17.0,
            forecast_low: 15.0,
            forecast_high: 19.0,
        }
    );
    // reaching 20 needs 11 + 8s ≥ 20, s ≥ 1.125: no pair does
    assert_eq!(a.chance, Some(0.0));
    // L = 2024, interval 2: next 2026; 2024 > 2026 is false
    assert_eq!(a.next_due, 2026);
    assert!(!a.stale);
}

#[test]
fn far_behind_below_three_quarters() {
    let g = ten_to_twenty(&[p(2022, 11.0), p(2024, 12.9)]);
    let a = assess_goal(&g, 2024);
    // r = 2.9·10/(10·4) = 0.725 < 0.75
    assert!(close(a.progress_ratio.unwrap(), 0.725));
    assert_eq!(a.status, GoalStatus::VerAchter);
}

#[test]
fn on_course_from_exactly_095() {
    // Up from 0 in 2020 to 100 in 2040; y*(2030) = 50.
    let g = goal(
        Direction::Up,
        p(2020, 0.0),
        p(2040, 100.0),
        &[p(2025, 20.0), p(2030, 47.5)],
    );
    let a = assess_goal(&g, 2030);
    // r = 47.5·20/(100·10) = 950/1000 = 0.95 (one correctly rounded division)
    assert_eq!(a.progress_ratio, Some(0.95));
    assert_eq!(a.status, GoalStatus::OpKoers);
    // t* = 2020 + 47.5·20/100 = 2029.5; 2029.5 − 2030 = −0.5
    assert_eq!(a.years_ahead, Some(-0.5));
    let just_below = goal(
        Direction::Up,
        p(2020, 0.0),
        p(2040, 100.0),
        &[p(2025, 20.0), p(2030, 47.4)],
    );
    assert_eq!(assess_goal(&just_below, 2030).status, GoalStatus::Achter);
}

#[test]
fn chance_weighs_recent_pairs_more() {
    // Up from 10 (2020) to 14 (2024); figures 2021: 11, 2022: 13, 2023: 13.5.
    let g = goal(
        Direction::Up,
        p(2020, 10.0),
        p(2024, 14.0),
        &[p(2023, 13.5), p(2021, 11.0), p(2022, 13.0)],
    );
    let a = assess_goal(&g, 2023);
    // median x = 2021.5, median y = (11 + 13)/2 = 12, T − median x = 2.5:
    // a pair reaches 14 when 12 + 2.5·s ≥ 14, s ≥ 0.8.
    //   pair       slope        later  weight 0.75^(2023 − later)
    //   2020–2021  1            2021   0.5625   reaches
    //   2020–2022  1.5          2022   0.75     reaches
    //   2020–2023  3.5/3        2023   1        reaches
    //   2021–2022  2            2022   0.75     reaches
    //   2021–2023  1.25         2023   1        reaches
    //   2022–2023  0.5          2023   1        not
    // chance = 4.0625/5.0625 = 65/81 (unweighted it would be 5/6)
    assert!(close(a.chance.unwrap(), 65.0 / 81.0), "{:?}", a.chance);
    // r = (13.5 − 10)·4/((14 − 10)·3) = 14/12 ≥ 0.95
    assert_eq!(a.status, GoalStatus::OpKoers);
    // years ahead: (2020 − 2023) + 3.5·4/4 = 0.5
    assert_eq!(a.years_ahead, Some(0.5));
    // scipy 1.17.1: theilslopes([10, 11, 13, 13.5], [2020, 2021, 2022, 2023], alpha=0.90)
    // → 1.2083333333333335, -2430.6458333333335, 0.5, 2.0
    let t = a.trend.unwrap();
    assert_eq!(t.slope, 1.2083333333333335);
    assert_eq!(t.intercept, -2430.6458333333335);
    assert_eq!((t.slope_low, t.slope_high), (0.5, 2.0));
    // forecast_low/high = 12 + 0.5·2.5 = 13.25 and 12 + 2·2.5 = 17
    assert_eq!((t.forecast_low, t.forecast_high), (13.25, 17.0));
}

/// Down from 30 (2020) to 22 (2026), a figure every 3 years.
fn down_goal() -> Goal {
    Goal {
        interval_years: 3,
        ..goal(
            Direction::Down,
            p(2020, 30.0),
            p(2026, 22.0),
            &[p(2021, 29.0), p(2023, 25.0), p(2024, 26.0)],
        )
    }
}

#[test]
fn a_down_goal() {
    let a = assess_goal(&down_goal(), 2025);
    assert_eq!(a.latest, Some(p(2024, 26.0)));
    // y*(2024) = 30 − 8·4/6 = 24.666…
    assert!(close(a.plan_value.unwrap(), 30.0 - 32.0 / 6.0));
    // r = (26 − 30)·6/((22 − 30)·4) = −24/−32 = 0.75
    assert_eq!(a.progress_ratio, Some(0.75));
    assert_eq!(a.status, GoalStatus::Achter);
    // (2020 − 2024) + (−4)·6/(−8) = −4 + 3 = −1
    assert_eq!(a.years_ahead, Some(-1.0));
    // slopes −1, −5/3, −1, −2, −1, +1 → sorted −2, −5/3, −1, −1, −1, 1:
    // median −1; median x 2022, median y 27.5, intercept 27.5 + 2022 = 2049.5;
    // forecast 2049.5 − 2026 = 23.5. n = 4: σ² = 4·3·13/18, zσ ≈ −4.84,
    // Rl = round(0.58) − 1 = 0, Ru = min(round(5.42), 5) = 5: −2 and 1.
    // scipy 1.17.1: theilslopes([30, 29, 25, 26], [2020, 2021, 2023, 2024], alpha=0.90)
    // → -1.0, 2049.5, -2.0, 1.0
    let t = a.trend.unwrap();
    assert_eq!(
        (t.slope, t.intercept, t.slope_low, t.slope_high),
        (-1.0, 2049.5, -2.0, 1.0)
    );
    assert_eq!(t.forecast, 23.5);
    // 27.5 − 2·4 = 19.5 and 27.5 + 1·4 = 31.5
    assert_eq!((t.forecast_low, t.forecast_high), (19.5, 31.5));
    // reaching 22 (down) needs 27.5 + 4s ≤ 22, s ≤ −1.375: the pairs
    // 2020–2023 (−5/3) and 2021–2023 (−2), each 0.75^(2024 − 2023) = 0.75;
    // the others weigh 0.75³ (2020–2021) and 1, 1, 1: total 4.921875;
    // chance 1.5/4.921875 = 32/105.
    assert!(close(a.chance.unwrap(), 32.0 / 105.0), "{:?}", a.chance);
    // L = 2024: next 2027; 2025 > 2027 is false
    assert_eq!((a.next_due, a.stale), (2027, false));
}

#[test]
fn reaching_the_target_is_gehaald_in_either_direction() {
    let up = ten_to_twenty(&[p(2021, 12.0), p(2022, 20.0)]);
    assert_eq!(assess_goal(&up, 2022).status, GoalStatus::Gehaald);
    // one point short of a trend still counts: the target itself is reached
    let up = ten_to_twenty(&[p(2022, 21.0)]);
    let a = assess_goal(&up, 2022);
    assert_eq!(a.status, GoalStatus::Gehaald);
    assert_eq!(a.trend, None);
    let mut down = down_goal();
    down.observations.push(p(2025, 22.0));
    assert_eq!(assess_goal(&down, 2025).status, GoalStatus::Gehaald);
    down.observations.pop();
    // 22.5 > 22 is not reached, however close: r = (−7.5)·6/((−8)·5) = 1.125
    down.observations.push(p(2025, 22.5));
    assert_eq!(assess_goal(&down, 2025).status, GoalStatus::OpKoers);
}

#[test]
fn two_points_are_too_little() {
    // baseline 2020 and one figure: 2 points
    let g = ten_to_twenty(&[p(2022, 12.0)]);
    let a = assess_goal(&g, 2022);
    assert_eq!(a.status, GoalStatus::TeWeinigGegevens);
    assert_eq!((a.trend, a.chance), (None, None));
    // the ratio and years ahead are still given: 2/2 = 1, 2020 + 2 − 2022 = 0
    assert_eq!(a.progress_ratio, Some(1.0));
    assert_eq!(a.years_ahead, Some(0.0));
    // a figure in the baseline year replaces the baseline: still 2 points
    let g = ten_to_twenty(&[p(2020, 10.5), p(2022, 12.0)]);
    assert_eq!(assess_goal(&g, 2022).status, GoalStatus::TeWeinigGegevens);
}

#[test]
fn too_early_at_or_before_the_baseline_year() {
    let g = ten_to_twenty(&[p(2018, 9.0), p(2019, 9.5), p(2020, 11.0)]);
    let a = assess_goal(&g, 2020);
    assert_eq!(a.status, GoalStatus::TeVroeg);
    assert_eq!(a.progress_ratio, None);
    // (2020 − 2020) + (11 − 10)·10/10 = 1
    assert_eq!(a.years_ahead, Some(1.0));
    assert_eq!(a.plan_value, Some(10.0));
    // the figure of 2020 is a trend point, the baseline value is not:
    // slopes 2018–2019 0.5, 2018–2020 1.0, 2019–2020 1.5 → median 1.0
    assert_eq!(a.trend.unwrap().slope, 1.0);
    // as_of before the baseline year: 2 figures and no baseline point
    let a = assess_goal(&g, 2019);
    assert_eq!(a.status, GoalStatus::TeWeinigGegevens);
    assert_eq!(a.latest, Some(p(2019, 9.5)));
}

#[test]
fn no_data_up_to_as_of() {
    let g = Goal {
        interval_years: 2,
        ..ten_to_twenty(&[p(2024, 13.0)])
    };
    let a = assess_goal(&g, 2023);
    assert_eq!(a.status, GoalStatus::GeenGegevens);
    assert_eq!(
        (a.latest, a.plan_value, a.progress_ratio, a.years_ahead),
        (None, None, None, None)
    );
    assert_eq!((a.trend, a.chance), (None, None));
    // L is the baseline year: next 2020 + 2 = 2022, and 2023 > 2022
    assert_eq!((a.next_due, a.stale), (2022, true));
}

#[test]
fn staleness_follows_the_interval() {
    let g = Goal {
        interval_years: 2,
        ..ten_to_twenty(&[p(2021, 11.0), p(2022, 12.0)])
    };
    // L = 2022, next 2024: stale only after 2024
    assert_eq!(
        (assess_goal(&g, 2024).next_due, assess_goal(&g, 2024).stale),
        (2024, false)
    );
    assert_eq!(
        (assess_goal(&g, 2025).next_due, assess_goal(&g, 2025).stale),
        (2024, true)
    );
    // a figure after as_of does not count for L
    let mut later = g.clone();
    later.observations.push(p(2026, 14.0));
    let a = assess_goal(&later, 2025);
    assert_eq!(
        (a.latest, a.next_due, a.stale),
        (Some(p(2022, 12.0)), 2024, true)
    );
}

#[test]
fn the_default_year_is_the_latest_figure_or_baseline() {
    let a = ten_to_twenty(&[p(2022, 11.0)]);
    let b = goal(Direction::Up, p(2023, 1.0), p(2030, 2.0), &[p(2021, 1.0)]);
    assert_eq!(default_as_of(&[a.clone(), b.clone()]), Some(2022));
    let (a0, b0) = (
        ten_to_twenty(&[]),
        goal(Direction::Up, p(2023, 1.0), p(2030, 2.0), &[]),
    );
    assert_eq!(default_as_of(&[a0, b0]), Some(2023));
    assert_eq!(default_as_of(&[]), None);
    // assess uses it, or the file's own year
    let file = GoalsFile {
        as_of: None,
        goals: vec![a.clone(), b.clone()],
    };
    let out = assess(&file);
    assert_eq!(out[0], assess_goal(&a, 2022));
    assert_eq!(out[1], assess_goal(&b, 2022));
    let file = GoalsFile {
        as_of: Some(2030),
        ..file
    };
    assert_eq!(assess(&file)[1].next_due, 2022);
    assert!(assess(&file)[1].stale);
    assert!(
        assess(&GoalsFile {
            as_of: None,
            goals: vec![]
        })
        .is_empty()
    );
}

#[test]
fn the_status_labels_are_the_specs() {
    let labels: Vec<&str> = [
        GoalStatus::GeenGegevens,
        GoalStatus::Gehaald,
        GoalStatus::TeWeinigGegevens,
        GoalStatus::TeVroeg,
        GoalStatus::OpKoers,
        GoalStatus::Achter,
        GoalStatus::VerAchter,
    ]
    .iter()
    .map(GoalStatus::label)
    .collect();
    assert_eq!(
        labels,
        [
            "geen gegevens",
            "gehaald",
            "te weinig gegevens",
            "te vroeg",
            "op koers",
            "achter",
            "ver achter"
        ]
    );
}

#[test]
fn the_output_has_the_specs_shape() {
    let g = Goal {
        interval_years: 2,
        ..ten_to_twenty(&[p(2022, 11.0), p(2024, 13.0)])
    };
    let none = Goal {
        id: "leeg".into(),
        ..ten_to_twenty(&[])
    };
    let out = to_output_json(&[assess_goal(&g, 2024), assess_goal(&none, 2024)]);
    assert_eq!(
        out,
        json!({ "goals": [
            { "id": "g", "status": "achter", "latest": { "year": 2024, "value": 13.0 },
              "plan_value": 14.0, "progress_ratio": 0.75, "years_ahead": -1.0,
              "trend": { "slope": 0.75, "intercept": -1505.5, "slope_low": 0.5, "slope_high": 1.0,
                         "forecast": 17.0, "forecast_low": 15.0, "forecast_high": 19.0 },
              "chance": 0.0, "stale": false, "next_due": 2026 },
            { "id": "leeg", "status": "geen gegevens", "latest": null,
              "plan_value": null, "progress_ratio": null, "years_ahead": null,
              "trend": null, "chance": null, "stale": true, "next_due": 2021 }
        ] })
    );
    // the keys in the spec's order
    let keys: Vec<&String> = out["goals"][0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "id",
            "status",
            "latest",
            "plan_value",
            "progress_ratio",
            "years_ahead",
            "trend",
            "chance",
            "stale",
            "next_due"
        ]
    );
}
