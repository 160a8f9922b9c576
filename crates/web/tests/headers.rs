//! Every page and download carries the security headers, and no page has
//! inline script or style that the Content-Security-Policy would block.

use wikken_test_support as common;

use common::{Browser, case_steps::build_case, spawn_app, spawn_app_with};
use reqwest::StatusCode;
use wikken_web::Settings;

/// The first link in a page that starts with `prefix`.
fn first_link(page: &str, prefix: &str) -> String {
    let at = page
        .find(&format!("href=\"{prefix}"))
        .unwrap_or_else(|| panic!("a link to {prefix}"));
    let rest = &page[at + 6..];
    rest[..rest.find('"').unwrap()].replace("&amp;", "&")
}

/// What the policy would block: `style` attributes, `<style>` elements,
/// scripts without `src`, event-handler attributes, `javascript:` links.
fn inline_code(page: &str) -> Vec<String> {
    let lower = page.to_lowercase();
    let mut found = Vec::new();
    for needle in [
        " style=\"",
        "<style",
        " onclick=",
        " onload=",
        " onchange=",
        " oninput=",
        " onsubmit=",
        "javascript:",
    ] {
        if lower.contains(needle) {
            found.push(needle.trim().to_string());
        }
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("<script") {
        let tag = &rest[at..at + rest[at..].find('>').unwrap_or(0)];
        if !tag.contains(" src=") {
            found.push(tag.to_string());
        }
        rest = &rest[at + 7..];
    }
    found
}

fn header<'a>(r: &'a reqwest::Response, name: &str) -> &'a str {
    r.headers()
        .get(name)
        .map_or("", |v| v.to_str().unwrap_or(""))
}

#[tokio::test]
async fn every_page_and_download_is_protected() {
    let app = spawn_app(&common::sqlite_url()).await;
    let b = app.client_as("beheerder").await;
    let gemeente = wikken_data::demo::demo().dataset.areas[0]
        .code
        .gemeente()
        .as_str()
        .to_string();
    let map = b
        .page(&format!("/monitor/{gemeente}"), StatusCode::OK)
        .await;
    let buurt = first_link(&map, "/gebied/BU");
    let area = b.page(&buurt, StatusCode::OK).await;
    let complex = first_link(&area, "/complex/");
    let code = buurt.trim_start_matches("/gebied/").to_string();
    let case = build_case(&b, &code).await;
    let catalogue = b.page("/catalogus", StatusCode::OK).await;
    let template = first_link(&catalogue, "/catalogus/");

    let pages = [
        "/monitor".to_string(),
        format!("/monitor/{gemeente}"),
        format!("/monitor/{gemeente}?kengetal=signaal"),
        buurt.clone(),
        complex,
        "/signalen".into(),
        "/signalen/instellingen".into(),
        "/afwegingen".into(),
        "/afwegingen/nieuw".into(),
        format!("/afwegingen/{case}"),
        format!("/afwegingen/{case}/nulalternatief"),
        format!("/afwegingen/{case}/opties"),
        format!("/afwegingen/{case}/effecten"),
        format!("/afwegingen/{case}/weging"),
        format!("/afwegingen/{case}/resultaten"),
        format!("/afwegingen/{case}/besluit"),
        format!("/afwegingen/{case}/rapport"),
        "/catalogus".into(),
        template,
        "/import".into(),
        "/beheer/gebruikers".into(),
        "/account/wachtwoord".into(),
        "/bestaat-niet".into(),
    ];
    for path in &pages {
        let r = b.get(path).await;
        assert!(
            r.status() == StatusCode::OK || r.status() == StatusCode::NOT_FOUND,
            "{path}: {}",
            r.status()
        );
        assert_eq!(
            header(&r, "content-security-policy"),
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
             base-uri 'none'",
            "{path}"
        );
        assert_eq!(header(&r, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header(&r, "referrer-policy"), "same-origin", "{path}");
        assert_eq!(header(&r, "cache-control"), "no-store", "{path}");
        assert_eq!(
            header(&r, "strict-transport-security"),
            "",
            "{path}: no HSTS over HTTP"
        );
        let page = r.text().await.unwrap();
        assert_eq!(inline_code(&page), Vec::<String>::new(), "{path}");
    }
    for path in [
        format!("/monitor/{gemeente}/export.xlsx"),
        "/signalen/export.xlsx".to_string(),
        format!("/afwegingen/{case}/rapport.xlsx"),
        format!("/afwegingen/{case}/rapport.pdf"),
        format!("/afwegingen/{case}/model.json"),
        format!("/afwegingen/{case}/afweging.json"),
        "/import/sjabloon.xlsx".to_string(),
    ] {
        let r = b.get(&path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&r, "cache-control"), "no-store", "{path}");
        assert_eq!(header(&r, "x-content-type-options"), "nosniff", "{path}");
    }
    // The login page too, for a visitor.
    let visitor = Browser::new(&app.address);
    let r = visitor.get("/inloggen").await;
    assert_eq!(header(&r, "cache-control"), "no-store");
    assert!(header(&r, "content-security-policy").contains("frame-ancestors 'none'"));
    assert_eq!(inline_code(&r.text().await.unwrap()), Vec::<String>::new());
    // Static assets may be kept: they hold nothing of anybody's.
    let css = visitor.get(wikken_web::assets::CSS_URL).await;
    assert!(header(&css, "cache-control").starts_with("public"));
}

#[tokio::test]
async fn hsts_behind_https() {
    let settings = Settings {
        secure_cookies: true,
        ..Settings::default()
    };
    let app = spawn_app_with(&common::sqlite_url(), settings).await;
    let r = Browser::new(&app.address).get("/inloggen").await;
    assert_eq!(
        header(&r, "strict-transport-security"),
        "max-age=31536000; includeSubDomains"
    );
}

#[test]
fn the_inline_check_finds_what_it_looks_for() {
    assert_eq!(
        inline_code("<p>geen</p><script src=\"/a.js\"></script>"),
        Vec::<String>::new()
    );
    assert_eq!(inline_code("<span style=\"color:red\">").len(), 1);
    assert_eq!(inline_code("<script>alert(1)</script>").len(), 1);
    assert_eq!(inline_code("<button onclick=\"x()\">").len(), 1);
}

#[tokio::test]
async fn refused_requests_get_a_dutch_page() {
    let app = spawn_app(&common::sqlite_url()).await;
    let b = Browser::new(&app.address);
    // A method the route does not have.
    let r = b.get("/uitloggen").await;
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(header(&r, "allow").contains("POST"));
    let page = r.text().await.unwrap();
    assert!(
        page.contains("Deze handeling kan op deze pagina niet"),
        "{page}"
    );
    // A form in a form the route does not take.
    let r = b
        .client
        .post(format!("{}/inloggen", app.address))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let page = r.text().await.unwrap();
    assert!(page.contains("<html lang=\"nl\""), "{page}");
    assert!(page.contains("Laad de pagina opnieuw"), "{page}");
}
