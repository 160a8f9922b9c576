//! The live werkatelier: its set-up, its rounds and their life, and the
//! answers participants give from their phones. The maths that combines
//! the answers is in the parent module; this is what the web app and the
//! storage need to run a session.

pub mod answer;
pub mod collect;
pub mod limits;
pub mod round;
pub mod setup;

pub use answer::{AnswerBody, PinInput, parse_answer, parse_pin, parse_reason};
pub use round::{Revision, Round, RoundAction, RoundState};
pub use setup::{Item, Setup, Subject, WorkshopRole};
