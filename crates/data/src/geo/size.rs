//! How big a boundary file's shapes are, measured before they are built,
//! and the caps of [`crate::caps`] they must stay within: features, parts
//! and rings per feature, positions per feature and per file, TopoJSON arc
//! references. Over a cap, the file is refused with a message naming the
//! feature and the cap.

use serde_json::{Map, Value};

use super::properties::{CodeLookup, area_code};
use super::raw::file_problem;
use crate::caps::{
    MAX_ARC_REFERENCES, MAX_FEATURES, MAX_PARTS_PER_FEATURE, MAX_POSITIONS,
    MAX_POSITIONS_PER_FEATURE, MAX_RINGS_PER_FEATURE, dutch_count,
};
use crate::kwb::ImportIssue;

/// The size of one feature's shape.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Size {
    /// Polygons.
    pub parts: usize,
    /// Rings, exteriors and holes.
    pub rings: usize,
    /// Positions (for TopoJSON: once the arcs are joined).
    pub positions: usize,
}

/// How a feature is named in messages: its place, with its code when the
/// properties hold one ("object 12 (BU08550110)").
pub(crate) fn feature_name(place: &str, properties: Option<&Map<String, Value>>) -> String {
    match area_code(properties) {
        CodeLookup::Found(code) => format!("{place} ({code})"),
        _ => place.to_string(),
    }
}

/// The problem for a file with more features than [`MAX_FEATURES`].
pub(crate) fn check_features(count: usize) -> Result<(), ImportIssue> {
    if count > MAX_FEATURES {
        return Err(file_problem(format!(
            "het bestand heeft {} objecten; Wikken leest hoogstens {} gebieden per bestand: \
             splits het",
            dutch_count(count),
            dutch_count(MAX_FEATURES)
        )));
    }
    Ok(())
}

/// What the file has built so far, against the per-file caps.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    positions: usize,
    references: usize,
}

impl Tally {
    /// Counts `n` positions built for the file (`name`: where, for the
    /// message).
    pub(crate) fn positions(&mut self, n: usize, name: &str) -> Result<(), ImportIssue> {
        self.positions = self.positions.saturating_add(n);
        if self.positions > MAX_POSITIONS {
            return Err(file_problem(format!(
                "{name}: het bestand heeft meer dan {} punten, meer dan Wikken uit één bestand \
                 leest: vereenvoudig de grenzen (bijvoorbeeld met mapshaper) of splits het bestand",
                dutch_count(MAX_POSITIONS)
            )));
        }
        Ok(())
    }

    /// Counts `n` TopoJSON arc references.
    pub(crate) fn references(&mut self, n: usize, name: &str) -> Result<(), ImportIssue> {
        self.references = self.references.saturating_add(n);
        if self.references > MAX_ARC_REFERENCES {
            return Err(file_problem(format!(
                "{name}: het bestand verwijst meer dan {} keer naar een boog, meer dan Wikken \
                 uit één bestand leest: splits het bestand",
                dutch_count(MAX_ARC_REFERENCES)
            )));
        }
        Ok(())
    }
}

impl Size {
    /// The problem when this feature (`name`) is beyond a per-feature cap.
    pub(crate) fn check(&self, name: &str) -> Result<(), ImportIssue> {
        let over = |what: &str, n: usize, cap: usize| {
            Err(file_problem(format!(
                "{name}: {} {what}; Wikken leest hoogstens {} {what} per gebied: vereenvoudig de \
                 grenzen (bijvoorbeeld met mapshaper)",
                dutch_count(n),
                dutch_count(cap)
            )))
        };
        if self.parts > MAX_PARTS_PER_FEATURE {
            return over("vlakken", self.parts, MAX_PARTS_PER_FEATURE);
        }
        if self.rings > MAX_RINGS_PER_FEATURE {
            return over("ringen", self.rings, MAX_RINGS_PER_FEATURE);
        }
        if self.positions > MAX_POSITIONS_PER_FEATURE {
            return over("punten", self.positions, MAX_POSITIONS_PER_FEATURE);
        }
        Ok(())
    }
}

/// The size of GeoJSON coordinates: of one Polygon, or of a MultiPolygon
/// (`multi`). Counts array lengths only; shapes that are not nested arrays
/// count as nothing (reading them says what is wrong).
pub(crate) fn of_coordinates(coordinates: &Value, multi: bool) -> Size {
    let polygons: Vec<&Value> = if multi {
        coordinates
            .as_array()
            .map_or(Vec::new(), |l| l.iter().collect())
    } else {
        vec![coordinates]
    };
    let mut size = Size {
        parts: polygons.len(),
        ..Size::default()
    };
    for polygon in polygons {
        let rings = polygon.as_array().map_or(&[][..], Vec::as_slice);
        size.rings = size.rings.saturating_add(rings.len());
        for ring in rings {
            size.positions = size
                .positions
                .saturating_add(ring.as_array().map_or(0, Vec::len));
        }
    }
    size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_measured_without_building_them() {
        let polygon: Value = serde_json::from_str("[[[0,0],[1,0],[1,1],[0,0]],[[0,0]]]").unwrap();
        assert_eq!(
            of_coordinates(&polygon, false),
            Size {
                parts: 1,
                rings: 2,
                positions: 5
            }
        );
        let multi = Value::Array(vec![polygon.clone(), polygon, Value::Null]);
        assert_eq!(
            of_coordinates(&multi, true),
            Size {
                parts: 3,
                rings: 4,
                positions: 10
            }
        );
    }

    #[test]
    fn each_cap_is_named_with_the_feature() {
        let big = Size {
            parts: 1,
            rings: 1,
            positions: MAX_POSITIONS_PER_FEATURE + 1,
        };
        assert_eq!(
            big.check("object 3 (BU08550110)").unwrap_err().message,
            "object 3 (BU08550110): 250.001 punten; Wikken leest hoogstens 250.000 punten per \
             gebied: vereenvoudig de grenzen (bijvoorbeeld met mapshaper)"
        );
        let parts = Size {
            parts: MAX_PARTS_PER_FEATURE + 1,
            ..Size::default()
        };
        assert!(
            parts
                .check("x")
                .unwrap_err()
                .message
                .contains("1.001 vlakken")
        );
        let mut tally = Tally::default();
        tally.positions(MAX_POSITIONS, "object 1").unwrap();
        assert!(
            tally
                .positions(1, "object 2")
                .unwrap_err()
                .message
                .starts_with("object 2: het bestand heeft meer dan 5.000.000 punten")
        );
        assert!(check_features(MAX_FEATURES).is_ok());
        assert!(check_features(MAX_FEATURES + 1).is_err());
    }
}
