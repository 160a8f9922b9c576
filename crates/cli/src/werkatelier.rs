//! `wikken werkatelier`: read a werkatelier's answers, combine them, print
//! (part 1 of shared/spec/groups-and-goals-v1.md).

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::process::ExitCode;

use wikken_core::engine::ahp::CR_THRESHOLD;
use wikken_core::format::{number, percent};
use wikken_core::werkatelier::{
    AhpGroupResult, Answers, Consensus, PointsResult, RanksResult, WorkshopResult,
    evaluate_answers, parse_answers,
};

use crate::Format;
use crate::table::{heading, table};

/// Exit status for a file that breaks the spec (and for one that cannot be read).
const BAD_INPUT: u8 = 2;

/// Runs the command; problems go to standard error, one per line.
pub fn run(file: &str, format: Format) -> ExitCode {
    let text = match read(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{file}: cannot read the file: {e}");
            return ExitCode::from(BAD_INPUT);
        }
    };
    let answers = match parse_answers(&text) {
        Ok(a) => a,
        Err(problems) => {
            for p in problems.iter() {
                eprintln!("{p}");
            }
            return ExitCode::from(BAD_INPUT);
        }
    };
    let result = evaluate_answers(&answers);
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&result).expect("a result serialises") + "\n",
        Format::Table => render(&answers, &result),
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

fn read(file: &str) -> std::io::Result<String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(file)
    }
}

/// The Dutch tables for people.
pub fn render(a: &Answers, r: &WorkshopResult) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Werkatelier: {} criteria, {} {}, {} {}",
        a.criteria.len(),
        a.roles.len(),
        if a.roles.len() == 1 { "rol" } else { "rollen" },
        a.answers.len(),
        if a.answers.len() == 1 {
            "deelnemer"
        } else {
            "deelnemers"
        },
    );
    if let Some(p) = &r.points {
        points(&mut out, a, p);
    }
    if let Some(h) = &r.ahp {
        ahp(&mut out, a, h);
    }
    if let Some(k) = &r.ranks {
        ranks(&mut out, k);
    }
    if r.points.is_none() && r.ahp.is_none() && r.ranks.is_none() {
        let _ = writeln!(out, "\nNog geen antwoorden met punten, AHP of scores.");
    }
    out
}

/// The column header of a role with its number of participants: "gemeente (4)".
fn role_header(role: &str, n: usize) -> String {
    format!("{role} ({n})")
}

/// Says what the number after a role is.
const ROLE_NOTE: &str = "Tussen haakjes: het aantal deelnemers van de rol.";

/// The cell of a hidden role (on the first row only).
fn too_small(a: &Answers) -> String {
    format!("(te klein: n < {})", a.min_role_size)
}

fn consensus_text(c: Option<&Consensus>) -> String {
    match c {
        Some(c) => format!("{} — {}", number(c.s_star, 2), c.label),
        None => "– (minder dan 2 deelnemers)".to_string(),
    }
}

fn points(out: &mut String, a: &Answers, p: &PointsResult) {
    heading(out, "Gewichten per rol (100 punten)");
    let mut header = vec!["Criterium".to_string()];
    header.extend(p.by_role.iter().map(|r| role_header(&r.role, r.n)));
    header.push("Samen".into());
    header.push("Spreiding".into());
    let mut t = table(header);
    for (i, c) in a.criteria.iter().enumerate() {
        let mut row = vec![c.clone()];
        for r in &p.by_role {
            row.push(match (r.shown, i) {
                (true, _) => percent(r.weights[c], 1),
                (false, 0) => too_small(a),
                (false, _) => String::new(),
            });
        }
        row.push(percent(p.combined[c], 1));
        row.push(p.spread[c].map_or("–".into(), |s| number(s, 2)));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(
        out,
        "{ROLE_NOTE}\nSpreiding: standaardafwijking van de log-verhoudingen (clr) over alle deelnemers."
    );
    if let Some(role) = &p.most_different_role {
        let _ = writeln!(out, "Meest afwijkende rol: {role}");
    }
}

fn ahp(out: &mut String, a: &Answers, h: &AhpGroupResult) {
    heading(out, "Gewichten per rol (AHP: AIJ per rol, AIP samen)");
    let mut header = vec!["Criterium".to_string()];
    header.extend(h.by_role.iter().map(|r| role_header(&r.role, r.n)));
    header.push("Samen".into());
    let mut t = table(header);
    for (i, c) in a.criteria.iter().enumerate() {
        let mut row = vec![c.clone()];
        for r in &h.by_role {
            row.push(match (r.shown, i) {
                (true, _) => percent(r.weights[c], 1),
                (false, 0) => too_small(a),
                (false, _) => String::new(),
            });
        }
        row.push(percent(h.combined[c], 1));
        t.add_row(row);
    }
    let mut cr = vec!["CR".to_string()];
    let mut s = vec!["Consensus (S*)".to_string()];
    for r in &h.by_role {
        if r.shown {
            cr.push(number(r.cr, 2));
            s.push(consensus_text(r.consensus.as_ref()));
        } else {
            cr.push(String::new());
            s.push(String::new());
        }
    }
    cr.push(String::new());
    s.push(String::new());
    t.add_row(cr);
    t.add_row(s);
    let _ = writeln!(out, "{t}");
    let _ = writeln!(out, "{ROLE_NOTE}");
    let _ = writeln!(
        out,
        "Consensus (S*): {}",
        consensus_text(h.consensus.as_ref())
    );
    let inconsistent: Vec<&str> = h
        .participants
        .iter()
        .filter(|p| p.cr > CR_THRESHOLD)
        .map(|p| p.participant.as_str())
        .collect();
    if !inconsistent.is_empty() {
        let _ = writeln!(
            out,
            "Te inconsistent (CR > 0,10): {}",
            inconsistent.join(", ")
        );
    }
}

fn ranks(out: &mut String, k: &RanksResult) {
    heading(out, "Volgorde van de opties");
    let people = if k.participants == 1 {
        "1 deelnemer".to_string()
    } else {
        format!("{} deelnemers", k.participants)
    };
    let w = k
        .kendall_w
        .map_or("– (niet te berekenen)".to_string(), |w| number(w, 2));
    let _ = writeln!(out, "Kendall's W: {w} ({people})");
}
