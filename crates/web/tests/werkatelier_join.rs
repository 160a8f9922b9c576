//! Guessing join codes soon waits: wrong codes are counted per client
//! address in the database (behind a proxy, its `X-Forwarded-For`), and
//! after 20 within a quarter of an hour that address is refused even the
//! right code, while other addresses go on; on SQLite and PostgreSQL.

use reqwest::StatusCode;
use wikken_test_support::{Browser, csrf_in, per_backend, spawn_app_with};
use wikken_web::Settings;

async fn try_code(b: &Browser, address: &str, code: &str) -> (StatusCode, String) {
    let page = b
        .client
        .get(format!("{}/doe-mee", b.base))
        .header("x-forwarded-for", address)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = csrf_in(&page);
    let r = b
        .client
        .post(format!("{}/doe-mee", b.base))
        .header("x-forwarded-for", address)
        .form(&[("_csrf", token.as_str()), ("code", code)])
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

async fn guessing_join_codes_waits(url: String) {
    let app = spawn_app_with(
        &url,
        Settings {
            trust_proxy: true,
            ..Settings::default()
        },
    )
    .await;
    // A real werkatelier, so that the right code exists.
    let staff = app.client_as("strateeg").await;
    let user = wikken_storage::EventUser {
        id: "t".into(),
        name: "T".into(),
    };
    let mut doc = wikken_core::case::CaseDoc::new(
        "Vraag",
        wikken_core::case::DecisionLevel::Wijk,
        Default::default(),
        2027,
    );
    doc.add_participant("Gemeente", wikken_core::case::ParticipantRole::Beslisser)
        .unwrap();
    let case = app.store.create_case(&app.org, &user, &doc).await.unwrap();
    let page = format!("/afwegingen/{case}/werkateliers");
    let r = staff
        .post_form(
            &page,
            &page,
            &[("titel", "W"), ("ronde", "spelden"), ("rol", "huurders")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let w = r.headers()["location"].to_str().unwrap().to_string();
    let control = staff.page(&w, StatusCode::OK).await;
    let at = control.find("class=\"join-code\">").unwrap() + "class=\"join-code\">".len();
    let code = control[at..at + 6].to_string();

    // A unique address per run (the counts live in the shared database).
    let n = uuid::Uuid::new_v4().as_bytes()[0] % 200 + 20;
    let guesser = format!("198.51.100.{n}");
    let phone = Browser::new(&app.address);
    for i in 0..20 {
        let (status, body) = try_code(&phone, &guesser, "QQQQQQ").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "guess {i}");
        assert!(body.contains("Deze code kennen we niet"));
    }
    let (status, body) = try_code(&phone, &guesser, &code).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "the 21st try waits, even with the right code"
    );
    assert!(body.contains("te veel verkeerde codes"), "{body}");
    let (status, body) = try_code(&phone, &format!("203.0.113.{n}"), &code).await;
    assert_eq!(status, StatusCode::OK, "another address joins: {body}");
    assert!(body.contains("Namens wie doe je mee?"));
}

per_backend!(guessing_join_codes_waits);
