use std::sync::Arc;

use wikken_core::goals::Direction;
use wikken_data::AreaLevel;
use wikken_data::geo::MultiPolygon;
use wikken_storage::{AreaRow, AreaValue};

use super::*;
use crate::agreements::testing::{course, goal};

fn square(x: f64) -> MultiPolygon {
    vec![vec![vec![
        [x, 52.0],
        [x + 0.01, 52.0],
        [x + 0.01, 52.01],
        [x, 52.01],
        [x, 52.0],
    ]]]
}

fn buurt(code: &str, name: &str) -> AreaRow {
    AreaRow {
        code: code.into(),
        level: AreaLevel::Buurt,
        name: name.into(),
        parent_code: Some(format!("WK{}", &code[2..8])),
    }
}

/// Three buurten: two in wijk 01, one in wijk 02.
fn data(values: Vec<AreaValue>) -> Data {
    let buurten = vec![
        buurt("BU99990101", "Vogelbuurt"),
        buurt("BU99990102", "Bloemenbuurt"),
        buurt("BU99990201", "Havenkwartier"),
    ];
    let shapes = buurten
        .iter()
        .enumerate()
        .map(|(i, b)| (b.code.clone(), square(5.0 + i as f64 * 0.01)))
        .collect();
    Data {
        benchmarks: Vec::new(),
        buurten,
        shapes: Arc::new(shapes),
        wijken: Arc::default(),
        values: Arc::new(values),
    }
}

/// A goal on `area`, far behind (figures going the wrong way) or on course.
fn course_on(id: &str, area: &str, far_behind: bool) -> GoalCourse {
    let mut g = goal(Direction::Down, (2020, 10.0), (2028, 6.0));
    g.id = id.into();
    g.title = format!("Doel {id}");
    g.area.code = area.into();
    let figures: Vec<(i32, f64)> = if far_behind {
        vec![(2021, 10.2), (2022, 10.4), (2023, 10.6)]
    } else {
        vec![(2021, 9.4), (2022, 8.9), (2023, 8.4)]
    };
    course(g, &figures, 2023)
}

/// The fill of the map area with this code.
fn fill_of(svg: &str, code: &str) -> String {
    let at = svg.find(&format!("data-code=\"{code}\"")).expect(code);
    let rest = &svg[at..];
    let f = rest.find("fill=\"").unwrap() + 6;
    rest[f..f + rest[f..].find('"').unwrap()].to_string()
}

#[test]
fn goals_of_a_wijk_are_those_on_it_or_on_its_buurten() {
    assert!(in_wijk("WK999901", "WK999901"));
    assert!(in_wijk("BU99990102", "WK999901"));
    assert!(!in_wijk("BU99990201", "WK999901"));
    assert!(
        !in_wijk("GM9999", "WK999901"),
        "a gemeente goal is not a wijk's"
    );
    assert!(!in_wijk("WK999902", "WK999901"));
}

#[test]
fn a_buurt_takes_the_worst_light_of_the_goals_on_it_and_gemeente_goals_colour_none() {
    let courses = vec![
        course_on("d1", "BU99990101", false),
        course_on("d2", "WK999901", true),
        course_on("d3", "GM9999", true),
    ];
    assert_eq!(courses[0].assessment.status, GoalStatus::OpKoers);
    assert_eq!(courses[1].assessment.status, GoalStatus::VerAchter);
    let svg = lights_map("/p/x", &data(Vec::new()), &courses, None).into_string();
    // Vogelbuurt has d1 (on course) and wijk goal d2 (far behind): red.
    assert_eq!(
        fill_of(&svg, "BU99990101"),
        light_fill(GoalStatus::VerAchter)
    );
    assert_eq!(
        fill_of(&svg, "BU99990102"),
        light_fill(GoalStatus::VerAchter)
    );
    // Havenkwartier: only the gemeente goal, which colours no buurt.
    assert_eq!(fill_of(&svg, "BU99990201"), NO_GOAL);
    assert!(
        svg.contains("aria-label=\"Vogelbuurt: 2 doelen: 1 ver achter, 1 op koers\""),
        "{svg}"
    );
    assert!(svg.contains("<a href=\"?doel=d2#kaart\" data-code=\"BU99990101\""));
    assert!(svg.contains("Doelen voor de hele gemeente"));
}

#[test]
fn a_chosen_goal_colours_only_its_buurten_by_their_latest_value() {
    let v = |area: &str, value: f64| AreaValue {
        area: area.into(),
        indicator: "x".into(),
        year: 2024,
        value,
    };
    let d = data(vec![v("BU99990101", 4.0), v("BU99990201", 9.0)]);
    let c = course_on("d2", "WK999901", true);
    let svg = goal_map("/p/x", &d, &c, None).into_string();
    assert_eq!(fill_of(&svg, "BU99990201"), NO_GOAL, "outside the wijk");
    assert_eq!(fill_of(&svg, "BU99990102"), MISSING, "no figure");
    assert_ne!(fill_of(&svg, "BU99990101"), NO_GOAL);
    assert_ne!(fill_of(&svg, "BU99990101"), MISSING);
    // The table lists the buurten behind the goal, not the others.
    assert!(svg.contains("<td><a href=\"/gebied/BU99990101\">Vogelbuurt</a></td><td class=\"num\">4,0 per 100 woningen</td>"), "{svg}");
    assert!(!svg.contains(">Havenkwartier</a>"));
}
