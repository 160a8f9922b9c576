//! Area boundaries: GeoJSON and TopoJSON, in WGS84 or RD New
//! (EPSG:28992), read into WGS84 multipolygons.
//!
//! [`parse_boundaries`] tells GeoJSON from TopoJSON by content, finds each
//! feature's CBS code and name in its properties, converts RD New to WGS84,
//! rounds to 6 decimals, repairs invalid shapes and orients rings as
//! RFC 7946 asks. What it changes or leaves out per feature becomes a note.
//! Every shape is measured before it is built and refused beyond the caps
//! of [`crate::caps`] (features, parts, rings, positions, arc references).

mod build;
#[cfg(test)]
mod caps_tests;
mod crs;
mod geojson;
mod properties;
mod raw;
mod repair;
mod size;
#[cfg(test)]
mod tests;
mod topojson;

use serde_json::Value;

use crate::area::AreaCode;
use crate::kwb::ImportIssue;

/// A position: longitude and latitude in degrees (WGS84).
pub type Position = [f64; 2];
/// A closed ring (its first and last positions are equal).
pub type Ring = Vec<Position>;
/// A polygon: the exterior ring, then its holes.
pub type Polygon = Vec<Ring>;
/// One or more polygons, nested as GeoJSON's MultiPolygon coordinates.
pub type MultiPolygon = Vec<Polygon>;

/// The shape of one area.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    /// The area.
    pub code: AreaCode,
    /// Its name, when the file gives one.
    pub name: Option<String>,
    /// Its shape in WGS84.
    pub shape: MultiPolygon,
}

/// What a boundary file holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoundarySet {
    /// One boundary per area, in file order.
    pub boundaries: Vec<Boundary>,
    /// What was repaired or left out, per feature (not errors: the import
    /// goes on, and tells the user).
    pub notes: Vec<ImportIssue>,
}

/// The bounding box of a shape: `[min_lon, min_lat, max_lon, max_lat]`.
pub fn bbox(shape: &MultiPolygon) -> [f64; 4] {
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for [lon, lat] in shape.iter().flatten().flatten() {
        b[0] = b[0].min(*lon);
        b[1] = b[1].min(*lat);
        b[2] = b[2].max(*lon);
        b[3] = b[3].max(*lat);
    }
    b
}

/// Reads a boundary file: a GeoJSON FeatureCollection or a TopoJSON
/// Topology of (Multi)Polygons, in WGS84 or RD New. Features it cannot use
/// are left out with a note; `Err` holds every problem that makes the file
/// as a whole unusable (unreadable JSON, no code property, no polygons).
pub fn parse_boundaries(bytes: &[u8]) -> Result<BoundarySet, Vec<ImportIssue>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let root: Value = serde_json::from_slice(bytes).map_err(|e| vec![json_problem(&e)])?;
    let raw = match root["type"].as_str() {
        Some("Topology") => topojson::read(&root),
        Some("FeatureCollection" | "Feature") => geojson::read(&root),
        Some(other) => Err(raw::file_problem(format!(
            "JSON met type \"{other}\": verwacht een GeoJSON FeatureCollection of een TopoJSON Topology"
        ))),
        None => Err(raw::file_problem(
            "JSON zonder 'type': verwacht een GeoJSON FeatureCollection of een TopoJSON Topology",
        )),
    };
    build::build(raw.map_err(|p| vec![p])?)
}

/// Where and why the JSON cannot be read.
fn json_problem(e: &serde_json::Error) -> ImportIssue {
    let text = e.to_string();
    let what = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(w, _)| w);
    let message = match e.classify() {
        serde_json::error::Category::Eof => format!("het bestand houdt halverwege op ({what})"),
        _ if what.starts_with("recursion limit exceeded") => format!(
            "de JSON is dieper genest dan {} niveaus; Wikken leest het bestand niet",
            crate::caps::MAX_JSON_DEPTH
        ),
        _ => format!("geen geldige JSON ({what})"),
    };
    ImportIssue {
        line: (e.line() > 0).then_some(e.line()),
        column: (e.line() > 0).then(|| e.column().to_string()),
        message,
    }
}
