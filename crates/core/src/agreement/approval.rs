//! Who must approve a version of the afspraken, and whether they all have.
//! An approval holds for the terms as they were approved: a change to the
//! terms afterwards voids the approvals given so far.

use serde::{Deserialize, Serialize};

use super::Agreement;

/// One party's approval of a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// The party approving.
    pub party: String,
    /// The person who approved.
    pub by: String,
    /// When (Unix seconds).
    pub at: i64,
    /// The terms' revision they approved.
    pub terms_revision: u32,
}

/// Where a version stands with its approvals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalState {
    /// Approvals that hold for the current terms, in signatory order.
    pub approved: Vec<Approval>,
    /// Signatories that have not approved the current terms.
    pub missing: Vec<String>,
}

impl ApprovalState {
    /// Every signatory approved the current terms: the version is agreed.
    pub fn complete(&self) -> bool {
        self.missing.is_empty() && !self.approved.is_empty()
    }
}

/// The state of `approvals` for the afspraken as they are now.
pub fn approval_state(agreement: &Agreement, approvals: &[Approval]) -> ApprovalState {
    let mut approved = Vec::new();
    let mut missing = Vec::new();
    for party in agreement.signatories() {
        match approvals
            .iter()
            .find(|a| a.party == party.name && a.terms_revision == agreement.terms_revision)
        {
            Some(a) => approved.push(a.clone()),
            None => missing.push(party.name.clone()),
        }
    }
    ApprovalState { approved, missing }
}

impl Agreement {
    /// Why `party` cannot approve these terms now, if it cannot.
    pub fn approval_refusal(&self, party: &str, approvals: &[Approval]) -> Option<String> {
        let Some(p) = self.party(party) else {
            return Some(format!("{party} is geen partij bij deze afspraken."));
        };
        if !p.signs {
            return Some(format!("{party} ondertekent deze afspraken niet."));
        }
        if self.goals.is_empty() {
            return Some(
                "Er zijn nog geen doelen: afspraken zonder doel zijn niet te toetsen.".into(),
            );
        }
        if approvals
            .iter()
            .any(|a| a.party == party && a.terms_revision == self.terms_revision)
        {
            return Some(format!("{party} heeft deze versie al goedgekeurd."));
        }
        None
    }
}
