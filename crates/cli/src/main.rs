//! `wikken`: the command line of Wikken. Thin: it reads files and prints;
//! every figure comes from `wikken-core`.

mod accounts;
mod backup;
mod doelen;
mod download;
mod evaluate;
mod import;
mod import_own;
mod serve;
mod sjabloon;
mod table;
mod werkatelier;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Wikken: weigh stenen, sociaal and beleid in the wijk, explainably.
#[derive(Parser)]
#[command(name = "wikken", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate an afwegingsmodel file (MKBA, MCA, Monte Carlo, tornado, portfolio).
    Evaluate {
        /// The model file (JSON, shared/spec/model-v1.md); `-` reads standard input.
        file: String,
        /// Output: a readable Dutch table, or the spec's JSON.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Monte Carlo iterations (overrides the file's uncertainty.iterations),
        /// 1 to 1.000.000, and at most 8.000.000 iterations × options.
        #[arg(long, value_parser = iterations)]
        iterations: Option<i64>,
        /// Monte Carlo seed (overrides the file's uncertainty.seed).
        #[arg(long)]
        seed: Option<u64>,
        /// Stop the portfolio solver after this many seconds with the best
        /// selection found (`optimal: false` and its `gap`); without it the
        /// answer is always proven optimal.
        #[arg(long, value_name = "SECONDEN", value_parser = parse_seconds)]
        time_limit: Option<std::time::Duration>,
    },
    /// Combine a werkatelier's answers (shared/spec/groups-and-goals-v1.md, part 1).
    Werkatelier {
        /// The answers file (JSON); `-` reads standard input.
        file: String,
        /// Output: a readable Dutch table, or the spec's JSON.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Say for each goal whether it is on course (shared/spec/groups-and-goals-v1.md, part 2).
    Doelen {
        /// The goals file (JSON); `-` reads standard input.
        file: String,
        /// Output: a readable Dutch table, or the spec's JSON.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print the JSON Schema of the model file, for editors.
    Schema,
    /// Import data into the database (each file all-or-nothing).
    Import {
        #[command(subcommand)]
        what: ImportKind,
        /// The database: sqlite:PATH (created when missing) or postgres://...
        #[arg(
            long,
            env = "WIKKEN_DATABASE_URL",
            default_value = "sqlite:wikken.db",
            global = true
        )]
        database_url: String,
        /// The organisation (corporatie) the data is for (see `wikken
        /// organisatie`). Without it: the database's only organisation (e.g.
        /// the demo of `wikken serve`).
        #[arg(long, global = true)]
        organisation: Option<String>,
    },
    /// Serve the web app. An empty database first gets the fictional demo
    /// and a first beheerder, whose login is printed.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "WIKKEN_ADDRESS", default_value = "127.0.0.1:8080")]
        address: std::net::SocketAddr,
        /// The database: sqlite:PATH (created when missing) or postgres://...
        #[arg(long, env = "WIKKEN_DATABASE_URL", default_value = "sqlite:wikken.db")]
        database_url: String,
        /// Send session cookies only over HTTPS, and HSTS (behind a TLS proxy).
        #[arg(long)]
        secure_cookies: bool,
        /// Behind a reverse proxy: take the client's address from the last
        /// X-Forwarded-For entry (for throttling failed logins per address).
        #[arg(long, env = "WIKKEN_TRUST_PROXY")]
        trust_proxy: bool,
        /// Seconds the portfolio solver may take per solve; then the page
        /// shows the best selection found and says it is not proven optimal.
        #[arg(long, env = "WIKKEN_TIME_LIMIT", value_name = "SECONDEN", default_value = "10", value_parser = parse_seconds)]
        time_limit: std::time::Duration,
    },
    /// Organisations (corporaties) on this server: add one with its first
    /// beheerder, or list them.
    Organisatie {
        #[command(subcommand)]
        what: accounts::OrganisationCommand,
        /// The database: sqlite:PATH (created when missing) or postgres://...
        #[arg(
            long,
            env = "WIKKEN_DATABASE_URL",
            default_value = "sqlite:wikken.db",
            global = true
        )]
        database_url: String,
    },
    /// User accounts: add, give a temporary password, disable, enable.
    Gebruiker {
        #[command(subcommand)]
        what: accounts::UserCommand,
        /// The database: sqlite:PATH (created when missing) or postgres://...
        #[arg(
            long,
            env = "WIKKEN_DATABASE_URL",
            default_value = "sqlite:wikken.db",
            global = true
        )]
        database_url: String,
        /// The organisation; without it, the database's only one.
        #[arg(long, global = true)]
        organisatie: Option<String>,
    },
    /// Write a consistent copy of the SQLite database to FILE, also while
    /// `wikken serve` runs (PostgreSQL: use pg_dump, see the README).
    Backup {
        /// The new file (it must not exist yet).
        file: String,
        /// The database: sqlite:PATH.
        #[arg(long, env = "WIKKEN_DATABASE_URL", default_value = "sqlite:wikken.db")]
        database_url: String,
    },
    /// Put a backup made by `wikken backup` back as the database. Stop
    /// `wikken serve` first: a database in use is refused.
    Restore {
        /// The backup file.
        file: String,
        /// The database to replace: sqlite:PATH.
        #[arg(long, env = "WIKKEN_DATABASE_URL", default_value = "sqlite:wikken.db")]
        database_url: String,
    },
    /// Write the template for the corporation's own data (complexen,
    /// kengetallen, definities): PATH ending in .xlsx gives a workbook, a
    /// directory (or PATH ending in /) one CSV file per sheet.
    Sjabloon {
        /// eigen-gegevens.xlsx, or a directory such as sjabloon/.
        path: String,
        /// Replace files that exist.
        #[arg(long)]
        force: bool,
    },
}

/// What `import` reads.
#[derive(Subcommand)]
enum ImportKind {
    /// CBS Kerncijfers wijken en buurten (CBS's CSV download, or the
    /// flattened CSVs per level; a file with a `jaar` column holds several years).
    Kwb {
        /// One or more CSV files; all are checked before any is written.
        #[arg(required = true)]
        files: Vec<String>,
        /// The year of the figures, for files without a `jaar` column.
        #[arg(long)]
        year: Option<i32>,
    },
    /// Leefbaarometer 3.0 scores (leefbaarometer.nl's open data, CSV): the
    /// total score and its five dimensions per buurt, wijk or gemeente and
    /// year (columns bu_code, wk_code or gm_code, jaar, lbm, fys, onv, soc,
    /// vrz, won).
    Leefbaarometer {
        /// One or more CSV files; all are checked before any is written.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Area boundaries for maps: GeoJSON or TopoJSON of gemeenten, wijken
    /// or buurten (WGS84 or RD New), with the CBS code in statcode,
    /// buurtcode, wijkcode, gemeentecode, code or gwb_code_10.
    Grenzen {
        /// One or more files; all are checked before any is written.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// CBS Kerncijfers wijken en buurten of one gemeente and year, downloaded
    /// from CBS's open data (the gemeente, its wijken and buurten), with the
    /// boundaries from PDOK saved next to the database for `import grenzen`.
    Cbs {
        /// The gemeente: GM0855 (or 0855).
        #[arg(long)]
        gemeente: String,
        /// The year of the figures (the KWB edition), 2017 to 2025.
        #[arg(long)]
        jaar: i32,
        /// Do not download the boundaries.
        #[arg(long)]
        zonder_grenzen: bool,
        /// CBS's open-data service (OData v3 Feed), or a stand-in for it.
        #[arg(long, env = "WIKKEN_CBS_URL", default_value = wikken_data::cbs_odata::CBS_FEED_URL)]
        cbs_url: String,
        /// PDOK's service host, or a stand-in for it.
        #[arg(long, env = "WIKKEN_PDOK_URL", default_value = wikken_data::pdok::PDOK_URL)]
        pdok_url: String,
    },
    /// The corporation's own data: complexes and own indicators, from the
    /// template (`wikken sjabloon`) as XLSX or as CSV files, one per sheet.
    /// See docs/eigen-gegevens.md.
    Eigen {
        /// One or more XLSX or CSV files; all are checked (also against the
        /// database) before any is written.
        #[arg(required = true)]
        files: Vec<String>,
    },
}

/// `--iterations`: a whole number from 1 to [`wikken_core::limits::ITERATIONS`],
/// refused in Dutch (clap exits with status 2).
fn iterations(text: &str) -> Result<i64, String> {
    let n: i64 = text
        .trim()
        .parse()
        .map_err(|_| format!("\"{text}\" is geen heel getal"))?;
    if n < 1 {
        return Err(format!("{n} trekkingen: het minimum is 1"));
    }
    wikken_core::limits::ITERATIONS
        .check_u64(n as u64)
        .map_err(|e| e.to_string())?;
    Ok(n)
}

/// How `evaluate`, `werkatelier` and `doelen` print their result.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Dutch tables for people.
    Table,
    /// The spec's JSON output.
    Json,
}

/// The organisation an import is for: the one named, else the database's
/// only one. An import never creates an organisation (nobody could log in
/// to it): `wikken organisatie toevoegen` does, with its first beheerder.
fn organisation_for(database_url: &str, named: Option<String>) -> Result<String, ExitCode> {
    // A database that does not exist yet is not created just to look.
    if let Some(path) = database_url.strip_prefix("sqlite:") {
        let path = path.trim_start_matches("//");
        let path = path.split('?').next().unwrap_or(path);
        if !std::path::Path::new(path).exists() {
            eprintln!(
                "wikken: database {database_url} bestaat nog niet; maak eerst een organisatie: wikken organisatie toevoegen NAAM --beheerder E-MAILADRES"
            );
            return Err(ExitCode::from(2));
        }
    }
    let found = tokio::runtime::Runtime::new()
        .map_err(|e| e.to_string())
        .and_then(|rt| {
            rt.block_on(async {
                let store = wikken_storage::Store::connect(database_url).await?;
                let found = accounts::resolve_organisation(&store, named.as_deref()).await;
                store.close().await;
                found
            })
            .map_err(|e| e.to_string())
        });
    match found {
        Ok(Ok((_, name))) => Ok(name),
        Ok(Err(refusal)) => {
            eprintln!("wikken: {refusal}");
            Err(ExitCode::from(2))
        }
        Err(e) => {
            eprintln!("wikken: database {database_url}: {e}");
            Err(ExitCode::from(1))
        }
    }
}

/// A time limit in seconds (a Dutch decimal comma is fine): more than 0,
/// at most an hour.
fn parse_seconds(text: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = text
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| format!("\"{text}\" is geen aantal seconden"))?;
    if !(seconds > 0.0 && seconds <= 3600.0) {
        return Err(format!(
            "{text} seconden: kies meer dan 0 en hoogstens 3600"
        ));
    }
    Ok(std::time::Duration::from_secs_f64(seconds))
}

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if let Command::Import {
        database_url,
        organisation,
        ..
    } = &mut cli.command
    {
        match organisation_for(database_url, organisation.take()) {
            Ok(name) => *organisation = Some(name),
            Err(code) => return code,
        }
    }
    match cli.command {
        Command::Evaluate {
            file,
            format,
            iterations,
            seed,
            time_limit,
        } => evaluate::run(&file, format, iterations, seed, time_limit),
        Command::Werkatelier { file, format } => werkatelier::run(&file, format),
        Command::Doelen { file, format } => doelen::run(&file, format),
        Command::Import {
            what: ImportKind::Kwb { files, year },
            database_url,
            organisation,
        } => import::kwb(
            &files,
            year,
            &database_url,
            organisation.as_deref().unwrap_or_default(),
        ),
        Command::Import {
            what: ImportKind::Leefbaarometer { files },
            database_url,
            organisation,
        } => import::leefbaarometer(
            &files,
            &database_url,
            organisation.as_deref().unwrap_or_default(),
        ),
        Command::Import {
            what: ImportKind::Grenzen { files },
            database_url,
            organisation,
        } => import::grenzen(
            &files,
            &database_url,
            organisation.as_deref().unwrap_or_default(),
        ),
        Command::Import {
            what:
                ImportKind::Cbs {
                    gemeente,
                    jaar,
                    zonder_grenzen,
                    cbs_url,
                    pdok_url,
                },
            database_url,
            organisation,
        } => download::cbs(
            &download::Request {
                gemeente: &gemeente,
                year: jaar,
                boundaries: !zonder_grenzen,
                cbs_url: &cbs_url,
                pdok_url: &pdok_url,
            },
            &database_url,
            organisation.as_deref().unwrap_or_default(),
        ),
        Command::Import {
            what: ImportKind::Eigen { files },
            database_url,
            organisation,
        } => import_own::run(
            &files,
            &database_url,
            organisation.as_deref().unwrap_or_default(),
        ),
        Command::Sjabloon { path, force } => sjabloon::run(&path, force),
        Command::Backup { file, database_url } => backup::backup(&file, &database_url),
        Command::Restore { file, database_url } => backup::restore(&file, &database_url),
        Command::Organisatie { what, database_url } => accounts::organisation(what, &database_url),
        Command::Gebruiker {
            what,
            database_url,
            organisatie,
        } => accounts::user(what, &database_url, organisatie.as_deref()),
        Command::Serve {
            address,
            database_url,
            secure_cookies,
            trust_proxy,
            time_limit,
        } => serve::run(serve::ServeArgs {
            address,
            database_url,
            settings: wikken_web::Settings {
                secure_cookies,
                trust_proxy,
                solver_time_limit: time_limit,
            },
        }),
        Command::Schema => {
            let schema = wikken_core::model_schema();
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).expect("schema serialises")
            );
            ExitCode::SUCCESS
        }
    }
}
