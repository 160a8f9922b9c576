//! What a strateeg should see in the demo: a few post-war corporation
//! buurten under pressure and getting worse, a well-off centre, a growing
//! new-build area; and the corporation's own data agreeing with the CBS
//! picture.

use std::collections::BTreeMap;

use wikken_data::demo::{Demo, demo};
use wikken_data::own::{OWN_CATALOGUE, Subject};
use wikken_data::{AreaCode, AreaLevel};

/// (area or complex, indicator, year) → value, CBS and own figures alike.
fn values(d: &Demo) -> BTreeMap<(String, String, i32), f64> {
    let cbs = d.dataset.observations.iter().map(|o| {
        (
            (o.area.to_string(), o.indicator.to_string(), o.year),
            o.value,
        )
    });
    let own = d.own.values.iter().map(|v| {
        let subject = match &v.subject {
            Subject::Area(a) => a.to_string(),
            Subject::Complex(c) => format!("complex {c}"),
        };
        ((subject, v.indicator.clone(), v.year), v.value)
    });
    cbs.chain(own).collect()
}

fn buurten(d: &Demo) -> Vec<&AreaCode> {
    d.dataset
        .areas
        .iter()
        .map(|a| &a.code)
        .filter(|c| c.level() == AreaLevel::Buurt)
        .collect()
}

/// The "onder druk" score of wikken-core's signal: per indicator the
/// z-score over the subjects that have it (population sd), turned so that
/// positive is worse, averaged over the indicators a subject has.
fn pressure(rows: &[Vec<Option<f64>>], worse_when_high: &[bool]) -> Vec<f64> {
    let stats: Vec<(f64, f64)> = (0..worse_when_high.len())
        .map(|i| {
            let xs: Vec<f64> = rows.iter().filter_map(|r| r[i]).collect();
            let mean = xs.iter().sum::<f64>() / xs.len() as f64;
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
            (mean, var.sqrt())
        })
        .collect();
    rows.iter()
        .map(|r| {
            let parts: Vec<f64> = (0..stats.len())
                .filter_map(|i| {
                    let z = (r[i]? - stats[i].0) / stats[i].1;
                    Some(if worse_when_high[i] { z } else { -z })
                })
                .collect();
            parts.iter().sum::<f64>() / parts.len() as f64
        })
        .collect()
}

const SIGNAL: [(&str, bool); 8] = [
    ("misdrijven_per_1000", true),
    ("pct_goed_ervaren_gezondheid", false),
    ("gem_inkomen_per_inwoner", false),
    ("pct_leegstand", true),
    ("overlastmeldingen", true),
    ("mutatiegraad", true),
    ("huurachterstand", true),
    ("bewonersoordeel", false),
];

fn scores(d: &Demo, year: i32) -> Vec<(String, f64)> {
    let v = values(d);
    let codes = buurten(d);
    let rows: Vec<Vec<Option<f64>>> = codes
        .iter()
        .map(|c| {
            SIGNAL
                .iter()
                .map(|(ind, _)| v.get(&(c.to_string(), ind.to_string(), year)).copied())
                .collect()
        })
        .collect();
    let worse: Vec<bool> = SIGNAL.iter().map(|s| s.1).collect();
    codes
        .iter()
        .map(|c| c.to_string())
        .zip(pressure(&rows, &worse))
        .collect()
}

#[test]
fn a_few_post_war_corporation_buurten_are_under_growing_pressure() {
    let d = demo();
    let v = values(&d);
    let at = |area: &str, ind: &str, year| v[&(area.to_string(), ind.to_string(), year)];
    let now = scores(&d, 2024);
    let before: BTreeMap<String, f64> = scores(&d, 2021).into_iter().collect();
    let strong: Vec<&(String, f64)> = now.iter().filter(|(_, s)| *s >= 1.0).collect();
    assert!(
        (3..=5).contains(&strong.len()),
        "sterk onder druk: {strong:?} of {now:?}"
    );
    let wijk = &strong[0].0[..8];
    for (code, score) in &strong {
        assert_eq!(&code[..8], wijk, "{code} lies elsewhere");
        assert!(at(code, "pct_corporatiebezit", 2024) >= 60.0, "{code}");
        assert!(at(code, "gem_woz_waarde", 2024) < 0.7 * at("GM9999", "gem_woz_waarde", 2024));
        assert!(
            at(code, "mutatiegraad", 2024) > at(code, "mutatiegraad", 2021),
            "{code}"
        );
        assert!(
            at(code, "misdrijven_per_1000", 2024) > at(code, "misdrijven_per_1000", 2019),
            "{code}"
        );
        assert!(
            *score > before[code] + 0.1,
            "{code}: {} → {score}",
            before[code]
        );
    }
    // the rest of the gemeente is mostly calm
    let calm = now.iter().filter(|(_, s)| *s < 0.5).count();
    assert!(calm * 10 >= now.len() * 7, "{calm} of {}", now.len());
}

#[test]
fn a_well_off_centre_and_a_growing_new_build_area() {
    let d = demo();
    let v = values(&d);
    let at = |area: &str, ind: &str, year| v[&(area.to_string(), ind.to_string(), year)];
    let gm = |ind| at("GM9999", ind, 2024);
    let wijken: Vec<&AreaCode> = d
        .dataset
        .areas
        .iter()
        .map(|a| &a.code)
        .filter(|c| c.level() == AreaLevel::Wijk)
        .collect();
    // the centre (first wijk): dense, valuable, small households, well-off
    let centre = wijken[0].as_str();
    assert_eq!(d.dataset.areas[1].name, "Oude Kern");
    assert!(at(centre, "gem_woz_waarde", 2024) > 1.2 * gm("gem_woz_waarde"));
    assert!(at(centre, "gem_inkomen_per_inwoner", 2024) > 1.1 * gm("gem_inkomen_per_inwoner"));
    assert!(at(centre, "bevolkingsdichtheid", 2024) > 2.0 * gm("bevolkingsdichtheid"));
    assert!(at(centre, "gem_huishoudensgrootte", 2024) < gm("gem_huishoudensgrootte"));
    // the new-build wijk: most owners and children, growing fastest
    let by = |ind: &str| {
        *wijken
            .iter()
            .max_by(|a, b| at(a.as_str(), ind, 2024).total_cmp(&at(b.as_str(), ind, 2024)))
            .unwrap()
    };
    let young = |w: &str| at(w, "inwoners_0_14", 2024) / at(w, "inwoners", 2024);
    let new = by("pct_koopwoningen");
    assert!(
        wijken
            .iter()
            .all(|w| young(w.as_str()) <= young(new.as_str()))
    );
    let growth = |a: &str| at(a, "inwoners", 2024) / at(a, "inwoners", 2019);
    assert!(
        wijken
            .iter()
            .all(|w| growth(w.as_str()) <= growth(new.as_str()))
    );
    let building = buurten(&d)
        .into_iter()
        .filter(|b| b.parent().as_ref() == Some(new) && growth(b.as_str()) > 3.0)
        .count();
    assert_eq!(building, 1, "one buurt is still being built");
    // the gemeente grows like an urban gemeente (0.3-1.3 % a year)
    let yearly = (growth("GM9999").powf(0.2) - 1.0) * 100.0;
    assert!((0.3..=2.0).contains(&yearly), "{yearly}");
    assert!(gm("gem_woz_waarde") > 1.3 * at("GM9999", "gem_woz_waarde", 2019));
}

#[test]
fn complexes_are_plausible_and_stand_in_corporation_buurten() {
    let d = demo();
    let v = values(&d);
    let at = |area: &str, ind: &str, year| v[&(area.to_string(), ind.to_string(), year)];
    let complexes = &d.own.complexes;
    assert!((40..=60).contains(&complexes.len()));
    let mut codes: Vec<&str> = complexes.iter().map(|c| c.code.as_str()).collect();
    let mut names: Vec<&str> = complexes.iter().map(|c| c.name.as_str()).collect();
    codes.sort();
    codes.dedup();
    names.sort();
    names.dedup();
    assert_eq!(
        (codes.len(), names.len()),
        (complexes.len(), complexes.len())
    );
    let labels = [
        "A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G",
    ];
    let mut owned: BTreeMap<String, f64> = BTreeMap::new();
    for c in complexes {
        assert!(
            c.code.len() == 4 && c.code.bytes().all(|b| b.is_ascii_digit()),
            "{}",
            c.code
        );
        assert!((12..=300).contains(&c.dwellings), "{c:?}");
        assert!((1850..=2024).contains(&c.build_year.unwrap()), "{c:?}");
        assert!(
            labels.contains(&c.energy_label.as_deref().unwrap()),
            "{c:?}"
        );
        assert!((450.0..=900.0).contains(&c.average_rent.unwrap()), "{c:?}");
        assert!(
            c.name.starts_with(
                &d.dataset
                    .areas
                    .iter()
                    .find(|a| a.code == c.buurt)
                    .unwrap()
                    .name
            )
        );
        *owned.entry(c.buurt.to_string()).or_default() += f64::from(c.dwellings);
    }
    for (buurt, dwellings) in &owned {
        let corporation =
            at(buurt, "woningvoorraad", 2024) * at(buurt, "pct_corporatiebezit", 2024) / 100.0;
        assert!(
            *dwellings <= corporation,
            "{buurt}: {dwellings} of {corporation}"
        );
    }
    // older complexes have worse labels and lower rents, on average
    let mean = |f: &dyn Fn(&wikken_data::own::Complex) -> bool,
                g: &dyn Fn(&wikken_data::own::Complex) -> f64| {
        let xs: Vec<f64> = complexes.iter().filter(|c| f(c)).map(g).collect();
        xs.iter().sum::<f64>() / xs.len() as f64
    };
    let old = |c: &wikken_data::own::Complex| c.build_year.unwrap() < 1970;
    let rent = |c: &wikken_data::own::Complex| c.average_rent.unwrap();
    assert!(mean(&old, &rent) + 50.0 < mean(&|c| !old(c), &rent));
}

#[test]
fn own_figures_agree_with_their_complexes_and_the_cbs_picture() {
    let d = demo();
    let v = values(&d);
    let codes: Vec<&str> = OWN_CATALOGUE.iter().map(|c| c.0).collect();
    assert_eq!(
        d.own
            .indicators
            .iter()
            .map(|i| i.code.as_str())
            .collect::<Vec<_>>(),
        codes
    );
    for value in &d.own.values {
        assert!(codes.contains(&value.indicator.as_str()));
        assert!((2021..=2024).contains(&value.year));
        let range = if value.indicator == "bewonersoordeel" {
            1.0..=10.0
        } else {
            0.0..=100.0
        };
        assert!(range.contains(&value.value), "{value:?}");
    }
    // a buurt's own figure is the dwelling-weighted mean of its complexes'
    for (buurt, members) in group_by_buurt(&d) {
        for year in 2021..=2024 {
            for code in &codes {
                let parts: Vec<(f64, f64)> = members
                    .iter()
                    .filter_map(|(c, n)| {
                        Some((
                            *n,
                            *v.get(&(format!("complex {c}"), code.to_string(), year))?,
                        ))
                    })
                    .collect();
                let got = v.get(&(buurt.clone(), code.to_string(), year));
                if parts.is_empty() {
                    assert!(got.is_none(), "{buurt} {code} {year}");
                    continue;
                }
                let weight: f64 = parts.iter().map(|p| p.0).sum();
                let mean = parts.iter().map(|(n, x)| n * x).sum::<f64>() / weight;
                let got = got.unwrap_or_else(|| panic!("{buurt} {code} {year} missing"));
                assert!(
                    (got - mean).abs() <= 0.1 + 1e-9,
                    "{buurt} {code} {year}: {got} vs {mean}"
                );
            }
        }
    }
    // complexes have no figures before they were built
    for c in &d.own.complexes {
        for year in 2021..c.build_year.unwrap().min(2025) {
            assert!(!v.contains_key(&(format!("complex {}", c.code), "mutatiegraad".into(), year)));
        }
    }
    // own and CBS figures tell the same story across buurten
    let pairs = |own: &str, cbs: &str| -> Vec<(f64, f64)> {
        group_by_buurt(&d)
            .keys()
            .map(|b| {
                (
                    v[&(b.clone(), own.into(), 2024)],
                    v[&(b.clone(), cbs.into(), 2024)],
                )
            })
            .collect()
    };
    assert!(spearman(&pairs("overlastmeldingen", "misdrijven_per_1000")) > 0.4);
    assert!(spearman(&pairs("lage_inkomens", "gem_inkomen_per_inwoner")) < -0.4);
    assert!(spearman(&pairs("bewonersoordeel", "pct_goed_ervaren_gezondheid")) > 0.4);
}

fn group_by_buurt(d: &Demo) -> BTreeMap<String, Vec<(String, f64)>> {
    let mut map: BTreeMap<String, Vec<(String, f64)>> = BTreeMap::new();
    for c in &d.own.complexes {
        map.entry(c.buurt.to_string())
            .or_default()
            .push((c.code.clone(), f64::from(c.dwellings)));
    }
    map
}

fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut r = vec![0.0; xs.len()];
    for (rank, &i) in order.iter().enumerate() {
        r[i] = rank as f64;
    }
    r
}

fn spearman(pairs: &[(f64, f64)]) -> f64 {
    let a = ranks(&pairs.iter().map(|p| p.0).collect::<Vec<_>>());
    let b = ranks(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
    let n = a.len() as f64;
    let d2: f64 = a.iter().zip(&b).map(|(x, y)| (x - y).powi(2)).sum();
    1.0 - 6.0 * d2 / (n * (n * n - 1.0))
}
