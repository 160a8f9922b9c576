//! A list of buurten or complexes in order of their signal: each row's
//! place, level, score and drivers, the counts per level, and the
//! indicators and weights that make the score. Buurten below the chosen
//! minimum of inhabitants form a group of their own after the others, not
//! counted with them.

use std::cmp::Ordering;

use wikken_core::format;
use wikken_core::signal::SignalLevel;
use wikken_storage::{IndicatorRow, SignalWeight};

use crate::pages::{direction_text, fmt_value};
use crate::signals::{Scored, SmallBuurten};

/// How many drivers a row names.
const DRIVERS: usize = 3;

/// An indicator of the score with its weight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeightRow {
    /// The indicator's name (its code when unknown).
    pub name: String,
    /// "hoger is beter", ...; `None` for an unknown indicator.
    pub direction: Option<&'static str>,
    /// "1,5".
    pub weight: String,
    /// The year its values are from; `None` without values.
    pub year: Option<i32>,
}

/// The level of a scored row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelCell {
    /// "level-2".
    pub class: String,
    /// "sterk onder druk".
    pub label: &'static str,
    /// "1,23".
    pub score: String,
}

/// A buurt or complex in order of its score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignalRow {
    /// Its place, from 1.
    pub rank: usize,
    /// The buurt's code on the row (to highlight it); `None` for complexes.
    pub data_code: Option<String>,
    /// Its page.
    pub href: String,
    /// Its name ("B-77 Achthoevenflat" for a complex).
    pub name: String,
    /// Its level and score; `None` without values ("geen gegevens").
    pub level: Option<LevelCell>,
    /// "Overlastmeldingen: 12", the largest drivers first.
    pub drivers: Vec<String>,
    /// Why the score should be read with care ("rust op één kengetal",
    /// "weinig inwoners (66)").
    pub caveats: Vec<String>,
}

/// A list of buurten or complexes with their counts and weights.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectList {
    /// "2 sterk onder druk, 3 onder druk, van 20 buurten." (the small
    /// buurten not counted).
    pub summary: String,
    /// The indicators of the score.
    pub weights: Vec<WeightRow>,
    /// Every buurt or complex compared, highest score first.
    pub rows: Vec<SignalRow>,
    /// The buurten below the minimum of inhabitants, highest score first
    /// (ranked among themselves); empty for complexes.
    pub small: Vec<SignalRow>,
}

/// Whether a subject is below the minimum of inhabitants (`small` is
/// `None` for complexes).
fn too_few(s: &Scored, small: Option<&SmallBuurten>) -> bool {
    small.is_some_and(|r| r.is_small(s.population))
}

/// Sorts by score, highest first; buurten with too few inhabitants after
/// those, and subjects without a score last, by code. The export lists
/// them in this order too.
pub(crate) fn by_score(scored: &mut [Scored], small: Option<&SmallBuurten>) {
    scored.sort_by(|a, b| {
        too_few(a, small).cmp(&too_few(b, small)).then_with(|| {
            match (a.score.score, b.score.score) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => a.code.cmp(&b.code),
            }
        })
    });
}

/// Why a score should be read with care.
pub(crate) fn caveats(
    s: &Scored,
    weights: &[SignalWeight],
    small: Option<&SmallBuurten>,
) -> Vec<String> {
    let mut out = Vec::new();
    if s.score.score.is_some() && weights.len() > 1 && s.score.contributions.len() == 1 {
        out.push("rust op één kengetal; de andere ontbreken".to_string());
    }
    if let Some(p) = s.population.filter(|_| too_few(s, small)) {
        out.push(format!(
            "weinig inwoners ({}): niet goed te vergelijken",
            format::number(p, 0)
        ));
    }
    out
}

fn level_cell(s: &Scored) -> Option<LevelCell> {
    match (s.level(), s.score.score) {
        (Some(l), Some(v)) => Some(LevelCell {
            class: format!("level-{}", l as usize),
            label: l.label(),
            score: format::number(v, 2),
        }),
        _ => None,
    }
}

/// The indicators that raise the score most, with their values.
fn drivers(s: &Scored, indicators: &[IndicatorRow]) -> Vec<String> {
    s.score
        .contributions
        .iter()
        .filter(|c| c.share > 0.0)
        .take(DRIVERS)
        .map(|c| {
            let ind = indicators.iter().find(|i| i.code == c.indicator);
            format!(
                "{}: {}",
                ind.map_or(c.indicator.as_str(), |i| i.name.as_str()),
                fmt_value(c.value, ind.map_or("", |i| i.unit.as_str()))
            )
        })
        .collect()
}

/// The indicators of a score, with the year of their values (the same for
/// every subject).
fn weight_rows(
    weights: &[SignalWeight],
    scored: &[Scored],
    indicators: &[IndicatorRow],
) -> Vec<WeightRow> {
    weights
        .iter()
        .map(|w| {
            let ind = indicators.iter().find(|i| i.code == w.indicator);
            WeightRow {
                name: ind.map_or(w.indicator.clone(), |i| i.name.clone()),
                direction: ind.map(direction_text),
                weight: format::number(w.weight, 1),
                year: scored
                    .first()
                    .and_then(|s| s.years.get(&w.indicator).copied()),
            }
        })
        .collect()
}

/// "2 sterk onder druk, 3 onder druk, van 20 buurten."
fn summary(scored: &[Scored], what: &str) -> String {
    let count = |l: SignalLevel| scored.iter().filter(|s| s.level() == Some(l)).count();
    format!(
        "{} sterk onder druk, {} onder druk, van {} {what}.",
        count(SignalLevel::StrongPressure),
        count(SignalLevel::Pressure),
        scored.len()
    )
}

/// A list in order of the score; `row` makes each row's code, link and
/// name. With `small` (buurten), those below its minimum are a group of
/// their own.
pub fn list(
    mut scored: Vec<Scored>,
    weights: &[SignalWeight],
    indicators: &[IndicatorRow],
    what: &str,
    small: Option<&SmallBuurten>,
    row: impl Fn(&Scored) -> (Option<String>, String, String),
) -> SubjectList {
    by_score(&mut scored, small);
    let split = scored
        .iter()
        .position(|s| too_few(s, small))
        .unwrap_or(scored.len());
    let rows = |group: &[Scored]| -> Vec<SignalRow> {
        group
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let (data_code, href, name) = row(s);
                SignalRow {
                    rank: k + 1,
                    data_code,
                    href,
                    name,
                    level: level_cell(s),
                    drivers: drivers(s, indicators),
                    caveats: caveats(s, weights, small),
                }
            })
            .collect()
    };
    let (compared, below) = scored.split_at(split);
    SubjectList {
        summary: summary(compared, what),
        weights: weight_rows(weights, &scored, indicators),
        rows: rows(compared),
        small: rows(below),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::demo_rows::{self, scored};

    fn weight(indicator: &str, weight: f64) -> SignalWeight {
        SignalWeight {
            indicator: indicator.into(),
            weight,
        }
    }

    /// Rows named and linked by their code.
    fn by_code(s: &Scored) -> (Option<String>, String, String) {
        (None, format!("/x/{}", s.code), s.code.clone())
    }

    #[test]
    fn a_buurt_with_few_inhabitants_or_one_indicator_is_marked_and_a_small_one_listed_after() {
        // An industrial estate with 66 inwoners and a high score on one
        // indicator; a real buurt with a lower score on both.
        let mut estate = scored("BEDRIJVEN", Some(2.5), &[("misdrijven", 40.0, 1.0)]);
        estate.population = Some(66.0);
        let mut buurt = scored(
            "WOONBUURT",
            Some(1.1),
            &[("misdrijven", 12.0, 0.6), ("leegstand", 4.0, 0.4)],
        );
        buurt.population = Some(2_400.0);
        let list = list(
            vec![estate, buurt],
            &[weight("misdrijven", 1.0), weight("leegstand", 1.0)],
            &[],
            "buurten",
            Some(&SmallBuurten::default()),
            by_code,
        );
        let names: Vec<&str> = list.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["WOONBUURT"]);
        assert!(list.rows[0].caveats.is_empty());
        assert_eq!(list.small.len(), 1);
        assert_eq!(list.small[0].name, "BEDRIJVEN");
        assert_eq!(
            list.small[0].caveats,
            [
                "rust op één kengetal; de andere ontbreken",
                "weinig inwoners (66): niet goed te vergelijken"
            ]
        );
        assert_eq!(
            list.summary,
            "1 sterk onder druk, 0 onder druk, van 1 buurten."
        );
    }

    #[test]
    fn a_higher_minimum_moves_a_buurt_to_the_small_group() {
        let mut a = scored("A", Some(1.2), &[]);
        a.population = Some(450.0);
        let mut b = scored("B", Some(0.7), &[]);
        b.population = Some(3_000.0);
        let at = |min: u32| {
            let rule = SmallBuurten {
                min_population: min,
                ..SmallBuurten::default()
            };
            list(
                vec![a.clone(), b.clone()],
                &[],
                &[],
                "buurten",
                Some(&rule),
                by_code,
            )
        };
        let l = at(200);
        assert_eq!((l.rows.len(), l.small.len()), (2, 0));
        assert_eq!(
            l.summary,
            "1 sterk onder druk, 1 onder druk, van 2 buurten."
        );
        let l = at(500);
        assert_eq!((l.rows.len(), l.small.len()), (1, 1));
        assert_eq!(l.small[0].name, "A");
        assert_eq!(
            l.summary,
            "0 sterk onder druk, 1 onder druk, van 1 buurten."
        );
    }

    #[test]
    fn rows_run_from_the_highest_score_with_unscored_ones_last_by_code() {
        let list = list(
            vec![
                scored("D", None, &[]),
                scored("A", Some(0.2), &[]),
                scored("C", None, &[]),
                scored("B", Some(1.2), &[]),
                scored("E", Some(0.7), &[]),
            ],
            &[],
            &[],
            "buurten",
            Some(&SmallBuurten::default()),
            by_code,
        );
        let order: Vec<(usize, &str)> = list
            .rows
            .iter()
            .map(|r| (r.rank, r.name.as_str()))
            .collect();
        assert_eq!(order, [(1, "B"), (2, "E"), (3, "A"), (4, "C"), (5, "D")]);
        assert_eq!(
            list.summary,
            "1 sterk onder druk, 1 onder druk, van 5 buurten."
        );
        assert_eq!(
            list.rows[0].level,
            Some(LevelCell {
                class: "level-2".into(),
                label: "sterk onder druk",
                score: "1,20".into(),
            })
        );
        assert_eq!(list.rows[2].level.as_ref().unwrap().class, "level-0");
        assert_eq!(list.rows[4].level, None);
    }

    #[test]
    fn the_drivers_are_the_three_largest_that_raise_the_score() {
        let list = list(
            vec![scored(
                "A",
                Some(0.8),
                &[
                    ("inwoners", 1234.0, 0.5),
                    ("eigen_kengetal", 6.54, 0.3),
                    ("pct_corporatiebezit", 41.26, 0.2),
                    ("gem_woz_waarde", 250.0, 0.1),
                    ("pct_koopwoningen", 30.0, -0.4),
                ],
            )],
            &[],
            &demo_rows::indicators(),
            "buurten",
            Some(&SmallBuurten::default()),
            by_code,
        );
        assert_eq!(
            list.rows[0].drivers,
            [
                "Inwoners: 1.234",
                "eigen_kengetal: 6,54",
                "Huurwoningen van een woningcorporatie: 41,3 %"
            ]
        );
    }

    #[test]
    fn the_weights_name_their_indicator_its_direction_and_the_year_used() {
        let weights = [weight("inwoners", 1.5), weight("eigen_kengetal", 2.0)];
        let list = list(
            vec![scored("A", Some(0.1), &[])],
            &weights,
            &demo_rows::indicators(),
            "buurten",
            Some(&SmallBuurten::default()),
            by_code,
        );
        assert_eq!(
            list.weights,
            [
                WeightRow {
                    name: "Inwoners".into(),
                    direction: Some("geen richting"),
                    weight: "1,5".into(),
                    year: Some(2024),
                },
                WeightRow {
                    name: "eigen_kengetal".into(),
                    direction: None,
                    weight: "2,0".into(),
                    year: None,
                },
            ]
        );
    }
}
