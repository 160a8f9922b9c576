//! Charts of the afweging's results as self-contained SVG: every colour
//! and font is an attribute, so the same picture shows in the browser, in
//! print and inside the PDF report. Each chart has a `<title>` and a
//! `<desc>` that says every figure in words (the text alternative).

mod arena;
mod budget;
mod scale;
#[cfg(test)]
mod tests;
mod tornado;

use maud::{Markup, html};
use wikken_core::case::analysis::Histogram;
use wikken_core::format;

pub use arena::arena_matrix;
pub use budget::budget_steps;
use scale::{Axis, P, clip, label_every, short_euro, text_width, wrap};
pub use tornado::{ROWS_PER_OPTION, TornadoBar, TornadoOption, tornado, tornado_options};

/// The font stack of the site; the PDF falls back to its own font.
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";
/// Body text.
const INK: &str = "#1a1a1a";
/// Secondary text.
const MUTED: &str = "#4a4a4a";
/// Grid lines.
const GRID: &str = "#c8c8c8";
/// A gain (positive saldo): blue of a diverging red–blue scale.
const GAIN: &str = "#2166ac";
/// A loss (negative saldo): red of the same scale.
const LOSS: &str = "#b2182b";
/// The width every chart is drawn at (it scales to its container).
const W: f64 = 640.0;

/// One option's bar in [`npv_bars`].
#[derive(Debug, Clone, PartialEq)]
pub struct NpvBar {
    /// The option's name.
    pub name: String,
    /// Its maatschappelijk saldo.
    pub npv: f64,
    /// The Monte Carlo p5–p95 range of the saldo, when computed.
    pub range: Option<(f64, f64)>,
}

/// The outer `<svg>` every chart shares: size, font, title and text
/// alternative.
fn frame(w: f64, h: f64, title: &str, desc: &str, body: Markup) -> Markup {
    html! {
        svg.case-chart xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {} {}", P(w), P(h)))
            width=(P(w)) height=(P(h)) role="img" aria-label=(title)
            font-family=(FONT) font-size="13" {
            title { (title) }
            desc { (desc) }
            (body)
        }
    }
}

/// A chart without figures: still a valid picture, saying so.
fn empty(title: &str, message: &str) -> Markup {
    frame(
        W,
        40.0,
        title,
        message,
        html! { text x="8" y="25" fill=(MUTED) { (message) } },
    )
}

/// Row labels at the left, right-aligned against the plot.
const LABEL_W: f64 = 190.0;
/// Height of one bar row.
const ROW: f64 = 32.0;
/// Space above the first row.
const TOP: f64 = 8.0;

/// A row's label left of the plot: one line, or two smaller ones for a
/// long text.
fn row_label(label: &str, mid: f64) -> Markup {
    let x = LABEL_W - 10.0;
    if label.chars().count() <= 22 {
        return html! { text x=(P(x)) y=(P(mid + 4.5)) text-anchor="end" fill=(INK) { (label) } };
    }
    let lines = wrap(label, 26, 2);
    html! {
        text x=(P(x)) text-anchor="end" fill=(INK) font-size="11.5" {
            @for (i, line) in lines.iter().enumerate() {
                tspan x=(P(x)) y=(P(mid + if lines.len() == 1 { 4.0 } else { -2.0 + 13.0 * i as f64 })) { (line) }
            }
        }
    }
}

/// The vertical grid, zero line and tick labels under a horizontal plot;
/// when the labels would touch, every other one (always 0) is written.
fn x_axis(axis: &Axis, top: f64, bottom: f64) -> Markup {
    let ticks = axis.ticks();
    let labels: Vec<String> = ticks.iter().map(|t| short_euro(*t)).collect();
    let every = label_every(axis, &ticks, &labels, 8.0);
    let zero = ticks.iter().position(|t| *t == 0.0).unwrap_or(0);
    html! {
        @for (i, (t, label)) in ticks.iter().zip(&labels).enumerate() {
            line x1=(P(axis.at(*t))) x2=(P(axis.at(*t))) y1=(P(top)) y2=(P(bottom)) stroke=(GRID) stroke-width="1" {}
            @if (i + every - zero % every).is_multiple_of(every) {
                text.tick x=(P(axis.at(*t))) y=(P(bottom + 16.0)) text-anchor="middle" fill=(MUTED) font-size="11" { (label) }
            }
        }
        @if axis.lo < 0.0 && axis.hi > 0.0 || axis.lo == 0.0 || axis.hi == 0.0 {
            line.zero x1=(P(axis.at(0.0))) x2=(P(axis.at(0.0))) y1=(P(top)) y2=(P(bottom)) stroke=(INK) stroke-width="1.5" {}
        }
    }
}

/// Horizontal bars of each option's maatschappelijk saldo (negative to the
/// left of 0) with the Monte Carlo p5–p95 range as a whisker.
pub fn npv_bars(rows: &[NpvBar]) -> Markup {
    let title = "Maatschappelijk saldo per optie";
    if rows.is_empty() {
        return empty(title, "Geen opties.");
    }
    let mut values: Vec<f64> = vec![0.0];
    for r in rows {
        values.push(r.npv);
        if let Some((a, b)) = r.range {
            values.extend([a, b]);
        }
    }
    let value_w = 104.0;
    let axis = Axis::new(&values, LABEL_W, W - value_w - 8.0);
    let bottom = TOP + ROW * rows.len() as f64;
    let any_range = rows.iter().any(|r| r.range.is_some());
    let h = bottom + 26.0 + if any_range { 22.0 } else { 0.0 };
    let desc = rows
        .iter()
        .map(|r| match r.range {
            Some((a, b)) => format!(
                "{}: {} (90 % van de uitkomsten tussen {} en {})",
                r.name,
                format::euro(r.npv),
                format::euro(a),
                format::euro(b)
            ),
            None => format!("{}: {}", r.name, format::euro(r.npv)),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let body = html! {
        (x_axis(&axis, TOP, bottom))
        @for (i, r) in rows.iter().enumerate() {
            @let mid = TOP + ROW * (i as f64 + 0.5);
            @let (x0, x1) = axis.span(0.0, r.npv);
            (row_label(&r.name, mid))
            rect.bar x=(P(x0)) y=(P(mid - 8.0)) width=(P((x1 - x0).max(1.0))) height="16"
                fill=(if r.npv < 0.0 { LOSS } else { GAIN }) {}
            @if let Some((a, b)) = r.range {
                @let (w0, w1) = axis.span(a, b);
                g.whisker stroke=(INK) stroke-width="1.5" {
                    line x1=(P(w0)) x2=(P(w1)) y1=(P(mid)) y2=(P(mid)) {}
                    line x1=(P(w0)) x2=(P(w0)) y1=(P(mid - 6.0)) y2=(P(mid + 6.0)) {}
                    line x1=(P(w1)) x2=(P(w1)) y1=(P(mid - 6.0)) y2=(P(mid + 6.0)) {}
                }
            }
            text x=(P(W - 4.0)) y=(P(mid + 4.5)) text-anchor="end" fill=(INK) font-weight="600" {
                (format::euro(r.npv))
            }
        }
        @if any_range {
            g transform=(format!("translate({}, {})", P(LABEL_W), P(bottom + 34.0))) {
                line x1="0" x2="24" y1="0" y2="0" stroke=(INK) stroke-width="1.5" {}
                line x1="0" x2="0" y1="-6" y2="6" stroke=(INK) stroke-width="1.5" {}
                line x1="24" x2="24" y1="-6" y2="6" stroke=(INK) stroke-width="1.5" {}
                text x="32" y="4.5" fill=(MUTED) font-size="12" {
                    "90 % van de uitkomsten (p5 tot p95)"
                }
            }
        }
    };
    frame(W, h, title, &format!("{title}. {desc}."), body)
}

/// A small histogram (half width) of one option's saldo over the Monte Carlo
/// iterations: 0 marked, the share above 0 in blue, the rest in red, and
/// the p5 and p95 marked below. The chance of a saldo above 0 it prints is
/// the engine's `prob_positive`, the same figure as in the table (the
/// bins would only approximate it).
pub fn distribution(h: &Histogram, name: &str, p5: f64, p95: f64, prob_positive: f64) -> Markup {
    let title = format!("Verdeling van het saldo: {name}");
    let total: u64 = h.counts.iter().map(|c| u64::from(*c)).sum();
    let spread = h.hi - h.lo;
    if total == 0 || h.counts.is_empty() || spread.is_nan() || spread <= 0.0 {
        return empty(&title, "Geen trekkingen.");
    }
    // Small multiples: half the width of the other charts.
    let (width, height, top, base) = (320.0, 190.0, 50.0, 146.0);
    let (left, right) = (10.0, width - 10.0);
    let axis = Axis::exact(h.lo, h.hi, left, right);
    let n = h.counts.len();
    let bin = (h.hi - h.lo) / n as f64;
    let peak = f64::from(*h.counts.iter().max().unwrap_or(&1)).max(1.0);
    let mut rects = Vec::new();
    for (i, c) in h.counts.iter().enumerate() {
        let (a, b) = (h.lo + bin * i as f64, h.lo + bin * (i + 1) as f64);
        let y = base - f64::from(*c) / peak * (base - top);
        if a < 0.0 && b > 0.0 {
            rects.push((axis.at(a), axis.at(0.0), y, LOSS));
            rects.push((axis.at(0.0), axis.at(b), y, GAIN));
        } else {
            rects.push((
                axis.at(a),
                axis.at(b),
                y,
                if b <= 0.0 { LOSS } else { GAIN },
            ));
        }
    }
    let label = |x: f64, text: String, towards_left: bool| {
        let w = text_width(&text, 11.0);
        let x = if towards_left {
            (x + 3.0).max(w + 2.0)
        } else {
            (x - 3.0).min(width - w - 2.0)
        };
        (x, if towards_left { "end" } else { "start" }, text)
    };
    let marks = if axis.at(p95) - axis.at(p5) < 4.0 {
        vec![label(
            axis.at(p5),
            format!("p5 en p95 {}", short_euro(p5)),
            false,
        )]
    } else {
        vec![
            label(axis.at(p5), format!("p5 {}", short_euro(p5)), true),
            label(axis.at(p95), format!("p95 {}", short_euro(p95)), false),
        ]
    };
    let share = format::percent(prob_positive, 0);
    let desc = format!(
        "{title}, {total} trekkingen. 90 % van de uitkomsten ligt tussen {} en {}; \
         in {share} van de trekkingen is het saldo groter dan 0.",
        format::euro(p5),
        format::euro(p95)
    );
    let body = html! {
        text x=(P(left)) y="17" fill=(INK) font-weight="600" { (clip(name, 40)) }
        text x=(P(left)) y="35" fill=(INK) font-size="12" { "kans saldo > 0: " (share) }
        @for (x0, x1, y, colour) in &rects {
            rect.bin x=(P(*x0)) y=(P(*y)) width=(P((x1 - x0).max(0.0))) height=(P(base - y)) fill=(*colour) {}
        }
        line x1=(P(left)) x2=(P(right)) y1=(P(base)) y2=(P(base)) stroke=(MUTED) stroke-width="1" {}
        @for x in [axis.at(p5), axis.at(p95)] {
            line x1=(P(x)) x2=(P(x)) y1=(P(top - 4.0)) y2=(P(base + 6.0)) stroke=(INK) stroke-width="1" stroke-dasharray="4 3" {}
        }
        @if h.lo < 0.0 && h.hi > 0.0 {
            line.zero x1=(P(axis.at(0.0))) x2=(P(axis.at(0.0))) y1=(P(top - 4.0)) y2=(P(base + 4.0)) stroke=(INK) stroke-width="2" {}
            text x=(P(axis.at(0.0))) y=(P(base + 32.0)) text-anchor="middle" fill=(INK) font-weight="600" { "0" }
        }
        @for (x, anchor, text) in &marks {
            text x=(P(*x)) y=(P(base + 18.0)) text-anchor=(*anchor) fill=(MUTED) font-size="11" { (text) }
        }
    };
    frame(width, height, &title, &desc, body)
}
