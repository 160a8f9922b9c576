//! `wikken import cbs`: one gemeente's *Kerncijfers wijken en buurten* of
//! one year from CBS's open data, and its boundaries from PDOK. Everything
//! is downloaded and checked first; then the figures are stored as by
//! `import kwb` and the boundaries as by `import grenzen` (each in one
//! transaction). The URLs and the reading of the answers are
//! `wikken_data::cbs_odata` and `wikken_data::pdok` (pure); this module
//! does the HTTP.

use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use wikken_data::cbs_odata::{
    KWB_TABLES, keep_gemeente, kwb_data_url, kwb_names_url, kwb_table, name_areas, next_link,
    next_page_url, parse_region_names,
};
use wikken_data::pdok::{PAGE_SIZE, boundary_urls, layer};
use wikken_data::{AreaCode, AreaLevel, ImportIssue, parse_odata_kwb};

use crate::import::{BAD_INPUT, store};

/// The largest answer read (a whole KWB table is about 30 MB).
const MAX_BYTES: u64 = 500 * 1024 * 1024;
/// Pages followed at most (a gemeente needs one or two).
const MAX_PAGES: usize = 200;

/// What `import cbs` is asked for.
pub struct Request<'a> {
    /// The gemeente as typed: `GM0855` or `0855`.
    pub gemeente: &'a str,
    /// The KWB edition.
    pub year: i32,
    /// Download the boundaries too.
    pub boundaries: bool,
    /// CBS's Feed service, or a stand-in.
    pub cbs_url: &'a str,
    /// PDOK's host, or a stand-in.
    pub pdok_url: &'a str,
}

/// Runs `import cbs`: 0 done, 2 bad arguments or answers (nothing
/// imported), 1 a service out of reach or the database failing.
pub fn cbs(request: &Request, database_url: &str, organisation: &str) -> ExitCode {
    let Some(gemeente) = parse_gemeente(request.gemeente) else {
        eprintln!(
            "\"{}\" is geen gemeentecode (zoals GM0855 of 0855)",
            request.gemeente
        );
        return ExitCode::from(BAD_INPUT);
    };
    let year = request.year;
    let Some(table) = kwb_table(year) else {
        let years: Vec<String> = KWB_TABLES.iter().map(|(y, _)| y.to_string()).collect();
        eprintln!(
            "geen CBS-tabel Kerncijfers wijken en buurten bekend voor {year}; kies uit {}",
            years.join(", ")
        );
        return ExitCode::from(BAD_INPUT);
    };
    let http = Http::new();
    let label = format!("CBS {table} {gemeente}");

    let fetched = (|| {
        let names = http.pages(
            &kwb_names_url(request.cbs_url, table, &gemeente),
            request.cbs_url,
            &format!("{label} gebiedsnamen"),
        )?;
        let data = http.pages(
            &kwb_data_url(request.cbs_url, table, &gemeente),
            request.cbs_url,
            &format!("{label} cijfers"),
        )?;
        Ok::<_, String>((names, data))
    })();
    let (name_pages, data_pages) = match fetched {
        Ok(pages) => pages,
        Err(e) => return nothing_imported(&e, ExitCode::FAILURE),
    };

    let data = match read_pages(&name_pages, &data_pages, year, &gemeente) {
        Ok(data) => data,
        Err(problems) => {
            for p in problems {
                eprintln!("{label}: {p}");
            }
            return nothing_imported("", ExitCode::from(BAD_INPUT));
        }
    };
    if data.areas.is_empty() {
        let e = format!(
            "{label}: CBS gaf geen gebieden van {gemeente} voor {year} \
             (bestond de gemeente in de indeling van {year}?)"
        );
        return nothing_imported(&e, ExitCode::from(BAD_INPUT));
    }

    let mut boundaries = Vec::new();
    if request.boundaries {
        for (level, url) in boundary_urls(request.pdok_url, &gemeente, year) {
            let what = format!("PDOK {} {gemeente} {year}", layer(level));
            match http
                .get("PDOK", &url, &what)
                .and_then(|b| checked_geojson(b, level))
            {
                Ok((bytes, count)) => boundaries.push((level, bytes, count)),
                Err(e) => {
                    let e = format!("{e}\n(--zonder-grenzen importeert de cijfers zonder grenzen)");
                    return nothing_imported(&e, ExitCode::FAILURE);
                }
            }
        }
    }

    // The boundaries are checked before anything is written.
    let checked = if boundaries.is_empty() {
        Vec::new()
    } else {
        let labelled = boundaries
            .into_iter()
            .map(|(level, bytes, _)| (format!("PDOK {} {gemeente} {year}", layer(level)), bytes))
            .collect();
        match crate::import::check_boundaries(labelled) {
            Some(checked) => checked,
            None => return nothing_imported("", ExitCode::from(BAD_INPUT)),
        }
    };

    let bytes: Vec<u8> = name_pages
        .iter()
        .chain(&data_pages)
        .flat_map(|p| p.bytes().chain(*b"\n"))
        .collect();
    if let Err(e) = store(&[(label.as_str(), bytes, data)], database_url, organisation) {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    if let Err(e) = crate::import::store_boundaries(&checked, database_url, organisation) {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn nothing_imported(message: &str, status: ExitCode) -> ExitCode {
    if !message.is_empty() {
        eprintln!("{message}");
    }
    eprintln!("Niets geïmporteerd.");
    status
}

/// `GM0855` or `0855` as a gemeente code.
fn parse_gemeente(text: &str) -> Option<AreaCode> {
    let text = text.trim();
    let code = if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        AreaCode::parse(&format!("GM{text}"))
    } else {
        AreaCode::parse(text)
    }?;
    (code.level() == AreaLevel::Gemeente).then_some(code)
}

fn refs(pages: &[String]) -> Vec<&str> {
    pages.iter().map(String::as_str).collect()
}

/// The downloaded pages as one named dataset of the gemeente, or every
/// problem with them.
fn read_pages(
    name_pages: &[String],
    data_pages: &[String],
    year: i32,
    gemeente: &AreaCode,
) -> Result<wikken_data::Dataset, Vec<ImportIssue>> {
    let names = parse_region_names(&refs(name_pages));
    let data = parse_odata_kwb(&refs(data_pages), year);
    let (names, mut data) = match (names, data) {
        (Ok(names), Ok(data)) => (names, data),
        (names, data) => {
            let mut problems = names.err().unwrap_or_default();
            problems.extend(data.err().unwrap_or_default());
            return Err(problems);
        }
    };
    name_areas(&mut data, &names);
    let dropped = keep_gemeente(&mut data, gemeente);
    if dropped > 0 {
        eprintln!("let op: CBS gaf ook {dropped} gebieden buiten {gemeente}; die zijn weggelaten");
    }
    Ok(data)
}

/// The bytes of a GeoJSON answer and how many features it has; an error
/// when it is not a FeatureCollection. Warns when it may be cut off.
fn checked_geojson(bytes: Vec<u8>, level: AreaLevel) -> Result<(Vec<u8>, usize), String> {
    #[derive(serde::Deserialize)]
    struct Collection {
        features: Vec<serde::de::IgnoredAny>,
    }
    let name = layer(level);
    let collection: Collection = serde_json::from_slice(&bytes).map_err(|e| {
        let start = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
        format!("PDOK gaf voor {name} geen GeoJSON ({e}): {start}")
    })?;
    let count = collection.features.len();
    if count == 0 {
        eprintln!("let op: PDOK gaf geen {name} voor deze gemeente en dit jaar");
    } else if count >= PAGE_SIZE {
        eprintln!("let op: PDOK gaf {count} {name}, het maximum per vraag: mogelijk niet alle");
    }
    Ok((bytes, count))
}

/// An HTTP client with timeouts, showing progress per answer.
struct Http {
    agent: ureq::Agent,
}

impl Http {
    fn new() -> Http {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(20)))
            .timeout_recv_response(Some(Duration::from_secs(120)))
            .timeout_recv_body(Some(Duration::from_secs(600)))
            .user_agent(concat!("wikken/", env!("CARGO_PKG_VERSION")))
            .accept("application/json")
            .build();
        Http {
            agent: config.into(),
        }
    }

    /// One answer's body, with a progress bar (a spinner when the length
    /// is not known) named `what`; errors in Dutch, naming the service.
    fn get(&self, service: &str, url: &str, what: &str) -> Result<Vec<u8>, String> {
        let mut response = self.agent.get(url).call().map_err(|e| match e {
            ureq::Error::StatusCode(code) => {
                format!("{service} antwoordde met HTTP-status {code} op {url}")
            }
            ureq::Error::Timeout(t) => {
                format!("{service} antwoordde niet op tijd ({t}) op {url}")
            }
            e => format!("{service} is niet bereikbaar: {e} ({url})"),
        })?;
        let encoded = response.headers().contains_key("content-encoding");
        let bar = match response.body().content_length() {
            Some(len) if !encoded => ProgressBar::new(len).with_style(
                ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({elapsed})")
                    .expect("template"),
            ),
            _ => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {msg}: {bytes} ({elapsed})")
                    .expect("template"),
            ),
        };
        bar.set_message(what.to_string());
        let mut reader = response.body_mut().with_config().limit(MAX_BYTES).reader();
        let mut body = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = reader
                .read(&mut chunk)
                .map_err(|e| format!("{service}: het antwoord op {url} brak af: {e}"))?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
            bar.inc(n as u64);
        }
        bar.finish_and_clear();
        Ok(body)
    }

    /// A first CBS page and every page after it (`odata.nextLink`), as text.
    fn pages(&self, first: &str, base: &str, what: &str) -> Result<Vec<String>, String> {
        let mut pages = Vec::new();
        let mut url = first.to_string();
        loop {
            let what = format!("{what}, pagina {}", pages.len() + 1);
            let body = self.get("CBS", &url, &what)?;
            let page = String::from_utf8(body)
                .map_err(|_| format!("CBS gaf geen UTF-8-tekst op {url}"))?;
            let next = next_link(&page).map(|link| next_page_url(&link, base));
            pages.push(page);
            match next {
                Some(next) if pages.len() >= MAX_PAGES => {
                    return Err(format!(
                        "CBS blijft pagina's geven (meer dan {MAX_PAGES}); gestopt bij {next}"
                    ));
                }
                Some(next) if next == url => {
                    return Err(format!("CBS verwijst naar dezelfde pagina: {url}"));
                }
                Some(next) => url = next,
                None => return Ok(pages),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gemeente_codes() {
        assert_eq!(parse_gemeente("0855").unwrap().as_str(), "GM0855");
        assert_eq!(parse_gemeente(" gm0855 ").unwrap().as_str(), "GM0855");
        assert_eq!(parse_gemeente("WK085512"), None);
        assert_eq!(parse_gemeente("855"), None);
    }

    #[test]
    fn geojson_is_checked() {
        let ok = br#"{"type":"FeatureCollection","features":[{"type":"Feature"}]}"#.to_vec();
        assert_eq!(checked_geojson(ok, AreaLevel::Buurt).unwrap().1, 1);
        let err = checked_geojson(b"<ows:ExceptionReport/>".to_vec(), AreaLevel::Wijk);
        assert!(
            err.unwrap_err()
                .starts_with("PDOK gaf voor wijken geen GeoJSON")
        );
    }
}
