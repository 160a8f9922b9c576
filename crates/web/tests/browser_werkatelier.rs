//! A whole werkatelier in real browsers (headless Chromium): one
//! facilitator (1280 px, with the big screen in a second window at
//! 1600 px) and three phones (360 × 740), each its own browser with its
//! own cookies, on an afweging built with `build_case` (3 criteria, 3
//! shortlisted options, a buurt of the demo with boundaries).
//!
//! - The facilitator opens the werkatelier (spelden, punten, paarsgewijs,
//!   voorselectie; huurders, gemeente, bewoners; roles shown from 1
//!   participant; 2 picks).
//! - The phones join with the code from the control page, one after a
//!   wrong code (the page says so and keeps what was typed).
//! - Every round appears on the phones without them loading a page: the
//!   live region follows the event stream. Each wait for a round's form
//!   is followed by a check that the phone did not navigate.
//! - Spelden: a phone taps the map and pins a problem; the other phones
//!   and the control page see it live.
//! - Punten: a phone sends 90 points, sees the live counter say 10 are
//!   left and the server say "nog 10 te verdelen", and fixes it; the
//!   control page and the big screen count "3 van 3 beantwoord" live.
//! - Paarsgewijs: a phone's contradictory comparisons get the live
//!   consistency warning ("boven 0,10"), which goes once they are fixed.
//! - Reveal: the phones show "Wat de groep vindt" and a revision form; one
//!   revises with a reason and the control page says "1 herzien".
//! - Voorselectie: once a phone has ticked 2, the third box is disabled.
//! - Closing: the phones say "afgesloten" and the afweging's results show
//!   the werkatelier's weightings per role and together.
//!
//! Along the way no phone page is wider than 360 px and no page has a
//! script error. Artefacts: `werkatelier-scherm.png` (big screen after
//! the reveal, 1600 px) and `werkatelier-telefoon.png` (a phone, 360 px).
//!
//! Skips like `browser.rs` when Chromium is missing, unless
//! `WIKKEN_REQUIRE_BROWSER=1`.

use fantoccini::Client;
use fantoccini::wd::WindowHandle;
use wikken_test_support::browser::{
    self, TOO_WIDE, current_path, fill, find, js, log_in, press, screenshot, script_errors, text,
    value_of, wait_for_path, wait_until,
};
use wikken_test_support::case_steps::build_case;
use wikken_test_support::{PASSWORD, first_buurt, spawn_app, sqlite_url};

const TITLE: &str = "Werkatelier Lindeveen";
const CRITERIA: [&str; 3] = ["leefbaarheid", "uitvoeringsrisico", "draagvlak"];

/// A participant's phone.
struct Phone {
    c: Client,
    name: &'static str,
    role: &'static str,
    label: &'static str,
}

/// The facilitator's browser: the control page in one window, the big
/// screen in another.
struct Facilitator {
    c: Client,
    control: WindowHandle,
    screen: WindowHandle,
}

impl Facilitator {
    async fn on_control(&self) {
        self.c.switch_to_window(self.control.clone()).await.unwrap();
    }

    async fn on_screen(&self) {
        self.c.switch_to_window(self.screen.clone()).await.unwrap();
    }

    /// Presses the button with exactly this text on the control page, in
    /// one script (the live region may be redrawn at any moment, so a
    /// button found in one step may be gone in the next), and waits for
    /// the control page to load again.
    async fn press(&self, label: &str) {
        self.on_control().await;
        let script = format!(
            "const b = [...document.querySelectorAll('button')].filter(b => b.textContent.trim() === {label:?}); \
             if (b.length !== 1) return b.length; \
             window.__wikkenOldPage = true; b[0].click(); return 1;"
        );
        let mut found = js(&self.c, &script).await;
        // The button may be in a redraw that is still on its way.
        for _ in 0..40 {
            if found == 1 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            found = js(&self.c, &script).await;
        }
        assert_eq!(found, 1, "one button \"{label}\" on the control page");
        wait_until(
            &self.c,
            "window.__wikkenOldPage === undefined && document.readyState === 'complete'",
            &format!("the control page after \"{label}\""),
        )
        .await;
    }

    /// Waits until the round's line in the progress list (on the control
    /// page and on the big screen) contains `what`.
    async fn progress_says(&self, round: &str, what: &str) {
        for (window, on) in [
            (&self.control, "control page"),
            (&self.screen, "big screen"),
        ] {
            self.c.switch_to_window(window.clone()).await.unwrap();
            let css = format!("#voortgang-{round}");
            wait_until(
                &self.c,
                &format!(
                    "(document.querySelector({css:?}) || {{}}).textContent?.includes({what:?})"
                ),
                &format!("\"{what}\" for {round} on the {on}"),
            )
            .await;
        }
        self.on_control().await;
    }
}

/// Marks the page, so that [`still_same_page`] can tell it was not left.
async fn mark(c: &Client) {
    js(c, "window.__wikkenSamePage = true;").await;
}

async fn still_same_page(p: &Phone, what: &str) {
    assert_eq!(
        js(&p.c, "return window.__wikkenSamePage === true;").await,
        true,
        "{} loaded a page for {what}: it should have come live",
        p.name
    );
}

/// Waits until the live region of a phone contains `needle`.
async fn phone_shows(p: &Phone, needle: &str) {
    wait_until(
        &p.c,
        &format!("document.querySelector('#live')?.textContent.includes({needle:?})"),
        &format!("\"{needle}\" on the phone of {}", p.name),
    )
    .await;
}

/// Puts the focus in the field matching `css` once it is there, in one
/// script, as a user taps a field before typing: from then on the live
/// region waits with redrawing (elements found later stay valid).
async fn hold(p: &Phone, css: &str) {
    wait_until(
        &p.c,
        &format!("(e => !!e && (e.focus(), document.activeElement === e))(document.querySelector({css:?}))"),
        &format!("{css} on the phone of {}", p.name),
    )
    .await;
}

/// The text of the element matching `css`, read in one script (a live
/// region may be redrawn between finding an element and reading it).
async fn read(c: &Client, css: &str) -> String {
    wait_until(c, &format!("document.querySelector({css:?})"), css).await;
    js(
        c,
        &format!("return document.querySelector({css:?})?.textContent ?? '';"),
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Clicks the label around the input `name`=`value` (the big tap target).
async fn tick(c: &Client, name: &str, value: &str) {
    find(
        c,
        &format!("label:has(> input[name='{name}'][value='{value}'])"),
    )
    .await
    .click()
    .await
    .unwrap();
}

/// Asserts that nothing on the phone's page sticks out past 360 px.
async fn fits(p: &Phone, when: &str) {
    let wide = js(&p.c, TOO_WIDE).await;
    assert_eq!(
        wide,
        serde_json::json!([]),
        "the phone of {} at 360 px {when}: too wide",
        p.name
    );
}

/// Asserts that the charts' text on the phone is drawn at least 11 px
/// high (a chart scaled down to 360 px can shrink it to a third).
async fn legible(p: &Phone) {
    let sizes = js(
        &p.c,
        "return [...document.querySelectorAll('.werkatelier-bars svg text')] \
           .filter(t => t.getClientRects().length > 0) \
           .map(t => Math.round(t.getBoundingClientRect().height));",
    )
    .await;
    let sizes: Vec<u32> = serde_json::from_value(sizes).unwrap();
    assert!(!sizes.is_empty(), "charts on the phone of {}", p.name);
    assert!(
        sizes.iter().all(|h| *h >= 11),
        "chart text on the phone of {} too small to read: heights {sizes:?} px",
        p.name
    );
}

async fn no_script_errors(c: &Client, who: &str) {
    let errors = script_errors(c).await;
    assert!(errors.is_empty(), "script errors for {who}: {errors:#?}");
}

/// Opens the werkatelier on the case and returns the control page's path.
async fn open_werkatelier(f: &Client, address: &str, case: &str) -> String {
    f.goto(&format!("{address}/afwegingen/{case}/werkateliers"))
        .await
        .unwrap();
    let hint = text(f, "form.stack .hint").await;
    assert!(
        hint.contains("Criteria (3) en opties (3)"),
        "3 criteria and 3 shortlisted options: {hint}"
    );
    fill(f, "#titel", TITLE).await;
    let set = |name: &'static str, wanted: &'static [&'static str]| async move {
        let boxes = f
            .find_all(fantoccini::Locator::Css(&format!("input[name='{name}']")))
            .await
            .unwrap();
        for b in boxes {
            let value = b.attr("value").await.unwrap().unwrap_or_default();
            let on = b.prop("checked").await.unwrap().as_deref() == Some("true");
            if on != wanted.contains(&value.as_str()) {
                b.click().await.unwrap();
            }
        }
    };
    set(
        "ronde",
        &["spelden", "punten", "paarsgewijs", "voorselectie"],
    )
    .await;
    set("rol", &["huurders", "gemeente", "bewoners"]).await;
    fill(f, "#min_rol", "1").await;
    fill(f, "#keuzes", "2").await;
    press(f, "form.stack", "Werkatelier openen").await;
    let path = current_path(f).await;
    assert!(
        path.starts_with("/werkateliers/"),
        "the werkatelier opened: at {path}: {}",
        text(f, "main").await
    );
    path
}

/// A phone joins with the code, a name and a role.
async fn join(p: &Phone, address: &str, code: &str, wrong_first: bool) {
    p.c.set_window_size(360, 740).await.unwrap();
    p.c.goto(&format!("{address}/doe-mee")).await.unwrap();
    assert_eq!(
        js(&p.c, "return window.innerWidth;").await,
        360,
        "a phone's width"
    );
    if wrong_first {
        fill(&p.c, "#code", "QQ7QQ7").await;
        press(&p.c, "form.phone-form", "Verder").await;
        let said = text(&p.c, "main").await;
        assert!(
            said.contains("Deze code kennen we niet"),
            "a wrong code is refused: {said}"
        );
        assert_eq!(
            value_of(&p.c, "#code").await,
            "QQ7QQ7",
            "the typed code stays"
        );
        fits(p, "with a wrong code").await;
    }
    fill(&p.c, "#code", code).await;
    press(&p.c, "form.phone-form", "Verder").await;
    assert!(text(&p.c, "main h1").await.contains(TITLE));
    fill(&p.c, "#naam", p.name).await;
    tick(&p.c, "rol", p.role).await;
    fits(p, "on the name and role form").await;
    press(&p.c, "form.phone-form", "Meedoen").await;
    wait_for_path(&p.c, "/doe-mee/atelier").await;
    let head = text(&p.c, "header.phone-head").await;
    assert!(
        head.contains(p.name) && head.contains(p.label),
        "the phone says who takes part: {head}"
    );
    phone_shows(p, "Even wachten").await;
}

/// Sends the form of a round on a phone and waits for the page it loads.
async fn send(p: &Phone, round: &str, button: &str) {
    press(&p.c, &format!("form[data-round='{round}']"), button).await;
}

async fn points(p: &Phone, values: [&str; 3]) {
    hold(p, "#p_leefbaarheid").await;
    for (c, v) in CRITERIA.iter().zip(values) {
        fill(&p.c, &format!("#p_{c}"), v).await;
    }
}

async fn pairs(p: &Phone, values: [&str; 3]) {
    hold(p, "#a_0_1").await;
    for ((i, j), v) in [(0, 1), (0, 2), (1, 2)].into_iter().zip(values) {
        browser::choose(&p.c, &format!("#a_{i}_{j}"), v).await;
    }
}

/// The facilitator's browser (and its chromedriver) and the phones.
struct Cast {
    f: Client,
    driver_url: String,
    phones: Vec<Phone>,
}

async fn walk(cast: Cast, address: String, email: String, case: String) {
    let Cast {
        f,
        driver_url,
        phones,
    } = cast;
    let started = std::time::Instant::now();
    f.set_window_size(1280, 900).await.unwrap();
    browser::record_script_errors(&f, &driver_url).await;
    f.goto(&format!("{address}/inloggen")).await.unwrap();
    log_in(&f, &email, PASSWORD).await;
    let control = open_werkatelier(&f, &address, &case).await;
    let code = text(&f, ".join-code").await.trim().to_string();
    assert_eq!(code.len(), 6, "a code of 6: {code}");

    // The big screen in a second window.
    let control_window = f.window().await.unwrap();
    let screen_window = f.new_window(false).await.unwrap().handle;
    f.switch_to_window(screen_window.clone()).await.unwrap();
    f.set_window_size(1600, 900).await.unwrap();
    f.goto(&format!("{address}{control}/scherm")).await.unwrap();
    assert_eq!(text(&f, ".join-code").await.trim(), code);
    let fac = Facilitator {
        c: f.clone(),
        control: control_window,
        screen: screen_window,
    };
    fac.on_control().await;

    // Joining.
    for (i, p) in phones.iter().enumerate() {
        join(p, &address, &code, i == 0).await;
    }
    for p in &phones {
        fac.on_control().await;
        wait_until(
            &f,
            &format!(
                "document.querySelector('.roles-online')?.textContent.includes('{}: 1')",
                p.label
            ),
            &format!("{} on the control page", p.label),
        )
        .await;
    }

    // Spelden: a pin on the map, seen live by the others.
    for p in &phones {
        mark(&p.c).await;
    }
    fac.press("Starten — Spelden prikken").await;
    let pinner = &phones[0];
    hold(pinner, "#tekst").await;
    let map = find(&pinner.c, "svg.pins-map.tappable").await;
    still_same_page(pinner, "the pins round").await;
    fits(pinner, "with the map").await;
    map.click().await.unwrap();
    wait_until(
        &pinner.c,
        "document.querySelector('.pin-place').textContent.startsWith('Plek gekozen')",
        "the tapped place",
    )
    .await;
    assert_ne!(value_of(&pinner.c, "form.pin-form input[name=x]").await, "");
    tick(&pinner.c, "categorie", "schoon-heel").await;
    fill(&pinner.c, "#tekst", "Zwerfvuil bij de speeltuin").await;
    press(&pinner.c, "form.pin-form", "Speld prikken").await;
    assert!(
        read(&pinner.c, "ul.pin-list")
            .await
            .contains("Zwerfvuil bij de speeltuin")
    );
    for p in &phones[1..] {
        phone_shows(p, "Zwerfvuil bij de speeltuin").await;
        still_same_page(p, "a pin of someone else").await;
    }
    fac.progress_says("spelden", "1 spelden").await;
    fac.press("Sluiten — Spelden prikken").await;

    // Punten.
    for p in &phones {
        mark(&p.c).await;
    }
    fac.press("Starten — 100 punten verdelen").await;
    for p in &phones {
        find(&p.c, "input[name^='p_']").await;
        still_same_page(p, "the points round").await;
        fits(p, "with the points form").await;
    }
    let short = &phones[0];
    points(short, ["50", "20", "20"]).await;
    assert_eq!(read(&short.c, ".points-left output").await, "10");
    send(short, "punten", "Versturen").await;
    let said = read(&short.c, "#ronde-punten").await;
    assert!(
        said.contains("nog 10 te verdelen"),
        "90 points are refused: {said}"
    );
    assert_eq!(value_of(&short.c, "#p_draagvlak").await, "20", "kept");
    fill(&short.c, "#p_draagvlak", "30").await;
    assert_eq!(read(&short.c, ".points-left output").await, "0");
    send(short, "punten", "Versturen").await;
    assert!(
        read(&short.c, "#ronde-punten")
            .await
            .contains("Ontvangen ✓")
    );
    fac.progress_says("punten", "1 van 3 beantwoord").await;
    for (p, v) in phones[1..]
        .iter()
        .zip([["20", "40", "40"], ["60", "10", "30"]])
    {
        points(p, v).await;
        send(p, "punten", "Versturen").await;
        assert!(read(&p.c, "#ronde-punten").await.contains("Ontvangen ✓"));
    }
    fac.progress_says("punten", "3 van 3 beantwoord").await;

    // Paarsgewijs, with the live consistency check.
    for p in &phones {
        mark(&p.c).await;
    }
    fac.press("Starten — Paarsgewijs vergelijken").await;
    for p in &phones {
        find(&p.c, "select#a_1_2").await;
        still_same_page(p, "the pairwise round").await;
        fits(p, "with the pairwise form").await;
    }
    let muddled = &phones[1];
    // Leefbaarheid ≫ uitvoeringsrisico ≫ draagvlak ≫ leefbaarheid.
    pairs(muddled, ["9", "-9", "9"]).await;
    wait_until(
        &muddled.c,
        "document.querySelector('.ahp-check').textContent.includes('boven 0,10')",
        "the live consistency warning",
    )
    .await;
    assert!(
        js(
            &muddled.c,
            "return document.querySelectorAll('.pair.worst-pair').length;"
        )
        .await
            == 1,
        "the worst pair is marked"
    );
    pairs(muddled, ["3", "9", "3"]).await;
    wait_until(
        &muddled.c,
        "document.querySelector('.ahp-check').textContent.includes('voldoende consistent')",
        "the warning gone once consistent",
    )
    .await;
    send(muddled, "paarsgewijs", "Versturen").await;
    for (p, v) in [
        (&phones[0], ["5", "3", "-3"]),
        (&phones[2], ["1", "1", "1"]),
    ] {
        pairs(p, v).await;
        send(p, "paarsgewijs", "Versturen").await;
    }
    fac.progress_says("paarsgewijs", "3 van 3 beantwoord").await;

    // Reveal: the outcome and a revision form on every phone.
    for p in &phones {
        mark(&p.c).await;
    }
    fac.press("Onthullen — 100 punten verdelen").await;
    fac.press("Onthullen — Paarsgewijs vergelijken").await;
    for p in &phones {
        wait_until(
            &p.c,
            "document.querySelector('.phone-outcome')?.textContent.includes('Wat de groep vindt') \
             && document.querySelectorAll('form[data-round] input[name=herzien]').length === 2",
            &format!("the outcome and revision forms for {}", p.name),
        )
        .await;
        still_same_page(p, "the reveal").await;
        fits(p, "with the outcome").await;
        legible(p).await;
    }
    fac.on_screen().await;
    wait_until(
        &f,
        "document.querySelectorAll('#live svg').length > 0",
        "charts on the big screen",
    )
    .await;
    screenshot(&f, 1600, "werkatelier-scherm.png").await;
    fac.on_control().await;
    let phone = &phones[0];
    screenshot(&phone.c, 360, "werkatelier-telefoon.png").await;
    phone.c.set_window_size(360, 740).await.unwrap();

    let reviser = &phones[2];
    points(reviser, ["40", "20", "40"]).await;
    fill(
        &reviser.c,
        "#reden-punten",
        "Na het gesprek weegt draagvlak zwaarder.",
    )
    .await;
    send(reviser, "punten", "Herziening versturen").await;
    let said = read(&reviser.c, "#ronde-punten").await;
    assert!(
        said.contains("Je hebt je antwoord herzien") && said.contains("draagvlak zwaarder"),
        "the revision is confirmed: {said}"
    );
    fac.progress_says("punten", "1 herzien").await;

    // Voorselectie, at most 2 of 3.
    for p in &phones {
        mark(&p.c).await;
    }
    fac.press("Starten — Voorselectie").await;
    let options: Vec<String> = {
        let p = &phones[0];
        find(&p.c, "input[name=kies]").await;
        serde_json::from_value(
            js(
                &p.c,
                "return [...document.querySelectorAll('input[name=kies]')].map(i => i.value);",
            )
            .await,
        )
        .unwrap()
    };
    assert_eq!(options.len(), 3, "three options: {options:?}");
    for (k, p) in phones.iter().enumerate() {
        hold(p, "input[name=kies]").await;
        still_same_page(p, "the voorselectie").await;
        let chosen = [&options[k % 3], &options[(k + 1) % 3]];
        for o in chosen {
            tick(&p.c, "kies", o).await;
        }
        let disabled = js(
            &p.c,
            "return [...document.querySelectorAll('input[name=kies]')].filter(i => i.disabled).map(i => i.value);",
        )
        .await;
        assert_eq!(
            disabled,
            serde_json::json!([options[(k + 2) % 3]]),
            "after 2 picks the third is disabled"
        );
        send(p, "voorselectie", "Versturen").await;
        assert!(
            read(&p.c, "#ronde-voorselectie")
                .await
                .contains("Ontvangen ✓")
        );
    }
    fac.progress_says("voorselectie", "3 van 3 beantwoord")
        .await;

    // Closing.
    for p in &phones {
        mark(&p.c).await;
    }
    fac.press("Werkatelier afsluiten").await;
    assert!(
        text(&f, "main")
            .await
            .contains("Dit werkatelier is gesloten")
    );
    for p in &phones {
        phone_shows(p, "afgesloten").await;
        still_same_page(p, "the close").await;
    }
    fac.on_screen().await;
    wait_until(
        &f,
        "document.querySelector('#live').textContent.includes('Het werkatelier is gesloten')",
        "the big screen after the close",
    )
    .await;
    fac.on_control().await;
    f.goto(&format!("{address}/afwegingen/{case}/resultaten"))
        .await
        .unwrap();
    let results = text(&f, "main").await;
    for p in &phones {
        let column = format!("{TITLE}: {} (n = 1)", p.label);
        assert!(results.contains(&column), "{column} in the results");
    }
    assert!(
        results.contains(&format!("{TITLE}: samen (n = 3)")),
        "the combined weighting in the results"
    );

    no_script_errors(&f, "the facilitator").await;
    fac.on_screen().await;
    no_script_errors(&f, "the big screen").await;
    for p in &phones {
        no_script_errors(&p.c, p.name).await;
    }
    eprintln!("the werkatelier took {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_werkatelier_with_three_phones_in_real_browsers() {
    let Some(facilitator) = browser::start().await else {
        return;
    };
    let mut sessions = vec![facilitator];
    for _ in 0..3 {
        sessions.push(browser::start().await.expect("Chromium for a phone"));
    }
    let app = spawn_app(&sqlite_url()).await;
    let b = app.client_as("strateeg").await;
    let case = build_case(&b, &first_buurt()).await;
    let who = [
        ("Fatima", "huurders", "Huurders"),
        ("Joost", "gemeente", "Gemeente"),
        ("Anneke", "bewoners", "Bewoners"),
    ];
    let mut phones = Vec::new();
    for (s, (name, role, label)) in sessions[1..].iter().zip(who) {
        browser::record_script_errors(&s.client, &s.driver_url).await;
        phones.push(Phone {
            c: s.client.clone(),
            name,
            role,
            label,
        });
    }
    let cast = Cast {
        f: sessions[0].client.clone(),
        driver_url: sessions[0].driver_url.clone(),
        phones,
    };
    let steps = walk(cast, app.address.clone(), app.email("strateeg"), case);
    browser::run_all(sessions, steps).await;
}
