//! "Doel op koers?" as a picture: per goal a chart drawn by the server
//! with the plan line from baseline to target, the figures as points, the
//! Theil–Sen trend with its 90 % band (the lines with the band's slopes
//! through the median point, as spec part 2 defines forecast_low/high),
//! and the target marked. The axes hold every value drawn; a vertical
//! axis that does not start at 0 shows a break and says so. The same
//! figures are given as text for screen readers. With fewer than three
//! figures there is no trend: the chart shows the plan line (and the
//! figures there are).

use std::fmt::Write;

use maud::{Markup, PreEscaped, html};
use wikken_core::format;
use wikken_core::goals;

use super::GoalCourse;
use super::overview::value;
use crate::svg::chart::{decimals_of_step, ticks};
use crate::svg::keys::line_key;
use crate::svg::{fmt_1dp, push_1dp};

/// Colours (SVG attributes, so the page keeps its CSP without inline styles).
const PLAN: &str = "#5c5c5c";
const FIGURES: &str = "#154273";
const TREND: &str = "#a64d00";
const BAND: &str = "#f2b477";
const TARGET: &str = "#154273";

/// How big a chart is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// On the goal page, the evaluation and the jaarschijf: axes, labels,
    /// a legend and a table of the figures.
    Full,
    /// On the dashboard: the lines and points with a few axis labels.
    Small,
}

struct Frame {
    w: f64,
    h: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Size {
    fn frame(self) -> Frame {
        match self {
            Size::Full => Frame {
                w: 560.0,
                h: 250.0,
                left: 56.0,
                right: 44.0,
                top: 14.0,
                bottom: 28.0,
            },
            Size::Small => Frame {
                w: 260.0,
                h: 120.0,
                left: 38.0,
                right: 12.0,
                top: 8.0,
                bottom: 20.0,
            },
        }
    }
}

/// The points the trend is computed over (spec part 2): the figures not
/// after `as_of`, and the baseline when its year has no figure.
pub fn trend_points(series: &goals::Goal, as_of: i32) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = series
        .observations
        .iter()
        .filter(|p| p.year <= as_of)
        .map(|p| (f64::from(p.year), p.value))
        .collect();
    if !series
        .observations
        .iter()
        .any(|p| p.year == series.baseline.year)
    {
        pts.push((f64::from(series.baseline.year), series.baseline.value));
    }
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    pts
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The trend as drawn: from the first trend point to the target year, the
/// trend line and the band's two lines (through the median point).
#[derive(Debug, Clone, PartialEq)]
pub struct TrendLines {
    /// First and last x (years).
    pub x: (f64, f64),
    /// The trend line's values at both ends.
    pub trend: (f64, f64),
    /// The line with the lower slope, at both ends.
    pub low: (f64, f64),
    /// The line with the higher slope, at both ends.
    pub high: (f64, f64),
    /// The median point the band turns around.
    pub pivot: (f64, f64),
}

/// The trend's lines for a course, if it has a trend.
pub fn trend_lines(c: &GoalCourse) -> Option<TrendLines> {
    let t = c.assessment.trend.as_ref()?;
    let pts = trend_points(&c.series, c.as_of);
    let mx = median(pts.iter().map(|p| p.0).collect());
    let my = median(pts.iter().map(|p| p.1).collect());
    let x0 = pts.first()?.0;
    let x1 = f64::from(c.series.target.year).max(pts.last()?.0);
    let line = |s: f64, x: f64| my + s * (x - mx);
    Some(TrendLines {
        x: (x0, x1),
        trend: (t.intercept + t.slope * x0, t.intercept + t.slope * x1),
        low: (line(t.slope_low, x0), line(t.slope_low, x1)),
        high: (line(t.slope_high, x0), line(t.slope_high, x1)),
        pivot: (mx, my),
    })
}

/// The figures a chart draws (those the assessment reads: not after its year).
fn shown_figures(c: &GoalCourse) -> Vec<goals::Point> {
    c.series
        .observations
        .iter()
        .filter(|p| p.year <= c.as_of)
        .copied()
        .collect()
}

/// Every value a chart draws, so the axis holds them all.
pub fn drawn_values(c: &GoalCourse) -> Vec<f64> {
    let mut v = vec![c.series.baseline.value, c.series.target.value];
    v.extend(shown_figures(c).iter().map(|p| p.value));
    if let Some(t) = trend_lines(c) {
        v.extend([t.trend.0, t.trend.1, t.low.0, t.low.1, t.high.0, t.high.1]);
    }
    v.retain(|x| x.is_finite());
    v
}

/// The vertical axis: from 0 when the values are all positive and not far
/// from 0, else from just below the lowest value.
fn axis(values: &[f64]) -> Vec<f64> {
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(*x), b.max(*x))
        });
    if !lo.is_finite() {
        return vec![0.0, 1.0];
    }
    let lo = if lo >= 0.0 && lo < (hi - lo) * 2.0 {
        0.0
    } else {
        lo
    };
    let t = ticks(lo, hi);
    if t.len() < 2 { vec![lo, lo + 1.0] } else { t }
}

/// "+0,12 per jaar".
fn slope_text(s: f64, decimals: usize) -> String {
    let sign = if s > 0.0 { "+" } else { "" };
    format!("{sign}{} per jaar", format::number(s, decimals + 1))
}

fn decimals(unit_values: &[f64]) -> usize {
    let max = unit_values.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if max >= 100.0 {
        0
    } else if max >= 10.0 {
        1
    } else {
        2
    }
}

/// The chart in words: what a screen reader says instead of the picture;
/// `figures`: every figure too (the full chart; the small ones on the
/// dashboard give the latest, and the goal page has them all).
pub fn summary(c: &GoalCourse, figures: bool) -> String {
    let g = &c.goal;
    let n = |x: f64| value(x, "");
    let s = &c.series;
    let mut out = g.indicator.name.clone();
    if !g.indicator.unit.is_empty() {
        let _ = write!(out, " ({})", g.indicator.unit);
    }
    let _ = write!(
        out,
        ": planlijn van {} ({}) naar {} ({})",
        n(s.baseline.value),
        s.baseline.year,
        n(s.target.value),
        s.target.year
    );
    let shown = shown_figures(c);
    if shown.is_empty() {
        out.push_str("; nog geen cijfers");
    } else if figures {
        let list: Vec<String> = shown
            .iter()
            .map(|p| format!("{} {}", p.year, n(p.value)))
            .collect();
        let _ = write!(out, "; cijfers {}", list.join(", "));
    }
    if let (Some(p), Some(plan)) = (&c.assessment.latest, c.assessment.plan_value) {
        let _ = write!(
            out,
            "; laatste cijfer {} tegen {} volgens de planlijn",
            n(p.value),
            n(plan)
        );
    }
    match &c.assessment.trend {
        Some(t) => {
            let d = decimals(&drawn_values(c));
            let _ = write!(
                out,
                "; trend {} (90 %-band {} tot {}), verwachting {}: {} (band {} tot {})",
                slope_text(t.slope, d),
                format::number(t.slope_low, d + 1),
                format::number(t.slope_high, d + 1),
                s.target.year,
                n(t.forecast),
                n(t.forecast_low),
                n(t.forecast_high)
            );
        }
        None => {
            out.push_str("; te weinig cijfers voor een trend (minder dan drie), alleen de planlijn")
        }
    }
    out.push('.');
    out
}

/// The chart of one goal's course.
pub fn goal_chart(c: &GoalCourse, size: Size) -> Markup {
    let f = size.frame();
    let s = &c.series;
    let figures = shown_figures(c);
    let lines = trend_lines(c);
    let ys = axis(&drawn_values(c));
    let (lo, hi) = (ys[0], ys[ys.len() - 1]);
    let x0 = figures
        .iter()
        .map(|p| p.year)
        .chain([s.baseline.year])
        .min()
        .unwrap_or(s.baseline.year);
    let x1 = figures
        .iter()
        .map(|p| p.year)
        .chain([s.target.year])
        .max()
        .unwrap_or(s.target.year);
    let px = |x: f64| {
        let span = f64::from((x1 - x0).max(1));
        f.left + (x - f64::from(x0)) / span * (f.w - f.left - f.right)
    };
    let py = |y: f64| f.top + (hi - y) / (hi - lo).max(1e-12) * (f.h - f.top - f.bottom);
    let pt = |x: f64, y: f64| {
        let mut s = fmt_1dp(px(x));
        s.push(' ');
        push_1dp(&mut s, py(y));
        s
    };
    let tick_decimals = decimals_of_step(&ys);
    let broken = lo != 0.0;
    let mut label = summary(c, size == Size::Full);
    if broken {
        let _ = write!(
            label,
            " De verticale as begint bij {}.",
            format::number(lo, tick_decimals)
        );
    }
    let years: Vec<i32> = (x0..=x1).collect();
    let every = match size {
        Size::Full => (years.len() / 8).max(1),
        Size::Small => (years.len() / 3).max(1),
    };
    let shown_ticks: Vec<f64> = match size {
        Size::Full => ys.clone(),
        Size::Small => vec![lo, hi],
    };
    let (t0, t1) = (f64::from(s.baseline.year), f64::from(s.target.year));
    let plan = format!("M{}L{}", pt(t0, s.baseline.value), pt(t1, s.target.value));
    let r = if size == Size::Full { 4.0 } else { 2.8 };
    let mut band = String::new();
    let mut trend = String::new();
    if let Some(t) = &lines {
        // Two triangles meeting at the median point: the band between the
        // lines with the lower and the higher slope.
        let (a, b) = t.x;
        let _ = write!(
            band,
            "M{}L{}L{}ZM{}L{}L{}Z",
            pt(a, t.low.0),
            pt(t.pivot.0, t.pivot.1),
            pt(a, t.high.0),
            pt(b, t.low.1),
            pt(t.pivot.0, t.pivot.1),
            pt(b, t.high.1)
        );
        let _ = write!(trend, "M{}L{}", pt(a, t.trend.0), pt(b, t.trend.1));
    }
    let unit = &c.goal.indicator.unit;
    let gap = match (&c.assessment.latest, c.assessment.plan_value) {
        (Some(p), Some(plan)) if size == Size::Full && p.year > s.baseline.year => {
            Some((f64::from(p.year), p.value, plan))
        }
        _ => None,
    };
    let bottom = f.h - f.bottom;
    let full = size == Size::Full;
    let mut dots = String::new();
    if !full {
        for p in &figures {
            dots.push('M');
            dots.push_str(&pt(f64::from(p.year), p.value));
            dots.push_str("h0");
        }
    }
    html! {
        figure.goal-chart.(if size == Size::Full { "goal-chart-full" } else { "goal-chart-small" }) {
            svg viewBox=(format!("0 0 {} {}", f.w, f.h)) role="img" aria-label=(label) xmlns="http://www.w3.org/2000/svg" {
                @if broken {
                    path.axis-break d=(format!("M{:.1} {:.1} l-5 3 l10 4 l-10 4 l5 3", f.left, bottom - 2.0)) fill="none" stroke="currentColor" stroke-width="1.5" {
                        @if full { title { "De as begint niet bij 0" } }
                    }
                }
                @for t in &shown_ticks {
                    line.axis x1=(f.left) x2=(f.w - f.right) y1=(fmt_1dp(py(*t))) y2=(fmt_1dp(py(*t))) stroke-dasharray="2 3" {}
                    text.tick x=(f.left - 5.0) y=(fmt_1dp(py(*t) + 4.0)) text-anchor="end" { (format::number(*t, tick_decimals)) }
                }
                @for year in years.iter().step_by(every) {
                    text.tick x=(fmt_1dp(px(f64::from(*year)))) y=(f.h - 6.0) text-anchor="middle" { (year) }
                }
                @if !band.is_empty() {
                    path.band d=(PreEscaped(&band)) fill=(BAND) fill-opacity="0.45" stroke="none" {
                        @if full { title { "90 %-band van de trend" } }
                    }
                }
                path.plan d=(PreEscaped(&plan)) fill="none" stroke=(PLAN) stroke-width="2" stroke-dasharray="7 5" {
                    @if full { title { "Planlijn" } }
                }
                @if !trend.is_empty() {
                    path.trend d=(PreEscaped(&trend)) fill="none" stroke=(TREND) stroke-width="2.5" {
                        @if full { title { "Trend (Theil–Sen)" } }
                    }
                }
                @if let Some((x, y, plan)) = gap {
                    line.gap x1=(fmt_1dp(px(x))) x2=(fmt_1dp(px(x))) y1=(fmt_1dp(py(y))) y2=(fmt_1dp(py(plan))) stroke=(PLAN) stroke-width="1.5" stroke-dasharray="2 2" {
                        title { "Verschil met de planlijn in " (x) }
                    }
                }
                @if full {
                    circle.baseline cx=(fmt_1dp(px(t0))) cy=(fmt_1dp(py(s.baseline.value))) r=(r) fill="#ffffff" stroke=(PLAN) stroke-width="2" {
                        title { "Nulmeting " (s.baseline.year) ": " (value(s.baseline.value, unit)) }
                    }
                    @for p in &figures {
                        circle.obs cx=(fmt_1dp(px(f64::from(p.year)))) cy=(fmt_1dp(py(p.value))) r=(r) fill=(FIGURES) {
                            title { (p.year) ": " (value(p.value, unit)) }
                        }
                    }
                } @else if !figures.is_empty() {
                    // Small: every figure a dot of one path (a zero-length
                    // stroke with round caps), a page holds sixty of them.
                    path.obs d=(PreEscaped(&dots)) fill="none" stroke=(FIGURES) stroke-width=(r * 2.0) stroke-linecap="round" {}
                }
                path.target d=(format!("M{:.1} {:.1}l{r2:.1} {r2:.1}l-{r2:.1} {r2:.1}l-{r2:.1} -{r2:.1}Z", px(t1), py(s.target.value) - r * 1.6, r2 = r * 1.6)) fill="#ffffff" stroke=(TARGET) stroke-width="2.5" {
                    @if full { title { "Streefwaarde " (s.target.year) ": " (value(s.target.value, unit)) } }
                }
                @if full {
                    text.target-label x=(fmt_1dp(px(t1) + 9.0)) y=(fmt_1dp(py(s.target.value) + 4.0)) { "doel" }
                }
            }
            @if size == Size::Full {
                figcaption.chart-legend {
                    span { (line_key(PLAN, true)) " planlijn" }
                    span { (line_key(FIGURES, false)) " cijfers" }
                    @if lines.is_some() {
                        span { (line_key(TREND, false)) " trend" }
                        span { (line_key(BAND, false)) " 90 %-band" }
                    } @else {
                        span.muted { "te weinig cijfers voor een trend" }
                    }
                }
                (figures_table(c))
            }
        }
    }
}

/// The figures of the chart as a table for screen readers: per year the
/// figure, the plan line and the trend.
fn figures_table(c: &GoalCourse) -> Markup {
    let s = &c.series;
    let unit = c.goal.indicator.unit.as_str();
    let figures = shown_figures(c);
    let mut years: Vec<i32> = figures.iter().map(|p| p.year).collect();
    years.extend([s.baseline.year, s.target.year]);
    years.sort_unstable();
    years.dedup();
    let trend = c.assessment.trend.as_ref();
    html! {
        table.visually-hidden {
            caption { "Cijfers, planlijn en trend van " (c.goal.indicator.name) }
            thead { tr { th scope="col" { "Jaar" } th scope="col" { "Cijfer" } th scope="col" { "Planlijn" } th scope="col" { "Trend" } } }
            tbody { @for y in &years {
                tr {
                    th scope="row" { (y) }
                    td { @match figures.iter().find(|p| p.year == *y) { Some(p) => (value(p.value, unit)), None => "–" } }
                    td { (value(goals::plan_value(s, f64::from(*y)), unit)) }
                    td { @match trend { Some(t) if f64::from(*y) >= trend_points(s, c.as_of).first().map_or(f64::MAX, |p| p.0) => (value(t.intercept + t.slope * f64::from(*y), unit)), _ => "–" } }
                }
            } }
        }
    }
}

#[cfg(test)]
mod tests;
