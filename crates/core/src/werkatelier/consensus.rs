//! Goepel's AHP consensus indicator S* (as in AHP-OS), from the Shannon
//! entropies of the participants' priority vectors and of their mean.

use serde::Serialize;

/// The highest value of Saaty's scale, M in Goepel's bound.
const SCALE_MAX: f64 = 9.0;

/// S* with its Dutch label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consensus {
    /// Goepel's S*, 0..=1 (1: everybody gives the same priorities).
    pub s_star: f64,
    /// "zeer laag", "laag", "matig", "hoog" or "zeer hoog".
    pub label: &'static str,
}

/// Shannon entropy H(p) = −Σ p_i ln p_i (a 0 share adds 0).
pub fn entropy(p: &[f64]) -> f64 {
    -p.iter()
        .filter(|x| **x > 0.0)
        .map(|x| x * x.ln())
        .sum::<f64>()
}

/// S* over K ≥ 2 priority vectors of n criteria; `None` for K < 2.
///
/// H_α = mean_k H(p_k); H_γ = H(p̄); H_β = H_γ − H_α;
/// H_α,min = −(M/(n+M−1)) ln(M/(n+M−1)) − (n−1)(1/(n+M−1)) ln(1/(n+M−1)), M = 9;
/// H_γ,max = ln n; c = exp(H_γ,max − H_α,min);
/// S* = (exp(−H_β) − 1/c) / (1 − 1/c).
pub fn s_star(vectors: &[Vec<f64>]) -> Option<f64> {
    if vectors.len() < 2 {
        return None;
    }
    let k = vectors.len() as f64;
    let n = vectors[0].len();
    let h_alpha = vectors.iter().map(|p| entropy(p)).sum::<f64>() / k;
    let mean: Vec<f64> = (0..n)
        .map(|i| vectors.iter().map(|p| p[i]).sum::<f64>() / k)
        .collect();
    let h_gamma = entropy(&mean);
    let h_beta = h_gamma - h_alpha;
    let nf = n as f64;
    let big = SCALE_MAX / (nf + SCALE_MAX - 1.0);
    let small = 1.0 / (nf + SCALE_MAX - 1.0);
    let h_alpha_min = -big * big.ln() - (nf - 1.0) * small * small.ln();
    let h_gamma_max = nf.ln();
    let c = (h_gamma_max - h_alpha_min).exp();
    Some(((-h_beta).exp() - 1.0 / c) / (1.0 - 1.0 / c))
}

/// The label of an S*: < 0.5 "zeer laag", < 0.625 "laag", < 0.75 "matig",
/// < 0.875 "hoog", otherwise "zeer hoog".
pub fn label(s_star: f64) -> &'static str {
    if s_star < 0.5 {
        "zeer laag"
    } else if s_star < 0.625 {
        "laag"
    } else if s_star < 0.75 {
        "matig"
    } else if s_star < 0.875 {
        "hoog"
    } else {
        "zeer hoog"
    }
}

/// S* with its label; `None` for fewer than 2 vectors.
pub fn consensus(vectors: &[Vec<f64>]) -> Option<Consensus> {
    s_star(vectors).map(|s| Consensus {
        s_star: s,
        label: label(s),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s_star_by_hand() {
        // n = 2, two people: p1 = (0.8, 0.2), p2 = (0.2, 0.8).
        // H(p1) = H(p2) = −(0.8 ln 0.8 + 0.2 ln 0.2)
        //                = 0.178515 + 0.321888 = 0.500402 = H_α.
        // p̄ = (0.5, 0.5): H_γ = ln 2 = 0.693147; H_β = 0.192745.
        // M/(n+M−1) = 9/10, 1/(n+M−1) = 1/10:
        // H_α,min = −0.9 ln 0.9 − 0.1 ln 0.1 = 0.094824 + 0.230259 = 0.325083.
        // c = exp(ln 2 − 0.325083) = exp(0.368064) = 1.444935; 1/c = 0.692073.
        // exp(−H_β) = 0.824692.
        // S* = (0.824692 − 0.692073)/(1 − 0.692073) = 0.132619/0.307927 = 0.430685.
        let s = s_star(&[vec![0.8, 0.2], vec![0.2, 0.8]]).unwrap();
        let h = -(0.8f64 * 0.8f64.ln() + 0.2 * 0.2f64.ln());
        assert!((h - 0.500_402).abs() < 1e-6);
        assert!((s - 0.430_685).abs() < 1e-5, "{s}");
        assert_eq!(label(s), "zeer laag");
    }

    #[test]
    fn the_labels_and_their_bounds() {
        assert_eq!(label(0.499), "zeer laag");
        assert_eq!(label(0.5), "laag");
        assert_eq!(label(0.625), "matig");
        assert_eq!(label(0.75), "hoog");
        assert_eq!(label(0.875), "zeer hoog");
        assert_eq!(label(1.0), "zeer hoog");
    }

    #[test]
    fn one_vector_has_no_consensus() {
        assert_eq!(consensus(&[vec![0.5, 0.5]]), None);
        let same = consensus(&[vec![0.6, 0.4], vec![0.6, 0.4]]).unwrap();
        assert!((same.s_star - 1.0).abs() < 1e-12);
    }
}
