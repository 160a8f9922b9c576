//! Issue 10, in a real browser (headless Chromium): the demo afweging's
//! results and report on a laptop (1400 × 900) and on paper.
//!
//! - The MKBA table fits its column: nothing is cut off behind a scroll
//!   bar, the PM-posten included.
//! - Every box that scrolls can be reached with the keyboard and is a
//!   named region (axe's `scrollable-region-focusable`), at 1400 px and
//!   on a phone, where the tables do scroll.
//! - The tornado draws one chart per option, each on its own scale, so
//!   the social options' bars are as visible as the stenen option's.
//! - Under the print stylesheet at the width of A4 paper, every table
//!   fits the page, the MKBA keeps its saldo at every discount rate and
//!   its PM-posten, no row is tall and empty, and navigation and buttons
//!   are gone. Chromium's own print is saved as a PDF to look at.
//!
//! Artefacts in `<target>/test-artefacts/`: `issue10-resultaten-1400.png`,
//! `issue10-rapport-1400.png`, `issue10-rapport-print.png` and
//! `issue10-rapport-print.pdf`.
//!
//! Skips like `browser.rs` when Chromium is missing, unless
//! `WIKKEN_REQUIRE_BROWSER=1`.

use wikken_test_support as common;

use common::browser::{self, cdp, js, log_in, save_artefact, screenshot, wait_for_path};
use fantoccini::Client;
use fantoccini::wd::PrintConfiguration;
use serde_json::{Value, json};

/// Printable width of an A4 page in CSS pixels: 210 mm less the 12 mm
/// margins of wikken.css's `@page`, at 96 px per inch.
const A4_WIDTH_PX: f64 = (210.0 - 2.0 * 12.0) / 25.4 * 96.0;

/// Per `.table-wrap`: its label, whether its table fits (scroll width
/// within client width, and the last header cell's right edge inside the
/// box), and the numbers.
const TABLE_FIT: &str = r#"
return Array.from(document.querySelectorAll('main .table-wrap')).map(w => {
  const box = w.getBoundingClientRect();
  const cells = w.querySelectorAll('thead tr:last-child > *');
  const last = cells.length ? cells[cells.length - 1].getBoundingClientRect().right : box.left;
  return {label: w.getAttribute('aria-label'), scroll: w.scrollWidth, client: w.clientWidth,
          lastRight: last, boxRight: box.right,
          fits: w.scrollWidth <= w.clientWidth && last <= box.right + 0.5};
});
"#;

/// Every element in the page that scrolls (overflow auto or scroll, with
/// more content than room) and whether the keyboard reaches it and it has
/// a name: `[description, focusable, named]`.
const SCROLLERS: &str = r#"
const out = [];
for (const e of document.querySelectorAll('body *')) {
  const s = getComputedStyle(e);
  const x = /(auto|scroll)/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
  const y = /(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 1;
  if (!x && !y) continue;
  const t = e.getAttribute('tabindex');
  out.push([e.tagName.toLowerCase() + '.' + e.className + ' ' + (e.getAttribute('aria-label') || ''),
            t !== null && +t >= 0,
            e.getAttribute('role') === 'region' && !!(e.getAttribute('aria-label') || '').trim()]);
}
return out;
"#;

/// Per tornado: its `[chart width, widest bar, narrowest bar]` (a bar is
/// the red and blue part of one amount together), in screen pixels.
const TORNADO_BARS: &str = r#"
return Array.from(document.querySelectorAll('.tornado-grid svg.case-chart')).map(svg => {
  const rows = new Map();
  for (const r of svg.querySelectorAll('rect.bar-low, rect.bar-high')) {
    const y = r.getAttribute('y');
    rows.set(y, (rows.get(y) || 0) + r.getBoundingClientRect().width);
  }
  const w = Array.from(rows.values());
  return [svg.getBoundingClientRect().width, Math.max(...w), Math.min(...w)];
});
"#;

fn fits(c: &Value) -> bool {
    c["fits"].as_bool().unwrap()
}

/// Asserts that every table on the page fits its box at this width.
async fn tables_fit(c: &Client, page: &str) {
    let tables = js(c, TABLE_FIT).await;
    let tables = tables.as_array().unwrap();
    assert!(!tables.is_empty(), "{page}: tables");
    let mkba: Vec<_> = tables
        .iter()
        .filter(|t| t["label"] == json!("MKBA per optie"))
        .collect();
    assert_eq!(mkba.len(), 1, "{page}: one MKBA table");
    for t in tables {
        assert!(fits(t), "{page}: a table is cut off: {t}");
    }
}

/// Asserts that every box that scrolls takes focus and is a named region;
/// returns how many there are.
async fn scrollers_reachable(c: &Client, page: &str) -> usize {
    let found = js(c, SCROLLERS).await;
    let found = found.as_array().unwrap();
    for s in found {
        assert_eq!(s[1], json!(true), "{page}: not keyboard-focusable: {s}");
        assert_eq!(s[2], json!(true), "{page}: not a named region: {s}");
    }
    found.len()
}

async fn walk(c: Client, driver_url: String, address: String, email: String, password: String) {
    c.set_window_size(1400, 900).await.unwrap();
    c.goto(&format!("{address}/afwegingen")).await.unwrap();
    log_in(&c, &email, &password).await;
    wait_for_path(&c, "/afwegingen").await;
    let case = js(
        &c,
        "return Array.from(document.querySelectorAll('main table a[href^=\"/afwegingen/\"]')).map(a => a.getAttribute('href'));",
    )
    .await;
    let case = case[0].as_str().expect("the demo afweging").to_string();

    // The results at 1400 × 900.
    c.goto(&format!("{address}{case}/resultaten"))
        .await
        .unwrap();
    let inner = js(&c, "return window.innerWidth;").await.as_f64().unwrap();
    assert!(
        (1380.0..=1400.0).contains(&inner),
        "a 1400 px window: {inner}"
    );
    tables_fit(&c, "resultaten").await;
    // The PM-posten are in view: their cells end inside the table's box.
    let pm = js(
        &c,
        "const w = document.querySelector('.table-wrap[aria-label=\"MKBA per optie\"]').getBoundingClientRect();
         return Array.from(document.querySelectorAll('td.pm-list')).map(td => [td.textContent.trim().length, td.getBoundingClientRect().right <= w.right + 0.5, td.getBoundingClientRect().width]);",
    )
    .await;
    let pm = pm.as_array().unwrap();
    assert!(!pm.is_empty(), "PM-posten in the MKBA");
    for cell in pm {
        assert!(
            cell[1] == json!(true) && cell[2].as_f64().unwrap() > 100.0,
            "a PM-posten cell in view and readable: {cell}"
        );
    }
    assert_eq!(scrollers_reachable(&c, "resultaten 1400").await, 0);
    // Every table box is a named region, whatever the width.
    let unnamed = js(
        &c,
        "return Array.from(document.querySelectorAll('.table-wrap')).filter(w => w.getAttribute('role') !== 'region' || !w.getAttribute('aria-label')).length;",
    )
    .await;
    assert_eq!(unnamed, json!(0), "table boxes without a name");

    // The tornado: one chart per uncertain option, each on its own scale.
    let options = js(
        &c,
        "return document.querySelectorAll('.distributions svg.case-chart').length;",
    )
    .await;
    let tornados = js(&c, TORNADO_BARS).await;
    let tornados = tornados.as_array().unwrap();
    assert_eq!(
        json!(tornados.len()),
        options,
        "one tornado per uncertain option"
    );
    for t in tornados {
        let (width, widest, narrowest) = (
            t[0].as_f64().unwrap(),
            t[1].as_f64().unwrap(),
            t[2].as_f64().unwrap(),
        );
        assert!(width > 400.0, "a tornado of real size: {t}");
        assert!(
            widest > width / 5.0,
            "each option's largest swing fills its own scale: {t}"
        );
        assert!(narrowest > 2.0, "no invisible bars: {t}");
    }
    screenshot(&c, 1400, "issue10-resultaten-1400.png").await;

    // On a phone the tables scroll inside their boxes: each box that does
    // is reached with the keyboard and named.
    c.set_window_size(390, 844).await.unwrap();
    let scrolling = scrollers_reachable(&c, "resultaten 390").await;
    assert!(scrolling > 0, "on a phone the MKBA scrolls in its box");
    let mkba = js(
        &c,
        "const w = document.querySelector('.table-wrap[aria-label=\"MKBA per optie\"]'); w.focus(); return document.activeElement === w;",
    )
    .await;
    assert_eq!(mkba, json!(true), "the MKBA's box takes focus");
    c.set_window_size(1400, 900).await.unwrap();

    // The report at 1400 × 900.
    c.goto(&format!("{address}{case}/rapport")).await.unwrap();
    tables_fit(&c, "rapport").await;
    assert_eq!(scrollers_reachable(&c, "rapport 1400").await, 0);
    let tornados = js(&c, TORNADO_BARS).await;
    assert_eq!(json!(tornados.as_array().unwrap().len()), options);
    screenshot(&c, 1400, "issue10-rapport-1400.png").await;

    // The report on A4: print media at the paper's printable width.
    c.set_window_size(1400, 900).await.unwrap();
    cdp(
        &c,
        &driver_url,
        "Emulation.setEmulatedMedia",
        json!({ "media": "print" }),
    )
    .await;
    cdp(
        &c,
        &driver_url,
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": A4_WIDTH_PX.round(), "height": 1000, "deviceScaleFactor": 1, "mobile": false }),
    )
    .await;
    let page = js(&c, "return window.innerWidth;").await.as_f64().unwrap();
    assert!((page - A4_WIDTH_PX).abs() < 2.0, "A4 width: {page}");
    let tables = js(&c, TABLE_FIT).await;
    for t in tables.as_array().unwrap() {
        assert!(fits(t), "on paper a table is cut off: {t}");
        assert!(
            t["boxRight"].as_f64().unwrap() <= page + 0.5,
            "on paper a table is wider than the page: {t}"
        );
    }
    let print = js(
        &c,
        r#"const box = document.querySelector('.table-wrap[aria-label="MKBA per optie"]');
           const head = Array.from(box.querySelectorAll('thead th')).filter(th => getComputedStyle(th).display !== 'none').map(th => th.textContent.replace(/\u00a0/g, ' ').trim());
           const rows = Array.from(box.querySelectorAll('tbody tr')).filter(tr => getComputedStyle(tr).display !== 'none');
           return {
             overflow: getComputedStyle(box).overflowX,
             head: head,
             lastRight: Math.max(...rows.map(tr => tr.lastElementChild.getBoundingClientRect().right)),
             rows: rows.map(tr => [tr.className, Math.round(tr.getBoundingClientRect().height), tr.textContent.trim().slice(0, 40)]),
             hidden: ['.site-header', '.site-nav', 'nav.steps', '.actions', 'button', 'a.button', 'form', '.case-area']
               .flatMap(s => Array.from(document.querySelectorAll(s)))
               .filter(e => getComputedStyle(e).display !== 'none' && e.closest('[hidden]') === null)
               .map(e => e.tagName + '.' + e.className),
           };"#,
    )
    .await;
    assert_eq!(print["overflow"], json!("visible"), "{print}");
    let head: Vec<String> = serde_json::from_value(print["head"].clone()).unwrap();
    for column in ["Saldo bij 0 %", "Saldo bij 2,25 %", "Saldo bij 4 %"] {
        assert!(
            head.iter().any(|h| h == column),
            "{column} printed: {head:?}"
        );
    }
    assert!(
        print["lastRight"].as_f64().unwrap() <= page + 0.5,
        "the saldo at 4 % is on the paper: {print}"
    );
    let rows = print["rows"].as_array().unwrap();
    let pm_rows: Vec<_> = rows.iter().filter(|r| r[0] == json!("pm-row")).collect();
    assert!(
        !pm_rows.is_empty()
            && pm_rows
                .iter()
                .all(|r| r[2].as_str().unwrap().starts_with("PM-posten:")),
        "the PM-posten printed, a row of their own under each option: {print}"
    );
    for r in rows {
        assert!(
            r[1].as_i64().unwrap() < 80,
            "no tall rows on paper: {r} in {print}"
        );
    }
    assert_eq!(
        print["hidden"],
        json!([]),
        "navigation, buttons and forms are not printed"
    );
    // The MKBA as printed (the viewport is one A4 width wide).
    js(
        &c,
        "document.querySelector('#mkba-kop').scrollIntoView(); return 1;",
    )
    .await;
    save_artefact("issue10-rapport-print.png", &c.screenshot().await.unwrap());
    cdp(
        &c,
        &driver_url,
        "Emulation.clearDeviceMetricsOverride",
        json!({}),
    )
    .await;
    cdp(
        &c,
        &driver_url,
        "Emulation.setEmulatedMedia",
        json!({ "media": "" }),
    )
    .await;

    // Chromium's own print (A4 is fantoccini's default), to look at.
    let pdf = c.print(PrintConfiguration::default()).await.unwrap();
    assert!(pdf.starts_with(b"%PDF"), "Chromium printed a PDF");
    save_artefact("issue10-rapport-print.pdf", &pdf);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_and_report_fit_a_laptop_and_paper() {
    let Some(session) = browser::start().await else {
        return;
    };
    let store = wikken_storage::Store::connect(&common::sqlite_url())
        .await
        .unwrap();
    let first = wikken_web::seed::first_start(&store, None)
        .await
        .unwrap()
        .expect("the demo");
    let app = common::serve(store, first.organisation.clone(), "issue10".into()).await;
    let steps = walk(
        session.client.clone(),
        session.driver_url.clone(),
        app.address.clone(),
        first.email.clone(),
        first.password.clone(),
    );
    session.run(steps).await;
}
