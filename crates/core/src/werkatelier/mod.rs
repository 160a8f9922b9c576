//! The werkatelier (placeholder until the maths lands).
pub mod live;
