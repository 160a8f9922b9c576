//! Adding, changing and deleting templates (beheerder only): one form with
//! the template's fields, tags as checkboxes, the flows and PM-posten as
//! table rows (a button adds empty rows, without JavaScript), and errors
//! in Dutch next to each field, keeping what the user typed.

use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use wikken_core::case::catalogue::{PrimaryProcess, Role, Route, STANDARD_ACTORS, Template, Unit};
use wikken_core::case::ids::slug;
use wikken_storage::EventUser;

use super::form::{Errors, FlowRow, PmRow, TemplateForm};
use super::{CATEGORIES, category_label};
use crate::AppState;
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, csrf_field};

/// Empty rows a form offers below the filled ones.
const BLANK_FLOWS: usize = 4;
const BLANK_PM: usize = 2;

fn require_beheerder(ctx: &Ctx) -> Result<(), AppError> {
    if ctx.user.role.can_manage_catalogue() {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

fn check_csrf(csrf: &Csrf, fields: &[(String, String)]) -> Result<(), AppError> {
    let sent = fields
        .iter()
        .find(|(k, _)| k == "_csrf")
        .map_or("", |(_, v)| v.as_str());
    csrf.check(sent)
}

fn error_for<'a>(errors: &'a Errors, id: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|(f, _)| f == id)
        .map(|(_, m)| m.as_str())
}

/// The message under a field, if it has one.
fn field_error(errors: &Errors, id: &str) -> Markup {
    html! {
        @if let Some(m) = error_for(errors, id) {
            p.field-error id=(format!("{id}-fout")) { span.visually-hidden { "Fout: " } (m) }
        }
    }
}

/// Where a row's problem is, for the list above the form: "Kosten en
/// baten, regel 2, bedrag: ".
fn place(id: &str) -> String {
    let row = |prefix: &str| {
        let (i, field) = id.strip_prefix(prefix)?.split_once('-')?;
        Some((i.parse::<usize>().ok()? + 1, field))
    };
    let name = |field: &str| match field {
        "van" => "van jaar".to_string(),
        "tot" => "t/m jaar".to_string(),
        "dropoff" => "drop-off".to_string(),
        "laag" => "ondergrens".to_string(),
        "hoog" => "bovengrens".to_string(),
        "sd" => "standaardafwijking".to_string(),
        other => other.to_string(),
    };
    if let Some((n, field)) = row("stroom-") {
        let field = name(field);
        format!("Kosten en baten, regel {n}, {field}: ")
    } else if let Some((n, field)) = row("pm-") {
        let field = name(field);
        format!("PM-posten, regel {n}, {field}: ")
    } else {
        String::new()
    }
}

/// The column class of a row field (`stroom-3-bedrag` → `c-bedrag`), for widths.
fn column(id: &str) -> String {
    format!("c-{}", id.rsplit('-').next().unwrap_or(id))
}

/// A text input in a table cell, labelled for screen readers.
fn cell(id: &str, value: &str, label: &str, errors: &Errors) -> Markup {
    let bad = error_for(errors, id).is_some();
    html! {
        td class=(column(id)) {
            label.visually-hidden for=(id) { (label) }
            input type="text" id=(id) name=(id) value=(value)
                aria-invalid=[bad.then_some("true")]
                aria-describedby=[bad.then(|| format!("{id}-fout"))];
            (field_error(errors, id))
        }
    }
}

/// A select in a table cell.
fn cell_select(
    id: &str,
    value: &str,
    label: &str,
    options: &[(&str, &str)],
    errors: &Errors,
) -> Markup {
    let bad = error_for(errors, id).is_some();
    html! {
        td class=(column(id)) {
            label.visually-hidden for=(id) { (label) }
            select id=(id) name=(id) aria-invalid=[bad.then_some("true")] {
                @for (v, shown) in options { option value=(v) selected[*v == value] { (shown) } }
            }
            (field_error(errors, id))
        }
    }
}

fn actor_options(none: &'static str) -> Vec<(&'static str, &'static str)> {
    std::iter::once(("", none)).chain(STANDARD_ACTORS).collect()
}

fn flow_row(i: usize, r: &FlowRow, errors: &Errors) -> Markup {
    let id = |f: &str| format!("stroom-{i}-{f}");
    let n = i + 1;
    html! {
        tr {
            (cell_select(&id("partij"), &r.partij, &format!("Partij, regel {n}"), &actor_options("— kies —"), errors))
            (cell_select(&id("soort"), &r.soort, &format!("Kosten of baten, regel {n}"), &[("kosten", "Kosten"), ("baten", "Baten")], errors))
            (cell(&id("omschrijving"), &r.omschrijving, &format!("Omschrijving, regel {n}"), errors))
            (cell(&id("bedrag"), &r.bedrag, &format!("Bedrag per jaar in euro, regel {n}"), errors))
            (cell(&id("van"), &r.van, &format!("Van jaar, regel {n}"), errors))
            (cell(&id("tot"), &r.tot, &format!("Tot en met jaar, regel {n}"), errors))
            (cell(&id("groei"), &r.groei, &format!("Groei per jaar in procent, regel {n}"), errors))
            (cell(&id("deadweight"), &r.deadweight, &format!("Deadweight in procent, regel {n}"), errors))
            (cell(&id("attributie"), &r.attributie, &format!("Attributie in procent, regel {n}"), errors))
            (cell(&id("verplaatsing"), &r.verplaatsing, &format!("Verplaatsing in procent, regel {n}"), errors))
            (cell(&id("dropoff"), &r.dropoff, &format!("Drop-off in procent per jaar, regel {n}"), errors))
            (cell_select(&id("verdeling"), &r.verdeling, &format!("Onzekerheid, regel {n}"),
                &[("", "geen"), ("driehoek", "driehoek"), ("pert", "PERT"), ("uniform", "uniform"), ("normaal", "normaal")], errors))
            (cell(&id("laag"), &r.laag, &format!("Ondergrens, regel {n}"), errors))
            (cell(&id("hoog"), &r.hoog, &format!("Bovengrens, regel {n}"), errors))
            (cell(&id("sd"), &r.sd, &format!("Standaardafwijking, regel {n}"), errors))
        }
    }
}

fn pm_row(i: usize, r: &PmRow, errors: &Errors) -> Markup {
    let id = |f: &str| format!("pm-{i}-{f}");
    let n = i + 1;
    html! {
        tr {
            (cell(&id("omschrijving"), &r.omschrijving, &format!("PM-post, regel {n}"), errors))
            (cell_select(&id("partij"), &r.partij, &format!("Voor wie, regel {n}"), &actor_options("onbekend"), errors))
            (cell_select(&id("teken"), &r.teken, &format!("Teken, regel {n}"), &[("+", "positief (+)"), ("-", "negatief (−)"), ("0", "onbekend (0)")], errors))
            (cell(&id("toelichting"), &r.toelichting, &format!("Toelichting, regel {n}"), errors))
        }
    }
}

/// A group of checkboxes for tags.
fn checks(
    name: &str,
    legend: &str,
    all: &[(&'static str, &'static str)],
    chosen: &[String],
    errors: &Errors,
) -> Markup {
    html! {
        fieldset.field id=(name) {
            legend { (legend) }
            div.checks {
                @for (v, shown) in all {
                    @let id = format!("{name}-{v}");
                    span { input type="checkbox" id=(id) name=(name) value=(v) checked[chosen.iter().any(|c| c == v)]; " " label for=(id) { (shown) } }
                }
            }
            (field_error(errors, name))
        }
    }
}

fn text_field(id: &str, label: &str, value: &str, hint: Option<&str>, errors: &Errors) -> Markup {
    let bad = error_for(errors, id).is_some();
    html! {
        div.field {
            label for=(id) { (label) @if let Some(h) = hint { " " span.hint { (h) } } }
            input type="text" id=(id) name=(id) value=(value) aria-invalid=[bad.then_some("true")];
            (field_error(errors, id))
        }
    }
}

fn area_field(id: &str, label: &str, value: &str, errors: &Errors) -> Markup {
    let bad = error_for(errors, id).is_some();
    html! {
        div.field {
            label for=(id) { (label) }
            textarea id=(id) name=(id) rows="4" aria-invalid=[bad.then_some("true")] { (value) }
            (field_error(errors, id))
        }
    }
}

fn form_page(
    ctx: &Ctx,
    form: &TemplateForm,
    errors: &Errors,
    existing: Option<&Template>,
) -> Markup {
    let (title, action) = match existing {
        Some(t) => (
            format!("{} bewerken", t.name),
            format!("/catalogus/{}/bewerken", t.key),
        ),
        None => (
            "Sjabloon toevoegen".to_string(),
            "/catalogus/nieuw".to_string(),
        ),
    };
    let tags = |all: Vec<(&'static str, &'static str)>| all;
    html! {
        h1 { (title) }
        @if !errors.is_empty() {
            div.notice.notice-error role="alert" {
                h2 { "Niet opgeslagen" }
                p { "Verbeter het volgende; wat u invulde staat er nog." }
                ul { @for (f, m) in errors { li { a href=(format!("#{f}")) { (place(f)) (m) } } } }
            }
        }
        form.catalogue-form method="post" action=(action) novalidate {
            (csrf_field(ctx))
            (text_field("naam", "Naam", &form.naam, None, errors))
            div.field {
                label for="categorie" { "Categorie" }
                select #categorie name="categorie" aria-invalid=[error_for(errors, "categorie").map(|_| "true")] {
                    @for c in CATEGORIES { option value=(c.as_str()) selected[form.categorie == c.as_str()] { (category_label(c)) } }
                }
                (field_error(errors, "categorie"))
            }
            (area_field("beschrijving", "Beschrijving: wat het is en doet", &form.beschrijving, errors))
            div.field {
                label for="eenheid" { "Eenheid " span.hint { "(waarover de bedragen gaan)" } }
                select #eenheid name="eenheid" {
                    @for u in Unit::ALL { option value=(u.as_str()) selected[form.eenheid == u.as_str()] { (u.label()) } }
                }
                (field_error(errors, "eenheid"))
            }
            (text_field("aantal", "Typisch aantal", &form.aantal, Some("(woningen of huishoudens in een buurt; 1 voor een project)"), errors))
            (checks("proces", "Primair proces", &tags(PrimaryProcess::ALL.iter().map(|p| (p.as_str(), p.label())).collect()), &form.processen, errors))
            (checks("rol", "Rol van de corporatie", &tags(Role::ALL.iter().map(|r| (r.as_str(), r.label())).collect()), &form.rollen, errors))
            (checks("route", "Stijgingsroute (alleen sociaal)", &tags(Route::ALL.iter().map(|r| (r.as_str(), r.label())).collect()), &form.routes, errors))
            h2 #stromen tabindex="-1" { "Kosten en baten per jaar" }
            p { "Per regel een bedrag per jaar voor één partij, per eenheid, in prijzen van het startjaar. Jaar 0 is het startjaar. Groei en correcties in procenten; de correcties (deadweight, attributie, verplaatsing, drop-off) gelden alleen voor baten. Laat een regel leeg om hem over te slaan." }
            (field_error(errors, "stromen"))
            (layout::table_wrap("Kosten en baten per jaar", html! { table.rows data-row-prefix="stroom" {
                thead { tr {
                    th scope="col" { "Partij" } th scope="col" { "Soort" } th scope="col" { "Omschrijving" } th scope="col" { "Bedrag (€)" }
                    th scope="col" { "Van jaar" } th scope="col" { "T/m jaar" } th scope="col" { "Groei (%)" }
                    th scope="col" { "Deadweight (%)" } th scope="col" { "Attributie (%)" } th scope="col" { "Verplaatsing (%)" } th scope="col" { "Drop-off (%)" }
                    th scope="col" { "Onzekerheid" } th scope="col" { "Laag (€)" } th scope="col" { "Hoog (€)" } th scope="col" { "Sd (€)" }
                } }
                tbody { @for (i, r) in form.stromen.iter().enumerate() { (flow_row(i, r, errors)) } }
            } }))
            h2 { "PM-posten" }
            p { "Effecten die niet in geld zijn uitgedrukt, maar wel meewegen." }
            (layout::table_wrap("PM-posten", html! { table.rows data-row-prefix="pm" {
                thead { tr { th scope="col" { "Omschrijving" } th scope="col" { "Voor wie" } th scope="col" { "Teken" } th scope="col" { "Toelichting" } } }
                tbody { @for (i, r) in form.pm.iter().enumerate() { (pm_row(i, r, errors)) } }
            } }))
            (area_field("bron", "Bron: waar de cijfers vandaan komen en hoe zeker ze zijn", &form.bron, errors))
            div.actions {
                button type="submit" { "Opslaan" }
                button.button-secondary type="submit" name="actie" value="meer-rijen" { "Meer lege regels" }
                a href=(existing.map_or("/catalogus".to_string(), |t| format!("/catalogus/{}", t.key))) { "Annuleren" }
            }
        }
    }
}

fn page(ctx: &Ctx, form: &TemplateForm, errors: &Errors, existing: Option<&Template>) -> Markup {
    let title = existing.map_or("Sjabloon toevoegen".to_string(), |t| {
        format!("{} bewerken", t.name)
    });
    let crumbs = match existing {
        Some(t) => layout::breadcrumbs(&[
            ("Catalogus", Some("/catalogus".into())),
            (&t.name, Some(format!("/catalogus/{}", t.key))),
            ("Bewerken", None),
        ]),
        None => layout::breadcrumbs(&[
            ("Catalogus", Some("/catalogus".into())),
            ("Sjabloon toevoegen", None),
        ]),
    };
    layout::page(
        ctx,
        Section::Catalogue,
        &title,
        html! { (crumbs) (form_page(ctx, form, errors, existing)) },
    )
}

async fn existing(app: &AppState, ctx: &Ctx, key: &str) -> Result<Template, AppError> {
    app.store
        .template(&ctx.user.org, key)
        .await?
        .ok_or(AppError::NotFound)
}

/// Saves the form, or shows it again with its problems.
async fn submit(
    app: &AppState,
    ctx: &Ctx,
    form: TemplateForm,
    existing: Option<&Template>,
) -> Result<Response, AppError> {
    if form.more_rows {
        let form = form.with_blank_rows(BLANK_FLOWS + 3, BLANK_PM + 1);
        return Ok(page(ctx, &form, &Errors::new(), existing).into_response());
    }
    let key = existing.map_or_else(|| slug(&form.naam), |t| t.key.clone());
    let mut errors = Errors::new();
    if existing.is_none()
        && !form.naam.trim().is_empty()
        && app.store.template(&ctx.user.org, &key).await?.is_some()
    {
        errors.push((
            "naam".into(),
            format!(
                "Er is al een sjabloon met deze naam (sleutel \"{key}\"); kies een andere naam."
            ),
        ));
    }
    let template = match form.read(&key) {
        Ok(t) => Some(t),
        Err(e) => {
            let taken = !errors.is_empty();
            errors.extend(e.into_iter().filter(|(f, _)| !(taken && f == "naam")));
            None
        }
    };
    match template {
        Some(mut t) if errors.is_empty() => {
            // what the form does not show (restwaarde, ijkpunt, shared
            // outcomes) stays, as far as its flows and PM-posten still exist
            t.basis = existing.map(|e| e.basis.kept_for(&t)).unwrap_or_default();
            let user = EventUser {
                id: ctx.user.id.to_string(),
                name: ctx.user.name.clone(),
            };
            app.store.save_template(&ctx.user.org, &user, &t).await?;
            Ok(Redirect::to(&format!("/catalogus/{}?opgeslagen=1", t.key)).into_response())
        }
        _ => {
            let form = form.with_blank_rows(1, 1);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(ctx, &form, &errors, existing),
            )
                .into_response())
        }
    }
}

/// GET /catalogus/nieuw
pub async fn new(ctx: Ctx) -> Result<Markup, AppError> {
    require_beheerder(&ctx)?;
    let form = TemplateForm {
        categorie: "sociaal".into(),
        eenheid: Unit::PerProject.as_str().into(),
        aantal: "1".into(),
        ..TemplateForm::default()
    }
    .with_blank_rows(BLANK_FLOWS + 1, BLANK_PM);
    Ok(page(&ctx, &form, &Errors::new(), None))
}

/// POST /catalogus/nieuw
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, &fields)?;
    require_beheerder(&ctx)?;
    submit(&app, &ctx, TemplateForm::from_fields(&fields), None).await
}

/// GET /catalogus/{key}/bewerken
pub async fn edit(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
) -> Result<Markup, AppError> {
    require_beheerder(&ctx)?;
    let t = existing(&app, &ctx, &key).await?;
    let form = TemplateForm::from_template(&t).with_blank_rows(BLANK_FLOWS, BLANK_PM);
    Ok(page(&ctx, &form, &Errors::new(), Some(&t)))
}

/// POST /catalogus/{key}/bewerken
pub async fn update(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(key): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, &fields)?;
    require_beheerder(&ctx)?;
    let t = existing(&app, &ctx, &key).await?;
    submit(&app, &ctx, TemplateForm::from_fields(&fields), Some(&t)).await
}

/// GET /catalogus/{key}/verwijderen: asks to confirm.
pub async fn confirm_delete(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
) -> Result<Markup, AppError> {
    require_beheerder(&ctx)?;
    let t = existing(&app, &ctx, &key).await?;
    Ok(layout::page(
        &ctx,
        Section::Catalogue,
        &format!("{} verwijderen", t.name),
        html! {
            (layout::breadcrumbs(&[("Catalogus", Some("/catalogus".into())), (&t.name, Some(format!("/catalogus/{}", t.key))), ("Verwijderen", None)]))
            h1 { "Sjabloon " (t.name) " verwijderen?" }
            p { "Het sjabloon verdwijnt uit de catalogus van de hele organisatie. Afwegingen die het al gebruiken, houden hun eigen kopie van de bedragen. De geschiedenis blijft bewaard." }
            form method="post" action=(format!("/catalogus/{}/verwijderen", t.key)) {
                (csrf_field(&ctx))
                div.actions {
                    button type="submit" { "Verwijderen" }
                    a href=(format!("/catalogus/{}", t.key)) { "Annuleren" }
                }
            }
        },
    ))
}

/// POST /catalogus/{key}/verwijderen
pub async fn delete(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(key): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, &fields)?;
    require_beheerder(&ctx)?;
    let user = EventUser {
        id: ctx.user.id.to_string(),
        name: ctx.user.name.clone(),
    };
    if !app
        .store
        .delete_template(&ctx.user.org, &user, &key)
        .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/catalogus").into_response())
}
