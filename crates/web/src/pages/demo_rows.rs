//! The demo gemeente as the store's rows, for the pages' unit tests: what
//! the loading part of a handler would have read after `seed::load_demo`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use wikken_core::signal::{Contribution, SignalScore};
use wikken_data::AreaLevel;
use wikken_data::demo::{Demo, demo};
use wikken_data::geo::MultiPolygon;
use wikken_storage::{AreaRow, AreaValue, IndicatorRow, ObservationRow};

use crate::pages::monitor::MapQuery;
use crate::signals::Scored;

/// The demo, made once.
static DEMO: LazyLock<Demo> = LazyLock::new(demo);

/// Its indicators, in code order (as the store lists them).
pub fn indicators() -> Vec<IndicatorRow> {
    let mut out: Vec<IndicatorRow> = DEMO
        .dataset
        .indicators
        .iter()
        .map(|d| IndicatorRow {
            code: d.code.to_string(),
            name: d.name.to_string(),
            unit: d.unit.to_string(),
            higher_is_better: d.higher_is_better,
            source: d.source.to_string(),
        })
        .collect();
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

/// An area's row.
pub fn area(code: &str) -> AreaRow {
    let a = DEMO
        .dataset
        .areas
        .iter()
        .find(|a| a.code.as_str() == code)
        .expect("a demo area");
    AreaRow {
        code: a.code.as_str().to_string(),
        level: a.code.level(),
        name: a.name.clone(),
        parent_code: a.code.parent().map(|p| p.as_str().to_string()),
    }
}

/// The gemeente's row.
pub fn gemeente() -> AreaRow {
    area(DEMO.dataset.areas[0].code.as_str())
}

/// The areas at a level, in code order.
pub fn areas_at(level: AreaLevel) -> Vec<AreaRow> {
    let mut out: Vec<AreaRow> = DEMO
        .dataset
        .areas
        .iter()
        .filter(|a| a.code.level() == level)
        .map(|a| area(a.code.as_str()))
        .collect();
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

/// Every value of one area.
pub fn observations(code: &str) -> Vec<ObservationRow> {
    DEMO.dataset
        .observations
        .iter()
        .filter(|o| o.area.as_str() == code)
        .map(|o| ObservationRow {
            indicator: o.indicator.to_string(),
            year: o.year,
            value: o.value,
        })
        .collect()
}

/// The national values.
pub fn national() -> Vec<ObservationRow> {
    DEMO.dataset
        .national
        .iter()
        .map(|v| ObservationRow {
            indicator: v.indicator.to_string(),
            year: v.year,
            value: v.value,
        })
        .collect()
}

/// The (indicator, year) pairs with values at a level, ordered.
pub fn indicator_years(level: AreaLevel) -> Vec<(String, i32)> {
    let mut out: Vec<(String, i32)> = DEMO
        .dataset
        .observations
        .iter()
        .filter(|o| o.area.level() == level)
        .map(|o| (o.indicator.to_string(), o.year))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The values of one indicator in one year at a level.
pub fn values_in_year(level: AreaLevel, indicator: &str, year: i32) -> Vec<AreaValue> {
    DEMO.dataset
        .observations
        .iter()
        .filter(|o| o.area.level() == level && o.indicator == indicator && o.year == year)
        .map(|o| AreaValue {
            area: o.area.as_str().to_string(),
            indicator: o.indicator.to_string(),
            year: o.year,
            value: o.value,
        })
        .collect()
}

/// The Leefbaarometer's total score as the store lists it.
pub fn lbm_indicator() -> IndicatorRow {
    let d = wikken_data::leefbaarometer::by_code("lbm").expect("the total");
    IndicatorRow {
        code: d.code.to_string(),
        name: d.name.to_string(),
        unit: d.unit.to_string(),
        higher_is_better: d.higher_is_better,
        source: d.source.to_string(),
    }
}

/// The demo's Leefbaarometer values of one indicator in one year at a
/// level.
pub fn lbm_values_in_year(level: AreaLevel, indicator: &str, year: i32) -> Vec<AreaValue> {
    DEMO.leefbaarometer
        .observations
        .iter()
        .filter(|o| o.area.level() == level && o.indicator == indicator && o.year == year)
        .map(|o| AreaValue {
            area: o.area.as_str().to_string(),
            indicator: o.indicator.to_string(),
            year: o.year,
            value: o.value,
        })
        .collect()
}

/// The boundaries at a level, by code.
pub fn boundaries(level: AreaLevel) -> Vec<(String, MultiPolygon)> {
    let mut out: Vec<(String, MultiPolygon)> = DEMO
        .boundaries
        .boundaries
        .iter()
        .filter(|b| b.code.level() == level)
        .map(|b| (b.code.as_str().to_string(), b.shape.clone()))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A scored subject for the signal pages' tests.
pub fn scored(code: &str, score: Option<f64>, contributions: &[(&str, f64, f64)]) -> Scored {
    Scored {
        code: code.to_string(),
        score: SignalScore {
            subject: 0,
            score,
            contributions: contributions
                .iter()
                .map(|(indicator, value, share)| Contribution {
                    indicator: indicator.to_string(),
                    value: *value,
                    pressure: 1.0,
                    share: *share,
                })
                .collect(),
        },
        years: BTreeMap::from([("inwoners".to_string(), 2024)]),
        population: None,
    }
}

/// The map page's query.
pub fn query(kengetal: Option<&str>, jaar: Option<i32>, niveau: Option<&str>) -> MapQuery {
    MapQuery {
        kengetal: kengetal.map(str::to_string),
        jaar,
        niveau: niveau.map(str::to_string),
        ..MapQuery::default()
    }
}
