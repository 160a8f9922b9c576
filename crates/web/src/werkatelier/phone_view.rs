//! The participant's page on a phone: the open rounds' forms (big tap
//! targets, 360 px wide), their own answers, the one revision after a
//! reveal, the pins, and what the group came to once revealed.

use maud::{Markup, html};
use wikken_core::werkatelier::live::answer::{
    PAIR_CHOICES, PICK_FIELD, choice_from_saaty, pair_field, points_field, score_field,
};
use wikken_core::werkatelier::live::setup::PIN_CATEGORIES;
use wikken_core::werkatelier::live::{AnswerBody, Round, RoundState};
use wikken_core::{engine::ahp, format};

use super::identity::Phone;
use super::map::MapBuurt;
use super::screen_view;
use super::session::Session;
use crate::layout;

/// What a refused form had typed, to show it again with its problems.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    /// The round the form was for.
    pub round: Option<Round>,
    /// The pin a reaction was for.
    pub pin: Option<String>,
    /// The fields as sent.
    pub fields: Vec<(String, String)>,
    /// Per field (empty: the form as a whole): what is wrong.
    pub errors: Vec<(String, String)>,
}

impl Typed {
    /// A refused form of `round`.
    pub fn of(round: Round, fields: &[(String, String)]) -> Typed {
        Typed {
            round: Some(round),
            pin: None,
            fields: fields.to_vec(),
            errors: Vec::new(),
        }
    }

    fn value(&self, round: Round, name: &str) -> Option<&str> {
        (self.round == Some(round))
            .then(|| {
                self.fields
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str())
            })
            .flatten()
    }

    fn error(&self, round: Round, name: &str) -> Option<&str> {
        (self.round == Some(round))
            .then(|| {
                self.errors
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str())
            })
            .flatten()
    }

    fn general(&self, round: Round) -> Vec<&str> {
        if self.round != Some(round) {
            return Vec::new();
        }
        self.errors
            .iter()
            .filter(|(k, _)| {
                k.is_empty() || k == "punten" || k == PICK_FIELD || k == "kaart" || k == "ronde"
            })
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

fn hidden(phone: &Phone) -> Markup {
    html! {
        (layout::csrf_input(&phone.csrf))
        input type="hidden" name="client" value=(uuid::Uuid::new_v4().to_string());
    }
}

fn field_error(msg: Option<&str>, id: &str) -> Markup {
    html! { @if let Some(m) = msg { span.field-error id=(id) role="alert" { (m) } } }
}

fn answer_form(
    phone: &Phone,
    s: &Session,
    round: Round,
    own: Option<&AnswerBody>,
    revise: bool,
    typed: &Typed,
) -> Markup {
    let setup = &s.workshop.setup;
    let typed_or = |name: &str, own: Option<String>| {
        typed
            .value(round, name)
            .map(str::to_string)
            .or(own)
            .unwrap_or_default()
    };
    html! {
        form.phone-form method="post" action=(format!("/doe-mee/antwoord/{}", round.as_str())) data-round=(round.as_str()) {
            (hidden(phone))
            @if revise { input type="hidden" name="herzien" value="1"; }
            @for m in typed.general(round) { p.field-error role="alert" { (m) } }
            @match round {
                Round::Punten => {
                    @let own_points = |id: &str| match own { Some(AnswerBody::Punten { points }) => points.get(id).map(|p| p.to_string()), _ => None };
                    div.points-form {
                        @for c in &setup.criteria {
                            @let name = points_field(&c.id);
                            div.points-row {
                                label for=(name) { (c.label) }
                                input.points id=(name) name=(name) type="number" inputmode="numeric" min="0" max="100" step="1"
                                    value=(typed_or(&name, own_points(&c.id))) aria-describedby=(format!("{name}-fout"));
                                (field_error(typed.error(round, &name), &format!("{name}-fout")))
                            }
                        }
                        p.points-left aria-live="polite" { "Nog te verdelen: " output { "100" } }
                    }
                }
                Round::Paarsgewijs => {
                    @let own_matrix = match own { Some(AnswerBody::Paarsgewijs { matrix }) => Some(matrix), _ => None };
                    div.pairs-form {
                        @for i in 0..setup.criteria.len() {
                            @for j in (i + 1)..setup.criteria.len() {
                                @let name = pair_field(i, j);
                                @let current = typed_or(&name, own_matrix.map(|m| choice_from_saaty(m[i][j]).to_string()));
                                div.pair data-i=(i) data-j=(j) {
                                    label for=(name) { (setup.criteria[i].label) " tegen " (setup.criteria[j].label) }
                                    select id=(name) name=(name) {
                                        @for (v, text) in PAIR_CHOICES {
                                            @let text = text.replace("links", &setup.criteria[i].label).replace("rechts", &setup.criteria[j].label);
                                            option value=(v) selected[current == v.to_string() || (current.is_empty() && v == 1)] { (text) }
                                        }
                                    }
                                    (field_error(typed.error(round, &name), &format!("{name}-fout")))
                                }
                            }
                        }
                        @if let Some(m) = own_matrix.filter(|m| m.len() >= 3) {
                            @let check = wikken_core::case::weights::check_ahp(m);
                            p.ahp-own { "Je consistentie (CR) is " (format::number(check.cr, 2))
                                @if check.cr > ahp::CR_THRESHOLD {
                                    " — boven 0,10: je vergelijkingen spreken elkaar tegen."
                                    @if let Some((i, j)) = check.worst_pair {
                                        @let (i, j) = (i.min(j), i.max(j));
                                        " Kijk eerst naar " (setup.criteria[i].label) " tegen " (setup.criteria[j].label) "."
                                    }
                                } @else { " — voldoende consistent." } }
                        }
                        p.ahp-check aria-live="polite" {}
                    }
                }
                Round::Scores => {
                    @let own_score = |o: &str, c: &str| match own { Some(AnswerBody::Scores { scores }) => scores.get(o).and_then(|r| r.get(c)).map(|x| format::number(*x, 1)), _ => None };
                    @for o in &setup.options {
                        fieldset.score-option {
                            legend { (o.label) }
                            @for c in &setup.criteria {
                                @let name = score_field(&o.id, &c.id);
                                div.points-row {
                                    label for=(name) { (c.label) }
                                    input id=(name) name=(name) type="text" inputmode="decimal" size="4"
                                        value=(typed_or(&name, own_score(&o.id, &c.id))) placeholder="0–10";
                                    (field_error(typed.error(round, &name), &format!("{name}-fout")))
                                }
                            }
                        }
                    }
                }
                Round::Voorselectie => {
                    @let chosen: Vec<String> = if typed.round == Some(round) {
                        typed.fields.iter().filter(|(k, _)| k == PICK_FIELD).map(|(_, v)| v.clone()).collect()
                    } else {
                        match own { Some(AnswerBody::Voorselectie { picks }) => picks.clone(), _ => Vec::new() }
                    };
                    fieldset.big-choices data-max=(setup.picks_allowed()) {
                        legend { "Kies er ten hoogste " (setup.picks_allowed()) }
                        @for o in &setup.options {
                            label.choice { input type="checkbox" name=(PICK_FIELD) value=(o.id) checked[chosen.contains(&o.id)]; span { (o.label) } }
                        }
                    }
                }
                Round::Spelden => {}
            }
            @if revise {
                div.field {
                    label for=(format!("reden-{}", round.as_str())) { "Waarom herzie je je antwoord?" }
                    textarea id=(format!("reden-{}", round.as_str())) name="reden" rows="2" maxlength="280" required {
                        (typed.value(round, "reden").unwrap_or(""))
                    }
                    (field_error(typed.error(round, "reden"), "reden-fout"))
                }
            }
            button.button.big type="submit" { @if revise { "Herziening versturen" } @else if own.is_some() { "Antwoord wijzigen" } @else { "Versturen" } }
        }
    }
}

fn pins_round(phone: &Phone, s: &Session, areas: &[MapBuurt], typed: &Typed) -> Markup {
    let open = s.state(Round::Spelden) == RoundState::Open;
    let r = Round::Spelden;
    html! {
        @if open {
            p { (Round::Spelden.prompt()) }
            (screen_view::pins_panel(s, areas, true))
            form.phone-form.pin-form method="post" action="/doe-mee/spelden" {
                (hidden(phone))
                input type="hidden" name="x" value=(typed.value(r, "x").unwrap_or(""));
                input type="hidden" name="y" value=(typed.value(r, "y").unwrap_or(""));
                input type="hidden" name="gebied" value=(typed.value(r, "gebied").unwrap_or(""));
                p.pin-place aria-live="polite" { @if areas.is_empty() { "Er is geen kaart; je speld komt zonder plek." } @else { "Tik op de kaart om de plek te kiezen." } }
                @for m in typed.general(r) { p.field-error role="alert" { (m) } }
                fieldset.big-choices {
                    legend { "Wat voor probleem?" }
                    @for (id, label) in PIN_CATEGORIES {
                        label.choice { input type="radio" name="categorie" value=(id) checked[typed.value(r, "categorie") == Some(id)]; span { (label) } }
                    }
                    (field_error(typed.error(r, "categorie"), "categorie-fout"))
                }
                label for="tekst" { "In een paar woorden" }
                textarea #tekst name="tekst" rows="2" maxlength="280" { (typed.value(r, "tekst").unwrap_or("")) }
                (field_error(typed.error(r, "tekst"), "tekst-fout"))
                button.button.big type="submit" { "Speld prikken" }
            }
        }
        @if !s.pins.is_empty() {
            h3 { "Spelden van iedereen" }
            ul.pin-list {
                @for p in &s.pins {
                    li id=(format!("speld-{}", p.id)) {
                        strong { (wikken_core::werkatelier::live::setup::pin_category_label(&p.category).unwrap_or("Anders")) }
                        " — " (p.text) " "
                        span.muted { "(" (s.role_label(&p.role)) "; " (p.agree) " eens, " (p.disagree) " oneens)" }
                        @if open && p.participant_id != phone.participant.id {
                            form.reaction method="post" action=(format!("/doe-mee/spelden/{}/reactie", p.id)) {
                                (layout::csrf_input(&phone.csrf))
                                @if typed.pin.as_deref() == Some(p.id.as_str()) {
                                    @for (_, m) in &typed.errors { p.field-error role="alert" { (m) } }
                                }
                                button.button-secondary type="submit" name="oordeel" value="eens" { "Eens" }
                                label.visually-hidden for=(format!("reden-{}", p.id)) { "Waarom oneens?" }
                                input id=(format!("reden-{}", p.id)) name="reden" type="text" maxlength="280" placeholder="Waarom oneens? (verplicht bij oneens)";
                                button.button-secondary type="submit" name="oordeel" value="oneens" { "Oneens" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The live part of the phone's page.
pub fn live(phone: &Phone, s: &Session, areas: &[MapBuurt], typed: &Typed) -> Markup {
    let me = &phone.participant.id;
    let any_open = s
        .rounds
        .iter()
        .any(|r| matches!(r.state, RoundState::Open | RoundState::Onthuld));
    html! {
        @if !s.workshop.is_open() {
            p.notice.notice-success { "Het werkatelier is afgesloten. Dank je wel voor het meedoen!" }
        } @else if !any_open {
            p.notice { "Even wachten: de begeleider start zo de volgende ronde. Deze pagina ververst vanzelf." }
        }
        @for r in &s.rounds {
            @if r.state != RoundState::Wacht {
                section.phone-round id=(format!("ronde-{}", r.round.as_str())) {
                    h2 { (s.workshop.setup.round_label(r.round)) " " span.round-state { "(" (r.state.label()) ")" } }
                    @if r.round == Round::Spelden {
                        (pins_round(phone, s, areas, typed))
                    } @else {
                        @let own = s.own(me, r.round);
                        @match (r.state, own) {
                            (RoundState::Open, o) => {
                                p { (s.workshop.setup.round_prompt(r.round)) }
                                @if o.is_some() { p.notice.notice-success { "Ontvangen ✓. Je kunt je antwoord nog wijzigen tot de uitkomst wordt onthuld." } }
                                (answer_form(phone, s, r.round, o.map(|(a, _)| &a.body), false, typed))
                            }
                            (RoundState::Onthuld, Some((a, false))) => {
                                p { "De uitkomst is onthuld (zie hieronder). Je mag je antwoord één keer herzien, met een reden." }
                                (answer_form(phone, s, r.round, Some(&a.body), true, typed))
                            }
                            (RoundState::Onthuld, Some((a, true))) => {
                                p.notice.notice-success { "Je hebt je antwoord herzien"
                                    @if let Some(reason) = &a.reason { ": “" (reason) "”" } "." }
                            }
                            (RoundState::Onthuld, None) => { p.muted { "Je gaf in deze ronde geen antwoord; de uitkomst staat hieronder." } }
                            (_, Some(_)) => { p.muted { "Je antwoord is meegeteld." } }
                            (_, None) => { p.muted { "Deze ronde is gesloten." } }
                        }
                    }
                }
            }
        }
        @if s.rounds.iter().any(|r| r.round != Round::Spelden && s.shows(r.round)) {
            section.phone-outcome {
                h2 { "Wat de groep vindt" }
                (screen_view::outcome(s, None, areas))
            }
        }
    }
}

/// GET /doe-mee/atelier
pub fn page(phone: &Phone, s: &Session, areas: &[MapBuurt], typed: &Typed) -> Markup {
    let p = &phone.participant;
    let body = html! {
        header.phone-head {
            p.muted { (s.workshop.title) }
            p { "Je doet mee als " strong { (p.name) } " (" (s.role_label(&p.role)) ")." }
            details {
                summary { "Verder op een ander apparaat?" }
                p { "Ga daar naar /doe-mee, vul de code " strong { (s.workshop.join_code) } " in en dan je hervatcode: " strong.resume-code { (p.resume_code) } }
            }
        }
        div #live.phone data-live-src="/doe-mee/atelier/inhoud" data-live-stream=(format!("/doe-mee/stroom?na={}", s.seq)) {
            (live(phone, s, areas, typed))
        }
    };
    layout::bare(&s.workshop.title, body)
}
