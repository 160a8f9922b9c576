//! `wikken import eigen`: the corporation's own data (complexen,
//! kengetallen, definities) from XLSX workbooks or CSV files. Every file is
//! read and checked first, also against the database; only when all are
//! sound is each imported, in its own transaction.

use std::process::ExitCode;
use std::time::Instant;

use wikken_storage::{OrganisationId, OwnFile, OwnImportError, StorageError, Store};

/// Exit status for files that cannot be imported.
const BAD_INPUT: u8 = 2;

/// Imports own-data files for `organisation`.
pub fn run(files: &[String], database_url: &str, organisation: &str) -> ExitCode {
    let mut read: Vec<(String, Vec<u8>)> = Vec::new();
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

    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let result = runtime.block_on(async {
        let store = Store::connect(database_url).await?;
        let outcome = check_and_import(&store, read, bad, organisation).await;
        store.close().await;
        outcome
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

async fn check_and_import(
    store: &Store,
    read: Vec<(String, Vec<u8>)>,
    mut bad: bool,
    organisation: &str,
) -> Result<ExitCode, StorageError> {
    // Until the checks pass, nothing is created: a new organisation is
    // checked under an id no row has (ids are UUIDs).
    let existing = store.organisation_named(organisation).await?;
    let check_org = existing
        .clone()
        .unwrap_or_else(|| OrganisationId("nog niet aangemaakt".to_string()));
    let parsed = match store.check_own_files(&check_org, read).await? {
        Ok(files) => files,
        Err(problems) => {
            for (file, list) in problems {
                for p in list {
                    eprintln!("{file}: {p}");
                }
            }
            bad = true;
            Vec::new()
        }
    };
    if bad {
        eprintln!("Niets geïmporteerd.");
        return Ok(ExitCode::from(BAD_INPUT));
    }

    let org = match existing {
        Some(org) => org,
        None => store.ensure_organisation(organisation).await?,
    };
    for OwnFile {
        name: file,
        bytes,
        data,
    } in &parsed
    {
        let bar = crate::import::spinner(format!(
            "{file}: {} complexen, {} waarden",
            data.complexes.len(),
            data.values.len()
        ));
        let started = Instant::now();
        let result = store.import_own_data(&org, file, bytes, data).await;
        bar.finish_and_clear();
        let summary = match result {
            Ok(summary) => summary,
            Err(OwnImportError::Storage(e)) => return Err(e),
            Err(OwnImportError::Invalid(problems)) => {
                // Only when the database changed since the checks.
                for p in problems {
                    eprintln!("{file}: {p}");
                }
                eprintln!("{file}: niet geïmporteerd");
                return Ok(ExitCode::from(BAD_INPUT));
            }
        };
        let seconds = started.elapsed().as_secs_f64();
        if summary.applied {
            println!(
                "{file}: {} complexen, {} indicatoren en {} waarden geïmporteerd in {:.1} s ({:.0} rijen per seconde)",
                data.complexes.len(),
                data.indicators.len(),
                data.values.len(),
                seconds,
                (data.complexes.len() + data.values.len()) as f64 / seconds.max(1e-9)
            );
        } else {
            println!("{file}: dit bestand is al eerder geïmporteerd; niets gewijzigd");
        }
    }
    Ok(ExitCode::SUCCESS)
}
