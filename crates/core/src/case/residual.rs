//! The restwaarde of stenen: what is left of an investment at the end of
//! the horizon, written off linearly over its economic life (the
//! rwseconomie werkwijzer's simplest method). It enters the model as an
//! ordinary benefit flow in the horizon's last year, so the model file and
//! `wikken evaluate` show it and the engine needs no rule of its own.

use super::CaseOption;
use crate::engine::mkba::nominal_factor;
use crate::model::{Flow, FlowKind};

/// The label of a restwaarde flow.
pub fn residual_label(life_years: u32) -> String {
    format!("Restwaarde aan het eind van de looptijd (lineair afgeschreven over {life_years} jaar)")
}

impl CaseOption {
    /// The restwaarde of its investment for a horizon of `horizon_years`:
    /// the undiscounted investment within the horizon (its cost flows with
    /// the basis's label) times the share of its economic life that is
    /// left, counting use from the year after the last investment year up
    /// to the horizon's end; a benefit of the investor's in the last year.
    /// `None` without a restwaarde rule, investment or value left.
    pub fn residual_flow(&self, horizon_years: i64) -> Option<Flow> {
        let rule = self.basis.residual.as_ref()?;
        let assets: Vec<&Flow> = self
            .spec
            .flows
            .iter()
            .filter(|f| f.kind == FlowKind::Cost && f.label == rule.asset)
            .filter(|f| f.from_year < horizon_years)
            .collect();
        let invested: f64 = assets
            .iter()
            .map(|f| f.amount * nominal_factor(f, horizon_years, 0, horizon_years - 1))
            .sum();
        let ready = assets.iter().map(|f| f.last_year() + 1).max()?;
        let used = (horizon_years - ready).max(0) as f64;
        let life = f64::from(rule.life_years.max(1));
        let amount = invested * ((life - used) / life).max(0.0);
        (amount > 0.0).then(|| Flow {
            label: residual_label(rule.life_years),
            ..Flow::new(
                &assets[0].actor,
                FlowKind::Benefit,
                amount,
                horizon_years - 1,
                horizon_years - 1,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::case::catalogue::{Basis, Residual};
    use crate::case::{CaseArea, CaseDoc, DecisionLevel};
    use crate::model::{Category, Flow, FlowKind};

    fn doc(horizon: i64, build: &[(i64, i64, f64)], life: u32) -> CaseDoc {
        let mut d = CaseDoc::new("Toets", DecisionLevel::Wijk, CaseArea::default(), 2027);
        d.horizon_years = horizon;
        let id = d.add_blank_option("Renovatie", Category::Stenen).unwrap();
        let o = d.option_mut(&id).unwrap();
        for (from, to, amount) in build {
            o.spec.flows.push(Flow {
                label: "Bouw".into(),
                ..Flow::new("corporatie", FlowKind::Cost, *amount, *from, *to)
            });
        }
        o.spec.flows.push(Flow {
            label: "Bouw".into(),
            ..Flow::new("corporatie", FlowKind::Benefit, 1.0, 1, 1)
        });
        o.basis = Basis {
            residual: Some(Residual {
                asset: "Bouw".into(),
                life_years: life,
            }),
            ..Basis::default()
        };
        d
    }

    #[test]
    fn a_hand_computed_restwaarde_is_a_benefit_in_the_last_year() {
        // € 75.000 built in year 0, in use from year 1; a 30-year horizon
        // counts years 0..=29, so 29 of its 50 years are used and 21/50 is
        // left: 75.000 × 21 / 50 = € 31.500 in year 29.
        let d = doc(30, &[(0, 0, 75_000.0)], 50);
        let f = d.options[0].residual_flow(30).expect("a restwaarde");
        assert_eq!(
            (f.kind, f.from_year, f.last_year()),
            (FlowKind::Benefit, 29, 29)
        );
        assert_eq!(f.actor, "corporatie");
        assert!((f.amount - 31_500.0).abs() < 1e-6, "{}", f.amount);
        assert!(f.label.starts_with("Restwaarde"));

        // In the model, as an ordinary flow: its PV is 31.500 / 1,0225^29.
        let m = d.to_model();
        let npv = crate::engine::mkba::option_npv(&m, &m.options[0], m.discount_rate);
        let want = -75_000.0 + 1.0 / 1.0225 + 31_500.0 / 1.0225_f64.powi(29);
        assert!((npv - want).abs() < 1e-6, "{npv}");
    }

    #[test]
    fn a_build_over_two_years_counts_from_the_year_after_the_last() {
        // € 100.000 a year in years 1 and 2: € 200.000 invested, in use
        // from year 3; a 15-year horizon uses 12 of 40 years: 200.000 × 28/40.
        let d = doc(15, &[(1, 2, 100_000.0)], 40);
        let f = d.options[0].residual_flow(15).unwrap();
        assert!((f.amount - 140_000.0).abs() < 1e-6, "{}", f.amount);
        assert_eq!(f.from_year, 14);
    }

    #[test]
    fn nothing_is_left_after_the_economic_life_or_without_a_rule() {
        let d = doc(30, &[(0, 0, 25_000.0)], 25);
        assert_eq!(d.options[0].residual_flow(30), None);
        let mut d = doc(30, &[(0, 0, 25_000.0)], 50);
        d.options[0].basis = Basis::default();
        assert_eq!(d.options[0].residual_flow(30), None);
    }
}
