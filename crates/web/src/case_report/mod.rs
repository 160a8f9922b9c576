//! The afweging's report for bestuur and partners, in two forms: an XLSX
//! workbook and a PDF. Both read the same [`Analysis`] as the results page.

pub mod pdf;
#[cfg(test)]
pub(crate) mod sample;
pub mod xlsx;

use wikken_core::case::CaseDoc;
use wikken_core::case::analysis::Analysis;

/// What a report says about where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportContext {
    /// The corporation's name.
    pub organisation: String,
    /// True when the organisation's data is a fictional demo.
    pub fictional: bool,
    /// The area's name with its level ("buurt Molenhoek"), if any.
    pub area: Option<String>,
    /// The version of the afweging reported on.
    pub version: i64,
    /// Whether that version is frozen by a besluit.
    pub frozen: bool,
    /// When the report was made, Dutch ("24 november 2026, 14:05").
    pub generated_at: String,
}

/// The inputs of a report.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// Where it comes from.
    pub context: &'a ReportContext,
    /// The afweging.
    pub doc: &'a CaseDoc,
    /// Its results.
    pub analysis: &'a Analysis,
}
