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

/// Fewer inhabitants than this and a buurt's signal is marked as resting
/// on too few people (an industrial estate, a new-build area), and listed
/// after the buurten it can be compared with.
pub const MIN_POPULATION: f64 = 200.0;

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

/// The signal of every buurt of a gemeente, in buurt-code order.
pub async fn buurten(
    reads: &Reads,
    gemeente: &AreaCode,
    indicators: &[IndicatorRow],
) -> Result<(Vec<Scored>, Vec<SignalWeight>), StorageError> {
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
    let codes: Vec<String> = areas.iter().map(|a| a.code.clone()).collect();
    let mut scored = score(&codes, &values, &weights, indicators);
    for s in &mut scored {
        s.population = values
            .get(&s.code)
            .and_then(|vs| vs.iter().find(|(i, _, _)| i == POPULATION))
            .map(|v| v.2);
    }
    Ok((scored, weights))
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
