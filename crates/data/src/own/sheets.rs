//! The template's sheets read into records, every problem named by row and
//! column (the column text names the sheet: "bouwjaar (blad complexen)").

use std::collections::{BTreeMap, HashMap};

use super::cells::{Cell, current_year};
use super::table::{Row, Table};
use super::{Complex, OwnIndicator, OwnSheet, OwnValue, Subject};
use crate::area::{AreaCode, AreaLevel};
use crate::import_issues::ImportIssues;
use crate::kwb::ImportIssue;

/// Energielabels from best to worst.
pub(crate) const ENERGY_LABELS: &[&str] = &[
    "A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G",
];

/// Values of `richting` on the definities sheet.
pub(crate) const DIRECTIONS: &[(&str, Option<bool>)] = &[
    ("hoger_beter", Some(true)),
    ("lager_beter", Some(false)),
    ("neutraal", None),
];

/// Where problems of one sheet go.
pub(crate) struct Sink<'a> {
    sheet: OwnSheet,
    problems: &'a mut ImportIssues,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(sheet: OwnSheet, problems: &'a mut ImportIssues) -> Sink<'a> {
        Sink { sheet, problems }
    }

    fn add(&mut self, line: usize, column: &str, message: impl Into<String>) {
        self.problems.push(ImportIssue {
            line: Some(line),
            column: Some(self.sheet.column(column)),
            message: message.into(),
        });
    }
}

/// Column positions by name. Names twice and nameless columns holding
/// values (also cells beyond the header's end) are problems.
fn positions(table: &Table, sink: &mut Sink) -> HashMap<String, usize> {
    let mut at: HashMap<String, usize> = HashMap::new();
    let nameless = |i: usize| table.header.get(i).is_none_or(String::is_empty);
    // The first row with a value in each nameless column.
    let mut first_value: BTreeMap<usize, usize> = BTreeMap::new();
    for row in &table.rows {
        for (i, cell) in &row.cells {
            if nameless(*i) && !cell.is_empty() {
                first_value.entry(*i).or_insert(row.line);
            }
        }
    }
    let width = first_value
        .last_key_value()
        .map_or(0, |(i, _)| i + 1)
        .max(table.header.len());
    for i in 0..width {
        if nameless(i) {
            if let Some(&line) = first_value.get(&i) {
                sink.add(
                    line,
                    &column_letter(i),
                    "deze kolom heeft geen naam in de kopregel",
                );
            }
        } else if at.insert(table.header[i].clone(), i).is_some() {
            sink.add(
                table.header_line,
                &table.header[i],
                "deze kolom staat twee keer in de kopregel",
            );
        }
    }
    at
}

/// Excel's name of a column: A, B, ..., Z, AA, ...
pub(crate) fn column_letter(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// ImportIssues for required columns that are missing; false when one is.
fn require(table: &Table, at: &HashMap<String, usize>, names: &[&str], sink: &mut Sink) -> bool {
    let mut ok = true;
    for name in names {
        if !at.contains_key(*name) {
            sink.add(table.header_line, name, "verplichte kolom ontbreekt");
            ok = false;
        }
    }
    ok
}

/// ImportIssues for columns the sheet does not have.
fn refuse_unknown(table: &Table, at: &HashMap<String, usize>, allowed: &[&str], sink: &mut Sink) {
    let mut unknown: Vec<(&String, &usize)> = at
        .iter()
        .filter(|(n, _)| !allowed.contains(&n.as_str()))
        .collect();
    unknown.sort_by_key(|(_, i)| **i);
    for (name, _) in unknown {
        sink.add(
            table.header_line,
            name,
            format!(
                "onbekende kolom; blad {} kent: {}",
                table.sheet.name(),
                allowed.join(", ")
            ),
        );
    }
}

/// A cell's trimmed text when filled, or a problem.
fn filled(row: &Row, at: &HashMap<String, usize>, name: &str, sink: &mut Sink) -> Option<String> {
    let text = at
        .get(name)
        .map(|&i| row.cell(i).text())
        .unwrap_or_default();
    if text.is_empty() {
        sink.add(row.line, name, "leeg; vul een waarde in");
        None
    } else {
        Some(text)
    }
}

/// The cell of column `name`, when the column is there and the cell filled.
fn optional<'r>(row: &'r Row, at: &HashMap<String, usize>, name: &str) -> Option<&'r Cell> {
    at.get(name).map(|&i| row.cell(i)).filter(|c| !c.is_empty())
}

/// A buurtcode, or a problem.
fn buurt(text: &str, line: usize, column: &str, sink: &mut Sink) -> Option<AreaCode> {
    match AreaCode::parse(text) {
        Some(code) if code.level() == AreaLevel::Buurt => Some(code),
        Some(code) => {
            sink.add(
                line,
                column,
                format!(
                    "{code} is een {}code; hier hoort een buurtcode (BU gevolgd door 8 tekens)",
                    code.level().as_str()
                ),
            );
            None
        }
        None => {
            sink.add(
                line,
                column,
                format!("\"{text}\" is geen buurtcode (BU gevolgd door 8 tekens, bijvoorbeeld BU08551602)"),
            );
            None
        }
    }
}

/// The complexen sheet: complexes with their rows.
pub(crate) fn complexes(table: &Table, sink: &mut Sink) -> (Vec<Complex>, Vec<usize>) {
    const COLUMNS: &[&str] = &[
        "complexnummer",
        "naam",
        "buurtcode",
        "aantal_woningen",
        "bouwjaar",
        "energielabel",
        "gemiddelde_huur",
    ];
    let mut out = (Vec::new(), Vec::new());
    if table.header.is_empty() {
        return out;
    }
    let at = positions(table, sink);
    refuse_unknown(table, &at, COLUMNS, sink);
    if !require(table, &at, &COLUMNS[..4], sink) {
        return out;
    }
    let last_year = current_year() + 5;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let before = sink.problems.len();
        let line = row.line;
        let code = filled(row, &at, "complexnummer", sink);
        if let Some(code) = &code {
            if code.chars().count() > 50 {
                sink.add(line, "complexnummer", "langer dan 50 tekens");
            } else if let Some(first) = seen.insert(code.clone(), line) {
                sink.add(
                    line,
                    "complexnummer",
                    format!("complexnummer {code} staat al op regel {first}"),
                );
            }
        }
        let name = filled(row, &at, "naam", sink);
        let area =
            filled(row, &at, "buurtcode", sink).and_then(|t| buurt(&t, line, "buurtcode", sink));
        let dwellings = filled(row, &at, "aantal_woningen", sink).and_then(|_| {
            let cell = row.cell(at["aantal_woningen"]);
            match cell.whole() {
                Ok(n) if (1..=1_000_000).contains(&n) => Some(n as u32),
                Ok(n) if n < 1 => {
                    sink.add(
                        line,
                        "aantal_woningen",
                        format!("{n}: een complex heeft minstens 1 woning"),
                    );
                    None
                }
                Ok(n) => {
                    sink.add(
                        line,
                        "aantal_woningen",
                        format!("{n} is meer dan 1.000.000 woningen"),
                    );
                    None
                }
                Err(e) => {
                    sink.add(line, "aantal_woningen", e);
                    None
                }
            }
        });
        let build_year = optional(row, &at, "bouwjaar").and_then(|c| match c.whole() {
            Ok(y) if (1800..=i64::from(last_year)).contains(&y) => Some(y as i32),
            Ok(y) => {
                sink.add(
                    line,
                    "bouwjaar",
                    format!("{y} valt buiten 1800 tot en met {last_year}"),
                );
                None
            }
            Err(e) => {
                sink.add(line, "bouwjaar", e);
                None
            }
        });
        let energy_label = optional(row, &at, "energielabel").and_then(|c| {
            let label: String = c
                .text()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_uppercase();
            if ENERGY_LABELS.contains(&label.as_str()) {
                Some(label)
            } else {
                sink.add(
                    line,
                    "energielabel",
                    format!(
                        "\"{}\" is geen energielabel (A++++, A+++, A++, A+, A, B, C, D, E, F of G)",
                        c.text()
                    ),
                );
                None
            }
        });
        let average_rent = optional(row, &at, "gemiddelde_huur").and_then(|c| match c.money() {
            Ok(r) if r > 0.0 && r <= 10_000.0 => Some(r),
            Ok(_) => {
                sink.add(
                    line,
                    "gemiddelde_huur",
                    format!("\"{}\": de gemiddelde huur per maand ligt boven 0 en tot en met 10.000 euro", c.text()),
                );
                None
            }
            Err(e) => {
                sink.add(line, "gemiddelde_huur", e);
                None
            }
        });
        if let (Some(code), Some(name), Some(buurt), Some(dwellings)) =
            (code, name, area, dwellings)
            && sink.problems.len() == before
        {
            out.0.push(Complex {
                code,
                name,
                buurt,
                dwellings,
                build_year,
                energy_label,
                average_rent,
            });
            out.1.push(line);
        }
    }
    out
}

/// Is `code` fit to be an indicator code (stored, in URLs)?
fn valid_code(code: &str) -> bool {
    let mut chars = code.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && code.len() <= 40
}

/// The definities sheet: own indicators beyond the catalogue.
pub(crate) fn definitions(table: &Table, sink: &mut Sink) -> Vec<OwnIndicator> {
    const COLUMNS: &[&str] = &["code", "naam", "eenheid", "richting"];
    let mut out = Vec::new();
    if table.header.is_empty() {
        return out;
    }
    let at = positions(table, sink);
    refuse_unknown(table, &at, COLUMNS, sink);
    if !require(table, &at, COLUMNS, sink) {
        return out;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let before = sink.problems.len();
        let line = row.line;
        let code = filled(row, &at, "code", sink).map(|c| c.to_lowercase());
        if let Some(code) = &code {
            if !valid_code(code) {
                sink.add(
                    line,
                    "code",
                    format!("\"{code}\" is geen geldige code: begin met een letter en gebruik kleine letters, cijfers en _ (hoogstens 40 tekens)"),
                );
            } else if super::own_indicator(code).is_some() {
                sink.add(
                    line,
                    "code",
                    format!(
                        "{code} staat al in de catalogus van Wikken; beschrijf haar niet opnieuw"
                    ),
                );
            } else if crate::indicators::CATALOGUE.iter().any(|d| d.code == code) {
                sink.add(
                    line,
                    "code",
                    format!("{code} is een CBS-indicator; kies een andere code"),
                );
            } else if crate::leefbaarometer::by_code(code).is_some() {
                sink.add(
                    line,
                    "code",
                    format!("{code} is een indicator van de Leefbaarometer; kies een andere code"),
                );
            } else if let Some(first) = seen.insert(code.clone(), line) {
                sink.add(line, "code", format!("{code} staat al op regel {first}"));
            }
        }
        let name = filled(row, &at, "naam", sink);
        let unit = filled(row, &at, "eenheid", sink);
        let direction = filled(row, &at, "richting", sink).and_then(|r| {
            let key = super::table::normalise(&r);
            let found = DIRECTIONS.iter().find(|(d, _)| *d == key).map(|(_, b)| *b);
            if found.is_none() {
                sink.add(
                    line,
                    "richting",
                    format!("\"{r}\": kies hoger_beter, lager_beter of neutraal"),
                );
            }
            found
        });
        if let (Some(code), Some(name), Some(unit), Some(higher_is_better)) =
            (code, name, unit, direction)
            && sink.problems.len() == before
        {
            out.push(OwnIndicator {
                code,
                name,
                unit,
                higher_is_better,
            });
        }
    }
    out
}

/// The values an indicator's unit allows, with how to say so.
pub(crate) fn bounds(unit: &str) -> Option<(f64, f64)> {
    let unit = unit.trim().to_lowercase();
    if unit == "%" {
        Some((0.0, 100.0))
    } else if unit.starts_with("rapportcijfer") {
        Some((1.0, 10.0))
    } else if unit.starts_with("aantal") || unit.starts_with("per ") {
        Some((0.0, f64::INFINITY))
    } else {
        None
    }
}

/// What the kengetallen sheet holds.
pub(crate) struct Figures {
    /// The values.
    pub values: Vec<OwnValue>,
    /// The row of each value.
    pub rows: Vec<usize>,
    /// The codes of the indicator columns, in column order.
    pub used: Vec<String>,
}

/// The kengetallen sheet; `indicators` are those its columns may name.
pub(crate) fn figures(
    table: &Table,
    indicators: &HashMap<String, OwnIndicator>,
    sink: &mut Sink,
) -> Figures {
    let mut out = Figures {
        values: Vec::new(),
        rows: Vec::new(),
        used: Vec::new(),
    };
    if table.header.is_empty() {
        return out;
    }
    let at = positions(table, sink);
    let mut ok = require(table, &at, &["jaar"], sink);
    let (buurt_col, complex_col) = (
        at.get("buurtcode").copied(),
        at.get("complexnummer").copied(),
    );
    if buurt_col.is_none() && complex_col.is_none() {
        sink.add(
            table.header_line,
            "buurtcode",
            "kolom buurtcode of complexnummer ontbreekt",
        );
        ok = false;
    }
    let mut measured: Vec<(usize, &OwnIndicator)> = Vec::new();
    for (i, name) in table.header.iter().enumerate() {
        if name.is_empty() || ["buurtcode", "complexnummer", "jaar"].contains(&name.as_str()) {
            continue;
        }
        match indicators.get(name) {
            Some(def) => {
                if at.get(name) == Some(&i) {
                    measured.push((i, def));
                    out.used.push(def.code.clone());
                }
            }
            None => {
                let mut known: Vec<&str> = indicators.keys().map(String::as_str).collect();
                known.sort_unstable();
                sink.add(
                    table.header_line,
                    name,
                    format!(
                        "\"{name}\" is geen bekende indicator (bekend: {}); beschrijf een eigen indicator op het blad definities",
                        known.join(", ")
                    ),
                );
                ok = false;
            }
        }
    }
    if !ok {
        return out;
    }
    let last_year = current_year() + 1;
    let mut seen: HashMap<(Subject, i32), usize> = HashMap::new();
    for row in &table.rows {
        let line = row.line;
        let buurt_text = buurt_col.map(|i| row.cell(i).text()).unwrap_or_default();
        let complex_text = complex_col.map(|i| row.cell(i).text()).unwrap_or_default();
        let subject = match (buurt_text.is_empty(), complex_text.is_empty()) {
            (false, true) => buurt(&buurt_text, line, "buurtcode", sink).map(Subject::Area),
            (true, false) => Some(Subject::Complex(complex_text)),
            (false, false) => {
                sink.add(
                    line,
                    "buurtcode",
                    "vul buurtcode óf complexnummer in, niet allebei",
                );
                None
            }
            (true, true) => {
                sink.add(line, "buurtcode", "leeg; vul buurtcode of complexnummer in");
                None
            }
        };
        let year =
            filled(row, &at, "jaar", sink).and_then(|_| match row.cell(at["jaar"]).whole() {
                Ok(y) if (1900..=i64::from(last_year)).contains(&y) => Some(y as i32),
                Ok(y) => {
                    sink.add(
                        line,
                        "jaar",
                        format!("{y} valt buiten 1900 tot en met {last_year}"),
                    );
                    None
                }
                Err(e) => {
                    sink.add(line, "jaar", e);
                    None
                }
            });
        let (Some(subject), Some(year)) = (subject, year) else {
            continue;
        };
        if let Some(first) = seen.insert((subject.clone(), year), line) {
            let (column, name) = match &subject {
                Subject::Area(code) => ("buurtcode", code.to_string()),
                Subject::Complex(code) => ("complexnummer", format!("complex {code}")),
            };
            sink.add(
                line,
                column,
                format!("{name} ({year}) staat al op regel {first}"),
            );
            continue;
        }
        for &(i, def) in &measured {
            let cell = row.cell(i);
            if cell.is_empty() {
                continue;
            }
            let value = match cell.number() {
                Ok(v) => v,
                Err(e) => {
                    sink.add(line, &def.code, e);
                    continue;
                }
            };
            if let Some((low, high)) = bounds(&def.unit)
                && !(low..=high).contains(&value)
            {
                let message = if high.is_infinite() {
                    format!(
                        "\"{}\" is negatief; {} kan niet negatief zijn",
                        cell.text(),
                        def.name
                    )
                } else {
                    format!(
                        "\"{}\" valt buiten {low} tot en met {high} ({})",
                        cell.text(),
                        def.unit
                    )
                };
                sink.add(line, &def.code, message);
                continue;
            }
            out.values.push(OwnValue {
                subject: subject.clone(),
                indicator: def.code.clone(),
                year,
                value,
            });
            out.rows.push(line);
        }
    }
    out
}
