//! Boundaries in storage, on SQLite and on PostgreSQL (see `common`).

use wikken_storage::Store;
use wikken_test_support::per_backend;

use std::path::PathBuf;
use std::time::Instant;

use wikken_data::geo::parse_boundaries;
use wikken_data::{AreaCode, AreaLevel};

/// A square of `size` degrees at (lon, lat) as a GeoJSON feature.
fn square(code: &str, lon: f64, lat: f64, size: f64) -> String {
    format!(
        r#"{{"type":"Feature","properties":{{"statcode":"{code}"}},"geometry":{{"type":"Polygon",
        "coordinates":[[[{lon},{lat}],[{},{lat}],[{},{}],[{lon},{}],[{lon},{lat}]]]}}}}"#,
        lon + size,
        lon + size,
        lat + size,
        lat + size
    )
}

fn file(features: &[String]) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

fn code(text: &str) -> AreaCode {
    AreaCode::parse(text).unwrap()
}

fn small() -> String {
    file(&[
        square("GM0855", 5.0, 51.5, 0.1),
        square("WK085501", 5.0, 51.5, 0.05),
        square("BU08550110", 5.0, 51.5, 0.01),
        square("BU08550111", 5.01, 51.5, 0.01),
        square("BU05970101", 4.6, 51.87, 0.01),
    ])
}

async fn import_read_and_isolate_per_organisation(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let a = store.create_organisation("Corporatie A").await.unwrap();
    let b = store.create_organisation("Corporatie B").await.unwrap();
    let text = small();
    let set = parse_boundaries(text.as_bytes()).unwrap();
    let summary = store
        .import_boundaries(&a, "grenzen.geojson", text.as_bytes(), &set)
        .await
        .unwrap();
    assert!(summary.applied);
    assert_eq!(summary.areas, 5);

    let buurt = code("BU08550110");
    let stored = store.boundary(&a, &buurt).await.unwrap().unwrap();
    assert_eq!(stored, set.boundaries[2].shape, "{:?}", store.backend());

    let tilburg = code("GM0855");
    let codes = |rows: Vec<(String, _)>| rows.into_iter().map(|(c, _)| c).collect::<Vec<_>>();
    let buurten = store
        .boundaries_in_gemeente(&a, &tilburg, AreaLevel::Buurt)
        .await
        .unwrap();
    assert_eq!(buurten[1].1, set.boundaries[3].shape);
    assert_eq!(codes(buurten), ["BU08550110", "BU08550111"]);
    // a wijk or buurt code stands for its gemeente too
    let wijken = store
        .boundaries_in_gemeente(&a, &buurt, AreaLevel::Wijk)
        .await
        .unwrap();
    assert_eq!(codes(wijken), ["WK085501"]);
    let gemeente = store
        .boundaries_in_gemeente(&a, &tilburg, AreaLevel::Gemeente)
        .await
        .unwrap();
    assert_eq!(codes(gemeente), ["GM0855"]);

    // organisation B sees none of it
    assert_eq!(store.boundary(&b, &buurt).await.unwrap(), None);
    for level in [AreaLevel::Gemeente, AreaLevel::Wijk, AreaLevel::Buurt] {
        assert!(
            store
                .boundaries_in_gemeente(&b, &tilburg, level)
                .await
                .unwrap()
                .is_empty()
        );
    }
    // and its own import of the same file is its own
    let own = store
        .import_boundaries(&b, "grenzen.geojson", text.as_bytes(), &set)
        .await
        .unwrap();
    assert!(own.applied, "idempotency is per organisation");
    store.close().await;
}
per_backend!(import_read_and_isolate_per_organisation);

async fn the_same_file_twice_changes_nothing_and_a_new_file_replaces(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = store.create_organisation("Corporatie").await.unwrap();
    let text = small();
    let set = parse_boundaries(text.as_bytes()).unwrap();
    store
        .import_boundaries(&org, "a.geojson", text.as_bytes(), &set)
        .await
        .unwrap();
    let again = store
        .import_boundaries(&org, "a.geojson", text.as_bytes(), &set)
        .await
        .unwrap();
    assert!(!again.applied);
    assert_eq!(again.areas, 5);

    // a later file moves one buurt and adds another
    let moved = file(&[
        square("BU08550110", 5.1, 51.6, 0.02),
        square("BU08550112", 5.02, 51.5, 0.01),
    ]);
    let moved_set = parse_boundaries(moved.as_bytes()).unwrap();
    store
        .import_boundaries(&org, "b.geojson", moved.as_bytes(), &moved_set)
        .await
        .unwrap();
    let buurt = store
        .boundary(&org, &code("BU08550110"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(buurt, moved_set.boundaries[0].shape);
    let buurten = store
        .boundaries_in_gemeente(&org, &code("GM0855"), AreaLevel::Buurt)
        .await
        .unwrap();
    assert_eq!(buurten.len(), 3);
    store.close().await;
}
per_backend!(the_same_file_twice_changes_nothing_and_a_new_file_replaces);

/// Reads `../shared/data/boundaries` (skipped when absent): the national
/// buurten into one store, on every backend.
async fn the_national_buurten_import(url: String) {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "../../../shared/data/boundaries/buurten_nl_2019_2020_wgs84.topojson",
    ]
    .iter()
    .collect();
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let set = parse_boundaries(&bytes).unwrap();
    let store = Store::connect(&url).await.unwrap();
    let org = store.create_organisation("Landelijk").await.unwrap();
    let started = Instant::now();
    let summary = store
        .import_boundaries(&org, "buurten.topojson", &bytes, &set)
        .await
        .unwrap();
    eprintln!(
        "{:?}: {} buurten in {:?}",
        store.backend(),
        summary.areas,
        started.elapsed()
    );
    assert_eq!(summary.areas, 13_594);
    for gemeente in ["GM0855", "GM0363", "GM0599"] {
        let gemeente = code(gemeente);
        let mut want: Vec<_> = set
            .boundaries
            .iter()
            .filter(|b| b.code.gemeente() == gemeente)
            .map(|b| (b.code.to_string(), b.shape.clone()))
            .collect();
        want.sort_by(|a, b| a.0.cmp(&b.0));
        assert!(!want.is_empty());
        let got = store
            .boundaries_in_gemeente(&org, &gemeente, AreaLevel::Buurt)
            .await
            .unwrap();
        let codes = |rows: &[(String, _)]| rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&got), codes(&want), "{gemeente}");
        assert!(got == want, "{gemeente}: shapes differ after storage");
    }
    store.close().await;
}
per_backend!(the_national_buurten_import);
