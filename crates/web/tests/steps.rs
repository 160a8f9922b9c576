//! Every step of an afweging in process (the router called with
//! `oneshot`, no port): each step's page as a strateeg gets it, its forms
//! filled in as shown and submitted: a good form is saved (303 back to the
//! step, "Opgeslagen."), a bad one is refused (422) with the message next
//! to the field and the typed input kept. The structure of each page and
//! the JSON exports are `insta` snapshots (`tests/snapshots/`), so a change
//! in what a step offers shows up as a readable diff.

use axum::http::StatusCode;
use wikken_test_support::case_steps::template_key;
use wikken_test_support::html::{self, outline};
use wikken_test_support::{InProcess, Visitor, first_buurt, per_backend};

/// Submits the form to `action` on `page` with `fields` typed in, and
/// expects it saved: back to the step, which then says so.
async fn saves(v: &Visitor<'_>, page: &str, action: &str, fields: &[(&str, &str)]) -> String {
    let answer = v.fill(page, action, fields).await;
    let to = answer.redirect(&format!("POST {action}")).to_string();
    assert!(to.contains("opgeslagen"), "POST {action} → {to}");
    let shown = v.page(&to).await;
    assert!(shown.contains("Opgeslagen."), "{to} confirms the save");
    to
}

/// Submits the form to `action` on `page` with `fields` typed in, and
/// expects it refused with the page (422) saying `message`.
async fn refuses(
    v: &Visitor<'_>,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
    message: &str,
) -> String {
    let answer = v.fill(page, action, fields).await;
    let body = answer
        .expect(StatusCode::UNPROCESSABLE_ENTITY, &format!("POST {action}"))
        .to_string();
    assert!(
        body.contains(message),
        "POST {action} says {message:?}: {body}"
    );
    body
}

/// The page's outline, checked against its snapshot.
fn snapshot(name: &str, page: &str) {
    insta::assert_snapshot!(name, outline(page));
}

async fn every_step_in_process(url: String) {
    let app = InProcess::start(&url).await;
    let v = app.logged_in("strateeg").await;

    // New: a bad date is refused with the typed question kept.
    let new = v.page("/afwegingen/nieuw").await;
    snapshot("nieuw", &new);
    let question = "Hoe keren we de neergang in deze buurt?";
    let refused = refuses(
        &v,
        "/afwegingen/nieuw",
        "/afwegingen/nieuw",
        &[
            ("question", question),
            ("gebied", &first_buurt()),
            ("level", "wijk"),
            ("moment", "31-2-2027"),
        ],
        "datum",
    )
    .await;
    assert_eq!(
        html::form(&refused, "/afwegingen/nieuw").get("question"),
        Some(question)
    );
    // A level the form does not offer is named, not silently replaced.
    refuses(
        &v,
        "/afwegingen/nieuw",
        "/afwegingen/nieuw",
        &[
            ("question", question),
            ("gebied", &first_buurt()),
            ("level", "buurt"),
        ],
        "Kies een niveau uit de lijst: Portefeuille, Wijk, Complex.",
    )
    .await;
    let created = v
        .fill(
            "/afwegingen/nieuw",
            "/afwegingen/nieuw",
            &[
                ("question", question),
                ("gebied", &first_buurt()),
                ("level", "wijk"),
                ("moment", "1-3-2027"),
            ],
        )
        .await;
    let case = created.redirect("new afweging").to_string();
    let list = v.page("/afwegingen").await;
    assert!(
        list.contains("<td>Buurt Binnenstad</td>"),
        "the list names the area, not its code: {list}"
    );

    // Step 1: question, parties, problems.
    refuses(
        &v,
        &case,
        &format!("{case}/vraag"),
        &[("question", " ")],
        "vraag",
    )
    .await;
    saves(
        &v,
        &case,
        &format!("{case}/deelnemers"),
        &[
            ("participant_name", "Gemeente Lindeveen"),
            ("participant_role", "beslisser"),
        ],
    )
    .await;
    saves(
        &v,
        &case,
        &format!("{case}/deelnemers"),
        &[
            ("participant_name", "Huurdersvereniging De Linde"),
            ("participant_role", "adviseur"),
        ],
    )
    .await;
    saves(
        &v,
        &case,
        &format!("{case}/problemen"),
        &[
            ("problem_text", "Veel overlast en vervuiling"),
            ("problem_owner", "gemeente-lindeveen"),
        ],
    )
    .await;
    snapshot("1-vraag", &v.page(&case).await);

    // Step 2: the nulalternatief.
    let baseline = format!("{case}/nulalternatief");
    saves(
        &v,
        &baseline,
        &baseline,
        &[
            (
                "description",
                "Zonder nieuw beleid stijgen mutaties en overlast.",
            ),
            ("assumptions", "Regulier onderhoud loopt door."),
        ],
    )
    .await;
    snapshot("2-nulalternatief", &v.page(&baseline).await);

    // Step 3: options from the catalogue and from scratch.
    let options = format!("{case}/opties");
    saves(
        &v,
        &options,
        &format!("{case}/opties/catalogus"),
        &[(
            "template",
            &template_key(wikken_core::model::Category::Sociaal),
        )],
    )
    .await;
    saves(
        &v,
        &options,
        &format!("{case}/opties/catalogus"),
        &[
            (
                "template",
                &template_key(wikken_core::model::Category::Stenen),
            ),
            ("quantity", "40"),
        ],
    )
    .await;
    refuses(
        &v,
        &options,
        &format!("{case}/opties/nieuw"),
        &[("option_name", " "), ("option_category", "sociaal")],
        "naam",
    )
    .await;
    saves(
        &v,
        &options,
        &format!("{case}/opties/nieuw"),
        &[
            ("option_name", "Buurtkamer"),
            ("option_category", "sociaal"),
        ],
    )
    .await;
    snapshot("3-opties", &v.page(&options).await);

    // Step 4: effects of the option made from scratch.
    snapshot("4-effecten", &v.page(&format!("{case}/effecten")).await);
    let effects = format!("{case}/effecten/buurtkamer");
    refuses(
        &v,
        &effects,
        &effects,
        &[
            ("f0.actor", "corporatie"),
            ("f0.kind", "cost"),
            ("f0.label", "Huur en inrichting"),
            ("f0.amount", "twaalf"),
            ("f0.from", "2027"),
            ("f0.to", "2031"),
        ],
        "bedrag",
    )
    .await;
    saves(
        &v,
        &effects,
        &effects,
        &[
            ("f0.actor", "corporatie"),
            ("f0.kind", "cost"),
            ("f0.label", "Huur en inrichting"),
            ("f0.amount", "25.000"),
            ("f0.from", "2027"),
            ("f0.to", "2031"),
            ("f1.actor", "gemeente"),
            ("f1.kind", "benefit"),
            ("f1.label", "Minder inzet wijkteam"),
            ("f1.amount", "30.000"),
            ("f1.from", "2028"),
            ("f1.to", "2031"),
        ],
    )
    .await;
    snapshot("4-effecten-optie", &v.page(&effects).await);

    // Step 5: criteria and weights.
    let weighing = format!("{case}/weging");
    for (name, direction) in [("Leefbaarheid", "max"), ("Uitvoeringsrisico", "min")] {
        saves(
            &v,
            &weighing,
            &format!("{case}/criteria"),
            &[("criterion_name", name), ("criterion_direction", direction)],
        )
        .await;
    }
    refuses(
        &v,
        &weighing,
        &weighing,
        &[
            ("gedeeld.method", "points"),
            ("gedeeld.w.leefbaarheid", "50"),
            ("gedeeld.w.uitvoeringsrisico", "20"),
        ],
        "100",
    )
    .await;
    saves(
        &v,
        &weighing,
        &weighing,
        &[
            ("gedeeld.method", "points"),
            ("gedeeld.w.leefbaarheid", "70"),
            ("gedeeld.w.uitvoeringsrisico", "30"),
        ],
    )
    .await;
    snapshot("5-weging", &v.page(&weighing).await);

    // Step 6: results and their settings.
    let results = format!("{case}/resultaten");
    let settings = format!("{case}/instellingen");
    refuses(
        &v,
        &results,
        &settings,
        &[("iterations", "0")],
        "1 tot en met 1.000.000",
    )
    .await;
    saves(
        &v,
        &results,
        &settings,
        &[("iterations", "500"), ("rate", "2,25")],
    )
    .await;
    snapshot("6-resultaten", &v.page(&results).await);

    // Step 7: the besluit, refused without a rationale, then taken.
    let decision = format!("{case}/besluit");
    snapshot("7-besluit", &v.page(&decision).await);
    refuses(
        &v,
        &decision,
        &decision,
        &[("chosen", "buurtkamer"), ("rationale", " ")],
        "onderbouwing",
    )
    .await;
    let decided = v
        .fill(
            &decision,
            &decision,
            &[
                ("chosen", "buurtkamer"),
                ("rationale", "De buurtkamer past binnen het budget."),
            ],
        )
        .await;
    decided.redirect("besluit");

    // Step 8: the report, and the exports as files.
    snapshot("8-rapport", &v.page(&format!("{case}/rapport")).await);
    let whole: serde_json::Value =
        serde_json::from_str(&v.page(&format!("{case}/afweging.json")).await).unwrap();
    insta::assert_json_snapshot!("afweging.json", whole, {
        ".decision.decided_at" => "[tijd]",
        ".created" => "[datum]",
    });
    let model: serde_json::Value =
        serde_json::from_str(&v.page(&format!("{case}/model.json")).await).unwrap();
    insta::assert_json_snapshot!("model.json", model);
}
per_backend!(every_step_in_process);

async fn a_lezer_sees_every_step_but_changes_nothing(url: String) {
    let app = InProcess::start(&url).await;
    let strateeg = app.logged_in("strateeg").await;
    let case = strateeg.start_case("Wat doen we hier?").await;
    let shown = strateeg.form(&case, &format!("{case}/vraag")).await;
    let lezer = app.logged_in("lezer").await;
    for step in [
        "",
        "/nulalternatief",
        "/opties",
        "/effecten",
        "/weging",
        "/resultaten",
        "/besluit",
        "/rapport",
    ] {
        lezer.page(&format!("{case}{step}")).await;
    }
    // The strateeg's form, sent with the lezer's session and token.
    let mut form = shown.clone();
    let token = html::form(&lezer.page("/afwegingen").await, "/uitloggen");
    form.set("_csrf", token.get("_csrf").unwrap())
        .set("question", "Door de lezer");
    let answer = lezer.submit(&form).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert!(!strateeg.page(&case).await.contains("Door de lezer"));
}
per_backend!(a_lezer_sees_every_step_but_changes_nothing);

/// The afweging as stored, from its JSON export.
async fn stored(v: &Visitor<'_>, case: &str) -> serde_json::Value {
    serde_json::from_str(&v.page(&format!("{case}/afweging.json")).await).unwrap()
}

/// The ids in one list of the stored afweging (options by their spec id).
fn ids(doc: &serde_json::Value, list: &str) -> Vec<String> {
    doc[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            x["id"]
                .as_str()
                .or(x["spec"]["id"].as_str())
                .or(x["participant"].as_str())
                .unwrap()
                .to_string()
        })
        .collect()
}

async fn the_smaller_forms_of_every_step(url: String) {
    let app = InProcess::start(&url).await;
    let v = app.logged_in("strateeg").await;
    let case = v.start_case("Wat doen we hier?").await;
    for (name, role) in [("Gemeente", "beslisser"), ("Huurders", "adviseur")] {
        saves(
            &v,
            &case,
            &format!("{case}/deelnemers"),
            &[("participant_name", name), ("participant_role", role)],
        )
        .await;
    }
    saves(
        &v,
        &case,
        &format!("{case}/problemen"),
        &[("problem_text", "Overlast"), ("problem_owner", "gemeente")],
    )
    .await;

    // Step 1: removing a problem and a party.
    saves(&v, &case, &format!("{case}/problemen/p1/verwijderen"), &[]).await;
    saves(
        &v,
        &case,
        &format!("{case}/deelnemers/huurders/verwijderen"),
        &[],
    )
    .await;
    let doc = stored(&v, &case).await;
    assert!(ids(&doc, "problems").is_empty());
    assert_eq!(ids(&doc, "participants"), ["gemeente"]);

    // Step 3: quantity, pre-selection, package, removal.
    let options = format!("{case}/opties");
    for category in [
        wikken_core::model::Category::Stenen,
        wikken_core::model::Category::Sociaal,
    ] {
        saves(
            &v,
            &options,
            &format!("{case}/opties/catalogus"),
            &[("template", &template_key(category))],
        )
        .await;
    }
    let stenen = ids(&stored(&v, &case).await, "options")[0].clone();
    let quantity = format!("{case}/opties/{stenen}/aantal");
    refuses(
        &v,
        &options,
        &quantity,
        &[(&format!("quantity.{stenen}"), "veel")],
        "&quot;veel&quot; is geen aantal.",
    )
    .await;
    saves(
        &v,
        &options,
        &quantity,
        &[(&format!("quantity.{stenen}"), "50")],
    )
    .await;
    let shown = v.page(&options).await;
    assert_eq!(
        html::form(&shown, &quantity).get(&format!("quantity.{stenen}")),
        Some("50")
    );
    let preselect = format!("{case}/voorselectie");
    let mut form = html::form(&shown, &preselect);
    form.clear(&format!("houden.{stenen}"));
    v.submit(&form).await.redirect("voorselectie");
    let doc = stored(&v, &case).await;
    let kept: Vec<bool> = doc["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["shortlisted"].as_bool().unwrap())
        .collect();
    assert_eq!(kept, [false, true], "only the untouched box is kept");
    let both = ids(&doc, "options");
    let mut package = html::form(&v.page(&options).await, &format!("{case}/opties/pakket"));
    package
        .set("package_name", "Samen")
        .tick("member", &both[0])
        .tick("member", &both[1]);
    v.submit(&package).await.redirect("pakket");
    assert_eq!(ids(&stored(&v, &case).await, "options").len(), 3);
    // "Verwijderen" submits the pre-selection form to its own address; an
    // option in a package stays, and its row says why.
    let mut remove = html::form(&v.page(&options).await, &preselect);
    remove.action = format!("{case}/opties/{}/verwijderen", both[1]);
    let refused = v.submit(&remove).await;
    let body = refused.expect(StatusCode::UNPROCESSABLE_ENTITY, "a package member");
    let row_error = format!(
        "id=\"verwijderen-{}-fout\">Deze optie zit in het pakket Samen",
        both[1]
    );
    assert!(body.contains(&row_error), "{body}");
    // Each rendered form is applied once: the next removal takes a fresh one.
    for option in ["samen", &both[1]] {
        let mut remove = html::form(&v.page(&options).await, &preselect);
        remove.action = format!("{case}/opties/{option}/verwijderen");
        v.submit(&remove).await.redirect("verwijderen");
    }
    assert!(!ids(&stored(&v, &case).await, "options").contains(&both[1]));

    // Step 5: method, a party's weighing and its removal, a criterion removed.
    let weighing = format!("{case}/weging");
    for name in ["Leefbaarheid", "Kosten"] {
        saves(
            &v,
            &weighing,
            &format!("{case}/criteria"),
            &[("criterion_name", name), ("criterion_direction", "max")],
        )
        .await;
    }
    saves(
        &v,
        &weighing,
        &format!("{case}/mca"),
        &[("mca_method", "topsis")],
    )
    .await;
    let party = format!("{case}/weging/partij/gemeente");
    saves(
        &v,
        &weighing,
        &party,
        &[
            ("partij.gemeente.method", "direct"),
            ("partij.gemeente.w.leefbaarheid", "3"),
            ("partij.gemeente.w.kosten", "1"),
        ],
    )
    .await;
    let doc = stored(&v, &case).await;
    assert_eq!(doc["mca_method"], "topsis");
    assert_eq!(ids(&doc, "party_weights"), ["gemeente"]);
    // "Eigen weging verwijderen" submits the party's form elsewhere.
    let mut remove = v.form(&weighing, &party).await;
    remove.action = format!("{party}/verwijderen");
    v.submit(&remove).await.redirect("eigen weging verwijderen");
    saves(
        &v,
        &weighing,
        &format!("{case}/criteria/kosten/verwijderen"),
        &[],
    )
    .await;
    let doc = stored(&v, &case).await;
    assert!(ids(&doc, "party_weights").is_empty());
    assert_eq!(ids(&doc, "criteria"), ["leefbaarheid"]);

    // Step 7: a besluit (after a nulalternatief and an option kept), then
    // a new version to work on.
    let baseline = format!("{case}/nulalternatief");
    saves(
        &v,
        &baseline,
        &baseline,
        &[("description", "Zonder beleid: achteruitgang.")],
    )
    .await;
    let mut keep = html::form(&v.page(&options).await, &preselect);
    keep.tick(&format!("houden.{stenen}"), "on");
    v.submit(&keep).await.redirect("voorselectie");
    let decision = format!("{case}/besluit");
    let chosen = ids(&doc, "options")[0].clone();
    v.fill(
        &decision,
        &decision,
        &[("chosen", &chosen), ("rationale", "Dit past het best.")],
    )
    .await
    .redirect("besluit");
    let frozen = v
        .fill(&case, &format!("{case}/vraag"), &[("question", "Later")])
        .await;
    frozen.expect(StatusCode::UNPROCESSABLE_ENTITY, "a decided version");
    let next = v
        .fill(&decision, &format!("{case}/nieuwe-versie"), &[])
        .await
        .redirect("nieuwe versie")
        .to_string();
    assert!(next.starts_with(&case), "{next}");
    saves(
        &v,
        &case,
        &format!("{case}/vraag"),
        &[("question", "Later")],
    )
    .await;
}
per_backend!(the_smaller_forms_of_every_step);
