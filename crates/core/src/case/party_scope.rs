//! What one party may change when it works in an afweging for itself (a
//! partner organisation in an afweging a corporation shared with it): its
//! own problems, its own weighing and its own comments — nothing of
//! another party, and nothing of the afweging as a whole (question,
//! options, effects, criteria, settings, besluit).

use super::CaseDoc;
use super::command::{CaseCommand, Refusal, WeightHolder};

/// Why a party may not give a command, in Dutch.
const ONLY_OWN: &str =
    "Als partner wijzigt u alleen de problemen, de weging en de opmerkingen van uw eigen partij.";

impl CaseDoc {
    /// Whether `party` (a participant id) may give `command` when it acts
    /// for itself: `Ok` for a change of its own problems, weighing or
    /// comments; a refusal naming the field for anything else.
    pub fn party_may(&self, party: &str, command: &CaseCommand) -> Result<(), Refusal> {
        use CaseCommand as C;
        let Some(me) = self.participant(party) else {
            return Err(Refusal::at(
                "",
                "Uw partij doet (nog) niet mee in deze afweging; vraag de corporatie u als partij toe te voegen.",
            ));
        };
        let other = |field: &str, what: &str| {
            Err(Refusal::at(
                field,
                format!(
                    "{what} is van een andere partij dan {}. {ONLY_OWN}",
                    me.name
                ),
            ))
        };
        match command {
            C::AddProblem { owner, .. } if owner != party => other("problem.owner", "Dit probleem"),
            C::AddProblem { .. } => Ok(()),
            C::RemoveProblem { id } => match self.problems.iter().find(|p| p.id == *id) {
                Some(p) if p.owner != party => other("problem", "Dit probleem"),
                // an unknown problem is refused by the command itself
                _ => Ok(()),
            },
            C::SetWeighting {
                holder: WeightHolder::Party(p),
                ..
            }
            | C::RemoveWeighting { participant: p } => {
                if p == party {
                    Ok(())
                } else {
                    other("weighting", "Deze weging")
                }
            }
            C::AddComment { party: p, .. } if p != party => {
                other("comment.party", "Deze opmerking")
            }
            C::AddComment { .. } => Ok(()),
            C::RemoveComment { id } => match self.comments.iter().find(|c| c.id == *id) {
                Some(c) if c.party != party => other("comment", "Deze opmerking"),
                _ => Ok(()),
            },
            _ => Err(Refusal::at("", ONLY_OWN)),
        }
    }

    /// [`CaseDoc::apply`] for a party acting for itself: refused unless
    /// [`CaseDoc::party_may`] allows it.
    pub fn apply_as_party(
        &mut self,
        party: &str,
        command: &CaseCommand,
    ) -> Result<String, Refusal> {
        self.party_may(party, command)?;
        self.apply(command)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::merge::Change;
    use crate::case::weights::Weighting;
    use crate::case::{CaseArea, DecisionLevel, ParticipantRole};
    use crate::model::Direction;

    /// Two parties, each with a problem, a weighing and a comment.
    fn doc() -> CaseDoc {
        let mut d = CaseDoc::new("Vraag", DecisionLevel::Wijk, CaseArea::default(), 2027);
        d.add_participant("Corporatie", ParticipantRole::Eigenaar)
            .unwrap();
        d.add_participant("Gemeente", ParticipantRole::Beslisser)
            .unwrap();
        d.add_criterion("Veiligheid", Direction::Max).unwrap();
        d.add_criterion("Leefbaarheid", Direction::Max).unwrap();
        for party in ["corporatie", "gemeente"] {
            d.add_problem(&format!("Probleem van {party}"), party)
                .unwrap();
            d.apply(&weighting(party)).unwrap();
            d.apply(&CaseCommand::AddComment {
                party: party.into(),
                author: "Iemand".into(),
                at: 1,
                text: format!("Opmerking van {party}"),
            })
            .unwrap();
        }
        d
    }

    fn weighting(party: &str) -> CaseCommand {
        let mut w = Weighting::default();
        w.values.insert("veiligheid".into(), 3.0);
        w.values.insert("leefbaarheid".into(), 1.0);
        CaseCommand::SetWeighting {
            holder: WeightHolder::Party(party.into()),
            weighting: Change::to(w),
        }
    }

    #[test]
    fn a_party_changes_its_own_problems_weighing_and_comments() {
        let mut d = doc();
        for cmd in [
            CaseCommand::AddProblem {
                text: "Te weinig licht".into(),
                owner: "gemeente".into(),
            },
            CaseCommand::RemoveProblem { id: "p2".into() },
            weighting("gemeente"),
            CaseCommand::RemoveWeighting {
                participant: "gemeente".into(),
            },
            CaseCommand::AddComment {
                party: "gemeente".into(),
                author: "Ans".into(),
                at: 2,
                text: "Eens".into(),
            },
            CaseCommand::RemoveComment { id: "c2".into() },
        ] {
            d.apply_as_party("gemeente", &cmd)
                .unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
        }
        let owners: Vec<&str> = d.problems.iter().map(|p| p.owner.as_str()).collect();
        assert_eq!(owners, ["corporatie", "gemeente"]);
        assert_eq!(d.problems[1].text, "Te weinig licht");
        assert_eq!(d.party_weights.len(), 1);
        assert_eq!(d.comments.len(), 2);
    }

    #[test]
    fn a_party_never_changes_another_partys_items() {
        let before = doc();
        let mut d = before.clone();
        for (cmd, field) in [
            (
                CaseCommand::AddProblem {
                    text: "Namens de corporatie".into(),
                    owner: "corporatie".into(),
                },
                "problem.owner",
            ),
            (CaseCommand::RemoveProblem { id: "p1".into() }, "problem"),
            (weighting("corporatie"), "weighting"),
            (
                CaseCommand::RemoveWeighting {
                    participant: "corporatie".into(),
                },
                "weighting",
            ),
            (
                CaseCommand::SetWeighting {
                    holder: WeightHolder::Shared,
                    weighting: Change::to(Weighting::default()),
                },
                "",
            ),
            (
                CaseCommand::AddComment {
                    party: "corporatie".into(),
                    author: "Ans".into(),
                    at: 2,
                    text: "Namens de corporatie".into(),
                },
                "comment.party",
            ),
            (CaseCommand::RemoveComment { id: "c1".into() }, "comment"),
            (
                CaseCommand::AddParticipant {
                    name: "Politie".into(),
                    role: ParticipantRole::Adviseur,
                },
                "",
            ),
            (
                CaseCommand::RemoveCriterion {
                    id: "veiligheid".into(),
                },
                "",
            ),
        ] {
            let e = d.apply_as_party("gemeente", &cmd).unwrap_err();
            assert_eq!(e.objections[0].field, field, "{cmd:?}");
            assert!(e.objections[0].message.contains("eigen partij"), "{e}");
        }
        assert_eq!(d, before, "nothing changed");
    }

    #[test]
    fn a_party_that_left_the_afweging_changes_nothing() {
        let mut d = doc();
        let e = d
            .apply_as_party(
                "politie",
                &CaseCommand::AddProblem {
                    text: "Overlast".into(),
                    owner: "politie".into(),
                },
            )
            .unwrap_err();
        assert!(
            e.objections[0].message.contains("doet (nog) niet mee"),
            "{e}"
        );
    }

    #[test]
    fn a_decided_afweging_refuses_its_parties_too() {
        let mut d = doc();
        d.decision = Some(crate::case::Decision {
            chosen: Vec::new(),
            rationale: "Klaar".into(),
            dissent: String::new(),
            conditions: String::new(),
            decided_by: "Bestuur".into(),
            decided_at: 1,
        });
        let e = d
            .apply_as_party("gemeente", &weighting("gemeente"))
            .unwrap_err();
        assert!(e.objections[0].message.contains("vastgelegd"), "{e}");
    }
}
