//! The 100-point answers: per role the normalised geometric mean, combined
//! over the roles, the spread on the clr scale and the most different role.

use indexmap::IndexMap;

use super::compositions::{aitchison, clr_spread, floored_shares, geometric_mean, weighted_mean};
use super::input::Answers;
use super::result::{PointsResult, RolePoints, keyed};
use super::role_groups;

/// The points part of the output; `None` when no answer has points.
///
/// Choices where the spec leaves room: "combined" normalises the weights
/// of just the roles that have points; the most different role is compared
/// with the other roles *with points*, their weights normalised among
/// them; of equally distant roles the first in `roles` order is taken.
pub fn points_result(a: &Answers) -> Option<PointsResult> {
    let shares = |x: &super::input::Answer| {
        x.points.as_ref().map(|p| {
            let pts: Vec<f64> = a
                .criteria
                .iter()
                .map(|c| f64::from(p.get(c).copied().unwrap_or(0)))
                .collect();
            floored_shares(&pts)
        })
    };
    let groups = role_groups(a, shares);
    if groups.is_empty() {
        return None;
    }
    let vectors: Vec<Vec<f64>> = groups
        .iter()
        .map(|g| geometric_mean(&g.members.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>()))
        .collect();
    let weights: Vec<f64> = groups.iter().map(|g| a.roles[g.role].weight).collect();
    let refs: Vec<&[f64]> = vectors.iter().map(Vec::as_slice).collect();
    let combined = weighted_mean(&refs, &weights);
    let everyone: Vec<Vec<f64>> = groups
        .iter()
        .flat_map(|g| g.members.iter().map(|(_, v)| v.clone()))
        .collect();
    let spread: IndexMap<String, Option<f64>> = a
        .criteria
        .iter()
        .cloned()
        .zip(clr_spread(&everyone, a.criteria.len()))
        .collect();
    let most_different =
        most_different(&refs, &weights).map(|i| a.roles[groups[i].role].id.clone());
    Some(PointsResult {
        by_role: groups
            .iter()
            .zip(&vectors)
            .map(|(g, v)| RolePoints {
                role: a.roles[g.role].id.clone(),
                n: g.members.len(),
                shown: g.members.len() as u64 >= a.min_role_size,
                weights: keyed(&a.criteria, v),
            })
            .collect(),
        combined: keyed(&a.criteria, &combined),
        spread,
        most_different_role: most_different,
    })
}

/// The index of the vector with the largest Aitchison distance to the
/// weighted arithmetic mean of the others (weights normalised over the
/// others); ties go to the first. `None` for fewer than 2 vectors.
pub fn most_different(vectors: &[&[f64]], weights: &[f64]) -> Option<usize> {
    if vectors.len() < 2 {
        return None;
    }
    let mut best: Option<(usize, f64)> = None;
    for i in 0..vectors.len() {
        let others: Vec<&[f64]> = (0..vectors.len())
            .filter(|k| *k != i)
            .map(|k| vectors[k])
            .collect();
        let others_w: Vec<f64> = (0..vectors.len())
            .filter(|k| *k != i)
            .map(|k| weights[k])
            .collect();
        let d = aitchison(vectors[i], &weighted_mean(&others, &others_w));
        if best.is_none_or(|(_, b)| d > b) {
            best = Some((i, d));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_different_role_by_hand() {
        // Three roles, equal weights:
        // a = (0.5, 0.5), b = (0.5, 0.5), c = (0.8, 0.2).
        // For a: others' mean (0.65, 0.35): clr diff ½ln(0.5/0.5) − ½ln(0.65/0.35)
        //   → d = |ln(0.65/0.35)|/√2 = 0.619039/√2 = 0.437734.
        // b: the same, 0.437734.
        // c: others' mean (0.5, 0.5): d = |ln 4|/√2 = 1.386294/√2 = 0.980258.
        // (For two parts, d(x, y) = |ln(x₁/x₂) − ln(y₁/y₂)|/√2.)
        let (a, b, c) = ([0.5, 0.5], [0.5, 0.5], [0.8, 0.2]);
        assert_eq!(most_different(&[&a, &b, &c], &[1.0, 1.0, 1.0]), Some(2));
        let d = aitchison(&c, &[0.5, 0.5]);
        assert!((d - 0.980_258).abs() < 1e-6, "{d}");
        // Two roles are always equally far from each other: the first wins.
        assert_eq!(most_different(&[&c, &a], &[1.0, 5.0]), Some(0));
        assert_eq!(most_different(&[&a], &[1.0]), None);
    }
}
