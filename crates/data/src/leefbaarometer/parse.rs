//! Reading a Leefbaarometer CSV file (its shape: see the module above)
//! into areas, the indicators it has columns for, and their values.

use std::collections::HashMap;

use super::INDICATORS;
use crate::area::{AreaCode, AreaLevel};
use crate::caps::{MAX_LBM_COLUMNS, MAX_LBM_FILE_BYTES, MAX_LBM_ROWS, dutch_count};
use crate::import_issues::ImportIssues;
use crate::indicators::IndicatorDef;
use crate::kwb::{Area, Dataset, ImportIssue, Observation};

/// Columns that name an area, most specific first: code, name, level.
const AREA_COLUMNS: &[(&str, &str, AreaLevel)] = &[
    ("bu_code", "bu_naam", AreaLevel::Buurt),
    ("buurtcode", "buurtnaam", AreaLevel::Buurt),
    ("wk_code", "wk_naam", AreaLevel::Wijk),
    ("wijkcode", "wijknaam", AreaLevel::Wijk),
    ("gm_code", "gm_naam", AreaLevel::Gemeente),
    ("gemeentecode", "gemeentenaam", AreaLevel::Gemeente),
];

/// Columns Wikken knows and does not keep: `afw` is `lbm` minus the
/// national reference.
const KNOWN_UNUSED: &[&str] = &["afw", "jaar"];

/// Texts that mean "no value".
const MISSING: &[&str] = &["", ".", "na", "nan", "#n/a", "null"];

/// The highest total score Wikken takes for one (they lie around 4).
const MAX_TOTAL: f64 = 10.0;
/// The largest dimension score, either way (they lie within ±1).
const MAX_DIMENSION: f64 = 5.0;

fn problem(line: Option<usize>, column: Option<&str>, message: impl Into<String>) -> ImportIssue {
    ImportIssue {
        line,
        column: column.map(str::to_string),
        message: message.into(),
    }
}

/// The word for a level's code, in a message.
fn code_word(level: AreaLevel) -> &'static str {
    match level {
        AreaLevel::Gemeente => "gemeentecode (GM…)",
        AreaLevel::Wijk => "wijkcode (WK…)",
        AreaLevel::Buurt => "buurtcode (BU…)",
    }
}

/// Reads a Leefbaarometer file: UTF-8 (with or without byte order mark),
/// `,`-separated with decimal points or `;`-separated with decimal commas,
/// one row per area and year. Either the whole dataset, or every problem
/// found, each named by line and column.
pub fn parse_leefbaarometer(bytes: &[u8]) -> Result<Dataset, Vec<ImportIssue>> {
    if bytes.len() > MAX_LBM_FILE_BYTES {
        return Err(vec![problem(
            None,
            None,
            format!(
                "het bestand is {} bytes; Wikken leest een Leefbaarometer-bestand tot {} bytes",
                dutch_count(bytes.len()),
                dutch_count(MAX_LBM_FILE_BYTES)
            ),
        )]);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        vec![problem(
            None,
            None,
            format!(
                "het bestand is geen UTF-8-tekst (vanaf byte {}): sla het op als \"CSV UTF-8\"",
                e.valid_up_to()
            ),
        )]
    })?;
    read(text, MAX_LBM_ROWS)
}

/// The columns of a file's header that Wikken reads.
struct Layout {
    /// The header, lower case.
    header: Vec<String>,
    /// `;`-separated (decimal commas).
    semicolon: bool,
    /// The area's code column, its name column and its level.
    area: (usize, Option<usize>, AreaLevel),
    /// Parents named on each row (code and name columns), e.g. the wijk
    /// and gemeente of a buurt.
    parents: Vec<(usize, usize, AreaLevel)>,
    /// The year.
    year: usize,
    /// The indicators with their columns.
    measured: Vec<(usize, &'static IndicatorDef)>,
    /// Columns Wikken does not know.
    ignored: Vec<String>,
}

/// Reads the header line, or says what is missing from it.
fn layout(reader: &mut csv::Reader<&[u8]>, semicolon: bool) -> Result<Layout, ImportIssue> {
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| problem(Some(1), None, format!("kopregel onleesbaar: {e}")))?
        .iter()
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    if header.len() > MAX_LBM_COLUMNS {
        return Err(problem(
            Some(1),
            None,
            format!(
                "de kopregel heeft {} kolommen; Wikken leest hoogstens {MAX_LBM_COLUMNS} kolommen",
                header.len()
            ),
        ));
    }
    let col = |name: &str| header.iter().position(|c| c == name);
    let Some(area) = AREA_COLUMNS
        .iter()
        .find_map(|(code, name, level)| col(code).map(|c| (c, col(name), *level)))
    else {
        let message = if col("pc4").is_some() {
            "dit is een bestand per postcodegebied (PC4); Wikken leest de Leefbaarometer per \
             buurt, wijk of gemeente (kolom bu_code, wk_code of gm_code)"
        } else {
            "geen kolom met gebiedscodes (verwacht bu_code, wk_code of gm_code)"
        };
        return Err(problem(Some(1), None, message));
    };
    let Some(year) = col("jaar") else {
        return Err(problem(
            Some(1),
            None,
            "geen kolom 'jaar' (het jaar van de meting)",
        ));
    };
    let measured: Vec<(usize, &'static IndicatorDef)> = INDICATORS
        .iter()
        .filter_map(|d| d.columns.iter().find_map(|(c, _)| col(c)).map(|i| (i, d)))
        .collect();
    if !measured.iter().any(|(_, d)| d.code == super::TOTAL) {
        return Err(problem(
            Some(1),
            None,
            "geen kolom 'lbm' (de totaalscore van de Leefbaarometer)",
        ));
    }
    let parents = AREA_COLUMNS
        .iter()
        .filter(|(_, _, level)| *level < area.2)
        .filter_map(|(code, name, level)| Some((col(code)?, col(name)?, *level)))
        .collect();
    let ignored = header
        .iter()
        .enumerate()
        .filter(|(i, name)| {
            !KNOWN_UNUSED.contains(&name.as_str())
                && !measured.iter().any(|(m, _)| m == i)
                && !AREA_COLUMNS.iter().any(|(c, n, _)| c == name || n == name)
        })
        .map(|(_, name)| name.clone())
        .collect();
    Ok(Layout {
        header,
        semicolon,
        area,
        parents,
        year,
        measured,
        ignored,
    })
}

/// [`parse_leefbaarometer`] of the text, reading at most `max_rows` rows.
fn read(text: &str, max_rows: usize) -> Result<Dataset, Vec<ImportIssue>> {
    let header_line = text.lines().next().unwrap_or("");
    let semicolon = header_line.matches(';').count() > header_line.matches(',').count();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if semicolon { b';' } else { b',' })
        .flexible(false)
        .from_reader(text.as_bytes());
    let l = layout(&mut reader, semicolon).map_err(|p| vec![p])?;
    let mut data = Dataset {
        indicators: l.measured.iter().map(|(_, d)| *d).collect(),
        ignored_columns: l.ignored.clone(),
        ..Dataset::default()
    };
    let mut problems = ImportIssues::default();
    let mut areas: HashMap<AreaCode, usize> = HashMap::new();
    let mut seen: HashMap<(AreaCode, i32), usize> = HashMap::new();
    for (r, record) in reader.records().enumerate() {
        let line = r + 2;
        if r >= max_rows {
            problems.push(problem(
                Some(line),
                None,
                format!(
                    "het bestand heeft meer dan {} rijen, meer dan Wikken uit één \
                     Leefbaarometer-bestand leest; splits het (bijvoorbeeld per jaar)",
                    dutch_count(max_rows)
                ),
            ));
            break;
        }
        match record {
            Ok(record) => read_row(&l, &record, line, &mut data, &mut areas, &mut seen)
                .unwrap_or_else(|p| problems.push(p)),
            Err(e) => problems.push(problem(Some(line), None, format!("onleesbare regel: {e}"))),
        }
    }
    problems.or_ok(data)
}

/// The area code in column `i` of a row, of the level the column says.
fn area_code(
    l: &Layout,
    record: &csv::StringRecord,
    line: usize,
    i: usize,
    level: AreaLevel,
) -> Result<AreaCode, ImportIssue> {
    let text = record.get(i).unwrap_or("").trim();
    match AreaCode::parse(text) {
        Some(code) if code.level() == level => Ok(code),
        _ => Err(problem(
            Some(line),
            Some(&l.header[i]),
            format!("\"{text}\" is geen {}", code_word(level)),
        )),
    }
}

/// Reads one row into `data`; the first problem of the row, if any (then
/// nothing of it is kept).
fn read_row(
    l: &Layout,
    record: &csv::StringRecord,
    line: usize,
    data: &mut Dataset,
    areas: &mut HashMap<AreaCode, usize>,
    seen: &mut HashMap<(AreaCode, i32), usize>,
) -> Result<(), ImportIssue> {
    let cell = |i: usize| record.get(i).unwrap_or("").trim();
    let (code_col, name_col, level) = l.area;
    let code = area_code(l, record, line, code_col, level)?;
    let year_text = cell(l.year);
    let year = year_text
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(|| {
            problem(
                Some(line),
                Some("jaar"),
                format!("\"{year_text}\" is geen jaartal"),
            )
        })?;
    if let Some(first) = seen.get(&(code.clone(), year)) {
        return Err(problem(
            Some(line),
            Some(&l.header[code_col]),
            format!("{code} ({year}) staat al op regel {first}"),
        ));
    }
    let mut parents = Vec::new();
    for &(pc, pn, plevel) in &l.parents {
        let parent = area_code(l, record, line, pc, plevel)?;
        let expected = match plevel {
            AreaLevel::Gemeente => code.gemeente(),
            _ => code.parent().unwrap_or_else(|| code.gemeente()),
        };
        if parent != expected {
            return Err(problem(
                Some(line),
                Some(&l.header[pc]),
                format!("{parent} past niet bij {code} (verwacht {expected})"),
            ));
        }
        parents.push((parent, cell(pn).to_string()));
    }
    let mut values = Vec::with_capacity(l.measured.len());
    for &(i, def) in &l.measured {
        let raw = cell(i);
        if MISSING.contains(&raw.to_ascii_lowercase().as_str()) {
            continue;
        }
        let normal = if l.semicolon {
            raw.replace(',', ".")
        } else {
            raw.to_string()
        };
        let limit = if def.code == super::TOTAL {
            MAX_TOTAL
        } else {
            MAX_DIMENSION
        };
        let value = normal
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                problem(
                    Some(line),
                    Some(&l.header[i]),
                    format!("\"{raw}\" is geen getal"),
                )
            })?;
        let fits = if def.code == super::TOTAL {
            value > 0.0 && value <= limit
        } else {
            value.abs() <= limit
        };
        if !fits {
            return Err(problem(
                Some(line),
                Some(&l.header[i]),
                format!(
                    "{raw} is geen Leefbaarometer-score (de totaalscore ligt rond 4, \
                     de dimensies rond 0)"
                ),
            ));
        }
        values.push((def.code, value));
    }
    seen.insert((code.clone(), year), line);
    let name = name_col.map(cell).filter(|n| !n.is_empty());
    add_area(data, areas, &code, name.unwrap_or(code.as_str()));
    for (parent, name) in parents.iter().filter(|(_, n)| !n.is_empty()) {
        add_area(data, areas, parent, name);
    }
    data.observations
        .extend(values.into_iter().map(|(indicator, value)| Observation {
            area: code.clone(),
            indicator,
            year,
            value,
        }));
    Ok(())
}

fn add_area(data: &mut Dataset, index: &mut HashMap<AreaCode, usize>, code: &AreaCode, name: &str) {
    if !index.contains_key(code) {
        index.insert(code.clone(), data.areas.len());
        data.areas.push(Area {
            code: code.clone(),
            name: name.to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Dataset, Vec<String>> {
        parse_leefbaarometer(text.as_bytes())
            .map_err(|p| p.iter().map(ToString::to_string).collect())
    }

    fn value(d: &Dataset, area: &str, indicator: &str, year: i32) -> Option<f64> {
        d.observations
            .iter()
            .find(|o| o.area.as_str() == area && o.indicator == indicator && o.year == year)
            .map(|o| o.value)
    }

    #[test]
    fn the_open_data_buurten_file() {
        let text = "bu_code,bu_naam,jaar,lbm,afw,fys,onv,soc,vrz,won\n\
                    BU03620101,Randwijck-Noord,2022,4.3281,0.2259,-0.0073,0.0541,-0.0038,0.1890,-0.0061\n\
                    BU03620101,Randwijck-Noord,2020,4.3107,0.2084,0.0006,0.0541,0.0004,0.1882,-0.0348\n\
                    BU03620102,Randwijck-Zuid,2022,3.9,,,,,,\n";
        let d = parse(text).unwrap();
        let codes: Vec<&str> = d.indicators.iter().map(|i| i.code).collect();
        assert_eq!(
            codes,
            ["lbm", "lbm_fys", "lbm_onv", "lbm_soc", "lbm_vrz", "lbm_won"]
        );
        assert_eq!(d.areas.len(), 2);
        assert_eq!(d.areas[0].name, "Randwijck-Noord");
        assert_eq!(value(&d, "BU03620101", "lbm", 2020), Some(4.3107));
        assert_eq!(value(&d, "BU03620101", "lbm_vrz", 2022), Some(0.189));
        assert_eq!(value(&d, "BU03620102", "lbm", 2022), Some(3.9));
        assert_eq!(
            value(&d, "BU03620102", "lbm_fys", 2022),
            None,
            "empty is missing"
        );
        assert_eq!(d.observations.len(), 13);
        assert!(d.ignored_columns.is_empty(), "{:?}", d.ignored_columns);
        assert!(d.national.is_empty());
    }

    #[test]
    fn a_dutch_spreadsheet_with_bom_semicolons_and_decimal_commas() {
        let text = "\u{feff}WK_CODE;wk_naam;jaar;lbm;fys;opmerking\n\
                    WK036205;Uilenstede - Kronenburg;2014;3,7325;-0,05;studenten\n\
                    WK036205;Uilenstede - Kronenburg;2022;NA;0,01;\n";
        let d = parse(text).unwrap();
        assert_eq!(value(&d, "WK036205", "lbm", 2014), Some(3.7325));
        assert_eq!(value(&d, "WK036205", "lbm_fys", 2014), Some(-0.05));
        assert_eq!(value(&d, "WK036205", "lbm", 2022), None);
        assert_eq!(d.indicators.len(), 2);
        assert_eq!(d.ignored_columns, ["opmerking"]);
    }

    #[test]
    fn named_parents_of_a_buurt_are_areas_too_and_must_fit() {
        let text = "bu_code,bu_naam,wk_code,wk_naam,gm_code,gm_naam,jaar,lbm\n\
                    BU03620101,Noord,WK036201,Randwijck,GM0362,Amstelveen,2022,4.3\n";
        let d = parse(text).unwrap();
        let areas: Vec<(&str, &str)> = d
            .areas
            .iter()
            .map(|a| (a.code.as_str(), a.name.as_str()))
            .collect();
        assert_eq!(
            areas,
            [
                ("BU03620101", "Noord"),
                ("WK036201", "Randwijck"),
                ("GM0362", "Amstelveen")
            ]
        );
        let wrong = "bu_code,wk_code,wk_naam,jaar,lbm\nBU03620101,WK036202,Patrimonium,2022,4.3\n";
        assert_eq!(
            parse(wrong).unwrap_err(),
            ["regel 2, kolom wk_code: WK036202 past niet bij BU03620101 (verwacht WK036201)"]
        );
    }

    #[test]
    fn every_bad_row_is_named_by_line_and_column() {
        let text = "wk_code,jaar,lbm,onv\n\
                    WK036201,2022,4.3,0.05\n\
                    BU03620101,2022,4.3,0.05\n\
                    WK036202,twintig,4.3,0.05\n\
                    WK036203,2022,veel,0.05\n\
                    WK036204,2022,43,0.05\n\
                    WK036205,2022,4.1,-7\n\
                    WK036201,2022,4.2,0.01\n";
        assert_eq!(
            parse(text).unwrap_err(),
            [
                "regel 3, kolom wk_code: \"BU03620101\" is geen wijkcode (WK…)",
                "regel 4, kolom jaar: \"twintig\" is geen jaartal",
                "regel 5, kolom lbm: \"veel\" is geen getal",
                "regel 6, kolom lbm: 43 is geen Leefbaarometer-score (de totaalscore ligt rond 4, de dimensies rond 0)",
                "regel 7, kolom onv: -7 is geen Leefbaarometer-score (de totaalscore ligt rond 4, de dimensies rond 0)",
                "regel 8, kolom wk_code: WK036201 (2022) staat al op regel 2",
            ]
        );
    }

    #[test]
    fn headers_without_area_year_or_total_are_refused() {
        let first = |text: &str| parse(text).unwrap_err().remove(0);
        assert_eq!(
            first("PC4,jaar,lbm,afw\n1181,2022,4.3,0.2\n"),
            "regel 1: dit is een bestand per postcodegebied (PC4); Wikken leest de \
             Leefbaarometer per buurt, wijk of gemeente (kolom bu_code, wk_code of gm_code)"
        );
        assert!(first("naam,jaar,lbm\nx,2022,4\n").contains("geen kolom met gebiedscodes"));
        assert!(first("gm_code,lbm\nGM0362,4\n").contains("geen kolom 'jaar'"));
        assert!(first("gm_code,jaar,fys\nGM0362,2022,0.1\n").contains("geen kolom 'lbm'"));
        let wide: Vec<String> = (0..=MAX_LBM_COLUMNS).map(|i| format!("k{i}")).collect();
        assert!(
            first(&format!("gm_code,jaar,lbm,{}\n", wide.join(",")))
                .contains("Wikken leest hoogstens 100 kolommen")
        );
    }

    #[test]
    fn files_beyond_the_caps_are_refused() {
        let text = "gm_code,jaar,lbm\nGM0001,2022,4\nGM0002,2022,4\nGM0003,2022,4\n";
        assert!(read(text, 3).is_ok());
        let p = read(text, 2).unwrap_err();
        assert_eq!(
            p[0].to_string(),
            "regel 4: het bestand heeft meer dan 2 rijen, meer dan Wikken uit één \
             Leefbaarometer-bestand leest; splits het (bijvoorbeeld per jaar)"
        );
        let big = vec![b' '; MAX_LBM_FILE_BYTES + 1];
        let p = parse_leefbaarometer(&big).unwrap_err();
        assert!(
            p[0].message.starts_with("het bestand is 50.331.649 bytes"),
            "{}",
            p[0]
        );
        let latin1 = b"gm_code,gm_naam,jaar,lbm\nGM1900,S\xfadwest-Frysl\xe2n,2022,4\n";
        assert!(
            parse_leefbaarometer(latin1).unwrap_err()[0]
                .message
                .contains("geen UTF-8-tekst (vanaf byte 33)")
        );
    }

    #[test]
    fn a_file_of_mistakes_keeps_a_bounded_list() {
        let mut text = String::from("gm_code,jaar,lbm\n");
        for i in 0..2 * crate::caps::MAX_PROBLEMS {
            text.push_str(&format!("GM{:04},2022,x\n", i % 10_000));
        }
        let p = parse(&text).unwrap_err();
        assert_eq!(p.len(), crate::caps::MAX_PROBLEMS + 1);
    }
}
