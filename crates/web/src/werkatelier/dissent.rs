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
    /// Per role (same order): whether it is large enough to be shown.
    pub shown: Vec<bool>,
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
    type Roles = Vec<(String, Vec<f64>, bool)>;
    let (source, roles, combined): (_, Roles, Vec<f64>) = if let Some(a) = &result.ahp {
        (
            "paarsgewijs",
            a.by_role
                .iter()
                .map(|r| (r.role.clone(), vector(&r.weights, criteria), r.shown))
                .collect(),
            vector(&a.combined, criteria),
        )
    } else if let Some(p) = &result.points {
        (
            "punten",
            p.by_role
                .iter()
                .map(|r| (r.role.clone(), vector(&r.weights, criteria), r.shown))
                .collect(),
            vector(&p.combined, criteria),
        )
    } else {
        return None;
    };
    let shown = roles.iter().map(|r| r.2).collect();
    let total: f64 = roles.iter().map(|(r, _, _)| role_weight(r)).sum();
    Some(Settled {
        source,
        shown,
        roles: roles
            .into_iter()
            .map(|(r, v, _)| {
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
    /// The role farthest (Aitchison) from the others combined, by index;
    /// `Err(())` when that role is too small to be named (anonymity).
    pub fn most_different_shown(&self) -> Option<Result<usize, ()>> {
        self.most_different()
            .map(|i| if self.shown[i] { Ok(i) } else { Err(()) })
    }

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

/// What is said when the most different role is too small to name.
pub const SMALL_ROLE: &str = "De rol die het meest afwijkt, is te klein om te noemen zonder de deelnemers herkenbaar te maken.";

/// The dissent figures as Dutch lines, for the afweging's record and the
/// report: spread, consensus, Kendall's W, the most different role and
/// what moving its weights would do.
pub fn lines(
    result: &WorkshopResult,
    setup: &wikken_core::werkatelier::live::Setup,
    doc: Option<&CaseDoc>,
) -> Vec<String> {
    let ids: Vec<String> = setup.criteria.iter().map(|c| c.id.clone()).collect();
    let label = |id: &str| {
        setup
            .criteria
            .iter()
            .find(|c| c.id == id)
            .map_or(id.to_string(), |c| c.label.clone())
    };
    let role = |id: &str| setup.role(id).map_or(id.to_string(), |r| r.label.clone());
    let consensus = |c: &Option<wikken_core::werkatelier::Consensus>| {
        c.as_ref()
            .map_or("— (minder dan 2 deelnemers)".to_string(), |c| {
                format!("{} ({})", format::number(c.s_star, 2), c.label)
            })
    };
    let mut out = Vec::new();
    if let Some(p) = &result.points {
        let parts: Vec<String> = p
            .spread
            .iter()
            .map(|(id, sd)| {
                format!(
                    "{} {}",
                    label(id),
                    sd.map_or("—".into(), |x| format::number(x, 2))
                )
            })
            .collect();
        out.push(format!(
            "Spreiding van de punten (standaardafwijking op de clr-schaal): {}.",
            parts.join("; ")
        ));
    }
    if let Some(a) = &result.ahp {
        let mut line = format!(
            "Consensus bij paarsgewijs vergelijken (S*): {}",
            consensus(&a.consensus)
        );
        for r in a.by_role.iter().filter(|r| r.shown) {
            line.push_str(&format!("; {} {}", role(&r.role), consensus(&r.consensus)));
        }
        line.push('.');
        out.push(line);
    }
    if let Some(r) = &result.ranks {
        out.push(format!(
            "Eensgezindheid over de rangorde van de opties (Kendall’s W): {} over {} deelnemers.",
            r.kendall_w.map_or("—".into(), |w| format::number(w, 2)),
            r.participants
        ));
    }
    if let Some(s) = settled(result, &ids, |r| setup.role(r).map_or(1.0, |x| x.weight))
        && let Some(found) = s.most_different_shown()
    {
        let Ok(i) = found else {
            out.push(SMALL_ROLE.to_string());
            return out;
        };
        let name = role(&s.roles[i].0);
        let mut line = format!("Meest afwijkende rol: {name}.");
        if let Some(t) = doc.and_then(|d| tipping_sentence(d, &ids, &s, i, &name)) {
            line.push(' ');
            line.push_str(&t);
        }
        out.push(line);
    }
    out
}
