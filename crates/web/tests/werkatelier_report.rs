//! The werkatelier's record, in process: four phones answer two rounds
//! (two huurders, one gemeente, one bewoner; roles shown from 2), two
//! revise with a reason. The report page and its workbook name no
//! participant and no role below the minimum size, state the formulas,
//! and give whole percentages adding up to 100; once closed, the
//! afweging's report and PDF have a section "Werkateliers".

use axum::http::StatusCode;
use calamine::{Data, Reader, Xlsx};
use wikken_test_support::html::{self, Form};
use wikken_test_support::in_process::{InProcess, Visitor};
use wikken_test_support::per_backend;

const NAMES: [&str; 4] = ["Zwaantje", "Berendina", "Gerritje", "Hendrikus"];

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

fn join_code(page: &str) -> String {
    let at = page.find("class=\"join-code\">").expect("a join code") + "class=\"join-code\">".len();
    page[at..at + 6].to_string()
}

/// Opens a werkatelier with 100 punten and paarsgewijs for huurders,
/// gemeente and bewoners, roles shown from 2 participants; its path.
async fn open(staff: &Visitor<'_>, case: &str) -> String {
    let page = staff
        .page(&format!("/afwegingen/{case}/werkateliers"))
        .await;
    let mut form = html::form(&page, &format!("/afwegingen/{case}/werkateliers"));
    form.set("titel", "Werkatelier verslag");
    form.clear("ronde");
    for r in ["punten", "paarsgewijs"] {
        form.tick("ronde", r);
    }
    form.clear("rol");
    for r in ["huurders", "gemeente", "bewoners"] {
        form.tick("rol", r);
    }
    form.set("min_rol", "2");
    staff.submit(&form).await.redirect("opened").to_string()
}

async fn join<'a>(app: &'a InProcess, code: &str, name: &str, role: &str) -> Visitor<'a> {
    let phone = app.visitor();
    let page = phone.page(&format!("/doe-mee?code={code}")).await;
    let details = phone.submit(&html::form(&page, "/doe-mee")).await;
    let mut form = html::form(details.expect(StatusCode::OK, "code"), "/doe-mee/aanmelden");
    form.set("naam", name).tick("rol", role);
    phone.submit(&form).await.redirect("joined");
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

async fn answer_form(phone: &Visitor<'_>, round: &str, revise: bool) -> Form {
    let page = phone.page("/doe-mee/atelier").await;
    html::forms(&page)
        .into_iter()
        .find(|f| {
            f.action == format!("/doe-mee/antwoord/{round}")
                && (f.get("herzien") == Some("1")) == revise
        })
        .unwrap_or_else(|| panic!("a form for {round}: {page}"))
}

fn points(form: &mut Form, first: u32, criteria: usize) {
    let names: Vec<String> = form
        .fields
        .iter()
        .filter(|(n, _)| n.starts_with("p_"))
        .map(|(n, _)| n.clone())
        .collect();
    assert_eq!(names.len(), criteria);
    for (i, n) in names.iter().enumerate() {
        let v = match i {
            0 => first,
            1 => 100 - first,
            _ => 0,
        };
        form.set(n, &v.to_string());
    }
}

/// The part of a page from `id="{from}"` to the next `<section` (or the end).
fn section<'p>(page: &'p str, from: &str) -> &'p str {
    let start = page
        .find(&format!("id=\"{from}\""))
        .unwrap_or_else(|| panic!("no section {from}"));
    let rest = &page[start..];
    let end = rest[1..].find("<section").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

async fn the_record_is_anonymous_and_states_its_formulas(url: String) {
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
    assert!(
        control.contains(&format!("href=\"{w}/verslag\"")),
        "the control page links to the record"
    );
    let code = join_code(&control);
    let mut phones = Vec::new();
    for (name, role) in NAMES
        .iter()
        .zip(["huurders", "huurders", "gemeente", "bewoners"])
    {
        phones.push(join(&app, &code, name, role).await);
    }

    steer(&staff, &w, "punten", "starten").await;
    for (k, phone) in phones.iter().enumerate() {
        let mut form = answer_form(phone, "punten", false).await;
        points(&mut form, [70, 60, 20, 40][k], criteria);
        phone.submit(&form).await.redirect("points");
    }
    // Blind: the record shows no answer yet.
    let page = staff.page(&format!("{w}/verslag")).await;
    assert!(page.contains("4 beantwoord, 0 herzien"), "{page}");
    assert!(!section(&page, "antwoorden").contains("<td class=\"num\">70</td>"));
    steer(&staff, &w, "punten", "onthullen").await;
    // A huurder (a role shown) and the gemeente (alone) revise.
    for (k, reason) in [
        (0, "Na het gesprek over de huren"),
        (2, "Omdat de begroting krap is"),
    ] {
        let mut form = answer_form(&phones[k], "punten", true).await;
        points(&mut form, 50, criteria);
        form.set("reden", reason);
        phones[k].submit(&form).await.redirect("revised");
    }
    steer(&staff, &w, "paarsgewijs", "starten").await;
    for (k, phone) in phones.iter().enumerate() {
        let mut form = answer_form(phone, "paarsgewijs", false).await;
        if k % 2 == 0 {
            form.set("a_0_1", "5");
        }
        phone.submit(&form).await.redirect("pairwise");
    }
    steer(&staff, &w, "paarsgewijs", "onthullen").await;

    let page = staff.page(&format!("{w}/verslag")).await;
    for name in NAMES {
        assert!(!page.contains(name), "the record names {name}");
    }
    for formula in [
        "W = 12S / (m²(n³ − n) − mΣT)",
        "clr_i = ln p_i",
        "0,5 punt",
        "H_β = H_γ − H_α",
        "S* = (e^(−H_β) − 1/c) / (1 − 1/c)",
        "AIJ",
        "AIP",
        "Binnen een rol: paarsgewijze oordelen met het meetkundig gemiddelde",
    ] {
        assert!(page.contains(formula), "no {formula:?}");
    }
    assert!(page.contains("Gewichten uit 100 punten"), "the results");
    assert!(page.contains("Waar verschillen we?"), "the dissent panel");
    assert!(page.contains("class=\"js-print"), "a print button");
    // Participation: every role by count, the small ones too.
    let roles = section(&page, "deelname");
    assert!(roles.contains("Gemeente") && roles.contains("Bewoners"));
    // Revisions: the shown role named with the id, the small one not at all.
    let revisions = section(&page, "herzieningen");
    // The anonymous ids: d1, d2, … in the order the store lists them.
    let wid = wikken_storage::WorkshopId(w.trim_start_matches("/werkateliers/").to_string());
    let people = app.store.workshop_participants(&wid).await.unwrap();
    let id_of = |name: &str| {
        let i = people.iter().position(|p| p.name == name).unwrap();
        format!("d{}", i + 1)
    };
    assert!(
        revisions.contains(&format!(
            "deelnemer {} (Huurders) (20 punten verschoven): “Na het gesprek over de huren”",
            id_of("Zwaantje")
        )),
        "{revisions}"
    );
    assert!(
        revisions.contains("een deelnemer (30 punten verschoven): “Omdat de begroting krap is”"),
        "{revisions}"
    );
    assert!(!revisions.contains(&format!("deelnemer {}", id_of("Gerritje"))));
    assert!(!revisions.contains("Gemeente"));
    // Answers: one row per participant per round, small roles unnamed.
    let answers = section(&page, "antwoorden");
    for id in ["d1", "d2", "d3", "d4"] {
        assert_eq!(
            answers
                .matches(&format!("<th scope=\"row\">{id}</th>"))
                .count(),
            2,
            "{id} in both rounds: {answers}"
        );
    }
    assert!(answers.contains("<td>Huurders</td>"), "{answers}");
    for small in ["Gemeente", "Bewoners"] {
        assert!(!answers.contains(small), "{small} named beside an answer");
    }
    // A phone cannot read the record.
    let a = phones[0].get(&format!("{w}/verslag")).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);

    // The workbook.
    let a = staff.get(&format!("{w}/verslag.xlsx")).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.bytes.starts_with(b"PK"), "an xlsx");
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(a.bytes.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Rondes", "Gewichten", "Verschil", "Antwoorden", "Spelden"]
    );
    let mut all = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for c in row {
                all.push_str(&c.to_string());
                all.push('\t');
            }
            all.push('\n');
        }
    }
    for name in NAMES {
        assert!(!all.contains(name), "the workbook names {name}");
    }
    let weights = book.worksheet_range("Gewichten").unwrap();
    let rows: Vec<&[Data]> = weights.rows().collect();
    let mut tables = 0;
    for (h, header) in rows.iter().enumerate() {
        if header.first().map(|c| c.to_string()) != Some("Criterium".into()) {
            continue;
        }
        tables += 1;
        let columns = header.iter().filter(|c| !matches!(c, Data::Empty)).count() - 1;
        assert!(columns >= 2, "a shown role and together: {header:?}");
        assert!(header.iter().any(|c| *c == "Huurders (n = 2)"));
        assert!(!header.iter().any(|c| c.to_string().starts_with("Gemeente")));
        let body = &rows[h + 1..h + 1 + criteria];
        for col in 1..=columns {
            let percents: Vec<f64> = body
                .iter()
                .map(|r| match &r[col] {
                    Data::Float(x) => x * 100.0,
                    other => panic!("not a share: {other:?}"),
                })
                .collect();
            for p in &percents {
                assert!((p - p.round()).abs() < 1e-9, "{p} is not whole");
            }
            let sum: f64 = percents.iter().sum();
            assert!((sum - 100.0).abs() < 1e-9, "column {col} sums to {sum}");
        }
    }
    assert_eq!(tables, 2, "points and pairwise");
    let answers = book.worksheet_range("Antwoorden").unwrap();
    let rows: Vec<&[Data]> = answers
        .rows()
        .filter(|r| r.get(1).is_some_and(|c| c.to_string().starts_with('d')))
        .collect();
    assert_eq!(rows.len(), 8, "four participants, two rounds");
    assert!(rows.iter().all(|r| {
        let role = r[2].to_string();
        role.is_empty() || role == "Huurders"
    }));
    let dissent = book.worksheet_range("Verschil").unwrap();
    assert!(
        dissent
            .rows()
            .any(|r| r[0] == "Consensus S*" && r[1] == "Iedereen")
    );

    // Closed into the afweging: its report and PDF have a section.
    let before = staff.page(&format!("/afwegingen/{case}/rapport")).await;
    assert!(
        !before.contains("id=\"werkateliers\""),
        "none before closing"
    );
    let close = html::form(&staff.page(&w).await, &format!("{w}/afsluiten"));
    staff.submit(&close).await.redirect("closed");
    let report = staff.page(&format!("/afwegingen/{case}/rapport")).await;
    let part = section(&report, "werkateliers");
    assert!(part.contains("Werkatelier verslag"), "{part}");
    assert!(part.contains("Huurders (n = 2)") && part.contains("samen (n = 4)"));
    let doc = app
        .store
        .case_version(&app.org, &case.as_str().into(), None)
        .await
        .unwrap()
        .unwrap()
        .doc;
    let analysis =
        wikken_core::case::analysis::analyse(&doc, &wikken_highs::Highs::default()).unwrap();
    let context = wikken_web::case_report::ReportContext {
        organisation: "Woonstichting Lindeveen".into(),
        fictional: true,
        area: None,
        version: 2,
        frozen: false,
        generated_at: "1 december 2026".into(),
    };
    let (source, files) =
        wikken_web::case_report::pdf::typst_source(wikken_web::case_report::ReportInput {
            context: &context,
            doc: &doc,
            analysis: &analysis,
        });
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let text = wikken_pdf::page_texts(&source, &files).unwrap().join("\n");
    let at = text.find("Werkateliers").expect("a section Werkateliers");
    let after = &text[at..];
    assert!(after.contains("Werkatelier verslag"));
    assert!(after.contains("Huurders (n = 2)"), "{after}");
    for name in NAMES {
        assert!(!text.contains(name));
    }
    let pdf = staff.get(&format!("/afwegingen/{case}/rapport.pdf")).await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.body);
    assert!(pdf.bytes.starts_with(b"%PDF"));
    // With poppler at hand, the served PDF itself is read back too.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapport.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    if let Ok(out) = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Werkateliers"), "pdftotext: no Werkateliers");
    }
}

per_backend!(the_record_is_anonymous_and_states_its_formulas);
