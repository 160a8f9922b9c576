//! An XLSX workbook read cell by cell with calamine's cell reader, never
//! into a grid. Opening a workbook makes calamine read its shared strings
//! and styles whole, sized by what those parts say: so they are looked
//! through first (`precheck`), and refused beyond the caps.

use std::io::{BufReader, Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};
use quick_xml::events::Event;
use zip::ZipArchive;

use super::super::filled::{Budget, SheetBuilder, Value};
use super::super::table::{Table, file_problem};
use super::{no_template_sheet, template_sheet, twice};
use crate::caps::{
    MAX_SHEET_CELLS, MAX_XLSX_STYLE_BYTES, MAX_XLSX_STYLE_PART_BYTES, MAX_XLSX_STYLES, dutch_count,
};
use crate::kwb::ImportIssue;

/// Reads the template's sheets of an XLSX workbook.
pub(super) fn read(bytes: &[u8]) -> Result<Vec<Table>, Vec<ImportIssue>> {
    precheck(bytes).map_err(|m| file_problem(None, m))?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        file_problem(
            None,
            format!("het werkboek is niet te lezen ({e}): sla het op als .xlsx"),
        )
    })?;
    let names = book.sheet_names();
    let mut chosen = Vec::new();
    let mut problems = Vec::new();
    for name in &names {
        if let Some(sheet) = template_sheet(name) {
            if chosen.iter().any(|(s, _)| *s == sheet) {
                if !problems.contains(&twice(sheet)) {
                    problems.push(twice(sheet));
                }
            } else {
                chosen.push((sheet, name.clone()));
            }
        }
    }
    if chosen.is_empty() && problems.is_empty() {
        problems.push(no_template_sheet(&names));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    chosen.sort_by_key(|(sheet, _)| *sheet as u8);
    let mut budget = Budget::default();
    let mut tables = Vec::new();
    for (sheet, name) in chosen {
        let mut builder = SheetBuilder::new(sheet, &mut budget);
        let unreadable = |e: calamine::XlsxError| {
            vec![ImportIssue {
                line: None,
                column: None,
                message: format!("blad {} is niet te lezen: {e}", sheet.name()),
            }]
        };
        let mut cells = book.worksheet_cells_reader(&name).map_err(unreadable)?;
        while let Some(cell) = cells.next_cell().map_err(unreadable)? {
            let (row, col) = cell.get_position();
            let (row, col) = (u64::from(row), u64::from(col));
            let added = match cell.get_value() {
                DataRef::Empty => Ok(()),
                DataRef::Int(i) => builder.add(row, col, Value::Number(*i as f64)),
                DataRef::Float(f) => builder.add(row, col, Value::Number(*f)),
                DataRef::String(s) => builder.add(row, col, Value::Text(s)),
                DataRef::SharedString(s) => builder.add(row, col, Value::Text(s)),
                DataRef::Bool(b) => {
                    builder.add(row, col, Value::Text(if *b { "WAAR" } else { "ONWAAR" }))
                }
                DataRef::DateTime(d) => builder.add(row, col, Value::Text(&d.to_string())),
                DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                    builder.add(row, col, Value::Text(s))
                }
                DataRef::Error(e) => builder.add(row, col, Value::Text(&format!("#{e:?}"))),
            };
            added.map_err(|p| vec![p])?;
        }
        tables.push(builder.finish());
    }
    Ok(tables)
}

/// The parts calamine reads whole on opening, looked through within the
/// caps: the shared strings (it reserves room for as many as the part
/// says) and the styles (it copies a font, fill and border into every
/// cell format). The message says which part and cap.
fn precheck(bytes: &[u8]) -> Result<(), String> {
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("het werkboek is niet te lezen ({e})"))?;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|e| format!("het werkboek is niet te lezen ({e})"))?;
        let name = entry.name().unwrap_or_default().to_ascii_lowercase();
        if name.ends_with("sharedstrings.xml") {
            shared_strings(entry)?;
        } else if name.ends_with("styles.xml") {
            if entry.size() > MAX_XLSX_STYLE_BYTES {
                return Err(format!(
                    "de opmaak van het werkboek (styles.xml) is groter dan {} MB; Wikken leest \
                     het niet: kopieer de gegevens naar een nieuw werkboek",
                    MAX_XLSX_STYLE_BYTES / (1024 * 1024)
                ));
            }
            styles(entry)?;
        } else if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            references(entry)?;
        }
    }
    Ok(())
}

/// Every cell and row reference of a sheet (`r`, and a range's `ref`) is
/// one calamine can read: up to three letters and seven digits. Longer
/// ones overflow calamine's arithmetic (found by fuzzing).
fn references(part: impl Read) -> Result<(), String> {
    let unreadable = |e: quick_xml::Error| format!("het werkboek is niet te lezen ({e})");
    let mut reader = xml(part);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(unreadable)? {
            Event::Start(e) | Event::Empty(e) => {
                for key in ["r", "ref", "sqref"] {
                    if let Some(attr) = e.try_get_attribute(key).ok().flatten() {
                        let text = attr.value.to_string();
                        if !text.split([':', ' ']).all(plausible_reference) {
                            let shown: String = text.chars().take(40).collect();
                            return Err(format!(
                                "het werkboek heeft een onleesbare celverwijzing \"{shown}\""
                            ));
                        }
                    }
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// `A1`, `XFD1048576`, `$B$2` or a bare row number: at most three letters
/// and seven digits.
fn plausible_reference(r: &str) -> bool {
    let r = r.replace('$', "");
    let letters = r.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let digits = &r[letters..];
    letters <= 3 && digits.len() <= 7 && digits.chars().all(|c| c.is_ascii_digit())
}

/// An XML reader as calamine sets one up (empty elements as start and end).
fn xml<R: Read>(part: R) -> quick_xml::Reader<BufReader<R>> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part));
    reader.config_mut().expand_empty_elements = true;
    reader
}

/// The shared strings: how many the part says and how many it has.
fn shared_strings(part: impl Read) -> Result<(), String> {
    let too_many = |n: &str| {
        format!(
            "het werkboek zegt {n} verschillende teksten te hebben (sharedStrings.xml); Wikken \
             leest er hoogstens {}",
            dutch_count(MAX_SHEET_CELLS)
        )
    };
    let unreadable = |e: quick_xml::Error| format!("het werkboek is niet te lezen ({e})");
    let mut reader = xml(part);
    let mut buf = Vec::new();
    let mut count = 0usize;
    loop {
        match reader.read_event_into(&mut buf).map_err(unreadable)? {
            Event::Start(e) if e.local_name().as_ref() == "sst" => {
                for key in ["uniqueCount", "count"] {
                    if let Some(attr) = e.try_get_attribute(key).ok().flatten() {
                        let text = attr.value.to_string();
                        if text
                            .trim()
                            .parse::<u64>()
                            .is_ok_and(|n| n > MAX_SHEET_CELLS as u64)
                        {
                            return Err(too_many(&text));
                        }
                    }
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "si" => {
                count += 1;
                if count > MAX_SHEET_CELLS {
                    return Err(too_many(&format!(
                        "meer dan {}",
                        dutch_count(MAX_SHEET_CELLS)
                    )));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// The styles: how many cell formats, and how long each font, fill, border
/// and number format (each copied into every cell format that uses it).
fn styles(part: impl Read) -> Result<(), String> {
    const PARTS: [&str; 4] = ["font", "fill", "border", "numFmt"];
    let unreadable = |e: quick_xml::Error| format!("het werkboek is niet te lezen ({e})");
    let mut reader = xml(part);
    let mut buf = Vec::new();
    let mut in_cell_formats = false;
    let mut formats = 0usize;
    let mut open: Option<(String, u64)> = None;
    loop {
        let before = reader.buffer_position();
        match reader.read_event_into(&mut buf).map_err(unreadable)? {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                if name == "cellXfs" {
                    in_cell_formats = true;
                } else if name == "xf" && in_cell_formats {
                    formats += 1;
                    if formats > MAX_XLSX_STYLES {
                        return Err(format!(
                            "het werkboek heeft meer dan {} celopmaken (styles.xml); Wikken \
                             leest het niet: kopieer de gegevens naar een nieuw werkboek",
                            dutch_count(MAX_XLSX_STYLES)
                        ));
                    }
                } else if open.is_none() && PARTS.contains(&name.as_str()) {
                    open = Some((name, before));
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                if name.as_ref() == "cellXfs" {
                    in_cell_formats = false;
                } else if let Some((part, start)) = &open
                    && part.as_str() == name.as_ref()
                {
                    let length = reader.buffer_position().saturating_sub(*start);
                    if length > MAX_XLSX_STYLE_PART_BYTES {
                        return Err(format!(
                            "een opmaak ({}) in styles.xml is {} bytes lang, meer dan de {} die \
                             Wikken leest: kopieer de gegevens naar een nieuw werkboek",
                            part,
                            dutch_count(length as usize),
                            dutch_count(MAX_XLSX_STYLE_PART_BYTES as usize)
                        ));
                    }
                    open = None;
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::super::container::tests::zip_of;
    use super::*;

    #[test]
    fn references_calamine_cannot_read_are_refused() {
        assert!(plausible_reference("A1"));
        assert!(plausible_reference("XFD1048576"));
        assert!(plausible_reference("$B$2"));
        assert!(plausible_reference("12"));
        assert!(plausible_reference(""));
        assert!(!plausible_reference("A99999999999"));
        assert!(!plausible_reference("ABCD1"));
        assert!(!plausible_reference("A1B"));
        // The fuzzer's find: calamine's row arithmetic overflowed on it.
        let crash = include_bytes!("../../../tests/fixtures/own-workbook-overflow.xlsx");
        assert!(read(crash).is_err());
    }

    #[test]
    fn a_huge_shared_string_count_is_refused_before_calamine_reserves_it() {
        let sst = br#"<?xml version="1.0"?><sst xmlns="x" count="1" uniqueCount="4000000000000"><si><t>a</t></si></sst>"#;
        let book = zip_of(&[
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/sharedStrings.xml", sst),
        ]);
        let e = precheck(&book).unwrap_err();
        assert_eq!(
            e,
            "het werkboek zegt 4000000000000 verschillende teksten te hebben \
             (sharedStrings.xml); Wikken leest er hoogstens 2.000.000"
        );
    }

    #[test]
    fn many_cell_formats_or_a_long_font_are_refused() {
        let mut many = String::from("<styleSheet><cellXfs>");
        for _ in 0..=MAX_XLSX_STYLES {
            many.push_str("<xf/>");
        }
        many.push_str("</cellXfs></styleSheet>");
        let book = zip_of(&[("xl/styles.xml", many.as_bytes())]);
        assert!(
            precheck(&book)
                .unwrap_err()
                .starts_with("het werkboek heeft meer dan 10.000 celopmaken"),
        );
        let long = format!(
            "<styleSheet><fonts><font><name val=\"{}\"/></font></fonts></styleSheet>",
            "x".repeat(MAX_XLSX_STYLE_PART_BYTES as usize)
        );
        let book = zip_of(&[("xl/styles.xml", long.as_bytes())]);
        let e = precheck(&book).unwrap_err();
        assert!(
            e.starts_with("een opmaak (font) in styles.xml is 2.0"),
            "{e}"
        );
        let fine = "<styleSheet><fonts><font><name val=\"Calibri\"/></font></fonts>\
                    <cellXfs><xf/><xf/></cellXfs></styleSheet>";
        assert_eq!(
            precheck(&zip_of(&[("xl/styles.xml", fine.as_bytes())])),
            Ok(())
        );
    }
}
