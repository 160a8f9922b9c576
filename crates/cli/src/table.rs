//! The Dutch tables `wikken evaluate` prints for people.

use std::fmt::Write;

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use wikken_core::engine::ahp::CR_THRESHOLD;
use wikken_core::format::{euro, number, percent};
use wikken_core::model::{Direction, McaMethod, Model, PmSign};
use wikken_core::report::Report;

/// How many tornado rows are shown.
const TORNADO_ROWS: usize = 10;

/// Width tables wrap to when standard output is not a terminal.
const DEFAULT_WIDTH: u16 = 120;

pub(crate) fn table(header: Vec<String>) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_BORDERS_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if t.width().is_none() {
        t.set_width(DEFAULT_WIDTH);
    }
    let n = header.len();
    t.set_header(header);
    for i in 1..n {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

pub(crate) fn heading(out: &mut String, title: &str) {
    let _ = write!(out, "\n{title}\n{}\n", "─".repeat(title.chars().count()));
}

fn name_of<'a>(model: &'a Model, id: &'a str) -> &'a str {
    model
        .options
        .iter()
        .find(|o| o.id == id)
        .map_or(id, |o| o.name.as_str())
}

/// Renders the whole report as text.
pub fn render(model: &Model, r: &Report) -> String {
    let mut out = String::new();
    let uncertain = r.value_of_information.is_some();
    let _ = writeln!(out, "{}", r.title);
    let _ = write!(
        out,
        "Discontovoet {} · horizon {} jaar ({}–{})",
        percent(model.discount_rate, 2),
        model.horizon_years,
        model.start_year,
        model.start_year + model.horizon_years - 1
    );
    if uncertain {
        let _ = write!(
            out,
            " · Monte Carlo {} trekkingen, seed {}",
            number(model.uncertainty.iterations as f64, 0),
            model.uncertainty.seed
        );
    }
    out.push('\n');

    heading(
        &mut out,
        "Maatschappelijke kosten en baten (contante waarde)",
    );
    let mut t = table(
        [
            "Optie",
            "Categorie",
            "Kosten",
            "Baten",
            "Saldo",
            "B/K",
            "MCA-rang",
            "P(saldo>0)",
        ]
        .map(String::from)
        .to_vec(),
    );
    for o in &r.options {
        t.add_row(vec![
            o.name.clone(),
            o.category.as_str().to_string(),
            euro(o.pv_costs),
            euro(o.pv_benefits),
            euro(o.npv),
            o.bcr.map_or("–".into(), |b| number(b, 2)),
            o.mca.map_or("–".into(), |m| m.rank.to_string()),
            o.uncertainty
                .map_or("–".into(), |u| percent(u.prob_positive, 0)),
        ]);
    }
    let _ = writeln!(out, "{t}");

    actors(&mut out, model, r);
    rates(&mut out, model, r);
    mca(&mut out, model, r);
    uncertainty(&mut out, model, r);
    portfolio(&mut out, model, r);
    pm(&mut out, r);
    if !r.warnings.is_empty() {
        heading(&mut out, "Waarschuwingen");
        for w in &r.warnings {
            let _ = writeln!(out, "! {w}");
        }
    }
    out
}

fn actors(out: &mut String, model: &Model, r: &Report) {
    heading(
        out,
        "Wie betaalt, wie wint (saldo per actor, contante waarde)",
    );
    let mut header = vec!["Optie".to_string()];
    header.extend(model.actors.iter().map(|a| a.name.clone()));
    let mut t = table(header);
    for o in &r.options {
        let mut row = vec![o.name.clone()];
        row.extend(model.actors.iter().map(|a| euro(o.by_actor[&a.id])));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
}

fn rates(out: &mut String, model: &Model, r: &Report) {
    if model.sensitivity_rates.is_empty() {
        return;
    }
    heading(out, "Saldo bij een andere discontovoet");
    let mut header = vec![
        "Optie".to_string(),
        format!("{} (model)", percent(model.discount_rate, 2)),
    ];
    header.extend(model.sensitivity_rates.iter().map(|x| percent(*x, 2)));
    let mut t = table(header);
    for o in &r.options {
        let mut row = vec![o.name.clone(), euro(o.npv)];
        if let Some(at) = &o.npv_at_rates {
            row.extend(at.values().map(|v| euro(*v)));
        }
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
}

fn mca(out: &mut String, model: &Model, r: &Report) {
    let Some(m) = &r.mca else { return };
    let method = match m.method {
        McaMethod::WeightedSum => "gewogen som",
        McaMethod::Topsis => "TOPSIS",
        McaMethod::Promethee2 => "PROMETHEE II",
    };
    heading(out, &format!("Multicriteria-analyse ({method})"));
    let source = if m.ahp.is_some() {
        "gewichten uit AHP-paarsgewijze vergelijking"
    } else {
        "gewichten van de criteria"
    };
    let _ = writeln!(out, "Hoofdweging: {source}");
    let mut header = vec!["Criterium".to_string(), "Richting".into(), "Gewicht".into()];
    header.extend(m.by_weight_set.iter().map(|s| s.stakeholder.clone()));
    let mut t = table(header);
    for c in &model.criteria {
        let dir = match c.direction {
            Direction::Max => "hoger is beter",
            Direction::Min => "lager is beter",
        };
        let mut row = vec![
            c.name.clone(),
            dir.to_string(),
            percent(m.weights[&c.id], 1),
        ];
        for set in &model.weight_sets {
            let sum: f64 = set.weights.values().sum();
            row.push(percent(set.weights[&c.id] / sum, 1));
        }
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    if let Some(ahp) = &m.ahp {
        let _ = writeln!(
            out,
            "AHP: λmax {} · CI {} · CR {}{}",
            number(ahp.lambda_max, 3),
            number(ahp.ci, 3),
            number(ahp.cr, 3),
            if ahp.cr > CR_THRESHOLD {
                " (te inconsistent: > 0,10)"
            } else {
                " (consistent genoeg)"
            }
        );
    }
    let mut header = vec!["Optie".to_string(), "Score".into(), "Rang".into()];
    header.extend(
        m.by_weight_set
            .iter()
            .map(|s| format!("Rang {}", s.stakeholder)),
    );
    let mut t = table(header);
    for o in &r.options {
        let Some(score) = o.mca else { continue };
        let mut row = vec![
            o.name.clone(),
            number(score.score, 3),
            score.rank.to_string(),
        ];
        row.extend(m.by_weight_set.iter().map(|s| s.ranks[&o.id].to_string()));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
}

fn uncertainty(out: &mut String, model: &Model, r: &Report) {
    let Some(voi) = r.value_of_information else {
        return;
    };
    heading(out, "Onzekerheid (Monte Carlo, saldo)");
    let mut t = table(
        [
            "Optie",
            "Gemiddeld",
            "P5",
            "P50",
            "P95",
            "P(saldo>0)",
            "P(beste)",
        ]
        .map(String::from)
        .to_vec(),
    );
    for o in &r.options {
        let Some(u) = o.uncertainty else { continue };
        t.add_row(vec![
            o.name.clone(),
            euro(u.mean),
            euro(u.p5),
            euro(u.p50),
            euro(u.p95),
            percent(u.prob_positive, 0),
            percent(u.prob_best, 0),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(
        out,
        "Waarde van perfecte informatie (EVPI): {} — zoveel is nader onderzoek vóór de keuze hooguit waard.",
        euro(voi.evpi)
    );
    let Some(rows) = &r.sensitivity else { return };
    heading(
        out,
        "Gevoeligheid (tornado: elke onzekere post op zijn uiteinden)",
    );
    let mut t = table(
        ["Optie", "Post", "Saldo laag", "Saldo hoog", "Zwaai"]
            .map(String::from)
            .to_vec(),
    );
    for s in rows.iter().take(TORNADO_ROWS) {
        let label = if s.label.is_empty() {
            format!("post {}", s.flow + 1)
        } else {
            s.label.clone()
        };
        t.add_row(vec![
            name_of(model, &s.option).to_string(),
            label,
            euro(s.npv_low),
            euro(s.npv_high),
            euro(s.swing),
        ]);
    }
    let _ = writeln!(out, "{t}");
    if rows.len() > TORNADO_ROWS {
        let _ = writeln!(
            out,
            "… en nog {} posten (alle posten: --format json).",
            rows.len() - TORNADO_ROWS
        );
    }
}

fn portfolio(out: &mut String, model: &Model, r: &Report) {
    let (Some(p), Some(spec)) = (&r.portfolio, &model.portfolio) else {
        return;
    };
    let proof = p.gap.map_or_else(
        || "bewezen optimaal".to_string(),
        wikken_core::format::not_proven,
    );
    heading(
        out,
        &format!("Portefeuille (beste keuze binnen de budgetten, {proof})"),
    );
    // the objective is euros only for the saldo; the MCA value is a score
    let objective = match spec.objective {
        wikken_core::model::Objective::Npv => format!("saldo {}", euro(p.objective)),
        wikken_core::model::Objective::Value => {
            format!("MCA-waarde {}", wikken_core::format::number(p.objective, 2))
        }
    };
    let _ = writeln!(
        out,
        "Gekozen: {} van {} opties · {objective}",
        p.selected.len(),
        model.options.len(),
    );
    for id in &p.selected {
        let _ = writeln!(out, "  ✔ {}", name_of(model, id));
    }
    if !spec.budgets.is_empty() {
        let mut t = table(
            ["Budget", "Jaren", "Maximum", "Besteed", "Over"]
                .map(String::from)
                .to_vec(),
        );
        for (b, spent) in spec.budgets.iter().zip(&p.spent) {
            let actor = model
                .actors
                .iter()
                .find(|a| a.id == b.actor)
                .map_or(b.actor.as_str(), |a| a.name.as_str());
            t.add_row(vec![
                actor.to_string(),
                format!(
                    "{}–{}",
                    model.start_year + b.from_year,
                    model.start_year + b.to_year
                ),
                euro(b.max),
                euro(*spent),
                euro(b.max - spent),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
}

fn pm(out: &mut String, r: &Report) {
    if r.options.iter().all(|o| o.pm.is_empty()) {
        return;
    }
    heading(out, "PM-posten (niet in geld uitgedrukt, wel meegewogen)");
    for o in r.options.iter().filter(|o| !o.pm.is_empty()) {
        let _ = writeln!(out, "{}", o.name);
        for item in &o.pm {
            let sign = match item.sign {
                PmSign::Plus => "+",
                PmSign::Minus => "−",
                PmSign::Zero => "±",
            };
            let actor = item
                .actor
                .as_deref()
                .map(|a| format!(" ({a})"))
                .unwrap_or_default();
            let _ = writeln!(out, "  {sign} {}{actor}", item.label);
        }
    }
}

#[cfg(test)]
mod tests {
    use wikken_core::engine::evaluate;
    use wikken_core::model::Model;

    fn model(objective: &str) -> Model {
        serde_json::from_value(serde_json::json!({
            "version": 1, "title": "Toets", "start_year": 2027, "horizon_years": 5,
            "actors": [{"id": "corporatie", "name": "Corporatie"}],
            "options": [
                {"id": "a", "name": "A", "category": "sociaal", "value": 0.8,
                 "flows": [{"actor": "corporatie", "kind": "cost", "amount": 100}]},
                {"id": "b", "name": "B", "category": "sociaal", "value": 0.3,
                 "flows": [{"actor": "corporatie", "kind": "benefit", "amount": 50}]}
            ],
            "portfolio": {"objective": objective,
                "budgets": [{"actor": "corporatie", "from_year": 0, "to_year": 4, "max": 1000}]}
        }))
        .unwrap()
    }

    #[test]
    fn the_portfolio_line_says_what_it_maximised() {
        for (objective, want) in [("npv", "· saldo € 50"), ("value", "· MCA-waarde 1,10")] {
            let m = model(objective);
            let r = evaluate(&m, &wikken_highs::Highs::default(), None).unwrap();
            let text = super::render(&m, &r);
            assert!(text.contains(want), "{objective}: {text}");
        }
    }
}
