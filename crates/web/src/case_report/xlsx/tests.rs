//! The workbook read back with calamine, its numbers checked against the
//! analysis (and a few against hand-computed values).

use calamine::{Data, DataType, Range, Reader, Xlsx};
use wikken_core::case::analysis::{Analysis, analyse};
use wikken_core::case::weights::{WeightMethod, Weighting};
use wikken_core::case::{CaseArea, CaseBudget, CaseDoc, Decision, DecisionLevel, ParticipantRole};
use wikken_core::engine::portfolio::BruteForce;
use wikken_core::model::{Adjust, Category, Direction, Flow, FlowKind};

use super::super::sample::templates;
use super::super::{ReportContext, ReportInput};
use super::*;

/// Three catalogue options (40 dwellings), a blank one with growth and
/// adjustments, a package, two criteria, two parties, a budget, a besluit.
fn doc() -> CaseDoc {
    let mut d = CaseDoc::new(
        "Wat doen we in Molenhoek?",
        DecisionLevel::Wijk,
        CaseArea {
            code: Some("BU03630001".into()),
            complexes: vec![],
        },
        2026,
    );
    let gem = d
        .add_participant("Gemeente Lindeveen", ParticipantRole::Beslisser)
        .unwrap();
    let hv = d
        .add_participant("Huurdersvereniging", ParticipantRole::Adviseur)
        .unwrap();
    d.add_problem("Veel overlast", &gem).unwrap();
    d.add_problem("Hoge woonlasten", &hv).unwrap();
    let leef = d.add_criterion("Leefbaarheid", Direction::Max).unwrap();
    let risk = d
        .add_criterion("Uitvoeringsrisico", Direction::Min)
        .unwrap();
    let ids: Vec<String> = templates()
        .iter()
        .map(|t| d.add_from_template(t, 40.0).unwrap())
        .collect();
    let own = d
        .add_blank_option("Huiskamer in de buurt", Category::Sociaal)
        .unwrap();
    let o = d.option_mut(&own).unwrap();
    // 1000 a year in 2027..=2029, growing 10 %, deadweight 20 %, half lost
    // every year: 2028 holds 1000 · 1.1 · 0.8 · 0.5 = 440.
    o.spec.flows.push(Flow {
        label: "Minder eenzaamheid".into(),
        growth: 0.1,
        adjust: Some(Adjust {
            deadweight: 0.2,
            drop_off: 0.5,
            ..Adjust::default()
        }),
        ..Flow::new("zorgverzekeraar", FlowKind::Benefit, 1000.0, 1, 3)
    });
    o.spec
        .flows
        .push(Flow::new("gemeente", FlowKind::Cost, 900.0, 0, 2));
    o.spec.scores[&leef] = 5.0;
    o.spec.scores[&risk] = 1.0;
    d.add_package("Samen", &[ids[0].clone(), own.clone()])
        .unwrap();
    let w = |a: f64, b: f64| Weighting {
        method: WeightMethod::Direct,
        values: [(leef.clone(), a), (risk.clone(), b)].into_iter().collect(),
        ahp: None,
    };
    d.weighting = w(1.0, 1.0);
    d.set_party_weighting(&gem, w(1.0, 3.0)).unwrap();
    d.set_party_weighting(&hv, w(3.0, 1.0)).unwrap();
    d.baseline.description = "De buurt loopt verder terug.".into();
    d.budget = Some(CaseBudget {
        actor: "corporatie".into(),
        from_year: 0,
        to_year: 4,
        max: 3_000_000.0,
    });
    d.uncertainty.iterations = 1000;
    d.decision = Some(Decision {
        chosen: vec![ids[0].clone()],
        rationale: "Snel zichtbaar resultaat.".into(),
        dissent: String::new(),
        conditions: "Evaluatie na twee jaar.".into(),
        decided_by: "directie".into(),
        decided_at: 1_795_000_000,
    });
    d
}

fn context(fictional: bool) -> ReportContext {
    ReportContext {
        organisation: "Woonstichting De Linde".into(),
        fictional,
        area: Some("buurt Molenhoek".into()),
        version: 3,
        frozen: true,
        generated_at: "24 november 2026, 14:05".into(),
    }
}

struct Book(Xlsx<std::io::Cursor<Vec<u8>>>);

impl Book {
    fn of(doc: &CaseDoc, an: &Analysis, fictional: bool) -> Book {
        let cx = context(fictional);
        let bytes = workbook(ReportInput {
            context: &cx,
            doc,
            analysis: an,
        })
        .unwrap();
        Book(calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap())
    }

    fn sheet(&mut self, name: &str) -> Range<Data> {
        self.0.worksheet_range(name).unwrap()
    }
}

fn num(r: &Range<Data>, row: usize, col: usize) -> f64 {
    r.get_value((row as u32, col as u32))
        .and_then(|d| d.as_f64())
        .unwrap_or_else(|| {
            panic!(
                "no number at ({row}, {col}): {:?}",
                r.get_value((row as u32, col as u32))
            )
        })
}

fn text(r: &Range<Data>, row: usize, col: usize) -> String {
    r.get_value((row as u32, col as u32))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// The first row whose first cell is `label`.
fn row_of(r: &Range<Data>, label: &str) -> usize {
    (0..r.height())
        .find(|&i| text(r, i, 0) == label)
        .unwrap_or_else(|| panic!("no row {label}"))
}

/// The column of a header in `row`.
fn col_of(r: &Range<Data>, row: usize, title: &str) -> usize {
    (0..r.width())
        .find(|&c| text(r, row, c) == title)
        .unwrap_or_else(|| panic!("no column {title}"))
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} vs {b}");
}

fn setup() -> (CaseDoc, Analysis, Book) {
    let d = doc();
    let an = analyse(&d, &BruteForce).unwrap();
    let book = Book::of(&d, &an, true);
    (d, an, book)
}

#[test]
fn sheets_in_order_and_the_afweging_itself() {
    let (d, _, mut book) = setup();
    assert_eq!(
        book.0.sheet_names(),
        [
            "Afweging",
            "Opties",
            "Stromen per jaar",
            "Resultaten",
            "Effectenarena",
            "Weging",
            "Portefeuille",
            "Gevoeligheid",
        ]
    );
    let s = book.sheet("Afweging");
    assert!(text(&s, 1, 0).contains("fictieve demogegevens"));
    assert_eq!(text(&s, row_of(&s, "Vraag"), 1), d.question);
    assert_eq!(text(&s, row_of(&s, "Gebied"), 1), "buurt Molenhoek");
    assert_eq!(
        text(&s, row_of(&s, "Versie"), 1),
        "3 (vastgesteld met een besluit)"
    );
    let p = row_of(&s, "Deelnemers") + 2;
    assert_eq!(
        (text(&s, p, 0), text(&s, p, 1)),
        ("Gemeente Lindeveen".into(), "Beslisser".into())
    );
    let p = row_of(&s, "Problemen") + 2;
    assert_eq!(text(&s, p + 1, 1), "Huurdersvereniging");
    assert_eq!(text(&s, row_of(&s, "Gekozen"), 1), "Buurtbeheerder");
    assert_eq!(
        text(&s, row_of(&s, "Beschrijving"), 1),
        d.baseline.description
    );

    let mut real = Book::of(&d, &analyse(&d, &BruteForce).unwrap(), false);
    let s = real.sheet("Afweging");
    assert!((0..s.height()).all(|r| !text(&s, r, 0).contains("fictieve")));
}

#[test]
fn options_list_every_flow_with_calendar_years() {
    let (d, _, mut book) = setup();
    let s = book.sheet("Opties");
    let flows: usize = d
        .options
        .iter()
        .map(|o| d.option_spec(o).flows.len().max(1))
        .sum();
    let pm = row_of(
        &s,
        "PM-posten (effecten die niet in euro's zijn uitgedrukt)",
    );
    assert_eq!(
        pm,
        flows + 2,
        "one row per flow, a blank row, then the PM-posten"
    );
    // Renovatie × 40: 85,000 × 40 in 2026; lower maintenance 900 × 40 in 2027..=2040
    let reno = (1..pm)
        .find(|&r| text(&s, r, 8) == "Lagere onderhoudslasten")
        .unwrap();
    assert_eq!(text(&s, reno, 0), "Renovatie");
    assert_eq!(num(&s, reno, 3), 40.0);
    assert_eq!(num(&s, reno, 9), 36_000.0);
    assert_eq!((num(&s, reno, 10), num(&s, reno, 11)), (2027.0, 2040.0));
    let cost = (1..pm)
        .find(|&r| text(&s, r, 8) == "Renovatiekosten")
        .unwrap();
    assert_eq!(text(&s, cost, 17), "PERT");
    assert_eq!(
        (num(&s, cost, 18), num(&s, cost, 19)),
        (2_800_000.0, 4_400_000.0)
    );
    let own = (1..pm)
        .find(|&r| text(&s, r, 8) == "Minder eenzaamheid")
        .unwrap();
    assert_eq!(
        (text(&s, own, 6), text(&s, own, 7)),
        ("Zorgverzekeraar".into(), "baten".into())
    );
    assert_eq!(
        (num(&s, own, 12), num(&s, own, 13), num(&s, own, 16)),
        (0.1, 0.2, 0.5)
    );
    // the package takes its members' flows and PM-posten
    let pkg: Vec<usize> = (1..pm).filter(|&r| text(&s, r, 0) == "Samen").collect();
    assert_eq!(pkg.len(), 2 + 2);
    assert_eq!(text(&s, pkg[0], 5), "Buurtbeheerder, Huiskamer in de buurt");
    let pm_rows: Vec<String> = (pm + 2..s.height()).map(|r| text(&s, r, 0)).collect();
    assert_eq!(pm_rows, ["Buurtbeheerder", "Samen"]);
    assert_eq!(text(&s, pm + 2, 2), "Huurders");
}

#[test]
fn flows_per_year_add_up_to_the_present_values() {
    let (_, an, mut book) = setup();
    let m = &an.model;
    let s = book.sheet("Stromen per jaar");
    let first_year = col_of(&s, 0, "2026");
    let pv_col = col_of(&s, 0, "Contante waarde");
    assert_eq!(pv_col, first_year + m.horizon_years as usize + 1);
    let own = (1..s.height())
        .find(|&r| text(&s, r, 0) == "Huiskamer in de buurt" && text(&s, r, 2) == "baten")
        .unwrap();
    let years: Vec<f64> = (0..5).map(|t| num(&s, own, first_year + t)).collect();
    for (a, b) in years.iter().zip([0.0, 800.0, 440.0, 242.0, 0.0]) {
        close(*a, b); // 1000·0.8, 1100·0.8·0.5, 1210·0.8·0.25
    }
    close(num(&s, own, pv_col - 1), 1482.0);
    for o in &an.report.options {
        let (mut costs, mut benefits) = (0.0, 0.0);
        for r in (1..s.height()).filter(|&r| text(&s, r, 0) == o.name) {
            // the yearly values discounted give the sheet's own PV column
            let pv: f64 = (0..m.horizon_years as usize)
                .map(|t| num(&s, r, first_year + t) / (1.0 + m.discount_rate).powi(t as i32))
                .sum();
            close(pv, num(&s, r, pv_col));
            match text(&s, r, 2).as_str() {
                "kosten" => costs += pv,
                _ => benefits += pv,
            }
        }
        close(costs, o.pv_costs);
        close(benefits, o.pv_benefits);
    }
}

#[test]
fn results_repeat_the_report() {
    let (_, an, mut book) = setup();
    let s = book.sheet("Resultaten");
    let c = |t: &str| col_of(&s, 0, t);
    assert_eq!(c("Saldo bij 2,25 %"), c("Saldo bij 0 %") + 1);
    for (i, o) in an.report.options.iter().enumerate() {
        let r = i + 1;
        assert_eq!(text(&s, r, 0), o.name);
        close(num(&s, r, c("CW kosten")), o.pv_costs);
        close(num(&s, r, c("CW baten")), o.pv_benefits);
        close(num(&s, r, c("Saldo")), o.npv);
        close(num(&s, r, c("B/K-verhouding")), o.bcr.unwrap());
        let rates = o.npv_at_rates.as_ref().unwrap();
        close(num(&s, r, c("Saldo bij 4 %")), rates["0.04"]);
        close(num(&s, r, c("Saldo bij 0 %")), rates["0"]);
        let mca = o.mca.unwrap();
        assert_eq!(num(&s, r, c("Rang MCA")), f64::from(mca.rank));
        close(num(&s, r, c("MCA-score")), mca.score);
        let u = o.uncertainty.unwrap();
        close(num(&s, r, c("P5")), u.p5);
        close(num(&s, r, c("Kans beste optie")), u.prob_best);
    }
    let evpi = row_of(&s, "Waarde van volledige informatie (EVPI)");
    close(
        num(&s, evpi, 1),
        an.report.value_of_information.unwrap().evpi,
    );
}

#[test]
fn the_arena_and_the_sharing_proposal() {
    let (_, an, mut book) = setup();
    let m = &an.model;
    let s = book.sheet("Effectenarena");
    for (k, a) in m.actors.iter().enumerate() {
        assert_eq!(text(&s, 2 + k, 0), a.name);
        for (c, col) in an.arena.iter().enumerate() {
            close(num(&s, 2 + k, 1 + c), col.actors[&a.id].net);
        }
    }
    let total = row_of(&s, "Maatschappelijk saldo");
    for (c, o) in an.report.options.iter().enumerate() {
        close(num(&s, total, 1 + c), o.npv);
    }
    let rule = row_of(&s, "Rekenregel");
    assert!(text(&s, rule, 1).contains("naar verhouding van wat elk van hen aan baten"));
    let head = row_of(&s, "Optie");
    assert_eq!(head, rule + 1);
    assert_eq!(text(&s, head, 6), "Voorgestelde bijdrage");
    // per option the proposed contributions add up to its PV costs
    for o in &an.report.options {
        let rows: Vec<usize> = (head + 1..s.height())
            .filter(|&r| text(&s, r, 0) == o.name)
            .collect();
        assert!(!rows.is_empty());
        let shared: f64 = rows.iter().map(|&r| num(&s, r, 6)).sum();
        close(shared, o.pv_costs);
        for &r in &rows {
            close(num(&s, r, 8), num(&s, r, 3) - num(&s, r, 6));
            // the huurders get no bill beyond what stays with them
            if text(&s, r, 1) == "Huurders" {
                assert_eq!(text(&s, r, 5), "nee");
                close(num(&s, r, 6), num(&s, r, 7));
            }
        }
    }
}

#[test]
fn weighing_portfolio_and_tornado() {
    let (d, an, mut book) = setup();
    let s = book.sheet("Weging");
    let h = row_of(&s, "Criterium");
    assert_eq!(text(&s, h, 3), "Gemeente Lindeveen");
    close(num(&s, h + 1, 2), 0.5);
    close(num(&s, h + 1, 3), 0.25); // the gemeente weighs leefbaarheid 1 : 3
    let h = row_of(&s, "Optie");
    for (i, dis) in an.disagreement.iter().enumerate() {
        assert_eq!(num(&s, h + 1 + i, 1), f64::from(dis.main_rank));
        assert_eq!(num(&s, h + 1 + i, 4), f64::from(dis.spread));
    }

    let s = book.sheet("Portefeuille");
    let h = row_of(&s, "Budgetniveau");
    assert_eq!(an.budget_steps.len(), 5);
    for (i, step) in an.budget_steps.iter().enumerate() {
        close(num(&s, h + 1 + i, 0), step.factor);
        close(num(&s, h + 1 + i, 1), step.max);
        close(num(&s, h + 1 + i, 4), step.spent);
        let names: Vec<&str> = step
            .selected
            .iter()
            .map(|id| d.option(id).unwrap().spec.name.as_str())
            .collect();
        assert_eq!(text(&s, h + 1 + i, 2), names.join(", "));
        assert_eq!(text(&s, h + 1 + i, 9), "bewezen optimaal");
    }

    let s = book.sheet("Gevoeligheid");
    let rows = an.report.sensitivity.as_ref().unwrap();
    assert_eq!(s.height(), rows.len() + 1);
    for (i, row) in rows.iter().enumerate() {
        close(num(&s, 1 + i, 6), row.swing);
        assert_eq!(text(&s, 1 + i, 1), row.label);
    }
}

#[test]
fn a_case_without_criteria_budget_or_uncertainty_still_writes() {
    let mut d = doc();
    for c in d.criteria.clone() {
        d.remove_criterion(&c.id).unwrap();
    }
    d.budget = None;
    d.decision = None;
    for o in &mut d.options {
        for f in &mut o.spec.flows {
            f.uncertainty = None;
        }
    }
    let an = analyse(&d, &BruteForce).unwrap();
    let mut book = Book::of(&d, &an, false);
    assert!(text(&book.sheet("Weging"), 0, 1).starts_with("Geen criteria"));
    assert!(text(&book.sheet("Portefeuille"), 0, 1).starts_with("Geen budget"));
    assert!(text(&book.sheet("Gevoeligheid"), 0, 1).starts_with("Geen bedragen"));
    let s = book.sheet("Afweging");
    assert!((0..s.height()).all(|r| text(&s, r, 0) != "Besluit"));
}
