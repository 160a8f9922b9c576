//! `wikken evaluate`: read, validate, evaluate, print.

use std::io::{Read, Write};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use wikken_core::{EvalError, Model, evaluate, parse_model};
use wikken_highs::Highs;

use crate::Format;

/// Exit status for a file that breaks the spec (and for one that cannot be read).
const BAD_INPUT: u8 = 2;

/// Runs the command; problems go to standard error, one per line.
pub fn run(
    file: &str,
    format: Format,
    iterations: Option<i64>,
    seed: Option<u64>,
    time_limit: Option<std::time::Duration>,
) -> ExitCode {
    let text = match read(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{file}: cannot read the file: {e}");
            return ExitCode::from(BAD_INPUT);
        }
    };
    let mut model = match parse_model(&text) {
        Ok(model) => model,
        Err(problems) => {
            for p in problems.iter() {
                eprintln!("{p}");
            }
            return ExitCode::from(BAD_INPUT);
        }
    };
    if let Some(n) = iterations {
        model.uncertainty.iterations = n;
    }
    if let Some(s) = seed {
        model.uncertainty.seed = s;
    }

    let bar = progress_bar(&model);
    let tick = |done: u64, _total: u64| bar.set_position(done);
    let solver = Highs {
        time_limit,
        ..Highs::default()
    };
    let result = evaluate(&model, &solver, Some(&tick));
    bar.finish_and_clear();
    let report = match result {
        Ok(report) => report,
        Err(EvalError::Invalid(problems)) => {
            for p in problems.iter() {
                eprintln!("{p}");
            }
            return ExitCode::from(BAD_INPUT);
        }
        Err(EvalError::Solve(e)) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&report).expect("a report serialises") + "\n",
        Format::Table => crate::table::render(&model, &report),
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

/// A bar on standard error for the Monte Carlo (hidden when stderr is not a terminal).
fn progress_bar(model: &Model) -> ProgressBar {
    if !model.has_uncertainty() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(model.uncertainty.iterations as u64);
    bar.set_style(
        ProgressStyle::with_template("Monte Carlo {bar:40} {pos}/{len} trekkingen ({eta})")
            .expect("a valid template"),
    );
    bar
}
