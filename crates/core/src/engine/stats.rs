//! Order statistics: percentiles by linear interpolation (numpy's default).

/// The `q`-th quantile (0 ≤ q ≤ 1) of `values` by linear interpolation
/// between order statistics: position `q · (n − 1)` in the sorted values.
/// Reorders `values` (selection, not a full sort). `values` must not be empty.
pub fn quantile(values: &mut [f64], q: f64) -> f64 {
    assert!(!values.is_empty(), "quantile of nothing");
    let pos = q * (values.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let frac = pos - lo as f64;
    let (_, &mut at_lo, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
    if frac == 0.0 || above.is_empty() {
        return at_lo;
    }
    let at_hi = above.iter().copied().fold(f64::INFINITY, f64::min);
    at_lo + frac * (at_hi - at_lo)
}

/// The sum of `values`, +0.0 when there are none (Rust's `Sum` for f64
/// starts from −0.0, which would print as `-0.0`).
pub fn total(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(0.0, |a, b| a + b)
}

/// The arithmetic mean.
pub fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_numpy_linear() {
        // numpy.percentile([15, 20, 35, 40, 50], [5, 50, 95]) = [16, 35, 48]
        let mut v = vec![40.0, 15.0, 50.0, 35.0, 20.0];
        assert_eq!(quantile(&mut v, 0.05), 16.0);
        assert_eq!(quantile(&mut v, 0.5), 35.0);
        assert!((quantile(&mut v, 0.95) - 48.0).abs() < 1e-12);
        // numpy.percentile([1, 2, 3, 4], 50) = 2.5; 5 → 1.15; 95 → 3.85
        let mut w = vec![4.0, 3.0, 2.0, 1.0];
        assert_eq!(quantile(&mut w, 0.5), 2.5);
        assert!((quantile(&mut w, 0.05) - 1.15).abs() < 1e-12);
        assert!((quantile(&mut w, 0.95) - 3.85).abs() < 1e-12);
    }

    #[test]
    fn extremes_and_a_single_value() {
        let mut v = vec![3.0, -1.0, 7.0];
        assert_eq!(quantile(&mut v, 0.0), -1.0);
        assert_eq!(quantile(&mut v, 1.0), 7.0);
        assert_eq!(quantile(&mut [42.0], 0.95), 42.0);
        assert_eq!(mean(&[1.0, 2.0, 6.0]), 3.0);
        assert!(total([]).is_sign_positive());
        assert_eq!(total([1.5, 2.0]), 3.5);
    }
}
