//! An ODS workbook (OpenDocument spreadsheet) read from its `content.xml`
//! by a streaming reader of its own. calamine's ODS reader builds every
//! sheet's full grid on opening, repeating rows and cells as often as
//! `table:number-rows-repeated` and `table:number-columns-repeated` say (up
//! to 100 million cells), so a file of a few KB could make gigabytes.
//! Here a repeated empty cell or row only moves the position; a filled one
//! is repeated cell by cell, each within the caps of [`crate::caps`].

use std::io::{BufReader, Cursor, Read};

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::super::OwnSheet;
use super::super::filled::{Budget, SheetBuilder, Value};
use super::super::table::{Table, file_problem};
use super::{no_template_sheet, template_sheet, twice};
use crate::caps::MAX_CELL_TEXT_BYTES;
use crate::kwb::ImportIssue;

type Xml<R> = quick_xml::Reader<BufReader<R>>;

/// A filled cell as read.
enum Found {
    Number(f64),
    Text(String),
}

/// Reads the template's sheets of an ODS workbook.
pub(super) fn read(bytes: &[u8]) -> Result<Vec<Table>, Vec<ImportIssue>> {
    let unreadable = |e: String| file_problem(None, format!("het werkboek is niet te lezen ({e})"));
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    if encrypted(&mut zip) {
        return Err(file_problem(
            None,
            "het werkboek is met een wachtwoord beveiligd: sla het zonder wachtwoord op",
        ));
    }
    let content = zip
        .by_name("content.xml")
        .map_err(|e| unreadable(e.to_string()))?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    xml.config_mut().expand_empty_elements = true;
    let mut sheets = Sheets::default();
    sheets.read(&mut xml).map_err(|e| match e {
        Stop::Invalid(p) => vec![p],
        Stop::Xml(e) => unreadable(format!("content.xml: {e}")),
    })?;
    sheets.finish()
}

/// Whether the manifest says the parts are encrypted (a workbook saved
/// with a password: its `content.xml` is then no XML).
fn encrypted(zip: &mut ZipArchive<Cursor<&[u8]>>) -> bool {
    let Ok(manifest) = zip.by_name("META-INF/manifest.xml") else {
        return false;
    };
    let mut text = Vec::new();
    // the manifest lists the parts: a few KB
    let _ = manifest.take(1024 * 1024).read_to_end(&mut text);
    text.windows(b"encryption-data".len())
        .any(|w| w == b"encryption-data")
}

/// Why reading stopped.
enum Stop {
    /// A cap or a bad attribute, named by cell.
    Invalid(ImportIssue),
    /// Broken XML.
    Xml(String),
}

impl From<quick_xml::Error> for Stop {
    fn from(e: quick_xml::Error) -> Stop {
        Stop::Xml(e.to_string())
    }
}

impl From<ImportIssue> for Stop {
    fn from(p: ImportIssue) -> Stop {
        Stop::Invalid(p)
    }
}

/// What the reader has found so far.
#[derive(Default)]
struct Sheets {
    budget: Budget,
    names: Vec<String>,
    tables: Vec<Table>,
    problems: Vec<ImportIssue>,
}

/// A local name (without the namespace prefix).
fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

/// A repeat count attribute (`table:number-...-repeated`), 1 when absent.
fn repeats(e: &BytesStart<'_>, key: &str) -> Result<u64, Stop> {
    match e
        .try_get_attribute(key)
        .map_err(|e| Stop::Xml(e.to_string()))?
    {
        None => Ok(1),
        Some(attr) => {
            let text = attr.value.to_string();
            text.trim()
                .parse::<u64>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| Stop::Xml(format!("{key}=\"{text}\" is geen aantal")))
        }
    }
}

/// An attribute's text, unescaped.
fn attribute(e: &BytesStart<'_>, key: &str) -> Result<Option<String>, Stop> {
    match e
        .try_get_attribute(key)
        .map_err(|e| Stop::Xml(e.to_string()))?
    {
        None => Ok(None),
        Some(attr) => Ok(Some(
            attr.normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| Stop::Xml(e.to_string()))?
                .into_owned(),
        )),
    }
}

impl Sheets {
    /// Streams `content.xml`, reading every table.
    fn read<R: Read>(&mut self, xml: &mut Xml<R>) -> Result<(), Stop> {
        let mut buf = Vec::new();
        loop {
            match xml.read_event_into(&mut buf)? {
                Event::Start(e) if local(&e) == "table" => {
                    let name = attribute(&e, "table:name")?.unwrap_or_default();
                    let sheet = template_sheet(&name);
                    self.names.push(name);
                    let sheet = match sheet {
                        Some(s) if self.tables.iter().any(|t| t.sheet == s) => {
                            if !self.problems.contains(&twice(s)) {
                                self.problems.push(twice(s));
                            }
                            None
                        }
                        other => other,
                    };
                    let table = self.table(xml, sheet)?;
                    self.tables.extend(table);
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
            buf.clear();
        }
    }

    /// Reads one table up to its end; keeps its cells when it is `sheet`.
    fn table<R: Read>(
        &mut self,
        xml: &mut Xml<R>,
        sheet: Option<OwnSheet>,
    ) -> Result<Option<Table>, Stop> {
        let mut builder = sheet.map(|s| SheetBuilder::new(s, &mut self.budget));
        let mut buf = Vec::new();
        let mut row: u64 = 0;
        // The filled cells of the current row: column, value, repeats.
        let mut cells: Vec<(u64, Found, u64)> = Vec::new();
        let mut col: u64 = 0;
        let mut row_repeats: u64 = 1;
        loop {
            match xml.read_event_into(&mut buf)? {
                Event::Start(e) => match local(&e).as_str() {
                    "table-row" => {
                        row_repeats = repeats(&e, "table:number-rows-repeated")?;
                        cells.clear();
                        col = 0;
                    }
                    "table-cell" | "covered-table-cell" => {
                        let across = repeats(&e, "table:number-columns-repeated")?;
                        let value = cell(xml, &e, builder.is_some())?;
                        if let Some(value) = value {
                            cells.push((col, value, across));
                        }
                        col = col.saturating_add(across);
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "table-row" => {
                        if let Some(b) = builder.as_mut() {
                            for r in 0..row_repeats {
                                if cells.is_empty() {
                                    break;
                                }
                                for (c, value, across) in &cells {
                                    for k in 0..*across {
                                        let at = (row.saturating_add(r), c.saturating_add(k));
                                        let value = match value {
                                            Found::Number(n) => Value::Number(*n),
                                            Found::Text(t) => Value::Text(t),
                                        };
                                        b.add(at.0, at.1, value)?;
                                    }
                                }
                            }
                        }
                        row = row.saturating_add(row_repeats);
                        cells.clear();
                    }
                    "table" => return Ok(builder.map(SheetBuilder::finish)),
                    _ => {}
                },
                Event::Eof => return Err(Stop::Xml("content.xml houdt halverwege op".into())),
                _ => {}
            }
            buf.clear();
        }
    }

    /// The tables found, or the problems.
    fn finish(mut self) -> Result<Vec<Table>, Vec<ImportIssue>> {
        if self.tables.is_empty() && self.problems.is_empty() {
            self.problems.push(no_template_sheet(&self.names));
        }
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        self.tables.sort_by_key(|t| t.sheet as u8);
        Ok(self.tables)
    }
}

/// Reads a cell up to its end: its value when it holds one (and `keep`).
/// Numbers come from `office:value`; other values are their text, built
/// from the cell's paragraphs and held to one byte over the cell cap (so
/// that the cap's message names the cell).
fn cell<R: Read>(
    xml: &mut Xml<R>,
    start: &BytesStart<'_>,
    keep: bool,
) -> Result<Option<Found>, Stop> {
    let kind = attribute(start, "office:value-type")?;
    let number = match kind.as_deref() {
        Some("float" | "percentage" | "currency") => attribute(start, "office:value")?
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite()),
        _ => None,
    };
    let given = match kind.as_deref() {
        Some("boolean") => attribute(start, "office:boolean-value")?
            .map(|b| if b.trim() == "true" { "WAAR" } else { "ONWAAR" }.to_string()),
        Some("date") => attribute(start, "office:date-value")?,
        Some("time") => attribute(start, "office:time-value")?,
        _ => attribute(start, "office:string-value")?,
    };
    let limit = MAX_CELL_TEXT_BYTES + 1;
    let mut text = String::new();
    let push = |text: &mut String, s: &str| {
        if keep && text.len() < limit {
            let room = limit - text.len();
            let cut = s.char_indices().map(|(i, _)| i).find(|&i| i >= room);
            text.push_str(&s[..cut.unwrap_or(s.len())]);
        }
    };
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut paragraphs = 0usize;
    loop {
        match xml.read_event_into(&mut buf)? {
            Event::Start(e) => {
                depth += 1;
                match local(&e).as_str() {
                    "p" | "h" => {
                        if paragraphs > 0 {
                            push(&mut text, "\n");
                        }
                        paragraphs += 1;
                    }
                    "s" if keep => {
                        // a count of spaces: a number in the file, so capped
                        let n = repeats(&e, "text:c")?;
                        let room = limit.saturating_sub(text.len());
                        let n = usize::try_from(n).unwrap_or(usize::MAX).min(room);
                        push(&mut text, &" ".repeat(n));
                    }
                    "tab" => push(&mut text, "\t"),
                    "line-break" => push(&mut text, "\n"),
                    "annotation" => {
                        xml.read_to_end_into(e.name(), &mut Vec::new())?;
                        depth -= 1;
                    }
                    _ => {}
                }
            }
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            Event::Text(t) => push(&mut text, &t.xml10_content()),
            Event::CData(t) => push(&mut text, &t),
            Event::GeneralRef(r) => {
                if let Some(s) = resolve_xml_entity(&r) {
                    push(&mut text, s);
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    push(&mut text, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => return Err(Stop::Xml("content.xml houdt halverwege op".into())),
            _ => {}
        }
        buf.clear();
    }
    if !keep {
        return Ok(None);
    }
    Ok(match (number, given) {
        (Some(n), _) => Some(Found::Number(n)),
        (None, Some(g)) if !g.trim().is_empty() => Some(Found::Text(g)),
        _ if !text.trim().is_empty() => Some(Found::Text(text)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::cells::Cell;
    use super::super::container::tests::zip_of;
    use super::*;

    /// An ODS's manifest, as LibreOffice writes it (without encryption).
    const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;

    /// An ODS whose `content.xml` holds `tables`.
    fn ods(tables: &str) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>
</office:document-content>"#
        );
        zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("META-INF/manifest.xml", MANIFEST.as_bytes()),
            ("content.xml", content.as_bytes()),
        ])
    }

    fn text(t: &str) -> String {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    }

    fn number(n: &str) -> String {
        format!(
            r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
        )
    }

    #[test]
    fn sheets_are_read_at_their_positions() {
        let book = ods(&format!(
            r#"<table:table table:name="Toelichting"><table:table-row>{}</table:table-row></table:table>
            <table:table table:name="Complexen">
              <table:table-column table:number-columns-repeated="1024"/>
              <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
              <table:table-row><table:table-cell/>{}{}</table:table-row>
              <table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>
              <table:table-row><table:table-cell/>{}<table:table-cell office:value-type="string"><text:p>Hof<text:s text:c="2"/>&amp; co</text:p><text:p>B</text:p><office:annotation><text:p>note</text:p></office:annotation></table:table-cell></table:table-row>
              <table:table-row table:number-rows-repeated="1048563"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
            </table:table>"#,
            text("uitleg"),
            text("complexnummer"),
            text("naam"),
            number("1001")
        ));
        let tables = read(&book).unwrap();
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.sheet, OwnSheet::Complexen);
        assert_eq!(t.header, ["", "complexnummer", "naam"]);
        assert_eq!(t.header_line, 3);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 7);
        assert_eq!(t.rows[0].cell(1), &Cell::Number(1001.0));
        assert_eq!(t.rows[0].cell(2), &Cell::Text("Hof  & co\nB".into()));
    }

    #[test]
    fn a_filled_row_repeated_beyond_the_rows_is_refused() {
        let book = ods(&format!(
            r#"<table:table table:name="kengetallen"><table:table-row>{}</table:table-row>
            <table:table-row table:number-rows-repeated="4000000000">{}</table:table-row></table:table>"#,
            text("jaar"),
            number("2024")
        ));
        let p = read(&book).unwrap_err();
        assert_eq!(
            p[0].to_string(),
            "regel 250001, kolom A (blad kengetallen): deze cel ligt buiten de rijen die Wikken \
             leest (hoogstens 250.000); maak haar leeg of splits het bestand"
        );
    }

    #[test]
    fn a_filled_cell_repeated_beyond_the_columns_is_refused() {
        let book = ods(
            r#"<table:table table:name="kengetallen"><table:table-row><table:table-cell table:number-columns-repeated="4000000000" office:value-type="float" office:value="1"/></table:table-row></table:table>"#,
        );
        let p = read(&book).unwrap_err();
        assert!(
            p[0].to_string().starts_with(
                "regel 1, kolom IW (blad kengetallen): deze cel ligt buiten de kolommen"
            ),
            "{}",
            p[0]
        );
    }

    #[test]
    fn a_huge_space_count_is_refused_as_too_long_a_text() {
        let book = ods(
            r#"<table:table table:name="complexen"><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="4000000000"/></text:p></table:table-cell></table:table-row></table:table>"#,
        );
        let p = read(&book).unwrap_err();
        assert!(
            p[0].to_string().starts_with(
                "regel 1, kolom A (blad complexen): de tekst in deze cel is langer dan 131.068 bytes"
            ),
            "{}",
            p[0]
        );
    }

    #[test]
    fn a_workbook_with_a_password_is_named_so() {
        let manifest = MANIFEST.replace(
            "media-type=\"text/xml\"/>",
            "media-type=\"text/xml\"><manifest:encryption-data/></manifest:file-entry>",
        );
        let book = zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("META-INF/manifest.xml", manifest.as_bytes()),
            ("content.xml", b"\x8a\x01 not xml"),
        ]);
        assert_eq!(
            read(&book).unwrap_err()[0].message,
            "het werkboek is met een wachtwoord beveiligd: sla het zonder wachtwoord op"
        );
    }

    #[test]
    fn a_workbook_without_template_sheets_names_its_sheets() {
        let book = ods(r#"<table:table table:name="Blad1"/><table:table table:name="Blad2"/>"#);
        assert_eq!(
            read(&book).unwrap_err()[0].message,
            "het werkboek heeft geen blad complexen, kengetallen of definities (wel: Blad1, Blad2)"
        );
        let bad = ods(
            r#"<table:table table:name="complexen"><table:table-row table:number-rows-repeated="-1"/></table:table>"#,
        );
        assert!(
            read(&bad).unwrap_err()[0]
                .message
                .contains("is geen aantal")
        );
    }
}
