//! Prestatieafspraken: changes by the rules of core in one transaction with
//! a history line, stale forms refused, approvals that freeze the terms,
//! new versions, and the series behind goals, on SQLite and PostgreSQL.

use wikken_core::agreement::{
    ActionRole, ActionStatus, ActionValues, Actor, Agreement, AgreementCommand, AreaScope,
    GoalArea, GoalIndicator, GoalValues, IndicatorSource, Party, PartyKind, Theme,
};
use wikken_core::goals::{Direction, Point};
use wikken_storage::{AgreementSave, AgreementSaveError, EventUser, OrganisationId, Store};
use wikken_test_support::per_backend;

fn parties() -> Vec<Party> {
    let p = |name: &str, kind| Party {
        name: name.into(),
        kind,
        signs: true,
    };
    vec![
        p("Woonstichting", PartyKind::Corporatie),
        p("Gemeente Lindeveen", PartyKind::Gemeente),
        p("Huurdersvereniging", PartyKind::Huurdersorganisatie),
    ]
}

fn user(name: &str) -> EventUser {
    EventUser {
        id: format!("u-{name}"),
        name: name.into(),
    }
}

fn staff() -> Actor {
    Actor::Corporation {
        name: "Sanne".into(),
    }
}

fn goal() -> AgreementCommand {
    AgreementCommand::AddGoal(GoalValues {
        theme: Theme::Leefbaarheid,
        title: "Minder overlast in de Vogelbuurt".into(),
        indicator: GoalIndicator {
            source: IndicatorSource::Monitor {
                code: "overlastmeldingen".into(),
            },
            name: "Overlastmeldingen per 100 woningen".into(),
            unit: "per 100 woningen".into(),
        },
        area: GoalArea {
            code: "WK999901".into(),
            name: "Vogelbuurt".into(),
            scope: AreaScope::Gebied,
        },
        direction: Direction::Down,
        baseline: Point {
            year: 2024,
            value: 9.0,
        },
        target: Point {
            year: 2029,
            value: 6.0,
        },
        interval_years: 1,
        motivated_by: None,
        contributions: vec![],
    })
}

fn action() -> AgreementCommand {
    AgreementCommand::AddAction(ActionValues {
        year: 2026,
        title: "Buurtbeheerder in de Vogelbuurt".into(),
        lead: "Woonstichting".into(),
        lead_person: String::new(),
        roles: vec![ActionRole {
            party: "Woonstichting".into(),
            task: "stelt aan".into(),
            budget: 60_000.0,
        }],
        measure: "1 fte, 40 uur per week".into(),
        goals: vec!["d1".into()],
    })
}

async fn start(store: &Store) -> (OrganisationId, wikken_storage::AgreementId) {
    let org = store
        .create_organisation(&format!("org-{}", uuid::Uuid::new_v4()))
        .await
        .unwrap();
    let doc = Agreement::new(
        "Prestatieafspraken Lindeveen",
        "GM9999",
        "Lindeveen",
        (2026, 2029),
        parties(),
    )
    .unwrap();
    let id = store
        .create_agreement(&org, &user("Sanne"), &doc)
        .await
        .unwrap();
    (org, id)
}

async fn change(
    store: &Store,
    org: &OrganisationId,
    id: &wikken_storage::AgreementId,
    actor: &Actor,
    c: &AgreementCommand,
) -> Result<i64, AgreementSaveError> {
    let u = user(actor.name());
    store
        .change_agreement(
            org,
            id,
            &AgreementSave {
                user: &u,
                revision: None,
                form_token: None,
            },
            actor,
            c,
        )
        .await
}

async fn changes_follow_the_rules_with_history_and_stale_forms_refused(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let (org, id) = start(&store).await;
    let v = store
        .agreement_version(&org, &id, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((v.version, v.revision, v.current), (1, 1, true));
    let u = user("Sanne");
    let save = AgreementSave {
        user: &u,
        revision: Some(1),
        form_token: Some("t1"),
    };
    assert_eq!(
        store
            .change_agreement(&org, &id, &save, &staff(), &goal())
            .await
            .unwrap(),
        2
    );
    // The same form again: applied once.
    assert!(matches!(
        store
            .change_agreement(&org, &id, &save, &staff(), &goal())
            .await,
        Err(AgreementSaveError::AlreadyApplied)
    ));
    // A stale tab (revision 1) is refused.
    let stale = AgreementSave {
        user: &u,
        revision: Some(1),
        form_token: Some("t2"),
    };
    assert!(matches!(
        store
            .change_agreement(&org, &id, &stale, &staff(), &action())
            .await,
        Err(AgreementSaveError::Conflict)
    ));
    // A refused command writes nothing.
    let mut bad = action();
    if let AgreementCommand::AddAction(v) = &mut bad {
        v.year = 2035;
    }
    let refused = change(&store, &org, &id, &staff(), &bad).await;
    assert!(
        matches!(refused, Err(AgreementSaveError::Refused(r)) if r.objections[0].field == "jaar")
    );
    let v = store
        .agreement_version(&org, &id, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (v.revision, v.doc.goals.len(), v.doc.actions.len()),
        (2, 1, 0)
    );
    let history = store.agreement_events(&org, &id).await.unwrap();
    let lines: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        lines,
        [
            "Doel toegevoegd: Minder overlast in de Vogelbuurt",
            "Afspraken gestart"
        ]
    );
    // Another organisation does not find them.
    let other = store.create_organisation("ander").await.unwrap();
    assert!(store.agreement(&other, &id).await.unwrap().is_none());
    assert!(matches!(
        change(&store, &other, &id, &staff(), &action()).await,
        Err(AgreementSaveError::NotFound)
    ));
}

async fn approval_by_every_signatory_freezes_the_terms_until_a_new_version(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let (org, id) = start(&store).await;
    change(&store, &org, &id, &staff(), &goal()).await.unwrap();
    change(&store, &org, &id, &staff(), &action())
        .await
        .unwrap();
    let approve = |name: &'static str, party: &'static str| {
        let store = store.clone();
        let (org, id) = (org.clone(), id.clone());
        async move {
            let u = user(name);
            store
                .approve_agreement(
                    &org,
                    &id,
                    &AgreementSave {
                        user: &u,
                        revision: None,
                        form_token: None,
                    },
                    party,
                    None,
                )
                .await
        }
    };
    assert!(!approve("Sanne", "Woonstichting").await.unwrap());
    assert!(
        matches!(
            approve("Sanne", "Woonstichting").await,
            Err(AgreementSaveError::Refused(_))
        ),
        "twice"
    );
    assert!(!approve("Gert", "Gemeente Lindeveen").await.unwrap());
    // A change to the terms voids the approvals so far.
    let mut again = action();
    if let AgreementCommand::AddAction(v) = &mut again {
        v.title = "Schoonmaakactie".into();
    }
    change(&store, &org, &id, &staff(), &again).await.unwrap();
    // An approval of the terms as they were before is a conflict.
    let u = user("Huub");
    let stale = store
        .approve_agreement(
            &org,
            &id,
            &AgreementSave {
                user: &u,
                revision: None,
                form_token: None,
            },
            "Huurdersvereniging",
            Some(2),
        )
        .await;
    assert!(matches!(stale, Err(AgreementSaveError::Conflict)));
    assert!(!approve("Huub", "Huurdersvereniging").await.unwrap());
    assert!(!approve("Sanne", "Woonstichting").await.unwrap());
    assert!(approve("Gert", "Gemeente Lindeveen").await.unwrap());
    let v = store
        .agreement_version(&org, &id, None)
        .await
        .unwrap()
        .unwrap();
    assert!(v.approved_at.is_some());
    assert_eq!(v.approvals.len(), 5);
    // Terms frozen; progress goes on.
    assert!(matches!(
        change(&store, &org, &id, &staff(), &goal()).await,
        Err(AgreementSaveError::Refused(_))
    ));
    let gert = Actor::Partner {
        party: "Woonstichting".into(),
        name: "Gert".into(),
    };
    let status = AgreementCommand::ReportStatus {
        id: "a2".into(),
        status: ActionStatus::Bezig,
        date: "2026-04-01".into(),
        note: "gestart".into(),
    };
    change(&store, &org, &id, &gert, &status).await.unwrap();
    // A new version opens the terms again and needs approval again.
    assert_eq!(
        store
            .new_agreement_version(&org, &id, &user("Sanne"))
            .await
            .unwrap(),
        2
    );
    change(&store, &org, &id, &staff(), &goal()).await.unwrap();
    let v2 = store
        .agreement_version(&org, &id, None)
        .await
        .unwrap()
        .unwrap();
    assert!(v2.approved_at.is_none() && v2.approvals.is_empty());
    assert_eq!(v2.doc.goals.len(), 2);
    let v1 = store
        .agreement_version(&org, &id, Some(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        v1.doc.goals.len(),
        1,
        "the approved version stays as it was"
    );
    assert!(!v1.current);
    assert_eq!(v1.doc.actions[0].status.status, ActionStatus::Bezig);
}

async fn series_come_per_area_and_over_the_complexes(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = store
        .create_organisation(&format!("org-{}", uuid::Uuid::new_v4()))
        .await
        .unwrap();
    let demo = wikken_data::demo::demo();
    store
        .import_dataset(
            &org,
            wikken_storage::ImportKind::Demo,
            "demo",
            b"demo",
            &demo.dataset,
        )
        .await
        .unwrap();
    store
        .import_own_data(&org, "eigen", b"eigen", &demo.own)
        .await
        .unwrap();
    let buurt = demo.own.complexes[0].buurt.to_string();
    let wanted = vec![
        (buurt.clone(), "mutatiegraad".to_string()),
        ("BU00000000".to_string(), "mutatiegraad".to_string()),
    ];
    let series = store.area_series(&org, "GM9999", &wanted).await.unwrap();
    let s = &series[&(buurt.clone(), "mutatiegraad".to_string())];
    assert_eq!(
        s.iter().map(|p| p.0).collect::<Vec<_>>(),
        [2021, 2022, 2023, 2024]
    );
    assert_eq!(series.len(), 1, "an unknown area has no series");
    let c = store
        .complexes_series(&org, &buurt, "mutatiegraad")
        .await
        .unwrap();
    assert_eq!(c.len(), 4);
    let complexes: Vec<_> = demo
        .own
        .complexes
        .iter()
        .filter(|c| c.buurt.to_string() == buurt)
        .collect();
    assert!(!complexes.is_empty());

    // All at once, in one query: the same figures per buurt, wijk and gemeente.
    let wijk = format!("WK{}", &buurt[2..8]);
    let wanted: Vec<(String, String)> = [buurt.as_str(), wijk.as_str(), "GM9999"]
        .iter()
        .flat_map(|a| {
            ["mutatiegraad", "huurachterstand"]
                .iter()
                .map(move |i| (a.to_string(), i.to_string()))
        })
        .chain([("BU00000000".to_string(), "mutatiegraad".to_string())])
        .collect();
    let many = store
        .complexes_series_many(&org, "GM9999", &wanted)
        .await
        .unwrap();
    assert_eq!(many.len(), 6, "an area without complexes has no series");
    for (area, indicator) in &wanted[..6] {
        let one = store.complexes_series(&org, area, indicator).await.unwrap();
        let got = &many[&(area.clone(), indicator.clone())];
        assert_eq!(got.len(), one.len(), "{area} {indicator}");
        for (a, b) in got.iter().zip(&one) {
            assert_eq!(a.0, b.0);
            assert!((a.1 - b.1).abs() < 1e-9, "{area} {indicator}: {a:?} {b:?}");
        }
    }
    let gemeente = &many[&("GM9999".to_string(), "mutatiegraad".to_string())];
    let buurt_only = &many[&(buurt.clone(), "mutatiegraad".to_string())];
    assert_ne!(gemeente, buurt_only, "the gemeente weighs every complex");
}

per_backend!(
    fresh:
    changes_follow_the_rules_with_history_and_stale_forms_refused,
    approval_by_every_signatory_freezes_the_terms_until_a_new_version,
    series_come_per_area_and_over_the_complexes,
);
