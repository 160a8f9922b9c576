//! Sheets as tables of cells with their row numbers, and reading one from
//! a CSV file (one sheet, recognised by its header). Workbooks are read in
//! `workbook`.

use super::OwnSheet;
use super::cells::Cell;
use super::filled::Budget;
use crate::kwb::ImportIssue;

/// One sheet's rows under its header.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// Which sheet it is.
    pub sheet: OwnSheet,
    /// Column names, normalised (see [`normalise`]).
    pub header: Vec<String>,
    /// Row number of the header.
    pub header_line: usize,
    /// Rows below the header that hold something.
    pub rows: Vec<Row>,
}

/// One row of a table.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// Its number in the file or sheet (the first row is 1).
    pub line: usize,
    /// Its filled cells with their column (0 is column A), by column.
    pub cells: Vec<(usize, Cell)>,
}

impl Row {
    /// The cell in column `i` (empty when not filled).
    pub(crate) fn cell(&self, i: usize) -> &Cell {
        match self.cells.binary_search_by_key(&i, |(col, _)| *col) {
            Ok(at) => &self.cells[at].1,
            Err(_) => &Cell::Empty,
        }
    }

    /// One past the last filled column.
    pub(crate) fn width(&self) -> usize {
        self.cells.last().map_or(0, |(col, _)| col + 1)
    }
}

/// A header name as matched: trimmed, lower case, spaces and hyphens as `_`.
pub(crate) fn normalise(name: &str) -> String {
    name.trim_start_matches('\u{feff}')
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Which sheet a CSV header belongs to.
pub(crate) fn sheet_of_header(header: &[String]) -> Option<OwnSheet> {
    let has = |name: &str| header.iter().any(|h| h == name);
    if has("jaar") {
        Some(OwnSheet::Kengetallen)
    } else if has("richting") || has("eenheid") {
        Some(OwnSheet::Definities)
    } else if has("aantal_woningen")
        || has("energielabel")
        || has("bouwjaar")
        || (has("complexnummer") && has("naam"))
    {
        Some(OwnSheet::Complexen)
    } else {
        None
    }
}

pub(crate) fn file_problem(line: Option<usize>, message: impl Into<String>) -> Vec<ImportIssue> {
    vec![ImportIssue {
        line,
        column: None,
        message: message.into(),
    }]
}

/// The text of a CSV file: UTF-8, with or without byte order mark.
fn csv_text(bytes: &[u8]) -> Result<&str, Vec<ImportIssue>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        file_problem(
            None,
            format!(
                "het bestand is geen UTF-8-tekst (vanaf byte {}): sla het op als \"CSV UTF-8\"",
                e.valid_up_to()
            ),
        )
    })
}

/// Reads a CSV file (`;` or `,` separated) as the sheet its header names.
pub(crate) fn read_csv(bytes: &[u8]) -> Result<Table, Vec<ImportIssue>> {
    csv_table(csv_text(bytes)?)
}

/// Which sheet a CSV file is, from its header; `None` when not readable or
/// not recognised.
pub(crate) fn csv_sheet(bytes: &[u8]) -> Option<OwnSheet> {
    let text = csv_text(bytes).ok()?;
    let first = text.lines().next()?;
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        ';'
    } else {
        ','
    };
    let header: Vec<String> = first
        .split(delimiter)
        .map(|h| normalise(h.trim_matches('"')))
        .collect();
    sheet_of_header(&header)
}

/// The sheet its header names, with the rows that hold something, each
/// cell within the caps.
fn csv_table(text: &str) -> Result<Table, Vec<ImportIssue>> {
    let first = text.lines().next().unwrap_or("");
    let semicolon = first.matches(';').count() > first.matches(',').count();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if semicolon { b';' } else { b',' })
        .flexible(true)
        .from_reader(text.as_bytes());
    let names = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(file_problem(Some(1), format!("kopregel onleesbaar: {e}"))),
    };
    let header: Vec<String> = names.iter().map(normalise).collect();
    let Some(sheet) = sheet_of_header(&header) else {
        return Err(file_problem(
            Some(1),
            "kopregel niet herkend: verwacht de kolommen van complexen (complexnummer, naam, \
             buurtcode, aantal_woningen, ...), kengetallen (buurtcode of complexnummer, jaar, \
             indicatoren) of definities (code, naam, eenheid, richting)",
        ));
    };
    let mut budget = Budget::default();
    for (i, name) in names.iter().enumerate() {
        if !name.trim().is_empty() {
            budget
                .take(sheet, 0, i as u64, name.len())
                .map_err(|p| vec![p])?;
        }
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                let mut cells = Vec::new();
                for (i, c) in r.iter().enumerate() {
                    if c.trim().is_empty() {
                        continue;
                    }
                    let row = line.saturating_sub(1) as u64;
                    budget
                        .take(sheet, row, i as u64, c.len())
                        .map_err(|p| vec![p])?;
                    cells.push((i, Cell::Text(c.to_string())));
                }
                if !cells.is_empty() {
                    rows.push(Row { line, cells });
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                problems.push(ImportIssue {
                    line,
                    column: None,
                    message: format!("onleesbare regel: {e}"),
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(Table {
            sheet,
            header,
            header_line: 1,
            rows,
        })
    } else {
        Err(problems)
    }
}
