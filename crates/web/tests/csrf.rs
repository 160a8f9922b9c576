//! Every POST route refuses a form without the session's CSRF token, and
//! one with a wrong token, before it changes anything. The routes are read
//! from the router's own source, so a route added later is walked too: a
//! handler that forgets the check fails here.

use axum::http::StatusCode;
use wikken_test_support::case_steps::template_key;
use wikken_test_support::{InProcess, Visitor, per_backend};

/// The router's source: where every route is declared.
const ROUTER: &str = include_str!("../src/lib.rs");

/// The paths of every route that answers POST, as declared (with their
/// `{parameters}`), in source order.
fn post_routes() -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = ROUTER;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        // The call's arguments: up to the parenthesis that closes it.
        let mut depth = 1;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map(|(i, _)| i)
            .expect("a closed .route( call");
        let call = &rest[..end];
        if !call.contains("post(") {
            continue;
        }
        let first = call.split(',').next().unwrap().trim();
        let path = match first.strip_prefix('"') {
            Some(literal) => literal.trim_end_matches('"').to_string(),
            None => match first {
                "auth::CHANGE_PASSWORD_PATH" => wikken_web::auth::CHANGE_PASSWORD_PATH.to_string(),
                other => panic!("route path {other}: add the constant to this test"),
            },
        };
        out.push(path);
    }
    out
}

/// The routes that take files (multipart forms).
const MULTIPART: [&str; 2] = ["/import", "/afwegingen/import"];

/// What the walk puts in a route's `{parameters}`: real ids of things that
/// exist, so that a handler without the check would really change them.
struct Ids {
    case: String,
    option: String,
    participant: String,
    problem: String,
    criterion: String,
    user: String,
    template: String,
    workshop: String,
    agreement: String,
}

impl Ids {
    fn fill(&self, route: &str) -> String {
        let pid = if route.contains("/problemen/") {
            &self.problem
        } else {
            &self.participant
        };
        let id = if route.starts_with("/beheer/gebruikers") {
            &self.user
        } else if route.starts_with("/prestatieafspraken/") {
            &self.agreement
        } else {
            &self.case
        };
        route
            .replace("{id}", id)
            .replace("{option}", &self.option)
            .replace("{pid}", pid)
            .replace("{criterion}", &self.criterion)
            .replace("{key}", &self.template)
            .replace("{wid}", &self.workshop)
            .replace("{code}", &wikken_test_support::first_buurt())
            .replace("{round}", "punten")
            .replace("{pin}", "onbekend")
            .replace("{gid}", "d1")
            .replace("{aid}", "a7")
            .replace("{year}", "2026")
            .replace("{party}", "Gemeente%20Lindeveen")
    }
}

/// An afweging with a party, a problem, an option and a criterion.
async fn a_case(v: &Visitor<'_>) -> Ids {
    let case_path = v.start_case("Wat doen we in deze buurt?").await;
    let case = case_path.trim_start_matches("/afwegingen/").to_string();
    v.fill(
        &case_path,
        &format!("{case_path}/deelnemers"),
        &[
            ("participant_name", "Gemeente Lindeveen"),
            ("participant_role", "beslisser"),
        ],
    )
    .await
    .redirect("participant");
    v.fill(
        &case_path,
        &format!("{case_path}/problemen"),
        &[
            ("problem_text", "Veel overlast"),
            ("problem_owner", "gemeente-lindeveen"),
        ],
    )
    .await
    .redirect("problem");
    let template = template_key(wikken_core::model::Category::Sociaal);
    v.fill(
        &format!("{case_path}/opties"),
        &format!("{case_path}/opties/catalogus"),
        &[("template", &template)],
    )
    .await
    .redirect("option");
    v.fill(
        &format!("{case_path}/weging"),
        &format!("{case_path}/criteria"),
        &[
            ("criterion_name", "Leefbaarheid"),
            ("criterion_direction", "max"),
        ],
    )
    .await
    .redirect("criterion");
    let mut open = v
        .form(
            &format!("{case_path}/werkateliers"),
            &format!("{case_path}/werkateliers"),
        )
        .await;
    open.clear("ronde").tick("ronde", "spelden");
    let opened = v.submit(&open).await;
    let workshop = opened
        .redirect("werkatelier")
        .trim_start_matches("/werkateliers/")
        .to_string();
    let doc: serde_json::Value =
        serde_json::from_str(&v.page(&format!("{case_path}/afweging.json")).await).unwrap();
    let first_id = |list: &str| {
        let first = &doc[list][0];
        first["id"]
            .as_str()
            .or(first["spec"]["id"].as_str())
            .unwrap_or_else(|| panic!("no {list} in {doc}"))
            .to_string()
    };
    Ids {
        option: first_id("options"),
        participant: first_id("participants"),
        problem: first_id("problems"),
        criterion: first_id("criteria"),
        case,
        user: String::new(),
        template,
        workshop,
        agreement: String::new(),
    }
}

/// What a walk could have changed: the afweging, the accounts, the
/// catalogue and the signal settings, as their pages and exports show them.
async fn state(v: &Visitor<'_>, ids: &Ids) -> Vec<String> {
    let mut out = Vec::new();
    for path in [
        format!("/afwegingen/{}/afweging.json", ids.case),
        "/afwegingen".to_string(),
        "/catalogus".to_string(),
        "/signalen/instellingen".to_string(),
        format!("/werkateliers/{}", ids.workshop),
        format!("/prestatieafspraken/{}/doelen.json", ids.agreement),
        format!("/prestatieafspraken/{}/agenda", ids.agreement),
    ] {
        let page = v.page(&path).await;
        // Forms carry fresh one-time tokens; what they show is what counts.
        out.push(wikken_test_support::html::outline(&page));
        if path.ends_with(".json") {
            out.push(page);
        }
    }
    out.push(format!(
        "{:?}",
        v.app()
            .store
            .users(&v.app().org)
            .await
            .unwrap()
            .into_iter()
            .map(|u| (u.email, u.role, u.disabled, u.password_hash))
            .collect::<Vec<_>>()
    ));
    out
}

async fn every_post_route_refuses_a_form_without_its_token(url: String) {
    let app = InProcess::start(&url).await;
    let v = app.logged_in("beheerder").await;
    let mut ids = a_case(&v).await;
    ids.user = app
        .store
        .users(&app.org)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email.starts_with("lezer-"))
        .unwrap()
        .id
        .to_string();
    let staff = wikken_storage::EventUser {
        id: "test".into(),
        name: "Test".into(),
    };
    let (agreement, ..) = wikken_web::seed_agreement::draft_demo_agreement(
        &app.store,
        &app.org,
        &wikken_data::demo::demo(),
        &staff,
    )
    .await
    .unwrap();
    ids.agreement = agreement.to_string();
    let routes = post_routes();
    assert!(routes.len() > 30, "found only {routes:?}");
    let before = state(&v, &ids).await;
    for route in &routes {
        let path = ids.fill(route);
        for token in [None, Some("niet-het-token")] {
            let mut fields = vec![
                ("naam".to_string(), "Vervalst".to_string()),
                ("question".to_string(), "Vervalst".to_string()),
            ];
            if let Some(t) = token {
                fields.push(("_csrf".to_string(), t.to_string()));
            }
            let answer = if MULTIPART.contains(&route.as_str()) {
                v.post_multipart(&path, &fields).await
            } else {
                v.post(&path, &fields).await
            };
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "POST {route} with token {token:?} was not refused: {}",
                answer.body
            );
            assert!(
                answer.body.contains("Het formulier is verlopen")
                    || answer.body.contains("Het inlogformulier"),
                "POST {route}: the refusal says why: {}",
                answer.body
            );
        }
    }
    assert_eq!(
        state(&v, &ids).await,
        before,
        "a refused POST changed something"
    );
    // Still logged in: /uitloggen without a token did not log out.
    assert_eq!(v.get("/afwegingen").await.status, StatusCode::OK);
}
per_backend!(every_post_route_refuses_a_form_without_its_token);

#[test]
fn the_walk_reads_every_post_route_of_the_router() {
    let routes = post_routes();
    for expected in [
        "/inloggen",
        "/uitloggen",
        "/account/wachtwoord",
        "/import",
        "/afwegingen/import",
        "/afwegingen/{id}/weging/partij/{pid}",
        "/beheer/gebruikers/{id}/rol",
        "/catalogus/{key}/verwijderen",
    ] {
        assert!(
            routes.iter().any(|r| r == expected),
            "{expected} in {routes:?}"
        );
    }
    assert!(
        !routes.iter().any(|r| r == "/monitor"),
        "GET-only routes are left out"
    );
}
