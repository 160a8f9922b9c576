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
    /// How often it was picked in the werkateliers' voorselectie, when any
    /// werkatelier held one.
    pub picked: Option<u32>,
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
    /// The werkateliers whose voorselectie the picked column counts.
    pub picked_by: Option<String>,
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
    let picks = doc.workshop_picks();
    let held: Vec<&str> = doc
        .workshops
        .iter()
        .filter(|w| !w.picks.is_empty())
        .map(|w| w.title.as_str())
        .collect();
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
                picked: (!held.is_empty()).then(|| picks.get(id.as_str()).copied().unwrap_or(0)),
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
        picked_by: (!held.is_empty()).then(|| held.join(", ")),
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
#[path = "step3_view_tests.rs"]
mod tests;
