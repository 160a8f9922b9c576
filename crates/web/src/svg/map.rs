//! A choropleth map as SVG: every area a link to its page, with a tooltip
//! (`<title>`, enhanced by the script) and a hatch for missing values.

use maud::{Markup, PreEscaped, html};
use wikken_data::geo::{MultiPolygon, bbox};

/// The width of the map's coordinate system; the height follows.
const WIDTH: f64 = 800.0;
const PAD: f64 = 8.0;

/// One area on the map.
#[derive(Debug, Clone)]
pub struct MapArea<'a> {
    /// Its code (also on the matching table row, for highlighting).
    pub code: &'a str,
    /// Its shape.
    pub shape: &'a MultiPolygon,
    /// Fill colour, or [`super::classes::MISSING`].
    pub fill: &'a str,
    /// Tooltip and accessible name ("Molenhoek: 6,5 %").
    pub label: String,
    /// Where a click leads.
    pub href: String,
}

/// Equirectangular projection of the areas' bounding box onto the map,
/// with longitude shrunk by cos(latitude) so shapes keep their proportions.
struct Projection {
    min_lon: f64,
    max_lat: f64,
    kx: f64,
    scale: f64,
    height: f64,
}

impl Projection {
    fn fit(shapes: &[&MultiPolygon]) -> Option<Projection> {
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
        let scale = (WIDTH - 2.0 * PAD) / w;
        Some(Projection {
            min_lon: b[0],
            max_lat: b[3],
            kx,
            scale,
            height: h * scale + 2.0 * PAD,
        })
    }

    fn path(&self, shape: &MultiPolygon) -> String {
        let mut d = String::new();
        for ring in shape.iter().flatten() {
            for (i, [lon, lat]) in ring.iter().enumerate() {
                let x = PAD + (lon - self.min_lon) * self.kx * self.scale;
                let y = PAD + (self.max_lat - lat) * self.scale;
                d.push(if i == 0 { 'M' } else { 'L' });
                super::push_1dp(&mut d, x);
                d.push(' ');
                super::push_1dp(&mut d, y);
            }
            d.push('Z');
        }
        d
    }
}

/// The map. `outline` (e.g. the gemeente) is drawn on top without fill.
pub fn choropleth(title: &str, areas: &[MapArea<'_>], outline: Option<&MultiPolygon>) -> Markup {
    let mut shapes: Vec<&MultiPolygon> = areas.iter().map(|a| a.shape).collect();
    shapes.extend(outline);
    let Some(p) = Projection::fit(&shapes) else {
        return html! { p.notice { "Er zijn nog geen grenzen van deze gebieden geïmporteerd, dus er is geen kaart." } };
    };
    html! {
        svg.map role="group" aria-label=(title) viewBox=(format!("0 0 {WIDTH} {:.0}", p.height))
            xmlns="http://www.w3.org/2000/svg" {
            defs {
                pattern #ontbreekt patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)" {
                    rect width="6" height="6" fill="#ffffff" {}
                    rect width="3" height="6" fill="#c4c4c4" {}
                }
            }
            @for a in areas {
                a href=(a.href) data-code=(a.code) data-label=(a.label) aria-label=(a.label) {
                    path d=(PreEscaped(p.path(a.shape))) fill=(a.fill) fill-rule="evenodd" {
                        title { (a.label) }
                    }
                }
            }
            @if let Some(o) = outline {
                path.outline d=(PreEscaped(p.path(o))) fill-rule="evenodd" {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64) -> MultiPolygon {
        vec![vec![vec![
            [x, y],
            [x + 0.01, y],
            [x + 0.01, y + 0.01],
            [x, y + 0.01],
            [x, y],
        ]]]
    }

    #[test]
    fn draws_every_area_as_a_link_with_its_label() {
        let (a, b) = (square(5.0, 52.0), square(5.01, 52.0));
        let areas = [
            MapArea {
                code: "BU1",
                shape: &a,
                fill: "#fff",
                label: "Oost: 1".into(),
                href: "/buurt/BU1".into(),
            },
            MapArea {
                code: "BU2",
                shape: &b,
                fill: super::super::classes::MISSING,
                label: "West: geen gegevens".into(),
                href: "/buurt/BU2".into(),
            },
        ];
        let svg = choropleth("Kaart", &areas, None).into_string();
        assert_eq!(svg.matches("<path").count(), 2);
        assert!(svg.contains(r#"href="/buurt/BU2""#));
        assert!(svg.contains("url(#ontbreekt)"));
        assert!(svg.contains("<title>Oost: 1</title>"));
        // Two squares side by side: twice as wide as high (plus padding).
        let vb = svg
            .split("viewBox=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let h: f64 = vb.split(' ').nth(3).unwrap().parse().unwrap();
        // Longitude shrinks by cos(latitude).
        let expected = 784.0 * 0.01 / (0.02 * 52.005f64.to_radians().cos()) + 16.0;
        assert!((h - expected).abs() < 1.0, "{vb} vs {expected}");
        // The first square's lower-left corner: left padding, bottom.
        assert!(
            svg.contains(&format!("M8.0 {:.1}L400.0", expected - 8.0)),
            "{svg}"
        );
    }

    #[test]
    fn no_shapes_no_map() {
        let svg = choropleth("Kaart", &[], None).into_string();
        assert!(svg.contains("geen kaart"));
    }
}
