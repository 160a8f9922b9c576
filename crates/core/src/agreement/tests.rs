//! The rules of changing prestatieafspraken.

use super::*;
use crate::goals::{Direction, Point};

fn parties() -> Vec<Party> {
    vec![
        Party {
            name: "Woonstichting".into(),
            kind: PartyKind::Corporatie,
            signs: true,
        },
        Party {
            name: "Gemeente Lindeveen".into(),
            kind: PartyKind::Gemeente,
            signs: true,
        },
        Party {
            name: "Huurdersvereniging".into(),
            kind: PartyKind::Huurdersorganisatie,
            signs: true,
        },
        Party {
            name: "Welzijn Lindeveen".into(),
            kind: PartyKind::ZorgWelzijn,
            signs: false,
        },
    ]
}

fn staff() -> Actor {
    Actor::Corporation {
        name: "Sanne".into(),
    }
}

fn gemeente() -> Actor {
    Actor::Partner {
        party: "Gemeente Lindeveen".into(),
        name: "Gert".into(),
    }
}

fn agreement() -> Agreement {
    Agreement::new(
        "Prestatieafspraken Lindeveen",
        "GM9999",
        "Lindeveen",
        (2026, 2029),
        parties(),
    )
    .unwrap()
}

fn goal_values() -> command::GoalValues {
    command::GoalValues {
        theme: Theme::Leefbaarheid,
        title: "Bewoners waarderen de Vogelbuurt met minstens een 7".into(),
        indicator: GoalIndicator {
            source: IndicatorSource::Manual,
            name: "Burgerpeiling".into(),
            unit: "rapportcijfer".into(),
        },
        area: GoalArea {
            code: "WK999901".into(),
            name: "Vogelbuurt".into(),
            scope: AreaScope::Gebied,
        },
        direction: Direction::Up,
        baseline: Point {
            year: 2024,
            value: 6.5,
        },
        target: Point {
            year: 2029,
            value: 7.0,
        },
        interval_years: 2,
        motivated_by: None,
        contributions: Vec::new(),
    }
}

fn action_values(year: i32) -> command::ActionValues {
    command::ActionValues {
        year,
        title: "Huisbezoeken achter de voordeur".into(),
        lead: "Woonstichting".into(),
        lead_person: "Fatima".into(),
        roles: vec![
            ActionRole {
                party: "Woonstichting".into(),
                task: "plant de bezoeken".into(),
                budget: 40_000.0,
            },
            ActionRole {
                party: "Welzijn Lindeveen".into(),
                task: "levert de bezoekers".into(),
                budget: 25_000.0,
            },
        ],
        measure: "80 huisbezoeken".into(),
        goals: vec!["d1".into()],
    }
}

fn with_goal_and_action() -> Agreement {
    let mut a = agreement();
    a.apply(&staff(), &AgreementCommand::AddGoal(goal_values()), false)
        .unwrap();
    a.apply(
        &staff(),
        &AgreementCommand::AddAction(action_values(2026)),
        false,
    )
    .unwrap();
    a
}

fn fields(r: &Refusal) -> Vec<&str> {
    r.objections.iter().map(|o| o.field.as_str()).collect()
}

#[test]
fn afspraken_need_the_three_signatories() {
    let mut p = parties();
    p.retain(|p| p.kind != PartyKind::Huurdersorganisatie);
    let r = Agreement::new("X", "GM9999", "Lindeveen", (2026, 2029), p).unwrap_err();
    assert!(
        r.objections[0].message.contains("huurdersorganisatie"),
        "{r}"
    );
}

#[test]
fn years_must_run_forward_and_not_too_long() {
    let r = Agreement::new("X", "GM9999", "L", (2029, 2026), parties()).unwrap_err();
    assert_eq!(fields(&r), ["laatste_jaar"]);
    let r = Agreement::new("X", "GM9999", "L", (2026, 2040), parties()).unwrap_err();
    assert!(r.objections[0].message.contains("10 jaar"));
}

#[test]
fn a_goal_that_is_not_measurable_is_refused_with_every_reason() {
    let mut a = agreement();
    let mut v = goal_values();
    v.indicator = GoalIndicator {
        source: IndicatorSource::Monitor { code: " ".into() },
        name: "".into(),
        unit: "".into(),
    };
    v.target = Point {
        year: 2023,
        value: 6.0,
    };
    let r = a
        .apply(&staff(), &AgreementCommand::AddGoal(v), false)
        .unwrap_err();
    let f = fields(&r);
    assert!(f.contains(&"indicator"), "{f:?}");
    assert!(f.contains(&"indicator.naam"), "{f:?}");
    assert!(f.contains(&"streefwaarde.jaar"), "{f:?}");
    assert!(f.contains(&"streefwaarde.waarde"), "{f:?}");
    assert!(a.goals.is_empty());
    assert_eq!(a.terms_revision, 0, "a refused command changes nothing");
}

#[test]
fn a_down_goal_needs_a_lower_target() {
    let mut a = agreement();
    let mut v = goal_values();
    v.direction = Direction::Down;
    let r = a
        .apply(&staff(), &AgreementCommand::AddGoal(v.clone()), false)
        .unwrap_err();
    assert!(r.objections[0].message.contains("lager dan"), "{r}");
    v.target.value = 6.0;
    a.apply(&staff(), &AgreementCommand::AddGoal(v), false)
        .unwrap();
    assert_eq!(a.goals[0].id, "d1");
}

#[test]
fn an_action_names_a_lead_among_its_roles_and_a_year_of_the_afspraken() {
    let mut a = with_goal_and_action();
    let mut v = action_values(2031);
    v.lead = "Politie".into();
    v.roles.pop();
    let r = a
        .apply(&staff(), &AgreementCommand::AddAction(v), false)
        .unwrap_err();
    let f = fields(&r);
    assert!(
        f.contains(&"jaar") && f.contains(&"kartrekker") && f.contains(&"rollen"),
        "{f:?}"
    );
}

#[test]
fn ids_are_never_reused() {
    let mut a = with_goal_and_action();
    a.apply(
        &staff(),
        &AgreementCommand::RemoveGoal { id: "d1".into() },
        false,
    )
    .unwrap();
    assert!(
        a.actions[0].goals.is_empty(),
        "the action loses the removed goal"
    );
    a.apply(&staff(), &AgreementCommand::AddGoal(goal_values()), false)
        .unwrap();
    assert_eq!(a.goals[0].id, "d3");
}

#[test]
fn approved_terms_are_frozen_but_progress_goes_on() {
    let mut a = with_goal_and_action();
    let r = a
        .apply(&staff(), &AgreementCommand::AddGoal(goal_values()), true)
        .unwrap_err();
    assert!(r.objections[0].message.contains("nieuwe versie"), "{r}");
    let status = AgreementCommand::ReportStatus {
        id: "a2".into(),
        status: ActionStatus::Bezig,
        date: "1-3-2026".into(),
        note: "20 van 80".into(),
    };
    a.apply(&staff(), &status, true).unwrap();
    assert_eq!(a.actions[0].status.date, "2026-03-01");
    assert_eq!(a.terms_revision, 2, "progress does not void approvals");
}

#[test]
fn a_partner_reports_only_on_actions_it_takes_part_in_and_never_changes_terms() {
    let mut a = with_goal_and_action();
    let status = AgreementCommand::ReportStatus {
        id: "a2".into(),
        status: ActionStatus::Gereed,
        date: "2026-12-01".into(),
        note: String::new(),
    };
    let r = a.apply(&gemeente(), &status, false).unwrap_err();
    assert!(r.objections[0].message.contains("meedoen"), "{r}");
    let welzijn = Actor::Partner {
        party: "Welzijn Lindeveen".into(),
        name: "Wim".into(),
    };
    let line = a.apply(&welzijn, &status, false).unwrap();
    assert!(line.contains("gereed"), "{line}");
    assert_eq!(a.actions[0].status.by, "Wim");
    let r = a
        .apply(
            &gemeente(),
            &AgreementCommand::AddGoal(goal_values()),
            false,
        )
        .unwrap_err();
    assert!(r.objections[0].message.contains("corporatie"), "{r}");
}

#[test]
fn a_dropped_action_says_why() {
    let mut a = with_goal_and_action();
    let status = AgreementCommand::ReportStatus {
        id: "a2".into(),
        status: ActionStatus::Geschrapt,
        date: "2026-12-01".into(),
        note: " ".into(),
    };
    let r = a.apply(&staff(), &status, false).unwrap_err();
    assert_eq!(
        r.objections[0].message,
        "Zeg in de notitie waarom de actie geschrapt is."
    );
}

#[test]
fn figures_by_hand_only_for_a_manual_indicator_and_by_signatories() {
    let mut a = with_goal_and_action();
    let enter = AgreementCommand::EnterFigure {
        goal_id: "d1".into(),
        point: Point {
            year: 2026,
            value: 6.7,
        },
    };
    a.apply(&gemeente(), &enter, true).unwrap();
    a.apply(
        &gemeente(),
        &AgreementCommand::EnterFigure {
            goal_id: "d1".into(),
            point: Point {
                year: 2026,
                value: 6.8,
            },
        },
        true,
    )
    .unwrap();
    assert_eq!(
        a.goals[0].manual,
        vec![Point {
            year: 2026,
            value: 6.8
        }],
        "a year's figure is replaced"
    );
    let welzijn = Actor::Partner {
        party: "Welzijn Lindeveen".into(),
        name: "Wim".into(),
    };
    assert!(a.apply(&welzijn, &enter, true).is_err());
    let mut v = goal_values();
    v.indicator.source = IndicatorSource::Monitor {
        code: "bewonersoordeel".into(),
    };
    a.apply(&staff(), &AgreementCommand::AddGoal(v), false)
        .unwrap();
    let r = a
        .apply(
            &staff(),
            &AgreementCommand::EnterFigure {
                goal_id: "d3".into(),
                point: Point {
                    year: 2026,
                    value: 7.0,
                },
            },
            false,
        )
        .unwrap_err();
    assert!(r.objections[0].message.contains("wijkmonitor"), "{r}");
}

#[test]
fn a_year_closes_only_with_a_story_behind_every_curve() {
    let mut a = with_goal_and_action();
    let close = AgreementCommand::CloseYear { year: 2026 };
    let r = a.apply(&staff(), &close, true).unwrap_err();
    assert!(
        r.objections[0].message.contains("Bewoners waarderen"),
        "{r}"
    );
    let story = AgreementCommand::WriteStory {
        year: 2026,
        goal_id: "d1".into(),
        story: "Minder overlast na buurtbeheer".into(),
        next: "Doorgaan".into(),
    };
    a.apply(&gemeente(), &story, true).unwrap();
    assert!(
        a.apply(&gemeente(), &close, true).is_err(),
        "a partner does not close the year"
    );
    a.apply(&staff(), &close, true).unwrap();
    let r = a.apply(&gemeente(), &story, true).unwrap_err();
    assert!(r.objections[0].message.contains("afgesloten"));
}

#[test]
fn approvals_hold_for_the_terms_they_approved() {
    let mut a = with_goal_and_action();
    let approve = |party: &str, rev: u32| Approval {
        party: party.into(),
        by: "x".into(),
        at: 1,
        terms_revision: rev,
    };
    let mut approvals = vec![
        approve("Woonstichting", a.terms_revision),
        approve("Gemeente Lindeveen", a.terms_revision),
    ];
    let s = approval_state(&a, &approvals);
    assert_eq!(s.missing, ["Huurdersvereniging"]);
    assert!(!s.complete());
    assert!(
        a.approval_refusal("Welzijn Lindeveen", &approvals)
            .is_some(),
        "a non-signatory does not approve"
    );
    assert!(
        a.approval_refusal("Gemeente Lindeveen", &approvals)
            .is_some(),
        "approving twice"
    );
    approvals.push(approve("Huurdersvereniging", a.terms_revision));
    assert!(approval_state(&a, &approvals).complete());
    a.apply(
        &staff(),
        &AgreementCommand::UpdateAction {
            id: "a2".into(),
            values: action_values(2027),
        },
        false,
    )
    .unwrap();
    assert_eq!(
        approval_state(&a, &approvals).missing.len(),
        3,
        "a change voids the approvals"
    );
}

#[test]
fn commitments_say_per_party_what_is_done_late_or_not_started() {
    let mut a = with_goal_and_action();
    a.apply(
        &staff(),
        &AgreementCommand::AddAction(action_values(2027)),
        false,
    )
    .unwrap();
    let c = commitments(&a, 2027);
    let welzijn = c.iter().find(|c| c.party == "Welzijn Lindeveen").unwrap();
    assert_eq!(welzijn.count(CommitmentStatus::Late), 1);
    assert_eq!(welzijn.count(CommitmentStatus::NotStarted), 1);
    assert!(!welzijn.kept());
    assert_eq!(welzijn.budget, 50_000.0);
    let gemeente = c.iter().find(|c| c.party == "Gemeente Lindeveen").unwrap();
    assert!(gemeente.actions.is_empty() && gemeente.kept());
}

#[test]
fn a_party_with_actions_cannot_be_removed() {
    let mut a = with_goal_and_action();
    let r = a
        .apply(
            &staff(),
            &AgreementCommand::RemoveParty {
                name: "Welzijn Lindeveen".into(),
            },
            false,
        )
        .unwrap_err();
    assert!(r.objections[0].message.contains("acties"));
    let r = a
        .apply(
            &staff(),
            &AgreementCommand::RemoveParty {
                name: "Gemeente Lindeveen".into(),
            },
            false,
        )
        .unwrap_err();
    assert!(r.objections[0].message.contains("gemeente"), "{r}");
}

#[test]
fn the_series_of_a_goal_is_its_hand_figures_or_the_monitors() {
    let mut a = with_goal_and_action();
    a.apply(
        &staff(),
        &AgreementCommand::EnterFigure {
            goal_id: "d1".into(),
            point: Point {
                year: 2026,
                value: 6.7,
            },
        },
        false,
    )
    .unwrap();
    let monitor = [Point {
        year: 2025,
        value: 1.0,
    }];
    assert_eq!(
        series_goal(&a.goals[0], &monitor).observations,
        a.goals[0].manual
    );
    a.goals[0].indicator.source = IndicatorSource::Monitor { code: "x".into() };
    assert_eq!(
        series_goal(&a.goals[0], &monitor).observations,
        monitor.to_vec()
    );
}
