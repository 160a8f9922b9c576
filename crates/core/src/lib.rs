//! Wikken's core: the afwegingsmodel, its validation, and the calculation
//! engine (MKBA, SROI adjustments, MCA, AHP, Monte Carlo, tornado,
//! portfolio problem). Pure: no files, no network, no database.

pub mod agreement;
pub mod case;
pub mod engine;
pub mod format;
pub mod goals;
pub mod horizon;
pub mod input_error;
pub mod limits;
pub mod model;
pub mod password;
pub mod reader;
pub mod report;
pub mod signal;
pub mod synthetic;
pub mod validate;
pub mod werkatelier;

pub use engine::{EvalError, evaluate};
pub use input_error::{InputError, InputErrors};
pub use model::Model;
pub use reader::parse_model;
pub use report::Report;

/// The JSON Schema of the model file, generated from the Rust types.
pub fn model_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Model)).expect("a schema serialises")
}
