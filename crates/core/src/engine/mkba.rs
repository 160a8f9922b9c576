//! Present values (the MKBA): per flow, per option, per actor.

use indexmap::IndexMap;

use super::stats::total;
use crate::model::{Flow, FlowKind, Model, OptionSpec};

/// The discounted sum of one euro of a flow's amount over its years:
/// `PV(flow) = amount · pv_factor(flow)`, with
/// `Σ_t (1 + growth)^(t − from) · A(t) / (1 + rate)^t` over
/// `from_year ≤ t ≤ min(to_year, horizon − 1)`.
pub fn pv_factor(flow: &Flow, horizon_years: i64, rate: f64) -> f64 {
    let last = flow.last_year().min(horizon_years - 1);
    let base = match (&flow.adjust, flow.kind) {
        (Some(a), FlowKind::Benefit) => {
            (1.0 - a.deadweight) * (1.0 - a.attribution) * (1.0 - a.displacement)
        }
        _ => 1.0,
    };
    let keep = match (&flow.adjust, flow.kind) {
        (Some(a), FlowKind::Benefit) => 1.0 - a.drop_off,
        _ => 1.0,
    };
    if last < flow.from_year {
        return 0.0;
    }
    // Running products instead of powers: (1+g)^k·keep^k and (1+r)^-t.
    let step = (1.0 + flow.growth) * keep;
    let mut shape = base;
    let mut discount = (1.0 + rate).powi(-(flow.from_year as i32));
    let mut sum = 0.0;
    for _ in flow.from_year..=last {
        sum += shape * discount;
        shape *= step;
        discount /= 1.0 + rate;
    }
    sum
}

/// +1 for benefits, −1 for costs: a flow's sign in the saldo.
pub fn sign(kind: FlowKind) -> f64 {
    match kind {
        FlowKind::Benefit => 1.0,
        FlowKind::Cost => -1.0,
    }
}

/// The undiscounted amount per euro of a flow in years `from..=to`, with
/// growth (what a budget counts).
pub fn nominal_factor(flow: &Flow, horizon_years: i64, from: i64, to: i64) -> f64 {
    let first = flow.from_year.max(from);
    let last = flow.last_year().min(horizon_years - 1).min(to);
    total((first..=last).map(|t| (1.0 + flow.growth).powi((t - flow.from_year) as i32)))
}

/// Present values of one option.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionPv {
    /// PV of all cost flows.
    pub pv_costs: f64,
    /// PV of all benefit flows.
    pub pv_benefits: f64,
    /// Per actor in model order: PV benefits − PV costs.
    pub by_actor: IndexMap<String, f64>,
}

impl OptionPv {
    /// The maatschappelijk saldo.
    pub fn npv(&self) -> f64 {
        self.pv_benefits - self.pv_costs
    }

    /// Benefit/cost ratio; `None` when there are no costs.
    pub fn bcr(&self) -> Option<f64> {
        (self.pv_costs != 0.0).then(|| self.pv_benefits / self.pv_costs)
    }
}

/// The present values of an option at a discount rate.
pub fn option_pv(model: &Model, option: &OptionSpec, rate: f64) -> OptionPv {
    let mut by_actor: IndexMap<String, f64> =
        model.actors.iter().map(|a| (a.id.clone(), 0.0)).collect();
    let (mut pv_costs, mut pv_benefits) = (0.0, 0.0);
    for flow in &option.flows {
        let pv = flow.amount * pv_factor(flow, model.horizon_years, rate);
        match flow.kind {
            FlowKind::Cost => pv_costs += pv,
            FlowKind::Benefit => pv_benefits += pv,
        }
        if let Some(v) = by_actor.get_mut(&flow.actor) {
            *v += sign(flow.kind) * pv;
        }
    }
    OptionPv {
        pv_costs,
        pv_benefits,
        by_actor,
    }
}

/// The npv of an option at a discount rate (summed exactly as in
/// [`option_pv`], so the two never differ in the last bits).
pub fn option_npv(model: &Model, option: &OptionSpec, rate: f64) -> f64 {
    option_pv(model, option, rate).npv()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Adjust;

    fn flow(kind: FlowKind, amount: f64, from: i64, to: i64) -> Flow {
        Flow::new("a", kind, amount, from, to)
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9 * b.abs().max(1.0), "{a} vs {b}");
    }

    #[test]
    fn year_zero_is_not_discounted() {
        let f = flow(FlowKind::Cost, 1000.0, 0, 0);
        close(f.amount * pv_factor(&f, 30, 0.04), 1000.0);
    }

    #[test]
    fn constant_flow_over_three_years() {
        // 100 in years 0, 1, 2 at 10 %: 100 + 90.909090.. + 82.644628..
        let f = flow(FlowKind::Benefit, 100.0, 0, 2);
        close(
            100.0 * pv_factor(&f, 30, 0.10),
            100.0 + 100.0 / 1.1 + 100.0 / 1.21,
        );
    }

    #[test]
    fn growth_counts_from_the_first_year_of_the_flow() {
        // 100 in years 2 and 3 growing 5 %, at 10 %: 100/1.21 + 105/1.331
        let mut f = flow(FlowKind::Cost, 100.0, 2, 3);
        f.growth = 0.05;
        close(
            100.0 * pv_factor(&f, 30, 0.10),
            100.0 / 1.21 + 105.0 / 1.331,
        );
    }

    #[test]
    fn adjustments_and_drop_off() {
        // 1000 in years 1..=3; deadweight 0.2, attribution 0.1, displacement 0.5,
        // drop-off 0.25; rate 0: 1000·0.8·0.9·0.5·(1 + 0.75 + 0.5625) = 360·2.3125
        let mut f = flow(FlowKind::Benefit, 1000.0, 1, 3);
        f.adjust = Some(Adjust {
            deadweight: 0.2,
            attribution: 0.1,
            displacement: 0.5,
            drop_off: 0.25,
        });
        close(1000.0 * pv_factor(&f, 30, 0.0), 832.5);
        // with growth 10 % as well: 360·(1 + 1.1·0.75 + 1.21·0.5625)
        f.growth = 0.1;
        close(
            1000.0 * pv_factor(&f, 30, 0.0),
            360.0 * (1.0 + 0.825 + 0.680625),
        );
    }

    #[test]
    fn adjustments_never_touch_costs() {
        let mut f = flow(FlowKind::Cost, 1000.0, 0, 1);
        f.adjust = Some(Adjust {
            deadweight: 0.5,
            ..Adjust::default()
        });
        close(1000.0 * pv_factor(&f, 30, 0.0), 2000.0);
    }

    #[test]
    fn years_beyond_the_horizon_are_ignored() {
        let f = flow(FlowKind::Cost, 10.0, 3, 50);
        close(pv_factor(&f, 5, 0.0), 2.0); // years 3 and 4
        let late = flow(FlowKind::Cost, 10.0, 7, 9);
        assert_eq!(pv_factor(&late, 5, 0.0), 0.0);
    }

    #[test]
    fn option_pv_per_actor_and_bcr() {
        use crate::model::{Actor, Category};
        let actor = |id: &str| Actor {
            id: id.into(),
            name: id.into(),
        };
        let mut cost = flow(FlowKind::Cost, 100.0, 0, 1);
        cost.actor = "corporatie".into();
        let mut gain = flow(FlowKind::Benefit, 121.0, 2, 2);
        gain.actor = "huurders".into();
        let mut model = crate::synthetic::wide_model(1, 30, 1, false, 1);
        model.discount_rate = 0.1;
        model.actors = vec![actor("corporatie"), actor("huurders"), actor("politie")];
        let option = OptionSpec {
            id: "a".into(),
            name: "A".into(),
            category: Category::Stenen,
            flows: vec![cost, gain],
            scores: IndexMap::new(),
            pm: vec![],
            value: None,
        };
        let pv = option_pv(&model, &option, 0.1);
        close(pv.pv_costs, 100.0 + 100.0 / 1.1);
        close(pv.pv_benefits, 100.0);
        close(pv.npv(), -100.0 / 1.1);
        close(pv.bcr().unwrap(), 1.1 / 2.1);
        close(pv.by_actor["corporatie"], -(100.0 + 100.0 / 1.1));
        close(pv.by_actor["huurders"], 100.0);
        assert_eq!(pv.by_actor["politie"], 0.0);
        let benefits_only = OptionSpec {
            flows: vec![option.flows[1].clone()],
            ..option
        };
        assert_eq!(option_pv(&model, &benefits_only, 0.1).bcr(), None);
    }

    #[test]
    fn nominal_factor_clips_to_the_budget_years() {
        let mut f = flow(FlowKind::Cost, 100.0, 1, 6);
        f.growth = 0.1;
        // budget years 0..=3 → flow years 1, 2, 3: 1 + 1.1 + 1.21
        close(nominal_factor(&f, 30, 0, 3), 3.31);
        assert_eq!(nominal_factor(&f, 30, 7, 9), 0.0);
    }
}
