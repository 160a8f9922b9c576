//! The catalogue a new organisation starts with: stenen, sociaal and beleid
//! interventions with Dutch figures in prices of 2025. Every figure (every
//! flow) names where it comes from: a published source (publisher, year,
//! what it says), a share of another flow (a transfer such as
//! energiebelasting), or plainly an assumption for which no source was
//! found, which then carries a wide range. The source note of a template
//! is written from those figures, so text and numbers cannot drift apart.

mod beleid;
mod figures;
mod sociaal;
mod stenen;

use super::Template;
use crate::model::{Adjust, Distribution, Flow, FlowKind, PmItem, PmSign};
use figures::Sourced;

/// The starting catalogue: stenen, sociaal and beleid interventions with
/// their figures' sources.
pub fn default_templates() -> Vec<Template> {
    sourced().into_iter().map(|s| s.template).collect()
}

/// Every default template with the figures its source note is written from.
fn sourced() -> Vec<Sourced> {
    let mut all = stenen::templates();
    all.extend(sociaal::templates());
    all.extend(beleid::templates());
    all
}

/// A cost of `amount` a year for `actor` in years `from..=to`.
fn cost(actor: &str, label: &str, amount: f64, from: i64, to: i64) -> Flow {
    Flow {
        label: label.to_string(),
        ..Flow::new(actor, FlowKind::Cost, amount, from, to)
    }
}

/// A benefit of `amount` a year for `actor` in years `from..=to`.
fn benefit(actor: &str, label: &str, amount: f64, from: i64, to: i64) -> Flow {
    Flow {
        label: label.to_string(),
        ..Flow::new(actor, FlowKind::Benefit, amount, from, to)
    }
}

/// Builder steps on a flow, so the templates read as a table.
trait FlowExt {
    /// A triangular range around the amount.
    fn tri(self, low: f64, high: f64) -> Flow;
    /// A PERT range around the amount (skewed ranges).
    fn pert(self, low: f64, high: f64) -> Flow;
    /// SROI adjustments: deadweight, attribution, displacement, drop-off.
    fn sroi(self, deadweight: f64, attribution: f64, displacement: f64, drop_off: f64) -> Flow;
    /// Real growth per year.
    fn growing(self, growth: f64) -> Flow;
}

impl FlowExt for Flow {
    fn tri(self, low: f64, high: f64) -> Flow {
        Flow {
            uncertainty: Some(Distribution::Triangular { low, high }),
            ..self
        }
    }

    fn pert(self, low: f64, high: f64) -> Flow {
        Flow {
            uncertainty: Some(Distribution::Pert { low, high }),
            ..self
        }
    }

    fn sroi(self, deadweight: f64, attribution: f64, displacement: f64, drop_off: f64) -> Flow {
        Flow {
            adjust: Some(Adjust {
                deadweight,
                attribution,
                displacement,
                drop_off,
            }),
            ..self
        }
    }

    fn growing(self, growth: f64) -> Flow {
        Flow { growth, ..self }
    }
}

/// A PM-post: an effect kept visible without a price.
fn pm(label: &str, actor: Option<&str>, sign: PmSign, note: Option<&str>) -> PmItem {
    PmItem {
        label: label.to_string(),
        actor: actor.map(str::to_string),
        sign,
        note: note.map(str::to_string),
    }
}

/// The closing words of every source note.
const OWN_FIGURES: &str = "Indicatief, te vervangen door eigen cijfers.";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::catalogue::{Route, Unit};
    use crate::case::{CaseArea, CaseDoc, DecisionLevel};
    use crate::model::Category;

    #[test]
    fn the_issue_list_is_covered() {
        let keys: Vec<String> = default_templates().into_iter().map(|t| t.key).collect();
        for key in [
            "renovatie",
            "sloop-nieuwbouw",
            "verduurzaming",
            "groot-onderhoud",
            "buurtbeheerder",
            "achter-de-voordeur",
            "woonbegeleiding",
            "schuldhulp-vroegsignalering",
            "leerwerkplekken",
            "bewonersinitiatieven",
            "huurprijsbeleid",
            "passend-toewijzen",
        ] {
            assert!(keys.iter().any(|k| k == key), "{key} is missing");
        }
    }

    #[test]
    fn every_template_makes_a_valid_option() {
        for t in default_templates() {
            let mut doc = CaseDoc::new("Toets", DecisionLevel::Wijk, CaseArea::default(), 2026);
            doc.horizon_years = 30;
            let id = doc.add_from_template(&t, t.typical_quantity).unwrap();
            let model = doc.to_model();
            let problems = crate::validate::validate(&model);
            assert!(problems.is_empty(), "{}: {problems}", t.key);
            assert_eq!(model.options[0].id, id);
            assert!(t.typical_quantity > 0.0, "{}", t.key);
            if t.unit == Unit::PerProject {
                assert_eq!(t.typical_quantity, 1.0, "{}", t.key);
            }
        }
    }

    #[test]
    fn templates_show_who_pays_and_who_gains_and_how_sure() {
        for t in default_templates() {
            assert!(t.description.len() > 80, "{}: describe it", t.key);
            assert!(!t.processes.is_empty() && !t.roles.is_empty(), "{}", t.key);
            assert!(t.source.contains(OWN_FIGURES), "{}: honest source", t.key);
            assert!(!t.pm.is_empty(), "{}: PM-posten", t.key);
            assert!(
                t.flows.iter().any(|f| f.kind == FlowKind::Cost)
                    && t.flows.iter().any(|f| f.kind == FlowKind::Benefit),
                "{}: costs and benefits",
                t.key
            );
            assert!(
                t.flows
                    .iter()
                    .any(|f| f.kind == FlowKind::Benefit && f.actor != "corporatie"),
                "{}: benefits for other parties",
                t.key
            );
            assert!(
                t.flows.iter().any(|f| f.uncertainty.is_some()),
                "{}: ranges",
                t.key
            );
            if t.category == Category::Sociaal {
                assert!(!t.routes.is_empty(), "{}: a stijgingsroute", t.key);
                assert!(
                    t.flows.iter().any(|f| f.adjust.is_some()),
                    "{}: SROI adjustments",
                    t.key
                );
            }
        }
        let routes: Vec<Route> = default_templates()
            .iter()
            .flat_map(|t| t.routes.clone())
            .collect();
        for r in Route::ALL {
            assert!(routes.contains(r), "no template serves {}", r.label());
        }
    }
}
