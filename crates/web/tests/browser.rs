//! A real browser, end to end: headless Chromium, driven over WebDriver by a
//! chromedriver this test starts, logs in, opens the gemeente map, hovers
//! and clicks a buurt, and reads the buurt page. Screenshots are left in
//! `<target>/test-artefacts/` (the path is printed).
//!
//! Skips (with a message) when chromium or chromedriver is not installed,
//! unless `WIKKEN_REQUIRE_BROWSER=1` (set by `scripts/test`), which makes
//! their absence a failure.

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use wikken_data::AreaLevel;

/// The first of `names` found on PATH.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Chromium and chromedriver, or why the test cannot run.
fn browser_tools() -> Result<(PathBuf, PathBuf), String> {
    let chromium = on_path(&["chromium", "chromium-browser", "google-chrome"])
        .ok_or("chromium is not installed (Debian: apt-get install chromium)")?;
    let driver = on_path(&["chromedriver"])
        .ok_or("chromedriver is not installed (Debian: apt-get install chromium-driver)")?;
    Ok((chromium, driver))
}

/// A chromedriver process, stopped on drop.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    /// Starts chromedriver on a free loopback port and waits until it answers.
    async fn start(path: &Path) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let http = reqwest::Client::new();
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let ready = http
                .get(format!("{}/status", driver.url))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                return driver;
            }
            assert!(
                Instant::now() < until,
                "chromedriver did not answer within 10 s"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where screenshots go: `<target>/test-artefacts/`.
fn artefact_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.parent().unwrap_or(tmp).join("test-artefacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Sizes the window to `width` and the whole page's height (so that the
/// screenshot shows all of it), then saves a screenshot as `name`.
async fn screenshot(c: &Client, width: u32, name: &str) -> PathBuf {
    c.set_window_size(width, 900).await.unwrap();
    // The window's own bars (if any) are not part of the page.
    let sizes = c
        .execute(
            "return [document.documentElement.scrollHeight, window.outerHeight - window.innerHeight];",
            vec![],
        )
        .await
        .unwrap();
    let px = |k: usize| sizes[k].as_f64().unwrap().max(0.0) as u32;
    c.set_window_size(width, (px(0) + px(1)).min(8000))
        .await
        .unwrap();
    let png = c.screenshot().await.unwrap();
    let path = artefact_dir().join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
    path
}

/// The path of the current URL.
async fn current_path(c: &Client) -> String {
    c.current_url().await.unwrap().path().to_string()
}

/// Waits until the page's path is `path`.
async fn wait_for_path(c: &Client, path: &str) {
    let until = Instant::now() + Duration::from_secs(10);
    while current_path(c).await != path {
        assert!(
            Instant::now() < until,
            "never reached {path}, at {}",
            current_path(c).await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

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

/// The outermost elements that stick out past the right edge of the window.
const TOO_WIDE: &str = r#"
const out = [];
for (const e of document.body.querySelectorAll('*')) {
  if (e.getBoundingClientRect().right > window.innerWidth + 1 && !out.some(o => o.contains(e))) out.push(e);
}
return out.map(e => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px');
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
    let hover_shot = artefact_dir().join("monitor-gemeente-hover.png");
    std::fs::write(&hover_shot, c.screenshot().await.unwrap()).unwrap();
    eprintln!("screenshot: {}", hover_shot.display());

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
    let (chromium, driver_path) = match browser_tools() {
        Ok(tools) => tools,
        Err(why) if std::env::var("WIKKEN_REQUIRE_BROWSER").is_ok_and(|v| v == "1") => {
            panic!("WIKKEN_REQUIRE_BROWSER=1 but {why}")
        }
        Err(why) => {
            eprintln!("skipped the browser test: {why}");
            return;
        }
    };
    let app = common::spawn_app(&common::sqlite_url()).await;
    let driver = Driver::start(&driver_path).await;
    let profile = tempfile::tempdir().unwrap();
    let args = [
        "--headless=new".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--hide-scrollbars".into(),
        format!("--user-data-dir={}", profile.path().display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": chromium, "args": args }),
    );
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a Chromium session");
    // Run the steps as a task so that the browser is closed even when one fails.
    let outcome = tokio::spawn(scenario(
        client.clone(),
        app.address.clone(),
        app.email("lezer"),
    ))
    .await;
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}
