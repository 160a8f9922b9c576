//! The AHP answers: each participant's priority vector, AIJ within a role
//! (the element-wise geometric mean of its matrices), AIP across the roles
//! (the weighted arithmetic mean of the role vectors), and Goepel's S*.

use crate::engine::ahp::ahp;

use super::compositions::weighted_mean;
use super::consensus::consensus;
use super::input::Answers;
use super::result::{AhpGroupResult, ParticipantAhp, RoleAhp, keyed};
use super::role_groups;

/// The element-wise geometric mean of square matrices (AIJ, Forman &
/// Peniwati 1998, unweighted): a reciprocal matrix again, since
/// exp(mean ln a_ji) = 1/exp(mean ln a_ij).
pub fn aij(matrices: &[&[Vec<f64>]]) -> Vec<Vec<f64>> {
    let Some(first) = matrices.first() else {
        return Vec::new();
    };
    let k = matrices.len() as f64;
    let n = first.len();
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| (matrices.iter().map(|m| m[i][j].ln()).sum::<f64>() / k).exp())
                .collect()
        })
        .collect()
}

/// The AHP part of the output; `None` when no answer has an AHP matrix.
/// The answers must be valid (see [`super::validate`]).
///
/// Choices where the spec leaves room: a role's consensus is S* over the
/// individual priority vectors of that role's participants with AHP
/// answers; "combined" normalises the weights of just the roles that have
/// AHP answers.
pub fn ahp_result(a: &Answers) -> Option<AhpGroupResult> {
    let groups = role_groups(a, |x| x.ahp.as_deref().map(|m| (m, ahp(m).weights)));
    if groups.is_empty() {
        return None;
    }
    let mut participants = Vec::new();
    for x in &a.answers {
        if let Some(m) = &x.ahp {
            let r = ahp(m);
            participants.push(ParticipantAhp {
                participant: x.participant.clone(),
                weights: keyed(&a.criteria, &r.weights),
                cr: r.cr,
            });
        }
    }
    let mut by_role = Vec::new();
    let mut role_vectors = Vec::new();
    let mut role_weights = Vec::new();
    for g in &groups {
        let matrices: Vec<&[Vec<f64>]> = g.members.iter().map(|(_, (m, _))| *m).collect();
        let r = ahp(&aij(&matrices));
        let vectors: Vec<Vec<f64>> = g.members.iter().map(|(_, (_, w))| w.clone()).collect();
        by_role.push(RoleAhp {
            role: a.roles[g.role].id.clone(),
            n: g.members.len(),
            shown: g.members.len() as u64 >= a.min_role_size,
            weights: keyed(&a.criteria, &r.weights),
            lambda_max: r.lambda_max,
            cr: r.cr,
            consensus: consensus(&vectors),
        });
        role_vectors.push(r.weights);
        role_weights.push(a.roles[g.role].weight);
    }
    let refs: Vec<&[f64]> = role_vectors.iter().map(Vec::as_slice).collect();
    let everyone: Vec<Vec<f64>> = groups
        .iter()
        .flat_map(|g| g.members.iter().map(|(_, (_, w))| w.clone()))
        .collect();
    Some(AhpGroupResult {
        participants,
        by_role,
        combined: keyed(&a.criteria, &weighted_mean(&refs, &role_weights)),
        consensus: consensus(&everyone),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) {
        assert!((a - b).abs() < tol, "{a} vs {b}");
    }

    /// A reciprocal 3×3 from its upper triangle (a01, a02, a12).
    fn m3(a01: f64, a02: f64, a12: f64) -> Vec<Vec<f64>> {
        vec![
            vec![1.0, a01, a02],
            vec![1.0 / a01, 1.0, a12],
            vec![1.0 / a02, 1.0 / a12, 1.0],
        ]
    }

    #[test]
    fn aij_of_three_people_by_hand() {
        // Upper triangles: P1 (2, 4, 2), P2 (4, 8, 2), P3 (1, 2, 2).
        // a01 = ∛(2·4·1) = ∛8 = 2; a02 = ∛(4·8·2) = ∛64 = 4;
        // a12 = ∛(2·2·2) = ∛8 = 2. Below the diagonal the reciprocals.
        // The result (1 2 4; ½ 1 2; ¼ ½ 1) is consistent: w_i/w_j = a_ij
        // with w ∝ (4, 2, 1), so w = (4/7, 2/7, 1/7), λmax = 3, CR = 0.
        let (p1, p2, p3) = (m3(2.0, 4.0, 2.0), m3(4.0, 8.0, 2.0), m3(1.0, 2.0, 2.0));
        let g = aij(&[&p1, &p2, &p3]);
        let expect = m3(2.0, 4.0, 2.0);
        for i in 0..3 {
            for j in 0..3 {
                close(g[i][j], expect[i][j], 1e-12);
            }
        }
        let r = ahp(&g);
        for (w, e) in r.weights.iter().zip([4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0]) {
            close(*w, e, 1e-12);
        }
        close(r.lambda_max, 3.0, 1e-12);
        close(r.cr, 0.0, 1e-12);
    }
}
