//! The afweging end to end: every step through the real server on SQLite
//! and PostgreSQL, the besluit freeze and versions, the history, input
//! errors named next to their field, roles, other organisations, and the
//! exports (model file, whole afweging, XLSX, PDF).

use wikken_test_support as common;
use wikken_test_support::per_backend;

use common::case_steps::{build_case, post_ok};
use common::{first_buurt, spawn_app};
use reqwest::StatusCode;
use wikken_storage::CaseId;

async fn an_afweging_from_question_to_besluit_and_a_new_version(url: String) {
    let app = spawn_app(&url).await;
    let b = app.client_as("strateeg").await;
    let id = build_case(&b, &first_buurt()).await;
    let base = format!("/afwegingen/{id}");

    let results = b.page(&format!("{base}/resultaten"), StatusCode::OK).await;
    for section in [
        "Maatschappelijke kosten en baten",
        "Wie betaalt, wie wint",
        "Weging per partij",
        "Onzekerheid",
        "Portefeuille binnen het budget",
    ] {
        assert!(results.contains(section), "results miss {section}");
    }
    assert!(
        results.contains("Huurdersvereniging De Linde"),
        "party ranks shown"
    );

    // The besluit freezes the version.
    post_ok(
        &b,
        &format!("{base}/besluit"),
        &format!("{base}/besluit"),
        &[
            ("chosen", "buurtkamer"),
            ("rationale", "Snel effect, draagvlak bij huurders."),
            ("dissent", "De gemeente wil eerst renovatie."),
            ("conditions", "Evaluatie na twee jaar."),
        ],
    )
    .await;
    let page = b.page(&format!("{base}/besluit"), StatusCode::OK).await;
    assert!(
        page.contains("Besluit vastgelegd")
            && page.contains("Snel effect, draagvlak bij huurders.")
    );
    let refused = b
        .post_form(
            &format!("{base}/nulalternatief"),
            &format!("{base}/nulalternatief"),
            &[("description", "Anders")],
        )
        .await;
    // A stale tab's edit is kept, with a way into a new version.
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains("intussen vastgelegd")
            && body.contains("Nieuwe versie openen en mijn invoer daarin opslaan")
            && body.contains(">Anders</textarea>"),
        "{body}"
    );

    // A new version; the decided one stays readable as it was.
    post_ok(
        &b,
        &format!("{base}/besluit"),
        &format!("{base}/nieuwe-versie"),
        &[],
    )
    .await;
    post_ok(
        &b,
        &format!("{base}/nulalternatief"),
        &format!("{base}/nulalternatief"),
        &[("description", "Nieuwe cijfers: het gaat sneller bergaf.")],
    )
    .await;
    let v1 = b
        .page(&format!("{base}/nulalternatief?versie=1"), StatusCode::OK)
        .await;
    assert!(v1.contains("Zonder nieuw beleid stijgen mutaties") && v1.contains("oudere versie"));
    let v2 = b
        .page(&format!("{base}/nulalternatief"), StatusCode::OK)
        .await;
    assert!(v2.contains("Nieuwe cijfers") && v2.contains("Versie 2"));

    // The history names who did what.
    let history = b.page(&format!("{base}/besluit"), StatusCode::OK).await;
    for action in [
        "Afweging gestart",
        "Partij Gemeente Lindeveen toegevoegd als beslisser",
        "Nulalternatief beschreven",
        "Besluit vastgelegd: Buurtkamer",
        "Versie 2 geopend",
    ] {
        assert!(history.contains(action), "history misses {action}");
    }
    assert!(history.contains("Test strateeg"));
}
per_backend!(an_afweging_from_question_to_besluit_and_a_new_version);

#[tokio::test]
async fn results_wait_for_the_nulalternatief_and_bad_input_is_named() {
    let app = spawn_app(&common::sqlite_url()).await;
    let b = app.client_as("strateeg").await;
    let r = b
        .post_form(
            "/afwegingen/nieuw",
            "/afwegingen/nieuw",
            &[
                ("question", " "),
                ("gebied", "BU99999999"),
                ("moment", "1 maart"),
                ("start_year", "2027"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Vul de beslisvraag in.")
            && body.contains("BU99999999")
            && body.contains("1-3-2027 of 2027-03-01"),
        "{body}"
    );
    assert!(body.contains("value=\"1 maart\""), "keeps what was typed");
    assert!(
        app.store.cases(&app.org).await.unwrap().is_empty(),
        "nothing saved"
    );

    let r = b
        .post_form(
            "/afwegingen/nieuw",
            "/afwegingen/nieuw",
            &[
                ("question", "Wat doen we?"),
                ("gebied", ""),
                ("start_year", "2027"),
            ],
        )
        .await;
    let base = r.headers()["location"].to_str().unwrap().to_string();
    post_ok(
        &b,
        &format!("{base}/opties"),
        &format!("{base}/opties/nieuw"),
        &[("option_name", "Eigen idee"), ("option_category", "beleid")],
    )
    .await;
    let results = b.page(&format!("{base}/resultaten"), StatusCode::OK).await;
    assert!(results.contains("Beschrijf eerst het nulalternatief"));

    // Effects: each bad cell is named, what was typed stays, nothing is saved.
    let r = b
        .post_form(
            &format!("{base}/effecten/eigen-idee"),
            &format!("{base}/effecten/eigen-idee"),
            &[
                ("name", "Eigen idee"),
                ("f0.actor", "corporatie"),
                ("f0.kind", "cost"),
                ("f0.amount", "veel"),
                ("f0.from", "2027"),
                ("f1.actor", "gemeente"),
                ("f1.kind", "benefit"),
                ("f1.amount", "1000"),
                ("f1.from", "2027"),
                ("f1.dist", "triangular"),
                ("f1.low", "2000"),
                ("f1.high", "3000"),
                ("f2.actor", "gemeente"),
                ("f2.kind", "cost"),
                ("f2.amount", "10"),
                ("f2.from", "2027"),
                ("f2.dw", "20"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("&quot;veel&quot; is geen getal.")
            || body.contains("\"veel\" is geen getal."),
        "{body}"
    );
    assert!(body.contains("Laag en hoog moeten het bedrag insluiten"));
    assert!(body.contains("gelden alleen voor baten"));
    assert!(body.contains("value=\"veel\""));
    let events = app
        .store
        .case_events(
            &app.org,
            &CaseId::from(base.trim_start_matches("/afwegingen/")),
        )
        .await
        .unwrap();
    assert!(
        !events.iter().any(|e| e.action.starts_with("Effecten")),
        "nothing saved"
    );

    // Points that do not add up to 100 are refused with the sum.
    post_ok(
        &b,
        &format!("{base}/weging"),
        &format!("{base}/criteria"),
        &[
            ("criterion_name", "Leefbaarheid"),
            ("criterion_direction", "max"),
        ],
    )
    .await;
    post_ok(
        &b,
        &format!("{base}/weging"),
        &format!("{base}/criteria"),
        &[("criterion_name", "Kosten"), ("criterion_direction", "min")],
    )
    .await;
    let r = b
        .post_form(
            &format!("{base}/weging"),
            &format!("{base}/weging"),
            &[
                ("gedeeld.method", "points"),
                ("gedeeld.w.leefbaarheid", "60"),
                ("gedeeld.w.kosten", "30"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("De punten tellen op tot 90, niet tot 100.")
    );
}

#[tokio::test]
async fn the_ahp_check_points_out_the_worst_pair() {
    let app = spawn_app(&common::sqlite_url()).await;
    let b = app.client_as("lezer").await;
    let r = b.get("/api/ahp?v=5,-5,5").await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert!(v["cr"].as_f64().unwrap() > 0.1);
    assert!(v["worst"].is_array());
    let ok: serde_json::Value =
        serde_json::from_str(&b.get("/api/ahp?v=2,4,2").await.text().await.unwrap()).unwrap();
    assert!(ok["cr"].as_f64().unwrap() < 1e-9 && ok["worst"].is_null());
    assert_eq!(
        b.get("/api/ahp?v=1,2").await.status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        common::Browser::new(&app.address)
            .get("/api/ahp?v=1")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn lezers_read_and_other_organisations_see_nothing() {
    let app = spawn_app(&common::sqlite_url()).await;
    let b = app.client_as("strateeg").await;
    let id = build_case(&b, &first_buurt()).await;
    let base = format!("/afwegingen/{id}");
    let lezer = app.client_as("lezer").await;
    let page = lezer
        .page(&format!("{base}/resultaten"), StatusCode::OK)
        .await;
    assert!(!page.contains("Opslaan en opnieuw rekenen"));
    let r = lezer
        .post_form(
            &base,
            &format!("{base}/deelnemers"),
            &[
                ("participant_name", "Politie"),
                ("participant_role", "adviseur"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    common::add_users(&app.store, &other_org(&app).await, "ander").await;
    let stranger = common::Browser::new(&app.address);
    stranger
        .login("strateeg-ander@test.wikken.nl", common::PASSWORD)
        .await;
    for path in [
        "",
        "/resultaten",
        "/model.json",
        "/rapport",
        "/rapport.xlsx",
    ] {
        assert_eq!(
            stranger.get(&format!("{base}{path}")).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

async fn other_org(app: &common::TestApp) -> wikken_storage::OrganisationId {
    app.store
        .create_organisation("Andere corporatie")
        .await
        .unwrap()
}

#[tokio::test]
async fn exports_read_back_and_an_import_gives_the_same_afweging() {
    let app = spawn_app(&common::sqlite_url()).await;
    let b = app.client_as("strateeg").await;
    let id = build_case(&b, &first_buurt()).await;
    let base = format!("/afwegingen/{id}");

    let model = b.get(&format!("{base}/model.json")).await;
    assert_eq!(model.status(), StatusCode::OK);
    let model_text = model.text().await.unwrap();
    let parsed = wikken_core::parse_model(&model_text).expect("a valid model file");
    assert_eq!(parsed.options.len(), 3);

    let whole = b
        .get(&format!("{base}/afweging.json"))
        .await
        .bytes()
        .await
        .unwrap()
        .to_vec();
    for (name, bytes) in [
        ("afweging.json", whole.clone()),
        ("model.json", model_text.clone().into_bytes()),
    ] {
        let token = b.csrf("/afwegingen").await;
        let form = reqwest::multipart::Form::new().text("_csrf", token).part(
            "model",
            reqwest::multipart::Part::bytes(bytes).file_name(name),
        );
        let r = b
            .client
            .post(format!("{}/afwegingen/import", b.base))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{name}");
        let new_id = r.headers()["location"]
            .to_str()
            .unwrap()
            .trim_start_matches("/afwegingen/")
            .to_string();
        let imported = app
            .store
            .case_version(&app.org, &CaseId::from(new_id), None)
            .await
            .unwrap()
            .unwrap()
            .doc;
        assert_eq!(imported.to_model(), parsed, "{name}: the same model");
        if name == "afweging.json" {
            let original = app
                .store
                .case_version(&app.org, &CaseId::from(id.as_str()), None)
                .await
                .unwrap()
                .unwrap()
                .doc;
            assert_eq!(imported, original, "the whole afweging comes back");
        }
    }

    let token = b.csrf("/afwegingen").await;
    let form = reqwest::multipart::Form::new().text("_csrf", token).part(
        "model",
        reqwest::multipart::Part::bytes(b"{\"version\": 1, \"title\": \"x\"}".to_vec())
            .file_name("kapot.json"),
    );
    let r = b
        .client
        .post(format!("{}/afwegingen/import", b.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("kapot.json"));

    let xlsx = b.get(&format!("{base}/rapport.xlsx")).await;
    assert_eq!(xlsx.status(), StatusCode::OK);
    let bytes = xlsx.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"));
    let pdf = b.get(&format!("{base}/rapport.pdf")).await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
    let report = b.page(&format!("{base}/rapport"), StatusCode::OK).await;
    assert!(report.contains("Het besluit") && report.contains("Nog geen besluit."));
}
