//! Legend keys (a colour swatch, a line sample) as tiny SVGs: their colour
//! is an SVG attribute, not a `style` attribute, so pages keep a
//! Content-Security-Policy without inline styles.

use maud::{Markup, html};

/// A filled swatch for a map legend.
pub fn swatch(colour: &str) -> Markup {
    html! {
        svg.swatch xmlns="http://www.w3.org/2000/svg" viewBox="0 0 26 18" aria-hidden="true" focusable="false" {
            rect width="26" height="18" fill=(colour) {}
        }
    }
}

/// A line sample for a chart legend; dashed for the comparison areas.
pub fn line_key(colour: &str, dashed: bool) -> Markup {
    html! {
        svg.line-key xmlns="http://www.w3.org/2000/svg" viewBox="0 0 26 6" aria-hidden="true" focusable="false" {
            line x1="0" y1="3" x2="26" y2="3" stroke=(colour) stroke-width="3"
                stroke-dasharray=[dashed.then_some("6 4")] {}
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_carry_their_colour_without_style() {
        let s = super::swatch("#123456").into_string();
        assert!(s.contains("fill=\"#123456\"") && !s.contains("style"));
        let l = super::line_key("#abcdef", true).into_string();
        assert!(l.contains("stroke=\"#abcdef\"") && l.contains("stroke-dasharray"));
        assert!(
            !super::line_key("#abcdef", false)
                .into_string()
                .contains("dasharray")
        );
    }
}
