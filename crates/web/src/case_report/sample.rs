//! A sample afweging with hand-built results, for the report's tests: the
//! model and the engine's report are real; the other views are filled with
//! plausible figures computed from them.

use indexmap::IndexMap;
use wikken_core::case::analysis::{
    Analysis, ArenaCell, ArenaColumn, BudgetStep, Disagreement, Histogram, PreselectionRow,
};
use wikken_core::case::catalogue::{PrimaryProcess, Role, Route, Template, Unit};
use wikken_core::case::cost_sharing::{Party, share};
use wikken_core::case::{
    CaseArea, CaseBudget, CaseDoc, Decision, DecisionLevel, ParticipantRole, WeightMethod,
    Weighting,
};
use wikken_core::engine::mkba::{nominal_factor, pv_factor, sign};
use wikken_core::model::{
    Adjust, Category, Direction, Distribution, Flow, FlowKind, PmItem, PmSign,
};

use super::ReportContext;

/// What the sample contains besides the basics.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Extras {
    /// Flows with margins (Monte Carlo), or all amounts certain.
    pub uncertainty: bool,
    /// A corporatie budget (the portfolio view).
    pub budget: bool,
    /// A recorded besluit.
    pub decision: bool,
}

fn direct(values: &[(&str, f64)]) -> Weighting {
    Weighting {
        method: WeightMethod::Direct,
        values: values.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        ahp: None,
    }
}

fn flow(actor: &str, kind: FlowKind, label: &str, amount: f64, from: i64, to: i64) -> Flow {
    Flow {
        label: label.to_string(),
        ..Flow::new(actor, kind, amount, from, to)
    }
}

/// The report tests' own small catalogue (a buurtbeheerder, a renovation
/// and a rent freeze), fixed here so that revising the organisation's
/// default catalogue does not move the hand-computed figures the tests
/// check.
pub(crate) fn templates() -> Vec<Template> {
    let beheerder = Template {
        key: "buurtbeheerder".into(),
        name: "Buurtbeheerder".into(),
        category: Category::Sociaal,
        description: "Een vaste beheerder in de buurt.".into(),
        unit: Unit::PerProject,
        typical_quantity: 1.0,
        processes: vec![PrimaryProcess::Beheren],
        roles: vec![Role::Huisvester, Role::Werkgever],
        routes: vec![Route::Wonen],
        flows: vec![
            Flow {
                uncertainty: Some(Distribution::Triangular {
                    low: 60_000.0,
                    high: 80_000.0,
                }),
                ..flow(
                    "corporatie",
                    FlowKind::Cost,
                    "Loonkosten buurtbeheerder",
                    68_000.0,
                    0,
                    4,
                )
            },
            Flow {
                adjust: Some(Adjust {
                    deadweight: 0.2,
                    attribution: 0.3,
                    displacement: 0.1,
                    drop_off: 0.0,
                }),
                uncertainty: Some(Distribution::Pert {
                    low: 15_000.0,
                    high: 60_000.0,
                }),
                ..flow(
                    "corporatie",
                    FlowKind::Benefit,
                    "Minder mutaties en schoonmaak",
                    35_000.0,
                    1,
                    4,
                )
            },
        ],
        pm: vec![PmItem {
            label: "Prettiger woonklimaat".into(),
            actor: Some("huurders".into()),
            sign: PmSign::Plus,
            note: None,
        }],
        source: "Testcijfers.".into(),
        basis: Default::default(),
    };
    let renovatie = Template {
        key: "renovatie".into(),
        name: "Renovatie".into(),
        category: Category::Stenen,
        description: "Ingrijpende renovatie van een complex.".into(),
        unit: Unit::PerDwelling,
        typical_quantity: 40.0,
        processes: vec![PrimaryProcess::Herontwikkeling],
        roles: vec![Role::Huisvester, Role::Opdrachtgever],
        routes: vec![],
        flows: vec![
            Flow {
                uncertainty: Some(Distribution::Pert {
                    low: 70_000.0,
                    high: 110_000.0,
                }),
                ..flow(
                    "corporatie",
                    FlowKind::Cost,
                    "Renovatiekosten",
                    85_000.0,
                    0,
                    0,
                )
            },
            flow(
                "corporatie",
                FlowKind::Benefit,
                "Lagere onderhoudslasten",
                900.0,
                1,
                14,
            ),
        ],
        pm: vec![],
        source: "Testcijfers.".into(),
        basis: Default::default(),
    };
    let huurbevriezing = Template {
        key: "huurbevriezing".into(),
        name: "Huurbevriezing".into(),
        category: Category::Beleid,
        description: "Drie jaar geen huurverhoging.".into(),
        unit: Unit::PerDwelling,
        typical_quantity: 100.0,
        processes: vec![PrimaryProcess::Verhuren],
        roles: vec![Role::Huisvester],
        routes: vec![],
        flows: vec![
            flow("corporatie", FlowKind::Cost, "Gederfde huur", 250.0, 0, 2),
            flow(
                "huurders",
                FlowKind::Benefit,
                "Lagere woonlasten",
                250.0,
                0,
                2,
            ),
        ],
        pm: vec![],
        source: "Testcijfers.".into(),
        basis: Default::default(),
    };
    vec![beheerder, renovatie, huurbevriezing]
}

/// The sample afweging.
pub(crate) fn doc(extras: Extras) -> CaseDoc {
    let area = CaseArea {
        code: Some("BU19990101".into()),
        complexes: Vec::new(),
    };
    let mut d = CaseDoc::new(
        "Wat doen we aan de leefbaarheid in Molenhoek?",
        DecisionLevel::Wijk,
        area,
        2026,
    );
    d.decision_moment = Some("2026-12-15".into());
    let gem = d
        .add_participant("Gemeente Lindeveen", ParticipantRole::Beslisser)
        .unwrap();
    let hv = d
        .add_participant("Huurdersvereniging De Linde", ParticipantRole::Adviseur)
        .unwrap();
    d.add_participant("Woonstichting Lindeveen", ParticipantRole::Eigenaar)
        .unwrap();
    let p1 = d
        .add_problem(
            "Veel overlast en vervuiling rond de flats aan de Lindelaan",
            &gem,
        )
        .unwrap();
    let p2 = d
        .add_problem("Hoge woonlasten en tochtige woningen", &hv)
        .unwrap();
    let leef = d.add_criterion("Leefbaarheid", Direction::Max).unwrap();
    let risk = d
        .add_criterion("Uitvoeringsrisico", Direction::Min)
        .unwrap();
    let templates = templates();
    let quantities = [1.0, 40.0, 100.0];
    for (t, q) in templates.iter().zip(quantities) {
        d.add_from_template(t, q).unwrap();
    }
    let scores = [(4.0, 2.0), (3.0, 4.0), (2.0, 1.0)];
    let addresses = [
        vec![(p1.clone(), 3)],
        vec![(p2.clone(), 3), (p1.clone(), 1)],
        vec![(p2.clone(), 2)],
    ];
    for (i, o) in d.options.iter_mut().enumerate() {
        o.spec.scores.insert(leef.clone(), scores[i].0);
        o.spec.scores.insert(risk.clone(), scores[i].1);
        o.addresses = addresses[i].iter().cloned().collect();
        if !extras.uncertainty {
            for f in &mut o.spec.flows {
                f.uncertainty = None;
            }
        }
    }
    // Livelier figures than the catalogue's: the beheerder pays off, the
    // renovation lowers the tenants' energy bills and raises the value.
    let benefit =
        |label: &str, actor: &str, amount: f64, from: i64, to: i64, range: Option<(f64, f64)>| {
            Flow {
                label: label.into(),
                uncertainty: range.map(|(low, high)| Distribution::Pert { low, high }),
                ..Flow::new(actor, FlowKind::Benefit, amount, from, to)
            }
        };
    let margin = |lo: f64, hi: f64| extras.uncertainty.then_some((lo, hi));
    d.options[0].spec.flows[1].amount = 200_000.0;
    d.options[0].spec.flows[1].uncertainty =
        margin(90_000.0, 280_000.0).map(|(low, high)| Distribution::Pert { low, high });
    d.options[1].spec.flows.push(benefit(
        "Lagere energielasten",
        "huurders",
        72_000.0,
        1,
        14,
        margin(40_000.0, 100_000.0),
    ));
    d.options[1].spec.flows.push(benefit(
        "Hogere marktwaarde",
        "corporatie",
        1_600_000.0,
        1,
        1,
        margin(900_000.0, 2_000_000.0),
    ));
    let members = vec![d.options[0].spec.id.clone(), d.options[1].spec.id.clone()];
    d.add_package("Beheer en renovatie samen", &members)
        .unwrap();
    d.weighting = direct(&[(&leef, 1.0), (&risk, 1.0)]);
    d.set_party_weighting(&gem, direct(&[(&leef, 8.0), (&risk, 2.0)]))
        .unwrap();
    d.set_party_weighting(&hv, direct(&[(&leef, 1.0), (&risk, 9.0)]))
        .unwrap();
    d.baseline.description = "Zonder ingrijpen loopt de buurt verder terug: meer verhuizingen, meer overlast.\nDe woningen worden alleen planmatig onderhouden.".into();
    d.baseline.assumptions = "Het groot onderhoud van 2027 is al besloten.".into();
    d.uncertainty.iterations = 2000;
    if extras.budget {
        d.budget = Some(CaseBudget {
            actor: "corporatie".into(),
            from_year: 0,
            to_year: 4,
            max: 2_500_000.0,
        });
    }
    if extras.decision {
        d.decision = Some(Decision {
            chosen: vec![d.options[0].spec.id.clone()],
            rationale: "De buurtbeheerder pakt de overlast direct aan en is snel terug te draaien."
                .into(),
            dissent: "De huurdersvereniging had liever eerst de woningen aangepakt.".into(),
            conditions: "Evaluatie na twee jaar.".into(),
            decided_by: "j.jansen".into(),
            decided_at: 1_795_000_000,
        });
    }
    d
}

/// A triangular-looking histogram around the median between p5 and p95.
fn histogram(p5: f64, p50: f64, p95: f64) -> Histogram {
    let pad = (p95 - p5).abs().max(1.0) * 0.25;
    let (lo, hi) = (p5 - pad, p95 + pad);
    let bins = 24;
    let width = (hi - lo) / bins as f64;
    let counts = (0..bins)
        .map(|i| {
            let mid = lo + width * (i as f64 + 0.5);
            let reach = if mid < p50 { p50 - lo } else { hi - p50 };
            (200.0 * (1.0 - (mid - p50).abs() / reach.max(1.0)))
                .max(0.0)
                .round() as u32
        })
        .collect();
    Histogram { lo, hi, counts }
}

/// Results for the sample: the real model and report, the rest built from them.
pub(crate) fn analysis(doc: &CaseDoc) -> Analysis {
    let model = doc.to_model();
    let report = wikken_core::evaluate(&model, &wikken_highs::Highs::default(), None).unwrap();
    let distributions = report
        .options
        .iter()
        .filter_map(|o| o.uncertainty.map(|u| histogram(u.p5, u.p50, u.p95)))
        .collect();
    let arena = model
        .options
        .iter()
        .map(|o| {
            let mut cells: IndexMap<String, (f64, f64)> = model
                .actors
                .iter()
                .map(|a| (a.id.clone(), (0.0, 0.0)))
                .collect();
            for f in &o.flows {
                let pv = f.amount * pv_factor(f, model.horizon_years, model.discount_rate);
                if let Some(c) = cells.get_mut(&f.actor) {
                    if sign(f.kind) < 0.0 {
                        c.0 += pv
                    } else {
                        c.1 += pv
                    }
                }
            }
            let parties: Vec<Party> = cells
                .iter()
                .map(|(id, (costs, benefits))| Party {
                    costs: *costs,
                    benefits: *benefits,
                    pays: doc.cost_sharing.pays(id),
                })
                .collect();
            let sharing = share(&parties, doc.cost_sharing.cap_at_gains);
            let actors = cells
                .into_iter()
                .enumerate()
                .map(|(i, (id, (costs, benefits)))| {
                    let proposed = sharing.contributions[i];
                    let cell = ArenaCell {
                        pv_costs: costs,
                        pv_benefits: benefits,
                        net: benefits - costs,
                        pays: parties[i].pays,
                        proposed_contribution: proposed,
                        kept: sharing.kept[i],
                        net_after_sharing: benefits - proposed,
                    };
                    (id, cell)
                })
                .collect();
            ArenaColumn {
                option: o.id.clone(),
                actors,
                shared: sharing.shared,
                remainder: sharing.remainder,
            }
        })
        .collect();
    let disagreement = match &report.mca {
        Some(mca) => report
            .options
            .iter()
            .map(|o| {
                let main_rank = o.mca.map_or(0, |m| m.rank);
                let ranks: IndexMap<String, u32> = mca
                    .by_weight_set
                    .iter()
                    .map(|w| {
                        (
                            w.stakeholder.clone(),
                            w.ranks.get(&o.id).copied().unwrap_or(0),
                        )
                    })
                    .collect();
                let all = ranks.values().copied().chain([main_rank]);
                let spread = all.clone().max().unwrap_or(0) - all.min().unwrap_or(0);
                Disagreement {
                    option: o.id.clone(),
                    main_rank,
                    ranks,
                    spread,
                }
            })
            .collect(),
        None => Vec::new(),
    };
    let budget_steps = match &doc.budget {
        Some(b) => wikken_core::case::analysis::BUDGET_FACTORS
            .iter()
            .map(|factor| {
                let max = b.max * factor;
                let cost = |i: usize| -> f64 {
                    model.options[i]
                        .flows
                        .iter()
                        .filter(|f| f.actor == b.actor && f.kind == FlowKind::Cost)
                        .map(|f| {
                            f.amount
                                * nominal_factor(f, model.horizon_years, b.from_year, b.to_year)
                        })
                        .sum()
                };
                // Greedy by npv, skipping what does not fit (plausible, not optimal).
                let mut order: Vec<usize> = (0..model.options.len())
                    .filter(|i| report.options[*i].npv > 0.0)
                    .collect();
                order.sort_by(|a, b| report.options[*b].npv.total_cmp(&report.options[*a].npv));
                let (mut spent, mut chosen) = (0.0, Vec::new());
                for i in order {
                    if spent + cost(i) <= max {
                        spent += cost(i);
                        chosen.push(i);
                    }
                }
                chosen.sort_unstable();
                let mut by_category = IndexMap::new();
                for i in &chosen {
                    *by_category.entry(model.options[*i].category).or_insert(0.0) += cost(*i);
                }
                BudgetStep {
                    factor: *factor,
                    max,
                    selected: chosen
                        .iter()
                        .map(|i| model.options[*i].id.clone())
                        .collect(),
                    objective: chosen
                        .iter()
                        .map(|i| model.options[*i].value.unwrap_or(report.options[*i].npv))
                        .sum(),
                    spent,
                    spent_by_category: by_category,
                    gap: None,
                }
            })
            .collect(),
        None => Vec::new(),
    };
    let preselection = doc
        .options
        .iter()
        .map(|o| {
            let total: u32 = o.addresses.values().map(|v| u32::from(*v)).sum();
            let pv_costs = report
                .options
                .iter()
                .find(|r| r.id == o.spec.id)
                .map_or(0.0, |r| r.pv_costs);
            PreselectionRow {
                option: o.spec.id.clone(),
                scores: o.addresses.clone(),
                total,
                pv_costs,
                per_million: (pv_costs > 0.0).then(|| f64::from(total) / (pv_costs / 1e6)),
                shortlisted: o.shortlisted,
            }
        })
        .collect();
    Analysis {
        model,
        report,
        distributions,
        arena,
        disagreement,
        budget_steps,
        preselection,
    }
}

/// A report context for the sample.
pub(crate) fn context(fictional: bool, frozen: bool) -> ReportContext {
    ReportContext {
        organisation: "Woonstichting Lindeveen".into(),
        fictional,
        area: Some("buurt Molenhoek".into()),
        version: 3,
        frozen,
        generated_at: "24 november 2026, 14:05".into(),
    }
}
