//! `parse_boundaries` on files made to be too big: each refused, before the
//! shapes are built, with a message naming the feature and the cap.

use super::*;
use crate::caps::{
    MAX_ARC_REFERENCES, MAX_FEATURES, MAX_JSON_DEPTH, MAX_PARTS_PER_FEATURE,
    MAX_POSITIONS_PER_FEATURE, MAX_RINGS_PER_FEATURE,
};

/// The one problem of a file that is refused.
fn refusal(text: &str) -> String {
    let problems = parse_boundaries(text.as_bytes()).expect_err("refused");
    assert_eq!(problems.len(), 1, "{problems:?}");
    problems[0].to_string()
}

/// `n` times `item`, comma-separated.
fn repeat(item: &str, n: usize) -> String {
    vec![item; n].join(",")
}

fn geojson(geometry: &str) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature",
        "properties":{{"gemeentecode":"GM0855"}},"geometry":{geometry}}}]}}"#
    )
}

/// A quantised topology with `arc` as its only arc and `geometries`.
fn topology(arc: &str, geometries: &str) -> String {
    format!(
        r#"{{"type":"Topology","transform":{{"scale":[0.0001,0.0001],"translate":[5,52]}},
        "arcs":[{arc}],"objects":{{"buurten":{{"type":"GeometryCollection","geometries":[{geometries}]}}}}}}"#
    )
}

#[test]
fn a_geojson_feature_with_too_many_positions_is_named() {
    let ring = format!("[{}]", repeat("[5,52]", MAX_POSITIONS_PER_FEATURE + 1));
    let text = geojson(&format!(r#"{{"type":"Polygon","coordinates":[{ring}]}}"#));
    assert_eq!(
        refusal(&text),
        "object 1 (GM0855): 250.001 punten; Wikken leest hoogstens 250.000 punten per gebied: \
         vereenvoudig de grenzen (bijvoorbeeld met mapshaper)"
    );
}

#[test]
fn too_many_parts_or_rings_are_named() {
    let parts = geojson(&format!(
        r#"{{"type":"MultiPolygon","coordinates":[{}]}}"#,
        repeat("[]", MAX_PARTS_PER_FEATURE + 1)
    ));
    assert!(refusal(&parts).starts_with("object 1 (GM0855): 1.001 vlakken; Wikken leest"));
    let rings = geojson(&format!(
        r#"{{"type":"Polygon","coordinates":[{}]}}"#,
        repeat("[]", MAX_RINGS_PER_FEATURE + 1)
    ));
    assert!(refusal(&rings).starts_with("object 1 (GM0855): 10.001 ringen; Wikken leest"));
}

#[test]
fn too_many_features_are_refused() {
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        repeat("{}", MAX_FEATURES + 1)
    );
    assert_eq!(
        refusal(&text),
        "het bestand heeft 100.001 objecten; Wikken leest hoogstens 100.000 gebieden per \
         bestand: splits het"
    );
}

#[test]
fn one_arc_referenced_over_and_over_is_counted_before_it_is_copied() {
    // 20,000 positions, drawn 13 times in one ring: 260,000 positions.
    let arc = format!("[[0,0],{}]", repeat("[1,0]", 19_999));
    let ring = format!("[{}]", repeat("0", 13));
    let text = topology(
        &arc,
        &format!(
            r#"{{"type":"Polygon","arcs":[{ring}],"properties":{{"statcode":"BU08550110"}}}}"#
        ),
    );
    assert_eq!(
        refusal(&text),
        "object 1 (BU08550110): 260.000 punten; Wikken leest hoogstens 250.000 punten per \
         gebied: vereenvoudig de grenzen (bijvoorbeeld met mapshaper)"
    );
}

#[test]
fn the_positions_of_all_features_are_counted_together() {
    // 30 buurten of 200,000 positions each (within the cap per buurt):
    // 6,000,000 in all.
    let arc = format!("[[0,0],{}]", repeat("[1,0]", 19_999));
    let ring = format!("[{}]", repeat("0", 10));
    let geometries: Vec<String> = (0..30)
        .map(|i| {
            format!(
                r#"{{"type":"Polygon","arcs":[{ring}],"properties":{{"statcode":"BU0855{i:04}"}}}}"#
            )
        })
        .collect();
    let text = topology(&arc, &geometries.join(","));
    assert_eq!(
        refusal(&text),
        "object 25 (BU08550024): het bestand heeft meer dan 5.000.000 punten, meer dan Wikken \
         uit één bestand leest: vereenvoudig de grenzen (bijvoorbeeld met mapshaper) of splits \
         het bestand"
    );
}

#[test]
fn too_many_arc_references_are_refused() {
    let ring = format!("[{}]", repeat("0", MAX_ARC_REFERENCES + 1));
    let text = topology(
        "[[0,0],[1,0]]",
        &format!(
            r#"{{"type":"Polygon","arcs":[{ring}],"properties":{{"statcode":"BU08550110"}}}}"#
        ),
    );
    assert_eq!(
        refusal(&text),
        "object 1 (BU08550110): het bestand verwijst meer dan 1.000.000 keer naar een boog, meer \
         dan Wikken uit één bestand leest: splits het bestand"
    );
}

#[test]
fn huge_deltas_and_transforms_are_refused_by_arc() {
    let geometry = r#"{"type":"Polygon","arcs":[[0]],"properties":{"statcode":"BU08550110"}}"#;
    let huge = topology("[[0,0],[1e300,0],[0,1],[-1e300,-1]]", geometry);
    assert_eq!(
        refusal(&huge),
        "boog 0, punt 2: een gekwantiseerde coördinaat valt buiten ±2.147.483.648: het bestand \
         is beschadigd"
    );
    let overflowing =
        topology("[[10,0],[0,1],[-10,-1]]", geometry).replace("[0.0001,0.0001]", "[1e308,1]");
    assert_eq!(
        refusal(&overflowing),
        "boog 0, punt 1: een coördinaat is geen eindig getal (kijk 'transform' na)"
    );
}

#[test]
fn deep_nesting_is_refused_with_the_depth() {
    let depth = MAX_JSON_DEPTH + 10;
    let text = format!(
        r#"{{"type":"FeatureCollection","features":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let message = refusal(&text);
    assert!(
        message.starts_with("regel 1, kolom ")
            && message.ends_with(
                ": de JSON is dieper genest dan 128 niveaus; Wikken leest het bestand niet"
            ),
        "{message}"
    );
}
