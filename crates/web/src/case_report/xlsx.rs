//! The afweging as an Excel workbook: the question and its context, the
//! options with every flow, the flows per calendar year, the results
//! (MKBA, MCA, Monte Carlo), the EffectenArena with the cost-sharing
//! proposal, the weighing per party, the portfolio under moving budgets
//! and the tornado. Sheet names and headers are Dutch; euros are whole
//! euros, shares are percentages.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use wikken_core::case::CaseDoc;
use wikken_core::case::analysis::{Analysis, CATEGORIES};
use wikken_core::engine::mkba::pv_factor;
use wikken_core::model::{Category, Distribution, Flow, FlowKind, McaMethod, Model};

use super::ReportInput;

/// Excel number format of euro amounts.
pub const EURO_FORMAT: &str = "€ #,##0;€ -#,##0";
/// Excel number format of shares.
pub const PERCENT_FORMAT: &str = "0.0%";

/// The workbook of an afweging, as bytes of an .xlsx file.
pub fn workbook(input: ReportInput<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let st = Styles::new();
    let sheets: [(&str, SheetFn); 8] = [
        ("Afweging", afweging),
        ("Opties", opties),
        ("Stromen per jaar", stromen_per_jaar),
        ("Resultaten", resultaten),
        ("Effectenarena", effectenarena),
        ("Weging", weging),
        ("Portefeuille", portefeuille),
        ("Gevoeligheid", gevoeligheid),
    ];
    for (name, fill) in sheets {
        let ws = book.add_worksheet().set_name(name)?;
        let mut out = Out {
            ws,
            st: &st,
            row: 0,
        };
        fill(&mut out, &input)?;
        out.ws.autofit();
    }
    book.save_to_buffer()
}

type SheetFn = fn(&mut Out<'_>, &ReportInput<'_>) -> Result<(), XlsxError>;

struct Styles {
    title: Format,
    header: Format,
    bold: Format,
    euro: Format,
    percent: Format,
    ratio: Format,
    score: Format,
    date: Format,
    warning: Format,
}

impl Styles {
    fn new() -> Styles {
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new().set_bold().set_background_color("#DDE6F0"),
            bold: Format::new().set_bold(),
            euro: Format::new().set_num_format(EURO_FORMAT),
            percent: Format::new().set_num_format(PERCENT_FORMAT),
            ratio: Format::new().set_num_format("0.00"),
            score: Format::new().set_num_format("0.000"),
            date: Format::new().set_num_format("d-m-yyyy hh:mm"),
            warning: Format::new().set_bold().set_font_color("#B00020"),
        }
    }
}

/// A sheet being written, row by row.
struct Out<'a> {
    ws: &'a mut Worksheet,
    st: &'a Styles,
    row: u32,
}

impl Out<'_> {
    fn next(&mut self) {
        self.row += 1;
    }

    fn header(&mut self, titles: &[&str]) -> Result<(), XlsxError> {
        for (c, t) in titles.iter().enumerate() {
            self.ws
                .write_string_with_format(self.row, c as u16, *t, &self.st.header)?;
        }
        self.next();
        Ok(())
    }

    fn heading(&mut self, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(self.row, 0, text, &self.st.bold)?;
        self.next();
        Ok(())
    }

    fn text(&mut self, col: u16, text: &str) -> Result<(), XlsxError> {
        if !text.is_empty() {
            self.ws.write_string(self.row, col, text)?;
        }
        Ok(())
    }

    fn num(&mut self, col: u16, v: f64, format: &Format) -> Result<(), XlsxError> {
        if v.is_finite() {
            self.ws.write_number_with_format(self.row, col, v, format)?;
        }
        Ok(())
    }

    fn euro(&mut self, col: u16, v: f64) -> Result<(), XlsxError> {
        self.num(col, v, &self.st.euro)
    }

    fn percent(&mut self, col: u16, v: f64) -> Result<(), XlsxError> {
        self.num(col, v, &self.st.percent)
    }

    fn plain(&mut self, col: u16, v: impl Into<f64>) -> Result<(), XlsxError> {
        self.ws.write_number(self.row, col, v.into())?;
        Ok(())
    }

    /// A label in the first column and a text in the second, then the next row.
    fn pair(&mut self, label: &str, value: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(self.row, 0, label, &self.st.bold)?;
        self.text(1, value)?;
        self.next();
        Ok(())
    }
}

fn category(c: Category) -> &'static str {
    match c {
        Category::Stenen => "Stenen",
        Category::Sociaal => "Sociaal",
        Category::Beleid => "Beleid",
        Category::Combinatie => "Combinatie",
    }
}

fn kind(k: FlowKind) -> &'static str {
    match k {
        FlowKind::Cost => "kosten",
        FlowKind::Benefit => "baten",
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "ja" } else { "nee" }
}

/// A discount rate for a header: 0.0225 → "2,25 %".
fn rate_label(r: f64) -> String {
    let n = wikken_core::format::number(r * 100.0, 2);
    let n = n.trim_end_matches('0').trim_end_matches(',');
    format!("{n} %")
}

fn option_name<'a>(doc: &'a CaseDoc, id: &'a str) -> &'a str {
    doc.option(id).map_or(id, |o| o.spec.name.as_str())
}

fn actor_name<'a>(doc: &'a CaseDoc, id: &'a str) -> &'a str {
    doc.actors
        .iter()
        .find(|a| a.id == id)
        .map_or(id, |a| a.name.as_str())
}

/// value(t) of the spec: the undiscounted amount of a flow in year index
/// `t`, with growth and (for benefits) the SROI adjustments; 0 outside its
/// years or the horizon.
pub fn value_in_year(flow: &Flow, horizon_years: i64, t: i64) -> f64 {
    if t < flow.from_year || t > flow.last_year() || t >= horizon_years {
        return 0.0;
    }
    let k = (t - flow.from_year) as i32;
    let adjust = match (&flow.adjust, flow.kind) {
        (Some(a), FlowKind::Benefit) => {
            (1.0 - a.deadweight)
                * (1.0 - a.attribution)
                * (1.0 - a.displacement)
                * (1.0 - a.drop_off).powi(k)
        }
        _ => 1.0,
    };
    flow.amount * (1.0 + flow.growth).powi(k) * adjust
}

fn afweging(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
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
        "Besluitmoment",
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

fn opties(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
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

fn stromen_per_jaar(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
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

fn resultaten(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
    let (m, r) = (&input.analysis.model, &input.analysis.report);
    let rates: Vec<String> = m
        .sensitivity_rates
        .iter()
        .map(|&x| format!("Saldo bij {}", rate_label(x)))
        .collect();
    let mut titles = vec![
        "Optie",
        "Categorie",
        "PV kosten",
        "PV baten",
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
    ]);
    out.header(&titles)?;
    for o in &r.options {
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

fn effectenarena(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
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
    out.heading(
        "Voorstel kostendeling: de kosten van een optie naar rato van de baten per partij",
    )?;
    out.header(&[
        "Optie",
        "Partij",
        "PV kosten",
        "PV baten",
        "Saldo",
        "Voorgestelde bijdrage",
        "Saldo na deling",
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
            out.euro(5, cell.proposed_contribution)?;
            out.euro(6, cell.net_after_sharing)?;
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

fn weging(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
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
    for c in &m.criteria {
        out.text(0, &c.name)?;
        out.text(
            1,
            match c.direction {
                wikken_core::model::Direction::Max => "meer is beter",
                wikken_core::model::Direction::Min => "minder is beter",
            },
        )?;
        out.percent(2, mca.weights[&c.id])?;
        for (k, s) in m.weight_sets.iter().enumerate() {
            out.percent(3 + k as u16, s.weights[&c.id])?;
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

fn portefeuille(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
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
    out.next();
    let mut titles = vec![
        "Budgetniveau",
        "Budget",
        "Gekozen opties",
        "Saldo",
        "Besteed",
    ];
    let spent: Vec<String> = CATEGORIES
        .iter()
        .map(|c| format!("Besteed {}", c.as_str()))
        .collect();
    titles.extend(spent.iter().map(String::as_str));
    out.header(&titles)?;
    for s in &an.budget_steps {
        out.percent(0, s.factor)?;
        out.euro(1, s.max)?;
        let names: Vec<&str> = s.selected.iter().map(|id| option_name(doc, id)).collect();
        out.text(2, &names.join(", "))?;
        out.euro(3, s.objective)?;
        out.euro(4, s.spent)?;
        for (k, c) in CATEGORIES.iter().enumerate() {
            out.euro(
                5 + k as u16,
                s.spent_by_category.get(c).copied().unwrap_or(0.0),
            )?;
        }
        out.next();
    }
    Ok(())
}

fn gevoeligheid(out: &mut Out<'_>, input: &ReportInput<'_>) -> Result<(), XlsxError> {
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

#[cfg(test)]
#[path = "xlsx_tests.rs"]
mod tests;
