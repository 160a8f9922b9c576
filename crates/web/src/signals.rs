//! The "onder druk" signal of a gemeente's buurten (and of complexes):
//! which indicators, with what weight, and the scores, from the store.

use std::collections::{BTreeMap, HashMap};

use wikken_core::signal::{SignalIndicator, SignalLevel, SignalScore, pressure_scores};
use wikken_data::{AreaCode, AreaLevel};
use wikken_storage::{IndicatorRow, OrganisationId, SignalWeight, StorageError, Store};

use crate::cache::Reads;

/// What the signal is computed for: buurten or complexes (the stored
/// subject of its weights).
pub use wikken_storage::SignalSubject as Subject;

/// The weights used when an organisation has chosen none: the themes of
/// "Veerkracht in corporatiebezit" (kwetsbare huishoudens, lage inkomens,
/// mutatiegraad, overlast, bewonersoordeel) plus crime and health for
/// buurten.
const DEFAULTS: &[(Subject, &str, f64)] = &[
    (Subject::Buurt, "kwetsbare_instroom", 1.0),
    (Subject::Buurt, "lage_inkomens", 1.0),
    (Subject::Buurt, "mutatiegraad", 1.0),
    (Subject::Buurt, "overlastmeldingen", 1.0),
    (Subject::Buurt, "bewonersoordeel", 1.0),
    (Subject::Buurt, "huurachterstand", 1.0),
    (Subject::Buurt, "misdrijven_per_1000", 1.0),
    (Subject::Buurt, "pct_goed_ervaren_gezondheid", 0.5),
    (Subject::Complex, "kwetsbare_instroom", 1.0),
    (Subject::Complex, "lage_inkomens", 1.0),
    (Subject::Complex, "mutatiegraad", 1.0),
    (Subject::Complex, "overlastmeldingen", 1.0),
    (Subject::Complex, "bewonersoordeel", 1.0),
    (Subject::Complex, "huurachterstand", 1.0),
];

/// The signal's settings for a subject: the organisation's own, or the
/// defaults among the indicators it has (only indicators with a direction
/// count).
pub async fn weights(
    store: &Store,
    org: &OrganisationId,
    subject: Subject,
    indicators: &[IndicatorRow],
) -> Result<(Vec<SignalWeight>, bool), StorageError> {
    let own = store.signal_weights(org, subject).await?;
    if !own.is_empty() {
        return Ok((own, false));
    }
    let defaults = DEFAULTS
        .iter()
        .filter(|(s, code, _)| {
            *s == subject
                && indicators
                    .iter()
                    .any(|i| i.code == *code && i.higher_is_better.is_some())
        })
        .map(|(_, code, w)| SignalWeight {
            indicator: code.to_string(),
            weight: *w,
        })
        .collect();
    Ok((defaults, true))
}

/// One subject's signal.
#[derive(Debug, Clone)]
pub struct Scored {
    /// Area code or complexnummer.
    pub code: String,
    /// Its score and drivers.
    pub score: SignalScore,
    /// The year of each indicator's values.
    pub years: BTreeMap<String, i32>,
    /// Its inhabitants (buurten with a known number; `None` for complexes).
    pub population: Option<f64>,
}

/// The default minimum: fewer inhabitants than this and a buurt's signal
/// rests on too few people (an industrial estate, a new-build area). The
/// user can choose another ([`SmallBuurten`]).
pub const MIN_POPULATION: f64 = 200.0;

/// The highest minimum number of inhabitants a user can choose.
pub const MAX_MIN_POPULATION: u32 = 100_000;

/// What happens to buurten with fewer inhabitants than the minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SmallMode {
    /// Scored with the others, marked, and listed apart after them.
    #[default]
    Mark,
    /// Left out: not compared, not ranked, not counted.
    Leave,
}

impl SmallMode {
    /// Both, in the order the form offers them.
    pub const ALL: [SmallMode; 2] = [SmallMode::Mark, SmallMode::Leave];

    /// The query's value (`klein=`).
    pub fn as_str(self) -> &'static str {
        match self {
            SmallMode::Mark => "markeren",
            SmallMode::Leave => "weglaten",
        }
    }

    /// The form's label.
    pub fn label(self) -> &'static str {
        match self {
            SmallMode::Mark => "apart onderaan zetten",
            SmallMode::Leave => "weglaten uit de vergelijking",
        }
    }
}

/// The signal's rule for buurten with few inhabitants: the minimum and
/// what happens to the buurten below it. Chosen per request
/// (`?min_inwoners=&klein=`), so the list, the map and the download of
/// one choice agree.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SmallBuurten {
    /// Fewer inhabitants than this is small.
    pub min_population: u32,
    /// Mark them, or leave them out.
    pub mode: SmallMode,
}

impl Default for SmallBuurten {
    /// [`MIN_POPULATION`], marked.
    fn default() -> Self {
        SmallBuurten {
            min_population: MIN_POPULATION as u32,
            mode: SmallMode::Mark,
        }
    }
}

impl SmallBuurten {
    /// The rule of a query's `min_inwoners` and `klein` (absent or empty:
    /// the default). A value that cannot be used gives the default for it
    /// and a Dutch message saying so.
    pub fn from_query(min: Option<&str>, mode: Option<&str>) -> (SmallBuurten, Option<String>) {
        let mut rule = SmallBuurten::default();
        let mut problems = Vec::new();
        let min = min.map(str::trim).unwrap_or("");
        if !min.is_empty() {
            match wikken_core::format::parse_number(min) {
                Some(x)
                    if x.fract() == 0.0 && (0.0..=f64::from(MAX_MIN_POPULATION)).contains(&x) =>
                {
                    rule.min_population = x as u32;
                }
                _ => problems.push(format!(
                    "Het minimum aantal inwoners is een heel getal van 0 tot en met {}; \"{min}\" is dat niet. Het signaal gebruikt daarom de standaard van {} inwoners.",
                    wikken_core::format::number(f64::from(MAX_MIN_POPULATION), 0),
                    wikken_core::format::number(MIN_POPULATION, 0)
                )),
            }
        }
        match mode.map(str::trim).unwrap_or("") {
            "" => {}
            m => match SmallMode::ALL.into_iter().find(|x| x.as_str() == m) {
                Some(x) => rule.mode = x,
                None => problems.push(
                    "Kies bij buurten met weinig inwoners: apart onderaan zetten, of weglaten."
                        .to_string(),
                ),
            },
        }
        let message = (!problems.is_empty()).then(|| problems.join(" "));
        (rule, message)
    }

    /// Whether a buurt with `population` inhabitants (unknown: not small)
    /// is below the minimum.
    pub fn is_small(&self, population: Option<f64>) -> bool {
        population.is_some_and(|p| p < f64::from(self.min_population))
    }

    /// The rule as query parameters to add to a link (`&min_inwoners=…`);
    /// empty for the default, so default links stay as they were.
    pub fn query(&self) -> String {
        if *self == SmallBuurten::default() {
            String::new()
        } else {
            format!(
                "&min_inwoners={}&klein={}",
                self.min_population,
                self.mode.as_str()
            )
        }
    }

    /// "minder dan 200 inwoners".
    pub fn below(&self) -> String {
        format!(
            "minder dan {} inwoners",
            wikken_core::format::number(f64::from(self.min_population), 0)
        )
    }
}

/// The indicator that holds the number of inhabitants.
pub const POPULATION: &str = "inwoners";

impl Scored {
    /// Its level (`None` when there is no score).
    pub fn level(&self) -> Option<SignalLevel> {
        self.score.score.map(SignalLevel::of)
    }
}

/// Scores subjects from their values: `values[code]` holds (indicator,
/// year, value) triples. Each indicator is taken in its latest year among
/// the subjects, so all are compared on the same year.
pub fn score(
    codes: &[String],
    values: &HashMap<String, Vec<(String, i32, f64)>>,
    weights: &[SignalWeight],
    indicators: &[IndicatorRow],
) -> Vec<Scored> {
    let used: Vec<(SignalIndicator, i32)> = weights
        .iter()
        .filter_map(|w| {
            let def = indicators.iter().find(|i| i.code == w.indicator)?;
            let latest = codes
                .iter()
                .flat_map(|c| values.get(c).into_iter().flatten())
                .filter(|(i, _, _)| *i == w.indicator)
                .map(|(_, y, _)| *y)
                .max()?;
            Some((
                SignalIndicator {
                    code: w.indicator.clone(),
                    weight: w.weight,
                    higher_is_better: def.higher_is_better?,
                },
                latest,
            ))
        })
        .collect();
    let matrix: Vec<Vec<Option<f64>>> = codes
        .iter()
        .map(|c| {
            used.iter()
                .map(|(ind, year)| {
                    values.get(c).and_then(|vs| {
                        vs.iter()
                            .find(|(i, y, _)| *i == ind.code && y == year)
                            .map(|v| v.2)
                    })
                })
                .collect()
        })
        .collect();
    let inds: Vec<SignalIndicator> = used.iter().map(|(i, _)| i.clone()).collect();
    let years: BTreeMap<String, i32> = used.iter().map(|(i, y)| (i.code.clone(), *y)).collect();
    pressure_scores(&inds, &matrix)
        .into_iter()
        .map(|score| Scored {
            code: codes[score.subject].clone(),
            years: years.clone(),
            score,
            population: None,
        })
        .collect()
}

/// The signal of the buurten of a gemeente under a rule for small ones.
#[derive(Debug, Clone)]
pub struct BuurtSignal {
    /// The buurten compared, in buurt-code order (with the small ones
    /// when they are marked).
    pub scored: Vec<Scored>,
    /// The weights of the signal.
    pub weights: Vec<SignalWeight>,
    /// The buurten left out for having too few inhabitants: code and
    /// inhabitants (only when they are left out).
    pub left_out: Vec<(String, f64)>,
}

/// The signal of every buurt of a gemeente, in buurt-code order, with
/// every buurt compared (small ones marked by the caller).
pub async fn buurten(
    reads: &Reads,
    gemeente: &AreaCode,
    indicators: &[IndicatorRow],
) -> Result<(Vec<Scored>, Vec<SignalWeight>), StorageError> {
    let s = buurten_under(reads, gemeente, indicators, &SmallBuurten::default()).await?;
    Ok((s.scored, s.weights))
}

/// The signal of the buurten of a gemeente under `small`: when small
/// buurten are left out, they are not in the comparison at all (the
/// others are standardised among themselves).
pub async fn buurten_under(
    reads: &Reads,
    gemeente: &AreaCode,
    indicators: &[IndicatorRow],
    small: &SmallBuurten,
) -> Result<BuurtSignal, StorageError> {
    let (weights, _) = weights(reads.store(), reads.org(), Subject::Buurt, indicators).await?;
    let areas = reads.areas_in_gemeente(gemeente, AreaLevel::Buurt).await?;
    // Only the weighted indicators, each in its latest year: what `score` uses.
    // And the number of inhabitants, to mark buurten with too few.
    let mut wanted: Vec<&str> = weights.iter().map(|w| w.indicator.as_str()).collect();
    wanted.push(POPULATION);
    let mut values: HashMap<String, Vec<(String, i32, f64)>> = HashMap::new();
    for v in reads
        .latest_level_values(gemeente, AreaLevel::Buurt, &wanted)
        .await?
        .iter()
    {
        values
            .entry(v.area.clone())
            .or_default()
            .push((v.indicator.clone(), v.year, v.value));
    }
    let population = |code: &str| {
        values
            .get(code)
            .and_then(|vs| vs.iter().find(|(i, _, _)| i == POPULATION))
            .map(|v| v.2)
    };
    let mut codes = Vec::new();
    let mut left_out = Vec::new();
    for a in areas.iter() {
        let p = population(&a.code);
        match p {
            Some(p) if small.mode == SmallMode::Leave && small.is_small(Some(p)) => {
                left_out.push((a.code.clone(), p));
            }
            _ => codes.push(a.code.clone()),
        }
    }
    let mut scored = score(&codes, &values, &weights, indicators);
    for s in &mut scored {
        s.population = population(&s.code);
    }
    Ok(BuurtSignal {
        scored,
        weights,
        left_out,
    })
}

/// The signal of every complex of the organisation, compared with each
/// other, in complexnummer order.
pub async fn complexes(
    store: &Store,
    org: &OrganisationId,
    indicators: &[IndicatorRow],
) -> Result<(Vec<Scored>, Vec<SignalWeight>), StorageError> {
    let (weights, _) = weights(store, org, Subject::Complex, indicators).await?;
    let complexes = store.complexes(org).await?;
    let mut values: HashMap<String, Vec<(String, i32, f64)>> = HashMap::new();
    for c in &complexes {
        for o in store.complex_observations(org, &c.code).await? {
            if weights.iter().any(|w| w.indicator == o.indicator) {
                values
                    .entry(c.code.to_string())
                    .or_default()
                    .push((o.indicator, o.year, o.value));
            }
        }
    }
    let codes: Vec<String> = complexes.into_iter().map(|c| c.code.0).collect();
    Ok((score(&codes, &values, &weights, indicators), weights))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_for_small_buurten_is_read_from_the_query() {
        let (rule, problem) = SmallBuurten::from_query(None, None);
        assert_eq!((rule, problem), (SmallBuurten::default(), None));
        assert_eq!(rule.query(), "", "default links stay as they were");
        let (rule, problem) = SmallBuurten::from_query(Some(" 1.500 "), Some("weglaten"));
        assert_eq!(problem, None);
        assert_eq!(
            rule,
            SmallBuurten {
                min_population: 1500,
                mode: SmallMode::Leave
            }
        );
        assert_eq!(rule.query(), "&min_inwoners=1500&klein=weglaten");
        assert_eq!(rule.below(), "minder dan 1.500 inwoners");
        assert!(rule.is_small(Some(1499.0)) && !rule.is_small(Some(1500.0)));
        assert!(!rule.is_small(None), "unknown is not small");
        for bad in ["-5", "abc", "12,5", "100001"] {
            let (rule, problem) = SmallBuurten::from_query(Some(bad), Some("markeren"));
            assert_eq!(rule, SmallBuurten::default(), "{bad}");
            let problem = problem.unwrap();
            assert!(
                problem.starts_with(
                    "Het minimum aantal inwoners is een heel getal van 0 tot en met 100.000"
                ) && problem.contains(&format!("\"{bad}\"")),
                "{problem}"
            );
        }
        let (rule, problem) = SmallBuurten::from_query(Some("300"), Some("verstoppen"));
        assert_eq!(rule.min_population, 300);
        assert!(problem.unwrap().contains("weglaten"));
    }
}
