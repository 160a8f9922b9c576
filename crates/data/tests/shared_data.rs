//! Reads the real CBS files in `../shared/data` (see its README). These
//! tests say so and skip when that folder is absent (a clone elsewhere);
//! CI always has it.

use std::path::PathBuf;

use wikken_data::{AreaLevel, parse_kwb};

fn shared(file: &str) -> Option<String> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "../../../shared/data", file]
        .iter()
        .collect();
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!(
                "skipped: {} is absent (no ../shared/data here)",
                path.display()
            );
            None
        }
    }
}

#[test]
fn kwb_2024_all_three_levels() {
    let Some(gemeenten) = shared("cbs_kwb_2024/kwb2024_gemeenten.csv") else {
        return;
    };
    let Some(wijken) = shared("cbs_kwb_2024/kwb2024_wijken.csv") else {
        return;
    };
    let Some(buurten) = shared("cbs_kwb_2024/kwb2024_buurten.csv") else {
        return;
    };
    let gm = parse_kwb(&gemeenten, Some(2024)).unwrap();
    let wk = parse_kwb(&wijken, Some(2024)).unwrap();
    let bu = parse_kwb(&buurten, Some(2024)).unwrap();
    let count = |d: &wikken_data::Dataset, level| {
        d.areas.iter().filter(|a| a.code.level() == level).count()
    };
    assert_eq!(count(&gm, AreaLevel::Gemeente), 342);
    assert_eq!(count(&wk, AreaLevel::Wijk), 3393);
    assert_eq!(count(&bu, AreaLevel::Buurt), 14574);
    assert!(bu.ignored_columns.is_empty(), "{:?}", bu.ignored_columns);
    let groningen = gm
        .observations
        .iter()
        .find(|o| o.area.as_str() == "GM0014" && o.indicator == "inwoners")
        .unwrap();
    assert_eq!((groningen.value, groningen.year), (243768.0, 2024));
    // every buurt's wijk is a wijk of the wijken file
    let wijk_codes: std::collections::HashSet<_> =
        wk.areas.iter().map(|a| a.code.clone()).collect();
    let orphans = bu
        .areas
        .iter()
        .filter(|a| a.code.level() == AreaLevel::Buurt)
        .filter(|a| !wijk_codes.contains(&a.code.parent().unwrap()))
        .count();
    assert_eq!(orphans, 0);
}

#[test]
fn woningvoorraad_2020_2025_has_six_years() {
    let Some(text) =
        shared("cbs_kwb_gemeenten_2020_2025/kwb_gemeenten_woningvoorraad_2020_2025.csv")
    else {
        return;
    };
    let d = parse_kwb(&text, None).unwrap();
    let mut years: Vec<i32> = d.observations.iter().map(|o| o.year).collect();
    years.sort();
    years.dedup();
    assert_eq!(years, vec![2020, 2021, 2022, 2023, 2024, 2025]);
    let corp = d
        .observations
        .iter()
        .find(|o| {
            o.area.as_str() == "GM0003" && o.year == 2020 && o.indicator == "pct_corporatiebezit"
        })
        .unwrap();
    assert_eq!(corp.value, 43.0);
    // WOZ in euros becomes × € 1.000, like the 2024 file
    let woz = d
        .observations
        .iter()
        .find(|o| o.area.as_str() == "GM0003" && o.year == 2020 && o.indicator == "gem_woz_waarde")
        .unwrap();
    assert_eq!(woz.value, 155.0);
}
