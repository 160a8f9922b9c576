//! The voorstel voor kostenverdeling (`CostSharing`): who could contribute
//! what to one option's costs, by a rule the afweging states and the user
//! chooses. The rule, in order:
//!
//! 1. Only the parties that pay along ([`CostSharingRule::pays`]) get a
//!    bill. By default that is everyone except those who cannot pay:
//!    huurders, buurtbewoners (`omwonenden`) and the maatschappij
//!    ([`SOCIETY`], social values nobody holds as cash).
//! 2. The option's costs (present values) are shared among them in
//!    proportion to their benefits in that option.
//! 3. When [`CostSharingRule::cap_at_gains`] holds (the default), no payer
//!    is asked more than it gains: at most the sum of the payers' benefits
//!    is shared. Since every payer pays the same fraction of its benefits,
//!    the cap binds for all of them at once.
//! 4. What cannot be shared that way (the remainder) stays with the
//!    parties that carry the costs now, in proportion to their own costs:
//!    nobody's bill grows by the remainder beyond the costs it already
//!    bears.
//!
//! The contributions always add up to the option's costs. Pure arithmetic:
//! no I/O, no wording (the pages state the rule in Dutch).

use serde::{Deserialize, Serialize};

use super::catalogue::SOCIETY;

/// The actors who by default get no bill: huurders and buurtbewoners
/// cannot pay for an investment, the maatschappij holds values nobody has
/// as cash (CO2, health).
pub const NON_PAYERS: [&str; 3] = ["huurders", "omwonenden", SOCIETY];

/// The user's choices for the cost-sharing proposal of an afweging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostSharingRule {
    /// The actor ids that get no bill (their own costs aside, see the
    /// module's rule 4); every other actor pays along.
    #[serde(default = "default_non_payers")]
    pub non_payers: Vec<String>,
    /// Whether no payer is asked more than its benefits in the option.
    #[serde(default = "yes")]
    pub cap_at_gains: bool,
}

fn default_non_payers() -> Vec<String> {
    NON_PAYERS.iter().map(|s| s.to_string()).collect()
}

fn yes() -> bool {
    true
}

impl Default for CostSharingRule {
    /// Everyone pays along except [`NON_PAYERS`]; capped at gains.
    fn default() -> Self {
        CostSharingRule {
            non_payers: default_non_payers(),
            cap_at_gains: true,
        }
    }
}

impl CostSharingRule {
    /// Whether this is the default rule (then it is not stored).
    pub fn is_default(&self) -> bool {
        *self == CostSharingRule::default()
    }

    /// Whether actor `id` pays along.
    pub fn pays(&self, id: &str) -> bool {
        !self.non_payers.iter().any(|n| n == id)
    }
}

/// One party's present values in one option.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Party {
    /// PV of its costs (≥ 0).
    pub costs: f64,
    /// PV of its benefits (≥ 0).
    pub benefits: f64,
    /// Whether it pays along.
    pub pays: bool,
}

/// The proposal for one option: a contribution per party, in the order of
/// the parties given.
#[derive(Debug, Clone, PartialEq)]
pub struct CostSharing {
    /// Per party: what it is proposed to contribute (adds up to the costs).
    pub contributions: Vec<f64>,
    /// Per party: the part of its contribution that is the remainder it
    /// keeps as a cost bearer (rule 4).
    pub kept: Vec<f64>,
    /// The costs shared among the payers by their benefits.
    pub shared: f64,
    /// The costs that could not be shared and stay with the cost bearers.
    pub remainder: f64,
}

/// Shares one option's costs among `parties` by the module's rule, with
/// or without the cap at gains.
pub fn share(parties: &[Party], cap_at_gains: bool) -> CostSharing {
    let costs: f64 = parties.iter().map(|p| p.costs).sum();
    let payers_benefits: f64 = parties.iter().filter(|p| p.pays).map(|p| p.benefits).sum();
    // Nothing to share by when the payers gain nothing.
    let shared = if payers_benefits > 0.0 {
        if cap_at_gains {
            costs.min(payers_benefits)
        } else {
            costs
        }
    } else {
        0.0
    };
    let remainder = (costs - shared).max(0.0);
    let kept: Vec<f64> = parties
        .iter()
        .map(|p| {
            if remainder > 0.0 && costs > 0.0 {
                remainder * p.costs / costs
            } else {
                0.0
            }
        })
        .collect();
    let contributions = parties
        .iter()
        .zip(&kept)
        .map(|(p, k)| {
            let by_benefit = if p.pays && payers_benefits > 0.0 {
                shared * p.benefits / payers_benefits
            } else {
                0.0
            };
            by_benefit + k
        })
        .collect();
    CostSharing {
        contributions,
        kept,
        shared,
        remainder,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9 * b.abs().max(1.0), "{a} vs {b}");
    }

    fn party(costs: f64, benefits: f64, pays: bool) -> Party {
        Party {
            costs,
            benefits,
            pays,
        }
    }

    #[test]
    fn the_default_rule_spares_those_who_cannot_pay_and_is_not_stored() {
        let r = CostSharingRule::default();
        assert!(r.is_default() && r.cap_at_gains);
        for id in ["huurders", "omwonenden", "maatschappij"] {
            assert!(!r.pays(id), "{id}");
        }
        for id in ["corporatie", "gemeente", "rijk", "zorgverzekeraar"] {
            assert!(r.pays(id), "{id}");
        }
        let old: CostSharingRule = serde_json::from_str("{}").unwrap();
        assert_eq!(
            old, r,
            "a stored document without the rule reads as the default"
        );
    }

    #[test]
    fn a_renovation_is_not_billed_to_the_tenants() {
        // Costs 1.000 (corporatie). Benefits: gemeente 100, zorgverzekeraar
        // 300, huurders 5.000 (do not pay).
        // Payers' benefits 100 + 300 = 400 < 1.000: capped, 400 is shared:
        //   gemeente 400 × 100/400 = 100, zorgverzekeraar 400 × 300/400 = 300.
        // Remainder 1.000 − 400 = 600 stays with the corporatie (all costs).
        let parties = [
            party(1000.0, 0.0, true),
            party(0.0, 100.0, true),
            party(0.0, 300.0, true),
            party(0.0, 5000.0, false),
        ];
        let s = share(&parties, true);
        close(s.shared, 400.0);
        close(s.remainder, 600.0);
        let want = [600.0, 100.0, 300.0, 0.0];
        for (got, want) in s.contributions.iter().zip(want) {
            close(*got, want);
        }
        close(s.kept[0], 600.0);
        // Without the cap the payers carry all of it, by their benefits:
        //   corporatie 0, gemeente 1.000 × 100/400 = 250, zorg 750.
        let s = share(&parties, false);
        close(s.remainder, 0.0);
        let want = [0.0, 250.0, 750.0, 0.0];
        for (got, want) in s.contributions.iter().zip(want) {
            close(*got, want);
        }
    }

    #[test]
    fn a_non_payer_keeps_at_most_its_own_costs_and_no_benefits_means_no_sharing() {
        // Huurders carry 200 of 1.000 costs themselves; nobody who pays
        // gains: the whole 1.000 stays where it is.
        let parties = [party(800.0, 0.0, true), party(200.0, 900.0, false)];
        let s = share(&parties, true);
        close(s.shared, 0.0);
        close(s.contributions[0], 800.0);
        close(s.contributions[1], 200.0);
        // Without costs nobody contributes.
        let s = share(&[party(0.0, 50.0, true)], true);
        assert_eq!(s.contributions, [0.0]);
    }
}
