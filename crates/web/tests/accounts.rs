//! Accounts through their whole life, end to end on the real server (on
//! SQLite and PostgreSQL): a beheerder changes a role, disables a user
//! (their sessions end at once), gives a temporary password; every user
//! changes their own password (their other sessions end); the organisation
//! keeps a beheerder; an e-mail address in another organisation is not
//! revealed.

use wikken_test_support as common;
use wikken_test_support::per_backend;

use common::{Browser, PASSWORD, TestApp, spawn_app, temporary_password_in};
use reqwest::StatusCode;

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_string()
}

async fn user_id(app: &TestApp, email: &str) -> String {
    app.store
        .user_in_organisation_by_email(&app.org, email)
        .await
        .unwrap()
        .unwrap()
        .id
        .0
}

/// Posts one of the buttons on a user's row of the users page.
async fn row_action(
    b: &Browser,
    id: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    b.post_form(
        "/beheer/gebruikers",
        &format!("/beheer/gebruikers/{id}/{action}"),
        fields,
    )
    .await
}

async fn a_beheerder_manages_accounts_through_their_life(url: String) {
    let app = spawn_app(&url).await;
    let admin = app.client_as("beheerder").await;
    let lezer_email = app.email("lezer");
    let lezer_id = user_id(&app, &lezer_email).await;
    let lezer = app.client_as("lezer").await;

    // A new role counts from the next request.
    let settings = "/signalen/instellingen";
    assert_eq!(lezer.get(settings).await.status(), StatusCode::FORBIDDEN);
    let r = row_action(&admin, &lezer_id, "rol", &[("rol", "strateeg")]).await;
    assert_eq!(r.status(), StatusCode::OK, "{url}");
    assert!(r.text().await.unwrap().contains("is nu strateeg"));
    assert_eq!(lezer.get(settings).await.status(), StatusCode::OK);

    // Disabled: the open session ends at once, and logging in fails.
    let r = row_action(&admin, &lezer_id, "uitschakelen", &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(lezer.get("/monitor").await.status(), StatusCode::SEE_OTHER);
    let again = Browser::new(&app.address);
    assert_eq!(
        again.login(&lezer_email, PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // Enabled again, with a temporary password that must be changed.
    row_action(&admin, &lezer_id, "inschakelen", &[]).await;
    assert_eq!(
        again.login(&lezer_email, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let r = row_action(&admin, &lezer_id, "wachtwoord", &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let temporary = temporary_password_in(&r.text().await.unwrap());
    // The reset ended the session that was open.
    assert_eq!(again.get("/monitor").await.status(), StatusCode::SEE_OTHER);
    let fresh = Browser::new(&app.address);
    assert_eq!(
        fresh.login(&lezer_email, PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let r = fresh.login(&lezer_email, &temporary).await;
    assert_eq!(location(&r), "/account/wachtwoord");
    // Every page leads to the password page until it is changed.
    for path in ["/monitor", "/afwegingen", "/import"] {
        assert_eq!(
            location(&fresh.get(path).await),
            "/account/wachtwoord",
            "{path}"
        );
    }
    // A common password is refused there, with the reason next to it.
    let r = fresh
        .post_form(
            "/account/wachtwoord",
            "/account/wachtwoord",
            &[
                ("huidig", &temporary),
                ("nieuw", "welkom123456"),
                ("herhaling", "welkom123456"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("veelgebruikte wachtwoorden")
    );
    let own = "vergadertafel koffiekan notulen";
    let r = fresh
        .post_form(
            "/account/wachtwoord",
            "/account/wachtwoord",
            &[("huidig", &temporary), ("nieuw", own), ("herhaling", own)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(fresh.get("/monitor").await.status(), StatusCode::OK);
    app.store.close().await;
}
per_backend!(a_beheerder_manages_accounts_through_their_life);

#[tokio::test]
async fn changing_ones_password_ends_the_other_sessions_only() {
    let app = spawn_app(&common::sqlite_url()).await;
    let here = app.client_as("strateeg").await;
    let there = app.client_as("strateeg").await;
    let new = "regenton zonnescherm vijver";
    let r = here
        .post_form(
            "/account/wachtwoord",
            "/account/wachtwoord",
            &[("huidig", "fout"), ("nieuw", new), ("herhaling", "anders")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("Het huidige wachtwoord klopt niet"));
    assert!(page.contains("niet gelijk"));
    let r = here
        .post_form(
            "/account/wachtwoord",
            "/account/wachtwoord",
            &[("huidig", PASSWORD), ("nieuw", new), ("herhaling", new)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(here.get("/monitor").await.status(), StatusCode::OK);
    assert_eq!(there.get("/monitor").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        Browser::new(&app.address)
            .login(&app.email("strateeg"), new)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

async fn the_organisation_keeps_an_enabled_beheerder(url: String) {
    let app = spawn_app(&url).await;
    let admin = app.client_as("beheerder").await;
    let me = user_id(&app, &app.email("beheerder")).await;
    let r = row_action(&admin, &me, "rol", &[("rol", "lezer")]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "{url}");
    assert!(r.text().await.unwrap().contains("enige actieve beheerder"));
    let r = row_action(&admin, &me, "uitschakelen", &[]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    // With a second beheerder, the first may step down.
    let other = user_id(&app, &app.email("strateeg")).await;
    row_action(&admin, &other, "rol", &[("rol", "beheerder")]).await;
    let r = row_action(&admin, &me, "rol", &[("rol", "strateeg")]).await;
    assert_eq!(location(&r), "/monitor");
    assert_eq!(
        admin.get("/beheer/gebruikers").await.status(),
        StatusCode::FORBIDDEN
    );
    app.store.close().await;
}
per_backend!(the_organisation_keeps_an_enabled_beheerder);

#[tokio::test]
async fn an_address_in_another_organisation_is_not_revealed() {
    let url = common::sqlite_url();
    let a = spawn_app(&url).await;
    // A second organisation in the same database, with its own users.
    let other_org = a
        .store
        .create_organisation("Andere corporatie")
        .await
        .unwrap();
    let other_tag = format!("{}x", a.tag);
    common::add_users(&a.store, &other_org, &other_tag).await;
    let taken = format!("beheerder-{other_tag}@test.wikken.nl");

    let admin = a.client_as("beheerder").await;
    let r = admin
        .post_form(
            "/beheer/gebruikers",
            "/beheer/gebruikers",
            &[
                ("naam", "Zelfde Adres"),
                ("email", &taken),
                ("rol", "lezer"),
            ],
        )
        .await;
    // Added as any new address would be: nothing says it exists elsewhere.
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(!page.contains("al een gebruiker"));
    let temporary = temporary_password_in(&page);
    // Adding it twice here is refused, naming only this organisation.
    let r = admin
        .post_form(
            "/beheer/gebruikers",
            "/beheer/gebruikers",
            &[
                ("naam", "Zelfde Adres"),
                ("email", &taken),
                ("rol", "lezer"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!r.text().await.unwrap().contains("Andere corporatie"));

    // Each password opens its own account.
    let person = Browser::new(&a.address);
    assert_eq!(
        person.login(&taken, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let home = person.page("/monitor", StatusCode::OK).await;
    assert!(home.contains("Andere corporatie"));
    let person = Browser::new(&a.address);
    assert_eq!(
        location(&person.login(&taken, &temporary).await),
        "/account/wachtwoord"
    );
    // The same password for both: the person chooses the organisation.
    person
        .post_form(
            "/account/wachtwoord",
            "/account/wachtwoord",
            &[
                ("huidig", &temporary),
                ("nieuw", PASSWORD),
                ("herhaling", PASSWORD),
            ],
        )
        .await;
    let chooser = Browser::new(&a.address);
    let r = chooser.login(&taken, PASSWORD).await;
    assert_eq!(location(&r), "/inloggen/organisatie");
    let page = chooser.page("/inloggen/organisatie", StatusCode::OK).await;
    assert!(page.contains("Andere corporatie"));
    let mine = user_id(&a, &taken).await;
    let token = common::csrf_in(&page);
    let r = chooser
        .client
        .post(format!("{}/inloggen/organisatie", a.address))
        .form(&[("_csrf", token.as_str()), ("account", mine.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/monitor");
    let home = chooser.page("/monitor", StatusCode::OK).await;
    assert!(!home.contains("Andere corporatie"));
}
