//! The portfolio at several budget levels: per level the spend stacked by
//! category next to the saldo of the chosen options, with the budget as a
//! dashed line. When the portfolio optimises on the MCA value, that value
//! is not a sum of euros and is left off the euro axis (the table gives it).

use maud::{Markup, html};
use wikken_core::case::analysis::BudgetStep;
use wikken_core::format;
use wikken_core::model::{Category, Objective};

use super::scale::{Axis, P, short_euro};
use super::{GRID, INK, MUTED, W, empty, frame};

/// The categories in stacking order, with their colours (Okabe–Ito,
/// readable with colour blindness).
const CATEGORIES: [(Category, &str, &str); 4] = [
    (Category::Stenen, "Stenen", "#e69f00"),
    (Category::Sociaal, "Sociaal", "#009e73"),
    (Category::Beleid, "Beleid", "#cc79a7"),
    (Category::Combinatie, "Combinatie", "#56b4e9"),
];
/// The saldo bar.
const SALDO: &str = "#154273";

/// Per budget level two bars: what is spent (stacked by category, with the
/// budget as a dashed line) and the saldo of the chosen options; on the
/// MCA value only the spend (the description names each level's value).
pub fn budget_steps(steps: &[BudgetStep], objective: Objective) -> Markup {
    let saldo = objective == Objective::Npv;
    let title = "Portefeuille bij verschillende budgetten";
    if steps.is_empty() {
        return empty(title, "Geen budget opgegeven.");
    }
    let (left, right, top, base_h) = (78.0, W - 10.0, 12.0, 220.0);
    let mut values = vec![0.0];
    for s in steps {
        values.extend([s.spent, s.max]);
        if saldo {
            values.push(s.objective);
        }
    }
    let axis = Axis::new(&values, base_h, top);
    let gw = (right - left) / steps.len() as f64;
    let bw = (gw * 0.32).min(52.0);
    let zero = axis.at(0.0);
    let present: Vec<_> = CATEGORIES
        .iter()
        .filter(|(c, ..)| {
            steps
                .iter()
                .any(|s| s.spent_by_category.get(c).is_some_and(|v| *v > 0.0))
        })
        .collect();
    let desc = steps
        .iter()
        .map(|s| {
            let parts: Vec<String> = CATEGORIES
                .iter()
                .filter_map(|(c, label, _)| {
                    let v = *s.spent_by_category.get(c)?;
                    (v > 0.0).then(|| format!("{} {}", label.to_lowercase(), format::euro(v)))
                })
                .collect();
            format!(
                "bij {} van het budget ({}): {} gekozen, {}, besteed {}{}",
                format::percent(s.factor, 0),
                format::euro(s.max),
                match s.selected.len() {
                    1 => "1 optie".to_string(),
                    n => format!("{n} opties"),
                },
                if saldo {
                    format!("saldo {}", format::euro(s.objective))
                } else {
                    format!("MCA-waarde {}", format::number(s.objective, 2))
                },
                format::euro(s.spent),
                if parts.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", parts.join(", "))
                }
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let legend_y = base_h + 62.0;
    // Per step the stacked spend: (from, to) in euros with the colour.
    let stacks: Vec<Vec<(f64, f64, &str)>> = steps
        .iter()
        .map(|s| {
            let mut acc = 0.0;
            CATEGORIES
                .iter()
                .filter_map(|(c, _, colour)| {
                    let v = s.spent_by_category.get(c).copied().unwrap_or(0.0).max(0.0);
                    acc += v;
                    (v > 0.0).then_some((acc - v, acc, *colour))
                })
                .collect()
        })
        .collect();
    let mut legend = Vec::new();
    let mut x = left;
    for (_, label, colour) in &present {
        let text = format!("besteed: {}", label.to_lowercase());
        legend.push((x, *colour, text.clone()));
        x += 30.0 + 7.0 * text.chars().count() as f64;
    }
    let body = html! {
        @for t in axis.ticks() {
            line x1=(P(left)) x2=(P(right)) y1=(P(axis.at(t))) y2=(P(axis.at(t))) stroke=(GRID) stroke-width="1" {}
            text x=(P(left - 6.0)) y=(P(axis.at(t) + 4.0)) text-anchor="end" fill=(MUTED) font-size="11" { (short_euro(t)) }
        }
        @for (i, s) in steps.iter().enumerate() {
            @let centre = left + gw * (i as f64 + 0.5);
            @let x_spend = centre - bw - 2.0;
            @for (from, to, colour) in &stacks[i] {
                @let (y0, y1) = (axis.at(*to), axis.at(*from));
                rect.spend x=(P(x_spend)) y=(P(y0)) width=(P(bw)) height=(P(y1 - y0)) fill=(*colour) {}
            }
            line.budget x1=(P(x_spend - 6.0)) x2=(P(x_spend + bw + 6.0)) y1=(P(axis.at(s.max))) y2=(P(axis.at(s.max))) stroke=(INK) stroke-width="2" stroke-dasharray="5 3" {}
            @if saldo {
                @let (o0, o1) = (axis.at(s.objective.max(0.0)), axis.at(s.objective.min(0.0)));
                rect.objective x=(P(centre + 2.0)) y=(P(o0)) width=(P(bw)) height=(P((o1 - o0).max(1.0))) fill=(SALDO) {}
            }
            text x=(P(centre)) y=(P(base_h + 18.0)) text-anchor="middle" fill=(INK) font-weight="600" { (format::percent(s.factor, 0)) }
            text x=(P(centre)) y=(P(base_h + 34.0)) text-anchor="middle" fill=(MUTED) font-size="11" { (short_euro(s.max)) }
        }
        line x1=(P(left)) x2=(P(right)) y1=(P(zero)) y2=(P(zero)) stroke=(INK) stroke-width="1.5" {}
        g font-size="12" fill=(INK) {
            @for (lx, colour, text) in &legend {
                rect x=(P(*lx)) y=(P(legend_y - 10.0)) width="14" height="12" fill=(*colour) {}
                text x=(P(lx + 19.0)) y=(P(legend_y)) { (text) }
            }
            @let x = if saldo { x + 70.0 } else { x };
            @if saldo {
                rect x=(P(x - 70.0)) y=(P(legend_y - 10.0)) width="14" height="12" fill=(SALDO) {}
                text x=(P(x - 51.0)) y=(P(legend_y)) { "saldo" }
            }
            line x1=(P(x)) x2=(P(x + 22.0)) y1=(P(legend_y - 4.0)) y2=(P(legend_y - 4.0)) stroke=(INK) stroke-width="2" stroke-dasharray="5 3" {}
            text x=(P(x + 28.0)) y=(P(legend_y)) { "budget" }
        }
    };
    frame(
        W,
        legend_y + 12.0,
        title,
        &format!("{title}: {desc}."),
        body,
    )
}
