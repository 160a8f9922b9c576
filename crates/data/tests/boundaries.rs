//! Reads the boundary files in `../shared/data/boundaries` (see its
//! README): counts, repairs and extent. Skipped, with a message, when that
//! folder is absent (a clone elsewhere); CI always has it.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use geo::{Area, Validation};
use serde_json::Value;
use wikken_data::geo::{Boundary, BoundarySet, MultiPolygon, bbox, parse_boundaries};

/// The Netherlands, generously: `[min_lon, min_lat, max_lon, max_lat]`.
const NETHERLANDS: [f64; 4] = [3.2, 50.7, 7.3, 53.7];

fn shared(file: &str) -> Option<Vec<u8>> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "../../../shared/data/boundaries",
        file,
    ]
    .iter()
    .collect();
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            eprintln!(
                "skipped: {} is absent (no ../shared/data here)",
                path.display()
            );
            None
        }
    }
}

fn parse(bytes: &[u8]) -> BoundarySet {
    parse_boundaries(bytes).unwrap_or_else(|p| panic!("{p:?}"))
}

fn to_geo(shape: &MultiPolygon) -> geo::MultiPolygon<f64> {
    let ring = |r: &Vec<[f64; 2]>| geo::LineString::from(r.clone());
    geo::MultiPolygon::new(
        shape
            .iter()
            .map(|p| geo::Polygon::new(ring(&p[0]), p[1..].iter().map(ring).collect()))
            .collect(),
    )
}

/// The codes of the features a note says were repaired.
fn repaired(set: &BoundarySet) -> Vec<String> {
    set.notes
        .iter()
        .filter_map(|n| n.message.strip_suffix("): ongeldige ring hersteld"))
        .filter_map(|m| m.rsplit_once('(').map(|(_, code)| code.to_string()))
        .collect()
}

/// Every shape valid (OGC, per `geo`), closed and oriented, and inside the
/// Netherlands.
fn check_shapes(file: &str, boundaries: &[Boundary]) {
    for b in boundaries {
        let shape = to_geo(&b.shape);
        assert!(
            shape.is_valid(),
            "{file} {}: {:?}",
            b.code,
            shape.validation_errors()
        );
        for polygon in &shape {
            assert!(polygon.exterior().is_closed());
            assert!(polygon.signed_area() > 0.0, "{file} {}: clockwise", b.code);
        }
        let [min_lon, min_lat, max_lon, max_lat] = bbox(&b.shape);
        assert!(
            min_lon >= NETHERLANDS[0]
                && min_lat >= NETHERLANDS[1]
                && max_lon <= NETHERLANDS[2]
                && max_lat <= NETHERLANDS[3],
            "{file} {}: outside the Netherlands",
            b.code
        );
    }
}

/// A repaired shape has the area shapely's `make_valid` (GEOS) gives the
/// same feature: `(code, square degrees)`.
fn repairs_match_geos(set: &BoundarySet, geos: &[(&str, f64)]) {
    assert_eq!(repaired(set).len(), geos.len());
    for (code, want) in geos {
        let b = set
            .boundaries
            .iter()
            .find(|b| b.code.as_str() == *code)
            .unwrap();
        let got = to_geo(&b.shape).unsigned_area();
        assert!((got - want).abs() / want < 1e-5, "{code}: {got} vs {want}");
    }
}

fn gemeenten(set: &BoundarySet) -> usize {
    let codes: BTreeSet<_> = set.boundaries.iter().map(|b| b.code.gemeente()).collect();
    codes.len()
}

#[test]
fn buurten_and_wijken_of_the_demo_gemeenten() {
    let (Some(buurten), Some(wijken)) = (
        shared("buurten_demo_gemeenten_wgs84.geojson"),
        shared("wijken_demo_gemeenten_wgs84.geojson"),
    ) else {
        return;
    };
    let set = parse(&buurten);
    assert_eq!(set.boundaries.len(), 689);
    assert_eq!(gemeenten(&set), 9);
    assert!(
        set.boundaries
            .iter()
            .all(|b| b.code.as_str().starts_with("BU"))
    );
    let ermerveen = set
        .boundaries
        .iter()
        .find(|b| b.code.as_str() == "BU01141308");
    assert_eq!(ermerveen.unwrap().name.as_deref(), Some("Ermerveen"));
    // the two self-touching rings (shapely agrees: "Ring Self-intersection")
    assert_eq!(repaired(&set), ["BU01140609", "BU01140809"]);
    assert_eq!(set.notes.len(), 2, "{:?}", set.notes);
    check_shapes("buurten", &set.boundaries);
    repairs_match_geos(
        &set,
        &[
            ("BU01140609", 0.001_303_670_991),
            ("BU01140809", 0.002_503_641_596),
        ],
    );

    let set = parse(&wijken);
    assert_eq!(set.boundaries.len(), 179);
    assert_eq!(gemeenten(&set), 9);
    assert!(
        set.boundaries
            .iter()
            .all(|b| b.code.as_str().starts_with("WK"))
    );
    assert!(set.notes.is_empty(), "{:?}", set.notes);
    check_shapes("wijken", &set.boundaries);
}

#[test]
fn gemeenten_2021() {
    let Some(bytes) = shared("gemeenten_2021_wgs84.geojson") else {
        return;
    };
    let set = parse(&bytes);
    assert_eq!(set.boundaries.len(), 352);
    assert!(set.boundaries.iter().all(|b| b.name.is_some()));
    assert_eq!(repaired(&set), ["GM0995", "GM1676"]);
    assert_eq!(set.notes.len(), 2, "{:?}", set.notes);
    check_shapes("gemeenten", &set.boundaries);
    // real crossings here: the file's shoelace areas (0.034932, 0.030756)
    // cancel the crossed loops; the repair keeps them, as GEOS does
    repairs_match_geos(
        &set,
        &[("GM0995", 0.034_943_435_469), ("GM1676", 0.030_795_721_339)],
    );
}

/// The gemeenten file converted to RD New by `proj4rs` (the inverse of the
/// import's conversion), without a `crs` member: detected from the
/// coordinates and converted back to within a few centimetres.
#[test]
fn gemeenten_2021_in_rd_new() {
    let Some(bytes) = shared("gemeenten_2021_wgs84.geojson") else {
        return;
    };
    let rd = proj4rs::Proj::from_proj_string(
        "+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 \
         +x_0=155000 +y_0=463000 +ellps=bessel \
         +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m",
    )
    .unwrap();
    let wgs84 = proj4rs::Proj::from_proj_string("+proj=longlat +datum=WGS84").unwrap();
    let mut root: Value = serde_json::from_slice(&bytes).unwrap();
    fn walk(v: &mut Value, f: &mut dyn FnMut(&mut Vec<Value>)) {
        if let Value::Array(items) = v {
            if items.len() == 2 && items.iter().all(Value::is_number) {
                f(items);
            } else {
                items.iter_mut().for_each(|i| walk(i, f));
            }
        }
    }
    for feature in root["features"].as_array_mut().unwrap() {
        walk(&mut feature["geometry"]["coordinates"], &mut |p| {
            let mut point = (
                p[0].as_f64().unwrap().to_radians(),
                p[1].as_f64().unwrap().to_radians(),
                0.0,
            );
            proj4rs::transform::transform(&wgs84, &rd, &mut point).unwrap();
            *p = vec![point.0.into(), point.1.into()];
        });
    }
    let in_rd = parse(root.to_string().as_bytes());
    let in_wgs84 = parse(&bytes);
    assert_eq!(in_rd.boundaries.len(), in_wgs84.boundaries.len());
    for (a, b) in in_rd.boundaries.iter().zip(&in_wgs84.boundaries) {
        assert_eq!(a.code, b.code);
        for (x, y) in bbox(&a.shape).iter().zip(bbox(&b.shape)) {
            assert!((x - y).abs() <= 2e-6, "{}: {x} vs {y}", a.code);
        }
    }
}

#[test]
fn the_national_buurten_topojson() {
    let Some(bytes) = shared("buurten_nl_2019_2020_wgs84.topojson") else {
        return;
    };
    let started = Instant::now();
    let set = parse(&bytes);
    let elapsed = started.elapsed();
    eprintln!("13,594 buurten read, converted and repaired in {elapsed:?}");
    if !cfg!(debug_assertions) {
        assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");
    }
    assert_eq!(set.boundaries.len(), 13_594);
    assert_eq!(gemeenten(&set), 355);
    assert!(
        set.boundaries.iter().all(|b| b.name.is_none()),
        "only statcode"
    );
    // self-touching rings from quantisation; shapely finds the same 21
    // (among them the two of the demo file, drawn from these arcs)
    let fixed = repaired(&set);
    assert_eq!(fixed.len(), 21, "{fixed:?}");
    assert!(fixed.contains(&"BU01140609".to_string()));
    assert!(fixed.contains(&"BU01140809".to_string()));
    assert_eq!(set.notes.len(), 21, "{:?}", set.notes);
    check_shapes("buurten_nl", &set.boundaries);
}
