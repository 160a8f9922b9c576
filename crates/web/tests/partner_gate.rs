//! A partner's user walks every route of the router — read from the
//! router's own source, so a route added later is walked too — with real
//! ids of the corporation that shared an afweging with it, and is refused
//! everywhere but on the pages for partners; its refused requests change
//! nothing. The corporation's staff walk the same routes and meet no gate.

mod partner_support;

use axum::http::StatusCode;
use partner_support::{accept_new, case_with_parties, email, invite};
use wikken_test_support::{InProcess, Visitor, csrf_in, per_backend};
use wikken_web::partner_gate::{REFUSED, partner_may_reach};

/// The router's source: where every route is declared.
const ROUTER: &str = include_str!("../src/lib.rs");

/// One declared route: its path (with `{parameters}`) and whether it
/// answers GET and POST.
struct Route {
    path: String,
    get: bool,
    post: bool,
}

/// Every route of the router, in source order.
fn routes() -> Vec<Route> {
    let mut out = Vec::new();
    let mut rest = ROUTER;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
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
        let first = call.split(',').next().unwrap().trim();
        let path = match first.strip_prefix('"') {
            Some(literal) => literal.trim_end_matches('"').to_string(),
            None => match first {
                "auth::CHANGE_PASSWORD_PATH" => wikken_web::auth::CHANGE_PASSWORD_PATH.to_string(),
                "assets::CSS_URL" => wikken_web::assets::CSS_URL.to_string(),
                "assets::JS_URL" => wikken_web::assets::JS_URL.to_string(),
                "partner_gate::PARTNER_HOME" => wikken_web::partner_gate::PARTNER_HOME.to_string(),
                other => panic!("route path {other}: add the constant to this test"),
            },
        };
        out.push(Route {
            path,
            get: call.contains("get("),
            post: call.contains("post("),
        });
    }
    out
}

/// Real ids for a route's `{parameters}`.
struct Ids {
    case: String,
    participant: String,
    problem: String,
    option: String,
    criterion: String,
    template: String,
    workshop: String,
    user: String,
    share: String,
    invitation: String,
    token: String,
    comment: String,
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
            .replace("{share}", &self.share)
            .replace("{invitation}", &self.invitation)
            .replace("{token}", &self.token)
            .replace("{cid}", &self.comment)
    }
}

/// A corporation with an afweging shared with a partner (who commented
/// on it), an option, a werkatelier, a pending invitation; and the partner,
/// logged in.
async fn setting(app: &InProcess) -> (Visitor<'_>, Visitor<'_>, Ids) {
    let staff = app.logged_in("beheerder").await;
    let case = case_with_parties(&staff, "Gedeelde vraag", &["Corporatie", "Gemeente"]).await;
    let path = format!("/afwegingen/{case}");
    let template =
        wikken_test_support::case_steps::template_key(wikken_core::model::Category::Sociaal);
    staff
        .fill(
            &format!("{path}/opties"),
            &format!("{path}/opties/catalogus"),
            &[("template", &template)],
        )
        .await
        .redirect("option");
    let mut open = staff
        .form(
            &format!("{path}/werkateliers"),
            &format!("{path}/werkateliers"),
        )
        .await;
    open.clear("ronde").tick("ronde", "spelden");
    let workshop = staff
        .submit(&open)
        .await
        .redirect("werkatelier")
        .trim_start_matches("/werkateliers/")
        .to_string();
    let link = invite(&staff, &email("gemeente.nl"), "Gemeente", &case, "Gemeente").await;
    let partner = app.visitor();
    accept_new(&partner, &link, "Partner")
        .await
        .redirect("accept");
    let shared = format!("/gedeeld/afwegingen/{case}");
    partner
        .fill(
            &shared,
            &format!("{shared}/opmerkingen"),
            &[("comment_text", "Eens")],
        )
        .await
        .redirect("comment");
    let pending = invite(&staff, &email("politie.nl"), "Politie", &case, "Gemeente").await;
    let doc = app
        .store
        .case_version(&app.org, &wikken_storage::CaseId::from(case.as_str()), None)
        .await
        .unwrap()
        .unwrap()
        .doc;
    let user = app
        .store
        .users(&app.org)
        .await
        .unwrap()
        .remove(0)
        .id
        .to_string();
    let ids = Ids {
        participant: doc.participants[0].id.clone(),
        problem: doc.problems[0].id.clone(),
        option: doc.options[0].spec.id.clone(),
        criterion: doc.criteria[0].id.clone(),
        comment: doc.comments[0].id.clone(),
        share: app.store.shares_of_owner(&app.org).await.unwrap()[0]
            .id
            .to_string(),
        invitation: app.store.pending_invitations(&app.org).await.unwrap()[0]
            .id
            .to_string(),
        token: pending.trim_start_matches("/uitnodiging/").to_string(),
        case,
        template,
        workshop,
        user,
    };
    (staff, partner, ids)
}

/// What a refused request could have changed: the afweging, the
/// corporation's lists and settings, its users, its sharing.
async fn state(staff: &Visitor<'_>, ids: &Ids) -> Vec<String> {
    let mut out = Vec::new();
    for path in [
        format!("/afwegingen/{}/afweging.json", ids.case),
        "/afwegingen".to_string(),
        "/catalogus".to_string(),
        "/signalen/instellingen".to_string(),
        "/import".to_string(),
        format!("/werkateliers/{}", ids.workshop),
        "/partners".to_string(),
    ] {
        let page = staff.page(&path).await;
        out.push(wikken_test_support::html::outline(&page));
        if path.ends_with(".json") {
            out.push(page);
        }
    }
    let app = staff.app();
    out.push(format!(
        "{:?}",
        app.store
            .users(&app.org)
            .await
            .unwrap()
            .into_iter()
            .map(|u| (u.email, u.role, u.disabled, u.password_hash))
            .collect::<Vec<_>>()
    ));
    out
}

async fn a_partner_is_refused_every_route_but_its_own(url: String) {
    let app = InProcess::start(&url).await;
    let (staff, partner, ids) = setting(&app).await;
    let csrf = csrf_in(&partner.page("/partner").await);
    let routes = routes();
    assert!(routes.len() > 80, "found only {}", routes.len());
    let before = state(&staff, &ids).await;
    let (mut refused, mut reached) = (0, 0);
    for route in &routes {
        let path = ids.fill(&route.path);
        if partner_may_reach(&path) {
            // The partner's own pages: reachable (their forms are tested
            // elsewhere; logging out would end the walk).
            if route.get {
                let r = partner.get(&path).await;
                assert!(
                    !(r.status == StatusCode::FORBIDDEN && r.body.contains(REFUSED)),
                    "GET {} is for partners, but was refused",
                    route.path
                );
                reached += 1;
            }
            continue;
        }
        if route.get {
            let r = partner.get(&path).await;
            assert_eq!(
                r.status,
                StatusCode::FORBIDDEN,
                "GET {} was not refused: {}",
                route.path,
                r.body
            );
            assert!(r.body.contains(REFUSED), "GET {}: {}", route.path, r.body);
            refused += 1;
        }
        if route.post {
            // With the partner's own valid token: only the gate stops it.
            let fields = vec![
                ("_csrf".to_string(), csrf.clone()),
                ("question".to_string(), "Vervalst".to_string()),
                ("naam".to_string(), "Vervalst".to_string()),
            ];
            let r = partner.post(&path, &fields).await;
            assert_eq!(
                r.status,
                StatusCode::FORBIDDEN,
                "POST {} was not refused: {}",
                route.path,
                r.body
            );
            assert!(r.body.contains(REFUSED), "POST {}: {}", route.path, r.body);
            refused += 1;
        }
    }
    assert!(
        refused > 80 && reached >= 5,
        "refused {refused}, reached {reached}"
    );
    // Default deny: a path no route has is refused too, not "not found".
    let r = partner.get("/nog-te-bouwen").await;
    assert_eq!(
        (r.status, r.body.contains(REFUSED)),
        (StatusCode::FORBIDDEN, true)
    );
    assert_eq!(
        state(&staff, &ids).await,
        before,
        "a refused request changed something"
    );
    // Still logged in, and still seeing the shared afweging.
    assert_eq!(
        partner
            .get(&format!("/gedeeld/afwegingen/{}", ids.case))
            .await
            .status,
        StatusCode::OK
    );
    // Logged in, a partner lands on its home, not on the monitor.
    assert_eq!(partner.get("/").await.location.as_deref(), Some("/partner"));
    assert_eq!(
        partner.get("/inloggen").await.location.as_deref(),
        Some("/partner")
    );
}
per_backend!(a_partner_is_refused_every_route_but_its_own);

async fn staff_meet_no_gate(url: String) {
    let app = InProcess::start(&url).await;
    let (staff, _partner, ids) = setting(&app).await;
    for route in routes().iter().filter(|r| r.get) {
        // Streams never end; the partner's own pages are not the staff's.
        if route.path.ends_with("/stroom") {
            continue;
        }
        let path = ids.fill(&route.path);
        let r = staff.get(&path).await;
        assert!(
            !(r.status == StatusCode::FORBIDDEN && r.body.contains(REFUSED)),
            "GET {} refused a corporation's staff",
            route.path
        );
    }
    assert_eq!(staff.get("/monitor").await.status, StatusCode::OK);
    assert_eq!(staff.get("/partners").await.status, StatusCode::OK);
}
per_backend!(staff_meet_no_gate);

#[test]
fn the_walk_reads_every_route_of_the_router() {
    let all = routes();
    for expected in [
        "/monitor",
        "/afwegingen/{id}/weging/partij/{pid}",
        "/partners",
        "/gedeeld/afwegingen/{id}",
        "/uitnodiging/{token}",
        "/partner",
    ] {
        assert!(all.iter().any(|r| r.path == expected), "{expected}");
    }
    let monitor = all.iter().find(|r| r.path == "/monitor").unwrap();
    assert!(monitor.get && !monitor.post);
}
