//! Tests of [`analyse`] on a small afweging whose figures are worked out
//! by hand (discount rate 10 %, flows in years 0 and 1).

use super::*;
use crate::case::weights::{WeightMethod, Weighting};
use crate::case::{CaseArea, CaseBudget, DecisionLevel, ParticipantRole};
use crate::engine::evaluate;
use crate::engine::portfolio::BruteForce;
use crate::model::{Direction, Distribution, Flow};

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9 * b.abs().max(1.0), "{a} vs {b}");
}

fn flow(actor: &str, kind: FlowKind, amount: f64, from: i64, to: i64) -> Flow {
    Flow::new(actor, kind, amount, from, to)
}

fn weights(a: f64, b: f64) -> Weighting {
    Weighting {
        method: WeightMethod::Direct,
        values: [("leefbaarheid".into(), a), ("betaalbaarheid".into(), b)]
            .into_iter()
            .collect(),
        ahp: None,
    }
}

/// Options (npv at 10 %):
/// - `a` stenen: corporatie pays 1000 in year 0; gemeente gains 600 in
///   years 0 and 1, huurders 400 in year 1: npv 1660/1.1 − 1000 = 509.09
/// - `b` sociaal: gemeente pays 500 in year 0, nobody gains: npv −500
/// - `c` beleid: huurders gain 300 (triangular 100..500) in year 0: npv 300
/// - `d` sociaal: corporatie pays 800 in year 1, huurders gain 1200 in
///   year 1: npv 400/1.1 = 363.64
/// - `e` stenen, not shortlisted: corporatie pays 50 in year 0
/// - `pakket` = a + d, not shortlisted
///
/// Budget: corporatie, years 0..=1, 1200 (undiscounted).
fn case() -> CaseDoc {
    let mut d = CaseDoc::new(
        "Wat doen we?",
        DecisionLevel::Wijk,
        CaseArea::default(),
        2026,
    );
    d.discount_rate = 0.1;
    d.horizon_years = 5;
    d.uncertainty.iterations = 2000;
    let gem = d
        .add_participant("Gemeente", ParticipantRole::Beslisser)
        .unwrap();
    let hv = d
        .add_participant("Huurders", ParticipantRole::Adviseur)
        .unwrap();
    let p1 = d.add_problem("Overlast", &gem).unwrap();
    let p2 = d.add_problem("Hoge woonlasten", &hv).unwrap();
    d.add_criterion("Leefbaarheid", Direction::Max).unwrap();
    d.add_criterion("Betaalbaarheid", Direction::Max).unwrap();
    let mut add = |name: &str, category, flows: Vec<Flow>, scores: (f64, f64)| {
        let id = d.add_blank_option(name, category).unwrap();
        let o = d.option_mut(&id).unwrap();
        o.spec.flows = flows;
        o.spec.scores["leefbaarheid"] = scores.0;
        o.spec.scores["betaalbaarheid"] = scores.1;
        id
    };
    use FlowKind::{Benefit, Cost};
    let a = add(
        "A",
        Category::Stenen,
        vec![
            flow("corporatie", Cost, 1000.0, 0, 0),
            flow("gemeente", Benefit, 600.0, 0, 1),
            flow("huurders", Benefit, 400.0, 1, 1),
        ],
        (5.0, 1.0),
    );
    add(
        "B",
        Category::Sociaal,
        vec![flow("gemeente", Cost, 500.0, 0, 0)],
        (1.0, 5.0),
    );
    let mut uncertain = flow("huurders", Benefit, 300.0, 0, 0);
    uncertain.uncertainty = Some(Distribution::Triangular {
        low: 100.0,
        high: 500.0,
    });
    add("C", Category::Beleid, vec![uncertain], (3.0, 3.0));
    let dd = add(
        "D",
        Category::Sociaal,
        vec![
            flow("corporatie", Cost, 800.0, 1, 1),
            flow("huurders", Benefit, 1200.0, 1, 1),
        ],
        (3.0, 3.0),
    );
    let e = add(
        "E",
        Category::Stenen,
        vec![flow("corporatie", Cost, 50.0, 0, 0)],
        (3.0, 3.0),
    );
    d.option_mut(&e).unwrap().shortlisted = false;
    let p = d.add_package("Pakket", &[a.clone(), dd]).unwrap();
    d.option_mut(&p).unwrap().shortlisted = false;
    let o = d.option_mut(&a).unwrap();
    o.addresses.insert(p1, 3);
    o.addresses.insert(p2, 1);
    d.option_mut(&p).unwrap().addresses.insert("p2".into(), 2);
    d.weighting = weights(2.0, 1.0);
    d.set_party_weighting(&gem, weights(0.0, 1.0)).unwrap();
    d.set_party_weighting(&hv, weights(1.0, 1.0)).unwrap();
    d.baseline.description = "Niets doen.".into();
    d.budget = Some(CaseBudget {
        actor: "corporatie".into(),
        from_year: 0,
        to_year: 1,
        max: 1200.0,
    });
    d
}

#[test]
fn the_report_is_what_evaluate_prints() {
    let d = case();
    let an = analyse(&d, &BruteForce).unwrap();
    assert_eq!(an.model, d.to_model());
    assert_eq!(an.report, evaluate(&an.model, &BruteForce, None).unwrap());
    let ids: Vec<&str> = an.report.options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    close(an.report.options[0].npv, 1660.0 / 1.1 - 1000.0);
}

#[test]
fn distributions_bin_every_iteration_around_the_percentiles() {
    let an = analyse(&case(), &BruteForce).unwrap();
    assert_eq!(an.distributions.len(), 4);
    for (h, o) in an.distributions.iter().zip(&an.report.options) {
        assert_eq!(h.counts.iter().sum::<u32>(), 2000, "{}", o.id);
        let u = o.uncertainty.unwrap();
        assert!(
            h.lo <= u.p5 && u.p5 <= u.p95 && u.p95 <= h.hi,
            "{}: {h:?}",
            o.id
        );
    }
    // c is triangular(100, 300, 500): its span is close to that range
    let c = &an.distributions[2];
    assert_eq!(c.counts.len(), HISTOGRAM_BINS);
    assert!(
        c.lo > 100.0 && c.lo < 130.0 && c.hi < 500.0 && c.hi > 470.0,
        "{c:?}"
    );
    // a has no uncertain flow: one bin at its npv
    assert_eq!(an.distributions[0].counts, vec![2000]);
    close(an.distributions[0].lo, 1660.0 / 1.1 - 1000.0);

    let mut certain = case();
    certain.option_mut("c").unwrap().spec.flows[0].uncertainty = None;
    assert!(
        analyse(&certain, &BruteForce)
            .unwrap()
            .distributions
            .is_empty()
    );
}

#[test]
fn the_arena_shares_costs_by_the_payers_benefits() {
    let an = analyse(&case(), &BruteForce).unwrap();
    assert_eq!(an.arena.len(), 4);
    let a = &an.arena[0];
    assert_eq!(a.option, "a");
    let ids: Vec<&str> = a.actors.keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        ["corporatie", "gemeente", "huurders", "zorgverzekeraar"]
    );
    // benefits: gemeente 600 + 600/1.1 = 1260/1.1 = 1145.45, huurders
    // 400/1.1 (they do not pay); costs 1000, within the gemeente's gains:
    // the gemeente alone carries them.
    let (corp, gem, hur) = (
        &a.actors["corporatie"],
        &a.actors["gemeente"],
        &a.actors["huurders"],
    );
    close(corp.pv_costs, 1000.0);
    close(corp.net, -1000.0);
    close(corp.proposed_contribution, 0.0);
    close(corp.net_after_sharing, 0.0);
    close(gem.pv_benefits, 1260.0 / 1.1);
    close(gem.net, 1260.0 / 1.1);
    close(gem.proposed_contribution, 1000.0);
    close(gem.net_after_sharing, 1260.0 / 1.1 - 1000.0);
    assert!(!hur.pays && gem.pays);
    close(hur.proposed_contribution, 0.0);
    close(hur.net_after_sharing, 400.0 / 1.1);
    close(a.shared, 1000.0);
    close(a.remainder, 0.0);
    // b has no benefits: each keeps its own costs
    let gb = &an.arena[1].actors["gemeente"];
    close(gb.proposed_contribution, 500.0);
    close(gb.kept, 500.0);
    close(gb.net_after_sharing, -500.0);
    // c has no costs: nobody contributes
    let hc = &an.arena[2].actors["huurders"];
    close(hc.proposed_contribution, 0.0);
    close(hc.net_after_sharing, 300.0);
    // d: only the huurders gain, and they do not pay: the corporatie
    // keeps its 800/1.1.
    let d = &an.arena[3];
    close(d.remainder, 800.0 / 1.1);
    close(d.actors["corporatie"].proposed_contribution, 800.0 / 1.1);
    close(d.actors["huurders"].proposed_contribution, 0.0);
}

/// A renovation, all in year 0 (not discounted):
/// - corporatie: costs 1.000, benefits 200 (less maintenance)
/// - gemeente: benefits 300
/// - huurders: benefits 5.000 (lower energy bills; they do not pay)
/// - maatschappij: benefits 2.000 (CO2; nobody's cash, does not pay)
#[test]
fn a_renovation_is_shared_among_those_who_can_pay_up_to_their_gains() {
    use FlowKind::{Benefit, Cost};
    let mut d = case();
    d.ensure_actor(crate::case::catalogue::SOCIETY);
    let id = d.add_blank_option("Renovatie", Category::Stenen).unwrap();
    for o in &mut d.options {
        o.shortlisted = o.spec.id == id;
    }
    d.option_mut(&id).unwrap().spec.flows = vec![
        flow("corporatie", Cost, 1000.0, 0, 0),
        flow("corporatie", Benefit, 200.0, 0, 0),
        flow("gemeente", Benefit, 300.0, 0, 0),
        flow("huurders", Benefit, 5000.0, 0, 0),
        flow("maatschappij", Benefit, 2000.0, 0, 0),
    ];
    let cell = |an: &Analysis, actor: &str| an.arena[0].actors[actor].clone();

    // Default rule. Payers: corporatie (gains 200), gemeente (300),
    // zorgverzekeraar (0): their gains 500 < costs 1.000, so the cap
    // binds and 500 is shared by benefits:
    //   corporatie 500 × 200/500 = 200, gemeente 500 × 300/500 = 300
    //   (capped at its gains: net after 300 − 300 = 0).
    // The remainder 1.000 − 500 = 500 stays with the cost bearer, pro
    // rata of own costs (corporatie 1.000 of 1.000): corporatie 200 + 500
    // = 700, net after 200 − 700 = −500.
    // Huurders and maatschappij: no bill, keep 5.000 and 2.000.
    let an = analyse(&d, &BruteForce).unwrap();
    close(an.arena[0].shared, 500.0);
    close(an.arena[0].remainder, 500.0);
    let corp = cell(&an, "corporatie");
    close(corp.proposed_contribution, 700.0);
    close(corp.kept, 500.0);
    close(corp.net_after_sharing, -500.0);
    let gem = cell(&an, "gemeente");
    close(gem.proposed_contribution, 300.0);
    close(gem.net_after_sharing, 0.0);
    for (actor, gains) in [("huurders", 5000.0), ("maatschappij", 2000.0)] {
        let c = cell(&an, actor);
        assert!(!c.pays, "{actor}");
        close(c.proposed_contribution, 0.0);
        close(c.net_after_sharing, gains);
    }

    // Without the cap the payers carry all 1.000 by benefits:
    //   corporatie 1.000 × 200/500 = 400, gemeente 600 (more than its 300).
    d.cost_sharing.cap_at_gains = false;
    let an = analyse(&d, &BruteForce).unwrap();
    close(cell(&an, "corporatie").proposed_contribution, 400.0);
    close(cell(&an, "gemeente").proposed_contribution, 600.0);
    close(cell(&an, "gemeente").net_after_sharing, -300.0);
    close(cell(&an, "huurders").proposed_contribution, 0.0);

    // When the user lets the huurders pay, capped: payers' gains 5.500
    // ≥ 1.000, all of it is shared: huurders 1.000 × 5.000/5.500.
    d.cost_sharing.cap_at_gains = true;
    d.cost_sharing.non_payers.retain(|a| a != "huurders");
    let an = analyse(&d, &BruteForce).unwrap();
    close(
        cell(&an, "huurders").proposed_contribution,
        1000.0 * 5000.0 / 5500.0,
    );
    close(
        cell(&an, "corporatie").proposed_contribution,
        1000.0 * 200.0 / 5500.0,
    );
    close(an.arena[0].remainder, 0.0);
}

#[test]
fn disagreement_compares_the_parties_ranks() {
    // leefbaarheid, betaalbaarheid normalised: a (1, 0), b (0, 1), c and d (½, ½).
    // Shared 2:1 → a ⅔, b ⅓, c and d ½: ranks 1, 4, 2, 2.
    // Gemeente 0:1 → a 0, b 1, c and d ½: ranks 4, 1, 2, 2.
    // Huurders 1:1 → all ½: rank 1.
    let an = analyse(&case(), &BruteForce).unwrap();
    let got: Vec<(&str, u32, Vec<u32>, u32)> = an
        .disagreement
        .iter()
        .map(|d| {
            (
                d.option.as_str(),
                d.main_rank,
                d.ranks.values().copied().collect(),
                d.spread,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a", 1, vec![4, 1], 3),
            ("b", 4, vec![1, 1], 3),
            ("c", 2, vec![2, 1], 1),
            ("d", 2, vec![2, 1], 1),
        ]
    );
    let parties: Vec<&str> = an.disagreement[0]
        .ranks
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(parties, ["Gemeente", "Huurders"]);

    let mut none = case();
    for c in ["leefbaarheid", "betaalbaarheid"] {
        none.remove_criterion(c).unwrap();
    }
    assert!(analyse(&none, &BruteForce).unwrap().disagreement.is_empty());
}

#[test]
fn budget_steps_move_the_portfolio() {
    // Corporatie costs: a 1000, d 800; c is free and always chosen.
    // 600: neither; 900: d; 1200 and 1500: a (509 beats d's 364); 1800: both.
    let an = analyse(&case(), &BruteForce).unwrap();
    let npv_a = 1660.0 / 1.1 - 1000.0;
    let npv_d = 400.0 / 1.1;
    let want: [(f64, &[&str], f64, f64, f64); 5] = [
        (600.0, &["c"], 300.0, 0.0, 0.0),
        (900.0, &["c", "d"], 300.0 + npv_d, 0.0, 800.0),
        (1200.0, &["a", "c"], 300.0 + npv_a, 1000.0, 0.0),
        (1500.0, &["a", "c"], 300.0 + npv_a, 1000.0, 0.0),
        (
            1800.0,
            &["a", "c", "d"],
            300.0 + npv_a + npv_d,
            1000.0,
            800.0,
        ),
    ];
    assert_eq!(an.budget_steps.len(), 5);
    for (s, (max, selected, objective, stenen, sociaal)) in an.budget_steps.iter().zip(want) {
        close(s.max, max);
        assert_eq!(s.selected, selected, "at {max}");
        close(s.objective, objective);
        close(s.spent, stenen + sociaal);
        let cats: Vec<Category> = s.spent_by_category.keys().copied().collect();
        assert_eq!(cats, CATEGORIES);
        close(s.spent_by_category[&Category::Stenen], stenen);
        close(s.spent_by_category[&Category::Sociaal], sociaal);
        assert_eq!(s.spent_by_category[&Category::Beleid], 0.0);
    }
    let at_one = &an.budget_steps[2];
    let report = an.report.portfolio.as_ref().unwrap();
    assert_eq!((at_one.factor, &at_one.selected), (1.0, &report.selected));

    let mut free = case();
    free.budget = None;
    assert!(analyse(&free, &BruteForce).unwrap().budget_steps.is_empty());
}

#[test]
fn preselection_covers_every_option_against_its_cost() {
    let an = analyse(&case(), &BruteForce).unwrap();
    let ids: Vec<&str> = an.preselection.iter().map(|r| r.option.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e", "pakket"]);
    let a = &an.preselection[0];
    assert_eq!(
        a.scores
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect::<Vec<_>>(),
        [("p1", 3), ("p2", 1)]
    );
    assert_eq!(a.total, 4);
    close(a.pv_costs, 1000.0);
    close(a.per_million.unwrap(), 4000.0);
    assert!(a.shortlisted);
    let c = &an.preselection[2];
    assert_eq!((c.total, c.pv_costs, c.per_million), (0, 0.0, None));
    let e = &an.preselection[4];
    assert!(!e.shortlisted);
    close(e.pv_costs, 50.0);
    assert_eq!(e.per_million, Some(0.0));
    // the package is costed with its members' flows: 1000 + 800/1.1
    let p = &an.preselection[5];
    assert_eq!((p.total, p.shortlisted), (2, false));
    close(p.pv_costs, 1000.0 + 800.0 / 1.1);
    close(p.per_million.unwrap(), 2.0 / ((1000.0 + 800.0 / 1.1) / 1e6));
}

#[test]
fn an_invalid_model_is_refused() {
    let mut d = case();
    d.budget.as_mut().unwrap().to_year = 99;
    assert!(matches!(
        analyse(&d, &BruteForce),
        Err(EvalError::Invalid(_))
    ));
}

/// Four options that each cost the corporatie more than they bring
/// (npv < 0), scored on one criterion: W 6 (costs 1.200, over budget),
/// X 5 (600), Z 4 (950), Y 3 (500). Budget 1.000.
fn losing_options() -> CaseDoc {
    use FlowKind::{Benefit, Cost};
    let mut d = case();
    d.options.clear();
    d.party_weights.clear();
    d.remove_criterion("betaalbaarheid").unwrap();
    d.weighting = Weighting::equal(&d.criteria);
    for (name, cost, score) in [
        ("W", 1200.0, 6.0),
        ("X", 600.0, 5.0),
        ("Y", 500.0, 3.0),
        ("Z", 950.0, 4.0),
    ] {
        let id = d.add_blank_option(name, Category::Sociaal).unwrap();
        let o = d.option_mut(&id).unwrap();
        o.spec.flows = vec![
            flow("corporatie", Cost, cost, 0, 0),
            flow("gemeente", Benefit, 100.0, 0, 0),
        ];
        o.spec.scores["leefbaarheid"] = score;
    }
    d.budget.as_mut().unwrap().max = 1000.0;
    d
}

#[test]
fn the_portfolio_on_the_mca_value_picks_the_best_scoring_option_within_budget() {
    use crate::model::Objective;
    let mut d = losing_options();
    // On the saldo nothing pays: every option loses money.
    let an = analyse(&d, &BruteForce).unwrap();
    let p = an.report.portfolio.as_ref().unwrap();
    assert!(p.selected.is_empty(), "{:?}", p.selected);
    assert!(an.model.options.iter().all(|o| o.value.is_none()));

    // On the MCA value (weighted sum, one criterion): (score − 3)/(6 − 3)
    // = W 1, X ⅔, Z ⅓, Y 0. Within 1.000: X (600) alone, ⅔; X + Y costs
    // 1.100, W 1.200; Z alone ⅓. So X.
    d.portfolio_objective = Objective::Value;
    let an = analyse(&d, &BruteForce).unwrap();
    let m = an.model.portfolio.as_ref().unwrap();
    assert_eq!(m.objective, Objective::Value);
    let values: Vec<f64> = an.model.options.iter().map(|o| o.value.unwrap()).collect();
    for (v, want) in values.iter().zip([1.0, 2.0 / 3.0, 0.0, 1.0 / 3.0]) {
        close(*v, want);
    }
    // Each value is the option's MCA score as the report gives it.
    for (o, v) in an.report.options.iter().zip(&values) {
        close(o.mca.unwrap().score, *v);
    }
    let p = an.report.portfolio.as_ref().unwrap();
    assert_eq!(p.selected, ["x"]);
    close(p.objective, 2.0 / 3.0);
    let at_one = an.budget_steps.iter().find(|s| s.factor == 1.0).unwrap();
    assert_eq!(at_one.selected, ["x"]);
    close(at_one.objective, 2.0 / 3.0);
    // At 150 % (1.500): W alone (1.200) is worth 1; X + Y (1.100) ⅔ + 0,
    // Y + Z (1.450) ⅓, X + Z (1.550) is over budget. So W.
    assert_eq!(an.budget_steps[4].selected, ["w"]);

    // Without differing scores the setting cannot hold: back to the saldo.
    for o in &mut d.options {
        o.spec.scores["leefbaarheid"] = 3.0;
    }
    assert!(d.mca_value_problem().is_some());
    let an = analyse(&d, &BruteForce).unwrap();
    assert_eq!(
        an.model.portfolio.as_ref().unwrap().objective,
        Objective::Npv
    );
}
