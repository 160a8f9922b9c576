//! Step 8: the report for bestuur and partners (a printable page, a PDF and
//! an XLSX workbook), and the afweging as a model file (for `wikken
//! evaluate`) or as a whole (to import elsewhere).

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use wikken_core::format;

use super::options::category_label;
use super::results::{
    Outcome, analysis, arena_section, mca_section, mkba_section, portfolio_section,
    uncertainty_section,
};
use super::start::area_aside;
use super::{Loaded, VersionQuery, case_header, load};
use crate::AppState;
use crate::case_report::{ReportContext, ReportInput};
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};

/// A file name from the question: "afweging-wat-doen-we-in-molenhoek-v2".
fn file_stem(case: &Loaded) -> String {
    stem(&case.doc().question, case.version.version)
}

/// The question's slug cut to at most 40 characters at a word boundary
/// (never mid-word), then the version.
fn stem(question: &str, version: i64) -> String {
    let slug = wikken_core::case::ids::slug(question);
    let mut kept = String::new();
    for word in slug.split('-').filter(|w| !w.is_empty()) {
        let longer = if kept.is_empty() {
            word.len()
        } else {
            kept.len() + 1 + word.len()
        };
        if longer > 40 {
            break;
        }
        if !kept.is_empty() {
            kept.push('-');
        }
        kept.push_str(word);
    }
    if kept.is_empty() {
        // one word longer than 40 characters: cut it, there is no boundary
        kept = slug.chars().take(40).collect();
    }
    format!("afweging-{kept}-v{version}")
}

fn download(bytes: Vec<u8>, content_type: &str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

async fn context(app: &AppState, ctx: &Ctx, case: &Loaded) -> Result<ReportContext, AppError> {
    context_of(app, &ctx.user.org, (&ctx.org_name, ctx.fictional), case).await
}

/// What a report of `case` says about where it comes from: the owning
/// organisation `org` with its name and whether its data is fictional.
pub(crate) async fn context_of(
    app: &AppState,
    org: &wikken_storage::OrganisationId,
    (name, fictional): (&str, bool),
    case: &Loaded,
) -> Result<ReportContext, AppError> {
    let area = match case
        .doc()
        .area
        .code
        .as_deref()
        .and_then(wikken_data::AreaCode::parse)
    {
        Some(code) => {
            let reads = app.cache.reads(&app.store, org).await?;
            reads
                .area(&code)
                .await?
                .map(|a| super::super::area_title(&a))
        }
        None => None,
    };
    Ok(ReportContext {
        organisation: name.to_string(),
        fictional,
        area,
        version: case.version.version,
        frozen: case.version.frozen_at.is_some(),
        generated_at: crate::dates::when(time::OffsetDateTime::now_utc().unix_timestamp()),
    })
}

/// The analysis, or a refusal saying what is missing.
async fn ready(
    app: &AppState,
    case: &Loaded,
) -> Result<std::sync::Arc<wikken_core::case::analysis::Analysis>, AppError> {
    match analysis(app, case).await? {
        Outcome::Ready(a) => Ok(a),
        Outcome::Missing(m) => Err(AppError::Status(
            axum::http::StatusCode::CONFLICT,
            format!("Nog geen rapport: {}", m.join(" ")),
        )),
        Outcome::Invalid(p) => Err(AppError::Status(
            axum::http::StatusCode::CONFLICT,
            format!("Het model klopt nog niet: {}", p.join("; ")),
        )),
    }
}

/// The whole afweging as the report shows it: question, nulalternatief,
/// parties and their problems, options, results, werkateliers, the
/// parties' comments and the besluit.
pub(crate) fn report_body(context: &ReportContext, case: &Loaded, outcome: &Outcome) -> Markup {
    let doc = case.doc();
    html! {
        article.report {
            header.report-title {
                p.muted { (context.organisation) @if let Some(a) = &context.area { " · " (a) } " · versie " (context.version) " · " (context.generated_at) }
                @if context.fictional { p { span.badge.badge-fictief { "Fictieve demogegevens" } } }
                @if !context.frozen { p { span.badge { "Concept: nog geen vastgelegd besluit" } } }
                h1 { (doc.question) }
                p { "Niveau: " (doc.level.label().to_lowercase()) @if let Some(m) = &doc.decision_moment { " · beslismoment " (crate::dates::iso_date(m).unwrap_or_else(|| m.clone())) } }
            }
            section {
                h2 { "De vraag en het nulalternatief" }
                p.prewrap { (doc.baseline.description) }
                @if !doc.baseline.assumptions.is_empty() { p.prewrap { strong { "Al besloten: " } (doc.baseline.assumptions) } }
            }
            section {
                h2 { "Wie doen mee, en welke problemen zien zij" }
                ul { @for p in &doc.participants { li { (p.name) " — " (p.role.label().to_lowercase()) } } }
                ol { @for p in &doc.problems { li { (p.text) " " span.muted { "(" (doc.participant(&p.owner).map_or("", |x| x.name.as_str())) ")" } } } }
            }
            section {
                h2 { "De opties" }
                @for o in doc.shortlist() {
                    @let spec = doc.option_spec(o);
                    h3 { (o.spec.name) " " span.badge { (category_label(spec.category)) } }
                    @if o.is_package() { p { "Pakket van " (o.members.iter().filter_map(|m| doc.option(m)).map(|m| m.spec.name.as_str()).collect::<Vec<_>>().join(" en ")) "." } }
                    ul { @for f in &spec.flows {
                        li { (doc.actors.iter().find(|a| a.id == f.actor).map_or(f.actor.as_str(), |a| a.name.as_str())) ": "
                            (if f.kind == wikken_core::model::FlowKind::Cost { "kosten" } else { "baten" }) " " (format::euro(f.amount))
                            @if f.last_year() == f.from_year { " eenmalig, in " (doc.start_year + f.from_year) }
                            @else { " per jaar, " (doc.start_year + f.from_year) "–" (doc.start_year + f.last_year()) }
                            @if !f.label.is_empty() { " (" (f.label) ")" } }
                    } }
                    @if !spec.pm.is_empty() { p { "PM-posten: " (spec.pm.iter().map(|p| format!("{} {}", p.sign.as_str(), p.label)).collect::<Vec<_>>().join("; ")) } }
                    @if !o.note.is_empty() { p.muted { (o.note) } }
                }
            }
            @match outcome {
                Outcome::Ready(a) => {
                    (mkba_section(doc, a))
                    (arena_section(doc, a, maud::html! {}))
                    (mca_section(doc, a))
                    (uncertainty_section(a))
                    @if a.report.portfolio.is_some() { (portfolio_section(doc, a)) }
                },
                Outcome::Missing(m) => section { h2 { "Resultaten" } p { "Nog geen resultaten: " (m.join(" ")) } },
                Outcome::Invalid(p) => section { h2 { "Resultaten" } p { "Het model klopt nog niet: " (p.join("; ")) } },
            }
            (workshops_section(doc))
            (comments_section(doc))
            section {
                h2 { "Het besluit" }
                @match &doc.decision {
                    Some(d) => {
                        p { "Besloten op " (crate::dates::when(d.decided_at)) " (vastgelegd door " (d.decided_by) "). Gekozen: " strong { (d.chosen.iter().map(|c| doc.option(c).map_or(c.as_str(), |o| o.spec.name.as_str())).collect::<Vec<_>>().join(", ")) } "." }
                        h3 { "Onderbouwing" } p.prewrap { (d.rationale) }
                        @if !d.dissent.is_empty() { h3 { "Afwijkende standpunten" } p.prewrap { (d.dissent) } }
                        @if !d.conditions.is_empty() { h3 { "Voorwaarden" } p.prewrap { (d.conditions) } }
                    },
                    None => p { "Nog geen besluit." },
                }
            }
        }
    }
}

/// The parties' comments (nothing without any).
fn comments_section(doc: &wikken_core::case::CaseDoc) -> Markup {
    html! {
        @if !doc.comments.is_empty() {
            section #opmerkingen {
                h2 { "Opmerkingen van de partijen" }
                ul.comments { @for c in &doc.comments {
                    li {
                        strong { (doc.comment_party_name(c)) } " " span.muted { "(" (c.author) ", " (crate::dates::when(c.at)) ")" }
                        p.prewrap { (c.text) }
                    }
                } }
            }
        }
    }
}

/// The werkateliers taken into the afweging (nothing without any).
fn workshops_section(doc: &wikken_core::case::CaseDoc) -> Markup {
    use crate::case_report::pdf::workshops::{per_role, set_header};
    html! {
        @if !doc.workshops.is_empty() {
            section #werkateliers {
                h2 { "Werkateliers" }
                p { "Partners en bewoners wogen samen, live vanaf hun telefoon. Een rol met te weinig deelnemers om niet herkenbaar te zijn, staat niet apart; die telt wel mee in ‘samen’. " (crate::werkatelier::AGGREGATION_SHORT) }
                @for w in &doc.workshops {
                    h3 { (w.title) }
                    p {
                        "Gehouden op " (crate::dates::day(w.held_at)) " · " (w.participants) " deelnemers"
                        @if !w.roles.is_empty() { " (" (per_role(&w.roles)) ")" }
                        @if !w.method.is_empty() { " · gewichten met " (w.method) }
                    }
                    @if !w.weightings.is_empty() {
                        (layout::table_wrap(&format!("Gewichten uit {}", w.title), html! { table {
                            caption { "Gewichten per rol en samen (hele procenten, elke kolom samen 100 %)" }
                            thead { tr {
                                th scope="col" { "Criterium" }
                                @for s in &w.weightings { th.num scope="col" { (set_header(w, &s.holder)) } }
                            } }
                            tbody { @for (i, c) in doc.criteria.iter().enumerate() {
                                tr {
                                    th scope="row" { (c.name) }
                                    @for s in &w.weightings {
                                        td.num { @match s.weights_for(&doc.criteria) {
                                            Some(v) => (format::whole_percent_texts(&v).get(i).cloned().unwrap_or_default()),
                                            None => "–",
                                        } }
                                    }
                                }
                            } }
                        } }))
                    }
                    @if !w.problems.is_empty() {
                        p { "Problemen uit de spelden:" }
                        ul { @for p in &w.problems {
                            li { (p.text) " " span.muted { "(" (doc.participant(&p.owner).map_or(p.owner.as_str(), |x| x.name.as_str())) "; aangedragen door " (per_role(&p.raised_by)) ")" } }
                        } }
                    }
                    @if !w.picks.is_empty() {
                        p { "Voorselectie: "
                            @for (k, (o, n)) in w.picks.iter().enumerate() { @if k > 0 { ", " } (doc.option(o).map_or(o.as_str(), |x| x.spec.name.as_str())) " " (n) "×" } }
                    }
                    @if !w.dissent.is_empty() {
                        ul { @for l in &w.dissent { li { (l) } } }
                    }
                }
            }
        }
    }
}

/// GET /afwegingen/{id}/rapport: the printable report.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Markup, AppError> {
    let case = load(&app, &ctx, &id, q.versie).await?;
    let aside = area_aside(&app, &ctx, &case).await?;
    let context = context(&app, &ctx, &case).await?;
    let outcome = analysis(&app, &case).await?;
    let ready = matches!(outcome, Outcome::Ready(_));
    let body = html! {
        div.no-print {
            (case_header(&case, super::Step::Report, &aside))
            div.actions.report-actions {
                @if ready {
                    a.button href=(case.sub_url("rapport.pdf")) { "PDF downloaden" }
                    a.button href=(case.sub_url("rapport.xlsx")) { "Werkmap (XLSX) downloaden" }
                }
                button.js-print.button.button-secondary type="button" hidden { "Afdrukken" }
            }
            p.report-exports {
                a href=(case.sub_url("model.json")) { "Model (JSON, voor wikken evaluate)" } " · "
                a href=(case.sub_url("afweging.json")) { "Hele afweging (JSON)" }
            }
        }
        (report_body(&context, &case, &outcome))
    };
    Ok(layout::page(&ctx, Section::Cases, "Rapport", body))
}

/// GET /afwegingen/{id}/rapport.xlsx
pub async fn xlsx(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, AppError> {
    let case = load(&app, &ctx, &id, q.versie).await?;
    let a = ready(&app, &case).await?;
    let context = context(&app, &ctx, &case).await?;
    let doc = case.doc().clone();
    let bytes = app
        .analyses
        .run(move || {
            crate::case_report::xlsx::workbook(ReportInput {
                context: &context,
                doc: &doc,
                analysis: &a,
            })
        })
        .await?
        .map_err(|e| AppError::Internal(format!("werkmap: {e}")))?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("{}.xlsx", file_stem(&case)),
    ))
}

/// GET /afwegingen/{id}/rapport.pdf
pub async fn pdf(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, AppError> {
    let case = load(&app, &ctx, &id, q.versie).await?;
    let a = ready(&app, &case).await?;
    let context = context(&app, &ctx, &case).await?;
    let doc = case.doc().clone();
    let bytes = app
        .analyses
        .run(move || {
            crate::case_report::pdf::pdf(ReportInput {
                context: &context,
                doc: &doc,
                analysis: &a,
            })
        })
        .await?
        .map_err(|e| AppError::Internal(format!("pdf: {e}")))?;
    Ok(download(
        bytes,
        "application/pdf",
        &format!("{}.pdf", file_stem(&case)),
    ))
}

/// GET /afwegingen/{id}/model.json: the afwegingsmodel `wikken evaluate` reads.
pub async fn model(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, AppError> {
    let case = load(&app, &ctx, &id, q.versie).await?;
    let json = serde_json::to_vec_pretty(&case.doc().to_model())
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        json,
        "application/json",
        &format!("{}.json", file_stem(&case)),
    ))
}

/// GET /afwegingen/{id}/afweging.json: the whole afweging, to import elsewhere.
pub async fn whole(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, AppError> {
    let case = load(&app, &ctx, &id, q.versie).await?;
    let json =
        serde_json::to_vec_pretty(case.doc()).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        json,
        "application/json",
        &format!("{}-volledig.json", file_stem(&case)),
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_file_name_is_cut_between_words() {
        let q = "Hoe keren we de neergang in Vogelbuurt, en wie doet wat?";
        // the slug is 52 characters; 40 would end in "vogelbu"
        assert_eq!(
            super::stem(q, 2),
            "afweging-hoe-keren-we-de-neergang-in-vogelbuurt-v2"
        );
        assert_eq!(super::stem("Kort", 1), "afweging-kort-v1");
        let long = "a".repeat(60);
        assert_eq!(
            super::stem(&long, 1),
            format!("afweging-{}-v1", "a".repeat(40))
        );
    }
}
