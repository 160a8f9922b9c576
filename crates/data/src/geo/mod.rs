//! Area boundaries: GeoJSON and TopoJSON, in WGS84 or RD New
//! (EPSG:28992), read into WGS84 multipolygons.

use crate::area::AreaCode;
use crate::kwb::ImportProblem;

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
    pub notes: Vec<ImportProblem>,
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
