//! Werkateliers: joining, rounds, blind answers and their one revision,
//! idempotent submissions, pins, the event log and its news, on SQLite and
//! PostgreSQL.

use std::time::Duration;

use wikken_core::werkatelier::live::{
    AnswerBody, Item, PinInput, Revision, Round, RoundAction, RoundState, Setup, WorkshopRole,
};
use wikken_storage::{
    NewWorkshop, OrganisationId, Store, Submitted, Viewer, WorkshopError, WorkshopParticipant,
    WorkshopRow,
};
use wikken_test_support::per_backend;

fn setup() -> Setup {
    let item = |id: &str| Item {
        id: id.into(),
        label: id.into(),
    };
    Setup {
        subject: Default::default(),
        rounds: vec![Round::Spelden, Round::Punten],
        roles: vec![WorkshopRole {
            id: "huurders".into(),
            label: "Huurders".into(),
            weight: 1.0,
        }],
        criteria: vec![item("leef"), item("betaal")],
        options: vec![],
        min_role_size: 3,
        picks: 3,
    }
}

async fn open(store: &Store) -> (OrganisationId, WorkshopRow) {
    let org = store
        .create_organisation(&format!("org-{}", uuid::Uuid::new_v4()))
        .await
        .unwrap();
    let w = store
        .create_workshop(
            &org,
            NewWorkshop {
                case_id: None,
                area_code: Some("WK999901"),
                title: "Werkatelier Molenhoek",
                setup: &setup(),
                created_by: "Ann",
            },
        )
        .await
        .unwrap();
    (org, w)
}

async fn join(store: &Store, w: &WorkshopRow, name: &str) -> WorkshopParticipant {
    store
        .join_workshop(
            &w.id,
            name,
            "huurders",
            &format!("hash-{}", uuid::Uuid::new_v4()),
        )
        .await
        .unwrap()
}

fn points(a: u32) -> AnswerBody {
    AnswerBody::Punten {
        points: [("leef".to_string(), a), ("betaal".to_string(), 100 - a)]
            .into_iter()
            .collect(),
    }
}

async fn a_blind_answer_is_replaced_then_revised_once_with_a_reason(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let (org, w) = open(&store).await;
    assert_eq!(w.join_code.len(), 6);
    let found = store
        .open_workshop_by_code(&w.join_code.to_lowercase())
        .await
        .unwrap();
    assert_eq!(found.map(|f| f.id), Some(w.id.clone()));
    let p = join(&store, &w, "Fatima").await;

    // Not started: refused.
    let early = store
        .submit_answer(&p, Revision::First, &points(50), None, "c0")
        .await;
    assert!(matches!(early, Err(WorkshopError::Refused(_))), "{early:?}");
    store
        .change_round(&org, &w.id, Round::Punten, RoundAction::Start)
        .await
        .unwrap();
    assert_eq!(
        store
            .submit_answer(&p, Revision::First, &points(50), None, "c1")
            .await
            .unwrap(),
        Submitted::New
    );
    assert_eq!(
        store
            .submit_answer(&p, Revision::First, &points(70), None, "c2")
            .await
            .unwrap(),
        Submitted::New
    );
    // A late retry of the first submission changes nothing.
    assert_eq!(
        store
            .submit_answer(&p, Revision::First, &points(50), None, "c1")
            .await
            .unwrap(),
        Submitted::AlreadyCounted
    );
    let answers = store.workshop_answers(&w.id).await.unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].body, points(70));

    assert!(
        store
            .submit_answer(&p, Revision::Revised, &points(60), Some("x"), "c3")
            .await
            .is_err()
    );
    store
        .change_round(&org, &w.id, Round::Punten, RoundAction::Reveal)
        .await
        .unwrap();
    store
        .submit_answer(
            &p,
            Revision::Revised,
            &points(60),
            Some("Na het gesprek"),
            "c4",
        )
        .await
        .unwrap();
    let twice = store
        .submit_answer(&p, Revision::Revised, &points(40), Some("nog eens"), "c5")
        .await;
    assert!(matches!(twice, Err(WorkshopError::Refused(_))), "{twice:?}");
    let answers = store.workshop_answers(&w.id).await.unwrap();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[1].reason.as_deref(), Some("Na het gesprek"));

    // A late joiner cannot give a first answer after the reveal.
    let late = join(&store, &w, "Kees").await;
    assert!(
        store
            .submit_answer(&late, Revision::First, &points(10), None, "k1")
            .await
            .is_err()
    );

    let rounds = store.workshop_rounds(&w.id).await.unwrap();
    assert_eq!(rounds[1].state, RoundState::Onthuld);
    store.close_workshop(&org, &w.id, Some(2)).await.unwrap();
    assert!(
        store
            .open_workshop_by_code(&w.join_code)
            .await
            .unwrap()
            .is_none()
    );
    let closed = store
        .submit_answer(&p, Revision::Revised, &points(40), Some("x"), "c6")
        .await;
    assert!(matches!(closed, Err(WorkshopError::Closed)), "{closed:?}");
    let again = store
        .join_workshop(&w.id, "Nina", "huurders", "hash-late")
        .await;
    assert!(matches!(again, Err(WorkshopError::Closed)), "{again:?}");
}

async fn the_event_log_numbers_events_and_hides_others_events(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let (org, w) = open(&store).await;
    let mut news = store.listen_workshops().await.unwrap();
    let a = join(&store, &w, "A").await;
    let b = join(&store, &w, "B").await;
    store
        .change_round(&org, &w.id, Round::Punten, RoundAction::Start)
        .await
        .unwrap();
    store
        .submit_answer(&a, Revision::First, &points(30), None, "a1")
        .await
        .unwrap();
    let events = store.workshop_events_after(&w.id, 0).await.unwrap();
    let seqs: Vec<i64> = events.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>());
    assert_eq!(
        store.workshop_last_event(&w.id).await.unwrap(),
        *seqs.last().unwrap()
    );
    // No event carries an answer.
    assert!(
        events.iter().all(|e| !e.data.contains("leef")),
        "{events:?}"
    );
    let seen_by_b: Vec<&str> = events
        .iter()
        .filter(|e| e.visible_to(&Viewer::Participant(b.id.clone())))
        .map(|e| e.kind.as_str())
        .collect();
    assert_eq!(seen_by_b, ["ronde"]);
    let seen_by_a = events
        .iter()
        .filter(|e| e.visible_to(&Viewer::Participant(a.id.clone())))
        .count();
    assert_eq!(seen_by_a, 2);
    // The news arrives (through NOTIFY on PostgreSQL).
    // (Other tests share the database: skip their news.)
    let mine = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match news.recv().await {
                Ok(n) if n.workshop == w.id => return n,
                Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(e) => panic!("{e}"),
            }
        }
    })
    .await
    .expect("news within 5 s");
    assert!(mine.seq >= 1);
    let after = store.workshop_events_after(&w.id, 2).await.unwrap();
    assert_eq!(after.first().map(|e| e.seq), Some(3));
}

async fn pins_are_placed_once_and_reacted_to(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let (org, w) = open(&store).await;
    let a = join(&store, &w, "A").await;
    let b = join(&store, &w, "B").await;
    let pin = PinInput {
        x: 0.5,
        y: 0.25,
        area_code: Some("BU1".into()),
        category: "veiligheid".into(),
        text: "Donker pad".into(),
    };
    assert!(store.add_pin(&a, &pin, "p1").await.is_err());
    store
        .change_round(&org, &w.id, Round::Spelden, RoundAction::Start)
        .await
        .unwrap();
    assert_eq!(store.add_pin(&a, &pin, "p1").await.unwrap(), Submitted::New);
    assert_eq!(
        store.add_pin(&a, &pin, "p1").await.unwrap(),
        Submitted::AlreadyCounted
    );
    let pins = store.workshop_pins(&w.id).await.unwrap();
    assert_eq!(pins.len(), 1);
    store
        .react_to_pin(&b, &pins[0].id, false, Some("Is al verlicht"))
        .await
        .unwrap();
    store
        .react_to_pin(&b, &pins[0].id, true, None)
        .await
        .unwrap();
    let pins = store.workshop_pins(&w.id).await.unwrap();
    assert_eq!((pins[0].agree, pins[0].disagree), (1, 0));
    assert_eq!(pins[0].role, "huurders");
    let problem = store
        .merge_pins(
            &org,
            &w.id,
            &[pins[0].id.clone()],
            "Onveilig pad",
            "gemeente",
        )
        .await
        .unwrap();
    let again = store
        .merge_pins(&org, &w.id, &[pins[0].id.clone()], "Ander", "gemeente")
        .await;
    assert!(again.is_err());
    assert_eq!(
        store.workshop_pins(&w.id).await.unwrap()[0]
            .merged_into
            .as_deref(),
        Some(problem.as_str())
    );
    let problems = store.workshop_problems(&w.id).await.unwrap();
    assert_eq!(
        problems.len(),
        1,
        "the refused merge left no problem behind"
    );
    assert_eq!(
        (problems[0].text.as_str(), problems[0].owner.as_str()),
        ("Onveilig pad", "gemeente")
    );
}

async fn a_device_token_and_a_resume_code_find_the_participant(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let (org, w) = open(&store).await;
    // Unique per run: the PostgreSQL database is shared between runs.
    let run = uuid::Uuid::new_v4().simple().to_string();
    let tok = |n: u32| format!("tok-{n}-{run}");
    let p = store
        .join_workshop(&w.id, "A", "huurders", &tok(1))
        .await
        .unwrap();
    let (found, fw) = store.participant_by_device(&tok(1)).await.unwrap().unwrap();
    assert_eq!((found.id, fw.id.clone()), (p.id.clone(), w.id.clone()));
    let moved = store
        .resume_participant(&w.id, &p.resume_code.to_lowercase(), &tok(2))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved.id, p.id);
    assert!(
        store
            .participant_by_device(&tok(2))
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .participant_by_device(&tok(1))
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .resume_participant(&w.id, "WRONG123", &tok(3))
            .await
            .unwrap()
            .is_none()
    );
    let wrong_role = store.join_workshop(&w.id, "B", "wethouder", &tok(4)).await;
    assert!(matches!(wrong_role, Err(WorkshopError::Refused(_))));
    // Another organisation cannot see or steer it.
    let other = store.create_organisation("anders").await.unwrap();
    assert!(store.workshop(&other, &w.id).await.unwrap().is_none());
    let steer = store
        .change_round(&other, &w.id, Round::Punten, RoundAction::Start)
        .await;
    assert!(matches!(steer, Err(WorkshopError::NotFound)));
    assert_eq!(store.workshops(&org, None).await.unwrap().len(), 1);
}

async fn sixty_answers_at_once_are_each_counted_once(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let (org, w) = open(&store).await;
    let mut people = Vec::new();
    for i in 0..60 {
        people.push(join(&store, &w, &format!("P{i}")).await);
    }
    store
        .change_round(&org, &w.id, Round::Punten, RoundAction::Start)
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for (i, p) in people.into_iter().enumerate() {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let body = points((i % 100) as u32);
            // Each sends twice, as a phone retrying would.
            let a = store
                .submit_answer(&p, Revision::First, &body, None, "same")
                .await
                .unwrap();
            let b = store
                .submit_answer(&p, Revision::First, &body, None, "same")
                .await
                .unwrap();
            (a, b)
        }));
    }
    for t in tasks {
        assert_eq!(
            t.await.unwrap(),
            (Submitted::New, Submitted::AlreadyCounted)
        );
    }
    assert_eq!(store.workshop_answers(&w.id).await.unwrap().len(), 60);
    let events = store.workshop_events_after(&w.id, 0).await.unwrap();
    let seqs: Vec<i64> = events.iter().map(|e| e.seq).collect();
    assert_eq!(
        seqs,
        (1..=seqs.len() as i64).collect::<Vec<_>>(),
        "numbered without gaps"
    );
    // The screen's counts rise one by one to all 60, even when the answers
    // were given at the same moment.
    let counts: Vec<i64> = events
        .iter()
        .filter(|e| e.kind == "antwoord")
        .map(|e| {
            serde_json::from_str::<serde_json::Value>(&e.data).unwrap()["answered"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(counts, (1..=60).collect::<Vec<_>>(), "answered as counted");
}

per_backend!(
    a_blind_answer_is_replaced_then_revised_once_with_a_reason,
    the_event_log_numbers_events_and_hides_others_events,
    pins_are_placed_once_and_reacted_to,
    a_device_token_and_a_resume_code_find_the_participant,
    sixty_answers_at_once_are_each_counted_once,
);
