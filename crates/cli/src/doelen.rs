//! `wikken doelen`: read goals and their indicator series, say where each
//! stands, print (part 2 of shared/spec/groups-and-goals-v1.md).

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::process::ExitCode;

use wikken_core::format::{number, percent};
use wikken_core::goals::{
    Assessment, Direction, GoalsFile, Trend, assess, default_as_of, read as read_goals,
    to_output_json,
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
    let goals = match read_goals(&text) {
        Ok(g) => g,
        Err(problems) => {
            for p in problems.iter() {
                eprintln!("{p}");
            }
            return ExitCode::from(BAD_INPUT);
        }
    };
    let assessments = assess(&goals);
    let text = match format {
        Format::Json => {
            serde_json::to_string_pretty(&to_output_json(&assessments)).expect("JSON serialises")
                + "\n"
        }
        Format::Table => render(&goals, &assessments),
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

/// The Dutch table for people.
pub fn render(file: &GoalsFile, assessments: &[Assessment]) -> String {
    let mut out = String::new();
    let Some(as_of) = file.as_of.or_else(|| default_as_of(&file.goals)) else {
        let _ = writeln!(out, "Geen doelen in het bestand.");
        return out;
    };
    let n = file.goals.len();
    heading(
        &mut out,
        &format!(
            "Doelen op koers? Stand {as_of} ({n} {})",
            if n == 1 { "doel" } else { "doelen" }
        ),
    );
    let mut t = table(
        [
            "Doel",
            "Status",
            "Laatste cijfer",
            "Voortgang",
            "Voor of achter",
            "Volgend cijfer",
        ]
        .map(String::from)
        .to_vec(),
    );
    for a in assessments {
        t.add_row(vec![
            a.id.clone(),
            a.status.label().to_string(),
            a.latest
                .map_or(DASH.into(), |p| format!("{} ({})", value(p.value), p.year)),
            a.progress_ratio.map_or(DASH.into(), |r| number(r, 2)),
            a.years_ahead.map_or(DASH.into(), years_ahead),
            if a.stale {
                format!("{} (achterstallig)", a.next_due)
            } else {
                a.next_due.to_string()
            },
        ]);
    }
    let _ = writeln!(out, "{t}");
    heading(&mut out, "Planlijn en trend");
    let mut t = table(
        [
            "Doel",
            "Nulmeting",
            "Streefwaarde",
            "Planwaarde",
            "Trend in streefjaar",
            "90 %-band",
            "Kans",
        ]
        .map(String::from)
        .to_vec(),
    );
    for (g, a) in file.goals.iter().zip(assessments) {
        let better = match g.direction {
            Direction::Up => "↑",
            Direction::Down => "↓",
        };
        t.add_row(vec![
            a.id.clone(),
            format!("{} ({})", value(g.baseline.value), g.baseline.year),
            format!("{better} {} ({})", value(g.target.value), g.target.year),
            a.plan_value.map_or(DASH.into(), value),
            a.trend.as_ref().map_or(DASH.into(), |t| value(t.forecast)),
            a.trend.as_ref().map_or(DASH.into(), band),
            a.chance.map_or(DASH.into(), |c| percent(c, 0)),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(
        out,
        "Voortgang: (laatste cijfer − nulmeting) / (planwaarde − nulmeting); op koers vanaf 0,95, achter vanaf 0,75, daaronder ver achter.\n\
         Voor of achter: hoeveel jaar eerder of later de planlijn het laatste cijfer bereikt.\n\
         Streefwaarde: ↑ hoger is beter, ↓ lager is beter. Planwaarde: de planlijn in het jaar van het laatste cijfer.\n\
         Trend: Theil–Sen met minstens 3 cijfers (de nulmeting telt mee); kans: het gewogen aandeel van de paren jaren waarmee de streefwaarde gehaald wordt (recente paren tellen zwaarder).\n\
         Achterstallig: het volgende cijfer had er al moeten zijn."
    );
    out
}

/// Shown where there is no figure.
const DASH: &str = "–";

/// A value with at most 2 decimals, trailing zeros left off: "6,6", "7", "1.250".
fn value(x: f64) -> String {
    let text = number(x, 2);
    if text.contains(',') {
        text.trim_end_matches('0').trim_end_matches(',').to_string()
    } else {
        text
    }
}

/// "1,5 jaar voor", "2,0 jaar achter", or "op de planlijn".
fn years_ahead(y: f64) -> String {
    let size = number(y.abs(), 1);
    if size == "0,0" {
        "op de planlijn".into()
    } else if y > 0.0 {
        format!("{size} jaar voor")
    } else {
        format!("{size} jaar achter")
    }
}

/// "6,8 – 7,4".
fn band(t: &Trend) -> String {
    format!("{} – {}", value(t.forecast_low), value(t.forecast_high))
}
