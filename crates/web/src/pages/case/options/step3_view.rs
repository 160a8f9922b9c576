//! Step 3 as data: the pre-selection table (how much each option addresses
//! each problem, its extra cost and points per million, whether it is
//! kept, with the value typed in a refused form), the warnings on how many
//! are kept, the counts, the filtered catalogue, and the forms for an
//! option of one's own and a package. Built without I/O.

use wikken_core::case::catalogue::Template;
use wikken_core::case::{CaseDoc, CaseOption};
use wikken_core::engine::mkba;
use wikken_core::format;

use super::additions_view::{self, Additions, confirm_id};
use super::units::{Units, unit_word};
use super::{Filter, PreselectBase, category_label, preselect_base};
use crate::pages::case::form::FormState;
use crate::pages::case::{Loaded, Step};

/// Fewer kept options than this (of at least as many) leaves too little
/// to compare.
const FEWEST_KEPT: usize = 3;
/// More kept options than this is more than a weighing can bear.
const MOST_KEPT: usize = 5;

/// A choice in a pre-selection cell: how much an option addresses a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressCell {
    /// The field's name (`adres.{option}.{problem}`).
    pub name: String,
    /// Its accessible name ("Buurtbeheerder: Veel overlast").
    pub label: String,
    /// The chosen level (0 to 3), as typed or as stored.
    pub chosen: usize,
}

/// The remove button of an option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoveButton {
    /// Where it posts.
    pub action: String,
    /// The question asked first.
    pub confirm: String,
    /// Its field for a refusal (`verwijderen.{option}`).
    pub field: String,
    /// Why a removal was refused (the option is in a package).
    pub error: Option<String>,
}

/// An option in the pre-selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionRow {
    /// Its name.
    pub name: String,
    /// Its effects page.
    pub href: String,
    /// "Sociaal · pakket van A + B · 40 woningen".
    pub detail: String,
    /// One cell per problem.
    pub cells: Vec<AddressCell>,
    /// The points over all problems.
    pub total: u32,
    /// The present value of its costs ("€ 1.234.567").
    pub cost: String,
    /// Points per million euro of cost; `None` without cost.
    pub points_per_million: Option<String>,
    /// Its B/K ("2,55"), or "–" without costs.
    pub bcr: String,
    /// The ijkpunt beside it ("ijkpunt 2,00–4,22", "⚠ ijkpunt 1,90"), and
    /// whether the B/K lies outside it.
    pub benchmark: Option<(String, bool)>,
    /// Why the B/K is partial (its main effect is a PM-post), if it is.
    pub partial: Option<String>,
    /// The keep checkbox's name (`houden.{option}`).
    pub keep_name: String,
    /// Whether it is kept, as typed or as stored.
    pub keep: bool,
    /// The keep checkbox's accessible name.
    pub keep_label: String,
    /// The remove button (editors only).
    pub remove: Option<RemoveButton>,
}

/// The form changing an option's count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuantityForm {
    /// The form's name and its field's (`quantity.{option}`).
    pub name: String,
    /// Where it posts.
    pub action: String,
    /// The option's name, the field's label.
    pub label: String,
    /// The stored count, without thousands separators.
    pub value: String,
    /// The id of the "Dit aantal klopt" box, when the count was refused
    /// as more than the area has.
    pub confirm: Option<String>,
}

/// The pre-selection of the options.
#[derive(Debug, Clone, PartialEq)]
pub struct Preselection {
    /// Whether the user can change it (else the fields are disabled).
    pub edit: bool,
    /// Where the form posts.
    pub action: String,
    /// What the form shows, sent back with it.
    pub base: PreselectBase,
    /// The problems, the columns.
    pub problems: Vec<String>,
    /// One row per option.
    pub rows: Vec<OptionRow>,
    /// How many options are kept (as stored).
    pub kept: usize,
    /// How many options there are.
    pub options: usize,
    /// A warning on how many are kept.
    pub warning: Option<&'static str>,
    /// The forms changing counts (editors only, options with a count).
    pub quantities: Vec<QuantityForm>,
}

/// Step 3, decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Step3View {
    /// The pre-selection; `None` without options.
    pub preselection: Option<Preselection>,
    /// What can be added (editors of an open version only).
    pub additions: Option<Additions>,
    /// The next step.
    pub next: String,
}

/// The warning on how many options are kept, if any.
fn kept_warning(kept: usize, options: usize) -> Option<&'static str> {
    if kept > MOST_KEPT {
        Some("Meer dan vijf: overweeg er een paar te laten vallen.")
    } else if kept > 0 && kept < FEWEST_KEPT && options >= FEWEST_KEPT {
        Some("Minder dan drie: houd een paar alternatieven over om te vergelijken.")
    } else {
        None
    }
}

/// "Sociaal · pakket van A + B · 40 woningen".
fn detail(doc: &CaseDoc, o: &CaseOption, catalogue: &[Template]) -> String {
    let mut out = category_label(o.spec.category).to_string();
    if o.is_package() {
        let members: Vec<&str> = o
            .members
            .iter()
            .filter_map(|m| doc.option(m))
            .map(|m| m.spec.name.as_str())
            .collect();
        out.push_str(&format!(" · pakket van {}", members.join(" + ")));
    }
    if let Some(q) = o.quantity {
        let unit = o
            .template
            .as_deref()
            .and_then(|k| catalogue.iter().find(|t| t.key == k))
            .map_or(
                // a template since removed: stenen count woningen
                if o.spec.category == wikken_core::model::Category::Stenen {
                    "woningen"
                } else {
                    "huishoudens"
                },
                |t| unit_word(t.unit),
            );
        out.push_str(&format!(" · {} {unit}", format::number(q, 0)));
    }
    out
}

/// The pre-selection table and what goes with it.
fn preselection(
    case: &Loaded,
    state: &FormState,
    catalogue: &[Template],
    edit: bool,
) -> Preselection {
    let doc = case.doc();
    let url = case.url();
    let model = doc.to_model();
    // A refused pre-selection shows the ticks as sent.
    let typed = state.typed("_which") == Some("voorselectie");
    let rows = doc
        .options
        .iter()
        .map(|o| {
            let id = &o.spec.id;
            let cells: Vec<AddressCell> = doc
                .problems
                .iter()
                .map(|p| {
                    let name = format!("adres.{id}.{}", p.id);
                    let stored = usize::from(o.addresses.get(&p.id).copied().unwrap_or(0));
                    AddressCell {
                        label: format!("{}: {}", o.spec.name, p.text),
                        chosen: state
                            .typed(&name)
                            .and_then(|t| t.parse::<usize>().ok())
                            .unwrap_or(stored),
                        name,
                    }
                })
                .collect();
            let total: u32 = doc
                .problems
                .iter()
                .map(|p| u32::from(o.addresses.get(&p.id).copied().unwrap_or(0)))
                .sum();
            let pv = mkba::option_pv(&model, &doc.option_spec(o), doc.discount_rate);
            let (cost, bcr) = (pv.pv_costs, pv.bcr());
            let notes = doc.bcr_notes(id, bcr);
            let keep_name = format!("houden.{id}");
            OptionRow {
                name: o.spec.name.clone(),
                href: case.sub_url(&format!("effecten/{id}")),
                detail: detail(doc, o, catalogue),
                cells,
                total,
                cost: format::euro(cost),
                points_per_million: (cost > 0.0)
                    .then(|| format::number(f64::from(total) / (cost / 1e6), 1)),
                bcr: bcr.map_or("–".into(), |b| format::number(b, 2)),
                benchmark: notes.benchmark.is_some().then(|| {
                    let cell = crate::case_report::bcr::benchmark_cell(&notes);
                    let off = notes.within == Some(false);
                    let text = format!("ijkpunt {}", cell.trim_start_matches("⚠ "));
                    (if off { format!("⚠ {text}") } else { text }, off)
                }),
                partial: (!notes.unpriced_main_effects.is_empty()).then(|| {
                    format!(
                        "Onvolledig: het belangrijkste effect ({}) is een PM-post.",
                        notes.unpriced_main_effects.join("; ").to_lowercase()
                    )
                }),
                keep: if typed {
                    state.ticked(&keep_name, "on")
                } else {
                    o.shortlisted
                },
                keep_name,
                keep_label: format!("{} houden", o.spec.name),
                remove: edit.then(|| RemoveButton {
                    action: format!("{url}/opties/{id}/verwijderen"),
                    confirm: format!(
                        "{} verwijderen? De scores en de voorselectie ervan gaan ook weg.",
                        o.spec.name
                    ),
                    error: state.errors.get(&format!("verwijderen.{id}")).cloned(),
                    field: format!("verwijderen.{id}"),
                }),
            }
        })
        .collect();
    let kept = doc.shortlist().count();
    let quantities = doc
        .options
        .iter()
        .filter(|_| edit)
        .filter_map(|o| {
            let q = o.quantity?;
            let name = format!("quantity.{}", o.spec.id);
            Some(QuantityForm {
                action: format!("{url}/opties/{}/aantal", o.spec.id),
                label: o.spec.name.clone(),
                value: format::number(q, 0).replace('.', ""),
                confirm: confirm_id(state, &name),
                name,
            })
        })
        .collect();
    Preselection {
        edit,
        action: format!("{url}/voorselectie"),
        base: preselect_base(doc),
        problems: doc.problems.iter().map(|p| p.text.clone()).collect(),
        rows,
        kept,
        options: doc.options.len(),
        warning: kept_warning(kept, doc.options.len()),
        quantities,
    }
}

/// Builds step 3: `can_edit` is the user's role; an old or decided version
/// is read-only for everyone.
pub fn build(
    case: &Loaded,
    state: &FormState,
    catalogue: &[Template],
    filter: &Filter,
    units: Units,
    can_edit: bool,
) -> Step3View {
    let edit = case.editable() && can_edit;
    Step3View {
        preselection: (!case.doc().options.is_empty())
            .then(|| preselection(case, state, catalogue, edit)),
        additions: edit.then(|| additions_view::build(case, state, catalogue, filter, units)),
        next: case.step_url(Step::Effects),
    }
}

#[cfg(test)]
mod tests {
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
}
