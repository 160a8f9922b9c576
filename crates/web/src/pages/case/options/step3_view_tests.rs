//! Tests of the step 3 view model.
use wikken_core::case::catalogue::{Unit, default_templates};
use wikken_core::model::Category;

use super::*;
use crate::pages::case::form::Fields;
use crate::pages::case::options::tests::{shown, with_options};

/// A, B and C of one's own; A addresses the first problem fully and
/// the second a little and is kept, B addresses the first.
fn abc() -> CaseDoc {
    let mut d = with_options(&[
        ("A", Category::Stenen),
        ("B", Category::Sociaal),
        ("C", Category::Beleid),
    ]);
    let (p0, p1) = (d.problems[0].id.clone(), d.problems[1].id.clone());
    d.options[0].addresses.insert(p0.clone(), 3);
    d.options[0].addresses.insert(p1, 1);
    d.options[1].addresses.insert(p0, 2);
    for (k, o) in d.options.iter_mut().enumerate() {
        o.shortlisted = k == 0;
    }
    d
}

fn view(doc: CaseDoc, state: &FormState, can_edit: bool) -> Step3View {
    build(
        &shown(doc, false),
        state,
        &default_templates(),
        &Filter::default(),
        Units::default(),
        can_edit,
    )
}

fn typed(fields: &[(&str, &str)]) -> FormState {
    FormState::from_fields(&Fields::new(
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    ))
}

/// "€ 1.234.567" as a number.
fn euros(text: &str) -> f64 {
    text.trim_start_matches("€ ")
        .replace('.', "")
        .parse()
        .unwrap()
}

#[test]
fn each_row_adds_up_what_its_option_addresses() {
    let doc = abc();
    let (a, p0, p1) = (
        doc.options[0].spec.id.clone(),
        doc.problems[0].id.clone(),
        doc.problems[1].id.clone(),
    );
    let p = view(doc, &FormState::default(), true).preselection.unwrap();
    assert!(p.edit);
    assert_eq!(p.action, "/afwegingen/c1/voorselectie");
    assert_eq!(p.problems, ["Veel overlast", "Hoge woonlasten"]);
    let totals: Vec<u32> = p.rows.iter().map(|r| r.total).collect();
    assert_eq!(totals, [4, 2, 0]);
    let row = &p.rows[0];
    assert_eq!(
        row.cells,
        [
            AddressCell {
                name: format!("adres.{a}.{p0}"),
                label: "A: Veel overlast".into(),
                chosen: 3,
            },
            AddressCell {
                name: format!("adres.{a}.{p1}"),
                label: "A: Hoge woonlasten".into(),
                chosen: 1,
            },
        ]
    );
    assert_eq!(row.href, format!("/afwegingen/c1/effecten/{a}"));
    assert_eq!(row.detail, "Stenen");
    // an option without costs has no points per million
    assert_eq!(row.cost, "€ 0");
    assert_eq!(row.points_per_million, None);
    let kept: Vec<bool> = p.rows.iter().map(|r| r.keep).collect();
    assert_eq!(kept, [true, false, false]);
    assert_eq!(row.keep_name, format!("houden.{a}"));
    assert_eq!(
        row.remove,
        Some(RemoveButton {
            action: format!("/afwegingen/c1/opties/{a}/verwijderen"),
            confirm: "A verwijderen? De scores en de voorselectie ervan gaan ook weg.".into(),
            field: format!("verwijderen.{a}"),
            error: None,
        })
    );
    assert_eq!((p.kept, p.options), (1, 3));
    assert_eq!(
        p.warning,
        Some("Minder dan drie: houd een paar alternatieven over om te vergelijken.")
    );
}

#[test]
fn each_bcr_stands_beside_its_ijkpunt_and_a_partial_one_says_so() {
    let mut doc = crate::fuzzing::demo_case();
    let p = view(doc.clone(), &FormState::default(), true)
        .preselection
        .unwrap();
    let row = |p: &Preselection, start: &str| {
        p.rows
            .iter()
            .find(|r| r.name.starts_with(start))
            .cloned()
            .unwrap()
    };
    let schuld = row(&p, "Schuldhulp");
    assert_eq!(schuld.benchmark, Some(("ijkpunt 2,00–4,22".into(), false)));
    assert!(schuld.bcr.starts_with("2,"), "{}", schuld.bcr);
    let renovatie = row(&p, "Renovatie");
    assert!(
        renovatie
            .partial
            .unwrap()
            .contains("wooncomfort en gezondheid")
    );
    assert_eq!(row(&p, "Buurtaanpak").benchmark, None, "a package has none");

    // benefits cut to a third: outside the ijkpunt, flagged
    let o = doc
        .options
        .iter_mut()
        .find(|o| o.spec.name.starts_with("Schuld"))
        .unwrap();
    for f in &mut o.spec.flows {
        if f.kind == wikken_core::model::FlowKind::Benefit {
            f.amount /= 3.0;
        }
    }
    let p = view(doc, &FormState::default(), true).preselection.unwrap();
    assert_eq!(
        row(&p, "Schuldhulp").benchmark,
        Some(("⚠ ijkpunt 2,00–4,22".into(), true))
    );
}

#[test]
fn points_per_million_divide_the_points_by_the_cost() {
    let mut doc = crate::fuzzing::demo_case();
    let first = doc.problems[0].id.clone();
    for o in &mut doc.options {
        o.addresses.insert(first.clone(), 3);
    }
    let p = view(doc, &FormState::default(), true).preselection.unwrap();
    let costly: Vec<&OptionRow> = p.rows.iter().filter(|r| r.cost != "€ 0").collect();
    assert!(!costly.is_empty());
    for row in costly {
        let points: f64 = row
            .points_per_million
            .as_deref()
            .unwrap()
            .replace('.', "")
            .replace(',', ".")
            .parse()
            .unwrap();
        let expected = f64::from(row.total) / (euros(&row.cost) / 1e6);
        assert!(
            (points - expected).abs() <= 0.05 + expected * 1e-6,
            "{}: {points} against {expected}",
            row.name
        );
    }
}

#[test]
fn a_refused_preselection_shows_what_was_typed() {
    let doc = abc();
    let (a, b, p0) = (
        doc.options[0].spec.id.clone(),
        doc.options[1].spec.id.clone(),
        doc.problems[0].id.clone(),
    );
    let state = typed(&[
        ("_which", "voorselectie"),
        (&format!("adres.{a}.{p0}"), "1"),
        (&format!("houden.{b}"), "on"),
    ]);
    let p = view(doc.clone(), &state, true).preselection.unwrap();
    let chosen: Vec<usize> = p.rows[0].cells.iter().map(|c| c.chosen).collect();
    assert_eq!(chosen, [1, 1], "typed, then stored");
    let kept: Vec<bool> = p.rows.iter().map(|r| r.keep).collect();
    assert_eq!(kept, [false, true, false], "the ticks as sent");
    // the count under the table is what is stored
    assert_eq!(p.kept, 1);
    // another form's refusal leaves the ticks as stored
    let other = typed(&[("_which", "nieuw"), (&format!("houden.{b}"), "on")]);
    let p = view(doc, &other, true).preselection.unwrap();
    let kept: Vec<bool> = p.rows.iter().map(|r| r.keep).collect();
    assert_eq!(kept, [true, false, false]);
}

#[test]
fn between_three_and_five_kept_options_there_is_no_warning() {
    let more = Some("Meer dan vijf: overweeg er een paar te laten vallen.");
    let fewer = Some("Minder dan drie: houd een paar alternatieven over om te vergelijken.");
    assert_eq!(kept_warning(6, 8), more);
    assert_eq!(kept_warning(5, 8), None);
    assert_eq!(kept_warning(3, 8), None);
    assert_eq!(kept_warning(2, 3), fewer);
    assert_eq!(kept_warning(2, 2), None, "there are no more to keep");
    assert_eq!(kept_warning(0, 8), None, "nothing chosen yet");
}

#[test]
fn a_lezer_or_a_decided_version_gets_no_forms() {
    for (frozen, can_edit) in [(false, false), (true, true)] {
        let mut doc = abc();
        doc.options[0].quantity = Some(40.0);
        let v = build(
            &shown(doc, frozen),
            &FormState::default(),
            &default_templates(),
            &Filter::default(),
            Units::default(),
            can_edit,
        );
        assert!(v.additions.is_none());
        let p = v.preselection.unwrap();
        assert!(!p.edit);
        assert!(p.rows.iter().all(|r| r.remove.is_none()));
        assert!(p.quantities.is_empty());
    }
}

#[test]
fn packages_and_counts_are_described_under_the_name() {
    let mut doc = abc();
    let (a, b) = (
        doc.options[0].spec.id.clone(),
        doc.options[1].spec.id.clone(),
    );
    let per_dwelling = default_templates()
        .into_iter()
        .find(|t| t.unit == Unit::PerDwelling)
        .unwrap();
    doc.options[0].quantity = Some(1234.0);
    doc.options[0].template = Some(per_dwelling.key);
    // a sociaal option whose template is gone counts huishoudens, not "eenheden"
    doc.options[1].quantity = Some(20.0);
    doc.options[2].members = vec![a.clone(), b.clone()];
    let mut state = FormState::default();
    state.error(
        format!("quantity.{a}"),
        "99.999 woningen is meer dan de 40 woningen in dit gebied. Klopt dit aantal?",
    );
    let p = view(doc, &state, true).preselection.unwrap();
    let details: Vec<&str> = p.rows.iter().map(|r| r.detail.as_str()).collect();
    assert_eq!(
        details,
        [
            "Stenen · 1.234 woningen",
            "Sociaal · 20 huishoudens",
            "Beleid · pakket van A + B"
        ]
    );
    assert_eq!(
        p.quantities,
        [
            QuantityForm {
                name: format!("quantity.{a}"),
                action: format!("/afwegingen/c1/opties/{a}/aantal"),
                label: "A".into(),
                value: "1234".into(),
                confirm: Some(format!("quantity-{a}-klopt")),
            },
            QuantityForm {
                name: format!("quantity.{b}"),
                action: format!("/afwegingen/c1/opties/{b}/aantal"),
                label: "B".into(),
                value: "20".into(),
                confirm: None,
            },
        ]
    );
}

#[test]
fn without_options_there_is_no_preselection_but_there_are_additions() {
    let state = typed(&[("option_category", "beleid")]);
    let v = view(with_options(&[]), &state, true);
    assert!(v.preselection.is_none());
    assert_eq!(v.next, "/afwegingen/c1/effecten");
    let a = v.additions.unwrap();
    assert_eq!(a.new_action, "/afwegingen/c1/opties/nieuw");
    let categories: Vec<(&str, bool)> = a
        .categories
        .iter()
        .map(|o| (o.value.as_str(), o.selected))
        .collect();
    assert_eq!(
        categories,
        [("stenen", false), ("sociaal", false), ("beleid", true)]
    );
    assert_eq!(a.catalogue.templates.len(), default_templates().len());
}
