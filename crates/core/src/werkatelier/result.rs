//! What a werkatelier's answers come to: the output of part 1 of
//! `groups-and-goals-v1.md`, serialised exactly as the spec writes it.

use indexmap::IndexMap;
use serde::Serialize;

pub use super::consensus::Consensus;
pub use super::ranks::RanksResult;

/// Weights keyed by criterion id, in the order of `criteria`.
pub type Weights = IndexMap<String, f64>;

/// The whole output. Each part is present only when some answer has that
/// kind of answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkshopResult {
    /// From the 100-point answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<PointsResult>,
    /// From the AHP answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ahp: Option<AhpGroupResult>,
    /// From the option scores.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranks: Option<RanksResult>,
}

/// The 100-point answers combined.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointsResult {
    /// Per role with points, in `roles` order: the normalised geometric mean.
    pub by_role: Vec<RolePoints>,
    /// The weighted arithmetic mean of the role vectors.
    pub combined: Weights,
    /// Per criterion, the sample SD of the clr over all participants with
    /// points; each value `null` with fewer than 2 such participants.
    pub spread: IndexMap<String, Option<f64>>,
    /// The role farthest (Aitchison) from the other roles combined; `null`
    /// with fewer than 2 roles with points.
    pub most_different_role: Option<String>,
}

/// One role's points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RolePoints {
    /// The role id.
    pub role: String,
    /// Its participants with points.
    pub n: usize,
    /// Whether `n` ≥ `min_role_size` (the app hides the role's own figures otherwise).
    pub shown: bool,
    /// The role's weights.
    pub weights: Weights,
}

/// The AHP answers combined.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AhpGroupResult {
    /// Each participant's own priority vector, in answer order.
    pub participants: Vec<ParticipantAhp>,
    /// Per role with AHP answers, in `roles` order: AIJ.
    pub by_role: Vec<RoleAhp>,
    /// AIP: the weighted arithmetic mean of the role vectors.
    pub combined: Weights,
    /// S* over all participants with AHP answers; `null` for fewer than 2.
    pub consensus: Option<Consensus>,
}

/// One participant's AHP outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParticipantAhp {
    /// The participant id.
    pub participant: String,
    /// The principal eigenvector, normalised to sum 1.
    pub weights: Weights,
    /// The consistency ratio (0 for n ≤ 2).
    pub cr: f64,
}

/// One role's AHP outcome (AIJ: from the geometric mean of its matrices).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleAhp {
    /// The role id.
    pub role: String,
    /// Its participants with AHP answers.
    pub n: usize,
    /// Whether `n` ≥ `min_role_size`.
    pub shown: bool,
    /// The priority vector of the combined matrix.
    pub weights: Weights,
    /// The principal eigenvalue of the combined matrix.
    pub lambda_max: f64,
    /// The consistency ratio of the combined matrix.
    pub cr: f64,
    /// S* over the role's participants with AHP answers; `null` for fewer than 2.
    pub consensus: Option<Consensus>,
}

/// `values` keyed by the criteria, in their order.
pub fn keyed(criteria: &[String], values: &[f64]) -> Weights {
    criteria
        .iter()
        .cloned()
        .zip(values.iter().copied())
        .collect()
}
