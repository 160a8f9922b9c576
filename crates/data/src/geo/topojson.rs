//! TopoJSON: a Topology whose objects hold Polygons and MultiPolygons (one
//! object, or GeometryCollections of them), drawn from shared arcs that are
//! quantised and delta-encoded when the topology has a `transform`.

use serde_json::Value;

use super::geojson::position;
use super::raw::{RawFeature, RawFile, RawShape, declared_crs, file_problem, unsupported};
use super::size::{self, Size, Tally};
use super::{MultiPolygon, Position, Ring};
use crate::caps::{MAX_QUANTISED, dutch_count};
use crate::kwb::ImportIssue;

/// Reads the geometries of a Topology, with its arcs decoded to positions
/// in the file's coordinates.
pub(crate) fn read(root: &Value) -> Result<RawFile<'_>, ImportIssue> {
    let declared_crs = declared_crs(root)?;
    let arcs = decode_arcs(root)?;
    let Some(objects) = root["objects"].as_object() else {
        return Err(file_problem("Topology zonder 'objects'"));
    };
    let named = objects.len() > 1;
    let mut listed: Vec<(String, &Value)> = Vec::new();
    for (name, object) in objects {
        let geometries: Vec<&Value> = match &object["geometries"] {
            Value::Array(list) if object["type"] == "GeometryCollection" => list.iter().collect(),
            _ => vec![object],
        };
        size::check_features(listed.len().saturating_add(geometries.len()))?;
        for (i, geometry) in geometries.into_iter().enumerate() {
            let place = if named {
                format!("{name}, object {}", i + 1)
            } else {
                format!("object {}", i + 1)
            };
            listed.push((place, geometry));
        }
    }
    // The arcs' positions count against the file's positions too.
    let mut tally = Tally::default();
    tally.positions(arcs.iter().map(Vec::len).sum(), "de bogen")?;
    let mut features = Vec::with_capacity(listed.len());
    for (place, geometry) in listed {
        let properties = geometry["properties"].as_object();
        let name = size::feature_name(&place, properties);
        features.push(RawFeature {
            shape: shape(geometry, &arcs, &name, &mut tally)?,
            place,
            properties,
        });
    }
    Ok(RawFile {
        declared_crs,
        arcs,
        features,
    })
}

/// The arcs as positions: dequantised (`transform`) and delta-decoded,
/// every position finite and every quantised one within
/// [`MAX_QUANTISED`].
fn decode_arcs(root: &Value) -> Result<Vec<Vec<Position>>, ImportIssue> {
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
    // Counted before anything is decoded.
    let total: usize = list
        .iter()
        .map(|arc| arc.as_array().map_or(0, Vec::len))
        .fold(0, usize::saturating_add);
    Tally::default().positions(total, "de bogen")?;
    let mut arcs = Vec::with_capacity(list.len());
    for (i, arc) in list.iter().enumerate() {
        let bad = || file_problem(format!("boog {i}: ongeldige coördinaten"));
        let points = arc.as_array().ok_or_else(bad)?;
        let mut decoded = Vec::with_capacity(points.len());
        let (mut x, mut y) = (0.0, 0.0);
        for (j, point) in points.iter().enumerate() {
            let [px, py] = position(point).ok_or_else(bad)?;
            let p = match quantised {
                Some((scale, translate)) => {
                    x += px;
                    y += py;
                    if x.abs() > MAX_QUANTISED || y.abs() > MAX_QUANTISED {
                        return Err(file_problem(format!(
                            "boog {i}, punt {}: een gekwantiseerde coördinaat valt buiten ±{}: \
                             het bestand is beschadigd",
                            j + 1,
                            dutch_count(MAX_QUANTISED as usize)
                        )));
                    }
                    [x * scale[0] + translate[0], y * scale[1] + translate[1]]
                }
                None => [px, py],
            };
            if !p[0].is_finite() || !p[1].is_finite() {
                return Err(file_problem(format!(
                    "boog {i}, punt {}: een coördinaat is geen eindig getal (kijk 'transform' na)",
                    j + 1
                )));
            }
            decoded.push(p);
        }
        arcs.push(decoded);
    }
    Ok(arcs)
}

/// A geometry's shape: its arc indices, checked to exist and, joined,
/// within the caps (the size counted from the arcs' lengths, before any
/// position is copied).
fn shape(
    geometry: &Value,
    arcs: &[Vec<Position>],
    name: &str,
    tally: &mut Tally,
) -> Result<RawShape, ImportIssue> {
    let indices = &geometry["arcs"];
    let (multi, parsed) = match geometry["type"].as_str() {
        Some("Polygon") => (false, polygon(indices).map(|p| vec![p])),
        Some("MultiPolygon") => (
            true,
            indices
                .as_array()
                .and_then(|l| l.iter().map(polygon).collect()),
        ),
        Some(other) => return Ok(unsupported(other)),
        None => return Ok(RawShape::Unusable("geen geometrie".to_string())),
    };
    // References are counted from the lengths, before they are collected.
    tally.references(size::of_coordinates(indices, multi).positions, name)?;
    let Some(parsed) = parsed else {
        return Ok(RawShape::Unusable(
            "ongeldige booglijst in de geometrie".to_string(),
        ));
    };
    let arc = |i: i64| {
        usize::try_from(if i < 0 { !i } else { i })
            .ok()
            .and_then(|i| arcs.get(i))
    };
    if let Some(missing) = parsed
        .iter()
        .flatten()
        .flatten()
        .find(|i| arc(**i).is_none())
    {
        return Ok(RawShape::Unusable(format!(
            "verwijst naar boog {missing}, die niet bestaat"
        )));
    }
    let mut size = Size {
        parts: parsed.len(),
        rings: parsed.iter().map(Vec::len).sum(),
        positions: 0,
    };
    for i in parsed.iter().flatten().flatten() {
        size.positions = size.positions.saturating_add(arc(*i).map_or(0, Vec::len));
    }
    size.check(name)?;
    tally.positions(size.positions, name)?;
    Ok(RawShape::Arcs(parsed))
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
