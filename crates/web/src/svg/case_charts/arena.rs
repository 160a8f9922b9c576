//! The EffectenArena as a grid: per actor (rows) and option (columns) what
//! the actor gains or pays on balance, coloured by sign and size.

use maud::{Markup, html};
use wikken_core::format;

use super::scale::{P, short_euro, wrap};
use super::{GRID, INK, W, empty, frame};

/// Reds for paying (light to dark) and blues for gaining.
const PAYS: [&str; 4] = ["#fddbc7", "#f4a582", "#d6604d", "#b2182b"];
const GAINS: [&str; 4] = ["#d1e5f0", "#92c5de", "#4393c3", "#2166ac"];
/// A cell of (about) zero.
const NEUTRAL: &str = "#f3f3f3";

/// Fill and text colour of a cell with `value`, against the largest
/// absolute value in the grid.
fn colours(value: f64, max: f64) -> (&'static str, &'static str) {
    if value.abs() < 0.5 || max <= 0.0 {
        return (NEUTRAL, INK);
    }
    let k = ((value.abs() / max * 4.0).ceil() as usize).clamp(1, 4) - 1;
    let fill = if value < 0.0 { PAYS[k] } else { GAINS[k] };
    (fill, if k >= 2 { "#ffffff" } else { INK })
}

/// The actors × options grid: `actors` and `options` are (id, name);
/// `net(a, o)` is actor `a`'s benefits minus costs in option `o`. A last
/// row gives each option's saldo (the sum over the actors).
pub fn arena_matrix(
    actors: &[(String, String)],
    options: &[(String, String)],
    net: &dyn Fn(usize, usize) -> f64,
) -> Markup {
    let title = "Wie betaalt en wie wint (EffectenArena)";
    if actors.is_empty() || options.is_empty() {
        return empty(title, "Geen partijen of opties.");
    }
    let label_w = 170.0;
    let cw = ((W - label_w) / options.len() as f64).clamp(84.0, 160.0);
    let width = (label_w + cw * options.len() as f64).max(W);
    let (head, row) = (54.0, 30.0);
    let values: Vec<Vec<f64>> = (0..actors.len())
        .map(|a| (0..options.len()).map(|o| net(a, o)).collect())
        .collect();
    let totals: Vec<f64> = (0..options.len())
        .map(|o| values.iter().map(|r| r[o]).sum())
        .collect();
    let max = values.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    let bottom = head + row * (actors.len() + 1) as f64;
    let h = bottom + 34.0;
    let chars = ((cw - 8.0) / 7.0).max(6.0) as usize;
    let desc = options
        .iter()
        .enumerate()
        .map(|(o, (_, name))| {
            let parts: Vec<String> = actors
                .iter()
                .enumerate()
                .map(|(a, (_, actor))| format!("{actor} {}", format::euro(values[a][o])))
                .collect();
            format!(
                "{name}: {} (saldo {})",
                parts.join(", "),
                format::euro(totals[o])
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let x_of = |o: usize| label_w + cw * o as f64;
    let body = html! {
        @for (o, (_, name)) in options.iter().enumerate() {
            @let lines = wrap(name, chars, 3);
            text x=(P(x_of(o) + cw / 2.0)) text-anchor="middle" fill=(INK) font-weight="600" font-size="12" {
                @for (l, line) in lines.iter().enumerate() {
                    tspan x=(P(x_of(o) + cw / 2.0)) y=(P(head - 8.0 - 14.0 * (lines.len() - 1 - l) as f64)) { (line) }
                }
            }
        }
        @for (a, (_, actor)) in actors.iter().enumerate() {
            @let y = head + row * a as f64;
            text x=(P(label_w - 10.0)) y=(P(y + row / 2.0 + 4.5)) text-anchor="end" fill=(INK) { (super::scale::clip(actor, 24)) }
            @for o in 0..options.len() {
                @let (fill, ink) = colours(values[a][o], max);
                rect.cell x=(P(x_of(o) + 1.0)) y=(P(y + 1.0)) width=(P(cw - 2.0)) height=(P(row - 2.0)) fill=(fill) {}
                text x=(P(x_of(o) + cw / 2.0)) y=(P(y + row / 2.0 + 4.5)) text-anchor="middle" fill=(ink) font-size="12" {
                    (short_euro(values[a][o]))
                }
            }
        }
        @let y = head + row * actors.len() as f64;
        line x1=(P(label_w)) x2=(P(width)) y1=(P(y)) y2=(P(y)) stroke=(INK) stroke-width="1.5" {}
        text x=(P(label_w - 10.0)) y=(P(y + row / 2.0 + 4.5)) text-anchor="end" fill=(INK) font-weight="600" { "Saldo" }
        @for (o, t) in totals.iter().enumerate() {
            text.total x=(P(x_of(o) + cw / 2.0)) y=(P(y + row / 2.0 + 4.5)) text-anchor="middle" fill=(INK) font-weight="600" font-size="12" {
                (short_euro(*t))
            }
        }
        line x1=(P(label_w)) x2=(P(width)) y1=(P(bottom)) y2=(P(bottom)) stroke=(GRID) stroke-width="1" {}
        g transform=(format!("translate({}, {})", P(label_w), P(bottom + 20.0))) font-size="12" fill=(INK) {
            rect x="0" y="-10" width="16" height="12" fill=(PAYS[2]) {}
            text x="22" y="0" { "betaalt per saldo" }
            rect x="150" y="-10" width="16" height="12" fill=(GAINS[2]) {}
            text x="172" y="0" { "wint per saldo" }
            text x="290" y="0" fill="#4a4a4a" { "donkerder: groter bedrag" }
        }
    };
    frame(width, h, title, &format!("{title}. {desc}."), body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_sign_and_size() {
        assert_eq!(colours(-100.0, 100.0), (PAYS[3], "#ffffff"));
        assert_eq!(colours(10.0, 100.0), (GAINS[0], INK));
        assert_eq!(colours(0.2, 100.0).0, NEUTRAL);
        assert_eq!(colours(60.0, 100.0).0, GAINS[2]);
    }
}
