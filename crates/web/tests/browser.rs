//! A real browser, end to end: headless Chromium, driven over WebDriver by a
//! chromedriver this test starts, logs in, opens the gemeente map, hovers
//! and clicks a buurt, and reads the buurt page. Screenshots are left in
//! `<target>/test-artefacts/` (the path is printed).
//!
//! Skips (with a message) when chromium or chromedriver is not installed,
//! unless `WIKKEN_REQUIRE_BROWSER=1` (set by `scripts/test`), which makes
//! their absence a failure.

use wikken_test_support as common;

use std::time::Duration;

use common::browser::{self, TOO_WIDE, current_path, save_artefact, screenshot, wait_for_path};
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::{Client, Locator};
use serde_json::{Value, json};
use wikken_data::AreaLevel;

/// A buurt on the map and a point (viewport pixels) where that buurt, not
/// a neighbour, is under the pointer: the centre of its box if that lies
/// inside it, else the first inside point on a grid over its box.
const FIND_TARGET: &str = r#"
const links = Array.from(document.querySelectorAll('svg.map a[data-code^="BU"]'));
for (const link of links) {
  link.scrollIntoView({block: 'center'});
  const r = link.getBoundingClientRect();
  const points = [[r.left + r.width / 2, r.top + r.height / 2]];
  for (let i = 1; i < 8; i++) for (let j = 1; j < 8; j++) points.push([r.left + r.width * i / 8, r.top + r.height * j / 8]);
  for (const [x, y] of points) {
    const hit = document.elementFromPoint(x, y);
    if (hit && hit.closest('a') === link) return {code: link.getAttribute('data-code'), label: link.getAttribute('data-label'), x: x, y: y};
  }
}
return null;
"#;

/// The steps; panics on the first thing that is wrong.
async fn scenario(c: Client, address: String, email: String) {
    let demo = wikken_data::demo::demo();
    let buurten: Vec<(String, String)> = demo
        .dataset
        .areas
        .iter()
        .filter(|a| a.code.level() == AreaLevel::Buurt)
        .map(|a| (a.code.as_str().to_string(), a.name.clone()))
        .collect();
    let gemeente = demo.dataset.areas[0].code.gemeente().as_str().to_string();
    c.set_window_size(1280, 900).await.unwrap();

    // Not logged in: the monitor sends us to the login form.
    c.goto(&format!("{address}/monitor")).await.unwrap();
    assert_eq!(current_path(&c).await, "/inloggen");
    c.find(Locator::Css("#email"))
        .await
        .unwrap()
        .send_keys(&email)
        .await
        .unwrap();
    c.find(Locator::Css("#password"))
        .await
        .unwrap()
        .send_keys(common::PASSWORD)
        .await
        .unwrap();
    c.find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(&c, "/monitor").await;
    let h1 = c
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(h1, "Wijkmonitor");

    // The gemeente's card leads to its map.
    c.find(Locator::LinkText(&demo.gemeente_name))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(&c, &format!("/monitor/{gemeente}")).await;
    let on_map = c
        .find_all(Locator::Css(r#"svg.map a[data-code^="BU"]"#))
        .await
        .unwrap();
    assert_eq!(on_map.len(), buurten.len(), "one shape per demo buurt");
    for (code, _) in &buurten {
        let selector = format!(r#"svg.map a[data-code="{code}"]"#);
        let found = c.find_all(Locator::Css(&selector)).await.unwrap();
        assert_eq!(found.len(), 1, "{code} on the map");
    }
    let map_width = c
        .execute(
            "return document.querySelector('svg.map').getBoundingClientRect().width;",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        map_width.as_f64().unwrap() > 600.0,
        "the map fills its column: {map_width}"
    );
    let map_shot = screenshot(&c, 1280, "monitor-gemeente.png").await;

    // Hovering a buurt shows our tooltip and highlights its table row.
    c.set_window_size(1280, 900).await.unwrap();
    let target = c.execute(FIND_TARGET, vec![]).await.unwrap();
    assert!(
        target.is_object(),
        "a buurt with a point of its own on the map"
    );
    let code = target["code"].as_str().unwrap().to_string();
    let (x, y) = (target["x"].as_f64().unwrap(), target["y"].as_f64().unwrap());
    let hover = MouseActions::new("muis".into()).then(PointerAction::MoveTo {
        duration: Some(Duration::from_millis(50)),
        x: x.round(),
        y: y.round(),
    });
    c.perform_actions(hover).await.unwrap();
    let tip = c
        .wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::Css(".map-tip:not([hidden])"))
        .await
        .expect("the tooltip appears on hover");
    assert!(tip.is_displayed().await.unwrap());
    assert_eq!(tip.text().await.unwrap(), target["label"].as_str().unwrap());
    let row_hover = c
        .execute(
            "return document.querySelector('tr[data-code=\"' + arguments[0] + '\"]').classList.contains('is-hover');",
            vec![json!(code)],
        )
        .await
        .unwrap();
    assert_eq!(
        row_hover,
        Value::Bool(true),
        "the table row of {code} is highlighted"
    );
    save_artefact("monitor-gemeente-hover.png", &c.screenshot().await.unwrap());

    // Clicking it on the map opens the buurt's page, with its charts.
    let click = MouseActions::new("muis".into())
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    c.perform_actions(click).await.unwrap();
    wait_for_path(&c, &format!("/gebied/{code}")).await;
    let name = &buurten.iter().find(|(c, _)| *c == code).unwrap().1;
    let h1 = c
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        h1.contains(name.as_str()) && h1.contains(&code),
        "h1 {h1:?} names {name} ({code})"
    );
    let caption = c
        .find(Locator::Css("table caption"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        caption.contains(&format!("gemeente {}", demo.gemeente_name)),
        "names keep their capitals: {caption:?}"
    );
    let charts = c
        .find_all(Locator::Css(r#"ul.charts figure svg[role="img"]"#))
        .await
        .unwrap();
    assert!(!charts.is_empty(), "trend charts on the buurt page");
    let chart_height = c
        .execute(
            "return document.querySelector('ul.charts svg').getBoundingClientRect().height;",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        chart_height.as_f64().unwrap() > 100.0,
        "charts are drawn: {chart_height}"
    );
    let buurt_shot = screenshot(&c, 1280, "monitor-buurt.png").await;

    // The map page on a phone: nothing wider than the screen.
    c.goto(&format!("{address}/monitor/{gemeente}"))
        .await
        .unwrap();
    c.set_window_size(390, 844).await.unwrap();
    let widths = c
        .execute(
            "return [window.innerWidth, document.documentElement.scrollWidth, document.querySelector('svg.map').getBoundingClientRect().width];",
            vec![],
        )
        .await
        .unwrap();
    let w: Vec<f64> = widths
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let phone_shot = screenshot(&c, 390, "monitor-gemeente-telefoon.png").await;
    assert!(w[0] <= 400.0, "a phone-sized viewport: {w:?}");
    let too_wide = c.execute(TOO_WIDE, vec![]).await.unwrap();
    assert!(
        w[1] <= w[0],
        "no sideways scrolling on a phone: {w:?}; too wide: {too_wide}"
    );
    assert!(w[2] >= w[0] * 0.8, "the map spans the phone's width: {w:?}");
    for shot in [map_shot, buurt_shot, phone_shot] {
        assert!(
            std::fs::metadata(&shot).unwrap().len() > 10_000,
            "{} has content",
            shot.display()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_map_and_buurt_in_a_real_browser() {
    let Some(session) = browser::start().await else {
        return;
    };
    let app = common::spawn_app(&common::sqlite_url()).await;
    let steps = scenario(
        session.client.clone(),
        app.address.clone(),
        app.email("lezer"),
    );
    session.run(steps).await;
}
