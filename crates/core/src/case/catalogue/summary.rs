//! A template's costs and benefits in one number per actor: present values
//! over the template's own years, as the catalogue pages show them.

use indexmap::IndexMap;

use super::Template;
use crate::engine::mkba::{OptionPv, pv_factor, sign};
use crate::model::FlowKind;

impl Template {
    /// The number of years its flows span (year 0 up to the last year of
    /// any flow), at least 1.
    pub fn years(&self) -> i64 {
        self.flows
            .iter()
            .map(|f| f.last_year() + 1)
            .max()
            .unwrap_or(1)
            .max(1)
    }

    /// Present values of one unit at a discount rate over [`Template::years`],
    /// with the SROI adjustments applied and the restwaarde at the end of
    /// those years; per actor in the order of [`Template::actor_ids`] (an
    /// actor with only PM-posten has 0).
    pub fn present_values(&self, rate: f64) -> OptionPv {
        let horizon = self.years();
        let residual = self.instantiate(1.0, &[]).residual_flow(horizon);
        let mut by_actor: IndexMap<String, f64> = self
            .actor_ids()
            .into_iter()
            .map(|a| (a.to_string(), 0.0))
            .collect();
        let (mut pv_costs, mut pv_benefits) = (0.0, 0.0);
        for f in self.flows.iter().chain(&residual) {
            let pv = f.amount * pv_factor(f, horizon, rate);
            match f.kind {
                FlowKind::Cost => pv_costs += pv,
                FlowKind::Benefit => pv_benefits += pv,
            }
            *by_actor.entry(f.actor.clone()).or_insert(0.0) += sign(f.kind) * pv;
        }
        OptionPv {
            pv_costs,
            pv_benefits,
            by_actor,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::case::catalogue::default_templates;
    use crate::case::{CaseArea, CaseDoc, DecisionLevel};
    use crate::engine::mkba::option_pv;

    #[test]
    fn present_values_agree_with_the_engine_on_a_case() {
        for t in default_templates() {
            let mut doc = CaseDoc::new("Toets", DecisionLevel::Wijk, CaseArea::default(), 2026);
            doc.horizon_years = t.years();
            doc.add_from_template(&t, 1.0).unwrap();
            let model = doc.to_model();
            let engine = option_pv(&model, &model.options[0], 0.0225);
            let ours = t.present_values(0.0225);
            assert!((engine.npv() - ours.npv()).abs() < 1e-6, "{}", t.key);
            for (actor, pv) in &ours.by_actor {
                assert!(
                    (engine.by_actor[actor] - pv).abs() < 1e-6,
                    "{}: {actor}",
                    t.key
                );
            }
            assert!(ours.pv_costs > 0.0 && ours.pv_benefits > 0.0, "{}", t.key);
        }
    }
}
