//! The interventiecatalogus: the organisation's reusable options
//! (`Template`s) with default costs and effects per actor and year,
//! uncertainty ranges, PM-posten and a source note, tagged so they can be
//! filtered on primary process, the corporation's role and stijgingsroute.

mod basis;
mod defaults;
mod summary;

use serde::{Deserialize, Serialize};

use super::{CaseOption, ids};
use crate::model::{Category, Distribution, Flow, OptionSpec, PmItem};
pub use basis::{Basis, Benchmark, Residual, SharedOutcome};
pub use defaults::default_templates;

/// The standard actors (id, Dutch name) a case and the catalogue use.
pub const STANDARD_ACTORS: [(&str, &str); 10] = [
    ("corporatie", "Woningcorporatie"),
    ("gemeente", "Gemeente"),
    ("huurders", "Huurders"),
    ("zorgverzekeraar", "Zorgverzekeraar"),
    ("politie", "Politie en justitie"),
    ("omwonenden", "Buurtbewoners"),
    ("rijk", "Rijk"),
    ("uwv", "UWV"),
    ("werkgevers", "Werkgevers"),
    ("maatschappij", "Maatschappij"),
];

/// The actor that holds social values that are nobody's cash (CO2,
/// health): it gains, but never pays a share of the costs.
pub const SOCIETY: &str = "maatschappij";

/// The Dutch name of a standard actor.
pub fn standard_actor_name(id: &str) -> Option<&'static str> {
    STANDARD_ACTORS
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, n)| *n)
}

macro_rules! tag_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $stored:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $stored)] $variant,)+
        }

        impl $name {
            /// All values, in the order forms offer them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $stored,)+ }
            }

            /// The Dutch label.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Parses the stored name.
            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}

tag_enum!(
    /// Where in the corporation an intervention sits (primair proces).
    PrimaryProcess {
        /// Verhuren.
        Verhuren = "verhuren", "Verhuren";
        /// Beheren.
        Beheren = "beheren", "Beheren";
        /// Herontwikkeling.
        Herontwikkeling = "herontwikkeling", "Herontwikkeling";
        /// Herhuisvesting.
        Herhuisvesting = "herhuisvesting", "Herhuisvesting";
        /// Aan- en verkoop.
        AanEnVerkoop = "aan_en_verkoop", "Aan- en verkoop";
        /// Werkgeverschap.
        Werkgeverschap = "werkgeverschap", "Werkgeverschap";
    }
);

tag_enum!(
    /// The corporation's role in an intervention (rol van de corporatie).
    Role {
        /// Huisvester.
        Huisvester = "huisvester", "Huisvester";
        /// Opdrachtgever.
        Opdrachtgever = "opdrachtgever", "Opdrachtgever";
        /// Financier.
        Financier = "financier", "Financier";
        /// Werkgever.
        Werkgever = "werkgever", "Werkgever";
        /// Partner.
        Partner = "partner", "Partner";
    }
);

tag_enum!(
    /// The social-mobility route a sociaal intervention serves (stijgingsroute).
    Route {
        /// Wonen.
        Wonen = "wonen", "Wonen";
        /// Leren.
        Leren = "leren", "Leren";
        /// Werken.
        Werken = "werken", "Werken";
        /// Vrije tijd.
        VrijeTijd = "vrije_tijd", "Vrije tijd";
    }
);

/// What a template's amounts are counted per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Per dwelling (woning): multiplied by the number of dwellings.
    PerDwelling,
    /// Per household reached (huishouden).
    PerHousehold,
    /// For the project as a whole.
    #[default]
    PerProject,
}

impl Unit {
    /// All units.
    pub const ALL: [Unit; 3] = [Unit::PerDwelling, Unit::PerHousehold, Unit::PerProject];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::PerDwelling => "per_dwelling",
            Unit::PerHousehold => "per_household",
            Unit::PerProject => "per_project",
        }
    }

    /// The Dutch label ("per woning").
    pub fn label(self) -> &'static str {
        match self {
            Unit::PerDwelling => "per woning",
            Unit::PerHousehold => "per huishouden",
            Unit::PerProject => "per project",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Unit> {
        Self::ALL.into_iter().find(|u| u.as_str() == s)
    }
}

/// One reusable intervention of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// Unique within the organisation (a-z 0-9 _ -).
    pub key: String,
    /// Name shown to users ("Buurtbeheerder").
    pub name: String,
    /// Stenen, sociaal or beleid (never combinatie).
    pub category: Category,
    /// What it is and does, in a few sentences.
    pub description: String,
    /// What the amounts are counted per.
    pub unit: Unit,
    /// A typical quantity (number of dwellings or households) for a buurt.
    #[serde(default = "one")]
    pub typical_quantity: f64,
    /// Primary processes it sits in.
    #[serde(default)]
    pub processes: Vec<PrimaryProcess>,
    /// The corporation's roles in it.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Stijgingsroutes it serves (sociaal only).
    #[serde(default)]
    pub routes: Vec<Route>,
    /// Default costs and effects per actor and year, per unit; year 0 is
    /// the case's start year.
    pub flows: Vec<Flow>,
    /// Effects that are not priced.
    #[serde(default)]
    pub pm: Vec<PmItem>,
    /// Where the figures come from and how sure they are.
    pub source: String,
    /// Restwaarde, ijkpunt, main effect and shared outcomes.
    #[serde(default, skip_serializing_if = "Basis::is_empty")]
    pub basis: Basis,
}

fn one() -> f64 {
    1.0
}

/// Multiplies an amount's distribution by a quantity.
pub(crate) fn scale_distribution(d: &Distribution, q: f64) -> Distribution {
    match *d {
        Distribution::Triangular { low, high } => Distribution::Triangular {
            low: low * q,
            high: high * q,
        },
        Distribution::Pert { low, high } => Distribution::Pert {
            low: low * q,
            high: high * q,
        },
        Distribution::Uniform { low, high } => Distribution::Uniform {
            low: low * q,
            high: high * q,
        },
        Distribution::Normal { sd } => Distribution::Normal { sd: sd * q },
    }
}

impl Template {
    /// An option of a case from this template: every amount and range
    /// multiplied by `quantity` (1 for a per-project template), with an id
    /// not among `taken`.
    pub fn instantiate(&self, quantity: f64, taken: &[&str]) -> CaseOption {
        let q = if self.unit == Unit::PerProject {
            1.0
        } else {
            quantity
        };
        let flows = self
            .flows
            .iter()
            .map(|f| Flow {
                amount: f.amount * q,
                uncertainty: f.uncertainty.as_ref().map(|d| scale_distribution(d, q)),
                ..f.clone()
            })
            .collect();
        CaseOption {
            spec: OptionSpec {
                id: ids::unique(&ids::slug(&self.name), taken),
                name: self.name.clone(),
                category: self.category,
                flows,
                scores: Default::default(),
                pm: self.pm.clone(),
                value: None,
            },
            template: Some(self.key.clone()),
            quantity: (self.unit != Unit::PerProject).then_some(quantity),
            members: Vec::new(),
            addresses: Default::default(),
            shortlisted: true,
            basis: self.basis.clone(),
            note: format!("Uit de catalogus: {}. Bron: {}", self.name, self.source),
        }
    }

    /// The actor ids its flows and PM-posten name.
    pub fn actor_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        let named = self
            .flows
            .iter()
            .map(|f| f.actor.as_str())
            .chain(self.pm.iter().filter_map(|p| p.actor.as_deref()));
        for id in named {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// Whether it matches a filter (each `None` matches everything).
    pub fn matches(
        &self,
        category: Option<Category>,
        process: Option<PrimaryProcess>,
        role: Option<Role>,
        route: Option<Route>,
    ) -> bool {
        category.is_none_or(|c| self.category == c)
            && process.is_none_or(|p| self.processes.contains(&p))
            && role.is_none_or(|r| self.roles.contains(&r))
            && route.is_none_or(|r| self.routes.contains(&r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instantiate_scales_amounts_and_ranges() {
        let t = default_templates()
            .into_iter()
            .find(|t| {
                t.unit == Unit::PerDwelling && t.flows.iter().any(|f| f.uncertainty.is_some())
            })
            .expect("a per-dwelling template with a range");
        let o = t.instantiate(40.0, &[]);
        let (f, g) = t
            .flows
            .iter()
            .zip(&o.spec.flows)
            .find(|(f, _)| f.uncertainty.is_some())
            .unwrap();
        assert_eq!(g.amount, f.amount * 40.0);
        let ends = |d: &Distribution| crate::engine::sampling::ends(0.0, d);
        let (lo, hi) = ends(f.uncertainty.as_ref().unwrap());
        let (glo, ghi) = ends(g.uncertainty.as_ref().unwrap());
        assert!((glo - lo * 40.0).abs() < 1e-6 && (ghi - hi * 40.0).abs() < 1e-6);
        assert_eq!(o.quantity, Some(40.0));
        assert_eq!(o.template.as_deref(), Some(t.key.as_str()));
    }

    #[test]
    fn ids_do_not_clash() {
        let t = &default_templates()[0];
        let a = t.instantiate(1.0, &[]);
        let b = t.instantiate(1.0, &[a.spec.id.as_str()]);
        assert_ne!(a.spec.id, b.spec.id);
    }

    #[test]
    fn default_templates_are_valid_and_cover_the_issue() {
        let all = default_templates();
        let mut keys = std::collections::HashSet::new();
        for t in &all {
            assert!(keys.insert(t.key.clone()), "duplicate key {}", t.key);
            assert!(crate::validate::is_valid_id(&t.key), "{}", t.key);
            assert!(!t.source.trim().is_empty(), "{} has no source", t.key);
            assert_ne!(t.category, Category::Combinatie);
            assert!(!t.flows.is_empty(), "{} has no flows", t.key);
            for id in t.actor_ids() {
                assert!(
                    standard_actor_name(id).is_some(),
                    "{}: unknown actor {id}",
                    t.key
                );
            }
            if t.category != Category::Sociaal {
                assert!(t.routes.is_empty(), "{}: routes are for sociaal", t.key);
            }
        }
        for c in [Category::Stenen, Category::Sociaal, Category::Beleid] {
            assert!(all.iter().any(|t| t.category == c));
        }
    }
}
