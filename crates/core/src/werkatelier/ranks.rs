//! Option ranks from scores, and Kendall's coefficient of concordance W
//! with the correction for ties.

use serde::Serialize;

/// How far the participants agree on the order of the options.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RanksResult {
    /// Kendall's W (0: no agreement, 1: the same order); `None` with fewer
    /// than 2 participants or 2 options, or a zero denominator.
    pub kendall_w: Option<f64>,
    /// The participants with option scores (m).
    pub participants: usize,
}

/// Ranks, 1 for the highest score; equal scores share the mean of the
/// ranks they take (scores 7, 5, 5 rank 1, 2.5, 2.5). "Equal" is exact.
pub fn mean_ranks(scores: &[f64]) -> Vec<f64> {
    scores
        .iter()
        .map(|s| {
            let above = scores.iter().filter(|o| *o > s).count() as f64;
            let equal = scores.iter().filter(|o| *o == s).count() as f64;
            // ranks above+1 ..= above+equal, their mean:
            above + (equal + 1.0) / 2.0
        })
        .collect()
}

/// Σ over groups of t tied scores of (t³ − t).
pub fn tie_sum(scores: &[f64]) -> f64 {
    let mut sorted = scores.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut total = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i + 1;
        while j < sorted.len() && sorted[j] == sorted[i] {
            j += 1;
        }
        let t = (j - i) as f64;
        total += t * t * t - t;
        i = j;
    }
    total
}

/// Kendall's W over m participants' scores of the same n options:
/// R_o = Σ_k r_k,o, R̄ = m(n+1)/2, S = Σ_o (R_o − R̄)²,
/// W = 12 S / (m²(n³ − n) − m Σ_k T_k). `None` for m < 2, n < 2 or a zero
/// denominator (everybody scores every option the same).
pub fn kendall_w(scores: &[Vec<f64>]) -> Option<f64> {
    let m = scores.len();
    let n = scores.first().map_or(0, Vec::len);
    if m < 2 || n < 2 {
        return None;
    }
    let (mf, nf) = (m as f64, n as f64);
    let ranks: Vec<Vec<f64>> = scores.iter().map(|s| mean_ranks(s)).collect();
    let mean = mf * (nf + 1.0) / 2.0;
    let s: f64 = (0..n)
        .map(|o| {
            let r: f64 = ranks.iter().map(|k| k[o]).sum();
            (r - mean) * (r - mean)
        })
        .sum();
    let ties: f64 = scores.iter().map(|s| tie_sum(s)).sum();
    let denominator = mf * mf * (nf * nf * nf - nf) - mf * ties;
    // The denominator is a whole number computed exactly; 0 only when every
    // participant ties every option.
    (denominator > 0.0).then(|| 12.0 * s / denominator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_ranks_share_ties() {
        assert_eq!(mean_ranks(&[7.0, 5.0, 5.0]), vec![1.0, 2.5, 2.5]);
        assert_eq!(mean_ranks(&[6.0, 6.0, 6.0]), vec![2.0, 2.0, 2.0]);
        assert_eq!(mean_ranks(&[1.0, 3.0, 2.0, 3.0]), vec![4.0, 1.5, 3.0, 1.5]);
        assert_eq!(tie_sum(&[7.0, 5.0, 5.0]), 6.0);
        assert_eq!(tie_sum(&[6.0, 6.0, 6.0]), 24.0);
        assert_eq!(tie_sum(&[1.0, 2.0]), 0.0);
    }

    #[test]
    fn kendall_w_with_ties_by_hand() {
        // P1 (7, 5, 5) → ranks 1, 2.5, 2.5; T1 = 2³ − 2 = 6.
        // P2 (9, 8, 1) → ranks 1, 2, 3;     T2 = 0.
        // P3 (6, 6, 6) → ranks 2, 2, 2;     T3 = 3³ − 3 = 24.
        // R = (4, 6.5, 7.5); R̄ = 3·4/2 = 6; S = 4 + 0.25 + 2.25 = 6.5.
        // Denominator = 3²·(27 − 3) − 3·30 = 216 − 90 = 126.
        // W = 12·6.5/126 = 78/126 = 0.619048.
        let w = kendall_w(&[
            vec![7.0, 5.0, 5.0],
            vec![9.0, 8.0, 1.0],
            vec![6.0, 6.0, 6.0],
        ])
        .unwrap();
        assert!((w - 78.0 / 126.0).abs() < 1e-12, "{w}");
    }

    #[test]
    fn kendall_w_without_ties_and_its_nulls() {
        // Reversed orders of 2 people over 3 options: R = (4, 4, 4) = R̄, W = 0.
        let w = kendall_w(&[vec![3.0, 2.0, 1.0], vec![1.0, 2.0, 3.0]]).unwrap();
        assert!(w.abs() < 1e-12);
        // The same order: W = 1, also with the same ties.
        let w = kendall_w(&[vec![7.0, 5.0, 5.0], vec![3.0, 1.0, 1.0]]).unwrap();
        assert!((w - 1.0).abs() < 1e-12);
        assert_eq!(kendall_w(&[vec![1.0, 2.0]]), None);
        assert_eq!(kendall_w(&[vec![1.0], vec![2.0]]), None);
        // everybody ties everything: denominator 0
        assert_eq!(kendall_w(&[vec![1.0, 1.0], vec![2.0, 2.0]]), None);
    }
}
