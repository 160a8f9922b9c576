//! Goals and their courses for the unit tests of the afspraken's views.

use wikken_core::agreement::{AreaScope, Goal, GoalArea, GoalIndicator, IndicatorSource, Theme};
use wikken_core::goals::{self, Direction, Point};

use super::GoalCourse;

/// A goal on hand-entered figures for a buurt.
pub fn goal(direction: Direction, baseline: (i32, f64), target: (i32, f64)) -> Goal {
    Goal {
        id: "d1".into(),
        theme: Theme::Leefbaarheid,
        title: "Minder overlast".into(),
        indicator: GoalIndicator {
            source: IndicatorSource::Manual,
            name: "Overlastmeldingen".into(),
            unit: "per 100 woningen".into(),
        },
        area: GoalArea {
            code: "BU99990101".into(),
            name: "Vogelbuurt".into(),
            scope: AreaScope::Gebied,
        },
        direction,
        baseline: Point {
            year: baseline.0,
            value: baseline.1,
        },
        target: Point {
            year: target.0,
            value: target.1,
        },
        interval_years: 1,
        motivated_by: None,
        contributions: Vec::new(),
        manual: Vec::new(),
        follow_ups: Vec::new(),
    }
}

/// The goal's course with these figures, as of `as_of`.
pub fn course(g: Goal, figures: &[(i32, f64)], as_of: i32) -> GoalCourse {
    let points: Vec<Point> = figures
        .iter()
        .map(|&(year, value)| Point { year, value })
        .collect();
    let mut g = g;
    g.manual = points;
    let series = wikken_core::agreement::series_goal(&g, &[]);
    let assessment = goals::assess_goal(&series, as_of);
    GoalCourse {
        goal: g,
        series,
        assessment,
        as_of,
    }
}
