//! How far one role's weights would have to move to change the top option
//! (not in the spec; the app's dissent panel shows it).
//!
//! The combined vector is c = Σ_k ω_k v_k (ω normalised role weights, v_k
//! the roles' weight vectors). Role k's vector is moved straight towards
//! one criterion j: v_k(t) = (1 − t) v_k + t e_j, t ∈ [0, 1], so that
//! c(t) = c + ω_k t (e_j − v_k). The top option is the first option of
//! rank 1 under the engine's MCA ([`crate::engine::mca::scores`] and
//! [`crate::engine::mca::ranks`]) with c(t) as weights. The smallest t at
//! which the top differs from the top at t = 0 is found by scanning t in
//! steps of 1/[`SCAN_STEPS`] (so that a change is also found where the
//! top does not change monotonically in t, as can happen under TOPSIS)
//! and then bisecting the first step where it changes to within
//! [`TOLERANCE`]. The shift in percentage points is 100 · t · (1 − v_k,j):
//! the weight moved onto criterion j (and taken, in proportion, from the
//! others). The answer is the criterion with the smallest shift (ties: the
//! first criterion); `None` when no move of the role changes the top.

use crate::engine::mca::{Matrix, normalise, ranks, scores};
use crate::model::McaMethod;

/// Steps of the scan over t ∈ [0, 1] before the bisection.
pub const SCAN_STEPS: usize = 100;

/// The bisection stops when the interval in t is this small.
pub const TOLERANCE: f64 = 1e-6;

/// The smallest move of one role's weights that changes the top option.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tipping {
    /// The criterion the weight is moved onto.
    pub criterion: usize,
    /// The weight moved, in percentage points of the role's 100.
    pub shift_points: f64,
    /// The option that is on top after the move.
    pub new_top: usize,
}

/// The first option with rank 1 under the weights `w` (normalised here).
pub fn top_option(method: McaMethod, matrix: &Matrix<'_>, w: &[f64]) -> Option<usize> {
    let s = scores(method, matrix, &normalise(w));
    ranks(&s).iter().position(|r| *r == 1)
}

/// How far the role with weight vector `role_weights` (summing to 1) and
/// normalised share `role_share` in `combined` (= Σ ω_k v_k) would have to
/// move its weights to change the top option; see the module's doc.
pub fn tipping_point(
    method: McaMethod,
    matrix: &Matrix<'_>,
    role_weights: &[f64],
    combined: &[f64],
    role_share: f64,
) -> Option<Tipping> {
    let top0 = top_option(method, matrix, combined)?;
    let n = combined.len();
    let mut best: Option<Tipping> = None;
    for j in 0..n {
        let room = 1.0 - role_weights[j];
        if room <= 0.0 || role_share <= 0.0 {
            continue;
        }
        let at = |t: f64| -> Vec<f64> {
            (0..n)
                .map(|i| {
                    let e = if i == j { 1.0 } else { 0.0 };
                    (combined[i] + role_share * t * (e - role_weights[i])).max(0.0)
                })
                .collect()
        };
        let top = |t: f64| top_option(method, matrix, &at(t));
        let Some(step) =
            (1..=SCAN_STEPS).find(|s| top(*s as f64 / SCAN_STEPS as f64) != Some(top0))
        else {
            continue;
        };
        let (mut lo, mut hi) = (
            (step - 1) as f64 / SCAN_STEPS as f64,
            step as f64 / SCAN_STEPS as f64,
        );
        while hi - lo > TOLERANCE {
            let mid = (lo + hi) / 2.0;
            if top(mid) == Some(top0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let found = Tipping {
            criterion: j,
            shift_points: 100.0 * hi * room,
            new_top: top(hi).unwrap_or(top0),
        };
        if best.is_none_or(|b| found.shift_points < b.shift_points) {
            best = Some(found);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Preference};

    #[test]
    fn two_criteria_by_hand() {
        // Option A = (10, 0), option B = (0, 10), both criteria "max":
        // min-max normalised A = (1, 0), B = (0, 1), so under weights w the
        // weighted sum gives A = w₀ and B = w₁.
        // Two roles with share ½ each: v₁ = (0.6, 0.4), v₂ = (0.6, 0.4),
        // c = (0.6, 0.4): A on top.
        // Moving role 1 towards criterion 1: c(t) = (0.6 − 0.3t, 0.4 + 0.3t);
        // B overtakes A at t = 1/3. Shift = 100 · ⅓ · (1 − 0.4) = 20 points:
        // the role goes from 60/40 to 40/60 and c to 50/50.
        // Moving it towards criterion 0 only strengthens A: no change.
        let x = vec![vec![10.0, 0.0], vec![0.0, 10.0]];
        let dirs = [Direction::Max, Direction::Max];
        let prefs = [Preference::Usual, Preference::Usual];
        let m = Matrix {
            x: &x,
            directions: &dirs,
            preferences: &prefs,
        };
        let t = tipping_point(McaMethod::WeightedSum, &m, &[0.6, 0.4], &[0.6, 0.4], 0.5).unwrap();
        assert_eq!(t.criterion, 1);
        assert_eq!(t.new_top, 1);
        assert!((t.shift_points - 20.0).abs() < 1e-3, "{t:?}");

        // With a share of ¼: c(t) = (0.6 − 0.15t, 0.4 + 0.15t), equal at
        // t = 2/3: shift 100 · ⅔ · 0.6 = 40 points.
        let t = tipping_point(McaMethod::WeightedSum, &m, &[0.6, 0.4], &[0.6, 0.4], 0.25).unwrap();
        assert!((t.shift_points - 40.0).abs() < 1e-3, "{t:?}");
        // A share of 0.1 cannot: c(1) = (0.54, 0.46), A stays on top.
        assert_eq!(
            tipping_point(McaMethod::WeightedSum, &m, &[0.6, 0.4], &[0.6, 0.4], 0.1),
            None
        );
    }
}
