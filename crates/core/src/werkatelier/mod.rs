//! The werkatelier: many people's answers (100 points, AHP, option
//! scores) combined per role and over the roles, with how far they agree.
//! Part 1 of `shared/spec/groups-and-goals-v1.md`.
//!
//! Call [`parse_answers`] on a file, or [`validate`] on [`Answers`] built
//! in code, then [`evaluate_answers`]. [`tipping_point`] (not in the spec)
//! tells how far one role's weights would have to move to change the top
//! option.
//!
//! Where the spec leaves room, this module chooses:
//! - "Combined" (points and AIP) normalises the weights of just the roles
//!   that have that kind of answer; a role with `shown: false` still counts.
//! - The most different role is compared with the other roles *with
//!   points*; of equally distant roles the first in `roles` order is taken.
//! - `spread` keeps one entry per criterion; each value is `null` with
//!   fewer than 2 participants with points.
//! - A role's consensus is S* over the individual priority vectors of that
//!   role's participants with AHP answers; AIJ within a role is unweighted.
//! - Equal option scores (for the mean ranks and the tie correction) are
//!   exactly equal numbers.
//! - An AHP answer needs at most 10 criteria (Saaty's RI is given up to 10,
//!   as in `model-v1.md`); more is reported at `answers[i].ahp`.
//! - Points are whole numbers 0 ..= 4294967295 (u32) before the sum rule;
//!   `null` for an optional answer field counts as absent, as in the model
//!   reader.

pub mod ahp_group;
pub mod compositions;
pub mod consensus;
pub mod input;
pub mod live;
pub mod points;
pub mod ranks;
pub mod read;
pub mod result;
pub mod tipping;
pub mod validate;

#[cfg(test)]
mod output_tests;
#[cfg(test)]
mod property_tests;
#[cfg(test)]
mod read_tests;

pub use input::{Answer, Answers, RoleSpec};
pub use read::{answers_from_value, parse_answers};
pub use result::{
    AhpGroupResult, Consensus, ParticipantAhp, PointsResult, RanksResult, RoleAhp, RolePoints,
    Weights, WorkshopResult,
};
pub use tipping::{Tipping, tipping_point};
pub use validate::validate;

/// Combines the answers into the spec's output. The answers must be valid
/// ([`parse_answers`] gives only valid ones; check answers built in code
/// with [`validate`] first).
pub fn evaluate_answers(a: &Answers) -> WorkshopResult {
    WorkshopResult {
        points: points::points_result(a),
        ahp: ahp_group::ahp_result(a),
        ranks: ranks_result(a),
    }
}

/// Kendall's W over the answers with option scores, the options in the
/// order of the first such answer; `None` when no answer has them.
fn ranks_result(a: &Answers) -> Option<RanksResult> {
    let with: Vec<&indexmap::IndexMap<String, f64>> = a
        .answers
        .iter()
        .filter_map(|x| x.option_scores.as_ref())
        .collect();
    let first = with.first()?;
    let scores: Vec<Vec<f64>> = with
        .iter()
        .map(|s| {
            first
                .keys()
                .map(|o| s.get(o).copied().unwrap_or(0.0))
                .collect()
        })
        .collect();
    Some(RanksResult {
        kendall_w: ranks::kendall_w(&scores),
        participants: with.len(),
    })
}

/// A role's answers of one kind: the role's index in `roles` and, in
/// answer order, each participant's id with what was picked.
pub(crate) struct RoleGroup<'a, T> {
    role: usize,
    members: Vec<(&'a str, T)>,
}

/// The roles, in `roles` order, that have at least one answer `pick`
/// takes something from.
pub(crate) fn role_groups<'a, T>(
    a: &'a Answers,
    pick: impl Fn(&'a Answer) -> Option<T>,
) -> Vec<RoleGroup<'a, T>> {
    let mut groups: Vec<RoleGroup<'a, T>> = (0..a.roles.len())
        .map(|role| RoleGroup {
            role,
            members: Vec::new(),
        })
        .collect();
    for x in &a.answers {
        if let (Some(r), Some(t)) = (a.role_index(&x.role), pick(x)) {
            groups[r].members.push((x.participant.as_str(), t));
        }
    }
    groups.retain(|g| !g.members.is_empty());
    groups
}
