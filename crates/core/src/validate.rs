//! The rules of the spec that a well-typed model must still obey: ranges,
//! ids, references, AHP reciprocity, budgets. Every problem is collected.
//!
//! Comparisons are written as `!(x >= 0.0)` on purpose: a NaN (possible in
//! a model built in code, never from JSON) then fails the rule too.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

use std::collections::{HashMap, HashSet};

use crate::input_error::{InputErrors, index, join};
use crate::limits::{self, Limit};
use crate::model::*;

/// Tolerance for AHP reciprocity and diagonal (spec: within 1e-6).
pub const AHP_TOLERANCE: f64 = 1e-6;
/// The largest amount (in euros, or any other figure) the engine accepts:
/// far beyond any budget, and small enough that no sum over 100 years and
/// many options can overflow.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// Saaty's RI is given for n ≤ 10.
pub const AHP_MAX_CRITERIA: usize = 10;

/// Checks every rule of the spec; empty when the model is valid.
pub fn validate(m: &Model) -> InputErrors {
    let mut pb = InputErrors::default();
    let v = &mut pb;
    if m.version != MODEL_VERSION {
        v.push("version", format!("must be 1, found {}", m.version));
    }
    if m.title.trim().is_empty() {
        v.push("title", "must not be empty");
    }
    range_i(v, "start_year", m.start_year, 1900, 2200);
    range_limit(v, "horizon_years", m.horizon_years, limits::HORIZON_YEARS);
    range_f(v, "discount_rate", m.discount_rate, 0.0, 0.2);
    for (i, r) in m.sensitivity_rates.iter().enumerate() {
        let path = index("sensitivity_rates", i);
        range_f(v, &path, *r, 0.0, 0.2);
        if m.sensitivity_rates[..i].contains(r) {
            v.push(path, format!("rate {r} appears twice"));
        }
    }

    let actors = unique_ids(v, "actors", m.actors.iter().map(|a| a.id.as_str()));
    if m.actors.is_empty() {
        v.push("actors", "at least one actor is needed");
    }
    let criteria = unique_ids(v, "criteria", m.criteria.iter().map(|c| c.id.as_str()));
    for (i, c) in m.criteria.iter().enumerate() {
        if !(c.weight >= 0.0 && c.weight <= MAX_MAGNITUDE) {
            v.push(
                join(&index("criteria", i), "weight"),
                "must be from 0 to 1e15",
            );
        }
    }
    let options = unique_ids(v, "options", m.options.iter().map(|o| o.id.as_str()));
    if m.options.is_empty() {
        v.push("options", "at least one option is needed");
    }
    let needs_value = m
        .portfolio
        .as_ref()
        .is_some_and(|p| p.objective == Objective::Value);
    for (i, o) in m.options.iter().enumerate() {
        option(
            v,
            m,
            &index("options", i),
            o,
            &actors,
            &criteria,
            needs_value,
        );
    }

    mca(v, m, &criteria);
    for (i, set) in m.weight_sets.iter().enumerate() {
        let path = index("weight_sets", i);
        if set.stakeholder.trim().is_empty() {
            v.push(join(&path, "stakeholder"), "must not be empty");
        }
        weights(v, &join(&path, "weights"), &set.weights, m);
    }

    range_limit(
        v,
        "uncertainty.iterations",
        m.uncertainty.iterations,
        limits::ITERATIONS,
    );
    sizes(v, m);
    if let Some(p) = &m.portfolio {
        portfolio(v, m, p, &actors, &options);
    }
    pb
}

/// The limits of [`crate::limits`] on the counts, the simulation and the
/// lengths of names and texts; every problem in Dutch, with its path.
fn sizes(v: &mut InputErrors, m: &Model) {
    count(v, "options", limits::OPTIONS, m.options.len());
    count(v, "actors", limits::ACTORS, m.actors.len());
    count(v, "criteria", limits::CRITERIA, m.criteria.len());
    count(v, "weight_sets", limits::WEIGHT_SETS, m.weight_sets.len());
    if m.uncertainty.iterations >= 1
        && let Err(e) = limits::check_simulation(m.uncertainty.iterations as u64, m.options.len())
    {
        v.push("uncertainty.iterations", e.to_string());
    }
    text(v, limits::LINE_CHARS, &m.title, || "title".into());
    let name = |i: usize, list: &str| join(&index(list, i), "name");
    for (i, a) in m.actors.iter().enumerate() {
        text(v, limits::NAME_CHARS, &a.name, || name(i, "actors"));
    }
    for (i, c) in m.criteria.iter().enumerate() {
        text(v, limits::NAME_CHARS, &c.name, || name(i, "criteria"));
    }
    for (i, s) in m.weight_sets.iter().enumerate() {
        text(v, limits::NAME_CHARS, &s.stakeholder, || {
            join(&index("weight_sets", i), "stakeholder")
        });
    }
    for (i, o) in m.options.iter().enumerate() {
        let list = |field: &str| join(&index("options", i), field);
        text(v, limits::NAME_CHARS, &o.name, || list("name"));
        count(v, &list("flows"), limits::FLOWS_PER_OPTION, o.flows.len());
        count(v, &list("pm"), limits::PM_PER_OPTION, o.pm.len());
        for (j, f) in o.flows.iter().enumerate() {
            text(v, limits::NAME_CHARS, &f.label, || {
                join(&index(&list("flows"), j), "label")
            });
        }
        for (j, p) in o.pm.iter().enumerate() {
            let at = || index(&list("pm"), j);
            text(v, limits::NAME_CHARS, &p.label, || join(&at(), "label"));
            if let Some(note) = &p.note {
                text(v, limits::TEXT_CHARS, note, || join(&at(), "note"));
            }
        }
    }
}

/// A count within a limit.
fn count(v: &mut InputErrors, path: &str, limit: Limit, n: usize) {
    if let Err(e) = limit.check(n) {
        v.push(path, e.to_string());
    }
}

/// A number from `1` up to a limit: below 1 as [`range_i`], above the
/// limit in Dutch.
fn range_limit(v: &mut InputErrors, path: &str, x: i64, limit: Limit) {
    if x < 1 {
        range_i(v, path, x, 1, limit.max as i64);
    } else {
        count(v, path, limit, usize::try_from(x).unwrap_or(usize::MAX));
    }
}

/// A text within a limit of characters; the path is only built for a
/// problem.
fn text(v: &mut InputErrors, limit: Limit, s: &str, path: impl FnOnce() -> String) {
    if let Err(e) = limit.check_text(s) {
        v.push(path(), e.to_string());
    }
}

fn range_i(v: &mut InputErrors, path: &str, x: i64, lo: i64, hi: i64) {
    if x < lo || x > hi {
        v.push(path, format!("must be from {lo} to {hi}, found {x}"));
    }
}

/// A figure within ±1e15 (and not NaN). The path is only built for a
/// problem: valid models are checked on every evaluation.
fn bounded(v: &mut InputErrors, x: f64, path: impl FnOnce() -> String) {
    if !(x.abs() <= MAX_MAGNITUDE) {
        v.push(path(), format!("must lie within ±1e15, found {x:e}"));
    }
}

fn range_f(v: &mut InputErrors, path: &str, x: f64, lo: f64, hi: f64) {
    if !(x >= lo && x <= hi) {
        v.push(path, format!("must be from {lo} to {hi}, found {x}"));
    }
}

/// Whether `id` is 1..64 characters of a-z 0-9 _ -.
pub fn is_valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Checks the ids of a list (syntax, uniqueness) and returns the set of them.
fn unique_ids<'a>(
    v: &mut InputErrors,
    list: &str,
    ids: impl Iterator<Item = &'a str>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        let path = join(&index(list, i), "id");
        if !is_valid_id(id) {
            v.push(
                &path,
                format!("\"{id}\" is not a valid id (1 to 64 characters of a-z, 0-9, _ and -)"),
            );
        } else if !seen.insert(id) {
            v.push(&path, format!("duplicate id \"{id}\""));
        }
    }
    seen
}

fn option(
    v: &mut InputErrors,
    m: &Model,
    path: &str,
    o: &OptionSpec,
    actors: &HashSet<&str>,
    criteria: &HashSet<&str>,
    needs_value: bool,
) {
    for (j, f) in o.flows.iter().enumerate() {
        flow(v, &index(&join(path, "flows"), j), f, actors);
    }
    for c in &m.criteria {
        if !c.id.is_empty() && !o.scores.contains_key(&c.id) {
            v.push(
                join(path, "scores"),
                format!("missing score for criterion \"{}\"", c.id),
            );
        }
    }
    for key in o.scores.keys() {
        if !criteria.contains(key.as_str()) {
            v.push(
                join(&join(path, "scores"), key),
                format!("unknown criterion \"{key}\""),
            );
        }
    }
    for (j, item) in o.pm.iter().enumerate() {
        let p = index(&join(path, "pm"), j);
        if item.label.trim().is_empty() {
            v.push(join(&p, "label"), "must not be empty");
        }
        if let Some(a) = &item.actor
            && !actors.contains(a.as_str())
        {
            v.push(join(&p, "actor"), format!("unknown actor \"{a}\""));
        }
    }
    for (key, x) in &o.scores {
        bounded(v, *x, || join(&join(path, "scores"), key));
    }
    if let Some(x) = o.value {
        bounded(v, x, || join(path, "value"));
    }
    if needs_value && o.value.is_none() {
        v.push(
            join(path, "value"),
            "missing: the portfolio objective is \"value\", so every option needs one",
        );
    }
}

fn flow(v: &mut InputErrors, path: &str, f: &Flow, actors: &HashSet<&str>) {
    if !actors.contains(f.actor.as_str()) {
        v.push(
            join(path, "actor"),
            format!("unknown actor \"{}\"", f.actor),
        );
    }
    if !(f.amount >= 0.0) {
        v.push(
            join(path, "amount"),
            format!(
                "must be 0 or more, found {} (a saving is a benefit)",
                f.amount
            ),
        );
    } else {
        bounded(v, f.amount, || join(path, "amount"));
    }
    if f.from_year < 0 {
        v.push(join(path, "from_year"), "must be 0 or more");
    }
    if let Some(to) = f.to_year
        && to < f.from_year
    {
        v.push(
            join(path, "to_year"),
            format!("must be at least from_year ({}), found {to}", f.from_year),
        );
    }
    range_f(v, &join(path, "growth"), f.growth, -0.5, 0.5);
    if let Some(a) = &f.adjust {
        let p = join(path, "adjust");
        if f.kind == FlowKind::Cost {
            v.push(
                &p,
                "only benefits can be adjusted (deadweight, attribution, ...)",
            );
        }
        for (name, x) in [
            ("deadweight", a.deadweight),
            ("attribution", a.attribution),
            ("displacement", a.displacement),
            ("drop_off", a.drop_off),
        ] {
            range_f(v, &join(&p, name), x, 0.0, 1.0);
        }
    }
    if let Some(d) = &f.uncertainty {
        distribution(v, &join(path, "uncertainty"), d, f.amount);
    }
}

fn distribution(v: &mut InputErrors, path: &str, d: &Distribution, amount: f64) {
    match *d {
        Distribution::Triangular { low, high }
        | Distribution::Uniform { low, high }
        | Distribution::Pert { low, high } => {
            bounded(v, low, || join(path, "low"));
            bounded(v, high, || join(path, "high"));
            if !(low <= amount) {
                v.push(
                    join(path, "low"),
                    format!("must be at most amount ({amount}), found {low}"),
                );
            }
            if !(high >= amount) {
                v.push(
                    join(path, "high"),
                    format!("must be at least amount ({amount}), found {high}"),
                );
            }
            if matches!(d, Distribution::Pert { .. }) && !(low < high) {
                v.push(
                    join(path, "high"),
                    "must be above low for a PERT distribution (use triangular for a constant)",
                );
            }
        }
        Distribution::Normal { sd } => {
            if !(sd >= 0.0) {
                v.push(join(path, "sd"), format!("must be 0 or more, found {sd}"));
            } else {
                bounded(v, sd, || join(path, "sd"));
            }
        }
    }
}

fn mca(v: &mut InputErrors, m: &Model, criteria: &HashSet<&str>) {
    for (id, pref) in &m.mca.preference {
        let p = join("mca.preference", id);
        if !criteria.contains(id.as_str()) {
            v.push(&p, format!("unknown criterion \"{id}\""));
        }
        if let Preference::Linear { q, p: pp } = *pref
            && !(q >= 0.0 && q < pp && pp <= MAX_MAGNITUDE)
        {
            v.push(&p, format!("needs 0 ≤ q < p, found q = {q}, p = {pp}"));
        }
    }
    match &m.mca.ahp {
        Some(ahp) => ahp_matrix(v, m, ahp),
        None => {
            let sum: f64 = m.criteria.iter().map(|c| c.weight).sum();
            if !m.criteria.is_empty() && !(sum > 0.0) {
                v.push(
                    "criteria",
                    "all weights are 0: give at least one criterion a weight",
                );
            }
        }
    }
}

fn ahp_matrix(v: &mut InputErrors, m: &Model, ahp: &Ahp) {
    let n = ahp.criteria.len();
    let mut seen = HashSet::new();
    for (i, id) in ahp.criteria.iter().enumerate() {
        let p = index("mca.ahp.criteria", i);
        if !m.criteria.iter().any(|c| &c.id == id) {
            v.push(p, format!("unknown criterion \"{id}\""));
        } else if !seen.insert(id.as_str()) {
            v.push(p, format!("criterion \"{id}\" appears twice"));
        }
    }
    for c in &m.criteria {
        if !c.id.is_empty() && !ahp.criteria.contains(&c.id) {
            v.push(
                "mca.ahp.criteria",
                format!(
                    "missing criterion \"{}\" (the matrix covers all criteria)",
                    c.id
                ),
            );
        }
    }
    if n == 0 {
        v.push("mca.ahp.criteria", "needs at least one criterion");
    }
    if n > AHP_MAX_CRITERIA {
        v.push(
            "mca.ahp.criteria",
            format!(
                "at most {AHP_MAX_CRITERIA} criteria (Saaty's RI is given up to 10), found {n}"
            ),
        );
    }
    if ahp.matrix.len() != n {
        v.push(
            "mca.ahp.matrix",
            format!(
                "must have {n} rows, one per criterion, found {}",
                ahp.matrix.len()
            ),
        );
        return;
    }
    let mut square = true;
    for (i, row) in ahp.matrix.iter().enumerate() {
        if row.len() != n {
            v.push(
                index("mca.ahp.matrix", i),
                format!("must have {n} entries, found {}", row.len()),
            );
            square = false;
        }
    }
    if !square {
        return;
    }
    let at = |i: usize, j: usize| format!("mca.ahp.matrix[{i}][{j}]");
    for i in 0..n {
        for j in 0..n {
            let x = ahp.matrix[i][j];
            if !(x > 0.0) {
                v.push(at(i, j), format!("must be positive, found {x}"));
            } else if i == j && (x - 1.0).abs() > AHP_TOLERANCE {
                v.push(at(i, j), format!("the diagonal must be 1, found {x}"));
            } else if i > j
                && ahp.matrix[j][i] > 0.0
                && (x * ahp.matrix[j][i] - 1.0).abs() > AHP_TOLERANCE
            {
                v.push(at(i, j), format!("not the reciprocal of matrix[{j}][{i}]"));
            }
        }
    }
}

/// A weight set must weigh every criterion, with weights ≥ 0 and a positive sum.
fn weights(v: &mut InputErrors, path: &str, w: &indexmap::IndexMap<String, f64>, m: &Model) {
    for c in &m.criteria {
        if !c.id.is_empty() && !w.contains_key(&c.id) {
            v.push(path, format!("missing weight for criterion \"{}\"", c.id));
        }
    }
    for (id, x) in w {
        if !m.criteria.iter().any(|c| &c.id == id) {
            v.push(join(path, id), format!("unknown criterion \"{id}\""));
        } else if !(*x >= 0.0 && *x <= MAX_MAGNITUDE) {
            v.push(join(path, id), format!("must be from 0 to 1e15, found {x}"));
        }
    }
    let sum: f64 = w.values().filter(|x| **x >= 0.0).sum();
    if !(sum > 0.0) {
        v.push(path, "the weights must have a positive sum");
    }
}

fn portfolio(
    v: &mut InputErrors,
    m: &Model,
    p: &Portfolio,
    actors: &HashSet<&str>,
    options: &HashSet<&str>,
) {
    let last_year = m.horizon_years - 1;
    for (i, b) in p.budgets.iter().enumerate() {
        let path = index("portfolio.budgets", i);
        if !actors.contains(b.actor.as_str()) {
            v.push(
                join(&path, "actor"),
                format!("unknown actor \"{}\"", b.actor),
            );
        }
        if b.from_year < 0 || b.from_year > last_year {
            v.push(
                join(&path, "from_year"),
                format!(
                    "must lie within the horizon (0 to {last_year}), found {}",
                    b.from_year
                ),
            );
        }
        if b.to_year < b.from_year || b.to_year > last_year {
            v.push(
                join(&path, "to_year"),
                format!(
                    "must lie from from_year ({}) to the last year of the horizon ({last_year}), found {}",
                    b.from_year, b.to_year
                ),
            );
        }
        bounded(v, b.max, || join(&path, "max"));
        if !(b.max >= 0.0) {
            v.push(
                join(&path, "max"),
                format!(
                    "must be 0 or more, found {}: no selection, not even choosing nothing, fits this budget",
                    b.max
                ),
            );
        }
    }
    let known = |v: &mut InputErrors, path: String, id: &str| {
        if !options.contains(id) {
            v.push(path, format!("unknown option \"{id}\""));
        }
    };
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    unique_ids(
        v,
        "portfolio.groups",
        p.groups.iter().map(|g| g.id.as_str()),
    );
    for (i, g) in p.groups.iter().enumerate() {
        let path = join(&index("portfolio.groups", i), "options");
        if g.options.is_empty() {
            v.push(&path, "a group needs at least one option");
        }
        for (j, id) in g.options.iter().enumerate() {
            let at = index(&path, j);
            known(v, at.clone(), id);
            if let Some(&other) = group_of.get(id.as_str()) {
                let msg = if other == i {
                    format!("option \"{id}\" appears twice in this group")
                } else {
                    format!(
                        "option \"{id}\" is already in group \"{}\" (an option is in at most one group)",
                        p.groups[other].id
                    )
                };
                v.push(at, msg);
            } else {
                group_of.insert(id, i);
            }
        }
    }
    for (name, pairs) in [("requires", &p.requires), ("excludes", &p.excludes)] {
        for (i, pair) in pairs.iter().enumerate() {
            let path = index(&join("portfolio", name), i);
            known(v, index(&path, 0), &pair[0]);
            known(v, index(&path, 1), &pair[1]);
            if pair[0] == pair[1] && !pair[0].is_empty() {
                v.push(&path, "the two options must differ");
            }
        }
    }
    for (i, s) in p.synergies.iter().enumerate() {
        let path = join(&index("portfolio.synergies", i), "options");
        let mut seen = HashSet::new();
        for (j, id) in s.options.iter().enumerate() {
            known(v, index(&path, j), id);
            if !seen.insert(id.as_str()) {
                v.push(index(&path, j), format!("option \"{id}\" appears twice"));
            }
        }
        bounded(v, s.bonus, || {
            join(&index("portfolio.synergies", i), "bonus")
        });
        if s.options.len() < 2 {
            v.push(&path, "a synergy needs at least two options");
        }
    }
}
