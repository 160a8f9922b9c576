//! End to end: the real server on a random port, a real database (an
//! SQLite file, and PostgreSQL when configured), a client with cookies.

use wikken_test_support as common;
use wikken_test_support::per_backend;

use common::{Browser, PASSWORD, spawn_app};
use reqwest::StatusCode;
use wikken_data::AreaLevel;
use wikken_storage::{SignalSubject, Store};

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_string()
}

fn demo_buurten() -> Vec<String> {
    wikken_data::demo::demo()
        .dataset
        .areas
        .iter()
        .filter(|a| a.code.level() == AreaLevel::Buurt)
        .map(|a| a.code.as_str().to_string())
        .collect()
}

#[tokio::test]
async fn first_start_fills_an_empty_database_once() {
    let store = Store::connect(&common::sqlite_url()).await.unwrap();
    let first = wikken_web::seed::first_start(&store, None)
        .await
        .unwrap()
        .expect("seeded");
    assert_eq!(first.password.len(), 20);
    assert!(
        wikken_web::seed::first_start(&store, None)
            .await
            .unwrap()
            .is_none(),
        "only once"
    );
    let app = common::serve(store, first.organisation.clone(), "eerste".into()).await;
    let b = Browser::new(&app.address);
    assert_eq!(
        b.login(&first.email, &first.password).await.status(),
        StatusCode::SEE_OTHER
    );
    let home = b.page("/monitor", StatusCode::OK).await;
    assert!(
        home.contains("Fictieve demogegevens"),
        "demo labelled as fictional"
    );
    let demo = wikken_data::demo::demo();
    assert!(home.contains(&demo.gemeente_name));
}

async fn login_logout_and_csrf(url: String) {
    let app = spawn_app(&url).await;
    let b = Browser::new(&app.address);
    let r = b.get("/monitor").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/inloggen?volgende=/monitor");

    let r = b.login(&app.email("lezer"), "wrong password").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.text().await.unwrap().contains("klopt niet"));

    // A form without the session's token is refused.
    let r = b
        .client
        .post(format!("{}/inloggen", app.address))
        .form(&[
            ("email", app.email("lezer").as_str()),
            ("password", PASSWORD),
            ("_csrf", "forged"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let r = b.login(&app.email("lezer"), PASSWORD).await;
    assert_eq!(
        (r.status(), location(&r).as_str()),
        (StatusCode::SEE_OTHER, "/monitor")
    );
    let page = b.page("/monitor", StatusCode::OK).await;
    assert!(page.contains("<title>Wijkmonitor · Wikken</title>"));
    assert!(page.contains("<h1>Wijkmonitor</h1>"));

    let r = b.post_form("/monitor", "/uitloggen", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(b.get("/monitor").await.status(), StatusCode::SEE_OTHER);
}
per_backend!(login_logout_and_csrf);

async fn the_map_page_draws_every_buurt_and_links_to_it(url: String) {
    let buurten = demo_buurten();
    let app = spawn_app(&url).await;
    let b = app.client_as("lezer").await;
    let gemeente = wikken_data::demo::demo().dataset.areas[0]
        .code
        .gemeente()
        .as_str()
        .to_string();
    for query in [
        "",
        "?kengetal=signaal",
        "?kengetal=misdrijven_per_1000&jaar=2020",
        "?niveau=wijk",
    ] {
        let page = b
            .page(&format!("/monitor/{gemeente}{query}"), StatusCode::OK)
            .await;
        assert!(page.contains("<svg class=\"map\""), "{query}");
        if query != "?niveau=wijk" {
            for code in &buurten {
                assert!(
                    page.contains(&format!("<a href=\"/gebied/{code}\" data-code=\"{code}\"")),
                    "{code} on the map {query}"
                );
            }
            assert_eq!(
                page.matches("<a href=\"/gebied/BU").count(),
                buurten.len() * 2,
                "map and table {query}"
            );
        }
        assert!(page.contains("Legenda"));
    }
    // Every buurt page renders, with its trend charts.
    for code in buurten.iter().take(5) {
        let page = b.page(&format!("/gebied/{code}"), StatusCode::OK).await;
        assert!(
            page.contains("Kerncijfers") && page.contains("Ontwikkeling door de jaren"),
            "{code}"
        );
        assert!(page.contains("role=\"img\""));
        assert!(page.contains(">Nederland</th>"), "compared with Nederland");
    }
    let signals = b.page("/signalen", StatusCode::OK).await;
    assert!(signals.contains("sterk onder druk"));
}
per_backend!(the_map_page_draws_every_buurt_and_links_to_it);

#[tokio::test]
async fn lezer_may_not_import_or_change_the_signal() {
    let app = spawn_app(&common::sqlite_url()).await;
    let b = app.client_as("lezer").await;
    let r = b
        .upload(
            "kwb",
            Some(2024),
            &[(
                "a.csv",
                b"gemeentecode,gemeentenaam,inwoners\nGM0855,Tilburg,1\n".to_vec(),
            )],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        b.get("/signalen/instellingen").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        b.get("/beheer/gebruikers").await.status(),
        StatusCode::FORBIDDEN
    );
    let (areas, _) = app.store.counts(&app.org).await.unwrap();
    assert!(
        !app.store
            .gemeenten(&app.org)
            .await
            .unwrap()
            .iter()
            .any(|g| g.code == "GM0855"),
        "{areas}"
    );
}

#[tokio::test]
async fn strateeg_sets_the_signal_and_bad_weights_are_named() {
    let app = spawn_app(&common::sqlite_url()).await;
    let b = app.client_as("strateeg").await;
    let r = b
        .post_form(
            "/signalen/instellingen",
            "/signalen/instellingen",
            &[
                ("aan.buurt.misdrijven_per_1000", "1"),
                ("gewicht.buurt.misdrijven_per_1000", "twee"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains("&quot;twee&quot;"), "names the bad weight");
    assert!(
        app.store
            .signal_weights(&app.org, SignalSubject::Buurt)
            .await
            .unwrap()
            .is_empty(),
        "nothing saved"
    );

    let r = b
        .post_form(
            "/signalen/instellingen",
            "/signalen/instellingen",
            &[
                ("aan.buurt.misdrijven_per_1000", "1"),
                ("gewicht.buurt.misdrijven_per_1000", "2,5"),
                ("aan.complex.mutatiegraad", "1"),
                ("gewicht.complex.mutatiegraad", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let w = app
        .store
        .signal_weights(&app.org, SignalSubject::Buurt)
        .await
        .unwrap();
    assert_eq!(
        (w.len(), w[0].indicator.as_str(), w[0].weight),
        (1, "misdrijven_per_1000", 2.5)
    );
    let page = b.page("/signalen", StatusCode::OK).await;
    assert!(page.contains("2,5"));
}

#[tokio::test]
async fn exports_are_excel_workbooks() {
    let app = spawn_app(&common::sqlite_url()).await;
    let b = app.client_as("lezer").await;
    let gemeente = wikken_data::demo::demo().dataset.areas[0]
        .code
        .gemeente()
        .as_str()
        .to_string();
    for path in [
        format!("/monitor/{gemeente}/export.xlsx"),
        format!("/signalen/export.xlsx?gemeente={gemeente}"),
    ] {
        let r = b.get(&path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .contains("spreadsheetml")
        );
        let bytes = r.bytes().await.unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
        use calamine::Reader;
        let first = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&first).unwrap();
        assert_eq!(
            range.height(),
            demo_buurten().len() + 1,
            "{path}: a row per buurt"
        );
    }
}

#[tokio::test]
async fn beheerder_adds_a_user_who_can_log_in() {
    let app = spawn_app(&common::sqlite_url()).await;
    let b = app.client_as("beheerder").await;
    let email = format!("nieuw-{}@test.wikken.nl", app.tag);
    let r = b
        .post_form(
            "/beheer/gebruikers",
            "/beheer/gebruikers",
            &[
                ("naam", "Nieuwe Strateeg"),
                ("email", "geen adres"),
                ("rol", "strateeg"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("is geen e-mailadres"));
    let r = b
        .post_form(
            "/beheer/gebruikers",
            "/beheer/gebruikers",
            &[
                ("naam", "Nieuwe Strateeg"),
                ("email", &email),
                ("rol", "strateeg"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let temporary = common::temporary_password_in(&r.text().await.unwrap());
    let other = Browser::new(&app.address);
    assert_eq!(
        other.login(&email, &temporary).await.status(),
        StatusCode::SEE_OTHER
    );
    // A temporary password leads to the page to choose one's own first.
    let r = other.get("/signalen/instellingen").await;
    assert_eq!(location(&r), "/account/wachtwoord");
    let own = "gieter kapstok parkiet 42";
    let r = other
        .post_form(
            "/account/wachtwoord",
            "/account/wachtwoord",
            &[("huidig", &temporary), ("nieuw", own), ("herhaling", own)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        other.get("/signalen/instellingen").await.status(),
        StatusCode::OK
    );
}
