//! The afweging (case) pages: from question to besluit, in the steps of
//! *Afwegen in de wijk*. Every page of a case shows the steps, the area it
//! is about, and (for an old or decided version) that it is read-only.
//! Every change goes through [`change`]: one edit, one saved revision, one
//! line of history.

pub mod decision;
pub mod effects;
pub mod form;
pub mod list;
pub mod options;
pub mod report;
pub mod results;
pub mod start;
pub mod weighing;

use axum::http::StatusCode;
use maud::{Markup, html};
use serde::Deserialize;
use wikken_core::case::CaseDoc;
use wikken_core::case::edit::EditError;
use wikken_storage::{CaseSaveError, CaseVersion, EventUser};

use crate::AppState;
use crate::error::AppError;
use crate::layout::{Ctx, csrf_field};

/// `?versie=N`: which version to show (the current one when absent).
#[derive(Debug, Default, Deserialize)]
pub struct VersionQuery {
    /// The version number.
    pub versie: Option<i64>,
}

/// A case as a page shows it.
pub struct Loaded {
    /// The case id.
    pub id: String,
    /// The version shown.
    pub version: CaseVersion,
    /// The newest version's number.
    pub current_version: i64,
}

impl Loaded {
    /// Whether this version can still be edited (the newest, not decided).
    pub fn editable(&self) -> bool {
        self.version.version == self.current_version && self.version.frozen_at.is_none()
    }

    /// The document.
    pub fn doc(&self) -> &CaseDoc {
        &self.version.doc
    }

    /// The case's base URL.
    pub fn url(&self) -> String {
        format!("/afwegingen/{}", self.id)
    }

    /// A URL of a step of the case, keeping the version when it is not the
    /// current one.
    pub fn step_url(&self, step: &str) -> String {
        let base = if step.is_empty() {
            self.url()
        } else {
            format!("{}/{step}", self.url())
        };
        if self.version.version == self.current_version {
            base
        } else {
            format!("{base}?versie={}", self.version.version)
        }
    }
}

/// Loads a case of the signed-in user's organisation (404 otherwise).
pub async fn load(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    version: Option<i64>,
) -> Result<Loaded, AppError> {
    let row = app
        .store
        .case(&ctx.user.org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let version = app
        .store
        .case_version(&ctx.user.org, id, version)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Loaded {
        id: id.to_string(),
        version,
        current_version: row.current_version,
    })
}

/// Who is changing something, for the history.
pub fn event_user(ctx: &Ctx) -> EventUser {
    EventUser {
        id: ctx.user.id.clone(),
        name: ctx.user.name.clone(),
    }
}

/// What one edit of a form gives: the line of history, or the refusal to
/// show next to the field.
pub type EditResult = Result<String, EditError>;

/// Refuses a change by a lezer.
pub fn may_edit(ctx: &Ctx) -> Result<(), AppError> {
    if ctx.user.role.can_edit() {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

/// Applies one change to the current version and saves it with its line
/// of history. The change gets the freshest document; when someone else
/// saved in between it is applied again to theirs. `Ok(Err(_))` is a
/// refusal to show next to the field.
pub async fn change<F>(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    mut edit: F,
) -> Result<Result<(), EditError>, AppError>
where
    F: FnMut(&mut CaseDoc) -> Result<String, EditError>,
{
    may_edit(ctx)?;
    for _ in 0..5 {
        let loaded = load(app, ctx, id, None).await?;
        if !loaded.editable() {
            return Err(frozen());
        }
        let mut doc = loaded.version.doc.clone();
        let action = match edit(&mut doc) {
            Ok(action) => action,
            Err(e) => return Ok(Err(e)),
        };
        if doc == loaded.version.doc {
            return Ok(Ok(()));
        }
        if let Some(over) = new_limit_problem(&loaded.version.doc, &doc) {
            return Ok(Err(EditError {
                field: "",
                message: format!("Dit past niet binnen de grenzen van Wikken: {over}."),
            }));
        }
        let saved = app
            .store
            .save_case(
                &ctx.user.org,
                id,
                loaded.version.revision,
                &event_user(ctx),
                &action,
                None,
                &doc,
                doc.decision.is_some(),
            )
            .await;
        match saved {
            Ok(_) => return Ok(Ok(())),
            Err(CaseSaveError::Conflict) => continue,
            Err(CaseSaveError::Frozen) => return Err(frozen()),
            Err(CaseSaveError::NotFound) => return Err(AppError::NotFound),
            Err(CaseSaveError::Storage(e)) => return Err(e.into()),
        }
    }
    Err(AppError::Status(
        StatusCode::CONFLICT,
        "Anderen wijzigen deze afweging op dit moment ook. Laad de pagina opnieuw en probeer het nog eens.".into(),
    ))
}

/// The first way `after` breaks a limit that `before` did not (a version
/// saved under older limits can still be edited).
fn new_limit_problem(before: &CaseDoc, after: &CaseDoc) -> Option<String> {
    let known = before.limit_problems();
    after
        .limit_problems()
        .into_iter()
        .find(|p| !known.contains(p))
}

fn frozen() -> AppError {
    AppError::Status(
        StatusCode::CONFLICT,
        "Deze versie is vastgelegd met een besluit. Open op de besluitpagina een nieuwe versie om verder te werken; de vastgelegde versie blijft leesbaar.".into(),
    )
}

/// The steps of a case, as (path, label).
pub const STEPS: [(&str, &str); 8] = [
    ("", "1 Vraag en partijen"),
    ("nulalternatief", "2 Nulalternatief"),
    ("opties", "3 Opties"),
    ("effecten", "4 Effecten"),
    ("weging", "5 Criteria en weging"),
    ("resultaten", "6 Resultaten"),
    ("besluit", "7 Besluit"),
    ("rapport", "8 Rapport"),
];

/// The header of every case page: title, version state, the steps, and
/// the area aside.
pub fn case_header(case: &Loaded, step: &str, aside: &Markup) -> Markup {
    let v = &case.version;
    html! {
        nav.breadcrumbs aria-label="Kruimelpad" {
            ol {
                li { a href="/afwegingen" { "Afwegingen" } }
                li { span aria-current="page" { (case.doc().question) } }
            }
        }
        p.case-state {
            "Versie " (v.version)
            @if v.frozen_at.is_some() {
                " · " span.badge.badge-decided { "Besluit vastgelegd" }
            } @else {
                " · " span.badge { "Concept" }
            }
            @if v.version != case.current_version {
                " · " strong { "U bekijkt een oudere versie (alleen lezen). " }
                a href=(case.url()) { "Naar de huidige versie " (case.current_version) }
            }
        }
        nav.steps aria-label="Stappen van de afweging" {
            ol {
                @for (path, label) in STEPS {
                    li { a href=(case.step_url(path)) aria-current=[(path == step).then_some("step")] { (label) } }
                }
            }
        }
        (aside)
    }
}

/// A submit button, or a plain note when the version is read-only.
pub fn submit(case: &Loaded, ctx: &Ctx, label: &str) -> Markup {
    html! {
        @if case.editable() && ctx.user.role.can_edit() {
            button type="submit" { (label) }
        }
    }
}

/// A small POST form with one button (remove, open version, ...).
pub fn action_button(ctx: &Ctx, action: &str, label: &str, class: &str) -> Markup {
    html! {
        form.inline method="post" action=(action) {
            (csrf_field(ctx))
            button.(class) type="submit" { (label) }
        }
    }
}
