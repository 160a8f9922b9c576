//! The forms of the results step in process (the router called with
//! `oneshot`): the rule of the proposal for sharing costs and what the
//! portfolio optimises on. Each is saved through its command, refused
//! with a Dutch message next to its field, and said in words on the page.

use axum::http::StatusCode;
use wikken_test_support::html;
use wikken_test_support::{InProcess, Visitor, per_backend};

/// The stored afweging as JSON.
async fn stored(v: &Visitor<'_>, case: &str) -> serde_json::Value {
    serde_json::from_str(&v.page(&format!("{case}/afweging.json")).await).unwrap()
}

/// Fills a form and expects it saved (a redirect).
async fn saves(v: &Visitor<'_>, page: &str, action: &str, fields: &[(&str, &str)]) {
    v.fill(page, action, fields)
        .await
        .redirect(&format!("POST {action}"));
}

async fn the_results_step_states_and_changes_its_rules(url: String) {
    let app = InProcess::start(&url).await;
    let v = app.logged_in("strateeg").await;
    let case = v.start_case("Renoveren we de flats?").await;
    let year = stored(&v, &case).await["start_year"].to_string();
    let baseline = format!("{case}/nulalternatief");
    saves(
        &v,
        &baseline,
        &baseline,
        &[("description", "De flats verouderen verder.")],
    )
    .await;
    let options = format!("{case}/opties");
    let add = format!("{case}/opties/nieuw");
    for name in ["Renovatie", "Buurtkamer"] {
        saves(
            &v,
            &options,
            &add,
            &[("option_name", name), ("option_category", "stenen")],
        )
        .await;
    }
    // A renovation in the first year (not discounted): the corporatie pays
    // 1.000.000; the huurders gain 5.000.000, the gemeente 300.000.
    let effects = format!("{case}/effecten/renovatie");
    let y = year.as_str();
    saves(
        &v,
        &effects,
        &effects,
        &[
            ("f0.actor", "corporatie"),
            ("f0.kind", "cost"),
            ("f0.amount", "1.000.000"),
            ("f0.from", y),
            ("f0.to", y),
            ("f1.actor", "huurders"),
            ("f1.kind", "benefit"),
            ("f1.amount", "5.000.000"),
            ("f1.from", y),
            ("f1.to", y),
            ("f2.actor", "gemeente"),
            ("f2.kind", "benefit"),
            ("f2.amount", "300.000"),
            ("f2.from", y),
            ("f2.to", y),
        ],
    )
    .await;
    let results = format!("{case}/resultaten");

    // The default rule: the huurders get no bill; the gemeente pays up to
    // its gains (300.000); the other 700.000 stays with the corporatie.
    let page = v.page(&results).await;
    for said in [
        "Rekenregel: de kosten van een optie",
        "Er gaat geen rekening naar Huurders.",
        "Geen partij betaalt meer dan zij aan baten krijgt.",
        "Niet te verdelen volgens de regel: € 700.000; dat blijft bij Woningcorporatie.",
    ] {
        assert!(page.contains(said), "the page says {said:?}: {page}");
    }
    assert!(!page.to_lowercase().contains("eerlijk"));

    // The user lets the huurders pay and lifts the cap: all 1.000.000 is
    // shared by benefits, the huurders 1.000.000 × 5.000/5.300 = 943.396.
    let sharing = format!("{case}/kostenverdeling");
    let mut form = html::form(&page, &sharing);
    assert_eq!(
        form.all("betaalt"),
        ["corporatie", "gemeente", "zorgverzekeraar"]
    );
    form.tick("betaalt", "huurders").clear("begrensd");
    v.submit(&form).await.redirect("kostenverdeling");
    let doc = stored(&v, &case).await;
    assert_eq!(doc["cost_sharing"]["cap_at_gains"], false);
    assert!(
        !doc["cost_sharing"]["non_payers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|id| id == "huurders")
    );
    let page = v.page(&results).await;
    assert!(
        page.contains("de grens bij de eigen baten staat uit"),
        "{page}"
    );
    assert!(page.contains("€ 943.396"), "{page}");
    assert!(!page.contains("Niet te verdelen volgens de regel"));

    // On the MCA value without criteria: refused, naming what is missing,
    // next to the field.
    let settings = format!("{case}/instellingen");
    let answer = v.fill(&results, &settings, &[("objective", "value")]).await;
    let body = answer.expect(StatusCode::UNPROCESSABLE_ENTITY, "MCA without criteria");
    assert!(
        body.contains(
            "id=\"objective-fout\">Kiezen op MCA-waarde kan pas als de afweging criteria heeft."
        ),
        "{body}"
    );

    // With a budget the portfolio says it weighs only euros.
    saves(
        &v,
        &results,
        &settings,
        &[
            ("budget_actor", "corporatie"),
            ("budget_max", "2.000.000"),
            ("budget_from", y),
            ("budget_to", y),
        ],
    )
    .await;
    let page = v.page(&results).await;
    assert!(
        page.contains("De portefeuille kiest alleen op het maatschappelijk saldo in euro"),
        "{page}"
    );

    // With a criterion that tells the options apart it can choose on the
    // MCA value, and says so.
    saves(
        &v,
        &format!("{case}/weging"),
        &format!("{case}/criteria"),
        &[
            ("criterion_name", "Leefbaarheid"),
            ("criterion_direction", "max"),
        ],
    )
    .await;
    saves(&v, &effects, &effects, &[("score.leefbaarheid", "5")]).await;
    saves(&v, &results, &settings, &[("objective", "value")]).await;
    assert_eq!(stored(&v, &case).await["portfolio_objective"], "value");
    let page = v.page(&results).await;
    assert!(
        page.contains("De portefeuille kiest hier op de MCA-waarde"),
        "{page}"
    );
    assert!(page.contains("scope=\"col\">MCA-waarde</th>"), "{page}");
    assert!(
        page.contains("Beste combinatie: <strong>Renovatie</strong>"),
        "{page}"
    );
}
per_backend!(the_results_step_states_and_changes_its_rules);
