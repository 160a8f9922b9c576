//! Outcomes that overlap in a package: achter-de-voordeur and schuldhulp
//! both claim the evictions they prevent, so a package of the two would
//! count each avoided eviction twice. The catalogue tags such flows with a
//! shared outcome; in a package the member whose flows for that outcome
//! are worth most keeps them, and the others' are left out (and named).

use super::{CaseDoc, CaseOption};
use crate::engine::mkba::{pv_factor, sign};

/// An outcome that more than one member of a package claims.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    /// The outcome ("Vermeden ontruimingen").
    pub outcome: String,
    /// The member whose flows count (its id).
    pub kept: String,
    /// The members whose flows for it are left out (ids).
    pub dropped: Vec<String>,
}

impl CaseDoc {
    /// The outcomes two or more members of `package` claim, each counted
    /// once: kept at the member whose flows for it have the highest
    /// present value (the first on a tie). Empty for a plain option.
    pub fn package_overlaps(&self, package: &CaseOption) -> Vec<Overlap> {
        let members: Vec<&CaseOption> = package
            .members
            .iter()
            .filter_map(|id| self.option(id))
            .collect();
        let mut outcomes: Vec<&str> = Vec::new();
        for m in &members {
            for o in &m.basis.outcomes {
                if !outcomes.contains(&o.outcome.as_str()) {
                    outcomes.push(&o.outcome);
                }
            }
        }
        outcomes
            .into_iter()
            .filter_map(|outcome| {
                let claims: Vec<(&str, f64)> = members
                    .iter()
                    .filter(|m| m.basis.outcomes.iter().any(|o| o.outcome == outcome))
                    .map(|m| (m.spec.id.as_str(), self.outcome_value(m, outcome)))
                    .collect();
                if claims.len() < 2 {
                    return None;
                }
                let best = claims
                    .iter()
                    .enumerate()
                    .fold(0, |b, (i, c)| if c.1 > claims[b].1 { i } else { b });
                Some(Overlap {
                    outcome: outcome.to_string(),
                    kept: claims[best].0.to_string(),
                    dropped: claims
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != best)
                        .map(|(_, c)| c.0.to_string())
                        .collect(),
                })
            })
            .collect()
    }

    /// The present value of an option's flows for one outcome.
    fn outcome_value(&self, o: &CaseOption, outcome: &str) -> f64 {
        o.spec
            .flows
            .iter()
            .filter(|f| is_outcome(o, &f.label, outcome))
            .map(|f| sign(f.kind) * f.amount * pv_factor(f, self.horizon_years, self.discount_rate))
            .sum()
    }
}

/// Whether the flow labelled `label` of `o` is tagged with `outcome`.
pub(crate) fn is_outcome(o: &CaseOption, label: &str, outcome: &str) -> bool {
    o.basis
        .outcomes
        .iter()
        .any(|s| s.flow == label && s.outcome == outcome)
}

#[cfg(test)]
mod tests {
    use crate::case::catalogue::{Basis, SharedOutcome};
    use crate::case::{CaseArea, CaseDoc, DecisionLevel};
    use crate::model::{Category, Flow, FlowKind};

    /// Two sociaal options that both claim avoided evictions.
    fn doc() -> CaseDoc {
        let mut d = CaseDoc::new("Toets", DecisionLevel::Wijk, CaseArea::default(), 2027);
        d.discount_rate = 0.0;
        for (name, cost, evictions, other) in [
            ("Achter de voordeur", 10_000.0, 6_000.0, 8_000.0),
            ("Schuldhulp", 5_000.0, 4_000.0, 3_000.0),
        ] {
            let id = d.add_blank_option(name, Category::Sociaal).unwrap();
            let o = d.option_mut(&id).unwrap();
            let flow = |label: &str, kind, amount| Flow {
                label: label.into(),
                ..Flow::new("corporatie", kind, amount, 0, 0)
            };
            o.spec.flows = vec![
                flow("Inzet", FlowKind::Cost, cost),
                flow("Vermeden ontruimingen", FlowKind::Benefit, evictions),
                flow("Andere baat", FlowKind::Benefit, other),
            ];
            o.basis = Basis {
                outcomes: vec![SharedOutcome {
                    flow: "Vermeden ontruimingen".into(),
                    outcome: "ontruimingen".into(),
                }],
                ..Basis::default()
            };
        }
        let ids: Vec<String> = d.options.iter().map(|o| o.spec.id.clone()).collect();
        d.add_package("Samen", &ids).unwrap();
        d
    }

    #[test]
    fn a_package_counts_a_shared_outcome_once_by_hand() {
        let d = doc();
        let package = d.options.last().unwrap();
        let overlaps = d.package_overlaps(package);
        assert_eq!(overlaps.len(), 1);
        assert_eq!(overlaps[0].outcome, "ontruimingen");
        assert_eq!(overlaps[0].kept, d.options[0].spec.id);
        assert_eq!(overlaps[0].dropped, vec![d.options[1].spec.id.clone()]);

        // Costs 10.000 + 5.000; benefits 6.000 + 8.000 (achter de voordeur)
        // and 3.000 (schuldhulp; its 4.000 of evictions already count at
        // achter de voordeur): saldo 17.000 − 15.000 = 2.000, not 6.000.
        let m = d.to_model();
        let p = m.options.last().unwrap();
        let npv = crate::engine::mkba::option_npv(&m, p, m.discount_rate);
        assert!((npv - 2_000.0).abs() < 1e-9, "{npv}");
        assert_eq!(p.flows.len(), 5, "one evictions flow left out");
    }

    #[test]
    fn members_alone_keep_their_outcomes() {
        let d = doc();
        let m = d.to_model();
        for (o, want) in m.options.iter().take(2).zip([4_000.0, 2_000.0]) {
            let npv = crate::engine::mkba::option_npv(&m, o, 0.0);
            assert!((npv - want).abs() < 1e-9, "{}: {npv}", o.id);
        }
        assert!(d.package_overlaps(&d.options[0]).is_empty());
    }
}
