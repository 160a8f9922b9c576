//! Effects that run past the horizon: the MKBA counts years `0..horizon`
//! only, so a flow that lasts longer is cut, silently in the figures. This
//! names each option whose flows are cut and by how many years, so that
//! the results and the report can say so (it is not part of `evaluate`'s
//! output: the model and its figures are unchanged).

use crate::model::Model;

/// An option with effects past the horizon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeyondHorizon {
    /// The option's id.
    pub option: String,
    /// Its name.
    pub name: String,
    /// The last calendar year any of its flows runs to.
    pub last_year: i64,
    /// The most years of one flow that fall outside the horizon.
    pub years_left_out: i64,
}

/// Every option with a flow that runs past the model's horizon, in option
/// order.
pub fn beyond_horizon(model: &Model) -> Vec<BeyondHorizon> {
    let horizon = model.horizon_years;
    model
        .options
        .iter()
        .filter_map(|o| {
            let cut: Vec<(i64, i64)> = o
                .flows
                .iter()
                .filter(|f| f.last_year() >= horizon)
                .map(|f| {
                    let counted_until = horizon - 1;
                    let left_out = f.last_year() - counted_until.max(f.from_year - 1);
                    (f.last_year(), left_out)
                })
                .collect();
            let last = cut.iter().map(|c| c.0).max()?;
            Some(BeyondHorizon {
                option: o.id.clone(),
                name: o.name.clone(),
                last_year: model.start_year + last,
                years_left_out: cut.iter().map(|c| c.1).max().unwrap_or(0),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Flow, FlowKind};

    fn flow(from: i64, to: i64) -> Flow {
        serde_json::from_value(serde_json::json!({
            "actor": "corporatie", "kind": "benefit", "amount": 1000.0,
            "from_year": from, "to_year": to
        }))
        .unwrap()
    }

    #[test]
    fn a_flow_past_the_horizon_is_named_with_the_years_left_out() {
        let mut m: Model = serde_json::from_value(serde_json::json!({
            "version": 1, "title": "t", "start_year": 2027, "horizon_years": 15,
            "actors": [{"id": "corporatie", "name": "Corporatie"}],
            "options": [
                {"id": "renovatie", "name": "Renovatie", "category": "stenen", "flows": []},
                {"id": "buurtbeheer", "name": "Buurtbeheer", "category": "sociaal", "flows": []}
            ]
        }))
        .unwrap();
        // Renovatie: benefits in years 1..=39 (2028–2066); 15 years count
        // (0..=14), so years 15..=39 fall out: 25 years.
        m.options[0].flows = vec![flow(1, 39), flow(0, 0)];
        // Buurtbeheer: years 0..=4, inside.
        m.options[1].flows = vec![flow(0, 4)];
        assert_eq!(m.options[0].flows[0].kind, FlowKind::Benefit);
        assert_eq!(
            beyond_horizon(&m),
            [BeyondHorizon {
                option: "renovatie".into(),
                name: "Renovatie".into(),
                last_year: 2066,
                years_left_out: 25,
            }]
        );
        // A flow that starts after the horizon falls out whole: 20..=24.
        m.options[1].flows = vec![flow(20, 24)];
        assert_eq!(beyond_horizon(&m)[1].years_left_out, 5);
        // Exactly up to the last counted year: nothing cut.
        m.options[0].flows = vec![flow(0, 14)];
        m.options[1].flows = vec![];
        assert!(beyond_horizon(&m).is_empty());
    }
}
