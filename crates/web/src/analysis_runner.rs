//! Where every analysis runs (results page, report, PDF, XLSX): off the
//! async threads, at most [`AT_ONCE`] at a time with at most [`WAITING`] in
//! line. A full line, or a wait longer than [`MAX_WAIT`], is answered with
//! 503, `Retry-After` and a Dutch page, never a hang. Identical analyses
//! in flight (the same saved revision) are computed once, and a finished
//! one is kept: a saved revision never changes, so it is never stale and
//! needs no invalidation between server processes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;
use wikken_core::case::CaseDoc;
use wikken_core::case::analysis::{Analysis, analyse};
use wikken_core::engine::EvalError;
use wikken_highs::Highs;

use crate::error::AppError;
use crate::gate::Gate;

/// Analyses computed at once (each may use a core or more).
pub const AT_ONCE: usize = 2;
/// Analyses waiting for their turn before new ones are refused.
pub const WAITING: usize = 8;
/// How long a request waits for its analysis before it is told to retry.
pub const MAX_WAIT: Duration = Duration::from_secs(30);
/// Finished analyses kept before the store starts over.
const KEPT: usize = 64;
/// The portfolio solver's time limit per solve, unless the server is
/// started with another.
pub const DEFAULT_SOLVER_TIME_LIMIT: Duration = Duration::from_secs(10);

/// A saved revision of a case version: (case id, version, revision).
pub type Key = (wikken_storage::CaseId, i64, i64);

/// What the engine said: the analysis, or why the model cannot be
/// evaluated (shared by everyone who asked).
pub type Computed = Result<Arc<Analysis>, Arc<EvalError>>;

/// Why an analysis was not computed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refused {
    /// Too many waiting already.
    Full,
    /// The computation panicked (a bug; logged).
    Broke,
}

type Slot = watch::Receiver<Option<Result<Computed, Refused>>>;

/// The runner, shared by every request of a server process.
#[derive(Debug)]
pub struct AnalysisRunner {
    gate: Arc<Gate>,
    solver: Highs,
    max_wait: Duration,
    shared: Arc<Shared>,
}

#[derive(Debug, Default)]
struct Shared {
    kept: Mutex<HashMap<Key, Arc<Analysis>>>,
    in_flight: Mutex<HashMap<Key, Slot>>,
}

impl Default for AnalysisRunner {
    fn default() -> Self {
        AnalysisRunner::new(
            AT_ONCE,
            WAITING,
            MAX_WAIT,
            Highs::with_time_limit(DEFAULT_SOLVER_TIME_LIMIT),
        )
    }
}

impl AnalysisRunner {
    /// A runner with `at_once` computations, `waiting` in line, requests
    /// waiting at most `max_wait`, and this portfolio solver.
    pub fn new(at_once: usize, waiting: usize, max_wait: Duration, solver: Highs) -> Self {
        AnalysisRunner {
            gate: Arc::new(Gate::new(at_once, waiting)),
            solver,
            max_wait,
            shared: Arc::default(),
        }
    }

    /// The analysis of `doc`, saved as `key`: kept, joined while another
    /// request computes it, or computed now.
    pub async fn analysis(&self, key: Key, doc: &CaseDoc) -> Result<Computed, AppError> {
        if let Some(a) = self.kept(&key) {
            return Ok(Ok(a));
        }
        let (doc, solver) = (doc.clone(), self.solver);
        self.get_or_compute(key, move || {
            analyse(&doc, &solver).map(Arc::new).map_err(Arc::new)
        })
        .await
    }

    fn kept(&self, key: &Key) -> Option<Arc<Analysis>> {
        self.shared
            .kept
            .lock()
            .expect("analyses lock")
            .get(key)
            .cloned()
    }

    /// What `compute` gives for `key`, computed at most once however many
    /// ask at the same time.
    async fn get_or_compute(
        &self,
        key: Key,
        compute: impl FnOnce() -> Computed + Send + 'static,
    ) -> Result<Computed, AppError> {
        let mut slot = {
            let mut in_flight = self.shared.in_flight.lock().expect("analyses lock");
            if let Some(a) = self.kept(&key) {
                return Ok(Ok(a));
            }
            match in_flight.get(&key) {
                Some(slot) => slot.clone(),
                None => {
                    let slot = self.start(key.clone(), compute);
                    in_flight.insert(key, slot.clone());
                    slot
                }
            }
        };
        let answer = tokio::time::timeout(self.max_wait, slot.wait_for(Option::is_some)).await;
        match answer {
            Ok(Ok(done)) => match done.as_ref().expect("waited for an answer") {
                Ok(computed) => Ok(computed.clone()),
                Err(Refused::Full) => Err(busy()),
                Err(Refused::Broke) => Err(AppError::Internal(
                    "de berekening van deze afweging liep vast".into(),
                )),
            },
            // The computing task ended without an answer: cannot happen
            // (it always sends), but never hang on it.
            Ok(Err(_)) => Err(busy()),
            Err(_) => Err(AppError::Unavailable {
                message: "De berekening duurt langer dan een halve minuut, omdat er nu veel tegelijk gerekend wordt. Hij loopt door: probeer het over een halve minuut opnieuw.".into(),
                retry_after: 30,
            }),
        }
    }

    /// Other blocking work on the same line (building a PDF or XLSX):
    /// the same limit, the same refusal when the line is full.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        match tokio::time::timeout(self.max_wait, self.gate.run(work)).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(_)) | Err(_) => Err(busy()),
        }
    }

    /// Runs `compute` in a task of its own, so it finishes (and is kept)
    /// even when every request that asked for it has gone.
    fn start(&self, key: Key, compute: impl FnOnce() -> Computed + Send + 'static) -> Slot {
        let (tx, rx) = watch::channel(None);
        let gate = self.gate.clone();
        let shared = self.shared.clone();
        tokio::spawn(async move {
            let ran = tokio::spawn(async move { gate.run(compute).await }).await;
            let answer = match ran {
                Ok(Ok(computed)) => Ok(computed),
                Ok(Err(_full)) => Err(Refused::Full),
                Err(e) => {
                    tracing::error!(error = %e, "analysis panicked");
                    Err(Refused::Broke)
                }
            };
            if let Ok(Ok(a)) = &answer {
                let mut kept = shared.kept.lock().expect("analyses lock");
                if kept.len() >= KEPT {
                    kept.clear();
                }
                kept.insert(key.clone(), a.clone());
            }
            shared.in_flight.lock().expect("analyses lock").remove(&key);
            let _ = tx.send(Some(answer));
        });
        rx
    }

    /// Analyses computing or waiting now.
    pub fn in_flight(&self) -> usize {
        self.shared.in_flight.lock().expect("analyses lock").len()
    }
}

fn busy() -> AppError {
    AppError::Unavailable {
        message: "Er worden nu te veel berekeningen tegelijk gedaan. Probeer het over een halve minuut opnieuw.".into(),
        retry_after: 30,
    }
}

#[cfg(test)]
#[path = "analysis_runner_tests.rs"]
mod tests;
