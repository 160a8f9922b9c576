//! Reads the CBS open-data fixtures (see `fixtures/README.md`): the
//! answers for Tilburg 2024, over two pages, with the names page.

use std::collections::HashMap;
use std::path::PathBuf;

use wikken_data::cbs_odata::{keep_gemeente, name_areas, next_link, parse_region_names};
use wikken_data::indicators::by_code;
use wikken_data::{AreaCode, AreaLevel, parse_kwb, parse_odata_kwb};

fn fixture(name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/fixtures", name]
        .iter()
        .collect();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn tilburg_2024_over_two_pages() {
    let page1 = fixture("cbs-85984NED-GM0855-typeddataset-1.json");
    let page2 = fixture("cbs-85984NED-GM0855-typeddataset-2.json");
    assert!(next_link(&page1).unwrap().contains("$skip=5"));
    assert_eq!(next_link(&page2), None);

    let mut data = parse_odata_kwb(&[&page1, &page2], 2024).unwrap();
    let names =
        parse_region_names(&[&fixture("cbs-85984NED-GM0855-wijkenenbuurten.json")]).unwrap();
    name_areas(&mut data, &names);
    assert_eq!(
        keep_gemeente(&mut data, &AreaCode::parse("GM0855").unwrap()),
        0
    );

    let levels: Vec<AreaLevel> = data.areas.iter().map(|a| a.code.level()).collect();
    assert_eq!(levels.iter().filter(|l| **l == AreaLevel::Buurt).count(), 6);
    assert_eq!(levels.iter().filter(|l| **l == AreaLevel::Wijk).count(), 2);
    assert_eq!(data.areas[0].name, "Tilburg");
    let armhoef = data.areas.iter().find(|a| a.code.as_str() == "WK085512");
    assert_eq!(armhoef.unwrap().name, "Armhoef");

    let value = |area: &str, indicator: &str| {
        data.observations
            .iter()
            .find(|o| o.area.as_str() == area && o.indicator == indicator)
            .map(|o| o.value)
    };
    assert_eq!(value("GM0855", "inwoners"), Some(229836.0));
    assert_eq!(value("GM0855", "gem_woz_waarde"), Some(326.0));
    assert_eq!(value("GM0855", "pct_corporatiebezit"), Some(32.0));
    assert_eq!(value("GM0855", "pct_leegstand"), Some(3.0));
    assert_eq!(value("BU08551201", "gem_huishoudensgrootte"), Some(2.1));
    // Buitengebied B-E Zuid: secret WOZ (null), published distances.
    assert_eq!(value("BU08556620", "gem_woz_waarde"), None);
    assert_eq!(value("BU08556620", "afstand_huisarts"), Some(2.7));
    // every catalogue field is read; the others are listed, not guessed at
    assert_eq!(data.indicators.len(), 22);
    assert!(data.ignored_columns.contains(&"Mannen_6".to_string()));
    assert!(
        data.ignored_columns
            .iter()
            .all(|c| !c.starts_with("AantalInwoners"))
    );
}

/// The same areas from the flattened CSVs of `../shared/data` give the same
/// values for every indicator both have. Skips (and says so) when that
/// folder is absent.
#[test]
fn agrees_with_the_shared_csvs() {
    let dir: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "../../../shared/data/cbs_kwb_2024",
    ]
    .iter()
    .collect();
    let mut csv = HashMap::new();
    for file in [
        "kwb2024_gemeenten.csv",
        "kwb2024_wijken.csv",
        "kwb2024_buurten.csv",
    ] {
        let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
            eprintln!("skipped: {} is absent", dir.join(file).display());
            return;
        };
        for o in parse_kwb(&text, Some(2024)).unwrap().observations {
            csv.insert((o.area.to_string(), o.indicator), o.value);
        }
    }
    let page1 = fixture("cbs-85984NED-GM0855-typeddataset-1.json");
    let page2 = fixture("cbs-85984NED-GM0855-typeddataset-2.json");
    let data = parse_odata_kwb(&[&page1, &page2], 2024).unwrap();
    let mut compared = 0;
    for o in &data.observations {
        if let Some(v) = csv.get(&(o.area.to_string(), o.indicator)) {
            assert_eq!(*v, o.value, "{} {}", o.area, o.indicator);
            compared += 1;
        }
    }
    let fixture_areas: Vec<String> = data.areas.iter().map(|a| a.code.to_string()).collect();
    let in_csv = csv
        .keys()
        .filter(|(area, indicator)| {
            // crime and health figures come from other CBS tables, not the KWB
            let kwb = by_code(indicator).unwrap().source == "CBS Kerncijfers wijken en buurten";
            kwb && fixture_areas.contains(area)
        })
        .count();
    assert!(compared > 100, "{compared}");
    assert_eq!(
        compared, in_csv,
        "every KWB value of these areas is in the fixture"
    );
}
