//! An afweging walked from problem to besluit in a real browser: headless
//! Chromium, as a strateeg on the demo, clicking and typing like a user
//! through steps 1-8. It checks the live AHP consistency check (script and
//! `/api/ahp`), that the results page shows every part with charts of real
//! size, that a tablet (820 px) needs no sideways scrolling, the freeze by
//! the besluit, and the report on screen, in print and as a PDF.
//!
//! Artefacts in `<target>/test-artefacts/`: `afweging-resultaten.png`
//! (1280 px, full page), `afweging-resultaten-tablet.png` (820 px),
//! `afweging-rapport.png`, `afweging-rapport-print.png` (print stylesheet)
//! and `afweging-rapport.pdf` (Chromium's print).
//!
//! Skips like `browser.rs` when Chromium is missing, unless
//! `WIKKEN_REQUIRE_BROWSER=1`.

mod common;

use common::browser::{
    self, TOO_WIDE, cdp, choose, current_path, fill, find, log_in, press, save_artefact,
    screenshot, text, wait_for_path, wait_until,
};
use fantoccini::wd::PrintConfiguration;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};
use wikken_data::AreaLevel;

const QUESTION: &str = "Hoe keren we de neergang in deze buurt, en wie doet wat?";
const RATIONALE: &str = "De buurtkamer pakt overlast en eenzaamheid aan tegen lage kosten.";
const DISSENT: &str = "De huurdersvereniging wil eerst de renovatie.";

/// The demo's first buurt: code and name.
fn first_buurt() -> (String, String) {
    let demo = wikken_data::demo::demo();
    let b = demo
        .dataset
        .areas
        .iter()
        .find(|a| a.code.level() == AreaLevel::Buurt)
        .expect("a buurt in the demo");
    (b.code.as_str().to_string(), b.name.clone())
}

/// Runs a script and returns its answer.
async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// The value property of the field matching `css`.
async fn value_of(c: &Client, css: &str) -> String {
    find(c, css)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Step 1: from the buurt page to a new afweging with parties and
/// problems; returns the case's URL path.
async fn question_parties_problems(c: &Client, buurt: &str) -> String {
    press(c, "main", "Afweging starten voor dit gebied").await;
    wait_for_path(c, "/afwegingen/nieuw").await;
    assert_eq!(value_of(c, "#gebied").await, buurt, "the area is filled in");
    fill(c, "#question", QUESTION).await;
    choose(c, "#level", "wijk").await;
    fill(c, "#moment", "2027-03-01").await;
    press(c, "main", "Afweging starten").await;
    let case = current_path(c).await;
    assert!(
        case.starts_with("/afwegingen/") && case != "/afwegingen/nieuw",
        "the new afweging opened: {case}"
    );
    assert_eq!(text(c, "main h1").await, QUESTION);
    for (name, role) in [
        ("Woonstichting Lindeveen", "eigenaar"),
        ("Gemeente Lindeveen", "beslisser"),
        ("Huurdersvereniging De Linde", "adviseur"),
    ] {
        fill(c, r#"[name="participant_name"]"#, name).await;
        choose(c, r#"[name="participant_role"]"#, role).await;
        press(c, "main", "Partij toevoegen").await;
        let table = text(c, r#"section[aria-labelledby="deelnemers-kop"] table"#).await;
        assert!(table.contains(name), "{name} is listed: {table}");
    }
    for (problem, owner) in [
        ("Veel overlast en vervuiling", "gemeente-lindeveen"),
        ("Hoge woonlasten", "huurdersvereniging-de-linde"),
    ] {
        fill(c, r#"[name="problem_text"]"#, problem).await;
        choose(c, r#"[name="problem_owner"]"#, owner).await;
        press(c, "main", "Probleem toevoegen").await;
    }
    let problems = text(c, "ol.problems").await;
    assert!(
        problems.contains("Veel overlast en vervuiling — Gemeente Lindeveen")
            && problems.contains("Hoge woonlasten — Huurdersvereniging De Linde"),
        "both problems with their owner: {problems}"
    );
    case
}

/// Step 2: the nulalternatief.
async fn baseline(c: &Client, case: &str) {
    press(c, "main", "Verder: het nulalternatief").await;
    wait_for_path(c, &format!("{case}/nulalternatief")).await;
    fill(
        c,
        r#"[name="description"]"#,
        "Zonder nieuw beleid stijgen mutaties en overlast verder.",
    )
    .await;
    fill(
        c,
        r#"[name="assumptions"]"#,
        "Regulier onderhoud loopt door.",
    )
    .await;
    press(c, "main", "Nulalternatief opslaan").await;
    wait_for_path(c, &format!("{case}/opties")).await;
}

/// Filters the catalogue on a category.
async fn filter_catalogue(c: &Client, category: &str) {
    choose(c, "#categorie", category).await;
    press(c, "form.filters", "Filteren").await;
    let badges = js(
        c,
        "return Array.from(document.querySelectorAll('ul.catalogue h3 .badge')).map(b => b.textContent);",
    )
    .await;
    let badges: Vec<&str> = badges
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    assert!(
        !badges.is_empty() && badges.iter().all(|b| b.eq_ignore_ascii_case(category)),
        "only {category} templates: {badges:?}"
    );
}

/// Step 3: a sociaal and a stenen option from the catalogue, one of our
/// own, and the pre-selection. Returns the names of the catalogue options.
async fn options(c: &Client, case: &str) -> (String, String) {
    filter_catalogue(c, "sociaal").await;
    let sociaal = text(c, "ul.catalogue > li h3").await;
    press(c, "ul.catalogue > li", "Toevoegen").await;
    wait_for_path(c, &format!("{case}/opties")).await;

    filter_catalogue(c, "stenen").await;
    let with_quantity = r#"ul.catalogue > li:has(input[name="quantity"])"#;
    let stenen = text(c, &format!("{with_quantity} h3")).await;
    fill(
        c,
        &format!(r#"{with_quantity} input[name="quantity"]"#),
        "40",
    )
    .await;
    press(c, with_quantity, "Toevoegen").await;

    fill(c, r#"[name="option_name"]"#, "Buurtkamer").await;
    choose(c, r#"[name="option_category"]"#, "sociaal").await;
    press(c, "main", "Optie maken").await;

    let table = text(c, "table.preselection tbody").await;
    let strip = |h3: &str| {
        h3.trim_end_matches("Sociaal")
            .trim_end_matches("Stenen")
            .trim()
            .to_string()
    };
    let (sociaal, stenen) = (strip(&sociaal), strip(&stenen));
    for name in [sociaal.as_str(), stenen.as_str(), "Buurtkamer"] {
        assert!(table.contains(name), "{name} in the pre-selection: {table}");
    }
    assert!(
        table.contains("40 eenheden"),
        "the quantity is kept: {table}"
    );

    // How much each option addresses each problem; keep all three.
    let selects = c
        .find_all(Locator::Css("table.preselection select"))
        .await
        .unwrap();
    assert_eq!(selects.len(), 3 * 2, "three options × two problems");
    let mut chosen = Vec::new();
    for (k, s) in selects.iter().enumerate() {
        let v = ((k * 2 + 1) % 4).to_string();
        s.select_by_value(&v).await.unwrap();
        chosen.push(v);
    }
    for keep in c
        .find_all(Locator::Css("table.preselection input[type=checkbox]"))
        .await
        .unwrap()
    {
        if !keep.is_selected().await.unwrap() {
            keep.click().await.unwrap();
        }
    }
    press(c, "main", "Voorselectie opslaan").await;
    let kept = js(
        c,
        "return Array.from(document.querySelectorAll('table.preselection select')).map(s => s.value);",
    )
    .await;
    assert_eq!(kept, json!(chosen), "the pre-selection is saved");
    let summary = text(c, "div.table-wrap:has(table.preselection) + p").await;
    assert!(
        summary.starts_with("3 van de 3 opties"),
        "all three kept: {summary}"
    );
    (sociaal, stenen)
}

/// Step 4: the own option's effects: a cost and a benefit flow with
/// ranges and SROI corrections, and a PM-post.
async fn effects(c: &Client, case: &str) {
    press(c, "table.preselection", "Buurtkamer").await;
    wait_for_path(c, &format!("{case}/effecten/buurtkamer")).await;
    let rows: [&[(&str, &str)]; 2] = [
        &[
            ("label", "Huur en inrichting"),
            ("amount", "25.000"),
            ("from", "2027"),
            ("to", "2031"),
            ("low", "20.000"),
            ("high", "35.000"),
        ],
        &[
            ("label", "Minder inzet wijkteam"),
            ("amount", "90.000"),
            ("from", "2028"),
            ("to", "2034"),
            ("dw", "20"),
            ("at", "25"),
            ("do", "10"),
            ("low", "50.000"),
            ("high", "130.000"),
        ],
    ];
    let selects = [
        [
            ("actor", "corporatie"),
            ("kind", "cost"),
            ("dist", "triangular"),
        ],
        [("actor", "gemeente"), ("kind", "benefit"), ("dist", "pert")],
    ];
    for (i, (inputs, choices)) in rows.iter().zip(selects).enumerate() {
        for (field, value) in choices {
            choose(c, &format!(r#"select[name="f{i}.{field}"]"#), value).await;
        }
        for (field, value) in *inputs {
            fill(c, &format!(r#"input[name="f{i}.{field}"]"#), value).await;
        }
    }
    fill(c, r#"input[name="pm0.label"]"#, "Meer sociale samenhang").await;
    choose(c, r#"select[name="pm0.actor"]"#, "huurders").await;
    choose(c, r#"select[name="pm0.sign"]"#, "+").await;
    fill(
        c,
        r#"textarea[name="note"]"#,
        "Eigen raming, offerte verhuurder",
    )
    .await;
    press(c, "main", "Effecten opslaan").await;
    wait_for_path(c, &format!("{case}/effecten/buurtkamer")).await;
    let errors = c
        .find_all(Locator::Css(".field-error"))
        .await
        .unwrap()
        .len();
    assert_eq!(errors, 0, "the effects are accepted");
    for (css, want) in [
        (r#"select[name="f0.dist"]"#, "triangular"),
        (r#"input[name="f0.high"]"#, "35000"),
        (r#"select[name="f1.kind"]"#, "benefit"),
        (r#"select[name="f1.dist"]"#, "pert"),
        (r#"input[name="f1.dw"]"#, "20"),
        (r#"input[name="f1.do"]"#, "10"),
        (r#"input[name="pm0.label"]"#, "Meer sociale samenhang"),
    ] {
        assert_eq!(value_of(c, css).await, want, "{css} after saving");
    }
}

/// The consistency text of a weighing form, once it shows `wanted`.
async fn ahp_text(c: &Client, form: &str, wanted: &str) -> String {
    wait_until(
        c,
        &format!("document.querySelector('{form} .ahp-check').textContent.includes('{wanted}')"),
        &format!("the consistency check to say \"{wanted}\""),
    )
    .await;
    text(c, &format!("{form} .ahp-check")).await
}

/// The consistency ratio in a text like "Consistentieratio: 0,35 — ...".
fn ratio(text: &str) -> f64 {
    let number = text
        .trim_start_matches("Consistentieratio: ")
        .split_whitespace()
        .next()
        .unwrap();
    number.replace(',', ".").parse().unwrap()
}

/// Step 5: three criteria, the shared weighing by 100 points, and the
/// huurdersvereniging's by AHP with the live consistency check.
async fn weighing(c: &Client, case: &str) {
    press(c, "nav.steps", "5 Criteria en weging").await;
    wait_for_path(c, &format!("{case}/weging")).await;
    for (name, direction) in [
        ("Leefbaarheid", "max"),
        ("Uitvoeringsrisico", "min"),
        ("Draagvlak", "max"),
    ] {
        fill(c, r#"[name="criterion_name"]"#, name).await;
        choose(c, r#"[name="criterion_direction"]"#, direction).await;
        press(c, "main", "Criterium toevoegen").await;
    }

    let shared = r#"form.weighting[action$="/weging/gezamenlijk"]"#;
    find(c, "#gezamenlijk-points").await.click().await.unwrap();
    let shown = |part: &str| format!("{shared} .{part}");
    assert!(
        find(c, &shown("method-direct"))
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    assert!(
        !find(c, &shown("method-ahp"))
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    for (id, points) in [
        ("leefbaarheid", "50"),
        ("uitvoeringsrisico", "20"),
        ("draagvlak", "30"),
    ] {
        fill(c, &format!(r#"[name="gezamenlijk.w.{id}"]"#), points).await;
    }
    press(c, shared, "Weging opslaan").await;
    let now = text(c, &format!("{shared} > p:not(.hint)")).await;
    assert!(
        now.contains("Leefbaarheid 50 %") && now.contains("Draagvlak 30 %"),
        "the points are the weights: {now}"
    );

    let party = r#"form.weighting[action$="/weging/huurdersvereniging-de-linde"]"#;
    find(c, "#huurdersvereniging-de-linde-ahp")
        .await
        .click()
        .await
        .unwrap();
    assert!(
        find(c, &format!("{party} .method-ahp"))
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    let before = ahp_text(c, party, "voldoende consistent").await;
    assert_eq!(ratio(&before), 0.0, "all pairs equal: {before}");
    // No page load from here on: the check runs in the page.
    js(c, "window.__wikkenLive = true; return null;").await;
    let pair = |i: usize, j: usize| format!("#huurdersvereniging-de-linde-ahp-{i}-{j}");
    // Leefbaarheid ≫ risico ≫ draagvlak ≫ leefbaarheid: a circle.
    for ((i, j), v) in [((0, 1), "9"), ((1, 2), "9"), ((0, 2), "-9")] {
        choose(c, &pair(i, j), v).await;
    }
    let inconsistent = ahp_text(c, party, "boven 0,10").await;
    assert!(ratio(&inconsistent) > 0.1, "{inconsistent}");
    let worst = c
        .find_all(Locator::Css(&format!("{party} .pair.worst-pair")))
        .await
        .unwrap();
    assert_eq!(worst.len(), 1, "one pair is pointed out");
    let worst_label = worst[0]
        .find(Locator::Css("label"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        inconsistent.contains(&format!("Kijk eerst naar {worst_label}")),
        "the text names the marked pair {worst_label:?}: {inconsistent}"
    );
    // A consistent judgement: the warning and the mark go.
    for ((i, j), v) in [((0, 1), "3"), ((0, 2), "-3"), ((1, 2), "-5")] {
        choose(c, &pair(i, j), v).await;
    }
    let consistent = ahp_text(c, party, "voldoende consistent").await;
    assert!(
        ratio(&consistent) <= 0.1 && ratio(&consistent) > 0.0,
        "{consistent}"
    );
    wait_until(
        c,
        &format!("document.querySelectorAll('{party} .worst-pair').length === 0"),
        "the mark to go",
    )
    .await;
    assert_eq!(
        js(c, "return window.__wikkenLive === true;").await,
        json!(true),
        "the ratio changed without loading a page"
    );
    press(c, party, "Weging opslaan").await;
    assert!(
        find(c, "#huurdersvereniging-de-linde-ahp")
            .await
            .is_selected()
            .await
            .unwrap(),
        "AHP is saved as the party's method"
    );
    let saved = text(c, &format!("{party} .ahp-check")).await;
    assert_eq!(
        ratio(&saved),
        ratio(&consistent),
        "the server agrees: {saved}"
    );
}

/// Back to step 4 once the criteria exist: the own option's scores on
/// them (the other options keep the middle score, 3).
async fn scores(c: &Client, case: &str) {
    press(c, "nav.steps", "4 Effecten").await;
    wait_for_path(c, &format!("{case}/effecten")).await;
    press(c, "main table", "Buurtkamer").await;
    for (id, score) in [
        ("leefbaarheid", "5"),
        ("uitvoeringsrisico", "2"),
        ("draagvlak", "4"),
    ] {
        fill(c, &format!(r#"input[name="score.{id}"]"#), score).await;
    }
    press(c, "main", "Effecten opslaan").await;
    wait_for_path(c, &format!("{case}/effecten/buurtkamer")).await;
    assert_eq!(
        value_of(c, r#"input[name="score.uitvoeringsrisico"]"#).await,
        "2"
    );
}

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
async fn results(c: &Client, case: &str) {
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
        .find_all(Locator::Css(&format!("{} tbody tr", section("mkba-kop"))))
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
        portfolio.contains("Beste combinatie: Buurtkamer") && portfolio.contains("2.500.000"),
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
async fn decision(c: &Client, case: &str) {
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
async fn report(c: &Client, driver_url: &str, case: &str) {
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

/// All steps; panics on the first thing that is wrong.
async fn walk(c: Client, driver_url: String, address: String, email: String) {
    let (buurt, name) = first_buurt();
    c.set_window_size(1280, 900).await.unwrap();
    c.goto(&format!("{address}/gebied/{buurt}")).await.unwrap();
    assert_eq!(current_path(&c).await, "/inloggen");
    log_in(&c, &email, common::PASSWORD).await;
    wait_for_path(&c, &format!("/gebied/{buurt}")).await;
    assert!(text(&c, "main h1").await.contains(&name));

    let case = question_parties_problems(&c, &buurt).await;
    let aside = text(&c, "aside.case-area").await;
    assert!(aside.contains(&name), "the area beside the case: {aside}");
    baseline(&c, &case).await;
    let (sociaal, stenen) = options(&c, &case).await;
    effects(&c, &case).await;
    weighing(&c, &case).await;
    scores(&c, &case).await;
    results(&c, &case).await;
    let mkba = text(&c, r#"section[aria-labelledby="mkba-kop"] tbody"#).await;
    for option in [&sociaal, &stenen] {
        assert!(mkba.contains(option.as_str()), "{option} in the results");
    }
    decision(&c, &case).await;
    report(&c, &driver_url, &case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_afweging_from_buurt_to_report_in_a_real_browser() {
    let Some(session) = browser::start().await else {
        return;
    };
    let app = common::spawn_app(&common::sqlite_url()).await;
    let steps = walk(
        session.client.clone(),
        session.driver_url.clone(),
        app.address.clone(),
        app.email("strateeg"),
    );
    session.run(steps).await;
}
