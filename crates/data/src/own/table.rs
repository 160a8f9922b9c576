//! Sheets as tables of cells with their row numbers, from a CSV file (one
//! sheet, recognised by its header) or a workbook (every sheet, by name).

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::OwnSheet;
use super::cells::Cell;
use crate::kwb::ImportProblem;

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
    /// Its cells, by column.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in column `i` (empty beyond the row's end).
    pub(crate) fn cell(&self, i: usize) -> &Cell {
        self.cells.get(i).unwrap_or(&Cell::Empty)
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

fn file_problem(line: Option<usize>, message: impl Into<String>) -> Vec<ImportProblem> {
    vec![ImportProblem {
        line,
        column: None,
        message: message.into(),
    }]
}

/// The text of a CSV file: UTF-8, with or without byte order mark.
fn csv_text(bytes: &[u8]) -> Result<&str, Vec<ImportProblem>> {
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
pub(crate) fn read_csv(bytes: &[u8]) -> Result<Table, Vec<ImportProblem>> {
    let text = csv_text(bytes)?;
    let (header, rows) = csv_rows(text)?;
    let Some(sheet) = sheet_of_header(&header) else {
        return Err(file_problem(
            Some(1),
            "kopregel niet herkend: verwacht de kolommen van complexen (complexnummer, naam, \
             buurtcode, aantal_woningen, ...), kengetallen (buurtcode of complexnummer, jaar, \
             indicatoren) of definities (code, naam, eenheid, richting)",
        ));
    };
    Ok(Table {
        sheet,
        header,
        header_line: 1,
        rows,
    })
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

fn csv_rows(text: &str) -> Result<(Vec<String>, Vec<Row>), Vec<ImportProblem>> {
    let first = text.lines().next().unwrap_or("");
    let semicolon = first.matches(';').count() > first.matches(',').count();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if semicolon { b';' } else { b',' })
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(normalise).collect(),
        Err(e) => return Err(file_problem(Some(1), format!("kopregel onleesbaar: {e}"))),
    };
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                let cells: Vec<Cell> = r.iter().map(|c| Cell::Text(c.to_string())).collect();
                if cells.iter().any(|c| !c.is_empty()) {
                    rows.push(Row { line, cells });
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                problems.push(ImportProblem {
                    line,
                    column: None,
                    message: format!("onleesbare regel: {e}"),
                });
            }
        }
    }
    if problems.is_empty() {
        Ok((header, rows))
    } else {
        Err(problems)
    }
}

/// Reads the template's sheets from a workbook (XLSX; XLS and ODS too),
/// sheet names case-insensitive; other sheets (toelichting) are left alone.
pub(crate) fn read_workbook(bytes: &[u8]) -> Result<Vec<Table>, Vec<ImportProblem>> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
        file_problem(
            None,
            format!("het werkboek is niet te lezen ({e}): sla het op als .xlsx"),
        )
    })?;
    let names = book.sheet_names();
    let mut tables = Vec::new();
    let mut problems = Vec::new();
    for sheet in OwnSheet::ALL {
        let found: Vec<&String> = names
            .iter()
            .filter(|n| n.trim().eq_ignore_ascii_case(sheet.name()))
            .collect();
        let name = match found.as_slice() {
            [] => continue,
            [one] => *one,
            _ => {
                problems.extend(file_problem(
                    None,
                    format!("het werkboek heeft meer dan één blad {}", sheet.name()),
                ));
                continue;
            }
        };
        match book.worksheet_range(name) {
            Ok(range) => tables.push(range_table(sheet, &range)),
            Err(e) => problems.extend(file_problem(
                None,
                format!("blad {} is niet te lezen: {e}", sheet.name()),
            )),
        }
    }
    if tables.is_empty() && problems.is_empty() {
        problems.extend(file_problem(
            None,
            format!(
                "het werkboek heeft geen blad complexen, kengetallen of definities (wel: {})",
                names.join(", ")
            ),
        ));
    }
    if problems.is_empty() {
        Ok(tables)
    } else {
        Err(problems)
    }
}

fn range_table(sheet: OwnSheet, range: &calamine::Range<Data>) -> Table {
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    // Rows and columns as Excel numbers them: the range starts at its
    // first used cell, so pad the columns on the left.
    let pad = first_col as usize;
    let mut rows = range.rows().enumerate().map(|(i, cells)| Row {
        line: first_row as usize + i + 1,
        cells: std::iter::repeat_n(Cell::Empty, pad)
            .chain(cells.iter().map(cell))
            .collect(),
    });
    let Some(header_row) = rows
        .by_ref()
        .find(|r| r.cells.iter().any(|c| !c.is_empty()))
    else {
        return Table {
            sheet,
            header: Vec::new(),
            header_line: 1,
            rows: Vec::new(),
        };
    };
    let header = header_row
        .cells
        .iter()
        .map(|c| normalise(&c.text()))
        .collect();
    Table {
        sheet,
        header,
        header_line: header_row.line,
        rows: rows
            .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
            .collect(),
    }
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(if *b { "WAAR" } else { "ONWAAR" }.to_string()),
        Data::DateTime(d) => Cell::Text(d.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}
