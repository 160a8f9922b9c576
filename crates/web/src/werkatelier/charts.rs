//! The werkatelier's pictures: weights as bars (per role and combined),
//! the pins on the area's map with their count per buurt, and the join QR
//! code. Plain SVG drawn by the server; bars carry their value as text, so
//! they read without colour.

use std::fmt::Write;

use maud::{Markup, PreEscaped, html};
use wikken_core::format;
use wikken_data::geo::{MultiPolygon, bbox};
use wikken_storage::PinRow;

/// One group of bars: a role, or the roles combined.
#[derive(Debug, Clone)]
pub struct BarGroup {
    /// "Huurders (n = 5)".
    pub label: String,
    /// Whether it is the combined group (drawn darker).
    pub combined: bool,
    /// Per criterion: its weight (0–1).
    pub values: Vec<f64>,
}

/// Weights per criterion, one bar per group, with whole percentages that
/// add up to 100 per group. Drawn twice ([`wide_and_narrow`]): labels
/// beside the bars, and labels above them for phones.
pub fn weight_bars(title: &str, criteria: &[String], groups: &[BarGroup]) -> Markup {
    let percents: Vec<Vec<u32>> = groups
        .iter()
        .map(|g| format::whole_percents(&g.values))
        .collect();
    let draw = |narrow: bool| {
        // Narrow: each group's label on its own line above its bar.
        let (label_w, bar_w, row_h, room) = if narrow {
            (0.0, 250.0, 50.0, 70.0)
        } else {
            (260.0, 520.0, 30.0, 90.0)
        };
        let bar_top = if narrow { 22.0 } else { 4.0 };
        let per_block = groups.len() as f64 * row_h + 14.0 + 26.0;
        let height = criteria.len() as f64 * per_block + 10.0;
        html! {
            svg role="img" aria-label=(title) viewBox=(format!("0 0 {} {height:.0}", label_w + bar_w + room))
                xmlns="http://www.w3.org/2000/svg" {
                title { (title) }
                @for (i, c) in criteria.iter().enumerate() {
                    @let top = i as f64 * per_block + 22.0;
                    text.criterion x="0" y=(format!("{:.1}", top - 4.0)) { (c) }
                    @for (k, g) in groups.iter().enumerate() {
                        @let y = top + k as f64 * row_h;
                        @let v = g.values.get(i).copied().unwrap_or(0.0).clamp(0.0, 1.0);
                        @let pct = percents[k].get(i).copied().unwrap_or(0);
                        text.group x="8" y=(format!("{:.1}", y + 19.0)) { (g.label) }
                        rect class=(if g.combined { "bar combined" } else { "bar" })
                            x=(format!("{:.0}", label_w + if narrow { 8.0 } else { 0.0 })) y=(format!("{:.1}", y + bar_top))
                            width=(format!("{:.1}", (v * bar_w).max(1.0))) height="22" {}
                        text.value x=(format!("{:.1}", label_w + v * bar_w + if narrow { 16.0 } else { 8.0 })) y=(format!("{:.1}", y + bar_top + 16.0)) { (pct) " %" }
                    }
                }
            }
        }
    };
    wide_and_narrow(draw(false), draw(true))
}

/// A count per bar, such as picks per option; drawn twice like
/// [`weight_bars`].
pub fn count_bars(title: &str, rows: &[(String, usize)], of: usize) -> Markup {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let draw = |narrow: bool| {
        let (label_w, bar_w, row_h, room) = if narrow {
            (0.0, 220.0, 50.0, 100.0)
        } else {
            (320.0, 460.0, 34.0, 120.0)
        };
        let bar_top = if narrow { 26.0 } else { 4.0 };
        let height = rows.len() as f64 * row_h + 8.0;
        html! {
            svg role="img" aria-label=(title) viewBox=(format!("0 0 {} {height:.0}", label_w + bar_w + room))
                xmlns="http://www.w3.org/2000/svg" {
                title { (title) }
                @for (i, (label, n)) in rows.iter().enumerate() {
                    @let y = i as f64 * row_h + 4.0;
                    @let w = *n as f64 / max * bar_w;
                    text.group x="0" y=(format!("{:.1}", y + 21.0)) { (label) }
                    rect.bar.combined x=(format!("{label_w:.0}")) y=(format!("{:.1}", y + bar_top))
                        width=(format!("{:.1}", w.max(1.0))) height="24" {}
                    text.value x=(format!("{:.1}", label_w + w + 8.0)) y=(format!("{:.1}", y + bar_top + 17.0)) {
                        (n) " van " (of)
                    }
                }
            }
        }
    };
    wide_and_narrow(draw(false), draw(true))
}

/// Both drawings of a chart; the stylesheet shows the narrow one on
/// phones, where the wide one would shrink its text to a third.
fn wide_and_narrow(wide: Markup, narrow: Markup) -> Markup {
    html! {
        div.werkatelier-bars {
            div.bars-wide { (wide) }
            div.bars-narrow { (narrow) }
        }
    }
}

/// A buurt on the pins map.
#[derive(Debug, Clone)]
pub struct PinArea<'a> {
    /// Its code.
    pub code: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its shape.
    pub shape: &'a MultiPolygon,
}

/// The map's width in its own units; the height follows the area.
pub const MAP_WIDTH: f64 = 800.0;

/// The area's buurten with the pins on them, shaded by how many pins each
/// buurt has. `tappable` marks the map a phone places pins on.
pub fn pins_map(title: &str, areas: &[PinArea<'_>], pins: &[PinRow], tappable: bool) -> Markup {
    let shapes: Vec<&MultiPolygon> = areas.iter().map(|a| a.shape).collect();
    let Some(fit) = Fit::of(&shapes) else {
        return html! { p.notice { "Er is geen kaart van dit gebied: de grenzen van de buurten zijn nog niet geïmporteerd. Spelden zonder plek kunnen wel." } };
    };
    let count = |code: &str| {
        pins.iter()
            .filter(|p| p.area_code.as_deref() == Some(code))
            .count()
    };
    let max = areas
        .iter()
        .map(|a| count(a.code))
        .max()
        .unwrap_or(0)
        .max(1);
    html! {
        svg.map.pins-map.tappable[tappable] role="group" aria-label=(title)
            viewBox=(format!("0 0 {MAP_WIDTH} {:.0}", fit.height)) xmlns="http://www.w3.org/2000/svg"
            data-width=(MAP_WIDTH) data-height=(format!("{:.0}", fit.height)) {
            @for a in areas {
                @let n = count(a.code);
                @let label = format!("{}: {} {}", a.name, n, if n == 1 { "speld" } else { "spelden" });
                path d=(PreEscaped(fit.path(a.shape))) data-code=(a.code) data-label=(label)
                    class=(format!("density-{}", (n * 4).div_ceil(max).min(4))) fill-rule="evenodd" {
                    title { (label) }
                }
            }
            @for p in pins {
                circle.pin cx=(format!("{:.1}", p.x * MAP_WIDTH)) cy=(format!("{:.1}", p.y * fit.height)) r="9"
                    data-pin=(p.id) {
                    title { (wikken_core::werkatelier::live::setup::pin_category_label(&p.category).unwrap_or("Anders")) ": " (p.text) }
                }
            }
        }
    }
}

struct Fit {
    min_lon: f64,
    max_lat: f64,
    kx: f64,
    scale: f64,
    height: f64,
}

impl Fit {
    fn of(shapes: &[&MultiPolygon]) -> Option<Fit> {
        let mut b = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for s in shapes {
            let sb = bbox(s);
            b = [
                b[0].min(sb[0]),
                b[1].min(sb[1]),
                b[2].max(sb[2]),
                b[3].max(sb[3]),
            ];
        }
        if !b.iter().all(|x| x.is_finite()) {
            return None;
        }
        let kx = ((b[1] + b[3]) / 2.0).to_radians().cos();
        let w = ((b[2] - b[0]) * kx).max(1e-9);
        let h = (b[3] - b[1]).max(1e-9);
        let scale = MAP_WIDTH / w;
        Some(Fit {
            min_lon: b[0],
            max_lat: b[3],
            kx,
            scale,
            height: (h * scale).max(1.0),
        })
    }

    fn path(&self, shape: &MultiPolygon) -> String {
        let mut d = String::new();
        for ring in shape.iter().flatten() {
            for (i, [lon, lat]) in ring.iter().enumerate() {
                let x = (lon - self.min_lon) * self.kx * self.scale;
                let y = (self.max_lat - lat) * self.scale;
                let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" });
            }
            d.push('Z');
        }
        d
    }
}

/// The join address as a QR code (SVG), for the big screen.
pub fn qr_svg(url: &str) -> String {
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_show_whole_percentages_that_add_up() {
        let svg = weight_bars(
            "Gewichten",
            &["A".into(), "B".into(), "C".into()],
            &[BarGroup {
                label: "Samen".into(),
                combined: true,
                values: vec![1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0],
            }],
        )
        .into_string();
        // Drawn twice: wide, and narrow for phones.
        assert_eq!(svg.matches("<svg").count(), 2, "{svg}");
        assert_eq!(
            svg.matches("34 %").count() + svg.matches("33 %").count(),
            6,
            "{svg}"
        );
        assert!(svg.contains("34 %"));
    }

    #[test]
    fn the_qr_code_is_an_svg() {
        let svg = qr_svg("http://wikken.example/doe-mee?code=ABC234");
        assert!(svg.starts_with("<?xml") || svg.contains("<svg"), "{svg}");
    }

    #[test]
    fn a_map_without_shapes_says_so() {
        let m = pins_map("Kaart", &[], &[], true).into_string();
        assert!(m.contains("geen kaart"));
    }
}
