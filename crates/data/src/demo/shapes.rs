//! Plane geometry for the demo map: positions in metres east and north of
//! the city centre, their projection to WGS84, and ring areas.

use crate::geo::{MultiPolygon, Position, Ring};

/// A position in metres east and north of the city centre.
pub(crate) type Xy = [f64; 2];

/// Longitude of the city centre (between Utrecht and Amersfoort: a place
/// in the Netherlands, but no real town's outline).
const LON0: f64 = 5.30;
/// Latitude of the city centre.
const LAT0: f64 = 52.05;
/// Metres per degree of latitude at 52.05° N (WGS84 ellipsoid).
const M_PER_DEG_LAT: f64 = 111_268.3;
/// Metres per degree of longitude at 52.05° N (WGS84 ellipsoid).
const M_PER_DEG_LON: f64 = 68_601.4;

/// Rounds a coordinate to 6 decimals (about 0.1 m), as GeoJSON files do.
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The WGS84 position of a point (an equirectangular projection around
/// the centre: exact enough for a city of a few kilometres).
pub(crate) fn to_wgs84(p: Xy) -> Position {
    [
        round6(LON0 + p[0] / M_PER_DEG_LON),
        round6(LAT0 + p[1] / M_PER_DEG_LAT),
    ]
}

/// A closed WGS84 ring from an open ring in metres, without repeated
/// positions.
pub(crate) fn ring_to_wgs84(ring: &[Xy]) -> Ring {
    let mut out: Ring = Vec::with_capacity(ring.len() + 1);
    for p in ring {
        let q = to_wgs84(*p);
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    if let Some(first) = out.first().copied() {
        out.push(first);
    }
    out
}

/// Twice the signed area of a ring (shoelace; positive when
/// counter-clockwise). Works on open and closed rings alike.
pub(crate) fn doubled_area(ring: &[[f64; 2]]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum()
}

/// The area of a WGS84 shape in hectares (exterior rings minus holes).
pub(crate) fn area_ha(shape: &MultiPolygon) -> f64 {
    let degrees2: f64 = shape
        .iter()
        .flatten()
        .map(|ring| doubled_area(ring) / 2.0)
        .sum();
    degrees2 * M_PER_DEG_LON * M_PER_DEG_LAT / 10_000.0
}

/// Is `p` inside the ring (even-odd rule)?
pub(crate) fn inside(p: Xy, ring: &[Xy]) -> bool {
    let n = ring.len();
    let mut odd = false;
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + n - 1) % n]);
        if (a[1] > p[1]) != (b[1] > p[1])
            && p[0] < a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
        {
            odd = !odd;
        }
    }
    odd
}

/// Distance between two points.
pub(crate) fn dist(a: Xy, b: Xy) -> f64 {
    libm::hypot(a[0] - b[0], a[1] - b[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_projection_and_containment() {
        let square = [[0.0, 0.0], [100.0, 0.0], [100.0, 100.0], [0.0, 100.0]];
        assert_eq!(doubled_area(&square), 20_000.0);
        let rev: Vec<Xy> = square.iter().rev().copied().collect();
        assert_eq!(doubled_area(&rev), -20_000.0);
        assert!(inside([50.0, 50.0], &square) && !inside([150.0, 50.0], &square));
        let km = ring_to_wgs84(&[[0.0, 0.0], [1000.0, 0.0], [1000.0, 1000.0], [0.0, 1000.0]]);
        assert_eq!(km.len(), 5);
        assert_eq!(km[0], [5.3, 52.05]);
        let ha = area_ha(&vec![vec![km]]);
        assert!((ha - 100.0).abs() < 0.05, "{ha}");
    }
}
