//! "Afspraak nagekomen?": per party, how its actions stand. This light is
//! about what parties do (output); "doel op koers?" is about the goals'
//! indicators (outcome). The two are never merged.

use super::{Action, ActionStatus, Agreement};

/// How one action stands in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CommitmentStatus {
    /// Done.
    Done,
    /// Under way in its year, or planned for a later year.
    OnSchedule,
    /// Its year has come and it has not started.
    NotStarted,
    /// Its year is over and it is not done.
    Late,
    /// Stopped on purpose, with a reason.
    Dropped,
}

impl CommitmentStatus {
    /// The Dutch label.
    pub fn label(self) -> &'static str {
        match self {
            CommitmentStatus::Done => "gereed",
            CommitmentStatus::OnSchedule => "volgens planning",
            CommitmentStatus::NotStarted => "niet gestart",
            CommitmentStatus::Late => "te laat",
            CommitmentStatus::Dropped => "geschrapt",
        }
    }

    /// How `action` stands in `this_year`.
    pub fn of(action: &Action, this_year: i32) -> CommitmentStatus {
        match action.status.status {
            ActionStatus::Gereed => CommitmentStatus::Done,
            ActionStatus::Geschrapt => CommitmentStatus::Dropped,
            _ if action.year < this_year => CommitmentStatus::Late,
            ActionStatus::NietGestart if action.year == this_year => CommitmentStatus::NotStarted,
            _ => CommitmentStatus::OnSchedule,
        }
    }
}

/// One party's commitments.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyCommitments {
    /// The party.
    pub party: String,
    /// Its actions (as kartrekker or partner) with their status.
    pub actions: Vec<(String, CommitmentStatus)>,
    /// Its budget over all its actions, in euros.
    pub budget: f64,
}

impl PartyCommitments {
    /// How many actions have `status`.
    pub fn count(&self, status: CommitmentStatus) -> usize {
        self.actions.iter().filter(|(_, s)| *s == status).count()
    }

    /// "Afspraak nagekomen?": `true` when nothing is late.
    pub fn kept(&self) -> bool {
        self.count(CommitmentStatus::Late) == 0
    }
}

/// Every party's commitments in `this_year`, in party order.
pub fn commitments(agreement: &Agreement, this_year: i32) -> Vec<PartyCommitments> {
    agreement
        .parties
        .iter()
        .map(|p| {
            let mine: Vec<&Action> = agreement
                .actions
                .iter()
                .filter(|a| a.lead == p.name || a.roles.iter().any(|r| r.party == p.name))
                .collect();
            PartyCommitments {
                party: p.name.clone(),
                actions: mine
                    .iter()
                    .map(|a| (a.id.clone(), CommitmentStatus::of(a, this_year)))
                    .collect(),
                budget: mine
                    .iter()
                    .flat_map(|a| a.roles.iter().filter(|r| r.party == p.name))
                    .map(|r| r.budget)
                    .sum(),
            }
        })
        .collect()
}
