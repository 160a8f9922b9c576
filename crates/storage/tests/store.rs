//! The monitor's import and reads, run on SQLite (a real file) and on
//! PostgreSQL (see `common`).

use wikken_storage::Store;
use wikken_test_support::per_backend;

use std::path::PathBuf;

use wikken_data::{AreaCode, AreaLevel, parse_kwb};
use wikken_storage::{Backend, ImportKind};

const SMALL: &str = "buurtcode,buurtnaam,wijkcode,gemeentecode,gemeentenaam,inwoners,pct_koopwoningen\n\
    BU08550110,Binnenstad,WK085501,GM0855,Tilburg,3000,20\n\
    BU08550111,Hasselt,WK085501,GM0855,Tilburg,2500,\n\
    BU05970101,Centrum,WK059701,GM0597,Ridderkerk,1800,55\n";

async fn import_read_and_isolate_per_organisation(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let a = store.create_organisation("Corporatie A").await.unwrap();
    let b = store.create_organisation("Corporatie B").await.unwrap();
    let data = parse_kwb(SMALL, Some(2024)).unwrap();
    let first = store
        .import_dataset(&a, ImportKind::Kwb, "small.csv", SMALL.as_bytes(), &data)
        .await
        .unwrap();
    assert!(first.applied);
    assert_eq!((first.areas, first.observations), (5, 5));

    let buurt = AreaCode::parse("BU08550110").unwrap();
    let row = store.area(&a, &buurt).await.unwrap().unwrap();
    assert_eq!(
        (row.name.as_str(), row.level.as_str()),
        ("Binnenstad", "buurt")
    );
    assert_eq!(row.parent_code.as_deref(), Some("WK085501"));
    let values = store.observations(&a, &buurt).await.unwrap();
    assert_eq!(values.len(), 2);
    assert_eq!(values[0].indicator, "inwoners");
    assert_eq!((values[0].year, values[0].value), (2024, 3000.0));

    let tilburg = AreaCode::parse("GM0855").unwrap();
    let buurten = store
        .areas_in_gemeente(&a, &tilburg, AreaLevel::Buurt)
        .await
        .unwrap();
    assert_eq!(buurten.len(), 2);
    let gemeente = store.area(&a, &tilburg).await.unwrap().unwrap();
    assert_eq!(gemeente.name, "Tilburg");
    let indicators = store.indicators(&a).await.unwrap();
    assert_eq!(indicators.len(), 2);

    // organisation B sees none of it
    assert_eq!(store.area(&b, &buurt).await.unwrap(), None);
    assert!(store.observations(&b, &buurt).await.unwrap().is_empty());
    assert!(
        store
            .areas_in_gemeente(&b, &tilburg, AreaLevel::Buurt)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.indicators(&b).await.unwrap().is_empty());
    assert_eq!(store.counts(&b).await.unwrap(), (0, 0));
    store.close().await;
}
per_backend!(import_read_and_isolate_per_organisation);

async fn the_same_file_twice_changes_nothing_and_a_new_year_adds(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = store.create_organisation("Corporatie").await.unwrap();
    let data = parse_kwb(SMALL, Some(2024)).unwrap();
    store
        .import_dataset(&org, ImportKind::Kwb, "a.csv", SMALL.as_bytes(), &data)
        .await
        .unwrap();
    let before = store.counts(&org).await.unwrap();
    let again = store
        .import_dataset(&org, ImportKind::Kwb, "a.csv", SMALL.as_bytes(), &data)
        .await
        .unwrap();
    assert!(!again.applied);
    assert_eq!(store.counts(&org).await.unwrap(), before);

    let next_year = SMALL.replace("3000", "3100");
    let data_2025 = parse_kwb(&next_year, Some(2025)).unwrap();
    store
        .import_dataset(
            &org,
            ImportKind::Kwb,
            "b.csv",
            next_year.as_bytes(),
            &data_2025,
        )
        .await
        .unwrap();
    let buurt = AreaCode::parse("BU08550110").unwrap();
    let series: Vec<(i32, f64)> = store
        .observations(&org, &buurt)
        .await
        .unwrap()
        .into_iter()
        .filter(|o| o.indicator == "inwoners")
        .map(|o| (o.year, o.value))
        .collect();
    assert_eq!(series, vec![(2024, 3000.0), (2025, 3100.0)]);
    store.close().await;
}
per_backend!(the_same_file_twice_changes_nothing_and_a_new_year_adds);

async fn a_failing_import_leaves_nothing_behind(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = store.create_organisation("Corporatie").await.unwrap();
    let mut data = parse_kwb(SMALL, Some(2024)).unwrap();
    // an observation of an area the file does not define breaks a
    // foreign key half-way: the areas written before must go too
    data.observations.push(wikken_data::Observation {
        area: AreaCode::parse("BU99999999").unwrap(),
        indicator: "inwoners",
        year: 2024,
        value: 1.0,
    });
    let result = store
        .import_dataset(&org, ImportKind::Kwb, "bad.csv", b"bad", &data)
        .await;
    assert!(result.is_err());
    assert_eq!(
        store.counts(&org).await.unwrap(),
        (0, 0),
        "{:?}",
        store.backend()
    );
    store.close().await;
}
per_backend!(a_failing_import_leaves_nothing_behind);

/// Reads `../shared/data` (skipped when absent): all of the 2024 KWB into
/// one store, on every backend.
async fn the_national_kwb_2024_imports(url: String) {
    let dir: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "../../../shared/data/cbs_kwb_2024",
    ]
    .iter()
    .collect();
    if !dir.exists() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let store = Store::connect(&url).await.unwrap();
    let org = store.create_organisation("Landelijk").await.unwrap();
    let mut observations = 0;
    for level in ["gemeenten", "wijken", "buurten"] {
        let bytes = std::fs::read(dir.join(format!("kwb2024_{level}.csv"))).unwrap();
        let data = parse_kwb(std::str::from_utf8(&bytes).unwrap(), Some(2024)).unwrap();
        observations += data.observations.len();
        store
            .import_dataset(&org, ImportKind::Kwb, level, &bytes, &data)
            .await
            .unwrap();
    }
    let (areas, values) = store.counts(&org).await.unwrap();
    assert_eq!(areas, 342 + 3393 + 14574);
    assert_eq!(values as usize, observations);
    if store.backend() == Backend::Postgres {
        eprintln!("PostgreSQL: {areas} areas, {values} values");
    }
    store.close().await;
}
per_backend!(the_national_kwb_2024_imports);
