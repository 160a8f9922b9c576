//! Walks an afweging through its steps with plain form posts, as a
//! strateeg would: question, parties, problems, nulalternatief, options
//! from the catalogue and from scratch, effects, criteria, weights, budget.

use reqwest::StatusCode;
use wikken_core::case::catalogue::default_templates;
use wikken_core::model::Category;

use crate::Browser;

/// Posts a form on a case page and expects a redirect (the change was saved).
pub async fn post_ok(b: &Browser, page: &str, path: &str, fields: &[(&str, &str)]) {
    let r = b.post_form(page, path, fields).await;
    let status = r.status();
    let body = r.text().await.unwrap();
    assert_eq!(status, StatusCode::SEE_OTHER, "POST {path}: {body}");
}

/// The key of the first default template of a category.
pub fn template_key(category: Category) -> String {
    default_templates()
        .into_iter()
        .find(|t| t.category == category)
        .expect("a template of the category")
        .key
}

/// Starts an afweging about `area` and fills every step up to the
/// results; returns its id.
pub async fn build_case(b: &Browser, area: &str) -> String {
    let r = b
        .post_form(
            "/afwegingen/nieuw",
            "/afwegingen/nieuw",
            &[
                ("question", "Hoe keren we de neergang in deze buurt?"),
                ("gebied", area),
                ("level", "wijk"),
                ("moment", "2027-03-01"),
                ("start_year", "2027"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
    let url = r.headers()["location"].to_str().unwrap().to_string();
    let id = url.trim_start_matches("/afwegingen/").to_string();
    for (name, role) in [
        ("Woonstichting Lindeveen", "eigenaar"),
        ("Gemeente Lindeveen", "beslisser"),
        ("Huurdersvereniging De Linde", "adviseur"),
    ] {
        post_ok(
            b,
            &url,
            &format!("{url}/deelnemers"),
            &[("participant_name", name), ("participant_role", role)],
        )
        .await;
    }
    post_ok(
        b,
        &url,
        &format!("{url}/problemen"),
        &[
            ("problem_text", "Veel overlast en vervuiling"),
            ("problem_owner", "gemeente-lindeveen"),
        ],
    )
    .await;
    post_ok(
        b,
        &url,
        &format!("{url}/problemen"),
        &[
            ("problem_text", "Hoge woonlasten"),
            ("problem_owner", "huurdersvereniging-de-linde"),
        ],
    )
    .await;
    post_ok(
        b,
        &format!("{url}/nulalternatief"),
        &format!("{url}/nulalternatief"),
        &[
            (
                "description",
                "Zonder nieuw beleid stijgen mutaties en overlast verder.",
            ),
            ("assumptions", "Regulier onderhoud loopt door."),
        ],
    )
    .await;
    let opties = format!("{url}/opties");
    post_ok(
        b,
        &opties,
        &format!("{url}/opties/catalogus"),
        &[("template", &template_key(Category::Sociaal))],
    )
    .await;
    post_ok(
        b,
        &opties,
        &format!("{url}/opties/catalogus"),
        &[
            ("template", &template_key(Category::Stenen)),
            ("quantity", "40"),
        ],
    )
    .await;
    post_ok(
        b,
        &opties,
        &format!("{url}/opties/nieuw"),
        &[
            ("option_name", "Buurtkamer"),
            ("option_category", "sociaal"),
        ],
    )
    .await;
    post_ok(
        b,
        &format!("{url}/effecten/buurtkamer"),
        &format!("{url}/effecten/buurtkamer"),
        &[
            ("name", "Buurtkamer"),
            ("f0.actor", "corporatie"),
            ("f0.kind", "cost"),
            ("f0.label", "Huur en inrichting"),
            ("f0.amount", "25.000"),
            ("f0.from", "2027"),
            ("f0.to", "2031"),
            ("f0.dist", "triangular"),
            ("f0.low", "20.000"),
            ("f0.high", "35.000"),
            ("f1.actor", "gemeente"),
            ("f1.kind", "benefit"),
            ("f1.label", "Minder inzet wijkteam"),
            ("f1.amount", "30.000"),
            ("f1.from", "2028"),
            ("f1.to", "2031"),
            ("f1.dw", "20"),
            ("f1.at", "25"),
            ("f1.dp", "0"),
            ("f1.do", "10"),
            ("f1.dist", "pert"),
            ("f1.low", "10.000"),
            ("f1.high", "50.000"),
            ("pm0.label", "Meer sociale samenhang"),
            ("pm0.actor", "huurders"),
            ("pm0.sign", "+"),
            ("note", "Eigen raming"),
        ],
    )
    .await;
    let weging = format!("{url}/weging");
    post_ok(
        b,
        &weging,
        &format!("{url}/criteria"),
        &[
            ("criterion_name", "Leefbaarheid"),
            ("criterion_direction", "max"),
        ],
    )
    .await;
    post_ok(
        b,
        &weging,
        &format!("{url}/criteria"),
        &[
            ("criterion_name", "Uitvoeringsrisico"),
            ("criterion_direction", "min"),
        ],
    )
    .await;
    post_ok(
        b,
        &weging,
        &format!("{url}/criteria"),
        &[
            ("criterion_name", "Draagvlak"),
            ("criterion_direction", "max"),
        ],
    )
    .await;
    post_ok(
        b,
        &weging,
        &format!("{url}/weging"),
        &[
            ("gedeeld.method", "points"),
            ("gedeeld.w.leefbaarheid", "50"),
            ("gedeeld.w.uitvoeringsrisico", "20"),
            ("gedeeld.w.draagvlak", "30"),
        ],
    )
    .await;
    post_ok(
        b,
        &weging,
        &format!("{url}/weging/partij/huurdersvereniging-de-linde"),
        &[
            ("partij.huurdersvereniging-de-linde.method", "ahp"),
            ("partij.huurdersvereniging-de-linde.ahp.0.1", "3"),
            ("partij.huurdersvereniging-de-linde.ahp.0.2", "-3"),
            ("partij.huurdersvereniging-de-linde.ahp.1.2", "-5"),
        ],
    )
    .await;
    post_ok(
        b,
        &weging,
        &format!("{url}/weging/partij/gemeente-lindeveen"),
        &[
            ("partij.gemeente-lindeveen.method", "direct"),
            ("partij.gemeente-lindeveen.w.leefbaarheid", "1"),
            ("partij.gemeente-lindeveen.w.uitvoeringsrisico", "3"),
            ("partij.gemeente-lindeveen.w.draagvlak", "1"),
        ],
    )
    .await;
    post_ok(
        b,
        &format!("{url}/resultaten"),
        &format!("{url}/instellingen"),
        &[
            ("start_year", "2027"),
            ("horizon", "15"),
            ("rate", "2,25"),
            ("iterations", "2000"),
            ("budget_actor", "corporatie"),
            ("budget_max", "2.500.000"),
            ("budget_from", "2027"),
            ("budget_to", "2031"),
        ],
    )
    .await;
    id
}
