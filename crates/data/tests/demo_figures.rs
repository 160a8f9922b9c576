//! The demo's CBS-style figures: codes, completeness, determinism, and
//! wijk and gemeente figures that add up from their buurten.

use std::collections::BTreeMap;
use std::time::Instant;

use wikken_data::demo::{Demo, demo};
use wikken_data::indicators::by_code;
use wikken_data::{AreaCode, AreaLevel};

type Values = BTreeMap<(String, &'static str, i32), f64>;

fn values(d: &Demo) -> Values {
    let mut map = Values::new();
    for o in &d.dataset.observations {
        let old = map.insert((o.area.to_string(), o.indicator, o.year), o.value);
        assert!(old.is_none(), "{} {} {} twice", o.area, o.indicator, o.year);
    }
    map
}

fn children<'a>(d: &'a Demo, parent: &AreaCode) -> Vec<&'a AreaCode> {
    d.dataset
        .areas
        .iter()
        .map(|a| &a.code)
        .filter(|c| c.parent().as_ref() == Some(parent))
        .collect()
}

#[test]
fn same_demo_every_time_with_pinned_figures() {
    let started = Instant::now();
    let d = demo();
    let took = started.elapsed();
    assert_eq!(d, demo());
    // generous: the demo takes a few ms (release) to a few tens (debug)
    assert!(took.as_millis() < 1000, "demo() took {took:?}");
    let v = values(&d);
    let at = |area: &str, ind: &'static str| v[&(area.to_string(), ind, 2024)];
    // Pins: any change to the demo shows up here (update them deliberately).
    assert_eq!(d.dataset.areas.len(), 1 + 7 + 42);
    assert_eq!(at("GM9999", "inwoners"), 83_371.0);
    assert_eq!(at("GM9999", "woningvoorraad"), 39_728.0);
    assert_eq!(at("GM9999", "gem_woz_waarde"), 394.0);
    assert_eq!(at("BU99990501", "misdrijven_per_1000"), 171.8);
    assert_eq!(d.own.complexes.len(), 54);
    let dwellings: u32 = d.own.complexes.iter().map(|c| c.dwellings).sum();
    assert_eq!(dwellings, 7_985);
    let coordinates: f64 = d
        .boundaries
        .boundaries
        .iter()
        .flat_map(|b| b.shape.iter().flatten().flatten())
        .map(|p| p[0] + p[1])
        .sum();
    assert_eq!(format!("{coordinates:.6}"), "133337.399045");
}

#[test]
fn codes_names_and_indicators() {
    let d = demo();
    assert_eq!(d.gemeente_name, "Lindeveen");
    assert!(d.corporation_name.contains("fictief"));
    let level = |l| {
        d.dataset
            .areas
            .iter()
            .filter(|a| a.code.level() == l)
            .count()
    };
    assert_eq!(level(AreaLevel::Gemeente), 1);
    assert!((6..=8).contains(&level(AreaLevel::Wijk)));
    assert!((35..=45).contains(&level(AreaLevel::Buurt)));
    let mut names = Vec::new();
    for a in &d.dataset.areas {
        assert_eq!(a.code.gemeente().as_str(), "GM9999");
        assert_eq!(AreaCode::parse(a.code.as_str()).as_ref(), Some(&a.code));
        if let Some(parent) = a.code.parent() {
            assert!(
                d.dataset.areas.iter().any(|p| p.code == parent),
                "{}",
                a.code
            );
        }
        names.push((a.code.level(), a.name.clone()));
    }
    let n = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), n, "names are unique per level");
    // every indicator is the catalogue's, and every area has all of them
    // in every year, except health for the smallest buurten (as RIVM)
    assert!(d.dataset.indicators.len() >= 14);
    let v = values(&d);
    let mut missing = 0;
    for def in &d.dataset.indicators {
        assert_eq!(by_code(def.code), Some(*def));
        for a in &d.dataset.areas {
            for year in 2019..=2024 {
                let key = |ind| (a.code.to_string(), ind, year);
                match v.get(&key(def.code)) {
                    Some(x) => {
                        assert!(x.is_finite() && *x >= 0.0, "{} {} {year}", a.code, def.code)
                    }
                    None => {
                        assert_eq!(def.code, "pct_goed_ervaren_gezondheid", "{} {year}", a.code);
                        assert!(v[&key("inwoners")] < 100.0, "{} {year}", a.code);
                        missing += 1;
                    }
                }
            }
        }
    }
    assert_eq!(
        v.len() + missing,
        d.dataset.areas.len() * d.dataset.indicators.len() * 6
    );
    assert!(missing <= 12, "{missing} values missing");
    for needed in [
        "inwoners",
        "huishoudens",
        "woningvoorraad",
        "gem_woz_waarde",
        "pct_koopwoningen",
        "pct_huurwoningen",
        "pct_corporatiebezit",
        "pct_leegstand",
        "misdrijven_per_1000",
        "pct_goed_ervaren_gezondheid",
        "gem_inkomen_per_inwoner",
        "bevolkingsdichtheid",
        "inwoners_65plus",
        "inwoners_0_14",
    ] {
        assert!(
            d.dataset.indicators.iter().any(|i| i.code == needed),
            "{needed}"
        );
    }
}

#[test]
fn buurt_figures_are_coherent() {
    let d = demo();
    let v = values(&d);
    for a in d
        .dataset
        .areas
        .iter()
        .filter(|a| a.code.level() == AreaLevel::Buurt)
    {
        for year in 2019..=2024 {
            let x = |ind| v[&(a.code.to_string(), ind, year)];
            let ctx = format!("{} {year}", a.code);
            assert_eq!(
                x("pct_koopwoningen") + x("pct_huurwoningen"),
                100.0,
                "{ctx}"
            );
            assert_eq!(
                x("pct_corporatiebezit") + x("pct_overige_verhuur"),
                x("pct_huurwoningen"),
                "{ctx}"
            );
            assert!(
                x("inwoners_0_14") + x("inwoners_65plus") <= x("inwoners"),
                "{ctx}"
            );
            assert!(x("huishoudens") <= x("inwoners"), "{ctx}");
            let ratio = x("woningvoorraad") / x("huishoudens");
            assert!((0.9..=1.15).contains(&ratio), "{ctx}: {ratio}");
            for pct in [
                "pct_leegstand",
                "pct_goed_ervaren_gezondheid",
                "pct_eengezinswoningen",
            ] {
                let key = (a.code.to_string(), pct, year);
                assert!(
                    v.get(&key).is_none_or(|x| (0.0..=100.0).contains(x)),
                    "{ctx} {pct}"
                );
            }
        }
    }
}

#[test]
fn wijken_and_gemeente_add_up() {
    let d = demo();
    let v = values(&d);
    let parents = d
        .dataset
        .areas
        .iter()
        .filter(|a| a.code.level() != AreaLevel::Buurt);
    for parent in parents {
        let kids = children(&d, &parent.code);
        assert!(!kids.is_empty(), "{} has no parts", parent.code);
        for year in 2019..=2024 {
            let at = |area: &AreaCode, ind| v[&(area.to_string(), ind, year)];
            let ctx = format!("{} {year}", parent.code);
            let sum = |ind| kids.iter().map(|k| at(k, ind)).sum::<f64>();
            for count in [
                "inwoners",
                "inwoners_0_14",
                "inwoners_65plus",
                "huishoudens",
                "woningvoorraad",
            ] {
                assert_eq!(at(&parent.code, count), sum(count), "{ctx} {count}");
            }
            let area = sum("oppervlakte_land");
            assert!((at(&parent.code, "oppervlakte_land") - area).abs() <= kids.len() as f64 * 0.5);
            // over the parts that have a value
            let weighted = |ind, weight| {
                let known: Vec<&&AreaCode> = kids
                    .iter()
                    .filter(|k| v.contains_key(&(k.to_string(), ind, year)))
                    .collect();
                let total: f64 = known.iter().map(|k| at(k, weight)).sum();
                known
                    .iter()
                    .map(|k| at(k, ind) * at(k, weight))
                    .sum::<f64>()
                    / total
            };
            for (ind, weight, half_unit) in [
                ("gem_woz_waarde", "woningvoorraad", 0.5),
                ("pct_koopwoningen", "woningvoorraad", 0.5),
                ("pct_huurwoningen", "woningvoorraad", 0.5),
                ("pct_corporatiebezit", "woningvoorraad", 0.5),
                ("pct_overige_verhuur", "woningvoorraad", 0.5),
                ("pct_leegstand", "woningvoorraad", 0.5),
                ("pct_eengezinswoningen", "woningvoorraad", 0.5),
                ("gem_inkomen_per_inwoner", "inwoners", 0.05),
                ("misdrijven_per_1000", "inwoners", 0.05),
                ("pct_goed_ervaren_gezondheid", "inwoners", 0.05),
            ] {
                let expected = weighted(ind, weight);
                let got = at(&parent.code, ind);
                assert!(
                    (got - expected).abs() <= half_unit + 1e-9,
                    "{ctx} {ind}: {got} vs {expected}"
                );
            }
            let size = at(&parent.code, "inwoners") / at(&parent.code, "huishoudens");
            assert!((at(&parent.code, "gem_huishoudensgrootte") - size).abs() <= 0.05 + 1e-9);
            // density from the rounded land area: within its rounding
            let land = at(&parent.code, "oppervlakte_land");
            let density = at(&parent.code, "inwoners") / (land / 100.0);
            let got = at(&parent.code, "bevolkingsdichtheid");
            let slack = 0.5 / land + 0.001;
            assert!(
                (got / density - 1.0).abs() <= slack,
                "{ctx}: {got} vs {density}"
            );
        }
    }
}
