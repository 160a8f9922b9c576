//! `wikken import`: files into the database, each all-or-nothing.

use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use wikken_data::caps::{MAX_LBM_FILE_BYTES, dutch_count};
use wikken_data::geo::{BoundarySet, parse_boundaries};
use wikken_data::{Dataset, parse_kwb, parse_leefbaarometer};
use wikken_storage::{ImportKind, Store};

/// Exit status for files that cannot be imported.
pub(crate) const BAD_INPUT: u8 = 2;

/// Imports KWB files: every file is read and checked first, so a bad one
/// stops the run before anything is written; then each is imported in its
/// own transaction.
pub fn kwb(
    files: &[String],
    year: Option<i32>,
    database_url: &str,
    organisation: &str,
) -> ExitCode {
    let mut parsed: Vec<(&str, Vec<u8>, Dataset)> = Vec::new();
    let mut bad = false;
    for file in files {
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{file}: kan het bestand niet lezen: {e}");
                bad = true;
                continue;
            }
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            eprintln!("{file}: geen UTF-8-tekst (sla het op als CSV UTF-8)");
            bad = true;
            continue;
        };
        match parse_kwb(text, year) {
            Ok(data) => parsed.push((file, bytes, data)),
            Err(problems) => {
                for p in problems {
                    eprintln!("{file}: {p}");
                }
                bad = true;
            }
        }
    }
    if bad {
        eprintln!("Niets geïmporteerd.");
        return ExitCode::from(BAD_INPUT);
    }

    exit_status(store(&parsed, database_url, organisation))
}

/// A file's bytes, reading at most `max` (a larger file is refused
/// without reading it whole).
fn read_at_most(file: &str, max: usize) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(max as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{file}: kan het bestand niet lezen: {e}"))?;
    if bytes.len() > max {
        return Err(format!(
            "{file}: het bestand is groter dan {} bytes, meer dan Wikken uit één \
             Leefbaarometer-bestand leest",
            dutch_count(max)
        ));
    }
    Ok(bytes)
}

/// Imports Leefbaarometer files: every file is read and checked first, so
/// a bad one stops the run before anything is written; then each is
/// imported in its own transaction, saying which areas were new.
pub fn leefbaarometer(files: &[String], database_url: &str, organisation: &str) -> ExitCode {
    let mut parsed: Vec<(&str, Vec<u8>, Dataset)> = Vec::new();
    let mut bad = false;
    for file in files {
        let bytes = match read_at_most(file, MAX_LBM_FILE_BYTES) {
            Ok(b) => b,
            Err(message) => {
                eprintln!("{message}");
                bad = true;
                continue;
            }
        };
        match parse_leefbaarometer(&bytes) {
            Ok(data) => parsed.push((file, bytes, data)),
            Err(problems) => {
                for p in problems {
                    eprintln!("{file}: {p}");
                }
                bad = true;
            }
        }
    }
    if bad {
        eprintln!("Niets geïmporteerd.");
        return ExitCode::from(BAD_INPUT);
    }
    exit_status(store_leefbaarometer(&parsed, database_url, organisation))
}

/// Imports checked Leefbaarometer datasets, each in its own transaction,
/// with a spinner, a line per file and its notes.
fn store_leefbaarometer(
    parsed: &[(&str, Vec<u8>, Dataset)],
    database_url: &str,
    organisation: &str,
) -> Result<(), wikken_storage::StorageError> {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(async {
        let store = Store::connect(database_url).await?;
        let org = store.ensure_organisation(organisation).await?;
        for (file, bytes, data) in parsed {
            let bar = spinner(format!(
                "{file}: {} gebieden, {} waarden",
                data.areas.len(),
                data.observations.len()
            ));
            let done = store.import_leefbaarometer(&org, file, bytes, data).await?;
            bar.finish_and_clear();
            if done.summary.applied {
                println!(
                    "{file}: {} gebieden en {} waarden van de Leefbaarometer geïmporteerd",
                    done.summary.areas, done.summary.observations
                );
                for note in done.notes() {
                    println!("{file}: {note}");
                }
            } else {
                println!("{file}: al eerder geïmporteerd (dezelfde gegevens); niets gewijzigd");
            }
        }
        store.close().await;
        Ok(())
    })
}

/// Imports parsed datasets, each under its label (a file name, or where a
/// download came from) in its own transaction, with a spinner and one line
/// per dataset: the rows and rows per second, or that the same bytes were
/// imported before (then nothing changes).
pub(crate) fn store(
    parsed: &[(&str, Vec<u8>, Dataset)],
    database_url: &str,
    organisation: &str,
) -> Result<(), wikken_storage::StorageError> {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(async {
        let store = Store::connect(database_url).await?;
        let org = store.ensure_organisation(organisation).await?;
        for (file, bytes, data) in parsed {
            let bar = spinner(format!("{file}: {} gebieden, {} waarden", data.areas.len(), data.observations.len()));
            let started = Instant::now();
            let summary = store.import_dataset(&org, ImportKind::Kwb, file, bytes, data).await?;
            bar.finish_and_clear();
            let seconds = started.elapsed().as_secs_f64();
            if summary.applied {
                println!(
                    "{file}: {} gebieden en {} waarden geïmporteerd in {:.1} s ({:.0} rijen per seconde)",
                    summary.areas,
                    summary.observations,
                    seconds,
                    (summary.areas + summary.observations) as f64 / seconds.max(1e-9)
                );
            } else {
                println!("{file}: al eerder geïmporteerd (dezelfde gegevens); niets gewijzigd");
            }
        }
        store.close().await;
        Ok(())
    })
}

/// A boundary file that passed the check: its name, bytes, boundaries and
/// how long reading and checking took.
pub(crate) struct CheckedBoundaries {
    file: String,
    bytes: Vec<u8>,
    set: BoundarySet,
    checked_in: std::time::Duration,
}

/// Checks boundary files (label, bytes): every problem is printed with the
/// label, every repair as a warning. `None` when any is bad.
pub(crate) fn check_boundaries(files: Vec<(String, Vec<u8>)>) -> Option<Vec<CheckedBoundaries>> {
    let mut checked = Vec::new();
    let mut bad = false;
    for (file, bytes) in files {
        let started = Instant::now();
        match parse_boundaries(&bytes) {
            Ok(set) => {
                for note in &set.notes {
                    eprintln!("{file}: waarschuwing: {note}");
                }
                checked.push(CheckedBoundaries {
                    file,
                    bytes,
                    set,
                    checked_in: started.elapsed(),
                });
            }
            Err(problems) => {
                for p in problems {
                    eprintln!("{file}: {p}");
                }
                bad = true;
            }
        }
    }
    (!bad).then_some(checked)
}

/// Imports boundary files (GeoJSON or TopoJSON): every file is read and
/// checked first, so a bad one stops the run before anything is written;
/// what a file's check repaired or left out is printed as a warning. Then
/// each file is imported in its own transaction.
pub fn grenzen(files: &[String], database_url: &str, organisation: &str) -> ExitCode {
    let mut read = Vec::new();
    let mut bad = false;
    for file in files {
        match std::fs::read(file) {
            Ok(bytes) => read.push((file.clone(), bytes)),
            Err(e) => {
                eprintln!("{file}: kan het bestand niet lezen: {e}");
                bad = true;
            }
        }
    }
    let checked = check_boundaries(read);
    let Some(checked) = checked.filter(|_| !bad) else {
        eprintln!("Niets geïmporteerd.");
        return ExitCode::from(BAD_INPUT);
    };
    exit_status(store_boundaries(&checked, database_url, organisation))
}

/// A spinner with a message and the time taken, while one file is stored.
pub(crate) fn spinner(message: String) -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("template"));
    bar.set_message(message);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Success, or the storage error printed and a failing exit status.
fn exit_status(result: Result<(), wikken_storage::StorageError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Imports checked boundary files, each in its own transaction, with a
/// spinner and a line per file.
pub(crate) fn store_boundaries(
    checked: &[CheckedBoundaries],
    database_url: &str,
    organisation: &str,
) -> Result<(), wikken_storage::StorageError> {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(async {
        let store = Store::connect(database_url).await?;
        let org = store.ensure_organisation(organisation).await?;
        for c in checked {
            let file = c.file.as_str();
            let bar = spinner(format!("{file}: {} grenzen", c.set.boundaries.len()));
            let started = Instant::now();
            let summary = store.import_boundaries(&org, file, &c.bytes, &c.set).await?;
            bar.finish_and_clear();
            let seconds = (started.elapsed() + c.checked_in).as_secs_f64();
            if summary.applied {
                let warnings = match c.set.notes.len() {
                    0 => String::new(),
                    1 => "; 1 waarschuwing".to_string(),
                    n => format!("; {n} waarschuwingen"),
                };
                println!(
                    "{file}: {} grenzen geïmporteerd in {:.2} s ({:.0} gebieden per seconde){warnings}",
                    summary.areas,
                    seconds,
                    summary.areas as f64 / seconds.max(1e-9)
                );
            } else {
                println!("{file}: dit bestand is al eerder geïmporteerd; niets gewijzigd");
            }
        }
        store.close().await;
        Ok(())
    })
}
