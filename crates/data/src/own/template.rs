//! The template users fill in: an XLSX workbook (sheets complexen,
//! kengetallen, definities and toelichting) or one CSV file per sheet.
//! The columns are described once, here; docs/eigen-gegevens.md explains
//! the same for people.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::cells::current_year;
use super::sheets::{DIRECTIONS, ENERGY_LABELS, bounds};
use super::{OWN_CATALOGUE, OwnSheet, own_indicator};

/// One column of the template, as the toelichting explains it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TemplateColumn {
    /// The header (lower case).
    pub name: &'static str,
    /// Must every row fill it?
    pub required: bool,
    /// What it holds (Dutch).
    pub meaning: &'static str,
    /// Unit and allowed values (Dutch).
    pub allowed: &'static str,
    /// The template's two example rows.
    pub examples: [&'static str; 2],
}

const fn col(
    name: &'static str,
    required: bool,
    meaning: &'static str,
    allowed: &'static str,
    examples: [&'static str; 2],
) -> TemplateColumn {
    TemplateColumn {
        name,
        required,
        meaning,
        allowed,
        examples,
    }
}

/// The columns of the complexen sheet.
pub const COMPLEX_COLUMNS: &[TemplateColumn] = &[
    col(
        "complexnummer",
        true,
        "Het nummer van het complex in uw eigen administratie",
        "tekst, uniek in het bestand",
        ["1001", "1002"],
    ),
    col(
        "naam",
        true,
        "Naam van het complex",
        "tekst",
        ["Afrikaanderbuurt flats", "Achthoeven eengezinswoningen"],
    ),
    col(
        "buurtcode",
        true,
        "De CBS-buurt waarin het complex staat",
        "BU gevolgd door 8 tekens; de buurt moet uit de CBS-gegevens bekend zijn",
        ["BU08551602", "BU08556702"],
    ),
    col(
        "aantal_woningen",
        true,
        "Aantal woningen in het complex",
        "geheel getal, minstens 1",
        ["124", "48"],
    ),
    col(
        "bouwjaar",
        false,
        "Bouwjaar",
        "geheel getal van 1800 tot en met 5 jaar na dit jaar",
        ["1968", "1985"],
    ),
    col(
        "energielabel",
        false,
        "Gemiddeld of meest voorkomend energielabel",
        "A++++, A+++, A++, A+, A, B, C, D, E, F of G",
        ["C", "A"],
    ),
    col(
        "gemiddelde_huur",
        false,
        "Gemiddelde kale huur",
        "euro per maand, boven 0; \"€ 612,50\", \"612,50\" en \"612.5\" mogen",
        ["612,50", "705"],
    ),
];

/// The first columns of the kengetallen sheet; one column per indicator follows.
pub const FIGURE_KEY_COLUMNS: &[TemplateColumn] = &[
    col(
        "buurtcode",
        false,
        "De buurt waar de cijfers over gaan",
        "BU gevolgd door 8 tekens; vul buurtcode óf complexnummer in",
        ["BU08551602", ""],
    ),
    col(
        "complexnummer",
        false,
        "Het complex waar de cijfers over gaan",
        "een complexnummer uit dit bestand of een eerdere import",
        ["", "1001"],
    ),
    col(
        "jaar",
        true,
        "Het jaar waarover de cijfers gaan",
        "geheel getal; één regel per buurt of complex per jaar",
        ["2024", "2024"],
    ),
];

/// The columns of the definities sheet.
pub const DEFINITION_COLUMNS: &[TemplateColumn] = &[
    col(
        "code",
        true,
        "Code van de eigen indicator: de kolomnaam op het blad kengetallen",
        "kleine letters, cijfers en _, begint met een letter, hoogstens 40 tekens",
        ["reparatieverzoeken", "tevredenheid_onderhoud"],
    ),
    col(
        "naam",
        true,
        "Naam zoals Wikken haar toont",
        "tekst",
        [
            "Reparatieverzoeken per 100 woningen",
            "Tevredenheid over onderhoud",
        ],
    ),
    col(
        "eenheid",
        true,
        "Eenheid",
        "tekst; bij % geldt 0 tot en met 100, bij rapportcijfer 1 tot en met 10, bij aantal of per ... niet negatief",
        ["per 100 woningen", "rapportcijfer 1-10"],
    ),
    col(
        "richting",
        true,
        "Is een hogere waarde beter of slechter?",
        "hoger_beter, lager_beter of neutraal",
        ["lager_beter", "hoger_beter"],
    ),
];

/// Example figures for the two kengetallen rows, per indicator code.
const FIGURE_EXAMPLES: &[(&str, [&str; 2])] = &[
    ("overlastmeldingen", ["4,2", "7,5"]),
    ("mutatiegraad", ["8,1", "6,4"]),
    ("huurachterstand", ["3,5", ""]),
    ("bewonersoordeel", ["7,1", "6,8"]),
    ("kwetsbare_instroom", ["22", "31"]),
    ("lage_inkomens", ["41,5", ""]),
    ("reparatieverzoeken", ["38", "52"]),
    ("tevredenheid_onderhoud", ["", "6,9"]),
];

/// The columns of a sheet with their two example cells.
fn sheet_columns(sheet: OwnSheet) -> Vec<(&'static str, [&'static str; 2])> {
    let plain = |cols: &[TemplateColumn]| cols.iter().map(|c| (c.name, c.examples)).collect();
    match sheet {
        OwnSheet::Complexen => plain(COMPLEX_COLUMNS),
        OwnSheet::Definities => plain(DEFINITION_COLUMNS),
        OwnSheet::Kengetallen => {
            let mut out: Vec<_> = plain(FIGURE_KEY_COLUMNS);
            let codes = OWN_CATALOGUE
                .iter()
                .map(|(c, ..)| *c)
                .chain(DEFINITION_COLUMNS[0].examples);
            for code in codes {
                let examples = FIGURE_EXAMPLES
                    .iter()
                    .find(|(c, _)| *c == code)
                    .map_or(["", ""], |(_, e)| *e);
                out.push((code, examples));
            }
            out
        }
    }
}

/// One sheet of the template as CSV: `;`-separated with decimal commas,
/// UTF-8 with a byte order mark (so Excel opens it as it should), header
/// and two example rows.
pub fn template_csv(sheet: OwnSheet) -> String {
    let columns = sheet_columns(sheet);
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let header: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
    let rows = [0, 1].map(|r| columns.iter().map(|(_, e)| e[r]).collect::<Vec<_>>());
    for record in std::iter::once(&header).chain(&rows) {
        writer.write_record(record).expect("writing to memory");
    }
    let bytes = writer.into_inner().expect("writing to memory");
    format!(
        "\u{feff}{}",
        String::from_utf8(bytes).expect("the template is UTF-8")
    )
}

/// The template as an XLSX workbook: sheets complexen, kengetallen,
/// definities (each with formatted headers, column widths, two example
/// rows and checks on entry) and toelichting (every column explained).
pub fn template_xlsx() -> Vec<u8> {
    build_workbook().expect("the template's fixed contents are valid")
}

fn build_workbook() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(0x1F4E79))
        .set_border_bottom(FormatBorder::Thin);
    let text = Format::new().set_num_format("@");
    for sheet in OwnSheet::ALL {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name())?;
        data_sheet(ws, sheet, &header, &text)?;
    }
    let ws = book.add_worksheet();
    ws.set_name("toelichting")?;
    explanation_sheet(ws, &header)?;
    book.save_to_buffer()
}

/// Rows that carry checks on entry.
const CHECKED_ROWS: u32 = 5000;

fn data_sheet(
    ws: &mut Worksheet,
    sheet: OwnSheet,
    header: &Format,
    text: &Format,
) -> Result<(), XlsxError> {
    for (c, (name, examples)) in sheet_columns(sheet).into_iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, name, header)?;
        ws.set_column_width(c, (name.len() as f64 + 4.0).max(14.0))?;
        let textual = [
            "complexnummer",
            "buurtcode",
            "naam",
            "code",
            "eenheid",
            "richting",
            "energielabel",
        ]
        .contains(&name);
        if textual {
            ws.set_column_format(c, text)?;
        }
        for (r, example) in examples.iter().enumerate() {
            let row = r as u32 + 1;
            let number = example
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|_| !textual);
            match number {
                Some(n) => ws.write_number(row, c, n)?,
                None if example.is_empty() => ws,
                None => ws.write_string_with_format(row, c, *example, text)?,
            };
        }
        if let Some(check) = validation(sheet, name)? {
            ws.add_data_validation(1, c, CHECKED_ROWS, c, &check)?;
        }
    }
    if sheet == OwnSheet::Complexen {
        ws.set_column_width(1, 32)?;
    } else if sheet == OwnSheet::Definities {
        ws.set_column_width(1, 36)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The check Excel applies while typing in a column, if any.
fn validation(sheet: OwnSheet, column: &str) -> Result<Option<DataValidation>, XlsxError> {
    let year = current_year();
    let check = match (sheet, column) {
        (OwnSheet::Complexen, "energielabel") => {
            DataValidation::new().allow_list_strings(ENERGY_LABELS)?
        }
        (OwnSheet::Complexen, "bouwjaar") => {
            DataValidation::new().allow_whole_number(DataValidationRule::Between(1800, year + 5))
        }
        (OwnSheet::Complexen, "aantal_woningen") => {
            DataValidation::new().allow_whole_number(DataValidationRule::Between(1, 1_000_000))
        }
        (OwnSheet::Kengetallen, "jaar") => {
            DataValidation::new().allow_whole_number(DataValidationRule::Between(1900, year + 1))
        }
        (OwnSheet::Definities, "richting") => {
            let names: Vec<&str> = DIRECTIONS.iter().map(|(d, _)| *d).collect();
            DataValidation::new().allow_list_strings(&names)?
        }
        (OwnSheet::Kengetallen, code) => match own_indicator(code).and_then(|d| bounds(&d.unit)) {
            Some((low, high)) if high.is_finite() => {
                DataValidation::new().allow_decimal_number(DataValidationRule::Between(low, high))
            }
            Some((low, _)) => DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(low)),
            None => return Ok(None),
        },
        _ => return Ok(None),
    };
    Ok(Some(
        check
            .set_error_title("Ongeldige waarde")?
            .set_error_message("Deze waarde past niet in de kolom. Zie het blad toelichting.")?,
    ))
}

/// The lines above the column table on the toelichting sheet.
const NOTES: &[&str] = &[
    "Eigen gegevens voor Wikken: complexen en eigen kengetallen",
    "Vul de bladen complexen, kengetallen en (alleen voor eigen indicatoren buiten de catalogus) definities in; de voorbeeldregels mag u overschrijven of verwijderen.",
    "Op het blad kengetallen staat één regel per buurt of complex per jaar, met één kolom per indicator. Een lege cel betekent: geen waarde. Kolommen die u niet gebruikt, mag u verwijderen.",
    "Typ percentages als getal (12,5 voor 12,5%), niet met procentopmaak.",
    "Een eigen indicator beschrijft u op het blad definities; de code wordt dan een kolom op het blad kengetallen. Eenmaal geïmporteerd hoeft u haar niet opnieuw te beschrijven.",
    "Opnieuw importeren: complexen en waarden met hetzelfde complexnummer, dezelfde buurt, indicator en hetzelfde jaar worden vervangen; wat niet in het bestand staat, blijft staan. Hetzelfde bestand nog eens importeren verandert niets.",
    "Meer uitleg: docs/eigen-gegevens.md.",
];

fn explanation_sheet(ws: &mut Worksheet, header: &Format) -> Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap();
    ws.write_string_with_format(0, 0, NOTES[0], &title)?;
    for (i, note) in NOTES[1..].iter().enumerate() {
        ws.write_string(i as u32 + 1, 0, *note)?;
    }
    let top = NOTES.len() as u32 + 1;
    for (c, name) in [
        "blad",
        "kolom",
        "verplicht",
        "betekenis",
        "eenheid en toegestane waarden",
        "voorbeeld",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(top, c as u16, *name, header)?;
    }
    let mut lines: Vec<[String; 6]> = Vec::new();
    let mut add = |sheet: OwnSheet, c: &TemplateColumn| {
        lines.push([
            sheet.name().to_string(),
            c.name.to_string(),
            if c.required { "ja" } else { "nee" }.to_string(),
            c.meaning.to_string(),
            c.allowed.to_string(),
            c.examples
                .iter()
                .find(|e| !e.is_empty())
                .unwrap_or(&"")
                .to_string(),
        ]);
    };
    COMPLEX_COLUMNS
        .iter()
        .for_each(|c| add(OwnSheet::Complexen, c));
    FIGURE_KEY_COLUMNS
        .iter()
        .for_each(|c| add(OwnSheet::Kengetallen, c));
    DEFINITION_COLUMNS
        .iter()
        .for_each(|c| add(OwnSheet::Definities, c));
    for (code, name, unit, better) in OWN_CATALOGUE {
        let direction = match better {
            Some(true) => "hoger is beter",
            Some(false) => "lager is beter",
            None => "neutraal",
        };
        let example = FIGURE_EXAMPLES
            .iter()
            .find(|(c, _)| c == code)
            .map_or("", |(_, e)| e[0]);
        lines.push([
            "kengetallen".to_string(),
            code.to_string(),
            "nee".to_string(),
            format!("{name} ({direction})"),
            unit.to_string(),
            example.to_string(),
        ]);
    }
    for (r, line) in lines.iter().enumerate() {
        for (c, cell) in line.iter().enumerate() {
            ws.write_string_with_format(top + 1 + r as u32, c as u16, cell, &wrap)?;
        }
    }
    for (c, width) in [14, 22, 10, 50, 60, 28].into_iter().enumerate() {
        ws.set_column_width(c as u16, width)?;
    }
    Ok(())
}
