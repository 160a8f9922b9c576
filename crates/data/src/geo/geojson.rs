//! GeoJSON (RFC 7946, and the 2008 spec's `crs` member): a
//! FeatureCollection, or one Feature, of Polygons and MultiPolygons.

use serde_json::Value;

use super::raw::{RawFeature, RawFile, RawShape, declared_crs, file_problem, unsupported};
use super::size::{self, Tally};
use super::{Polygon, Position, Ring};
use crate::kwb::ImportIssue;

/// Reads the features of a GeoJSON document (an object whose `type` is
/// FeatureCollection or Feature), in source coordinates.
pub(crate) fn read(root: &Value) -> Result<RawFile<'_>, ImportIssue> {
    let declared_crs = declared_crs(root)?;
    let list: Vec<&Value> = if root["type"] == "Feature" {
        vec![root]
    } else {
        match &root["features"] {
            Value::Array(list) => list.iter().collect(),
            _ => return Err(file_problem("FeatureCollection zonder lijst 'features'")),
        }
    };
    size::check_features(list.len())?;
    let mut tally = Tally::default();
    let mut features = Vec::with_capacity(list.len());
    for (i, feature) in list.into_iter().enumerate() {
        let place = format!("object {}", i + 1);
        let properties = feature["properties"].as_object();
        // measured before anything is built
        let geometry = &feature["geometry"];
        let multi = match geometry["type"].as_str() {
            Some("Polygon") => Some(false),
            Some("MultiPolygon") => Some(true),
            _ => None,
        };
        if let Some(multi) = multi {
            let size = size::of_coordinates(&geometry["coordinates"], multi);
            let name = size::feature_name(&place, properties);
            size.check(&name)?;
            tally.positions(size.positions, &name)?;
        }
        features.push(RawFeature {
            place,
            properties,
            shape: shape(feature),
        });
    }
    Ok(RawFile {
        declared_crs,
        arcs: Vec::new(),
        features,
    })
}

fn shape(feature: &Value) -> RawShape {
    if feature["type"] != "Feature" {
        return RawShape::Unusable("geen GeoJSON-Feature".to_string());
    }
    let geometry = &feature["geometry"];
    let coordinates = &geometry["coordinates"];
    let parsed = match geometry["type"].as_str() {
        None if geometry.is_null() => return RawShape::Unusable("geen geometrie".to_string()),
        Some("Polygon") => polygon(coordinates).map(|p| vec![p]),
        Some("MultiPolygon") => coordinates
            .as_array()
            .and_then(|list| list.iter().map(polygon).collect()),
        Some(other) => return unsupported(other),
        None => return RawShape::Unusable("geometrie zonder type".to_string()),
    };
    match parsed {
        Some(shape) => RawShape::Coordinates(shape),
        None => RawShape::Unusable("ongeldige coördinaten in de geometrie".to_string()),
    }
}

fn polygon(value: &Value) -> Option<Polygon> {
    value.as_array()?.iter().map(ring).collect()
}

fn ring(value: &Value) -> Option<Ring> {
    value.as_array()?.iter().map(position).collect()
}

/// A position: at least two numbers (a third, the height, is ignored).
pub(crate) fn position(value: &Value) -> Option<Position> {
    match value.as_array()?.as_slice() {
        [x, y, ..] => Some([x.as_f64()?, y.as_f64()?]),
        _ => None,
    }
}
