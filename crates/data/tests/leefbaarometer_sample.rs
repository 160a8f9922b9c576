//! Reads the real Leefbaarometer sample in `../shared/data/leefbaarometer`
//! (Amstelveen's 14 wijken, 2014-2022; see its README). Skipped, saying
//! so, when that folder is absent (a clone elsewhere); CI always has it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use wikken_data::leefbaarometer::REFERENCE_SCORE;
use wikken_data::{AreaLevel, LbmClass, parse_leefbaarometer};

fn sample() -> Option<Vec<u8>> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "../../../shared/data/leefbaarometer/lbm3_wijken_amstelveen_2014_2022.csv",
    ]
    .iter()
    .collect();
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
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
fn amstelveen_wijken_2014_2022() {
    let Some(bytes) = sample() else { return };
    let d = parse_leefbaarometer(&bytes).unwrap();
    assert_eq!(d.areas.len(), 14);
    assert!(
        d.areas
            .iter()
            .all(|a| a.code.level() == AreaLevel::Wijk && a.code.gemeente().as_str() == "GM0362")
    );
    assert_eq!(d.areas[0].name, "Randwijck");
    assert_eq!(d.indicators.len(), 6);
    assert_eq!(d.observations.len(), 56 * 6);
    assert_eq!(d.ignored_columns, ["bron_rij"]);
    let mut years: Vec<i32> = d.observations.iter().map(|o| o.year).collect();
    years.dedup();
    years.sort_unstable();
    years.dedup();
    assert_eq!(years, [2014, 2018, 2020, 2022]);

    // Per wijk and year: the dimensions add up to the total's deviation
    // from the reference the classes use.
    let mut rows: BTreeMap<(String, i32), BTreeMap<&str, f64>> = BTreeMap::new();
    for o in &d.observations {
        rows.entry((o.area.as_str().to_string(), o.year))
            .or_default()
            .insert(o.indicator, o.value);
    }
    assert_eq!(rows.len(), 56);
    for ((code, year), v) in &rows {
        let dims: f64 = ["lbm_fys", "lbm_onv", "lbm_soc", "lbm_vrz", "lbm_won"]
            .iter()
            .map(|k| v[k])
            .sum();
        assert!(
            (v["lbm"] - REFERENCE_SCORE - dims).abs() < 1e-5,
            "{code} {year}: {} vs {dims}",
            v["lbm"]
        );
    }
    let class =
        |code: &str, year: i32| LbmClass::of_score(rows[&(code.to_string(), year)]["lbm"]).unwrap();
    // Uilenstede - Kronenburg (the student campus) in 2014, 3.73.
    assert_eq!(class("WK036205", 2014), LbmClass::Onvoldoende);
    assert_eq!(class("WK036205", 2022), LbmClass::RuimVoldoende);
    assert_eq!(class("WK036204", 2022), LbmClass::Goed, "Stadshart");
    assert_eq!(class("WK036201", 2022), LbmClass::Uitstekend, "Randwijck");
    assert_eq!(
        class("WK036207", 2014),
        LbmClass::Uitstekend,
        "Buitengebied Noord"
    );
}
