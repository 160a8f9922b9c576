//! The list of afwegingen, starting one (from a monitor page or from
//! scratch), and importing a model file as a new afweging.

use std::collections::HashMap;

use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use wikken_core::case::{CaseArea, CaseDoc, DecisionLevel};
use wikken_data::caps::{MAX_CASE_FILE_BYTES, MAX_FORM_BYTES};
use wikken_data::{AreaCode, AreaLevel};

use super::form::{Fields, FormState, text_input};
use super::{event_user, may_edit};
use crate::AppState;
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, csrf_field};
use crate::{multipart, parsing};

/// `?gebied=CODE&complex=C1&complex=C2`: where a new afweging is about.
#[derive(Debug, Default, Deserialize)]
pub struct Origin {
    gebied: Option<String>,
    complex: Option<String>,
}

/// The area an afweging is about, as people name it: "Buurt Molenhoek"
/// (the code when the area is not in the organisation's data, "–" for none).
fn area_label(c: &wikken_storage::CaseRow) -> String {
    let Some(code) = c.area_code.as_deref() else {
        return "–".to_string();
    };
    match (&c.area_name, wikken_data::AreaCode::parse(code)) {
        (Some(name), Some(parsed)) => {
            format!("{} {name}", super::super::level_name(parsed.level()))
        }
        (Some(name), None) => name.clone(),
        (None, _) => code.to_string(),
    }
}

/// GET /afwegingen
pub async fn index(State(app): State<AppState>, ctx: Ctx) -> Result<Markup, AppError> {
    let cases = app.store.cases(&ctx.user.org).await?;
    let body = html! {
        h1 { "Afwegingen" }
        p.lead { "Een afweging is één beslisvraag, van probleem tot besluit: opties in stenen, sociaal en beleid, wie betaalt en wie wint, de weging per partij en de onzekerheid. Start er een vanaf de kaart of een buurt, of hier." }
        @if ctx.user.role.can_edit() {
            p { a.button href="/afwegingen/nieuw" { "Nieuwe afweging" } }
        }
        @if cases.is_empty() {
            p { "Er zijn nog geen afwegingen." }
        } @else {
            (layout::table_wrap("Afwegingen", html! { table {
                caption { "Afwegingen van " (ctx.org_name) ", laatst gewijzigd eerst" }
                thead { tr { th scope="col" { "Vraag" } th scope="col" { "Gebied" } th.num scope="col" { "Versie" } th scope="col" { "Stand" } th scope="col" { "Gestart door" } th scope="col" { "Gewijzigd" } } }
                tbody {
                    @for c in &cases {
                        tr {
                            td { a href=(format!("/afwegingen/{}", c.id)) { (c.title) } }
                            td { (area_label(c)) }
                            td.num { (c.current_version) }
                            td { @if c.decided { span.badge.badge-decided { "Besloten" } } @else { span.badge { "Concept" } } }
                            td { (c.created_by) }
                            td { (crate::dates::when(c.updated_at)) }
                        }
                    }
                }
            } }))
        }
        @if ctx.user.role.can_edit() {
            h2 { "Een modelbestand importeren" }
            p { "Een afwegingsmodel (JSON, versie 1) uit Wikken of van een collega wordt een nieuwe afweging met dezelfde opties, stromen, criteria en weging." }
            form method="post" action="/afwegingen/import" enctype="multipart/form-data" {
                (csrf_field(&ctx))
                div.field {
                    label for="model" { "Modelbestand" }
                    input #model type="file" name="model" accept=".json,application/json" required;
                }
                button type="submit" { "Importeren" }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Cases, "Afwegingen", body))
}

/// What the new-afweging form is about, resolved.
struct Subject {
    area: Option<(AreaCode, String)>,
    complexes: Vec<wikken_storage::ComplexRow>,
}

async fn subject(app: &AppState, ctx: &Ctx, code: &str) -> Result<Option<Subject>, AppError> {
    let Some(code) = AreaCode::parse(code.trim()) else {
        return Ok(None);
    };
    let reads = app.cache.reads(&app.store, &ctx.user.org).await?;
    let Some(area) = reads.area(&code).await? else {
        return Ok(None);
    };
    let complexes = if code.level() == AreaLevel::Buurt {
        reads.complexes_in_buurt(&code).await?.to_vec()
    } else {
        Vec::new()
    };
    let name = format!(
        "{} {}",
        super::super::level_name(area.level).to_lowercase(),
        area.name
    );
    Ok(Some(Subject {
        area: Some((code, name)),
        complexes,
    }))
}

fn new_form(
    ctx: &Ctx,
    state: &FormState,
    subject: &Option<Subject>,
    code: &str,
    selected: &[String],
) -> Markup {
    let level_default = match subject
        .as_ref()
        .and_then(|s| s.area.as_ref())
        .map(|a| a.0.level())
    {
        Some(AreaLevel::Gemeente) => "portefeuille",
        _ if !selected.is_empty() => "complex",
        _ => "wijk",
    };
    let level = state.value("level", || level_default.to_string());
    html! {
        h1 { "Nieuwe afweging" }
        (state.summary())
        form method="post" action="/afwegingen/nieuw" {
            (csrf_field(ctx))
            (text_input(state, "question", "De beslisvraag", "", "Wat wilt u besluiten? Bijv. \"Hoe keren we de neergang in Molenhoek, en wie doet wat?\""))
            div.field {
                label for="gebied" { "Gebied (CBS-code)" }
                span.hint { "Een gemeente, wijk of buurt, bijv. WK999901. Leeg laten kan bij een vraag over de hele portefeuille." }
                input #gebied type="text" name="gebied" value=(state.value("gebied", || code.to_string()));
                (state.message("gebied"))
            }
            @if let Some(s) = subject {
                @if let Some((_, name)) = &s.area { p { "Over " strong { (name) } "." } }
                @if !s.complexes.is_empty() {
                    fieldset {
                        legend { "Alleen bepaalde complexen? (optioneel)" }
                        @for c in &s.complexes {
                            div.check {
                                input type="checkbox" name="complex" value=(c.code) id=(format!("c-{}", c.code)) checked[selected.contains(&c.code.0)];
                                label for=(format!("c-{}", c.code)) { (c.code) " " (c.name) " (" (c.dwellings) " woningen)" }
                            }
                        }
                    }
                }
            }
            div.field {
                label for="level" { "Niveau van het besluit" }
                select #level name="level" {
                    @for l in DecisionLevel::ALL {
                        option value=(l.as_str()) selected[l.as_str() == level] { (l.label()) }
                    }
                }
                span.hint { "Met aangevinkte complexen is het niveau Complex." }
                (state.message("level"))
            }
            (text_input(state, "moment", "Beslismoment (optioneel)", "", "Datum als 1-3-2027"))
            (text_input(state, "start_year", "Eerste jaar van de effecten", "2027", ""))
            button type="submit" { "Afweging starten" }
        }
    }
}

/// GET /afwegingen/nieuw
pub async fn new(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(origin): Query<Origin>,
) -> Result<Markup, AppError> {
    may_edit(&ctx)?;
    let code = origin.gebied.unwrap_or_default();
    let subject = subject(&app, &ctx, &code).await?;
    let state = FormState::default();
    let selected: Vec<String> = origin.complex.into_iter().collect();
    Ok(layout::page(
        &ctx,
        Section::Cases,
        "Nieuwe afweging",
        new_form(&ctx, &state, &subject, &code, &selected),
    ))
}

/// The message for a level the form does not offer (a forged or stale form).
pub(crate) fn unknown_level() -> String {
    let levels: Vec<&str> = DecisionLevel::ALL.iter().map(|l| l.label()).collect();
    format!("Kies een niveau uit de lijst: {}.", levels.join(", "))
}

/// POST /afwegingen/nieuw
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    axum::extract::Form(fields): axum::extract::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let fields = Fields::new(fields);
    fields.check(&csrf)?;
    may_edit(&ctx)?;
    let mut state = FormState::from_fields(&fields);
    let question = fields.get("question").trim().to_string();
    if question.is_empty() {
        state.error("question", "Vul de beslisvraag in.");
    } else if let Err(e) = wikken_core::limits::LINE_CHARS.check_text(&question) {
        state.error("question", format!("Te lang: {e}."));
    }
    let code = fields.get("gebied").trim().to_uppercase();
    let subject = subject(&app, &ctx, &code).await?;
    if !code.is_empty() && subject.is_none() {
        state.error(
            "gebied",
            format!("Gebied \"{code}\" staat niet in de gegevens van uw organisatie."),
        );
    }
    // No level sent: the default; a level the form does not offer: named.
    let level = match fields.get("level") {
        "" => DecisionLevel::default(),
        sent => DecisionLevel::parse(sent).unwrap_or_else(|| {
            state.error("level", unknown_level());
            DecisionLevel::default()
        }),
    };
    let moment = fields.get("moment").trim();
    let decision_moment = if moment.is_empty() {
        None
    } else {
        let d = wikken_core::format::parse_date(moment);
        if d.is_none() {
            state.error("moment", wikken_core::case::command::DATE_HINT);
        }
        d
    };
    let start_year = state.number(&fields, "start_year", 1900.0, 2200.0);
    let complexes: Vec<String> = fields
        .all("complex")
        .into_iter()
        .filter(|c| {
            subject
                .as_ref()
                .is_some_and(|s| s.complexes.iter().any(|x| x.code == *c))
        })
        .collect();
    if !complexes.is_empty() && level != DecisionLevel::Complex {
        state.error(
            "level",
            format!(
                "U koos het niveau {} en {} complex(en). Gaat het besluit over die complexen, kies dan het niveau Complex; gaat het over het hele gebied, haal dan de vinkjes bij de complexen weg.",
                level.label(),
                complexes.len()
            ),
        );
    }
    if state.has_errors() {
        let body = new_form(&ctx, &state, &subject, &code, &complexes);
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            layout::page(&ctx, Section::Cases, "Nieuwe afweging", body),
        )
            .into_response());
    }
    let mut doc = CaseDoc::new(
        &question,
        level,
        CaseArea {
            code: subject.and_then(|s| s.area.map(|a| a.0.as_str().to_string())),
            complexes,
        },
        start_year.unwrap_or(2027.0) as i64,
    );
    doc.decision_moment = decision_moment;
    let id = app
        .store
        .create_case(&ctx.user.org, &event_user(&ctx), &doc)
        .await?;
    Ok(Redirect::to(&format!("/afwegingen/{id}")).into_response())
}

/// POST /afwegingen/import: a model file becomes a new afweging.
pub async fn import(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    body: Multipart,
) -> Result<Response, AppError> {
    may_edit(&ctx)?;
    let form = multipart::read(body, CASE_FORM).await?;
    csrf.check(form.text("_csrf"))?;
    let Some(file) = form.files.into_iter().find(|f| f.field == "model") else {
        return Err(AppError::Status(
            StatusCode::BAD_REQUEST,
            "Kies een modelbestand.".into(),
        ));
    };
    let name = file.name;
    let bytes = file.bytes;
    // Parsing and checking the document is CPU work: off the async threads.
    let read = parsing::parse(move || read_upload(&String::from_utf8_lossy(&bytes))).await?;
    let doc = match read {
        Ok(doc) => doc,
        Err(problems) => {
            let body = html! {
                h1 { "Bestand niet geïmporteerd" }
                div.notice.notice-error role="alert" {
                    p { strong { (name) } " is geen geldig afwegingsmodel of geldige afweging. Er is niets opgeslagen." }
                    ul { @for p in problems.iter().take(200) { li { code { (name) ": " (p) } } } }
                    @if problems.len() > 200 { p { "… en nog " (problems.len() - 200) " problemen." } }
                }
                p { a href="/afwegingen" { "Terug naar de afwegingen" } }
            };
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                layout::page(&ctx, Section::Cases, "Import mislukt", body),
            )
                .into_response());
        }
    };
    let id = app
        .store
        .create_case(&ctx.user.org, &event_user(&ctx), &doc)
        .await?;
    Ok(Redirect::to(&format!("/afwegingen/{id}")).into_response())
}

/// What the import of an afweging may send: one file.
const CASE_FORM: multipart::Limits = multipart::Limits {
    body: MAX_CASE_FILE_BYTES + MAX_FORM_BYTES,
    files: 1,
    file_bytes: MAX_CASE_FILE_BYTES,
};

/// Reads an uploaded file: a whole afweging (Wikken's own export, with
/// `doc_version`) or a model file (model-v1). Every problem is named.
pub fn read_upload(text: &str) -> Result<CaseDoc, Vec<String>> {
    // Only the top level's keys are kept: the values are skipped, not built.
    let whole = serde_json::from_str::<HashMap<String, serde::de::IgnoredAny>>(text)
        .ok()
        .is_some_and(|top| top.contains_key("doc_version"));
    if whole {
        let doc: CaseDoc = serde_json::from_str(text)
            .map_err(|e| vec![format!("regel {}, kolom {}: {e}", e.line(), e.column())])?;
        // The limits first: the model of an afweging over them is not built.
        let over = doc.limit_problems();
        if !over.is_empty() {
            return Err(over);
        }
        let problems = wikken_core::validate::validate(&doc.to_model());
        if !problems.is_empty() {
            return Err(problems.iter().map(|p| p.to_string()).collect());
        }
        Ok(doc)
    } else {
        let model = wikken_core::parse_model(text)
            .map_err(|p| p.iter().map(|p| p.to_string()).collect::<Vec<_>>())?;
        Ok(CaseDoc::from_model(&model))
    }
}
