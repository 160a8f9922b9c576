//! What an editor can add on step 3, as data: the catalogue with its
//! filters as chosen and the templates that match them, each with its
//! traits and (per dwelling or household) its count — where it starts,
//! what the area has, the box to confirm a count refused as too many —;
//! an option of one's own; a package of options.

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
fn catalogue(
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

/// An option that can be part of a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Its id (sent).
    pub id: String,
    /// The checkbox's HTML id.
    pub html_id: String,
    /// Its name.
    pub name: String,
    /// Whether it was ticked in a refused form.
    pub ticked: bool,
}

/// What an editor can add: from the catalogue, an option of one's own, a
/// package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Additions {
    /// The catalogue.
    pub catalogue: Catalogue,
    /// Where an option of one's own is made.
    pub new_action: String,
    /// Its categories, the typed one chosen.
    pub categories: Vec<SelectOption>,
    /// Where a package is made, with the options it can hold; `None` with
    /// fewer than two options that are not packages.
    pub package: Option<(String, Vec<Member>)>,
}

/// What an editor can add, the catalogue filtered as asked.
pub fn build(
    case: &Loaded,
    state: &FormState,
    catalogue: &[Template],
    filter: &Filter,
    units: Units,
) -> Additions {
    let doc = case.doc();
    let url = case.url();
    let members: Vec<Member> = doc
        .options
        .iter()
        .filter(|o| !o.is_package())
        .map(|o| Member {
            id: o.spec.id.clone(),
            html_id: format!("m-{}", o.spec.id),
            name: o.spec.name.clone(),
            ticked: state.ticked("member", &o.spec.id),
        })
        .collect();
    Additions {
        catalogue: self::catalogue(case, state, catalogue, filter, units),
        new_action: format!("{url}/opties/nieuw"),
        categories: CATEGORIES
            .iter()
            .map(|c| {
                let typed = state.typed("option_category") == Some(c.as_str());
                SelectOption::new(c.as_str(), category_label(*c), typed)
            })
            .collect(),
        package: (members.len() >= 2).then(|| (format!("{url}/opties/pakket"), members)),
    }
}

#[cfg(test)]
mod tests {
    use wikken_core::case::CaseDoc;
    use wikken_core::case::catalogue::default_templates;

    use super::*;
    use crate::pages::case::options::tests::{shown, with_options};

    fn filter(categorie: &str, proces: &str, rol: &str, route: &str) -> Filter {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Filter {
            categorie: some(categorie),
            proces: some(proces),
            rol: some(rol),
            route: some(route),
        }
    }

    fn catalogue(filter: &Filter, state: &FormState, units: Units) -> Catalogue {
        super::catalogue(
            &shown(with_options(&[]), false),
            state,
            &default_templates(),
            filter,
            units,
        )
    }

    fn selected(c: &Catalogue) -> Vec<(&str, &str)> {
        c.filters
            .iter()
            .flat_map(|f| {
                f.options
                    .iter()
                    .filter(|o| o.selected)
                    .map(|o| (f.name, o.value.as_str()))
            })
            .collect()
    }

    fn template(unit: Unit) -> Template {
        default_templates()
            .into_iter()
            .find(|t| t.unit == unit)
            .unwrap()
    }

    #[test]
    fn the_filters_keep_only_matching_templates_and_show_the_choice() {
        let all = default_templates();
        let c = catalogue(
            &filter("stenen", "", "", ""),
            &FormState::default(),
            Units::default(),
        );
        let stenen = all
            .iter()
            .filter(|t| t.category == Category::Stenen)
            .count();
        assert!(stenen > 0 && stenen < all.len());
        assert_eq!(c.templates.len(), stenen);
        assert!(c.templates.iter().all(|t| t.category == "Stenen"));
        assert_eq!(selected(&c), [("categorie", "stenen")]);
        assert_eq!(c.filter_action, "/afwegingen/c1/opties");
        assert_eq!(c.add_action, "/afwegingen/c1/opties/catalogus");

        let c = catalogue(
            &filter("sociaal", "verhuren", "", "werken"),
            &FormState::default(),
            Units::default(),
        );
        let expected: Vec<&str> = all
            .iter()
            .filter(|t| {
                t.category == Category::Sociaal
                    && t.processes.contains(&PrimaryProcess::Verhuren)
                    && t.routes.contains(&Route::Werken)
            })
            .map(|t| t.key.as_str())
            .collect();
        let keys: Vec<&str> = c.templates.iter().map(|t| t.key.as_str()).collect();
        assert!(!expected.is_empty());
        assert_eq!(keys, expected);
        assert_eq!(
            selected(&c),
            [
                ("categorie", "sociaal"),
                ("proces", "verhuren"),
                ("route", "werken")
            ]
        );
    }

    #[test]
    fn unknown_filter_values_filter_nothing() {
        let c = catalogue(
            &filter("combinatie", "zorg", "eigenaar", "sport"),
            &FormState::default(),
            Units::default(),
        );
        assert_eq!(c.templates.len(), default_templates().len());
        assert!(selected(&c).is_empty());
        // combinatie is a package's category, not one to pick
        let soort: Vec<&str> = c.filters[0]
            .options
            .iter()
            .map(|o| o.value.as_str())
            .collect();
        assert_eq!(soort, ["stenen", "sociaal", "beleid"]);
    }

    #[test]
    fn a_count_starts_at_what_the_area_has_and_says_so() {
        let units = Units {
            complex_dwellings: Some(184.0),
            dwellings: Some(2567.0),
            households: Some(2540.0),
        };
        let per_dwelling = template(Unit::PerDwelling);
        let c = catalogue(&Filter::default(), &FormState::default(), units);
        let entry = |key: &str| c.templates.iter().find(|t| t.key == key).unwrap();
        let q = entry(&per_dwelling.key).quantity.clone().unwrap();
        assert_eq!(
            q,
            QuantityField {
                id: format!("quantity-{}", per_dwelling.key),
                label: "Aantal woningen".into(),
                hint: Some("In dit gebied: 184".into()),
                value: "184".into(),
                confirm: None,
            }
        );
        let per_household = template(Unit::PerHousehold);
        let q = entry(&per_household.key).quantity.clone().unwrap();
        assert_eq!(q.label, "Aantal huishoudens");
        assert_eq!(q.hint.as_deref(), Some("In dit gebied: 2.540"));
        assert_eq!(
            q.value,
            format!("{}", per_household.typical_quantity.min(2540.0).round())
        );
        assert_eq!(entry(&template(Unit::PerProject).key).quantity, None);

        // without complexes the area's dwellings, typed without a dot
        let c = catalogue(
            &Filter::default(),
            &FormState::default(),
            Units {
                complex_dwellings: None,
                ..units
            },
        );
        let q = c
            .templates
            .iter()
            .find(|t| t.key == per_dwelling.key)
            .and_then(|t| t.quantity.clone())
            .unwrap();
        assert_eq!(q.value, "2567");
        assert_eq!(q.hint.as_deref(), Some("In dit gebied: 2.567"));
    }

    #[test]
    fn a_refused_count_keeps_what_was_typed_and_asks_to_confirm() {
        let t = template(Unit::PerDwelling);
        let id = format!("quantity-{}", t.key);
        let mut state = FormState::from_fields(&crate::pages::case::form::Fields::new(vec![(
            id.clone(),
            "99999".into(),
        )]));
        state.error(
            id.clone(),
            "99.999 woningen is meer dan de 184 woningen in dit gebied. Klopt dit aantal? Vink dan 'Dit aantal klopt' aan.",
        );
        let c = catalogue(&Filter::default(), &state, Units::default());
        let q = c
            .templates
            .iter()
            .find(|e| e.key == t.key)
            .and_then(|e| e.quantity.clone())
            .unwrap();
        assert_eq!(q.value, "99999");
        assert_eq!(q.confirm, Some(format!("{id}-klopt")));
        // another error on the field does not ask to confirm
        let mut state = FormState::default();
        state.error(id.clone(), "\"veel\" is geen aantal.");
        assert_eq!(confirm_id(&state, &id), None);
    }

    #[test]
    fn a_template_lists_its_processes_roles_and_routes() {
        let t = default_templates()
            .into_iter()
            .find(|t| !t.routes.is_empty() && !t.roles.is_empty())
            .unwrap();
        let e = entry(&t, &FormState::default(), Units::default());
        assert!(
            e.traits
                .starts_with(&format!("{} · ", t.processes[0].label()))
        );
        assert!(
            e.traits
                .contains(&format!("route {} · ", t.routes[0].label().to_lowercase()))
        );
        assert!(e.traits.ends_with(&format!("bedragen {}", t.unit.label())));
        assert_eq!(e.form, format!("catalogus.{}", t.key));
        assert_eq!(
            e.traits.matches(" · ").count(),
            t.processes.len() + t.roles.len() + t.routes.len()
        );
    }

    #[test]
    fn a_package_is_offered_from_two_options_that_are_not_packages() {
        let mut doc = with_options(&[
            ("A", Category::Stenen),
            ("B", Category::Sociaal),
            ("C", Category::Beleid),
        ]);
        let (a, b) = (
            doc.options[0].spec.id.clone(),
            doc.options[1].spec.id.clone(),
        );
        doc.options[2].members = vec![a.clone(), b.clone()];
        let state = FormState::from_fields(&crate::pages::case::form::Fields::new(vec![(
            "member".into(),
            b.clone(),
        )]));
        let add = |doc: CaseDoc| {
            build(
                &shown(doc, false),
                &state,
                &default_templates(),
                &Filter::default(),
                Units::default(),
            )
        };
        let (action, members) = add(doc).package.unwrap();
        assert_eq!(action, "/afwegingen/c1/opties/pakket");
        let listed: Vec<(&str, bool)> = members
            .iter()
            .map(|m| (m.name.as_str(), m.ticked))
            .collect();
        assert_eq!(listed, [("A", false), ("B", true)], "not the package C");
        assert_eq!(members[0].html_id, format!("m-{a}"));

        let one = with_options(&[("A", Category::Stenen)]);
        assert!(add(one).package.is_none());
    }
}
