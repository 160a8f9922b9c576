//! Multi-criteria analysis: weighted sum, TOPSIS and PROMETHEE II, and ranks.

use crate::model::{Direction, McaMethod, Preference};

/// The decision matrix and what is needed to score it.
#[derive(Debug, Clone)]
pub struct Matrix<'a> {
    /// `x[i][j]`: option i's score on criterion j.
    pub x: &'a [Vec<f64>],
    /// Direction per criterion.
    pub directions: &'a [Direction],
    /// PROMETHEE preference function per criterion.
    pub preferences: &'a [Preference],
}

/// Weights divided by their sum (the caller guarantees a positive sum).
pub fn normalise(weights: &[f64]) -> Vec<f64> {
    let sum: f64 = weights.iter().sum();
    weights.iter().map(|w| w / sum).collect()
}

/// Scores of every option under normalised weights `w`.
pub fn scores(method: McaMethod, m: &Matrix<'_>, w: &[f64]) -> Vec<f64> {
    match method {
        McaMethod::WeightedSum => weighted_sum(m, w),
        McaMethod::Topsis => topsis(m, w),
        McaMethod::Promethee2 => promethee2(m, w),
    }
}

fn column<'a>(m: &'a Matrix<'a>, j: usize) -> impl Iterator<Item = f64> + 'a {
    m.x.iter().map(move |row| row[j])
}

/// Min-max normalised weighted sum.
fn weighted_sum(m: &Matrix<'_>, w: &[f64]) -> Vec<f64> {
    let n_crit = w.len();
    let bounds: Vec<(f64, f64)> = (0..n_crit)
        .map(|j| {
            column(m, j).fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                (lo.min(x), hi.max(x))
            })
        })
        .collect();
    m.x.iter()
        .map(|row| {
            (0..n_crit)
                .map(|j| {
                    let (lo, hi) = bounds[j];
                    let n = if hi == lo {
                        1.0
                    } else if m.directions[j] == Direction::Max {
                        (row[j] - lo) / (hi - lo)
                    } else {
                        (hi - row[j]) / (hi - lo)
                    };
                    w[j] * n
                })
                .sum()
        })
        .collect()
}

/// TOPSIS: relative closeness to the ideal solution.
fn topsis(m: &Matrix<'_>, w: &[f64]) -> Vec<f64> {
    let n_crit = w.len();
    let norms: Vec<f64> = (0..n_crit)
        .map(|j| column(m, j).map(|x| x * x).sum::<f64>().sqrt())
        .collect();
    let v: Vec<Vec<f64>> =
        m.x.iter()
            .map(|row| {
                (0..n_crit)
                    .map(|j| {
                        let r = if norms[j] == 0.0 {
                            0.0
                        } else {
                            row[j] / norms[j]
                        };
                        w[j] * r
                    })
                    .collect()
            })
            .collect();
    let extreme = |j: usize, best: bool| {
        let col = v.iter().map(|row| row[j]);
        let take_max = (m.directions[j] == Direction::Max) == best;
        if take_max {
            col.fold(f64::NEG_INFINITY, f64::max)
        } else {
            col.fold(f64::INFINITY, f64::min)
        }
    };
    let ideal: Vec<f64> = (0..n_crit).map(|j| extreme(j, true)).collect();
    let anti: Vec<f64> = (0..n_crit).map(|j| extreme(j, false)).collect();
    let dist = |row: &[f64], to: &[f64]| {
        row.iter()
            .zip(to)
            .map(|(a, b)| (a - b) * (a - b))
            .sum::<f64>()
            .sqrt()
    };
    v.iter()
        .map(|row| {
            let plus = dist(row, &ideal);
            let minus = dist(row, &anti);
            if plus + minus == 0.0 {
                0.5
            } else {
                minus / (plus + minus)
            }
        })
        .collect()
}

/// The preference of a difference `d` under a preference function.
pub fn preference(p: &Preference, d: f64) -> f64 {
    match *p {
        Preference::Usual => {
            if d > 0.0 {
                1.0
            } else {
                0.0
            }
        }
        Preference::Linear { q, p } => {
            if d <= q {
                0.0
            } else if d <= p {
                (d - q) / (p - q)
            } else {
                1.0
            }
        }
    }
}

/// PROMETHEE II: net outranking flow φ+ − φ−.
fn promethee2(m: &Matrix<'_>, w: &[f64]) -> Vec<f64> {
    let n = m.x.len();
    if n < 2 {
        return vec![0.0; n];
    }
    let pi = |a: usize, b: usize| -> f64 {
        (0..w.len())
            .map(|j| {
                let mut d = m.x[a][j] - m.x[b][j];
                if m.directions[j] == Direction::Min {
                    d = -d;
                }
                w[j] * preference(&m.preferences[j], d)
            })
            .sum()
    };
    let mut plus = vec![0.0; n];
    let mut minus = vec![0.0; n];
    for (a, plus_a) in plus.iter_mut().enumerate() {
        for (b, minus_b) in minus.iter_mut().enumerate() {
            if a != b {
                let p = pi(a, b);
                *plus_a += p;
                *minus_b += p;
            }
        }
    }
    let k = (n - 1) as f64;
    (0..n).map(|a| plus[a] / k - minus[a] / k).collect()
}

/// Tolerance below which two scores count as tied.
pub const RANK_TOLERANCE: f64 = 1e-9;

/// Ranks, 1 best: 1 + the number of scores that exceed this one by more than 1e-9.
pub fn ranks(scores: &[f64]) -> Vec<u32> {
    scores
        .iter()
        .map(|s| 1 + scores.iter().filter(|o| **o - s > RANK_TOLERANCE).count() as u32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Three options, two criteria: cost (min) and quality (max).
    fn x() -> Vec<Vec<f64>> {
        vec![vec![200.0, 7.0], vec![100.0, 4.0], vec![300.0, 9.0]]
    }
    const DIRS: [Direction; 2] = [Direction::Min, Direction::Max];
    const USUAL: [Preference; 2] = [Preference::Usual, Preference::Usual];

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < 1e-9, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn weighted_sum_by_hand() {
        let x = x();
        let m = Matrix {
            x: &x,
            directions: &DIRS,
            preferences: &USUAL,
        };
        // cost normalised: (300-200)/200 = .5, 1, 0; quality: (7-4)/5 = .6, 0, 1
        let s = scores(McaMethod::WeightedSum, &m, &[0.4, 0.6]);
        close(&s, &[0.4 * 0.5 + 0.6 * 0.6, 0.4, 0.6]);
        // a criterion on which all are equal counts 1 for everybody
        let flat = vec![vec![5.0], vec![5.0]];
        let m = Matrix {
            x: &flat,
            directions: &DIRS[1..],
            preferences: &USUAL[..1],
        };
        close(&scores(McaMethod::WeightedSum, &m, &[1.0]), &[1.0, 1.0]);
    }

    #[test]
    fn topsis_by_hand() {
        let x = x();
        let m = Matrix {
            x: &x,
            directions: &DIRS,
            preferences: &USUAL,
        };
        let w = [0.5, 0.5];
        let n0 = (200f64.powi(2) + 100f64.powi(2) + 300f64.powi(2)).sqrt();
        let n1 = (49.0f64 + 16.0 + 81.0).sqrt();
        let v: Vec<[f64; 2]> = x
            .iter()
            .map(|r| [0.5 * r[0] / n0, 0.5 * r[1] / n1])
            .collect();
        let ideal = [v[1][0], v[2][1]];
        let anti = [v[2][0], v[1][1]];
        let expect: Vec<f64> = v
            .iter()
            .map(|r| {
                let p = ((r[0] - ideal[0]).powi(2) + (r[1] - ideal[1]).powi(2)).sqrt();
                let m = ((r[0] - anti[0]).powi(2) + (r[1] - anti[1]).powi(2)).sqrt();
                m / (p + m)
            })
            .collect();
        close(&scores(McaMethod::Topsis, &m, &w), &expect);
        // Literal numbers for option 1 (cheapest, worst quality):
        // v = (0.133631, 0.165521); ideal = (0.133631, 0.372423);
        // anti = (0.400892, 0.165521); S+ = 0.206902, S- = 0.267261.
        assert!((expect[1] - 0.267261 / (0.206902 + 0.267261)).abs() < 1e-5);
    }

    #[test]
    fn topsis_all_equal_gives_one_half() {
        let x = vec![vec![0.0], vec![0.0]];
        let m = Matrix {
            x: &x,
            directions: &DIRS[1..],
            preferences: &USUAL[..1],
        };
        close(&scores(McaMethod::Topsis, &m, &[1.0]), &[0.5, 0.5]);
    }

    #[test]
    fn promethee_usual_by_hand() {
        let x = x();
        let m = Matrix {
            x: &x,
            directions: &DIRS,
            preferences: &USUAL,
        };
        let w = [0.4, 0.6];
        // π(0,1) = .6 (quality), π(1,0) = .4 (cost); π(0,2) = .4, π(2,0) = .6;
        // π(1,2) = .4, π(2,1) = .6.
        // φ+(0) = (.6+.4)/2 = .5, φ−(0) = (.4+.6)/2 = .5 → 0
        // φ+(1) = (.4+.4)/2 = .4, φ−(1) = (.6+.6)/2 = .6 → −.2
        // φ+(2) = (.6+.6)/2 = .6, φ−(2) = (.4+.4)/2 = .4 → .2
        close(&scores(McaMethod::Promethee2, &m, &w), &[0.0, -0.2, 0.2]);
    }

    #[test]
    fn promethee_linear_by_hand() {
        let x = x();
        let prefs = [
            Preference::Linear { q: 50.0, p: 150.0 },
            Preference::Linear { q: 0.0, p: 4.0 },
        ];
        let m = Matrix {
            x: &x,
            directions: &DIRS,
            preferences: &prefs,
        };
        let w = [0.5, 0.5];
        // cost d (negated): 0 vs 1: -100 → 0; 1 vs 0: 100 → .5; 0 vs 2: 100 → .5;
        // 2 vs 0: 0; 1 vs 2: 200 → 1; 2 vs 1: 0.
        // quality d: 0 vs 1: 3 → .75; 1 vs 0: 0; 0 vs 2: 0; 2 vs 0: 2 → .5;
        // 1 vs 2: 0; 2 vs 1: 5 → 1.
        let pi = [
            [0.0, 0.5 * 0.75, 0.5 * 0.5],
            [0.5 * 0.5, 0.0, 0.5],
            [0.5 * 0.5, 0.5, 0.0],
        ];
        let expect: Vec<f64> = (0..3)
            .map(|a| {
                let plus: f64 = (0..3).map(|b| pi[a][b]).sum::<f64>() / 2.0;
                let minus: f64 = (0..3).map(|b| pi[b][a]).sum::<f64>() / 2.0;
                plus - minus
            })
            .collect();
        close(&scores(McaMethod::Promethee2, &m, &w), &expect);
        assert_eq!(preference(&prefs[0], 50.0), 0.0);
        assert_eq!(preference(&prefs[0], 100.0), 0.5);
        assert_eq!(preference(&prefs[0], 150.0), 1.0);
        assert_eq!(preference(&prefs[0], 151.0), 1.0);
    }

    #[test]
    fn promethee_single_option_scores_zero() {
        let x = vec![vec![3.0, 4.0]];
        let m = Matrix {
            x: &x,
            directions: &DIRS,
            preferences: &USUAL,
        };
        close(&scores(McaMethod::Promethee2, &m, &[0.5, 0.5]), &[0.0]);
    }

    #[test]
    fn ranks_with_ties() {
        assert_eq!(ranks(&[0.9, 0.9, 0.5]), vec![1, 1, 3]);
        assert_eq!(ranks(&[0.5, 0.9, 0.9 + 1e-12, 0.1]), vec![3, 1, 1, 4]);
        assert_eq!(ranks(&[]), Vec::<u32>::new());
    }
}
