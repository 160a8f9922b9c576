//! Prestatieafspraken (sturen): the afspraken per gemeente with their
//! goals, the uitvoeringsagenda, approval by the three parties, and the
//! monitor with its two lights — "doel op koers?" per goal and "afspraak
//! nagekomen?" per party — never merged.

pub mod access;
pub mod agenda;
pub mod approve;
pub mod benchmark;
pub mod chart;
pub mod contributions;
pub mod course;
pub mod dashboard;
pub mod evaluation;
pub mod forms;
pub mod goals_page;
pub mod jaarschijf;
pub mod jaarschijf_xlsx;
pub mod list;
pub mod overview;
pub mod party;
pub mod steer;
#[cfg(test)]
pub(crate) mod testing;

use maud::{Markup, html};
use wikken_core::agreement::Agreement;
use wikken_storage::{AgreementId, AgreementRow, AgreementVersion};

pub use access::{Access, load};
pub use course::{GoalCourse, courses, this_year};

use crate::layout::{self, Ctx};

/// Afspraken loaded for a page: their row, the version shown, and who
/// looks at them in which capacity.
pub struct Loaded {
    /// The id.
    pub id: AgreementId,
    /// The row (title, current version).
    pub row: AgreementRow,
    /// The version shown.
    pub version: AgreementVersion,
    /// Who looks, for whom.
    pub access: Access,
}

impl Loaded {
    /// The document shown.
    pub fn doc(&self) -> &Agreement {
        &self.version.doc
    }

    /// The base URL.
    pub fn url(&self) -> String {
        format!("/prestatieafspraken/{}", self.id)
    }

    /// Whether the version shown is the newest (only that one changes).
    pub fn current(&self) -> bool {
        self.version.current
    }

    /// Whether the terms can change here: the newest version, not yet
    /// approved, and a corporation user who may edit.
    pub fn terms_editable(&self) -> bool {
        self.current() && self.version.approved_at.is_none() && self.access.edits_terms()
    }

    /// Whether progress can be reported here.
    pub fn progress_editable(&self) -> bool {
        self.current() && self.access.may_change
    }
}

/// The tabs of an afspraken page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Monitor and approval.
    Overview,
    /// Goals.
    Goals,
    /// Uitvoeringsagenda.
    Agenda,
}

/// Title, version state and tabs.
pub fn header(a: &Loaded, tab: Tab) -> Markup {
    let url = a.url();
    let v = &a.version;
    let tabs = [
        (Tab::Overview, url.clone(), "Monitor en akkoord"),
        (Tab::Goals, format!("{url}/doelen"), "Doelen"),
        (Tab::Agenda, format!("{url}/agenda"), "Uitvoeringsagenda"),
    ];
    html! {
        (layout::breadcrumbs(&[("Prestatieafspraken", Some("/prestatieafspraken".to_string())), (&a.doc().title, None)]))
        p.case-state {
            "Versie " (v.version)
            @if let Some(at) = v.approved_at { " · door alle partijen goedgekeurd op " (crate::dates::day(at)) }
            @else { " · concept, nog niet door alle partijen goedgekeurd" }
            @if !v.current { " · " a href=(url) { "naar de nieuwste versie (" (a.row.current_version) ")" } }
            @if let Some(p) = &a.access.party { " · u kijkt mee namens " strong { (p) } }
        }
        nav.steps aria-label="Onderdelen van de afspraken" { ol {
            @for (t, href, label) in tabs {
                li { a href=(href) aria-current=[(t == tab).then_some("page")] { (label) } }
            }
        } }
    }
}

/// A full afspraken page.
pub fn page(ctx: &Ctx, a: &Loaded, tab: Tab, title: &str, body: Markup) -> Markup {
    layout::page(
        ctx,
        layout::Section::Agreements,
        title,
        html! { (header(a, tab)) (body) },
    )
}
