//! Pictures drawn by the server as SVG: choropleth maps, line charts, and
//! the class breaks and colours they share. Pure functions of their input.

pub mod case_charts;
pub mod chart;
pub mod classes;
pub mod keys;
pub mod map;

/// Appends `x` with one decimal ("12.3", "-0.5"), as `format!("{x:.1}")`
/// writes it (halves away from zero aside), without the float formatter:
/// maps and charts write thousands of coordinates per page.
pub fn push_1dp(out: &mut String, x: f64) {
    use std::fmt::Write;
    if !x.is_finite() {
        let _ = write!(out, "{x:.1}");
        return;
    }
    let tenths = (x * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let t = tenths.unsigned_abs();
    let _ = write!(out, "{}.{}", t / 10, t % 10);
}

/// `x` with one decimal, as [`push_1dp`] writes it.
pub fn fmt_1dp(x: f64) -> String {
    let mut s = String::with_capacity(8);
    push_1dp(&mut s, x);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decimal_as_the_formatter_writes_it() {
        for x in [
            0.0,
            1.25,
            -0.04,
            -0.06,
            12.34,
            799.96,
            -3.0,
            1e6 + 0.15,
            222.0,
        ] {
            let mine = fmt_1dp(x);
            let std = format!("{x:.1}");
            // The formatter rounds halves to even; away from halves they agree.
            if ((x * 10.0).fract().abs() - 0.5).abs() > 1e-9 {
                assert_eq!(
                    mine.trim_start_matches('-'),
                    std.trim_start_matches('-'),
                    "{x}"
                );
            }
        }
        assert_eq!(fmt_1dp(-0.5), "-0.5");
        assert_eq!(fmt_1dp(-0.04), "0.0");
        assert_eq!(fmt_1dp(8.0), "8.0");
        assert_eq!(fmt_1dp(222.04), "222.0");
    }
}
