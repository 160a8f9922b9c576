//! `parse_boundaries` on tiny hand-made files.

use super::*;

fn messages(problems: &[ImportIssue]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

fn parse_ok(text: &str) -> BoundarySet {
    parse_boundaries(text.as_bytes()).unwrap_or_else(|p| panic!("{:?}", messages(&p)))
}

fn parse_err(text: &str) -> Vec<String> {
    messages(&parse_boundaries(text.as_bytes()).unwrap_err())
}

/// Twice the signed area (positive: counter-clockwise).
fn signed_area(ring: &Ring) -> f64 {
    ring.windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum()
}

const SQUARE: &str = "[[5.0,52.0],[5.01,52.0],[5.01,52.01],[5.0,52.01],[5.0,52.0]]";

fn feature(properties: &str, geometry: &str) -> String {
    format!(r#"{{"type":"Feature","properties":{properties},"geometry":{geometry}}}"#)
}

fn collection(features: &[String]) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

#[test]
fn geojson_polygons_multipolygons_and_other_types() {
    let file = collection(&[
        feature(
            r#"{"buurtcode":"BU08550110","buurtnaam":"Binnenstad","gemeentecode":"GM0855"}"#,
            &format!(r#"{{"type":"Polygon","coordinates":[{SQUARE}]}}"#),
        ),
        feature(
            r#"{"gemeentecode":"GM0597","gemeentenaam_kwb2024":"Ridderkerk"}"#,
            &format!(r#"{{"type":"MultiPolygon","coordinates":[[{SQUARE}]]}}"#),
        ),
        feature(
            r#"{"buurtcode":"BU08550111"}"#,
            r#"{"type":"Point","coordinates":[5.0,52.0]}"#,
        ),
    ]);
    let set = parse_ok(&file);
    assert_eq!(set.boundaries.len(), 2);
    let first = &set.boundaries[0];
    assert_eq!(first.code.as_str(), "BU08550110");
    assert_eq!(first.name.as_deref(), Some("Binnenstad"));
    assert_eq!(first.shape[0][0].len(), 5);
    assert!(signed_area(&first.shape[0][0]) > 0.0);
    assert_eq!(bbox(&first.shape), [5.0, 52.0, 5.01, 52.01]);
    assert_eq!(set.boundaries[1].name.as_deref(), Some("Ridderkerk"));
    assert_eq!(
        messages(&set.notes),
        vec![
            "object 3 (BU08550111): geometrietype Point wordt niet ondersteund \
             (alleen Polygon en MultiPolygon); overgeslagen"
        ]
    );
}

#[test]
fn rd_new_is_converted_and_rounded() {
    // a 1 km square around Amersfoort's origin, clockwise, without crs member
    let rd = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
        "properties":{"statcode":"GM0307","statnaam":"Amersfoort"},
        "geometry":{"type":"Polygon","coordinates":[[[154500,462500],[154500,463500],
        [155500,463500],[155500,462500],[154500,462500]]]}}]}"#;
    let set = parse_ok(rd);
    let b = &set.boundaries[0];
    assert_eq!(b.name.as_deref(), Some("Amersfoort"));
    let [min_lon, min_lat, max_lon, max_lat] = bbox(&b.shape);
    let (mid_lon, mid_lat) = ((min_lon + max_lon) / 2.0, (min_lat + max_lat) / 2.0);
    assert!((mid_lon - 5.387_206).abs() < 2e-5, "{mid_lon}");
    assert!((mid_lat - 52.155_174).abs() < 2e-5, "{mid_lat}");
    // 1 km is about 0.0147 degrees of longitude and 0.009 of latitude here
    assert!((max_lon - min_lon - 0.0147).abs() < 3e-4);
    assert!((max_lat - min_lat - 0.0090).abs() < 3e-4);
    for [lon, lat] in b.shape.iter().flatten().flatten() {
        assert_eq!(*lon, (lon * 1e6).round() / 1e6);
        assert_eq!(*lat, (lat * 1e6).round() / 1e6);
    }
    assert!(
        signed_area(&b.shape[0][0]) > 0.0,
        "turned counter-clockwise"
    );

    // the same with a legacy crs member
    let named = rd.replacen(
        r#""features""#,
        r#""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features""#,
        1,
    );
    assert_eq!(parse_ok(&named).boundaries, set.boundaries);
    let unknown = rd.replacen(
        r#""features""#,
        r#""crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features""#,
        1,
    );
    assert_eq!(
        parse_err(&unknown),
        vec![
            "onbekend coördinatenstelsel \"EPSG:3857\": Wikken leest WGS84 (EPSG:4326) \
              en RD New (EPSG:28992)"
        ]
    );
}

#[test]
fn coordinates_of_no_known_system_are_refused() {
    let file = collection(&[feature(
        r#"{"statcode":"GM0307"}"#,
        r#"{"type":"Polygon","coordinates":[[[600000,7000000],[600100,7000000],[600100,7000100],[600000,7000000]]]}"#,
    )]);
    let problems = parse_err(&file);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("geen WGS84"), "{problems:?}");
}

#[test]
fn a_bow_tie_is_repaired_with_a_note() {
    let file = collection(&[feature(
        r#"{"statcode":"BU03560101"}"#,
        r#"{"type":"Polygon","coordinates":[[[5.0,52.0],[5.0,52.01],[5.01,52.0],[5.01,52.01],[5.0,52.0]]]}"#,
    )]);
    let set = parse_ok(&file);
    assert_eq!(
        messages(&set.notes),
        vec!["object 1 (BU03560101): ongeldige ring hersteld"]
    );
    let shape = &set.boundaries[0].shape;
    assert_eq!(shape.len(), 2, "two triangles");
    assert!(shape.iter().all(|p| signed_area(&p[0]) > 0.0));
}

#[test]
fn missing_invalid_and_duplicate_codes() {
    let square = format!(r#"{{"type":"Polygon","coordinates":[{SQUARE}]}}"#);
    let file = collection(&[
        feature(r#"{"statcode":"BU08550110"}"#, &square),
        feature(r#"{"statcode":"xyz"}"#, &square),
        feature(r#"{"naam":"Nergens"}"#, &square),
        feature(r#"{"statcode":"BU08550110"}"#, &square),
        feature(r#"{"statcode":"BU08550112"}"#, "null"),
    ]);
    let set = parse_ok(&file);
    assert_eq!(set.boundaries.len(), 1);
    assert_eq!(
        messages(&set.notes),
        vec![
            "object 2: geen geldige gebiedscode in statcode \"xyz\"; overgeslagen",
            "object 3: geen gebiedscode (verwacht statcode, buurtcode, wijkcode, gemeentecode, \
             code, gwb_code_10); overgeslagen",
            "object 4 (BU08550110): deze gebiedscode kwam al voor bij object 1; overgeslagen",
            "object 5 (BU08550112): geen geometrie; overgeslagen",
        ]
    );
}

#[test]
fn files_that_cannot_be_used_at_all() {
    assert_eq!(
        parse_err("{\"type\": \"FeatureCollection\",\n  \"features\": [}"),
        vec!["regel 2, kolom 16: geen geldige JSON (expected value)"]
    );
    assert_eq!(
        parse_err("{\"type\": \"Topology\", \"arcs\": ["),
        vec!["regel 1, kolom 30: het bestand houdt halverwege op (EOF while parsing a list)"]
    );
    let square = format!(r#"{{"type":"Polygon","coordinates":[{SQUARE}]}}"#);
    assert_eq!(
        parse_err(&collection(&[feature(r#"{"naam":"Tilburg"}"#, &square)])),
        vec![
            "geen eigenschap met gebiedscodes (verwacht statcode, buurtcode, wijkcode, \
             gemeentecode, code, gwb_code_10)"
        ]
    );
    assert_eq!(
        parse_err(&collection(&[feature(
            r#"{"statcode":"GM0855"}"#,
            r#"{"type":"LineString","coordinates":[[5,52],[6,53]]}"#
        )])),
        vec!["het bestand bevat geen vlakken (Polygon of MultiPolygon)",]
    );
    assert_eq!(
        parse_err(&collection(&[])).len(),
        2,
        "no polygons and no codes"
    );
    assert_eq!(
        parse_err("[1, 2]"),
        vec!["JSON zonder 'type': verwacht een GeoJSON FeatureCollection of een TopoJSON Topology"]
    );
    // every feature unusable: the notes become the problems
    let only_bad = parse_err(&collection(&[feature(r#"{"statcode":"xyz"}"#, &square)]));
    assert_eq!(only_bad.len(), 2, "{only_bad:?}");
}

/// Two unit squares side by side sharing arc 1 (the edge x = 1), quantised
/// with scale 0.01 around (5, 52), plus a MultiPolygon and a Point.
const TOPOLOGY: &str = r#"{"type":"Topology",
  "transform":{"scale":[0.01,0.01],"translate":[5,52]},
  "arcs":[
    [[100,0],[-100,0],[0,100],[100,0]],
    [[100,100],[0,-100]],
    [[100,100],[100,0],[0,-100],[-100,0]],
    [[300,0],[10,0],[0,10],[-10,0],[0,-10]]
  ],
  "objects":{"buurten":{"type":"GeometryCollection","geometries":[
    {"type":"Polygon","arcs":[[0,1]],"properties":{"statcode":"BU08550110","statnaam":"West"}},
    {"type":"Polygon","arcs":[[2,-2]],"properties":{"statcode":"BU08550111"}},
    {"type":"MultiPolygon","arcs":[[[3]],[[-1,-2]]],"properties":{"statcode":"BU08550112"}},
    {"type":"Point","coordinates":[1,2],"properties":{"statcode":"BU08550113"}},
    {"type":"Polygon","arcs":[[7]],"properties":{"statcode":"BU08550114"}}
  ]}}}"#;

#[test]
fn topojson_arcs_are_decoded_shared_and_reversed() {
    let set = parse_ok(TOPOLOGY);
    let codes: Vec<&str> = set.boundaries.iter().map(|b| b.code.as_str()).collect();
    assert_eq!(codes, ["BU08550110", "BU08550111", "BU08550112"]);
    assert_eq!(set.boundaries[0].name.as_deref(), Some("West"));
    assert_eq!(bbox(&set.boundaries[0].shape), [5.0, 52.0, 6.0, 53.0]);
    assert_eq!(bbox(&set.boundaries[1].shape), [6.0, 52.0, 7.0, 53.0]);
    assert_eq!(set.boundaries[1].shape[0][0].len(), 5);
    for b in &set.boundaries {
        for polygon in &b.shape {
            let ring = &polygon[0];
            assert_eq!(ring.first(), ring.last());
            assert!(signed_area(ring) > 0.0, "{}", b.code);
        }
    }
    // the small square of arc 3, and the first square drawn backwards
    let multi = &set.boundaries[2].shape;
    assert_eq!(multi.len(), 2);
    assert_eq!(bbox(&multi[..1].to_vec()), [8.0, 52.0, 8.1, 52.1]);
    assert_eq!(
        messages(&set.notes),
        vec![
            "object 4 (BU08550113): geometrietype Point wordt niet ondersteund \
             (alleen Polygon en MultiPolygon); overgeslagen",
            "object 5 (BU08550114): verwijst naar boog 7, die niet bestaat; overgeslagen",
        ]
    );
}

#[test]
fn topojson_without_transform_and_with_several_objects() {
    let file = r#"{"type":"Topology",
      "arcs":[[[5,52],[6,52],[6,53],[5,53],[5,52]]],
      "objects":{
        "gemeenten":{"type":"GeometryCollection","geometries":[
          {"type":"Polygon","arcs":[[0]],"properties":{"gemeentecode":"GM0855"}}]},
        "extra":{"type":"Polygon","arcs":[[-1]],"properties":{"code":"GM0855"}}
      }}"#;
    let set = parse_ok(file);
    assert_eq!(set.boundaries.len(), 1);
    assert_eq!(bbox(&set.boundaries[0].shape), [5.0, 52.0, 6.0, 53.0]);
    assert_eq!(
        messages(&set.notes),
        vec![
            "extra, object 1 (GM0855): deze gebiedscode kwam al voor bij gemeenten, object 1; \
             overgeslagen"
        ]
    );
    assert!(
        parse_err(r#"{"type":"Topology","arcs":[[[1,"a"]]],"objects":{}}"#)[0]
            .contains("boog 0: ongeldige coördinaten")
    );
}

mod fuzz {
    use proptest::prelude::*;

    use super::*;

    /// JSON-ish text: fragments of boundary files glued together at random.
    fn jsonish() -> impl Strategy<Value = String> {
        let fragments = prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"type\"",
            "\"Topology\"",
            "\"FeatureCollection\"",
            "\"Feature\"",
            "\"features\"",
            "\"geometry\"",
            "\"properties\"",
            "\"statcode\"",
            "\"BU08550110\"",
            "\"Polygon\"",
            "\"MultiPolygon\"",
            "\"coordinates\"",
            "\"arcs\"",
            "\"objects\"",
            "\"transform\"",
            "\"scale\"",
            "\"translate\"",
            "\"geometries\"",
            "\"GeometryCollection\"",
            "\"crs\"",
            "0",
            "1",
            "-1",
            "5.1",
            "52.3",
            "155000",
            "463000",
            "1e308",
            "-2",
            "null",
            "true",
            "\"\"",
        ]);
        prop::collection::vec(fragments, 0..80).prop_map(|parts| parts.concat())
    }

    /// A structurally valid file with random rings (any orientation, any
    /// self-crossing, any length) of positions from one strategy, with an
    /// optional `crs` member.
    fn random_collection(
        position: impl Strategy<Value = (f64, f64)> + Clone,
        crs: &'static str,
    ) -> impl Strategy<Value = String> {
        let ring = prop::collection::vec(position, 0..12);
        let polygon = prop::collection::vec(ring, 0..3);
        prop::collection::vec(polygon, 1..4).prop_map(move |polygons| {
            let features: Vec<String> = polygons
                .iter()
                .enumerate()
                .map(|(i, rings)| {
                    let rings: Vec<String> = rings
                        .iter()
                        .map(|r| {
                            let ps: Vec<String> =
                                r.iter().map(|(x, y)| format!("[{x},{y}]")).collect();
                            format!("[{}]", ps.join(","))
                        })
                        .collect();
                    feature(
                        &format!(r#"{{"statcode":"BU0855{i:04}"}}"#),
                        &format!(
                            r#"{{"type":"Polygon","coordinates":[{}]}}"#,
                            rings.join(",")
                        ),
                    )
                })
                .collect();
            collection(&features).replacen(r#""features""#, &format!(r#"{crs}"features""#), 1)
        })
    }

    /// Every ring closed, long enough and oriented; every feature either
    /// kept or noted.
    fn check(text: &str, features: usize) -> Result<(), TestCaseError> {
        match parse_boundaries(text.as_bytes()) {
            Ok(set) => {
                prop_assert!(set.boundaries.len() + set.notes.len() >= features);
                for b in &set.boundaries {
                    for polygon in &b.shape {
                        for (i, ring) in polygon.iter().enumerate() {
                            prop_assert!(ring.len() >= 4);
                            prop_assert_eq!(ring.first(), ring.last());
                            prop_assert_eq!(signed_area(ring) > 0.0, i == 0);
                            prop_assert!(ring.iter().flatten().all(|c| c.is_finite()));
                        }
                    }
                }
            }
            // only when no feature is left: the notes come back as problems
            Err(problems) => prop_assert!(problems.len() > features),
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let _ = parse_boundaries(&bytes);
        }

        #[test]
        fn jsonish_text_never_panics(text in jsonish()) {
            let _ = parse_boundaries(text.as_bytes());
        }

        #[test]
        fn random_rings_in_degrees(text in random_collection((4.0..7.0f64, 51.0..54.0f64), "")) {
            check(&text, text.matches("statcode").count())?;
        }

        #[test]
        fn random_rings_in_rd(text in random_collection(
            (0.0..300_000.0f64, 300_000.0..650_000.0f64), "")) {
            check(&text, text.matches("statcode").count())?;
        }

        #[test]
        fn huge_rd_coordinates_never_panic(text in random_collection(
            (-1e300..1e300f64, -1e300..1e300f64),
            r#""crs":{"type":"name","properties":{"name":"EPSG:28992"}},"#)) {
            check(&text, text.matches("statcode").count())?;
        }
    }
}
