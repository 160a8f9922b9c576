//! The steps after reading, common to GeoJSON and TopoJSON: which area each
//! feature is, the coordinate system, conversion to WGS84, repair, and a
//! note for everything left out or changed.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::crs::{self, Crs, RdToWgs84, round6};
use super::properties::{CODE_KEYS, CodeLookup, area_code, area_name, has_code_property};
use super::raw::{RawFile, RawShape, file_problem};
use super::{Boundary, BoundarySet, repair, topojson};
use crate::area::AreaCode;
use crate::kwb::ImportIssue;

/// The extent of every position in the file: `[min_x, min_y, max_x, max_y]`.
fn extent(raw: &RawFile<'_>) -> Option<[f64; 4]> {
    let shapes = raw.features.iter().filter_map(|f| match &f.shape {
        RawShape::Coordinates(shape) => Some(shape),
        _ => None,
    });
    let positions = raw
        .arcs
        .iter()
        .flatten()
        .chain(shapes.flatten().flatten().flatten());
    let mut e = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for [x, y] in positions {
        e = [e[0].min(*x), e[1].min(*y), e[2].max(*x), e[3].max(*y)];
    }
    (e[0] <= e[2]).then_some(e)
}

/// Turns what a reader found into boundaries and notes; `Err` when the file
/// as a whole cannot be used.
pub(crate) fn build(raw: RawFile<'_>) -> Result<BoundarySet, Vec<ImportIssue>> {
    let mut errors = Vec::new();
    if !raw.features.iter().any(|f| f.shape.is_polygonal()) {
        errors.push(file_problem(
            "het bestand bevat geen vlakken (Polygon of MultiPolygon)",
        ));
    }
    if !raw.features.iter().any(|f| has_code_property(f.properties)) {
        errors.push(file_problem(format!(
            "geen eigenschap met gebiedscodes (verwacht {})",
            CODE_KEYS.join(", ")
        )));
    }
    let crs = match (raw.declared_crs, extent(&raw)) {
        (Some(crs), _) => crs,
        (None, Some(extent)) => crs::detect(extent).unwrap_or_else(|message| {
            errors.push(file_problem(message));
            Crs::Wgs84
        }),
        (None, None) => Crs::Wgs84,
    };
    if !errors.is_empty() {
        return Err(errors);
    }

    let converter = (crs == Crs::RdNew).then(RdToWgs84::new);
    let mut arcs = raw.arcs;
    for arc in &mut arcs {
        if let Some(c) = &converter {
            c.convert(arc);
        }
        // rounded once here, so neighbours share exactly the same positions
        for p in arc.iter_mut() {
            *p = [round6(p[0]), round6(p[1])];
        }
    }

    let mut set = BoundarySet::default();
    let mut note = |message: String| {
        set.notes.push(ImportIssue {
            line: None,
            column: None,
            message,
        })
    };
    let mut boundaries = Vec::new();
    let mut seen: HashMap<AreaCode, String> = HashMap::new();
    for feature in raw.features {
        let code = match area_code(feature.properties) {
            CodeLookup::Found(code) => code,
            CodeLookup::Invalid { key, value } => {
                note(format!(
                    "{}: geen geldige gebiedscode in {key} \"{value}\"; overgeslagen",
                    feature.place
                ));
                continue;
            }
            CodeLookup::Missing => {
                note(format!(
                    "{}: geen gebiedscode (verwacht {}); overgeslagen",
                    feature.place,
                    CODE_KEYS.join(", ")
                ));
                continue;
            }
        };
        let place = format!("{} ({code})", feature.place);
        if let Some(first) = seen.get(&code) {
            note(format!(
                "{place}: deze gebiedscode kwam al voor bij {first}; overgeslagen"
            ));
            continue;
        }
        let shape = match feature.shape {
            RawShape::Unusable(why) => {
                note(format!("{place}: {why}; overgeslagen"));
                continue;
            }
            RawShape::Coordinates(mut shape) => {
                if let Some(c) = &converter {
                    shape.iter_mut().flatten().for_each(|ring| c.convert(ring));
                }
                shape
            }
            RawShape::Arcs(polygons) => topojson::resolve(&arcs, &polygons),
        };
        // geo's algorithms are not known to panic on finite input, but an
        // import must never crash on a strange shape
        let Ok(cleaned) = catch_unwind(AssertUnwindSafe(|| repair::clean(shape))) else {
            note(format!(
                "{place}: vorm kon niet worden gecontroleerd; overgeslagen"
            ));
            continue;
        };
        for n in cleaned.notes {
            note(format!("{place}: {n}"));
        }
        if cleaned.shape.is_empty() {
            note(format!("{place}: geen bruikbare vorm over; overgeslagen"));
            continue;
        }
        seen.insert(code.clone(), feature.place);
        boundaries.push(Boundary {
            name: area_name(feature.properties, code.level()),
            code,
            shape: cleaned.shape,
        });
    }
    if boundaries.is_empty() {
        let mut problems = set.notes;
        problems.push(file_problem(
            "geen enkel gebied met een geldige gebiedscode en een bruikbare vorm",
        ));
        return Err(problems);
    }
    set.boundaries = boundaries;
    Ok(set)
}
