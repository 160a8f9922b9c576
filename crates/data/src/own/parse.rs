//! Reading an own-data file, CSV or workbook, into [`OwnData`].

use std::collections::HashMap;

use super::sheets::{self, Sink};
use super::table::{self, Table};
use super::{OWN_CATALOGUE, OwnData, OwnIndicator, OwnSheet, own_indicator, workbook};
use crate::import_issues::ImportIssues;
use crate::kwb::ImportIssue;

/// What an own-data file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnFileKind {
    /// A workbook (XLSX) holding any of the sheets.
    Workbook,
    /// A CSV file holding one sheet, recognised by its header.
    Csv(OwnSheet),
}

/// Is this a workbook: by its first bytes (a ZIP container for XLSX and
/// ODS, an OLE container for old XLS) or by its name?
fn is_workbook(file_name: &str, bytes: &[u8]) -> bool {
    let lower = file_name.to_ascii_lowercase();
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || [".xlsx", ".xlsm", ".xls", ".ods"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// What the file is; `None` for a CSV file whose header is not one of the
/// template's (parsing it says why).
pub fn file_kind(file_name: &str, bytes: &[u8]) -> Option<OwnFileKind> {
    if is_workbook(file_name, bytes) {
        Some(OwnFileKind::Workbook)
    } else {
        table::csv_sheet(bytes).map(OwnFileKind::Csv)
    }
}

/// Reads an own-data file: an XLSX workbook with the sheets complexen,
/// kengetallen and (optionally) definities, or a CSV file holding one of
/// them (see docs/eigen-gegevens.md). Either all its data, or every
/// problem found, each naming its row and column (with the sheet).
pub fn parse_own(file_name: &str, bytes: &[u8]) -> Result<OwnData, Vec<ImportIssue>> {
    parse_own_with(file_name, bytes, &[])
}

/// [`parse_own`], where the kengetallen may also use `known` own
/// indicators besides the catalogue and the file's definities: those
/// declared in an earlier import or in another file of the same upload.
pub fn parse_own_with(
    file_name: &str,
    bytes: &[u8],
    known: &[OwnIndicator],
) -> Result<OwnData, Vec<ImportIssue>> {
    let tables: Vec<Table> = if is_workbook(file_name, bytes) {
        workbook::read(bytes)?
    } else {
        vec![table::read_csv(bytes)?]
    };
    let table = |sheet: OwnSheet| tables.iter().find(|t| t.sheet == sheet);
    let mut problems = ImportIssues::default();
    let mut data = OwnData::default();

    let declared = match table(OwnSheet::Definities) {
        Some(t) => sheets::definitions(t, &mut Sink::new(OwnSheet::Definities, &mut problems)),
        None => Vec::new(),
    };
    if let Some(t) = table(OwnSheet::Complexen) {
        let (complexes, rows) =
            sheets::complexes(t, &mut Sink::new(OwnSheet::Complexen, &mut problems));
        data.complexes = complexes;
        data.rows.complexes = rows;
    }
    // Declared in the file first, then known from elsewhere, then the
    // catalogue: the file's own words win.
    let mut usable: HashMap<String, OwnIndicator> = HashMap::new();
    for def in OWN_CATALOGUE
        .iter()
        .filter_map(|(code, ..)| own_indicator(code))
    {
        usable.insert(def.code.clone(), def);
    }
    for def in known.iter().chain(&declared) {
        let cbs = crate::indicators::CATALOGUE
            .iter()
            .any(|d| d.code == def.code)
            || crate::leefbaarometer::by_code(&def.code).is_some();
        if !cbs && own_indicator(&def.code).is_none() {
            usable.insert(def.code.clone(), def.clone());
        }
    }
    data.indicators = declared.clone();
    if let Some(t) = table(OwnSheet::Kengetallen) {
        let figures = sheets::figures(
            t,
            &usable,
            &mut Sink::new(OwnSheet::Kengetallen, &mut problems),
        );
        for code in &figures.used {
            if !data.indicators.iter().any(|d| &d.code == code) {
                data.indicators.push(usable[code].clone());
            }
        }
        data.values = figures.values;
        data.rows.values = figures.rows;
    }
    problems.or_ok(data)
}

impl OwnData {
    /// The row of complex `i` on the complexen sheet, when known.
    pub fn complex_row(&self, i: usize) -> Option<usize> {
        self.rows.complexes.get(i).copied()
    }

    /// The row of value `i` on the kengetallen sheet, when known.
    pub fn value_row(&self, i: usize) -> Option<usize> {
        self.rows.values.get(i).copied()
    }
}
