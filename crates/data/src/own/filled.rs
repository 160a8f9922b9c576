//! Sheets read cell by cell (CSV, XLSX, ODS) into [`Table`]s that hold only
//! the filled cells, within the caps of [`crate::caps`]: no grid is ever
//! built, so a sheet with a value in A1 and one in XFD1048576 costs two
//! cells (and is refused for the second, beyond the columns Wikken reads).

use std::collections::BTreeMap;

use super::OwnSheet;
use super::cells::Cell;
use super::sheets::column_letter;
use super::table::{Row, Table, normalise};
use crate::caps::{
    MAX_CELL_TEXT_BYTES, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_SHEET_TEXT_BYTES,
    dutch_count,
};
use crate::kwb::ImportIssue;

/// What one file may still fill: cells and bytes of text, over all its
/// sheets.
#[derive(Debug)]
pub(crate) struct Budget {
    cells: usize,
    text: usize,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            cells: MAX_SHEET_CELLS,
            text: MAX_SHEET_TEXT_BYTES,
        }
    }
}

/// A cell's value as read, before it is kept.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Value<'a> {
    /// Text (also dates and booleans, as text).
    Text(&'a str),
    /// A number.
    Number(f64),
}

impl Value<'_> {
    fn is_blank(&self) -> bool {
        matches!(self, Value::Text(t) if t.trim().is_empty())
    }

    fn text_len(&self) -> usize {
        match self {
            Value::Text(t) => t.len(),
            Value::Number(_) => 0,
        }
    }
}

/// The problem for cell (`row`, `col`) (0-based) of `sheet`.
fn problem(sheet: OwnSheet, row: u64, col: u64, message: String) -> ImportIssue {
    ImportIssue {
        line: Some(usize::try_from(row + 1).unwrap_or(usize::MAX)),
        column: Some(sheet.column(&column_letter(usize::try_from(col).unwrap_or(usize::MAX)))),
        message,
    }
}

impl Budget {
    /// Takes a filled cell at (`row`, `col`) (0-based) holding `text_len`
    /// bytes of text from the budget; the problem when it is beyond a cap.
    pub(crate) fn take(
        &mut self,
        sheet: OwnSheet,
        row: u64,
        col: u64,
        text_len: usize,
    ) -> Result<(), ImportIssue> {
        let refuse = |message: String| Err(problem(sheet, row, col, message));
        if col >= u64::from(MAX_SHEET_COLUMNS) {
            return refuse(format!(
                "deze cel ligt buiten de kolommen die Wikken leest (hoogstens {MAX_SHEET_COLUMNS}, \
                 A tot en met {}); maak haar leeg of verwijder de kolom",
                column_letter(MAX_SHEET_COLUMNS as usize - 1)
            ));
        }
        if row >= u64::from(MAX_SHEET_ROWS) {
            return refuse(format!(
                "deze cel ligt buiten de rijen die Wikken leest (hoogstens {}); maak haar leeg \
                 of splits het bestand",
                dutch_count(MAX_SHEET_ROWS as usize)
            ));
        }
        if text_len > MAX_CELL_TEXT_BYTES {
            return refuse(format!(
                "de tekst in deze cel is langer dan {} bytes (Excel staat 32.767 tekens toe)",
                dutch_count(MAX_CELL_TEXT_BYTES)
            ));
        }
        if self.cells == 0 {
            return refuse(format!(
                "het bestand heeft meer dan {} gevulde cellen, meer dan Wikken uit één bestand \
                 leest; splits het",
                dutch_count(MAX_SHEET_CELLS)
            ));
        }
        if text_len > self.text {
            return refuse(format!(
                "het bestand heeft meer dan {} MB tekst, meer dan Wikken uit één bestand leest; \
                 splits het",
                MAX_SHEET_TEXT_BYTES / (1024 * 1024)
            ));
        }
        self.cells -= 1;
        self.text -= text_len;
        Ok(())
    }
}

/// One sheet being read: its filled cells by row.
pub(crate) struct SheetBuilder<'b> {
    sheet: OwnSheet,
    budget: &'b mut Budget,
    rows: BTreeMap<u32, Vec<(usize, Cell)>>,
}

impl<'b> SheetBuilder<'b> {
    /// An empty sheet that takes its cells from `budget`.
    pub(crate) fn new(sheet: OwnSheet, budget: &'b mut Budget) -> SheetBuilder<'b> {
        SheetBuilder {
            sheet,
            budget,
            rows: BTreeMap::new(),
        }
    }

    /// Keeps `value` at (`row`, `col`) (0-based; Excel's A1 is (0, 0)). A
    /// blank value is skipped wherever it is; a filled one beyond a cap is
    /// the problem.
    pub(crate) fn add(&mut self, row: u64, col: u64, value: Value<'_>) -> Result<(), ImportIssue> {
        if value.is_blank() {
            return Ok(());
        }
        self.budget.take(self.sheet, row, col, value.text_len())?;
        // Within the caps, so both fit.
        let (row, col) = (row as u32, col as usize);
        let cell = match value {
            Value::Text(t) => Cell::Text(t.to_string()),
            Value::Number(n) => Cell::Number(n),
        };
        self.rows.entry(row).or_default().push((col, cell));
        Ok(())
    }

    /// The sheet as a table: its first filled row is the header.
    pub(crate) fn finish(self) -> Table {
        let mut rows = self.rows.into_iter().map(|(row, mut cells)| {
            // A cell written twice keeps its last value.
            cells.reverse();
            cells.sort_by_key(|(col, _)| *col);
            cells.dedup_by_key(|(col, _)| *col);
            Row {
                line: row as usize + 1,
                cells,
            }
        });
        let Some(first) = rows.next() else {
            return Table {
                sheet: self.sheet,
                header: Vec::new(),
                header_line: 1,
                rows: Vec::new(),
            };
        };
        let header = (0..first.width())
            .map(|i| normalise(&first.cell(i).text()))
            .collect();
        Table {
            sheet: self.sheet,
            header,
            header_line: first.line,
            rows: rows.collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_filled_cells_are_kept_and_rows_keep_their_numbers() {
        let mut budget = Budget::default();
        let mut b = SheetBuilder::new(OwnSheet::Complexen, &mut budget);
        b.add(2, 1, Value::Text("Naam")).unwrap();
        b.add(2, 3, Value::Text("Jaar")).unwrap();
        b.add(9, 3, Value::Number(2024.0)).unwrap();
        b.add(9, 1, Value::Text("  ")).unwrap();
        b.add(5, 0, Value::Text("")).unwrap();
        let t = b.finish();
        assert_eq!(t.header, ["", "naam", "", "jaar"]);
        assert_eq!(t.header_line, 3);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 10);
        assert_eq!(t.rows[0].cell(3), &Cell::Number(2024.0));
        assert_eq!(t.rows[0].cell(1), &Cell::Empty);
        assert_eq!(budget.cells, MAX_SHEET_CELLS - 3);
    }

    #[test]
    fn a_cell_beyond_the_columns_or_rows_is_named() {
        let mut budget = Budget::default();
        let mut b = SheetBuilder::new(OwnSheet::Kengetallen, &mut budget);
        b.add(0, 0, Value::Text("a")).unwrap();
        let far = b.add(1_048_575, 16_383, Value::Number(1.0)).unwrap_err();
        assert_eq!(
            far.to_string(),
            "regel 1048576, kolom XFD (blad kengetallen): deze cel ligt buiten de kolommen die \
             Wikken leest (hoogstens 256, A tot en met IV); maak haar leeg of verwijder de kolom"
        );
        let low = b
            .add(u64::from(MAX_SHEET_ROWS), 0, Value::Number(1.0))
            .unwrap_err();
        assert!(
            low.to_string().starts_with(
                "regel 250001, kolom A (blad kengetallen): deze cel ligt buiten de rijen die \
                 Wikken leest (hoogstens 250.000)"
            ),
            "{low}"
        );
        // blank cells far away cost nothing and are no problem
        b.add(u64::MAX - 1, u64::MAX - 1, Value::Text(" ")).unwrap();
    }

    #[test]
    fn cells_and_text_are_counted_over_the_file() {
        let mut budget = Budget { cells: 2, text: 10 };
        let mut b = SheetBuilder::new(OwnSheet::Complexen, &mut budget);
        b.add(0, 0, Value::Text("123456")).unwrap();
        let long = b.add(0, 1, Value::Text("12345")).unwrap_err();
        assert!(long.message.contains("MB tekst"), "{long}");
        b.add(0, 1, Value::Number(1.0)).unwrap();
        drop(b);
        let mut other = SheetBuilder::new(OwnSheet::Definities, &mut budget);
        let full = other.add(0, 0, Value::Number(1.0)).unwrap_err();
        assert!(
            full.message
                .starts_with("het bestand heeft meer dan 2.000.000 gevulde cellen"),
            "{full}"
        );
        let huge = "x".repeat(MAX_CELL_TEXT_BYTES + 1);
        let e = other.add(0, 0, Value::Text(&huge)).unwrap_err();
        assert!(e.message.contains("langer dan 131.068 bytes"), "{e}");
    }
}
