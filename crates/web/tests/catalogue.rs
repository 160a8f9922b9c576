//! The interventiecatalogus end to end: the real server, a real database
//! (SQLite, and PostgreSQL when configured), browsers with cookies.

use wikken_test_support as common;
use wikken_test_support::per_backend;

use common::{Browser, PASSWORD, add_users, spawn_app};
use reqwest::StatusCode;
use wikken_core::case::catalogue::{PrimaryProcess, Role, Template, default_templates};
use wikken_core::format;
use wikken_core::model::{Adjust, Distribution};

/// The template keys a list page shows, in order.
fn keys(page: &str) -> Vec<String> {
    page.split("data-key=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

fn expected(f: impl Fn(&Template) -> bool) -> Vec<String> {
    let mut all = default_templates();
    all.sort_by_key(|t| t.name.to_lowercase());
    all.into_iter().filter(|t| f(t)).map(|t| t.key).collect()
}

/// The message under a field, from its `…-fout` element.
fn field_error(page: &str, id: &str) -> Option<String> {
    let at = page.find(&format!("id=\"{id}-fout\""))?;
    let rest = &page[at..];
    let text = &rest[rest.find("</span>")? + "</span>".len()..];
    Some(text[..text.find("</p>")?].to_string())
}

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_string()
}

/// A new sociaal template as the form sends it.
fn new_template(name: &str, amount: &str) -> Vec<(String, String)> {
    let pairs = [
        ("naam", name),
        ("categorie", "sociaal"),
        (
            "beschrijving",
            "Een huismeester die ook koffie schenkt in de buurtkamer.",
        ),
        ("eenheid", "per_project"),
        ("aantal", "1"),
        ("proces", "beheren"),
        ("rol", "huisvester"),
        ("route", "wonen"),
        ("bron", "Eigen begroting 2026."),
        ("stroom-0-partij", "corporatie"),
        ("stroom-0-soort", "kosten"),
        ("stroom-0-omschrijving", "Loonkosten"),
        ("stroom-0-bedrag", amount),
        ("stroom-0-van", "0"),
        ("stroom-0-tot", "2"),
        ("stroom-0-verdeling", "driehoek"),
        ("stroom-0-laag", "50.000"),
        ("stroom-0-hoog", "80.000"),
        ("stroom-1-partij", "gemeente"),
        ("stroom-1-soort", "baten"),
        ("stroom-1-omschrijving", "Minder handhaving"),
        ("stroom-1-bedrag", "10.000"),
        ("stroom-1-van", "1"),
        ("stroom-1-tot", "2"),
        ("stroom-1-deadweight", "20"),
        ("stroom-1-attributie", "30"),
        ("stroom-1-verdeling", ""),
        ("stroom-2-partij", ""),
        ("stroom-2-soort", "kosten"),
        ("stroom-2-bedrag", ""),
        ("pm-0-omschrijving", "Prettiger woonklimaat"),
        ("pm-0-partij", "huurders"),
        ("pm-0-teken", "+"),
        ("pm-1-omschrijving", ""),
        ("pm-1-teken", "+"),
    ];
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn with(fields: &[(String, String)], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fields
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .cloned()
        .collect();
    out.extend(changes.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    out
}

async fn post(
    b: &Browser,
    page: &str,
    path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.post_form(page, path, &pairs).await
}

async fn the_catalogue_starts_with_the_defaults_and_filters(url: String) {
    let app = spawn_app(&url).await;
    let lezer = app.client_as("lezer").await;
    let n = default_templates().len();
    let page = lezer.page("/catalogus", StatusCode::OK).await;
    assert!(
        page.contains(&format!("{n} van {n} sjablonen")),
        "seeded on first open"
    );
    assert_eq!(keys(&page), expected(|_| true), "by name");
    assert!(!page.contains("Sjabloon toevoegen"), "a lezer cannot add");
    let buurtbeheerder = default_templates()
        .into_iter()
        .find(|t| t.key == "buurtbeheerder")
        .unwrap();
    let saldo = format::euro(buurtbeheerder.present_values(0.0225).npv());
    assert!(page.contains(&saldo), "present value {saldo} shown");

    let sociaal = lezer
        .page("/catalogus?categorie=sociaal", StatusCode::OK)
        .await;
    assert_eq!(
        keys(&sociaal),
        expected(|t| t.category.as_str() == "sociaal")
    );
    let leren = lezer.page("/catalogus?route=leren", StatusCode::OK).await;
    assert_eq!(keys(&leren), ["leerwerkplekken"]);
    for p in PrimaryProcess::ALL {
        let page = lezer
            .page(&format!("/catalogus?proces={}", p.as_str()), StatusCode::OK)
            .await;
        assert_eq!(
            keys(&page),
            expected(|t| t.processes.contains(p)),
            "{}",
            p.as_str()
        );
    }
    for r in Role::ALL {
        let page = lezer
            .page(
                &format!("/catalogus?categorie=stenen&rol={}", r.as_str()),
                StatusCode::OK,
            )
            .await;
        assert_eq!(
            keys(&page),
            expected(|t| t.roles.contains(r) && t.category.as_str() == "stenen"),
            "{}",
            r.as_str()
        );
    }
    assert!(
        lezer
            .page(
                "/catalogus?route=vrije_tijd&categorie=beleid",
                StatusCode::OK
            )
            .await
            .contains("Geen sjablonen met deze kenmerken.")
    );

    let detail = lezer
        .page("/catalogus/achter-de-voordeur", StatusCode::OK)
        .await;
    for text in [
        "Achter-de-voordeur",
        "deadweight 0 %",
        "drop-off 30 %",
        "PERT",
        "PM-posten",
        "Indicatief, te vervangen door eigen cijfers.",
        "toegevoegd uit de standaardcatalogus",
        "Ijkpunt B/K",
        "Van Overleven naar Leven",
        "Telt één keer in een pakket",
        "Prijspeil 2025",
    ] {
        assert!(detail.contains(text), "{text}");
    }
    assert!(!detail.contains("/bewerken"), "a lezer cannot edit");
    lezer
        .page("/catalogus/bestaat-niet", StatusCode::NOT_FOUND)
        .await;
}
per_backend!(the_catalogue_starts_with_the_defaults_and_filters);

async fn a_beheerder_adds_and_edits_and_bad_input_is_named_per_field(url: String) {
    let app = spawn_app(&url).await;
    let b = app.client_as("beheerder").await;
    assert!(
        b.page("/catalogus", StatusCode::OK)
            .await
            .contains("Sjabloon toevoegen")
    );
    let form = new_template("Huismeester plus", "60.000");

    // bad input: named per field, kept as typed, nothing saved
    let before = (
        app.store.catalogue(&app.org).await.unwrap(),
        app.store.catalogue_events(&app.org, 100).await.unwrap(),
    );
    let bad = with(
        &form,
        &[
            ("naam", " "),
            ("stroom-0-bedrag", "veel"),
            ("stroom-1-deadweight", "150"),
            ("stroom-1-verdeling", "pert"),
            ("stroom-1-laag", "12.000"),
            ("stroom-1-hoog", "20.000"),
            ("categorie", "stenen"),
        ],
    );
    let r = post(&b, "/catalogus/nieuw", "/catalogus/nieuw", &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert_eq!(
        field_error(&page, "naam").as_deref(),
        Some("Vul de naam in.")
    );
    assert_eq!(
        field_error(&page, "stroom-0-bedrag").as_deref(),
        Some("&quot;veel&quot; is geen getal.")
    );
    assert_eq!(
        field_error(&page, "stroom-1-deadweight").as_deref(),
        Some("Een percentage van 0 tot en met 100.")
    );
    assert_eq!(
        field_error(&page, "stroom-1-laag").as_deref(),
        Some("De ondergrens ligt niet boven het bedrag.")
    );
    assert_eq!(
        field_error(&page, "route").as_deref(),
        Some("Een stijgingsroute hoort alleen bij een sociale interventie.")
    );
    assert!(field_error(&page, "stroom-1-bedrag").is_none());
    assert!(
        page.contains("value=\"veel\"") && page.contains("value=\"12.000\""),
        "kept as typed"
    );
    assert!(page.contains("Minder handhaving"));
    let after = (
        app.store.catalogue(&app.org).await.unwrap(),
        app.store.catalogue_events(&app.org, 100).await.unwrap(),
    );
    assert_eq!(before, after, "nothing saved");

    // more rows, without JavaScript, keeps what was typed
    let more = post(
        &b,
        "/catalogus/nieuw",
        "/catalogus/nieuw",
        &with(&form, &[("actie", "meer-rijen")]),
    )
    .await;
    assert_eq!(more.status(), StatusCode::OK);
    let more = more.text().await.unwrap();
    assert!(
        more.contains("name=\"stroom-6-bedrag\"") && more.contains("value=\"Huismeester plus\"")
    );

    // a good one is saved with its figures
    let r = post(&b, "/catalogus/nieuw", "/catalogus/nieuw", &form).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/catalogus/huismeester-plus?opgeslagen=1");
    let t = app
        .store
        .template(&app.org, "huismeester-plus")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t.flows.len(), 2);
    assert_eq!(t.flows[0].amount, 60_000.0);
    assert_eq!(
        t.flows[0].uncertainty,
        Some(Distribution::Triangular {
            low: 50_000.0,
            high: 80_000.0
        })
    );
    assert_eq!(
        t.flows[1].adjust,
        Some(Adjust {
            deadweight: 0.2,
            attribution: 0.3,
            displacement: 0.0,
            drop_off: 0.0
        })
    );
    assert_eq!(t.pm.len(), 1);
    let detail = b
        .page("/catalogus/huismeester-plus?opgeslagen=1", StatusCode::OK)
        .await;
    assert!(detail.contains("Het sjabloon is opgeslagen."));
    assert!(
        detail.contains("Sjabloon Huismeester plus toegevoegd")
            && detail.contains("Test beheerder")
    );
    let again = post(&b, "/catalogus/nieuw", "/catalogus/nieuw", &form).await;
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the name is taken"
    );

    // editing: the form shows the figures, a change is recorded
    let edit = b
        .page("/catalogus/huismeester-plus/bewerken", StatusCode::OK)
        .await;
    assert!(edit.contains("value=\"60.000\"") && edit.contains("value=\"Huismeester plus\""));
    let changed = with(
        &form,
        &[
            ("naam", "Huismeester plus (2026)"),
            ("stroom-0-bedrag", "65.000"),
        ],
    );
    let path = "/catalogus/huismeester-plus/bewerken";
    let bad_edit = post(&b, path, path, &with(&changed, &[("stroom-0-tot", "x")])).await;
    assert_eq!(bad_edit.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.store
            .template(&app.org, "huismeester-plus")
            .await
            .unwrap(),
        Some(t.clone())
    );
    let r = post(&b, path, path, &changed).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let t2 = app
        .store
        .template(&app.org, "huismeester-plus")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (t2.name.as_str(), t2.flows[0].amount),
        ("Huismeester plus (2026)", 65_000.0)
    );
    let detail = b.page("/catalogus/huismeester-plus", StatusCode::OK).await;
    assert!(
        detail.contains("Sjabloon Huismeester plus (2026) gewijzigd: naam, kosten en baten"),
        "history says what"
    );
    let wonen = b.page("/catalogus?route=wonen", StatusCode::OK).await;
    assert!(keys(&wonen).contains(&"huismeester-plus".to_string()));

    // deleting asks first, and the history stays
    b.page("/catalogus/huismeester-plus/verwijderen", StatusCode::OK)
        .await;
    let path = "/catalogus/huismeester-plus/verwijderen";
    let r = b.post_form(path, path, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    b.page("/catalogus/huismeester-plus", StatusCode::NOT_FOUND)
        .await;
    let history = app
        .store
        .template_events(&app.org, "huismeester-plus", 10)
        .await
        .unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[0].user_name, "Test beheerder");
}
per_backend!(a_beheerder_adds_and_edits_and_bad_input_is_named_per_field);

async fn only_a_beheerder_edits_and_only_in_its_own_organisation(url: String) {
    let app = spawn_app(&url).await;
    for role in ["strateeg", "lezer"] {
        let b = app.client_as(role).await;
        b.page("/catalogus/nieuw", StatusCode::FORBIDDEN).await;
        b.page("/catalogus/renovatie/bewerken", StatusCode::FORBIDDEN)
            .await;
        b.page("/catalogus/renovatie/verwijderen", StatusCode::FORBIDDEN)
            .await;
        let r = b
            .post_form(
                "/catalogus",
                "/catalogus/renovatie/bewerken",
                &[("naam", "Gekaapt")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = b
            .post_form("/catalogus", "/catalogus/renovatie/verwijderen", &[])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(
            !b.page("/catalogus/renovatie", StatusCode::OK)
                .await
                .contains("Bewerken")
        );
    }
    let own = app.client_as("beheerder").await;
    let r = post(
        &own,
        "/catalogus/nieuw",
        "/catalogus/nieuw",
        &new_template("Eigen aanpak", "60.000"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.store
            .template(&app.org, "renovatie")
            .await
            .unwrap()
            .unwrap()
            .name,
        "Renovatie"
    );

    // a beheerder of another organisation sees none of it
    let other = app
        .store
        .create_organisation(&format!("Andere corporatie {}", app.tag))
        .await
        .unwrap();
    let tag = format!("{}-b", app.tag);
    add_users(&app.store, &other, &tag).await;
    let b = Browser::new(&app.address);
    let login = b
        .login(&format!("beheerder-{tag}@test.wikken.nl"), PASSWORD)
        .await;
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    b.page("/catalogus/eigen-aanpak", StatusCode::NOT_FOUND)
        .await;
    b.page("/catalogus/eigen-aanpak/bewerken", StatusCode::NOT_FOUND)
        .await;
    let path = "/catalogus/eigen-aanpak/bewerken";
    let r = post(&b, "/catalogus", path, &new_template("Overgenomen", "1")).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = b
        .post_form("/catalogus", "/catalogus/eigen-aanpak/verwijderen", &[])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let list = b.page("/catalogus", StatusCode::OK).await;
    assert_eq!(
        keys(&list),
        expected(|_| true),
        "its own default catalogue only"
    );
    assert!(
        app.store
            .template(&app.org, "eigen-aanpak")
            .await
            .unwrap()
            .is_some()
    );
}
per_backend!(only_a_beheerder_edits_and_only_in_its_own_organisation);

#[tokio::test]
async fn the_demo_organisation_starts_with_the_default_catalogue() {
    let store = wikken_storage::Store::connect(&common::sqlite_url())
        .await
        .unwrap();
    let first = wikken_web::seed::first_start(&store, None)
        .await
        .unwrap()
        .expect("seeded");
    let mut stored = store.catalogue(&first.organisation).await.unwrap();
    stored.sort_by(|a, b| a.key.cmp(&b.key));
    let mut defaults = default_templates();
    defaults.sort_by(|a, b| a.key.cmp(&b.key));
    assert_eq!(stored, defaults);
}
