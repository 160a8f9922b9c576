//! The "onder druk" signal: a transparent score per area or complex from
//! chosen indicators, each standardised across the compared subjects,
//! turned so that a higher value means more pressure, and weighted.
//!
//! For subject `s` and indicator `i` with value `x`, mean `m` and
//! population standard deviation `sd` over the subjects that have a value:
//! `z = (x - m) / sd` (0 when `sd` is 0), pressure `p = -z` when higher is
//! better and `z` otherwise, and the score is `Σ w_i p_i / Σ w_i` over the
//! indicators the subject has a value for.

/// An indicator in the signal.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalIndicator {
    /// Its code.
    pub code: String,
    /// Its weight (> 0).
    pub weight: f64,
    /// Is a higher value better? (Then a low value signals pressure.)
    pub higher_is_better: bool,
}

/// What one indicator adds to one subject's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    /// The indicator's code.
    pub indicator: String,
    /// The value.
    pub value: f64,
    /// Standardised, turned so that positive means more pressure.
    pub pressure: f64,
    /// `weight × pressure / Σ weights` of the subject's indicators: the
    /// contributions add up to the score.
    pub share: f64,
}

/// One subject's score.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalScore {
    /// Index of the subject in the input.
    pub subject: usize,
    /// The score; `None` when the subject has no value of any indicator.
    pub score: Option<f64>,
    /// The contributions, largest first (the drivers).
    pub contributions: Vec<Contribution>,
}

/// How strong a signal is, for labels and map colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SignalLevel {
    /// Below 0.5 standard deviations.
    None,
    /// 0.5 standard deviations or more.
    Pressure,
    /// 1 standard deviation or more.
    StrongPressure,
}

impl SignalLevel {
    /// The level of a score.
    pub fn of(score: f64) -> SignalLevel {
        if score >= 1.0 {
            SignalLevel::StrongPressure
        } else if score >= 0.5 {
            SignalLevel::Pressure
        } else {
            SignalLevel::None
        }
    }

    /// Dutch label.
    pub fn label(self) -> &'static str {
        match self {
            SignalLevel::None => "geen signaal",
            SignalLevel::Pressure => "onder druk",
            SignalLevel::StrongPressure => "sterk onder druk",
        }
    }
}

/// Scores every subject. `values[s][i]` is subject `s`'s value of
/// indicator `i` (`None` when missing). Results are in subject order.
pub fn pressure_scores(
    indicators: &[SignalIndicator],
    values: &[Vec<Option<f64>>],
) -> Vec<SignalScore> {
    let stats: Vec<(f64, f64)> = (0..indicators.len())
        .map(|i| {
            let xs: Vec<f64> = values.iter().filter_map(|row| row[i]).collect();
            let n = xs.len() as f64;
            if xs.is_empty() {
                return (0.0, 0.0);
            }
            let mean = xs.iter().sum::<f64>() / n;
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
            (mean, var.sqrt())
        })
        .collect();
    values
        .iter()
        .enumerate()
        .map(|(s, row)| {
            let present: Vec<usize> = (0..indicators.len())
                .filter(|&i| row[i].is_some() && indicators[i].weight > 0.0)
                .collect();
            let total: f64 = present.iter().map(|&i| indicators[i].weight).sum();
            let mut contributions: Vec<Contribution> = present
                .iter()
                .map(|&i| {
                    let value = row[i].unwrap_or_default();
                    let (mean, sd) = stats[i];
                    let z = if sd > 0.0 { (value - mean) / sd } else { 0.0 };
                    let pressure = if indicators[i].higher_is_better {
                        -z
                    } else {
                        z
                    };
                    Contribution {
                        indicator: indicators[i].code.clone(),
                        value,
                        pressure,
                        share: indicators[i].weight * pressure / total,
                    }
                })
                .collect();
            contributions.sort_by(|a, b| b.share.total_cmp(&a.share));
            SignalScore {
                subject: s,
                score: (!present.is_empty()).then(|| contributions.iter().map(|c| c.share).sum()),
                contributions,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind(code: &str, weight: f64, higher_is_better: bool) -> SignalIndicator {
        SignalIndicator {
            code: code.into(),
            weight,
            higher_is_better,
        }
    }

    #[test]
    fn standardises_turns_and_weights() {
        // Crime (lower is better) 10, 20, 30: z = -1.2247, 0, 1.2247.
        // Judgement (higher is better) 8, 7, 6: pressure = z of crime.
        let inds = [ind("misdrijven", 1.0, false), ind("oordeel", 3.0, true)];
        let values = vec![
            vec![Some(10.0), Some(8.0)],
            vec![Some(20.0), Some(7.0)],
            vec![Some(30.0), Some(6.0)],
        ];
        let scores = pressure_scores(&inds, &values);
        let z = (1.5f64).sqrt();
        assert!((scores[2].score.unwrap() - z).abs() < 1e-12);
        assert!((scores[0].score.unwrap() + z).abs() < 1e-12);
        assert!(scores[1].score.unwrap().abs() < 1e-12);
        // The weighted driver comes first: 3/4 of the score.
        assert_eq!(scores[2].contributions[0].indicator, "oordeel");
        assert!((scores[2].contributions[0].share - 0.75 * z).abs() < 1e-12);
        assert_eq!(
            SignalLevel::of(scores[2].score.unwrap()),
            SignalLevel::StrongPressure
        );
    }

    #[test]
    fn missing_values_renormalise_and_constant_indicators_add_nothing() {
        let inds = [ind("a", 1.0, false), ind("b", 1.0, false)];
        let values = vec![
            vec![Some(1.0), Some(5.0)],
            vec![Some(3.0), Some(5.0)],
            vec![None, None],
            vec![Some(2.0), None],
        ];
        let scores = pressure_scores(&inds, &values);
        assert_eq!(scores[2].score, None);
        // Subject 3 has only `a`, at the mean: 0. Subject 1: a is +1.2247, b 0 → half.
        assert!(scores[3].score.unwrap().abs() < 1e-12);
        let za = 1.0 / (2.0f64 / 3.0).sqrt();
        assert!((scores[1].score.unwrap() - za / 2.0).abs() < 1e-12);
    }
}
