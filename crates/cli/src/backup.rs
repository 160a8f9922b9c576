//! `wikken backup` and `wikken restore`: a consistent copy of the SQLite
//! database, made while the server runs, and putting one back. For
//! PostgreSQL they say to use `pg_dump` and `pg_restore`.

use std::path::Path;
use std::process::ExitCode;

use wikken_storage::{RestoreError, Store, sqlite_path};

/// Exit status for a refusal (wrong file, PostgreSQL, database in use).
const REFUSED: u8 = 2;

/// What to say for a PostgreSQL URL.
fn postgres_advice(what: &str) -> String {
    format!(
        "wikken {what} werkt alleen met een SQLite-database. Gebruik voor PostgreSQL \
         pg_dump en pg_restore: pg_dump -Fc -f wikken.dump URL en pg_restore --clean \
         --if-exists -d URL wikken.dump (zie README, Back-up en herstel)."
    )
}

/// `wikken backup FILE`: a consistent copy of the SQLite database at
/// `database_url`, also while `wikken serve` uses it.
pub fn backup(file: &str, database_url: &str) -> ExitCode {
    let Some(db) = sqlite_path(database_url) else {
        eprintln!("wikken: {}", postgres_advice("backup"));
        return ExitCode::from(REFUSED);
    };
    if !db.exists() {
        eprintln!(
            "wikken: database {} bestaat niet; er is niets om te bewaren",
            db.display()
        );
        return ExitCode::from(REFUSED);
    }
    let out = Path::new(file);
    if out.exists() {
        eprintln!(
            "wikken: {file} bestaat al; kies een nieuwe bestandsnaam (een back-up overschrijft niets)"
        );
        return ExitCode::from(REFUSED);
    }
    let done = runtime().block_on(async {
        let store = Store::connect(database_url).await?;
        let done = store.backup_sqlite(out).await;
        store.close().await;
        done
    });
    match done {
        Ok(()) => {
            println!("Back-up van {} geschreven naar {file}.", db.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("wikken: back-up naar {file} mislukt: {e}");
            ExitCode::from(1)
        }
    }
}

/// `wikken restore FILE`: the backup `file` becomes the SQLite database at
/// `database_url` (refused while a server has it open).
pub fn restore(file: &str, database_url: &str) -> ExitCode {
    let Some(db) = sqlite_path(database_url) else {
        eprintln!("wikken: {}", postgres_advice("restore"));
        return ExitCode::from(REFUSED);
    };
    match runtime().block_on(wikken_storage::restore_sqlite(Path::new(file), &db)) {
        Ok(()) => {
            println!("{file} teruggezet als {}.", db.display());
            ExitCode::SUCCESS
        }
        Err(RestoreError::Refused(why)) => {
            eprintln!("wikken: {why}");
            ExitCode::from(REFUSED)
        }
        Err(e) => {
            eprintln!("wikken: terugzetten van {file} mislukt: {e}");
            ExitCode::from(1)
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().expect("a tokio runtime")
}
