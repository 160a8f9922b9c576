//! The narrow reads of the monitor pages (which indicators and years a
//! level has, one indicator in one year, each indicator in its latest year)
//! and the data version caches check; on SQLite and PostgreSQL.

use wikken_storage::Store;
use wikken_test_support::per_backend;

use wikken_data::{AreaCode, AreaLevel, parse_kwb};
use wikken_storage::ImportKind;

const Y2024: &str = "buurtcode,buurtnaam,wijkcode,gemeentecode,gemeentenaam,inwoners,pct_koopwoningen\n\
    BU08550110,Binnenstad,WK085501,GM0855,Tilburg,3000,20\n\
    BU08550111,Hasselt,WK085501,GM0855,Tilburg,2500,\n\
    BU05970101,Centrum,WK059701,GM0597,Ridderkerk,1800,55\n";

const Y2025: &str = "buurtcode,buurtnaam,wijkcode,gemeentecode,gemeentenaam,inwoners\n\
    BU08550110,Binnenstad,WK085501,GM0855,Tilburg,3100\n\
    BU08550111,Hasselt,WK085501,GM0855,Tilburg,2400\n\
    BU05970101,Centrum,WK059701,GM0597,Ridderkerk,1900\n";

fn triples(values: &[wikken_storage::AreaValue]) -> Vec<(&str, &str, i32, f64)> {
    values
        .iter()
        .map(|v| (v.area.as_str(), v.indicator.as_str(), v.year, v.value))
        .collect()
}

async fn narrow_level_reads_and_the_data_version(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = store.create_organisation("Corporatie").await.unwrap();
    let other = store.create_organisation("Andere").await.unwrap();
    assert_eq!(store.data_version(&org).await.unwrap(), 0);
    for (name, text, year) in [("a.csv", Y2024, 2024), ("b.csv", Y2025, 2025)] {
        let data = parse_kwb(text, Some(year)).unwrap();
        store
            .import_dataset(&org, ImportKind::Kwb, name, text.as_bytes(), &data)
            .await
            .unwrap();
    }
    assert_eq!(store.data_version(&org).await.unwrap(), 2);
    let again = parse_kwb(Y2025, Some(2025)).unwrap();
    store
        .import_dataset(&org, ImportKind::Kwb, "b.csv", Y2025.as_bytes(), &again)
        .await
        .unwrap();
    assert_eq!(
        store.data_version(&org).await.unwrap(),
        2,
        "nothing changed"
    );
    assert_eq!(store.data_version(&other).await.unwrap(), 0);

    let tilburg = AreaCode::parse("GM0855").unwrap();
    let years = store
        .level_indicator_years(&org, &tilburg, AreaLevel::Buurt)
        .await
        .unwrap();
    let expected = [
        ("inwoners", 2024),
        ("inwoners", 2025),
        ("pct_koopwoningen", 2024),
    ];
    let years: Vec<(&str, i32)> = years.iter().map(|(c, y)| (c.as_str(), *y)).collect();
    assert_eq!(years, expected);

    let in_2025 = store
        .level_values_in_year(&org, &tilburg, AreaLevel::Buurt, "inwoners", 2025)
        .await
        .unwrap();
    assert_eq!(
        triples(&in_2025),
        [
            ("BU08550110", "inwoners", 2025, 3100.0),
            ("BU08550111", "inwoners", 2025, 2400.0)
        ]
    );

    // Each indicator in its own latest year; Ridderkerk's buurt is not Tilburg's.
    let latest = store
        .latest_level_values(
            &org,
            &tilburg,
            AreaLevel::Buurt,
            &["inwoners", "pct_koopwoningen"],
        )
        .await
        .unwrap();
    assert_eq!(
        triples(&latest),
        [
            ("BU08550110", "inwoners", 2025, 3100.0),
            ("BU08550110", "pct_koopwoningen", 2024, 20.0),
            ("BU08550111", "inwoners", 2025, 2400.0)
        ]
    );
    let only = store
        .latest_level_values(&org, &tilburg, AreaLevel::Buurt, &["pct_koopwoningen"])
        .await
        .unwrap();
    assert_eq!(
        triples(&only),
        [("BU08550110", "pct_koopwoningen", 2024, 20.0)]
    );
    assert!(
        store
            .latest_level_values(&org, &tilburg, AreaLevel::Buurt, &[])
            .await
            .unwrap()
            .is_empty()
    );
    let wijken = store
        .latest_level_values(&org, &tilburg, AreaLevel::Wijk, &["inwoners"])
        .await
        .unwrap();
    assert!(wijken.is_empty(), "no wijk figures in these files");

    // The other organisation sees none of it.
    assert!(
        store
            .level_indicator_years(&other, &tilburg, AreaLevel::Buurt)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .latest_level_values(&other, &tilburg, AreaLevel::Buurt, &["inwoners"])
            .await
            .unwrap()
            .is_empty()
    );
    store.close().await;
}
per_backend!(narrow_level_reads_and_the_data_version);
