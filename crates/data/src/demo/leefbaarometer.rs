//! The demo's Leefbaarometer figures (fictional, like everything in the
//! demo) for the measurement years 2020, 2022 and 2024: per buurt its five
//! dimensions follow from its own CBS-style figures of that year, so that
//! the two pictures agree (more crime, worse "overlast en onveiligheid";
//! lower incomes, fewer owners and poorer health, weaker "sociale
//! samenhang"; cheap flats, a weaker "woningvoorraad"; density and the
//! centre, more "voorzieningen" and a busier "fysieke omgeving"); per wijk
//! and for the gemeente the inwoners-weighted mean of their buurten. The
//! total is the national reference plus the sum of the dimensions, as in
//! the real files.
//!
//! The weights are assumptions, set so that the dimensions span what the
//! real files show (within about ±0.25, the Amstelveen sample's wijken
//! from −0.05 to +0.19), the flats under pressure land in "ruim
//! onvoldoende" to "zwak", the villas in "uitstekend", and the demo
//! gemeente, a mid-size town, near the national reference.

use super::figures::{FIRST_YEAR, Figures, HEALTH_MIN_INWONERS, YEARS};
use super::profiles::Kind;
use super::rng::{DemoRng, text_key};
use crate::area::AreaCode;
use crate::kwb::{Area, Dataset, Observation};
use crate::leefbaarometer::{INDICATORS, REFERENCE_SCORE};

/// The measurement years the demo has.
pub(crate) const MEASUREMENTS: [i32; 3] = [2020, 2022, 2024];

/// The five dimensions in [`INDICATORS`] order after the total: fysieke
/// omgeving, overlast en onveiligheid, sociale samenhang, voorzieningen,
/// woningvoorraad.
pub(crate) type Dimensions = [f64; 5];

/// One area's measurement: year, inwoners (its weight in a wijk's mean)
/// and dimensions.
pub(crate) type Measured = (i32, f64, Dimensions);

/// Medians of urban buurten (see `calibration.rs`) the dimensions are
/// measured from: crime per 1.000, income (× € 1.000), WOZ (× € 1.000),
/// koop (%), eengezins (%), health (%); and a mid-size town's density.
const CRIME: f64 = 39.0;
const INCOME: f64 = 33.2;
const WOZ: f64 = 346.0;
const KOOP: f64 = 51.0;
const EENGEZINS: f64 = 59.0;
const HEALTH: f64 = 71.6;
const DENSITY: f64 = 5000.0;

/// What a kind of buurt adds to fysieke omgeving and voorzieningen beyond
/// its density (parks and villas green and quiet, an industrial estate
/// noisy and far from shops, the centre full of them).
fn kind_bonus(kind: Kind) -> (f64, f64) {
    match kind {
        Kind::Centre => (-0.03, 0.08),
        Kind::OldTown => (0.0, 0.05),
        Kind::Waterfront => (0.04, 0.02),
        Kind::Prewar => (0.0, 0.03),
        Kind::PostwarHard => (-0.02, 0.0),
        Kind::Postwar | Kind::Seventies => (0.0, 0.0),
        Kind::Villa => (0.06, -0.02),
        Kind::Park => (0.08, -0.05),
        Kind::NewBuild => (0.02, -0.02),
        Kind::UnderConstruction => (0.0, -0.06),
        Kind::Industrial => (-0.10, -0.08),
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A buurt's measurements from its figures (`years` from [`FIRST_YEAR`]);
/// none in a year it has fewer than [`HEALTH_MIN_INWONERS`] inwoners (the
/// Leefbaarometer warns against scores of areas with few inhabitants).
pub(crate) fn buurt(kind: Kind, code: &AreaCode, years: &[Figures; YEARS]) -> Vec<Measured> {
    let (fys_bonus, vrz_bonus) = kind_bonus(kind);
    MEASUREMENTS
        .iter()
        .filter_map(|&year| {
            let f = years.get(usize::try_from(year - FIRST_YEAR).ok()?)?;
            if f.inwoners < HEALTH_MIN_INWONERS || f.area_ha <= 0.0 {
                return None;
            }
            let mut rng = DemoRng::keyed(&[
                text_key("leefbaarometer"),
                text_key(code.as_str()),
                year as u64,
            ]);
            let density = (f.inwoners / (f.area_ha / 100.0)).max(1.0);
            let dense = libm::log(density / DENSITY);
            let health = f.health.unwrap_or(HEALTH);
            let dims = [
                -0.04 * dense + fys_bonus,
                -0.10 * libm::log(f.crime.max(1.0) / CRIME),
                0.05 * (f.koop - KOOP) / 25.0
                    + 0.25 * libm::log(f.income.max(1.0) / INCOME)
                    + 0.03 * (health - HEALTH) / 7.0,
                0.06 * dense + vrz_bonus,
                0.04 * (f.eengezins - EENGEZINS) / 30.0 + 0.14 * libm::log(f.woz.max(1.0) / WOZ),
            ]
            .map(|d: f64| round4(d.clamp(-0.4, 0.4) + rng.noise(0.008)));
            Some((year, f.inwoners, dims))
        })
        .collect()
}

/// The inwoners-weighted mean of parts' measurements, per year that any
/// part has.
pub(crate) fn aggregate(parts: &[Vec<Measured>]) -> Vec<Measured> {
    MEASUREMENTS
        .iter()
        .filter_map(|&year| {
            let of_year: Vec<&Measured> = parts.iter().flatten().filter(|m| m.0 == year).collect();
            let weight: f64 = of_year.iter().map(|m| m.1).sum();
            (weight > 0.0).then(|| {
                let dims = std::array::from_fn(|k| {
                    round4(of_year.iter().map(|m| m.2[k] * m.1).sum::<f64>() / weight)
                });
                (year, weight, dims)
            })
        })
        .collect()
}

/// The total score of a measurement: the reference plus its dimensions.
pub(crate) fn total(dims: &Dimensions) -> f64 {
    ((REFERENCE_SCORE + dims.iter().sum::<f64>()) * 1e6).round() / 1e6
}

/// The demo's Leefbaarometer dataset: `measured` per area code, the areas
/// named as in `areas`.
pub(crate) fn dataset(areas: &[Area], measured: &[(AreaCode, Vec<Measured>)]) -> Dataset {
    let mut observations = Vec::new();
    for (code, years) in measured {
        for (year, _, dims) in years {
            let values = std::iter::once(total(dims)).chain(dims.iter().copied());
            for (def, value) in INDICATORS.iter().zip(values) {
                observations.push(Observation {
                    area: code.clone(),
                    indicator: def.code,
                    year: *year,
                    value,
                });
            }
        }
    }
    Dataset {
        areas: areas
            .iter()
            .filter(|a| measured.iter().any(|(c, m)| *c == a.code && !m.is_empty()))
            .cloned()
            .collect(),
        indicators: INDICATORS.iter().collect(),
        observations,
        ignored_columns: Vec::new(),
        national: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use crate::leefbaarometer::LbmClass;

    use super::super::demo;
    use super::*;

    #[test]
    fn the_picture_agrees_with_the_buurten_and_adds_up() {
        let d = demo();
        let lbm = &d.leefbaarometer;
        let mut rows: BTreeMap<(&str, i32), BTreeMap<&str, f64>> = BTreeMap::new();
        for o in &lbm.observations {
            rows.entry((o.area.as_str(), o.year))
                .or_default()
                .insert(o.indicator, o.value);
        }
        for ((code, year), v) in &rows {
            let dims: f64 = INDICATORS[1..].iter().map(|i| v[i.code]).sum();
            assert!(
                (v["lbm"] - REFERENCE_SCORE - dims).abs() < 1e-6,
                "{code} {year}"
            );
            assert!(MEASUREMENTS.contains(year));
        }
        let named = |name: &str| {
            let a = d.dataset.areas.iter().find(|a| a.name == name).unwrap();
            rows[&(a.code.as_str(), 2024)]["lbm"]
        };
        let class = |name: &str| LbmClass::of_score(named(name)).unwrap();
        // The post-war flats under pressure against the villas.
        assert!(
            class("Molenhoek") <= LbmClass::Zwak,
            "{}",
            named("Molenhoek")
        );
        assert!(
            class("Lindenhout") >= LbmClass::ZeerGoed,
            "{}",
            named("Lindenhout")
        );
        assert!(named("Binnenstad") > named("Molenhoek"));
        // Molenhoek gets worse, as its CBS figures do.
        let molenhoek = d
            .dataset
            .areas
            .iter()
            .find(|a| a.name == "Molenhoek")
            .unwrap();
        assert!(
            rows[&(molenhoek.code.as_str(), 2024)]["lbm"]
                < rows[&(molenhoek.code.as_str(), 2020)]["lbm"]
        );
        // The gemeente, a mid-size town, near the reference.
        let gemeente = rows[&(d.dataset.areas[0].code.as_str(), 2024)]["lbm"];
        assert!(
            (REFERENCE_SCORE - 0.1..REFERENCE_SCORE + 0.1).contains(&gemeente),
            "{gemeente}"
        );
        // A spread of classes, and every dimension within the real range.
        let classes: std::collections::BTreeSet<LbmClass> = rows
            .values()
            .filter_map(|v| LbmClass::of_score(v["lbm"]))
            .collect();
        assert!(classes.len() >= 5, "{classes:?}");
        assert!(
            lbm.observations
                .iter()
                .filter(|o| o.indicator != "lbm")
                .all(|o| o.value.abs() <= 0.45)
        );
        // Every wijk and the gemeente have values; the areas are named.
        let levels = |level| lbm.areas.iter().filter(|a| a.code.level() == level).count();
        let all = |level| {
            d.dataset
                .areas
                .iter()
                .filter(|a| a.code.level() == level)
                .count()
        };
        use crate::area::AreaLevel;
        assert_eq!(levels(AreaLevel::Wijk), all(AreaLevel::Wijk));
        assert_eq!(levels(AreaLevel::Gemeente), 1);
        assert!(levels(AreaLevel::Buurt) + 5 >= all(AreaLevel::Buurt));
    }
}
