//! Importing the Leefbaarometer (its sample in `../shared/data` when
//! present, else said and skipped; a small file always), per backend:
//! values read back, known areas keep their names, new areas and missing
//! gemeenten reported, the same file twice changes nothing, all or nothing.

use std::path::PathBuf;

use wikken_data::{AreaCode, parse_kwb, parse_leefbaarometer};
use wikken_storage::{ImportKind, Store};
use wikken_test_support::per_backend;

/// Amstelveen as CBS names it: the gemeente and one of its wijken.
const KWB: &str = "wijkcode,wijknaam,gemeentecode,gemeentenaam,inwoners\n\
    WK036201,Randwijck (CBS),GM0362,Amstelveen,4200\n";

const SMALL: &str = "wk_code,wk_naam,jaar,lbm,afw,fys,onv,soc,vrz,won\n\
    WK036201,Randwijck,2022,4.328187,0.225922,-0.00729,0.054137,-0.003791,0.189008,-0.006142\n\
    WK036205,Uilenstede - Kronenburg,2014,3.7325,-0.369765,-0.05,-0.1,-0.1,0.0,-0.119765\n";

fn sample() -> Option<Vec<u8>> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "../../../shared/data/leefbaarometer/lbm3_wijken_amstelveen_2014_2022.csv",
    ]
    .iter()
    .collect();
    let read = std::fs::read(&path);
    if read.is_err() {
        eprintln!(
            "skipped: {} is absent (no ../shared/data here)",
            path.display()
        );
    }
    read.ok()
}

async fn with_cbs_amstelveen(store: &Store, name: &str) -> wikken_storage::OrganisationId {
    let org = store.create_organisation(name).await.unwrap();
    let cbs = parse_kwb(KWB, Some(2024)).unwrap();
    store
        .import_dataset(&org, ImportKind::Kwb, "kwb.csv", KWB.as_bytes(), &cbs)
        .await
        .unwrap();
    org
}

async fn a_small_file_keeps_known_names_and_reports_what_is_new(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = with_cbs_amstelveen(&store, "Corporatie klein").await;
    let data = parse_leefbaarometer(SMALL.as_bytes()).unwrap();
    let done = store
        .import_leefbaarometer(&org, "lbm.csv", SMALL.as_bytes(), &data)
        .await
        .unwrap();
    assert!(done.summary.applied);
    assert_eq!((done.summary.areas, done.summary.observations), (2, 12));
    assert_eq!(
        done.new_areas,
        [(
            "WK036205".to_string(),
            "Uilenstede - Kronenburg".to_string()
        )]
    );
    assert!(done.missing_gemeenten.is_empty());
    let randwijck = AreaCode::parse("WK036201").unwrap();
    assert_eq!(
        store.area(&org, &randwijck).await.unwrap().unwrap().name,
        "Randwijck (CBS)",
        "a known area keeps the name CBS gave it"
    );
    let values = store.observations(&org, &randwijck).await.unwrap();
    let lbm = values.iter().find(|o| o.indicator == "lbm").unwrap();
    assert_eq!((lbm.year, lbm.value), (2022, 4.328187));
    assert_eq!(
        values.len(),
        7,
        "inwoners and the six Leefbaarometer values"
    );
    let imports = store.imports(&org).await.unwrap();
    let lbm_import = imports.iter().find(|i| i.file_name == "lbm.csv").unwrap();
    assert_eq!(lbm_import.kind, ImportKind::Leefbaarometer);
    assert_eq!(
        store
            .import(&org, &lbm_import.id)
            .await
            .unwrap()
            .unwrap()
            .kind,
        ImportKind::Leefbaarometer,
        "the kind round-trips"
    );
    store.close().await;
}
per_backend!(a_small_file_keeps_known_names_and_reports_what_is_new);

async fn the_amstelveen_sample_is_read_back(url: String) {
    let Some(bytes) = sample() else { return };
    let store = Store::connect(&url).await.unwrap();
    let org = with_cbs_amstelveen(&store, "Corporatie Amstelveen").await;
    let other = store
        .create_organisation("Corporatie elders")
        .await
        .unwrap();
    let data = parse_leefbaarometer(&bytes).unwrap();
    let before = store.counts(&org).await.unwrap();
    let done = store
        .import_leefbaarometer(&org, "lbm3.csv", &bytes, &data)
        .await
        .unwrap();
    assert!(done.summary.applied);
    assert_eq!((done.summary.areas, done.summary.observations), (14, 336));
    assert_eq!(done.new_areas.len(), 13, "Randwijck was known from CBS");
    assert!(done.missing_gemeenten.is_empty());
    let after = store.counts(&org).await.unwrap();
    assert_eq!((after.0 - before.0, after.1 - before.1), (13, 336));

    let uilenstede = AreaCode::parse("WK036205").unwrap();
    let values = store.observations(&org, &uilenstede).await.unwrap();
    assert_eq!(values.len(), 24, "six indicators in four years");
    let at = |indicator: &str, year: i32| {
        values
            .iter()
            .find(|o| o.indicator == indicator && o.year == year)
            .map(|o| o.value)
            .unwrap()
    };
    assert!(
        (at("lbm", 2014) - 3.732543).abs() < 1e-5,
        "{}",
        at("lbm", 2014)
    );
    assert!(at("lbm", 2020) > at("lbm", 2014));
    let indicators = store.indicators(&org).await.unwrap();
    let lbm = indicators.iter().find(|i| i.code == "lbm").unwrap();
    assert_eq!(
        (lbm.unit.as_str(), lbm.higher_is_better, lbm.source.as_str()),
        ("score", Some(true), "Leefbaarometer 3.0 (BZK)")
    );
    assert_eq!(
        indicators
            .iter()
            .filter(|i| i.source == "Leefbaarometer 3.0 (BZK)")
            .count(),
        6
    );

    let again = store
        .import_leefbaarometer(&org, "lbm3.csv", &bytes, &data)
        .await
        .unwrap();
    assert!(!again.summary.applied && again.new_areas.is_empty());
    assert_eq!(store.counts(&org).await.unwrap(), after);
    assert_eq!(store.counts(&other).await.unwrap(), (0, 0));

    // Without the gemeente, the import says so.
    let done = store
        .import_leefbaarometer(&other, "lbm3.csv", &bytes, &data)
        .await
        .unwrap();
    assert_eq!(done.new_areas.len(), 14);
    assert_eq!(done.missing_gemeenten, ["GM0362"]);
    store.close().await;
}
per_backend!(the_amstelveen_sample_is_read_back);

async fn a_failing_import_leaves_nothing_behind(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = store.create_organisation("Corporatie").await.unwrap();
    let mut data = parse_leefbaarometer(SMALL.as_bytes()).unwrap();
    // a value of an area the file does not define breaks a foreign key
    // after the areas were written: they must go too
    data.observations.push(wikken_data::Observation {
        area: AreaCode::parse("WK999999").unwrap(),
        indicator: "lbm",
        year: 2022,
        value: 4.0,
    });
    let result = store
        .import_leefbaarometer(&org, "bad.csv", b"bad", &data)
        .await;
    assert!(result.is_err());
    assert_eq!(store.counts(&org).await.unwrap(), (0, 0));
    assert!(store.indicators(&org).await.unwrap().is_empty());
    assert!(store.imports(&org).await.unwrap().is_empty());
    store.close().await;
}
per_backend!(a_failing_import_leaves_nothing_behind);
