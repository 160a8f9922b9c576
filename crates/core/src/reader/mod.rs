//! Reads an afwegingsmodel from JSON text, reporting every problem (syntax,
//! types, unknown fields and the rules of the spec) with its JSON path.

pub(crate) mod fields;
mod placeholder;
pub(crate) mod strict;

use indexmap::IndexMap;
use serde_json::Value;

use crate::input_error::InputErrors;
use crate::model::*;
use crate::validate;
use fields::{Obj, array, integer, number, numbers, one_of, string, strings, unsigned};
use placeholder::Placeholder;

/// Parses and validates a model file. Either the whole model, or every problem.
pub fn parse_model(text: &str) -> Result<Model, InputErrors> {
    let value: Value = strict::parse(text).map_err(|e| {
        let mut p = InputErrors::default();
        p.push("", syntax_message(&e));
        p
    })?;
    model_from_value(&value)
}

/// `line L, column C: message` for a JSON syntax error.
pub(crate) fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let bare = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    format!("line {}, column {}: {bare}", e.line(), e.column())
}

/// Marks an element replaced by a placeholder: not a problem of its own
/// (its problems are already recorded), but nothing below it is reported.
/// Taken out of the list before it is returned.
const PLACEHOLDER: &str = "\u{0}placeholder";

/// Reads and validates a model from a parsed JSON value.
pub fn model_from_value(value: &Value) -> Result<Model, InputErrors> {
    let mut problems = InputErrors::default();
    let model = read_model(&mut problems, value);
    match model {
        Some(model) => {
            let mut structural = std::mem::take(&mut problems.0);
            let semantic = validate::validate(&model);
            // A value that could not be read was replaced by a placeholder;
            // do not report what follows from the placeholder.
            let kept: Vec<_> = semantic
                .0
                .into_iter()
                .filter(|p| !structural.iter().any(|r| follows_from(&r.path, p)))
                .collect();
            structural.retain(|p| p.message != PLACEHOLDER);
            problems.0 = structural;
            problems.0.extend(kept);
            problems.into_result(model)
        }
        None => {
            problems.0.retain(|p| p.message != PLACEHOLDER);
            Err(problems)
        }
    }
}

/// Whether semantic problem `p` may be a consequence of the unreadable value
/// at `read`: it lies at or below it, or it checks a sibling that depends on
/// it (a distribution against `amount`, `to_year` against `from_year`,
/// `adjust` against `kind`), or it is a reference into a list that could
/// not be read.
fn follows_from(read: &str, p: &crate::input_error::InputError) -> bool {
    if covers(read, &p.path) {
        return true;
    }
    let (owner, field) = match read.rfind('.') {
        Some(i) => (&read[..i], &read[i + 1..]),
        None => ("", read),
    };
    let dependants: &[&str] = match field {
        "amount" => &["uncertainty"],
        "from_year" => &["to_year"],
        "kind" => &["adjust"],
        _ => &[],
    };
    if dependants
        .iter()
        .any(|d| covers(&crate::input_error::join(owner, d), &p.path))
    {
        return true;
    }
    if read == "horizon_years" && covers("portfolio.budgets", &p.path) {
        return true;
    }
    if covers("mca.ahp", read) && p.path == "criteria" {
        return true;
    }
    let reference = match read {
        "actors" => "unknown actor",
        "criteria" => "unknown criterion",
        "options" => "unknown option",
        _ => return false,
    };
    p.message.starts_with(reference)
}

/// Whether `path` lies at or below `prefix`.
pub(crate) fn covers(prefix: &str, path: &str) -> bool {
    path == prefix
        || (path.starts_with(prefix) && matches!(path.as_bytes()[prefix.len()], b'.' | b'['))
}

const MODEL_FIELDS: &[&str] = &[
    "version",
    "title",
    "start_year",
    "horizon_years",
    "discount_rate",
    "actors",
    "criteria",
    "options",
    "mca",
    "weight_sets",
    "uncertainty",
    "portfolio",
    "sensitivity_rates",
];

fn read_model(pb: &mut InputErrors, v: &Value) -> Option<Model> {
    if !v.is_object() {
        pb.push("", "the file must hold one JSON object (the model)");
        return None;
    }
    let o = Obj::open(pb, v, "", MODEL_FIELDS)?;
    let model = Model {
        version: o.req(pb, "version", integer).unwrap_or(MODEL_VERSION),
        title: o.req(pb, "title", string).unwrap_or_else(|| "?".into()),
        start_year: o.req(pb, "start_year", integer).unwrap_or(2000),
        horizon_years: o
            .opt(pb, "horizon_years", integer)
            .unwrap_or(default_horizon()),
        discount_rate: o
            .opt(pb, "discount_rate", number)
            .unwrap_or(default_discount_rate()),
        actors: o
            .req(pb, "actors", |pb, v, p| list(pb, v, p, read_actor))
            .unwrap_or_default(),
        criteria: o
            .opt(pb, "criteria", |pb, v, p| list(pb, v, p, read_criterion))
            .unwrap_or_default(),
        options: o
            .req(pb, "options", |pb, v, p| list(pb, v, p, read_option))
            .unwrap_or_default(),
        mca: o.opt(pb, "mca", read_mca).unwrap_or_default(),
        weight_sets: o
            .opt(pb, "weight_sets", |pb, v, p| {
                list(pb, v, p, read_weight_set)
            })
            .unwrap_or_default(),
        uncertainty: o.opt(pb, "uncertainty", read_settings).unwrap_or_default(),
        portfolio: o.maybe(pb, "portfolio", read_portfolio),
        sensitivity_rates: o.opt(pb, "sensitivity_rates", numbers).unwrap_or_default(),
    };
    o.finish(pb);
    Some(model)
}

/// Reads every element of an array with `read`. An unreadable element is
/// kept as a placeholder so that later elements keep their index in paths
/// (its problems are recorded, and nothing below it is reported again).
fn list<T: Placeholder>(
    pb: &mut InputErrors,
    v: &Value,
    path: &str,
    read: fn(&mut InputErrors, &Value, &str) -> Option<T>,
) -> Option<Vec<T>> {
    let items = array(pb, v, path)?;
    Some(
        items
            .into_iter()
            .map(|(item, p)| {
                read(pb, item, &p).unwrap_or_else(|| {
                    pb.push(p, PLACEHOLDER);
                    T::placeholder()
                })
            })
            .collect(),
    )
}

/// A map from ids to numbers, in file order.
fn number_map(pb: &mut InputErrors, v: &Value, path: &str) -> Option<IndexMap<String, f64>> {
    let o = Obj::open(pb, v, path, &[])?;
    let mut out = IndexMap::new();
    for (k, val, p) in o.entries() {
        // an unreadable value stands in as 0, so it is not also "missing"
        out.insert(k.clone(), number(pb, val, &p).unwrap_or(0.0));
    }
    Some(out)
}

fn read_actor(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Actor> {
    let o = Obj::open(pb, v, path, &["id", "name"])?;
    let actor = Actor {
        id: o.req(pb, "id", string).unwrap_or_default(),
        name: o.req(pb, "name", string).unwrap_or_default(),
    };
    o.finish(pb);
    Some(actor)
}

fn read_criterion(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Criterion> {
    let o = Obj::open(pb, v, path, &["id", "name", "direction", "weight"])?;
    let criterion = Criterion {
        id: o.req(pb, "id", string).unwrap_or_default(),
        name: o.req(pb, "name", string).unwrap_or_default(),
        direction: o
            .req(pb, "direction", |pb, v, p| {
                one_of(
                    pb,
                    v,
                    p,
                    &[("max", Direction::Max), ("min", Direction::Min)],
                )
            })
            .unwrap_or(Direction::Max),
        weight: o.opt(pb, "weight", number).unwrap_or(default_weight()),
    };
    o.finish(pb);
    Some(criterion)
}

const CATEGORIES: &[(&str, Category)] = &[
    ("stenen", Category::Stenen),
    ("sociaal", Category::Sociaal),
    ("beleid", Category::Beleid),
    ("combinatie", Category::Combinatie),
];

fn read_option(pb: &mut InputErrors, v: &Value, path: &str) -> Option<OptionSpec> {
    let o = Obj::open(
        pb,
        v,
        path,
        &["id", "name", "category", "flows", "scores", "pm", "value"],
    )?;
    let option = OptionSpec {
        id: o.req(pb, "id", string).unwrap_or_default(),
        name: o.req(pb, "name", string).unwrap_or_default(),
        category: o
            .req(pb, "category", |pb, v, p| one_of(pb, v, p, CATEGORIES))
            .unwrap_or(Category::Stenen),
        flows: o
            .opt(pb, "flows", |pb, v, p| list(pb, v, p, read_flow))
            .unwrap_or_default(),
        scores: o.opt(pb, "scores", number_map).unwrap_or_default(),
        pm: o
            .opt(pb, "pm", |pb, v, p| list(pb, v, p, read_pm))
            .unwrap_or_default(),
        value: o.maybe(pb, "value", number),
    };
    o.finish(pb);
    Some(option)
}

fn read_pm(pb: &mut InputErrors, v: &Value, path: &str) -> Option<PmItem> {
    let o = Obj::open(pb, v, path, &["label", "actor", "sign", "note"])?;
    let signs = [
        ("+", PmSign::Plus),
        ("-", PmSign::Minus),
        ("0", PmSign::Zero),
    ];
    let item = PmItem {
        label: o.req(pb, "label", string).unwrap_or_default(),
        actor: o.maybe(pb, "actor", string),
        sign: o
            .req(pb, "sign", |pb, v, p| one_of(pb, v, p, &signs))
            .unwrap_or(PmSign::Zero),
        note: o.maybe(pb, "note", string),
    };
    o.finish(pb);
    Some(item)
}

fn read_flow(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Flow> {
    let o = Obj::open(
        pb,
        v,
        path,
        &[
            "actor",
            "kind",
            "label",
            "amount",
            "from_year",
            "to_year",
            "growth",
            "adjust",
            "uncertainty",
        ],
    )?;
    let kinds = [("cost", FlowKind::Cost), ("benefit", FlowKind::Benefit)];
    let flow = Flow {
        actor: o.req(pb, "actor", string).unwrap_or_default(),
        kind: o
            .req(pb, "kind", |pb, v, p| one_of(pb, v, p, &kinds))
            .unwrap_or(FlowKind::Cost),
        label: o.opt(pb, "label", string).unwrap_or_default(),
        amount: o.req(pb, "amount", number).unwrap_or(0.0),
        from_year: o.opt(pb, "from_year", integer).unwrap_or(0),
        to_year: o.maybe(pb, "to_year", integer),
        growth: o.opt(pb, "growth", number).unwrap_or(0.0),
        adjust: o.maybe(pb, "adjust", read_adjust),
        uncertainty: o.maybe(pb, "uncertainty", read_distribution),
    };
    o.finish(pb);
    Some(flow)
}

fn read_adjust(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Adjust> {
    let o = Obj::open(
        pb,
        v,
        path,
        &["deadweight", "attribution", "displacement", "drop_off"],
    )?;
    let adjust = Adjust {
        deadweight: o.opt(pb, "deadweight", number).unwrap_or(0.0),
        attribution: o.opt(pb, "attribution", number).unwrap_or(0.0),
        displacement: o.opt(pb, "displacement", number).unwrap_or(0.0),
        drop_off: o.opt(pb, "drop_off", number).unwrap_or(0.0),
    };
    o.finish(pb);
    Some(adjust)
}

#[derive(Clone, Copy)]
enum DistKind {
    Triangular,
    Pert,
    Uniform,
    Normal,
}

fn read_distribution(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Distribution> {
    let o = Obj::open(pb, v, path, &["distribution", "low", "high", "sd"])?;
    let read = distribution_fields(pb, &o);
    o.finish(pb);
    read
}

fn distribution_fields(pb: &mut InputErrors, o: &Obj<'_>) -> Option<Distribution> {
    let kinds = [
        ("triangular", DistKind::Triangular),
        ("pert", DistKind::Pert),
        ("uniform", DistKind::Uniform),
        ("normal", DistKind::Normal),
    ];
    let kind = o.req(pb, "distribution", |pb, v, p| one_of(pb, v, p, &kinds))?;
    let not_here = |pb: &mut InputErrors, key: &str, dist: &str| {
        if o.get(key).is_some() {
            pb.push(
                o.at(key),
                format!("not a parameter of the {dist} distribution"),
            );
        }
    };
    let dist = match kind {
        DistKind::Normal => {
            not_here(pb, "low", "normal");
            not_here(pb, "high", "normal");
            Distribution::Normal {
                sd: o.req(pb, "sd", number)?,
            }
        }
        bounded => {
            let name = match bounded {
                DistKind::Triangular => "triangular",
                DistKind::Pert => "pert",
                _ => "uniform",
            };
            not_here(pb, "sd", name);
            let low = o.req(pb, "low", number);
            let high = o.req(pb, "high", number);
            let (low, high) = (low?, high?);
            match bounded {
                DistKind::Triangular => Distribution::Triangular { low, high },
                DistKind::Pert => Distribution::Pert { low, high },
                _ => Distribution::Uniform { low, high },
            }
        }
    };
    Some(dist)
}

fn read_mca(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Mca> {
    let o = Obj::open(pb, v, path, &["method", "preference", "ahp"])?;
    let methods = [
        ("weighted_sum", McaMethod::WeightedSum),
        ("topsis", McaMethod::Topsis),
        ("promethee2", McaMethod::Promethee2),
    ];
    let mca = Mca {
        method: o
            .opt(pb, "method", |pb, v, p| one_of(pb, v, p, &methods))
            .unwrap_or_default(),
        preference: o
            .opt(pb, "preference", read_preferences)
            .unwrap_or_default(),
        ahp: o.maybe(pb, "ahp", read_ahp),
    };
    o.finish(pb);
    Some(mca)
}

fn read_preferences(
    pb: &mut InputErrors,
    v: &Value,
    path: &str,
) -> Option<IndexMap<String, Preference>> {
    let o = Obj::open(pb, v, path, &[])?;
    let mut out = IndexMap::new();
    for (k, val, p) in o.entries() {
        if let Some(pref) = read_preference(pb, val, &p) {
            out.insert(k.clone(), pref);
        }
    }
    Some(out)
}

fn read_preference(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Preference> {
    let o = Obj::open(pb, v, path, &["type", "q", "p"])?;
    let read = preference_fields(pb, &o);
    o.finish(pb);
    read
}

fn preference_fields(pb: &mut InputErrors, o: &Obj<'_>) -> Option<Preference> {
    let types = [("usual", false), ("linear", true)];
    let linear = o.req(pb, "type", |pb, v, p| one_of(pb, v, p, &types))?;
    let pref = if linear {
        let q = o.req(pb, "q", number);
        let p = o.req(pb, "p", number);
        Preference::Linear { q: q?, p: p? }
    } else {
        for key in ["q", "p"] {
            if o.get(key).is_some() {
                pb.push(
                    o.at(key),
                    "not a parameter of the usual preference function",
                );
            }
        }
        Preference::Usual
    };
    Some(pref)
}

fn read_ahp(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Ahp> {
    let o = Obj::open(pb, v, path, &["criteria", "matrix"])?;
    let criteria = o.req(pb, "criteria", strings);
    let matrix = o.req(pb, "matrix", |pb, v, p| {
        let rows = array(pb, v, p)?;
        let read: Vec<Option<Vec<f64>>> = rows
            .into_iter()
            .map(|(row, rp)| numbers(pb, row, &rp))
            .collect();
        read.into_iter().collect::<Option<Vec<_>>>()
    });
    o.finish(pb);
    Some(Ahp {
        criteria: criteria?,
        matrix: matrix?,
    })
}

fn read_weight_set(pb: &mut InputErrors, v: &Value, path: &str) -> Option<WeightSet> {
    let o = Obj::open(pb, v, path, &["stakeholder", "weights"])?;
    let set = WeightSet {
        stakeholder: o.req(pb, "stakeholder", string).unwrap_or_default(),
        weights: o.req(pb, "weights", number_map).unwrap_or_default(),
    };
    o.finish(pb);
    Some(set)
}

fn read_settings(pb: &mut InputErrors, v: &Value, path: &str) -> Option<UncertaintySettings> {
    let o = Obj::open(pb, v, path, &["iterations", "seed"])?;
    let settings = UncertaintySettings {
        iterations: o
            .opt(pb, "iterations", integer)
            .unwrap_or(default_iterations()),
        seed: o.opt(pb, "seed", unsigned).unwrap_or(default_seed()),
    };
    o.finish(pb);
    Some(settings)
}

fn read_portfolio(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Portfolio> {
    let o = Obj::open(
        pb,
        v,
        path,
        &[
            "objective",
            "budgets",
            "groups",
            "requires",
            "excludes",
            "synergies",
        ],
    )?;
    let objectives = [("npv", Objective::Npv), ("value", Objective::Value)];
    let portfolio = Portfolio {
        objective: o
            .opt(pb, "objective", |pb, v, p| one_of(pb, v, p, &objectives))
            .unwrap_or_default(),
        budgets: o
            .opt(pb, "budgets", |pb, v, p| list(pb, v, p, read_budget))
            .unwrap_or_default(),
        groups: o
            .opt(pb, "groups", |pb, v, p| list(pb, v, p, read_group))
            .unwrap_or_default(),
        requires: o
            .opt(pb, "requires", |pb, v, p| list(pb, v, p, read_pair))
            .unwrap_or_default(),
        excludes: o
            .opt(pb, "excludes", |pb, v, p| list(pb, v, p, read_pair))
            .unwrap_or_default(),
        synergies: o
            .opt(pb, "synergies", |pb, v, p| list(pb, v, p, read_synergy))
            .unwrap_or_default(),
    };
    o.finish(pb);
    Some(portfolio)
}

fn read_budget(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Budget> {
    let o = Obj::open(pb, v, path, &["actor", "from_year", "to_year", "max"])?;
    let actor = o.req(pb, "actor", string);
    let from_year = o.req(pb, "from_year", integer);
    let to_year = o.req(pb, "to_year", integer);
    let max = o.req(pb, "max", number);
    o.finish(pb);
    Some(Budget {
        actor: actor?,
        from_year: from_year?,
        to_year: to_year?,
        max: max?,
    })
}

fn read_group(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Group> {
    let o = Obj::open(pb, v, path, &["id", "options"])?;
    let id = o.req(pb, "id", string);
    let options = o.req(pb, "options", strings);
    o.finish(pb);
    Some(Group {
        id: id?,
        options: options?,
    })
}

fn read_pair(pb: &mut InputErrors, v: &Value, path: &str) -> Option<[String; 2]> {
    let ids = strings(pb, v, path)?;
    match <[String; 2]>::try_from(ids) {
        Ok(pair) => Some(pair),
        Err(ids) => {
            pb.push(
                path,
                format!("expected a pair of two option ids, found {}", ids.len()),
            );
            None
        }
    }
}

fn read_synergy(pb: &mut InputErrors, v: &Value, path: &str) -> Option<Synergy> {
    let o = Obj::open(pb, v, path, &["options", "bonus"])?;
    let options = o.req(pb, "options", strings);
    let bonus = o.req(pb, "bonus", number);
    o.finish(pb);
    Some(Synergy {
        options: options?,
        bonus: bonus?,
    })
}

#[cfg(test)]
mod tests;
