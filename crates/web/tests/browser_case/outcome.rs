//! Steps 6-8 of the browser walk: the results (with screenshots on a
//! laptop and a tablet), the besluit and its freeze, and the report on
//! screen, in print and as a PDF.

use fantoccini::wd::PrintConfiguration;
use fantoccini::{Client, Locator};
use serde_json::json;

use super::{DISSENT, QUESTION, RATIONALE};
use wikken_test_support::browser::{
    TOO_WIDE, cdp, choose, fill, find, js, press, save_artefact, screenshot, text, wait_for_path,
};

/// The chart sizes on the page: `[width, height]` per `svg.case-chart`.
async fn chart_sizes(c: &Client) -> Vec<(f64, f64)> {
    let sizes = js(
        c,
        "return Array.from(document.querySelectorAll('main svg.case-chart')).map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height]; });",
    )
    .await;
    sizes
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s[0].as_f64().unwrap(), s[1].as_f64().unwrap()))
        .collect()
}

/// Step 6: the budget, then every part of the results, the screenshots,
/// and no sideways scrolling on a tablet.
pub(crate) async fn results(c: &Client, case: &str) {
    press(c, "nav.steps", "6 Resultaten").await;
    wait_for_path(c, &format!("{case}/resultaten")).await;
    choose(c, "#budget_actor", "corporatie").await;
    fill(c, r#"[name="budget_max"]"#, "2.500.000").await;
    fill(c, r#"[name="budget_from"]"#, "2027").await;
    fill(c, r#"[name="budget_to"]"#, "2031").await;
    press(
        c,
        r#"section[aria-labelledby="instellingen-kop"]"#,
        "Opslaan en opnieuw rekenen",
    )
    .await;
    wait_for_path(c, &format!("{case}/resultaten")).await;

    let section = |id: &str| format!(r#"section[aria-labelledby="{id}"]"#);
    let mkba_rows = c
        .find_all(Locator::Css(&format!(
            "{} tbody tr:not(.pm-row)",
            section("mkba-kop")
        )))
        .await
        .unwrap();
    assert_eq!(mkba_rows.len(), 3, "one MKBA row per kept option");
    // Rates are kept on one line with a no-break space; read it as a space.
    let mkba_head = text(c, &format!("{} thead", section("mkba-kop")))
        .await
        .replace('\u{a0}', " ");
    for column in [
        "CW kosten",
        "CW baten",
        "Saldo",
        "B/K",
        "Saldo bij 0 %",
        "Saldo bij 4 %",
    ] {
        assert!(
            mkba_head.contains(column),
            "MKBA column {column}: {mkba_head}"
        );
    }
    let arena = text(c, &section("arena-kop")).await;
    assert!(arena.contains("Voorgestelde bijdrage"), "{arena}");
    let mca_head = text(c, &format!("{} table thead", section("mca-kop"))).await;
    assert!(
        mca_head.contains("Gezamenlijk") && mca_head.contains("Huurdersvereniging De Linde"),
        "the MCA per party: {mca_head}"
    );
    let ranks = js(
        c,
        "return Array.from(document.querySelector('section[aria-labelledby=\"mca-kop\"] table').querySelectorAll('tbody tr')).map(r => [r.querySelector('th').textContent, r.querySelectorAll('td')[0].textContent]);",
    )
    .await;
    let ranks: Vec<(String, String)> = serde_json::from_value(ranks).unwrap();
    assert!(
        ranks.contains(&("Buurtkamer".into(), "1".into()))
            && ranks.iter().filter(|(_, r)| r == "1").count() == 1,
        "the option that scores best ranks first, alone: {ranks:?}"
    );
    let distributions = c
        .find_all(Locator::Css(".distributions figure svg.case-chart"))
        .await
        .unwrap();
    assert!(
        !distributions.is_empty(),
        "a distribution chart per uncertain option"
    );
    let onzeker = text(c, &section("onzeker-kop")).await;
    assert!(onzeker.contains("Kans saldo > 0"), "{onzeker}");
    let portfolio = text(c, &section("portefeuille-kop")).await;
    assert!(
        portfolio.contains("Beste combinatie: Achter-de-voordeur, Buurtkamer")
            && portfolio.contains("2.500.000"),
        "the portfolio within the budget: {portfolio}"
    );
    let charts = chart_sizes(c).await;
    assert!(
        charts.len() >= 4 + distributions.len(),
        "MKBA, arena, distributions, tornado and budget charts: {charts:?}"
    );
    for (w, h) in &charts {
        assert!(*w > 150.0 && *h > 30.0, "a chart of real size: {charts:?}");
    }
    let wide = screenshot(c, 1280, "afweging-resultaten.png").await;

    // A tablet: the page does not scroll sideways (tables may, inside
    // their .table-wrap), and the charts shrink to fit.
    c.set_window_size(820, 1000).await.unwrap();
    let widths = js(
        c,
        "return [window.innerWidth, document.documentElement.scrollWidth];",
    )
    .await;
    let too_wide = js(c, TOO_WIDE).await;
    let tablet = screenshot(c, 820, "afweging-resultaten-tablet.png").await;
    let (inner, scroll) = (widths[0].as_f64().unwrap(), widths[1].as_f64().unwrap());
    assert!(inner <= 830.0, "a tablet-sized viewport: {widths}");
    assert!(
        scroll <= inner,
        "no sideways scrolling at 820 px: {widths}; too wide: {too_wide}"
    );
    for (w, _) in chart_sizes(c).await {
        assert!(w <= inner, "a chart fits the tablet: {w} > {inner}");
    }
    for shot in [wide, tablet] {
        assert!(
            std::fs::metadata(&shot).unwrap().len() > 30_000,
            "{} has content",
            shot.display()
        );
    }
    c.set_window_size(1280, 900).await.unwrap();
}

/// Step 7: the besluit, which freezes this version.
pub(crate) async fn decision(c: &Client, case: &str) {
    press(c, "main", "Verder: besluit").await;
    wait_for_path(c, &format!("{case}/besluit")).await;
    find(c, "#k-buurtkamer").await.click().await.unwrap();
    fill(c, r#"[name="rationale"]"#, RATIONALE).await;
    fill(c, r#"[name="dissent"]"#, DISSENT).await;
    fill(c, r#"[name="conditions"]"#, "Evaluatie na twee jaar.").await;
    press(c, "main", "Besluit vastleggen").await;
    wait_for_path(c, &format!("{case}/besluit")).await;
    assert_eq!(text(c, ".case-state .badge").await, "Besluit vastgelegd");
    let page = text(c, "main").await;
    for expected in [
        "Gekozen: Buurtkamer",
        RATIONALE,
        DISSENT,
        "Deze versie is vastgelegd en verandert niet meer.",
    ] {
        assert!(
            page.contains(expected),
            "the besluit page says {expected:?}"
        );
    }
    // Frozen: step 1 offers no forms to change it any more.
    press(c, "nav.steps", "1 Vraag en partijen").await;
    let add = c
        .find_all(Locator::Css(r#"[name="participant_name"]"#))
        .await
        .unwrap();
    assert!(add.is_empty(), "no adding parties to a frozen version");
    assert!(
        c.find_all(Locator::XPath(
            "//main//button[normalize-space(.)='Vraag opslaan']"
        ))
        .await
        .unwrap()
        .is_empty(),
        "no saving the question of a frozen version"
    );
}

/// Step 8: the report on screen, under the print stylesheet, and as
/// Chromium prints it.
pub(crate) async fn report(c: &Client, driver_url: &str, case: &str) {
    press(c, "nav.steps", "8 Rapport").await;
    wait_for_path(c, &format!("{case}/rapport")).await;
    assert_eq!(text(c, "article.report h1").await, QUESTION);
    let body = text(c, "article.report").await;
    for expected in [
        "De vraag en het nulalternatief",
        "Maatschappelijke kosten en baten",
        "Wie betaalt, wie wint",
        "Onzekerheid",
        "Portefeuille binnen het budget",
        RATIONALE,
        DISSENT,
    ] {
        assert!(body.contains(expected), "the report holds {expected:?}");
    }
    let shot = screenshot(c, 1280, "afweging-rapport.png").await;
    assert!(std::fs::metadata(&shot).unwrap().len() > 30_000);

    // The print stylesheet: navigation, steps, forms and buttons go.
    cdp(
        c,
        driver_url,
        "Emulation.setEmulatedMedia",
        json!({ "media": "print" }),
    )
    .await;
    let hidden = js(
        c,
        "return ['.site-header', '.site-nav', 'nav.steps', '.no-print', '.case-area', 'form']
           .filter(s => document.querySelector(s))
           .map(s => [s, getComputedStyle(document.querySelector(s)).display]);",
    )
    .await;
    for pair in hidden.as_array().unwrap() {
        assert_eq!(pair[1], json!("none"), "{} in print", pair[0]);
    }
    assert!(
        hidden.as_array().unwrap().len() >= 4,
        "the page has the parts print hides: {hidden}"
    );
    assert!(
        find(c, "article.report")
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    screenshot(c, 800, "afweging-rapport-print.png").await;
    cdp(
        c,
        driver_url,
        "Emulation.setEmulatedMedia",
        json!({ "media": "" }),
    )
    .await;

    let pdf = c.print(PrintConfiguration::default()).await.unwrap();
    assert!(pdf.starts_with(b"%PDF"), "Chromium printed a PDF");
    assert!(
        pdf.len() > 20_000,
        "the PDF has content: {} bytes",
        pdf.len()
    );
    save_artefact("afweging-rapport.pdf", &pdf);
}
