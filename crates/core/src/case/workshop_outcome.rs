//! What a werkatelier brings into the afweging when it closes, as one
//! change in its history: a weight set per role (only roles large enough
//! to be shown on their own) and one combined, the problems made of pins
//! with who raised them per role, and how often each option was picked in
//! the voorselectie. The results then show the werkatelier's weightings
//! beside the parties' own.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::command::Refusal;
use super::{CaseDoc, Criterion};
use crate::limits;

/// One weight set from a werkatelier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopWeighting {
    /// How the results name it: "Werkatelier 4 december: Huurders".
    pub holder: String,
    /// The role id, or `None` for the roles combined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// How many participants it rests on.
    pub participants: u32,
    /// Per criterion id: its weight (summing to 1).
    pub weights: IndexMap<String, f64>,
}

/// A problem made of pins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopProblem {
    /// The problem in words.
    pub text: String,
    /// The party (participant id of the afweging) that owns it.
    pub owner: String,
    /// Per role label: how many pins raised it.
    pub raised_by: IndexMap<String, u32>,
}

/// A werkatelier's outcome, as taken into the afweging.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopOutcome {
    /// The werkatelier's id.
    pub workshop: String,
    /// Its title.
    pub title: String,
    /// When it closed (Unix seconds).
    pub held_at: i64,
    /// How many took part.
    pub participants: u32,
    /// How the weights were asked: "paarsgewijs vergelijken" or "100 punten".
    pub method: String,
    /// The weight sets: per shown role, then the combined one.
    #[serde(default)]
    pub weightings: Vec<WorkshopWeighting>,
    /// The problems made of pins (taken into the afweging's problems).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<WorkshopProblem>,
    /// Per option id: how many picked it in the voorselectie.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub picks: IndexMap<String, u32>,
    /// Participants per role label.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub roles: IndexMap<String, u32>,
    /// How far they agreed, in Dutch lines as the big screen said it
    /// (spread, consensus S*, Kendall's W, the most different role).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dissent: Vec<String>,
}

impl WorkshopWeighting {
    /// Its weights in the order of `criteria`, when it has a weight for
    /// each of them (a criterion added after the werkatelier has none:
    /// then the weighting is left out of the results, not guessed).
    pub fn weights_for(&self, criteria: &[Criterion]) -> Option<Vec<f64>> {
        let w: Vec<f64> = criteria
            .iter()
            .map(|c| self.weights.get(&c.id).copied())
            .collect::<Option<_>>()?;
        let sum: f64 = w.iter().sum();
        (sum > 0.0 && w.iter().all(|x| x.is_finite() && *x >= 0.0))
            .then(|| w.iter().map(|x| x / sum).collect())
    }
}

impl CaseDoc {
    /// Every werkatelier weighting, in the order taken in.
    pub fn workshop_weightings(&self) -> impl Iterator<Item = &WorkshopWeighting> {
        self.workshops.iter().flat_map(|w| w.weightings.iter())
    }

    /// The werkatelier weightings the results cannot show, because the
    /// criteria changed since: their holders.
    pub fn stale_workshop_weightings(&self) -> Vec<&str> {
        self.workshop_weightings()
            .filter(|w| w.weights_for(&self.criteria).is_none())
            .map(|w| w.holder.as_str())
            .collect()
    }

    /// How often each option was picked over all werkateliers.
    pub fn workshop_picks(&self) -> IndexMap<String, u32> {
        let mut out = IndexMap::new();
        for w in &self.workshops {
            for (o, n) in &w.picks {
                *out.entry(o.clone()).or_insert(0) += n;
            }
        }
        out
    }

    pub(super) fn take_workshop(&mut self, outcome: &WorkshopOutcome) -> Result<String, Refusal> {
        if self
            .workshops
            .iter()
            .any(|w| w.workshop == outcome.workshop)
        {
            return Err(Refusal::at(
                "",
                "De uitkomst van dit werkatelier staat al in de afweging.",
            ));
        }
        let sets = self.party_weights.len() + self.workshop_weightings().count();
        if sets + outcome.weightings.len() > limits::WEIGHT_SETS.max {
            return Err(Refusal::at(
                "",
                format!(
                    "Dit past niet binnen de grenzen van Wikken: ten hoogste {} wegingen.",
                    limits::WEIGHT_SETS.max
                ),
            ));
        }
        let mut added = 0;
        for p in &outcome.problems {
            let id = self
                .add_problem(&p.text, &p.owner)
                .map_err(|e| Refusal::at("problems", format!("{}: {}", p.text, e.message)))?;
            if let Some(pr) = self.problems.iter_mut().find(|x| x.id == id) {
                pr.raised_by = p.raised_by.clone();
            }
            added += 1;
        }
        let mut kept = outcome.clone();
        kept.picks
            .retain(|o, _| self.options.iter().any(|x| x.spec.id == *o));
        let weightings = kept.weightings.len();
        let picked: u32 = kept.picks.values().sum();
        self.workshops.push(kept);
        let mut parts = vec![format!(
            "{weightings} {}",
            if weightings == 1 {
                "weging"
            } else {
                "wegingen"
            }
        )];
        if added > 0 {
            parts.push(format!(
                "{added} {}",
                if added == 1 { "probleem" } else { "problemen" }
            ));
        }
        if picked > 0 {
            parts.push("de voorselectie".to_string());
        }
        Ok(format!(
            "Werkatelier ‘{}’ overgenomen ({} deelnemers): {}",
            outcome.title,
            outcome.participants,
            parts.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::command::CaseCommand;
    use crate::case::{CaseArea, DecisionLevel, ParticipantRole};
    use crate::model::Direction;

    fn doc() -> CaseDoc {
        let mut d = CaseDoc::new("Vraag", DecisionLevel::Wijk, CaseArea::default(), 2026);
        d.add_participant("Gemeente", ParticipantRole::Beslisser)
            .unwrap();
        d.add_criterion("Leefbaarheid", Direction::Max).unwrap();
        d.add_criterion("Betaalbaarheid", Direction::Max).unwrap();
        d
    }

    fn outcome(d: &CaseDoc) -> WorkshopOutcome {
        let ids: Vec<String> = d.criteria.iter().map(|c| c.id.clone()).collect();
        WorkshopOutcome {
            workshop: "w1".into(),
            title: "Werkatelier".into(),
            held_at: 0,
            participants: 7,
            method: "100 punten".into(),
            weightings: vec![WorkshopWeighting {
                holder: "Werkatelier: gecombineerd".into(),
                role: None,
                participants: 7,
                weights: [(ids[0].clone(), 0.75), (ids[1].clone(), 0.25)]
                    .into_iter()
                    .collect(),
            }],
            problems: vec![WorkshopProblem {
                text: "Donker pad".into(),
                owner: d.participants[0].id.clone(),
                raised_by: [("Huurders".to_string(), 3)].into_iter().collect(),
            }],
            picks: [("onbekend".to_string(), 2)].into_iter().collect(),
            roles: IndexMap::new(),
            dissent: Vec::new(),
        }
    }

    #[test]
    fn the_outcome_is_one_change_and_only_once() {
        let mut d = doc();
        let o = outcome(&d);
        let line = d
            .apply(&CaseCommand::TakeWorkshop { outcome: o.clone() })
            .unwrap();
        assert!(line.contains("1 weging, 1 probleem"), "{line}");
        assert_eq!(d.problems[0].raised_by["Huurders"], 3);
        assert!(
            d.workshop_picks().is_empty(),
            "picks of unknown options are dropped"
        );
        let model = d.to_model();
        let set = model
            .weight_sets
            .iter()
            .find(|s| s.stakeholder == "Werkatelier: gecombineerd")
            .unwrap();
        assert_eq!(
            set.weights.values().copied().collect::<Vec<_>>(),
            [0.75, 0.25]
        );
        assert!(d.apply(&CaseCommand::TakeWorkshop { outcome: o }).is_err());
    }

    #[test]
    fn a_problem_without_a_known_owner_refuses_the_whole_outcome() {
        let mut d = doc();
        let mut o = outcome(&d);
        o.problems[0].owner = "niemand".into();
        let before = d.clone();
        assert!(d.apply(&CaseCommand::TakeWorkshop { outcome: o }).is_err());
        assert_eq!(d, before);
    }

    #[test]
    fn a_weighting_is_left_out_when_the_criteria_changed() {
        let mut d = doc();
        d.apply(&CaseCommand::TakeWorkshop {
            outcome: outcome(&d),
        })
        .unwrap();
        d.add_criterion("Duurzaamheid", Direction::Max).unwrap();
        assert_eq!(d.stale_workshop_weightings(), ["Werkatelier: gecombineerd"]);
        assert!(
            d.to_model()
                .weight_sets
                .iter()
                .all(|s| s.stakeholder != "Werkatelier: gecombineerd")
        );
    }
}
