//! Importing data from the browser: CBS Kerncijfers, boundaries and the
//! corporation's own data. Every file is checked first (all problems named
//! by file, row and column); only when all are good is each stored, in one
//! transaction. The same file twice changes nothing.

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
use crate::layout::{self, Ctx, Section, csrf_field};
use crate::{multipart, parsing};

/// What kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Kwb,
    Boundaries,
    Own,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        match s {
            "kwb" => Some(Kind::Kwb),
            "grenzen" => Some(Kind::Boundaries),
            "eigen" => Some(Kind::Own),
            _ => None,
        }
    }

    fn label(kind: ImportKind) -> &'static str {
        match kind {
            ImportKind::Kwb => "CBS Kerncijfers wijken en buurten",
            ImportKind::Boundaries => "Grenzen",
            ImportKind::Own => "Eigen gegevens",
            ImportKind::Demo => "Demo (fictief)",
        }
    }
}

/// A checked file, ready to store.
enum Parsed {
    Kwb(wikken_data::Dataset),
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

/// Stores one checked file in one transaction.
async fn store(
    store: &Store,
    org: &OrganisationId,
    file: &Upload,
    parsed: &Parsed,
) -> Result<ImportSummary, Vec<String>> {
    let internal = |e: wikken_storage::StorageError| match e {
        wikken_storage::StorageError::Busy(_) => vec![crate::error::DATABASE_BUSY.to_string()],
        e => vec![format!("opslaan mislukt: {e}")],
    };
    match parsed {
        Parsed::Kwb(d) => store
            .import_dataset(org, ImportKind::Kwb, &file.name, &file.bytes, d)
            .await
            .map_err(internal),
        Parsed::Boundaries(b) => store
            .import_boundaries(org, &file.name, &file.bytes, b)
            .await
            .map_err(internal),
        Parsed::Own(d) => store
            .import_own_data(org, &file.name, &file.bytes, d)
            .await
            .map_err(|e| match e {
                wikken_storage::OwnImportError::InputErrors(p) => {
                    p.iter().map(ToString::to_string).collect()
                }
                wikken_storage::OwnImportError::Storage(e) => internal(e),
            }),
    }
}

/// A moment as "dd-mm-jjjj uu:mm (UTC)".
pub(crate) fn date(secs: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(secs).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:02}-{:02}-{} {:02}:{:02} (UTC)",
        t.day(),
        u8::from(t.month()),
        t.year(),
        t.hour(),
        t.minute()
    )
}

/// The outcome of one file, for the page.
struct Outcome {
    file: String,
    errors: Vec<String>,
    notes: Vec<String>,
    summary: Option<ImportSummary>,
}

async fn page(app: &AppState, ctx: &Ctx, outcomes: &[Outcome]) -> Result<Markup, AppError> {
    let history = app.store.imports(&ctx.user.org).await?;
    let failed = outcomes.iter().any(|o| !o.errors.is_empty());
    Ok(layout::page(
        ctx,
        Section::Import,
        "Gegevens importeren",
        html! {
            h1 { "Gegevens importeren" }
            @if failed {
                div.notice.notice-error role="alert" {
                    @if outcomes.iter().any(|o| o.summary.is_some()) {
                        h2 { "Niet alles geïmporteerd" }
                        p { "Elk bestand wordt in zijn geheel opgeslagen of helemaal niet. Deze bestanden zijn opgeslagen: "
                            @for (k, o) in outcomes.iter().filter(|o| o.summary.is_some()).enumerate() { @if k > 0 { ", " } (o.file) }
                            ". Van de bestanden hieronder is niets opgeslagen." }
                    } @else {
                        h2 { "Niets geïmporteerd" }
                        p { "Er staan fouten in de bestanden hieronder. Er is niets opgeslagen; verbeter de bestanden en probeer het opnieuw." }
                    }
                    @for o in outcomes.iter().filter(|o| !o.errors.is_empty()) {
                        h3 { (o.file) }
                        ul {
                            @for e in o.errors.iter().take(200) { li { (e) } }
                            @if o.errors.len() > 200 { li { "… en nog " (o.errors.len() - 200) " fouten" } }
                        }
                    }
                }
            } @else if !outcomes.is_empty() {
                div.notice.notice-success role="status" {
                    h2 { "Import klaar" }
                    ul { @for o in outcomes { @if let Some(s) = &o.summary {
                        li { (o.file) ": "
                            @if s.applied { (s.areas) " gebieden of objecten, " (s.observations) " waarden opgeslagen." }
                            @else { "dit bestand was al eerder geïmporteerd; er is niets veranderd." } }
                    } } }
                    @for o in outcomes.iter().filter(|o| !o.notes.is_empty()) {
                        h3 { "Opmerkingen bij " (o.file) }
                        ul { @for n in o.notes.iter().take(100) { li { (n) } } }
                    }
                }
            }
            @if ctx.user.role.can_edit() {
                form.stack method="post" action="/import" enctype="multipart/form-data" data-busy="Bezig met importeren…" {
                    (csrf_field(ctx))
                    fieldset.field {
                        legend { "Soort gegevens" }
                        label { input type="radio" name="soort" value="kwb" checked; " CBS Kerncijfers wijken en buurten (CSV: de download van CBS, of de platte bestanden per niveau)" }
                        label { input type="radio" name="soort" value="grenzen"; " Grenzen van gemeenten, wijken of buurten (GeoJSON of TopoJSON, WGS84 of RD New)" }
                        label { input type="radio" name="soort" value="eigen"; " Eigen gegevens: complexen en eigen kengetallen (CSV, Excel .xlsx of LibreOffice .ods, " a href="/import/sjabloon.xlsx" { "volgens het sjabloon" } ")" }
                    }
                    div.field {
                        label for="jaar" { "Jaar " span.hint { "(alleen voor CBS-bestanden zonder kolom jaar)" } }
                        input #jaar type="number" name="jaar" min="1990" max="2100" placeholder="2024";
                    }
                    div.field {
                        label for="bestanden" { "Bestanden " span.hint { "(hoogstens " (MAX_IMPORT_FILES) ", elk tot " (crate::body_limit::size(MAX_IMPORT_FILE_BYTES)) ")" } }
                        input #bestanden type="file" name="bestand" multiple required accept=".csv,.txt,.json,.geojson,.topojson,.xlsx,.ods";
                    }
                    div { button type="submit" { "Importeren" } }
                    p data-progress hidden { progress { "Bezig…" } " Bezig met controleren en opslaan; grote bestanden duren enkele seconden." }
                }
            } @else {
                p { "Alleen een strateeg of beheerder kan gegevens importeren." }
            }
            h2 { "Eerdere imports" }
            @if history.is_empty() { p { "Nog niets geïmporteerd." } } @else {
                (layout::table_wrap("Eerdere imports", html! { table {
                    thead { tr { th scope="col" { "Wanneer" } th scope="col" { "Soort" } th scope="col" { "Bestand" } th.num scope="col" { "Gebieden/objecten" } th.num scope="col" { "Waarden" } } }
                    tbody { @for i in &history { tr {
                        td { a href=(format!("/import/{}", i.id)) { (date(i.created_at)) } }
                        td { (Kind::label(i.kind)) }
                        td { (i.file_name) }
                        td.num { (i.areas) }
                        td.num { (i.observations) }
                    } } }
                } }))
            }
        },
    ))
}

/// GET /import
pub async fn form(State(app): State<AppState>, ctx: Ctx) -> Result<Markup, AppError> {
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
                dt { "Soort" } dd { (Kind::label(i.kind)) }
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
    let year = match year_text.trim() {
        "" => None,
        t => Some(
            t.parse::<i32>()
                .ok()
                .filter(|y| (1990..=2100).contains(y))
                .ok_or_else(|| bad(format!("Jaar \"{t}\" is geen jaartal.")))?,
        ),
    };
    if files.is_empty() {
        return Err(bad("Kies een of meer bestanden.".into()));
    }
    if kind == Kind::Own {
        return own_upload(&app, &ctx, files).await;
    }
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
    let mut outcomes: Vec<Outcome> = Vec::new();
    if checked.iter().any(|(_, r)| r.is_err()) {
        for (f, r) in &checked {
            outcomes.push(Outcome {
                file: f.name.clone(),
                errors: r.as_ref().err().cloned().unwrap_or_default(),
                notes: vec![],
                summary: None,
            });
        }
        let body = page(&app, &ctx, &outcomes).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response());
    }
    let mut failed = false;
    for (f, r) in checked {
        let Ok((parsed, notes)) = r else { continue };
        if failed {
            outcomes.push(Outcome {
                file: f.name,
                errors: vec!["niet geïmporteerd omdat een eerder bestand faalde".into()],
                notes,
                summary: None,
            });
            continue;
        }
        match store(&app.store, &ctx.user.org, &f, &parsed).await {
            Ok(s) => outcomes.push(Outcome {
                file: f.name,
                errors: vec![],
                notes,
                summary: Some(s),
            }),
            Err(errors) => {
                failed = true;
                outcomes.push(Outcome {
                    file: f.name,
                    errors,
                    notes,
                    summary: None,
                });
            }
        }
    }
    let status = if failed {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, page(&app, &ctx, &outcomes).await?).into_response())
}

/// Own data: every file parsed and checked against the database as one
/// upload (definitions and complexes before the figures that use them),
/// then each stored in its own transaction.
async fn own_upload(app: &AppState, ctx: &Ctx, files: Vec<Upload>) -> Result<Response, AppError> {
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
    let mut outcomes = Vec::new();
    match checked {
        Err(problems) => {
            for (file, list) in problems {
                outcomes.push(Outcome {
                    file,
                    errors: list.iter().map(ToString::to_string).collect(),
                    notes: vec![],
                    summary: None,
                });
            }
        }
        Ok(checked) => {
            for f in checked {
                let upload = Upload {
                    name: f.name,
                    bytes: f.bytes,
                };
                match store(&app.store, &ctx.user.org, &upload, &Parsed::Own(f.data)).await {
                    Ok(s) => outcomes.push(Outcome {
                        file: upload.name,
                        errors: vec![],
                        notes: vec![],
                        summary: Some(s),
                    }),
                    Err(errors) => {
                        outcomes.push(Outcome {
                            file: upload.name,
                            errors,
                            notes: vec![],
                            summary: None,
                        });
                        break;
                    }
                }
            }
        }
    }
    let status = if outcomes.iter().any(|o| !o.errors.is_empty()) {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, page(app, ctx, &outcomes).await?).into_response())
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
