//! Weight vectors as compositions (parts of a whole): the 0.5-point floor,
//! the normalised geometric mean, the centred log-ratio (clr), Aitchison's
//! distance, and the means and spreads built on them.

/// Points below this count as this much, so that logarithms stay finite:
/// half the smallest step of 1 point.
pub const POINTS_FLOOR: f64 = 0.5;

/// p_i = max(points_i, 0.5) / Σ_j max(points_j, 0.5).
pub fn floored_shares(points: &[f64]) -> Vec<f64> {
    let floored: Vec<f64> = points.iter().map(|p| p.max(POINTS_FLOOR)).collect();
    let sum: f64 = floored.iter().sum();
    floored.iter().map(|p| p / sum).collect()
}

/// The normalised geometric mean of positive vectors:
/// g_i = exp(mean_k ln v_k,i), w_i = g_i / Σ_j g_j. Empty for no vectors.
pub fn geometric_mean(vectors: &[Vec<f64>]) -> Vec<f64> {
    let Some(first) = vectors.first() else {
        return Vec::new();
    };
    let k = vectors.len() as f64;
    let g: Vec<f64> = (0..first.len())
        .map(|i| (vectors.iter().map(|v| v[i].ln()).sum::<f64>() / k).exp())
        .collect();
    let sum: f64 = g.iter().sum();
    g.iter().map(|x| x / sum).collect()
}

/// The weighted arithmetic mean of vectors, with the weights normalised to
/// sum 1. Empty for no vectors.
pub fn weighted_mean(vectors: &[&[f64]], weights: &[f64]) -> Vec<f64> {
    let Some(first) = vectors.first() else {
        return Vec::new();
    };
    let total: f64 = weights.iter().sum();
    (0..first.len())
        .map(|i| {
            vectors
                .iter()
                .zip(weights)
                .map(|(v, w)| v[i] * w / total)
                .sum()
        })
        .collect()
}

/// The centred log-ratio: clr_i(x) = ln x_i − mean_j ln x_j.
pub fn clr(x: &[f64]) -> Vec<f64> {
    let logs: Vec<f64> = x.iter().map(|v| v.ln()).collect();
    let mean = logs.iter().sum::<f64>() / logs.len() as f64;
    logs.iter().map(|l| l - mean).collect()
}

/// Aitchison's distance: sqrt(Σ_i (clr_i(x) − clr_i(y))²).
pub fn aitchison(x: &[f64], y: &[f64]) -> f64 {
    clr(x)
        .iter()
        .zip(clr(y))
        .map(|(a, b)| (a - b) * (a - b))
        .sum::<f64>()
        .sqrt()
}

/// The sample standard deviation (n − 1); `None` with fewer than 2 values.
pub fn sample_sd(xs: &[f64]) -> Option<f64> {
    if xs.len() < 2 {
        return None;
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let ss: f64 = xs.iter().map(|x| (x - mean) * (x - mean)).sum();
    Some((ss / (n - 1.0)).sqrt())
}

/// Per component, the sample standard deviation of the clr of the vectors;
/// `None` for every component with fewer than 2 vectors.
pub fn clr_spread(vectors: &[Vec<f64>], n: usize) -> Vec<Option<f64>> {
    let clrs: Vec<Vec<f64>> = vectors.iter().map(|v| clr(v)).collect();
    (0..n)
        .map(|i| sample_sd(&clrs.iter().map(|c| c[i]).collect::<Vec<_>>()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }

    #[test]
    fn a_zero_is_floored_at_half_a_point() {
        // (60, 40, 0) → (60, 40, 0.5) / 100.5
        let p = floored_shares(&[60.0, 40.0, 0.0]);
        close(p[0], 60.0 / 100.5);
        close(p[1], 40.0 / 100.5);
        close(p[2], 0.5 / 100.5);
    }

    #[test]
    fn normalised_geometric_mean_with_a_floored_zero() {
        // Two people: (50, 50, 0) and (50, 0, 50) in points.
        // Floored: a = (50, 50, .5)/100.5, b = (50, .5, 50)/100.5.
        // The common factor 1/100.5 cancels in the normalisation:
        // g = (sqrt(50·50), sqrt(50·.5), sqrt(.5·50)) = (50, 5, 5)
        // w = (50, 5, 5) / 60 = (0.8333…, 0.0833…, 0.0833…).
        let a = floored_shares(&[50.0, 50.0, 0.0]);
        let b = floored_shares(&[50.0, 0.0, 50.0]);
        let w = geometric_mean(&[a, b]);
        close(w[0], 50.0 / 60.0);
        close(w[1], 5.0 / 60.0);
        close(w[2], 5.0 / 60.0);
    }

    #[test]
    fn clr_spread_by_hand() {
        // x = (0.5, 0.25, 0.25): ln = (−ln2, −2ln2, −2ln2), mean −(5/3)ln2,
        //   clr = (2/3 ln2, −1/3 ln2, −1/3 ln2).
        // y = (0.25, 0.5, 0.25): clr = (−1/3 ln2, 2/3 ln2, −1/3 ln2).
        // Criterion 0: values 2/3 ln2 and −1/3 ln2 differ by ln2; the
        // sample SD of two values is |a − b|/sqrt(2) = ln2/sqrt2.
        // Criterion 2: both −1/3 ln2, SD 0.
        let x = vec![0.5, 0.25, 0.25];
        let y = vec![0.25, 0.5, 0.25];
        let c = clr(&x);
        close(c[0], 2.0 / 3.0 * 2f64.ln());
        close(c[1], -1.0 / 3.0 * 2f64.ln());
        let s = clr_spread(&[x.clone(), y.clone()], 3);
        close(s[0].unwrap(), 2f64.ln() / 2f64.sqrt());
        close(s[1].unwrap(), 2f64.ln() / 2f64.sqrt());
        close(s[2].unwrap(), 0.0);
        assert_eq!(
            clr_spread(std::slice::from_ref(&x), 3),
            vec![None, None, None]
        );
        // Aitchison distance: clr difference (ln2, −ln2, 0) → sqrt(2)·ln2.
        close(aitchison(&x, &y), 2f64.sqrt() * 2f64.ln());
    }

    #[test]
    fn sample_sd_uses_n_minus_one() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x−5)² = 32, 32/7.
        let sd = sample_sd(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).unwrap();
        close(sd, (32.0f64 / 7.0).sqrt());
        assert_eq!(sample_sd(&[1.0]), None);
    }

    #[test]
    fn weighted_mean_normalises_the_weights() {
        let a = [1.0, 0.0];
        let b = [0.0, 1.0];
        let m = weighted_mean(&[&a, &b], &[3.0, 1.0]);
        close(m[0], 0.75);
        close(m[1], 0.25);
    }
}
