//! AHP: weights from a pairwise-comparison matrix, with Saaty's consistency ratio.

/// Saaty's random index RI for n = 1..=10.
pub const RANDOM_INDEX: [f64; 10] = [0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

/// A consistency ratio above this is reported as a warning.
pub const CR_THRESHOLD: f64 = 0.10;

/// The outcome of an AHP matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct AhpResult {
    /// The principal eigenvector, normalised to sum 1.
    pub weights: Vec<f64>,
    /// The principal eigenvalue.
    pub lambda_max: f64,
    /// Consistency index (λmax − n)/(n − 1); 0 for n ≤ 2.
    pub ci: f64,
    /// Consistency ratio CI/RI(n); 0 for n ≤ 2.
    pub cr: f64,
}

/// Computes the principal eigenvector and eigenvalue of a positive
/// reciprocal matrix (n ≤ 10) by power iteration, which converges for any
/// positive matrix (Perron–Frobenius).
pub fn ahp(matrix: &[Vec<f64>]) -> AhpResult {
    let n = matrix.len();
    assert!(
        (1..=RANDOM_INDEX.len()).contains(&n),
        "AHP needs 1..=10 criteria"
    );
    // Start from the normalised row geometric means, a close first guess.
    let mut w: Vec<f64> = matrix
        .iter()
        .map(|row| row.iter().map(|x| x.ln()).sum::<f64>() / n as f64)
        .map(f64::exp)
        .collect();
    normalise(&mut w);
    let mut lambda = n as f64;
    for _ in 0..10_000 {
        let mut next: Vec<f64> = matrix
            .iter()
            .map(|row| row.iter().zip(&w).map(|(a, b)| a * b).sum())
            .collect();
        // With Σw = 1 and Aw = λw, Σ(Aw) = λ.
        lambda = next.iter().sum();
        normalise(&mut next);
        let change = next
            .iter()
            .zip(&w)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        w = next;
        if change < 1e-15 {
            break;
        }
    }
    let (ci, cr) = if n <= 2 {
        (0.0, 0.0)
    } else {
        let ci = (lambda - n as f64) / (n as f64 - 1.0);
        (ci, ci / RANDOM_INDEX[n - 1])
    };
    AhpResult {
        weights: w,
        lambda_max: lambda,
        ci,
        cr,
    }
}

fn normalise(v: &mut [f64]) {
    let sum: f64 = v.iter().sum();
    v.iter_mut().for_each(|x| *x /= sum);
}

/// The pair (i, j), i < j, whose judgement departs most from what the
/// weights imply: the largest |ln(m[i][j] · w[j] / w[i])|. This is the
/// comparison to revisit first when the consistency ratio is too high.
pub fn most_inconsistent_pair(matrix: &[Vec<f64>], weights: &[f64]) -> Option<(usize, usize)> {
    let n = matrix.len();
    let mut best: Option<((usize, usize), f64)> = None;
    for i in 0..n {
        for j in i + 1..n {
            let dev = (matrix[i][j] * weights[j] / weights[i]).ln().abs();
            if best.is_none_or(|(_, d)| dev > d) {
                best = Some(((i, j), dev));
            }
        }
    }
    best.map(|(pair, _)| pair)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reciprocal(upper: &[&[f64]]) -> Vec<Vec<f64>> {
        // upper[i] holds m[i][i+1..n]
        let n = upper.len() + 1;
        let mut m = vec![vec![1.0; n]; n];
        for (i, row) in upper.iter().enumerate() {
            for (k, x) in row.iter().enumerate() {
                let j = i + 1 + k;
                m[i][j] = *x;
                m[j][i] = 1.0 / x;
            }
        }
        m
    }

    #[test]
    fn a_consistent_matrix_has_cr_zero_and_its_exact_weights() {
        // weights 4:2:1 → m[i][j] = w_i/w_j
        let m = reciprocal(&[&[2.0, 4.0], &[2.0]]);
        let r = ahp(&m);
        for (w, e) in r.weights.iter().zip([4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0]) {
            assert!((w - e).abs() < 1e-12);
        }
        assert!((r.lambda_max - 3.0).abs() < 1e-12);
        assert!(r.ci.abs() < 1e-12 && r.cr.abs() < 1e-12);
    }

    #[test]
    fn two_criteria_have_no_inconsistency() {
        let r = ahp(&reciprocal(&[&[3.0]]));
        assert!((r.weights[0] - 0.75).abs() < 1e-12);
        assert_eq!((r.ci, r.cr), (0.0, 0.0));
        let one = ahp(&[vec![1.0]]);
        assert_eq!(one.weights, vec![1.0]);
        assert_eq!(one.cr, 0.0);
    }

    #[test]
    fn saaty_three_by_three_textbook() {
        // Saaty's classic 3×3 (1, 5, 9; 1/5, 1, 3; 1/9, 1/3, 1):
        // λmax = 3.0291, CI = 0.0145, CR = 0.025; w ≈ (0.751, 0.178, 0.070).
        let r = ahp(&reciprocal(&[&[5.0, 9.0], &[3.0]]));
        assert!((r.lambda_max - 3.029_063).abs() < 1e-5, "{}", r.lambda_max);
        assert!((r.ci - 0.014_532).abs() < 1e-5);
        assert!((r.cr - 0.025_054).abs() < 1e-5);
        for (w, e) in r.weights.iter().zip([0.751_405, 0.178_178, 0.070_418]) {
            assert!((w - e).abs() < 1e-5, "{:?}", r.weights);
        }
    }

    #[test]
    fn saaty_four_by_four_textbook() {
        // Saaty's 4×4 example (1, 5, 6, 7; 1/5, 1, 4, 6; 1/6, 1/4, 1, 4;
        // 1/7, 1/6, 1/4, 1), an inconsistent one: λmax = 4.3907, CI = 0.1302,
        // CR = 0.1447 (> 0.10). Reference figures from numpy.linalg.eig.
        let r = ahp(&reciprocal(&[&[5.0, 6.0, 7.0], &[4.0, 6.0], &[4.0]]));
        assert!((r.lambda_max - 4.390_730).abs() < 1e-5, "{}", r.lambda_max);
        assert!((r.ci - 0.130_243).abs() < 1e-5, "{}", r.ci);
        assert!((r.cr - 0.144_715).abs() < 1e-5, "{}", r.cr);
        for (w, e) in r
            .weights
            .iter()
            .zip([0.618_669, 0.235_323, 0.100_934, 0.045_074])
        {
            assert!((w - e).abs() < 1e-5, "{:?}", r.weights);
        }
    }

    #[test]
    fn the_broken_judgement_is_pointed_out() {
        // Consistent 4:2:1:1 except that m[0][3] says 1/4 instead of 4.
        let mut m = reciprocal(&[&[2.0, 4.0, 4.0], &[2.0, 2.0], &[1.0]]);
        m[0][3] = 0.25;
        m[3][0] = 4.0;
        let r = ahp(&m);
        assert!(r.cr > CR_THRESHOLD);
        assert_eq!(most_inconsistent_pair(&m, &r.weights), Some((0, 3)));
    }
}
