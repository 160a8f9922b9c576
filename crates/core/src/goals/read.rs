//! Reads a goals file from JSON text, reporting every problem (syntax,
//! types, unknown fields and the rules of the spec) with its JSON path, as
//! part 1's reader does.
//!
//! The rules of a goal ([`super::rules`]) are checked only when everything
//! in that goal could be read: a value that cannot be read is reported
//! alone, not again as a broken rule.

use serde_json::Value;

use crate::input_error::InputErrors;
use crate::reader::fields::{Obj, array, integer, number, one_of, string, unsigned};
use crate::reader::{strict, syntax_message};

use super::input::{DEFAULT_INTERVAL_YEARS, Direction, Goal, GoalsFile, Point};
use super::rules::{self, FIRST_YEAR, LAST_YEAR, interval_message, year_message};

/// Parses and validates a goals file: either all of it, or every problem.
pub fn read(json: &str) -> Result<GoalsFile, InputErrors> {
    let value: Value = strict::parse(json).map_err(|e| {
        let mut p = InputErrors::default();
        p.push("", syntax_message(&e));
        p
    })?;
    file_from_value(&value)
}

/// Reads and validates a goals file from a parsed JSON value.
pub fn file_from_value(value: &Value) -> Result<GoalsFile, InputErrors> {
    let mut problems = InputErrors::default();
    let pb = &mut problems;
    if !value.is_object() {
        pb.push(
            "",
            "the file must hold one JSON object (goals and their indicator series)",
        );
        return Err(problems);
    }
    let Some(o) = Obj::open(pb, value, "", &["as_of", "goals"]) else {
        return Err(problems);
    };
    let as_of = o.maybe(pb, "as_of", as_of_year);
    let read: Vec<(String, Option<Goal>)> = match o.require(pb, "goals") {
        Some((v, path)) => array(pb, v, &path)
            .unwrap_or_default()
            .into_iter()
            .map(|(item, p)| {
                let goal = read_goal(pb, item, &p);
                (p, goal)
            })
            .collect(),
        None => Vec::new(),
    };
    o.finish(pb);
    for (path, goal) in &read {
        if let Some(goal) = goal {
            rules::report(&mut problems, path, goal);
        }
    }
    let goals = read.into_iter().filter_map(|(_, g)| g).collect();
    problems.into_result(GoalsFile { as_of, goals })
}

const GOAL_FIELDS: &[&str] = &[
    "id",
    "direction",
    "baseline",
    "target",
    "interval_years",
    "observations",
];

const DIRECTIONS: &[(&str, Direction)] = &[("up", Direction::Up), ("down", Direction::Down)];

/// A goal, `None` when any part of it could not be read.
fn read_goal(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Goal> {
    let o = Obj::open(pb, v, path, GOAL_FIELDS)?;
    let id = o.req(pb, "id", string);
    let direction = o.req(pb, "direction", |pb, v, p| one_of(pb, v, p, DIRECTIONS));
    let baseline = o.req(pb, "baseline", read_point);
    let target = o.req(pb, "target", read_point);
    let interval_years = match o.get("interval_years") {
        None => Some(DEFAULT_INTERVAL_YEARS),
        Some((v, p)) => interval(pb, v, &p),
    };
    let observations = o.req(pb, "observations", read_points);
    o.finish(pb);
    Some(Goal {
        id: id?,
        direction: direction?,
        baseline: baseline?,
        target: target?,
        interval_years: interval_years?,
        observations: observations?,
    })
}

/// `{ "year": …, "value": … }`.
fn read_point(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Point> {
    let o = Obj::open(pb, v, path, &["year", "value"])?;
    let year = o.req(pb, "year", year);
    let value = o.req(pb, "value", number);
    o.finish(pb);
    Some(Point {
        year: year?,
        value: value?,
    })
}

/// An array of points; `None` when any of them could not be read.
fn read_points(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Vec<Point>> {
    let items = array(pb, v, path)?;
    let read: Vec<Option<Point>> = items
        .into_iter()
        .map(|(item, p)| read_point(pb, item, &p))
        .collect();
    read.into_iter().collect()
}

/// A whole number that fits a year; the range itself is a rule of the goal.
fn year(pb: &mut InputErrors, v: &Value, path: &str) -> Option<i32> {
    let whole = integer(pb, v, path)?;
    match i32::try_from(whole) {
        Ok(y) => Some(y),
        Err(_) => {
            pb.push(path, year_message(whole));
            None
        }
    }
}

/// `as_of`: a year in the range of the goals' years.
fn as_of_year(pb: &mut InputErrors, v: &Value, path: &str) -> Option<i32> {
    let y = year(pb, v, path)?;
    if (FIRST_YEAR..=LAST_YEAR).contains(&y) {
        Some(y)
    } else {
        pb.push(path, year_message(y));
        None
    }
}

/// `interval_years`: a whole number that fits a `u32`; the range itself is
/// a rule of the goal.
fn interval(pb: &mut InputErrors, v: &Value, path: &str) -> Option<u32> {
    let u = unsigned(pb, v, path)?;
    match u32::try_from(u) {
        Ok(n) => Some(n),
        Err(_) => {
            pb.push(path, interval_message(u));
            None
        }
    }
}
