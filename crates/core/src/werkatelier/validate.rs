//! The rules of part 1 of `groups-and-goals-v1.md` that well-typed answers
//! must still obey, every problem with its JSON path. Used by the reader and
//! for answers built in code (the web app builds them from its database).
//!
//! Comparisons are written as `!(x > 0.0)` on purpose: a NaN then fails
//! the rule too.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

use std::collections::HashSet;

use crate::engine::ahp::RANDOM_INDEX;
use crate::input_error::{InputErrors, index, join};

use super::input::{Answer, Answers};

/// Relative tolerance for the AHP diagonal, reciprocity and the ends of
/// Saaty's scale (spec: within a relative 1e-6).
pub const AHP_TOLERANCE: f64 = 1e-6;

/// The largest value on Saaty's scale; the smallest is its reciprocal.
pub const SAATY_MAX: f64 = 9.0;

/// Checks every rule; `Ok` when the answers are valid.
pub fn validate(a: &Answers) -> Result<(), InputErrors> {
    problems(a).into_result(())
}

/// Every rule broken, in the order of the file.
pub fn problems(a: &Answers) -> InputErrors {
    let mut pb = InputErrors::default();
    let v = &mut pb;
    if a.criteria.len() < 2 {
        v.push(
            "criteria",
            format!("at least 2 criteria are needed, found {}", a.criteria.len()),
        );
    }
    distinct(v, "criteria", a.criteria.iter().map(String::as_str), "");
    if a.roles.is_empty() {
        v.push("roles", "at least one role is needed");
    }
    distinct(v, "roles", a.roles.iter().map(|r| r.id.as_str()), "id");
    for (i, r) in a.roles.iter().enumerate() {
        if !(r.weight > 0.0 && r.weight.is_finite()) {
            v.push(
                join(&index("roles", i), "weight"),
                format!("must be more than 0, found {}", r.weight),
            );
        }
    }
    if a.min_role_size < 1 {
        v.push("min_role_size", "must be 1 or more, found 0");
    }
    distinct(
        v,
        "answers",
        a.answers.iter().map(|x| x.participant.as_str()),
        "participant",
    );
    let first_scores = a.answers.iter().position(|x| x.option_scores.is_some());
    for (i, x) in a.answers.iter().enumerate() {
        let path = index("answers", i);
        if a.role_index(&x.role).is_none() {
            v.push(join(&path, "role"), format!("unknown role \"{}\"", x.role));
        }
        points(v, &path, a, x);
        ahp(v, &path, a, x);
        if let Some(f) = first_scores {
            option_scores(v, &path, a, x, f);
        }
    }
    pb
}

/// Reports each id that appears before, at `list[i]` or `list[i].field`.
fn distinct<'a>(v: &mut InputErrors, list: &str, ids: impl Iterator<Item = &'a str>, field: &str) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            let path = if field.is_empty() {
                index(list, i)
            } else {
                join(&index(list, i), field)
            };
            v.push(path, format!("duplicate id \"{id}\""));
        }
    }
}

fn points(v: &mut InputErrors, path: &str, a: &Answers, x: &Answer) {
    let Some(points) = &x.points else { return };
    let path = join(path, "points");
    for c in &a.criteria {
        if !points.contains_key(c) {
            v.push(&path, format!("missing points for criterion \"{c}\""));
        }
    }
    for key in points.keys() {
        if !a.criteria.contains(key) {
            v.push(join(&path, key), format!("unknown criterion \"{key}\""));
        }
    }
    let sum: u64 = points.values().map(|p| u64::from(*p)).sum();
    if sum != 100 {
        v.push(&path, format!("the points must sum to 100, found {sum}"));
    }
}

fn ahp(v: &mut InputErrors, path: &str, a: &Answers, x: &Answer) {
    let Some(m) = &x.ahp else { return };
    let path = join(path, "ahp");
    let n = a.criteria.len();
    if n > RANDOM_INDEX.len() {
        v.push(
            &path,
            format!(
                "AHP takes at most {} criteria (Saaty's RI is given up to 10), found {n}",
                RANDOM_INDEX.len()
            ),
        );
        return;
    }
    if m.len() != n {
        v.push(
            &path,
            format!("must have {n} rows, one per criterion, found {}", m.len()),
        );
        return;
    }
    let mut square = true;
    for (i, row) in m.iter().enumerate() {
        if row.len() != n {
            v.push(
                index(&path, i),
                format!("must have {n} entries, found {}", row.len()),
            );
            square = false;
        }
    }
    if !square {
        return;
    }
    let (low, high) = (
        (1.0 / SAATY_MAX) * (1.0 - AHP_TOLERANCE),
        SAATY_MAX * (1.0 + AHP_TOLERANCE),
    );
    for (i, row) in m.iter().enumerate() {
        for (j, &y) in row.iter().enumerate() {
            let at = format!("{path}[{i}][{j}]");
            if !(y >= low && y <= high) {
                v.push(at, format!("not on Saaty's scale (1/9 to 9), found {y}"));
            } else if i == j && !((y - 1.0).abs() <= AHP_TOLERANCE) {
                v.push(at, format!("the diagonal must be 1, found {y}"));
            } else if i > j && in_scale(m[j][i], low, high) && !reciprocal(y, m[j][i]) {
                v.push(at, format!("not the reciprocal of ahp[{j}][{i}]"));
            }
        }
    }
}

fn in_scale(y: f64, low: f64, high: f64) -> bool {
    y >= low && y <= high
}

/// Whether `x` is `1/y` within a relative [`AHP_TOLERANCE`].
fn reciprocal(x: f64, y: f64) -> bool {
    (x * y - 1.0).abs() <= AHP_TOLERANCE
}

/// Option scores: finite, and the same option ids as the first answer that
/// has them (`first`).
fn option_scores(v: &mut InputErrors, path: &str, a: &Answers, x: &Answer, first: usize) {
    let Some(scores) = &x.option_scores else {
        return;
    };
    let path = join(path, "option_scores");
    let reference = a.answers[first]
        .option_scores
        .as_ref()
        .expect("the first answer with option scores");
    for (id, s) in scores {
        if !s.is_finite() {
            v.push(
                join(&path, id),
                format!("must be a finite number, found {s}"),
            );
        }
        if !reference.contains_key(id) {
            v.push(
                join(&path, id),
                format!("unknown option \"{id}\" (answers[{first}] does not score it)"),
            );
        }
    }
    for id in reference.keys() {
        if !scores.contains_key(id) {
            v.push(
                &path,
                format!("missing option \"{id}\" (answers[{first}] scores it)"),
            );
        }
    }
}
