//! A werkatelier's answers as typed data (`groups-and-goals-v1.md`, part 1).
//! Serialising an [`Answers`] gives a file that [`super::parse_answers`]
//! reads back as the same value: absent optional fields are left out, and
//! maps keep their order.

use indexmap::IndexMap;
use serde::Serialize;

/// The default of `min_role_size`: a role's own figures are shown from 3
/// participants on.
pub const DEFAULT_MIN_ROLE_SIZE: u64 = 3;

/// The default weight of a role.
pub const DEFAULT_ROLE_WEIGHT: f64 = 1.0;

/// Everything a werkatelier asked and everybody's answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answers {
    /// The criteria ids, in the order every answer's AHP matrix uses.
    pub criteria: Vec<String>,
    /// The roles participants answer in, with their weight in the combination.
    pub roles: Vec<RoleSpec>,
    /// A role with fewer participants than this has its own figures hidden.
    pub min_role_size: u64,
    /// One answer per participant.
    pub answers: Vec<Answer>,
}

/// A role (e.g. gemeente, huurders) and its weight in the combined figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleSpec {
    /// The role's id, named by each answer's `role`.
    pub id: String,
    /// Its weight (> 0) when the roles' vectors are combined.
    pub weight: f64,
}

/// One participant's answers; each kind of answer is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Answer {
    /// The participant's id, distinct over the answers.
    pub participant: String,
    /// The id of the role the participant answers in.
    pub role: String,
    /// 100 points over the criteria (a whole number for every criterion).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<IndexMap<String, u32>>,
    /// An AHP pairwise-comparison matrix in the order of `criteria`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ahp: Option<Vec<Vec<f64>>>,
    /// A score per option id (higher is better), for the option ranks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option_scores: Option<IndexMap<String, f64>>,
}

impl Answers {
    /// The index of a role id in `roles`.
    pub fn role_index(&self, id: &str) -> Option<usize> {
        self.roles.iter().position(|r| r.id == id)
    }
}
