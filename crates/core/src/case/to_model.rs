//! From the afweging to the afwegingsmodel the engine evaluates.

use crate::model::{
    Ahp, Budget, Category, Criterion, MODEL_VERSION, Mca, Model, Objective, OptionSpec, Portfolio,
    WeightSet,
};

use super::overlap::is_outcome;
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
    ///
    /// When the portfolio is to optimise on the MCA value and it can
    /// ([`CaseDoc::mca_value_problem`]), its objective is `value` and each
    /// option's `value` is its MCA score under the shared weighing, as the
    /// engine reports it; otherwise the objective is `npv`.
    pub fn to_model(&self) -> Model {
        let mut model = self.model_on_npv();
        if self.portfolio_objective == Objective::Value
            && model.portfolio.is_some()
            && self.mca_value_problem().is_none()
            && let Some(scores) = crate::engine::main_mca_scores(&model)
            && let Some(portfolio) = &mut model.portfolio
        {
            portfolio.objective = Objective::Value;
            for (o, score) in model.options.iter_mut().zip(scores) {
                o.value = Some(score);
            }
        }
        model
    }

    /// Why the portfolio cannot optimise on the MCA value, in Dutch, naming
    /// what to fill in where; `None` when it can: there are criteria and
    /// the kept options' scores tell them apart on at least one.
    pub fn mca_value_problem(&self) -> Option<&'static str> {
        if self.criteria.is_empty() {
            return Some(
                "Kiezen op MCA-waarde kan pas als de afweging criteria heeft. Voeg ze toe bij stap 5 Criteria en weging, of laat de portefeuille op saldo kiezen.",
            );
        }
        let kept: Vec<&super::CaseOption> = self.shortlist().collect();
        let differ = self.criteria.iter().any(|c| {
            let mut scores = kept.iter().map(|o| o.spec.scores.get(&c.id));
            scores
                .next()
                .is_some_and(|first| first.is_some() && scores.any(|s| s != first))
        });
        if !differ {
            return Some(
                "Kiezen op MCA-waarde kan pas als de opties scores op de criteria hebben die van elkaar verschillen. Vul ze in bij stap 4 Effecten, onder \"Scores op de criteria\", of laat de portefeuille op saldo kiezen.",
            );
        }
        None
    }

    /// The model with the portfolio (if any) on the saldo.
    fn model_on_npv(&self) -> Model {
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
                .chain(self.workshop_weightings().filter_map(|w| {
                    Some(WeightSet {
                        stakeholder: w.holder.clone(),
                        weights: criteria
                            .iter()
                            .map(|c| c.id.clone())
                            .zip(w.weights_for(&self.criteria)?)
                            .collect(),
                    })
                }))
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

    /// The option as the engine reads it: its flows plus its restwaarde
    /// (a benefit in the last year, see [`super::CaseOption::residual_flow`]);
    /// a package takes its members' flows and restwaarden (labels prefixed
    /// with the member's name) and PM-posten, and counts an outcome two
    /// members claim once ([`CaseDoc::package_overlaps`]).
    pub fn option_spec(&self, o: &super::CaseOption) -> OptionSpec {
        let mut spec = o.spec.clone();
        if o.is_package() {
            spec.category = Category::Combinatie;
            spec.flows.clear();
            spec.pm.clear();
            let overlaps = self.package_overlaps(o);
            for m in o.members.iter().filter_map(|id| self.option(id)) {
                let counted_elsewhere = |label: &str| {
                    overlaps
                        .iter()
                        .any(|x| x.dropped.contains(&m.spec.id) && is_outcome(m, label, &x.outcome))
                };
                let own = m
                    .spec
                    .flows
                    .iter()
                    .filter(|f| !counted_elsewhere(&f.label))
                    .cloned()
                    .chain(m.residual_flow(self.horizon_years));
                for mut f in own {
                    f.label = if f.label.is_empty() {
                        m.spec.name.clone()
                    } else {
                        format!("{}: {}", m.spec.name, f.label)
                    };
                    spec.flows.push(f);
                }
                spec.pm.extend(m.spec.pm.iter().cloned());
            }
        } else {
            spec.flows.extend(o.residual_flow(self.horizon_years));
        }
        spec.scores
            .retain(|k, _| self.criteria.iter().any(|c| &c.id == k));
        spec
    }
}

impl CaseDoc {
    /// An afweging from a model file: its options, actors, criteria,
    /// weights (the criteria's or the AHP matrix as the shared weighing,
    /// each weight set as a party with direct weights), settings and first
    /// budget. What a model file does not hold (participants' roles,
    /// problems, the nulalternatief, the area) starts empty, so
    /// `CaseDoc::from_model(m).to_model()` gives `m` back for a model made
    /// by [`CaseDoc::to_model`].
    pub fn from_model(model: &Model) -> CaseDoc {
        use super::{
            CaseArea, CaseBudget, CaseOption, DecisionLevel, Participant, ParticipantRole,
            PartyWeighting, Weighting, ids,
        };
        let mut doc = CaseDoc::new(
            &model.title,
            DecisionLevel::Wijk,
            CaseArea::default(),
            model.start_year,
        );
        doc.horizon_years = model.horizon_years;
        doc.discount_rate = model.discount_rate;
        doc.actors = model.actors.clone();
        doc.criteria = model.criteria.clone();
        doc.mca_method = model.mca.method;
        doc.uncertainty = model.uncertainty;
        doc.options = model
            .options
            .iter()
            .map(|o| CaseOption {
                spec: o.clone(),
                template: None,
                quantity: None,
                members: Vec::new(),
                addresses: Default::default(),
                shortlisted: true,
                basis: Default::default(),
                note: String::new(),
            })
            .collect();
        doc.weighting = match &model.mca.ahp {
            Some(a) => {
                let pos = |id: &str| a.criteria.iter().position(|c| c == id).unwrap_or(0);
                let order: Vec<usize> = model.criteria.iter().map(|c| pos(&c.id)).collect();
                Weighting {
                    method: WeightMethod::Ahp,
                    values: Default::default(),
                    ahp: Some(
                        order
                            .iter()
                            .map(|&i| order.iter().map(|&j| a.matrix[i][j]).collect())
                            .collect(),
                    ),
                }
            }
            None => Weighting {
                method: WeightMethod::Direct,
                values: model
                    .criteria
                    .iter()
                    .map(|c| (c.id.clone(), c.weight))
                    .collect(),
                ahp: None,
            },
        };
        for set in &model.weight_sets {
            let taken: Vec<&str> = doc.participants.iter().map(|p| p.id.as_str()).collect();
            let id = ids::unique(&ids::slug(&set.stakeholder), &taken);
            doc.participants.push(Participant {
                id: id.clone(),
                name: set.stakeholder.clone(),
                role: ParticipantRole::Meedenker,
            });
            doc.party_weights.push(PartyWeighting {
                participant: id,
                weighting: Weighting {
                    method: WeightMethod::Direct,
                    values: set.weights.clone(),
                    ahp: None,
                },
            });
        }
        doc.portfolio_objective = model
            .portfolio
            .as_ref()
            .map_or(Objective::Npv, |p| p.objective);
        doc.budget = model.portfolio.as_ref().and_then(|p| {
            p.budgets.first().map(|b| CaseBudget {
                actor: b.actor.clone(),
                from_year: b.from_year,
                to_year: b.to_year,
                max: b.max,
            })
        });
        doc
    }
}

#[cfg(test)]
mod tests {
    use crate::case::CaseDoc;
    use crate::case::weights::{WeightMethod, matrix_from_upper};

    #[test]
    fn a_case_model_survives_a_round_trip() {
        let mut d = crate::case::edit::tests::sample();
        let gem = d.participants[0].id.clone();
        let mut party = d.weighting.clone();
        party.values[0] = 5.0;
        d.set_party_weighting(&gem, party).unwrap();
        d.budget = Some(crate::case::CaseBudget {
            actor: "corporatie".into(),
            from_year: 0,
            to_year: 4,
            max: 2e6,
        });
        let m = d.to_model();
        let json = serde_json::to_string(&m).unwrap();
        let back = crate::parse_model(&json).unwrap();
        assert_eq!(CaseDoc::from_model(&back).to_model(), m);

        // On the MCA value: the values come back from the scores.
        let mut on_value = d.clone();
        on_value.portfolio_objective = crate::model::Objective::Value;
        let first = on_value.options[0].spec.id.clone();
        on_value.option_mut(&first).unwrap().spec.scores[0] += 1.0;
        let m = on_value.to_model();
        assert_eq!(
            m.portfolio.as_ref().unwrap().objective,
            crate::model::Objective::Value
        );
        assert!(m.options.iter().all(|o| o.value.is_some()));
        assert_eq!(CaseDoc::from_model(&m).to_model(), m);

        d.weighting.method = WeightMethod::Ahp;
        d.weighting.ahp = Some(matrix_from_upper(2, |_, _| 3.0));
        let m = d.to_model();
        assert!(m.mca.ahp.is_some());
        assert_eq!(CaseDoc::from_model(&m).to_model(), m);
    }
}
