//! What the monitor's tests share: the demo afspraken, afspraken with two
//! goals of opposite course, a decided afweging, the goals file of the
//! export with its lights, and readers of pages and workbooks.

#![allow(dead_code)]

use calamine::{Data, Reader, Xlsx};
use wikken_core::agreement::Agreement;
use wikken_core::goals::{self, Assessment, GoalStatus};
use wikken_storage::{AgreementId, CaseId, EventUser};
use wikken_test_support::html;
use wikken_test_support::in_process::{InProcess, Visitor};

/// The demo afspraken for the app's organisation; their path.
pub async fn seeded(app: &InProcess) -> String {
    let demo = wikken_data::demo::demo();
    let user = |id: &str, name: &str| EventUser {
        id: id.into(),
        name: name.into(),
    };
    let id = wikken_web::seed_agreement::seed_demo_agreement(
        &app.store,
        &app.org,
        &demo,
        &user("s", "Strateeg (test)"),
        &wikken_web::auth::hash_password("Lindeveen-test-2026"),
    )
    .await
    .expect("demo afspraken");
    format!("/prestatieafspraken/{id}")
}

/// The demo's hand-entered goal gets a third figure, on course (the
/// demo's other goals all lie behind): 71 (2024), 73 (2025), 75 (2026)
/// against a plan line from 71 to 80 in 2029.
pub async fn one_goal_on_course(staff: &Visitor<'_>, afspraken: &str, d: &Agreement) {
    let manual = d.goals.iter().find(|g| g.manual.len() == 2).unwrap();
    for (year, value) in [("2025", "73"), ("2026", "75")] {
        let page = staff
            .page(&format!("{afspraken}/doelen/{}", manual.id))
            .await;
        let mut f = html::form(&page, &format!("{afspraken}/doelen/{}/cijfers", manual.id));
        f.set("jaar", year).set("waarde", value);
        staff.submit(&f).await.redirect("figure");
    }
}

pub async fn doc(app: &InProcess, path: &str) -> Agreement {
    let id = AgreementId::from(path.rsplit('/').next().unwrap());
    app.store
        .agreement_version(&app.org, &id, None)
        .await
        .unwrap()
        .unwrap()
        .doc
}

/// The year evaluated: the demo afspraken run 2026–2029.
pub fn year() -> i32 {
    let now = time::OffsetDateTime::now_utc().year();
    assert!(now >= 2026, "the demo afspraken start in 2026");
    now.min(2029)
}

/// The goals file of the export for `year`, with wikken doelen's lights.
pub async fn assessed(staff: &Visitor<'_>, url: &str, year: i32) -> Vec<Assessment> {
    let json = staff.page(&format!("{url}/doelen.json?jaar={year}")).await;
    let file = goals::read(&json).expect("the export reads as a goals file");
    assert_eq!(file.as_of, Some(year));
    goals::assess(&file)
}

pub fn rank(s: GoalStatus) -> u8 {
    match s {
        GoalStatus::VerAchter => 0,
        GoalStatus::Achter => 1,
        GoalStatus::OpKoers => 3,
        GoalStatus::Gehaald => 4,
        _ => 2,
    }
}

/// The goal ids in the order their sections appear (`id="doel-…"`).
pub fn section_order(page: &str) -> Vec<String> {
    page.split("id=\"doel-")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .filter(|id| !id.ends_with("-kop"))
        .collect()
}

pub async fn front_page(staff: &Visitor<'_>, afspraken: &str) -> String {
    staff.page(afspraken).await
}

/// The rows of the jaarschijf's goals sheet, by column name.
pub fn goal_rows(bytes: &[u8]) -> Vec<std::collections::HashMap<String, Data>> {
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range("Doelen").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let header = rows
        .iter()
        .position(|r| r.first() == Some(&Data::String("Id".into())))
        .expect("a header row");
    let names: Vec<String> = rows[header].iter().map(|c| c.to_string()).collect();
    rows[header + 1..]
        .iter()
        .map(|r| names.iter().cloned().zip(r.iter().cloned()).collect())
        .collect()
}

pub fn number(row: &std::collections::HashMap<String, Data>, column: &str) -> Option<f64> {
    match row.get(column) {
        Some(Data::Float(x)) => Some(*x),
        Some(Data::Int(x)) => Some(*x as f64),
        Some(Data::Empty) | None => None,
        Some(other) => panic!("{column}: {other:?}"),
    }
}

pub fn same(a: Option<f64>, b: Option<f64>, what: &str) {
    match (a, b) {
        (Some(x), Some(y)) => assert!(
            (x - y).abs() <= 1e-9 * y.abs().max(1.0),
            "{what}: {x} vs {y}"
        ),
        (None, None) => {}
        _ => panic!("{what}: {a:?} vs {b:?}"),
    }
}

/// New afspraken (2026–2029) for the demo gemeente with two goals on
/// hand-entered figures, the first on course, the second far behind —
/// so that goal order and "off course first" differ; their path.
pub async fn two_goals(staff: &Visitor<'_>) -> String {
    let page = staff.page("/prestatieafspraken").await;
    let mut form = html::form(&page, "/prestatieafspraken");
    form.set("titel", "Afspraken om te ordenen")
        .set("eerste_jaar", "2026")
        .set("laatste_jaar", "2029")
        .set("huurders", "Huurdersvereniging De Linde");
    let to = staff.submit(&form).await.redirect("started").to_string();
    let url = to.trim_end_matches("/doelen").to_string();
    let buurt = wikken_test_support::first_buurt();
    let goals = [
        (
            "Bewoners waarderen hun buurt",
            "up",
            ("6,5", "7"),
            [("2023", "6,6"), ("2024", "6,8"), ("2025", "6,9")],
        ),
        (
            "Minder overlast",
            "down",
            ("10", "6"),
            [("2023", "10,1"), ("2024", "9,9"), ("2025", "10")],
        ),
    ];
    for (i, (title, direction, (from, target), figures)) in goals.iter().enumerate() {
        let page = staff.page(&format!("{url}/doelen")).await;
        let mut f = html::form(&page, &format!("{url}/doelen"));
        f.set("thema", "leefbaarheid")
            .set("titel", title)
            .set("indicator", "handmatig")
            .set("indicator.naam", title)
            .set("indicator.eenheid", "")
            .set("gebied", &buurt)
            .set("richting", direction)
            .set("nulmeting.jaar", "2022")
            .set("nulmeting.waarde", from)
            .set("streefwaarde.jaar", "2029")
            .set("streefwaarde.waarde", target)
            .set("interval", "1");
        staff.submit(&f).await.redirect("goal");
        let gid = format!("d{}", i + 1);
        for (year, value) in figures {
            let page = staff.page(&format!("{url}/doelen/{gid}")).await;
            let mut f = html::form(&page, &format!("{url}/doelen/{gid}/cijfers"));
            f.set("jaar", year).set("waarde", value);
            staff.submit(&f).await.redirect("figure");
        }
    }
    url
}

/// A decided afweging about the demo's first buurt (the demo's own
/// afweging, its first option chosen); its id and the analysis the
/// engine makes of it.
pub async fn decided_case(app: &InProcess) -> (CaseId, wikken_core::case::analysis::Analysis) {
    use wikken_core::case::demo::{DemoSubject, demo_case};
    let user = EventUser {
        id: "t".into(),
        name: "Test".into(),
    };
    let buurt = wikken_test_support::first_buurt();
    let doc = demo_case(
        &DemoSubject {
            buurt: &buurt,
            buurt_name: "Vogelbuurt",
            gemeente_name: "Lindeveen",
            corporation_name: "Woonstichting Lindeveen",
            complexes: &[],
            start_year: 2027,
        },
        &wikken_core::case::catalogue::default_templates(),
    );
    let id = app.store.create_case(&app.org, &user, &doc).await.unwrap();
    let solver = wikken_highs::Highs::with_time_limit(std::time::Duration::from_secs(20));
    let analysis = wikken_core::case::analysis::analyse(&doc, &solver).expect("an analysis");
    let mut decided = doc.clone();
    decided.decision = Some(wikken_core::case::Decision {
        chosen: vec![analysis.arena[0].option.clone()],
        rationale: "De buurt vraagt erom.".into(),
        dissent: String::new(),
        conditions: String::new(),
        decided_by: "Test".into(),
        decided_at: 1,
    });
    let save = wikken_storage::CaseSave {
        user: &user,
        action: "Besluit vastgelegd",
        detail: None,
        form_token: None,
    };
    app.store
        .save_case(&app.org, &id, 1, &save, &decided)
        .await
        .expect("decided");
    (id, analysis)
}
