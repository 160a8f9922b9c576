//! Own-data files made to exhaust the server: each is refused with a Dutch
//! message naming the sheet, cell or part and the cap, and none builds a
//! sheet's full grid.

use std::io::{Cursor, Write};

use rust_xlsxwriter::Workbook;
use wikken_data::ImportIssue;
use wikken_data::caps::{MAX_SHEET_CELLS, MAX_SHEET_COLUMNS};
use wikken_data::own::{Subject, parse_own};
use zip::write::{SimpleFileOptions, ZipWriter};

fn messages(problems: &[ImportIssue]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

/// A zip of `entries`, deflated (an ODS's `mimetype` stored, as ODS asks).
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in entries {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

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

fn number(n: f64) -> String {
    format!(r#"<table:table-cell office:value-type="float" office:value="{n}"/>"#)
}

/// The workbook of the issue: a value in A1 and one in XFD1048576, which
/// made calamine allocate the 1.7e10 cells between them.
fn a1_and_xfd1048576() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("kengetallen").unwrap();
    ws.write_string(0, 0, "jaar").unwrap();
    ws.write_number(1_048_575, 16_383, 1).unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn a_cell_at_xfd1048576_is_refused_without_building_the_grid() {
    let p = parse_own("groot.xlsx", &a1_and_xfd1048576()).unwrap_err();
    assert_eq!(
        messages(&p),
        vec![
            "regel 1048576, kolom XFD (blad kengetallen): deze cel ligt buiten de kolommen die \
             Wikken leest (hoogstens 256, A tot en met IV); maak haar leeg of verwijder de kolom"
        ]
    );
}

#[test]
fn a_value_just_within_the_columns_is_read() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Complexen").unwrap();
    for (c, h) in ["complexnummer", "naam", "buurtcode", "aantal_woningen"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "C1").unwrap();
    ws.write_string(1, 1, "Flat").unwrap();
    ws.write_string(1, 2, "BU08551602").unwrap();
    ws.write_number(1, 3, 12).unwrap();
    ws.write_string(1, (MAX_SHEET_COLUMNS - 1) as u16, "opmerking")
        .unwrap();
    let p = parse_own("rand.xlsx", &book.save_to_buffer().unwrap()).unwrap_err();
    assert_eq!(
        messages(&p),
        vec!["regel 2, kolom IV (blad complexen): deze kolom heeft geen naam in de kopregel"]
    );
}

#[test]
fn a_zip_bomb_is_refused_before_any_reader_inflates_it() {
    // 64 MB of one byte deflates to about 64 KB: a ratio near 1,000.
    let sheet = vec![b' '; 64 * 1024 * 1024];
    let bomb = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", &sheet),
    ]);
    assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
    let p = parse_own("bom.xlsx", &bomb).unwrap_err();
    assert_eq!(p.len(), 1);
    assert!(
        p[0].message
            .starts_with("het deel xl/worksheets/sheet1.xml van het werkboek pakt uit van ")
            && p[0].message.contains("meer dan 200 keer zo groot")
            && p[0].message.contains("zip-bom"),
        "{}",
        p[0]
    );
}

#[test]
fn a_shared_string_table_claiming_trillions_is_refused() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("complexen").unwrap();
    ws.write_string(0, 0, "complexnummer").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    // Rewrite the shared strings to claim 4e12 of them.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut content).unwrap();
        let name = f.name().unwrap().to_string();
        if name == "xl/sharedStrings.xml" {
            let text = String::from_utf8(content).unwrap();
            let at = text.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            let end = at + text[at..].find('"').unwrap();
            content = format!("{}4000000000000{}", &text[..at], &text[end..]).into_bytes();
        }
        entries.push((name, content));
    }
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_slice()))
        .collect();
    let p = parse_own("strings.xlsx", &zip_of(&refs)).unwrap_err();
    assert_eq!(
        messages(&p),
        vec![
            "het werkboek zegt 4000000000000 verschillende teksten te hebben \
             (sharedStrings.xml); Wikken leest er hoogstens 2.000.000"
        ]
    );
}

#[test]
fn an_ods_is_read_like_the_template() {
    let book = ods(&format!(
        r#"<table:table table:name="complexen">
          <table:table-row>{}{}{}{}<table:table-cell table:number-columns-repeated="1019"/></table:table-row>
          <table:table-row>{}{}{}{}</table:table-row>
          <table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
        </table:table>
        <table:table table:name="Kengetallen">
          <table:table-row>{}{}{}</table:table-row>
          <table:table-row>{}{}{}</table:table-row>
        </table:table>"#,
        text("complexnummer"),
        text("naam"),
        text("buurtcode"),
        text("aantal_woningen"),
        text("0012"),
        text("Hof &amp; Tuin"),
        text("BU08551602"),
        number(40.0),
        text("complexnummer"),
        text("jaar"),
        text("mutatiegraad"),
        text("0012"),
        number(2024.0),
        number(7.5),
    ));
    let data = parse_own("eigen.ods", &book).unwrap_or_else(|p| panic!("{:?}", messages(&p)));
    assert_eq!(data.complexes.len(), 1);
    let c = &data.complexes[0];
    assert_eq!(
        (c.code.as_str(), c.name.as_str(), c.dwellings),
        ("0012", "Hof & Tuin", 40)
    );
    assert_eq!(data.values.len(), 1);
    assert_eq!(data.values[0].subject, Subject::Complex("0012".into()));
    assert_eq!(
        (
            data.values[0].indicator.as_str(),
            data.values[0].year,
            data.values[0].value
        ),
        ("mutatiegraad", 2024, 7.5)
    );
}

#[test]
fn an_ods_with_huge_repeat_counts_is_refused_by_cell() {
    let rows = ods(&format!(
        r#"<table:table table:name="kengetallen"><table:table-row>{}</table:table-row>
        <table:table-row table:number-rows-repeated="2000000000">{}</table:table-row></table:table>"#,
        text("jaar"),
        number(2024.0)
    ));
    assert_eq!(
        messages(&parse_own("rijen.ods", &rows).unwrap_err()),
        vec![
            "regel 250001, kolom A (blad kengetallen): deze cel ligt buiten de rijen die Wikken \
             leest (hoogstens 250.000); maak haar leeg of splits het bestand"
        ]
    );
    // One row of 200 cells, repeated 20,000 times: 4 million cells.
    let cells = ods(
        r#"<table:table table:name="complexen"><table:table-row table:number-rows-repeated="20000"><table:table-cell table:number-columns-repeated="200" office:value-type="float" office:value="1"/></table:table-row></table:table>"#,
    );
    let p = parse_own("cellen.ods", &cells).unwrap_err();
    assert_eq!(p.len(), 1);
    assert!(
        p[0].message.starts_with(&format!(
            "het bestand heeft meer dan {} gevulde cellen",
            wikken_data::caps::dutch_count(MAX_SHEET_CELLS)
        )),
        "{}",
        p[0]
    );
    assert!(p[0].to_string().contains("(blad complexen)"), "{}", p[0]);
}

#[test]
fn old_and_binary_workbooks_are_refused_with_what_to_do() {
    let xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let p = parse_own("oud.xls", &xls).unwrap_err();
    assert!(p[0].message.contains("sla het op als .xlsx"), "{}", p[0]);
    let xlsb = zip_of(&[("xl/workbook.bin", b"\0")]);
    assert!(
        parse_own("binair.xlsb", &xlsb).unwrap_err()[0]
            .message
            .contains(".xlsb")
    );
}

#[test]
fn a_csv_with_a_value_beyond_the_columns_is_refused() {
    let mut line = String::from("C1,Flat,BU08551602,12");
    // x lands in column 257 (IW), one beyond the last column read
    line.push_str(&",".repeat(MAX_SHEET_COLUMNS as usize - 3));
    line.push('x');
    let text = format!("complexnummer,naam,buurtcode,aantal_woningen\n{line}\n");
    let p = parse_own("breed.csv", text.as_bytes()).unwrap_err();
    assert_eq!(
        messages(&p),
        vec![
            "regel 2, kolom IW (blad complexen): deze cel ligt buiten de kolommen die Wikken \
             leest (hoogstens 256, A tot en met IV); maak haar leeg of verwijder de kolom"
        ]
    );
}
