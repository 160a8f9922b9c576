//! The catalogue on step 3 as data: the filters as chosen, and the
//! templates that match them, each with its traits and (per dwelling or
//! household) its count: where it starts, what the area has, and the box
//! to confirm a count refused as too many.

use wikken_core::case::catalogue::{PrimaryProcess, Role, Route, Template, Unit};
use wikken_core::format;
use wikken_core::model::Category;

use super::units::{Units, unit_word};
use super::{Filter, category_label};
use crate::pages::case::form::{FormState, css_id};
use crate::pages::case::{Loaded, Step};
use crate::pages::select_option::SelectOption;

/// The categories a user picks from (combinatie is a package's).
pub const CATEGORIES: [Category; 3] = [Category::Stenen, Category::Sociaal, Category::Beleid];

/// The catalogue filter as asked: unknown values are no filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Chosen {
    /// Stenen, sociaal or beleid.
    pub category: Option<Category>,
    /// Primary process.
    pub process: Option<PrimaryProcess>,
    /// The corporation's role.
    pub role: Option<Role>,
    /// Stijgingsroute.
    pub route: Option<Route>,
}

impl Chosen {
    /// Reads `?categorie=&proces=&rol=&route=`.
    pub fn of(filter: &Filter) -> Chosen {
        Chosen {
            category: filter.categorie.as_deref().and_then(|c| match c {
                "stenen" => Some(Category::Stenen),
                "sociaal" => Some(Category::Sociaal),
                "beleid" => Some(Category::Beleid),
                _ => None,
            }),
            process: filter.proces.as_deref().and_then(PrimaryProcess::parse),
            role: filter.rol.as_deref().and_then(Role::parse),
            route: filter.route.as_deref().and_then(Route::parse),
        }
    }
}

/// A catalogue filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterSelect {
    /// The query parameter.
    pub name: &'static str,
    /// Its label.
    pub label: &'static str,
    /// Its values (after "alle").
    pub options: Vec<SelectOption>,
}

/// The count field of a template per dwelling or household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuantityField {
    /// The field's id (`quantity-{template}`).
    pub id: String,
    /// "Aantal woningen", "Aantal huishoudens".
    pub label: String,
    /// "In dit gebied: 567", when known.
    pub hint: Option<String>,
    /// The count as typed, or where it starts.
    pub value: String,
    /// The id of the "Dit aantal klopt" box, when refused as too many.
    pub confirm: Option<String>,
}

/// A template of the catalogue, to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateEntry {
    /// Its key (sent).
    pub key: String,
    /// The form's name (`catalogus.{key}`).
    pub form: String,
    /// Its name.
    pub name: String,
    /// "Stenen", "Sociaal", "Beleid".
    pub category: &'static str,
    /// What it is.
    pub description: String,
    /// "Verhuren · Huisvester · route wonen · bedragen per woning".
    pub traits: String,
    /// The count, for amounts per dwelling or household.
    pub quantity: Option<QuantityField>,
}

/// The catalogue with its filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    /// Where the filter form goes.
    pub filter_action: String,
    /// Soort, primair proces, rol, stijgingsroute.
    pub filters: Vec<FilterSelect>,
    /// Where a template is added.
    pub add_action: String,
    /// The templates that match the filters.
    pub templates: Vec<TemplateEntry>,
}

/// The id of the "Dit aantal klopt" box of a count field, when its count
/// was refused as more than the area has.
pub fn confirm_id(state: &FormState, name: &str) -> Option<String> {
    state
        .errors
        .get(name)
        .is_some_and(|e| e.contains("Klopt dit aantal"))
        .then(|| format!("{}-klopt", css_id(name)))
}

/// The options of a filter's select.
fn options<T: Copy + PartialEq>(
    all: &[T],
    chosen: Option<T>,
    key: impl Fn(T) -> &'static str,
    text: impl Fn(T) -> &'static str,
) -> Vec<SelectOption> {
    all.iter()
        .map(|v| SelectOption::new(key(*v), text(*v), chosen == Some(*v)))
        .collect()
}

/// A template of the catalogue with its count field.
fn entry(t: &Template, state: &FormState, units: Units) -> TemplateEntry {
    let mut traits = String::new();
    for p in &t.processes {
        traits.push_str(&format!("{} · ", p.label()));
    }
    for r in &t.roles {
        traits.push_str(&format!("{} · ", r.label()));
    }
    for r in &t.routes {
        traits.push_str(&format!("route {} · ", r.label().to_lowercase()));
    }
    traits.push_str(&format!("bedragen {}", t.unit.label()));
    let quantity = (t.unit != Unit::PerProject).then(|| {
        let id = format!("quantity-{}", t.key);
        QuantityField {
            label: format!("Aantal {}", unit_word(t.unit)),
            hint: units
                .most(t.unit)
                .map(|m| format!("In dit gebied: {}", format::number(m, 0))),
            value: state.value(&id, || {
                format::number(units.default_for(t), 0).replace('.', "")
            }),
            confirm: confirm_id(state, &id),
            id,
        }
    });
    TemplateEntry {
        key: t.key.clone(),
        form: format!("catalogus.{}", t.key),
        name: t.name.clone(),
        category: category_label(t.category),
        description: t.description.clone(),
        traits,
        quantity,
    }
}

/// The catalogue filtered as asked, each template ready to add.
pub fn build(
    case: &Loaded,
    state: &FormState,
    catalogue: &[Template],
    filter: &Filter,
    units: Units,
) -> Catalogue {
    let chosen = Chosen::of(filter);
    let filters = vec![
        FilterSelect {
            name: "categorie",
            label: "Soort",
            options: options(
                &CATEGORIES,
                chosen.category,
                Category::as_str,
                category_label,
            ),
        },
        FilterSelect {
            name: "proces",
            label: "Primair proces",
            options: options(
                PrimaryProcess::ALL,
                chosen.process,
                PrimaryProcess::as_str,
                PrimaryProcess::label,
            ),
        },
        FilterSelect {
            name: "rol",
            label: "Rol van de corporatie",
            options: options(Role::ALL, chosen.role, Role::as_str, Role::label),
        },
        FilterSelect {
            name: "route",
            label: "Stijgingsroute",
            options: options(Route::ALL, chosen.route, Route::as_str, Route::label),
        },
    ];
    let templates = catalogue
        .iter()
        .filter(|t| t.matches(chosen.category, chosen.process, chosen.role, chosen.route))
        .map(|t| entry(t, state, units))
        .collect();
    Catalogue {
        filter_action: case.step_url(Step::Options),
        filters,
        add_action: format!("{}/opties/catalogus", case.url()),
        templates,
    }
}
