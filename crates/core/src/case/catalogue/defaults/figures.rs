//! Where a default template's figures come from. Each flow has one
//! [`Figure`]: published (who, which year, what they say), a share of
//! another flow (a transfer), or an assumption with no source found. The
//! template's source note is written from these, and the tests hold every
//! amount and range to the range its figure states.

use super::super::Template;
use crate::format::{euro, number, percent};
use crate::model::Flow;

/// Where one figure comes from.
#[derive(Debug, Clone)]
pub(super) enum Origin {
    /// A published source.
    Published {
        /// Publisher (and medium, when reported by another).
        by: &'static str,
        /// Year of publication.
        year: i32,
        /// What it says and how it was brought to 2025 prices.
        says: &'static str,
    },
    /// A fixed share of another flow of the same template: a transfer such
    /// as the energiebelasting in a saved energy bill.
    ShareOf {
        /// The other flow's label.
        flow: &'static str,
        /// The share.
        share: f64,
        /// Why that share.
        why: &'static str,
    },
    /// No published source was found: the reasoning, with a wide range.
    Assumed {
        /// The reasoning.
        why: &'static str,
    },
}

/// One flow's figure: the range (per unit, 2025 prices) its origin supports.
#[derive(Debug, Clone)]
pub(super) struct Figure {
    /// The flow's label.
    pub flow: &'static str,
    /// Lowest amount the origin supports.
    pub low: f64,
    /// Highest amount the origin supports.
    pub high: f64,
    /// Where it comes from.
    pub origin: Origin,
}

/// A figure from a published source.
pub(super) fn published(
    flow: &'static str,
    (low, high): (f64, f64),
    by: &'static str,
    year: i32,
    says: &'static str,
) -> Figure {
    Figure {
        flow,
        low,
        high,
        origin: Origin::Published { by, year, says },
    }
}

/// A figure for which no source was found.
pub(super) fn assumed(flow: &'static str, (low, high): (f64, f64), why: &'static str) -> Figure {
    Figure {
        flow,
        low,
        high,
        origin: Origin::Assumed { why },
    }
}

/// A figure that is a share of another flow (its range follows that flow's
/// amount; checked in the tests).
pub(super) fn share_of(
    flow: &'static str,
    of: &'static str,
    share: f64,
    why: &'static str,
) -> Figure {
    Figure {
        flow,
        low: 0.0,
        high: f64::INFINITY,
        origin: Origin::ShareOf {
            flow: of,
            share,
            why,
        },
    }
}

/// A default template with the figures its source note is written from.
#[derive(Debug, Clone)]
pub(super) struct Sourced {
    /// The template, its `source` written from `figures`.
    pub template: Template,
    /// One per flow (read by the tests, which hold the flows to them).
    #[cfg_attr(not(test), allow(dead_code))]
    pub figures: Vec<Figure>,
}

/// The template with its source note written: the price year and unit,
/// every figure with its origin, then `notes` (method, what is PM).
pub(super) fn sourced(mut template: Template, figures: Vec<Figure>, notes: &str) -> Sourced {
    let unit = template.unit.label();
    let mut parts = vec![format!(
        "{} Prijspeil 2025, bedragen {unit}.",
        super::OWN_FIGURES
    )];
    for f in &figures {
        let Some(flow) = template.flows.iter().find(|x| x.label == f.flow) else {
            continue;
        };
        parts.push(figure_text(f, flow));
    }
    if !notes.is_empty() {
        parts.push(notes.to_string());
    }
    template.source = parts.join(" ");
    Sourced { template, figures }
}

/// "€ 400 per jaar" or "€ 65.000 eenmalig".
fn amount_text(flow: &Flow) -> String {
    if flow.last_year() == flow.from_year {
        format!("{} eenmalig", euro(flow.amount))
    } else {
        format!("{} per jaar", euro(flow.amount))
    }
}

fn figure_text(f: &Figure, flow: &Flow) -> String {
    let range = format!("{}–{}", euro(f.low), number(f.high, 0));
    match &f.origin {
        Origin::Published { by, year, says } => format!(
            "{}: {} (bandbreedte {range}). {says} ({by}, {year}).",
            f.flow,
            amount_text(flow)
        ),
        Origin::Assumed { why } => format!(
            "{}: {} (bandbreedte {range}). Geen gepubliceerde bron gevonden; aanname: {why}",
            f.flow,
            amount_text(flow)
        ),
        Origin::ShareOf {
            flow: of,
            share,
            why,
        } => format!("{}: {} van ‘{of}’. {why}", f.flow, percent(*share, 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::sourced as all_sourced;
    use super::*;
    use crate::engine::sampling::ends;

    /// A relative tolerance for amounts computed from other amounts.
    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() <= 0.01 * b.abs().max(1.0)
    }

    #[test]
    fn every_flow_of_every_default_template_has_one_figure() {
        for s in all_sourced() {
            let t = &s.template;
            for flow in &t.flows {
                let n = s.figures.iter().filter(|f| f.flow == flow.label).count();
                assert_eq!(n, 1, "{}: ‘{}’ needs one figure", t.key, flow.label);
            }
            for f in &s.figures {
                assert!(
                    t.flows.iter().any(|x| x.label == f.flow),
                    "{}: figure for a flow that is not there: ‘{}’",
                    t.key,
                    f.flow
                );
            }
        }
    }

    #[test]
    fn every_published_figure_names_its_publisher_and_year_in_2025_prices() {
        for s in all_sourced() {
            let t = &s.template;
            assert!(t.source.contains("Prijspeil 2025"), "{}", t.key);
            assert!(t.source.len() <= 6000, "{}: the form takes 6000", t.key);
            for f in &s.figures {
                if let Origin::Published { by, year, says } = &f.origin {
                    assert!((1990..=2026).contains(year), "{}: {year}", t.key);
                    assert!(!by.trim().is_empty() && !says.trim().is_empty());
                    assert!(
                        t.source.contains(&format!("({by}, {year})")),
                        "{}: the note names {by}",
                        t.key
                    );
                }
            }
        }
    }

    #[test]
    fn amounts_and_ranges_stay_inside_what_their_source_states() {
        for s in all_sourced() {
            let t = &s.template;
            for f in &s.figures {
                let flow = t.flows.iter().find(|x| x.label == f.flow).unwrap();
                let what = format!("{}: ‘{}’", t.key, f.flow);
                match &f.origin {
                    Origin::ShareOf {
                        flow: of, share, ..
                    } => {
                        let other = t.flows.iter().find(|x| x.label == *of);
                        let other = other.unwrap_or_else(|| panic!("{what}: no ‘{of}’"));
                        assert!(near(flow.amount, share * other.amount), "{what}");
                        assert!(
                            flow.uncertainty.is_none(),
                            "{what}: a transfer has no range"
                        );
                    }
                    origin => {
                        assert!(f.low <= flow.amount && flow.amount <= f.high, "{what}");
                        if let Some(d) = &flow.uncertainty {
                            let (lo, hi) = ends(flow.amount, d);
                            assert!(f.low <= lo + 1e-9 && hi <= f.high + 1e-9, "{what}");
                        }
                        if matches!(origin, Origin::Assumed { .. }) {
                            assert!(
                                f.high - f.low >= 0.8 * flow.amount,
                                "{what}: an assumption carries a wide range"
                            );
                            // a transfer's base has no range, so the two cancel
                            let base = s.figures.iter().any(|g| {
                                matches!(g.origin, Origin::ShareOf { flow: of, .. } if of == f.flow)
                            });
                            assert!(base || flow.uncertainty.is_some(), "{what}: and shows it");
                        }
                    }
                }
            }
        }
    }
}
