//! CBS *Kerncijfers wijken en buurten* from CBS's open-data API: the
//! StatLine table per year, the request URLs for one gemeente, and reading
//! the JSON pages the API answers into a [`Dataset`]. Pure: the caller
//! fetches the pages (and follows each page's `odata.nextLink`).
//!
//! The service is OData v3 at `opendata.cbs.nl`, in its *Feed* variant
//! (`/ODataFeed/odata/<table>/...`): CBS documents the plain API
//! (`/ODataApi`) as capped at 10,000 cells per request, a few dozen areas
//! of a KWB table, while the Feed has no maximum and pages with
//! `odata.nextLink`. Both answer the same JSON (`$format=json`):
//! `{"odata.metadata": "...", "value": [records], "odata.nextLink": "..."}`.
//! Two resources are read: `TypedDataSet` (one record per area, fields
//! such as `AantalInwoners_5` whose numeric suffix differs per year, `null`
//! for a missing or secret value, the area code in `WijkenEnBuurten` padded
//! with spaces) and the `WijkenEnBuurten` dimension (`Key`, `Title`: the
//! areas' names, which the data set itself lacks for wijken and buurten).

use std::collections::{HashMap, HashSet};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value};

use crate::area::{AreaCode, AreaLevel};
use crate::caps::MAX_KWB_VALUES;
use crate::import_issues::ImportIssues;
use crate::indicators::{IndicatorDef, for_column};
use crate::kwb::{Area, Dataset, ImportIssue, Observation};

/// The Feed service of CBS's open data (OData v3), without a trailing `/`.
pub const CBS_FEED_URL: &str = "https://opendata.cbs.nl/ODataFeed/odata";

/// The StatLine table of *Kerncijfers wijken en buurten* per year (each
/// year's table uses that year's gemeente, wijk and buurt boundaries).
pub const KWB_TABLES: &[(i32, &str)] = &[
    (2017, "83765NED"),
    (2018, "84286NED"),
    (2019, "84583NED"),
    (2020, "84799NED"),
    (2021, "85039NED"),
    (2022, "85318NED"),
    (2023, "85618NED"),
    (2024, "85984NED"),
    (2025, "86165NED"),
];

/// The KWB table of a year, if Wikken knows it.
pub fn kwb_table(year: i32) -> Option<&'static str> {
    KWB_TABLES.iter().find(|(y, _)| *y == year).map(|(_, t)| *t)
}

/// Characters left as they are in a query value (RFC 3986 unreserved).
pub(crate) const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `startswith(field,'GM0855') or startswith(field,'WK0855') or ...`: the
/// gemeente itself and every wijk and buurt in it.
fn gemeente_filter(field: &str, gemeente: &AreaCode) -> String {
    let digits = &gemeente.as_str()[2..6];
    ["GM", "WK", "BU"]
        .iter()
        .map(|prefix| format!("startswith({field},'{prefix}{digits}')"))
        .collect::<Vec<_>>()
        .join(" or ")
}

fn resource_url(base: &str, table: &str, resource: &str, filter: &str) -> String {
    format!(
        "{}/{table}/{resource}?$format=json&$filter={}",
        base.trim_end_matches('/'),
        utf8_percent_encode(filter, QUERY_VALUE)
    )
}

/// The first page of a gemeente's figures (`TypedDataSet`): its own record
/// and those of its wijken and buurten. `base` is [`CBS_FEED_URL`] or a
/// stand-in for it.
pub fn kwb_data_url(base: &str, table: &str, gemeente: &AreaCode) -> String {
    let filter = gemeente_filter("WijkenEnBuurten", gemeente);
    resource_url(base, table, "TypedDataSet", &filter)
}

/// The first page of the names of a gemeente's areas (the
/// `WijkenEnBuurten` dimension).
pub fn kwb_names_url(base: &str, table: &str, gemeente: &AreaCode) -> String {
    let filter = gemeente_filter("Key", gemeente);
    resource_url(base, table, "WijkenEnBuurten", &filter)
}

/// The `odata.nextLink` of a page, when it has one (and is JSON at all:
/// a page that is not is reported by the parsers).
pub fn next_link(page: &str) -> Option<String> {
    let value: Value = serde_json::from_str(page).ok()?;
    ["odata.nextLink", "@odata.nextLink"]
        .iter()
        .find_map(|key| value.get(key)?.as_str().map(str::to_string))
}

/// The URL to fetch for a `next_link`: on the host of `base` when that is a
/// stand-in for CBS (a mirror, or a test server), and asking for JSON when
/// the link does not say so already.
pub fn next_page_url(next_link: &str, base: &str) -> String {
    let mut url = next_link.to_string();
    let official = origin(CBS_FEED_URL);
    if let (Some(link_origin), Some(base_origin)) = (origin(next_link), origin(base))
        && link_origin.eq_ignore_ascii_case(official.unwrap_or_default())
        && !base_origin.eq_ignore_ascii_case(link_origin)
    {
        url = format!("{base_origin}{}", &next_link[link_origin.len()..]);
    }
    if !url.to_ascii_lowercase().contains("$format=") {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str("$format=json");
    }
    url
}

/// `https://host:port` of a URL.
fn origin(url: &str) -> Option<&str> {
    let start = url.find("://")? + 3;
    let end = url[start..].find('/').map_or(url.len(), |i| start + i);
    Some(&url[..end])
}

/// A field name without CBS's numeric suffix, lower case:
/// `AantalInwoners_5` → `aantalinwoners`, `k_0Tot15Jaar_8` → `k_0tot15jaar`.
pub fn field_base(name: &str) -> String {
    let base = match name.rsplit_once('_') {
        Some((stem, suffix))
            if !stem.is_empty()
                && !suffix.is_empty()
                && suffix.bytes().all(|b| b.is_ascii_digit()) =>
        {
            stem
        }
        _ => name,
    };
    base.to_ascii_lowercase()
}

/// Fields that name the record rather than measure it.
fn is_identity(base: &str) -> bool {
    matches!(
        base,
        "id" | "wijkenenbuurten" | "gemeentenaam" | "soortregio" | "codering"
    ) || base.starts_with("indelingswijziging")
}

fn problem(place: &str, field: Option<&str>, message: impl AsRef<str>) -> ImportIssue {
    let message = match field {
        Some(f) => format!("{place}, veld {f}: {}", message.as_ref()),
        None => format!("{place}: {}", message.as_ref()),
    };
    ImportIssue {
        line: None,
        column: field.map(str::to_string),
        message,
    }
}

/// The records of one page, or the problem with the page as a whole.
fn page_records(page: &str, place: &str) -> Result<Vec<Value>, ImportIssue> {
    let value: Value = serde_json::from_str(page)
        .map_err(|e| problem(place, None, format!("geen geldige JSON: {e}")))?;
    if let Some(error) = value.get("odata.error").or_else(|| value.get("error")) {
        let text = error
            .pointer("/message/value")
            .or_else(|| error.get("message"))
            .and_then(Value::as_str)
            .unwrap_or("zonder toelichting");
        return Err(problem(place, None, format!("CBS meldt een fout: {text}")));
    }
    match value {
        Value::Object(mut map) => match map.remove("value") {
            Some(Value::Array(records)) => Ok(records),
            _ => Err(problem(
                place,
                None,
                "geen lijst 'value' (is dit een antwoord van de OData-dienst van CBS?)",
            )),
        },
        _ => Err(problem(place, None, "geen JSON-object")),
    }
}

/// The area a record is about: `Some(None)` for a record of the whole
/// country (`NL00`), which a gemeente's figures do not need.
fn record_area(
    record: &Map<String, Value>,
    key: &str,
    place: &str,
) -> Result<Option<AreaCode>, ImportIssue> {
    match record.get(key) {
        Some(Value::String(text)) => {
            if let Some(code) = AreaCode::parse(text) {
                Ok(Some(code))
            } else if text.trim().starts_with("NL") {
                Ok(None)
            } else {
                Err(problem(
                    place,
                    Some(key),
                    format!(
                        "\"{}\" is geen CBS-gebiedscode (GM…, WK… of BU…)",
                        text.trim()
                    ),
                ))
            }
        }
        Some(other) => Err(problem(
            place,
            Some(key),
            format!("geen gebiedscode maar {other}"),
        )),
        None => Err(problem(place, None, format!("het veld {key} ontbreekt"))),
    }
}

/// A value of a measuring field: a number, `null` (missing or secret), or
/// in an untyped data set a number as text (`"   12.5"`, `"       ."`).
fn number(value: &Value) -> Result<Option<f64>, String> {
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_f64()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| format!("{n} is geen eindig getal")),
        Value::String(text) => {
            let text = text.trim();
            if text.is_empty() || text == "." {
                return Ok(None);
            }
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(Some(v)),
                _ => Err(format!("\"{text}\" is geen getal")),
            }
        }
        other => Err(format!("{other} is geen getal")),
    }
}

/// Reads the pages of a gemeente's `TypedDataSet` into areas, indicators
/// and values for `year`. Fields are matched on their name without the
/// numeric suffix (see [`IndicatorDef::columns`]); other fields are listed
/// in `ignored_columns`. Wijken and buurten are named by their code here:
/// [`name_areas`] gives them the names of the `WijkenEnBuurten` dimension.
/// Either the whole dataset, or every problem found, each named as
/// `pagina 2, record 17, veld AantalInwoners_5: "12x" is geen getal`.
pub fn parse_odata_kwb(pages: &[&str], year: i32) -> Result<Dataset, Vec<ImportIssue>> {
    read_pages(pages, year, MAX_KWB_VALUES)
}

/// [`parse_odata_kwb`], reading at most `max_values` values.
fn read_pages(pages: &[&str], year: i32, max_values: usize) -> Result<Dataset, Vec<ImportIssue>> {
    let mut data = Dataset::default();
    let mut problems = ImportIssues::default();
    let mut seen: HashMap<AreaCode, String> = HashMap::new();
    // indicator code → the field that holds it (one field per indicator)
    let mut source_field: HashMap<&'static str, String> = HashMap::new();
    let mut ignored: HashSet<String> = HashSet::new();
    let mut conflicts: HashSet<String> = HashSet::new();

    for (p, page) in pages.iter().enumerate() {
        let page_place = format!("pagina {}", p + 1);
        let records = match page_records(page, &page_place) {
            Ok(records) => records,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        for (r, record) in records.iter().enumerate() {
            let place = format!("{page_place}, record {}", r + 1);
            let Some(record) = record.as_object() else {
                problems.push(problem(&place, None, "geen JSON-object"));
                continue;
            };
            let code = match record_area(record, "WijkenEnBuurten", &place) {
                Ok(Some(code)) => code,
                Ok(None) => continue,
                Err(e) => {
                    problems.push(e);
                    continue;
                }
            };
            if let Some(first) = seen.insert(code.clone(), place.clone()) {
                problems.push(problem(
                    &place,
                    Some("WijkenEnBuurten"),
                    format!("{code} staat al in {first}"),
                ));
                continue;
            }
            let name = match record.get("Gemeentenaam_1").and_then(Value::as_str) {
                Some(n) if code.level() == AreaLevel::Gemeente && !n.trim().is_empty() => {
                    n.trim().to_string()
                }
                _ => code.to_string(),
            };
            data.areas.push(Area {
                code: code.clone(),
                name,
            });
            for (field, value) in record {
                let base = field_base(field);
                if is_identity(&base) {
                    continue;
                }
                let Some((def, factor)) = for_column(&base) else {
                    if ignored.insert(field.clone()) {
                        data.ignored_columns.push(field.clone());
                    }
                    continue;
                };
                if !claim(&mut source_field, &mut data.indicators, def, field) {
                    if conflicts.insert(field.clone()) {
                        problems.push(problem(
                            &place,
                            Some(field),
                            format!(
                                "indicator {} staat ook in veld {}",
                                def.code, source_field[def.code]
                            ),
                        ));
                    }
                    continue;
                }
                match number(value) {
                    Ok(Some(_)) if data.observations.len() >= max_values => {
                        problems.push(problem(
                            &place,
                            Some(field),
                            format!(
                                "meer dan {max_values} waarden, meer dan Wikken in één keer leest"
                            ),
                        ));
                        return Err(problems.into_vec());
                    }
                    Ok(Some(v)) => data.observations.push(Observation {
                        area: code.clone(),
                        indicator: def.code,
                        year,
                        value: v * factor,
                    }),
                    Ok(None) => {}
                    Err(message) => problems.push(problem(&place, Some(field), message)),
                }
            }
        }
    }
    problems.or_ok(data)
}

/// Records that `field` holds `def`; false when another field already does.
fn claim(
    source_field: &mut HashMap<&'static str, String>,
    indicators: &mut Vec<&'static IndicatorDef>,
    def: &'static IndicatorDef,
    field: &str,
) -> bool {
    match source_field.get(def.code) {
        Some(existing) => existing == field,
        None => {
            source_field.insert(def.code, field.to_string());
            indicators.push(def);
            true
        }
    }
}

/// Reads the pages of the `WijkenEnBuurten` dimension: each area's code
/// (`Key`) and name (`Title`; the code when CBS gives none). ImportIssues are
/// named as `gebiedsnamen, pagina 1, record 3, veld Key: ...`.
pub fn parse_region_names(pages: &[&str]) -> Result<Vec<Area>, Vec<ImportIssue>> {
    let mut areas = Vec::new();
    let mut problems = ImportIssues::default();
    for (p, page) in pages.iter().enumerate() {
        let page_place = format!("gebiedsnamen, pagina {}", p + 1);
        let records = match page_records(page, &page_place) {
            Ok(records) => records,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        for (r, record) in records.iter().enumerate() {
            let place = format!("{page_place}, record {}", r + 1);
            let Some(record) = record.as_object() else {
                problems.push(problem(&place, None, "geen JSON-object"));
                continue;
            };
            match record_area(record, "Key", &place) {
                Ok(Some(code)) => {
                    let name = record
                        .get("Title")
                        .and_then(Value::as_str)
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map_or_else(|| code.to_string(), str::to_string);
                    areas.push(Area { code, name });
                }
                Ok(None) => {}
                Err(e) => problems.push(e),
            }
        }
    }
    problems.or_ok(areas)
}

/// Gives the areas of `data` the names in `names` (matched by code).
pub fn name_areas(data: &mut Dataset, names: &[Area]) {
    let by_code: HashMap<&AreaCode, &str> =
        names.iter().map(|a| (&a.code, a.name.as_str())).collect();
    for area in &mut data.areas {
        if let Some(name) = by_code.get(&area.code) {
            area.name = name.to_string();
        }
    }
}

/// Keeps only the areas (and values) of one gemeente, and says how many
/// areas were left out: a safety net should a server not apply the filter
/// of [`kwb_data_url`].
pub fn keep_gemeente(data: &mut Dataset, gemeente: &AreaCode) -> usize {
    let before = data.areas.len();
    data.areas.retain(|a| a.code.gemeente() == *gemeente);
    data.observations.retain(|o| o.area.gemeente() == *gemeente);
    before - data.areas.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tilburg() -> AreaCode {
        AreaCode::parse("GM0855").unwrap()
    }

    #[test]
    fn tables_and_urls() {
        assert_eq!(kwb_table(2024), Some("85984NED"));
        assert_eq!(kwb_table(2019), Some("84583NED"));
        assert_eq!(kwb_table(2016), None);
        let url = kwb_data_url(CBS_FEED_URL, "85984NED", &tilburg());
        assert_eq!(
            url,
            "https://opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet?$format=json\
             &$filter=startswith%28WijkenEnBuurten%2C%27GM0855%27%29%20or%20\
             startswith%28WijkenEnBuurten%2C%27WK0855%27%29%20or%20\
             startswith%28WijkenEnBuurten%2C%27BU0855%27%29"
        );
        let names = kwb_names_url("http://127.0.0.1:9/cbs/", "85984NED", &tilburg());
        assert!(
            names.starts_with("http://127.0.0.1:9/cbs/85984NED/WijkenEnBuurten?$format=json"),
            "{names}"
        );
        assert!(names.contains("startswith%28Key%2C%27BU0855%27%29"));
    }

    #[test]
    fn next_links_follow_the_configured_host_and_ask_for_json() {
        let link = "https://opendata.cbs.nl/ODataFeed/OData/85984NED/TypedDataSet?$skip=2";
        assert_eq!(
            next_page_url(link, CBS_FEED_URL),
            format!("{link}&$format=json")
        );
        assert_eq!(
            next_page_url(link, "http://127.0.0.1:8080/ODataFeed/odata"),
            "http://127.0.0.1:8080/ODataFeed/OData/85984NED/TypedDataSet?$skip=2&$format=json"
        );
        let elsewhere = "https://example.org/x?$format=json";
        assert_eq!(next_page_url(elsewhere, "http://127.0.0.1:1/a"), elsewhere);
        assert_eq!(
            next_link(r#"{"value":[],"odata.nextLink":"https://x/y"}"#).as_deref(),
            Some("https://x/y")
        );
        assert_eq!(next_link(r#"{"value":[]}"#), None);
        assert_eq!(next_link("<feed/>"), None);
    }

    #[test]
    fn suffixes_are_stripped() {
        assert_eq!(field_base("AantalInwoners_5"), "aantalinwoners");
        assert_eq!(field_base("k_0Tot15Jaar_8"), "k_0tot15jaar");
        assert_eq!(field_base("ID"), "id");
        assert_eq!(field_base("Nederland_17"), "nederland");
        assert_eq!(field_base("Foo_"), "foo_");
    }

    #[test]
    fn values_nulls_and_problems() {
        let page1 = r#"{"odata.metadata":"m","value":[
            {"ID":1,"WijkenEnBuurten":"GM0855    ","Gemeentenaam_1":"Tilburg   ","AantalInwoners_5":229836,"GemiddeldeWOZWaardeVanWoningen_39":326,"Mannen_6":null},
            {"ID":2,"WijkenEnBuurten":"NL00      ","AantalInwoners_5":1}],
            "odata.nextLink":"https://opendata.cbs.nl/next"}"#;
        let page2 = r#"{"value":[{"ID":3,"WijkenEnBuurten":"BU08551201","Gemeentenaam_1":"Tilburg","AantalInwoners_5":"   885","GemiddeldeWOZWaardeVanWoningen_39":"       ."}]}"#;
        let d = parse_odata_kwb(&[page1, page2], 2024).unwrap();
        let codes: Vec<_> = d.areas.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["GM0855", "BU08551201"]);
        assert_eq!(d.areas[0].name, "Tilburg");
        assert_eq!(d.areas[1].name, "BU08551201");
        let found: Vec<_> = d
            .observations
            .iter()
            .map(|o| (o.area.as_str(), o.indicator, o.value, o.year))
            .collect();
        assert_eq!(
            found,
            [
                ("GM0855", "inwoners", 229836.0, 2024),
                ("GM0855", "gem_woz_waarde", 326.0, 2024),
                ("BU08551201", "inwoners", 885.0, 2024),
            ]
        );
        assert_eq!(d.ignored_columns, ["Mannen_6"]);

        let bad = r#"{"value":[{"WijkenEnBuurten":"GM0855","AantalInwoners_5":"12x"},
            {"WijkenEnBuurten":"XX12"},{"AantalInwoners_5":1},
            {"WijkenEnBuurten":"GM0855"},
            {"WijkenEnBuurten":"BU08551201","AantalInwoners_5":1,"AantalInwoners_6":2,"Koopwoningen_47":true}]}"#;
        let lines: Vec<String> = parse_odata_kwb(&["[]", bad, "{oops"], 2024)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            lines[..7],
            [
                "pagina 1: geen JSON-object",
                "pagina 2, record 1, veld AantalInwoners_5: \"12x\" is geen getal",
                "pagina 2, record 2, veld WijkenEnBuurten: \"XX12\" is geen CBS-gebiedscode (GM…, WK… of BU…)",
                "pagina 2, record 3: het veld WijkenEnBuurten ontbreekt",
                "pagina 2, record 4, veld WijkenEnBuurten: GM0855 staat al in pagina 2, record 1",
                "pagina 2, record 5, veld AantalInwoners_6: indicator inwoners staat ook in veld AantalInwoners_5",
                "pagina 2, record 5, veld Koopwoningen_47: true is geen getal",
            ]
        );
        assert!(
            lines[7].starts_with("pagina 3: geen geldige JSON: "),
            "{}",
            lines[7]
        );
        assert_eq!(lines.len(), 8);
    }

    #[test]
    fn values_beyond_the_cap_are_refused_with_the_record() {
        let page = r#"{"value":[
            {"WijkenEnBuurten":"GM0855","AantalInwoners_5":1,"Mannen_6":null},
            {"WijkenEnBuurten":"GM0856","AantalInwoners_5":2}]}"#;
        assert_eq!(read_pages(&[page], 2024, 2).unwrap().observations.len(), 2);
        let p = read_pages(&[page], 2024, 1).unwrap_err();
        assert_eq!(
            p[0].to_string(),
            "pagina 1, record 2, veld AantalInwoners_5: meer dan 1 waarden, meer dan Wikken in \
             één keer leest"
        );
    }

    #[test]
    fn cbs_errors_are_passed_on() {
        let page =
            r#"{"odata.error":{"code":"","message":{"lang":"nl-NL","value":"Onbekend veld"}}}"#;
        let p = parse_odata_kwb(&[page], 2024).unwrap_err();
        assert_eq!(
            p[0].to_string(),
            "pagina 1: CBS meldt een fout: Onbekend veld"
        );
    }

    #[test]
    fn names_and_the_gemeente_filter() {
        let names = r#"{"value":[
            {"Key":"GM0855    ","Title":"Tilburg","Description":null,"DetailRegionCode":"GM0855    ","Municipality":"GM0855    ","CategoryGroupID":null},
            {"Key":"BU08551201","Title":"Armhoef Noord-West"},
            {"Key":"BU08551202","Title":"  "},
            {"Key":12}]}"#;
        assert_eq!(
            parse_region_names(&[names]).unwrap_err()[0].to_string(),
            "gebiedsnamen, pagina 1, record 4, veld Key: geen gebiedscode maar 12"
        );
        let names = names.replace(",\n            {\"Key\":12}", "");
        let names = parse_region_names(&[&names]).unwrap();
        assert_eq!(names[2].name, "BU08551202");

        let page = r#"{"value":[{"WijkenEnBuurten":"GM0855","AantalInwoners_5":3},
            {"WijkenEnBuurten":"BU08551201","AantalInwoners_5":1},
            {"WijkenEnBuurten":"BU03630101","AantalInwoners_5":2}]}"#;
        let mut d = parse_odata_kwb(&[page], 2024).unwrap();
        name_areas(&mut d, &names);
        assert_eq!(d.areas[1].name, "Armhoef Noord-West");
        assert_eq!(keep_gemeente(&mut d, &tilburg()), 1);
        assert_eq!(d.areas.len(), 2);
        assert_eq!(d.observations.len(), 2);
    }
}
