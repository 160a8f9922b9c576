//! Context beside a goal's light, never the light itself: how comparable
//! areas do on the same indicator — the median of the other areas of the
//! same level (buurten for a buurt, wijken for a wijk) in the CBS data
//! the organisation imported (all of the Netherlands when it imported the
//! national file), narrowed to the same degree of urbanity when that is
//! known and leaves enough areas — and the figure for Nederland, in the
//! year of the goal's latest figure.

use std::collections::HashMap;
use std::sync::Arc;

use maud::{Markup, html};
use wikken_core::agreement::{AreaScope, Goal, IndicatorSource};
use wikken_core::goals::Point;
use wikken_data::{AreaCode, AreaLevel};
use wikken_storage::{AreaValue, ObservationRow};

use super::GoalCourse;
use super::overview::value;
use crate::cache::Reads;
use crate::error::AppError;

/// The indicator of urbanity (CBS's stedelijkheid, 1 = very strongly
/// urban … 5 = not urban).
const URBANITY: &str = "stedelijkheid";
/// Fewer areas of the same urbanity than this: compare with every area
/// of the same level instead.
const MIN_SAME_URBANITY: usize = 5;

/// The median of comparable areas.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The median value.
    pub median: f64,
    /// How many areas it is the median of.
    pub count: usize,
    /// The year.
    pub year: i32,
    /// Their level.
    pub level: AreaLevel,
    /// The urbanity class they share with the goal's area, if narrowed.
    pub urbanity: Option<i64>,
}

/// A goal's context figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Benchmark {
    /// The median of comparable areas, when there are any.
    pub comparable: Option<Comparison>,
    /// The figure for Nederland (in the year compared, or the latest
    /// before it).
    pub national: Option<Point>,
}

/// The figures comparable areas are taken from, grouped once per data
/// version: per (indicator, year, level) the values by size, each with
/// its area; the latest urbanity class per area; the national figures.
#[derive(Debug, Default)]
pub struct Index {
    groups: HashMap<(String, i32, AreaLevel), Vec<(f64, String)>>,
    urbanity: HashMap<String, i64>,
    national: Vec<ObservationRow>,
}

impl Index {
    /// Groups `values` (of any indicators, urbanity among them).
    pub fn new(values: &[AreaValue], national: &[ObservationRow]) -> Index {
        let mut groups: HashMap<(String, i32, AreaLevel), Vec<(f64, String)>> = HashMap::new();
        let mut urbanity: HashMap<String, (i32, i64)> = HashMap::new();
        for v in values.iter().filter(|v| v.value.is_finite()) {
            let Some(code) = AreaCode::parse(&v.area) else {
                continue;
            };
            if v.indicator == URBANITY {
                let e = urbanity.entry(v.area.clone()).or_insert((v.year, 0));
                if v.year >= e.0 {
                    *e = (v.year, v.value.round() as i64);
                }
            }
            groups
                .entry((v.indicator.clone(), v.year, code.level()))
                .or_default()
                .push((v.value, v.area.clone()));
        }
        for g in groups.values_mut() {
            g.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        Index {
            groups,
            urbanity: urbanity.into_iter().map(|(k, (_, u))| (k, u)).collect(),
            national: national.to_vec(),
        }
    }

    /// The latest year with values of `indicator` at `level`.
    fn latest_year(&self, indicator: &str, level: AreaLevel) -> Option<i32> {
        self.groups
            .keys()
            .filter(|(i, _, l)| i == indicator && *l == level)
            .map(|(_, y, _)| *y)
            .max()
    }

    /// The context of `goal`, whose latest figure is of `latest_year`.
    pub fn benchmark(&self, goal: &Goal, latest_year: Option<i32>) -> Benchmark {
        let IndicatorSource::Monitor { code: indicator } = &goal.indicator.source else {
            return Benchmark::default();
        };
        let Some(area) = AreaCode::parse(&goal.area.code) else {
            return Benchmark::default();
        };
        let level = area.level();
        let Some(year) = latest_year.or_else(|| self.latest_year(indicator, level)) else {
            return Benchmark::default();
        };
        let national = self
            .national
            .iter()
            .filter(|n| n.indicator == *indicator && n.year <= year)
            .max_by_key(|n| n.year)
            .map(|n| Point {
                year: n.year,
                value: n.value,
            });
        // Figures over the corporation's complexes are its own: no CBS area
        // measures the same thing.
        if goal.area.scope == AreaScope::Complexen {
            return Benchmark {
                comparable: None,
                national: None,
            };
        }
        let group = self
            .groups
            .get(&(indicator.clone(), year, level))
            .map_or(&[][..], |g| g.as_slice());
        let others: Vec<&(f64, String)> =
            group.iter().filter(|(_, a)| *a != goal.area.code).collect();
        let own_urbanity = self.urbanity.get(&goal.area.code).copied();
        let same: Vec<f64> = own_urbanity.map_or_else(Vec::new, |u| {
            others
                .iter()
                .filter(|(_, a)| self.urbanity.get(a) == Some(&u))
                .map(|(v, _)| *v)
                .collect()
        });
        let (values, urbanity) = if same.len() >= MIN_SAME_URBANITY {
            (same, own_urbanity)
        } else {
            (others.iter().map(|(v, _)| *v).collect(), None)
        };
        let comparable = median_of_sorted(&values).map(|median| Comparison {
            median,
            count: values.len(),
            year,
            level,
            urbanity,
        });
        Benchmark {
            comparable,
            national,
        }
    }
}

/// The median of values sorted ascending.
fn median_of_sorted(v: &[f64]) -> Option<f64> {
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}

/// The index for the indicators of `goals`, read and grouped once per
/// data version (cached with the monitor's reads).
pub async fn index(reads: &Reads, goals: &[Goal]) -> Result<Arc<Index>, AppError> {
    let mut codes: Vec<&str> = goals
        .iter()
        .filter_map(|g| match &g.indicator.source {
            IndicatorSource::Monitor { code } => Some(code.as_str()),
            IndicatorSource::Manual => None,
        })
        .chain([URBANITY])
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let key = format!("benchmark index {}", codes.join(","));
    let values = reads.indicator_values_everywhere(&codes).await?;
    let national = reads.national_values().await?;
    Ok(reads
        .get(key, async { Ok(Index::new(&values, &national)) })
        .await?)
}

/// The benchmark of each course, in order.
pub fn benchmarks(index: &Index, courses: &[GoalCourse]) -> Vec<Benchmark> {
    courses
        .iter()
        .map(|c| index.benchmark(&c.goal, c.assessment.latest.map(|p| p.year)))
        .collect()
}

fn level_plural(level: AreaLevel) -> &'static str {
    match level {
        AreaLevel::Buurt => "buurten",
        AreaLevel::Wijk => "wijken",
        AreaLevel::Gemeente => "gemeenten",
    }
}

/// "Ter vergelijking: mediaan van 37 buurten (2024, zelfde
/// stedelijkheid) 7,1 · Nederland 7,3 (2024)"; the reader is told it is
/// context, not the light.
pub fn text(goal: &Goal, b: &Benchmark) -> Markup {
    let unit = goal.indicator.unit.as_str();
    html! {
        @if b.comparable.is_some() || b.national.is_some() {
            p.benchmark {
                span.benchmark-label { "Ter vergelijking" } " (geen oordeel): "
                @if let Some(c) = &b.comparable {
                    "mediaan van " (c.count) " " @if c.urbanity.is_some() { "even stedelijke " } (level_plural(c.level))
                    " in de CBS-gegevens " (value(c.median, unit)) " (" (c.year) ")"
                    @if b.national.is_some() { " · " }
                }
                @if let Some(n) = &b.national { "Nederland " (value(n.value, unit)) " (" (n.year) ")" }
            }
        } @else if goal.area.scope == AreaScope::Complexen {
            p.benchmark.muted { "Geen vergelijking: eigen cijfers over de complexen van de corporatie." }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wikken_core::agreement::{GoalArea, GoalIndicator, Theme};
    use wikken_core::goals::Direction;

    fn goal(area: &str, scope: AreaScope) -> Goal {
        Goal {
            id: "d1".into(),
            theme: Theme::Leefbaarheid,
            title: "Hoger oordeel".into(),
            indicator: GoalIndicator {
                source: IndicatorSource::Monitor {
                    code: "oordeel".into(),
                },
                name: "Oordeel".into(),
                unit: "rapportcijfer".into(),
            },
            area: GoalArea {
                code: area.into(),
                name: "Vogelbuurt".into(),
                scope,
            },
            direction: Direction::Up,
            baseline: Point {
                year: 2020,
                value: 6.5,
            },
            target: Point {
                year: 2028,
                value: 7.0,
            },
            interval_years: 1,
            motivated_by: None,
            contributions: Vec::new(),
            manual: Vec::new(),
            follow_ups: Vec::new(),
        }
    }

    fn v(area: &str, indicator: &str, year: i32, value: f64) -> AreaValue {
        AreaValue {
            area: area.into(),
            indicator: indicator.into(),
            year,
            value,
        }
    }

    #[test]
    fn the_median_of_the_other_areas_of_the_same_level_in_the_same_year() {
        let values = vec![
            v("BU00010101", "oordeel", 2024, 6.0), // the goal's own buurt
            v("BU00010102", "oordeel", 2024, 7.0),
            v("BU00020101", "oordeel", 2024, 8.0),
            v("BU00030101", "oordeel", 2024, 9.0),
            v("BU00030101", "oordeel", 2023, 1.0), // another year
            v("WK000101", "oordeel", 2024, 100.0), // another level
            v("BU00040101", "anders", 2024, 100.0), // another indicator
        ];
        let national = vec![
            ObservationRow {
                indicator: "oordeel".into(),
                year: 2022,
                value: 7.2,
            },
            ObservationRow {
                indicator: "oordeel".into(),
                year: 2025,
                value: 7.9,
            },
        ];
        let index = Index::new(&values, &national);
        let b = index.benchmark(&goal("BU00010101", AreaScope::Gebied), Some(2024));
        let c = b.comparable.unwrap();
        assert_eq!((c.median, c.count, c.year), (8.0, 3, 2024));
        assert_eq!(c.level, AreaLevel::Buurt);
        assert_eq!(c.urbanity, None);
        // Nederland: the latest figure not after the year compared.
        assert_eq!(b.national.unwrap().year, 2022);
        // No figure yet: the latest year there is.
        let b = index.benchmark(&goal("BU00010101", AreaScope::Gebied), None);
        assert_eq!(b.comparable.unwrap().year, 2024);
    }

    #[test]
    fn narrowed_to_the_same_urbanity_when_enough_areas_share_it() {
        let mut values = vec![v("BU00010101", URBANITY, 2024, 2.0)];
        for k in 0..6 {
            let code = format!("BU0002010{k}");
            values.push(v(&code, URBANITY, 2024, 2.0));
            values.push(v(&code, "oordeel", 2024, 7.0 + f64::from(k) / 10.0));
        }
        for k in 0..6 {
            let code = format!("BU0003010{k}");
            values.push(v(&code, URBANITY, 2024, 5.0));
            values.push(v(&code, "oordeel", 2024, 5.0));
        }
        let index = Index::new(&values, &[]);
        let c = index
            .benchmark(&goal("BU00010101", AreaScope::Gebied), Some(2024))
            .comparable
            .unwrap();
        assert_eq!((c.count, c.urbanity), (6, Some(2)));
        assert!((c.median - 7.25).abs() < 1e-12, "{}", c.median);
        // Too few of the same urbanity: every buurt.
        let few: Vec<AreaValue> = values
            .into_iter()
            .filter(|x| !(x.area.starts_with("BU000201") && x.area.ends_with(['2', '3', '4', '5'])))
            .collect();
        let c = Index::new(&few, &[])
            .benchmark(&goal("BU00010101", AreaScope::Gebied), Some(2024))
            .comparable
            .unwrap();
        assert_eq!((c.count, c.urbanity), (8, None));
    }

    #[test]
    fn own_figures_and_hand_entered_ones_have_no_benchmark() {
        let values = vec![v("BU00010102", "oordeel", 2024, 7.0)];
        let index = Index::new(&values, &[]);
        let b = index.benchmark(&goal("BU00010101", AreaScope::Complexen), Some(2024));
        assert_eq!(b, Benchmark::default());
        let mut manual = goal("BU00010101", AreaScope::Gebied);
        manual.indicator.source = IndicatorSource::Manual;
        assert_eq!(index.benchmark(&manual, Some(2024)), Benchmark::default());
        let text = text(
            &goal("BU00010101", AreaScope::Complexen),
            &Benchmark::default(),
        );
        assert!(text.into_string().contains("Geen vergelijking"));
    }
}
