//! Step 3: options from the interventiecatalogus (filtered on category,
//! primary process, role and stijgingsroute) or from scratch, packages of
//! options, and the pre-selection: how much each option addresses each
//! problem against its extra cost, to keep the best three to five.

mod additions_view;
mod step3_template;
mod step3_view;
mod units;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use indexmap::IndexMap;
use maud::Markup;
use serde::Deserialize;
use wikken_core::case::CaseDoc;
use wikken_core::case::catalogue::{Template, Unit};
use wikken_core::case::command::{CaseCommand, PreselectRow, Refusal};
use wikken_core::case::merge::Change;
use wikken_core::format;
use wikken_core::model::Category;
use wikken_data::AreaCode;

use super::Loaded;
use super::form::{Fields, FormState};
use super::kit::{CaseForm, Submitted, base, refused, saved, submit};
use super::start::area_aside;
use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};
pub(crate) use units::Units;

/// The catalogue filter (`?categorie=&proces=&rol=&route=`) and version.
#[derive(Debug, Default, Deserialize)]
pub struct Filter {
    categorie: Option<String>,
    proces: Option<String>,
    rol: Option<String>,
    route: Option<String>,
}

pub use wikken_core::case::command::ADDRESS_LABELS;

/// What the pre-selection form showed, per option: how much it addresses
/// each problem, and whether it was kept.
type PreselectBase = IndexMap<String, (IndexMap<String, u8>, bool)>;

fn preselect_base(doc: &CaseDoc) -> PreselectBase {
    doc.options
        .iter()
        .map(|o| (o.spec.id.clone(), (o.addresses.clone(), o.shortlisted)))
        .collect()
}

/// The Dutch label of a category.
pub fn category_label(c: Category) -> &'static str {
    match c {
        Category::Stenen => "Stenen",
        Category::Sociaal => "Sociaal",
        Category::Beleid => "Beleid",
        Category::Combinatie => "Combinatie",
    }
}

async fn templates(app: &AppState, ctx: &Ctx) -> Result<Vec<Template>, AppError> {
    Ok(crate::seed::catalogue(&app.store, &ctx.user.org).await?)
}

async fn units(app: &AppState, ctx: &Ctx, case: &Loaded) -> Result<Units, AppError> {
    let mut total = 0.0;
    for code in &case.doc().area.complexes {
        if let Some(c) = app
            .store
            .complex(
                &ctx.user.org,
                &wikken_storage::ComplexCode::from(code.as_str()),
            )
            .await?
        {
            total += f64::from(c.dwellings);
        }
    }
    let mut units = Units {
        complex_dwellings: (total > 0.0).then_some(total),
        ..Units::default()
    };
    if let Some(code) = case.doc().area.code.as_deref().and_then(AreaCode::parse) {
        let reads = app.cache.reads(&app.store, &ctx.user.org).await?;
        let observed = reads.observations(&code).await?;
        let latest = |indicator: &str| {
            observed
                .iter()
                .filter(|o| o.indicator == indicator)
                .max_by_key(|o| o.year)
                .map(|o| o.value)
        };
        units.dwellings = latest("woningvoorraad");
        units.households = latest("huishoudens");
    }
    Ok(units)
}

/// Step 3's body: the view decided from the case, what was typed, the
/// catalogue and the area's counts, then shown.
pub(crate) fn step3(
    ctx: &Ctx,
    case: &Loaded,
    state: &FormState,
    aside: &Markup,
    catalogue: &[Template],
    filter: &Filter,
    units: Units,
) -> Markup {
    let view = step3_view::build(
        case,
        state,
        catalogue,
        filter,
        units,
        ctx.user.role.can_edit(),
    );
    step3_template::render(ctx, case, state, aside, &view)
}

async fn render(
    app: &AppState,
    ctx: &Ctx,
    case: &Loaded,
    state: &FormState,
    filter: &Filter,
) -> Result<Markup, AppError> {
    let aside = area_aside(app, ctx, case).await?;
    let catalogue = templates(app, ctx).await?;
    let units = units(app, ctx, case).await?;
    Ok(layout::page(
        ctx,
        Section::Cases,
        "Opties",
        step3(ctx, case, state, &aside, &catalogue, filter, units),
    ))
}

/// GET /afwegingen/{id}/opties
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    case: Loaded,
    Query(filter): Query<Filter>,
) -> Result<Markup, AppError> {
    render(&app, &ctx, &case, &FormState::default(), &filter).await
}

/// Submits a step-3 command: back to the options, or the page again with
/// the refusal next to its field (`field` maps domain to form fields).
async fn answer(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    form: &CaseForm,
    command: Result<CaseCommand, Refusal>,
    field: impl Fn(&str) -> String,
) -> Result<Response, AppError> {
    let outcome = match command {
        Ok(command) => submit(app, ctx, id, form, &command, &field).await?,
        Err(refusal) => {
            let case = super::load(app, ctx, id, None).await?;
            let mut state = FormState::from_fields(&form.fields);
            for o in refusal.objections {
                state.error(field(&o.field), o.message);
            }
            Submitted::Refused(Box::new(case), state)
        }
    };
    match outcome {
        Submitted::Saved => Ok(saved(&format!("/afwegingen/{id}/opties"))),
        Submitted::Refused(case, state) => Ok(refused(
            render(app, ctx, &case, &state, &Filter::default()).await?,
        )),
    }
}

/// A count as typed, checked for plausibility unless the user confirmed it.
fn count(fields: &Fields, unit: Unit, units: &Units) -> Result<f64, Refusal> {
    let raw = fields.get("quantity");
    let q = format::parse_number(raw)
        .ok_or_else(|| Refusal::at("option.quantity", format!("\"{raw}\" is geen aantal.")))?;
    match units.implausible(unit, q) {
        Some(warning) if !fields.has("confirm") => Err(Refusal::at("option.quantity", warning)),
        _ => Ok(q),
    }
}

/// POST /afwegingen/{id}/opties/catalogus
pub async fn add_template(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let key = form.fields.get("template").to_string();
    let template = templates(&app, &ctx)
        .await?
        .into_iter()
        .find(|t| t.key == key)
        .ok_or(AppError::NotFound)?;
    let case = super::load(&app, &ctx, &id, None).await?;
    let units = units(&app, &ctx, &case).await?;
    let command = template_command(&template, &form.fields, &units);
    let field = |f: &str| match f {
        "option.quantity" => format!("quantity-{key}"),
        f => f.replace('.', "_"),
    };
    answer(&app, &ctx, &id, &form, command, field).await
}

/// POST /afwegingen/{id}/opties/{option}/aantal
pub async fn set_quantity(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, option)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let case = super::load(&app, &ctx, &id, None).await?;
    let units = units(&app, &ctx, &case).await?;
    let catalogue = templates(&app, &ctx).await?;
    let unit = case
        .doc()
        .option(&option)
        .and_then(|o| o.template.as_deref())
        .and_then(|k| catalogue.iter().find(|t| t.key == k))
        .map_or(Unit::PerDwelling, |t| t.unit);
    let name = format!("quantity.{option}");
    let mut fields: Vec<(String, String)> = form
        .fields
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    fields.push(("quantity".into(), form.fields.get(&name).to_string()));
    let command =
        count(&Fields::new(fields), unit, &units).map(|quantity| CaseCommand::SetQuantity {
            option: option.clone(),
            quantity,
        });
    answer(&app, &ctx, &id, &form, command, |_| name.clone()).await
}

/// The command the form making an option of one's own asks for.
pub(crate) fn blank_command(f: &Fields) -> CaseCommand {
    let category = match f.get("option_category") {
        "sociaal" => Category::Sociaal,
        "beleid" => Category::Beleid,
        _ => Category::Stenen,
    };
    CaseCommand::AddBlankOption {
        name: f.get("option_name").to_string(),
        category,
    }
}

/// The command the form making a package asks for.
pub(crate) fn package_command(f: &Fields) -> CaseCommand {
    CaseCommand::AddPackage {
        name: f.get("package_name").to_string(),
        members: f.all("member"),
    }
}

/// The command the form adding a template asks for: the count as typed
/// (checked against the area's `units`; `confirm` accepts more).
pub(crate) fn template_command(
    template: &Template,
    f: &Fields,
    units: &Units,
) -> Result<CaseCommand, Refusal> {
    let quantity = if template.unit == Unit::PerProject {
        1.0
    } else {
        count(f, template.unit, units)?
    };
    Ok(CaseCommand::AddFromTemplate {
        template: Box::new(template.clone()),
        quantity,
    })
}

/// POST /afwegingen/{id}/opties/nieuw
pub async fn add_blank(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let command = blank_command(&form.fields);
    answer(&app, &ctx, &id, &form, Ok(command), |f| f.replace('.', "_")).await
}

/// POST /afwegingen/{id}/opties/pakket
pub async fn add_package(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let command = package_command(&form.fields);
    answer(&app, &ctx, &id, &form, Ok(command), |f| f.replace('.', "_")).await
}

/// POST /afwegingen/{id}/opties/{option}/verwijderen
pub async fn remove(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, option)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    // A refusal (the option is part of a package) shows next to its
    // "Verwijderen" button.
    let field = format!("verwijderen.{option}");
    let command = CaseCommand::RemoveOption { id: option };
    answer(&app, &ctx, &id, &form, Ok(command), move |_| field.clone()).await
}

/// The command the pre-selection form asks for: per option on the form,
/// how much it addresses each problem and whether it is kept.
pub(crate) fn preselect_command(doc: &CaseDoc, fields: &Fields) -> CaseCommand {
    let was: Option<PreselectBase> = base(fields);
    let rows = doc
        .options
        .iter()
        .filter(|o| was.as_ref().is_none_or(|w| w.contains_key(&o.spec.id)))
        .map(|o| {
            let shown = was.as_ref().and_then(|w| w.get(&o.spec.id));
            PreselectRow {
                option: o.spec.id.clone(),
                addresses: doc
                    .problems
                    .iter()
                    .map(|p| {
                        let v: u8 = fields
                            .get(&format!("adres.{}.{}", o.spec.id, p.id))
                            .parse()
                            .unwrap_or(0)
                            .min(3);
                        let before = shown.map(|(a, _)| a.get(&p.id).copied().unwrap_or(0));
                        (p.id.clone(), Change::from(before, v))
                    })
                    .collect(),
                keep: Change::from(
                    shown.map(|(_, k)| *k),
                    fields.has(&format!("houden.{}", o.spec.id)),
                ),
            }
        })
        .collect();
    CaseCommand::Preselect { rows }
}

/// POST /afwegingen/{id}/voorselectie
pub async fn preselect(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let case = super::load(&app, &ctx, &id, None).await?;
    let command = preselect_command(case.doc(), &form.fields);
    let field = |f: &str| match f.split_once('.') {
        Some(("addresses", rest)) => format!("adres.{rest}"),
        Some(("keep", rest)) => format!("houden.{rest}"),
        _ => f.to_string(),
    };
    answer(&app, &ctx, &id, &form, Ok(command), field).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::case::form::visits_during;
    use wikken_core::case::{CaseArea, DecisionLevel, ParticipantRole};
    use wikken_core::limits;
    use wikken_storage::CaseVersion;

    /// A case as a page shows it: version 1 of 1, decided when `frozen`.
    pub(super) fn shown(doc: CaseDoc, frozen: bool) -> Loaded {
        Loaded {
            id: "c1".into(),
            version: CaseVersion {
                version: 1,
                doc,
                revision: 1,
                frozen_at: frozen.then_some(1_800_000_000),
                created_at: 1_800_000_000,
                created_by: "test".into(),
            },
            current_version: 1,
            saved: false,
            base: crate::pages::case::OWN_BASE,
        }
    }

    /// An afweging with two problems and the options named, of one's own.
    pub(super) fn with_options(names: &[(&str, Category)]) -> CaseDoc {
        let mut d = CaseDoc::new("Vraag", DecisionLevel::Wijk, CaseArea::default(), 2026);
        let owner = d
            .add_participant("Gemeente", ParticipantRole::Beslisser)
            .unwrap();
        d.add_problem("Veel overlast", &owner).unwrap();
        d.add_problem("Hoge woonlasten", &owner).unwrap();
        for (name, category) in names {
            d.add_blank_option(name, *category).unwrap();
        }
        d
    }

    #[test]
    fn the_preselection_of_a_full_afweging_is_linear_in_the_form() {
        let mut d = CaseDoc::new("Vraag", DecisionLevel::Wijk, CaseArea::default(), 2026);
        let owner = d
            .add_participant("Gemeente", ParticipantRole::Beslisser)
            .unwrap();
        for i in 0..limits::PROBLEMS.max {
            d.add_problem(&format!("Probleem {i}"), &owner).unwrap();
        }
        for i in 0..limits::OPTIONS.max {
            d.add_blank_option(&format!("Optie {i}"), Category::Sociaal)
                .unwrap();
        }
        let mut list = Vec::new();
        for o in &d.options {
            for p in &d.problems {
                list.push((format!("adres.{}.{}", o.spec.id, p.id), "2".to_string()));
            }
            list.push((format!("houden.{}", o.spec.id), "on".to_string()));
        }
        let fields = Fields::new(list);
        let size = fields.iter().count();
        let (command, visits) = visits_during(|| preselect_command(&d, &fields));
        d.apply(&command).unwrap();
        assert!(
            d.options
                .iter()
                .all(|o| o.addresses.len() == limits::PROBLEMS.max)
        );
        // a scan per lookup would be about size² / 2 = 5 · 10⁷
        assert!(visits <= size, "{visits} visits for {size} fields");
    }
}
