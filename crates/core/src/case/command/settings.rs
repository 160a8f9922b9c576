//! The rules of the settings: the calculation settings with the budget
//! and what the portfolio maximises, and the rule of the proposal for
//! sharing costs.

use super::rules::Objections;
use super::*;
use crate::case::CaseBudget;

/// What the portfolio maximises, as a form says it.
pub fn objective_label(o: Objective) -> &'static str {
    match o {
        Objective::Npv => "saldo in euro's",
        Objective::Value => "MCA-waarde",
    }
}

/// The cap at gains in a line of history.
fn cap_text(cap: bool) -> &'static str {
    if cap {
        "geen partij betaalt meer dan zij aan baten krijgt"
    } else {
        "bijdragen niet begrensd door de baten"
    }
}

impl CaseDoc {
    pub(super) fn set_settings(
        &mut self,
        change: &Change<SettingsValues>,
    ) -> Result<String, Refusal> {
        let now = &change.now;
        let mut o = Objections::default();
        if !(1900..=2200).contains(&now.start_year) {
            o.add("start_year", "Vul een jaar in van 1900 tot en met 2200.");
        }
        if now.horizon_years < 1 {
            o.add("horizon_years", "De looptijd is ten minste 1 jaar.");
        } else if let Err(e) = limits::HORIZON_YEARS.check(now.horizon_years as usize) {
            o.add("horizon_years", format!("Te lang: {e}."));
        }
        if !(0.0..=0.2).contains(&now.discount_rate) {
            o.add(
                "discount_rate",
                "Vul een discontovoet in van 0 tot en met 20 %.",
            );
        }
        if now.iterations < 1 {
            o.add("iterations", "Ten minste 1 trekking.");
        } else if let Err(e) =
            limits::check_simulation(now.iterations as u64, self.shortlist().count())
        {
            o.add("iterations", format!("Te veel voor één analyse: {e}."));
        }
        if let Some(b) = &now.budget {
            let last = now.start_year + now.horizon_years - 1;
            if b.from < now.start_year || b.to < b.from || b.to > last {
                o.add(
                    "budget.to",
                    format!(
                        "De budgetjaren liggen binnen {}–{last}, het eerste niet na het laatste.",
                        now.start_year
                    ),
                );
            }
            if !(b.max >= 0.0 && b.max <= 1e12) {
                o.add(
                    "budget.max",
                    "Vul een bedrag in van 0 tot en met 1.000.000.000.000.",
                );
            }
            if !self.actors.iter().any(|a| a.id == b.actor) {
                o.add("budget.actor", "Kies wiens kosten het budget begrenst.");
            }
        }
        let flows = || self.options.iter().flat_map(|o| &o.spec.flows);
        let shift = self.start_year - now.start_year;
        if flows().any(|f| f.from_year + shift >= now.horizon_years) {
            o.add(
                "horizon_years",
                "Er beginnen stromen na het einde van deze looptijd; kies een langere looptijd of pas die stromen aan.",
            );
        }
        if shift != 0 && flows().any(|f| f.from_year + shift < 0) {
            o.add(
                "start_year",
                "Er zijn stromen vóór dit jaar; pas eerst die stromen aan.",
            );
        }
        if now.objective == Objective::Value
            && let Some(problem) = self.mca_value_problem()
        {
            o.add("portfolio_objective", problem);
        }
        o.done()?;
        let was = change.was.as_ref();
        let current = SettingsValues::of(self);
        let mut m = Merger::default();
        let year = |y: &i64| y.to_string();
        let start = m.pick(
            "start_year",
            &Change::from(was.map(|w| w.start_year), now.start_year),
            &current.start_year,
            year,
        );
        let horizon = m.pick(
            "horizon_years",
            &Change::from(was.map(|w| w.horizon_years), now.horizon_years),
            &current.horizon_years,
            year,
        );
        let rate = m.pick(
            "discount_rate",
            &Change::from(was.map(|w| w.discount_rate), now.discount_rate),
            &current.discount_rate,
            |r| format::percent(*r, 2),
        );
        let iterations = m.pick(
            "iterations",
            &Change::from(was.map(|w| w.iterations), now.iterations),
            &current.iterations,
            |i| format::number(*i as f64, 0),
        );
        let budget = m.pick(
            "budget",
            &Change::from(was.map(|w| w.budget.clone()), now.budget.clone()),
            &current.budget,
            |b| {
                b.as_ref().map_or("geen budget".into(), |b| {
                    format!("{} in {}–{}", format::euro(b.max), b.from, b.to)
                })
            },
        );
        let objective = m.pick(
            "portfolio_objective",
            &Change::from(was.map(|w| w.objective), now.objective),
            &current.objective,
            |o| objective_label(*o).to_string(),
        );
        let mut o = Objections::default();
        o.clashes(m);
        o.done()?;
        let shift = start - self.start_year;
        for f in self
            .options
            .iter_mut()
            .flat_map(|o| o.spec.flows.iter_mut())
        {
            f.from_year -= shift;
            f.to_year = f.to_year.map(|t| t - shift);
        }
        self.start_year = start;
        self.horizon_years = horizon;
        self.discount_rate = rate;
        self.uncertainty.iterations = iterations;
        self.budget = budget.map(|b| CaseBudget {
            actor: b.actor,
            from_year: b.from - start,
            to_year: b.to - start,
            max: b.max,
        });
        self.portfolio_objective = objective;
        Ok("Rekeninstellingen en budget gewijzigd".into())
    }

    pub(super) fn set_cost_sharing(
        &mut self,
        change: &Change<CostSharingRule>,
    ) -> Result<String, Refusal> {
        let now = &change.now;
        if let Some(unknown) = now
            .non_payers
            .iter()
            .find(|id| !self.actors.iter().any(|a| a.id == **id))
        {
            return Err(Refusal::at(
                "cost_sharing.non_payers",
                format!(
                    "Partij {unknown} staat niet (meer) in deze afweging; laad de pagina opnieuw."
                ),
            ));
        }
        // The actors' order, so that the same choice is the same value.
        let ordered = |ids: &[String]| -> Vec<String> {
            self.actors
                .iter()
                .filter(|a| ids.contains(&a.id))
                .map(|a| a.id.clone())
                .collect()
        };
        let names = |ids: &Vec<String>| -> String {
            let names: Vec<&str> = self
                .actors
                .iter()
                .filter(|a| ids.contains(&a.id))
                .map(|a| a.name.as_str())
                .collect();
            if names.is_empty() {
                "niemand".into()
            } else {
                names.join(", ")
            }
        };
        let was = change.was.as_ref();
        let mut m = Merger::default();
        let non_payers = m.pick(
            "cost_sharing.non_payers",
            &Change::from(
                was.map(|w| ordered(&w.non_payers)),
                ordered(&now.non_payers),
            ),
            &ordered(&self.cost_sharing.non_payers),
            |ids| format!("geen rekening voor {}", names(ids)),
        );
        let cap_at_gains = m.pick(
            "cost_sharing.cap_at_gains",
            &Change::from(was.map(|w| w.cap_at_gains), now.cap_at_gains),
            &self.cost_sharing.cap_at_gains,
            |c| cap_text(*c).into(),
        );
        let mut o = Objections::default();
        o.clashes(m);
        o.done()?;
        // Ids of actors no longer in the afweging stay as they were: they
        // count again if the actor comes back.
        let mut kept: Vec<String> = self
            .cost_sharing
            .non_payers
            .iter()
            .filter(|id| !self.actors.iter().any(|a| a.id == **id))
            .cloned()
            .collect();
        kept.extend(non_payers.iter().cloned());
        let line = format!(
            "Kostenverdeling: {}; {}",
            if non_payers.is_empty() {
                "alle partijen betalen mee".to_string()
            } else {
                format!("geen rekening voor {}", names(&non_payers))
            },
            cap_text(cap_at_gains)
        );
        self.cost_sharing = CostSharingRule {
            non_payers: kept,
            cap_at_gains,
        };
        Ok(line)
    }
}
