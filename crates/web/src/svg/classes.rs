//! Class breaks (quantiles) and colour scales for maps.

use wikken_core::format;

/// Sequential blues for values (light = low, dark = high).
pub const BLUES: [&str; 5] = ["#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08306b"];
/// Colours of the signal levels: no signal, under pressure, strongly under pressure.
pub const SIGNAL: [&str; 3] = ["#e3e8ee", "#f59f42", "#b2182b"];
/// Colours of the Leefbaarometer's nine classes, "zeer onvoldoende" to
/// "uitstekend": red through yellow to green (ColorBrewer RdYlGn, 9), as
/// its own maps run from red to green.
pub const LBM: [&str; 9] = [
    "#d73027", "#f46d43", "#fdae61", "#fee08b", "#ffffbf", "#d9ef8b", "#a6d96a", "#66bd63",
    "#1a9850",
];
/// The fill of an area without a value (a hatch defined in every map).
pub const MISSING: &str = "url(#ontbreekt)";

/// Classes for a set of values: up to `n` quantile classes, fewer when the
/// values have fewer distinct levels.
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    /// Upper bounds of each class but the last (ascending).
    pub breaks: Vec<f64>,
    /// Lowest value.
    pub min: f64,
    /// Highest value.
    pub max: f64,
}

impl Classes {
    /// Quantile classes of `values` (non-finite values are ignored);
    /// `None` when there are none.
    pub fn quantiles(values: &[f64], n: usize) -> Option<Classes> {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        let (min, max) = (v[0], v[v.len() - 1]);
        let mut breaks: Vec<f64> = (1..n)
            .map(|k| v[(k * v.len() / n).min(v.len() - 1)])
            .filter(|b| *b > min && *b <= max)
            .collect();
        breaks.dedup();
        Some(Classes { breaks, min, max })
    }

    /// How many classes there are.
    pub fn len(&self) -> usize {
        self.breaks.len() + 1
    }

    /// Always false: there is at least one class.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The class of a value: the first whose upper bound is above it.
    pub fn class_of(&self, x: f64) -> usize {
        self.breaks.iter().take_while(|b| x >= **b).count()
    }

    /// The colour of class `k` in a palette of five, spread over the classes.
    pub fn colour(&self, k: usize) -> &'static str {
        let n = self.len();
        if n == 1 {
            return BLUES[2];
        }
        BLUES[(k * (BLUES.len() - 1) + (n - 1) / 2) / (n - 1)]
    }

    /// The colour of a value.
    pub fn colour_of(&self, x: f64) -> &'static str {
        self.colour(self.class_of(x))
    }

    /// Dutch labels of the classes ("6,5 tot 8,2", last "8,2 tot en met 9,9").
    pub fn labels(&self, decimals: usize) -> Vec<String> {
        let f = |x: f64| format::number(x, decimals);
        let mut bounds = vec![self.min];
        bounds.extend(&self.breaks);
        bounds.push(self.max);
        (0..self.len())
            .map(|k| {
                if k + 1 == self.len() {
                    if bounds[k] == bounds[k + 1] {
                        f(bounds[k])
                    } else {
                        format!("{} tot en met {}", f(bounds[k]), f(bounds[k + 1]))
                    }
                } else {
                    format!("{} tot {}", f(bounds[k]), f(bounds[k + 1]))
                }
            })
            .collect()
    }
}

/// How many decimals suit values of this size.
pub fn decimals_for(values: &[f64]) -> usize {
    let max = values.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    let integral = values.iter().all(|x| x.fract() == 0.0);
    if integral || max >= 100.0 {
        0
    } else if max >= 10.0 {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantile_classes_cover_every_value() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        let c = Classes::quantiles(&values, 5).unwrap();
        assert_eq!(c.breaks, vec![21.0, 41.0, 61.0, 81.0]);
        assert_eq!(c.class_of(1.0), 0);
        assert_eq!(c.class_of(20.9), 0);
        assert_eq!(c.class_of(21.0), 1);
        assert_eq!(c.class_of(100.0), 4);
        assert_eq!(c.colour_of(1.0), BLUES[0]);
        assert_eq!(c.colour_of(100.0), BLUES[4]);
        assert_eq!(c.labels(0)[0], "1 tot 21");
        assert_eq!(c.labels(0)[4], "81 tot en met 100");
    }

    #[test]
    fn few_distinct_values_give_few_classes() {
        let c = Classes::quantiles(&[3.0, 3.0, 3.0, 7.0], 5).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c.colour(0), BLUES[0]);
        assert_eq!(c.colour(1), BLUES[4]);
        let one = Classes::quantiles(&[2.5, 2.5], 5).unwrap();
        assert_eq!((one.len(), one.labels(1)[0].as_str()), (1, "2,5"));
        assert!(Classes::quantiles(&[f64::NAN], 5).is_none());
    }
}
