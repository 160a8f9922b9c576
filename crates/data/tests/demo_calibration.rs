//! The demo's figures lie within the real national ranges: every buurt
//! value within the national buurt p1..p99 of its indicator (2024), every
//! gemeente value within the range of the real gemeenten. Reads the CBS
//! files in `../shared/data` (see its README) and skips, saying so, when
//! that folder is absent.

use std::collections::BTreeMap;
use std::path::PathBuf;

use wikken_data::demo::demo;
use wikken_data::{AreaLevel, Dataset, parse_kwb};

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

/// Values per indicator of one level in one year.
fn by_indicator(d: &Dataset, level: AreaLevel, year: i32) -> BTreeMap<&'static str, Vec<f64>> {
    let mut map: BTreeMap<&'static str, Vec<f64>> = BTreeMap::new();
    for o in &d.observations {
        if o.area.level() == level && o.year == year {
            map.entry(o.indicator).or_default().push(o.value);
        }
    }
    map
}

/// Linear interpolation between order statistics (as the calibration
/// script does).
fn quantile(xs: &[f64], q: f64) -> f64 {
    let mut xs = xs.to_vec();
    xs.sort_by(f64::total_cmp);
    let k = (xs.len() - 1) as f64 * q;
    let (f, c) = (k.floor() as usize, (k.ceil() as usize).min(xs.len() - 1));
    xs[f] + (xs[c] - xs[f]) * (k - f as f64)
}

#[test]
fn every_demo_buurt_lies_within_the_national_p1_p99() {
    let Some(text) = shared("cbs_kwb_2024/kwb2024_buurten.csv") else {
        return;
    };
    let national = by_indicator(
        &parse_kwb(&text, Some(2024)).unwrap(),
        AreaLevel::Buurt,
        2024,
    );
    let d = demo();
    let ours = by_indicator(&d.dataset, AreaLevel::Buurt, 2024);
    let mut checked = 0;
    for (indicator, values) in &ours {
        let Some(real) = national.get(indicator) else {
            continue;
        };
        let (p1, p99) = (quantile(real, 0.01), quantile(real, 0.99));
        for v in values {
            assert!(
                (p1..=p99).contains(v),
                "{indicator}: {v} outside p1..p99 = {p1}..{p99}"
            );
        }
        checked += 1;
    }
    // inwoners, 0-14, 65+, huishoudens, size, density, land, WOZ, koop,
    // eengezins, income, crime, health
    assert!(checked >= 13, "only {checked} indicators compared");
}

#[test]
fn the_demo_gemeente_lies_within_the_range_of_real_gemeenten() {
    let Some(kwb) = shared("cbs_kwb_2024/kwb2024_gemeenten.csv") else {
        return;
    };
    let Some(stock) =
        shared("cbs_kwb_gemeenten_2020_2025/kwb_gemeenten_woningvoorraad_2020_2025.csv")
    else {
        return;
    };
    let mut national = by_indicator(
        &parse_kwb(&kwb, Some(2024)).unwrap(),
        AreaLevel::Gemeente,
        2024,
    );
    // housing-stock figures (woningvoorraad, huur, corporatie, leegstand)
    // come from the 2020-2025 file
    for (indicator, values) in
        by_indicator(&parse_kwb(&stock, None).unwrap(), AreaLevel::Gemeente, 2024)
    {
        national.entry(indicator).or_insert(values);
    }
    let d = demo();
    let ours = by_indicator(&d.dataset, AreaLevel::Gemeente, 2024);
    let mut checked = 0;
    for (indicator, values) in &ours {
        let Some(real) = national.get(indicator) else {
            continue;
        };
        let (lo, hi) = (quantile(real, 0.0), quantile(real, 1.0));
        assert!(
            (lo..=hi).contains(&values[0]),
            "{indicator}: {} outside {lo}..{hi}",
            values[0]
        );
        checked += 1;
    }
    assert!(checked >= 17, "only {checked} indicators compared");
}
