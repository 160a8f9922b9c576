//! Synthetic models of a chosen size, deterministic from a seed: for
//! benchmarks and load tests (not for users: the examples are realistic).

use std::collections::HashMap;

use indexmap::IndexMap;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::model::*;

const ACTORS: [&str; 5] = [
    "corporatie",
    "gemeente",
    "huurders",
    "zorgverzekeraar",
    "politie",
];

fn base(title: &str, horizon: i64) -> Model {
    Model {
        version: MODEL_VERSION,
        title: title.to_string(),
        start_year: 2026,
        horizon_years: horizon,
        discount_rate: default_discount_rate(),
        actors: ACTORS
            .iter()
            .map(|id| Actor {
                id: id.to_string(),
                name: id.to_string(),
            })
            .collect(),
        criteria: Vec::new(),
        options: Vec::new(),
        mca: Mca::default(),
        weight_sets: Vec::new(),
        uncertainty: UncertaintySettings::default(),
        portfolio: None,
        sensitivity_rates: Vec::new(),
    }
}

fn distribution(rng: &mut Xoshiro256PlusPlus, amount: f64) -> Distribution {
    let (low, high) = (
        amount * rng.random_range(0.5..0.95),
        amount * rng.random_range(1.05..1.8),
    );
    match rng.random_range(0..4) {
        0 => Distribution::Triangular { low, high },
        1 => Distribution::Pert { low, high },
        2 => Distribution::Uniform { low, high },
        _ => Distribution::Normal { sd: amount * 0.15 },
    }
}

/// `n_options` options over `horizon` years, each with a cost flow in the
/// first years and `flows_per_option - 1` benefit flows running to the end
/// of the horizon, all uncertain when `uncertain`; three criteria.
pub fn wide_model(
    n_options: usize,
    horizon: i64,
    flows_per_option: usize,
    uncertain: bool,
    seed: u64,
) -> Model {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut m = base("Synthetisch model", horizon);
    m.criteria = ["leefbaarheid", "betaalbaarheid", "co2"]
        .iter()
        .map(|id| Criterion {
            id: id.to_string(),
            name: id.to_string(),
            direction: if *id == "co2" {
                Direction::Min
            } else {
                Direction::Max
            },
            weight: rng.random_range(1.0..5.0),
        })
        .collect();
    for i in 0..n_options {
        let mut flows = Vec::with_capacity(flows_per_option);
        for j in 0..flows_per_option {
            let cost = j == 0;
            let amount: f64 = if cost {
                rng.random_range(100_000.0..5_000_000.0)
            } else {
                rng.random_range(10_000.0..400_000.0)
            };
            let from_year = if cost { 0 } else { rng.random_range(0..3) };
            flows.push(Flow {
                actor: ACTORS[if cost {
                    0
                } else {
                    rng.random_range(0..ACTORS.len())
                }]
                .to_string(),
                kind: if cost {
                    FlowKind::Cost
                } else {
                    FlowKind::Benefit
                },
                label: format!("post {j}"),
                amount,
                from_year,
                to_year: Some(if cost { 2 } else { horizon - 1 }),
                growth: rng.random_range(-0.02..0.03),
                adjust: (!cost).then(|| Adjust {
                    deadweight: rng.random_range(0.0..0.3),
                    attribution: rng.random_range(0.0..0.3),
                    displacement: 0.0,
                    drop_off: rng.random_range(0.0..0.1),
                }),
                uncertainty: uncertain.then(|| distribution(&mut rng, amount)),
            });
        }
        let scores: IndexMap<String, f64> = m
            .criteria
            .iter()
            .map(|c| (c.id.clone(), rng.random_range(1.0..10.0)))
            .collect();
        m.options.push(OptionSpec {
            id: format!("optie-{i}"),
            name: format!("Optie {i}"),
            category: [Category::Stenen, Category::Sociaal, Category::Beleid][i % 3],
            flows,
            scores,
            pm: Vec::new(),
            value: None,
        });
    }
    m
}

/// A portfolio of `n_groups` complexes with `per_group` exclusive options
/// each, shaped like a corporation's meerjarenplanning: every complex is due
/// in one of the first `n_budgets` years, its options are steps up in
/// ambition (each costs more and yields more, with diminishing returns),
/// spent over that year and the next, and the corporatie has a budget per
/// year of `tightness` times what the most ambitious step everywhere would
/// cost that year (0.2: most budgets bind; 0.12: all bind hard).
pub fn portfolio_model(
    n_groups: usize,
    per_group: usize,
    n_budgets: usize,
    tightness: f64,
    seed: u64,
) -> Model {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut m = base("Synthetische portefeuille", 30);
    let mut groups = Vec::with_capacity(n_groups);
    let mut top_cost = vec![0.0; n_budgets + 1];
    for g in 0..n_groups {
        let homes = rng.random_range(20..200) as f64;
        let due = rng.random_range(0..n_budgets as i64);
        let condition: f64 = rng.random_range(0.6..1.4);
        let mut ids = Vec::with_capacity(per_group);
        let mut per_home = 0.0;
        let mut yearly_per_home = 0.0;
        for k in 0..per_group {
            // each step adds cost; its extra yield shrinks step by step
            let step = rng.random_range(4_000.0..12_000.0);
            per_home += step;
            yearly_per_home +=
                step * condition * rng.random_range(0.05..0.08) / (1.0 + k as f64 * 0.35);
            let cost = (homes * per_home / 1000.0).round() * 1000.0;
            let first = 0.6;
            if k + 1 == per_group {
                top_cost[due as usize] += cost * first;
                top_cost[due as usize + 1] += cost * (1.0 - first);
            }
            let id = format!("cx{g}-{k}");
            let flow = |kind, amount, from, to, actor| Flow::new(actor, kind, amount, from, to);
            m.options.push(OptionSpec {
                id: id.clone(),
                name: format!("Complex {g} stap {k}"),
                category: Category::Stenen,
                flows: vec![
                    flow(FlowKind::Cost, cost * first, due, due, "corporatie"),
                    flow(
                        FlowKind::Cost,
                        cost * (1.0 - first),
                        due + 1,
                        due + 1,
                        "corporatie",
                    ),
                    flow(
                        FlowKind::Benefit,
                        (homes * yearly_per_home).round(),
                        due + 2,
                        29,
                        "huurders",
                    ),
                ],
                scores: IndexMap::new(),
                pm: Vec::new(),
                value: None,
            });
            ids.push(id);
        }
        groups.push(Group {
            id: format!("complex-{g}"),
            options: ids,
        });
    }
    m.portfolio = Some(Portfolio {
        objective: Objective::Npv,
        budgets: (0..n_budgets)
            .map(|y| Budget {
                actor: "corporatie".into(),
                from_year: y as i64,
                to_year: y as i64,
                max: (top_cost[y] * tightness / 1000.0).round() * 1000.0,
            })
            .collect(),
        groups,
        ..Portfolio::default()
    });
    m
}

/// Adds to a [`portfolio_model`] `ties` of each kind of tie between
/// neighbouring complexes, as a meerjarenplanning has a few: the most
/// ambitious step of a complex requires its neighbour's (a shared heat
/// network), two neighbours' most ambitious steps exclude each other (one
/// street cannot have both under renovation at once), two neighbours'
/// middle steps together save 3 % of their cost (shared scaffolding), and
/// three neighbours' first steps at once cost € 50.000 in nuisance.
pub fn add_ties(model: &mut Model, ties: usize, seed: u64) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ 0x7469_6573);
    let portfolio = model.portfolio.as_mut().expect("a portfolio model");
    let groups = portfolio.groups.len();
    let per_group = portfolio.groups.first().map_or(0, |g| g.options.len());
    if groups < 4 || per_group < 2 {
        return;
    }
    let cost: HashMap<String, f64> = model
        .options
        .iter()
        .map(|o| {
            let c = o
                .flows
                .iter()
                .filter(|f| f.kind == FlowKind::Cost)
                .map(|f| f.amount)
                .sum();
            (o.id.clone(), c)
        })
        .collect();
    let id = |g: usize, k: usize| format!("cx{g}-{k}");
    let top = per_group - 1;
    let middle = per_group / 2;
    // each tie takes its own neighbours, so no two ties contradict
    let mut free: Vec<usize> = (0..groups - 3).step_by(4).collect();
    let mut take = |rng: &mut Xoshiro256PlusPlus| {
        let i = rng.random_range(0..free.len());
        free.swap_remove(i)
    };
    for _ in 0..ties.min(groups / 16) {
        let g = take(&mut rng);
        portfolio.requires.push([id(g + 1, top), id(g, top)]);
        let g = take(&mut rng);
        portfolio.excludes.push([id(g, top), id(g + 1, top)]);
        let g = take(&mut rng);
        let pair = [id(g, middle), id(g + 1, middle)];
        let bonus = (0.03 * (cost[&pair[0]] + cost[&pair[1]]) / 1000.0).round() * 1000.0;
        portfolio.synergies.push(Synergy {
            options: pair.to_vec(),
            bonus,
        });
        let g = take(&mut rng);
        portfolio.synergies.push(Synergy {
            options: vec![id(g, 0), id(g + 1, 0), id(g + 2, 0)],
            bonus: -50_000.0,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_models_are_valid_and_reproducible() {
        let a = wide_model(20, 30, 4, true, 1);
        assert!(crate::validate::validate(&a).is_empty());
        assert_eq!(a, wide_model(20, 30, 4, true, 1));
        let mut p = portfolio_model(32, 6, 5, 0.2, 2);
        let problems = crate::validate::validate(&p);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(p.options.len(), 192);
        add_ties(&mut p, 3, 2); // 32 complexes have room for two of each
        let problems = crate::validate::validate(&p);
        assert!(problems.is_empty(), "{problems:?}");
        let tied = p.portfolio.as_ref().unwrap();
        assert_eq!(
            (
                tied.requires.len(),
                tied.excludes.len(),
                tied.synergies.len()
            ),
            (2, 2, 4)
        );
    }
}
