//! A real browser for the end-to-end tests: headless Chromium driven over
//! WebDriver by a chromedriver the test starts, and the small steps a user
//! takes (type, choose, click and wait for the next page). Screenshots and
//! other artefacts go to `<target>/test-artefacts/`.
//!
//! [`start`] skips (returns `None` with a message) when chromium or
//! chromedriver is not installed, unless `WIKKEN_REQUIRE_BROWSER=1` (set by
//! `scripts/test`), which makes their absence a failure.

use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

/// How long a step may take before the test gives up.
const PATIENCE: Duration = Duration::from_secs(15);

/// The first of `names` found on PATH.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Chromium and chromedriver, or why the test cannot run.
pub fn browser_tools() -> Result<(PathBuf, PathBuf), String> {
    let chromium = on_path(&["chromium", "chromium-browser", "google-chrome"])
        .ok_or("chromium is not installed (Debian: apt-get install chromium)")?;
    let driver = on_path(&["chromedriver"])
        .ok_or("chromedriver is not installed (Debian: apt-get install chromium-driver)")?;
    Ok((chromium, driver))
}

/// A chromedriver process, stopped on drop.
pub struct Driver {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub url: String,
}

impl Driver {
    /// Starts chromedriver on a free loopback port and waits until it answers.
    pub async fn start(path: &Path) -> Driver {
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

/// A headless Chromium session with its chromedriver and profile.
pub struct Session {
    /// The WebDriver client.
    pub client: Client,
    /// The chromedriver's address, for Chromium's own commands ([`cdp`]).
    pub driver_url: String,
    driver: Driver,
    _profile: tempfile::TempDir,
}

/// Starts headless Chromium, or returns `None` (saying why) when it is not
/// installed and `WIKKEN_REQUIRE_BROWSER` is not `1`.
pub async fn start() -> Option<Session> {
    let (chromium, driver_path) = match browser_tools() {
        Ok(tools) => tools,
        Err(why) if std::env::var("WIKKEN_REQUIRE_BROWSER").is_ok_and(|v| v == "1") => {
            panic!("WIKKEN_REQUIRE_BROWSER=1 but {why}")
        }
        Err(why) => {
            eprintln!("skipped the browser test: {why}");
            return None;
        }
    };
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
    Some(Session {
        client,
        driver_url: driver.url.clone(),
        driver,
        _profile: profile,
    })
}

impl Session {
    /// Runs `steps` as a task, so that the browser is closed even when a
    /// step fails, and then passes a failure on.
    pub async fn run(self, steps: impl Future<Output = ()> + Send + 'static) {
        run_all(vec![self], steps).await;
    }
}

/// Like [`Session::run`] for several sessions at once (several users,
/// each with their own cookies): runs `steps`, then closes every browser.
pub async fn run_all(sessions: Vec<Session>, steps: impl Future<Output = ()> + Send + 'static) {
    let outcome = tokio::spawn(steps).await;
    for s in sessions {
        let _ = s.client.close().await;
        drop(s.driver);
    }
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Keeps the script errors of every page this window loads (uncaught
/// errors and unhandled promise rejections) in its session storage, from
/// before the page's own scripts run; [`script_errors`] reads them.
const RECORD_ERRORS: &str = r#"(function () {
  function keep(m) {
    try {
      var a = JSON.parse(sessionStorage.getItem("wikkenErrors") || "[]");
      a.push(location.pathname + ": " + m);
      sessionStorage.setItem("wikkenErrors", JSON.stringify(a));
    } catch (e) {}
  }
  window.addEventListener("error", function (e) { keep(e.message + " (" + e.filename + ":" + e.lineno + ")"); });
  window.addEventListener("unhandledrejection", function (e) { keep("unhandled rejection: " + (e.reason && e.reason.message || e.reason)); });
})();"#;

/// Starts recording script errors in the current window (see
/// [`script_errors`]); call before its first page.
pub async fn record_script_errors(c: &Client, driver_url: &str) {
    cdp(
        c,
        driver_url,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": RECORD_ERRORS }),
    )
    .await;
}

/// The script errors recorded so far in this window (on this origin).
pub async fn script_errors(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return JSON.parse(sessionStorage.getItem('wikkenErrors') || '[]');",
    )
    .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// Sends a Chrome DevTools command through chromedriver and returns its
/// answer (e.g. `Emulation.setEmulatedMedia`).
pub async fn cdp(c: &Client, driver_url: &str, cmd: &str, params: Value) -> Value {
    let id = c.session_id().await.unwrap().expect("a session id");
    let body = json!({ "cmd": cmd, "params": params }).to_string();
    let r = reqwest::Client::new()
        .post(format!("{driver_url}/session/{id}/goog/cdp/execute"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    assert!(status.is_success(), "{cmd}: {status} {text}");
    serde_json::from_str::<Value>(&text).unwrap()["value"].clone()
}

/// Where screenshots go: `<target>/test-artefacts/` (the test binary runs
/// from `<target>/debug/deps/`).
pub fn artefact_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let target = exe.ancestors().nth(3).unwrap_or(Path::new("."));
    let dir = target.join("test-artefacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Saves bytes as an artefact and prints where.
pub fn save_artefact(name: &str, bytes: &[u8]) -> PathBuf {
    let path = artefact_dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    eprintln!("artefact: {}", path.display());
    path
}

/// Sizes the window to `width` and the whole page's height (so that the
/// screenshot shows all of it), then saves a screenshot as `name`.
pub async fn screenshot(c: &Client, width: u32, name: &str) -> PathBuf {
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
    save_artefact(name, &png)
}

/// The path of the current URL.
pub async fn current_path(c: &Client) -> String {
    c.current_url().await.unwrap().path().to_string()
}

/// Waits until the page's path is `path`.
pub async fn wait_for_path(c: &Client, path: &str) {
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

/// The outermost elements that stick out past the right edge of the
/// window, leaving out those inside a box that scrolls or clips sideways
/// (a `.table-wrap` may scroll; the page itself should not).
pub const TOO_WIDE: &str = r#"
const clipped = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) { if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
const out = [];
for (const e of document.body.querySelectorAll('*')) {
  if (e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e) && !out.some(o => o.contains(e))) out.push(e);
}
return out.map(e => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px');
"#;

/// Polls a JavaScript expression until it is true.
pub async fn wait_until(c: &Client, expression: &str, what: &str) {
    let script = format!("return !!({expression});");
    let until = Instant::now() + PATIENCE;
    loop {
        // During a page load the script may fail: that is "not yet".
        if let Ok(Value::Bool(true)) = c.execute(&script, vec![]).await {
            return;
        }
        assert!(Instant::now() < until, "waited in vain for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The element matching `css`, waiting for it to appear.
pub async fn find(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
}

/// Types `text` into the field matching `css`, replacing what was there.
pub async fn fill(c: &Client, css: &str, text: &str) {
    let field = find(c, css).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Chooses the option with `value` in the select matching `css`.
pub async fn choose(c: &Client, css: &str, value: &str) {
    find(c, css)
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("choosing {value} in {css}: {e}"));
}

/// The visible text of the element matching `css`.
pub async fn text(c: &Client, css: &str) -> String {
    find(c, css).await.text().await.unwrap()
}

/// Clicks an element that loads a new page (a submit button, a link) and
/// waits until the new page has loaded.
pub async fn click_and_load(c: &Client, element: Element) {
    c.execute("window.__wikkenOldPage = true;", vec![])
        .await
        .unwrap();
    element.click().await.unwrap();
    wait_until(
        c,
        "window.__wikkenOldPage === undefined && document.readyState === 'complete'",
        "the next page",
    )
    .await;
}

/// Clicks the button or link whose text is exactly `label`, inside the
/// element matching `scope` (CSS), and waits for the page it loads.
pub async fn press(c: &Client, scope: &str, label: &str) {
    let within = find(c, scope).await;
    let xpath =
        format!(".//button[normalize-space(.)='{label}'] | .//a[normalize-space(.)='{label}']");
    let hits = within.find_all(Locator::XPath(&xpath)).await.unwrap();
    assert_eq!(hits.len(), 1, "one \"{label}\" in {scope}");
    click_and_load(c, hits.into_iter().next().unwrap()).await;
}

/// Logs in on the login form that is on screen and waits for the next page.
pub async fn log_in(c: &Client, email: &str, password: &str) {
    fill(c, "#email", email).await;
    fill(c, "#password", password).await;
    let button = find(c, "form button[type=submit]").await;
    click_and_load(c, button).await;
}

/// Runs a script and returns its answer.
pub async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// The value property of the field matching `css`.
pub async fn value_of(c: &Client, css: &str) -> String {
    find(c, css)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}
