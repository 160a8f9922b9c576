//! Afwegingen: versions, the besluit freeze, concurrent saves, history and
//! organisation isolation, on SQLite and PostgreSQL.

use wikken_test_support::per_backend;

use wikken_core::case::{CaseArea, CaseDoc, Decision, DecisionLevel};
use wikken_storage::{CaseSave, CaseSaveError, EventUser, Store};

fn user(name: &str) -> EventUser {
    EventUser {
        id: format!("id-{name}"),
        name: name.to_string(),
    }
}

fn save<'a>(user: &'a EventUser, action: &'a str) -> CaseSave<'a> {
    CaseSave {
        user,
        action,
        detail: None,
        form_token: None,
    }
}

fn doc() -> CaseDoc {
    CaseDoc::new(
        "Wat doen we in Molenhoek?",
        DecisionLevel::Wijk,
        CaseArea {
            code: Some("WK999901".into()),
            complexes: vec![],
        },
        2026,
    )
}

async fn org(store: &Store) -> wikken_storage::OrganisationId {
    store
        .create_organisation(&format!("org-{}", uuid_like()))
        .await
        .unwrap()
}

fn uuid_like() -> String {
    format!(
        "{:?}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

async fn a_case_is_saved_with_its_history_and_refuses_stale_saves(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = org(&store).await;
    let ann = user("Ann");
    let id = store.create_case(&org, &ann, &doc()).await.unwrap();
    let v = store.case_version(&org, &id, None).await.unwrap().unwrap();
    assert_eq!((v.version, v.revision, v.frozen_at), (1, 1, None));

    let mut changed = v.doc.clone();
    changed.baseline.description = "De buurt glijdt verder af.".into();
    let rev = store
        .save_case(
            &org,
            &id,
            1,
            &save(&ann, "Nulalternatief beschreven"),
            &changed,
        )
        .await
        .unwrap();
    assert_eq!(rev, 2);
    // A second editor who started from revision 1 is refused.
    let stale = store
        .save_case(&org, &id, 1, &save(&user("Bob"), "x"), &doc())
        .await;
    assert!(matches!(stale, Err(CaseSaveError::Conflict)), "{stale:?}");
    let back = store.case_version(&org, &id, None).await.unwrap().unwrap();
    assert_eq!(back.doc, changed);

    let events = store.case_events(&org, &id).await.unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["Nulalternatief beschreven", "Afweging gestart"]);
    assert_eq!(events[0].user_name, "Ann");
}
per_backend!(a_case_is_saved_with_its_history_and_refuses_stale_saves);

async fn a_besluit_freezes_the_version_and_edits_go_into_a_new_one(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = org(&store).await;
    let ann = user("Ann");
    let id = store.create_case(&org, &ann, &doc()).await.unwrap();
    let mut decided = doc();
    decided.decision = Some(Decision {
        chosen: vec!["a".into()],
        rationale: "Omdat het werkt.".into(),
        dissent: String::new(),
        conditions: String::new(),
        decided_by: "Ann".into(),
        decided_at: 1,
    });
    store
        .save_case(&org, &id, 1, &save(&ann, "Besluit vastgelegd"), &decided)
        .await
        .unwrap();
    let row = store.case(&org, &id).await.unwrap().unwrap();
    assert!(row.decided);
    let frozen = store
        .save_case(&org, &id, 2, &save(&ann, "x"), &doc())
        .await;
    assert!(matches!(frozen, Err(CaseSaveError::Frozen)), "{frozen:?}");

    let v2 = store.new_case_version(&org, &id, &ann).await.unwrap();
    assert_eq!(v2, 2);
    let new = store.case_version(&org, &id, None).await.unwrap().unwrap();
    assert_eq!(
        (new.version, new.frozen_at, new.doc.decision.clone()),
        (2, None, None)
    );
    let mut edited = new.doc.clone();
    edited.question = "Een nieuwe vraag".into();
    store
        .save_case(
            &org,
            &id,
            new.revision,
            &save(&ann, "Vraag gewijzigd"),
            &edited,
        )
        .await
        .unwrap();
    // Version 1 stays as it was decided.
    let old = store
        .case_version(&org, &id, Some(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(old.doc, decided);
    assert!(old.frozen_at.is_some());
    let versions = store.case_versions(&org, &id).await.unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(
        store.case(&org, &id).await.unwrap().unwrap().title,
        "Een nieuwe vraag"
    );
    // Opening a new version of an unfrozen one changes nothing.
    assert_eq!(store.new_case_version(&org, &id, &ann).await.unwrap(), 2);
}
per_backend!(a_besluit_freezes_the_version_and_edits_go_into_a_new_one);

async fn another_organisation_sees_nothing(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let a = org(&store).await;
    let b = org(&store).await;
    let id = store.create_case(&a, &user("Ann"), &doc()).await.unwrap();
    assert!(store.case(&b, &id).await.unwrap().is_none());
    assert!(store.case_version(&b, &id, None).await.unwrap().is_none());
    assert!(store.case_events(&b, &id).await.unwrap().is_empty());
    assert!(store.cases(&b).await.unwrap().is_empty());
    let save = store
        .save_case(&b, &id, 1, &save(&user("Eve"), "x"), &doc())
        .await;
    assert!(matches!(save, Err(CaseSaveError::NotFound)));
    assert!(matches!(
        store.new_case_version(&b, &id, &user("Eve")).await,
        Err(CaseSaveError::NotFound)
    ));
    assert_eq!(store.cases(&a).await.unwrap().len(), 1);
}
per_backend!(another_organisation_sees_nothing);

async fn a_form_is_applied_once(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = org(&store).await;
    let ann = user("Ann");
    let id = store.create_case(&org, &ann, &doc()).await.unwrap();
    let mut changed = doc();
    changed.baseline.description = "Eerste keer.".into();
    let form = CaseSave {
        form_token: Some("formulier-1"),
        ..save(&ann, "Nulalternatief beschreven")
    };
    assert_eq!(
        store
            .save_case(&org, &id, 1, &form, &changed)
            .await
            .unwrap(),
        2
    );
    // the back button: the same form again, even at the new revision
    changed.baseline.description = "Tweede keer.".into();
    let again = store.save_case(&org, &id, 2, &form, &changed).await;
    assert!(
        matches!(again, Err(CaseSaveError::AlreadyApplied)),
        "{again:?}"
    );
    let v = store.case_version(&org, &id, None).await.unwrap().unwrap();
    assert_eq!(
        (v.revision, v.doc.baseline.description.as_str()),
        (2, "Eerste keer.")
    );
    // another form, and a case of its own with the same token, go through
    let other = CaseSave {
        form_token: Some("formulier-2"),
        ..form
    };
    assert_eq!(
        store
            .save_case(&org, &id, 2, &other, &changed)
            .await
            .unwrap(),
        3
    );
    let id2 = store.create_case(&org, &ann, &doc()).await.unwrap();
    store
        .save_case(&org, &id2, 1, &form, &changed)
        .await
        .unwrap();
}
per_backend!(a_form_is_applied_once);
