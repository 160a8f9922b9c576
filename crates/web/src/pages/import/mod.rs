//! Importing data from the browser: CBS Kerncijfers, the Leefbaarometer,
//! boundaries and the corporation's own data. Every file is checked first (all problems named
//! by file, row and column); only when all are good is each stored, in one
//! transaction. The same file twice changes nothing.

mod template;
mod view;

use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use wikken_data::caps::{MAX_IMPORT_BYTES, MAX_IMPORT_FILE_BYTES, MAX_IMPORT_FILES};
use wikken_data::own::parse_own_upload;
use wikken_storage::{ImportId, ImportKind, ImportSummary, OrganisationId, Store};

use crate::AppState;
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};
use crate::{multipart, parsing};
pub(crate) use view::date;
use view::{Outcome, kind_label};

/// What kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Kwb,
    Leefbaarometer,
    Boundaries,
    Own,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        match s {
            "kwb" => Some(Kind::Kwb),
            "leefbaarometer" => Some(Kind::Leefbaarometer),
            "grenzen" => Some(Kind::Boundaries),
            "eigen" => Some(Kind::Own),
            _ => None,
        }
    }
}

/// A checked file, ready to store.
enum Parsed {
    Kwb(wikken_data::Dataset),
    Leefbaarometer(wikken_data::Dataset),
    Boundaries(wikken_data::geo::BoundarySet),
    Own(wikken_data::own::OwnData),
}

/// An uploaded file.
struct Upload {
    name: String,
    bytes: Vec<u8>,
}

/// Checks one file; the problems in Dutch when it is not good.
fn check(
    kind: Kind,
    file: &Upload,
    year: Option<i32>,
) -> Result<(Parsed, Vec<String>), Vec<String>> {
    let show =
        |p: Vec<wikken_data::ImportIssue>| p.iter().map(ToString::to_string).collect::<Vec<_>>();
    match kind {
        Kind::Kwb => {
            let text = std::str::from_utf8(&file.bytes).map_err(|e| {
                vec![format!(
                    "het bestand is geen UTF-8-tekst (byte {})",
                    e.valid_up_to()
                )]
            })?;
            wikken_data::parse_kwb(text, year)
                .map(|d| (Parsed::Kwb(d), vec![]))
                .map_err(show)
        }
        Kind::Leefbaarometer => wikken_data::parse_leefbaarometer(&file.bytes)
            .map(|d| (Parsed::Leefbaarometer(d), vec![]))
            .map_err(show),
        Kind::Boundaries => wikken_data::geo::parse_boundaries(&file.bytes)
            .map(|b| {
                let notes = show(b.notes.clone());
                (Parsed::Boundaries(b), notes)
            })
            .map_err(show),
        // Checked as one upload, against the database: see `check_own`.
        Kind::Own => Err(vec![
            "eigen gegevens worden per upload gecontroleerd".into(),
        ]),
    }
}

/// Stores one checked file in one transaction; what it did, with notes
/// on it (areas that were new).
async fn store(
    store: &Store,
    org: &OrganisationId,
    file: &Upload,
    parsed: &Parsed,
) -> Result<(ImportSummary, Vec<String>), Vec<String>> {
    let internal = |e: wikken_storage::StorageError| match e {
        wikken_storage::StorageError::Busy(_) => vec![crate::error::DATABASE_BUSY.to_string()],
        e => vec![format!("opslaan mislukt: {e}")],
    };
    match parsed {
        Parsed::Kwb(d) => store
            .import_dataset(org, ImportKind::Kwb, &file.name, &file.bytes, d)
            .await
            .map(|s| (s, vec![]))
            .map_err(internal),
        Parsed::Leefbaarometer(d) => store
            .import_leefbaarometer(org, &file.name, &file.bytes, d)
            .await
            .map(|i| (i.summary.clone(), i.notes()))
            .map_err(internal),
        Parsed::Boundaries(b) => store
            .import_boundaries(org, &file.name, &file.bytes, b)
            .await
            .map(|s| (s, vec![]))
            .map_err(internal),
        Parsed::Own(d) => store
            .import_own_data(org, &file.name, &file.bytes, d)
            .await
            .map(|s| (s, vec![]))
            .map_err(|e| match e {
                wikken_storage::OwnImportError::Invalid(p) => {
                    p.iter().map(ToString::to_string).collect()
                }
                wikken_storage::OwnImportError::Storage(e) => internal(e),
            }),
    }
}

/// The import page with what the upload did: 422 when a file was not
/// stored.
async fn page(app: &AppState, ctx: &Ctx, outcomes: &[Outcome]) -> Result<Response, AppError> {
    let history = app.store.imports(&ctx.user.org).await?;
    let limits = format!(
        "(hoogstens {MAX_IMPORT_FILES}, elk tot {})",
        crate::body_limit::size(MAX_IMPORT_FILE_BYTES)
    );
    let csrf = ctx.user.role.can_edit().then_some(ctx.csrf.as_str());
    let view = view::build(outcomes, &history, csrf, limits);
    let status = if view.failed() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = layout::page(
        ctx,
        Section::Import,
        "Gegevens importeren",
        template::render(&view),
    );
    Ok((status, body).into_response())
}

/// GET /import
pub async fn form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    page(&app, &ctx, &[]).await
}

/// GET /import/{id}: one import.
pub async fn detail(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Markup, AppError> {
    let i = app
        .store
        .import(&ctx.user.org, &ImportId::from(id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(layout::page(
        &ctx,
        Section::Import,
        "Import",
        html! {
            (layout::breadcrumbs(&[("Gegevens importeren", Some("/import".into())), (&i.file_name, None)]))
            h1 { "Import van " (i.file_name) }
            dl.facts {
                dt { "Soort" } dd { (kind_label(i.kind)) }
                dt { "Wanneer" } dd { (date(i.created_at)) }
                dt { "Gebieden of objecten" } dd { (i.areas) }
                dt { "Waarden" } dd { (i.observations) }
            }
        },
    ))
}

/// What the import form may send.
const IMPORT_FORM: multipart::Limits = multipart::Limits {
    body: MAX_IMPORT_BYTES,
    files: MAX_IMPORT_FILES,
    file_bytes: MAX_IMPORT_FILE_BYTES,
};

/// The year typed for CBS files without a year column: empty, or a year
/// from 1990 to 2100.
fn parse_year(text: &str) -> Result<Option<i32>, String> {
    match text.trim() {
        "" => Ok(None),
        t => t
            .parse::<i32>()
            .ok()
            .filter(|y| (1990..=2100).contains(y))
            .map(Some)
            .ok_or_else(|| format!("Jaar \"{t}\" is geen jaartal.")),
    }
}

/// POST /import (multipart: `_csrf`, `soort`, `jaar`, `bestand`...).
pub async fn upload(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    form: Multipart,
) -> Result<Response, AppError> {
    let bad = |m: String| AppError::Status(StatusCode::BAD_REQUEST, m);
    // Before the body is read: a user who may not import sends nothing big.
    if !ctx.user.role.can_edit() {
        return Err(AppError::forbidden());
    }
    let form = multipart::read(form, IMPORT_FORM).await?;
    let sent_csrf = form.text("_csrf").to_string();
    let kind = Kind::parse(form.text("soort"));
    let year_text = form.text("jaar").to_string();
    let files: Vec<Upload> = form
        .files
        .into_iter()
        .filter(|f| f.field == "bestand")
        .map(|f| Upload {
            name: f.name,
            bytes: f.bytes,
        })
        .collect();
    csrf.check(&sent_csrf)?;
    let kind = kind.ok_or_else(|| bad("Kies de soort gegevens.".into()))?;
    let year = parse_year(&year_text).map_err(bad)?;
    if files.is_empty() {
        return Err(bad("Kies een of meer bestanden.".into()));
    }
    let outcomes = if kind == Kind::Own {
        own_upload(&app, &ctx, files).await?
    } else {
        cbs_upload(&app, &ctx, kind, year, files).await?
    };
    page(&app, &ctx, &outcomes).await
}

/// CBS figures, Leefbaarometer scores or boundaries: every file checked first; only when all are
/// good is each stored, in its own transaction, until one fails.
async fn cbs_upload(
    app: &AppState,
    ctx: &Ctx,
    kind: Kind,
    year: Option<i32>,
    files: Vec<Upload>,
) -> Result<Vec<Outcome>, AppError> {
    // Check every file first (CPU work off the async threads).
    let checked = parsing::parse(move || {
        files
            .into_iter()
            .map(|f| {
                let r = check(kind, &f, year);
                (f, r)
            })
            .collect::<Vec<_>>()
    })
    .await?;
    if checked.iter().any(|(_, r)| r.is_err()) {
        return Ok(checked
            .into_iter()
            .map(|(f, r)| Outcome::refused(f.name, r.err().unwrap_or_default(), vec![]))
            .collect());
    }
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut failed = false;
    for (f, r) in checked {
        let Ok((parsed, notes)) = r else { continue };
        if failed {
            let why = vec!["niet geïmporteerd omdat een eerder bestand faalde".into()];
            outcomes.push(Outcome::refused(f.name, why, notes));
            continue;
        }
        match store(&app.store, &ctx.user.org, &f, &parsed).await {
            Ok((s, more)) => {
                let notes = notes.into_iter().chain(more).collect();
                outcomes.push(Outcome::stored(f.name, notes, s));
            }
            Err(errors) => {
                failed = true;
                outcomes.push(Outcome::refused(f.name, errors, notes));
            }
        }
    }
    Ok(outcomes)
}

/// Own data: every file parsed and checked against the database as one
/// upload (definitions and complexes before the figures that use them),
/// then each stored in its own transaction.
async fn own_upload(
    app: &AppState,
    ctx: &Ctx,
    files: Vec<Upload>,
) -> Result<Vec<Outcome>, AppError> {
    let named: Vec<(String, Vec<u8>)> = files.into_iter().map(|f| (f.name, f.bytes)).collect();
    let known = app.store.own_indicators(&ctx.user.org).await?;
    // Parsing is CPU work: off the async threads.
    let parsed = parsing::parse(move || parse_own_upload(named, known)).await?;
    let checked = match parsed {
        Ok(parsed) => {
            app.store
                .check_parsed_own_files(&ctx.user.org, parsed)
                .await?
        }
        Err(problems) => Err(problems),
    };
    let checked = match checked {
        Err(problems) => {
            return Ok(problems
                .into_iter()
                .map(|(file, list)| {
                    Outcome::refused(file, list.iter().map(ToString::to_string).collect(), vec![])
                })
                .collect());
        }
        Ok(checked) => checked,
    };
    let mut outcomes = Vec::new();
    for f in checked {
        let upload = Upload {
            name: f.name,
            bytes: f.bytes,
        };
        match store(&app.store, &ctx.user.org, &upload, &Parsed::Own(f.data)).await {
            Ok((s, notes)) => outcomes.push(Outcome::stored(upload.name, notes, s)),
            Err(errors) => {
                outcomes.push(Outcome::refused(upload.name, errors, vec![]));
                break;
            }
        }
    }
    Ok(outcomes)
}

/// GET /import/sjabloon.xlsx: the template for own data.
pub async fn template(_ctx: Ctx) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"wikken-eigen-gegevens.xlsx\"",
            ),
        ],
        wikken_data::own::template_xlsx(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_empty_or_between_1990_and_2100() {
        assert_eq!(parse_year(" "), Ok(None));
        assert_eq!(parse_year(" 2024 "), Ok(Some(2024)));
        assert_eq!(parse_year("1990"), Ok(Some(1990)));
        assert_eq!(
            parse_year("1989"),
            Err("Jaar \"1989\" is geen jaartal.".to_string())
        );
        assert!(parse_year("twintig").is_err());
    }
}
