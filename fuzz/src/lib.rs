//! Never-panics fuzz targets for every parser of outside input: each
//! function takes arbitrary bytes, feeds them to one door of Wikken the way
//! the server or the CLI does, and returns. A panic (or an abort, or running
//! out of memory) is a finding.
//!
//! The functions are plain library code, so the ordinary test suite runs
//! each of them over its committed seeds (`fuzz/seeds/<target>/`); the
//! libFuzzer entry points in `fuzz_targets/` are built by `scripts/fuzz`
//! (feature `libfuzzer`, coverage instrumentation by `fuzz/instrument`).

use wikken_data::own::{parse_own, parse_own_upload};

/// A target: takes any bytes, must never panic.
pub type Target = fn(&[u8]);

/// Every target, by name: what `scripts/fuzz` runs and the seed folders.
pub const TARGETS: [(&str, Target); 9] = [
    ("model_reader", model_reader),
    ("case_import", case_import),
    ("case_forms", case_forms),
    ("kwb_csv", kwb_csv),
    ("cbs_odata", cbs_odata),
    ("geojson", geojson),
    ("topojson", topojson),
    ("own_csv", own_csv),
    ("own_workbook", own_workbook),
];

/// The model reader (`wikken evaluate`, the model import): JSON text of an
/// afwegingsmodel, read strictly and validated.
pub fn model_reader(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(problems) = wikken_core::parse_model(text) {
        // Every problem is shown to the user: rendering must hold too.
        for p in problems.iter() {
            let _ = p.to_string();
        }
    }
}

/// The import of a whole afweging (or a model file) on `/afwegingen`, and
/// the step pages an imported document is then shown on.
pub fn case_import(data: &[u8]) {
    wikken_web::fuzzing::import_case(data);
}

/// The forms of an afweging's steps, submitted one after another to the
/// demo afweging. One form per line: the first byte picks the form, the
/// rest of the line is its `application/x-www-form-urlencoded` body.
pub fn case_forms(data: &[u8]) {
    let mut doc = wikken_web::fuzzing::demo_case();
    for line in data.split(|b| *b == b'\n').take(16) {
        let Some((&form, body)) = line.split_first() else {
            continue;
        };
        // What axum's `Form<Vec<(String, String)>>` does with the body.
        let Ok(fields) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(body) else {
            continue;
        };
        wikken_web::fuzzing::submit_form(&mut doc, form, fields);
    }
}

/// The CBS Kerncijfers wijken en buurten CSV (web import and `wikken
/// import`): UTF-8 text, with and without a given year.
pub fn kwb_csv(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    show(wikken_data::parse_kwb(text, None));
    show(wikken_data::parse_kwb(text, Some(2024)));
}

/// CBS open data (OData JSON pages, `wikken download`): the pages are the
/// input split at NUL bytes, read as data pages and as region-name pages,
/// each page also searched for its next link.
pub fn cbs_odata(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let pages: Vec<&str> = text.split('\0').take(8).collect();
    for page in &pages {
        if let Some(link) = wikken_data::cbs_odata::next_link(page) {
            let _ = wikken_data::cbs_odata::next_page_url(&link, "https://opendata.cbs.nl/");
        }
    }
    let names = wikken_data::cbs_odata::parse_region_names(&pages);
    let data = wikken_data::parse_odata_kwb(&pages, 2024);
    if let (Ok(names), Ok(mut data)) = (names, data) {
        wikken_data::cbs_odata::name_areas(&mut data, &names);
        if let Some(gm) = wikken_data::AreaCode::parse("GM0855") {
            wikken_data::cbs_odata::keep_gemeente(&mut data, &gm);
        }
    }
}

/// Boundaries as GeoJSON (web import and `wikken import`).
pub fn geojson(data: &[u8]) {
    boundaries(data);
}

/// Boundaries as TopoJSON: the same door as [`geojson`], with seeds of its
/// own so the fuzzer starts from arcs and transforms.
pub fn topojson(data: &[u8]) {
    boundaries(data);
}

fn boundaries(data: &[u8]) {
    if let Ok(set) = wikken_data::geo::parse_boundaries(data) {
        for b in &set.boundaries {
            let _ = wikken_data::geo::bbox(&b.shape);
        }
    }
}

/// Own data as a CSV file (one of the template's sheets), alone and as an
/// upload of that file with the template's definitions.
pub fn own_csv(data: &[u8]) {
    show(parse_own("eigen.csv", data));
    let upload = vec![
        ("kengetallen.csv".to_string(), data.to_vec()),
        (
            "definities.csv".to_string(),
            wikken_data::own::template_csv(wikken_data::own::OwnSheet::Definities).into_bytes(),
        ),
    ];
    if let Err(problems) = parse_own_upload(upload, Vec::new()) {
        for (_, p) in problems {
            show::<()>(Err(p));
        }
    }
}

/// Own data as a workbook: XLSX and ODS (a zip container; old XLS is
/// refused by its first bytes).
pub fn own_workbook(data: &[u8]) {
    show(parse_own("eigen.xlsx", data));
    show(parse_own("eigen.ods", data));
}

/// Renders every problem, as the pages and the CLI do.
fn show<T>(result: Result<T, Vec<wikken_data::ImportIssue>>) {
    if let Err(problems) = result {
        for p in &problems {
            let _ = p.to_string();
        }
    }
}

#[cfg(test)]
mod tests;
