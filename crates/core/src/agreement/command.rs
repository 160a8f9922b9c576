//! Every change to prestatieafspraken, with its rules. Changes to the
//! terms (parties, goals, actions) are refused once a version is approved
//! (a new version is needed); progress (status reports, figures entered
//! by hand, the evaluation) goes on. A partner acts only for its own party.

use super::objections::{
    action_objections, basics_objections, goal_objections, objection, parties_objections, refuse,
    text_objections,
};
use super::{
    Action, ActionRole, ActionStatus, Agreement, CaseLink, Contribution, Goal, GoalArea,
    GoalIndicator, GoalStory, IndicatorSource, MAX_ACTIONS, MAX_GOALS, MAX_MANUAL_POINTS, MAX_TEXT,
    Party, Refusal, StatusReport, Theme, YearEvaluation,
};
use crate::goals::{Direction, Point};

/// Who makes a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// Staff of the corporation that keeps the afspraken: may change
    /// everything.
    Corporation {
        /// The person's name, for the history.
        name: String,
    },
    /// A person of a partner organisation, acting for one party.
    Partner {
        /// The party they act for.
        party: String,
        /// The person's name.
        name: String,
    },
}

impl Actor {
    /// The person's name.
    pub fn name(&self) -> &str {
        match self {
            Actor::Corporation { name } | Actor::Partner { name, .. } => name,
        }
    }

    /// Whether this actor may act for `party`.
    pub fn acts_for(&self, party: &str) -> bool {
        match self {
            Actor::Corporation { .. } => true,
            Actor::Partner { party: own, .. } => own == party,
        }
    }
}

/// A goal as a form sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalValues {
    /// Its theme.
    pub theme: Theme,
    /// The goal in words.
    pub title: String,
    /// Its indicator.
    pub indicator: GoalIndicator,
    /// Its area.
    pub area: GoalArea,
    /// Higher or lower is better.
    pub direction: Direction,
    /// Baseline.
    pub baseline: Point,
    /// Target.
    pub target: Point,
    /// Years between figures.
    pub interval_years: u32,
    /// The motivating afweging.
    pub motivated_by: Option<CaseLink>,
    /// The parties' contributions.
    pub contributions: Vec<Contribution>,
}

/// An action as a form sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionValues {
    /// Its year.
    pub year: i32,
    /// What is done.
    pub title: String,
    /// The kartrekker.
    pub lead: String,
    /// The kartrekker's contact person.
    pub lead_person: String,
    /// Every party's part.
    pub roles: Vec<ActionRole>,
    /// The performance measure.
    pub measure: String,
    /// The goals it serves.
    pub goals: Vec<String>,
}

/// One change to prestatieafspraken.
#[derive(Debug, Clone, PartialEq)]
pub enum AgreementCommand {
    /// Title and years.
    SetBasics {
        /// The title.
        title: String,
        /// First year.
        first_year: i32,
        /// Last year.
        last_year: i32,
    },
    /// Adds a party.
    AddParty(Party),
    /// Removes a party that nothing refers to.
    RemoveParty {
        /// Its name.
        name: String,
    },
    /// Adds a goal.
    AddGoal(GoalValues),
    /// Changes a goal.
    UpdateGoal {
        /// The goal.
        id: String,
        /// Its new values.
        values: GoalValues,
    },
    /// Removes a goal (and its references from actions).
    RemoveGoal {
        /// The goal.
        id: String,
    },
    /// Adds an action.
    AddAction(ActionValues),
    /// Changes an action.
    UpdateAction {
        /// The action.
        id: String,
        /// Its new values.
        values: ActionValues,
    },
    /// Removes an action.
    RemoveAction {
        /// The action.
        id: String,
    },
    /// Reports an action's status (progress).
    ReportStatus {
        /// The action.
        id: String,
        /// The status.
        status: ActionStatus,
        /// The date it applies to (ISO).
        date: String,
        /// A note.
        note: String,
    },
    /// Enters a figure of a goal's hand-entered indicator (progress); a
    /// figure for a year that has one replaces it.
    EnterFigure {
        /// The goal.
        goal_id: String,
        /// Year and value.
        point: Point,
    },
    /// Removes a hand-entered figure (progress).
    RemoveFigure {
        /// The goal.
        goal_id: String,
        /// The year.
        year: i32,
    },
    /// Writes the story behind the curve of a goal in a year (progress).
    WriteStory {
        /// The year evaluated.
        year: i32,
        /// The goal.
        goal_id: String,
        /// What explains the course.
        story: String,
        /// What the partners do next.
        next: String,
    },
    /// Closes a year's evaluation: every goal needs its story first.
    CloseYear {
        /// The year.
        year: i32,
    },
    /// Links an afweging opened to steer a goal back on course.
    LinkFollowUp {
        /// The goal.
        goal_id: String,
        /// The afweging.
        case: CaseLink,
    },
}

impl AgreementCommand {
    /// Whether it changes the terms the parties approve.
    pub fn changes_terms(&self) -> bool {
        matches!(
            self,
            AgreementCommand::SetBasics { .. }
                | AgreementCommand::AddParty(_)
                | AgreementCommand::RemoveParty { .. }
                | AgreementCommand::AddGoal(_)
                | AgreementCommand::UpdateGoal { .. }
                | AgreementCommand::RemoveGoal { .. }
                | AgreementCommand::AddAction(_)
                | AgreementCommand::UpdateAction { .. }
                | AgreementCommand::RemoveAction { .. }
        )
    }
}

impl Agreement {
    fn fresh_id(&mut self, prefix: char) -> String {
        let id = format!("{prefix}{}", self.next_id.max(1));
        self.next_id = self.next_id.max(1) + 1;
        id
    }

    fn goal_mut(&mut self, id: &str) -> Result<&mut Goal, Refusal> {
        self.goals
            .iter_mut()
            .find(|g| g.id == id)
            .ok_or_else(|| Refusal::at("doel", "Dit doel bestaat niet (meer)."))
    }

    /// Applies a command for `actor`: either changes the afspraken and
    /// returns the line of history, or leaves them as they were and names
    /// every problem. `approved`: the version is approved by every
    /// signatory, so its terms are frozen.
    pub fn apply(
        &mut self,
        actor: &Actor,
        command: &AgreementCommand,
        approved: bool,
    ) -> Result<String, Refusal> {
        if command.changes_terms() {
            if approved {
                return Err(Refusal::at(
                    "",
                    "Deze versie is door alle partijen goedgekeurd. Maak een nieuwe versie om de afspraken te wijzigen.",
                ));
            }
            if let Actor::Partner { .. } = actor {
                return Err(Refusal::at(
                    "",
                    "De afspraken zelf wijzigt de corporatie; u keurt ze goed, meldt de voortgang en schrijft mee aan de evaluatie.",
                ));
            }
        }
        let line = self.apply_checked(actor, command)?;
        if command.changes_terms() {
            self.terms_revision += 1;
        }
        Ok(line)
    }

    fn apply_checked(
        &mut self,
        actor: &Actor,
        command: &AgreementCommand,
    ) -> Result<String, Refusal> {
        use AgreementCommand as C;
        match command {
            C::SetBasics {
                title,
                first_year,
                last_year,
            } => {
                let mut out = basics_objections(title, *first_year, *last_year);
                if let Some(a) = self
                    .actions
                    .iter()
                    .find(|a| a.year < *first_year || a.year > *last_year)
                {
                    out.push(objection(
                        "laatste_jaar",
                        format!(
                            "Actie \"{}\" staat in {}; verplaats die eerst.",
                            a.title, a.year
                        ),
                    ));
                }
                refuse(out)?;
                self.title = title.trim().to_string();
                self.first_year = *first_year;
                self.last_year = *last_year;
                Ok(format!(
                    "Titel en looptijd: {} ({}–{})",
                    self.title, first_year, last_year
                ))
            }
            C::AddParty(p) => {
                let mut parties = self.parties.clone();
                parties.push(Party {
                    name: p.name.trim().to_string(),
                    ..p.clone()
                });
                refuse(parties_objections(&parties))?;
                self.parties = parties;
                Ok(format!("Partij toegevoegd: {}", p.name.trim()))
            }
            C::RemoveParty { name } => {
                let used = self
                    .actions
                    .iter()
                    .any(|a| a.lead == *name || a.roles.iter().any(|r| r.party == *name))
                    || self
                        .goals
                        .iter()
                        .any(|g| g.contributions.iter().any(|c| c.party == *name));
                if used {
                    return Err(Refusal::at(
                        "partijen",
                        format!("{name} heeft nog acties of bijdragen; haal die eerst weg."),
                    ));
                }
                let parties: Vec<Party> = self
                    .parties
                    .iter()
                    .filter(|p| p.name != *name)
                    .cloned()
                    .collect();
                if parties.len() == self.parties.len() {
                    return Err(Refusal::at(
                        "partijen",
                        format!("{name} is geen partij bij deze afspraken."),
                    ));
                }
                refuse(parties_objections(&parties))?;
                self.parties = parties;
                Ok(format!("Partij verwijderd: {name}"))
            }
            C::AddGoal(v) => {
                if self.goals.len() >= MAX_GOALS {
                    return Err(Refusal::at("", format!("Hoogstens {MAX_GOALS} doelen.")));
                }
                refuse(goal_objections(self, v))?;
                let id = self.fresh_id('d');
                self.goals.push(goal_from(id, v, Vec::new(), Vec::new()));
                Ok(format!("Doel toegevoegd: {}", v.title.trim()))
            }
            C::UpdateGoal { id, values } => {
                refuse(goal_objections(self, values))?;
                let g = self.goal_mut(id)?;
                let manual = if matches!(values.indicator.source, IndicatorSource::Manual) {
                    g.manual.clone()
                } else {
                    Vec::new()
                };
                *g = goal_from(id.clone(), values, manual, g.follow_ups.clone());
                Ok(format!("Doel gewijzigd: {}", values.title.trim()))
            }
            C::RemoveGoal { id } => {
                let title = self.goal_mut(id)?.title.clone();
                self.goals.retain(|g| g.id != *id);
                for a in &mut self.actions {
                    a.goals.retain(|g| g != id);
                }
                for e in &mut self.evaluations {
                    e.stories.retain(|s| s.goal_id != *id);
                }
                Ok(format!("Doel verwijderd: {title}"))
            }
            C::AddAction(v) => {
                if self.actions.len() >= MAX_ACTIONS {
                    return Err(Refusal::at("", format!("Hoogstens {MAX_ACTIONS} acties.")));
                }
                refuse(action_objections(self, v))?;
                let id = self.fresh_id('a');
                let status = StatusReport {
                    status: ActionStatus::NietGestart,
                    date: String::new(),
                    note: String::new(),
                    by: actor.name().to_string(),
                };
                self.actions.push(action_from(id, v, status));
                Ok(format!("Actie toegevoegd ({}): {}", v.year, v.title.trim()))
            }
            C::UpdateAction { id, values } => {
                refuse(action_objections(self, values))?;
                let a = self
                    .actions
                    .iter_mut()
                    .find(|a| a.id == *id)
                    .ok_or_else(|| Refusal::at("actie", "Deze actie bestaat niet (meer)."))?;
                *a = action_from(id.clone(), values, a.status.clone());
                Ok(format!(
                    "Actie gewijzigd ({}): {}",
                    values.year,
                    values.title.trim()
                ))
            }
            C::RemoveAction { id } => {
                let a = self
                    .action(id)
                    .ok_or_else(|| Refusal::at("actie", "Deze actie bestaat niet (meer)."))?;
                let line = format!("Actie verwijderd: {}", a.title);
                self.actions.retain(|a| a.id != *id);
                Ok(line)
            }
            C::ReportStatus {
                id,
                status,
                date,
                note,
            } => {
                let a = self
                    .actions
                    .iter_mut()
                    .find(|a| a.id == *id)
                    .ok_or_else(|| Refusal::at("actie", "Deze actie bestaat niet (meer)."))?;
                if !actor.acts_for(&a.lead) && !a.roles.iter().any(|r| actor.acts_for(&r.party)) {
                    return Err(Refusal::at(
                        "status",
                        "Alleen de partijen die aan deze actie meedoen melden de voortgang.",
                    ));
                }
                let mut out = Vec::new();
                let iso = crate::format::parse_date(date);
                if iso.is_none() {
                    out.push(objection("datum", "Vul een datum in als 1-3-2027."));
                }
                out.extend(text_objections(
                    "notitie",
                    "de notitie",
                    note,
                    *status == ActionStatus::Geschrapt,
                    MAX_TEXT,
                ));
                if *status == ActionStatus::Geschrapt && note.trim().is_empty() {
                    out.last_mut().expect("just pushed").message =
                        "Zeg in de notitie waarom de actie geschrapt is.".into();
                }
                refuse(out)?;
                let date = iso.expect("checked above");
                let line = format!(
                    "Voortgang \"{}\": {} per {}",
                    a.title,
                    status.label(),
                    crate::format::dutch_numeric_date(&date)
                );
                a.status = StatusReport {
                    status: *status,
                    date,
                    note: note.trim().to_string(),
                    by: actor.name().to_string(),
                };
                Ok(line)
            }
            C::EnterFigure { goal_id, point } => {
                self.check_figure_actor(actor)?;
                let g = self.goal_mut(goal_id)?;
                if !matches!(g.indicator.source, IndicatorSource::Manual) {
                    return Err(Refusal::at(
                        "waarde",
                        "De cijfers van deze indicator komen uit de wijkmonitor; ze worden daar geïmporteerd.",
                    ));
                }
                let mut out = Vec::new();
                if !point.value.is_finite() {
                    out.push(objection("waarde", "Vul een getal in."));
                }
                if !(1990..=2100).contains(&point.year) {
                    out.push(objection("jaar", "Kies een jaar tussen 1990 en 2100."));
                }
                if g.manual.len() >= MAX_MANUAL_POINTS
                    && !g.manual.iter().any(|p| p.year == point.year)
                {
                    out.push(objection(
                        "jaar",
                        format!("Hoogstens {MAX_MANUAL_POINTS} cijfers per doel."),
                    ));
                }
                refuse(out)?;
                g.manual.retain(|p| p.year != point.year);
                g.manual.push(*point);
                g.manual.sort_by_key(|p| p.year);
                Ok(format!(
                    "Cijfer {} voor \"{}\": {}",
                    point.year,
                    g.title,
                    crate::format::number(point.value, 2)
                ))
            }
            C::RemoveFigure { goal_id, year } => {
                self.check_figure_actor(actor)?;
                let g = self.goal_mut(goal_id)?;
                let before = g.manual.len();
                g.manual.retain(|p| p.year != *year);
                if g.manual.len() == before {
                    return Err(Refusal::at(
                        "jaar",
                        format!("Er is geen cijfer voor {year}."),
                    ));
                }
                Ok(format!("Cijfer {year} voor \"{}\" verwijderd", g.title))
            }
            C::WriteStory {
                year,
                goal_id,
                story,
                next,
            } => {
                if !self.years().contains(year) {
                    return Err(Refusal::at("jaar", "Dit jaar valt buiten de afspraken."));
                }
                let title = self
                    .goal(goal_id)
                    .ok_or_else(|| Refusal::at("doel", "Dit doel bestaat niet (meer)."))?
                    .title
                    .clone();
                let mut out = text_objections(
                    "verhaal",
                    "wat de ontwikkeling verklaart",
                    story,
                    true,
                    MAX_TEXT,
                );
                out.extend(text_objections(
                    "vervolg",
                    "wat de partners nu doen",
                    next,
                    true,
                    MAX_TEXT,
                ));
                refuse(out)?;
                let eval = self.evaluation_mut(*year);
                if eval.closed_by.is_some() {
                    return Err(Refusal::at(
                        "jaar",
                        format!("De evaluatie van {year} is afgesloten."),
                    ));
                }
                eval.stories.retain(|s| s.goal_id != *goal_id);
                eval.stories.push(GoalStory {
                    goal_id: goal_id.clone(),
                    story: story.trim().into(),
                    next: next.trim().into(),
                    by: actor.name().into(),
                });
                Ok(format!("Evaluatie {year}: verhaal bij \"{title}\""))
            }
            C::CloseYear { year } => {
                if !matches!(actor, Actor::Corporation { .. }) {
                    return Err(Refusal::at(
                        "jaar",
                        "De corporatie sluit het jaar af, na het overleg met de partners.",
                    ));
                }
                if !self.years().contains(year) {
                    return Err(Refusal::at("jaar", "Dit jaar valt buiten de afspraken."));
                }
                let missing: Vec<String> = self
                    .goals
                    .iter()
                    .filter(|g| {
                        !self
                            .evaluation(*year)
                            .is_some_and(|e| e.stories.iter().any(|s| s.goal_id == g.id))
                    })
                    .map(|g| g.title.clone())
                    .collect();
                if !missing.is_empty() {
                    return Err(Refusal::at(
                        "verhaal",
                        format!(
                            "Schrijf eerst het verhaal achter de cijfers bij: {}.",
                            missing.join("; ")
                        ),
                    ));
                }
                let eval = self.evaluation_mut(*year);
                if eval.closed_by.is_some() {
                    return Err(Refusal::at(
                        "jaar",
                        format!("De evaluatie van {year} is al afgesloten."),
                    ));
                }
                eval.closed_by = Some(actor.name().to_string());
                Ok(format!("Evaluatie {year} afgesloten"))
            }
            C::LinkFollowUp { goal_id, case } => {
                if !matches!(actor, Actor::Corporation { .. }) {
                    return Err(Refusal::at(
                        "doel",
                        "Alleen de corporatie opent een afweging.",
                    ));
                }
                let g = self.goal_mut(goal_id)?;
                if !g.follow_ups.iter().any(|c| c.case_id == case.case_id) {
                    g.follow_ups.push(case.clone());
                }
                Ok(format!(
                    "Bijsturen \"{}\": afweging \"{}\" geopend",
                    g.title, case.title
                ))
            }
        }
    }

    fn check_figure_actor(&self, actor: &Actor) -> Result<(), Refusal> {
        match actor {
            Actor::Corporation { .. } => Ok(()),
            Actor::Partner { party, .. } if self.party(party).is_some_and(|p| p.signs) => Ok(()),
            Actor::Partner { .. } => Err(Refusal::at(
                "waarde",
                "Cijfers vullen de ondertekenende partijen in.",
            )),
        }
    }

    fn evaluation_mut(&mut self, year: i32) -> &mut YearEvaluation {
        if let Some(i) = self.evaluations.iter().position(|e| e.year == year) {
            return &mut self.evaluations[i];
        }
        self.evaluations.push(YearEvaluation {
            year,
            stories: Vec::new(),
            closed_by: None,
        });
        self.evaluations.sort_by_key(|e| e.year);
        let i = self
            .evaluations
            .iter()
            .position(|e| e.year == year)
            .expect("just pushed");
        &mut self.evaluations[i]
    }
}

fn goal_from(id: String, v: &GoalValues, manual: Vec<Point>, follow_ups: Vec<CaseLink>) -> Goal {
    Goal {
        id,
        theme: v.theme,
        title: v.title.trim().to_string(),
        indicator: GoalIndicator {
            name: v.indicator.name.trim().to_string(),
            unit: v.indicator.unit.trim().to_string(),
            ..v.indicator.clone()
        },
        area: v.area.clone(),
        direction: v.direction,
        baseline: v.baseline,
        target: v.target,
        interval_years: v.interval_years,
        motivated_by: v.motivated_by.clone(),
        contributions: v.contributions.clone(),
        manual,
        follow_ups,
    }
}

fn action_from(id: String, v: &ActionValues, status: StatusReport) -> Action {
    Action {
        id,
        year: v.year,
        title: v.title.trim().to_string(),
        lead: v.lead.clone(),
        lead_person: v.lead_person.trim().to_string(),
        roles: v
            .roles
            .iter()
            .map(|r| ActionRole {
                task: r.task.trim().to_string(),
                ..r.clone()
            })
            .collect(),
        measure: v.measure.trim().to_string(),
        goals: v.goals.clone(),
        status,
    }
}
