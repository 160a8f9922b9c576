//! The monitor of prestatieafspraken in process, on SQLite and
//! PostgreSQL, over the demo afspraken (made through the same commands as
//! a user's): each goal's chart (plan line, figures, trend and band); the
//! wijk dashboard with only that wijk's goals; the evaluation that cannot
//! be closed while a goal lacks its story (and names it); the jaarschijf
//! page and workbook with off-course goals first, agreeing with
//! `wikken_core::goals::assess` on the `doelen.json` export; bijsturen
//! opening one afweging (twice clicked: still one) with the gap as its
//! problem and the link on the goal; contributions taken from a decided
//! afweging's cost-sharing proposal.

mod monitor_support;
mod partner_support;

use axum::http::StatusCode;
use monitor_support::{
    assessed, decided_case, doc, goal_rows, number, one_goal_on_course, rank, same, section_order,
    seeded, two_goals, year,
};
use partner_support::{accept_new, email, link_in};
use wikken_core::format;
use wikken_core::goals::{Assessment, GoalStatus};
use wikken_storage::CaseId;
use wikken_test_support::html;
use wikken_test_support::in_process::InProcess;
use wikken_test_support::{csrf_in, per_backend};

async fn charts_and_the_wijk_dashboard(url: String) {
    let app = InProcess::start(&url).await;
    let staff = app.logged_in("strateeg").await;
    let afspraken = seeded(&app).await;
    let d = doc(&app, &afspraken).await;

    // The front page: every goal's light and small chart, the benchmark as
    // context, the map of the buurten.
    let front = staff.page(&afspraken).await;
    assert!(front.contains("Doelen in beeld"), "{front}");
    assert_eq!(
        front.matches("class=\"goal-card\"").count(),
        d.goals.len(),
        "a card per goal"
    );
    assert!(
        front.contains("Ter vergelijking"),
        "a benchmark beside the light"
    );
    assert!(front.contains("id=\"kaart\""));
    assert!(front.contains("data-code=\"BU"), "the buurten on the map");
    assert!(front.contains("href=\"") && front.contains("/evaluatie/"));

    // A goal with a trend: plan line, points, trend, band.
    let now = time::OffsetDateTime::now_utc().year();
    let lights = assessed(&staff, &afspraken, now).await;
    let with_trend = lights.iter().find(|l| l.trend.is_some()).expect("a trend");
    let page = staff
        .page(&format!("{afspraken}/doelen/{}", with_trend.id))
        .await;
    for part in [
        "path class=\"plan\"",
        "circle class=\"obs\"",
        "path class=\"trend\"",
        "path class=\"band\"",
        "path class=\"target\"",
    ] {
        assert!(page.contains(part), "{part} on the goal page");
    }
    // The hand-entered goal has two figures: the plan line, no trend.
    let manual = d.goals.iter().find(|g| g.manual.len() == 2).unwrap();
    let page = staff
        .page(&format!("{afspraken}/doelen/{}", manual.id))
        .await;
    assert!(page.contains("path class=\"plan\""));
    assert!(
        !page.contains("path class=\"trend\""),
        "no trend with two figures"
    );
    assert!(page.contains("te weinig cijfers voor een trend"));

    // The dashboard is kept once drawn, until something it shows changes: a
    // new figure for the hand-entered goal puts it on course.
    let card = |page: &str| {
        let at = page.find(&format!("id=\"doel-{}\"", manual.id)).unwrap();
        page[at..at + page[at..].find("</li>").unwrap()].to_string()
    };
    assert!(
        card(&front).contains(">te weinig gegevens</span>"),
        "{}",
        card(&front)
    );
    one_goal_on_course(&staff, &afspraken, &d).await;
    let front = staff.page(&afspraken).await;
    assert!(
        card(&front).contains(">op koers</span>"),
        "{}",
        card(&front)
    );

    // The wijk of the first buurt: only the goals on that wijk or its buurten.
    let buurt = &d.goals[0].area.code;
    let wijk = format!("WK{}", &buurt[2..8]);
    let page = staff.page(&format!("{afspraken}/wijk/{wijk}")).await;
    let (mut shown, mut hidden) = (0, 0);
    for g in &d.goals {
        let mine = g.area.code == wijk || g.area.code.starts_with(&format!("BU{}", &wijk[2..]));
        let link = format!("{afspraken}/doelen/{}\"", g.id);
        assert_eq!(
            page.contains(&link),
            mine,
            "{} on the wijk page: {mine}",
            g.title
        );
        if mine {
            shown += 1;
        } else {
            hidden += 1;
        }
    }
    assert!(shown > 0 && hidden > 0, "{shown} shown, {hidden} not");
    // The map of one goal: its buurten with their latest value.
    let page = staff
        .page(&format!("{afspraken}/wijk/{wijk}?doel={}", d.goals[0].id))
        .await;
    assert!(page.contains("De buurten achter dit doel"), "{page}");
    // A wijk of another gemeente, or no wijk: not found.
    let answer = staff.get(&format!("{afspraken}/wijk/WK000101")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    let answer = staff.get(&format!("{afspraken}/wijk/{buurt}")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
}

async fn a_year_closes_only_with_every_story(url: String) {
    let app = InProcess::start(&url).await;
    let staff = app.logged_in("strateeg").await;
    let afspraken = seeded(&app).await;
    let d = doc(&app, &afspraken).await;
    one_goal_on_course(&staff, &afspraken, &d).await;
    let y = year();
    let evaluation = format!("{afspraken}/evaluatie/{y}");

    // Off-course goals first.
    let page = staff.page(&evaluation).await;
    let lights = assessed(&staff, &afspraken, y).await;
    let order = section_order(&page);
    let ranks: Vec<u8> = order
        .iter()
        .map(|id| rank(lights.iter().find(|l| l.id == *id).unwrap().status))
        .collect();
    assert!(
        ranks.windows(2).all(|w| w[0] <= w[1]),
        "{order:?} {ranks:?}"
    );
    assert!(
        ranks[0] < 2 && ranks[ranks.len() - 1] > 2,
        "goals behind and on course"
    );
    assert_eq!(order.len(), d.goals.len());

    // A story for the first goal only; an empty story is refused at its field.
    let first = &d.goals[0];
    let action = format!("{evaluation}/doelen/{}", first.id);
    let mut form = html::form(&page, &action);
    form.set(&format!("verhaal[{}]", first.id), "")
        .set(&format!("vervolg[{}]", first.id), "Meer schouwen");
    let refused = staff.submit(&form).await;
    let text = refused.expect(StatusCode::UNPROCESSABLE_ENTITY, "empty story");
    assert!(
        text.contains("Vul wat de ontwikkeling verklaart in."),
        "{text}"
    );
    assert!(text.contains("Meer schouwen"), "the input is kept");
    form.set(
        &format!("verhaal[{}]", first.id),
        "De buurtbeheerder begon pas in maart.",
    );
    staff.submit(&form).await.redirect("story");

    let page = staff.page(&evaluation).await;
    assert!(page.contains("De buurtbeheerder begon pas in maart."));

    // A partner writes too, as its party; closing and bijsturen are the
    // corporation's.
    let id = afspraken.rsplit('/').next().unwrap();
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
    let partner = app.visitor();
    accept_new(
        &partner,
        &link_in(answer.expect(StatusCode::OK, "invited")),
        "Wendy Wethouder",
    )
    .await;
    let second = &d.goals[1];
    let theirs = partner.page(&evaluation).await;
    assert!(
        !theirs.contains(&format!("action=\"{evaluation}/afsluiten\"")),
        "no closing"
    );
    assert!(!theirs.contains("/bijsturen\""), "no bijsturen");
    let mut form = html::form(&theirs, &format!("{evaluation}/doelen/{}", second.id));
    form.set(
        &format!("verhaal[{}]", second.id),
        "Meer meldingen door de nieuwe app.",
    )
    .set(
        &format!("vervolg[{}]", second.id),
        "De gemeente deelt de meldingen per straat.",
    );
    partner.submit(&form).await.redirect("the partner's story");
    let answer = partner
        .post(
            &format!("{evaluation}/afsluiten"),
            &[("_csrf".into(), csrf_in(&theirs))],
        )
        .await;
    let text = answer.expect(StatusCode::UNPROCESSABLE_ENTITY, "a partner closes");
    assert!(text.contains("De corporatie sluit het jaar af"), "{text}");
    let page = staff.page(&evaluation).await;
    assert!(page.contains("Meer meldingen door de nieuwe app."));
    assert!(page.contains("Geschreven door Wendy Wethouder"), "{page}");

    let close = html::form(&page, &format!("{evaluation}/afsluiten"));
    let refused = staff.submit(&close).await;
    let text = refused.expect(
        StatusCode::UNPROCESSABLE_ENTITY,
        "close with stories missing",
    );
    assert!(
        text.contains("Schrijf eerst het verhaal achter de cijfers bij"),
        "{text}"
    );
    for g in &d.goals[2..] {
        assert!(text.contains(&g.title), "{} is named", g.title);
    }
    let named = text
        .split("Schrijf eerst het verhaal achter de cijfers bij: ")
        .nth(1)
        .unwrap();
    let named = &named[..named.find('<').unwrap()];
    assert!(
        !named.contains(&first.title),
        "the goal with a story is not named: {named}"
    );

    // Every story written: the year closes and reads only.
    for g in &d.goals[2..] {
        let page = staff.page(&evaluation).await;
        let mut form = html::form(&page, &format!("{evaluation}/doelen/{}", g.id));
        form.set(&format!("verhaal[{}]", g.id), "Verklaring")
            .set(&format!("vervolg[{}]", g.id), "Vervolg");
        staff.submit(&form).await.redirect("story");
    }
    let page = staff.page(&evaluation).await;
    let close = html::form(&page, &format!("{evaluation}/afsluiten"));
    staff.submit(&close).await.redirect("closed");
    let page = staff.page(&evaluation).await;
    assert!(page.contains("Deze evaluatie is afgesloten door"), "{page}");
    assert!(
        !page.contains(&format!("action=\"{action}\"")),
        "no story form"
    );
    // A story posted to a closed year is refused.
    let late = staff
        .post(
            &action,
            &[
                ("_csrf".into(), csrf_in(&staff.page(&afspraken).await)),
                (format!("verhaal[{}]", first.id), "Te laat".into()),
                (format!("vervolg[{}]", first.id), "Niets".into()),
            ],
        )
        .await;
    let text = late.expect(StatusCode::UNPROCESSABLE_ENTITY, "closed year");
    assert!(
        text.contains(&format!("De evaluatie van {y} is afgesloten.")),
        "{text}"
    );
    // A year outside the afspraken has no evaluation.
    let answer = staff.get(&format!("{afspraken}/evaluatie/2025")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
}

async fn the_jaarschijf_agrees_with_wikken_doelen(url: String) {
    let app = InProcess::start(&url).await;
    let staff = app.logged_in("strateeg").await;
    let afspraken = seeded(&app).await;
    one_goal_on_course(&staff, &afspraken, &doc(&app, &afspraken).await).await;
    let y = year();
    let lights = assessed(&staff, &afspraken, y).await;
    let mut expected: Vec<&Assessment> = lights.iter().collect();
    expected.sort_by_key(|l| rank(l.status));
    let expected_ids: Vec<String> = expected.iter().map(|l| l.id.clone()).collect();
    assert!(
        expected.iter().any(|l| rank(l.status) < 2) && expected.iter().any(|l| rank(l.status) > 2)
    );

    // The page: the goals in that order, each with wikken doelen's light and figures.
    let page = staff.page(&format!("{afspraken}/jaarschijf/{y}")).await;
    assert_eq!(section_order(&page), expected_ids, "off-course goals first");
    assert!(
        page.contains("class=\"report jaarschijf\""),
        "a printable report"
    );
    assert!(page.contains("js-print"));
    for l in &lights {
        let at = page.find(&format!("id=\"doel-{}\"", l.id)).unwrap();
        let section = &page[at..at + page[at..].find("</section>").unwrap()];
        assert!(
            section.contains(&format!(">{}</span>", l.status.label())),
            "{}: {section}",
            l.id
        );
        if let Some(r) = l.progress_ratio {
            assert!(
                section.contains(&format!("<dd>{}</dd>", format::number(r, 2))),
                "{}: ratio",
                l.id
            );
        }
        if let Some(c) = l.chance {
            assert!(section.contains(&format::percent(c, 0)), "{}: chance", l.id);
        }
    }
    assert!(page.contains(&format!("Uitvoeringsagenda {y}")));

    // The workbook: the same order, the same numbers.
    let answer = staff.get(&format!("{afspraken}/jaarschijf/{y}.xlsx")).await;
    assert_eq!(answer.status, StatusCode::OK);
    let rows = goal_rows(&answer.bytes);
    let ids: Vec<String> = rows.iter().map(|r| r["Id"].to_string()).collect();
    assert_eq!(ids, expected_ids);
    for (row, l) in rows.iter().zip(&expected) {
        assert_eq!(row["Doel op koers?"].to_string(), l.status.label());
        same(
            number(row, "Laatste cijfer"),
            l.latest.map(|p| p.value),
            "latest",
        );
        same(number(row, "Planwaarde"), l.plan_value, "plan value");
        same(number(row, "Voortgang"), l.progress_ratio, "ratio");
        same(
            number(row, "Jaren voor (+) of achter (−)"),
            l.years_ahead,
            "years ahead",
        );
        same(number(row, "Kans"), l.chance, "chance");
        same(
            number(row, "Trend per jaar"),
            l.trend.as_ref().map(|t| t.slope),
            "slope",
        );
        same(
            number(row, "Verwachting laag"),
            l.trend.as_ref().map(|t| t.forecast_low),
            "forecast low",
        );
        same(
            number(row, "Volgend cijfer"),
            Some(f64::from(l.next_due)),
            "next due",
        );
    }
}

async fn bijsturen_opens_one_afweging_with_the_gap(url: String) {
    let app = InProcess::start(&url).await;
    let staff = app.logged_in("strateeg").await;
    let afspraken = seeded(&app).await;
    let d = doc(&app, &afspraken).await;
    one_goal_on_course(&staff, &afspraken, &d).await;
    let now = time::OffsetDateTime::now_utc().year();
    let lights = assessed(&staff, &afspraken, now).await;
    let behind = lights
        .iter()
        .find(|l| matches!(l.status, GoalStatus::Achter | GoalStatus::VerAchter))
        .expect("a goal behind");
    let goal = d.goal(&behind.id).unwrap();
    let before = app.store.cases(&app.org).await.unwrap().len();

    let page = staff.page(&format!("{afspraken}/doelen/{}", goal.id)).await;
    let form = html::form(&page, &format!("{afspraken}/doelen/{}/bijsturen", goal.id));
    let to = staff.submit(&form).await.redirect("bijsturen").to_string();
    assert!(to.starts_with("/afwegingen/"), "{to}");
    // The same form again (a double click): no second afweging.
    let again = staff.submit(&form).await.redirect("again").to_string();
    assert_eq!(again, to);
    assert_eq!(app.store.cases(&app.org).await.unwrap().len(), before + 1);

    // The problem states the indicator and the gap.
    let case_id = CaseId::from(to.trim_start_matches("/afwegingen/"));
    let case = app
        .store
        .case_version(&app.org, &case_id, None)
        .await
        .unwrap()
        .unwrap()
        .doc;
    let n = |x: f64| format::number(x, if x.abs() >= 100.0 { 0 } else { 1 });
    let unit = |x: f64| {
        if goal.indicator.unit == "%" {
            format!("{} %", n(x))
        } else {
            n(x)
        }
    };
    let latest = behind.latest.unwrap();
    let expected = format!(
        "{}: {} in {} tegen {} volgens de planlijn; doel {} in {}",
        goal.indicator.name,
        unit(latest.value),
        latest.year,
        unit(behind.plan_value.unwrap()),
        unit(goal.target.value),
        goal.target.year
    );
    assert_eq!(case.problems.len(), 1);
    assert_eq!(case.problems[0].text, expected);
    assert_eq!(case.area.code.as_deref(), Some(goal.area.code.as_str()));

    // The goal keeps the link.
    let d = doc(&app, &afspraken).await;
    let links = &d.goal(&goal.id).unwrap().follow_ups;
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].case_id, case_id.to_string());
    let page = staff.page(&format!("{afspraken}/doelen/{}", goal.id)).await;
    assert!(
        page.contains(&format!("href=\"{to}\"")),
        "the goal page links it"
    );

    // A goal on course offers no bijsturen, and a post is refused.
    {
        let ok = lights
            .iter()
            .find(|l| l.status == GoalStatus::OpKoers)
            .expect("a goal on course");
        let page = staff.page(&format!("{afspraken}/doelen/{}", ok.id)).await;
        let path = format!("{afspraken}/doelen/{}/bijsturen", ok.id);
        assert!(!page.contains(&format!("action=\"{path}\"")));
        let answer = staff
            .post(
                &path,
                &[
                    ("_csrf".into(), csrf_in(&page)),
                    ("_form".into(), "x1".into()),
                ],
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            answer.body
        );
    }
    // A lezer cannot.
    let reader = app.logged_in("lezer").await;
    let page = reader
        .page(&format!("{afspraken}/doelen/{}", goal.id))
        .await;
    assert!(!page.contains("/bijsturen\""));
    let answer = reader
        .post(
            &format!("{afspraken}/doelen/{}/bijsturen", goal.id),
            &[("_csrf".into(), csrf_in(&page))],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(app.store.cases(&app.org).await.unwrap().len(), before + 1);
}

async fn off_course_goals_come_first_whatever_their_order(url: String) {
    let app = InProcess::start(&url).await;
    let staff = app.logged_in("strateeg").await;
    let afspraken = two_goals(&staff).await;
    let y = year();
    let lights = assessed(&staff, &afspraken, y).await;
    assert_eq!(lights[0].status, GoalStatus::OpKoers, "{lights:?}");
    assert_eq!(lights[1].status, GoalStatus::VerAchter, "{lights:?}");
    let evaluation = staff.page(&format!("{afspraken}/evaluatie/{y}")).await;
    assert_eq!(section_order(&evaluation), ["d2", "d1"]);
    let jaarschijf = staff.page(&format!("{afspraken}/jaarschijf/{y}")).await;
    assert_eq!(section_order(&jaarschijf), ["d2", "d1"]);
    let answer = staff.get(&format!("{afspraken}/jaarschijf/{y}.xlsx")).await;
    let ids: Vec<String> = goal_rows(&answer.bytes)
        .iter()
        .map(|r| r["Id"].to_string())
        .collect();
    assert_eq!(ids, ["d2", "d1"]);
    let front = staff.page(&afspraken).await;
    let cards: Vec<&str> = front
        .split("class=\"goal-card\" id=\"doel-")
        .skip(1)
        .map(|s| &s[..2])
        .collect();
    assert_eq!(cards, ["d2", "d1"], "the dashboard's cards too");
}

async fn contributions_come_from_the_cost_sharing_of_the_besluit(url: String) {
    let app = InProcess::start(&url).await;
    let staff = app.logged_in("strateeg").await;
    let afspraken = two_goals(&staff).await;
    let (case, analysis) = decided_case(&app).await;
    let d = doc(&app, &afspraken).await;

    // What the engine proposes for the chosen option, per actor.
    let column = &analysis.arena[0];
    let shares: Vec<(&str, f64)> = column
        .actors
        .iter()
        .map(|(id, c)| (id.as_str(), c.proposed_contribution))
        .filter(|(_, x)| x.abs() >= 0.5)
        .collect();
    assert!(!shares.is_empty(), "the demo afweging shares its costs");
    let party_of = |actor: &str| match actor {
        "corporatie" => Some(0),
        "gemeente" => Some(1),
        "huurders" => Some(2),
        _ => None,
    };

    let page = staff.page(&format!("{afspraken}/doelen/d1")).await;
    let action = format!("{afspraken}/doelen/d1");
    let mut form = html::form(&page, &action);
    form.set("afweging", case.as_ref())
        .tick("_actie", "kostenverdeling");
    let answer = staff.submit(&form).await;
    let filled = answer
        .expect(StatusCode::OK, "contributions taken over")
        .to_string();
    assert!(
        filled.contains("Bijdragen overgenomen uit de kostenverdeling"),
        "{filled}"
    );
    let form = html::form(&filled, &action);
    for (i, party) in d.parties.iter().enumerate() {
        let expected: f64 = shares
            .iter()
            .filter(|(a, _)| party_of(a) == Some(i))
            .map(|(_, x)| x)
            .sum();
        let field = form.get(&format!("bijdragen[{i}].bedrag")).unwrap();
        if expected == 0.0 {
            assert_eq!(field, "", "{}", party.name);
        } else {
            assert_eq!(field, format!("{}", expected.round()), "{}", party.name);
        }
    }
    for (actor, amount) in shares.iter().filter(|(a, _)| party_of(a).is_none()) {
        let name = &analysis
            .model
            .actors
            .iter()
            .find(|x| x.id == *actor)
            .unwrap()
            .name;
        let named = format!("{name} ({})", format::euro(amount.round()));
        assert!(filled.contains(&named), "{named} is named as not mapped");
    }
    // Saved with the goal, the afweging as its besluit.
    staff.submit(&form).await.redirect("goal saved");
    let d = doc(&app, &afspraken).await;
    let goal = d.goal("d1").unwrap();
    assert_eq!(
        goal.motivated_by.as_ref().unwrap().case_id,
        case.to_string()
    );
    let total: f64 = goal.contributions.iter().map(|c| c.amount).sum();
    let mapped: f64 = shares
        .iter()
        .filter(|(a, _)| party_of(a).is_some())
        .map(|(_, x)| x.round())
        .sum();
    assert!((total - mapped).abs() < 3.0, "{total} vs {mapped}");

    // An afweging without a besluit has no proposal to take.
    let open = staff.start_case("Wat doen we in de Vogelbuurt?").await;
    let open = open.trim_start_matches("/afwegingen/");
    let page = staff.page(&action).await;
    let mut form = html::form(&page, &action);
    form.set("afweging", open).tick("_actie", "kostenverdeling");
    let page = staff.submit(&form).await;
    assert!(
        page.body.contains("Deze afweging heeft nog geen besluit"),
        "{}",
        page.body
    );
}

per_backend!(
    fresh:
    charts_and_the_wijk_dashboard,
    a_year_closes_only_with_every_story,
    the_jaarschijf_agrees_with_wikken_doelen,
    bijsturen_opens_one_afweging_with_the_gap,
    off_course_goals_come_first_whatever_their_order,
    contributions_come_from_the_cost_sharing_of_the_besluit,
);
