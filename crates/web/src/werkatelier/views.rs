//! The facilitator's pages: the werkateliers of an afweging with the form
//! to open one, the page to lead one, and the big screen.

use maud::{DOCTYPE, Markup, html};
use wikken_core::case::CaseDoc;
use wikken_core::werkatelier::live::{Round, RoundAction, RoundState};
use wikken_storage::WorkshopRow;

use super::facilitate::offered_roles;
use super::map::MapBuurt;
use super::screen::{Online, People};
use super::screen_view;
use super::session::Session;
use crate::layout::{self, Ctx, Section, csrf_field};
use crate::pages::case::Loaded;

/// The new-werkatelier form as typed (or its defaults).
#[derive(Debug, Clone, Default)]
pub struct NewForm {
    /// The title.
    pub title: String,
    /// The rounds ticked.
    pub rounds: Vec<Round>,
    /// The role ids ticked.
    pub roles: Vec<String>,
    /// Per role id: the weight as typed.
    pub weights: Vec<(String, String)>,
    /// The minimum role size as typed.
    pub min_role_size: String,
    /// The number of picks as typed.
    pub picks: String,
    /// Per field: what is wrong.
    pub errors: Vec<(String, String)>,
}

fn errors_for<'a>(errors: &'a [(String, String)], prefix: &str) -> Vec<&'a str> {
    errors
        .iter()
        .filter(|(f, _)| f == prefix || f.starts_with(&format!("{prefix}_")))
        .map(|(_, m)| m.as_str())
        .collect()
}

/// GET /afwegingen/{id}/werkateliers
pub fn case_workshops(ctx: &Ctx, case: &Loaded, list: &[WorkshopRow], form: &NewForm) -> Markup {
    let doc = case.doc();
    let title = "Werkateliers";
    let body = html! {
        (layout::breadcrumbs(&[("Afwegingen", Some("/afwegingen".into())), (&doc.question, Some(case.url())), (title, None)]))
        h1 { "Werkateliers bij deze afweging" }
        p.lead { "In een werkatelier wegen partners en bewoners samen, live, vanaf hun telefoon: spelden op de kaart, 100 punten, paarsgewijs vergelijken, opties scoren en een voorselectie. De uitkomst komt als één wijziging in de afweging." }
        @if list.is_empty() {
            p { "Er is nog geen werkatelier bij deze afweging." }
        } @else {
            (layout::table_wrap("Werkateliers", html! {
                table {
                    thead { tr { th scope="col" { "Werkatelier" } th scope="col" { "Code" } th scope="col" { "Geopend" } th scope="col" { "Stand" } } }
                    tbody {
                        @for w in list {
                            tr {
                                td { a href=(format!("/werkateliers/{}", w.id)) { (w.title) } }
                                td { code { (w.join_code) } }
                                td { (crate::dates::when(w.created_at)) " door " (w.created_by) }
                                td { @if w.is_open() { "open" } @else { "gesloten" @if let Some(v) = w.taken_into_version { ", uitkomst in versie " (v) } } }
                            }
                        }
                    }
                }
            }))
        }
        @if ctx.user.role.can_edit() && case.editable() {
            h2 { "Een werkatelier openen" }
            @if !form.errors.is_empty() {
                div.notice.notice-error role="alert" {
                    h2 { "Het werkatelier is nog niet geopend" }
                    ul { @for (_, m) in &form.errors { li { (m) } } }
                }
            }
            form.stack method="post" action=(format!("{}/werkateliers", case.url())) {
                (csrf_field(ctx))
                div.field {
                    label for="titel" { "Naam" }
                    input #titel type="text" name="titel" value=(form.title) required;
                }
                fieldset.field {
                    legend { "Rondes" }
                    @for r in Round::ALL {
                        label.check { input type="checkbox" name="ronde" value=(r.as_str()) checked[form.rounds.contains(&r)]; " " (r.label()) }
                    }
                    span.hint { "Criteria (" (doc.criteria.len()) ") en opties (" (doc.shortlist().count()) ") komen uit de afweging zoals ze nu zijn." }
                    @for m in errors_for(&form.errors, "rondes") { span.field-error { (m) } }
                }
                fieldset.field {
                    legend { "Wie zitten er aan tafel, en hoe zwaar telt elke rol in ‘samen’?" }
                    @for (id, label) in offered_roles(doc) {
                        @let weight = form.weights.iter().find(|(r, _)| *r == id).map_or("1", |(_, v)| v.as_str());
                        div.role-row {
                            label.check { input type="checkbox" name="rol" value=(id) checked[form.roles.contains(&id)]; " " (label) }
                            label.inline { "gewicht " input type="text" inputmode="decimal" name=(format!("gewicht_{id}")) value=(weight) size="4" aria-label=(format!("Gewicht van {label}")); }
                        }
                    }
                    @for m in errors_for(&form.errors, "rollen") { span.field-error { (m) } }
                    @for m in errors_for(&form.errors, "gewicht") { span.field-error { (m) } }
                }
                div.field {
                    label for="min_rol" { "Een rol apart tonen vanaf zoveel deelnemers" }
                    input #min_rol type="number" name="min_rol" min="1" max="50" value=(form.min_role_size);
                }
                div.field {
                    label for="keuzes" { "Voorselectie: elke deelnemer kiest ten hoogste zoveel opties" }
                    input #keuzes type="number" name="keuzes" min="1" max="50" value=(form.picks);
                }
                div.actions { button type="submit" { "Werkatelier openen" } }
            }
        }
    };
    layout::page(ctx, Section::Cases, title, body)
}

fn round_buttons(ctx: &Ctx, w: &WorkshopRow, round: Round, state: RoundState) -> Markup {
    let actions: &[(RoundAction, &str)] = match state {
        RoundState::Wacht => &[(RoundAction::Start, "Starten")],
        RoundState::Open if round.is_blind() => &[
            (RoundAction::Reveal, "Onthullen"),
            (RoundAction::Close, "Sluiten"),
        ],
        RoundState::Open | RoundState::Onthuld => &[(RoundAction::Close, "Sluiten")],
        RoundState::Gesloten => &[],
    };
    html! {
        @if w.is_open() && ctx.user.role.can_edit() {
            div.actions {
                @for (a, label) in actions {
                    form method="post" action=(format!("/werkateliers/{}/rondes/{}", w.id, round.as_str())) {
                        (csrf_field(ctx))
                        input type="hidden" name="actie" value=(a.as_str());
                        button.button-secondary[*a == RoundAction::Close] type="submit" { (label) " — " (w.setup.round_label(round)) }
                    }
                }
            }
        }
    }
}

/// The facilitator's live part: rounds with their buttons, who is there,
/// the pins to merge, and the revealed outcome.
pub fn control_live(
    ctx: &Ctx,
    s: &Session,
    doc: Option<&CaseDoc>,
    online: &Online,
    people: &People,
    areas: &[MapBuurt],
) -> Markup {
    let w = &s.workshop;
    html! {
        (screen_view::progress(s, online))
        @if !people.is_empty() {
            details.people {
                summary { "Wie doen er mee (" (people.len()) ")" }
                ul { @for (name, role, here) in people {
                    li { (name) " — " (role) " — " @if *here { "verbonden" } @else { span.muted { "niet verbonden" } } }
                } }
            }
        }
        @for r in &s.rounds {
            @if w.is_open() { (round_buttons(ctx, w, r.round, r.state)) }
        }
        @if w.setup.has(Round::Spelden) && !s.pins.is_empty() {
            section.outcome-panel {
                h2 { "Spelden samenvoegen tot problemen" }
                @let owners: Vec<(String, String)> = match doc {
                    Some(d) => d.participants.iter().map(|p| (p.id.clone(), p.name.clone())).collect(),
                    None => w.setup.roles.iter().map(|r| (r.id.clone(), r.label.clone())).collect(),
                };
                @if w.is_open() && ctx.user.role.can_edit() {
                    form.stack.merge-pins method="post" action=(format!("/werkateliers/{}/spelden", w.id)) {
                        (csrf_field(ctx))
                        fieldset.field {
                            legend { "Spelden" }
                            @for p in &s.pins {
                                label.check {
                                    input type="checkbox" name="speld" value=(p.id) disabled[p.merged_into.is_some()];
                                    " " (s.role_label(&p.role)) ": " (p.text)
                                    " (" (p.agree) " eens, " (p.disagree) " oneens)"
                                    @if p.merged_into.is_some() { " — samengevoegd" }
                                }
                            }
                        }
                        div.field { label for="probleem" { "Het probleem in één regel" } input #probleem type="text" name="probleem" required; }
                        div.field {
                            label for="eigenaar" { "Van welke partij is dit probleem?" }
                            select #eigenaar name="eigenaar" {
                                @for (id, name) in &owners { option value=(id) { (name) } }
                            }
                            @if owners.is_empty() { span.field-error { "De afweging heeft nog geen partijen (stap 1)." } }
                        }
                        div.actions { button type="submit" { "Samenvoegen" } }
                    }
                }
                @if !s.problems.is_empty() {
                    h3 { @if doc.is_some() { "Problemen die bij het afsluiten in de afweging komen" } @else { "Problemen voor de afweging die uit dit gebiedsatelier start" } }
                    ul { @for p in &s.problems {
                        li { (p.text) " (" (owners.iter().find(|(id, _)| *id == p.owner).map_or(p.owner.as_str(), |(_, n)| n.as_str())) ", "
                            (s.pins.iter().filter(|x| x.merged_into.as_deref() == Some(p.id.as_str())).count()) " spelden)" }
                    } }
                }
            }
        }
        (screen_view::outcome(s, doc, areas))
    }
}

/// GET /werkateliers/{wid}
pub fn control(
    ctx: &Ctx,
    s: &Session,
    doc: Option<&CaseDoc>,
    online: &Online,
    people: &People,
    url: &str,
    areas: &[MapBuurt],
) -> Markup {
    let w = &s.workshop;
    let case_url = w.case_id.as_ref().map(|c| format!("/afwegingen/{c}"));
    let body = html! {
        (layout::breadcrumbs(&[
            ("Afwegingen", Some("/afwegingen".into())),
            (doc.map_or("Afweging", |d| d.question.as_str()), case_url.clone()),
            ("Werkateliers", case_url.as_ref().map(|u| format!("{u}/werkateliers"))),
            (&w.title, None),
        ]))
        h1 { (w.title) }
        @if w.is_open() {
            div.join-box {
                div {
                    p { "Deelnemers gaan naar " strong { (url.split('?').next().unwrap_or(url)) } " en vullen de code in:" }
                    p.join-code { (w.join_code) }
                    p.actions {
                        a.button href=(format!("/werkateliers/{}/scherm", w.id)) target="_blank" rel="noopener" { "Groot scherm openen" }
                        a.button.button-secondary href=(format!("/werkateliers/{}/antwoorden.json", w.id)) { "Antwoorden (JSON, geanonimiseerd)" }
                        a.button.button-secondary href=(format!("/werkateliers/{}/verslag", w.id)) { "Verslag" }
                    }
                }
                img.qr src=(format!("/werkateliers/{}/qr.svg", w.id)) alt=(format!("QR-code naar {url}")) width="160" height="160";
            }
        } @else {
            p.notice { "Dit werkatelier is gesloten"
                @if let Some(v) = w.taken_into_version { "; de uitkomst staat in versie " (v) " van de afweging" } "." }
            p.actions {
                a.button href=(format!("/werkateliers/{}/verslag", w.id)) { "Verslag" }
                a.button.button-secondary href=(format!("/werkateliers/{}/antwoorden.json", w.id)) { "Antwoorden (JSON, geanonimiseerd)" }
            }
        }
        div #live data-live-src=(format!("/werkateliers/{}/inhoud?weergave=beheer", w.id))
            data-live-stream=(format!("/werkateliers/{}/stroom?na={}", w.id, s.seq)) data-live-poll aria-live="polite" {
            (control_live(ctx, s, doc, online, people, areas))
        }
        @if !w.is_open() && w.case_id.is_none() && ctx.user.role.can_edit() {
            (super::area_atelier::start_form(ctx, s))
        }
        @if w.is_open() && ctx.user.role.can_edit() {
            section.close-box {
                h2 { "Afsluiten" }
                p { "Afsluiten sluit alle rondes, de code werkt dan niet meer. "
                    @if w.case_id.is_some() { "De uitkomst komt als één wijziging in de afweging: een weging per rol die groot genoeg is om apart te tonen, één voor alle rollen samen, de problemen uit de spelden en de voorselectie. De resultaten tonen die wegingen naast die van de partijen." } }
                form method="post" action=(format!("/werkateliers/{}/afsluiten", w.id)) {
                    (csrf_field(ctx))
                    button type="submit" { "Werkatelier afsluiten" }
                }
            }
        }
    };
    layout::page(ctx, Section::Cases, &w.title, body)
}

/// The big screen's live part.
pub fn screen_live(
    s: &Session,
    doc: Option<&CaseDoc>,
    online: &Online,
    areas: &[MapBuurt],
    signal: &[super::map::BuurtPressure],
) -> Markup {
    let pins_open =
        s.workshop.setup.has(Round::Spelden) && s.state(Round::Spelden) == RoundState::Open;
    html! {
        (screen_view::progress(s, online))
        @if !s.workshop.is_open() { p.notice { "Het werkatelier is gesloten. Dank voor het meedoen!" } }
        (screen_view::outcome(s, doc, areas))
        @if pins_open && !s.shows(Round::Spelden) { (screen_view::pins_panel(s, areas, false)) }
        (screen_view::signal_panel(signal))
    }
}

/// GET /werkateliers/{wid}/scherm: for the projector, without navigation.
pub fn screen_page(
    s: &Session,
    doc: Option<&CaseDoc>,
    online: &Online,
    url: &str,
    areas: &[MapBuurt],
    signal: &[super::map::BuurtPressure],
) -> Markup {
    let w = &s.workshop;
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (w.title) " · groot scherm · Wikken" }
                link rel="stylesheet" href=(crate::assets::CSS_URL);
                script src=(crate::assets::JS_URL) defer {}
            }
            body.big-screen {
                main #inhoud {
                    header.screen-head {
                        div {
                            h1 { (w.title) }
                            @if w.is_open() {
                                p.join-line { "Doe mee: ga naar " strong { (url.split('?').next().unwrap_or(url)) } " en vul in: " }
                                p.join-code { (w.join_code) }
                            }
                        }
                        @if w.is_open() { img.qr src=(format!("/werkateliers/{}/qr.svg", w.id)) alt=(format!("QR-code naar {url}")) width="220" height="220"; }
                    }
                    div #live data-live-src=(format!("/werkateliers/{}/inhoud?weergave=scherm", w.id))
                        data-live-stream=(format!("/werkateliers/{}/stroom?na={}", w.id, s.seq)) data-live-poll aria-live="polite" {
                        (screen_live(s, doc, online, areas, signal))
                    }
                }
            }
        }
    }
}
