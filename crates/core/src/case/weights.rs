//! How a party weighs the criteria: directly, by dividing 100 points, or by
//! AHP pairwise comparison. Every method ends in one weight per criterion.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::engine::ahp;
use crate::model::Criterion;

/// How weights are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeightMethod {
    /// Any non-negative numbers; only their ratios matter.
    #[default]
    Direct,
    /// Whole points that add up to 100.
    Points,
    /// Pairwise comparison on Saaty's 1–9 scale.
    Ahp,
}

impl WeightMethod {
    /// All methods, in the order the form offers them.
    pub const ALL: [WeightMethod; 3] = [
        WeightMethod::Direct,
        WeightMethod::Points,
        WeightMethod::Ahp,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            WeightMethod::Direct => "direct",
            WeightMethod::Points => "points",
            WeightMethod::Ahp => "ahp",
        }
    }

    /// The Dutch label.
    pub fn label(self) -> &'static str {
        match self {
            WeightMethod::Direct => "Direct gewicht",
            WeightMethod::Points => "100 punten verdelen",
            WeightMethod::Ahp => "Paarsgewijs vergelijken (AHP)",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<WeightMethod> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// One weighing of the case's criteria.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Weighting {
    /// The method.
    pub method: WeightMethod,
    /// Per criterion id: the weight (direct) or the points (points).
    #[serde(default)]
    pub values: IndexMap<String, f64>,
    /// For AHP: the pairwise matrix over the criteria in the case's order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ahp: Option<Vec<Vec<f64>>>,
}

/// Why a weighing cannot give weights (Dutch, for the form).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeightError {
    /// A criterion has no value.
    #[error("geen gewicht voor {0}")]
    Missing(String),
    /// A value is negative or not a number.
    #[error("{0}: een gewicht is 0 of meer")]
    Negative(String),
    /// All weights are 0.
    #[error("ten minste één gewicht moet groter zijn dan 0")]
    AllZero,
    /// Points are not whole or do not add up to 100.
    #[error("de punten tellen op tot {0}, niet tot 100")]
    PointsSum(String),
    /// A point value is not a whole number.
    #[error("{0}: punten zijn hele getallen")]
    NotWhole(String),
    /// The AHP matrix does not fit the criteria.
    #[error("de vergelijkingsmatrix past niet bij de criteria")]
    AhpShape,
    /// More than ten criteria for AHP.
    #[error("paarsgewijs vergelijken kan met ten hoogste 10 criteria")]
    AhpTooMany,
}

/// The AHP outcome for a matrix: weights, consistency and the pair to
/// look at again.
#[derive(Debug, Clone, PartialEq)]
pub struct AhpCheck {
    /// Weights in criterion order, summing to 1.
    pub weights: Vec<f64>,
    /// Consistency ratio (0 for two or fewer criteria).
    pub cr: f64,
    /// The most inconsistent pair (row, column), when the ratio is above 0.10.
    pub worst_pair: Option<(usize, usize)>,
}

/// Checks an AHP matrix: its weights, consistency ratio, and the pair that
/// fits the weights worst when the ratio is too high.
pub fn check_ahp(matrix: &[Vec<f64>]) -> AhpCheck {
    let r = ahp::ahp(matrix);
    let worst_pair = if r.cr > ahp::CR_THRESHOLD {
        ahp::most_inconsistent_pair(matrix, &r.weights)
    } else {
        None
    };
    AhpCheck {
        weights: r.weights,
        cr: r.cr,
        worst_pair,
    }
}

/// A weighing whose pairwise comparisons contradict each other: whose it
/// is (the stakeholder name the results use: "Gezamenlijk" or the party's
/// name) and its consistency ratio, above [`ahp::CR_THRESHOLD`].
#[derive(Debug, Clone, PartialEq)]
pub struct Inconsistent {
    /// "Gezamenlijk", or the party's name as in the results.
    pub holder: String,
    /// The consistency ratio.
    pub cr: f64,
}

impl super::CaseDoc {
    /// Every AHP weighing (the shared one and each party's) whose
    /// consistency ratio is above 0,10, so that the results can flag the
    /// ranks that rest on it.
    pub fn inconsistent_weighings(&self) -> Vec<Inconsistent> {
        let cr = |w: &Weighting| match (&w.method, &w.ahp) {
            (WeightMethod::Ahp, Some(m)) if m.len() == self.criteria.len() => {
                Some(check_ahp(m).cr).filter(|cr| *cr > ahp::CR_THRESHOLD)
            }
            _ => None,
        };
        let shared = cr(&self.weighting).map(|cr| Inconsistent {
            holder: "Gezamenlijk".to_string(),
            cr,
        });
        let parties = self.party_weights.iter().filter_map(|p| {
            cr(&p.weighting).map(|cr| Inconsistent {
                holder: self
                    .participant(&p.participant)
                    .map_or(p.participant.clone(), |x| x.name.clone()),
                cr,
            })
        });
        shared.into_iter().chain(parties).collect()
    }
}

/// A reciprocal matrix from the upper triangle: `upper[(i, j)]` for i < j
/// is how much more important criterion i is than j (1/9..=9).
pub fn matrix_from_upper(n: usize, upper: impl Fn(usize, usize) -> f64) -> Vec<Vec<f64>> {
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| match i.cmp(&j) {
                    std::cmp::Ordering::Less => upper(i, j),
                    std::cmp::Ordering::Greater => 1.0 / upper(j, i),
                    std::cmp::Ordering::Equal => 1.0,
                })
                .collect()
        })
        .collect()
}

impl Weighting {
    /// Equal direct weights (1) for the criteria.
    pub fn equal(criteria: &[Criterion]) -> Weighting {
        Weighting {
            method: WeightMethod::Direct,
            values: criteria.iter().map(|c| (c.id.clone(), 1.0)).collect(),
            ahp: None,
        }
    }

    /// The weights per criterion (in the criteria's order), normalised to
    /// sum 1, or why they cannot be had.
    pub fn weights(&self, criteria: &[Criterion]) -> Result<Vec<f64>, WeightError> {
        let raw = match self.method {
            WeightMethod::Direct | WeightMethod::Points => {
                let mut raw = Vec::with_capacity(criteria.len());
                for c in criteria {
                    let v = *self
                        .values
                        .get(&c.id)
                        .ok_or_else(|| WeightError::Missing(c.name.clone()))?;
                    if !(v >= 0.0 && v.is_finite()) {
                        return Err(WeightError::Negative(c.name.clone()));
                    }
                    if self.method == WeightMethod::Points && v.fract() != 0.0 {
                        return Err(WeightError::NotWhole(c.name.clone()));
                    }
                    raw.push(v);
                }
                if self.method == WeightMethod::Points {
                    let sum: f64 = raw.iter().sum();
                    if sum != 100.0 {
                        return Err(WeightError::PointsSum(crate::format::number(sum, 0)));
                    }
                }
                raw
            }
            WeightMethod::Ahp => {
                if criteria.len() > crate::validate::AHP_MAX_CRITERIA {
                    return Err(WeightError::AhpTooMany);
                }
                let m = self.ahp.as_ref().ok_or(WeightError::AhpShape)?;
                if m.len() != criteria.len() || m.iter().any(|r| r.len() != criteria.len()) {
                    return Err(WeightError::AhpShape);
                }
                return Ok(check_ahp(m).weights);
            }
        };
        let sum: f64 = raw.iter().sum();
        if sum <= 0.0 {
            return Err(WeightError::AllZero);
        }
        Ok(raw.iter().map(|w| w / sum).collect())
    }

    /// Keeps the weighing in step with the criteria after one was added or
    /// removed: new criteria get weight 1 (direct), 0 (points) or
    /// "equally important" (AHP); removed ones are dropped.
    pub fn align(&mut self, old: &[String], criteria: &[Criterion]) {
        let fill = match self.method {
            WeightMethod::Points => 0.0,
            _ => 1.0,
        };
        self.values = criteria
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    self.values.get(&c.id).copied().unwrap_or(fill),
                )
            })
            .collect();
        if let Some(m) = &self.ahp {
            let pos = |id: &str| old.iter().position(|o| o == id);
            let n = criteria.len();
            let mut new = vec![vec![1.0; n]; n];
            for (i, ci) in criteria.iter().enumerate() {
                for (j, cj) in criteria.iter().enumerate() {
                    if let (Some(a), Some(b)) = (pos(&ci.id), pos(&cj.id))
                        && a < m.len()
                        && b < m[a].len()
                    {
                        new[i][j] = m[a][b];
                    }
                }
            }
            self.ahp = Some(new);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;

    fn crit(ids: &[&str]) -> Vec<Criterion> {
        ids.iter()
            .map(|id| Criterion {
                id: id.to_string(),
                name: id.to_uppercase(),
                direction: Direction::Max,
                weight: 1.0,
            })
            .collect()
    }

    #[test]
    fn direct_weights_are_normalised() {
        let c = crit(&["a", "b"]);
        let w = Weighting {
            method: WeightMethod::Direct,
            values: [("a".into(), 3.0), ("b".into(), 1.0)].into_iter().collect(),
            ahp: None,
        };
        assert_eq!(w.weights(&c).unwrap(), vec![0.75, 0.25]);
    }

    #[test]
    fn points_must_add_up_to_100() {
        let c = crit(&["a", "b"]);
        let mut w = Weighting {
            method: WeightMethod::Points,
            values: [("a".into(), 60.0), ("b".into(), 30.0)]
                .into_iter()
                .collect(),
            ahp: None,
        };
        assert_eq!(w.weights(&c), Err(WeightError::PointsSum("90".into())));
        w.values["b"] = 40.0;
        assert_eq!(w.weights(&c).unwrap(), vec![0.6, 0.4]);
        w.values["b"] = 39.5;
        assert_eq!(w.weights(&c), Err(WeightError::NotWhole("B".into())));
    }

    #[test]
    fn all_zero_and_missing_are_refused() {
        let c = crit(&["a", "b"]);
        let mut w = Weighting::equal(&c);
        w.values["a"] = 0.0;
        w.values["b"] = 0.0;
        assert_eq!(w.weights(&c), Err(WeightError::AllZero));
        w.values.shift_remove("b");
        assert_eq!(w.weights(&c), Err(WeightError::Missing("B".into())));
    }

    #[test]
    fn an_inconsistent_party_weighing_is_named_for_the_results() {
        use crate::case::{CaseArea, CaseDoc, DecisionLevel, ParticipantRole};
        use crate::model::Direction;
        let mut d = CaseDoc::new("Vraag", DecisionLevel::Wijk, CaseArea::default(), 2027);
        for name in ["A", "B", "C"] {
            d.add_criterion(name, Direction::Max).unwrap();
        }
        let huurders = d
            .add_participant("Huurders", ParticipantRole::Adviseur)
            .unwrap();
        let gemeente = d
            .add_participant("Gemeente", ParticipantRole::Beslisser)
            .unwrap();
        let circular = matrix_from_upper(3, |i, j| match (i, j) {
            (0, 1) | (1, 2) => 5.0,
            _ => 1.0 / 5.0,
        });
        let consistent = matrix_from_upper(3, |_, _| 1.0);
        for (who, m) in [(&huurders, circular), (&gemeente, consistent)] {
            let w = Weighting {
                method: WeightMethod::Ahp,
                values: IndexMap::new(),
                ahp: Some(m),
            };
            d.set_party_weighting(who, w).unwrap();
        }
        let flagged = d.inconsistent_weighings();
        assert_eq!(flagged.len(), 1, "{flagged:?}");
        assert_eq!(flagged[0].holder, "Huurders");
        assert!(flagged[0].cr > 0.1);
    }

    #[test]
    fn ahp_points_out_the_inconsistent_pair() {
        // a ≫ b, b ≫ c, but c ≫ a: circular.
        let m = matrix_from_upper(3, |i, j| match (i, j) {
            (0, 1) => 5.0,
            (1, 2) => 5.0,
            _ => 1.0 / 5.0,
        });
        let check = check_ahp(&m);
        assert!(check.cr > 0.1, "cr {}", check.cr);
        assert!(check.worst_pair.is_some());
        let consistent = matrix_from_upper(3, |i, j| match (i, j) {
            (0, 1) => 2.0,
            (1, 2) => 2.0,
            _ => 4.0,
        });
        let ok = check_ahp(&consistent);
        assert!(ok.cr < 1e-9 && ok.worst_pair.is_none());
        assert!((ok.weights[0] - 4.0 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn align_keeps_known_values_and_fills_new_ones() {
        let old = crit(&["a", "b"]);
        let mut w = Weighting {
            method: WeightMethod::Ahp,
            values: IndexMap::new(),
            ahp: Some(matrix_from_upper(2, |_, _| 3.0)),
        };
        let new = crit(&["b", "c", "a"]);
        let old_ids: Vec<String> = old.iter().map(|c| c.id.clone()).collect();
        w.align(&old_ids, &new);
        let m = w.ahp.unwrap();
        assert_eq!(m[2][0], 3.0); // a over b kept
        assert_eq!(m[0][2], 1.0 / 3.0);
        assert_eq!(m[1][0], 1.0); // c is new
    }
}
