use wikken_core::goals::Direction;

use super::*;
use crate::agreements::testing::{course, goal};

/// Every y coordinate drawn (points, and the vertices of the lines).
fn ys(svg: &str) -> Vec<f64> {
    let mut out = Vec::new();
    for part in svg.split("cy=\"").skip(1) {
        out.push(part[..part.find('"').unwrap()].parse().unwrap());
    }
    for part in svg.split(" d=\"").skip(1) {
        let d = &part[..part.find('"').unwrap()];
        if d.contains('l') {
            continue; // the axis break and the target's diamond are relative
        }
        let nums: Vec<f64> = d
            .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        out.extend(nums.chunks(2).map(|xy| xy[1]));
    }
    out
}

#[test]
fn a_chart_has_the_plan_line_the_figures_the_trend_its_band_and_the_target() {
    let c = course(
        goal(Direction::Down, (2020, 9.0), (2029, 6.0)),
        &[
            (2021, 8.9),
            (2022, 8.6),
            (2023, 8.7),
            (2024, 8.2),
            (2025, 8.4),
        ],
        2026,
    );
    assert!(c.assessment.trend.is_some());
    let svg = goal_chart(&c, Size::Full).into_string();
    for class in [
        "path class=\"plan\"",
        "path class=\"trend\"",
        "path class=\"band\"",
        "path class=\"target\"",
    ] {
        assert!(svg.contains(class), "{class} missing: {svg}");
    }
    assert_eq!(svg.matches("circle class=\"obs\"").count(), 5);
    assert!(
        svg.contains("<title>Streefwaarde 2029: 6,0 per 100 woningen</title>"),
        "{svg}"
    );
    let f = Size::Full.frame();
    for y in ys(&svg) {
        assert!(
            (f.top - 0.05..=f.h - f.bottom + 0.05).contains(&y),
            "{y} outside the plot: {svg}"
        );
    }
    // Screen readers get the figures as text.
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("aria-label=\"Overlastmeldingen (per 100 woningen): planlijn van 9,0 (2020) naar 6,0 (2029); cijfers 2021 8,9"), "{svg}");
    assert!(svg.contains("<caption>Cijfers, planlijn en trend van Overlastmeldingen</caption>"));
}

#[test]
fn the_band_turns_around_the_median_point_and_ends_at_the_forecast_band() {
    let c = course(
        goal(Direction::Up, (2020, 6.5), (2028, 7.5)),
        &[
            (2021, 6.6),
            (2022, 6.5),
            (2023, 6.9),
            (2024, 6.8),
            (2025, 7.1),
        ],
        2025,
    );
    let t = c.assessment.trend.clone().unwrap();
    let lines = trend_lines(&c).unwrap();
    // Six points (the baseline year has no figure): median x 2022,5.
    assert_eq!(lines.pivot.0, 2022.5);
    assert_eq!(lines.x, (2020.0, 2028.0));
    let (lo, hi) = (lines.low.1.min(lines.high.1), lines.low.1.max(lines.high.1));
    assert!(
        (lo - t.forecast_low).abs() < 1e-9,
        "{lo} vs {}",
        t.forecast_low
    );
    assert!(
        (hi - t.forecast_high).abs() < 1e-9,
        "{hi} vs {}",
        t.forecast_high
    );
    assert!((lines.trend.1 - t.forecast).abs() < 1e-9);
    // The band passes through the median point.
    assert!((lines.low.0 + t.slope_low * (lines.pivot.0 - 2020.0) - lines.pivot.1).abs() < 1e-9);
}

#[test]
fn fewer_than_three_points_draw_the_plan_line_without_a_trend() {
    let c = course(
        goal(Direction::Up, (2022, 6.5), (2029, 7.0)),
        &[(2024, 6.6)],
        2026,
    );
    assert!(c.assessment.trend.is_none());
    let svg = goal_chart(&c, Size::Full).into_string();
    assert!(svg.contains("path class=\"plan\""));
    assert!(!svg.contains("class=\"trend\""), "{svg}");
    assert!(!svg.contains("class=\"band\""));
    assert!(svg.contains("te weinig cijfers voor een trend"));
}

#[test]
fn an_axis_that_does_not_start_at_zero_says_so() {
    let c = course(
        goal(Direction::Up, (2020, 6.5), (2028, 7.5)),
        &[(2021, 6.6), (2022, 6.7), (2023, 6.9)],
        2023,
    );
    let svg = goal_chart(&c, Size::Small).into_string();
    assert!(svg.contains("axis-break"), "{svg}");
    assert!(svg.contains("De verticale as begint bij 6"), "{svg}");

    let c = course(
        goal(Direction::Down, (2020, 12.0), (2028, 6.0)),
        &[(2021, 11.0), (2022, 10.0), (2023, 9.5)],
        2023,
    );
    let svg = goal_chart(&c, Size::Small).into_string();
    assert!(
        !svg.contains("axis-break"),
        "values near 0: the axis starts at 0: {svg}"
    );
    assert!(svg.contains(">0</text>"), "{svg}");
}

#[test]
fn the_axis_holds_a_wide_band() {
    // Noisy figures: a wide band that reaches far past the figures.
    let c = course(
        goal(Direction::Up, (2020, 50.0), (2030, 60.0)),
        &[(2021, 40.0), (2022, 65.0), (2023, 45.0), (2024, 62.0)],
        2024,
    );
    let values = drawn_values(&c);
    let ys_axis = axis(&values);
    let (lo, hi) = (ys_axis[0], ys_axis[ys_axis.len() - 1]);
    for v in values {
        assert!(v >= lo && v <= hi, "{v} outside {lo}..{hi}");
    }
}
