//! The werkatelier's record ("verslag"): its rounds, who took part per
//! role, the results as the big screen showed them, the dissent figures
//! with their formulas, the revisions with their reasons and the answers,
//! all anonymised. As a printable page and as a workbook
//! ([`super::report_xlsx`]).
//!
//! Anonymity: participants are `d1`, `d2`, … in the order they joined; a
//! role is named beside an answer only when at least `min_role_size`
//! participants of that role answered in the shown rounds (the same rule
//! as the big screen); otherwise "een deelnemer".

use std::collections::HashSet;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use wikken_core::case::CaseDoc;
use wikken_core::format;
use wikken_core::werkatelier::live::{AnswerBody, Round, RoundState};

use super::facilitate::own_workshop;
use super::map::MapBuurt;
use super::screen_view::{self, AGGREGATION};
use super::session::Session;
use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};

/// The formulas of the dissent figures, in plain Dutch: (figure, how it is
/// computed, how to read it).
pub(crate) const FORMULAS: [(&str, &str, &str); 4] = [
    (
        "Spreiding van de punten (clr)",
        "Per deelnemer wordt elk criterium een aandeel p_i van de 100 punten; een criterium met 0 punten telt als 0,5 punt (zo bestaat de logaritme), daarna tellen de aandelen weer op tot 1. Dan clr_i = ln p_i − het gemiddelde van ln p over alle criteria. De spreiding per criterium is de standaardafwijking (n − 1) van clr_i over de deelnemers.",
        "0 is eensgezind; rond 1 verschillen mensen een factor e ≈ 2,7 in hoe zwaar ze het criterium wegen.",
    ),
    (
        "Consensus bij paarsgewijs vergelijken (S* van Goepel)",
        "H(p) = −Σ p_i ln p_i meet hoe gelijk een gewichtenverdeling is. H_α is het gemiddelde van H over de deelnemers, H_γ de H van hun gemiddelde gewichten, H_β = H_γ − H_α. S* = (e^(−H_β) − 1/c) / (1 − 1/c), met c = e^(ln n − H_α,min): H_α,min is de kleinste H die de schaal tot 9 toelaat bij n criteria.",
        "Van 0 tot 1: boven 0,875 zeer hoog, boven 0,75 hoog, boven 0,625 matig, boven 0,5 laag, daaronder zeer laag.",
    ),
    (
        "Eensgezindheid over de rangorde (Kendall’s W)",
        "Elke deelnemer rangschikt de opties naar de eigen scores (gelijke scores delen hun gemiddelde rang). Met m deelnemers en n opties: R_o is de som van de rangen van optie o, S = Σ (R_o − m(n+1)/2)², T = Σ (t³ − t) over elk groepje van t gelijke rangen. W = 12S / (m²(n³ − n) − mΣT).",
        "1 is dezelfde volgorde voor iedereen, 0 geen enkele overeenstemming.",
    ),
    (
        "Combineren binnen en over de rollen (AIJ en AIP)",
        "AIJ: binnen een rol het meetkundig gemiddelde van de paarsgewijze oordelen, cel voor cel, en daarvan de gewichten. AIP: over de rollen het gewogen gemiddelde van de gewichten van de rollen.",
        "De punten van een rol: het meetkundig gemiddelde per criterium, weer op 1 gebracht.",
    ),
];

/// The rounds with answers whose outcome may be shown, in set-up order.
pub(crate) fn answer_rounds(session: &Session) -> Vec<Round> {
    session
        .workshop
        .setup
        .rounds
        .iter()
        .copied()
        .filter(|r| *r != Round::Spelden && session.shows(*r))
        .collect()
}

/// The role ids that may be named beside an answer: at least
/// `min_role_size` of their participants answered in the shown rounds.
pub(crate) fn named_roles(session: &Session) -> HashSet<String> {
    let min = session.workshop.setup.min_role_size as usize;
    session
        .workshop
        .setup
        .roles
        .iter()
        .filter(|r| {
            session
                .outcome
                .given
                .iter()
                .filter(|g| g.role == r.id)
                .count()
                >= min.max(1)
        })
        .map(|r| r.id.clone())
        .collect()
}

/// One participant's latest answer to a shown round, anonymised.
pub(crate) struct Line<'a> {
    /// `d1`, `d2`, …
    pub(crate) id: String,
    /// The role's label, when it may be named.
    pub(crate) role: Option<String>,
    /// The round.
    pub(crate) round: Round,
    /// Whether this is the revision after the reveal.
    pub(crate) revised: bool,
    /// The reason given with the revision.
    pub(crate) reason: Option<&'a str>,
    /// The answer.
    pub(crate) body: &'a AnswerBody,
    /// For a revision: how far it moved from the first answer.
    pub(crate) moved: Option<String>,
}

impl Line<'_> {
    /// "deelnemer d3 (Huurders)", or "een deelnemer" when the role is too
    /// small to name.
    pub(crate) fn who(&self) -> String {
        match &self.role {
            Some(r) => format!("deelnemer {} ({r})", self.id),
            None => "een deelnemer".to_string(),
        }
    }
}

/// Every latest answer to the shown rounds: per round, per participant in
/// the order they joined (only roles of the set-up, as in the figures).
pub(crate) fn answer_lines(session: &Session) -> Vec<Line<'_>> {
    let named = named_roles(session);
    let setup = &session.workshop.setup;
    let mut out = Vec::new();
    for round in answer_rounds(session) {
        for (i, p) in session.participants.iter().enumerate() {
            let Some(role) = setup.role(&p.role) else {
                continue;
            };
            if let Some((a, revised)) = session.own(&p.id, round) {
                out.push(Line {
                    id: format!("d{}", i + 1),
                    role: named.contains(&p.role).then(|| role.label.clone()),
                    round,
                    revised,
                    reason: a.reason.as_deref().filter(|r| !r.trim().is_empty()),
                    body: &a.body,
                    moved: revised
                        .then(|| {
                            session
                                .answers
                                .iter()
                                .find(|x| {
                                    x.participant_id == p.id
                                        && x.round == round
                                        && x.revision
                                            == wikken_core::werkatelier::live::Revision::First
                                })
                                .and_then(|first| {
                                    wikken_core::werkatelier::live::answer::movement(
                                        &first.body,
                                        &a.body,
                                    )
                                })
                        })
                        .flatten(),
                });
            }
        }
    }
    out
}

/// Per criterion of the set-up, the figures of an answer: the points, or
/// (pairwise) the participant's own weights as whole percentages; with
/// the consistency ratio of a pairwise answer.
pub(crate) fn criterion_figures(
    session: &Session,
    line: &Line<'_>,
) -> Option<(Vec<u32>, Option<f64>)> {
    let setup = &session.workshop.setup;
    match line.body {
        AnswerBody::Punten { points } => Some((
            setup
                .criteria
                .iter()
                .map(|c| points.get(&c.id).copied().unwrap_or(0))
                .collect(),
            None,
        )),
        AnswerBody::Paarsgewijs { .. } => {
            let ahp = session.outcome.result.as_ref()?.ahp.as_ref()?;
            let own = ahp.participants.iter().find(|p| p.participant == line.id)?;
            let shares: Vec<f64> = setup
                .criteria
                .iter()
                .map(|c| own.weights.get(&c.id).copied().unwrap_or(0.0))
                .collect();
            let mut whole = format::whole_percents(&shares);
            whole.resize(setup.criteria.len(), 0);
            Some((whole, Some(own.cr)))
        }
        _ => None,
    }
}

/// An answer in words: the scores per option (in criterion order) or the
/// options picked.
pub(crate) fn answer_text(session: &Session, body: &AnswerBody) -> String {
    let setup = &session.workshop.setup;
    let option = |id: &str| {
        setup
            .options
            .iter()
            .find(|o| o.id == id)
            .map_or(id.to_string(), |o| o.label.clone())
    };
    match body {
        AnswerBody::Scores { scores } => setup
            .options
            .iter()
            .filter_map(|o| {
                let row = scores.get(&o.id)?;
                let each: Vec<String> = setup
                    .criteria
                    .iter()
                    .map(|c| row.get(&c.id).map_or("—".into(), |s| format::number(*s, 0)))
                    .collect();
                Some(format!("{}: {}", o.label, each.join(" / ")))
            })
            .collect::<Vec<_>>()
            .join("; "),
        AnswerBody::Voorselectie { picks } => picks
            .iter()
            .map(|p| option(p))
            .collect::<Vec<_>>()
            .join(", "),
        AnswerBody::Punten { points } => setup
            .criteria
            .iter()
            .map(|c| format!("{} {}", c.label, points.get(&c.id).copied().unwrap_or(0)))
            .collect::<Vec<_>>()
            .join(", "),
        AnswerBody::Paarsgewijs { .. } => "paarsgewijze oordelen".to_string(),
    }
}

/// The werkatelier's state in words.
pub(crate) fn state_text(session: &Session) -> String {
    let w = &session.workshop;
    match w.closed_at {
        Some(at) => format!(
            "gesloten op {}{}",
            crate::dates::when(at),
            w.taken_into_version.map_or(String::new(), |v| format!(
                "; de uitkomst staat in versie {v} van de afweging"
            ))
        ),
        None => "open".to_string(),
    }
}

/// Per round: answered and revised, in words ("3 beantwoord, 1 herzien"),
/// or the pins.
pub(crate) fn round_counts(session: &Session, round: Round, state: RoundState) -> String {
    if state == RoundState::Wacht {
        return "—".into();
    }
    if round == Round::Spelden {
        return format!("{} spelden", session.pins.len());
    }
    let (answered, revised) = session.answered(round);
    format!("{answered} beantwoord, {revised} herzien")
}

/// GET /werkateliers/{wid}/verslag
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(wid): Path<String>,
) -> Result<Markup, AppError> {
    let w = own_workshop(&app, &ctx, &wid).await?;
    let session = app.werkateliers.sessions.get(&app.store, &w).await?;
    let doc = super::screen::case_doc(&app, &ctx, &w).await?;
    let areas = super::map::area_map(&app, &ctx.user.org, &w).await?;
    Ok(view(&ctx, &session, doc.as_ref(), &areas))
}

/// GET /werkateliers/{wid}/verslag.xlsx
pub async fn xlsx(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(wid): Path<String>,
) -> Result<Response, AppError> {
    let w = own_workshop(&app, &ctx, &wid).await?;
    let session = app.werkateliers.sessions.get(&app.store, &w).await?;
    let areas = super::map::area_map(&app, &ctx.user.org, &w).await?;
    let bytes = super::report_xlsx::workbook(&session, &areas)
        .map_err(|e| AppError::Internal(format!("werkmap: {e}")))?;
    let name = format!(
        "attachment; filename=\"werkatelier-{}-verslag.xlsx\"",
        w.join_code.to_lowercase()
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (header::CONTENT_DISPOSITION, name),
        ],
        bytes,
    )
        .into_response())
}

fn rounds_section(session: &Session) -> Markup {
    html! {
        section #rondes {
            h2 { "Rondes" }
            (layout::table_wrap("Rondes", html! { table {
                thead { tr { th scope="col" { "Ronde" } th scope="col" { "Stand" } th scope="col" { "Sinds" } th scope="col" { "Antwoorden" } } }
                tbody { @for r in &session.rounds {
                    tr {
                        th scope="row" { (r.round.label()) }
                        td { (r.state.label()) }
                        td { @if r.state != RoundState::Wacht { (crate::dates::when(r.changed_at)) } @else { "—" } }
                        td { (round_counts(session, r.round, r.state)) }
                    }
                } }
            } }))
        }
    }
}

fn roles_section(session: &Session) -> Markup {
    let rounds: Vec<Round> = session
        .workshop
        .setup
        .rounds
        .iter()
        .copied()
        .filter(|r| *r != Round::Spelden)
        .collect();
    let per_round: Vec<Vec<(String, usize, usize)>> = rounds
        .iter()
        .map(|r| session.answered_by_role(*r))
        .collect();
    let roles = &session.workshop.setup.roles;
    let members = |id: &str| session.participants.iter().filter(|p| p.role == id).count();
    html! {
        section #deelname {
            h2 { "Deelname per rol" }
            (layout::table_wrap("Deelname per rol", html! { table {
                thead { tr {
                    th scope="col" { "Rol" } th.num scope="col" { "Deelnemers" }
                    @for r in &rounds { th.num scope="col" { (r.label()) } }
                } }
                tbody { @for (i, role) in roles.iter().enumerate() {
                    tr {
                        th scope="row" { (role.label) }
                        td.num { (members(&role.id)) }
                        @for p in &per_round { td.num { (p[i].2) } }
                    }
                } }
            } }))
            p.hint { "Aantallen zijn geen antwoorden. Een rol met minder dan " (session.workshop.setup.min_role_size) " deelnemers wordt in de uitkomsten en bij de antwoorden niet apart genoemd, om de deelnemers niet herkenbaar te maken; hun antwoorden tellen wel mee in ‘samen’." }
        }
    }
}

fn formulas_section() -> Markup {
    html! {
        section #formules {
            h2 { "Hoe de verschillen zijn berekend" }
            dl.formulas {
                @for (what, how, read) in FORMULAS {
                    dt { (what) }
                    dd { (how) " " span.hint { (read) } }
                }
            }
            p { strong { "Hoe de antwoorden zijn gecombineerd. " } (AGGREGATION) }
            p.hint { "Elke deelnemer telt met het laatste antwoord per ronde: de herziening na het onthullen als die er is, anders het eerste antwoord." }
        }
    }
}

fn revisions_section(lines: &[Line<'_>]) -> Markup {
    let revised: Vec<&Line<'_>> = lines.iter().filter(|l| l.revised).collect();
    html! {
        section #herzieningen {
            h2 { "Herzieningen" }
            @if revised.is_empty() {
                p { "Niemand heeft een antwoord herzien." }
            } @else {
                ul { @for l in revised {
                    li { (l.round.label()) ", " (l.who()) @if let Some(m) = &l.moved { " (" (m) ")" } ": “" (l.reason.unwrap_or("geen reden gegeven")) "”" }
                } }
            }
        }
    }
}

fn answers_section(session: &Session, lines: &[Line<'_>]) -> Markup {
    let setup = &session.workshop.setup;
    let with_role = lines.iter().any(|l| l.role.is_some());
    html! {
        section #antwoorden {
            h2 { "Antwoorden (geanonimiseerd)" }
            p.hint { "Eén rij per deelnemer (d1, d2, … in de volgorde van aanmelden), met het laatste antwoord. Geen namen; de rol staat er alleen bij als de rol groot genoeg is om apart te tonen." }
            @for round in answer_rounds(session) {
                @let rows: Vec<&Line<'_>> = lines.iter().filter(|l| l.round == round).collect();
                h3 { (round.label()) }
                @if rows.is_empty() { p { "Geen antwoorden." } } @else {
                    (layout::table_wrap(round.label(), html! { table {
                        thead { tr {
                            th scope="col" { "Deelnemer" }
                            @if with_role { th scope="col" { "Rol" } }
                            @match round {
                                Round::Punten => { @for c in &setup.criteria { th.num scope="col" { (c.label) } } }
                                Round::Paarsgewijs => { @for c in &setup.criteria { th.num scope="col" { (c.label) } } th.num scope="col" { "CR" } }
                                Round::Scores => th scope="col" { "Cijfers per optie (" (setup.criteria.iter().map(|c| c.label.as_str()).collect::<Vec<_>>().join(" / ")) ")" },
                                _ => th scope="col" { "Gekozen opties" },
                            }
                            th scope="col" { "Herzien" }
                        } }
                        tbody { @for l in rows {
                            tr {
                                th scope="row" { (l.id) }
                                @if with_role { td { (l.role.as_deref().unwrap_or("—")) } }
                                @match (round, criterion_figures(session, l)) {
                                    (Round::Punten, Some((v, _))) => { @for x in v { td.num { (x) } } }
                                    (Round::Paarsgewijs, Some((v, cr))) => { @for x in v { td.num { (x) " %" } } td.num { (cr.map_or("—".into(), |c| format::number(c, 2))) } }
                                    (Round::Punten | Round::Paarsgewijs, None) => { @for _ in &setup.criteria { td.num { "—" } } @if round == Round::Paarsgewijs { td.num { "—" } } }
                                    _ => td { (answer_text(session, l.body)) },
                                }
                                td { @if l.revised { "ja" } @else { "nee" } }
                            }
                        } }
                    } }))
                    @if round == Round::Paarsgewijs { p.hint { "Per deelnemer de eigen gewichten uit de oordelen (hele procenten), en de consistentieratio (CR): boven 0,10 spreken de oordelen elkaar tegen." } }
                }
            }
        }
    }
}

fn problems_section(session: &Session, doc: Option<&CaseDoc>) -> Markup {
    html! {
        @if !session.problems.is_empty() {
            section #problemen {
                h2 { "Problemen uit de spelden" }
                ul { @for p in &session.problems {
                    li { (p.text) " (" (doc.and_then(|d| d.participant(&p.owner)).map_or(p.owner.as_str(), |x| x.name.as_str())) ", "
                        (session.pins.iter().filter(|x| x.merged_into.as_deref() == Some(p.id.as_str())).count()) " spelden)" }
                } }
            }
        }
    }
}

/// The record as a printable page.
pub fn view(ctx: &Ctx, session: &Session, doc: Option<&CaseDoc>, areas: &[MapBuurt]) -> Markup {
    let w = &session.workshop;
    let case_url = w.case_id.as_ref().map(|c| format!("/afwegingen/{c}"));
    let lines = answer_lines(session);
    let title = format!("Verslag: {}", w.title);
    let body = html! {
        div.no-print {
            (layout::breadcrumbs(&[
                ("Afwegingen", Some("/afwegingen".into())),
                (doc.map_or("Afweging", |d| d.question.as_str()), case_url.clone()),
                ("Werkateliers", case_url.as_ref().map(|u| format!("{u}/werkateliers"))),
                (&w.title, Some(format!("/werkateliers/{}", w.id))),
                ("Verslag", None),
            ]))
            div.actions.report-actions {
                a.button href=(format!("/werkateliers/{}/verslag.xlsx", w.id)) { "Werkmap (XLSX) downloaden" }
                a.button.button-secondary href=(format!("/werkateliers/{}/antwoorden.json", w.id)) { "Antwoorden (JSON, geanonimiseerd)" }
                button.js-print.button.button-secondary type="button" hidden { "Afdrukken" }
            }
        }
        article.report.workshop-report {
            header.report-title {
                p.muted { "Verslag van een werkatelier" @if let Some(d) = doc { " · " (d.question) } }
                h1 { (w.title) }
                p { "Geopend op " (crate::dates::when(w.created_at)) " · " (state_text(session)) " · " (session.participants.len()) " deelnemers" }
            }
            (rounds_section(session))
            (roles_section(session))
            section #uitkomsten {
                h2 { "Uitkomsten, zoals het grote scherm ze toonde" }
                @if session.outcome.given.is_empty() && !session.shows(Round::Spelden) {
                    p { "Er zijn nog geen uitkomsten onthuld." }
                }
                (screen_view::outcome(session, doc, areas))
            }
            (formulas_section())
            (problems_section(session, doc))
            (revisions_section(&lines))
            (answers_section(session, &lines))
        }
    };
    layout::page(ctx, Section::Cases, &title, body)
}
