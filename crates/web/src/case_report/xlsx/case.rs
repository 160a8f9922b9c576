//! The sheets about the afweging itself: the question and its context,
//! the options with every flow, and the flows per calendar year.

use rust_xlsxwriter::{ExcelDateTime, XlsxError};
use wikken_core::engine::mkba::pv_factor;
use wikken_core::model::{Distribution, Flow, FlowKind, Model};

use super::{Out, actor_name, category, kind, option_name, rate_label, value_in_year, yes_no};
use crate::case_report::ReportInput;

pub(super) fn afweging(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
    let (doc, cx) = (input.doc, input.context);
    out.ws
        .write_string_with_format(0, 0, "Afweging", &out.st.title)?;
    out.next();
    if cx.fictional {
        out.ws.write_string_with_format(
            out.row,
            0,
            "Let op: fictieve demogegevens, niet voor echte besluiten.",
            &out.st.warning,
        )?;
        out.next();
    }
    out.next();
    out.pair("Vraag", &doc.question)?;
    out.pair("Organisatie", &cx.organisation)?;
    out.pair("Niveau", doc.level.label())?;
    out.pair(
        "Beslismoment",
        doc.decision_moment.as_deref().unwrap_or("nog niet bepaald"),
    )?;
    let mut area = cx
        .area
        .clone()
        .or(doc.area.code.clone())
        .unwrap_or_default();
    if !doc.area.complexes.is_empty() {
        let complexes = format!("complexen {}", doc.area.complexes.join(", "));
        area = if area.is_empty() {
            complexes
        } else {
            format!("{area}; {complexes}")
        };
    }
    out.pair("Gebied", &area)?;
    let state = if cx.frozen {
        " (vastgesteld met een besluit)"
    } else {
        ""
    };
    out.pair("Versie", &format!("{}{state}", cx.version))?;
    out.pair("Gemaakt op", &cx.generated_at)?;
    let horizon = doc.start_year + doc.horizon_years - 1;
    out.pair("Looptijd", &format!("{} t/m {horizon}", doc.start_year))?;
    out.pair("Discontovoet", &rate_label(doc.discount_rate))?;
    out.pair(
        "Monte Carlo",
        &format!(
            "{} trekkingen, seed {}",
            doc.uncertainty.iterations, doc.uncertainty.seed
        ),
    )?;

    out.next();
    out.heading("Deelnemers")?;
    out.header(&["Naam", "Rol"])?;
    for p in &doc.participants {
        out.text(0, &p.name)?;
        out.text(1, p.role.label())?;
        out.next();
    }
    out.next();
    out.heading("Problemen")?;
    out.header(&["Probleem", "Eigenaar"])?;
    for p in &doc.problems {
        out.text(0, &p.text)?;
        out.text(
            1,
            doc.participant(&p.owner)
                .map_or(p.owner.as_str(), |o| &o.name),
        )?;
        out.next();
    }
    out.next();
    out.heading("Nulalternatief")?;
    out.pair("Beschrijving", &doc.baseline.description)?;
    out.pair("Al besloten", &doc.baseline.assumptions)?;

    if let Some(d) = &doc.decision {
        out.next();
        out.heading("Besluit")?;
        let chosen: Vec<&str> = d.chosen.iter().map(|id| option_name(doc, id)).collect();
        out.pair("Gekozen", &chosen.join(", "))?;
        out.pair("Motivering", &d.rationale)?;
        out.pair("Afwijkende standpunten", &d.dissent)?;
        out.pair("Voorwaarden", &d.conditions)?;
        out.pair("Vastgelegd door", &d.decided_by)?;
        out.ws
            .write_string_with_format(out.row, 0, "Vastgelegd op", &out.st.bold)?;
        match ExcelDateTime::from_timestamp(d.decided_at) {
            Ok(at) => out
                .ws
                .write_datetime_with_format(out.row, 1, &at, &out.st.date)?,
            Err(_) => out.ws.write_number(out.row, 1, d.decided_at as f64)?,
        };
        out.next();
    }
    Ok(())
}

fn distribution(d: &Distribution) -> (&'static str, Option<(f64, f64)>, Option<f64>) {
    match *d {
        Distribution::Triangular { low, high } => ("driehoek", Some((low, high)), None),
        Distribution::Pert { low, high } => ("PERT", Some((low, high)), None),
        Distribution::Uniform { low, high } => ("uniform", Some((low, high)), None),
        Distribution::Normal { sd } => ("normaal", None, Some(sd)),
    }
}

pub(super) fn opties(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
    let doc = input.doc;
    out.header(&[
        "Optie",
        "Categorie",
        "Uit sjabloon",
        "Aantal",
        "Na voorselectie",
        "Combineert",
        "Partij",
        "Soort",
        "Omschrijving",
        "Bedrag per jaar",
        "Van jaar",
        "Tot en met jaar",
        "Groei per jaar",
        "Deadweight",
        "Attributie",
        "Verplaatsing",
        "Uitval per jaar",
        "Onzekerheid",
        "Laag",
        "Hoog",
        "Standaardafwijking",
        "Toelichting",
    ])?;
    for o in &doc.options {
        let spec = doc.option_spec(o);
        let members: Vec<&str> = o.members.iter().map(|m| option_name(doc, m)).collect();
        let rows = spec.flows.len().max(1);
        for i in 0..rows {
            out.text(0, &spec.name)?;
            out.text(1, category(spec.category))?;
            out.text(2, o.template.as_deref().unwrap_or(""))?;
            if let Some(q) = o.quantity {
                out.plain(3, q)?;
            }
            out.text(4, yes_no(o.shortlisted))?;
            out.text(5, &members.join(", "))?;
            if i == 0 {
                out.text(21, &o.note)?;
            }
            if let Some(f) = spec.flows.get(i) {
                out.text(6, actor_name(doc, &f.actor))?;
                out.text(7, kind(f.kind))?;
                out.text(8, &f.label)?;
                out.euro(9, f.amount)?;
                out.plain(10, (doc.start_year + f.from_year) as f64)?;
                out.plain(11, (doc.start_year + f.last_year()) as f64)?;
                out.percent(12, f.growth)?;
                if let Some(a) = &f.adjust {
                    for (c, v) in [a.deadweight, a.attribution, a.displacement, a.drop_off]
                        .into_iter()
                        .enumerate()
                    {
                        out.percent(13 + c as u16, v)?;
                    }
                }
                if let Some(d) = &f.uncertainty {
                    let (name, range, sd) = distribution(d);
                    out.text(17, name)?;
                    if let Some((lo, hi)) = range {
                        out.euro(18, lo)?;
                        out.euro(19, hi)?;
                    }
                    if let Some(sd) = sd {
                        out.euro(20, sd)?;
                    }
                }
            }
            out.next();
        }
    }
    out.next();
    out.heading("PM-posten (effecten die niet in euro's zijn uitgedrukt)")?;
    out.header(&["Optie", "Omschrijving", "Partij", "Teken", "Toelichting"])?;
    for o in &doc.options {
        for p in &doc.option_spec(o).pm {
            out.text(0, &o.spec.name)?;
            out.text(1, &p.label)?;
            out.text(2, p.actor.as_deref().map_or("", |a| actor_name(doc, a)))?;
            out.text(3, p.sign.as_str())?;
            out.text(4, p.note.as_deref().unwrap_or(""))?;
            out.next();
        }
    }
    Ok(())
}

pub(super) fn stromen_per_jaar(
    out: &mut Out<'_>,
    input: &ReportInput<'_>,
) -> Result<(), XlsxError> {
    let m: &Model = &input.analysis.model;
    let years: Vec<i64> = (0..m.horizon_years).collect();
    let labels: Vec<String> = years
        .iter()
        .map(|t| (m.start_year + t).to_string())
        .collect();
    let mut titles = vec!["Optie", "Partij", "Soort"];
    titles.extend(labels.iter().map(String::as_str));
    titles.extend(["Totaal", "Contante waarde"]);
    out.header(&titles)?;
    let last = 3 + years.len() as u16;
    for o in &m.options {
        for a in &m.actors {
            for k in [FlowKind::Cost, FlowKind::Benefit] {
                let flows: Vec<&Flow> = o
                    .flows
                    .iter()
                    .filter(|f| f.actor == a.id && f.kind == k)
                    .collect();
                if flows.is_empty() {
                    continue;
                }
                out.text(0, &o.name)?;
                out.text(1, &a.name)?;
                out.text(2, kind(k))?;
                let mut sum = 0.0;
                for &t in &years {
                    let v: f64 = flows
                        .iter()
                        .map(|f| value_in_year(f, m.horizon_years, t))
                        .sum();
                    sum += v;
                    out.euro(3 + t as u16, v)?;
                }
                out.euro(last, sum)?;
                let pv: f64 = flows
                    .iter()
                    .map(|f| f.amount * pv_factor(f, m.horizon_years, m.discount_rate))
                    .sum();
                out.euro(last + 1, pv)?;
                out.next();
            }
        }
    }
    Ok(())
}
