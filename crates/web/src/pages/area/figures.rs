//! The figures of an area (or of Nederland) by indicator and year, as the
//! area page compares them.

use std::collections::BTreeMap;

use wikken_data::AreaLevel;
use wikken_storage::{AreaRow, ObservationRow};

use crate::pages::level_name;

/// An area, or Nederland, with its values by indicator, then year.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Its code ("NL00" for Nederland).
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its CBS level; `None` for Nederland.
    pub level: Option<AreaLevel>,
    /// Values by indicator, then year.
    pub values: BTreeMap<String, BTreeMap<i32, f64>>,
}

impl Figures {
    /// An area's figures from its stored rows.
    pub fn of_area(area: &AreaRow, rows: &[ObservationRow]) -> Figures {
        Figures::new(&area.code, &area.name, Some(area.level), rows)
    }

    /// The national figures.
    pub fn national(rows: &[ObservationRow]) -> Figures {
        Figures::new("NL00", "Nederland", None, rows)
    }

    fn new(code: &str, name: &str, level: Option<AreaLevel>, rows: &[ObservationRow]) -> Figures {
        let mut values: BTreeMap<String, BTreeMap<i32, f64>> = BTreeMap::new();
        for o in rows {
            values
                .entry(o.indicator.clone())
                .or_default()
                .insert(o.year, o.value);
        }
        Figures {
            code: code.to_string(),
            name: name.to_string(),
            level,
            values,
        }
    }

    /// "Wijk Oude Kern", "Gemeente Lindeveen", "Nederland".
    pub fn label(&self) -> String {
        match self.level {
            Some(l) => format!("{} {}", level_name(l), self.name),
            None => self.name.clone(),
        }
    }

    /// The label inside a sentence: "wijk Oude Kern", "Nederland" (names
    /// keep their capitals).
    pub fn label_in_sentence(&self) -> String {
        match self.level {
            Some(l) => format!("{} {}", l.as_str(), self.name),
            None => self.name.clone(),
        }
    }

    /// The latest year with a value of an indicator, and the value.
    pub fn latest(&self, indicator: &str) -> Option<(i32, f64)> {
        self.values
            .get(indicator)
            .and_then(|v| v.iter().next_back().map(|(y, x)| (*y, *x)))
    }

    /// The value of an indicator in a year.
    pub fn at(&self, indicator: &str, year: i32) -> Option<f64> {
        self.values
            .get(indicator)
            .and_then(|v| v.get(&year))
            .copied()
    }

    /// Every (year, value) of an indicator, by year.
    pub fn points(&self, indicator: &str) -> Vec<(i32, f64)> {
        self.values
            .get(indicator)
            .map(|v| v.iter().map(|(y, x)| (*y, *x)).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, level: &str, name: &str) -> AreaRow {
        AreaRow {
            code: code.into(),
            level: AreaLevel::parse(level).unwrap(),
            name: name.into(),
            parent_code: None,
        }
    }

    fn obs(indicator: &str, year: i32, value: f64) -> ObservationRow {
        ObservationRow {
            indicator: indicator.into(),
            year,
            value,
        }
    }

    #[test]
    fn labels_name_the_level_except_for_nederland() {
        let wijk = Figures::of_area(&row("WK999901", "wijk", "Oude Kern"), &[]);
        assert_eq!(wijk.label(), "Wijk Oude Kern");
        assert_eq!(wijk.label_in_sentence(), "wijk Oude Kern");
        let nl = Figures::national(&[]);
        assert_eq!(
            (nl.label(), nl.label_in_sentence()),
            ("Nederland".into(), "Nederland".into())
        );
        assert_eq!(nl.code, "NL00");
    }

    #[test]
    fn the_latest_year_and_a_given_year_are_found_per_indicator() {
        let rows = [
            obs("inwoners", 2024, 3.0),
            obs("inwoners", 2019, 1.0),
            obs("inwoners", 2022, 2.0),
            obs("woz", 2020, 9.0),
        ];
        let f = Figures::of_area(&row("BU99990101", "buurt", "Molenhoek"), &rows);
        assert_eq!(f.level, Some(AreaLevel::Buurt));
        assert_eq!(f.latest("inwoners"), Some((2024, 3.0)));
        assert_eq!(f.latest("woz"), Some((2020, 9.0)));
        assert_eq!(f.latest("overlast"), None);
        assert_eq!(f.at("inwoners", 2022), Some(2.0));
        assert_eq!(f.at("inwoners", 2023), None);
        assert_eq!(
            f.points("inwoners"),
            [(2019, 1.0), (2022, 2.0), (2024, 3.0)]
        );
    }
}
