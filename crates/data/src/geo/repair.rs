//! Making shapes fit to store and draw: coordinates rounded to 6 decimals,
//! rings closed, degenerate rings dropped, invalid shapes repaired (with
//! `geo`'s `MakeValid`, the prepair algorithm) and rings oriented as
//! RFC 7946 asks (exteriors counter-clockwise, holes clockwise).

use geo::algorithm::sweep::{Cross, Intersections};
use geo::coordinate_position::CoordPos;
use geo::dimensions::Dimensions;
use geo::{BoundingRect, Coord, Intersects, Line, LineIntersection, LineString, MakeValid, Relate};

use super::crs::round6;
use super::{MultiPolygon, Polygon, Position, Ring};

/// A shape made fit, and what was done to it (Dutch notes, without the
/// feature's name).
#[derive(Debug, Default)]
pub(crate) struct Cleaned {
    /// The shape; empty when nothing usable was left.
    pub shape: MultiPolygon,
    /// What was changed.
    pub notes: Vec<String>,
}

/// Why a ring cannot be used.
enum Degenerate {
    NonFinite,
    TooFewPositions,
    ZeroArea,
}

impl Degenerate {
    fn describe(&self) -> &'static str {
        match self {
            Degenerate::NonFinite => "ongeldige coördinaten",
            Degenerate::TooFewPositions => "minder dan 4 punten",
            Degenerate::ZeroArea => "oppervlakte 0",
        }
    }
}

/// Rounds, removes repeated positions and closes a ring; `Err` when it
/// cannot bound an area. The flag says whether the ring had to be closed.
fn tidy_ring(ring: Ring) -> Result<(Ring, bool), Degenerate> {
    let mut out: Ring = Vec::with_capacity(ring.len() + 1);
    for [x, y] in ring {
        if !x.is_finite() || !y.is_finite() {
            return Err(Degenerate::NonFinite);
        }
        let p = [round6(x), round6(y)];
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    let mut closed = false;
    if let (Some(first), Some(last)) = (out.first().copied(), out.last())
        && first != *last
    {
        out.push(first);
        closed = true;
    }
    if out.len() < 4 {
        return Err(Degenerate::TooFewPositions);
    }
    if collinear(&out) {
        return Err(Degenerate::ZeroArea);
    }
    Ok((out, closed))
}

/// Whether all positions lie on one line (a ring without area; a bow tie,
/// whose signed area is 0 too, is not, and gets repaired).
fn collinear(ring: &[Position]) -> bool {
    let origin = ring[0];
    let Some(&direction) = ring.iter().find(|p| **p != origin) else {
        return true;
    };
    let (dx, dy) = (direction[0] - origin[0], direction[1] - origin[1]);
    ring.iter()
        .all(|p| (p[0] - origin[0]) * dy - (p[1] - origin[1]) * dx == 0.0)
}

/// Twice the signed area of a closed ring (positive: counter-clockwise).
fn signed_area(ring: &[Position]) -> f64 {
    ring.windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum()
}

/// Rounds, closes and drops degenerate rings; a polygon whose exterior is
/// dropped goes with its holes.
fn tidy(shape: MultiPolygon, notes: &mut Vec<String>) -> MultiPolygon {
    let mut closed_any = false;
    let mut out = Vec::with_capacity(shape.len());
    for polygon in shape {
        let mut rings = polygon.into_iter();
        let Some(exterior) = rings.next() else {
            continue;
        };
        let exterior = match tidy_ring(exterior) {
            Ok((ring, closed)) => {
                closed_any |= closed;
                ring
            }
            Err(why) => {
                notes.push(format!(
                    "ontaarde buitenring weggelaten ({}), met de gaten erin",
                    why.describe()
                ));
                continue;
            }
        };
        let mut kept: Polygon = vec![exterior];
        for hole in rings {
            match tidy_ring(hole) {
                Ok((ring, closed)) => {
                    closed_any |= closed;
                    kept.push(ring);
                }
                Err(why) => notes.push(format!("ontaard gat weggelaten ({})", why.describe())),
            }
        }
        out.push(kept);
    }
    if closed_any {
        notes.push("open ring gesloten".to_string());
    }
    out
}

fn to_geo(shape: &MultiPolygon) -> geo::MultiPolygon<f64> {
    let ring = |r: &Ring| LineString::new(r.iter().map(|&[x, y]| Coord { x, y }).collect());
    geo::MultiPolygon::new(
        shape
            .iter()
            .map(|p| geo::Polygon::new(ring(&p[0]), p[1..].iter().map(ring).collect()))
            .collect(),
    )
}

fn from_geo(shape: &geo::MultiPolygon<f64>) -> MultiPolygon {
    let ring = |r: &LineString<f64>| r.0.iter().map(|c| [c.x, c.y]).collect::<Ring>();
    shape
        .iter()
        .map(|p| {
            std::iter::once(ring(p.exterior()))
                .chain(p.interiors().iter().map(ring))
                .collect()
        })
        .collect()
}

/// A ring's segment, numbered, for the sweep.
#[derive(Clone, Copy)]
struct Segment {
    index: usize,
    line: Line<f64>,
}

impl Cross for Segment {
    type Scalar = f64;

    fn line(&self) -> Line<f64> {
        self.line
    }
}

/// Whether a closed ring neither crosses nor touches itself (a sweep, so
/// large rings stay fast): only neighbouring segments may meet, and only
/// in their shared position.
fn ring_is_simple(ring: &LineString<f64>) -> bool {
    let segments = ring.0.len().saturating_sub(1);
    let lines = ring
        .lines()
        .enumerate()
        .map(|(index, line)| Segment { index, line });
    for (a, b, hit) in Intersections::from_iter(lines) {
        let (i, j) = (a.index.min(b.index), a.index.max(b.index));
        let neighbours = j == i + 1 || (i == 0 && j + 1 == segments);
        if !(neighbours && matches!(hit, LineIntersection::SinglePoint { .. })) {
            return false;
        }
    }
    true
}

/// OGC validity: simple rings (and, with holes, `geo`'s full polygon
/// validation), and parts that neither overlap nor share an edge.
fn is_valid(shape: &geo::MultiPolygon<f64>) -> bool {
    use geo::algorithm::Validation;
    let polygons_valid = shape.iter().all(|p| {
        if p.interiors().is_empty() {
            ring_is_simple(p.exterior())
        } else {
            ring_is_simple(p.exterior()) && p.is_valid()
        }
    });
    if !polygons_valid {
        return false;
    }
    let rects: Vec<_> = shape.iter().map(BoundingRect::bounding_rect).collect();
    for (i, a) in shape.iter().enumerate() {
        for (j, b) in shape.iter().enumerate().skip(i + 1) {
            let (Some(ra), Some(rb)) = (rects[i], rects[j]) else {
                continue;
            };
            if !ra.intersects(&rb) || !a.intersects(b) {
                continue;
            }
            let im = a.relate(b);
            if im.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional
                || im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional
            {
                return false;
            }
        }
    }
    true
}

/// Exteriors counter-clockwise, holes clockwise.
fn orient(shape: &mut MultiPolygon) {
    for polygon in shape {
        for (i, ring) in polygon.iter_mut().enumerate() {
            let ccw = signed_area(ring) > 0.0;
            if ccw != (i == 0) {
                ring.reverse();
            }
        }
    }
}

/// Makes a shape fit to store: see the module documentation.
pub(crate) fn clean(shape: MultiPolygon) -> Cleaned {
    let mut notes = Vec::new();
    let mut shape = tidy(shape, &mut notes);
    if shape.is_empty() {
        return Cleaned { shape, notes };
    }
    let geometry = to_geo(&shape);
    if !is_valid(&geometry) {
        match geometry.make_valid() {
            Ok(repaired) => {
                notes.push("ongeldige ring hersteld".to_string());
                // the repair can add crossing points: round those too
                shape = tidy(from_geo(&repaired), &mut Vec::new());
            }
            Err(e) => {
                notes.push(format!("ongeldige vorm kon niet worden hersteld ({e})"));
                shape.clear();
            }
        }
    }
    orient(&mut shape);
    Cleaned { shape, notes }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64, size: f64) -> Ring {
        vec![
            [x, y],
            [x + size, y],
            [x + size, y + size],
            [x, y + size],
            [x, y],
        ]
    }

    fn area(shape: &MultiPolygon) -> f64 {
        shape
            .iter()
            .flat_map(|p| p.iter())
            .map(|r| signed_area(r) / 2.0)
            .sum()
    }

    #[test]
    fn a_valid_square_is_only_oriented() {
        let mut clockwise = square(5.0, 52.0, 0.01);
        clockwise.reverse();
        let cleaned = clean(vec![vec![clockwise]]);
        assert!(cleaned.notes.is_empty(), "{:?}", cleaned.notes);
        assert!(signed_area(&cleaned.shape[0][0]) > 0.0);
        assert!((area(&cleaned.shape) - 1e-4).abs() < 1e-12);
    }

    #[test]
    fn holes_turn_clockwise_and_open_rings_close() {
        let outer = square(5.0, 52.0, 0.01);
        let mut hole = square(5.002, 52.002, 0.002);
        hole.pop(); // open
        let cleaned = clean(vec![vec![outer, hole]]);
        assert_eq!(cleaned.notes, vec!["open ring gesloten"]);
        let hole = &cleaned.shape[0][1];
        assert_eq!(hole.first(), hole.last());
        assert!(signed_area(hole) < 0.0);
        assert!((area(&cleaned.shape) - (1e-4 - 4e-6)).abs() < 1e-12);
    }

    #[test]
    fn a_bow_tie_is_repaired_into_two_triangles() {
        let bow_tie = vec![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]];
        let cleaned = clean(vec![vec![bow_tie]]);
        assert_eq!(cleaned.notes, vec!["ongeldige ring hersteld"]);
        assert_eq!(cleaned.shape.len(), 2);
        assert!((area(&cleaned.shape) - 0.5).abs() < 1e-9);
        assert!(is_valid(&to_geo(&cleaned.shape)));
    }

    #[test]
    fn a_self_touching_ring_is_repaired() {
        // a square whose boundary visits (1, 0) twice, pinching off a notch
        let ring = vec![
            [0.0, 0.0],
            [1.0, 0.0],
            [1.5, 0.5],
            [1.0, 0.0],
            [2.0, 0.0],
            [2.0, 2.0],
            [0.0, 2.0],
            [0.0, 0.0],
        ];
        assert!(!is_valid(&to_geo(&vec![vec![ring.clone()]])));
        let cleaned = clean(vec![vec![ring]]);
        assert_eq!(cleaned.notes, vec!["ongeldige ring hersteld"]);
        assert!(is_valid(&to_geo(&cleaned.shape)));
        assert!(area(&cleaned.shape) > 3.0);
    }

    #[test]
    fn degenerate_rings_are_dropped() {
        let line = vec![[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [0.0, 0.0]];
        let tiny = vec![[0.0, 0.0], [0.000_000_1, 0.0], [0.0, 0.000_000_1]];
        let cleaned = clean(vec![
            vec![line],
            vec![tiny],
            vec![square(0.0, 0.0, 1.0), vec![[0.5, 0.5], [f64::NAN, 0.5]]],
        ]);
        assert_eq!(
            cleaned.notes,
            vec![
                "ontaarde buitenring weggelaten (oppervlakte 0), met de gaten erin",
                "ontaarde buitenring weggelaten (minder dan 4 punten), met de gaten erin",
                "ontaard gat weggelaten (ongeldige coördinaten)",
            ]
        );
        assert_eq!(cleaned.shape.len(), 1);
        assert_eq!(cleaned.shape[0].len(), 1);
    }

    #[test]
    fn parts_sharing_an_edge_are_merged() {
        let cleaned = clean(vec![
            vec![square(0.0, 0.0, 1.0)],
            vec![square(1.0, 0.0, 1.0)],
        ]);
        assert_eq!(cleaned.notes, vec!["ongeldige ring hersteld"]);
        assert_eq!(cleaned.shape.len(), 1);
        assert!((area(&cleaned.shape) - 2.0).abs() < 1e-9);
        // parts touching in one corner are fine
        let cleaned = clean(vec![
            vec![square(0.0, 0.0, 1.0)],
            vec![square(1.0, 1.0, 1.0)],
        ]);
        assert!(cleaned.notes.is_empty());
    }
}
