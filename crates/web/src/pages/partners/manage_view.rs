//! The markup of the corporation's partners page: partner organisations
//! and what each sees, sharing with a partner, inviting someone, the
//! pending invitations and the history.

use maud::{Markup, html};
use wikken_storage::{
    CaseRow, InvitationRow, OrganisationKind, PartnerOrganisation, ShareEventRow, ShareKind,
    ShareRow,
};

use super::kind_text;
use crate::layout::{self, Ctx, Section};
use crate::pages::case::action_button;
use crate::pages::case::form::{FormState, text_input};
use crate::pages::case::kit::form_fields;

/// What the page says at the top after an action.
pub(super) enum Notice {
    /// A new invitation link, shown once.
    Link {
        /// Whom it is for.
        email: String,
        /// The link.
        url: String,
    },
    /// Something was done.
    Done(String),
}

/// Everything the page shows.
pub(super) struct View<'a> {
    /// The corporation's prestatieafspraken: (id, title, parties).
    pub agreements: &'a [(String, String, Vec<String>)],
    pub partners: &'a [PartnerOrganisation],
    pub shares: &'a [ShareRow],
    pub invitations: &'a [InvitationRow],
    pub cases: &'a [CaseRow],
    /// Per case id: its parties' names.
    pub parties: &'a [(String, Vec<String>)],
    pub events: &'a [ShareEventRow],
    pub notice: Option<Notice>,
    pub now: i64,
}

/// The state for the form `which`: the refused one keeps its input.
fn state_for<'a>(state: &'a FormState, which: &str) -> &'a FormState {
    static EMPTY: std::sync::LazyLock<FormState> = std::sync::LazyLock::new(FormState::default);
    if state.typed("_which") == Some(which) {
        state
    } else {
        &EMPTY
    }
}

fn notice(n: &Option<Notice>) -> Markup {
    html! {
        @match n {
            Some(Notice::Link { email, url }) => div.notice.notice-success role="status" {
                p { "Uitnodigingslink voor " strong { (email) } ":" }
                p { code.secret { (url) } }
                p { "Er is geen e-mail verstuurd: kopieer de link en geef hem zelf door. Hij is 14 dagen geldig en werkt één keer. De link wordt niet opnieuw getoond; maak zo nodig een nieuwe link (de oude werkt dan niet meer)." }
            },
            Some(Notice::Done(text)) => div.notice.notice-success role="status" { p { (text) } },
            None => {},
        }
    }
}

/// The choice of what to share: one of the corporation's afwegingen or
/// prestatieafspraken; and the party.
fn subject_fields(state: &FormState, view: &View<'_>) -> Markup {
    let kind = state.typed("onderwerp").unwrap_or("afweging");
    let chosen = state.typed("afweging").unwrap_or("");
    html! {
        fieldset {
            legend { "Wat deelt u?" }
            div.check {
                input #onderwerp-afweging type="radio" name="onderwerp" value="afweging" checked[kind != "afspraken"];
                label for="onderwerp-afweging" { "Een afweging" }
            }
            div.field {
                label for="afweging" { "Afweging" }
                select #afweging name="afweging" aria-invalid=[state.errors.contains_key("afweging").then_some("true")] {
                    option value="" { "— kies een afweging —" }
                    @for c in view.cases {
                        @let parties = view.parties.iter().find(|(id, _)| *id == c.id.as_str()).map(|(_, p)| p.join(", ")).unwrap_or_default();
                        option value=(c.id) selected[chosen == c.id.as_str()] {
                            (c.title) @if !parties.is_empty() { " (partijen: " (parties) ")" }
                        }
                    }
                }
                (state.message("afweging"))
            }
            div.check {
                input #onderwerp-afspraken type="radio" name="onderwerp" value="afspraken" checked[kind == "afspraken"];
                label for="onderwerp-afspraken" { "Prestatieafspraken" }
            }
            div.field {
                label for="afspraken" { "Prestatieafspraken" }
                @let chosen = state.typed("afspraken").unwrap_or("");
                select #afspraken name="afspraken" aria-invalid=[state.errors.contains_key("afspraken").then_some("true")] {
                    option value="" { "— kies prestatieafspraken —" }
                    @for (id, title, parties) in view.agreements {
                        option value=(id) selected[chosen == id.as_str()] { (title) " (partijen: " (parties.join(", ")) ")" }
                    }
                }
                (state.message("afspraken"))
            }
        }
        (text_input(state, "partij", "Als welke partij doet de partner mee?", "", "De naam van een partij die in die afweging (stap 1) of die afspraken meedoet."))
    }
}

fn invite_form(ctx: &Ctx, state: &FormState, view: &View<'_>) -> Markup {
    let state = state_for(state, "uitnodigen");
    let kind = state.typed("soort").unwrap_or("gemeente");
    html! {
        form.stack method="post" action="/partners/uitnodigen" {
            (form_fields(ctx, state, "uitnodigen"))
            (text_input(state, "email", "E-mailadres van wie u uitnodigt", "", ""))
            (text_input(state, "organisatie", "Naam van de partnerorganisatie", "", "Bijv. Gemeente Lindeveen."))
            div.field {
                label for="soort" { "Soort organisatie" }
                select #soort name="soort" {
                    @for k in OrganisationKind::PARTNERS { option value=(k.as_str()) selected[k.as_str() == kind] { (k.label()) } }
                }
                (state.message("soort"))
            }
            (subject_fields(state, view))
            div { button type="submit" { "Uitnodigingslink maken" } }
        }
    }
}

fn share_form(ctx: &Ctx, state: &FormState, view: &View<'_>) -> Markup {
    let state = state_for(state, "delen");
    let chosen = state.typed("partner").unwrap_or("");
    html! {
        form.stack method="post" action="/partners/delen" {
            (form_fields(ctx, state, "delen"))
            div.field {
                label for="partner" { "Partnerorganisatie" }
                select #partner name="partner" aria-invalid=[state.errors.contains_key("partner").then_some("true")] {
                    @for p in view.partners { option value=(p.id) selected[chosen == p.id.as_str()] { (p.name) " (" (kind_text(p.kind)) ")" } }
                }
                (state.message("partner"))
            }
            (subject_fields(state, view))
            div { button type="submit" { "Delen" } }
        }
    }
}

fn what(kind: ShareKind, title: &str, id: &str) -> Markup {
    html! {
        @match kind {
            ShareKind::Afweging => { "Afweging " a href=(format!("/afwegingen/{id}")) { (title) } },
            ShareKind::Afspraken => { "Prestatieafspraken " (title) " " span.muted { "(" (id) ")" } },
        }
    }
}

fn partners_section(ctx: &Ctx, view: &View<'_>) -> Markup {
    html! {
        h2 { "Partnerorganisaties en wat zij zien" }
        @if view.partners.is_empty() {
            p { "U werkt nog met geen enkele partnerorganisatie in Wikken. Nodig hieronder iemand uit." }
        }
        @for p in view.partners {
            section.partner {
                h3 { (p.name) " " span.badge { (p.kind.label()) } }
                @let shares: Vec<&ShareRow> = view.shares.iter().filter(|s| s.partner == p.id).collect();
                @if shares.is_empty() { p { "Ziet nu niets van " (ctx.org_name) "." } }
                @else {
                    (layout::table_wrap(&format!("Gedeeld met {}", p.name), html! { table {
                        thead { tr { th scope="col" { "Gedeeld" } th scope="col" { "Als partij" } th scope="col" { "Sinds" } th scope="col" { span.visually-hidden { "Intrekken" } } } }
                        tbody { @for s in &shares { tr {
                            td { (what(s.subject.kind, &s.subject.title, &s.subject.id)) }
                            td { (s.subject.party) }
                            td { (crate::dates::day(s.created_at)) " door " (s.created_by) }
                            td { (action_button(ctx, &format!("/partners/delen/{}/intrekken", s.id), "Niet meer delen", "link-button", Some(&format!("{} ziet dit dan niet meer. Doorgaan?", p.name)))) }
                        } } }
                    } }))
                }
            }
        }
    }
}

fn invitations_section(ctx: &Ctx, view: &View<'_>) -> Markup {
    html! {
        h2 { "Openstaande uitnodigingen" }
        @if view.invitations.is_empty() { p { "Geen." } }
        @else {
            (layout::table_wrap("Openstaande uitnodigingen", html! { table {
                thead { tr { th scope="col" { "Voor" } th scope="col" { "Organisatie" } th scope="col" { "Gedeeld" } th scope="col" { "Als partij" } th scope="col" { "Geldig tot" } th scope="col" { span.visually-hidden { "Acties" } } } }
                tbody { @for i in view.invitations { tr {
                    td { (i.email) }
                    td { (i.organisation_name) " (" (kind_text(i.organisation_kind)) ")" }
                    td { (what(i.subject.kind, &i.subject.title, &i.subject.id)) }
                    td { (i.subject.party) }
                    td { @if view.now >= i.expires_at { span.badge { "verlopen" } } @else { (crate::dates::when(i.expires_at)) } }
                    td {
                        (action_button(ctx, &format!("/partners/uitnodigingen/{}/nieuwe-link", i.id), "Nieuwe link", "link-button", Some("De oude link werkt dan niet meer. Doorgaan?")))
                        " "
                        (action_button(ctx, &format!("/partners/uitnodigingen/{}/intrekken", i.id), "Intrekken", "link-button", Some("Deze uitnodiging intrekken?")))
                    }
                } } }
            } }))
        }
    }
}

/// The whole page; `state` is the refused form's, if any.
pub(super) fn page(ctx: &Ctx, view: &View<'_>, state: &FormState) -> Markup {
    let body = html! {
        h1 { "Partners van " (ctx.org_name) }
        p.lead { "Deel afwegingen en prestatieafspraken met gemeente, huurdersorganisatie, zorg en welzijn of politie. Een partner ziet alleen wat u met zijn organisatie deelt, en werkt daarin mee als zijn eigen partij: problemen, weging en opmerkingen. Uw andere afwegingen, de wijkmonitor, uw complexen en imports ziet een partner nooit." }
        (notice(&view.notice))
        (state.summary())
        (partners_section(ctx, view))
        @if !view.partners.is_empty() {
            h2 { "Delen met een partner" }
            p { "Met een organisatie die al partner is, deelt u iets zonder nieuwe uitnodiging." }
            (share_form(ctx, state, view))
        }
        h2 { "Iemand uitnodigen" }
        p { "Wikken verstuurt geen e-mail: u krijgt een link die u zelf doorgeeft. Wie hem opent, maakt een account bij een nieuwe partnerorganisatie, of aanvaardt — als hij al partner is en is ingelogd — voor zijn eigen organisatie." }
        (invite_form(ctx, state, view))
        (invitations_section(ctx, view))
        h2 { "Geschiedenis" }
        @if view.events.is_empty() { p { "Nog niets gedeeld." } }
        @else {
            ul.history { @for e in view.events {
                li { span.muted { (crate::dates::when(e.at)) " · " (e.user_name) } " — " (e.action) }
            } }
        }
    };
    layout::page(ctx, Section::Partners, "Partners", body)
}
