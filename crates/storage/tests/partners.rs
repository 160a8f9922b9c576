//! Partner organisations: shares checked per partner, organisation and
//! subject; invitations made, accepted (as someone new, or for an existing
//! partner), expired, used, revoked and renewed; the history of it all;
//! on SQLite and PostgreSQL.

use sha2::{Digest, Sha256};
use wikken_core::case::{CaseArea, CaseDoc, DecisionLevel};
use wikken_storage::{
    AcceptError, EventUser, NewInvitation, NewUser, OrganisationId, OrganisationKind, ShareError,
    ShareKind, ShareOutcome, Store, Subject, UserRole,
};
use wikken_test_support::per_backend;

fn user(name: &str) -> EventUser {
    EventUser {
        id: format!("id-{name}"),
        name: name.to_string(),
    }
}

fn tag() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..10].to_string()
}

async fn case(store: &Store, org: &OrganisationId, question: &str) -> String {
    let doc = CaseDoc::new(question, DecisionLevel::Wijk, CaseArea::default(), 2027);
    store
        .create_case(org, &user("Ann"), &doc)
        .await
        .unwrap()
        .to_string()
}

async fn agreement(store: &Store, org: &OrganisationId) -> String {
    use wikken_core::agreement::{Agreement, Party, PartyKind};
    let p = |name: &str, kind| Party {
        name: name.into(),
        kind,
        signs: true,
    };
    let doc = Agreement::new(
        "Prestatieafspraken Lindeveen 2026–2029",
        "GM9999",
        "Lindeveen",
        (2026, 2029),
        vec![
            p("A", PartyKind::Corporatie),
            p("Gemeente", PartyKind::Gemeente),
            p("Huurders", PartyKind::Huurdersorganisatie),
        ],
    )
    .unwrap();
    store
        .create_agreement(org, &user("Ann"), &doc)
        .await
        .unwrap()
        .to_string()
}

fn afweging(id: &str, party: &str) -> Subject {
    Subject {
        kind: ShareKind::Afweging,
        id: id.to_string(),
        party: party.to_string(),
        title: String::new(),
    }
}

fn invitation(email: &str, org: &str, subject: Subject) -> NewInvitation {
    NewInvitation {
        email: email.to_string(),
        organisation_name: org.to_string(),
        organisation_kind: OrganisationKind::Gemeente,
        subject,
    }
}

/// A partner organisation with one user, made the way the app makes one:
/// by accepting an invitation of `owner` to `case`.
async fn partner(
    store: &Store,
    owner: &OrganisationId,
    case: &str,
) -> (OrganisationId, wikken_storage::UserRow) {
    let email = format!("p-{}@gemeente.nl", tag());
    let (_, token) = store
        .create_invitation(
            owner,
            &invitation(&email, "Gemeente Lindeveen", afweging(case, "Gemeente")),
            &user("Ann"),
        )
        .await
        .unwrap();
    let (u, _) = store
        .accept_invitation_as_new(&token, "Piet Gemeente", "$argon2id$hash")
        .await
        .unwrap();
    (u.organisation_id.clone(), u)
}

async fn a_share_opens_one_subject_to_one_partner(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let a = store
        .create_organisation(&format!("A {}", tag()))
        .await
        .unwrap();
    let b = store
        .create_organisation(&format!("B {}", tag()))
        .await
        .unwrap();
    let (a1, a2) = (
        case(&store, &a, "Wat doen we in Molenhoek?").await,
        case(&store, &a, "Andere vraag").await,
    );
    let b1 = case(&store, &b, "Vraag van B").await;
    let (p, _) = partner(&store, &a, &a1).await;

    let mine = store
        .share_for(&p, ShareKind::Afweging, &a1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mine.owner, a);
    assert_eq!(mine.subject.party, "Gemeente");
    assert_eq!(mine.subject.title, "Wat doen we in Molenhoek?");
    assert_eq!(mine.partner_kind, OrganisationKind::Gemeente);
    assert_eq!(
        store.share_for(&p, ShareKind::Afweging, &a2).await.unwrap(),
        None
    );
    assert_eq!(
        store
            .share_for(&p, ShareKind::Afspraken, &a1)
            .await
            .unwrap(),
        None
    );
    // Nobody else gets anything through this share.
    assert_eq!(
        store.share_for(&b, ShareKind::Afweging, &a1).await.unwrap(),
        None
    );
    assert_eq!(
        store.share_for(&a, ShareKind::Afweging, &a1).await.unwrap(),
        None
    );

    // A corporation shares only its own afwegingen, and only with partners.
    let ann = user("Ann");
    let e = store.share(&a, &p, &afweging(&b1, "Gemeente"), &ann).await;
    assert!(matches!(e, Err(ShareError::SubjectNotFound)), "{e:?}");
    let e = store.share(&a, &b, &afweging(&a2, "B"), &ann).await;
    assert!(matches!(e, Err(ShareError::NotAPartner)), "{e:?}");
    let e = store.share(&a, &a, &afweging(&a2, "A"), &ann).await;
    assert!(matches!(e, Err(ShareError::NotAPartner)), "{e:?}");
    let e = store.share(&a, &p, &afweging(&a2, "  "), &ann).await;
    assert!(matches!(e, Err(ShareError::BadName)), "{e:?}");

    // The second corporation shares with the same partner.
    let from_b = store
        .share(&b, &p, &afweging(&b1, "Wethouder"), &user("Bob"))
        .await
        .unwrap();
    assert!(matches!(from_b, ShareOutcome::Shared(_)));
    let seen: Vec<(String, String)> = store
        .shares_of_partner(&p)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.owner_name, s.subject.id))
        .collect();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().any(|(o, id)| o.starts_with("A ") && *id == a1));
    assert!(seen.iter().any(|(o, id)| o.starts_with("B ") && *id == b1));
    assert_eq!(store.shares_of_owner(&a).await.unwrap().len(), 1);

    // Another party, the same party, an afspraken record by its id.
    let again = store
        .share(&a, &p, &afweging(&a1, "Wethouder"), &ann)
        .await
        .unwrap();
    assert!(matches!(again, ShareOutcome::PartyChanged(ref r) if r.subject.party == "Wethouder"));
    let same = store
        .share(&a, &p, &afweging(&a1, "Wethouder"), &ann)
        .await
        .unwrap();
    assert!(matches!(same, ShareOutcome::Unchanged(_)));
    let unknown = Subject {
        kind: ShareKind::Afspraken,
        id: "afspraken-42".into(),
        party: "Gemeente".into(),
        title: "Bestaat niet".into(),
    };
    assert!(matches!(
        store.share(&a, &p, &unknown, &ann).await,
        Err(ShareError::SubjectNotFound)
    ));
    let record = agreement(&store, &a).await;
    let afspraken = Subject {
        id: record.clone(),
        title: "wordt opgezocht".into(),
        ..unknown
    };
    store.share(&a, &p, &afspraken, &ann).await.unwrap();
    let s = store
        .share_for(&p, ShareKind::Afspraken, &record)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        s.subject.title, "Prestatieafspraken Lindeveen 2026–2029",
        "the title is the record's"
    );

    let partners = store.partner_organisations(&a).await.unwrap();
    assert_eq!(partners.len(), 1);
    assert_eq!((partners[0].id.clone(), partners[0].shares), (p.clone(), 2));

    // Revoking: only the owner, and the check answers no at once.
    assert_eq!(
        store
            .revoke_share(&b, &mine.id, &user("Bob"))
            .await
            .unwrap(),
        None
    );
    assert!(
        store
            .revoke_share(&a, &mine.id, &ann)
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(
        store.share_for(&p, ShareKind::Afweging, &a1).await.unwrap(),
        None
    );
    assert!(
        store
            .share_for(&p, ShareKind::Afweging, &b1)
            .await
            .unwrap()
            .is_some()
    );
    // Still a partner of A (it accepted A's invitation), now with one share.
    assert_eq!(store.partner_organisations(&a).await.unwrap()[0].shares, 1);

    let history: Vec<String> = store
        .share_events(&a, 50)
        .await
        .unwrap()
        .into_iter()
        .map(|e| format!("{}: {}", e.user_name, e.action))
        .collect();
    for expected in [
        "Ann: Afweging ‘Wat doen we in Molenhoek?’ niet meer gedeeld met Gemeente Lindeveen",
        "Ann: Afweging ‘Wat doen we in Molenhoek?’ voor Gemeente Lindeveen: partij gewijzigd van Gemeente in Wethouder",
        "Piet Gemeente: Afweging ‘Wat doen we in Molenhoek?’ gedeeld met Gemeente Lindeveen, als partij Gemeente",
    ] {
        assert!(
            history.iter().any(|h| h == expected),
            "{expected} in {history:#?}"
        );
    }
    assert!(
        store
            .share_events(&b, 50)
            .await
            .unwrap()
            .iter()
            .all(|e| !e.action.contains("Molenhoek")),
        "another corporation's history is its own"
    );
}
per_backend!(a_share_opens_one_subject_to_one_partner);

async fn an_invitation_is_accepted_once_within_its_time(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let a = store
        .create_organisation(&format!("A {}", tag()))
        .await
        .unwrap();
    let b = store
        .create_organisation(&format!("B {}", tag()))
        .await
        .unwrap();
    let a1 = case(&store, &a, "Vraag A").await;
    let b1 = case(&store, &b, "Vraag B").await;
    let ann = user("Ann");
    let email = format!("huurders-{}@example.nl", tag());
    let mut new = invitation(
        &email,
        "Huurdersvereniging De Linde",
        afweging(&a1, "Huurders"),
    );
    new.organisation_kind = OrganisationKind::Huurdersorganisatie;

    // Only a partner kind, only the corporation's own afweging.
    let mut corporatie = new.clone();
    corporatie.organisation_kind = OrganisationKind::Corporatie;
    assert!(matches!(
        store.create_invitation(&a, &corporatie, &ann).await,
        Err(ShareError::NotAPartner)
    ));
    let mut other = new.clone();
    other.subject.id = b1.clone();
    assert!(matches!(
        store.create_invitation(&a, &other, &ann).await,
        Err(ShareError::SubjectNotFound)
    ));

    let (row, token) = store.create_invitation(&a, &new, &ann).await.unwrap();
    assert_eq!(token.len(), 64);
    assert!(row.is_open(row.created_at));
    assert_eq!(row.expires_at - row.created_at, 14 * 24 * 3600);
    assert_eq!(row.subject.title, "Vraag A");
    // Only the token's hash is stored.
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    let count = |value: String| {
        let pool = pool.clone();
        async move {
            let n: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM invitations WHERE token_hash = $1")
                    .bind(value)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            n
        }
    };
    assert_eq!(count(token.clone()).await, 0);
    let hash: String = Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(count(hash).await, 1);
    let found = store.invitation_by_token(&token).await.unwrap().unwrap();
    assert_eq!(
        (found.id.clone(), found.owner_name.starts_with("A ")),
        (row.id.clone(), true)
    );
    assert_eq!(store.pending_invitations(&a).await.unwrap().len(), 1);
    assert_eq!(store.pending_invitations(&b).await.unwrap().len(), 0);

    // Accepted as someone new: organisation, user and share at once.
    let (u, share) = store
        .accept_invitation_as_new(&token, "Henk de Huurder", "$argon2id$hash")
        .await
        .unwrap();
    assert_eq!(u.email, email);
    assert_eq!(u.role, UserRole::Strategist);
    assert_eq!(u.organisation_kind, OrganisationKind::Huurdersorganisatie);
    let org = store
        .organisation(&u.organisation_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (org.name.as_str(), org.kind),
        (
            "Huurdersvereniging De Linde",
            OrganisationKind::Huurdersorganisatie
        )
    );
    assert_eq!(share.subject.party, "Huurders");
    assert_eq!(
        store
            .user_by_id(&u.id)
            .await
            .unwrap()
            .unwrap()
            .organisation_kind,
        OrganisationKind::Huurdersorganisatie
    );
    assert!(store.pending_invitations(&a).await.unwrap().is_empty());
    // Used.
    let again = store
        .accept_invitation_as_new(&token, "Iemand", "$argon2id$x")
        .await;
    assert!(matches!(again, Err(AcceptError::Used)), "{again:?}");
    assert!(matches!(
        store.accept_invitation_for(&token, &u).await,
        Err(AcceptError::Used)
    ));
    let orgs_before = store.organisation_count().await.unwrap();
    assert!(matches!(
        store
            .accept_invitation_as_new("0".repeat(64).as_str(), "X", "h")
            .await,
        Err(AcceptError::Unknown)
    ));
    assert_eq!(
        store.organisation_count().await.unwrap(),
        orgs_before,
        "a refusal leaves nothing"
    );

    // The second corporation invites the same partner, who accepts for
    // its own organisation.
    let (_, token_b) = store
        .create_invitation(
            &b,
            &invitation(&email, "De Linde", afweging(&b1, "Huurders")),
            &user("Bob"),
        )
        .await
        .unwrap();
    let share_b = store.accept_invitation_for(&token_b, &u).await.unwrap();
    assert_eq!(share_b.partner, u.organisation_id);
    assert_eq!(
        store
            .shares_of_partner(&u.organisation_id)
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(store.organisation_count().await.unwrap(), orgs_before);

    // A corporation's user cannot accept for the corporation.
    let (_, token_c) = store
        .create_invitation(
            &b,
            &invitation("x@y.nl", "X", afweging(&b1, "X")),
            &user("Bob"),
        )
        .await
        .unwrap();
    let staff = store
        .create_user(
            &b,
            &NewUser {
                email: &format!("staff-{}@b.nl", tag()),
                name: "Staf",
                role: UserRole::Admin,
                password_hash: "h",
                must_change_password: false,
            },
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(staff.organisation_kind, OrganisationKind::Corporatie);
    assert!(matches!(
        store.accept_invitation_for(&token_c, &staff).await,
        Err(AcceptError::NotAPartner)
    ));
    assert!(
        store
            .invitation_by_token(&token_c)
            .await
            .unwrap()
            .unwrap()
            .is_open(0),
        "still open"
    );

    // Revoked; renewed; expired.
    let c_id = store
        .invitation_by_token(&token_c)
        .await
        .unwrap()
        .unwrap()
        .id;
    assert!(
        !store.revoke_invitation(&a, &c_id, &ann).await.unwrap(),
        "not A's"
    );
    assert!(
        store
            .revoke_invitation(&b, &c_id, &user("Bob"))
            .await
            .unwrap()
    );
    assert!(matches!(
        store.accept_invitation_for(&token_c, &u).await,
        Err(AcceptError::Revoked)
    ));
    assert_eq!(
        store
            .renew_invitation(&b, &c_id, &user("Bob"))
            .await
            .unwrap(),
        None
    );

    let (d, token_d) = store
        .create_invitation(&a, &invitation("z@y.nl", "Z", afweging(&a1, "Z")), &ann)
        .await
        .unwrap();
    let renewed = store
        .renew_invitation(&a, &d.id, &ann)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(renewed, token_d);
    assert!(
        store.invitation_by_token(&token_d).await.unwrap().is_none(),
        "the old link stops"
    );
    store
        .execute_unchecked(&format!(
            "UPDATE invitations SET expires_at = 1 WHERE id = '{}'",
            d.id
        ))
        .await
        .unwrap();
    assert!(matches!(
        store.accept_invitation_for(&renewed, &u).await,
        Err(AcceptError::Expired)
    ));
    let renewed = store
        .renew_invitation(&a, &d.id, &ann)
        .await
        .unwrap()
        .unwrap();
    store.accept_invitation_for(&renewed, &u).await.unwrap();

    let history: Vec<String> = store
        .share_events(&b, 50)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for expected in [
        "Uitnodiging voor x@y.nl ingetrokken",
        "x@y.nl (X) uitgenodigd voor afweging ‘Vraag B’, als partij X",
    ] {
        assert!(
            history.iter().any(|h| h == expected),
            "{expected} in {history:#?}"
        );
    }
    assert!(
        history.iter().any(|h| h.starts_with(&format!(
            "Uitnodiging voor {email} aanvaard door Henk de Huurder"
        ))),
        "{history:#?}"
    );
    let a_history: Vec<String> = store
        .share_events(&a, 50)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        a_history
            .iter()
            .any(|h| h == "Nieuwe uitnodigingslink voor z@y.nl gemaakt"),
        "{a_history:#?}"
    );
}
per_backend!(an_invitation_is_accepted_once_within_its_time);
