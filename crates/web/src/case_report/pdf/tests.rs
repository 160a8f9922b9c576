use std::path::PathBuf;
use std::time::Instant;

use super::*;
use crate::case_report::sample::{Extras, analysis, context, doc};

const ALL: Extras = Extras {
    uncertainty: true,
    budget: true,
    decision: true,
};
const NONE: Extras = Extras {
    uncertainty: false,
    budget: false,
    decision: false,
};

/// `<target>/test-artefacts/`, from the test binary's place in
/// `<target>/debug/deps/`.
fn artefact_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let target = exe.ancestors().nth(3).unwrap().to_path_buf();
    let dir = target.join("test-artefacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The report's pages as text, and its PDF.
fn render(d: &CaseDoc, c: &ReportContext) -> (Vec<String>, Vec<u8>) {
    let a = analysis(d);
    let input = ReportInput {
        context: c,
        doc: d,
        analysis: &a,
    };
    let (source, files) = typst_source(input);
    let named: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let pages = wikken_pdf::page_texts(&source, &named).unwrap_or_else(|e| panic!("{e}\n{source}"));
    let bytes = pdf(input).unwrap();
    (pages, bytes)
}

#[test]
fn the_full_report_renders_and_is_saved() {
    let d = doc(ALL);
    let c = context(true, true);
    let a = analysis(&d);
    let start = Instant::now();
    let first = pdf(ReportInput {
        context: &c,
        doc: &d,
        analysis: &a,
    })
    .unwrap();
    eprintln!(
        "first render (fonts parsed, nothing memoised): {:?}",
        start.elapsed()
    );
    let (pages, bytes) = render(&d, &c);
    assert_eq!(
        first.len(),
        bytes.len(),
        "the same input gives the same PDF"
    );
    assert!(bytes.starts_with(b"%PDF-"));
    let path = artefact_dir().join("report-sample.pdf");
    std::fs::write(&path, &bytes).unwrap();
    eprintln!("saved {}", path.display());
    // The charts as a page, to look at in a browser.
    let input = ReportInput {
        context: &c,
        doc: &d,
        analysis: &a,
    };
    let (_, files) = typst_source(input);
    let svgs: String = files
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    let html = format!(
        "<!doctype html><meta charset=utf-8><style>{}</style><main>{svgs}</main>",
        include_str!("../../../assets/wikken.css")
    );
    std::fs::write(artefact_dir().join("report-charts.html"), html).unwrap();
    let start = Instant::now();
    let again = pdf(input).unwrap();
    eprintln!(
        "report: {} pages, {} bytes, rendered in {:?}",
        pages.len(),
        again.len(),
        start.elapsed()
    );
    assert!((5..=20).contains(&pages.len()), "{} pages", pages.len());
    let title = &pages[0];
    for expected in [
        "Wat doen we aan de leefbaarheid in Molenhoek?",
        "buurt Molenhoek",
        "Woonstichting Lindeveen",
        "Fictieve demogegevens",
        "24 november 2026, 14:05",
    ] {
        assert!(
            title.contains(expected),
            "{expected} not on the title page: {title}"
        );
    }
    assert!(!title.contains("Concept"), "a frozen version is no concept");
    let all = pages.join("\n");
    for expected in [
        "De vraag en het nulalternatief",
        "Deelnemers en problemen",
        "Huurdersvereniging De Linde",
        "De opties",
        "Resultaten",
        "Saldo bij 2,25 %",
        "Wie betaalt en wie wint",
        "Voorstel voor het verdelen van de kosten",
        "De weging per partij",
        "Waar de partijen verschillen",
        "Onzekerheid",
        "Kans saldo > 0",
        "EVPI",
        "Portefeuille",
        "Het besluit",
        "De huurdersvereniging had liever eerst de woningen aangepakt.",
        "18 november 2026",
    ] {
        assert!(all.contains(expected), "missing {expected:?}");
    }
    assert!(
        all.contains("Rekenregel:"),
        "the cost-sharing rule is stated"
    );
    assert!(
        !all.to_lowercase().contains("eerlijk"),
        "nothing is called fair"
    );
    // Dutch amounts: the renovation costs € 85.000 per dwelling for 40 dwellings.
    assert!(all.contains("€ 3.400.000"), "no Dutch amount");
}

#[test]
fn a_portfolio_on_the_mca_value_says_so_and_labels_its_column() {
    let mut d = doc(Extras {
        uncertainty: false,
        budget: true,
        decision: false,
    });
    d.portfolio_objective = wikken_core::model::Objective::Value;
    let (pages, _) = render(&d, &context(false, false));
    let all = pages
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(all.contains("kiest hier op de MCA-waarde"), "{all}");
    assert!(all.contains("Het saldo in euro"), "{all}");
    assert!(all.contains("MCA-waarde"));
}

#[test]
fn a_concept_without_uncertainty_budget_or_decision() {
    let d = doc(NONE);
    let c = context(false, false);
    let a = analysis(&d);
    let (source, files) = typst_source(ReportInput {
        context: &c,
        doc: &d,
        analysis: &a,
    });
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        names,
        vec!["saldo.svg", "arena.svg"],
        "no distributions, tornado or budget chart"
    );
    let (pages, bytes) = render(&d, &c);
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        pages[0].contains("Concept") && !pages[0].contains("Fictieve"),
        "{}",
        pages[0]
    );
    assert!(
        pages[1..].iter().all(|p| p.contains("Concept")),
        "every page says concept"
    );
    let all = pages.join("\n");
    assert!(all.contains("Nog geen besluit."));
    assert!(all.contains("geen onzekerheidsanalyse"));
    assert!(!all.contains("Portefeuille"));
    assert!(!source.contains("tornado-"));
}

#[test]
fn user_text_with_markup_characters_is_printed_as_typed() {
    let mut d = doc(ALL);
    let nasty =
        "Kosten #1: *ster*, $x_1$ en [haakjes] // geen commentaar @ref <label> = kop \\ slot";
    d.question = format!("Wat nu? {nasty}");
    d.baseline.description = "- geen lijst\n+ ook niet\n1. geen nummer\n= geen kop".into();
    d.participants[0].name = "Gemeente_Lindeveen #2".into();
    d.options[0].spec.name = "Beheer [fase *1*]".into();
    if let Some(dec) = d.decision.as_mut() {
        dec.rationale = "Omdat $100 genoeg is_ toch?".into();
    }
    let (pages, _) = render(&d, &context(false, true));
    let all = pages.join("\n");
    for literal in [
        "Kosten #1: *ster*, $x_1$ en [haakjes] // geen commentaar @ref <label> = kop \\ slot",
        "- geen lijst",
        "+ ook niet",
        "1. geen nummer",
        "= geen kop",
        "Gemeente_Lindeveen #2",
        "Beheer [fase *1*]",
        "Omdat $100 genoeg is_ toch?",
    ] {
        assert!(all.contains(literal), "{literal:?} not printed as typed");
    }
}

#[test]
fn the_werkateliers_are_a_section_with_whole_percentages() {
    use wikken_core::case::workshop_outcome::WorkshopProblem;
    use wikken_core::case::{WorkshopOutcome, WorkshopWeighting};
    let mut d = doc(NONE);
    let c = context(false, false);
    let a = analysis(&d);
    let (source, _) = typst_source(ReportInput {
        context: &c,
        doc: &d,
        analysis: &a,
    });
    assert!(
        !source.contains("Werkateliers"),
        "none without werkateliers"
    );
    let ids: Vec<String> = d.criteria.iter().map(|c| c.id.clone()).collect();
    let set = |holder: &str, role: Option<&str>, n: u32, first: f64| WorkshopWeighting {
        holder: format!("Werkatelier Molenhoek: {holder}"),
        role: role.map(str::to_string),
        participants: n,
        weights: ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let rest = (1.0 - first) / (ids.len() - 1) as f64;
                (id.clone(), if i == 0 { first } else { rest })
            })
            .collect(),
    };
    let owner = d.participants[0].id.clone();
    d.workshops.push(WorkshopOutcome {
        workshop: "w1".into(),
        title: "Werkatelier Molenhoek".into(),
        held_at: 1_795_000_000,
        participants: 23,
        method: "100 punten".into(),
        weightings: vec![
            set("Huurders (n = 6)", Some("huurders"), 6, 1.0 / 3.0),
            set("Gemeente (n = 4)", Some("gemeente"), 4, 0.5),
            set("Corporatie (n = 5)", Some("corporatie"), 5, 0.2),
            set("Zorg en welzijn (n = 3)", Some("zorg-welzijn"), 3, 0.6),
            set("Bewoners (n = 4)", Some("bewoners"), 4, 0.45),
            set("samen (n = 23)", None, 23, 0.4),
        ],
        problems: vec![WorkshopProblem {
            text: "Donker pad langs het water".into(),
            owner,
            raised_by: [("Huurders".to_string(), 3), ("Bewoners".to_string(), 1)]
                .into_iter()
                .collect(),
        }],
        picks: [(d.options[0].spec.id.clone(), 7)].into_iter().collect(),
        roles: [("Huurders".to_string(), 6), ("Gemeente".to_string(), 1)]
            .into_iter()
            .collect(),
        dissent: vec![
            "Eensgezindheid over de rangorde van de opties (Kendall’s W): 0,41 over 20 deelnemers."
                .into(),
        ],
    });
    let (pages, bytes) = render(&d, &c);
    let all = pages.join("\n");
    let at = all.find("Werkateliers").expect("a section");
    let part = &all[at..];
    for expected in [
        "Werkatelier Molenhoek",
        "Deelnemers: 23",
        "Huurders 6, Gemeente 1",
        "100 punten",
        "Huurders (n = 6)",
        "samen (n = 23)",
        "Donker pad langs het water",
        "Huurders 3, Bewoners 1",
        "7 keer gekozen",
        "Kendall’s W",
    ] {
        assert!(part.contains(expected), "missing {expected:?}: {part}");
    }
    // Six weight sets: two tables of at most four, whole percentages.
    let (source, _) = typst_source(ReportInput {
        context: &c,
        doc: &d,
        analysis: &a,
    });
    let section = &source[source.find("= Werkateliers").unwrap()..];
    assert_eq!(
        section.matches("#table(").count(),
        3,
        "two weight tables and the problems"
    );
    assert!(section.contains("[33~%]") || section.contains("[34~%]"));
    std::fs::write(artefact_dir().join("report-werkateliers.pdf"), &bytes).unwrap();
}
