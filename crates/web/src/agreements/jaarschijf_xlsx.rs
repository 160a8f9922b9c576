//! The jaarschijf as a workbook, written like the afweging's and the
//! werkatelier's: Dutch headers, numbers as numbers (plain, as the goal
//! maths computed them, so they agree with `wikken doelen`), euros as
//! euros. Sheets: the goals (off-course first) with their figures and
//! story, their series per year, the year's actions per party, and the
//! budgets and contributions.

use rust_xlsxwriter::{Workbook, XlsxError};
use wikken_core::agreement::{Agreement, CommitmentStatus};
use wikken_core::goals::{self, Direction};

use super::GoalCourse;
use super::course::off_course_first;
use super::jaarschijf::{party_actions, status_year, story};
use crate::case_report::xlsx::{Out, Styles};

/// The header of the goals sheet; the test reads the columns by name.
pub const GOAL_COLUMNS: [&str; 30] = [
    "Id",
    "Doel",
    "Thema",
    "Gebied",
    "Indicator",
    "Eenheid",
    "Richting",
    "Nulmeting jaar",
    "Nulmeting",
    "Streefjaar",
    "Streefwaarde",
    "Doel op koers?",
    "Laatste jaar",
    "Laatste cijfer",
    "Planwaarde",
    "Voortgang",
    "Jaren voor (+) of achter (−)",
    "Kans",
    "Trend per jaar",
    "Trend laag",
    "Trend hoog",
    "Verwachting streefjaar",
    "Verwachting laag",
    "Verwachting hoog",
    "Volgend cijfer",
    "Achterstallig",
    "Wat verklaart de ontwikkeling?",
    "Wat doen de partners nu?",
    "Besluit",
    "Bijsturen",
];

fn opt(out: &mut Out<'_>, col: u16, x: Option<f64>) -> Result<(), XlsxError> {
    match x {
        Some(v) if v.is_finite() => out.plain(col, v),
        _ => Ok(()),
    }
}

fn doelen(
    out: &mut Out<'_>,
    doc: &Agreement,
    year: i32,
    courses: &[GoalCourse],
) -> Result<(), XlsxError> {
    out.ws.write_string_with_format(
        0,
        0,
        format!("{}: jaarschijf {year}", doc.title),
        &out.st.title,
    )?;
    out.next();
    out.pair("Gemeente", &doc.gemeente_name)?;
    out.pair("Stand tot en met", &year.to_string())?;
    let eval = doc.evaluation(year);
    out.pair(
        "Evaluatie",
        &eval
            .and_then(|e| e.closed_by.as_ref())
            .map_or("open".to_string(), |by| format!("afgesloten door {by}")),
    )?;
    out.next();
    out.header(&GOAL_COLUMNS)?;
    for c in off_course_first(courses) {
        let g = &c.goal;
        let s = &c.assessment;
        out.text(0, &g.id)?;
        out.text(1, &g.title)?;
        out.text(2, g.theme.label())?;
        out.text(3, &g.area.name)?;
        out.text(4, &g.indicator.name)?;
        out.text(5, &g.indicator.unit)?;
        out.text(
            6,
            match g.direction {
                Direction::Up => "hoger is beter",
                Direction::Down => "lager is beter",
            },
        )?;
        out.plain(7, g.baseline.year)?;
        out.plain(8, g.baseline.value)?;
        out.plain(9, g.target.year)?;
        out.plain(10, g.target.value)?;
        out.text(11, s.status.label())?;
        if let Some(p) = &s.latest {
            out.plain(12, p.year)?;
            out.plain(13, p.value)?;
        }
        opt(out, 14, s.plan_value)?;
        opt(out, 15, s.progress_ratio)?;
        opt(out, 16, s.years_ahead)?;
        if let Some(ch) = s.chance {
            out.percent(17, ch)?;
        }
        if let Some(t) = &s.trend {
            for (k, v) in [
                t.slope,
                t.slope_low,
                t.slope_high,
                t.forecast,
                t.forecast_low,
                t.forecast_high,
            ]
            .into_iter()
            .enumerate()
            {
                opt(out, 18 + k as u16, Some(v))?;
            }
        }
        out.plain(24, s.next_due)?;
        out.text(25, if s.stale { "ja" } else { "nee" })?;
        if let Some(st) = story(eval, &g.id) {
            out.text(26, &st.story)?;
            out.text(27, &st.next)?;
        }
        if let Some(m) = &g.motivated_by {
            out.text(28, &m.title)?;
        }
        let follow: Vec<&str> = g.follow_ups.iter().map(|f| f.title.as_str()).collect();
        out.text(29, &follow.join("; "))?;
        out.next();
    }
    Ok(())
}

fn cijfers(out: &mut Out<'_>, courses: &[GoalCourse]) -> Result<(), XlsxError> {
    out.header(&["Id", "Doel", "Jaar", "Cijfer", "Planlijn"])?;
    for c in off_course_first(courses) {
        for p in c.series.observations.iter().filter(|p| p.year <= c.as_of) {
            out.text(0, &c.goal.id)?;
            out.text(1, &c.goal.title)?;
            out.plain(2, p.year)?;
            out.plain(3, p.value)?;
            out.plain(4, goals::plan_value(&c.series, f64::from(p.year)))?;
            out.next();
        }
    }
    Ok(())
}

fn agenda(out: &mut Out<'_>, doc: &Agreement, year: i32) -> Result<(), XlsxError> {
    let judged = status_year(year);
    out.ws.write_string_with_format(
        0,
        0,
        format!("Uitvoeringsagenda {year} (status beoordeeld in {judged})"),
        &out.st.title,
    )?;
    out.next();
    out.header(&[
        "Partij",
        "Actie",
        "Rol",
        "Taak",
        "Prestatie",
        "Budget",
        "Status",
        "Datum",
        "Notitie",
        "Afspraak nagekomen?",
    ])?;
    for p in &doc.parties {
        for (a, budget) in party_actions(doc, &p.name, year) {
            out.text(0, &p.name)?;
            out.text(1, &a.title)?;
            out.text(
                2,
                if a.lead == p.name {
                    "kartrekker"
                } else {
                    "partner"
                },
            )?;
            if let Some(r) = a.roles.iter().find(|r| r.party == p.name) {
                out.text(3, &r.task)?;
            }
            out.text(4, &a.measure)?;
            out.euro(5, budget)?;
            out.text(6, a.status.status.label())?;
            out.text(7, &a.status.date)?;
            out.text(8, &a.status.note)?;
            out.text(9, CommitmentStatus::of(a, judged).label())?;
            out.next();
        }
    }
    Ok(())
}

fn budgetten(out: &mut Out<'_>, doc: &Agreement, year: i32) -> Result<(), XlsxError> {
    out.heading(&format!("Budget per partij in de acties van {year}"))?;
    out.header(&["Partij", "Acties", "Budget"])?;
    let mut total = 0.0;
    for p in &doc.parties {
        let mine = party_actions(doc, &p.name, year);
        let budget: f64 = mine.iter().map(|(_, b)| b).sum();
        total += budget;
        out.text(0, &p.name)?;
        out.plain(1, mine.len() as f64)?;
        out.euro(2, budget)?;
        out.next();
    }
    out.text(0, "Totaal")?;
    out.euro(2, total)?;
    out.next();
    out.next();
    out.heading("Bijdragen aan de doelen")?;
    out.header(&["Id", "Doel", "Partij", "Bijdrage"])?;
    for g in &doc.goals {
        for c in &g.contributions {
            out.text(0, &g.id)?;
            out.text(1, &g.title)?;
            out.text(2, &c.party)?;
            out.euro(3, c.amount)?;
            out.next();
        }
    }
    Ok(())
}

/// The jaarschijf of `year`, as bytes of an .xlsx file.
pub fn workbook(doc: &Agreement, year: i32, courses: &[GoalCourse]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let st = Styles::new();
    for name in ["Doelen", "Cijfers", "Uitvoeringsagenda", "Budgetten"] {
        let ws = book.add_worksheet().set_name(name)?;
        let mut out = Out {
            ws,
            st: &st,
            row: 0,
        };
        match name {
            "Doelen" => doelen(&mut out, doc, year, courses)?,
            "Cijfers" => cijfers(&mut out, courses)?,
            "Uitvoeringsagenda" => agenda(&mut out, doc, year)?,
            _ => budgetten(&mut out, doc, year)?,
        }
        out.ws.autofit();
    }
    book.save_to_buffer()
}
