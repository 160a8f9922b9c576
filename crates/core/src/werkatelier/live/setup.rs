//! How a werkatelier is set up: its rounds, the roles present (with their
//! weight in the combined result), and what is weighed: a snapshot of the
//! afweging's criteria and options when the werkatelier was opened, so
//! that later edits of the afweging do not change the questions asked.

use serde::{Deserialize, Serialize};

use super::limits;
use super::round::Round;
use crate::input_error::InputErrors;

/// A role in the room.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopRole {
    /// Unique within the werkatelier (a-z 0-9 _ -).
    pub id: String,
    /// Shown to participants: "Huurders".
    pub label: String,
    /// Its weight in the combined result (> 0; equal unless the
    /// facilitator sets them).
    pub weight: f64,
}

/// A criterion or option as the werkatelier asks about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Its id in the afweging.
    pub id: String,
    /// Its name.
    pub label: String,
}

/// What a werkatelier weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Subject {
    /// The options and criteria of an afweging.
    #[default]
    Afweging,
    /// An area from the monitor, before any afweging exists (a
    /// gebiedsatelier): pins on its map, and which of its buurten come first.
    Gebied,
}

/// A werkatelier's set-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Setup {
    /// An afweging's werkatelier, or a gebiedsatelier.
    #[serde(default)]
    pub subject: Subject,
    /// The rounds, in the order offered.
    pub rounds: Vec<Round>,
    /// The roles present.
    pub roles: Vec<WorkshopRole>,
    /// The criteria (not in euros) weighed and scored.
    #[serde(default)]
    pub criteria: Vec<Item>,
    /// The options scored and picked.
    #[serde(default)]
    pub options: Vec<Item>,
    /// Roles with fewer participants are not shown on their own.
    pub min_role_size: u32,
    /// How many options a participant picks in the voorselectie.
    pub picks: u32,
}

/// The roles usually present, as offered on the form.
pub const STANDARD_ROLES: [(&str, &str); 5] = [
    ("corporatie", "Corporatie"),
    ("gemeente", "Gemeente"),
    ("huurders", "Huurders"),
    ("zorg-welzijn", "Zorg en welzijn"),
    ("bewoners", "Bewoners"),
];

/// The problem categories of a pin.
pub const PIN_CATEGORIES: [(&str, &str); 6] = [
    ("veiligheid", "Veiligheid"),
    ("schoon-heel", "Schoon en heel"),
    ("samenleven", "Samenleven"),
    ("woningen", "Woningen"),
    ("armoede-zorg", "Armoede en zorg"),
    ("anders", "Anders"),
];

/// The Dutch label of a pin category.
pub fn pin_category_label(id: &str) -> Option<&'static str> {
    PIN_CATEGORIES
        .iter()
        .find(|(c, _)| *c == id)
        .map(|(_, l)| *l)
}

/// The smallest role shown on its own (anonymity), unless set otherwise.
pub const MIN_ROLE_SIZE: u32 = 3;
/// Options picked in the voorselectie, unless set otherwise.
pub const PICKS: u32 = 3;

impl Setup {
    /// A round's name in this werkatelier (in a gebiedsatelier the
    /// voorselectie ranks buurten).
    pub fn round_label(&self, round: Round) -> &'static str {
        match (self.subject, round) {
            (Subject::Gebied, Round::Voorselectie) => "Welke buurten eerst?",
            _ => round.label(),
        }
    }

    /// What a round asks, in this werkatelier.
    pub fn round_prompt(&self, round: Round) -> &'static str {
        match (self.subject, round) {
            (Subject::Gebied, Round::Voorselectie) => {
                "Kies de buurten die het eerst aandacht nodig hebben."
            }
            _ => round.prompt(),
        }
    }

    /// What the voorselectie picks from: "opties" or "buurten".
    pub fn picked_things(&self) -> &'static str {
        match self.subject {
            Subject::Afweging => "opties",
            Subject::Gebied => "buurten",
        }
    }

    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<&WorkshopRole> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// Whether the werkatelier has this round.
    pub fn has(&self, round: Round) -> bool {
        self.rounds.contains(&round)
    }

    /// How many options a participant may pick: the set number, or fewer
    /// when there are fewer options.
    pub fn picks_allowed(&self) -> usize {
        (self.picks as usize).min(self.options.len())
    }

    /// Every problem with the set-up, with the form field it belongs to.
    pub fn check(&self) -> Result<(), InputErrors> {
        let mut e = InputErrors::default();
        if self.rounds.is_empty() {
            e.push("rondes", "Kies ten minste één ronde.");
        }
        let mut seen = Vec::new();
        for r in &self.rounds {
            if seen.contains(r) {
                e.push(
                    "rondes",
                    format!("De ronde ‘{}’ staat er twee keer in.", r.label()),
                );
            }
            seen.push(*r);
        }
        if self.roles.is_empty() {
            e.push("rollen", "Kies ten minste één rol die aan tafel zit.");
        }
        if self.roles.len() > limits::ROLES {
            e.push("rollen", format!("Ten hoogste {} rollen.", limits::ROLES));
        }
        for (i, r) in self.roles.iter().enumerate() {
            if r.label.trim().is_empty() {
                e.push(format!("rol_{i}"), "Geef de rol een naam.");
            }
            if !(r.weight.is_finite() && r.weight > 0.0) {
                e.push(
                    format!("gewicht_{}", r.id),
                    format!("Het gewicht van ‘{}’ is een getal groter dan 0.", r.label),
                );
            }
            if self.roles[..i].iter().any(|o| o.id == r.id) {
                e.push(
                    "rollen",
                    format!("De rol ‘{}’ staat er twee keer in.", r.label),
                );
            }
        }
        let weighs = self.has(Round::Punten) || self.has(Round::Paarsgewijs);
        if weighs && self.criteria.len() < 2 {
            e.push(
                "rondes",
                "Punten verdelen en paarsgewijs vergelijken vragen ten minste twee criteria; voeg ze toe in stap 4 (Weging).",
            );
        }
        if self.has(Round::Paarsgewijs) && self.criteria.len() > limits::AHP_CRITERIA {
            e.push(
                "rondes",
                format!(
                    "Paarsgewijs vergelijken kan met ten hoogste {} criteria; deze afweging heeft er {}.",
                    limits::AHP_CRITERIA,
                    self.criteria.len()
                ),
            );
        }
        if self.has(Round::Scores) && (self.options.is_empty() || self.criteria.is_empty()) {
            e.push(
                "rondes",
                "Opties scoren vraagt ten minste één optie (stap 3) en één criterium (stap 4).",
            );
        }
        if self.has(Round::Voorselectie) && self.options.len() < 2 {
            e.push(
                "rondes",
                match self.subject {
                    Subject::Afweging => "Een voorselectie vraagt ten minste twee opties (stap 3).",
                    Subject::Gebied => {
                        "Buurten kiezen vraagt een gebied met ten minste twee buurten: open het gebiedsatelier op de wijk of de gemeente."
                    }
                },
            );
        }
        if self.subject == Subject::Gebied
            && [Round::Punten, Round::Paarsgewijs, Round::Scores]
                .iter()
                .any(|r| self.has(*r))
        {
            e.push(
                "rondes",
                "Een gebiedsatelier heeft nog geen criteria of opties: kies spelden prikken en buurten kiezen.",
            );
        }
        if self.min_role_size == 0 {
            e.push("min_rol", "Een rol telt ten minste 1 deelnemer.");
        }
        if self.picks == 0 {
            e.push("keuzes", "Er valt ten minste één optie te kiezen.");
        }
        e.into_result(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str) -> Item {
        Item {
            id: id.into(),
            label: id.into(),
        }
    }

    pub(crate) fn setup() -> Setup {
        Setup {
            subject: Subject::Afweging,
            rounds: vec![Round::Punten, Round::Paarsgewijs],
            roles: STANDARD_ROLES[..3]
                .iter()
                .map(|(id, label)| WorkshopRole {
                    id: id.to_string(),
                    label: label.to_string(),
                    weight: 1.0,
                })
                .collect(),
            criteria: vec![item("leefbaarheid"), item("betaalbaarheid")],
            options: vec![item("a"), item("b")],
            min_role_size: MIN_ROLE_SIZE,
            picks: PICKS,
        }
    }

    #[test]
    fn a_usual_setup_passes() {
        assert!(setup().check().is_ok());
    }

    #[test]
    fn weighing_needs_two_criteria_and_names_the_step() {
        let mut s = setup();
        s.criteria.truncate(1);
        let e = s.check().unwrap_err();
        assert!(e.iter().any(|p| p.message.contains("stap 4")), "{e:?}");
    }

    #[test]
    fn no_rounds_no_roles_and_a_zero_weight_are_each_named() {
        let mut s = setup();
        s.rounds.clear();
        s.roles[1].weight = 0.0;
        let e = s.check().unwrap_err();
        let paths: Vec<&str> = e.iter().map(|p| p.path.as_str()).collect();
        assert!(paths.contains(&"rondes"), "{paths:?}");
        assert!(paths.contains(&"gewicht_gemeente"), "{paths:?}");
        s.roles.clear();
        assert!(s.check().unwrap_err().iter().any(|p| p.path == "rollen"));
    }

    #[test]
    fn picks_are_capped_by_the_options() {
        let s = setup();
        assert_eq!(s.picks_allowed(), 2);
    }
}

#[cfg(test)]
mod area_tests {
    use super::*;

    #[test]
    fn a_gebiedsatelier_ranks_buurten_and_asks_no_weights() {
        let mut s = tests_setup();
        s.subject = Subject::Gebied;
        s.rounds = vec![Round::Spelden, Round::Voorselectie];
        assert!(s.check().is_ok());
        assert_eq!(s.round_label(Round::Voorselectie), "Welke buurten eerst?");
        s.rounds.push(Round::Punten);
        assert!(s.check().is_err());
        s.rounds.pop();
        s.options.truncate(1);
        let e = s.check().unwrap_err();
        assert!(
            e.iter().any(|p| p.message.contains("wijk of de gemeente")),
            "{e:?}"
        );
    }

    fn tests_setup() -> Setup {
        Setup {
            subject: Subject::Afweging,
            rounds: vec![],
            roles: vec![WorkshopRole {
                id: "gemeente".into(),
                label: "Gemeente".into(),
                weight: 1.0,
            }],
            criteria: vec![],
            options: vec![
                Item {
                    id: "BU1".into(),
                    label: "Noord".into(),
                },
                Item {
                    id: "BU2".into(),
                    label: "Zuid".into(),
                },
            ],
            min_role_size: MIN_ROLE_SIZE,
            picks: PICKS,
        }
    }
}
