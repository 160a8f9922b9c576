//! The CBS-style figures of the demo: per buurt and year from the buurt's
//! profile and the national calibration, per wijk and gemeente as sums and
//! weighted averages of their buurten.

use super::calibration::{
    AGEING, CORP_CHANGE, CRIME, DENSITY, DENSITY_PER_DOUBLING, DENSITY_SHIFT, EENGEZINS, HEALTH,
    HH_SIZE, HH_SIZE_CHANGE, INCOME, INCOME_GROWTH, INWONERS_GROWTH, KOOP, KOOP_CHANGE,
    LEEGSTAND_MEDIAN, MEDIAN_AREA_HA, OLD, WOZ, WOZ_GROWTH, YOUNG,
};
use super::profiles::{Kind, STATUS_LOADING, z};
use super::rng::{DemoRng, text_key};

/// The first year with figures.
pub(crate) const FIRST_YEAR: i32 = 2019;
/// The number of years (2019..=2024).
pub(crate) const YEARS: usize = 6;

/// The indicators the demo fills, by code from the catalogue.
pub(crate) const INDICATORS: &[&str] = &[
    "inwoners",
    "inwoners_0_14",
    "inwoners_65plus",
    "huishoudens",
    "gem_huishoudensgrootte",
    "oppervlakte_land",
    "bevolkingsdichtheid",
    "woningvoorraad",
    "gem_woz_waarde",
    "pct_koopwoningen",
    "pct_huurwoningen",
    "pct_corporatiebezit",
    "pct_overige_verhuur",
    "pct_leegstand",
    "pct_eengezinswoningen",
    "gem_inkomen_per_inwoner",
    "misdrijven_per_1000",
    "pct_goed_ervaren_gezondheid",
];

/// The largest buurt (inwoners), so that counts stay within the national
/// buurt p99 (kwb2024_buurten.csv: inwoners 7,401, 0-14 1,270).
const MAX_INWONERS: f64 = 5200.0;
/// RIVM's health estimates leave out the smallest buurten: the 2024 file
/// has none for 99 % of the buurten with fewer than 100 inwoners.
pub(crate) const HEALTH_MIN_INWONERS: f64 = 100.0;
/// Share of a new buurt's 2024 population living there in 2019..=2024.
const BUILD_UP: [f64; YEARS] = [0.12, 0.27, 0.45, 0.66, 0.85, 1.0];
/// Yearly fall of the corporation share where corporations sell
/// (percentage points), so that the gemeente's share falls by about
/// [`CORP_CHANGE`] a year.
const SALE_RATE: f64 = -CORP_CHANGE * 1.6;

/// One area's figures in one year, as published (rounded like CBS does).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Figures {
    pub inwoners: f64,
    pub inwoners_0_14: f64,
    pub inwoners_65plus: f64,
    pub huishoudens: f64,
    pub woningvoorraad: f64,
    /// Land area (ha), unrounded.
    pub area_ha: f64,
    pub woz: f64,
    pub koop: f64,
    pub huur: f64,
    pub corp: f64,
    pub overige: f64,
    pub leegstand: f64,
    pub eengezins: f64,
    pub income: f64,
    pub crime: f64,
    /// Missing for buurten with fewer than [`HEALTH_MIN_INWONERS`].
    pub health: Option<f64>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round5(x: f64) -> f64 {
    (x / 5.0).round() * 5.0
}

impl Figures {
    /// The published value of an indicator (codes of [`INDICATORS`]).
    pub(crate) fn value(&self, code: &str) -> Option<f64> {
        Some(match code {
            "inwoners" => self.inwoners,
            "inwoners_0_14" => self.inwoners_0_14,
            "inwoners_65plus" => self.inwoners_65plus,
            "huishoudens" => self.huishoudens,
            "gem_huishoudensgrootte" if self.huishoudens > 0.0 => {
                round1(self.inwoners / self.huishoudens)
            }
            "oppervlakte_land" => self.area_ha.round(),
            "bevolkingsdichtheid" if self.area_ha > 0.0 => {
                (self.inwoners / (self.area_ha / 100.0)).round()
            }
            "woningvoorraad" => self.woningvoorraad,
            "gem_woz_waarde" => self.woz,
            "pct_koopwoningen" => self.koop,
            "pct_huurwoningen" => self.huur,
            "pct_corporatiebezit" => self.corp,
            "pct_overige_verhuur" => self.overige,
            "pct_leegstand" => self.leegstand,
            "pct_eengezinswoningen" => self.eengezins,
            "gem_inkomen_per_inwoner" => self.income,
            "misdrijven_per_1000" => self.crime,
            "pct_goed_ervaren_gezondheid" => return self.health,
            _ => return None,
        })
    }
}

/// A buurt's figures and the latent status behind them.
#[derive(Debug, Clone)]
pub(crate) struct BuurtModel {
    /// Figures per year from [`FIRST_YEAR`].
    pub years: [Figures; YEARS],
    /// Its status within its kind (standard deviations, higher is
    /// better-off): drives the corporation's own figures too.
    pub status: f64,
}

/// Product of yearly growth factors from `year` up to 2024.
fn growth_since(year: usize, rate: impl Fn(usize) -> f64) -> f64 {
    (year..YEARS - 1).map(|t| 1.0 + rate(t) / 100.0).product()
}

/// A buurt's figures: `key` names it (its code), `area_ha` is its area.
pub(crate) fn buurt(kind: Kind, area_ha: f64, key: &str) -> BuurtModel {
    let p = kind.profile();
    let mut rng = DemoRng::keyed(&[text_key("buurt"), text_key(key)]);
    let status = rng.noise(0.3);
    let mut zs = [0.0; 10];
    for (i, z) in zs.iter_mut().enumerate() {
        *z = p.z[i] + STATUS_LOADING[i] * status + rng.noise(0.25);
    }
    let density = match p.density {
        Some((lo, hi)) => rng.range(lo, hi),
        None => {
            let size = DENSITY_PER_DOUBLING * libm::log2(area_ha / MEDIAN_AREA_HA);
            // the urban p99 (25,000) lies above the national buurt p99
            DENSITY.at((zs[z::DENSITY] + size + DENSITY_SHIFT).min(1.6))
        }
    };
    let inwoners = (density * area_ha / 100.0).clamp(20.0, MAX_INWONERS);
    let hh_size = HH_SIZE.at(zs[z::HH_SIZE]);
    let young = YOUNG.at(zs[z::YOUNG]);
    let old = OLD.at(zs[z::OLD]);
    let woz = WOZ.at(zs[z::WOZ]);
    let koop = KOOP.at(zs[z::KOOP]);
    let eengezins = EENGEZINS.at(zs[z::EENGEZINS]).round();
    let income = INCOME.at(zs[z::INCOME]);
    let crime = CRIME.at(zs[z::CRIME]);
    let health = HEALTH.at(zs[z::HEALTH]);
    let corp_of_rent = (p.corp_of_rent + rng.noise(0.05)).clamp(0.1, 0.97);
    let corp = (100.0 - koop) * corp_of_rent;
    let leegstand = (p.leegstand.0 + rng.noise(0.4)).clamp(1.0, 12.0);

    let years = std::array::from_fn(|y| {
        let before = (YEARS - 1 - y) as f64;
        let inw = if kind == Kind::UnderConstruction {
            inwoners * BUILD_UP[y]
        } else {
            inwoners / growth_since(y, |t| INWONERS_GROWTH[t] + p.growth)
        }
        .round();
        let size = hh_size * growth_since(y, |_| -HH_SIZE_CHANGE);
        let hh = (inw / size).round();
        let leeg = (leegstand - p.leegstand.1 * before + rng.noise(0.25)).clamp(0.5, 15.0);
        let koop_y = (koop - KOOP_CHANGE * before).clamp(0.0, 100.0).round();
        let sold = if p.sells { SALE_RATE * before } else { 0.0 };
        let corp_y = (corp + sold).round().min(100.0 - koop_y);
        Figures {
            inwoners: inw,
            inwoners_0_14: round5(inw * young / 100.0),
            inwoners_65plus: round5(inw * (old - AGEING * before).max(1.0) / 100.0),
            huishoudens: hh,
            woningvoorraad: (hh * (1.0 + (leeg - LEEGSTAND_MEDIAN) / 100.0)).round(),
            area_ha,
            woz: (woz / growth_since(y, |t| WOZ_GROWTH[t] + p.woz_trend)).round(),
            koop: koop_y,
            huur: 100.0 - koop_y,
            corp: corp_y,
            overige: 100.0 - koop_y - corp_y,
            leegstand: leeg.round(),
            eengezins,
            income: round1(income / growth_since(y, |_| INCOME_GROWTH + p.income_trend)),
            crime: round1(crime / growth_since(y, |_| p.crime_trend) * (1.0 + rng.noise(0.03))),
            health: Some(round1(health - p.health_trend * before + rng.noise(0.3)))
                .filter(|_| inw >= HEALTH_MIN_INWONERS),
        }
    });
    BuurtModel { years, status }
}

/// A wijk's or the gemeente's figures from its parts' published figures:
/// counts and areas add up; shares and averages are weighted by dwellings
/// (housing) or inwoners (people), over the parts that have them.
pub(crate) fn aggregate(parts: &[Figures]) -> Figures {
    let sum = |f: fn(&Figures) -> f64| parts.iter().map(f).sum::<f64>();
    let weighted = |f: fn(&Figures) -> f64, w: fn(&Figures) -> f64| {
        let total = sum(w);
        if total > 0.0 {
            parts.iter().map(|p| f(p) * w(p)).sum::<f64>() / total
        } else {
            0.0
        }
    };
    let dwellings = |p: &Figures| p.woningvoorraad;
    let people = |p: &Figures| p.inwoners;
    Figures {
        inwoners: sum(|p| p.inwoners),
        inwoners_0_14: sum(|p| p.inwoners_0_14),
        inwoners_65plus: sum(|p| p.inwoners_65plus),
        huishoudens: sum(|p| p.huishoudens),
        woningvoorraad: sum(|p| p.woningvoorraad),
        area_ha: sum(|p| p.area_ha),
        woz: weighted(|p| p.woz, dwellings).round(),
        koop: weighted(|p| p.koop, dwellings).round(),
        huur: weighted(|p| p.huur, dwellings).round(),
        corp: weighted(|p| p.corp, dwellings).round(),
        overige: weighted(|p| p.overige, dwellings).round(),
        leegstand: weighted(|p| p.leegstand, dwellings).round(),
        eengezins: weighted(|p| p.eengezins, dwellings).round(),
        income: round1(weighted(|p| p.income, people)),
        crime: round1(weighted(|p| p.crime, people)),
        health: {
            let known: Vec<&Figures> = parts.iter().filter(|p| p.health.is_some()).collect();
            let weight: f64 = known.iter().map(|p| p.inwoners).sum();
            let total: f64 = known
                .iter()
                .map(|p| p.health.unwrap_or(0.0) * p.inwoners)
                .sum();
            (weight > 0.0).then(|| round1(total / weight))
        },
    }
}
