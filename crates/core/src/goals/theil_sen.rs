//! The Theil–Sen line and Sen's confidence interval of its slope, computed
//! as `scipy.stats.theilslopes(y, x, alpha, method="separate")` does
//! (SciPy 1.17.1, `scipy/stats/_stats_mstats_common.py`):
//!
//! - the slopes of every pair with `x_i > x_j` (pairs with equal `x` are
//!   left out), sorted; the slope is their median;
//! - the intercept is `median(y) − slope · median(x)`;
//! - `alpha` above 0.5 is read as `1 − alpha`; `z` is the normal quantile
//!   of `alpha / 2`;
//! - Sen's (1968) eq. 2.6: σ² = (n(n−1)(2n+5) − Σ_x-ties k(k−1)(2k+5) −
//!   Σ_y-ties k(k−1)(2k+5)) / 18, ties being groups of exactly equal values;
//! - the bounds are the sorted slopes at `Rl = max(round((N + zσ)/2) − 1, 0)`
//!   and `Ru = min(round((N − zσ)/2), N − 1)`, N the number of slopes, with
//!   NumPy's rounding (half to even). SciPy gives NaN bounds when σ² < 0;
//!   so does this.

use statrs::distribution::{ContinuousCDF, Normal};

/// A Theil–Sen line with the confidence interval of its slope.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TheilSen {
    /// The median of the pairwise slopes.
    pub slope: f64,
    /// `median(y) − slope · median(x)`.
    pub intercept: f64,
    /// The lower bound of the slope's confidence interval.
    pub low_slope: f64,
    /// The upper bound of the slope's confidence interval.
    pub high_slope: f64,
}

/// The median as NumPy computes it: the middle value, or the mean of the
/// two middle values, `(a + b) / 2`. `values` is sorted in place.
/// `None` when empty.
pub fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// The slopes `(y_i − y_j) / (x_i − x_j)` of every pair with `x_i > x_j`,
/// unsorted, each with the larger `x` of its pair.
pub fn pairwise_slopes(x: &[f64], y: &[f64]) -> Vec<(f64, f64)> {
    let n = x.len().min(y.len());
    let mut out = Vec::with_capacity(n * n.saturating_sub(1) / 2);
    for i in 0..n {
        for j in 0..n {
            if x[i] > x[j] {
                out.push(((y[i] - y[j]) / (x[i] - x[j]), x[i]));
            }
        }
    }
    out
}

/// The sizes of the groups of equal values that have more than one member
/// (SciPy's `_find_repeats`).
fn repeats(values: &[f64]) -> Vec<i64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut out = Vec::new();
    let mut run = 1i64;
    for w in sorted.windows(2) {
        if w[1] == w[0] {
            run += 1;
        } else {
            if run > 1 {
                out.push(run);
            }
            run = 1;
        }
    }
    if run > 1 && !sorted.is_empty() {
        out.push(run);
    }
    out
}

/// `k(k−1)(2k+5)`, the term of Kendall's variance.
fn term(k: i64) -> i64 {
    k * (k - 1) * (2 * k + 5)
}

/// The Theil–Sen line through `(x, y)` with the confidence interval of its
/// slope at confidence `alpha` (0.90 for a 90 % interval). `None` when the
/// lengths differ, `alpha` is not between 0 and 1, or no pair of points has
/// different `x` (SciPy then warns and returns NaN).
pub fn theil_slopes(x: &[f64], y: &[f64], alpha: f64) -> Option<TheilSen> {
    if x.len() != y.len() || !(alpha > 0.0 && alpha < 1.0) {
        return None;
    }
    let mut slopes: Vec<f64> = pairwise_slopes(x, y).into_iter().map(|(s, _)| s).collect();
    let slope = median(&mut slopes)?;
    let intercept = median(&mut y.to_vec())? - slope * median(&mut x.to_vec())?;
    let alpha = if alpha > 0.5 { 1.0 - alpha } else { alpha };
    let z = Normal::standard().inverse_cdf(alpha / 2.0);
    let n = y.len() as i64;
    let ties: i64 = repeats(x).into_iter().chain(repeats(y)).map(term).sum();
    let sigsq = (1.0 / 18.0) * ((term(n) - ties) as f64);
    let (low_slope, high_slope) = if sigsq >= 0.0 {
        let sigma = sigsq.sqrt();
        let nt = slopes.len() as f64;
        let last = slopes.len() as i64 - 1;
        let ru = (((nt - z * sigma) / 2.0).round_ties_even() as i64).min(last);
        let rl = ((((nt + z * sigma) / 2.0).round_ties_even() as i64) - 1).max(0);
        (slopes[rl as usize], slopes[ru as usize])
    } else {
        (f64::NAN, f64::NAN)
    };
    Some(TheilSen {
        slope,
        intercept,
        low_slope,
        high_slope,
    })
}
