//! The demo corporation's own data: its complexes in the buurten with
//! corporation dwellings, and its own indicators per complex and per buurt
//! for 2021..=2024, following the buurt's profile and status so that they
//! agree with the CBS picture.
//!
//! `shared/data` has no corporation figures: the means and spreads below
//! are assumptions of typical values.

use crate::area::AreaCode;
use crate::own::{Complex, OWN_CATALOGUE, OwnData, OwnValue, Subject, own_indicator};

use super::profiles::{Kind, Profile};
use super::rng::{DemoRng, text_key};

/// The years with own figures.
pub(crate) const OWN_YEARS: std::ops::RangeInclusive<i32> = 2021..=2024;

/// Per own indicator (in [`OWN_CATALOGUE`] order): mean, spread, how it
/// moves with pressure, and its bounds.
const MODEL: [(f64, f64, f64, f64, f64); 6] = [
    // overlastmeldingen per 100 woningen
    (6.0, 3.0, 1.0, 0.5, 30.0),
    // mutatiegraad (%)
    (7.5, 1.8, 0.8, 2.5, 16.0),
    // huurachterstand (%)
    (2.4, 1.0, 0.8, 0.2, 8.0),
    // bewonersoordeel (1-10)
    (7.3, 0.4, -0.9, 5.0, 8.8),
    // kwetsbare instroom (%)
    (24.0, 8.0, 0.9, 4.0, 60.0),
    // lage inkomens (%)
    (50.0, 9.0, 0.8, 15.0, 85.0),
];

/// Most complexes the demo corporation has.
const MAX_COMPLEXES: usize = 55;
/// Most complexes in one buurt.
const MAX_PER_BUURT: usize = 7;
/// Energy labels, worst first.
const LABELS: [&str; 11] = [
    "G", "F", "E", "D", "C", "B", "A", "A+", "A++", "A+++", "A++++",
];

/// A buurt as the own data needs it.
#[derive(Debug, Clone)]
pub(crate) struct OwnBuurt {
    pub code: AreaCode,
    pub name: String,
    pub kind: Kind,
    /// Corporation dwellings (all corporations) in 2024.
    pub corporation_dwellings: f64,
    /// Status within its kind (higher is better-off).
    pub status: f64,
}

/// A complex's size and its figures per year (`None` before it was built).
struct Member {
    dwellings: f64,
    values: Vec<Option<[f64; 6]>>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The label index of a complex built in `year`.
fn label(year: i32, p: &Profile, rng: &mut DemoRng) -> usize {
    let renovated = year < 1975 && rng.uniform() < if p.own_pressure.0 > 1.0 { 0.1 } else { 0.35 };
    let (lo, hi) = match year {
        _ if renovated => (5, 6),
        ..1945 => (0, 3),
        1945..1975 => (2, 4),
        1975..1992 => (3, 5),
        1992..2005 => (5, 6),
        2005..2015 => (6, 7),
        _ => (8, 9),
    };
    rng.int(lo, hi) as usize
}

/// The demo corporation's complexes and own figures.
pub(crate) fn own_data(buurten: &[OwnBuurt]) -> OwnData {
    let owned: Vec<f64> = buurten
        .iter()
        .map(|b| (b.corporation_dwellings * b.kind.profile().own_share).round())
        .collect();
    let count = |size: f64, dwellings: f64| -> usize {
        if dwellings < 12.0 {
            0
        } else {
            ((dwellings / size).round() as usize).clamp(1, MAX_PER_BUURT)
        }
    };
    // the smallest typical complex size that keeps the count in bounds
    let size = (100..=300)
        .step_by(5)
        .map(f64::from)
        .find(|&s| owned.iter().map(|&d| count(s, d)).sum::<usize>() <= MAX_COMPLEXES)
        .unwrap_or(300.0);

    let mut data = OwnData {
        indicators: OWN_CATALOGUE
            .iter()
            .filter_map(|(code, ..)| own_indicator(code))
            .collect(),
        ..OwnData::default()
    };
    let mut complex_values = Vec::new();
    for (b, buurt) in buurten.iter().enumerate() {
        let p = buurt.kind.profile();
        let n = count(size, owned[b]);
        if n == 0 {
            continue;
        }
        let mut rng = DemoRng::keyed(&[text_key("complexen"), text_key(buurt.code.as_str())]);
        let weights: Vec<f64> = (0..n).map(|_| rng.range(0.6, 1.4)).collect();
        let total: f64 = weights.iter().sum();
        // The buurt's pressure per year.
        let pressure: Vec<f64> = OWN_YEARS
            .map(|y| {
                p.own_pressure.0 + p.own_pressure.1 * f64::from(y - 2024) - 0.5 * buurt.status
                    + rng.noise(0.1)
            })
            .collect();
        let mut members: Vec<Member> = Vec::new();
        for (j, w) in weights.iter().enumerate() {
            let dwellings = (owned[b] * w / total).round().clamp(12.0, 300.0);
            let built = rng.int(i64::from(p.built.0), i64::from(p.built.1)) as i32;
            let label = label(built, &p, &mut rng);
            let rent = 470.0 + 42.0 * label as f64 + rng.range(-30.0, 30.0)
                - if p.own_pressure.0 > 1.0 { 25.0 } else { 0.0 };
            let word = p.complex_words[j % p.complex_words.len()];
            let suffix = ["", " II", " III", " IV"][(j / p.complex_words.len()).min(3)];
            let code = 1000 + 25 * b + 3 * j + rng.int(0, 2) as usize;
            data.complexes.push(Complex {
                code: code.to_string(),
                name: format!("{} {word}{suffix}", buurt.name),
                buurt: buurt.code.clone(),
                dwellings: dwellings as u32,
                build_year: Some(built),
                energy_label: Some(LABELS[label].to_string()),
                average_rent: Some((rent.clamp(450.0, 900.0) * 100.0).round() / 100.0),
            });
            // Older, worse-labelled complexes fare a little worse.
            let own_effect = rng.noise(0.35) + 0.06 * (4.0 - label as f64);
            let idio: Vec<f64> = (0..MODEL.len()).map(|_| rng.noise(0.3)).collect();
            let values = OWN_YEARS
                .zip(&pressure)
                .map(|(year, buurt_pressure)| {
                    let at = buurt_pressure + own_effect + rng.noise(0.12);
                    let v: [f64; 6] = std::array::from_fn(|i| {
                        let (mean, sd, load, lo, hi) = MODEL[i];
                        (mean + sd * (load * at + idio[i] + rng.noise(0.15))).clamp(lo, hi)
                    });
                    (built <= year).then_some(v)
                })
                .collect();
            members.push(Member { dwellings, values });
        }
        // The buurt: the complexes' values weighted by dwellings.
        for (k, year) in OWN_YEARS.enumerate() {
            let present: Vec<&Member> = members.iter().filter(|m| m.values[k].is_some()).collect();
            let weight: f64 = present.iter().map(|m| m.dwellings).sum();
            if weight == 0.0 {
                continue;
            }
            for (i, (code, ..)) in OWN_CATALOGUE.iter().enumerate() {
                let mean = present
                    .iter()
                    .map(|m| m.dwellings * m.values[k].map_or(0.0, |v| v[i]))
                    .sum::<f64>()
                    / weight;
                data.values.push(OwnValue {
                    subject: Subject::Area(buurt.code.clone()),
                    indicator: code.to_string(),
                    year,
                    value: round1(mean),
                });
            }
        }
        let first = data.complexes.len() - members.len();
        for (c, m) in data.complexes[first..].iter().zip(&members) {
            for (k, year) in OWN_YEARS.enumerate() {
                let Some(v) = m.values[k] else { continue };
                for (i, (code, ..)) in OWN_CATALOGUE.iter().enumerate() {
                    complex_values.push(OwnValue {
                        subject: Subject::Complex(c.code.clone()),
                        indicator: code.to_string(),
                        year,
                        value: round1(v[i]),
                    });
                }
            }
        }
    }
    data.values.extend(complex_values);
    data
}

/// The year after [`OWN_YEARS`]: the buurten's own figures as the
/// corporation reports them a year on (each buurt's series continues half
/// its trend over 2021–2024, with noise of its own, within the
/// indicator's bounds). Per buurt only: complexes keep their figures to
/// 2024.
pub(crate) const UPDATE_YEAR: i32 = *OWN_YEARS.end() + 1;

/// The own figures of [`UPDATE_YEAR`] per buurt, following `own`.
pub(crate) fn update(own: &OwnData) -> OwnData {
    let first = *OWN_YEARS.start();
    let last = *OWN_YEARS.end();
    let mut data = OwnData {
        indicators: own.indicators.clone(),
        ..OwnData::default()
    };
    for v in own.values.iter().filter(|v| v.year == last) {
        let Subject::Area(code) = &v.subject else {
            continue;
        };
        let Some(i) = OWN_CATALOGUE.iter().position(|(c, ..)| *c == v.indicator) else {
            continue;
        };
        let start = own
            .values
            .iter()
            .find(|w| w.year == first && w.subject == v.subject && w.indicator == v.indicator)
            .map_or(v.value, |w| w.value);
        let (_, sd, _, lo, hi) = MODEL[i];
        let mut rng = DemoRng::keyed(&[
            text_key("bijgewerkt"),
            text_key(code.as_str()),
            text_key(&v.indicator),
        ]);
        let trend = (v.value - start) / f64::from(last - first);
        let value = (v.value + 0.5 * trend + rng.noise(0.08 * sd)).clamp(lo, hi);
        data.values.push(OwnValue {
            subject: v.subject.clone(),
            indicator: v.indicator.clone(),
            year: UPDATE_YEAR,
            value: round1(value),
        });
    }
    data
}
