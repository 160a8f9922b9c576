//! Linear scales with round ticks, and the small text helpers the charts
//! share.

use maud::Render;
use wikken_core::format;

/// A coordinate written with one decimal (keeps the SVG short).
#[derive(Debug, Clone, Copy)]
pub(super) struct P(pub f64);

impl std::fmt::Display for P {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let text = format!("{v:.1}");
        f.write_str(text.strip_suffix(".0").unwrap_or(&text))
    }
}

impl Render for P {
    fn render_to(&self, buffer: &mut String) {
        buffer.push_str(&self.to_string());
    }
}

/// A linear map from euros to x (or y) between two pixel positions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Axis {
    /// Lowest value shown.
    pub lo: f64,
    /// Highest value shown.
    pub hi: f64,
    /// Pixel of `lo`.
    from: f64,
    /// Pixel of `hi`.
    to: f64,
    /// Tick distance (0 for an exact axis without ticks).
    step: f64,
}

impl Axis {
    /// An axis covering `values` (non-finite ones ignored), widened to
    /// round ticks.
    pub fn new(values: &[f64], from: f64, to: f64) -> Axis {
        let (lo, hi) = values
            .iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(*v), b.max(*v))
            });
        let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
        let span = (hi - lo).max(hi.abs().max(lo.abs()) * 1e-6).max(1.0);
        let raw = span / 4.0;
        let mag = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * mag)
            .find(|s| span / s <= 5.0)
            .unwrap_or(10.0 * mag);
        let lo = (lo / step).floor() * step;
        let hi = ((hi / step).ceil() * step).max(lo + step);
        Axis {
            lo,
            hi,
            from,
            to,
            step,
        }
    }

    /// An axis from exactly `lo` to `hi`, without ticks.
    pub fn exact(lo: f64, hi: f64, from: f64, to: f64) -> Axis {
        Axis {
            lo,
            hi,
            from,
            to,
            step: 0.0,
        }
    }

    /// The pixel of a value.
    pub fn at(&self, v: f64) -> f64 {
        let v = if v.is_finite() {
            v.clamp(self.lo, self.hi)
        } else {
            0.0
        };
        self.from + (v - self.lo) / (self.hi - self.lo).max(1e-12) * (self.to - self.from)
    }

    /// The pixels of two values, smallest first.
    pub fn span(&self, a: f64, b: f64) -> (f64, f64) {
        let (x, y) = (self.at(a), self.at(b));
        (x.min(y), x.max(y))
    }

    /// The round values from `lo` to `hi` (0 exactly when it is one).
    pub fn ticks(&self) -> Vec<f64> {
        if self.step <= 0.0 {
            return Vec::new();
        }
        let n = ((self.hi - self.lo) / self.step).round() as i64;
        (0..=n.min(20))
            .map(|i| {
                let t = self.lo + self.step * i as f64;
                if t.abs() < self.step * 1e-9 { 0.0 } else { t }
            })
            .collect()
    }
}

/// Every how many ticks a label fits: 2 when labels of this size would
/// touch (or come within `room` pixels) at the ticks' distance, else 1.
pub(super) fn label_every(axis: &Axis, ticks: &[f64], labels: &[String], room: f64) -> usize {
    let widest = labels
        .iter()
        .map(|l| text_width(l, 11.0))
        .fold(0.0, f64::max);
    let gap = match ticks {
        [a, b, ..] => axis.at(*b) - axis.at(*a),
        _ => f64::INFINITY,
    };
    if gap < widest + room { 2 } else { 1 }
}

/// Euros in few characters: `€ 250.000`, `€ -1,5 mln`, `€ 12 mln`.
pub(super) fn short_euro(x: f64) -> String {
    let a = x.abs();
    if a >= 1e6 {
        let m = x / 1e6;
        let decimals = if a >= 1e8 || (m * 10.0).round() % 10.0 == 0.0 {
            0
        } else {
            1
        };
        format!("€ {} mln", format::number(m, decimals))
    } else {
        format::euro(x)
    }
}

/// A label cut to `max` characters with an ellipsis.
pub(super) fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out = out.trim_end().to_string();
        out.push('…');
        out
    }
}

/// Roughly how wide a text is at a font size (for keeping labels inside).
pub(super) fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.56
}

/// Splits a text into at most `lines` lines of about `width` characters,
/// the last one clipped.
pub(super) fn wrap(s: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut words = s.split_whitespace().peekable();
    while let Some(w) = words.next() {
        let fits = out
            .last()
            .is_some_and(|l| l.chars().count() + 1 + w.chars().count() <= width);
        if fits {
            if let Some(line) = out.last_mut() {
                line.push(' ');
                line.push_str(w);
            }
        } else if out.len() == lines {
            let rest: Vec<&str> = std::iter::once(w).chain(words.by_ref()).collect();
            let last = out.pop().unwrap_or_default();
            out.push(clip(&format!("{last} {}", rest.join(" ")), width));
            break;
        } else {
            out.push(w.to_string());
        }
    }
    out.into_iter().map(|l| clip(&l, width)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round_and_contain_zero_exactly() {
        let a = Axis::new(&[0.0, -1_234_567.0, 3_400_000.0], 0.0, 100.0);
        assert_eq!((a.lo, a.hi), (-2_000_000.0, 4_000_000.0));
        assert!(a.ticks().contains(&0.0), "{:?}", a.ticks());
        assert_eq!(a.at(-2_000_000.0), 0.0);
        assert_eq!(a.at(4_000_000.0), 100.0);
        assert!((a.at(0.0) - 100.0 / 3.0).abs() < 1e-9);
        let flat = Axis::new(&[0.0, 0.0], 0.0, 10.0);
        assert!(flat.hi > flat.lo);
    }

    #[test]
    fn short_labels() {
        assert_eq!(short_euro(250_000.0), "€ 250.000");
        assert_eq!(short_euro(-1_500_000.0), "€ -1,5 mln");
        assert_eq!(short_euro(12_000_000.0), "€ 12 mln");
        assert_eq!(clip("Huurbevriezing in de hele buurt", 10), "Huurbevri…");
        assert_eq!(
            wrap("Renovatie van het complex Lindelaan", 12, 2),
            vec!["Renovatie", "van het com…"]
        );
        assert_eq!(wrap("Kort", 12, 3), vec!["Kort"]);
        let mut s = String::new();
        P(12.04).render_to(&mut s);
        P(3.0).render_to(&mut s);
        assert_eq!(s, "123");
    }
}
