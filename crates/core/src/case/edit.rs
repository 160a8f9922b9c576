//! Changes to an afweging that keep it whole: ids stay unique, every option
//! keeps a score on every criterion, weighings follow the criteria, and
//! nothing points at a removed participant, problem or option.

use crate::limits::{self, Limit};
use crate::model::{Category, Criterion, Direction, OptionSpec};
use indexmap::IndexMap;

use super::catalogue::Template;
use super::ids::{slug, unique};
use super::weights::Weighting;
use super::{CaseDoc, CaseOption, Participant, ParticipantRole, PartyWeighting, Problem};

/// The score an option gets on a new criterion, and a new option on every
/// criterion: the middle of the 1–5 scale the forms use.
pub const NEUTRAL_SCORE: f64 = 3.0;

/// Why a change was refused (Dutch, shown next to the field).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EditError {
    /// The form field the message belongs to.
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
}

fn refuse(field: &'static str, message: impl Into<String>) -> EditError {
    EditError {
        field,
        message: message.into(),
    }
}

/// A text that must be filled in, within `limit` characters.
fn required(
    field: &'static str,
    value: &str,
    what: &str,
    limit: Limit,
) -> Result<String, EditError> {
    let v = value.trim();
    if v.is_empty() {
        Err(refuse(field, format!("Vul {what} in.")))
    } else if let Err(e) = limit.check_text(v) {
        Err(refuse(field, format!("Te lang ({what}): {e}.")))
    } else {
        Ok(v.to_string())
    }
}

/// Refuses adding one more to a list that is at its limit.
fn room(field: &'static str, limit: Limit, len: usize) -> Result<(), EditError> {
    if len >= limit.max {
        Err(refuse(field, limit.full()))
    } else {
        Ok(())
    }
}

impl CaseDoc {
    fn option_ids(&self) -> Vec<&str> {
        self.options.iter().map(|o| o.spec.id.as_str()).collect()
    }

    /// Adds a participant; returns its id.
    pub fn add_participant(
        &mut self,
        name: &str,
        role: ParticipantRole,
    ) -> Result<String, EditError> {
        let name = required("name", name, "de naam", limits::NAME_CHARS)?;
        room("name", limits::PARTICIPANTS, self.participants.len())?;
        if self
            .participants
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(&name))
        {
            return Err(refuse("name", format!("{name} doet al mee.")));
        }
        let taken: Vec<&str> = self.participants.iter().map(|p| p.id.as_str()).collect();
        let id = unique(&slug(&name), &taken);
        self.participants.push(Participant {
            id: id.clone(),
            name,
            role,
        });
        Ok(id)
    }

    /// Removes a participant and their own weighing; refused while they own
    /// problems.
    pub fn remove_participant(&mut self, id: &str) -> Result<Participant, EditError> {
        let pos = self
            .participants
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| refuse("participant", "Deze deelnemer bestaat niet (meer)."))?;
        let owned = self.problems.iter().filter(|p| p.owner == id).count();
        if owned > 0 {
            return Err(refuse(
                "participant",
                format!(
                    "{} is eigenaar van {owned} probleem/problemen; verwijder of verplaats die eerst.",
                    self.participants[pos].name
                ),
            ));
        }
        self.party_weights.retain(|w| w.participant != id);
        Ok(self.participants.remove(pos))
    }

    /// Adds a problem owned by a participant; returns its id.
    pub fn add_problem(&mut self, text: &str, owner: &str) -> Result<String, EditError> {
        let text = required("text", text, "het probleem", limits::LINE_CHARS)?;
        room("text", limits::PROBLEMS, self.problems.len())?;
        if self.participant(owner).is_none() {
            return Err(refuse("owner", "Kies wie dit probleem ziet."));
        }
        let taken: Vec<&str> = self.problems.iter().map(|p| p.id.as_str()).collect();
        let id = unique(&format!("p{}", self.problems.len() + 1), &taken);
        self.problems.push(Problem {
            id: id.clone(),
            text,
            owner: owner.to_string(),
            raised_by: IndexMap::new(),
        });
        Ok(id)
    }

    /// Removes a problem and the pre-selection scores on it.
    pub fn remove_problem(&mut self, id: &str) -> Result<Problem, EditError> {
        let pos = self
            .problems
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| refuse("problem", "Dit probleem bestaat niet (meer)."))?;
        for o in &mut self.options {
            o.addresses.shift_remove(id);
        }
        Ok(self.problems.remove(pos))
    }

    /// Adds a criterion: every option scores neutral on it, and every
    /// weighing gets it.
    pub fn add_criterion(&mut self, name: &str, direction: Direction) -> Result<String, EditError> {
        let name = required(
            "name",
            name,
            "de naam van het criterium",
            limits::NAME_CHARS,
        )?;
        if self
            .criteria
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case(&name))
        {
            return Err(refuse("name", format!("Er is al een criterium {name}.")));
        }
        room("name", limits::CRITERIA, self.criteria.len())?;
        let old: Vec<String> = self.criteria.iter().map(|c| c.id.clone()).collect();
        let taken: Vec<&str> = old.iter().map(String::as_str).collect();
        let id = unique(&slug(&name), &taken);
        self.criteria.push(Criterion {
            id: id.clone(),
            name,
            direction,
            weight: 1.0,
        });
        for o in &mut self.options {
            o.spec.scores.insert(id.clone(), NEUTRAL_SCORE);
        }
        self.align_weightings(&old);
        Ok(id)
    }

    /// Removes a criterion, its scores and its weights.
    pub fn remove_criterion(&mut self, id: &str) -> Result<Criterion, EditError> {
        let pos = self
            .criteria
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| refuse("criterion", "Dit criterium bestaat niet (meer)."))?;
        let old: Vec<String> = self.criteria.iter().map(|c| c.id.clone()).collect();
        let removed = self.criteria.remove(pos);
        for o in &mut self.options {
            o.spec.scores.shift_remove(id);
        }
        self.align_weightings(&old);
        Ok(removed)
    }

    fn align_weightings(&mut self, old: &[String]) {
        if self.weighting.values.is_empty() && self.weighting.ahp.is_none() {
            self.weighting = Weighting::equal(&self.criteria);
        } else {
            self.weighting.align(old, &self.criteria);
        }
        for p in &mut self.party_weights {
            p.weighting.align(old, &self.criteria);
        }
    }

    /// Sets (or replaces) a participant's own weighing.
    pub fn set_party_weighting(
        &mut self,
        participant: &str,
        weighting: Weighting,
    ) -> Result<(), EditError> {
        if self.participant(participant).is_none() {
            return Err(refuse("participant", "Kies een deelnemer."));
        }
        match self
            .party_weights
            .iter_mut()
            .find(|p| p.participant == participant)
        {
            Some(p) => p.weighting = weighting,
            None => self.party_weights.push(PartyWeighting {
                participant: participant.to_string(),
                weighting,
            }),
        }
        Ok(())
    }

    fn neutral_scores(&self) -> indexmap::IndexMap<String, f64> {
        self.criteria
            .iter()
            .map(|c| (c.id.clone(), NEUTRAL_SCORE))
            .collect()
    }

    /// Adds an option from a catalogue template, `quantity` units (dwellings
    /// or households) for a per-unit template; its actors join the case,
    /// and a looptijd too short for its flows is lengthened to hold them
    /// (30 years for the stenen of the default catalogue).
    pub fn add_from_template(
        &mut self,
        template: &Template,
        quantity: f64,
    ) -> Result<String, EditError> {
        if !(quantity > 0.0 && quantity <= 1_000_000.0) {
            return Err(refuse("quantity", "Het aantal is een getal groter dan 0."));
        }
        room("quantity", limits::OPTIONS, self.options.len())?;
        let mut actors: Vec<&str> = self.actors.iter().map(|a| a.id.as_str()).collect();
        actors.extend(template.actor_ids());
        actors.sort_unstable();
        actors.dedup();
        if let Err(e) = limits::ACTORS.check(actors.len()) {
            return Err(refuse("quantity", format!("Te veel actoren: {e}.")));
        }
        let mut option = template.instantiate(quantity, &self.option_ids());
        option.spec.scores = self.neutral_scores();
        for actor in template.actor_ids() {
            self.ensure_actor(actor);
        }
        let id = option.spec.id.clone();
        let needed = template.flows.iter().map(|f| f.last_year() + 1).max();
        if let Some(needed) = needed.filter(|n| *n > self.horizon_years) {
            self.horizon_years = needed.min(limits::HORIZON_YEARS.max as i64);
        }
        self.options.push(option);
        Ok(id)
    }

    /// Adds an empty option, to fill in from scratch.
    pub fn add_blank_option(
        &mut self,
        name: &str,
        category: Category,
    ) -> Result<String, EditError> {
        let name = required("name", name, "de naam van de optie", limits::NAME_CHARS)?;
        room("name", limits::OPTIONS, self.options.len())?;
        if category == Category::Combinatie {
            return Err(refuse(
                "category",
                "Een combinatie maakt u van bestaande opties.",
            ));
        }
        let id = unique(&slug(&name), &self.option_ids());
        self.options.push(CaseOption {
            spec: OptionSpec {
                id: id.clone(),
                name,
                category,
                flows: Vec::new(),
                scores: self.neutral_scores(),
                pm: Vec::new(),
                value: None,
            },
            template: None,
            quantity: None,
            members: Vec::new(),
            addresses: Default::default(),
            shortlisted: true,
            basis: Default::default(),
            note: String::new(),
        });
        Ok(id)
    }

    /// Combines two or more options into a package; its scores start as
    /// the members' average.
    pub fn add_package(&mut self, name: &str, members: &[String]) -> Result<String, EditError> {
        let name = required("name", name, "de naam van het pakket", limits::NAME_CHARS)?;
        room("name", limits::OPTIONS, self.options.len())?;
        let mut chosen: Vec<String> = Vec::new();
        for m in members {
            match self.option(m) {
                Some(o) if o.is_package() => {
                    return Err(refuse(
                        "members",
                        format!("{} is zelf een pakket.", o.spec.name),
                    ));
                }
                Some(_) if !chosen.contains(m) => chosen.push(m.clone()),
                Some(_) => {}
                None => return Err(refuse("members", "Kies opties die in deze afweging staan.")),
            }
        }
        if chosen.len() < 2 {
            return Err(refuse(
                "members",
                "Kies ten minste twee opties voor een pakket.",
            ));
        }
        let flows: usize = chosen
            .iter()
            .filter_map(|m| self.option(m))
            .map(|o| o.spec.flows.len())
            .sum();
        if let Err(e) = limits::FLOWS_PER_OPTION.check(flows) {
            return Err(refuse(
                "members",
                format!("Een pakket neemt de stromen van zijn opties over: {e}."),
            ));
        }
        let scores = self
            .criteria
            .iter()
            .map(|c| {
                let sum: f64 = chosen
                    .iter()
                    .filter_map(|m| self.option(m)?.spec.scores.get(&c.id))
                    .sum();
                (c.id.clone(), sum / chosen.len() as f64)
            })
            .collect();
        let id = unique(&slug(&name), &self.option_ids());
        self.options.push(CaseOption {
            spec: OptionSpec {
                id: id.clone(),
                name,
                category: Category::Combinatie,
                flows: Vec::new(),
                scores,
                pm: Vec::new(),
                value: None,
            },
            template: None,
            quantity: None,
            members: chosen,
            addresses: Default::default(),
            shortlisted: true,
            basis: Default::default(),
            note: String::new(),
        });
        Ok(id)
    }

    /// Removes an option; refused while a package uses it.
    pub fn remove_option(&mut self, id: &str) -> Result<CaseOption, EditError> {
        let pos = self
            .options
            .iter()
            .position(|o| o.spec.id == id)
            .ok_or_else(|| refuse("option", "Deze optie bestaat niet (meer)."))?;
        if let Some(p) = self
            .options
            .iter()
            .find(|o| o.members.iter().any(|m| m == id))
        {
            return Err(refuse(
                "option",
                format!(
                    "Deze optie zit in het pakket {}; verwijder eerst het pakket.",
                    p.spec.name
                ),
            ));
        }
        Ok(self.options.remove(pos))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::case::catalogue::default_templates;
    use crate::case::{CaseArea, DecisionLevel};
    use crate::model::FlowKind;

    pub(crate) fn sample() -> CaseDoc {
        let mut d = CaseDoc::new(
            "Wat doen we in Molenhoek?",
            DecisionLevel::Wijk,
            CaseArea::default(),
            2026,
        );
        let gem = d
            .add_participant("Gemeente Lindeveen", ParticipantRole::Beslisser)
            .unwrap();
        d.add_problem("Veel overlast", &gem).unwrap();
        d.add_criterion("Leefbaarheid", Direction::Max).unwrap();
        d.add_criterion("Uitvoeringsrisico", Direction::Min)
            .unwrap();
        let templates = default_templates();
        for t in templates.iter().take(3) {
            d.add_from_template(t, 40.0).unwrap();
        }
        d.baseline.description = "Zonder ingrijpen loopt de buurt verder terug.".into();
        d
    }

    #[test]
    fn the_model_of_a_case_is_valid() {
        let d = sample();
        let m = d.to_model();
        assert!(
            crate::validate::validate(&m).is_empty(),
            "{}",
            crate::validate::validate(&m)
        );
        assert_eq!(m.options.len(), 3);
        assert_eq!(m.sensitivity_rates, vec![0.0, 0.0225, 0.04]);
    }

    #[test]
    fn a_package_takes_its_members_flows_and_excludes_them_in_the_portfolio() {
        let mut d = sample();
        let a = d.options[0].spec.id.clone();
        let b = d.options[1].spec.id.clone();
        let p = d.add_package("Samen", &[a.clone(), b.clone()]).unwrap();
        d.budget = Some(super::super::CaseBudget {
            actor: "corporatie".into(),
            from_year: 0,
            to_year: 4,
            max: 1e6,
        });
        let m = d.to_model();
        assert!(crate::validate::validate(&m).is_empty());
        let pkg = m.options.iter().find(|o| o.id == p).unwrap();
        let member = |id: &str| m.options.iter().find(|o| o.id == id).unwrap().flows.len();
        assert_eq!(pkg.flows.len(), member(&a) + member(&b), "with restwaarden");
        assert_eq!(pkg.category, Category::Combinatie);
        let ex = &m.portfolio.unwrap().excludes;
        assert!(ex.contains(&[p.clone(), a.clone()]) && ex.contains(&[p, b]));
        assert!(d.remove_option(&a).is_err(), "a package member cannot go");
    }

    #[test]
    fn criteria_changes_keep_scores_and_weights_complete() {
        let mut d = sample();
        let id = d.add_criterion("Draagvlak", Direction::Max).unwrap();
        assert!(d.options.iter().all(|o| o.spec.scores.len() == 3));
        assert_eq!(d.weighting.values.len(), 3);
        d.remove_criterion(&id).unwrap();
        assert!(d.options.iter().all(|o| !o.spec.scores.contains_key(&id)));
        assert!(crate::validate::validate(&d.to_model()).is_empty());
        assert!(d.add_criterion("leefbaarheid", Direction::Max).is_err());
    }

    #[test]
    fn adding_beyond_a_limit_is_refused_next_to_the_field() {
        let mut d = sample();
        while d.criteria.len() < limits::CRITERIA.max {
            let name = format!("Criterium {}", d.criteria.len());
            d.add_criterion(&name, Direction::Max).unwrap();
        }
        let e = d.add_criterion("Eén te veel", Direction::Max).unwrap_err();
        assert_eq!(e.field, "name");
        assert_eq!(
            e.message,
            "Deze afweging heeft al 20 criteria, het maximum."
        );
        while d.participants.len() < limits::PARTICIPANTS.max {
            let name = format!("Partij {}", d.participants.len());
            d.add_participant(&name, ParticipantRole::Meedenker)
                .unwrap();
        }
        let e = d
            .add_participant("Nog een", ParticipantRole::Adviseur)
            .unwrap_err();
        assert_eq!(
            e.message,
            "Deze afweging heeft al 50 partijen, het maximum."
        );
        while d.options.len() < limits::OPTIONS.max {
            let name = format!("Optie {}", d.options.len());
            d.add_blank_option(&name, Category::Sociaal).unwrap();
        }
        let e = d.add_blank_option("Nog een", Category::Beleid).unwrap_err();
        assert_eq!(e.message, "Deze afweging heeft al 200 opties, het maximum.");
        let t = &default_templates()[0];
        assert_eq!(d.add_from_template(t, 1.0).unwrap_err().field, "quantity");
        let e = d.add_problem(&"é".repeat(501), "x").unwrap_err();
        assert_eq!(
            e.message,
            "Te lang (het probleem): 501 tekens, maximaal 500."
        );
        assert!(d.limit_problems().is_empty(), "{:?}", d.limit_problems());
    }

    #[test]
    fn owners_cannot_leave_and_shortlist_filters_the_model() {
        let mut d = sample();
        let gem = d.participants[0].id.clone();
        assert_eq!(d.remove_participant(&gem).unwrap_err().field, "participant");
        let pid = d.problems[0].id.clone();
        d.options[0].addresses.insert(pid.clone(), 3);
        d.remove_problem(&pid).unwrap();
        assert!(d.options[0].addresses.is_empty());
        d.remove_participant(&gem).unwrap();
        d.options[1].shortlisted = false;
        assert_eq!(d.to_model().options.len(), 2);
        let blank = d.add_blank_option("  ", Category::Sociaal).unwrap_err();
        assert_eq!(blank.field, "name");
        let id = d.add_blank_option("Eigen idee", Category::Sociaal).unwrap();
        d.option_mut(&id)
            .unwrap()
            .spec
            .flows
            .push(crate::model::Flow::new(
                "gemeente",
                FlowKind::Cost,
                1.0,
                0,
                0,
            ));
        assert!(crate::validate::validate(&d.to_model()).is_empty());
    }
}
