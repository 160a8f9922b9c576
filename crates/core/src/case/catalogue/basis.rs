//! What the catalogue knows about an option's figures beyond its flows:
//! how its restwaarde is computed, the published results it can be held
//! against (ijkpunt), which PM-post is its main effect, and which of its
//! outcomes other templates claim too. A template carries it and every
//! option made from the template copies it, so the pages can show it
//! without the catalogue at hand.

use serde::{Deserialize, Serialize};

use super::Template;
use crate::model::FlowKind;

/// The catalogue's knowledge of an option's figures.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Basis {
    /// How the restwaarde of its investment is computed, for stenen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual: Option<Residual>,
    /// The results of published counterparts (B/K per euro).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmark: Option<Benchmark>,
    /// The label of the PM-post that is its main effect, when that effect
    /// has no price: its B/K is then partial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_effect_pm: Option<String>,
    /// Outcomes other templates claim too (counted once in a package).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<SharedOutcome>,
}

impl Basis {
    /// Whether it says nothing (options made by hand).
    pub fn is_empty(&self) -> bool {
        *self == Basis::default()
    }

    /// The part of it that still fits `template` after an edit: the
    /// restwaarde only while its investment is still a cost flow, the main
    /// effect only while that PM-post exists, shared outcomes only for
    /// flows that exist. The ijkpunt stays.
    pub fn kept_for(&self, template: &Template) -> Basis {
        let has_flow = |label: &str, kind: Option<FlowKind>| {
            template
                .flows
                .iter()
                .any(|f| f.label == label && kind.is_none_or(|k| f.kind == k))
        };
        Basis {
            residual: self
                .residual
                .clone()
                .filter(|r| has_flow(&r.asset, Some(FlowKind::Cost))),
            benchmark: self.benchmark.clone(),
            main_effect_pm: self
                .main_effect_pm
                .clone()
                .filter(|l| template.pm.iter().any(|p| &p.label == l)),
            outcomes: self
                .outcomes
                .iter()
                .filter(|o| has_flow(&o.flow, None))
                .cloned()
                .collect(),
        }
    }
}

/// The restwaarde of an investment: what is left of it at the end of the
/// horizon, written off linearly over its economic life from the year
/// after it is built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Residual {
    /// The label of the cost flow(s) that are the investment.
    pub asset: String,
    /// Economic life in years.
    pub life_years: u32,
}

/// What published MKBAs or business cases of the same intervention found:
/// benefits per euro of cost, from `low` to `high`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benchmark {
    /// Lowest published B/K.
    pub low: f64,
    /// Highest published B/K.
    pub high: f64,
    /// Who found it, when ("Panteia, business cases vroegsignalering (2019)").
    pub source: String,
}

impl Benchmark {
    /// Whether a B/K lies within the published range (a 10 % margin on
    /// either side, so rounding in a source does not flag an option).
    pub fn holds(&self, bcr: f64) -> bool {
        bcr >= self.low * 0.9 && bcr <= self.high * 1.1
    }
}

/// A flow whose outcome other templates claim too ("vermeden
/// ontruimingen" by achter-de-voordeur and by schuldhulp): in a package of
/// such options the outcome counts once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedOutcome {
    /// The flow's label.
    pub flow: String,
    /// The outcome's key, the same in every template that claims it.
    pub outcome: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_benchmark_holds_within_its_range_and_a_small_margin() {
        let b = Benchmark {
            low: 2.0,
            high: 4.0,
            source: "x".into(),
        };
        assert!(b.holds(2.0) && b.holds(4.0) && b.holds(1.85) && b.holds(4.3));
        assert!(!b.holds(1.7) && !b.holds(4.5));
    }

    #[test]
    fn an_empty_basis_is_not_written() {
        assert!(Basis::default().is_empty());
        let b: Basis = serde_json::from_str("{}").unwrap();
        assert!(b.is_empty());
    }
}
