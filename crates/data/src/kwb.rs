//! CBS *Kerncijfers wijken en buurten* (KWB) as CSV: CBS's own download
//! (`;`-separated, codes like `BU08550110` padded with spaces, `.` or empty
//! for a missing value, decimal comma) and the flattened files in
//! `shared/data` (`,`-separated, one file per level, or one row per
//! gemeente and year).

use std::collections::HashMap;
use std::fmt;

use crate::area::AreaCode;
use crate::caps::{MAX_KWB_COLUMNS, MAX_KWB_VALUES};
use crate::import_issues::ImportIssues;
use crate::indicators::{IndicatorDef, for_column};

/// An area as a file names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// Its CBS code (which gives its level and parent).
    pub code: AreaCode,
    /// Its name.
    pub name: String,
}

/// One value of one indicator for one area in one year (meting).
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The area.
    pub area: AreaCode,
    /// The indicator's code.
    pub indicator: &'static str,
    /// The year the figure describes (the KWB edition).
    pub year: i32,
    /// The value in the indicator's unit.
    pub value: f64,
}

/// One value for the Netherlands as a whole (CBS's `NL00` row): the
/// reference a buurt is compared with.
#[derive(Debug, Clone, PartialEq)]
pub struct NationalValue {
    /// The indicator's code.
    pub indicator: &'static str,
    /// The year.
    pub year: i32,
    /// The value in the indicator's unit.
    pub value: f64,
}

/// What one file holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// Areas in file order, each once (a gemeente named on a buurt row is
    /// included too).
    pub areas: Vec<Area>,
    /// The indicators the file has columns for.
    pub indicators: Vec<&'static IndicatorDef>,
    /// Every value present (missing values are left out).
    pub observations: Vec<Observation>,
    /// Columns Wikken does not know, left alone.
    pub ignored_columns: Vec<String>,
    /// Values for Nederland (the `NL00` row of CBS's download), if any.
    pub national: Vec<NationalValue>,
}

/// A problem with an import file, named by line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportIssue {
    /// Line in the file (the header is line 1); `None` for the file as a whole.
    pub line: Option<usize>,
    /// The column's name, when the problem is in one cell.
    pub column: Option<String>,
    /// What is wrong (Dutch: users read it).
    pub message: String,
}

impl fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.line, &self.column) {
            (Some(l), Some(c)) => write!(f, "regel {l}, kolom {c}: {}", self.message),
            (Some(l), None) => write!(f, "regel {l}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

fn problem(line: Option<usize>, column: Option<&str>, message: impl Into<String>) -> ImportIssue {
    ImportIssue {
        line,
        column: column.map(str::to_string),
        message: message.into(),
    }
}

/// Columns that name an area, most specific first, with their name column.
const CODE_COLUMNS: &[(&str, &str)] = &[
    ("gwb_code_10", "regio"),
    ("gwb_code", "regio"),
    ("buurtcode", "buurtnaam"),
    ("wijkcode", "wijknaam"),
    ("gemeentecode", "gemeentenaam"),
];

/// Reads a KWB file. `year` is required when the file has no `jaar`
/// column. Either the whole dataset, or every problem found.
pub fn parse_kwb(text: &str, year: Option<i32>) -> Result<Dataset, Vec<ImportIssue>> {
    read(text, year, MAX_KWB_VALUES)
}

/// [`parse_kwb`], reading at most `max_values` values.
fn read(text: &str, year: Option<i32>, max_values: usize) -> Result<Dataset, Vec<ImportIssue>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().next().unwrap_or("");
    let semicolon = header_line.matches(';').count() > header_line.matches(',').count();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if semicolon { b';' } else { b',' })
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            return Err(vec![problem(
                Some(1),
                None,
                format!("kopregel onleesbaar: {e}"),
            )]);
        }
    };
    if header.len() > MAX_KWB_COLUMNS {
        return Err(vec![problem(
            Some(1),
            None,
            format!(
                "de kopregel heeft {} kolommen; Wikken leest hoogstens {MAX_KWB_COLUMNS} kolommen",
                header.len()
            ),
        )]);
    }
    let col = |name: &str| header.iter().position(|c| c == name);
    let Some((code_col, name_col)) = CODE_COLUMNS
        .iter()
        .find_map(|(code, name)| col(code).map(|c| (c, col(name))))
    else {
        return Err(vec![problem(
            Some(1),
            None,
            "geen kolom met gebiedscodes (verwacht gwb_code_10, buurtcode, wijkcode of gemeentecode)",
        )]);
    };
    let gemeente_cols = (col("gemeentecode"), col("gemeentenaam"));
    let year_col = col("jaar");
    if year_col.is_none() && year.is_none() {
        return Err(vec![problem(
            None,
            None,
            "het bestand heeft geen kolom 'jaar': geef het jaar van de cijfers op",
        )]);
    }
    let mut indicators: Vec<&'static IndicatorDef> = Vec::new();
    let mut measured: Vec<(usize, &'static IndicatorDef, f64)> = Vec::new();
    let mut ignored_columns = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if let Some((def, factor)) = for_column(name) {
            if indicators.iter().any(|d| d.code == def.code) {
                return Err(vec![problem(
                    Some(1),
                    Some(name),
                    format!("indicator {} staat twee keer in de kopregel", def.code),
                )]);
            }
            indicators.push(def);
            measured.push((i, def, factor));
        } else if Some(i) != year_col && !CODE_COLUMNS.iter().any(|(c, n)| c == name || n == name) {
            ignored_columns.push(name.clone());
        }
    }

    let mut data = Dataset {
        indicators,
        ignored_columns,
        ..Dataset::default()
    };
    let mut problems = ImportIssues::default();
    let mut area_index: HashMap<AreaCode, usize> = HashMap::new();
    let mut seen: HashMap<(AreaCode, i32), usize> = HashMap::new();
    for (r, record) in reader.records().enumerate() {
        let line = r + 2;
        let record = match record {
            Ok(rec) => rec,
            Err(e) => {
                problems.push(problem(Some(line), None, format!("onleesbare regel: {e}")));
                continue;
            }
        };
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let national = is_national(cell(code_col));
        let parsed = if national {
            AreaCode::parse("GM0000")
        } else {
            AreaCode::parse(cell(code_col))
        };
        let Some(code) = parsed else {
            problems.push(problem(
                Some(line),
                Some(&header[code_col]),
                format!(
                    "\"{}\" is geen CBS-gebiedscode (GM…, WK… of BU…)",
                    cell(code_col)
                ),
            ));
            continue;
        };
        let row_year = match year_col {
            Some(yc) => match cell(yc).parse::<i32>() {
                Ok(y) if (1900..=2200).contains(&y) => y,
                _ => {
                    problems.push(problem(
                        Some(line),
                        Some("jaar"),
                        format!("\"{}\" is geen jaartal", cell(yc)),
                    ));
                    continue;
                }
            },
            None => year.unwrap_or_default(),
        };
        if let Some(first) = seen.insert((code.clone(), row_year), line) {
            problems.push(problem(
                Some(line),
                Some(&header[code_col]),
                format!("{code} ({row_year}) staat al op regel {first}"),
            ));
            continue;
        }
        let name = name_col
            .map(cell)
            .filter(|n| !n.is_empty())
            .unwrap_or(code.as_str());
        if !national {
            add_area(&mut data, &mut area_index, &code, name);
        }
        if let (Some(gc), Some(gn)) = gemeente_cols
            && !national
            && let Some(gemeente) = AreaCode::parse(cell(gc))
            && gemeente != code
        {
            add_area(&mut data, &mut area_index, &gemeente, cell(gn));
        }
        if data.observations.len() + data.national.len() + measured.len() > max_values {
            problems.push(problem(
                Some(line),
                None,
                format!(
                    "het bestand heeft meer dan {max_values} waarden, meer dan Wikken uit \
                     één bestand leest; splits het (bijvoorbeeld per jaar of per niveau)"
                ),
            ));
            break;
        }
        for &(i, def, factor) in &measured {
            let raw = cell(i);
            if raw.is_empty() || raw == "." {
                continue;
            }
            let normal = if semicolon {
                raw.replace(',', ".")
            } else {
                raw.to_string()
            };
            match normal.parse::<f64>() {
                Ok(v) if v.is_finite() && national => data.national.push(NationalValue {
                    indicator: def.code,
                    year: row_year,
                    value: v * factor,
                }),
                Ok(v) if v.is_finite() => data.observations.push(Observation {
                    area: code.clone(),
                    indicator: def.code,
                    year: row_year,
                    value: v * factor,
                }),
                _ => problems.push(problem(
                    Some(line),
                    Some(&header[i]),
                    format!("\"{raw}\" is geen getal"),
                )),
            }
        }
    }
    problems.or_ok(data)
}

/// Is this CBS's code for the Netherlands as a whole (`NL00`, also `NL01`)?
fn is_national(code: &str) -> bool {
    matches!(code.trim().to_ascii_uppercase().as_str(), "NL00" | "NL01")
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

    #[test]
    fn cbs_download_format() {
        let text = "gwb_code_10;regio;gm_naam;recs;a_inw;p_wcorpw;g_hhgro;ind_wbi\n\
                    NL00      ;Nederland ;Nederland;Land;17942942;28;2,1;1\n\
                    GM0855    ;Tilburg   ;Tilburg;Gemeente;224702;31;2,0;1\n\
                    WK085501  ;Centrum   ;Tilburg;Wijk;12000;.;1,6;1\n\
                    BU08550110;Binnenstad;Tilburg;Buurt;3000;;1,4;1\n";
        let d = parse_kwb(text, Some(2024)).unwrap();
        assert_eq!(d.areas.len(), 3, "Nederland is no area");
        let nl: Vec<_> = d
            .national
            .iter()
            .map(|n| (n.indicator, n.year, n.value))
            .collect();
        assert_eq!(
            nl,
            vec![
                ("inwoners", 2024, 17942942.0),
                ("pct_corporatiebezit", 2024, 28.0),
                ("gem_huishoudensgrootte", 2024, 2.1)
            ]
        );
        assert_eq!(d.areas[2].code.as_str(), "BU08550110");
        assert_eq!(d.areas[2].name, "Binnenstad");
        let v = |area: &str, ind: &str| {
            d.observations
                .iter()
                .find(|o| o.area.as_str() == area && o.indicator == ind)
                .map(|o| o.value)
        };
        assert_eq!(v("GM0855", "pct_corporatiebezit"), Some(31.0));
        assert_eq!(v("WK085501", "pct_corporatiebezit"), None);
        assert_eq!(v("BU08550110", "gem_huishoudensgrootte"), Some(1.4));
        assert_eq!(d.ignored_columns, vec!["gm_naam", "recs", "ind_wbi"]);
    }

    #[test]
    fn every_bad_cell_is_named() {
        let text = "buurtcode,buurtnaam,inwoners\nBU08550110,A,12x\nXX1,B,5\nBU08550110,C,7\n";
        let p = parse_kwb(text, Some(2024)).unwrap_err();
        let lines: Vec<String> = p.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            lines,
            vec![
                "regel 2, kolom inwoners: \"12x\" is geen getal",
                "regel 3, kolom buurtcode: \"XX1\" is geen CBS-gebiedscode (GM…, WK… of BU…)",
                "regel 4, kolom buurtcode: BU08550110 (2024) staat al op regel 2",
            ]
        );
    }

    #[test]
    fn a_year_is_needed() {
        let p = parse_kwb("gemeentecode,inwoners\nGM0855,1\n", None).unwrap_err();
        assert!(p[0].message.contains("geen kolom 'jaar'"));
        let q = parse_kwb("jaar,gemeentecode,a_inw\n20x4,GM0855,1\n", None).unwrap_err();
        assert_eq!(
            q[0].to_string(),
            "regel 2, kolom jaar: \"20x4\" is geen jaartal"
        );
    }

    #[test]
    fn too_many_columns_are_refused_at_the_header() {
        let header: Vec<String> = (0..=MAX_KWB_COLUMNS).map(|i| format!("k{i}")).collect();
        let text = format!("gemeentecode,{}\nGM0855\n", header.join(","));
        let p = parse_kwb(&text, Some(2024)).unwrap_err();
        assert_eq!(p.len(), 1);
        assert!(
            p[0].to_string().starts_with(&format!(
                "regel 1: de kopregel heeft {} kolommen; Wikken leest hoogstens {MAX_KWB_COLUMNS}",
                MAX_KWB_COLUMNS + 2
            )),
            "{}",
            p[0]
        );
    }

    #[test]
    fn values_beyond_the_cap_are_refused_with_the_line() {
        let text = "gemeentecode,inwoners,huishoudens\nGM0001,1,1\nGM0002,2,2\nGM0003,3,3\n";
        assert!(read(text, Some(2024), 6).is_ok());
        let p = read(text, Some(2024), 5).unwrap_err();
        assert_eq!(
            p[0].to_string(),
            "regel 4: het bestand heeft meer dan 5 waarden, meer dan Wikken uit één bestand \
             leest; splits het (bijvoorbeeld per jaar of per niveau)"
        );
    }

    #[test]
    fn a_file_of_mistakes_keeps_a_bounded_list() {
        let mut text = String::from("gemeentecode,inwoners\n");
        for i in 0..3 * crate::caps::MAX_PROBLEMS {
            text.push_str(&format!("GM{:04},x\n", i % 10_000));
        }
        let p = parse_kwb(&text, Some(2024)).unwrap_err();
        assert_eq!(p.len(), crate::caps::MAX_PROBLEMS + 1);
        assert!(
            p.last()
                .unwrap()
                .message
                .starts_with("en nog 2000 problemen")
        );
    }

    #[test]
    fn no_code_column() {
        let p = parse_kwb("naam,inwoners\nx,1\n", Some(2024)).unwrap_err();
        assert!(
            p[0].to_string()
                .starts_with("regel 1: geen kolom met gebiedscodes")
        );
    }
}
