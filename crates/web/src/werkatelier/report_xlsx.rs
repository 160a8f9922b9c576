//! The werkatelier's record as a workbook: the rounds and who took part,
//! the weights per shown role and together (whole percentages adding up
//! to 100 per column), the dissent figures with their formulas, the
//! anonymised answers of the shown rounds and the pins. Written like the
//! afweging's workbook ([`crate::case_report::xlsx`]): Dutch headers,
//! shares as percentages.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use wikken_core::format;
use wikken_core::werkatelier::live::Round;
use wikken_core::werkatelier::live::setup::pin_category_label;
use wikken_core::werkatelier::{Consensus, Weights, WorkshopResult};

use super::dissent;
use super::map::MapBuurt;
use super::report::{
    FORMULAS, answer_lines, answer_rounds, answer_text, criterion_figures, round_counts, state_text,
};
use super::screen_view::AGGREGATION;
use super::session::Session;
use crate::case_report::xlsx::{Out, Styles};

/// Excel number format of whole percentages.
const WHOLE_PERCENT: &str = "0%";

type SheetFn = fn(&mut Out<'_>, &Sheet<'_>) -> Result<(), XlsxError>;

/// What every sheet reads.
struct Sheet<'a> {
    session: &'a Session,
    areas: &'a [MapBuurt],
    whole: Format,
}

/// The workbook of a werkatelier, as bytes of an .xlsx file.
pub fn workbook(session: &Session, areas: &[MapBuurt]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let st = Styles::new();
    let input = Sheet {
        session,
        areas,
        whole: Format::new().set_num_format(WHOLE_PERCENT),
    };
    let sheets: [(&str, SheetFn); 5] = [
        ("Rondes", rondes),
        ("Gewichten", gewichten),
        ("Verschil", verschil),
        ("Antwoorden", antwoorden),
        ("Spelden", spelden),
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

fn rondes(out: &mut Out<'_>, input: &Sheet<'_>) -> Result<(), XlsxError> {
    let s = input.session;
    let w = &s.workshop;
    out.ws
        .write_string_with_format(0, 0, &w.title, &out.st.title)?;
    out.next();
    out.pair("Geopend", &crate::dates::when(w.created_at))?;
    out.pair("Stand", &state_text(s))?;
    out.pair("Deelnemers", &s.participants.len().to_string())?;
    out.pair(
        "Rol apart tonen vanaf",
        &format!("{} deelnemers", w.setup.min_role_size),
    )?;
    out.next();
    out.header(&[
        "Ronde",
        "Stand",
        "Sinds",
        "Beantwoord",
        "Herzien",
        "Spelden",
    ])?;
    for r in &s.rounds {
        out.text(0, r.round.label())?;
        out.text(1, r.state.label())?;
        if r.state != wikken_core::werkatelier::live::RoundState::Wacht {
            out.text(2, &crate::dates::when(r.changed_at))?;
            if r.round == Round::Spelden {
                out.plain(5, s.pins.len() as f64)?;
            } else {
                let (answered, revised) = s.answered(r.round);
                out.plain(3, answered as f64)?;
                out.plain(4, revised as f64)?;
            }
        } else {
            out.text(3, &round_counts(s, r.round, r.state))?;
        }
        out.next();
    }
    out.next();
    out.heading("Deelname per rol (aantallen, geen antwoorden)")?;
    let rounds: Vec<Round> = w
        .setup
        .rounds
        .iter()
        .copied()
        .filter(|r| *r != Round::Spelden)
        .collect();
    let titles: Vec<String> = ["Rol".to_string(), "Deelnemers".to_string()]
        .into_iter()
        .chain(rounds.iter().map(|r| format!("Beantwoord: {}", r.label())))
        .collect();
    out.header(&titles.iter().map(String::as_str).collect::<Vec<_>>())?;
    let per_round: Vec<Vec<(String, usize, usize)>> =
        rounds.iter().map(|r| s.answered_by_role(*r)).collect();
    for (i, role) in w.setup.roles.iter().enumerate() {
        out.text(0, &role.label)?;
        let members = s.participants.iter().filter(|p| p.role == role.id).count();
        out.plain(1, members as f64)?;
        for (k, p) in per_round.iter().enumerate() {
            out.plain(2 + k as u16, p[i].2 as f64)?;
        }
        out.next();
    }
    out.next();
    out.heading("Herzieningen")?;
    out.header(&["Ronde", "Wie", "Hoe ver", "Reden"])?;
    for l in answer_lines(s).iter().filter(|l| l.revised) {
        out.text(0, l.round.label())?;
        out.text(1, &l.who())?;
        out.text(2, l.moved.as_deref().unwrap_or(""))?;
        out.text(3, l.reason.unwrap_or("geen reden gegeven"))?;
        out.next();
    }
    Ok(())
}

/// Weight columns: (header, weights).
type Columns = Vec<(String, Weights)>;

/// A role's figures: id, participants, shown, weights.
type RoleFigures<'a> = (&'a str, usize, bool, &'a Weights);

/// The weight columns of one method: (header, weights), shown roles then
/// together; and the roles not shown with their size.
fn weight_columns(
    s: &Session,
    result: &WorkshopResult,
    round: Round,
) -> Option<(Columns, Vec<String>)> {
    let label = |role: &str, n: usize| format!("{} (n = {n})", s.role_label(role));
    let (roles, together): (Vec<RoleFigures<'_>>, (usize, &Weights)) = match round {
        Round::Paarsgewijs => {
            let a = result.ahp.as_ref()?;
            (
                a.by_role
                    .iter()
                    .map(|r| (r.role.as_str(), r.n, r.shown, &r.weights))
                    .collect(),
                (a.participants.len(), &a.combined),
            )
        }
        _ => {
            let p = result.points.as_ref()?;
            (
                p.by_role
                    .iter()
                    .map(|r| (r.role.as_str(), r.n, r.shown, &r.weights))
                    .collect(),
                (p.by_role.iter().map(|r| r.n).sum(), &p.combined),
            )
        }
    };
    let mut columns: Columns = roles
        .iter()
        .filter(|r| r.2)
        .map(|r| (label(r.0, r.1), r.3.clone()))
        .collect();
    columns.push((format!("Samen (n = {})", together.0), together.1.clone()));
    let hidden = roles
        .iter()
        .filter(|r| !r.2)
        .map(|r| label(r.0, r.1))
        .collect();
    Some((columns, hidden))
}

fn gewichten(out: &mut Out<'_>, input: &Sheet<'_>) -> Result<(), XlsxError> {
    let s = input.session;
    let setup = &s.workshop.setup;
    let Some(result) = &s.outcome.result else {
        out.pair("Gewichten", "Nog geen onthulde weegronde.")?;
        return Ok(());
    };
    let mut any = false;
    for (round, title) in [
        (Round::Punten, "Gewichten uit 100 punten"),
        (
            Round::Paarsgewijs,
            "Gewichten uit paarsgewijs vergelijken (AHP)",
        ),
    ] {
        if !setup.has(round) || !s.shows(round) {
            continue;
        }
        let Some((columns, hidden)) = weight_columns(s, result, round) else {
            continue;
        };
        any = true;
        out.heading(&format!("{title} (hele procenten, per kolom samen 100 %)"))?;
        let mut titles = vec!["Criterium"];
        titles.extend(columns.iter().map(|(h, _)| h.as_str()));
        out.header(&titles)?;
        let whole: Vec<Vec<u32>> = columns
            .iter()
            .map(|(_, w)| {
                let shares: Vec<f64> = setup
                    .criteria
                    .iter()
                    .map(|c| w.get(&c.id).copied().unwrap_or(0.0))
                    .collect();
                let mut v = format::whole_percents(&shares);
                v.resize(setup.criteria.len(), 0);
                v
            })
            .collect();
        for (i, c) in setup.criteria.iter().enumerate() {
            out.text(0, &c.label)?;
            for (k, col) in whole.iter().enumerate() {
                out.num(1 + k as u16, f64::from(col[i]) / 100.0, &input.whole)?;
            }
            out.next();
        }
        if !hidden.is_empty() {
            out.pair(
                "Niet apart getoond",
                &format!(
                    "{} (minder dan {} deelnemers; wel meegeteld in ‘samen’)",
                    hidden.join(", "),
                    setup.min_role_size
                ),
            )?;
        }
        out.next();
    }
    if !any {
        out.pair("Gewichten", "Nog geen onthulde weegronde.")?;
    }
    out.pair("Berekening", AGGREGATION)?;
    Ok(())
}

fn consensus(out: &mut Out<'_>, who: &str, c: &Option<Consensus>) -> Result<(), XlsxError> {
    out.text(0, "Consensus S*")?;
    out.text(1, who)?;
    match c {
        Some(c) => {
            out.num(2, c.s_star, &out.st.ratio)?;
            out.text(3, c.label)?;
        }
        None => out.text(3, "minder dan 2 deelnemers")?,
    }
    out.next();
    Ok(())
}

fn verschil(out: &mut Out<'_>, input: &Sheet<'_>) -> Result<(), XlsxError> {
    let s = input.session;
    let setup = &s.workshop.setup;
    out.header(&["Maat", "Voor", "Waarde", "Oordeel"])?;
    if let Some(result) = &s.outcome.result {
        if let Some(p) = &result.points {
            for (id, sd) in &p.spread {
                out.text(0, "Spreiding van de punten (clr)")?;
                out.text(
                    1,
                    setup
                        .criteria
                        .iter()
                        .find(|c| c.id == *id)
                        .map_or(id.as_str(), |c| c.label.as_str()),
                )?;
                match sd {
                    Some(sd) => out.num(2, *sd, &out.st.ratio)?,
                    None => out.text(3, "minder dan 2 deelnemers")?,
                }
                out.next();
            }
        }
        if let Some(a) = &result.ahp {
            consensus(out, "Iedereen", &a.consensus)?;
            for r in a.by_role.iter().filter(|r| r.shown) {
                consensus(out, &s.role_label(&r.role), &r.consensus)?;
            }
            for r in a.by_role.iter().filter(|r| r.shown) {
                out.text(0, "Consistentieratio (AIJ)")?;
                out.text(1, &s.role_label(&r.role))?;
                out.num(2, r.cr, &out.st.ratio)?;
                out.text(
                    3,
                    if r.cr > 0.1 {
                        "boven 0,10: tegenstrijdig"
                    } else {
                        "in orde"
                    },
                )?;
                out.next();
            }
        }
        if let Some(r) = &result.ranks {
            out.text(0, "Kendall’s W")?;
            out.text(1, &format!("{} deelnemers", r.participants))?;
            match r.kendall_w {
                Some(w) => out.num(2, w, &out.st.ratio)?,
                None => out.text(3, "niet te berekenen")?,
            }
            out.next();
        }
        let ids: Vec<String> = setup.criteria.iter().map(|c| c.id.clone()).collect();
        if let Some(settled) =
            dissent::settled(result, &ids, |r| setup.role(r).map_or(1.0, |x| x.weight))
            && let Some(found) = settled.most_different_shown()
        {
            out.text(0, "Meest afwijkende rol")?;
            out.text(1, settled.source)?;
            match found {
                Ok(i) => out.text(3, &s.role_label(&settled.roles[i].0))?,
                Err(()) => out.text(3, dissent::SMALL_ROLE)?,
            }
            out.next();
        }
    }
    out.next();
    out.heading("Formules")?;
    out.header(&["Maat", "Berekening", "Lezen"])?;
    for (what, how, read) in FORMULAS {
        out.text(0, what)?;
        out.text(1, how)?;
        out.text(2, read)?;
        out.next();
    }
    out.pair("Combineren", AGGREGATION)?;
    Ok(())
}

fn antwoorden(out: &mut Out<'_>, input: &Sheet<'_>) -> Result<(), XlsxError> {
    let s = input.session;
    let setup = &s.workshop.setup;
    out.pair(
        "Toelichting",
        "Eén rij per deelnemer per onthulde ronde, met het laatste antwoord. Deelnemers heten d1, d2, … in de volgorde van aanmelden; geen namen. De rol staat er alleen bij als de rol groot genoeg is om apart te tonen. Per criterium: de punten (100 punten) of de eigen gewichten (paarsgewijs).",
    )?;
    out.next();
    let mut titles = vec!["Ronde", "Deelnemer", "Rol", "Herzien"];
    titles.extend(setup.criteria.iter().map(|c| c.label.as_str()));
    titles.extend(["Consistentieratio", "Antwoord"]);
    out.header(&titles)?;
    let n = setup.criteria.len() as u16;
    let rounds = answer_rounds(s);
    for l in answer_lines(s).iter().filter(|l| rounds.contains(&l.round)) {
        out.text(0, l.round.label())?;
        out.text(1, &l.id)?;
        out.text(2, l.role.as_deref().unwrap_or(""))?;
        out.text(3, if l.revised { "ja" } else { "nee" })?;
        match (l.round, criterion_figures(s, l)) {
            (Round::Punten, Some((v, _))) => {
                for (k, x) in v.iter().enumerate() {
                    out.plain(4 + k as u16, *x)?;
                }
            }
            (Round::Paarsgewijs, Some((v, cr))) => {
                for (k, x) in v.iter().enumerate() {
                    out.num(4 + k as u16, f64::from(*x) / 100.0, &input.whole)?;
                }
                if let Some(cr) = cr {
                    out.num(4 + n, cr, &out.st.ratio)?;
                }
            }
            _ => out.text(5 + n, &answer_text(s, l.body))?,
        }
        out.next();
    }
    Ok(())
}

fn spelden(out: &mut Out<'_>, input: &Sheet<'_>) -> Result<(), XlsxError> {
    let s = input.session;
    out.header(&["Categorie", "Tekst", "Buurt", "Eens", "Oneens", "Probleem"])?;
    for p in &s.pins {
        out.text(0, pin_category_label(&p.category).unwrap_or("Anders"))?;
        out.text(1, &p.text)?;
        if let Some(code) = &p.area_code {
            let name = input
                .areas
                .iter()
                .find(|(c, _, _)| c == code)
                .map_or(code.as_str(), |(_, n, _)| n.as_str());
            out.text(2, name)?;
        }
        out.plain(3, p.agree as f64)?;
        out.plain(4, p.disagree as f64)?;
        if let Some(problem) = p
            .merged_into
            .as_deref()
            .and_then(|id| s.problems.iter().find(|x| x.id == id))
        {
            out.text(5, &problem.text)?;
        }
        out.next();
    }
    if s.pins.is_empty() {
        out.text(0, "Geen spelden.")?;
    }
    Ok(())
}
