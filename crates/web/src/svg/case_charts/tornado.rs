//! The tornado, one small chart per option: which uncertain amounts move
//! that option's saldo most. Each option has a scale of its own, so that a
//! social option whose amounts swing by thousands is as readable as a
//! stenen option that swings by millions (on one shared scale its bars
//! would be invisible). The figures are the engine's sensitivity rows
//! as they are; only how they are drawn differs.

use maud::{Markup, html};
use wikken_core::format;
use wikken_core::report::Report;

use super::scale::{Axis, P, clip, label_every, text_width};
use super::{GAIN, GRID, INK, LOSS, MUTED, empty, frame};

/// How many amounts each option's tornado shows (its largest swings).
pub const ROWS_PER_OPTION: usize = 5;

/// One uncertain amount of an option.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoBar {
    /// What varies ("loonkosten buurtbeheerder").
    pub label: String,
    /// The option's saldo with this amount at its low end.
    pub low: f64,
    /// The option's saldo with this amount at its high end.
    pub high: f64,
}

/// One option's tornado.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoOption {
    /// The option's name.
    pub name: String,
    /// Its saldo with every amount at its expected value.
    pub base: f64,
    /// Its amounts, largest swing first.
    pub bars: Vec<TornadoBar>,
    /// How many smaller amounts are left out.
    pub more: usize,
}

/// The engine's sensitivity rows grouped per option (in the report's
/// option order, options without uncertain amounts left out), each with
/// its `per_option` largest swings. The page, the printed report and the
/// PDF all draw these.
pub fn tornado_options(report: &Report, per_option: usize) -> Vec<TornadoOption> {
    let Some(rows) = &report.sensitivity else {
        return Vec::new();
    };
    report
        .options
        .iter()
        .filter_map(|o| {
            let mut mine: Vec<_> = rows.iter().filter(|s| s.option == o.id).collect();
            if mine.is_empty() {
                return None;
            }
            // The engine sorts by swing already; a stable sort keeps its
            // order among equal swings.
            mine.sort_by(|a, b| b.swing.total_cmp(&a.swing));
            let bars = mine
                .iter()
                .take(per_option)
                .map(|s| TornadoBar {
                    label: if s.label.is_empty() {
                        format!("bedrag {}", s.flow + 1)
                    } else {
                        s.label.clone()
                    },
                    low: s.npv_low,
                    high: s.npv_high,
                })
                .collect();
            Some(TornadoOption {
                name: o.name.clone(),
                base: o.npv,
                bars,
                more: mine.len().saturating_sub(per_option),
            })
        })
        .collect()
}

/// Width of a tornado (it scales to its container).
const TW: f64 = 560.0;
/// Space left and right of the text.
const PAD: f64 = 10.0;
/// The plot leaves room for half a tick label at either end.
pub(super) const PLOT: (f64, f64) = (52.0, TW - 52.0);
/// Height of one amount: a line of text above its bar.
const ROW_H: f64 = 46.0;
/// Top of the first row (below the option's name).
const ROWS_TOP: f64 = 34.0;

/// The values the scale covers: every saldo drawn, and 0 when that keeps
/// the widest bar at least half the values shown (so the reader sees
/// whether the saldo can change sign, without the bars shrinking to
/// nothing).
fn domain(t: &TornadoOption) -> Vec<f64> {
    let values = t
        .bars
        .iter()
        .flat_map(|b| [b.low, b.high])
        .chain([t.base])
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if !lo.is_finite() {
        return vec![0.0];
    }
    let span = hi - lo;
    let near = |d: f64| span > 0.0 && d <= span;
    if lo > 0.0 && near(lo) || hi < 0.0 && near(-hi) || lo <= 0.0 && hi >= 0.0 {
        vec![lo, hi, 0.0]
    } else {
        vec![lo, hi]
    }
}

/// One option's tornado: per amount a bar from the saldo at its low end
/// to the saldo at its high end, around the option's saldo (a black mark);
/// the part below that saldo in red, above it in blue. The scale is the
/// option's own, its numbers in euros (`€ 1.234.567`).
pub fn tornado(t: &TornadoOption) -> Markup {
    let title = format!("Wat het saldo van {} bepaalt (tornado)", t.name);
    if t.bars.is_empty() {
        return empty(&title, "Geen onzekere bedragen.");
    }
    let axis = Axis::new(&domain(t), PLOT.0, PLOT.1);
    let bottom = ROWS_TOP + ROW_H * t.bars.len() as f64;
    let ticks = axis.ticks();
    let labels: Vec<String> = ticks.iter().map(|v| format::euro(*v)).collect();
    let every = label_every(&axis, &ticks, &labels, 10.0);
    let saldo = format!("saldo {}", format::euro(t.base));
    let desc = t
        .bars
        .iter()
        .map(|b| {
            format!(
                "{}: saldo {} bij de lage waarde en {} bij de hoge waarde",
                b.label,
                format::euro(b.low),
                format::euro(b.high)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let more = match t.more {
        0 => String::new(),
        1 => "Nog 1 kleiner bedrag niet getoond.".to_string(),
        n => format!("Nog {n} kleinere bedragen niet getoond."),
    };
    let desc = format!(
        "{title}. Saldo bij de verwachte bedragen: {}. {desc}.{}",
        format::euro(t.base),
        if more.is_empty() {
            String::new()
        } else {
            format!(" {more}")
        }
    );
    let name_room = TW - 2.0 * PAD - text_width(&saldo, 13.0) - 16.0;
    let name_chars = (name_room / (13.0 * 0.6)).max(8.0) as usize;
    let h = bottom + 44.0 + if more.is_empty() { 0.0 } else { 16.0 };
    let body = html! {
        text.option x=(P(PAD)) y="18" fill=(INK) font-weight="600" { (clip(&t.name, name_chars)) }
        text.saldo x=(P(TW - PAD)) y="18" text-anchor="end" fill=(INK) { (saldo) }
        @for (i, v) in ticks.iter().enumerate() {
            line.grid x1=(P(axis.at(*v))) x2=(P(axis.at(*v))) y1=(P(ROWS_TOP + 14.0)) y2=(P(bottom)) stroke=(GRID) stroke-width="1" {}
            @if i % every == 0 {
                text.tick x=(P(axis.at(*v))) y=(P(bottom + 15.0)) text-anchor="middle" fill=(MUTED) font-size="11" { (labels[i]) }
            }
        }
        @if axis.lo <= 0.0 && axis.hi >= 0.0 {
            line.zero x1=(P(axis.at(0.0))) x2=(P(axis.at(0.0))) y1=(P(ROWS_TOP + 14.0)) y2=(P(bottom)) stroke=(INK) stroke-width="1.5" {}
        }
        @for (i, b) in t.bars.iter().enumerate() {
            @let top = ROWS_TOP + ROW_H * i as f64;
            @let (lo, hi) = (b.low.min(b.high), b.low.max(b.high));
            @let range = format!("{} tot {}", format::euro(lo), format::euro(hi));
            @let label_room = TW - 2.0 * PAD - text_width(&range, 12.0) - 14.0;
            @let label_chars = (label_room / (12.5 * 0.56)).max(8.0) as usize;
            text.label x=(P(PAD)) y=(P(top + 12.0)) fill=(INK) font-size="12.5"
                stroke="#fff" stroke-width="3" paint-order="stroke" { (clip(&b.label, label_chars)) }
            text.range x=(P(TW - PAD)) y=(P(top + 12.0)) text-anchor="end" fill=(MUTED) font-size="12"
                stroke="#fff" stroke-width="3" paint-order="stroke" { (range) }
            @if lo < t.base {
                @let (x0, x1) = axis.span(lo, t.base);
                rect.bar-low x=(P(x0)) y=(P(top + 19.0)) width=(P(x1 - x0)) height="16" fill=(LOSS) {}
            }
            @if hi > t.base {
                @let (x0, x1) = axis.span(t.base, hi);
                rect.bar-high x=(P(x0)) y=(P(top + 19.0)) width=(P(x1 - x0)) height="16" fill=(GAIN) {}
            }
            line.base x1=(P(axis.at(t.base))) x2=(P(axis.at(t.base))) y1=(P(top + 16.0)) y2=(P(top + 38.0)) stroke=(INK) stroke-width="2" {}
        }
        text x=(P(PAD)) y=(P(bottom + 36.0)) fill=(MUTED) font-size="12" {
            "Zwart streepje: saldo bij de verwachte bedragen. Eigen schaal per optie."
        }
        @if !more.is_empty() {
            text.more x=(P(PAD)) y=(P(bottom + 52.0)) fill=(MUTED) font-size="12" { (more) }
        }
    };
    frame(TW, h, &title, &desc, body)
}
