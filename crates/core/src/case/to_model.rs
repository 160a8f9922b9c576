//! From the afweging to the afwegingsmodel the engine evaluates.

use crate::model::{
    Ahp, Budget, Category, Criterion, MODEL_VERSION, Mca, Model, Objective, OptionSpec, Portfolio,
    WeightSet,
};

use super::weights::WeightMethod;
use super::{CaseDoc, SENSITIVITY_RATES};

impl CaseDoc {
    /// The model of this afweging: its shortlisted options (a package with
    /// its members' flows and PM-posten), the shared weights as the
    /// criteria's weights (or the AHP matrix), each party's weights as a
    /// weight set, the budget as a portfolio in which a package and its own
    /// members exclude each other, and the discount rates 0 %, 2,25 % and
    /// 4 % as sensitivity. Weighings that cannot give weights are left out
    /// (the weighing page says why); the model is then still valid.
    pub fn to_model(&self) -> Model {
        let options: Vec<OptionSpec> = self.shortlist().map(|o| self.option_spec(o)).collect();
        let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();

        let main = self.weighting.weights(&self.criteria).ok();
        let criteria: Vec<Criterion> = self
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| Criterion {
                weight: match (&main, self.weighting.method) {
                    (Some(w), WeightMethod::Direct | WeightMethod::Points) => w[i],
                    _ => 1.0,
                },
                ..c.clone()
            })
            .collect();
        let ahp = match (&main, self.weighting.method, &self.weighting.ahp) {
            (Some(_), WeightMethod::Ahp, Some(m)) if !criteria.is_empty() => Some(Ahp {
                criteria: criteria.iter().map(|c| c.id.clone()).collect(),
                matrix: m.clone(),
            }),
            _ => None,
        };
        let weight_sets = if criteria.is_empty() {
            Vec::new()
        } else {
            self.party_weights
                .iter()
                .filter_map(|p| {
                    let w = p.weighting.weights(&self.criteria).ok()?;
                    let name = self
                        .participant(&p.participant)
                        .map_or(p.participant.clone(), |x| x.name.clone());
                    Some(WeightSet {
                        stakeholder: name,
                        weights: criteria.iter().map(|c| c.id.clone()).zip(w).collect(),
                    })
                })
                .collect()
        };

        let portfolio = self.budget.as_ref().map(|b| {
            let mut excludes = Vec::new();
            for o in self.shortlist().filter(|o| o.is_package()) {
                for m in &o.members {
                    if ids.contains(&m.as_str()) {
                        excludes.push([o.spec.id.clone(), m.clone()]);
                    }
                }
            }
            Portfolio {
                objective: Objective::Npv,
                budgets: vec![Budget {
                    actor: b.actor.clone(),
                    from_year: b.from_year,
                    to_year: b.to_year,
                    max: b.max,
                }],
                excludes,
                ..Portfolio::default()
            }
        });

        Model {
            version: MODEL_VERSION,
            title: self.question.clone(),
            start_year: self.start_year,
            horizon_years: self.horizon_years,
            discount_rate: self.discount_rate,
            actors: self.actors.clone(),
            criteria,
            options,
            mca: Mca {
                method: self.mca_method,
                preference: Default::default(),
                ahp,
            },
            weight_sets,
            uncertainty: self.uncertainty,
            portfolio,
            sensitivity_rates: SENSITIVITY_RATES.to_vec(),
        }
    }

    /// The option as the engine reads it: a package takes its members'
    /// flows (labels prefixed with the member's name) and PM-posten.
    pub fn option_spec(&self, o: &super::CaseOption) -> OptionSpec {
        let mut spec = o.spec.clone();
        if o.is_package() {
            spec.category = Category::Combinatie;
            spec.flows.clear();
            spec.pm.clear();
            for m in o.members.iter().filter_map(|id| self.option(id)) {
                for f in &m.spec.flows {
                    let mut f = f.clone();
                    f.label = if f.label.is_empty() {
                        m.spec.name.clone()
                    } else {
                        format!("{}: {}", m.spec.name, f.label)
                    };
                    spec.flows.push(f);
                }
                spec.pm.extend(m.spec.pm.iter().cloned());
            }
        }
        spec.scores
            .retain(|k, _| self.criteria.iter().any(|c| &c.id == k));
        spec
    }
}
