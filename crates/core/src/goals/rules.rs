//! The measurability rules of a goal (spec part 2) and the limits that keep
//! its maths finite and its work bounded. One set of rules, told two ways:
//! in English with a JSON path for the file reader (as part 1's reader),
//! and in Dutch with a form field for the web form ([`check_goal`]).
//!
//! Comparisons are written as `!(x > y)` on purpose: a NaN then fails the
//! rule too.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

use std::collections::HashMap;

use crate::format;
use crate::input_error::{InputErrors, index, join};

use super::input::{Direction, Goal, Point};

/// The first year a file may name (not in the spec: years are calendar
/// years, and the range keeps `next_due` and every difference of years
/// within `i32`).
pub const FIRST_YEAR: i32 = 1;
/// The last year a file may name.
pub const LAST_YEAR: i32 = 9999;
/// The most `interval_years` may be (not in the spec: keeps `next_due` a year).
pub const MAX_INTERVAL_YEARS: u32 = 100;
/// The largest size of a value (not in the spec, as the web form's bound:
/// keeps every slope and forecast finite).
pub const MAX_ABS_VALUE: f64 = 1e12;
/// The most observations of one goal (not in the spec: the trend compares
/// every pair of years, so this bounds its work at about 20.000 pairs).
pub const MAX_OBSERVATIONS: usize = 200;

/// The form field of the baseline year.
pub const FIELD_BASELINE_YEAR: &str = "doel.nulmeting.jaar";
/// The form field of the baseline value.
pub const FIELD_BASELINE_VALUE: &str = "doel.nulmeting.waarde";
/// The form field of the target year.
pub const FIELD_TARGET_YEAR: &str = "doel.streefwaarde.jaar";
/// The form field of the target value.
pub const FIELD_TARGET_VALUE: &str = "doel.streefwaarde.waarde";
/// The form field of the interval.
pub const FIELD_INTERVAL: &str = "doel.interval";
/// The form field of the observations (the message names which one).
pub const FIELD_OBSERVATIONS: &str = "doel.metingen";

/// A rule a goal breaks, for a web form: the field and a Dutch message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalProblem {
    /// The form field, one of the `FIELD_*` constants.
    pub field: &'static str,
    /// What is wrong and how to mend it, in Dutch.
    pub message: String,
}

/// Where in a goal a year or value is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Place {
    Baseline,
    Target,
    Observation(usize),
}

/// A broken rule with what is needed to tell it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Broken {
    YearOutOfRange {
        at: Place,
        year: i32,
    },
    NotFinite {
        at: Place,
        value: f64,
    },
    TooLarge {
        at: Place,
        value: f64,
    },
    TargetYearNotAfter {
        baseline: i32,
        target: i32,
    },
    TargetNotBetter {
        direction: Direction,
        baseline: f64,
        target: f64,
    },
    Interval {
        found: u32,
    },
    TooManyObservations {
        found: usize,
    },
    DuplicateYear {
        index: usize,
        first: usize,
        year: i32,
    },
}

/// The rules of one goal, in the order of its fields.
pub(crate) fn broken(goal: &Goal) -> Vec<Broken> {
    let mut out = Vec::new();
    point(&mut out, Place::Baseline, goal.baseline);
    point(&mut out, Place::Target, goal.target);
    if goal.target.year <= goal.baseline.year {
        out.push(Broken::TargetYearNotAfter {
            baseline: goal.baseline.year,
            target: goal.target.year,
        });
    }
    let (b, t) = (goal.baseline.value, goal.target.value);
    if b.is_finite() && t.is_finite() && !goal.direction.better(t, b) {
        out.push(Broken::TargetNotBetter {
            direction: goal.direction,
            baseline: b,
            target: t,
        });
    }
    if !(1..=MAX_INTERVAL_YEARS).contains(&goal.interval_years) {
        out.push(Broken::Interval {
            found: goal.interval_years,
        });
    }
    if goal.observations.len() > MAX_OBSERVATIONS {
        out.push(Broken::TooManyObservations {
            found: goal.observations.len(),
        });
        return out;
    }
    let mut seen: HashMap<i32, usize> = HashMap::new();
    for (i, p) in goal.observations.iter().enumerate() {
        point(&mut out, Place::Observation(i), *p);
        if let Some(&first) = seen.get(&p.year) {
            out.push(Broken::DuplicateYear {
                index: i,
                first,
                year: p.year,
            });
        } else {
            seen.insert(p.year, i);
        }
    }
    out
}

fn point(out: &mut Vec<Broken>, at: Place, p: Point) {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&p.year) {
        out.push(Broken::YearOutOfRange { at, year: p.year });
    }
    if !p.value.is_finite() {
        out.push(Broken::NotFinite { at, value: p.value });
    } else if !(p.value.abs() <= MAX_ABS_VALUE) {
        out.push(Broken::TooLarge { at, value: p.value });
    }
}

/// The measurability rules for one goal, for the web form: the target year
/// after the baseline year, the target strictly on the better side of the
/// baseline, an interval of 1 to [`MAX_INTERVAL_YEARS`] years, distinct
/// observation years, finite numbers (and the limits of this module).
/// Empty when the goal can be assessed.
pub fn check_goal(goal: &Goal) -> Vec<GoalProblem> {
    broken(goal).into_iter().map(|b| dutch(goal, &b)).collect()
}

/// The message when a year is out of range (also for the reader, for
/// numbers that do not even fit a year).
pub(crate) fn year_message(found: impl std::fmt::Display) -> String {
    format!("must be a year from {FIRST_YEAR} to {LAST_YEAR}, found {found}")
}

/// The message when `interval_years` is out of range.
pub(crate) fn interval_message(found: impl std::fmt::Display) -> String {
    format!("must be from 1 to {MAX_INTERVAL_YEARS}, found {found}")
}

/// Pushes each broken rule of `goal` (at JSON path `path`) in English.
pub(crate) fn report(problems: &mut InputErrors, path: &str, goal: &Goal) {
    for b in broken(goal) {
        let (at, message) = english(&b);
        problems.push(join(path, &at), message);
    }
}

fn place_path(at: Place) -> String {
    match at {
        Place::Baseline => "baseline".into(),
        Place::Target => "target".into(),
        Place::Observation(i) => index("observations", i),
    }
}

/// The path below the goal and the message.
fn english(b: &Broken) -> (String, String) {
    match *b {
        Broken::YearOutOfRange { at, year } => (join(&place_path(at), "year"), year_message(year)),
        Broken::NotFinite { at, value } => (
            join(&place_path(at), "value"),
            format!("must be a finite number, found {value}"),
        ),
        Broken::TooLarge { at, value } => (
            join(&place_path(at), "value"),
            format!("must lie from -1e12 to 1e12, found {value}"),
        ),
        Broken::TargetYearNotAfter { baseline, target } => (
            "target.year".into(),
            format!("must be after baseline.year ({baseline}), found {target}"),
        ),
        Broken::TargetNotBetter {
            direction,
            baseline,
            target,
        } => {
            let side = match direction {
                Direction::Up => "above",
                Direction::Down => "below",
            };
            (
                "target.value".into(),
                format!(
                    "must lie {side} the baseline value ({baseline}) for direction \"{}\", found {target}",
                    direction.name()
                ),
            )
        }
        Broken::Interval { found } => ("interval_years".into(), interval_message(found)),
        Broken::TooManyObservations { found } => (
            "observations".into(),
            format!("at most {MAX_OBSERVATIONS} observations, found {found}"),
        ),
        Broken::DuplicateYear {
            index: i,
            first,
            year,
        } => (
            join(&index("observations", i), "year"),
            format!("duplicate year {year} (also observations[{first}])"),
        ),
    }
}

/// A number as the Dutch read it, not rounded: 6.5 → "6,5".
fn dutch_plain(x: f64) -> String {
    format!("{x}").replace('.', ",")
}

/// `body` for the place: for an observation prefixed with "Meting 3
/// (2022): " and its first letter made small.
fn at_place(goal: &Goal, at: Place, body: &str) -> String {
    let Place::Observation(i) = at else {
        return body.to_string();
    };
    let which = match goal.observations.get(i) {
        Some(p) => format!("Meting {} ({})", i + 1, p.year),
        None => format!("Meting {}", i + 1),
    };
    let mut chars = body.chars();
    let small: String = match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    format!("{which}: {small}")
}

fn year_field(at: Place) -> &'static str {
    match at {
        Place::Baseline => FIELD_BASELINE_YEAR,
        Place::Target => FIELD_TARGET_YEAR,
        Place::Observation(_) => FIELD_OBSERVATIONS,
    }
}

fn value_field(at: Place) -> &'static str {
    match at {
        Place::Baseline => FIELD_BASELINE_VALUE,
        Place::Target => FIELD_TARGET_VALUE,
        Place::Observation(_) => FIELD_OBSERVATIONS,
    }
}

fn dutch(goal: &Goal, b: &Broken) -> GoalProblem {
    let (field, message) = match *b {
        Broken::YearOutOfRange { at, year } => (
            year_field(at),
            at_place(
                goal,
                at,
                &format!("Kies een jaar van {FIRST_YEAR} tot en met {LAST_YEAR}, niet {year}."),
            ),
        ),
        Broken::NotFinite { at, .. } => (value_field(at), at_place(goal, at, "Vul een getal in.")),
        Broken::TooLarge { at, .. } => (
            value_field(at),
            at_place(
                goal,
                at,
                &format!(
                    "Vul een getal in van -{m} tot en met {m}.",
                    m = format::number(MAX_ABS_VALUE, 0)
                ),
            ),
        ),
        Broken::TargetYearNotAfter { baseline, .. } => (
            FIELD_TARGET_YEAR,
            format!("Het streefjaar moet na het jaar van de nulmeting ({baseline}) liggen."),
        ),
        Broken::TargetNotBetter {
            direction,
            baseline,
            ..
        } => {
            let (better, side) = match direction {
                Direction::Up => ("hoger", "hoger dan"),
                Direction::Down => ("lager", "lager dan"),
            };
            (
                FIELD_TARGET_VALUE,
                format!(
                    "Bij \"{better} is beter\" moet de streefwaarde {side} de nulmeting ({}) zijn; anders is het doel niet meetbaar.",
                    dutch_plain(baseline)
                ),
            )
        }
        Broken::Interval { found } => (
            FIELD_INTERVAL,
            format!(
                "Een nieuw cijfer verschijnt elke 1 tot {MAX_INTERVAL_YEARS} jaar, niet elke {found}."
            ),
        ),
        Broken::TooManyObservations { found } => (
            FIELD_OBSERVATIONS,
            format!("Hoogstens {MAX_OBSERVATIONS} metingen per doel, niet {found}."),
        ),
        Broken::DuplicateYear { year, .. } => (
            FIELD_OBSERVATIONS,
            format!("Het jaar {year} komt meer dan eens voor bij de metingen; laat er één over."),
        ),
    };
    GoalProblem { field, message }
}
