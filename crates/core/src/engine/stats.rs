//! Order statistics: percentiles by linear interpolation (numpy's default).

/// The `q`-th quantile (0 ≤ q ≤ 1) of `values` by linear interpolation
/// between order statistics: position `q · (n − 1)` in the sorted values.
/// Reorders `values` (selection, not a full sort). `values` must not be empty.
pub fn quantile(values: &mut [f64], q: f64) -> f64 {
    quantiles(values, [q])[0]
}

/// Several quantiles at once, each as [`quantile`] gives it, from one
/// multi-selection: the middle order statistic needed is selected first,
/// and the others within the part on their side, so p5, p50 and p95 cost
/// about two passes over the values instead of three full selections.
/// Reorders `values`, which must not be empty.
pub fn quantiles<const K: usize>(values: &mut [f64], qs: [f64; K]) -> [f64; K] {
    assert!(!values.is_empty(), "quantile of nothing");
    let last = values.len() - 1;
    let positions = qs.map(|q| q * last as f64);
    // The order statistics needed: ⌊pos⌋ and, between two, the next one.
    let mut ks = [0usize; 64];
    assert!(2 * K <= ks.len(), "at most 32 quantiles at once");
    let mut n = 0;
    for pos in positions {
        let lo = pos.floor() as usize;
        ks[n] = lo;
        n += 1;
        if pos > lo as f64 && lo < last {
            ks[n] = lo + 1;
            n += 1;
        }
    }
    let ks = &mut ks[..n];
    ks.sort_unstable();
    let mut found = [0.0; 64];
    select_all(values, 0, ks, &mut found[..n]);
    let at = |k: usize| found[ks.binary_search(&k).expect("selected")];
    positions.map(|pos| {
        let lo = pos.floor() as usize;
        let frac = pos - lo as f64;
        if frac == 0.0 || lo == last {
            at(lo)
        } else {
            at(lo) + frac * (at(lo + 1) - at(lo))
        }
    })
}

/// Puts into `out[i]` the value of rank `ks[i]` (ranks in the whole slice,
/// of which `values` starts at rank `offset`); `ks` ascending, duplicates
/// allowed.
fn select_all(values: &mut [f64], offset: usize, ks: &[usize], out: &mut [f64]) {
    if ks.is_empty() {
        return;
    }
    let m = ks.len() / 2;
    let k = ks[m];
    let (left, &mut x, right) = values.select_nth_unstable_by(k - offset, f64::total_cmp);
    // every duplicate of k around m gets x as well
    let lo = ks.partition_point(|&j| j < k);
    let hi = ks.partition_point(|&j| j <= k);
    out[lo..hi].fill(x);
    select_all(left, offset, &ks[..lo], &mut out[..lo]);
    select_all(right, k + 1, &ks[hi..], &mut out[hi..]);
}

/// The sum of `values`, +0.0 when there are none (Rust's `Sum` for f64
/// starts from −0.0, which would print as `-0.0`).
pub fn total(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(0.0, |a, b| a + b)
}

/// The arithmetic mean. The sum runs in four interleaved partial sums
/// (then added in order), which pipelines and is no less accurate than one
/// running sum.
pub fn mean(values: &[f64]) -> f64 {
    let mut lanes = [0.0; 4];
    let chunks = values.chunks_exact(4);
    let rest = chunks.remainder();
    for c in chunks {
        for (l, x) in lanes.iter_mut().zip(c) {
            *l += x;
        }
    }
    let sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) + total(rest.iter().copied());
    sum / values.len() as f64
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
    fn several_at_once_equal_one_at_a_time() {
        // a fixed scramble of 0..1000 with duplicates
        let v: Vec<f64> = (0..1000u64)
            .map(|i| ((i * 7919) % 613) as f64 / 7.0)
            .collect();
        let qs = [0.0, 0.05, 0.05, 0.3333, 0.5, 0.95, 0.999, 1.0];
        let together = quantiles(&mut v.clone(), qs);
        for (q, got) in qs.iter().zip(together) {
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let pos = q * 999.0;
            let lo = pos.floor() as usize;
            let hi = (lo + 1).min(999);
            let expected = sorted[lo] + (pos - lo as f64) * (sorted[hi] - sorted[lo]);
            assert_eq!(got, expected, "q = {q}");
            assert_eq!(got, quantile(&mut v.clone(), *q), "q = {q}");
        }
        assert_eq!(
            quantiles(&mut [5.0, 1.0], [0.05, 0.5, 0.95]),
            [1.2, 3.0, 4.8]
        );
        assert_eq!(quantiles(&mut [2.0], [0.05, 0.95]), [2.0, 2.0]);
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
