//! The sheets with results: MKBA, MCA and Monte Carlo per option, the
//! EffectenArena, the weighing per party, the portfolio under moving
//! budgets, and the tornado.

use rust_xlsxwriter::XlsxError;
use wikken_core::case::analysis::{Analysis, CATEGORIES};
use wikken_core::format;
use wikken_core::model::{Direction, McaMethod, Model, Objective};

use super::{Out, actor_name, category, kind, option_name, rate_label};
use crate::case_report::{ReportInput, bcr};

pub(super) fn resultaten(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
    let (m, r) = (&input.analysis.model, &input.analysis.report);
    let rates: Vec<String> = m
        .sensitivity_rates
        .iter()
        .map(|&x| format!("Saldo bij {}", rate_label(x)))
        .collect();
    let mut titles = vec![
        "Optie",
        "Categorie",
        "CW kosten",
        "CW baten",
        "Saldo",
        "B/K-verhouding",
    ];
    titles.extend(rates.iter().map(String::as_str));
    titles.extend([
        "MCA-score",
        "Rang MCA",
        "Saldo gemiddeld (MC)",
        "P5",
        "P50",
        "P95",
        "Kans saldo > 0",
        "Kans beste optie",
        "Ijkpunt B/K",
    ]);
    out.header(&titles)?;
    let notes = bcr::notes(input.doc, r);
    for (o, n) in r.options.iter().zip(&notes) {
        out.text(0, &o.name)?;
        out.text(1, category(o.category))?;
        out.euro(2, o.pv_costs)?;
        out.euro(3, o.pv_benefits)?;
        out.euro(4, o.npv)?;
        if let Some(b) = o.bcr {
            out.num(5, b, &out.st.ratio)?;
        }
        let mut c = 6;
        for &x in &m.sensitivity_rates {
            let at = o
                .npv_at_rates
                .as_ref()
                .and_then(|n| n.get(&format!("{}", x + 0.0)));
            if let Some(v) = at {
                out.euro(c, *v)?;
            }
            c += 1;
        }
        if let Some(s) = o.mca {
            out.num(c, s.score, &out.st.score)?;
            out.plain(c + 1, s.rank)?;
        }
        if let Some(u) = o.uncertainty {
            for (k, v) in [u.mean, u.p5, u.p50, u.p95].into_iter().enumerate() {
                out.euro(c + 2 + k as u16, v)?;
            }
            out.percent(c + 6, u.prob_positive)?;
            out.percent(c + 7, u.prob_best)?;
        }
        let ijkpunt = bcr::benchmark_cell(n);
        if !ijkpunt.is_empty() {
            out.text(c + 8, &ijkpunt)?;
        }
        out.next();
    }
    for remark in bcr::remarks(r, &notes) {
        out.text(0, &remark)?;
        out.next();
    }
    out.next();
    match &r.value_of_information {
        Some(v) => {
            out.ws.write_string_with_format(
                out.row,
                0,
                "Waarde van volledige informatie (EVPI)",
                &out.st.bold,
            )?;
            out.euro(1, v.evpi)?;
            out.next();
        }
        None => out.pair(
            "Onzekerheid",
            "Geen bedragen met een bandbreedte: geen Monte Carlo.",
        )?,
    }
    for w in &r.warnings {
        out.pair("Waarschuwing", w)?;
    }
    Ok(())
}

pub(super) fn effectenarena(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
    let (m, an): (&Model, &Analysis) = (&input.analysis.model, input.analysis);
    out.heading("Saldo per partij (contante waarde, baten − kosten)")?;
    let mut titles = vec!["Partij"];
    titles.extend(m.options.iter().map(|o| o.name.as_str()));
    out.header(&titles)?;
    for a in &m.actors {
        out.text(0, &a.name)?;
        for (c, col) in an.arena.iter().enumerate() {
            out.euro(1 + c as u16, col.actors[&a.id].net)?;
        }
        out.next();
    }
    out.ws
        .write_string_with_format(out.row, 0, "Maatschappelijk saldo", &out.st.bold)?;
    for (c, o) in an.report.options.iter().enumerate() {
        out.euro(1 + c as u16, o.npv)?;
    }
    out.next();
    out.next();
    out.heading("Voorstel kostenverdeling (een rekenvoorbeeld, geen uitkomst)")?;
    out.pair(
        "Rekenregel",
        &crate::case_report::cost_sharing_rule(&m.actors, &input.doc.cost_sharing),
    )?;
    out.header(&[
        "Optie",
        "Partij",
        "CW kosten",
        "CW baten",
        "Saldo",
        "Betaalt mee",
        "Voorgestelde bijdrage",
        "Waarvan niet te verdelen",
        "Saldo na verdeling",
    ])?;
    for (o, col) in m.options.iter().zip(&an.arena) {
        for a in &m.actors {
            let cell = &col.actors[&a.id];
            if cell.pv_costs == 0.0 && cell.pv_benefits == 0.0 && cell.proposed_contribution == 0.0
            {
                continue;
            }
            out.text(0, &o.name)?;
            out.text(1, &a.name)?;
            out.euro(2, cell.pv_costs)?;
            out.euro(3, cell.pv_benefits)?;
            out.euro(4, cell.net)?;
            out.text(5, if cell.pays { "ja" } else { "nee" })?;
            out.euro(6, cell.proposed_contribution)?;
            out.euro(7, cell.kept)?;
            out.euro(8, cell.net_after_sharing)?;
            out.next();
        }
    }
    Ok(())
}

fn method(m: McaMethod) -> &'static str {
    match m {
        McaMethod::WeightedSum => "gewogen som",
        McaMethod::Topsis => "TOPSIS",
        McaMethod::Promethee2 => "PROMETHEE II",
    }
}

pub(super) fn weging(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
    let (m, an) = (&input.analysis.model, input.analysis);
    let Some(mca) = &an.report.mca else {
        out.pair(
            "Weging",
            "Geen criteria: de afweging rust alleen op de MKBA.",
        )?;
        return Ok(());
    };
    out.pair("Methode", method(mca.method))?;
    out.pair("Weging", input.doc.weighting.method.label())?;
    if let Some(ahp) = &mca.ahp {
        out.ws
            .write_string_with_format(out.row, 0, "Consistentieratio (AHP)", &out.st.bold)?;
        out.num(1, ahp.cr, &out.st.ratio)?;
        out.next();
    }
    out.next();
    let mut titles = vec!["Criterium", "Richting", "Gedeeld gewicht"];
    titles.extend(m.weight_sets.iter().map(|s| s.stakeholder.as_str()));
    out.header(&titles)?;
    // Whole percentages that add up to 100 per column, as on the page.
    let column = |w: &indexmap::IndexMap<String, f64>| {
        let shares: Vec<f64> = m
            .criteria
            .iter()
            .map(|c| w.get(&c.id).copied().unwrap_or(0.0))
            .collect();
        let mut whole = format::whole_percents(&shares);
        whole.resize(m.criteria.len(), 0);
        whole
    };
    let shared = column(&mca.weights);
    let parties: Vec<Vec<u32>> = m.weight_sets.iter().map(|s| column(&s.weights)).collect();
    for (i, c) in m.criteria.iter().enumerate() {
        out.text(0, &c.name)?;
        out.text(
            1,
            match c.direction {
                Direction::Max => "meer is beter",
                Direction::Min => "minder is beter",
            },
        )?;
        out.percent(2, f64::from(shared[i]) / 100.0)?;
        for (k, party) in parties.iter().enumerate() {
            out.percent(3 + k as u16, f64::from(party[i]) / 100.0)?;
        }
        out.next();
    }
    out.next();
    out.heading("Rangorde per partij (1 is best)")?;
    let mut titles = vec!["Optie", "Gedeelde weging"];
    titles.extend(m.weight_sets.iter().map(|s| s.stakeholder.as_str()));
    titles.push("Spreiding");
    out.header(&titles)?;
    for d in &an.disagreement {
        out.text(0, option_name(input.doc, &d.option))?;
        out.plain(1, d.main_rank)?;
        for (k, r) in d.ranks.values().enumerate() {
            out.plain(2 + k as u16, *r)?;
        }
        out.plain(2 + d.ranks.len() as u16, d.spread)?;
        out.next();
    }
    Ok(())
}

pub(super) fn portefeuille(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
    let (doc, an) = (input.doc, input.analysis);
    let Some(b) = &doc.budget else {
        out.pair("Budget", "Geen budget opgegeven: geen portefeuille.")?;
        return Ok(());
    };
    out.pair("Budget van", actor_name(doc, &b.actor))?;
    out.pair(
        "Jaren",
        &format!(
            "{} t/m {}",
            doc.start_year + b.from_year,
            doc.start_year + b.to_year
        ),
    )?;
    out.ws
        .write_string_with_format(out.row, 0, "Budget", &out.st.bold)?;
    out.euro(1, b.max)?;
    out.next();
    let objective = crate::case_report::objective_of(&an.model);
    out.pair(
        "Kiest op",
        match objective {
            Objective::Npv => "saldo in euro's (MKBA)",
            Objective::Value => "MCA-waarde (gezamenlijke weging)",
        },
    )?;
    out.pair(
        "Wat telt mee",
        crate::case_report::portfolio_counts(objective),
    )?;
    if let Some(why) = crate::case_report::objective_fallback(doc, &an.model) {
        out.pair("Let op", &why)?;
    }
    out.next();
    let mut titles = vec![
        "Budgetniveau",
        "Budget",
        "Gekozen opties",
        crate::case_report::objective_column(objective),
        "Besteed",
    ];
    let spent: Vec<String> = CATEGORIES
        .iter()
        .map(|c| format!("Besteed {}", c.as_str()))
        .collect();
    titles.extend(spent.iter().map(String::as_str));
    titles.push("Oplossing");
    out.header(&titles)?;
    for s in &an.budget_steps {
        out.percent(0, s.factor)?;
        out.euro(1, s.max)?;
        let names: Vec<&str> = s.selected.iter().map(|id| option_name(doc, id)).collect();
        out.text(2, &names.join(", "))?;
        match objective {
            Objective::Npv => out.euro(3, s.objective)?,
            Objective::Value => out.num(3, s.objective, &out.st.score)?,
        }
        out.euro(4, s.spent)?;
        for (k, c) in CATEGORIES.iter().enumerate() {
            out.euro(
                5 + k as u16,
                s.spent_by_category.get(c).copied().unwrap_or(0.0),
            )?;
        }
        let proof = s.gap.map_or_else(
            || "bewezen optimaal".to_string(),
            wikken_core::format::not_proven,
        );
        out.text(5 + CATEGORIES.len() as u16, &proof)?;
        out.next();
    }
    Ok(())
}

pub(super) fn gevoeligheid(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
    let (doc, m, r) = (input.doc, &input.analysis.model, &input.analysis.report);
    let Some(rows) = &r.sensitivity else {
        out.pair("Gevoeligheid", "Geen bedragen met een bandbreedte.")?;
        return Ok(());
    };
    out.header(&[
        "Optie",
        "Stroom",
        "Partij",
        "Soort",
        "Saldo bij laag",
        "Saldo bij hoog",
        "Bandbreedte",
    ])?;
    for row in rows {
        out.text(0, option_name(doc, &row.option))?;
        out.text(1, &row.label)?;
        let flow = m
            .options
            .iter()
            .find(|o| o.id == row.option)
            .and_then(|o| o.flows.get(row.flow));
        if let Some(f) = flow {
            out.text(2, actor_name(doc, &f.actor))?;
            out.text(3, kind(f.kind))?;
        }
        out.euro(4, row.npv_low)?;
        out.euro(5, row.npv_high)?;
        out.euro(6, row.swing)?;
        out.next();
    }
    Ok(())
}
