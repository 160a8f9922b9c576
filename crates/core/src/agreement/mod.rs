//! Prestatieafspraken ([`Agreement`]): what corporatie, gemeente and
//! huurdersorganisatie agree for a gemeente over several years — goals per
//! theme, an uitvoeringsagenda ([`Action`]s per year with a kartrekker and
//! each party's share), and the yearly evaluation with the "story behind
//! the curve" per goal.
//!
//! The document is changed only through [`AgreementCommand`]s
//! ([`Agreement::apply`]): every rule about changing prestatieafspraken
//! lives here, with its Dutch refusal. The terms (parties, goals, actions)
//! are what the parties approve; progress (an action's status, figures
//! entered by hand, the evaluation) goes on after approval without
//! touching the approved terms.

mod approval;
mod command;
mod commitments;
pub mod demo;
mod objections;
mod series;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use approval::{Approval, ApprovalState, approval_state};
pub use command::{ActionValues, Actor, AgreementCommand, GoalValues};
pub use commitments::{CommitmentStatus, PartyCommitments, commitments};
pub use series::{AreaScope, series_goal};

pub use crate::case::command::{Objection, Refusal};
use crate::goals::{Direction, Point};

/// The longest span of prestatieafspraken, in years.
pub const MAX_YEARS: i32 = 10;
/// The most parties at the table.
pub const MAX_PARTIES: usize = 12;
/// The most goals in one set of prestatieafspraken.
pub const MAX_GOALS: usize = 200;
/// The most actions on the uitvoeringsagenda.
pub const MAX_ACTIONS: usize = 1000;
/// The most figures entered by hand per goal.
pub const MAX_MANUAL_POINTS: usize = 60;
/// The longest free text (a note, a story), in characters.
pub const MAX_TEXT: usize = 4000;
/// The longest name or title, in characters.
pub const MAX_NAME: usize = 200;

/// Prestatieafspraken for one gemeente over `first_year..=last_year`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// "Prestatieafspraken Lindeveen 2026–2029".
    pub title: String,
    /// The gemeente's CBS code (GM…).
    pub gemeente_code: String,
    /// The gemeente's name.
    pub gemeente_name: String,
    /// The first year (jaarschijf) of the afspraken.
    pub first_year: i32,
    /// The last year.
    pub last_year: i32,
    /// The parties; the signatories approve each version.
    pub parties: Vec<Party>,
    /// The goals, in the order they were made.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// The uitvoeringsagenda.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// The yearly evaluations.
    #[serde(default)]
    pub evaluations: Vec<YearEvaluation>,
    /// Counts changes to the terms; an approval holds for one count only.
    #[serde(default)]
    pub terms_revision: u32,
    /// Next number for ids (goals, actions).
    #[serde(default)]
    pub next_id: u32,
}

/// What kind of party sits at the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// The woningcorporatie that keeps the afspraken in Wikken.
    Corporatie,
    /// The gemeente.
    Gemeente,
    /// The huurdersorganisatie.
    Huurdersorganisatie,
    /// Zorg- of welzijnspartner.
    ZorgWelzijn,
    /// Politie.
    Politie,
    /// Any other partner.
    Overig,
}

impl PartyKind {
    /// Every kind, in the order forms show them.
    pub const ALL: [PartyKind; 6] = [
        PartyKind::Corporatie,
        PartyKind::Gemeente,
        PartyKind::Huurdersorganisatie,
        PartyKind::ZorgWelzijn,
        PartyKind::Politie,
        PartyKind::Overig,
    ];

    /// The Dutch label.
    pub fn label(self) -> &'static str {
        match self {
            PartyKind::Corporatie => "corporatie",
            PartyKind::Gemeente => "gemeente",
            PartyKind::Huurdersorganisatie => "huurdersorganisatie",
            PartyKind::ZorgWelzijn => "zorg en welzijn",
            PartyKind::Politie => "politie",
            PartyKind::Overig => "overig",
        }
    }

    /// The stored and form value.
    pub fn key(self) -> &'static str {
        match self {
            PartyKind::Corporatie => "corporatie",
            PartyKind::Gemeente => "gemeente",
            PartyKind::Huurdersorganisatie => "huurdersorganisatie",
            PartyKind::ZorgWelzijn => "zorg_welzijn",
            PartyKind::Politie => "politie",
            PartyKind::Overig => "overig",
        }
    }

    /// The kind with this form value.
    pub fn from_key(key: &str) -> Option<PartyKind> {
        PartyKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// A party to the afspraken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// "Gemeente Lindeveen"; unique within the afspraken.
    pub name: String,
    /// Its kind.
    pub kind: PartyKind,
    /// Whether it signs (approves) each version: corporatie, gemeente and
    /// huurdersorganisatie do; other partners may.
    pub signs: bool,
}

/// A theme of the afspraken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Leefbaarheid.
    Leefbaarheid,
    /// Kwetsbare groepen.
    KwetsbareGroepen,
    /// Betaalbaarheid.
    Betaalbaarheid,
    /// Duurzaamheid.
    Duurzaamheid,
    /// Beschikbaarheid.
    Beschikbaarheid,
}

impl Theme {
    /// Every theme in the usual order.
    pub const ALL: [Theme; 5] = [
        Theme::Leefbaarheid,
        Theme::KwetsbareGroepen,
        Theme::Betaalbaarheid,
        Theme::Duurzaamheid,
        Theme::Beschikbaarheid,
    ];

    /// The Dutch label.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Leefbaarheid => "Leefbaarheid",
            Theme::KwetsbareGroepen => "Kwetsbare groepen",
            Theme::Betaalbaarheid => "Betaalbaarheid",
            Theme::Duurzaamheid => "Duurzaamheid",
            Theme::Beschikbaarheid => "Beschikbaarheid",
        }
    }

    /// The form value.
    pub fn key(self) -> &'static str {
        match self {
            Theme::Leefbaarheid => "leefbaarheid",
            Theme::KwetsbareGroepen => "kwetsbare_groepen",
            Theme::Betaalbaarheid => "betaalbaarheid",
            Theme::Duurzaamheid => "duurzaamheid",
            Theme::Beschikbaarheid => "beschikbaarheid",
        }
    }

    /// The theme with this form value.
    pub fn from_key(key: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// Where a goal's indicator comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorSource {
    /// An indicator of the wijkmonitor (CBS, Leefbaarometer, own data),
    /// by its code.
    Monitor {
        /// The indicator's code in the monitor.
        code: String,
    },
    /// A figure the parties enter by hand (e.g. the burgerpeiling).
    Manual,
}

/// A goal's indicator as the afspraken name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalIndicator {
    /// Where its figures come from.
    pub source: IndicatorSource,
    /// Its name ("Oordeel bewoners over de buurt").
    pub name: String,
    /// Its unit ("rapportcijfer", "%").
    pub unit: String,
}

/// The area a goal is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalArea {
    /// A gemeente, wijk or buurt code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The area as a whole, or the corporation's complexes in it.
    pub scope: AreaScope,
}

/// A party's contribution to a goal (from an afweging's cost-sharing
/// proposal, or entered), in euros.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// The party's name.
    pub party: String,
    /// The amount in euros.
    pub amount: f64,
}

/// A goal: a population result with an indicator, an area, a baseline, a
/// target and a direction (doel, SMART).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    /// "d3"; unique within the afspraken, never reused.
    pub id: String,
    /// The theme it belongs to.
    pub theme: Theme,
    /// The goal in words ("Bewoners waarderen de Vogelbuurt met minstens
    /// een 7").
    pub title: String,
    /// Its indicator.
    pub indicator: GoalIndicator,
    /// Its area.
    pub area: GoalArea,
    /// Higher or lower is better.
    pub direction: Direction,
    /// The baseline value and year.
    pub baseline: Point,
    /// The target value and year.
    pub target: Point,
    /// How often a new figure appears, in years.
    pub interval_years: u32,
    /// The afweging (case id) whose besluit motivated it, and its title.
    #[serde(default)]
    pub motivated_by: Option<CaseLink>,
    /// The parties' contributions.
    #[serde(default)]
    pub contributions: Vec<Contribution>,
    /// Figures entered by hand (for a manual indicator).
    #[serde(default)]
    pub manual: Vec<Point>,
    /// Afwegingen opened to steer this goal back on course.
    #[serde(default)]
    pub follow_ups: Vec<CaseLink>,
}

/// A link to an afweging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseLink {
    /// The case id.
    pub case_id: String,
    /// Its question, as it was when linked.
    pub title: String,
}

/// An action's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Not started yet.
    NietGestart,
    /// Under way.
    Bezig,
    /// Done.
    Gereed,
    /// Stopped on purpose (with a note saying why).
    Geschrapt,
}

impl ActionStatus {
    /// Every status, in form order.
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::NietGestart,
        ActionStatus::Bezig,
        ActionStatus::Gereed,
        ActionStatus::Geschrapt,
    ];

    /// The Dutch label.
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::NietGestart => "niet gestart",
            ActionStatus::Bezig => "bezig",
            ActionStatus::Gereed => "gereed",
            ActionStatus::Geschrapt => "geschrapt",
        }
    }

    /// The form value.
    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::NietGestart => "niet_gestart",
            ActionStatus::Bezig => "bezig",
            ActionStatus::Gereed => "gereed",
            ActionStatus::Geschrapt => "geschrapt",
        }
    }

    /// The status with this form value.
    pub fn from_key(key: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// A party's part in an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionRole {
    /// The party's name.
    pub party: String,
    /// Its role and task ("levert de huisbezoekers").
    pub task: String,
    /// Its budget for the action, in euros.
    pub budget: f64,
}

/// The latest status report of an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusReport {
    /// The status.
    pub status: ActionStatus,
    /// The date it applies to (ISO, `2027-03-01`).
    pub date: String,
    /// A note ("42 van 80 huisbezoeken gedaan").
    pub note: String,
    /// Who reported it.
    pub by: String,
}

/// An action on the uitvoeringsagenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// "a7"; unique, never reused.
    pub id: String,
    /// The year (jaarschijf) it belongs to.
    pub year: i32,
    /// What is done.
    pub title: String,
    /// The kartrekker: one party.
    pub lead: String,
    /// The kartrekker's contact person, if they like.
    #[serde(default)]
    pub lead_person: String,
    /// Every party's part, the kartrekker's included.
    pub roles: Vec<ActionRole>,
    /// The performance measure: how much / how well ("80 huisbezoeken").
    pub measure: String,
    /// The goals it serves (ids).
    #[serde(default)]
    pub goals: Vec<String>,
    /// The latest status report.
    pub status: StatusReport,
}

/// The story behind the curve of one goal in one year's evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalStory {
    /// The goal.
    pub goal_id: String,
    /// What explains the course.
    pub story: String,
    /// What the partners do next.
    pub next: String,
    /// Who wrote it last.
    pub by: String,
}

/// The evaluation of one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearEvaluation {
    /// The year evaluated.
    pub year: i32,
    /// A story per goal.
    pub stories: Vec<GoalStory>,
    /// Who closed the year, once closed.
    #[serde(default)]
    pub closed_by: Option<String>,
}

impl Agreement {
    /// New afspraken for a gemeente with its parties (refused when the
    /// years or parties are not acceptable).
    pub fn new(
        title: &str,
        gemeente_code: &str,
        gemeente_name: &str,
        years: (i32, i32),
        parties: Vec<Party>,
    ) -> Result<Agreement, Refusal> {
        let agreement = Agreement {
            title: title.trim().to_string(),
            gemeente_code: gemeente_code.to_string(),
            gemeente_name: gemeente_name.to_string(),
            first_year: years.0,
            last_year: years.1,
            parties,
            goals: Vec::new(),
            actions: Vec::new(),
            evaluations: Vec::new(),
            terms_revision: 0,
            next_id: 1,
        };
        let mut objections = objections::basics_objections(
            &agreement.title,
            agreement.first_year,
            agreement.last_year,
        );
        objections.extend(objections::parties_objections(&agreement.parties));
        if objections.is_empty() {
            Ok(agreement)
        } else {
            Err(Refusal { objections })
        }
    }

    /// The party with this name.
    pub fn party(&self, name: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.name == name)
    }

    /// The goal with this id.
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }

    /// The action with this id.
    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// The years of the afspraken.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.first_year..=self.last_year
    }

    /// The evaluation of `year`, if begun.
    pub fn evaluation(&self, year: i32) -> Option<&YearEvaluation> {
        self.evaluations.iter().find(|e| e.year == year)
    }

    /// The parties that sign each version.
    pub fn signatories(&self) -> impl Iterator<Item = &Party> {
        self.parties.iter().filter(|p| p.signs)
    }
}
