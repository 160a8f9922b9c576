//! Steps 1-5 of the browser walk: question, parties and problems, the
//! nulalternatief, options with the pre-selection, effects, criteria and
//! weighings (with the live AHP check), and the scores.

use fantoccini::{Client, Locator};
use serde_json::json;

use super::QUESTION;
use wikken_test_support::browser::{
    choose, current_path, fill, find, js, press, text, value_of, wait_for_path, wait_until,
};

/// Step 1: from the buurt page to a new afweging with parties and
/// problems; returns the case's URL path.
pub(crate) async fn question_parties_problems(c: &Client, buurt: &str) -> String {
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
pub(crate) async fn baseline(c: &Client, case: &str) {
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
pub(crate) async fn options(c: &Client, case: &str) -> (String, String) {
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
        table.contains("40 woningen"),
        "the quantity is kept: {table}"
    );
    assert!(
        table.contains(" huishoudens") && !table.contains("335 huishoudens"),
        "a per-household template counts households, not the dwellings: {table}"
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
pub(crate) async fn effects(c: &Client, case: &str) {
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
pub(crate) async fn weighing(c: &Client, case: &str) {
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

    let shared = r#"form.weighting[action$="/weging"]"#;
    find(c, "#gedeeld-points").await.click().await.unwrap();
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
        fill(c, &format!(r#"[name="gedeeld.w.{id}"]"#), points).await;
    }
    press(c, shared, "Weging opslaan").await;
    let now = text(c, &format!("{shared} > p:not(.hint)")).await;
    assert!(
        now.contains("Leefbaarheid 50 %") && now.contains("Draagvlak 30 %"),
        "the points are the weights: {now}"
    );

    let party = r#"form.weighting[action$="/weging/partij/huurdersvereniging-de-linde"]"#;
    find(c, "#partij-huurdersvereniging-de-linde-ahp")
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
    let pair = |i: usize, j: usize| format!("#partij-huurdersvereniging-de-linde-ahp-{i}-{j}");
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
        find(c, "#partij-huurdersvereniging-de-linde-ahp")
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
pub(crate) async fn scores(c: &Client, case: &str) {
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
