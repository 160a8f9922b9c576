//! The output of `wikken doelen --format json`, exactly as the spec's
//! "Output" section of part 2.

use serde_json::{Value, json};

use super::assess::Assessment;

/// `{ "goals": [ … ] }`, the assessments in the order given, every number
/// plain (a non-finite number, which valid goals never give, is `null`).
pub fn to_output_json(assessments: &[Assessment]) -> Value {
    json!({ "goals": serde_json::to_value(assessments).expect("an assessment serialises") })
}
