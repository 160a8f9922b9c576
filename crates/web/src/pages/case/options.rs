//! Step 3: options from the interventiecatalogus (filtered on category,
//! primary process, role and stijgingsroute) or from scratch, packages of
//! options, and the pre-selection: how much each option addresses each
//! problem against its extra cost, to keep the best three to five.

use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use wikken_core::case::CaseDoc;
use wikken_core::case::catalogue::{PrimaryProcess, Role, Route, Template, Unit};
use wikken_core::case::edit::EditError;
use wikken_core::engine::mkba;
use wikken_core::format;
use wikken_core::model::Category;

use super::form::{Fields, FormState, text_input};
use super::start::area_aside;
use super::{EditResult, Loaded, case_header, change, load, submit};
use crate::AppState;
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, csrf_field};

/// The catalogue filter (`?categorie=&proces=&rol=&route=`) and version.
#[derive(Debug, Default, Deserialize)]
pub struct Filter {
    categorie: Option<String>,
    proces: Option<String>,
    rol: Option<String>,
    route: Option<String>,
    versie: Option<i64>,
}

/// The labels of the pre-selection scale.
pub const ADDRESS_LABELS: [&str; 4] = ["niet", "een beetje", "redelijk", "sterk"];

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

/// Dwellings in the case's complexes, as the default quantity.
async fn dwellings(app: &AppState, ctx: &Ctx, case: &Loaded) -> Result<Option<f64>, AppError> {
    let mut total = 0.0;
    for code in &case.doc().area.complexes {
        if let Some(c) = app.store.complex(&ctx.user.org, code).await? {
            total += f64::from(c.dwellings);
        }
    }
    Ok((total > 0.0).then_some(total))
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
    quantity: Option<f64>,
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
        (case_header(case, "opties", aside))
        h1 { "Opties" }
        p.lead { "Alle bedragen zijn verschillen ten opzichte van het nulalternatief. Kies uit de catalogus, begin van nul, of combineer opties tot een pakket. Houd daarna met de voorselectie de beste drie tot vijf over." }
        (state.summary())
        @if doc.options.is_empty() {
            p { "Nog geen opties." }
        } @else {
            form method="post" action=(format!("{url}/voorselectie")) {
                (csrf_field(ctx))
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
                                    a href=(case.step_url(&format!("effecten/{}", o.spec.id))) { (o.spec.name) }
                                    br; span.muted { (category_label(o.spec.category))
                                        @if o.is_package() { " · pakket van " (o.members.iter().filter_map(|m| doc.option(m)).map(|m| m.spec.name.as_str()).collect::<Vec<_>>().join(" + ")) }
                                        @if let Some(q) = o.quantity { " · " (format::number(q, 0)) " eenheden" }
                                    }
                                }
                                @for p in &doc.problems {
                                    @let v = o.addresses.get(&p.id).copied().unwrap_or(0);
                                    td {
                                        select name=(format!("adres.{}.{}", o.spec.id, p.id)) aria-label=(format!("{}: {}", o.spec.name, p.text)) disabled[!edit] {
                                            @for (k, l) in ADDRESS_LABELS.iter().enumerate() { option value=(k) selected[k == usize::from(v)] { (k) " " (l) } }
                                        }
                                    }
                                }
                                td.num { (total) }
                                td.num { (format::euro(cost)) }
                                td.num { @if cost > 0.0 { (format::number(f64::from(total) / (cost / 1e6), 1)) } @else { "–" } }
                                td { input type="checkbox" name=(format!("houden.{}", o.spec.id)) checked[o.shortlisted] disabled[!edit] aria-label=(format!("{} houden", o.spec.name)); }
                                @if edit { td { button.link-button type="submit" formaction=(format!("{url}/opties/{}/verwijderen", o.spec.id)) { "Verwijderen" } } }
                            }
                        }
                    }
                } }))
                @let kept = doc.shortlist().count();
                p { strong { (kept) } " van de " (doc.options.len()) " opties gaan door naar de weging en de resultaten."
                    @if kept > 5 { " " span.warning { "Meer dan vijf: overweeg er een paar te laten vallen." } }
                    @if kept > 0 && kept < 3 && doc.options.len() >= 3 { " " span.warning { "Minder dan drie: houd een paar alternatieven over om te vergelijken." } }
                }
                (submit(case, ctx, "Voorselectie opslaan"))
            }
        }
        @if edit {
            section aria-labelledby="catalogus-kop" {
                h2 #catalogus-kop { "Uit de interventiecatalogus" }
                form.filters method="get" action=(case.step_url("opties")) {
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
                                (csrf_field(ctx))
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
                                        label for=(name) { "Aantal (" (t.unit.label().trim_start_matches("per ")) "en)" }
                                        input type="text" id=(name) name="quantity" inputmode="decimal" value=(state.value(&name, || format::number(quantity.unwrap_or(t.typical_quantity), 0).replace('.', "")));
                                        (state.message(&name))
                                    }
                                }
                                button type="submit" { "Toevoegen" }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="nieuw-kop" {
                h2 #nieuw-kop { "Een eigen optie" }
                form.inline-form method="post" action=(format!("{url}/opties/nieuw")) {
                    (csrf_field(ctx))
                    (text_input(state, "option_name", "Naam", "", ""))
                    div.field {
                        label for="option_category" { "Soort" }
                        select #option_category name="option_category" {
                            @for c in [Category::Stenen, Category::Sociaal, Category::Beleid] { option value=(c.as_str()) { (category_label(c)) } }
                        }
                    }
                    button type="submit" { "Optie maken" }
                }
            }
            @if doc.options.iter().filter(|o| !o.is_package()).count() >= 2 {
                section aria-labelledby="pakket-kop" {
                    h2 #pakket-kop { "Een pakket van opties" }
                    p { "Stenen en sociaal gaan vaak samen. Een pakket telt de kosten en baten van zijn onderdelen op; in de portefeuille sluit het zijn eigen onderdelen uit." }
                    form method="post" action=(format!("{url}/opties/pakket")) {
                        (csrf_field(ctx))
                        (text_input(state, "package_name", "Naam van het pakket", "", ""))
                        fieldset {
                            legend { "Onderdelen" }
                            @for o in doc.options.iter().filter(|o| !o.is_package()) {
                                div.check {
                                    input type="checkbox" name="member" value=(o.spec.id) id=(format!("m-{}", o.spec.id));
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
        p { a.button href=(case.step_url("effecten")) { "Verder: effecten" } }
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
    let quantity = dwellings(app, ctx, case).await?;
    Ok(layout::page(
        ctx,
        Section::Cases,
        "Opties",
        step3(ctx, case, state, &aside, &catalogue, filter, quantity),
    ))
}

/// GET /afwegingen/{id}/opties
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(filter): Query<Filter>,
) -> Result<Markup, AppError> {
    let case = load(&app, &ctx, &id, filter.versie).await?;
    render(&app, &ctx, &case, &FormState::default(), &filter).await
}

async fn finish(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    fields: &Fields,
    result: Result<(), EditError>,
    field_name: impl Fn(&str) -> String,
) -> Result<Response, AppError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/afwegingen/{id}/opties")).into_response()),
        Err(e) => {
            let mut state = FormState::from_fields(fields);
            state.error(field_name(e.field), e.message);
            let case = load(app, ctx, id, None).await?;
            let page = render(app, ctx, &case, &state, &Filter::default()).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// The change the form adding an option from the catalogue asks for.
pub(crate) fn template_edit(
    template: Template,
    fields: &Fields,
) -> impl FnMut(&mut CaseDoc) -> EditResult + use<> {
    let raw = fields.get("quantity").to_string();
    let quantity = if template.unit == Unit::PerProject {
        Some(1.0)
    } else {
        format::parse_number(&raw)
    };
    move |doc| {
        let q = quantity.ok_or(EditError {
            field: "quantity",
            message: format!("\"{raw}\" is geen aantal."),
        })?;
        let oid = doc.add_from_template(&template, q)?;
        Ok(format!(
            "Optie {} toegevoegd uit de catalogus ({})",
            doc.option(&oid).map_or("", |o| o.spec.name.as_str()),
            template.name
        ))
    }
}

/// POST /afwegingen/{id}/opties/catalogus
pub async fn add_template(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields = Fields::new(fields);
    fields.check(&csrf)?;
    let key = fields.get("template").to_string();
    let template = templates(&app, &ctx)
        .await?
        .into_iter()
        .find(|t| t.key == key)
        .ok_or(AppError::NotFound)?;
    let result = change(&app, &ctx, &id, template_edit(template, &fields)).await?;
    finish(&app, &ctx, &id, &fields, result, |f| {
        if f == "quantity" {
            format!("quantity-{key}")
        } else {
            f.to_string()
        }
    })
    .await
}

/// The change the form making an option of one's own asks for.
pub(crate) fn blank_edit(fields: &Fields) -> impl FnMut(&mut CaseDoc) -> EditResult + use<> {
    let name = fields.get("option_name").to_string();
    let category = match fields.get("option_category") {
        "sociaal" => Category::Sociaal,
        "beleid" => Category::Beleid,
        _ => Category::Stenen,
    };
    move |doc| {
        doc.add_blank_option(&name, category)?;
        Ok(format!("Eigen optie {} gemaakt", name.trim()))
    }
}

/// POST /afwegingen/{id}/opties/nieuw
pub async fn add_blank(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields = Fields::new(fields);
    fields.check(&csrf)?;
    let result = change(&app, &ctx, &id, blank_edit(&fields)).await?;
    finish(&app, &ctx, &id, &fields, result, |f| format!("option_{f}")).await
}

/// The change the form making a package asks for.
pub(crate) fn package_edit(fields: &Fields) -> impl FnMut(&mut CaseDoc) -> EditResult + use<> {
    let name = fields.get("package_name").to_string();
    let members = fields.all("member");
    move |doc| {
        doc.add_package(&name, &members)?;
        Ok(format!("Pakket {} gemaakt", name.trim()))
    }
}

/// POST /afwegingen/{id}/opties/pakket
pub async fn add_package(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields = Fields::new(fields);
    fields.check(&csrf)?;
    let result = change(&app, &ctx, &id, package_edit(&fields)).await?;
    finish(&app, &ctx, &id, &fields, result, |f| format!("package_{f}")).await
}

/// POST /afwegingen/{id}/opties/{option}/verwijderen
pub async fn remove(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path((id, option)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields = Fields::new(fields);
    fields.check(&csrf)?;
    let result = change(&app, &ctx, &id, |doc| {
        let o = doc.remove_option(&option)?;
        Ok(format!("Optie {} verwijderd", o.spec.name))
    })
    .await?;
    finish(&app, &ctx, &id, &fields, result, |_| "option_name".into()).await
}

/// The change the pre-selection form asks for.
pub(crate) fn preselect_edit(fields: &Fields) -> impl FnMut(&mut CaseDoc) -> EditResult + use<> {
    let fields = fields.clone();
    move |doc| Ok(preselection(doc, &fields))
}

/// POST /afwegingen/{id}/voorselectie
pub async fn preselect(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields = Fields::new(fields);
    fields.check(&csrf)?;
    let result = change(&app, &ctx, &id, preselect_edit(&fields)).await?;
    finish(&app, &ctx, &id, &fields, result, |f| f.to_string()).await
}

/// Takes the pre-selection form into the afweging: per option and problem
/// how much it addresses it, and whether it is kept. One lookup per
/// option and problem; returns the line of history.
fn preselection(doc: &mut CaseDoc, fields: &Fields) -> String {
    let problems: Vec<String> = doc.problems.iter().map(|p| p.id.clone()).collect();
    for o in &mut doc.options {
        for p in &problems {
            let v: u8 = fields
                .get(&format!("adres.{}.{p}", o.spec.id))
                .parse()
                .unwrap_or(0)
                .min(3);
            if v == 0 {
                o.addresses.shift_remove(p);
            } else {
                o.addresses.insert(p.clone(), v);
            }
        }
        o.shortlisted = fields.has(&format!("houden.{}", o.spec.id));
    }
    let kept: Vec<&str> = doc.shortlist().map(|o| o.spec.name.as_str()).collect();
    format!(
        "Voorselectie: {} gehouden ({})",
        kept.len(),
        kept.join(", ")
    )
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
        let (_, visits) = visits_during(|| preselection(&mut d, &fields));
        assert!(
            d.options
                .iter()
                .all(|o| o.addresses.len() == limits::PROBLEMS.max)
        );
        // a scan per lookup would be about size² / 2 = 5 · 10⁷
        assert!(visits <= size, "{visits} visits for {size} fields");
    }
}
