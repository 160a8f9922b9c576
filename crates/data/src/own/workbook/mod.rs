//! Reading the template's sheets from a workbook, cell by cell and within
//! the caps of [`crate::caps`]: first the zip container is looked into
//! (`container`), then an XLSX is streamed with calamine's cell reader
//! (`xlsx`) and an ODS with a reader of its own (`ods`). Old binary
//! workbooks (XLS, XLSB) are refused: calamine reads those only into a
//! full grid of the sheet, which a two-cell file can make hundreds of MB.

mod container;
mod ods;
mod xlsx;

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::OwnSheet;
use super::table::{Table, file_problem};
use crate::kwb::ImportIssue;

use container::Format;

/// The first bytes of an OLE container (old `.xls`, or a workbook saved
/// with a password).
const OLE_MAGIC: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

/// Reads the template's sheets (sheet names case-insensitive); other sheets
/// (toelichting) are left alone.
pub(crate) fn read(bytes: &[u8]) -> Result<Vec<Table>, Vec<ImportIssue>> {
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(file_problem(
            None,
            "dit is een oud Excel-werkboek (.xls) of een werkboek met een wachtwoord; \
             Wikken leest .xlsx en .ods: sla het op als .xlsx (zonder wachtwoord)",
        ));
    }
    let format = container::inspect(bytes).map_err(|m| file_problem(None, m))?;
    // calamine and the XML reader are not known to panic, but an import
    // must never take the server down on a strange file.
    let read = catch_unwind(AssertUnwindSafe(|| match format {
        Format::Xlsx => xlsx::read(bytes),
        Format::Ods => ods::read(bytes),
    }));
    read.unwrap_or_else(|_| {
        Err(file_problem(
            None,
            "het werkboek is niet te lezen: sla het opnieuw op als .xlsx",
        ))
    })
}

/// The template sheet a sheet name stands for.
fn template_sheet(name: &str) -> Option<OwnSheet> {
    OwnSheet::ALL
        .into_iter()
        .find(|s| name.trim().eq_ignore_ascii_case(s.name()))
}

/// The problem for a workbook without any of the template's sheets.
fn no_template_sheet(names: &[String]) -> ImportIssue {
    const SHOWN: usize = 20;
    let mut listed = names
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        listed.push_str(&format!(" en nog {}", names.len() - SHOWN));
    }
    ImportIssue {
        line: None,
        column: None,
        message: format!(
            "het werkboek heeft geen blad complexen, kengetallen of definities (wel: {listed})"
        ),
    }
}

/// The problem for a second sheet of the same name.
fn twice(sheet: OwnSheet) -> ImportIssue {
    ImportIssue {
        line: None,
        column: None,
        message: format!("het werkboek heeft meer dan één blad {}", sheet.name()),
    }
}
