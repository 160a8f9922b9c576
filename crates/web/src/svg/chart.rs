//! Line charts of indicators over the years, as SVG with an accessible
//! table of the same figures.

use std::fmt::Write;

use maud::{Markup, PreEscaped, html};
use wikken_core::format;

/// One line.
#[derive(Debug, Clone)]
pub struct Series<'a> {
    /// Legend text ("Molenhoek", "Gemeente", "Nederland").
    pub label: &'a str,
    /// (year, value), by year.
    pub points: Vec<(i32, f64)>,
    /// Stroke colour.
    pub colour: &'a str,
    /// Dashed line (for references).
    pub dashed: bool,
}

const W: f64 = 360.0;
const H: f64 = 190.0;
const LEFT: f64 = 52.0;
/// Room for half the last year label, centred on the last point.
const RIGHT: f64 = 20.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 26.0;

/// "Nice" tick values covering `lo..=hi`: the first at or below `lo`, the
/// last at or above `hi`, so that the axis holds every value drawn.
pub(crate) fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let span = (hi - lo).max(hi.abs() * 1e-6).max(1e-9);
    let raw = span / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| span / s <= 5.0)
        .unwrap_or(10.0 * mag);
    let start = (lo / step).floor() * step;
    let mut out = Vec::new();
    let mut t = start;
    // Tick values are rounded to the step, so a tick that equals `hi` is not
    // lost to a last-digit error.
    while out.last().is_none_or(|&last| last < hi - step * 1e-9) && out.len() < 12 {
        out.push((t / step).round() * step);
        t += step;
    }
    out
}

/// A chart; `title` names it for screen readers, `decimals` formats values.
pub fn line_chart(title: &str, series: &[Series<'_>], decimals: usize) -> Markup {
    let all: Vec<(i32, f64)> = series
        .iter()
        .flat_map(|s| s.points.iter().copied())
        .collect();
    if all.is_empty() {
        return html! { p.muted { "Geen gegevens." } };
    }
    let (y0, y1) = all
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.1), b.max(p.1))
        });
    let (lo, hi) = if y0 >= 0.0 && y0 < (y1 - y0) * 2.0 {
        (0.0, y1)
    } else {
        (y0, y1)
    };
    let ys = ticks(lo, hi);
    let (lo, hi) = (ys[0], *ys.last().unwrap_or(&hi));
    let (x0, x1) = all
        .iter()
        .fold((i32::MAX, i32::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let px = |year: i32| {
        if x1 == x0 {
            LEFT + (W - LEFT - RIGHT) / 2.0
        } else {
            LEFT + f64::from(year - x0) / f64::from(x1 - x0) * (W - LEFT - RIGHT)
        }
    };
    let py = |v: f64| TOP + (hi - v) / (hi - lo).max(1e-12) * (H - TOP - BOTTOM);
    let years: Vec<i32> = (x0..=x1).collect();
    let step = (years.len() / 6).max(1);
    let mut lines = String::new();
    for s in series {
        let mut d = String::new();
        for (i, (year, v)) in s.points.iter().enumerate() {
            let _ = write!(
                d,
                "{}{:.1} {:.1}",
                if i == 0 { "M" } else { "L" },
                px(*year),
                py(*v)
            );
        }
        let _ = write!(
            lines,
            r#"<path d="{d}" fill="none" stroke="{}" stroke-width="2.5"{} />"#,
            s.colour,
            if s.dashed {
                r#" stroke-dasharray="6 4""#
            } else {
                ""
            }
        );
        for (year, v) in &s.points {
            let _ = write!(
                lines,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{}" />"#,
                px(*year),
                py(*v),
                s.colour
            );
        }
    }
    // An axis that does not start at 0 says so: a break on the axis, and
    // in its name for screen readers.
    let broken = lo != 0.0;
    let label = if broken {
        format!(
            "{title} (de verticale as begint bij {})",
            format::number(lo, decimals_of_step(&ys))
        )
    } else {
        title.to_string()
    };
    let bottom = H - BOTTOM;
    html! {
        svg viewBox=(format!("0 0 {W} {H}")) role="img" aria-label=(label) xmlns="http://www.w3.org/2000/svg" {
            @if broken {
                path.axis-break d=(format!("M{:.1} {:.1} l-5 3 l10 4 l-10 4 l5 3", LEFT, bottom - 2.0)) fill="none" stroke="currentColor" stroke-width="1.5" {
                    title { "De as begint niet bij 0" }
                }
            }
            @for t in &ys {
                line.axis x1=(LEFT) x2=(W - RIGHT) y1=(format!("{:.1}", py(*t))) y2=(format!("{:.1}", py(*t))) stroke-dasharray="2 3" {}
                text x=(LEFT - 6.0) y=(format!("{:.1}", py(*t) + 4.0)) text-anchor="end" { (format::number(*t, decimals_of_step(&ys))) }
            }
            @for year in years.iter().step_by(step) {
                text x=(format!("{:.1}", px(*year))) y=(H - 8.0) text-anchor="middle" { (year) }
            }
            (PreEscaped(lines))
        }
        table.visually-hidden {
            caption { (title) }
            thead { tr { th scope="col" { "Jaar" } @for s in series { th scope="col" { (s.label) } } } }
            tbody {
                @for year in &years {
                    tr {
                        th scope="row" { (year) }
                        @for s in series {
                            td { @match s.points.iter().find(|p| p.0 == *year) {
                                Some((_, v)) => (format::number(*v, decimals)),
                                None => "–",
                            } }
                        }
                    }
                }
            }
        }
    }
}

pub(crate) fn decimals_of_step(ticks: &[f64]) -> usize {
    let step = if ticks.len() > 1 {
        ticks[1] - ticks[0]
    } else {
        1.0
    };
    if step >= 1.0 {
        0
    } else if step >= 0.1 {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 97.0), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(ticks(0.0, 7.5), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        let t = ticks(6.1, 7.4);
        assert!(t[0] <= 6.1 && *t.last().unwrap() >= 7.4, "{t:?}");
        // Misdrijven 172 on an axis that used to end at 150.
        assert_eq!(ticks(0.0, 172.0), vec![0.0, 50.0, 100.0, 150.0, 200.0]);
        for hi in [1.0, 9.9, 150.0, 151.0, 172.0, 199.0, 1234.5, 0.37] {
            let t = ticks(0.0, hi);
            assert!(*t.last().unwrap() >= hi, "{hi}: {t:?}");
        }
    }

    #[test]
    fn every_value_is_inside_the_axis_and_a_broken_axis_says_so() {
        let s = [Series {
            label: "Buurt",
            points: vec![(2020, 40.0), (2021, 150.0), (2022, 172.0)],
            colour: "#154273",
            dashed: false,
        }];
        let svg = line_chart("Misdrijven", &s, 0).into_string();
        let ys: Vec<f64> = svg
            .split("<circle ")
            .skip(1)
            .map(|c| {
                let at = c.find("cy=\"").unwrap() + 4;
                c[at..at + c[at..].find('"').unwrap()].parse().unwrap()
            })
            .collect();
        for y in ys {
            assert!(
                (TOP - 0.01..=H - BOTTOM + 0.01).contains(&y),
                "{y} outside the plot"
            );
        }
        assert!(
            svg.contains(">200</text>"),
            "the axis reaches past 172: {svg}"
        );
        assert!(!svg.contains("axis-break"), "an axis from 0 has no break");

        let s = [Series {
            label: "Buurt",
            points: vec![(2020, 6.1), (2022, 7.4)],
            colour: "#154273",
            dashed: false,
        }];
        let svg = line_chart("Rapportcijfer", &s, 1).into_string();
        assert!(svg.contains("axis-break"), "{svg}");
        assert!(
            svg.contains("aria-label=\"Rapportcijfer (de verticale as begint bij 6"),
            "{svg}"
        );
    }

    #[test]
    fn draws_each_series_and_a_table() {
        let s = [
            Series {
                label: "Buurt",
                points: vec![(2020, 10.0), (2021, 12.5), (2022, 15.0)],
                colour: "#154273",
                dashed: false,
            },
            Series {
                label: "Gemeente",
                points: vec![(2020, 11.0), (2022, 11.5)],
                colour: "#666",
                dashed: true,
            },
        ];
        let svg = line_chart("Overlast", &s, 1).into_string();
        assert_eq!(svg.matches("<path d=").count(), 2);
        assert_eq!(svg.matches("<circle").count(), 5);
        assert!(svg.contains("stroke-dasharray=\"6 4\""));
        assert!(svg.contains("<td>12,5</td>"));
        assert!(svg.contains("<td>–</td>"));
    }
}
