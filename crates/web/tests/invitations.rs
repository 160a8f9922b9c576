//! Invitations of partner organisations, on SQLite and PostgreSQL: the
//! form names what is wrong; accepted as someone new (a wrong password
//! named); used, unknown, revoked, expired and renewed links; staff cannot
//! accept for their corporation; guessing links soon waits (per address,
//! behind a proxy).

mod partner_support;

use axum::http::StatusCode;
use partner_support::{accept_new, case_with_parties, email, invite, link_in};
use wikken_storage::EventUser;
use wikken_test_support::{InProcess, per_backend};

async fn invitations_are_used_once_within_their_time(url: String) {
    let a = InProcess::start(&url).await;
    let staff = a.logged_in("beheerder").await;
    let case = case_with_parties(&staff, "Vraag", &["Corporatie", "Huurders"]).await;

    // The form names what is wrong and keeps the input.
    let r = staff
        .fill(
            "/partners",
            "/partners/uitnodigen",
            &[
                ("email", "geen-adres"),
                ("organisatie", "De Linde"),
                ("onderwerp", "afweging"),
                ("afweging", &case),
                ("partij", "Politie"),
            ],
        )
        .await;
    let body = r.expect(StatusCode::UNPROCESSABLE_ENTITY, "refused invitation");
    assert!(
        body.contains("&quot;geen-adres&quot; is geen e-mailadres"),
        "{body}"
    );
    assert!(body.contains("Politie doet niet mee in deze afweging. Kies een partij die meedoet: Corporatie, Huurders."), "{body}");
    assert!(body.contains("value=\"De Linde\""), "input kept");
    assert!(!body.contains("/uitnodiging/"), "no link made");

    // Someone new: a wrong password is named, the name kept.
    let link = invite(
        &staff,
        &email("delinde.nl"),
        "Huurdersvereniging De Linde",
        &case,
        "Huurders",
    )
    .await;
    let pending = staff.page("/partners").await;
    assert!(
        pending.contains("Openstaande uitnodigingen")
            && pending.contains("Huurdersvereniging De Linde")
    );
    assert!(!pending.contains(&link), "the link is shown once");
    let newcomer = a.visitor();
    let r = newcomer
        .fill(
            &link,
            &link,
            &[
                ("naam", "Henk"),
                ("wachtwoord", "kort"),
                ("herhaling", "kort"),
            ],
        )
        .await;
    let body = r.expect(StatusCode::UNPROCESSABLE_ENTITY, "short password");
    assert!(
        body.contains("value=\"Henk\"") && body.contains("href=\"#wachtwoord\""),
        "{body}"
    );
    accept_new(&newcomer, &link, "Henk de Huurder")
        .await
        .redirect("accept");
    assert_eq!(
        newcomer.get("/partner").await.status,
        StatusCode::OK,
        "logged in"
    );
    // Used.
    let other = a.visitor();
    let r = other.get(&link).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.body.contains("al aanvaard"));
    // Unknown.
    let r = other
        .get(&format!("/uitnodiging/{}", "ab".repeat(32)))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("kennen we niet"));
    assert_eq!(
        other.get("/uitnodiging/kort").await.status,
        StatusCode::NOT_FOUND
    );

    // Revoked.
    let link = invite(
        &staff,
        &email("politie.nl"),
        "Politie Lindeveen",
        &case,
        "Huurders",
    )
    .await;
    let id = a
        .store
        .pending_invitations(&a.org)
        .await
        .unwrap()
        .remove(0)
        .id;
    staff
        .fill(
            "/partners",
            &format!("/partners/uitnodigingen/{id}/intrekken"),
            &[],
        )
        .await
        .expect(StatusCode::OK, "revoke");
    let r = other.get(&link).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.body.contains("ingetrokken"));

    // Expired, then renewed: the old link stops, the new one works.
    let link = invite(
        &staff,
        &email("zorg.nl"),
        "Zorg Lindeveen",
        &case,
        "Huurders",
    )
    .await;
    let id = a
        .store
        .pending_invitations(&a.org)
        .await
        .unwrap()
        .remove(0)
        .id;
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    sqlx::query("UPDATE invitations SET expires_at = 1 WHERE id = $1")
        .bind(id.as_str())
        .execute(&pool)
        .await
        .unwrap();
    let r = other.get(&link).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.body.contains("verlopen"), "{}", r.body);
    assert!(staff.page("/partners").await.contains("verlopen"));
    let renewed = staff
        .fill(
            "/partners",
            &format!("/partners/uitnodigingen/{id}/nieuwe-link"),
            &[],
        )
        .await;
    let new_link = link_in(renewed.expect(StatusCode::OK, "renew"));
    assert_ne!(new_link, link);
    assert_eq!(other.get(&link).await.status, StatusCode::NOT_FOUND);
    accept_new(&other, &new_link, "Zus Zorg")
        .await
        .redirect("accept renewed");

    // A corporation's own staff cannot accept for the corporation.
    let link = invite(&staff, &email("x.nl"), "X", &case, "Huurders").await;
    let page = staff.page(&link).await;
    assert!(
        page.contains("U bent ingelogd bij een corporatie"),
        "{page}"
    );
    assert!(
        a.store
            .invitation_by_token(link.trim_start_matches("/uitnodiging/"))
            .await
            .unwrap()
            .unwrap()
            .accepted_at
            .is_none()
    );
}
per_backend!(invitations_are_used_once_within_their_time);

/// GETs an invitation page from `address` (behind a trusted proxy).
async fn open_link(b: &wikken_test_support::Browser, address: &str, path: &str) -> (u16, String) {
    let r = b
        .client
        .get(format!("{}{path}", b.base))
        .header("x-forwarded-for", address)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn guessing_invitation_links_waits(url: String) {
    let app = wikken_test_support::spawn_app_with(
        &url,
        wikken_web::Settings {
            trust_proxy: true,
            ..wikken_web::Settings::default()
        },
    )
    .await;
    let staff = app.client_as("beheerder").await;
    let mut doc = wikken_core::case::CaseDoc::new(
        "Vraag",
        wikken_core::case::DecisionLevel::Wijk,
        Default::default(),
        2027,
    );
    doc.add_participant("Gemeente", wikken_core::case::ParticipantRole::Beslisser)
        .unwrap();
    let who = EventUser {
        id: "t".into(),
        name: "T".into(),
    };
    let case = app.store.create_case(&app.org, &who, &doc).await.unwrap();
    let r = staff
        .post_form(
            "/partners",
            "/partners/uitnodigen",
            &[
                ("email", &email("gemeente.nl")),
                ("organisatie", "Gemeente"),
                ("soort", "gemeente"),
                ("onderwerp", "afweging"),
                ("afweging", case.as_str()),
                ("partij", "Gemeente"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let link = link_in(&r.text().await.unwrap());

    // A unique address per run (the counts live in the shared database).
    let n = uuid::Uuid::new_v4().as_bytes()[0] % 200 + 20;
    let guesser = format!("198.51.100.{n}");
    let visitor = wikken_test_support::Browser::new(&app.address);
    for i in 0..20 {
        let guess = format!(
            "/uitnodiging/{}",
            uuid::Uuid::new_v4().simple().to_string().repeat(2)
        );
        let (status, body) = open_link(&visitor, &guesser, &guess).await;
        assert_eq!(status, 404, "guess {i}");
        assert!(body.contains("kennen we niet"));
    }
    // Now even the right link waits, from that address only.
    let (status, body) = open_link(&visitor, &guesser, &link).await;
    assert_eq!(status, 429, "{body}");
    assert!(body.contains("Probeer het over"), "{body}");
    let (status, body) = open_link(&visitor, &format!("203.0.113.{n}"), &link).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Uitnodiging aanvaarden"));
}
per_backend!(guessing_invitation_links_waits);
