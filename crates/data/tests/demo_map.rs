//! The demo's boundaries: valid polygons in the Netherlands that tile the
//! gemeente, checked with the `geo` crate (independently of the demo's own
//! geometry code).

use geo::{
    Area, BooleanOps, BoundingRect, Coord, GeodesicArea, LineString, MultiPolygon, Polygon,
    Validation, unary_union,
};
use wikken_data::AreaLevel;
use wikken_data::demo::{Demo, demo};

fn to_geo(shape: &wikken_data::geo::MultiPolygon) -> MultiPolygon {
    MultiPolygon(
        shape
            .iter()
            .map(|rings| {
                let ring = |r: &Vec<[f64; 2]>| {
                    LineString(r.iter().map(|p| Coord { x: p[0], y: p[1] }).collect())
                };
                Polygon::new(ring(&rings[0]), rings[1..].iter().map(ring).collect())
            })
            .collect(),
    )
}

fn shapes(d: &Demo, level: AreaLevel) -> Vec<(String, MultiPolygon)> {
    d.boundaries
        .boundaries
        .iter()
        .filter(|b| b.code.level() == level)
        .map(|b| (b.code.to_string(), to_geo(&b.shape)))
        .collect()
}

fn signed(ring: &[[f64; 2]]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| ring[i][0] * ring[(i + 1) % n][1] - ring[(i + 1) % n][0] * ring[i][1])
        .sum::<f64>()
        / 2.0
}

#[test]
fn every_area_has_one_valid_counter_clockwise_shape_in_the_netherlands() {
    let d = demo();
    let codes: Vec<_> = d.boundaries.boundaries.iter().map(|b| &b.code).collect();
    let areas: Vec<_> = d.dataset.areas.iter().map(|a| &a.code).collect();
    assert_eq!(codes, areas, "one boundary per area, in the same order");
    assert!(d.boundaries.notes.is_empty());
    for b in &d.boundaries.boundaries {
        let name = b.name.as_deref().unwrap_or_default();
        assert!(!name.is_empty(), "{} has no name", b.code);
        for (p, rings) in b.shape.iter().enumerate() {
            for (r, ring) in rings.iter().enumerate() {
                assert!(ring.len() >= 4, "{} ring {p}.{r} too short", b.code);
                assert_eq!(
                    ring.first(),
                    ring.last(),
                    "{} ring {p}.{r} not closed",
                    b.code
                );
                let a = signed(ring);
                assert!(
                    if r == 0 { a > 0.0 } else { a < 0.0 },
                    "{} ring {p}.{r}: exterior must run counter-clockwise, holes clockwise",
                    b.code
                );
                for [lon, lat] in ring {
                    assert!((5.2..=5.4).contains(lon) && (52.0..=52.1).contains(lat));
                }
            }
        }
        let g = to_geo(&b.shape);
        assert!(g.is_valid(), "{}: {:?}", b.code, g.validation_errors());
    }
}

#[test]
fn the_city_is_about_six_by_five_kilometres_and_in_one_piece() {
    let d = demo();
    let gemeente = &d.boundaries.boundaries[0];
    assert_eq!(gemeente.code.as_str(), "GM9999");
    assert_eq!(gemeente.shape.len(), 1, "one polygon");
    assert_eq!(gemeente.shape[0].len(), 1, "no holes");
    let [x0, y0, x1, y1] = wikken_data::geo::bbox(&gemeente.shape);
    let (w, h) = ((x1 - x0) * 68.6, (y1 - y0) * 111.27);
    assert!(
        (5.0..=7.0).contains(&w) && (4.0..=6.0).contains(&h),
        "{w} × {h} km"
    );
    // every wijk is contiguous
    for (code, wijk) in shapes(&d, AreaLevel::Wijk) {
        assert_eq!(wijk.0.len(), 1, "{code} is in pieces");
    }
}

#[test]
fn buurten_tile_the_gemeente_and_their_wijken() {
    let d = demo();
    let (_, gemeente) = shapes(&d, AreaLevel::Gemeente).remove(0);
    let wijken = shapes(&d, AreaLevel::Wijk);
    let buurten = shapes(&d, AreaLevel::Buurt);
    let total = gemeente.unsigned_area();
    let sum: f64 = buurten.iter().map(|(_, b)| b.unsigned_area()).sum();
    assert!(
        (sum / total - 1.0).abs() < 0.005,
        "buurten {sum} vs gemeente {total}"
    );

    // no two buurten overlap by more than a sliver
    for (i, (ca, a)) in buurten.iter().enumerate() {
        let ra = a.bounding_rect().unwrap();
        for (cb, b) in &buurten[i + 1..] {
            let rb = b.bounding_rect().unwrap();
            if ra.max().x < rb.min().x
                || rb.max().x < ra.min().x
                || ra.max().y < rb.min().y
                || rb.max().y < ra.min().y
            {
                continue;
            }
            let overlap = a.intersection(b).unsigned_area();
            assert!(overlap < 1e-6 * total, "{ca} and {cb} overlap: {overlap}");
        }
    }

    // the buurten's union is the gemeente; each wijk's buurten make the wijk
    let union = unary_union(buurten.iter().map(|(_, b)| b));
    let gap = union.xor(&gemeente).unsigned_area();
    assert!(
        gap < 1e-6 * total,
        "union of buurten differs from the gemeente by {gap}"
    );
    for (code, wijk) in &wijken {
        let own: Vec<&MultiPolygon> = buurten
            .iter()
            .filter(|(b, _)| b[2..8] == code[2..])
            .map(|(_, b)| b)
            .collect();
        assert!(!own.is_empty(), "{code} has no buurten");
        let diff = unary_union(own).xor(wijk).unsigned_area();
        assert!(
            diff < 1e-6 * total,
            "{code} differs from its buurten by {diff}"
        );
    }
}

#[test]
fn land_area_matches_the_shapes_geodesically() {
    let d = demo();
    for b in &d.boundaries.boundaries {
        let ha = to_geo(&b.shape).geodesic_area_unsigned() / 10_000.0;
        let published = d
            .dataset
            .observations
            .iter()
            .find(|o| o.area == b.code && o.indicator == "oppervlakte_land" && o.year == 2024)
            .map(|o| o.value)
            .unwrap_or_else(|| panic!("{} has no oppervlakte_land", b.code));
        assert!(
            (published - ha).abs() <= 0.5 + 0.003 * ha,
            "{}: {published} ha published, {ha:.1} ha geodesic",
            b.code
        );
    }
}
