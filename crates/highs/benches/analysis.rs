//! Speed target (issue 4): the whole analysis of an afweging, as the
//! results page computes it, < 150 ms on the 2-core machine (release).
//!
//! The afweging is built through `CaseDoc` edits, as the web app builds
//! one: 20 options from generated catalogue templates (every amount
//! uncertain), the standard actors, 6 criteria, the shared weighing and
//! 3 parties' own, a corporation budget, 10,000 Monte Carlo iterations;
//! the portfolio solved with HiGHS at five budget levels.

use criterion::{Criterion, criterion_group, criterion_main};
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use wikken_core::case::analysis::analyse;
use wikken_core::case::catalogue::{STANDARD_ACTORS, Template, Unit};
use wikken_core::case::weights::{WeightMethod, Weighting};
use wikken_core::case::{CaseArea, CaseBudget, CaseDoc, DecisionLevel, ParticipantRole};
use wikken_core::evaluate;
use wikken_core::model::{Adjust, Category, Direction, Distribution, Flow, FlowKind};
use wikken_highs::Highs;

/// A template with a cost for the corporation and 2–4 further flows for
/// other standard actors, every amount uncertain.
fn template(i: usize, rng: &mut Xoshiro256PlusPlus) -> Template {
    let category = [Category::Stenen, Category::Sociaal, Category::Beleid][i % 3];
    let mut flows = Vec::new();
    let cost = rng.random_range(200_000.0..2_000_000.0);
    flows.push(Flow {
        label: "Investering".into(),
        uncertainty: Some(Distribution::Pert {
            low: cost * 0.85,
            high: cost * 1.4,
        }),
        ..Flow::new(
            "corporatie",
            FlowKind::Cost,
            cost,
            0,
            rng.random_range(0..3),
        )
    });
    for k in 0..rng.random_range(2..5) {
        let (actor, _) = STANDARD_ACTORS[1 + (i + k) % 7];
        let amount = rng.random_range(10_000.0..150_000.0);
        let from = rng.random_range(0..3);
        let kind = if k == 0 {
            FlowKind::Cost
        } else {
            FlowKind::Benefit
        };
        flows.push(Flow {
            label: format!("Effect {k}"),
            growth: rng.random_range(0.0..0.02),
            adjust: (kind == FlowKind::Benefit).then_some(Adjust {
                deadweight: 0.1,
                attribution: 0.2,
                displacement: 0.0,
                drop_off: 0.05,
            }),
            uncertainty: Some(match k % 3 {
                0 => Distribution::Triangular {
                    low: amount * 0.6,
                    high: amount * 1.5,
                },
                1 => Distribution::Uniform {
                    low: amount * 0.7,
                    high: amount * 1.2,
                },
                _ => Distribution::Normal { sd: amount * 0.2 },
            }),
            ..Flow::new(actor, kind, amount, from, rng.random_range(from + 5..15))
        });
    }
    Template {
        key: format!("t{i}"),
        name: format!("Interventie {i}"),
        category,
        description: String::new(),
        unit: Unit::PerProject,
        typical_quantity: 1.0,
        processes: vec![],
        roles: vec![],
        routes: vec![],
        flows,
        pm: vec![],
        source: "Gegenereerd".into(),
        basis: Default::default(),
    }
}

fn direct(values: &[(String, f64)]) -> Weighting {
    Weighting {
        method: WeightMethod::Direct,
        values: values.iter().cloned().collect(),
        ahp: None,
    }
}

/// The benchmark afweging.
fn case() -> CaseDoc {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(4);
    let mut d = CaseDoc::new("Benchmark", DecisionLevel::Wijk, CaseArea::default(), 2026);
    d.baseline.description = "Zonder ingrijpen".into();
    for (id, _) in STANDARD_ACTORS {
        d.ensure_actor(id);
    }
    let criteria: Vec<String> = (0..6)
        .map(|c| {
            let dir = if c % 2 == 0 {
                Direction::Max
            } else {
                Direction::Min
            };
            d.add_criterion(&format!("Criterium {c}"), dir).unwrap()
        })
        .collect();
    for i in 0..20 {
        let id = d.add_from_template(&template(i, &mut rng), 1.0).unwrap();
        let o = d.option_mut(&id).unwrap();
        for c in &criteria {
            o.spec.scores[c] = rng.random_range(1..=5) as f64;
        }
    }
    let weights = |rng: &mut Xoshiro256PlusPlus| -> Vec<(String, f64)> {
        criteria
            .iter()
            .map(|c| (c.clone(), rng.random_range(1..=5) as f64))
            .collect()
    };
    d.weighting = direct(&weights(&mut rng));
    for name in ["Gemeente", "Huurdersvereniging", "Zorgverzekeraar"] {
        let p = d.add_participant(name, ParticipantRole::Adviseur).unwrap();
        d.set_party_weighting(&p, direct(&weights(&mut rng)))
            .unwrap();
    }
    assert_eq!(d.actors.len(), STANDARD_ACTORS.len());
    d.budget = Some(CaseBudget {
        actor: "corporatie".into(),
        from_year: 0,
        to_year: 4,
        max: 8_000_000.0,
    });
    d.uncertainty.iterations = 10_000;
    d
}

fn analysis(c: &mut Criterion) {
    let doc = case();
    let first = analyse(&doc, &Highs::default()).unwrap();
    assert_eq!(first.distributions.len(), 20);
    assert_eq!(first.budget_steps.len(), 5);
    let mut group = c.benchmark_group("analysis");
    group.sample_size(30);
    group.bench_function(
        "analyse 20 options, 10 actors, 6 criteria, 3 parties, budget, 10k iterations",
        |b| b.iter(|| analyse(&doc, &Highs::default()).unwrap()),
    );
    // For comparison: the engine alone on the same model (what the views add).
    let model = doc.to_model();
    group.bench_function("evaluate the same model (engine only)", |b| {
        b.iter(|| evaluate(&model, &Highs::default(), None).unwrap())
    });
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
