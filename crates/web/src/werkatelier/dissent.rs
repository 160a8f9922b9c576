//! The dissent panel's figures, beyond the spec's: which role differs
//! most under the method actually used, and how far that role's weights
//! would have to move to change the afweging's top option (the options'
//! criterion scores as the afweging holds them, its MCA method).

use wikken_core::case::CaseDoc;
use wikken_core::engine::mca::Matrix;
use wikken_core::format;
use wikken_core::model::Preference;
use wikken_core::werkatelier::points::most_different;
use wikken_core::werkatelier::tipping::{tipping_point, top_option};
use wikken_core::werkatelier::{Weights, WorkshopResult};

/// The role vectors and the combined vector the werkatelier settled on:
/// AHP when the pairwise round gave figures, else the points.
pub struct Settled {
    /// "paarsgewijs" or "punten".
    pub source: &'static str,
    /// Per role with answers: id, normalised share in the combination, weights.
    pub roles: Vec<(String, f64, Vec<f64>)>,
    /// The combined weights.
    pub combined: Vec<f64>,
}

fn vector(w: &Weights, criteria: &[String]) -> Vec<f64> {
    criteria
        .iter()
        .map(|c| w.get(c).copied().unwrap_or(0.0))
        .collect()
}

/// The settled vectors; `None` before any weighing round is shown.
pub fn settled(
    result: &WorkshopResult,
    criteria: &[String],
    role_weight: impl Fn(&str) -> f64,
) -> Option<Settled> {
    let (source, roles, combined): (_, Vec<(String, Vec<f64>)>, Vec<f64>) =
        if let Some(a) = &result.ahp {
            (
                "paarsgewijs",
                a.by_role
                    .iter()
                    .map(|r| (r.role.clone(), vector(&r.weights, criteria)))
                    .collect(),
                vector(&a.combined, criteria),
            )
        } else if let Some(p) = &result.points {
            (
                "punten",
                p.by_role
                    .iter()
                    .map(|r| (r.role.clone(), vector(&r.weights, criteria)))
                    .collect(),
                vector(&p.combined, criteria),
            )
        } else {
            return None;
        };
    let total: f64 = roles.iter().map(|(r, _)| role_weight(r)).sum();
    Some(Settled {
        source,
        roles: roles
            .into_iter()
            .map(|(r, v)| {
                let share = if total > 0.0 {
                    role_weight(&r) / total
                } else {
                    0.0
                };
                (r, share, v)
            })
            .collect(),
        combined,
    })
}

impl Settled {
    /// The role farthest (Aitchison) from the others combined, by index.
    pub fn most_different(&self) -> Option<usize> {
        let vectors: Vec<&[f64]> = self.roles.iter().map(|(_, _, v)| v.as_slice()).collect();
        let shares: Vec<f64> = self.roles.iter().map(|(_, s, _)| *s).collect();
        most_different(&vectors, &shares)
    }
}

/// What moving a role's weights would do to the afweging's top option, in
/// one Dutch sentence; `None` when the afweging cannot say (no scores yet).
pub fn tipping_sentence(
    doc: &CaseDoc,
    criteria: &[String],
    settled: &Settled,
    role: usize,
    role_label: &str,
) -> Option<String> {
    let model = doc.to_model();
    let crit: Vec<&wikken_core::model::Criterion> = criteria
        .iter()
        .map(|c| model.criteria.iter().find(|x| x.id == *c))
        .collect::<Option<_>>()?;
    let options = &model.options;
    if options.len() < 2 {
        return None;
    }
    let x: Vec<Vec<f64>> = options
        .iter()
        .map(|o| {
            criteria
                .iter()
                .map(|c| o.scores.get(c).copied().unwrap_or(0.0))
                .collect()
        })
        .collect();
    if x.iter().all(|row| *row == x[0]) {
        return None;
    }
    let directions: Vec<_> = crit.iter().map(|c| c.direction).collect();
    let preferences: Vec<Preference> = criteria
        .iter()
        .map(|c| {
            model
                .mca
                .preference
                .get(c)
                .copied()
                .unwrap_or(Preference::Usual)
        })
        .collect();
    let matrix = Matrix {
        x: &x,
        directions: &directions,
        preferences: &preferences,
    };
    let method = model.mca.method;
    let top = top_option(method, &matrix, &settled.combined)?;
    let (_, share, v) = &settled.roles[role];
    Some(
        match tipping_point(method, &matrix, v, &settled.combined, *share) {
            Some(t) => format!(
                "Als de rol ‘{role_label}’ {} procentpunt van haar gewicht naar ‘{}’ verschuift, komt ‘{}’ bovenaan in plaats van ‘{}’.",
                format::number(t.shift_points, 0),
                crit[t.criterion].name,
                options[t.new_top].name,
                options[top].name
            ),
            None => format!(
                "Hoe de rol ‘{role_label}’ haar gewicht ook verschuift: ‘{}’ blijft bovenaan.",
                options[top].name
            ),
        },
    )
}
