//! Prestatieafspraken in process, on SQLite and PostgreSQL: a strateeg
//! starts them for the demo gemeente, adds goals (a goal that is not
//! measurable is refused, every reason at its field, the input kept) and
//! actions, reports progress, approves for the corporation; a lezer only
//! reads; a stale tab is refused without losing the input; the goals
//! export computes the same lights as the page.

mod partner_support;

use axum::http::StatusCode;
use partner_support::{accept_new, email, link_in};
use wikken_test_support::html;
use wikken_test_support::in_process::{InProcess, Visitor};
use wikken_test_support::per_backend;

/// Starts afspraken for the demo gemeente; their path.
async fn start(staff: &Visitor<'_>) -> String {
    let page = staff.page("/prestatieafspraken").await;
    let mut form = html::form(&page, "/prestatieafspraken");
    form.set("titel", "Prestatieafspraken Lindeveen 2026–2029")
        .set("eerste_jaar", "2026")
        .set("laatste_jaar", "2029")
        .set("huurders", "Huurdersvereniging De Linde");
    let to = staff.submit(&form).await.redirect("started").to_string();
    to.trim_end_matches("/doelen").to_string()
}

/// Fills the new-goal form of `url` with a hand-entered burgerpeiling
/// goal and `fields` on top.
async fn goal_form(staff: &Visitor<'_>, url: &str, fields: &[(&str, &str)]) -> html::Form {
    let page = staff.page(&format!("{url}/doelen")).await;
    let mut form = html::form(&page, &format!("{url}/doelen"));
    let buurt = wikken_test_support::first_buurt();
    form.set("thema", "leefbaarheid")
        .set("titel", "Bewoners waarderen hun buurt met minstens een 7")
        .set("indicator", "handmatig")
        .set("indicator.naam", "Burgerpeiling: oordeel over de buurt")
        .set("indicator.eenheid", "rapportcijfer")
        .set("gebied", &buurt)
        .set("richting", "up")
        .set("nulmeting.jaar", "2022")
        .set("nulmeting.waarde", "6,5")
        .set("streefwaarde.jaar", "2029")
        .set("streefwaarde.waarde", "7")
        .set("interval", "1");
    for (k, v) in fields {
        form.set(k, v);
    }
    form
}

async fn a_strateeg_makes_measurable_afspraken_and_the_parties_approve(url: String) {
    let app = InProcess::start(&url).await;
    let staff = app.logged_in("strateeg").await;
    let afspraken = start(&staff).await;

    // Not measurable: target year before the baseline, target on the wrong side.
    let form = goal_form(
        &staff,
        &afspraken,
        &[("streefwaarde.jaar", "2021"), ("streefwaarde.waarde", "6")],
    )
    .await;
    let answer = staff.submit(&form).await;
    let page = answer.expect(StatusCode::UNPROCESSABLE_ENTITY, "refused goal");
    assert!(
        page.contains("Het streefjaar moet na het jaar van de nulmeting liggen."),
        "{page}"
    );
    assert!(
        page.contains("moet de streefwaarde hoger dan de nulmeting zijn"),
        "{page}"
    );
    assert!(
        page.contains("Burgerpeiling: oordeel over de buurt"),
        "the input is kept"
    );
    assert!(
        page.contains("id=\"streefwaarde-jaar-fout\""),
        "the error sits at its field"
    );

    let form = goal_form(&staff, &afspraken, &[]).await;
    let page = staff.page(&format!("{afspraken}/doelen")).await;
    assert!(
        page.contains("value=\"lbm\""),
        "the Leefbaarometer can be a goal's indicator"
    );
    staff.submit(&form).await.redirect("goal added");
    for (year, value) in [("2023", "6,6"), ("2024", "6,8"), ("2025", "6,9")] {
        let page = staff.page(&format!("{afspraken}/doelen/d1")).await;
        let mut f = html::form(&page, &format!("{afspraken}/doelen/d1/cijfers"));
        f.set("jaar", year).set("waarde", value);
        staff.submit(&f).await.redirect("figure");
    }

    // An action with the gemeente as partner; a wrong date is refused.
    let page = staff.page(&format!("{afspraken}/agenda")).await;
    let mut action = html::form(&page, &format!("{afspraken}/acties"));
    action
        .set("jaar", "2026")
        .set("titel", "Achter-de-voordeurbezoeken in de buurt")
        .set("prestatie", "80 huisbezoeken")
        .set("rollen[0].taak", "plant en doet de bezoeken")
        .set("rollen[0].budget", "40.000")
        .set("rollen[1].taak", "schuldhulp na een bezoek")
        .set("rollen[1].budget", "25000")
        .tick("doelen", "d1");
    let kartrekker = action.get("kartrekker").unwrap().to_string();
    assert!(kartrekker.starts_with("Woonstichting"), "{kartrekker}");
    staff.submit(&action).await.redirect("action added");
    let page = staff.page(&format!("{afspraken}/acties/a2")).await;
    assert!(page.contains("€ 65.000"), "the budgets add up");
    let mut status = html::form(&page, &format!("{afspraken}/acties/a2/status"));
    status.set("status", "bezig").set("datum", "31-2-2026");
    let refused = staff.submit(&status).await;
    assert!(
        refused
            .expect(StatusCode::UNPROCESSABLE_ENTITY, "bad date")
            .contains("Vul een datum in als 1-3-2027.")
    );
    status
        .set("datum", "1-3-2026")
        .set("notitie", "20 van 80 gedaan");
    staff.submit(&status).await.redirect("status");

    // A stale tab: the goal form of before the figures were entered.
    let stale = goal_form(&staff, &afspraken, &[]).await;
    let mut stale = stale;
    stale.set("_revisie", "2");
    let answer = staff.submit(&stale).await;
    let page = answer.expect(StatusCode::UNPROCESSABLE_ENTITY, "stale");
    assert!(
        page.contains("Iemand anders heeft de afspraken intussen gewijzigd"),
        "{page}"
    );
    assert!(
        page.contains("Bewoners waarderen hun buurt"),
        "the input is kept"
    );

    // The lights on the front page agree with the goals file.
    let front = staff.page(&afspraken).await;
    let json = staff.page(&format!("{afspraken}/doelen.json")).await;
    let file = wikken_core::goals::read(&json).expect("the export reads as a goals file");
    let assessed = wikken_core::goals::assess(&file);
    assert_eq!(assessed.len(), 1);
    assert!(
        front.contains(assessed[0].status.label()),
        "{}",
        assessed[0].status.label()
    );
    assert_eq!(file.goals[0].observations.len(), 3);

    // A lezer reads but cannot change.
    let reader = app.logged_in("lezer").await;
    let page = reader.page(&afspraken).await;
    assert!(!page.contains("Goedkeuren namens"));
    let answer = reader
        .post(
            &format!("{afspraken}/goedkeuren"),
            &[("_csrf".into(), wikken_test_support::csrf_in(&page))],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);

    // The corporation approves; the others have not yet.
    let front = staff.page(&afspraken).await;
    let approve = html::form(&front, &format!("{afspraken}/goedkeuren"));
    staff.submit(&approve).await.redirect("approved");
    let front = staff.page(&afspraken).await;
    assert!(front.contains("goedgekeurd door"), "{front}");
    assert!(front.contains("concept, nog niet door alle partijen goedgekeurd"));
    assert!(
        !front.contains("Goedkeuren namens"),
        "approving twice is not offered"
    );

    // Another organisation does not find them.
    let other = InProcess::start(&url).await;
    let stranger = other.logged_in("beheerder").await;
    assert_eq!(stranger.get(&afspraken).await.status, StatusCode::NOT_FOUND);
}

/// The demo's draft afspraken for the app's organisation; their path.
async fn draft(app: &InProcess) -> String {
    let staff = wikken_storage::EventUser {
        id: "test".into(),
        name: "Sanne".into(),
    };
    let (id, ..) = wikken_web::seed_agreement::draft_demo_agreement(
        &app.store,
        &app.org,
        &wikken_data::demo::demo(),
        &staff,
    )
    .await
    .unwrap();
    format!("/prestatieafspraken/{id}")
}

async fn a_partner_works_as_its_own_party_and_never_changes_the_terms(url: String) {
    let app = InProcess::start(&url).await;
    let staff = app.logged_in("strateeg").await;
    let shared = draft(&app).await;
    let unshared = draft(&app).await;
    let id = shared.rsplit('/').next().unwrap();
    let answer = staff
        .fill(
            "/partners",
            "/partners/uitnodigen",
            &[
                ("email", &email("lindeveen.nl")),
                ("organisatie", "Gemeente Lindeveen"),
                ("soort", "gemeente"),
                ("onderwerp", "afspraken"),
                ("afspraken", id),
                ("partij", "gemeente lindeveen"),
            ],
        )
        .await;
    let link = link_in(answer.expect(StatusCode::OK, "invited"));
    let partner = app.visitor();
    accept_new(&partner, &link, "Wendy Wethouder").await;

    // Listed and readable; the other afspraken of the same corporation are not.
    let list = partner.page("/prestatieafspraken").await;
    assert!(
        list.contains(&shared) && !list.contains(&unshared),
        "{list}"
    );
    assert!(
        list.contains("Gemeente Lindeveen"),
        "the party the partner acts as"
    );
    let front = partner.page(&shared).await;
    assert!(front.contains("u kijkt mee namens"), "{front}");
    assert!(
        !front.contains("Partij toevoegen"),
        "no terms forms for a partner"
    );
    assert_eq!(partner.get(&unshared).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        partner.get(&format!("{unshared}/doelen.json")).await.status,
        StatusCode::NOT_FOUND
    );
    let file = partner.page(&format!("{shared}/doelen.json")).await;
    assert_eq!(
        wikken_core::goals::read(&file)
            .expect("a goals file")
            .goals
            .len(),
        6,
        "the partner gets the goals file of what is shared"
    );

    // The terms are the corporation's: a partner's new goal is refused.
    let csrf = wikken_test_support::csrf_in(&front);
    let answer = partner
        .post(
            &format!("{shared}/doelen"),
            &[
                ("_csrf".into(), csrf.clone()),
                ("thema".into(), "leefbaarheid".into()),
            ],
        )
        .await;
    assert_ne!(
        answer.status,
        StatusCode::SEE_OTHER,
        "no goal from a partner"
    );
    let v = app
        .store
        .agreement_version(&app.org, &wikken_storage::AgreementId::from(id), None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.doc.goals.len(), 6, "nothing changed");

    // Status only on its own actions.
    let theirs = v
        .doc
        .actions
        .iter()
        .find(|a| a.lead == "Gemeente Lindeveen")
        .unwrap();
    let other = v
        .doc
        .actions
        .iter()
        .find(|a| !a.roles.iter().any(|r| r.party == "Gemeente Lindeveen"))
        .unwrap();
    let page = partner.page(&format!("{shared}/acties/{}", other.id)).await;
    assert!(
        !page.contains("Stand melden"),
        "no status form on another party's action"
    );
    let answer = partner
        .post(
            &format!("{shared}/acties/{}/status", other.id),
            &[
                ("_csrf".into(), csrf.clone()),
                ("status".into(), "gereed".into()),
                ("datum".into(), "1-12-2026".into()),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = partner
        .page(&format!("{shared}/acties/{}", theirs.id))
        .await;
    let mut status = html::form(&page, &format!("{shared}/acties/{}/status", theirs.id));
    status
        .set("status", "bezig")
        .set("datum", "1-12-2026")
        .set("notitie", "gestart");
    partner.submit(&status).await.redirect("status");

    // A status report since the page was shown does not stale the approval
    // form (the terms are what is approved). Approval for its own party
    // only; the history names the person and party.
    let approve = html::form(&front, &format!("{shared}/goedkeuren"));
    partner.submit(&approve).await.redirect("approved");
    let front = staff.page(&shared).await;
    assert!(
        front.contains("goedgekeurd door Wendy Wethouder (Gemeente Lindeveen)"),
        "{front}"
    );
    assert!(
        front.contains("Voortgang"),
        "the status report is in the history"
    );
}

per_backend!(
    a_strateeg_makes_measurable_afspraken_and_the_parties_approve,
    a_partner_works_as_its_own_party_and_never_changes_the_terms,
);
