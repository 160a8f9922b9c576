//! The gebiedsatelier in process, on SQLite and PostgreSQL: opened on a
//! wijk from the monitor before any afweging exists, phones pin problems
//! on its map and choose the buurten that come first, the facilitator
//! makes a problem of pins, and the closed atelier starts an afweging with
//! that problem, its owner and who raised it.

use axum::http::StatusCode;
use wikken_test_support::html;
use wikken_test_support::in_process::{InProcess, Visitor};
use wikken_test_support::per_backend;

fn join_code(page: &str) -> String {
    let at = page.find("class=\"join-code\">").expect("a join code") + "class=\"join-code\">".len();
    page[at..at + 6].to_string()
}

async fn join<'a>(app: &'a InProcess, code: &str, name: &str, role: &str) -> Visitor<'a> {
    let phone = app.visitor();
    let form = html::form(
        &phone.page(&format!("/doe-mee?code={code}")).await,
        "/doe-mee",
    );
    let details = phone.submit(&form).await;
    let mut form = html::form(details.expect(StatusCode::OK, "code"), "/doe-mee/aanmelden");
    form.set("naam", name).tick("rol", role);
    phone.submit(&form).await.redirect("joined");
    phone
}

async fn steer(staff: &Visitor<'_>, w: &str, round: &str, action: &str) {
    let page = staff.page(w).await;
    let form = html::forms(&page)
        .into_iter()
        .find(|f| f.action == format!("{w}/rondes/{round}") && f.get("actie") == Some(action))
        .unwrap_or_else(|| panic!("a button to {action} {round}"));
    staff.submit(&form).await.redirect(action);
}

async fn a_gebiedsatelier_starts_an_afweging(url: String) {
    let app = InProcess::start(&url).await;
    let staff = app.logged_in("strateeg").await;
    let buurt = wikken_test_support::first_buurt();
    let wijk = format!("WK{}", &buurt[2..8]);
    assert!(
        staff
            .page(&format!("/gebied/{wijk}"))
            .await
            .contains(&format!("/gebied/{wijk}/werkatelier"))
    );
    let form = staff
        .form(
            &format!("/gebied/{wijk}/werkatelier"),
            &format!("/gebied/{wijk}/werkatelier"),
        )
        .await;
    let w = staff.submit(&form).await.redirect("opened").to_string();
    let code = join_code(&staff.page(&w).await);
    let a = join(&app, &code, "Ans", "gemeente").await;
    let b = join(&app, &code, "Bram", "huurders").await;
    steer(&staff, &w, "spelden", "starten").await;
    steer(&staff, &w, "voorselectie", "starten").await;

    // A pin in a buurt of the wijk; a pin elsewhere is refused.
    let page = a.page("/doe-mee/atelier").await;
    assert!(
        page.contains("Welke buurten eerst?"),
        "the voorselectie ranks buurten"
    );
    let inside = page
        .split("data-code=\"")
        .nth(1)
        .map(|r| r.split('"').next().unwrap().to_string())
        .expect("the wijk's map");
    let mut pin = html::form(&page, "/doe-mee/spelden");
    pin.set("x", "0.5")
        .set("y", "0.5")
        .set("gebied", &inside)
        .set("tekst", "Donker pad bij de school");
    pin.tick("categorie", "veiligheid");
    a.submit(&pin).await.redirect("pin");
    let mut elsewhere = html::form(&a.page("/doe-mee/atelier").await, "/doe-mee/spelden");
    elsewhere
        .set("x", "0.5")
        .set("y", "0.5")
        .set("gebied", "BU00000000")
        .set("tekst", "Ergens anders");
    elsewhere.tick("categorie", "veiligheid");
    let refused = a.submit(&elsewhere).await;
    assert!(
        refused
            .expect(StatusCode::UNPROCESSABLE_ENTITY, "elsewhere")
            .contains("niet in het gebied")
    );

    // The other phone sees the pin at once and agrees.
    let seen = b.page("/doe-mee/atelier").await;
    assert!(
        seen.contains("Donker pad bij de school"),
        "pins are not blind"
    );
    let react = html::forms(&seen)
        .into_iter()
        .find(|f| f.action.ends_with("/reactie"))
        .expect("a reaction form");
    let mut fields = react.fields.clone();
    fields.push(("oordeel".into(), "eens".into()));
    b.post(&react.action, &fields).await.redirect("agreed");

    // Both choose buurten.
    for phone in [&a, &b] {
        let mut f = html::form(
            &phone.page("/doe-mee/atelier").await,
            "/doe-mee/antwoord/voorselectie",
        );
        f.tick("kies", &inside);
        phone.submit(&f).await.redirect("picked");
    }

    // The facilitator makes a problem of the pin, owned by the gemeente.
    let control = staff.page(&w).await;
    let mut merge = html::form(&control, &format!("{w}/spelden"));
    let pin_id = control
        .split("name=\"speld\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    merge
        .tick("speld", &pin_id)
        .set("probleem", "Onveilige route naar school")
        .set("eigenaar", "gemeente");
    staff.submit(&merge).await.redirect("merged");

    // The big screen shows the wijk's signal.
    let screen = staff.page(&format!("{w}/scherm")).await;
    assert!(
        screen.contains("Signaal uit de wijkmonitor"),
        "the signal is on the big screen"
    );

    steer(&staff, &w, "voorselectie", "onthullen").await;
    let close = html::form(&staff.page(&w).await, &format!("{w}/afsluiten"));
    staff.submit(&close).await.redirect("closed");

    // Start the afweging: the most chosen buurt is offered first.
    let closed = staff.page(&w).await;
    let mut start = html::form(&closed, &format!("{w}/afweging"));
    assert_eq!(
        start.get("gebied"),
        Some(inside.as_str()),
        "the most chosen buurt first"
    );
    start.set("vraag", "Wat doen we aan de route naar school?");
    let case = staff.submit(&start).await.redirect("afweging").to_string();
    let doc: serde_json::Value =
        serde_json::from_str(&staff.page(&format!("{case}/afweging.json")).await).unwrap();
    assert_eq!(doc["question"], "Wat doen we aan de route naar school?");
    assert_eq!(doc["area"]["code"], inside.as_str());
    assert_eq!(doc["participants"][0]["name"], "Gemeente");
    assert_eq!(doc["problems"][0]["text"], "Onveilige route naar school");
    assert_eq!(doc["problems"][0]["raised_by"]["Gemeente"], 1);
    // Only once.
    let again = staff.submit(&start).await;
    assert_eq!(
        again.location.as_deref(),
        Some(case.as_str()),
        "a second start leads to the same afweging"
    );
    assert_eq!(app.store.cases(&app.org).await.unwrap().len(), 1);
}

per_backend!(a_gebiedsatelier_starts_an_afweging);
