//! What the tests of several crates share: the databases to run on (one
//! test case per backend), the real server on a random port, a
//! browser-like HTTP client, the app in process (`oneshot`), an HTML
//! reader for forms and page outlines, a real browser, and an afweging
//! walked through its steps.

pub mod agreements;
pub mod backend;
pub mod browser;
pub mod case_steps;
pub mod client;
pub mod html;
pub mod in_process;
pub mod server;

pub use agreements::agreement_statuses;
pub use backend::{Backend, database_url, sqlite_url};
pub use client::{Browser, csrf_in, temporary_password_in};
pub use in_process::{Answer, InProcess, Visitor};
pub use server::*;
