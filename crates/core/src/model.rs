//! The afwegingsmodel: one decision question as data (`shared/spec/model-v1.md`).
//!
//! These types are what the engine evaluates, what the web app stores and
//! exports, and what `wikken schema` describes. Reading a file goes through
//! [`crate::reader`], which reports every problem with its JSON path; the
//! serde derives here are for writing (export) and for the schema.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The file format version this engine reads.
pub const MODEL_VERSION: i64 = 1;

/// One decision question: options, actors, criteria, uncertainty, budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Wikken afwegingsmodel, version 1")]
pub struct Model {
    /// Must be 1.
    #[schemars(range(min = 1, max = 1))]
    pub version: i64,
    /// The decision question; describe the nulalternatief here or in the web app.
    #[schemars(length(min = 1, max = crate::limits::LINE_CHARS.max))]
    pub title: String,
    /// Calendar year of year index 0.
    #[schemars(range(min = 1900, max = 2200))]
    pub start_year: i64,
    /// Number of years evaluated; year indices run 0..horizon_years-1.
    #[serde(default = "default_horizon")]
    #[schemars(range(min = 1, max = crate::limits::HORIZON_YEARS.max))]
    pub horizon_years: i64,
    /// Real discount rate per year (discontovoet).
    #[serde(default = "default_discount_rate")]
    #[schemars(range(min = 0.0, max = 0.2))]
    pub discount_rate: f64,
    /// Who pays or gains: corporatie, gemeente, huurders, ...
    #[schemars(length(min = 1, max = crate::limits::ACTORS.max))]
    pub actors: Vec<Actor>,
    /// Criteria that are not in euros (MCA).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = crate::limits::CRITERIA.max))]
    pub criteria: Vec<Criterion>,
    /// The options on the table, each a difference against the nulalternatief.
    #[schemars(length(min = 1, max = crate::limits::OPTIONS.max))]
    pub options: Vec<OptionSpec>,
    /// How the MCA is computed.
    #[serde(default, skip_serializing_if = "Mca::is_default")]
    pub mca: Mca,
    /// Each stakeholder's own weights.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = crate::limits::WEIGHT_SETS.max))]
    pub weight_sets: Vec<WeightSet>,
    /// Monte Carlo settings.
    #[serde(default)]
    pub uncertainty: UncertaintySettings,
    /// Budget-constrained choice of a set of options.
    #[serde(default, skip_serializing_if = "std::option::Option::is_none")]
    pub portfolio: Option<Portfolio>,
    /// Extra discount rates at which every option's npv is also reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sensitivity_rates: Vec<f64>,
}

impl Model {
    /// Whether any flow has a distribution (then the Monte Carlo, the
    /// tornado and the value of information are computed).
    pub fn has_uncertainty(&self) -> bool {
        self.options
            .iter()
            .any(|o| o.flows.iter().any(|f| f.uncertainty.is_some()))
    }
}

/// Default horizon: 30 years.
pub fn default_horizon() -> i64 {
    30
}

/// Default discount rate: 2.25 % real, as the MKBA leidraad advises.
pub fn default_discount_rate() -> f64 {
    0.0225
}

/// Who pays or gains (partij).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// 1..64 characters of a-z 0-9 _ -.
    #[schemars(regex(pattern = r"^[a-z0-9_-]{1,64}$"))]
    pub id: String,
    /// Name shown to users.
    pub name: String,
}

/// Whether more or less of a criterion is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher scores are better.
    Max,
    /// Lower scores are better.
    Min,
}

/// A criterion that is not in euros.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// 1..64 characters of a-z 0-9 _ -.
    #[schemars(regex(pattern = r"^[a-z0-9_-]{1,64}$"))]
    pub id: String,
    /// Name shown to users.
    pub name: String,
    /// Is more better (`max`) or less (`min`)?
    pub direction: Direction,
    /// Weight (≥ 0); normalised to sum 1 over all criteria.
    #[serde(default = "default_weight")]
    #[schemars(range(min = 0.0))]
    pub weight: f64,
}

/// Default criterion weight: 1.
pub fn default_weight() -> f64 {
    1.0
}

/// The kind of an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Renovatie, nieuwbouw, verduurzaming, onderhoud.
    Stenen,
    /// Leefbaarheid, buurtbeheer, achter-de-voordeur, ...
    Sociaal,
    /// Huurprijsbeleid, woonruimteverdeling.
    Beleid,
    /// A package of the above.
    Combinatie,
}

impl Category {
    /// The lowercase name used in files and shown in the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Stenen => "stenen",
            Category::Sociaal => "sociaal",
            Category::Beleid => "beleid",
            Category::Combinatie => "combinatie",
        }
    }
}

/// One option on the table (the glossary's `Option`; named `OptionSpec` in
/// code so it does not shadow Rust's `Option`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionSpec {
    /// 1..64 characters of a-z 0-9 _ -.
    #[schemars(regex(pattern = r"^[a-z0-9_-]{1,64}$"))]
    pub id: String,
    /// Name shown to users.
    pub name: String,
    /// Stenen, sociaal, beleid or combinatie.
    pub category: Category,
    /// Money per actor per year, as differences against the nulalternatief.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = crate::limits::FLOWS_PER_OPTION.max))]
    pub flows: Vec<Flow>,
    /// Score on every criterion.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub scores: IndexMap<String, f64>,
    /// Effects kept visible but not priced (PM-posten).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = crate::limits::PM_PER_OPTION.max))]
    pub pm: Vec<PmItem>,
    /// Value for the portfolio objective `value`.
    #[serde(default, skip_serializing_if = "std::option::Option::is_none")]
    pub value: Option<f64>,
}

/// The sign of a PM-post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum PmSign {
    /// A positive effect.
    #[serde(rename = "+")]
    Plus,
    /// A negative effect.
    #[serde(rename = "-")]
    Minus,
    /// An effect of unknown or neutral sign.
    #[serde(rename = "0")]
    Zero,
}

impl PmSign {
    /// The sign as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            PmSign::Plus => "+",
            PmSign::Minus => "-",
            PmSign::Zero => "0",
        }
    }
}

/// An effect that is not priced (PM-post): never in a present value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PmItem {
    /// What the effect is.
    pub label: String,
    /// Who it lands on, if known.
    #[serde(default, skip_serializing_if = "std::option::Option::is_none")]
    pub actor: Option<String>,
    /// `+`, `-` or `0`.
    pub sign: PmSign,
    /// Free text.
    #[serde(default, skip_serializing_if = "std::option::Option::is_none")]
    pub note: Option<String>,
}

/// Kosten or baten.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FlowKind {
    /// Kosten.
    Cost,
    /// Baten.
    Benefit,
}

/// One stream of money for one actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// An actor id.
    pub actor: String,
    /// Cost or benefit.
    pub kind: FlowKind,
    /// Shown in reports.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Euros per year, prices of `start_year`.
    #[schemars(range(min = 0.0))]
    pub amount: f64,
    /// First year index.
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub from_year: i64,
    /// Last year index (inclusive); defaults to `from_year`.
    #[serde(default, skip_serializing_if = "std::option::Option::is_none")]
    pub to_year: Option<i64>,
    /// Real growth per year.
    #[serde(default, skip_serializing_if = "is_zero")]
    #[schemars(range(min = -0.5, max = 0.5))]
    pub growth: f64,
    /// SROI adjustments (benefits only).
    #[serde(default, skip_serializing_if = "std::option::Option::is_none")]
    pub adjust: Option<Adjust>,
    /// Distribution of `amount`.
    #[serde(default, skip_serializing_if = "std::option::Option::is_none")]
    pub uncertainty: Option<Distribution>,
}

impl Flow {
    /// A plain flow: `amount` a year for `actor` in years `from..=to`, without
    /// label, growth, adjustments or uncertainty.
    pub fn new(actor: &str, kind: FlowKind, amount: f64, from_year: i64, to_year: i64) -> Flow {
        Flow {
            actor: actor.to_string(),
            kind,
            label: String::new(),
            amount,
            from_year,
            to_year: Some(to_year),
            growth: 0.0,
            adjust: None,
            uncertainty: None,
        }
    }

    /// The last year index of the flow (inclusive), before the horizon cut.
    pub fn last_year(&self) -> i64 {
        self.to_year.unwrap_or(self.from_year)
    }
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// SROI adjustments on a benefit, each a share 0..=1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Adjust {
    /// Share that would have happened anyway.
    #[serde(default)]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub deadweight: f64,
    /// Share due to others.
    #[serde(default)]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub attribution: f64,
    /// Share that only moves elsewhere.
    #[serde(default)]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub displacement: f64,
    /// Share lost per year after `from_year`.
    #[serde(default)]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub drop_off: f64,
}

/// The distribution of a flow's amount.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "distribution", rename_all = "lowercase", deny_unknown_fields)]
pub enum Distribution {
    /// Triangular with mode `amount`.
    Triangular {
        /// Lowest value (≤ amount).
        low: f64,
        /// Highest value (≥ amount).
        high: f64,
    },
    /// Beta-PERT with mode `amount`, λ = 4.
    Pert {
        /// Lowest value (≤ amount, < high).
        low: f64,
        /// Highest value (≥ amount).
        high: f64,
    },
    /// Uniform between low and high.
    Uniform {
        /// Lowest value (≤ amount).
        low: f64,
        /// Highest value (≥ amount).
        high: f64,
    },
    /// Normal with mean `amount`.
    Normal {
        /// Standard deviation (≥ 0).
        #[schemars(range(min = 0.0))]
        sd: f64,
    },
}

/// The MCA method.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum McaMethod {
    /// Min-max normalised weighted sum.
    #[default]
    WeightedSum,
    /// TOPSIS: relative closeness to the ideal.
    Topsis,
    /// PROMETHEE II net outranking flow.
    Promethee2,
}

impl McaMethod {
    /// The name as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            McaMethod::WeightedSum => "weighted_sum",
            McaMethod::Topsis => "topsis",
            McaMethod::Promethee2 => "promethee2",
        }
    }
}

/// MCA settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mca {
    /// How scores are combined.
    #[serde(default)]
    pub method: McaMethod,
    /// PROMETHEE preference function per criterion (`usual` when absent).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub preference: IndexMap<String, Preference>,
    /// Weights from a pairwise-comparison matrix.
    #[serde(default, skip_serializing_if = "std::option::Option::is_none")]
    pub ahp: Option<Ahp>,
}

impl Mca {
    fn is_default(&self) -> bool {
        *self == Mca::default()
    }
}

/// A PROMETHEE preference function.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum Preference {
    /// P = 1 if d > 0 else 0.
    Usual,
    /// Linear between indifference q and preference p.
    Linear {
        /// Indifference threshold (0 ≤ q < p).
        q: f64,
        /// Preference threshold.
        p: f64,
    },
}

/// An AHP pairwise-comparison matrix over all criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ahp {
    /// Criterion ids, the order of the matrix rows and columns.
    pub criteria: Vec<String>,
    /// Positive reciprocal matrix: m[i][j] · m[j][i] = 1, diagonal 1.
    pub matrix: Vec<Vec<f64>>,
}

/// One stakeholder's own weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeightSet {
    /// Who holds these weights (gemeente, huurders, ...).
    pub stakeholder: String,
    /// A weight (≥ 0) for every criterion.
    pub weights: IndexMap<String, f64>,
}

/// Monte Carlo settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UncertaintySettings {
    /// Number of iterations.
    #[serde(default = "default_iterations")]
    #[schemars(range(min = 1, max = crate::limits::ITERATIONS.max))]
    pub iterations: i64,
    /// Seed of the random stream.
    #[serde(default = "default_seed")]
    pub seed: u64,
}

/// Default Monte Carlo iterations: 10,000.
pub fn default_iterations() -> i64 {
    10_000
}

/// Default seed: 1.
pub fn default_seed() -> u64 {
    1
}

impl Default for UncertaintySettings {
    fn default() -> Self {
        UncertaintySettings {
            iterations: default_iterations(),
            seed: default_seed(),
        }
    }
}

/// What the portfolio maximises.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Objective {
    /// The options' maatschappelijk saldo.
    #[default]
    Npv,
    /// The options' `value` field.
    Value,
}

/// Budget-constrained choice of a set of options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Portfolio {
    /// What is maximised.
    #[serde(default)]
    pub objective: Objective,
    /// Limits on one actor's undiscounted costs over a range of years.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budgets: Vec<Budget>,
    /// Sets of mutually exclusive options (e.g. per complex).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// `[B, A]`: B only with A.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<[String; 2]>,
    /// Pairs never chosen together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excludes: Vec<[String; 2]>,
    /// Extra value when all of a set of options are chosen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synergies: Vec<Synergy>,
}

/// A limit on one actor's undiscounted costs in a range of years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Whose costs.
    pub actor: String,
    /// First year index.
    #[schemars(range(min = 0))]
    pub from_year: i64,
    /// Last year index (inclusive).
    pub to_year: i64,
    /// Euros (≥ 0).
    #[schemars(range(min = 0.0))]
    pub max: f64,
}

/// Mutually exclusive options: at most one is chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// E.g. the complex.
    pub id: String,
    /// Option ids.
    pub options: Vec<String>,
}

/// A bonus when all of a set of options are chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Synergy {
    /// Option ids (at least two).
    pub options: Vec<String>,
    /// Added to the objective; may be negative.
    pub bonus: f64,
}
