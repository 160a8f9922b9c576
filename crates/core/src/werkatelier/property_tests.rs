//! Properties: AIJ keeps reciprocity; identical answers agree fully;
//! combined points sum to 1.
// Matrices read best with their indices.
#![allow(clippy::needless_range_loop)]

use indexmap::IndexMap;
use proptest::prelude::*;

use super::ahp_group::aij;
use super::*;

/// A reciprocal n×n matrix on Saaty's scale from upper-triangle exponents.
fn reciprocal(n: usize, upper: &[f64]) -> Vec<Vec<f64>> {
    let mut m = vec![vec![1.0; n]; n];
    let mut k = 0;
    for i in 0..n {
        for j in i + 1..n {
            m[i][j] = upper[k];
            m[j][i] = 1.0 / upper[k];
            k += 1;
        }
    }
    m
}

fn saaty() -> impl Strategy<Value = f64> {
    (-8i32..=8).prop_map(|k| {
        if k >= 0 {
            f64::from(k + 1)
        } else {
            1.0 / f64::from(1 - k)
        }
    })
}

fn matrices() -> impl Strategy<Value = (usize, Vec<Vec<Vec<f64>>>)> {
    (2usize..=6).prop_flat_map(|n| {
        let pairs = n * (n - 1) / 2;
        (
            Just(n),
            prop::collection::vec(prop::collection::vec(saaty(), pairs), 1..6),
        )
            .prop_map(|(n, uppers)| (n, uppers.iter().map(|u| reciprocal(n, u)).collect()))
    })
}

/// Points summing to 100 over n criteria, from n − 1 cut points.
fn points(n: usize) -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(0u32..=100, n - 1).prop_map(|mut cuts| {
        cuts.sort_unstable();
        let mut out = Vec::new();
        let mut last = 0;
        for c in cuts {
            out.push(c - last);
            last = c;
        }
        out.push(100 - last);
        out
    })
}

fn criteria(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("c{i}")).collect()
}

fn answers(
    n: usize,
    roles: usize,
    each: Vec<(usize, Vec<u32>)>,
    ahp: Option<Vec<Vec<f64>>>,
) -> Answers {
    let crit = criteria(n);
    Answers {
        criteria: crit.clone(),
        roles: (0..roles)
            .map(|r| RoleSpec {
                id: format!("r{r}"),
                weight: 1.0 + r as f64,
            })
            .collect(),
        min_role_size: 3,
        answers: each
            .into_iter()
            .enumerate()
            .map(|(k, (role, pts))| Answer {
                participant: format!("p{k}"),
                role: format!("r{}", role % roles),
                points: Some(crit.iter().cloned().zip(pts).collect::<IndexMap<_, _>>()),
                ahp: ahp.clone(),
                option_scores: None,
            })
            .collect(),
    }
}

proptest! {
    #[test]
    fn aij_of_reciprocal_matrices_stays_reciprocal((n, ms) in matrices()) {
        let refs: Vec<&[Vec<f64>]> = ms.iter().map(Vec::as_slice).collect();
        let g = aij(&refs);
        for i in 0..n {
            prop_assert!((g[i][i] - 1.0).abs() < 1e-12);
            for j in 0..n {
                prop_assert!((g[i][j] * g[j][i] - 1.0).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn identical_answers_give_full_consensus(
        (n, ms) in matrices(),
        k in 2usize..6,
        scores in prop::collection::vec(-10i32..10, 2..6),
    ) {
        let m = ms[0].clone();
        let mut a = answers(n, 2, (0..k).map(|r| (r, vec![0; n])).collect(), Some(m));
        for x in &mut a.answers {
            x.points = None;
            x.option_scores = Some(
                scores.iter().enumerate().map(|(i, s)| (format!("o{i}"), f64::from(*s))).collect(),
            );
        }
        prop_assert_eq!(validate(&a), Ok(()));
        let r = evaluate_answers(&a);
        let s = r.ahp.unwrap().consensus.unwrap().s_star;
        prop_assert!((s - 1.0).abs() < 1e-9, "S* = {}", s);
        let w = r.ranks.unwrap().kendall_w;
        if scores.iter().all(|s| *s == scores[0]) {
            prop_assert_eq!(w, None);
        } else {
            prop_assert!((w.unwrap() - 1.0).abs() < 1e-12, "W = {:?}", w);
        }
    }

    #[test]
    fn combined_points_sum_to_one(
        (n, each) in (2usize..7).prop_flat_map(|n| {
            (Just(n), prop::collection::vec((0usize..4, points(n)), 1..10))
        }),
        roles in 1usize..4,
    ) {
        let a = answers(n, roles, each, None);
        prop_assert_eq!(validate(&a), Ok(()));
        let p = evaluate_answers(&a).points.unwrap();
        let sum: f64 = p.combined.values().sum();
        prop_assert!((sum - 1.0).abs() < 1e-12, "sum {}", sum);
        for r in &p.by_role {
            prop_assert!((r.weights.values().sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }
}
