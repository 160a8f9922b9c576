//! Every rule of changing an afweging, without HTTP.

use super::*;
use crate::case::catalogue::default_templates;
use crate::case::weights::WeightMethod;
use crate::case::{CaseArea, CaseDoc, DecisionLevel, ParticipantRole};
use crate::model::FlowKind;

fn template(key: &str) -> Box<Template> {
    Box::new(
        default_templates()
            .into_iter()
            .find(|t| t.key == key)
            .expect("a default template"),
    )
}

/// An afweging with two parties, a problem, two options and a criterion.
fn doc() -> CaseDoc {
    let mut d = CaseDoc::new(
        "Wat doen we?",
        DecisionLevel::Wijk,
        CaseArea::default(),
        2027,
    );
    for cmd in [
        CaseCommand::AddParticipant {
            name: "Corporatie".into(),
            role: ParticipantRole::Eigenaar,
        },
        CaseCommand::AddParticipant {
            name: "Gemeente".into(),
            role: ParticipantRole::Beslisser,
        },
        CaseCommand::AddProblem {
            text: "Overlast".into(),
            owner: "gemeente".into(),
        },
        CaseCommand::AddFromTemplate {
            template: template("buurtbeheerder"),
            quantity: 1.0,
        },
        CaseCommand::AddFromTemplate {
            template: template("achter-de-voordeur"),
            quantity: 40.0,
        },
        CaseCommand::AddCriterion {
            name: "Veiligheid".into(),
            direction: Direction::Max,
        },
        CaseCommand::SetBaseline {
            description: Change::to("Verval gaat door.".into()),
            assumptions: Change::to(String::new()),
        },
    ] {
        d.apply(&cmd).unwrap();
    }
    d
}

fn fields(r: &Refusal) -> Vec<&str> {
    r.objections.iter().map(|o| o.field.as_str()).collect()
}

fn effects_form(d: &CaseDoc, id: &str) -> EffectsValues {
    EffectsValues::of(d, id).unwrap()
}

fn effects_change(was: &EffectsValues, now: &EffectsValues) -> EffectsChange {
    EffectsChange {
        name: Change::from(Some(was.name.clone()), now.name.clone()),
        flows: now
            .flows
            .clone()
            .map(|f| Change::from(was.flows.clone(), f)),
        pm: now.pm.clone().map(|p| Change::from(was.pm.clone(), p)),
        scores: now
            .scores
            .iter()
            .map(|(k, v)| (k.clone(), Change::from(was.scores.get(k).copied(), *v)))
            .collect(),
        note: Change::from(Some(was.note.clone()), now.note.clone()),
    }
}

#[test]
fn the_question_needs_words_and_reads_dutch_dates() {
    let mut d = doc();
    let r = d
        .apply(&CaseCommand::SetQuestion {
            values: Change::to(QuestionValues {
                question: "  ".into(),
                level: DecisionLevel::Wijk,
                decision_moment: Some("31-2-2027".into()),
            }),
        })
        .unwrap_err();
    assert_eq!(fields(&r), ["question", "decision_moment"]);
    d.apply(&CaseCommand::SetQuestion {
        values: Change::to(QuestionValues {
            question: "Nieuwe vraag".into(),
            level: DecisionLevel::Complex,
            decision_moment: Some("1-3-2027".into()),
        }),
    })
    .unwrap();
    assert_eq!(d.decision_moment.as_deref(), Some("2027-03-01"));
    assert_eq!(d.level, DecisionLevel::Complex);
}

#[test]
fn a_refused_besluit_names_every_problem_at_once() {
    let mut d = doc();
    let before = d.clone();
    let r = d
        .apply(&CaseCommand::Decide {
            chosen: vec![],
            rationale: " ".into(),
            dissent: String::new(),
            conditions: String::new(),
            decided_by: "Anna".into(),
            decided_at: 1,
        })
        .unwrap_err();
    assert_eq!(fields(&r), ["decision.chosen", "decision.rationale"]);
    assert_eq!(d, before, "a refusal changes nothing");
}

#[test]
fn a_besluit_records_every_chosen_option_and_freezes() {
    let mut d = doc();
    let ids: Vec<String> = d.options.iter().map(|o| o.spec.id.clone()).collect();
    let line = d
        .apply(&CaseCommand::Decide {
            chosen: ids.clone(),
            rationale: "Beide, omdat ze elkaar versterken.".into(),
            dissent: String::new(),
            conditions: String::new(),
            decided_by: "Anna".into(),
            decided_at: 1,
        })
        .unwrap();
    assert_eq!(d.decision.as_ref().unwrap().chosen, ids);
    assert!(line.contains("Buurtbeheerder"), "{line}");
    let r = d
        .apply(&CaseCommand::AddCriterion {
            name: "Kosten".into(),
            direction: Direction::Min,
        })
        .unwrap_err();
    assert!(r.to_string().contains("vastgelegd"), "{r}");
}

#[test]
fn a_besluit_on_an_option_outside_the_preselection_is_refused() {
    let mut d = doc();
    let r = d
        .apply(&CaseCommand::Decide {
            chosen: vec!["bestaat-niet".into()],
            rationale: "Daarom.".into(),
            dissent: String::new(),
            conditions: String::new(),
            decided_by: "Anna".into(),
            decided_at: 1,
        })
        .unwrap_err();
    assert_eq!(fields(&r), ["decision.chosen"]);
}

#[test]
fn the_baseline_must_be_described() {
    let mut d = doc();
    let r = d
        .apply(&CaseCommand::SetBaseline {
            description: Change::to("".into()),
            assumptions: Change::to("".into()),
        })
        .unwrap_err();
    assert_eq!(fields(&r), ["baseline.description"]);
}

/// Tab A saves a loonkosten of 78.000; tab B, opened before, changes only a
/// score: the 78.000 stays.
#[test]
fn a_stale_tab_changes_only_what_it_changed() {
    let mut d = doc();
    let id = d.options[0].spec.id.clone();
    let shown = effects_form(&d, &id);
    let old_amount = shown.flows.as_ref().unwrap()[0].amount;

    let mut a = shown.clone();
    a.flows.as_mut().unwrap()[0].amount = 78_000.0;
    d.apply(&CaseCommand::SetEffects {
        option: id.clone(),
        values: effects_change(&shown, &a),
    })
    .unwrap();

    let mut b = shown.clone();
    b.scores.insert("veiligheid".into(), 5.0);
    d.apply(&CaseCommand::SetEffects {
        option: id.clone(),
        values: effects_change(&shown, &b),
    })
    .unwrap();
    let o = d.option(&id).unwrap();
    assert_eq!(o.spec.flows[0].amount, 78_000.0, "was {old_amount}");
    assert_eq!(o.spec.scores["veiligheid"], 5.0);
}

#[test]
fn two_tabs_changing_the_same_amount_clash_with_their_value() {
    let mut d = doc();
    let id = d.options[0].spec.id.clone();
    let shown = effects_form(&d, &id);
    let mut a = shown.clone();
    a.flows.as_mut().unwrap()[0].amount = 78_000.0;
    d.apply(&CaseCommand::SetEffects {
        option: id.clone(),
        values: effects_change(&shown, &a),
    })
    .unwrap();
    let saved = d.clone();
    let mut b = shown.clone();
    b.flows.as_mut().unwrap()[0].amount = 82_000.0;
    let r = d
        .apply(&CaseCommand::SetEffects {
            option: id.clone(),
            values: effects_change(&shown, &b),
        })
        .unwrap_err();
    assert!(r.is_clash());
    assert_eq!(fields(&r), ["flows[0]"]);
    assert!(
        r.objections[0]
            .theirs
            .as_deref()
            .unwrap()
            .contains("€ 78.000"),
        "{r:?}"
    );
    assert_eq!(d, saved);
    // sent again with their value as what the form showed: the user chose
    let now = effects_form(&d, &id);
    d.apply(&CaseCommand::SetEffects {
        option: id.clone(),
        values: effects_change(&now, &b),
    })
    .unwrap();
    assert_eq!(d.option(&id).unwrap().spec.flows[0].amount, 82_000.0);
}

#[test]
fn the_preselection_leaves_options_added_since_the_form_alone() {
    let mut d = doc();
    let shown: Vec<String> = d.options.iter().map(|o| o.spec.id.clone()).collect();
    d.apply(&CaseCommand::AddBlankOption {
        name: "Later toegevoegd".into(),
        category: Category::Beleid,
    })
    .unwrap();
    let rows = shown
        .iter()
        .map(|id| PreselectRow {
            option: id.clone(),
            addresses: vec![("p1".into(), Change::from(Some(0), 3))],
            keep: Change::from(Some(true), id.starts_with("buurt")),
        })
        .collect();
    d.apply(&CaseCommand::Preselect { rows }).unwrap();
    let late = d.options.last().unwrap();
    assert!(late.shortlisted, "not on the form, so untouched");
    assert_eq!(d.options[0].addresses["p1"], 3);
    assert!(!d.options[1].shortlisted);
}

#[test]
fn a_party_called_gezamenlijk_has_its_own_weighing() {
    let mut d = doc();
    d.apply(&CaseCommand::AddCriterion {
        name: "Kosten".into(),
        direction: Direction::Min,
    })
    .unwrap();
    d.apply(&CaseCommand::AddParticipant {
        name: "Gezamenlijk".into(),
        role: ParticipantRole::Meedenker,
    })
    .unwrap();
    let shared = d.weighting.clone();
    let mut theirs = Weighting::equal(&d.criteria);
    theirs.method = WeightMethod::Direct;
    theirs.values.insert("veiligheid".into(), 9.0);
    theirs.values.insert("kosten".into(), 1.0);
    d.apply(&CaseCommand::SetWeighting {
        holder: WeightHolder::Party("gezamenlijk".into()),
        weighting: Change::to(theirs.clone()),
    })
    .unwrap();
    assert_eq!(d.weighting, shared, "the shared weighing is untouched");
    assert_eq!(
        WeightHolder::Party("gezamenlijk".into()).weighting(&d),
        Some(&theirs)
    );
    d.apply(&CaseCommand::SetWeighting {
        holder: WeightHolder::Shared,
        weighting: Change::to(theirs.clone()),
    })
    .unwrap();
    assert_eq!(d.weighting, theirs);
}

#[test]
fn a_weighing_that_gives_no_weights_is_refused() {
    let mut d = doc();
    let mut w = Weighting::equal(&d.criteria);
    w.method = WeightMethod::Points;
    w.values.insert("veiligheid".into(), 40.0);
    let r = d
        .apply(&CaseCommand::SetWeighting {
            holder: WeightHolder::Shared,
            weighting: Change::to(w),
        })
        .unwrap_err();
    assert_eq!(fields(&r), ["weighting"]);
}

fn settings(d: &CaseDoc) -> SettingsValues {
    SettingsValues::of(d)
}

#[test]
fn a_new_start_year_moves_the_flows_with_it() {
    let mut d = doc();
    let first = d.options[0].spec.flows[0].from_year;
    let mut s = settings(&d);
    s.start_year = 2026;
    d.apply(&CaseCommand::SetSettings {
        values: Change::to(s),
    })
    .unwrap();
    assert_eq!(d.start_year, 2026);
    assert_eq!(d.options[0].spec.flows[0].from_year, first + 1);
}

#[test]
fn budget_years_lie_within_the_horizon() {
    let mut d = doc();
    let mut s = settings(&d);
    s.budget = Some(BudgetValues {
        actor: "corporatie".into(),
        max: 1e6,
        from: 2030,
        to: 2050,
    });
    let r = d
        .apply(&CaseCommand::SetSettings {
            values: Change::to(s.clone()),
        })
        .unwrap_err();
    assert_eq!(fields(&r), ["budget.to"]);
    s.budget.as_mut().unwrap().to = 2031;
    d.apply(&CaseCommand::SetSettings {
        values: Change::to(s),
    })
    .unwrap();
    let b = d.budget.as_ref().unwrap();
    assert_eq!((b.from_year, b.to_year), (3, 4));
}

#[test]
fn a_horizon_shorter_than_the_flows_is_refused() {
    let mut d = doc();
    let mut s = settings(&d);
    s.horizon_years = 1;
    s.iterations = 0;
    let r = d
        .apply(&CaseCommand::SetSettings {
            values: Change::to(s),
        })
        .unwrap_err();
    assert_eq!(fields(&r), ["iterations", "horizon_years"]);
}

#[test]
fn a_count_changed_after_adding_keeps_the_preselection() {
    let mut d = doc();
    let id = d.options[1].spec.id.clone();
    d.apply(&CaseCommand::Preselect {
        rows: vec![PreselectRow {
            option: id.clone(),
            addresses: vec![("p1".into(), Change::to(2))],
            keep: Change::to(true),
        }],
    })
    .unwrap();
    let before: Vec<f64> = d
        .option(&id)
        .unwrap()
        .spec
        .flows
        .iter()
        .map(|f| f.amount)
        .collect();
    d.apply(&CaseCommand::SetQuantity {
        option: id.clone(),
        quantity: 20.0,
    })
    .unwrap();
    let o = d.option(&id).unwrap();
    assert_eq!(o.quantity, Some(20.0));
    assert_eq!(o.addresses["p1"], 2);
    for (f, b) in o.spec.flows.iter().zip(before) {
        assert!((f.amount - b / 2.0).abs() < 1e-6);
    }
    // a per-project option has no count to change
    let project = d.options[0].spec.id.clone();
    let r = d
        .apply(&CaseCommand::SetQuantity {
            option: project,
            quantity: 3.0,
        })
        .unwrap_err();
    assert_eq!(fields(&r), ["option.quantity"]);
}

#[test]
fn edits_name_the_thing_and_field() {
    let mut d = doc();
    let r = d
        .apply(&CaseCommand::AddParticipant {
            name: "corporatie".into(),
            role: ParticipantRole::Meedenker,
        })
        .unwrap_err();
    assert_eq!(fields(&r), ["participant.name"]);
    let r = d
        .apply(&CaseCommand::AddProblem {
            text: "Iets".into(),
            owner: "niemand".into(),
        })
        .unwrap_err();
    assert_eq!(fields(&r), ["problem.owner"]);
}

#[test]
fn flows_as_the_form_prints_them_are_unchanged() {
    let mut d = doc();
    let id = d.options[0].spec.id.clone();
    let o = d.option_mut(&id).unwrap();
    o.spec.flows[0].growth = 1.0 / 30.0;
    o.spec.flows[0].kind = FlowKind::Cost;
    let shown = effects_form(&d, &id);
    let mut printed = shown.clone();
    let g = &mut printed.flows.as_mut().unwrap()[0].growth;
    *g = (*g * 100.0 * 1e6).round() / 1e6 / 100.0;
    // someone else changed the amount; this form only re-sent the growth as printed
    let mut theirs = shown.clone();
    theirs.flows.as_mut().unwrap()[0].amount = 1.0;
    theirs.flows.as_mut().unwrap()[0].uncertainty = None;
    d.apply(&CaseCommand::SetEffects {
        option: id.clone(),
        values: effects_change(&shown, &theirs),
    })
    .unwrap();
    d.apply(&CaseCommand::SetEffects {
        option: id.clone(),
        values: effects_change(&shown, &printed),
    })
    .unwrap();
    assert_eq!(d.option(&id).unwrap().spec.flows[0].amount, 1.0);
}

#[test]
fn the_portfolio_optimises_on_the_mca_value_only_with_scores_that_differ() {
    let mut d = doc();
    let mut s = settings(&d);
    assert_eq!(s.objective, Objective::Npv, "the default");
    s.objective = Objective::Value;
    let set = |d: &mut CaseDoc, s: &SettingsValues| {
        d.apply(&CaseCommand::SetSettings {
            values: Change::to(s.clone()),
        })
    };
    // Both options still have the neutral score on Veiligheid.
    let r = set(&mut d, &s).unwrap_err();
    assert_eq!(fields(&r), ["portfolio_objective"]);
    assert!(r.to_string().contains("stap 4 Effecten"), "{r}");
    let id = d.options[0].spec.id.clone();
    d.option_mut(&id).unwrap().spec.scores["veiligheid"] = 5.0;
    set(&mut d, &s).unwrap();
    assert_eq!(d.portfolio_objective, Objective::Value);
    // Without criteria it is refused, naming where to add them.
    let mut none = d.clone();
    none.apply(&CaseCommand::RemoveCriterion {
        id: "veiligheid".into(),
    })
    .unwrap();
    let r = set(&mut none, &s).unwrap_err();
    assert_eq!(fields(&r), ["portfolio_objective"]);
    assert!(r.to_string().contains("criteria"), "{r}");
    // Back to the saldo is always possible.
    s.objective = Objective::Npv;
    set(&mut none, &s).unwrap();
    assert_eq!(none.portfolio_objective, Objective::Npv);
}

#[test]
fn the_cost_sharing_rule_changes_only_what_its_form_changed() {
    let mut d = doc();
    d.ensure_actor(crate::case::catalogue::SOCIETY);
    let shown = d.cost_sharing.clone();
    assert!(shown.is_default());
    // The form ticks the huurders as payers and lifts the cap.
    let mut now = shown.clone();
    now.non_payers.retain(|id| id != "huurders");
    now.cap_at_gains = false;
    let line = d
        .apply(&CaseCommand::SetCostSharing {
            values: Change::from(Some(shown.clone()), now),
        })
        .unwrap();
    assert!(
        line.starts_with("Kostenverdeling: geen rekening voor ")
            && line.contains("Maatschappij")
            && !line.contains("Huurders")
            && line.ends_with("; bijdragen niet begrensd door de baten"),
        "{line}"
    );
    assert!(d.cost_sharing.pays("huurders"));
    assert!(!d.cost_sharing.pays(crate::case::catalogue::SOCIETY));
    assert!(!d.cost_sharing.cap_at_gains);
    // A stale tab that only changed the cap back keeps the huurders.
    let mut stale = shown.clone();
    stale.cap_at_gains = false;
    let mut capped = stale.clone();
    capped.cap_at_gains = true;
    d.apply(&CaseCommand::SetCostSharing {
        values: Change::from(Some(stale), capped),
    })
    .unwrap();
    assert!(d.cost_sharing.pays("huurders") && d.cost_sharing.cap_at_gains);
    let unknown = CostSharingRule {
        non_payers: vec!["marsmannetjes".into()],
        cap_at_gains: true,
    };
    let r = d
        .apply(&CaseCommand::SetCostSharing {
            values: Change::to(unknown),
        })
        .unwrap_err();
    assert_eq!(fields(&r), ["cost_sharing.non_payers"]);
}
