//! What the gemeente's map shows, chosen from the query (`?niveau=`,
//! `?kengetal=`, `?jaar=`) and from the indicators and years the gemeente
//! has values for: the level, the signal or an indicator, and the year.

use wikken_data::AreaLevel;
use wikken_storage::IndicatorRow;

use super::MapQuery;

/// The indicator shown by default: the first of these the gemeente has.
const DEFAULT_INDICATORS: &[&str] = &["pct_corporatiebezit", "gem_woz_waarde", "inwoners"];

/// What the map shows, chosen from the query and from what the gemeente has.
#[derive(Debug, Clone)]
pub struct Choice<'a> {
    /// Buurten (the default) or wijken.
    pub level: AreaLevel,
    /// The indicators with values at this level, in the store's order.
    pub present: Vec<&'a IndicatorRow>,
    /// The "onder druk" signal instead of an indicator (buurten only).
    pub signal: bool,
    /// The indicator shown; `None` for the signal or when there is none.
    pub indicator: Option<&'a IndicatorRow>,
    /// The years of the shown indicator, ascending.
    pub years: Vec<i32>,
    /// The year shown: the one asked for when it has values, else the latest.
    pub year: Option<i32>,
}

/// The level asked for in `?niveau=`: wijken, or else buurten.
pub fn level_asked(q: &MapQuery) -> AreaLevel {
    match q.niveau.as_deref() {
        Some("wijk") => AreaLevel::Wijk,
        _ => AreaLevel::Buurt,
    }
}

/// Chooses what the map shows: the signal when asked at buurt level, else
/// the indicator asked for, a default one, or the first there is; and its
/// year. `available` holds the (indicator, year) pairs with values.
pub fn choose<'a>(
    q: &MapQuery,
    indicators: &'a [IndicatorRow],
    available: &[(String, i32)],
) -> Choice<'a> {
    let level = level_asked(q);
    let present: Vec<&IndicatorRow> = indicators
        .iter()
        .filter(|i| available.iter().any(|(c, _)| *c == i.code))
        .collect();
    let signal = q.kengetal.as_deref() == Some("signaal") && level == AreaLevel::Buurt;
    let indicator = if signal {
        None
    } else {
        q.kengetal
            .as_deref()
            .and_then(|k| present.iter().copied().find(|i| i.code == k))
            .or_else(|| {
                DEFAULT_INDICATORS
                    .iter()
                    .find_map(|d| present.iter().copied().find(|i| i.code == *d))
            })
            .or_else(|| present.first().copied())
    };
    let years: Vec<i32> = indicator.map_or_else(Vec::new, |ind| {
        available
            .iter()
            .filter(|(c, _)| *c == ind.code)
            .map(|(_, y)| *y)
            .collect()
    });
    let year = q
        .jaar
        .filter(|y| years.contains(y))
        .or(years.last().copied());
    Choice {
        level,
        present,
        signal,
        indicator,
        years,
        year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::demo_rows::{self, query};

    struct Loaded {
        indicators: Vec<IndicatorRow>,
        available: Vec<(String, i32)>,
    }

    fn loaded(level: AreaLevel) -> Loaded {
        Loaded {
            indicators: demo_rows::indicators(),
            available: demo_rows::indicator_years(level),
        }
    }

    #[test]
    fn by_default_buurten_show_corporatiebezit_in_the_latest_year() {
        let l = loaded(AreaLevel::Buurt);
        let c = choose(&query(None, None, None), &l.indicators, &l.available);
        assert_eq!(c.level, AreaLevel::Buurt);
        assert!(!c.signal);
        assert_eq!(c.indicator.unwrap().code, "pct_corporatiebezit");
        assert_eq!(c.years, (2019..=2024).collect::<Vec<_>>());
        assert_eq!(c.year, Some(2024));
        assert_eq!(c.present.len(), l.indicators.len());
    }

    #[test]
    fn an_unknown_indicator_or_year_falls_back_and_a_known_one_is_kept() {
        let l = loaded(AreaLevel::Buurt);
        let c = choose(
            &query(Some("onbekend"), Some(1800), None),
            &l.indicators,
            &l.available,
        );
        assert_eq!(c.indicator.unwrap().code, "pct_corporatiebezit");
        assert_eq!(c.year, Some(2024));
        let c = choose(
            &query(Some("inwoners"), Some(2020), None),
            &l.indicators,
            &l.available,
        );
        assert_eq!(c.indicator.unwrap().code, "inwoners");
        assert_eq!(c.year, Some(2020));
    }

    #[test]
    fn the_signal_is_chosen_for_buurten_only() {
        let wijken = loaded(AreaLevel::Wijk);
        let c = choose(
            &query(Some("signaal"), None, Some("wijk")),
            &wijken.indicators,
            &wijken.available,
        );
        assert_eq!(c.level, AreaLevel::Wijk);
        assert!(!c.signal);
        assert_eq!(c.indicator.unwrap().code, "pct_corporatiebezit");
        let buurten = loaded(AreaLevel::Buurt);
        let c = choose(
            &query(Some("signaal"), Some(2020), Some("buurt")),
            &buurten.indicators,
            &buurten.available,
        );
        assert!(c.signal);
        assert!(c.indicator.is_none() && c.years.is_empty() && c.year.is_none());
    }

    #[test]
    fn without_values_there_is_no_indicator() {
        let l = loaded(AreaLevel::Buurt);
        let c = choose(
            &query(Some("inwoners"), Some(2024), None),
            &l.indicators,
            &[],
        );
        assert!(c.present.is_empty() && c.indicator.is_none() && c.year.is_none());
    }
}
