//! Partner organisations end to end, on SQLite and PostgreSQL: a
//! corporation invites a gemeente to one afweging; the gemeente's person
//! accepts and sees that afweging and nothing else of the corporation
//! (404, as if it did not exist); a partner working with two
//! corporations sees both, each only where shared; in a shared afweging
//! the partner keeps its own party's problems, weighing and comments, with
//! its user named in the history, and is refused another party's; a
//! decided version is read-only. (More on invitations in invitations.rs.)

mod partner_support;

use axum::http::StatusCode;
use partner_support::{accept_new, case_with_parties, email, invite};
use wikken_core::case::Decision;
use wikken_storage::{CaseId, CaseSave, EventUser};
use wikken_test_support::{InProcess, per_backend};

async fn a_partner_sees_what_was_shared_and_nothing_else(url: String) {
    let a = InProcess::start(&url).await;
    let b = InProcess::start(&url).await;
    let staff_a = a.logged_in("beheerder").await;
    let staff_b = b.logged_in("strateeg").await;
    let shared = case_with_parties(
        &staff_a,
        "Wat doen we in Molenhoek?",
        &["Corporatie", "Gemeente Lindeveen"],
    )
    .await;
    let unshared = case_with_parties(&staff_a, "Geheime vraag van A", &["Corporatie"]).await;
    let b_shared = case_with_parties(
        &staff_b,
        "Vraag van B aan de gemeente",
        &["Woonstad B", "Gemeente"],
    )
    .await;
    let b_unshared = case_with_parties(&staff_b, "Geheime vraag van B", &["Woonstad B"]).await;

    let gemeente = email("lindeveen.nl");
    let link = invite(
        &staff_a,
        &gemeente,
        "Gemeente Lindeveen",
        &shared,
        "gemeente lindeveen",
    )
    .await;
    let partner = a.visitor();
    let welcome = partner.page(&link).await;
    assert!(
        welcome.contains("Gemeente Lindeveen") && welcome.contains("Wat doen we in Molenhoek?"),
        "{welcome}"
    );
    let accepted = accept_new(&partner, &link, "Ans Gemeente").await;
    assert_eq!(
        accepted.redirect("accept"),
        format!("/gedeeld/afwegingen/{shared}")
    );

    // The shared afweging, all of it; the party as the afweging names it.
    let page = partner.page(&format!("/gedeeld/afwegingen/{shared}")).await;
    for expected in [
        "Wat doen we in Molenhoek?",
        "Uw partij: Gemeente Lindeveen",
        "Te weinig onderhoud",
        "Wie doen mee",
        "Leefbaarheid",
        "Gedeeld door",
    ] {
        assert!(page.contains(expected), "{expected} in {page}");
    }
    assert!(
        !page.contains("Geheime vraag"),
        "no other afweging is named"
    );
    // The same corporation's other afweging, the other corporation's, and
    // one that does not exist: all the same 404.
    for id in [
        &unshared,
        &b_shared,
        &b_unshared,
        &"bestaat-niet".to_string(),
    ] {
        let r = partner.get(&format!("/gedeeld/afwegingen/{id}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{id}");
        assert!(!r.body.contains("Geheime vraag") && !r.body.contains("Vraag van B"));
    }
    // The corporation's own pages of the shared afweging are not the
    // partner's way in.
    let own = partner.get(&format!("/afwegingen/{shared}")).await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);
    // Staff do not read through the partner's pages either.
    assert_eq!(
        staff_b
            .get(&format!("/gedeeld/afwegingen/{shared}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        staff_a
            .get(&format!("/gedeeld/afwegingen/{shared}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // The second corporation invites the same person; logged in, they
    // accept for their own organisation.
    let link_b = invite(
        &staff_b,
        &gemeente,
        "Gemeente Lindeveen",
        &b_shared,
        "Gemeente",
    )
    .await;
    let offer = partner.page(&link_b).await;
    assert!(
        offer.contains("Aanvaarden voor Gemeente Lindeveen"),
        "{offer}"
    );
    let done = partner.fill(&link_b, &link_b, &[]).await;
    assert_eq!(
        done.redirect("accept for own"),
        format!("/gedeeld/afwegingen/{b_shared}")
    );
    let home = partner.page("/partner").await;
    for expected in ["Wat doen we in Molenhoek?", "Vraag van B aan de gemeente"] {
        assert!(home.contains(expected), "{expected} in {home}");
    }
    assert!(home.contains(&a.tag), "A's name");
    assert!(home.contains(&b.tag), "B's name");
    assert!(!home.contains("Geheime vraag"));
    assert_eq!(
        partner
            .get(&format!("/gedeeld/afwegingen/{b_shared}"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        partner
            .get(&format!("/gedeeld/afwegingen/{b_unshared}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // One organisation, two corporations.
    let orgs: Vec<_> = a.store.partner_organisations(&a.org).await.unwrap();
    let orgs_b: Vec<_> = b.store.partner_organisations(&b.org).await.unwrap();
    assert_eq!((orgs.len(), orgs_b.len()), (1, 1));
    assert_eq!(orgs[0].id, orgs_b[0].id);

    // A's page says who sees what; revoking closes it at once.
    let partners = staff_a.page("/partners").await;
    assert!(
        partners.contains("Gemeente Lindeveen") && partners.contains("Wat doen we in Molenhoek?")
    );
    assert!(
        !partners.contains("Vraag van B"),
        "B's sharing is B's business"
    );
    let share = a.store.shares_of_owner(&a.org).await.unwrap().remove(0);
    let revoke = format!("/partners/delen/{}/intrekken", share.id);
    staff_a
        .fill("/partners", &revoke, &[])
        .await
        .expect(StatusCode::OK, "revoke");
    assert_eq!(
        partner
            .get(&format!("/gedeeld/afwegingen/{shared}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A cannot revoke B's shares.
    let mine_b = b.store.shares_of_owner(&b.org).await.unwrap().remove(0);
    let token = wikken_test_support::csrf_in(&staff_a.page("/partners").await);
    let r = staff_a
        .post(
            &format!("/partners/delen/{}/intrekken", mine_b.id),
            &[("_csrf".to_string(), token)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(b.store.shares_of_owner(&b.org).await.unwrap().len(), 1);
    // Shared again with the existing partner, without an invitation.
    let again = staff_a
        .fill(
            "/partners",
            "/partners/delen",
            &[
                ("partner", share.partner.as_str()),
                ("onderwerp", "afweging"),
                ("afweging", &shared),
                ("partij", "Gemeente Lindeveen"),
            ],
        )
        .await;
    assert!(
        again
            .expect(StatusCode::OK, "share again")
            .contains("Gedeeld met Gemeente Lindeveen")
    );
    assert_eq!(
        partner
            .get(&format!("/gedeeld/afwegingen/{shared}"))
            .await
            .status,
        StatusCode::OK
    );
    let history = staff_a.page("/partners").await;
    for expected in [
        "niet meer gedeeld met Gemeente Lindeveen",
        "aanvaard door Ans Gemeente",
        "uitgenodigd voor afweging",
    ] {
        assert!(history.contains(expected), "{expected} in the history");
    }
}
per_backend!(a_partner_sees_what_was_shared_and_nothing_else);

/// The stored document of an afweging.
async fn doc(app: &InProcess, id: &str) -> wikken_core::case::CaseDoc {
    app.store
        .case_version(&app.org, &CaseId::from(id), None)
        .await
        .unwrap()
        .unwrap()
        .doc
}

async fn a_partner_keeps_its_own_party_only(url: String) {
    let a = InProcess::start(&url).await;
    let staff = a.logged_in("strateeg").await;
    let case = case_with_parties(
        &staff,
        "Wat doen we in Molenhoek?",
        &["Corporatie", "Gemeente Lindeveen"],
    )
    .await;
    let link = invite(
        &staff,
        &email("lindeveen.nl"),
        "Gemeente Lindeveen",
        &case,
        "Gemeente Lindeveen",
    )
    .await;
    let partner = a.visitor();
    accept_new(&partner, &link, "Ans Gemeente")
        .await
        .redirect("accept");
    let page = format!("/gedeeld/afwegingen/{case}");

    // Its own problem, with the partner user named in the history.
    partner
        .fill(
            &page,
            &format!("{page}/problemen"),
            &[("problem_text", "Onveilige looproutes")],
        )
        .await
        .redirect("problem");
    let d = doc(&a, &case).await;
    let mine = d
        .problems
        .iter()
        .find(|p| p.text == "Onveilige looproutes")
        .expect("the problem");
    assert_eq!(mine.owner, "gemeente-lindeveen");
    let history = a
        .store
        .case_events(&a.org, &CaseId::from(case.as_str()))
        .await
        .unwrap();
    assert_eq!(history[0].user_name, "Ans Gemeente (Gemeente Lindeveen)");
    assert_eq!(
        history[0].action,
        "Probleem toegevoegd: Onveilige looproutes"
    );
    // The corporation sees it on its own page.
    assert!(
        staff
            .page(&format!("/afwegingen/{case}"))
            .await
            .contains("Onveilige looproutes")
    );

    // Its own weighing, through the weighing form of its party.
    let weigh = format!("{page}/weging/partij/gemeente-lindeveen");
    partner
        .fill(
            &page,
            &weigh,
            &[
                ("partij.gemeente-lindeveen.w.leefbaarheid", "3"),
                ("partij.gemeente-lindeveen.w.veiligheid", "1"),
            ],
        )
        .await
        .redirect("weights");
    let d = doc(&a, &case).await;
    let w = &d
        .party_weights
        .iter()
        .find(|w| w.participant == "gemeente-lindeveen")
        .expect("weights")
        .weighting;
    assert_eq!(w.values["leefbaarheid"], 3.0);
    let history = a
        .store
        .case_events(&a.org, &CaseId::from(case.as_str()))
        .await
        .unwrap();
    assert_eq!(history[0].user_name, "Ans Gemeente (Gemeente Lindeveen)");

    // A comment, shown to the corporation in the report.
    partner
        .fill(
            &page,
            &format!("{page}/opmerkingen"),
            &[("comment_text", "Betrek de wijkagent.")],
        )
        .await
        .redirect("comment");
    let report = staff.page(&format!("/afwegingen/{case}/rapport")).await;
    assert!(
        report.contains("Betrek de wijkagent.") && report.contains("Opmerkingen van de partijen"),
        "{report}"
    );
    let too_long = "x".repeat(2001);
    let r = partner
        .fill(
            &page,
            &format!("{page}/opmerkingen"),
            &[("comment_text", &too_long)],
        )
        .await;
    let body = r.expect(StatusCode::UNPROCESSABLE_ENTITY, "long comment");
    assert!(
        body.contains("maximaal 2.000") && body.contains("id=\"comment-text-fout\""),
        "named next to the field"
    );

    // Another party's items: refused, nothing changed.
    let before = doc(&a, &case).await;
    let csrf = wikken_test_support::csrf_in(&partner.page(&page).await);
    let fields = |extra: &[(&str, &str)]| {
        let mut f = vec![("_csrf".to_string(), csrf.clone())];
        f.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        f
    };
    let theirs = before
        .problems
        .iter()
        .find(|p| p.owner == "corporatie")
        .unwrap()
        .id
        .clone();
    for (path, extra) in [
        (
            format!("{page}/weging/partij/corporatie"),
            vec![
                ("partij.corporatie.method", "direct"),
                ("partij.corporatie.w.leefbaarheid", "9"),
                ("partij.corporatie.w.veiligheid", "1"),
            ],
        ),
        (
            format!("{page}/weging/partij/corporatie/verwijderen"),
            vec![],
        ),
        (format!("{page}/problemen/{theirs}/verwijderen"), vec![]),
    ] {
        let r = partner.post(&path, &fields(&extra)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {}",
            r.body
        );
        assert!(r.body.contains("andere partij"), "{path}: {}", r.body);
    }
    assert_eq!(
        doc(&a, &case).await,
        before,
        "another party's items are as they were"
    );
    // Its own problem it removes.
    let mine = before
        .problems
        .iter()
        .find(|p| p.owner == "gemeente-lindeveen")
        .unwrap()
        .id
        .clone();
    partner
        .post(
            &format!("{page}/problemen/{mine}/verwijderen"),
            &fields(&[]),
        )
        .await
        .redirect("remove own");

    // Decided: read-only.
    let v = a
        .store
        .case_version(&a.org, &CaseId::from(case.as_str()), None)
        .await
        .unwrap()
        .unwrap();
    let mut decided = v.doc.clone();
    decided.decision = Some(Decision {
        chosen: Vec::new(),
        rationale: "Besloten".into(),
        dissent: String::new(),
        conditions: String::new(),
        decided_by: "Bestuur".into(),
        decided_at: 1_800_000_000,
    });
    let who = EventUser {
        id: "b".into(),
        name: "Bestuur".into(),
    };
    let save = CaseSave {
        user: &who,
        action: "Besluit vastgelegd",
        detail: None,
        form_token: None,
    };
    a.store
        .save_case(
            &a.org,
            &CaseId::from(case.as_str()),
            v.revision,
            &save,
            &decided,
        )
        .await
        .unwrap();
    let shown = partner.page(&page).await;
    assert!(
        shown.contains("alleen lezen") && !shown.contains(&format!("action=\"{page}/problemen\"")),
        "no forms on a decided version"
    );
    let r = partner
        .post(
            &format!("{page}/problemen"),
            &fields(&[("problem_text", "Te laat")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("vastgelegd met een besluit"), "{}", r.body);
    assert_eq!(doc(&a, &case).await.problems.len(), decided.problems.len());
}
per_backend!(a_partner_keeps_its_own_party_only);

async fn a_lezer_has_no_partners_page(url: String) {
    let a = InProcess::start(&url).await;
    let lezer = a.logged_in("lezer").await;
    assert_eq!(lezer.get("/partners").await.status, StatusCode::FORBIDDEN);
    assert!(!lezer.page("/monitor").await.contains("href=\"/partners\""));
    let strateeg = a.logged_in("strateeg").await;
    assert!(
        strateeg
            .page("/monitor")
            .await
            .contains("href=\"/partners\"")
    );
    // Staff at the partner's home are sent to their own page.
    assert_eq!(
        strateeg.get("/partner").await.location.as_deref(),
        Some("/partners")
    );
}
per_backend!(a_lezer_has_no_partners_page);
