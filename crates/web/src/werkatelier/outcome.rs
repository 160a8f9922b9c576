//! What a werkatelier's session comes to, for the afweging: its weight
//! sets (from the pairwise round or the 100 points, whichever more
//! participants answered, the pairwise round on a tie; a role
//! only when it is large enough to be shown on its own), the problems made
//! of pins with who raised them, and the voorselectie.

use indexmap::IndexMap;
use wikken_core::case::workshop_outcome::WorkshopProblem;
use wikken_core::case::{WorkshopOutcome, WorkshopWeighting};
use wikken_core::werkatelier::Weights;
use wikken_core::werkatelier::live::Round;

use super::session::{Outcome, Session};
use crate::AppState;
use crate::error::AppError;

/// The weight sets of an outcome: `(holder, role, n, weights)`, the shown
/// roles first, then the roles combined; and how they were asked.
pub fn weight_sets(session: &Session, outcome: &Outcome) -> (String, Vec<WorkshopWeighting>) {
    let title = &session.workshop.title;
    let Some(result) = &outcome.result else {
        return (String::new(), Vec::new());
    };
    let mut sets = Vec::new();
    let mut push = |role: Option<&str>, n: usize, weights: &Weights| {
        let holder = match role {
            Some(r) => format!("{title}: {} (n = {n})", session.role_label(r)),
            None => format!("{title}: samen (n = {n})"),
        };
        sets.push(WorkshopWeighting {
            holder,
            role: role.map(str::to_string),
            participants: n as u32,
            weights: weights.clone(),
        });
    };
    // The method more participants answered (AHP on a tie: it says more).
    let points_n: usize = result
        .points
        .as_ref()
        .map_or(0, |p| p.by_role.iter().map(|r| r.n).sum());
    let ahp_n = result.ahp.as_ref().map_or(0, |a| a.participants.len());
    let method;
    if let Some(ahp) = result
        .ahp
        .as_ref()
        .filter(|_| session.workshop.setup.has(Round::Paarsgewijs) && ahp_n >= points_n)
    {
        method = "paarsgewijs vergelijken (AHP)".to_string();
        for r in ahp.by_role.iter().filter(|r| r.shown) {
            push(Some(&r.role), r.n, &r.weights);
        }
        push(None, ahp.participants.len(), &ahp.combined);
    } else if let Some(points) = &result.points {
        method = "100 punten".to_string();
        for r in points.by_role.iter().filter(|r| r.shown) {
            push(Some(&r.role), r.n, &r.weights);
        }
        let n = points.by_role.iter().map(|r| r.n).sum();
        push(None, n, &points.combined);
    } else {
        method = String::new();
    }
    (method, sets)
}

/// The outcome as it goes into the afweging. `all`: count every round
/// (when closing), not only the shown ones.
pub async fn case_outcome(
    _app: &AppState,
    session: &Session,
    doc: Option<&wikken_core::case::CaseDoc>,
    all: bool,
) -> Result<WorkshopOutcome, AppError> {
    let fresh;
    let outcome = if all {
        fresh = session.outcome_of_all();
        &fresh
    } else {
        &session.outcome
    };
    let (method, weightings) = weight_sets(session, outcome);
    let problems = session
        .problems
        .iter()
        .map(|p| {
            let mut raised_by: IndexMap<String, u32> = IndexMap::new();
            for pin in session
                .pins
                .iter()
                .filter(|pin| pin.merged_into.as_deref() == Some(p.id.as_str()))
            {
                *raised_by.entry(session.role_label(&pin.role)).or_insert(0) += 1;
            }
            WorkshopProblem {
                text: p.text.clone(),
                owner: p.owner.clone(),
                raised_by,
            }
        })
        .collect();
    let picks = outcome
        .picks
        .iter()
        .filter(|p| p.total > 0)
        .map(|p| (p.option.clone(), p.total as u32))
        .collect();
    Ok(WorkshopOutcome {
        workshop: session.workshop.id.to_string(),
        title: session.workshop.title.clone(),
        held_at: crate::auth::unix_now(),
        participants: session.participants.len() as u32,
        method,
        weightings,
        problems,
        picks,
        roles: session
            .workshop
            .setup
            .roles
            .iter()
            .map(|r| {
                let n = session
                    .participants
                    .iter()
                    .filter(|p| p.role == r.id)
                    .count();
                (r.label.clone(), n as u32)
            })
            .filter(|(_, n)| *n > 0)
            .collect(),
        dissent: outcome
            .result
            .as_ref()
            .map(|r| super::dissent::lines(r, &session.workshop.setup, doc))
            .unwrap_or_default(),
    })
}
