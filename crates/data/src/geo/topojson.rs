//! TopoJSON: a Topology whose objects hold Polygons and MultiPolygons (one
//! object, or GeometryCollections of them), drawn from shared arcs that are
//! quantised and delta-encoded when the topology has a `transform`.

use serde_json::Value;

use super::geojson::position;
use super::raw::{RawFeature, RawFile, RawShape, declared_crs, file_problem, unsupported};
use super::{MultiPolygon, Position, Ring};
use crate::kwb::ImportProblem;

/// Reads the geometries of a Topology, with its arcs decoded to positions
/// in the file's coordinates.
pub(crate) fn read(root: &Value) -> Result<RawFile<'_>, ImportProblem> {
    let declared_crs = declared_crs(root)?;
    let arcs = decode_arcs(root)?;
    let Some(objects) = root["objects"].as_object() else {
        return Err(file_problem("Topology zonder 'objects'"));
    };
    let named = objects.len() > 1;
    let mut features = Vec::new();
    for (name, object) in objects {
        let geometries: Vec<&Value> = match &object["geometries"] {
            Value::Array(list) if object["type"] == "GeometryCollection" => list.iter().collect(),
            _ => vec![object],
        };
        for (i, geometry) in geometries.into_iter().enumerate() {
            features.push(RawFeature {
                place: if named {
                    format!("{name}, object {}", i + 1)
                } else {
                    format!("object {}", i + 1)
                },
                properties: geometry["properties"].as_object(),
                shape: shape(geometry, arcs.len()),
            });
        }
    }
    Ok(RawFile {
        declared_crs,
        arcs,
        features,
    })
}

/// The arcs as positions: dequantised (`transform`) and delta-decoded.
fn decode_arcs(root: &Value) -> Result<Vec<Vec<Position>>, ImportProblem> {
    let transform = &root["transform"];
    let quantised = if transform.is_null() {
        None
    } else {
        match (
            position(&transform["scale"]),
            position(&transform["translate"]),
        ) {
            (Some(scale), Some(translate)) => Some((scale, translate)),
            _ => {
                return Err(file_problem(
                    "ongeldige 'transform': verwacht scale en translate met elk twee getallen",
                ));
            }
        }
    };
    let Some(list) = root["arcs"].as_array() else {
        return Err(file_problem("Topology zonder lijst 'arcs'"));
    };
    let mut arcs = Vec::with_capacity(list.len());
    for (i, arc) in list.iter().enumerate() {
        let bad = || file_problem(format!("boog {i}: ongeldige coördinaten"));
        let points = arc.as_array().ok_or_else(bad)?;
        let mut decoded = Vec::with_capacity(points.len());
        let (mut x, mut y) = (0.0, 0.0);
        for point in points {
            let [px, py] = position(point).ok_or_else(bad)?;
            decoded.push(match quantised {
                Some((scale, translate)) => {
                    x += px;
                    y += py;
                    [x * scale[0] + translate[0], y * scale[1] + translate[1]]
                }
                None => [px, py],
            });
        }
        arcs.push(decoded);
    }
    Ok(arcs)
}

fn shape(geometry: &Value, arc_count: usize) -> RawShape {
    let arcs = &geometry["arcs"];
    let parsed = match geometry["type"].as_str() {
        Some("Polygon") => polygon(arcs).map(|p| vec![p]),
        Some("MultiPolygon") => arcs
            .as_array()
            .and_then(|l| l.iter().map(polygon).collect()),
        Some(other) => return unsupported(other),
        None => return RawShape::Unusable("geen geometrie".to_string()),
    };
    let Some(parsed) = parsed else {
        return RawShape::Unusable("ongeldige booglijst in de geometrie".to_string());
    };
    let exists =
        |&i: &i64| usize::try_from(if i < 0 { !i } else { i }).is_ok_and(|i| i < arc_count);
    if let Some(missing) = parsed.iter().flatten().flatten().find(|i| !exists(i)) {
        return RawShape::Unusable(format!("verwijst naar boog {missing}, die niet bestaat"));
    }
    RawShape::Arcs(parsed)
}

fn polygon(value: &Value) -> Option<Vec<Vec<i64>>> {
    value
        .as_array()?
        .iter()
        .map(|ring| ring.as_array()?.iter().map(Value::as_i64).collect())
        .collect()
}

/// The polygons a geometry's arc indices draw: each ring is its arcs
/// joined, each arc after the first without its first position (the
/// previous arc's last). Indices were checked by `read`.
pub(crate) fn resolve(arcs: &[Vec<Position>], polygons: &[Vec<Vec<i64>>]) -> MultiPolygon {
    polygons
        .iter()
        .map(|rings| {
            rings
                .iter()
                .map(|ring| {
                    let mut out: Ring = Vec::new();
                    for &i in ring {
                        let (arc, reversed) = if i < 0 {
                            (&arcs[!i as usize], true)
                        } else {
                            (&arcs[i as usize], false)
                        };
                        let skip = usize::from(!out.is_empty());
                        if reversed {
                            out.extend(arc.iter().rev().skip(skip));
                        } else {
                            out.extend(arc.iter().skip(skip));
                        }
                    }
                    out
                })
                .collect()
        })
        .collect()
}
