//! Nothing a strategist typed is lost or recorded wrongly: a refused
//! besluit keeps every tick, a stale tab changes only what it changed, a
//! form sent twice is applied once, a party called "Gezamenlijk" has its
//! own weighing, and a form typed while the version was decided can be
//! carried into a new version. Through the real server, on SQLite and
//! PostgreSQL.

use wikken_test_support as common;
use wikken_test_support::per_backend;

use common::case_steps::{build_case, post_ok};
use common::{Browser, TestApp, first_buurt, spawn_app};
use reqwest::StatusCode;
use wikken_core::case::CaseDoc;
use wikken_storage::CaseId;

/// The stored document of the current version.
async fn stored(app: &TestApp, id: &str) -> CaseDoc {
    app.store
        .case_version(&app.org, &CaseId::from(id), None)
        .await
        .unwrap()
        .unwrap()
        .doc
}

/// The value of the hidden field `name` in a page (HTML unescaped).
fn hidden(page: &str, name: &str) -> String {
    let start = format!("name=\"{name}\" value=\"");
    let at = page
        .find(&start)
        .unwrap_or_else(|| panic!("no {name} in the page"))
        + start.len();
    let raw = &page[at..at + page[at..].find('"').unwrap()];
    raw.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

async fn case(app: &TestApp) -> (Browser, String) {
    let b = app.client_as("strateeg").await;
    let id = build_case(&b, &first_buurt()).await;
    (b, id)
}

async fn a_refused_besluit_keeps_every_tick_and_names_every_problem(url: String) {
    let app = spawn_app(&url).await;
    let (b, id) = case(&app).await;
    let page = format!("/afwegingen/{id}/besluit");
    let shown = b.page(&page, StatusCode::OK).await;
    let options: Vec<String> = shown
        .match_indices("name=\"chosen\" value=\"")
        .map(|(at, m)| {
            let rest = &shown[at + m.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect();
    assert!(options.len() >= 3, "{options:?}");
    let mut fields: Vec<(&str, &str)> = options.iter().map(|o| ("chosen", o.as_str())).collect();
    fields.push(("rationale", " "));
    let r = b.post_form(&page, &page, &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    for o in &options {
        assert!(
            body.contains(&format!("value=\"{o}\" id=\"k-{o}\" checked")),
            "{o} stays ticked"
        );
    }
    assert!(body.contains("besluit zonder onderbouwing"), "{body}");

    fields.pop();
    fields.push(("rationale", "Alle drie, want ze versterken elkaar."));
    post_ok(&b, &page, &page, &fields).await;
    let doc = stored(&app, &id).await;
    assert_eq!(doc.decision.unwrap().chosen, options, "every tick recorded");
}
per_backend!(a_refused_besluit_keeps_every_tick_and_names_every_problem);

async fn a_stale_tab_keeps_what_others_saved_and_shows_a_clash(url: String) {
    let app = spawn_app(&url).await;
    let (b, id) = case(&app).await;
    let page = format!("/afwegingen/{id}/nulalternatief");
    let shown = b.page(&page, StatusCode::OK).await;
    let base = hidden(&shown, "_base");
    let before = stored(&app, &id).await.baseline;

    // tab A changes the description
    post_ok(
        &b,
        &page,
        &page,
        &[
            ("_base", &base),
            ("description", "Tab A"),
            ("assumptions", &before.assumptions),
        ],
    )
    .await;
    // tab B, opened before, changes only the assumptions
    post_ok(
        &b,
        &page,
        &page,
        &[
            ("_base", &base),
            ("description", &before.description),
            ("assumptions", "Tab B"),
        ],
    )
    .await;
    let after = stored(&app, &id).await.baseline;
    assert_eq!(
        (after.description.as_str(), after.assumptions.as_str()),
        ("Tab A", "Tab B")
    );

    // tab C, opened before too, changes the description as well: refused,
    // with their value, and its own kept
    let r = b
        .post_form(
            &page,
            &page,
            &[
                ("_base", &base),
                ("description", "Tab C"),
                ("assumptions", &before.assumptions),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains("intussen gewijzigd in: Tab A"), "{body}");
    assert!(body.contains(">Tab C</textarea>"), "keeps what tab C typed");
    // sending it again (the page now carries their value as its base) is a choice
    let again = hidden(&body, "_base");
    post_ok(
        &b,
        &page,
        &page,
        &[
            ("_base", &again),
            ("description", "Tab C"),
            ("assumptions", "Tab B"),
        ],
    )
    .await;
    assert_eq!(stored(&app, &id).await.baseline.description, "Tab C");
}
per_backend!(a_stale_tab_keeps_what_others_saved_and_shows_a_clash);

async fn a_form_sent_twice_is_applied_once(url: String) {
    let app = spawn_app(&url).await;
    let (b, id) = case(&app).await;
    let page = format!("/afwegingen/{id}");
    let problems = stored(&app, &id).await.problems.len();
    let owner = stored(&app, &id).await.participants[0].id.clone();
    let form = [
        ("_form", "0123abcd-4567-89ef-0123-456789abcdef"),
        ("problem_text", "Te weinig groen"),
        ("problem_owner", owner.as_str()),
    ];
    post_ok(&b, &page, &format!("{page}/problemen"), &form).await;
    // the back button and submit again
    post_ok(&b, &page, &format!("{page}/problemen"), &form).await;
    assert_eq!(stored(&app, &id).await.problems.len(), problems + 1);
}
per_backend!(a_form_sent_twice_is_applied_once);

async fn a_party_called_gezamenlijk_keeps_its_own_weighing(url: String) {
    let app = spawn_app(&url).await;
    let (b, id) = case(&app).await;
    let page = format!("/afwegingen/{id}");
    post_ok(
        &b,
        &page,
        &format!("{page}/deelnemers"),
        &[
            ("participant_name", "Gezamenlijk"),
            ("participant_role", "meedenker"),
        ],
    )
    .await;
    let shared = stored(&app, &id).await.weighting;
    let weging = format!("{page}/weging");
    post_ok(
        &b,
        &weging,
        &format!("{page}/weging/partij/gezamenlijk"),
        &[
            ("partij.gezamenlijk.method", "direct"),
            ("partij.gezamenlijk.w.leefbaarheid", "9"),
            ("partij.gezamenlijk.w.uitvoeringsrisico", "1"),
            ("partij.gezamenlijk.w.draagvlak", "1"),
        ],
    )
    .await;
    let doc = stored(&app, &id).await;
    assert_eq!(doc.weighting, shared, "the shared weighing is untouched");
    let theirs = doc
        .party_weights
        .iter()
        .find(|p| p.participant == "gezamenlijk")
        .unwrap();
    assert_eq!(theirs.weighting.values["leefbaarheid"], 9.0);
}
per_backend!(a_party_called_gezamenlijk_keeps_its_own_weighing);

async fn a_form_typed_while_the_version_was_decided_goes_into_a_new_version(url: String) {
    let app = spawn_app(&url).await;
    let (b, id) = case(&app).await;
    let base = format!("/afwegingen/{id}");
    let page = format!("{base}/nulalternatief");
    let shown = b.page(&page, StatusCode::OK).await;
    let form_base = hidden(&shown, "_base");
    let option = stored(&app, &id)
        .await
        .shortlist()
        .next()
        .unwrap()
        .spec
        .id
        .clone();
    post_ok(
        &b,
        &format!("{base}/besluit"),
        &format!("{base}/besluit"),
        &[("chosen", &option), ("rationale", "Daarom.")],
    )
    .await;

    let typed = [
        ("_base", form_base.as_str()),
        ("description", "Na het besluit getypt"),
        ("assumptions", ""),
    ];
    let r = b.post_form(&page, &page, &typed).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(
        body.contains(&format!("action=\"{base}/nieuwe-versie\"")),
        "{body}"
    );
    assert!(body.contains(&format!("name=\"_then\" value=\"{page}\"")));

    let mut carried: Vec<(&str, &str)> = typed.to_vec();
    carried.push(("_then", &page));
    let r = b
        .post_form(&page, &format!("{base}/nieuwe-versie"), &carried)
        .await;
    assert_eq!(r.status(), StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(r.headers()["location"], page.as_str());
    // the browser posts the same form again, into the new version
    post_ok(&b, &page, &page, &carried).await;
    let v = app
        .store
        .case_version(&app.org, &CaseId::from(id.as_str()), None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (v.version, v.doc.baseline.description.as_str()),
        (2, "Na het besluit getypt")
    );
}
per_backend!(a_form_typed_while_the_version_was_decided_goes_into_a_new_version);
