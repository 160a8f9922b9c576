//! The afweging (case) pages: from question to besluit, in the steps of
//! *Afwegen in de wijk*. Every page of a case shows the steps, the area it
//! is about, and (for an old or decided version) that it is read-only.
//! Every change is a command submitted through [`kit::submit`]: one
//! command, one saved revision, one line of history.

pub mod decision;
pub mod effects;
pub mod form;
pub mod kit;
pub mod list;
pub mod options;
pub mod report;
pub mod results;
pub mod settings;
pub mod start;
pub mod weighing;

use maud::{Markup, html};
use serde::Deserialize;
use wikken_core::case::CaseDoc;
use wikken_storage::{CaseId, CaseVersion, EventUser, OrganisationId};

pub use kit::Step;

use crate::AppState;
use crate::error::AppError;
use crate::layout::Ctx;

/// `?versie=N`: which version to show (the current one when absent).
#[derive(Debug, Default, Deserialize)]
pub struct VersionQuery {
    /// The version number.
    pub versie: Option<i64>,
    /// Present after a save: the page says so.
    pub opgeslagen: Option<String>,
}

/// A case as a page shows it.
pub struct Loaded {
    /// The case id.
    pub id: CaseId,
    /// The version shown.
    pub version: CaseVersion,
    /// The newest version's number.
    pub current_version: i64,
    /// Whether the page follows a save (and says so).
    pub saved: bool,
    /// Where its pages are: [`OWN_BASE`] for the corporation's own,
    /// [`SHARED_BASE`] for a partner's view of a shared afweging.
    pub base: &'static str,
}

/// The corporation's afwegingen.
pub const OWN_BASE: &str = "/afwegingen";
/// Afwegingen shared with a partner, as the partner sees them.
pub const SHARED_BASE: &str = "/gedeeld/afwegingen";

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
        format!("{}/{}", self.base, self.id)
    }

    /// A URL of a step of the case, keeping the version when it is not the
    /// current one.
    pub fn step_url(&self, step: Step) -> String {
        self.sub_url(step.path())
    }

    /// A URL under the case (`effecten/buurtbeheerder`, `model.json`),
    /// keeping the version when it is not the current one.
    pub fn sub_url(&self, path: &str) -> String {
        let base = if path.is_empty() {
            self.url()
        } else {
            format!("{}/{path}", self.url())
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
    load_in(app, &ctx.user.org, OWN_BASE, id, version).await
}

/// Loads a case of organisation `org` (404 when it has none such), its
/// pages under `base`. Only for the signed-in user's own organisation, or
/// for the owner named by a partner's share.
pub async fn load_in(
    app: &AppState,
    org: &OrganisationId,
    base: &'static str,
    id: &str,
    version: Option<i64>,
) -> Result<Loaded, AppError> {
    let id = CaseId::from(id);
    let row = app.store.case(org, &id).await?.ok_or(AppError::NotFound)?;
    let version = app
        .store
        .case_version(org, &id, version)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Loaded {
        id,
        version,
        current_version: row.current_version,
        saved: false,
        base,
    })
}

/// Who is changing something, for the history.
pub fn event_user(ctx: &Ctx) -> EventUser {
    EventUser {
        id: ctx.user.id.to_string(),
        name: ctx.user.name.clone(),
    }
}

/// Refuses a change by a lezer.
pub fn may_edit(ctx: &Ctx) -> Result<(), AppError> {
    if ctx.user.role.can_edit() {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

/// The header of every case page: title, version state, the steps, and
/// the area aside.
pub fn case_header(case: &Loaded, step: Step, aside: &Markup) -> Markup {
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
                @for s in Step::ALL {
                    li { a href=(case.step_url(s)) aria-current=[(s == step).then_some("step")] { (s.label()) } }
                }
            }
        }
        @if case.saved {
            div.notice.notice-success role="status" { p { "Opgeslagen." } }
        }
        (aside)
    }
}

/// A submit button, or a plain note when the version is read-only.
pub fn submit_button(case: &Loaded, ctx: &Ctx, label: &str) -> Markup {
    html! {
        @if case.editable() && ctx.user.role.can_edit() {
            button type="submit" { (label) }
        }
    }
}

/// A small POST form with one button (remove, open version, ...); with a
/// `confirm` question the browser asks it first.
pub fn action_button(
    ctx: &Ctx,
    action: &str,
    label: &str,
    class: &str,
    confirm: Option<&str>,
) -> Markup {
    html! {
        form.inline method="post" action=(action) data-confirm=[confirm] {
            (kit::form_fields(ctx, &form::FormState::default(), action))
            button.(class) type="submit" { (label) }
        }
    }
}
