//! Step 3: options from the interventiecatalogus (filtered on category,
//! primary process, role and stijgingsroute) or from scratch, packages of
//! options, and the pre-selection: how much each option addresses each
//! problem against its extra cost, to keep the best three to five.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use indexmap::IndexMap;
use maud::{Markup, html};
use serde::Deserialize;
use wikken_core::case::CaseDoc;
use wikken_core::case::catalogue::{PrimaryProcess, Role, Route, Template, Unit};
use wikken_core::case::command::{CaseCommand, PreselectRow, Refusal};
use wikken_core::case::merge::Change;
use wikken_core::engine::mkba;
use wikken_core::format;
use wikken_core::model::Category;
use wikken_data::AreaCode;
use wikken_storage::ComplexCode;

use super::form::{Fields, FormState, text_input};
use super::kit::{
    CaseForm, Step, Submitted, base, base_field, form_fields, refused, saved, submit,
};
use super::start::area_aside;
use super::{Loaded, case_header, submit_button};
use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};

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

/// How many dwellings and households the afweging is about: the chosen
/// complexes' dwellings, and the area's latest counts from the monitor.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Units {
    /// Dwellings in the chosen complexes.
    pub complex_dwellings: Option<f64>,
    /// Dwellings in the area (woningvoorraad).
    pub dwellings: Option<f64>,
    /// Households in the area.
    pub households: Option<f64>,
}

impl Units {
    /// The count a template starts at: for dwellings the complexes' (or
    /// the area's), for households the template's typical reach, never
    /// more than the area has.
    pub fn default_for(&self, t: &Template) -> f64 {
        let q = match t.unit {
            Unit::PerDwelling => self
                .complex_dwellings
                .or(self.dwellings)
                .unwrap_or(t.typical_quantity),
            Unit::PerHousehold => t.typical_quantity,
            Unit::PerProject => 1.0,
        };
        self.most(t.unit).map_or(q, |m| q.min(m)).max(1.0).round()
    }

    /// The most units a template can plausibly reach here, if known.
    pub fn most(&self, unit: Unit) -> Option<f64> {
        match unit {
            Unit::PerDwelling => self.complex_dwellings.or(self.dwellings),
            Unit::PerHousehold => self.households,
            Unit::PerProject => None,
        }
        .filter(|m| *m > 0.0)
    }

    /// A warning when `quantity` is more than the area has.
    pub fn implausible(&self, unit: Unit, quantity: f64) -> Option<String> {
        let most = self.most(unit)?;
        (quantity > most).then(|| {
            let what = if unit == Unit::PerHousehold { "huishoudens" } else { "woningen" };
            format!(
                "{} {what} is meer dan de {} {what} in dit gebied. Klopt dit aantal? Vink dan 'Dit aantal klopt' aan.",
                format::number(quantity, 0),
                format::number(most, 0)
            )
        })
    }
}

async fn units(app: &AppState, ctx: &Ctx, case: &Loaded) -> Result<Units, AppError> {
    let mut total = 0.0;
    for code in &case.doc().area.complexes {
        if let Some(c) = app
            .store
            .complex(&ctx.user.org, &ComplexCode::from(code.as_str()))
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

fn select<T: Copy + PartialEq>(
    name: &str,
    label: &str,
    all: &[T],
    chosen: Option<T>,
    key: impl Fn(T) -> &'static str,
    text: impl Fn(T) -> &'static str,
) -> Markup {
    html! {
        div.field {
            label for=(name) { (label) }
            select id=(name) name=(name) {
                option value="" { "alle" }
                @for v in all { option value=(key(*v)) selected[chosen == Some(*v)] { (text(*v)) } }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn step3(
    ctx: &Ctx,
    case: &Loaded,
    state: &FormState,
    aside: &Markup,
    catalogue: &[Template],
    filter: &Filter,
    units: Units,
) -> Markup {
    let doc = case.doc();
    let url = case.url();
    let edit = case.editable() && ctx.user.role.can_edit();
    let category = filter.categorie.as_deref().and_then(|c| match c {
        "stenen" => Some(Category::Stenen),
        "sociaal" => Some(Category::Sociaal),
        "beleid" => Some(Category::Beleid),
        _ => None,
    });
    let process = filter.proces.as_deref().and_then(PrimaryProcess::parse);
    let role = filter.rol.as_deref().and_then(Role::parse);
    let route = filter.route.as_deref().and_then(Route::parse);
    let shown: Vec<&Template> = catalogue
        .iter()
        .filter(|t| t.matches(category, process, role, route))
        .collect();
    let model = doc.to_model();
    let pv = |o: &wikken_core::case::CaseOption| {
        mkba::option_pv(&model, &doc.option_spec(o), doc.discount_rate)
    };
    html! {
        (case_header(case, Step::Options, aside))
        h1 { "Opties" }
        p.lead { "Alle bedragen zijn verschillen ten opzichte van het nulalternatief. Kies uit de catalogus, begin van nul, of combineer opties tot een pakket. Houd daarna met de voorselectie de beste drie tot vijf over." }
        (state.summary())
        @if doc.options.is_empty() {
            p { "Nog geen opties." }
        } @else {
            form method="post" action=(format!("{url}/voorselectie")) data-warn-unsaved {
                (form_fields(ctx, state, "voorselectie"))
                (base_field(state, &preselect_base(doc)))
                (layout::table_wrap("Voorselectie van de opties", html! { table.preselection {
                    caption { "Voorselectie: hoeveel pakt elke optie elk probleem aan, tegen welke meerkosten (contante waarde van alle kosten)?" }
                    thead { tr {
                        th scope="col" { "Optie" }
                        @for p in &doc.problems { th scope="col" { (p.text) } }
                        th.num scope="col" { "Totaal" }
                        th.num scope="col" { "Meerkosten (CW)" }
                        th.num scope="col" { "Punten per € mln" }
                        th scope="col" { "Houden" }
                        @if edit { th scope="col" { span.visually-hidden { "Acties" } } }
                    } }
                    tbody {
                        @for o in &doc.options {
                            @let total: u32 = doc.problems.iter().map(|p| u32::from(o.addresses.get(&p.id).copied().unwrap_or(0))).sum();
                            @let cost = pv(o).pv_costs;
                            tr {
                                th scope="row" {
                                    a href=(case.sub_url(&format!("effecten/{}", o.spec.id))) { (o.spec.name) }
                                    br; span.muted { (category_label(o.spec.category))
                                        @if o.is_package() { " · pakket van " (o.members.iter().filter_map(|m| doc.option(m)).map(|m| m.spec.name.as_str()).collect::<Vec<_>>().join(" + ")) }
                                        @if let Some(q) = o.quantity { " · " (format::number(q, 0)) " " (o.template.as_deref().and_then(|k| catalogue.iter().find(|t| t.key == k)).map_or("eenheden", |t| if t.unit == Unit::PerHousehold { "huishoudens" } else { "woningen" })) }
                                    }
                                }
                                @for p in &doc.problems {
                                    @let v = o.addresses.get(&p.id).copied().unwrap_or(0);
                                    td {
                                        select name=(format!("adres.{}.{}", o.spec.id, p.id)) aria-label=(format!("{}: {}", o.spec.name, p.text)) disabled[!edit] {
                                            @let typed = state.typed(&format!("adres.{}.{}", o.spec.id, p.id)).and_then(|t| t.parse::<usize>().ok()).unwrap_or(usize::from(v));
                                            @for (k, l) in ADDRESS_LABELS.iter().enumerate() { option value=(k) selected[k == typed] { (k) " " (l) } }
                                        }
                                    }
                                }
                                td.num { (total) }
                                td.num { (format::euro(cost)) }
                                td.num { @if cost > 0.0 { (format::number(f64::from(total) / (cost / 1e6), 1)) } @else { "–" } }
                                @let keep = if state.typed("_which") == Some("voorselectie") { state.ticked(&format!("houden.{}", o.spec.id), "on") } else { o.shortlisted };
                                td { input type="checkbox" name=(format!("houden.{}", o.spec.id)) checked[keep] disabled[!edit] aria-label=(format!("{} houden", o.spec.name)); }
                                @if edit { td { button.link-button type="submit" formaction=(format!("{url}/opties/{}/verwijderen", o.spec.id)) data-confirm=(format!("{} verwijderen? De scores en de voorselectie ervan gaan ook weg.", o.spec.name)) { "Verwijderen" } (state.message(&format!("verwijderen.{}", o.spec.id))) } }
                            }
                        }
                    }
                } }))
                @let kept = doc.shortlist().count();
                p { strong { (kept) } " van de " (doc.options.len()) " opties gaan door naar de weging en de resultaten."
                    @if kept > 5 { " " span.warning { "Meer dan vijf: overweeg er een paar te laten vallen." } }
                    @if kept > 0 && kept < 3 && doc.options.len() >= 3 { " " span.warning { "Minder dan drie: houd een paar alternatieven over om te vergelijken." } }
                }
                (submit_button(case, ctx, "Voorselectie opslaan"))
            }
            @let counted: Vec<&wikken_core::case::CaseOption> = doc.options.iter().filter(|o| o.quantity.is_some()).collect();
            @if edit && !counted.is_empty() {
                section aria-labelledby="aantallen-kop" {
                    h2 #aantallen-kop { "Aantallen" }
                    p.hint { "De bedragen van een optie uit de catalogus gelden per woning of per huishouden. Wijzig het aantal: de kosten en baten schalen mee; de voorselectie en de scores blijven." }
                    @for o in counted {
                        @let name = format!("quantity.{}", o.spec.id);
                        form.inline-form method="post" action=(format!("{url}/opties/{}/aantal", o.spec.id)) {
                            (form_fields(ctx, state, &name))
                            (text_input(state, &name, &o.spec.name, &format::number(o.quantity.unwrap_or(1.0), 0).replace('.', ""), ""))
                            (confirm_box(state, &name))
                            button type="submit" { "Aantal wijzigen" }
                        }
                    }
                }
            }
        }
        @if edit {
            section aria-labelledby="catalogus-kop" {
                h2 #catalogus-kop { "Uit de interventiecatalogus" }
                form.filters method="get" action=(case.step_url(Step::Options)) {
                    (select("categorie", "Soort", &[Category::Stenen, Category::Sociaal, Category::Beleid], category, |c| c.as_str(), category_label))
                    (select("proces", "Primair proces", PrimaryProcess::ALL, process, PrimaryProcess::as_str, PrimaryProcess::label))
                    (select("rol", "Rol van de corporatie", Role::ALL, role, Role::as_str, Role::label))
                    (select("route", "Stijgingsroute", Route::ALL, route, Route::as_str, Route::label))
                    button type="submit" { "Filteren" }
                }
                @if shown.is_empty() { p { "Geen sjablonen met deze kenmerken." } }
                ul.catalogue {
                    @for t in &shown {
                        li {
                            form method="post" action=(format!("{url}/opties/catalogus")) {
                                (form_fields(ctx, state, &format!("catalogus.{}", t.key)))
                                input type="hidden" name="template" value=(t.key);
                                h3 { (t.name) " " span.badge { (category_label(t.category)) } }
                                p { (t.description) }
                                p.muted {
                                    @for p in &t.processes { (p.label()) " · " }
                                    @for r in &t.roles { (r.label()) " · " }
                                    @for r in &t.routes { "route " (r.label().to_lowercase()) " · " }
                                    "bedragen " (t.unit.label())
                                }
                                @if t.unit != Unit::PerProject {
                                    @let name = format!("quantity-{}", t.key);
                                    div.field {
                                        label for=(name) { "Aantal " (if t.unit == Unit::PerHousehold { "huishoudens" } else { "woningen" }) }
                                        @if let Some(m) = units.most(t.unit) { span.hint { "In dit gebied: " (format::number(m, 0)) } }
                                        input type="text" id=(name) name="quantity" inputmode="decimal" value=(state.value(&name, || format::number(units.default_for(t), 0).replace('.', "")));
                                        (state.message(&name))
                                    }
                                    (confirm_box(state, &name))
                                }
                                button type="submit" { "Toevoegen" }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="nieuw-kop" {
                h2 #nieuw-kop { "Een eigen optie" }
                form.inline-form method="post" action=(format!("{url}/opties/nieuw")) data-warn-unsaved {
                    (form_fields(ctx, state, "nieuw"))
                    (text_input(state, "option_name", "Naam", "", ""))
                    div.field {
                        label for="option_category" { "Soort" }
                        select #option_category name="option_category" {
                            @for c in [Category::Stenen, Category::Sociaal, Category::Beleid] { option value=(c.as_str()) selected[state.typed("option_category") == Some(c.as_str())] { (category_label(c)) } }
                        }
                    }
                    button type="submit" { "Optie maken" }
                }
            }
            @if doc.options.iter().filter(|o| !o.is_package()).count() >= 2 {
                section aria-labelledby="pakket-kop" {
                    h2 #pakket-kop { "Een pakket van opties" }
                    p { "Stenen en sociaal gaan vaak samen. Een pakket telt de kosten en baten van zijn onderdelen op; in de portefeuille sluit het zijn eigen onderdelen uit." }
                    form method="post" action=(format!("{url}/opties/pakket")) data-warn-unsaved {
                        (form_fields(ctx, state, "pakket"))
                        (text_input(state, "package_name", "Naam van het pakket", "", ""))
                        fieldset {
                            legend { "Onderdelen" }
                            @for o in doc.options.iter().filter(|o| !o.is_package()) {
                                div.check {
                                    input type="checkbox" name="member" value=(o.spec.id) id=(format!("m-{}", o.spec.id)) checked[state.ticked("member", &o.spec.id)];
                                    label for=(format!("m-{}", o.spec.id)) { (o.spec.name) }
                                }
                            }
                            (state.message("package_members"))
                        }
                        button type="submit" { "Pakket maken" }
                    }
                }
            }
        }
        p { a.button href=(case.step_url(Step::Effects)) { "Verder: effecten" } }
    }
}

/// A checkbox to confirm an implausible count, shown with its warning.
fn confirm_box(state: &FormState, name: &str) -> Markup {
    let id = format!("{}-klopt", super::form::css_id(name));
    html! {
        @if state.errors.get(name).is_some_and(|e| e.contains("Klopt dit aantal")) {
            div.check {
                input type="checkbox" name="confirm" value="on" id=(id);
                label for=(id) { "Dit aantal klopt" }
            }
        }
    }
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
