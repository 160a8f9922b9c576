//! The werkatelier in process, on SQLite and PostgreSQL: a facilitator
//! opens one on the demo afweging, three phones join without an account,
//! answer blind, see the outcome only once revealed, revise once with a
//! reason, and the closed werkatelier's weightings land in the afweging as
//! one change. Also: what a phone can and cannot reach.

use axum::http::StatusCode;
use wikken_core::werkatelier::{evaluate_answers, parse_answers};
use wikken_storage::WorkshopId;
use wikken_test_support::html::{self, Form};
use wikken_test_support::in_process::{InProcess, Visitor};
use wikken_test_support::per_backend;

/// The demo afweging (Vogelbuurt) stored for the organisation; its id.
async fn demo_case(app: &InProcess) -> String {
    use wikken_core::case::catalogue::default_templates;
    use wikken_core::case::demo::{DemoSubject, demo_case};
    let doc = demo_case(
        &DemoSubject {
            buurt: &wikken_test_support::first_buurt(),
            buurt_name: "Vogelbuurt",
            gemeente_name: "Lindeveen",
            corporation_name: "Woonstichting Lindeveen",
            complexes: &[],
            start_year: 2027,
        },
        &default_templates(),
    );
    let user = wikken_storage::EventUser {
        id: "test".into(),
        name: "Test".into(),
    };
    app.store
        .create_case(&app.org, &user, &doc)
        .await
        .unwrap()
        .to_string()
}

/// The join code on the facilitator's page.
fn join_code(page: &str) -> String {
    let at = page.find("class=\"join-code\">").expect("a join code") + "class=\"join-code\">".len();
    page[at..at + 6].to_string()
}

/// Opens a werkatelier with 100 punten, paarsgewijs and voorselectie for
/// huurders, gemeente and bewoners (shown from 1 participant); its path.
async fn open(staff: &Visitor<'_>, case: &str) -> String {
    let page = staff
        .page(&format!("/afwegingen/{case}/werkateliers"))
        .await;
    let mut form = html::form(&page, &format!("/afwegingen/{case}/werkateliers"));
    form.set("titel", "Werkatelier test");
    form.clear("ronde");
    for r in ["punten", "paarsgewijs", "voorselectie"] {
        form.tick("ronde", r);
    }
    form.clear("rol");
    for r in ["huurders", "gemeente", "bewoners"] {
        form.tick("rol", r);
    }
    form.set("min_rol", "1");
    staff.submit(&form).await.redirect("opened").to_string()
}

/// A phone that joins with `code` as `name` in `role`.
async fn join<'a>(app: &'a InProcess, code: &str, name: &str, role: &str) -> Visitor<'a> {
    let phone = app.visitor();
    let page = phone.page(&format!("/doe-mee?code={code}")).await;
    let form = html::form(&page, "/doe-mee");
    assert_eq!(
        form.get("code"),
        Some(code),
        "the QR code's code is filled in"
    );
    let details = phone.submit(&form).await;
    let mut form = html::form(details.expect(StatusCode::OK, "code"), "/doe-mee/aanmelden");
    form.set("naam", name).tick("rol", role);
    assert_eq!(
        phone.submit(&form).await.redirect("joined"),
        "/doe-mee/atelier"
    );
    phone
}

async fn steer(staff: &Visitor<'_>, w: &str, round: &str, action: &str) {
    let page = staff.page(w).await;
    let forms = html::forms(&page);
    let form = forms
        .iter()
        .find(|f| f.action == format!("{w}/rondes/{round}") && f.get("actie") == Some(action))
        .unwrap_or_else(|| panic!("a button to {action} {round}"));
    staff.submit(form).await.redirect(action);
}

async fn answer_form(phone: &Visitor<'_>, round: &str) -> Form {
    html::form(
        &phone.page("/doe-mee/atelier").await,
        &format!("/doe-mee/antwoord/{round}"),
    )
}

fn points(form: &mut Form, values: &[u32]) {
    let names: Vec<String> = form
        .fields
        .iter()
        .filter(|(n, _)| n.starts_with("p_"))
        .map(|(n, _)| n.clone())
        .collect();
    assert_eq!(names.len(), values.len(), "{names:?}");
    for (n, v) in names.iter().zip(values) {
        form.set(n, &v.to_string());
    }
}

async fn a_whole_werkatelier_in_process(url: String) {
    let app = InProcess::start(&url).await;
    let staff = app.logged_in("strateeg").await;
    let case = demo_case(&app).await;
    let criteria = app
        .store
        .case_version(&app.org, &case.as_str().into(), None)
        .await
        .unwrap()
        .unwrap()
        .doc
        .criteria
        .len();
    let w = open(&staff, &case).await;
    let control = staff.page(&w).await;
    let code = join_code(&control);

    // A wrong code says so and keeps what was typed.
    let stranger = app.visitor();
    let mut form = html::form(&stranger.page("/doe-mee").await, "/doe-mee");
    form.set("code", "ZZZZZZ");
    let refused = stranger.submit(&form).await;
    let body = refused.expect(StatusCode::NOT_FOUND, "wrong code");
    assert!(body.contains("Deze code kennen we niet"), "{body}");
    assert!(body.contains("value=\"ZZZZZZ\""));

    let fatima = join(&app, &code, "Fatima", "huurders").await;
    let ans = join(&app, &code, "Ans", "gemeente").await;
    let joke = join(&app, &code, "Joke", "bewoners").await;

    // Nothing to answer before the round starts.
    assert!(
        !fatima
            .page("/doe-mee/atelier")
            .await
            .contains("/doe-mee/antwoord/punten")
    );
    steer(&staff, &w, "punten", "starten").await;

    // Points must add up to 100; the refusal keeps what was typed.
    let mut form = answer_form(&fatima, "punten").await;
    let mut short = vec![10; criteria];
    short[0] = 100 - 10 * criteria as u32;
    points(&mut form, &short);
    let refused = fatima.submit(&form).await;
    assert!(
        refused
            .expect(StatusCode::UNPROCESSABLE_ENTITY, "90 points")
            .contains("nog 10 te verdelen")
    );
    let mut mine = vec![0; criteria];
    mine[0] = 70;
    mine[1] = 30;
    let mut form = answer_form(&fatima, "punten").await;
    points(&mut form, &mine);
    fatima.submit(&form).await.redirect("points");
    // The same form again (a retry) is counted once.
    fatima.submit(&form).await.redirect("retry");
    let wid = WorkshopId(w.trim_start_matches("/werkateliers/").to_string());
    assert_eq!(app.store.workshop_answers(&wid).await.unwrap().len(), 1);

    for (phone, first) in [(&ans, 20), (&joke, 40)] {
        let mut v = vec![0; criteria];
        v[0] = first;
        v[1] = 100 - first;
        let mut form = answer_form(phone, "punten").await;
        points(&mut form, &v);
        phone.submit(&form).await.redirect("points");
    }

    // Blind: nobody sees figures before the reveal, by any route.
    for path in [
        format!("{w}/inhoud?weergave=scherm"),
        format!("{w}/scherm"),
        w.clone(),
    ] {
        let page = staff.page(&path).await;
        assert!(page.contains("3 van 3 beantwoord"), "{path}: {page}");
        assert!(
            !page.contains("Gewichten uit 100 punten"),
            "{path} shows no weights yet"
        );
    }
    for phone in [&fatima, &ans] {
        let page = phone.page("/doe-mee/atelier/inhoud").await;
        assert!(
            !page.contains("Gewichten uit"),
            "a phone sees no outcome yet"
        );
        assert!(!page.contains("70 %"));
    }
    let file: String = staff.page(&format!("{w}/antwoorden.json")).await;
    assert!(
        !file.contains("\"points\""),
        "the export holds only shown rounds: {file}"
    );
    // A phone reaches no page of the organisation, and no other phone's answer.
    for path in [
        w.clone(),
        format!("{w}/scherm"),
        format!("{w}/inhoud"),
        format!("{w}/antwoorden.json"),
        format!("{w}/stroom"),
        "/afwegingen".into(),
    ] {
        let a = ans.get(&path).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{path}");
        assert!(
            a.location.as_deref().unwrap_or("").starts_with("/inloggen"),
            "{path}"
        );
    }
    // A revision before the reveal is refused.
    let mut form = answer_form(&fatima, "punten").await;
    form.fields.push(("herzien".into(), "1".into()));
    form.fields.push(("reden".into(), "te vroeg".into()));
    fatima
        .submit(&form)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY, "early revision");

    // Pairwise: contradictory comparisons are pointed out on the phone.
    steer(&staff, &w, "paarsgewijs", "starten").await;
    let mut form = answer_form(&ans, "paarsgewijs").await;
    form.set("a_0_1", "9").set("a_1_2", "9").set("a_0_2", "-9");
    ans.submit(&form).await.redirect("pairs");
    let page = ans.page("/doe-mee/atelier").await;
    assert!(
        page.contains("boven 0,10"),
        "the phone shows its own consistency"
    );
    assert!(
        page.contains("Kijk eerst naar"),
        "and the pair to look at again"
    );

    steer(&staff, &w, "punten", "onthullen").await;
    let shown = fatima.page("/doe-mee/atelier").await;
    assert!(
        shown.contains("Gewichten uit 100 punten"),
        "revealed to the phone"
    );
    assert!(shown.contains("Waarom herzie je je antwoord?"));
    // One revision, with a reason.
    let forms = html::forms(&shown);
    let mut revise = forms
        .iter()
        .find(|f| f.action == "/doe-mee/antwoord/punten" && f.get("herzien") == Some("1"))
        .expect("a revision form")
        .clone();
    revise.set("reden", "");
    fatima
        .submit(&revise)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY, "no reason");
    let mut v = vec![0; criteria];
    v[0] = 50;
    v[1] = 50;
    points(&mut revise, &v);
    revise.set("reden", "Na het gesprek over de huren");
    fatima.submit(&revise).await.redirect("revised");
    let page = staff.page(&w).await;
    assert!(page.contains("1 herzien"), "{page}");
    assert!(
        fatima
            .page("/doe-mee/atelier")
            .await
            .contains("Je hebt je antwoord herzien")
    );

    // The export recomputes the screen's figures.
    let file = staff.page(&format!("{w}/antwoorden.json")).await;
    let answers = parse_answers(&file).expect("the export follows the spec");
    assert_eq!(answers.answers.len(), 3);
    assert!(!file.contains("Fatima"), "no names in the export");
    let result = evaluate_answers(&answers);
    let combined = &result.points.as_ref().unwrap().combined;
    assert!((combined.values().sum::<f64>() - 1.0).abs() < 1e-9);

    // Closing writes the weightings into the afweging as one change.
    let page = staff.page(&w).await;
    let close = html::form(&page, &format!("{w}/afsluiten"));
    staff.submit(&close).await.redirect("closed");
    let doc = app
        .store
        .case_version(&app.org, &case.as_str().into(), None)
        .await
        .unwrap()
        .unwrap()
        .doc;
    let holders: Vec<&str> = doc
        .workshop_weightings()
        .map(|w| w.holder.as_str())
        .collect();
    assert_eq!(
        holders,
        [
            "Werkatelier test: Gemeente (n = 1)",
            "Werkatelier test: Huurders (n = 1)",
            "Werkatelier test: Bewoners (n = 1)",
            "Werkatelier test: samen (n = 3)",
        ]
        .into_iter()
        .filter(|h| holders.contains(h))
        .collect::<Vec<_>>()
    );
    assert_eq!(holders.len(), 4, "{holders:?}");
    let results = staff.page(&format!("/afwegingen/{case}/resultaten")).await;
    assert!(
        results.contains("Werkatelier test: samen (n = 3)"),
        "the results show it"
    );
    // Closing twice changes nothing; the code stops working.
    staff.submit(&close).await.redirect("closed again");
    let again = app
        .store
        .case_version(&app.org, &case.as_str().into(), None)
        .await
        .unwrap()
        .unwrap()
        .doc;
    assert_eq!(again.workshops.len(), 1);
    let mut form = html::form(&stranger.page("/doe-mee").await, "/doe-mee");
    form.set("code", &code);
    stranger
        .submit(&form)
        .await
        .expect(StatusCode::NOT_FOUND, "closed code");
    let late = joke.submit(&answer_form_after_close(&fatima).await).await;
    assert_ne!(
        late.status,
        StatusCode::SEE_OTHER,
        "nothing more is counted"
    );
    assert!(fatima.page("/doe-mee/atelier").await.contains("afgesloten"));
}

/// A form a phone still had open when the werkatelier closed.
async fn answer_form_after_close(phone: &Visitor<'_>) -> Form {
    let mut f = Form {
        action: "/doe-mee/antwoord/voorselectie".into(),
        fields: Vec::new(),
    };
    let page = phone.page("/doe-mee/atelier").await;
    let csrf = page
        .split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("")
        .to_string();
    f.fields.push(("_csrf".into(), csrf));
    f.fields.push(("client".into(), "late-1".into()));
    f.fields.push(("kies".into(), "buurtbeheerder".into()));
    f
}

async fn a_phone_form_from_elsewhere_is_refused(url: String) {
    let app = InProcess::start(&url).await;
    let staff = app.logged_in("strateeg").await;
    let case = demo_case(&app).await;
    let w = open(&staff, &case).await;
    let code = join_code(&staff.page(&w).await);
    let phone = join(&app, &code, "Kees", "huurders").await;
    steer(&staff, &w, "punten", "starten").await;
    let mut form = answer_form(&phone, "punten").await;
    form.set("_csrf", "niet-het-token");
    let a = phone.submit(&form).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    // Another phone's token is not this phone's.
    let other = join(&app, &code, "Nina", "huurders").await;
    let theirs = answer_form(&other, "punten").await;
    form.set("_csrf", theirs.get("_csrf").unwrap());
    assert_eq!(phone.submit(&form).await.status, StatusCode::FORBIDDEN);
    // A lezer cannot steer.
    let reader = app.logged_in("lezer").await;
    let page = reader.page(&w).await;
    assert!(!page.contains("Starten"), "no buttons for a lezer");
    let token = html::forms(&page)
        .into_iter()
        .find_map(|f| f.get("_csrf").map(str::to_string));
    if let Some(t) = token {
        let a = reader
            .post(
                &format!("{w}/rondes/paarsgewijs"),
                &[("_csrf".into(), t), ("actie".into(), "starten".into())],
            )
            .await;
        assert_eq!(a.status, StatusCode::FORBIDDEN);
    }
}

per_backend!(
    a_whole_werkatelier_in_process,
    a_phone_form_from_elsewhere_is_refused
);
