//! The Leefbaarometer (BZK's national liveability measure), imported like
//! CBS figures: the total score `lbm` and its five dimensions per buurt,
//! wijk or gemeente and year, with the nine classes the total is shown in.
//!
//! # The files
//!
//! leefbaarometer.nl's open data (page "Open data", the zip
//! `open-data-leefbaarometer-meting-2024.zip`, folder "Leefbaarometer 3.0 -
//! Meting 2024 - open data") holds one CSV per level, e.g.
//! `Leefbaarometer-scores buurten 2002-2024.csv`, and one per PC4. Public
//! code that reads them (GitHub, found through the code search: a reader of
//! the buurten file with `pandas.read_csv` defaults, one filtering it on
//! `bu_code` and `jaar`, one dropping `afw fys onv soc vrz won` from it, and
//! the PC4 file's `PC4` and `afw`) shows their shape: `,`-separated, `.`
//! as decimal mark, UTF-8, one row per area and measurement year, with
//!
//! | column | meaning |
//! | --- | --- |
//! | `bu_code` / `wk_code` / `gm_code` | CBS code of the buurt, wijk or gemeente |
//! | `bu_naam` / `wk_naam` / `gm_naam` | its name (when present) |
//! | `jaar` | measurement year (2002, 2008, 2012, 2014, … 2024) |
//! | `lbm` | total score (higher is better; around 4) |
//! | `afw` | deviation of `lbm` from the national reference: the sum of the five below |
//! | `fys`, `onv`, `soc`, `vrz`, `won` | the dimensions: fysieke omgeving, overlast en onveiligheid, sociale samenhang, voorzieningen, woningvoorraad |
//!
//! The sample in `shared/data/leefbaarometer` (Amstelveen's wijken,
//! 2014-2022, see its README) has this shape with `wk_code`, `wk_naam` and
//! an extra `bron_rij`. In all its 56 rows `lbm − afw` is 4.102265 and
//! `afw` is the sum of the five dimensions. Files saved by a Dutch
//! spreadsheet (`;`-separated, decimal comma) are read too; so are the
//! column names of CBS's own files (`buurtcode`, `wijkcode`,
//! `gemeentecode`). Files per PC4 or per 100 m grid cell are not areas
//! Wikken knows and are refused with a message saying so.
//!
//! # The nine classes
//!
//! See [`LbmClass`]: the class boundaries are Wikken's, not a published
//! table (none was found with a source).
//!
//! # Sources
//!
//! - leefbaarometer.nl, pages "Open data" (the download), "Over" (scores
//!   of areas with few inhabitants are unreliable) and "FAQ" (what the
//!   instrument is: BZK's, per 100 m cell, buurt, wijk and gemeente).
//! - "Leefbaarometer 3.0: Instrumentontwikkeling" (Atlas Research, In.Fact
//!   Research, for BZK), `leefbaarometer.nl/resources/LBM3Instrumentontwikkeling.pdf`:
//!   its contents (chapter 7, "Weergave van scores en ontwikkelingen") as
//!   listed on binnenlandsbestuur.nl; the text itself was not at hand.
//! - Public code on GitHub: `kuuroooo/LeefbaarometerPrototype` (the
//!   sample's source, which adds 4.102 to `afw` to get the score),
//!   `ahlevering/LBMOverheadMonitor` (the map service's layers
//!   `lbm3:clippedgridscore{yy}` with `afw fys onv vrz soc won`), and
//!   readers of the buurten and PC4 files and of the map service's `kscore`
//!   and its nine labels (see above and [`LbmClass`]).
//! - RIGO, "Regionale leefbaarheidskaarten" (the maps are mostly green).

mod classes;
mod parse;

pub use classes::{LbmClass, REFERENCE_SCORE};
pub use parse::parse_leefbaarometer;

use crate::indicators::IndicatorDef;

/// Where the figures come from.
pub const SOURCE: &str = "Leefbaarometer 3.0 (BZK)";

/// The code of the total score, the indicator the nine classes are of.
pub const TOTAL: &str = "lbm";

macro_rules! lbm {
    ($code:literal, $name:literal, $unit:literal, $column:literal) => {
        IndicatorDef {
            code: $code,
            name: $name,
            unit: $unit,
            higher_is_better: Some(true),
            source: SOURCE,
            columns: &[($column, 1.0)],
        }
    };
}

/// The Leefbaarometer's indicators: the total score and its five
/// dimensions (each dimension's share in the total's deviation from the
/// national reference; they add up to `lbm − REFERENCE_SCORE`).
pub const INDICATORS: &[IndicatorDef] = &[
    lbm!("lbm", "Leefbaarometer: totaalscore", "score", "lbm"),
    lbm!(
        "lbm_fys",
        "Leefbaarometer: fysieke omgeving",
        "afwijking",
        "fys"
    ),
    lbm!(
        "lbm_onv",
        "Leefbaarometer: overlast en onveiligheid",
        "afwijking",
        "onv"
    ),
    lbm!(
        "lbm_soc",
        "Leefbaarometer: sociale samenhang",
        "afwijking",
        "soc"
    ),
    lbm!(
        "lbm_vrz",
        "Leefbaarometer: voorzieningen",
        "afwijking",
        "vrz"
    ),
    lbm!(
        "lbm_won",
        "Leefbaarometer: woningvoorraad",
        "afwijking",
        "won"
    ),
];

/// The Leefbaarometer indicator with a code.
pub fn by_code(code: &str) -> Option<&'static IndicatorDef> {
    INDICATORS.iter().find(|d| d.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_differ_from_the_cbs_catalogue_and_each_other() {
        let mut codes: Vec<&str> = INDICATORS.iter().map(|d| d.code).collect();
        codes.extend(crate::indicators::CATALOGUE.iter().map(|d| d.code));
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n);
        assert_eq!(by_code(TOTAL).unwrap().unit, "score");
        assert!(INDICATORS.iter().all(|d| d.higher_is_better == Some(true)));
    }
}
