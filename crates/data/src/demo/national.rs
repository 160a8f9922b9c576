//! The Nederland reference of the demo: real national figures, so a
//! fictional buurt is compared with the real country. Computed once from
//! `shared/data` (not read at run time): the shares and the WOZ value are
//! averages over all gemeenten weighted by their dwellings
//! (`kwb_gemeenten_woningvoorraad_2020_2025.csv`, 2020-2024); crime is all
//! registered crimes over all inhabitants, health and household size are
//! weighted by inhabitants and households (`kwb2024_gemeenten.csv`, 2024).

use crate::kwb::NationalValue;

/// (indicator, first year, values per year from that year on).
const SERIES: &[(&str, i32, &[f64])] = &[
    ("pct_corporatiebezit", 2020, &[29.1, 28.9, 28.6, 28.5, 28.3]),
    ("pct_koopwoningen", 2020, &[57.2, 57.1, 57.1, 57.1, 57.2]),
    ("pct_huurwoningen", 2020, &[42.5, 42.7, 42.7, 42.8, 42.7]),
    ("pct_leegstand", 2020, &[4.3, 4.4, 4.3, 4.3, 4.2]),
    ("gem_woz_waarde", 2020, &[271.0, 290.0, 317.0, 368.0, 378.0]),
    ("misdrijven_per_1000", 2024, &[44.3]),
    ("pct_goed_ervaren_gezondheid", 2024, &[72.8]),
    ("gem_huishoudensgrootte", 2024, &[2.11]),
];

/// The national values, by indicator and year.
pub(super) fn values() -> Vec<NationalValue> {
    SERIES
        .iter()
        .flat_map(|&(indicator, first, values)| {
            values
                .iter()
                .enumerate()
                .map(move |(k, &value)| NationalValue {
                    indicator,
                    year: first + k as i32,
                    value,
                })
        })
        .collect()
}
