//! Features as a file holds them, before conversion and repair: what the
//! GeoJSON and TopoJSON readers hand to the common steps.

use serde_json::{Map, Value};

use super::crs::{self, Crs};
use super::{MultiPolygon, Position};
use crate::kwb::ImportIssue;

/// A feature as read.
#[derive(Debug)]
pub(crate) struct RawFeature<'a> {
    /// Where it is in the file ("object 12"), for notes.
    pub place: String,
    /// Its properties, when it has an object of them.
    pub properties: Option<&'a Map<String, Value>>,
    /// Its geometry.
    pub shape: RawShape,
}

/// A feature's geometry as read.
#[derive(Debug)]
pub(crate) enum RawShape {
    /// Polygons in the file's coordinates.
    Coordinates(MultiPolygon),
    /// TopoJSON: per polygon, per ring, the arcs (negative: `!i`, reversed).
    Arcs(Vec<Vec<Vec<i64>>>),
    /// No polygon: why (Dutch), for a note.
    Unusable(String),
}

impl RawShape {
    /// Whether this is a polygon or multipolygon at all.
    pub fn is_polygonal(&self) -> bool {
        !matches!(self, RawShape::Unusable(_))
    }
}

/// A file as read.
#[derive(Debug)]
pub(crate) struct RawFile<'a> {
    /// The coordinate system the file names, if any.
    pub declared_crs: Option<Crs>,
    /// TopoJSON's arcs, decoded to positions (empty for GeoJSON).
    pub arcs: Vec<Vec<Position>>,
    /// The features in file order.
    pub features: Vec<RawFeature<'a>>,
}

/// A problem with the file as a whole.
pub(crate) fn file_problem(message: impl Into<String>) -> ImportIssue {
    ImportIssue {
        line: None,
        column: None,
        message: message.into(),
    }
}

/// The note for a geometry type that is not a polygon.
pub(crate) fn unsupported(kind: &str) -> RawShape {
    RawShape::Unusable(format!(
        "geometrietype {kind} wordt niet ondersteund (alleen Polygon en MultiPolygon)"
    ))
}

/// The coordinate system named by the root's `crs` member (GeoJSON 2008:
/// `{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}`).
pub(crate) fn declared_crs(root: &Value) -> Result<Option<Crs>, ImportIssue> {
    let member = &root["crs"];
    if member.is_null() {
        return Ok(None);
    }
    let name = member["properties"]["name"].as_str();
    match name.and_then(crs::from_name) {
        Some(crs) => Ok(Some(crs)),
        None => Err(file_problem(format!(
            "onbekend coördinatenstelsel {}: Wikken leest WGS84 (EPSG:4326) en RD New (EPSG:28992)",
            name.map_or_else(|| member.to_string(), |n| format!("\"{n}\""))
        ))),
    }
}
