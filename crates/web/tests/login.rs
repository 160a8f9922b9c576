//! Logging in, end to end on the real server: no session for a visitor who
//! only looks, no open redirect, a new CSRF token after login, sessions
//! with an absolute lifetime, and failed logins throttled per account and
//! per client address.

use wikken_test_support as common;

use common::{Browser, PASSWORD, spawn_app, spawn_app_with};
use reqwest::StatusCode;
use wikken_web::Settings;

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn looking_at_the_login_page_stores_no_session() {
    let app = spawn_app(&common::sqlite_url()).await;
    let before = app.store.session_count().await.unwrap();
    for _ in 0..5 {
        let b = Browser::new(&app.address);
        b.page("/inloggen", StatusCode::OK).await;
        b.page("/inloggen?volgende=/monitor", StatusCode::OK).await;
        // Nor does a POST that a visitor without a session sends, with or
        // without a made-up session cookie.
        let r = b
            .client
            .post(format!("{}/uitloggen", app.address))
            .header("cookie", "wikken_sessie=verzonnen")
            .form(&[("_csrf", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(app.store.session_count().await.unwrap(), before);
    // Logging in does store one.
    app.client_as("lezer").await;
    assert_eq!(app.store.session_count().await.unwrap(), before + 1);
}

#[tokio::test]
async fn the_next_page_never_leaves_the_site() {
    let app = spawn_app(&common::sqlite_url()).await;
    for evil in [
        "/\t/evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "/\n/evil.example",
    ] {
        // The login page's hidden field...
        let b = Browser::new(&app.address);
        let page = b
            .client
            .get(format!("{}/inloggen", app.address))
            .query(&[("volgende", evil)])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("name=\"volgende\" value=\"/monitor\""),
            "{evil:?} kept on the page"
        );
        // ...and the login itself.
        let token = b.csrf("/inloggen").await;
        let r = b
            .client
            .post(format!("{}/inloggen", app.address))
            .form(&[
                ("_csrf", token.as_str()),
                ("email", &app.email("lezer")),
                ("password", PASSWORD),
                ("volgende", evil),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&r), "/monitor", "{evil:?} followed");
    }
}

#[tokio::test]
async fn the_csrf_token_is_new_after_login() {
    let app = spawn_app(&common::sqlite_url()).await;
    let b = Browser::new(&app.address);
    let before = b.csrf("/inloggen").await;
    assert_eq!(
        b.login(&app.email("strateeg"), PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let after = b.csrf("/monitor").await;
    assert_ne!(before, after);
    // A token from before the login opens no form after it.
    let r = b
        .client
        .post(format!("{}/uitloggen", app.address))
        .form(&[("_csrf", before.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A login form without its cookie (another site's form) is refused.
    let stranger = Browser::new(&app.address);
    let r = stranger
        .client
        .post(format!("{}/inloggen", app.address))
        .form(&[
            ("_csrf", before.as_str()),
            ("email", &app.email("strateeg")),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_session_ends_after_its_absolute_lifetime() {
    let url = common::sqlite_url();
    let app = spawn_app(&url).await;
    let b = app.client_as("lezer").await;
    assert_eq!(b.get("/monitor").await.status(), StatusCode::OK);
    // Thirteen hours later (the login time moved back), however active:
    common::age_sessions(&url, 13 * 3600).await;
    let r = b.get("/monitor").await;
    let (status, to) = (r.status(), r.headers().get("location").cloned());
    assert_eq!(status, StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let to = to.unwrap().to_str().unwrap().to_string();
    assert!(to.starts_with("/inloggen?verlopen=1"), "{to}");
    let page = b.page(&to, StatusCode::OK).await;
    assert!(page.contains("Uw sessie is verlopen"));
    // The session is gone, not merely refused once.
    assert_eq!(b.get("/monitor").await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn failed_logins_are_throttled_per_account() {
    let app = spawn_app(&common::sqlite_url()).await;
    let email = app.email("strateeg");
    let b = Browser::new(&app.address);
    for i in 0..10 {
        let r = b.login(&email, "niet het goede wachtwoord").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // Now even the right password waits, with a Dutch message and a time.
    let r = b.login(&email, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=15 * 60).contains(&wait), "{wait}");
    let page = r.text().await.unwrap();
    assert!(page.contains("te vaak een verkeerd wachtwoord"), "{page}");
    assert!(page.contains("minuten opnieuw"));
    // Other accounts are not affected.
    assert_eq!(
        b.login(&app.email("lezer"), PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

/// A browser that says it comes from `address` through a trusted proxy.
fn via_proxy(base: &str, address: &str) -> Browser {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", address.parse().unwrap());
    Browser {
        client: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .unwrap(),
        base: base.to_string(),
    }
}

#[tokio::test]
async fn failed_logins_are_throttled_per_client_address() {
    let settings = Settings {
        trust_proxy: true,
        ..Settings::default()
    };
    let app = spawn_app_with(&common::sqlite_url(), settings).await;
    // A random documentation address, so runs never share one.
    let n = u8::from_str_radix(&app.tag[..2], 16).unwrap();
    let guesser = format!("198.51.100.{n}");
    let b = via_proxy(&app.address, &guesser);
    for i in 0..30 {
        let r = b
            .login(&format!("gok-{i}-{}@test.wikken.nl", app.tag), "gok")
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let r = b.login(&app.email("lezer"), PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    // Someone else, elsewhere, logs in as usual.
    let elsewhere = via_proxy(&app.address, "203.0.113.20");
    assert_eq!(
        elsewhere
            .login(&app.email("lezer"), PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_flood_of_logins_is_bounded_not_queued_without_end() {
    let app = spawn_app(&common::sqlite_url()).await;
    let mut tasks = Vec::new();
    for i in 0..200 {
        let base = app.address.clone();
        let email = format!("vloed-{i}-{}@test.wikken.nl", app.tag);
        tasks.push(tokio::spawn(async move {
            Browser::new(&base)
                .login(&email, "wat dan ook")
                .await
                .status()
        }));
    }
    let mut busy = 0;
    for t in tasks {
        match t.await.unwrap() {
            StatusCode::UNAUTHORIZED => {}
            StatusCode::SERVICE_UNAVAILABLE => busy += 1,
            other => panic!("a login answered {other}"),
        }
    }
    assert!(busy > 0, "200 password checks at once were all queued");
    // And the server goes on answering.
    assert_eq!(
        app.client_as("lezer").await.get("/monitor").await.status(),
        StatusCode::OK
    );
}
