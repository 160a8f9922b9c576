//! The rounds of a werkatelier and the life of each: waiting, open (answers
//! blind), revealed (everyone sees the outcome; one revision with a reason)
//! and closed.

use serde::{Deserialize, Serialize};

/// A kind of round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Round {
    /// Spelden prikken: pins on the area's map, with a problem category.
    Spelden,
    /// 100 punten over the criteria.
    Punten,
    /// Paarsgewijs vergelijken (AHP) of the criteria.
    Paarsgewijs,
    /// Each option scored on each criterion.
    Scores,
    /// Voorselectie: the options that matter most.
    Voorselectie,
}

impl Round {
    /// Every round, in the order a werkatelier usually runs them.
    pub const ALL: [Round; 5] = [
        Round::Spelden,
        Round::Punten,
        Round::Paarsgewijs,
        Round::Scores,
        Round::Voorselectie,
    ];

    /// The stored name, also the path segment.
    pub fn as_str(self) -> &'static str {
        match self {
            Round::Spelden => "spelden",
            Round::Punten => "punten",
            Round::Paarsgewijs => "paarsgewijs",
            Round::Scores => "scores",
            Round::Voorselectie => "voorselectie",
        }
    }

    /// The Dutch name.
    pub fn label(self) -> &'static str {
        match self {
            Round::Spelden => "Spelden prikken",
            Round::Punten => "100 punten verdelen",
            Round::Paarsgewijs => "Paarsgewijs vergelijken",
            Round::Scores => "Opties scoren",
            Round::Voorselectie => "Voorselectie",
        }
    }

    /// What a participant is asked, in one sentence.
    pub fn prompt(self) -> &'static str {
        match self {
            Round::Spelden => {
                "Tik op de kaart waar je een probleem ziet, kies wat voor probleem het is en zeg het in een paar woorden."
            }
            Round::Punten => {
                "Verdeel 100 punten over de criteria: hoe belangrijker, hoe meer punten."
            }
            Round::Paarsgewijs => {
                "Vergelijk de criteria twee aan twee: welke weegt zwaarder, en hoeveel?"
            }
            Round::Scores => {
                "Geef elke optie per criterium een cijfer van 0 (slecht) tot 10 (uitstekend)."
            }
            Round::Voorselectie => "Kies de opties die er voor jou het meest toe doen.",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Round> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether answers stay hidden until the facilitator reveals them.
    /// Pins are seen at once: people react to each other's pins.
    pub fn is_blind(self) -> bool {
        self != Round::Spelden
    }
}

/// Where a round is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoundState {
    /// Not started.
    Wacht,
    /// Taking answers; blind rounds show only how many answered.
    Open,
    /// The outcome is shown; each participant may revise once, with a reason.
    Onthuld,
    /// Done: no more answers.
    Gesloten,
}

/// What the facilitator does to a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundAction {
    /// Open it for answers.
    Start,
    /// Show the outcome (blind rounds).
    Reveal,
    /// Take no more answers.
    Close,
}

impl RoundAction {
    /// Parses the form's value.
    pub fn parse(s: &str) -> Option<RoundAction> {
        match s {
            "starten" => Some(RoundAction::Start),
            "onthullen" => Some(RoundAction::Reveal),
            "sluiten" => Some(RoundAction::Close),
            _ => None,
        }
    }

    /// The form's value.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundAction::Start => "starten",
            RoundAction::Reveal => "onthullen",
            RoundAction::Close => "sluiten",
        }
    }
}

/// Which answer an answer is: the first (blind) one, or the one revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Revision {
    /// Given while the round was open; may be changed until it is revealed.
    First,
    /// The one change after the reveal, with a reason.
    Revised,
}

impl Revision {
    /// The stored number.
    pub fn number(self) -> i64 {
        match self {
            Revision::First => 0,
            Revision::Revised => 1,
        }
    }

    /// From the stored number.
    pub fn from_number(n: i64) -> Option<Revision> {
        match n {
            0 => Some(Revision::First),
            1 => Some(Revision::Revised),
            _ => None,
        }
    }
}

impl RoundState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundState::Wacht => "wacht",
            RoundState::Open => "open",
            RoundState::Onthuld => "onthuld",
            RoundState::Gesloten => "gesloten",
        }
    }

    /// The Dutch label.
    pub fn label(self) -> &'static str {
        match self {
            RoundState::Wacht => "nog niet begonnen",
            RoundState::Open => "open",
            RoundState::Onthuld => "onthuld",
            RoundState::Gesloten => "gesloten",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<RoundState> {
        [
            RoundState::Wacht,
            RoundState::Open,
            RoundState::Onthuld,
            RoundState::Gesloten,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }

    /// The state after the facilitator's action, or why it cannot be done.
    pub fn after(self, round: Round, action: RoundAction) -> Result<RoundState, String> {
        use RoundAction::*;
        use RoundState::*;
        match (self, action) {
            (Wacht, Start) => Ok(Open),
            (Open, Reveal) if round.is_blind() => Ok(Onthuld),
            (Open, Reveal) => {
                Err("Spelden zijn meteen voor iedereen te zien; er is niets te onthullen.".into())
            }
            (Open | Onthuld, Close) => Ok(Gesloten),
            (Wacht, _) => Err(format!(
                "De ronde ‘{}’ is nog niet begonnen.",
                round.label()
            )),
            (Gesloten, _) => Err(format!("De ronde ‘{}’ is al gesloten.", round.label())),
            (Open, Start) | (Onthuld, Start) => {
                Err(format!("De ronde ‘{}’ is al begonnen.", round.label()))
            }
            (Onthuld, Reveal) => Err(format!("De ronde ‘{}’ is al onthuld.", round.label())),
        }
    }

    /// Which answer a participant may give now, or why none.
    pub fn accepts(self, revision: Revision, round: Round) -> Result<(), String> {
        match (self, revision) {
            (RoundState::Open, Revision::First) => Ok(()),
            (RoundState::Onthuld, Revision::Revised) => Ok(()),
            (RoundState::Open, Revision::Revised) => {
                Err("Herzien kan pas als de uitkomst is onthuld.".into())
            }
            (RoundState::Onthuld, Revision::First) => Err(format!(
                "De ronde ‘{}’ is al onthuld; alleen wie eerder antwoordde kan nog één keer herzien.",
                round.label()
            )),
            (RoundState::Wacht, _) => Err(format!(
                "De ronde ‘{}’ is nog niet begonnen.",
                round.label()
            )),
            (RoundState::Gesloten, _) => Err(format!(
                "De ronde ‘{}’ is gesloten; je antwoord kan niet meer worden meegeteld.",
                round.label()
            )),
        }
    }

    /// Whether the outcome may be shown (to the room and to participants).
    pub fn shows_outcome(self, round: Round) -> bool {
        match self {
            RoundState::Wacht => false,
            RoundState::Open => !round.is_blind(),
            RoundState::Onthuld | RoundState::Gesloten => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_is_started_revealed_and_closed_in_that_order() {
        let r = Round::Punten;
        let open = RoundState::Wacht.after(r, RoundAction::Start).unwrap();
        assert_eq!(open, RoundState::Open);
        assert!(!open.shows_outcome(r));
        assert!(RoundState::Wacht.after(r, RoundAction::Reveal).is_err());
        let shown = open.after(r, RoundAction::Reveal).unwrap();
        assert!(shown.shows_outcome(r));
        assert!(shown.after(r, RoundAction::Reveal).is_err());
        let closed = shown.after(r, RoundAction::Close).unwrap();
        assert!(closed.after(r, RoundAction::Start).is_err());
    }

    #[test]
    fn pins_are_seen_at_once_and_not_revealed() {
        let open = RoundState::Open;
        assert!(open.shows_outcome(Round::Spelden));
        assert!(open.after(Round::Spelden, RoundAction::Reveal).is_err());
    }

    #[test]
    fn one_revision_only_after_the_reveal() {
        let r = Round::Paarsgewijs;
        assert!(RoundState::Open.accepts(Revision::First, r).is_ok());
        assert!(RoundState::Open.accepts(Revision::Revised, r).is_err());
        assert!(RoundState::Onthuld.accepts(Revision::Revised, r).is_ok());
        assert!(RoundState::Onthuld.accepts(Revision::First, r).is_err());
        assert!(RoundState::Gesloten.accepts(Revision::Revised, r).is_err());
        assert!(RoundState::Wacht.accepts(Revision::First, r).is_err());
    }

    #[test]
    fn names_round_trip() {
        for r in Round::ALL {
            assert_eq!(Round::parse(r.as_str()), Some(r));
        }
        for s in ["wacht", "open", "onthuld", "gesloten"] {
            assert_eq!(RoundState::parse(s).unwrap().as_str(), s);
        }
        assert_eq!(RoundState::parse("klaar"), None);
    }
}
