//! Sturen in real browsers (headless Chromium): the corporation invites
//! the gemeente to the demo's draft prestatieafspraken, the gemeente's
//! person accepts the link in a browser of their own, approves the
//! afspraken for the gemeente and reports an action's status; the
//! corporation approves too, sees both lights on the dashboard, and opens
//! an afweging for a goal that lies far behind. Along the way no page has
//! a script error and the gemeente never reaches the corporation's
//! monitor. Artefacts: `afspraken-dashboard.png`, `afspraken-doel.png`
//! and `afspraken-partner.png`.
//!
//! Skips like `browser.rs` when Chromium is missing, unless
//! `WIKKEN_REQUIRE_BROWSER=1`.

use fantoccini::Client;
use wikken_core::goals::GoalStatus;
use wikken_test_support::browser::{
    self, choose, current_path, fill, find, js, log_in, press, screenshot, script_errors, text,
    wait_until,
};
use wikken_test_support::{PASSWORD, spawn_app, sqlite_url};

const GEMEENTE: &str = "Gemeente Lindeveen";

/// Clicks the submit button with exactly `label` inside the form whose
/// action ends with `action`, accepting its confirm dialog if it asks.
async fn submit(c: &Client, action: &str, label: &str) {
    js(c, "window.confirm = () => true;").await;
    press(c, &format!("form[action$='{action}']"), label).await;
}

#[tokio::test]
async fn the_gemeente_approves_reports_and_the_corporation_steers() {
    let Some(corporation) = browser::start().await else {
        return;
    };
    let Some(gemeente) = browser::start().await else {
        return;
    };
    let app = spawn_app(&sqlite_url()).await;
    let staff = wikken_storage::EventUser {
        id: "test".into(),
        name: "Sanne Strateeg".into(),
    };
    let (id, doc, _) = wikken_web::seed_agreement::draft_demo_agreement(
        &app.store,
        &app.org,
        &wikken_data::demo::demo(),
        &staff,
    )
    .await
    .expect("the demo afspraken");
    let url = format!("/prestatieafspraken/{id}");
    let far_behind = {
        let courses = wikken_test_support::agreement_statuses(&app.store, &app.org, &id).await;
        courses
            .into_iter()
            .find(|(_, s)| *s == GoalStatus::VerAchter)
            .map(|(goal, _)| goal)
            .expect("a goal far behind in the demo")
    };
    let lead_action = doc
        .actions
        .iter()
        .find(|a| a.lead == GEMEENTE)
        .expect("an action the gemeente leads")
        .clone();
    let address = app.address.clone();
    let email = app.email("strateeg");
    let (cc, gc) = (corporation.client.clone(), gemeente.client.clone());
    browser::run_all(vec![corporation, gemeente], async move {
        let (c, g) = (&cc, &gc);
        // The corporation invites the gemeente to the afspraken.
        c.goto(&format!("{address}/inloggen")).await.unwrap();
        log_in(c, &email, PASSWORD).await;
        c.goto(&format!("{address}/partners")).await.unwrap();
        fill(
            c,
            "form[action='/partners/uitnodigen'] #email",
            "wethouder@lindeveen.test",
        )
        .await;
        fill(
            c,
            "form[action='/partners/uitnodigen'] #organisatie",
            GEMEENTE,
        )
        .await;
        choose(c, "form[action='/partners/uitnodigen'] #soort", "gemeente").await;
        find(
            c,
            "form[action='/partners/uitnodigen'] #onderwerp-afspraken",
        )
        .await
        .click()
        .await
        .unwrap();
        choose(
            c,
            "form[action='/partners/uitnodigen'] #afspraken",
            id.as_str(),
        )
        .await;
        fill(c, "form[action='/partners/uitnodigen'] #partij", GEMEENTE).await;
        press(
            c,
            "form[action='/partners/uitnodigen']",
            "Uitnodigingslink maken",
        )
        .await;
        let link = text(c, "code.secret").await;
        assert!(link.contains("/uitnodiging/"), "{link}");

        // The gemeente's person accepts in their own browser.
        g.goto(&link).await.unwrap();
        fill(g, "#naam", "Wendy Wethouder").await;
        fill(g, "#wachtwoord", "Lindeveen-gemeente-2026").await;
        fill(g, "#herhaling", "Lindeveen-gemeente-2026").await;
        press(g, "main", "Account maken en aanvaarden").await;
        assert_eq!(current_path(g).await, "/partner");
        g.goto(&format!("{address}/prestatieafspraken"))
            .await
            .unwrap();
        press(g, "main", &doc.title).await;
        assert_eq!(current_path(g).await, url);
        assert!(
            text(g, "main")
                .await
                .contains(&format!("u kijkt mee namens {GEMEENTE}"))
        );
        submit(g, "/goedkeuren", &format!("Goedkeuren namens {GEMEENTE}")).await;
        wait_until(
            g,
            "document.body.innerText.includes('goedgekeurd door Wendy Wethouder')",
            "the gemeente's approval",
        )
        .await;

        // The gemeente reports on the action it leads.
        g.goto(&format!("{address}{url}/acties/{}", lead_action.id))
            .await
            .unwrap();
        choose(g, "#status", "gereed").await;
        fill(g, "#datum", "1-12-2026").await;
        fill(g, "#notitie", "Alle signalen binnen 10 werkdagen opgepakt").await;
        press(g, "main", "Stand melden").await;
        let page = text(g, "main").await;
        assert!(page.contains("gereed per 1-12-2026"), "{page}");
        assert!(
            page.contains("Wendy Wethouder"),
            "the report names who made it"
        );
        screenshot(g, 1280, "afspraken-partner.png").await;
        // The gemeente never reaches the corporation's own pages.
        g.goto(&format!("{address}/monitor")).await.unwrap();
        assert!(
            !text(g, "main").await.contains("Wijkmonitor"),
            "the monitor is closed to partners"
        );

        // The corporation approves too and sees both lights.
        c.goto(&format!("{address}{url}")).await.unwrap();
        submit(
            c,
            "/goedkeuren",
            "Goedkeuren namens Woonstichting Lindeveen (fictief)",
        )
        .await;
        let front = text(c, "main").await;
        for words in [
            "Doel op koers?",
            "Afspraak nagekomen?",
            "ver achter",
            "op koers",
            "te weinig gegevens",
            "goedgekeurd door Wendy Wethouder",
        ] {
            assert!(front.contains(words), "{words} on the dashboard");
        }
        screenshot(c, 1280, "afspraken-dashboard.png").await;

        // A goal far behind opens an afweging in one click.
        c.goto(&format!("{address}{url}/doelen/{far_behind}"))
            .await
            .unwrap();
        find(c, "figure.goal-chart-full svg").await;
        screenshot(c, 1280, "afspraken-doel.png").await;
        let steer = find(
            c,
            &format!("form[action$='/doelen/{far_behind}/bijsturen'] button"),
        )
        .await;
        browser::click_and_load(c, steer).await;
        let path = current_path(c).await;
        assert!(path.starts_with("/afwegingen/"), "the new afweging: {path}");
        c.goto(&format!("{address}{url}/doelen/{far_behind}"))
            .await
            .unwrap();
        assert!(
            text(c, "main").await.contains("Bijsturen:"),
            "the goal keeps the link"
        );

        for (who, client) in [("corporation", c), ("gemeente", g)] {
            let errors = script_errors(client).await;
            assert!(errors.is_empty(), "script errors for the {who}: {errors:?}");
        }
    })
    .await;
}
