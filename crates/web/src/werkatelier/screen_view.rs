//! What the big screen (and the facilitator's page) shows of a
//! werkatelier: per round how many answered while it is blind, and once
//! revealed the weights per role and combined, the dissent panel, the
//! options' scores, the voorselectie and the pins.

use maud::{Markup, html};
use wikken_core::case::CaseDoc;
use wikken_core::format;
use wikken_core::werkatelier::live::{Round, RoundState};
use wikken_core::werkatelier::{Consensus, WorkshopResult};

use super::charts::{self, BarGroup, PinArea};
use super::dissent;
use super::map::MapBuurt;
use super::screen::Online;
use super::session::Session;

/// How the answers are combined, as the page and the report state it.
pub const AGGREGATION: &str = "Binnen een rol: paarsgewijze oordelen met het meetkundig gemiddelde van de oordelen (AIJ), punten met het genormaliseerde meetkundig gemiddelde. Over de rollen: het gewogen gemiddelde van de gewichten van de rollen (AIP), elke rol even zwaar tenzij anders ingesteld. Een rol met minder dan het minimum aantal deelnemers wordt niet apart getoond, maar telt wel mee in ‘samen’.";

fn consensus_text(c: &Option<Consensus>) -> String {
    match c {
        Some(c) => format!("{} ({})", format::number(c.s_star, 2), c.label),
        None => "— (minder dan 2 deelnemers)".into(),
    }
}

/// Per round: its state and how many answered (per role), never what.
pub fn progress(session: &Session, online: &Online) -> Markup {
    let total: usize = online.iter().map(|r| r.1).sum();
    let on: usize = online.iter().map(|r| r.2).sum();
    html! {
        section.progress aria-label="Voortgang" {
            p.present { strong { (on) } " van " (total) " deelnemers nu verbonden" }
            ul.roles-online {
                @for (label, n, here) in online {
                    li { (label) ": " (n) @if *n > 0 { " (" (here) " verbonden)" } }
                }
            }
            ol.round-list {
                @for r in &session.rounds {
                    @let (answered, revised) = session.answered(r.round);
                    li class=(format!("round-state-{}", r.state.as_str())) id=(format!("voortgang-{}", r.round.as_str())) {
                        strong { (r.round.label()) } " — " (r.state.label())
                        @if r.round == Round::Spelden {
                            @if r.state != RoundState::Wacht { ": " (session.pins.len()) " spelden" }
                        } @else if r.state != RoundState::Wacht {
                            ": " (answered) " van " (total) " beantwoord"
                            @if revised > 0 { ", " (revised) " herzien" }
                            @if r.state == RoundState::Open { " — antwoorden blijven verborgen tot ze worden onthuld" }
                        }
                    }
                }
            }
        }
    }
}

fn weights_panel(session: &Session, result: &WorkshopResult, round: Round) -> Markup {
    let criteria: Vec<String> = session
        .workshop
        .setup
        .criteria
        .iter()
        .map(|c| c.label.clone())
        .collect();
    let ids: Vec<String> = session
        .workshop
        .setup
        .criteria
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let vector = |w: &indexmap::IndexMap<String, f64>| {
        ids.iter()
            .map(|c| w.get(c).copied().unwrap_or(0.0))
            .collect::<Vec<f64>>()
    };
    let (groups, hidden, title): (Vec<BarGroup>, Vec<(String, usize)>, &str) = match round {
        Round::Paarsgewijs => {
            let Some(a) = &result.ahp else {
                return html! {};
            };
            let mut g: Vec<BarGroup> = a
                .by_role
                .iter()
                .filter(|r| r.shown)
                .map(|r| BarGroup {
                    label: format!("{} (n = {})", session.role_label(&r.role), r.n),
                    combined: false,
                    values: vector(&r.weights),
                })
                .collect();
            g.push(BarGroup {
                label: format!("Samen (n = {})", a.participants.len()),
                combined: true,
                values: vector(&a.combined),
            });
            (
                g,
                a.by_role
                    .iter()
                    .filter(|r| !r.shown)
                    .map(|r| (session.role_label(&r.role), r.n))
                    .collect(),
                "Gewichten uit paarsgewijs vergelijken",
            )
        }
        _ => {
            let Some(p) = &result.points else {
                return html! {};
            };
            let mut g: Vec<BarGroup> = p
                .by_role
                .iter()
                .filter(|r| r.shown)
                .map(|r| BarGroup {
                    label: format!("{} (n = {})", session.role_label(&r.role), r.n),
                    combined: false,
                    values: vector(&r.weights),
                })
                .collect();
            let n: usize = p.by_role.iter().map(|r| r.n).sum();
            g.push(BarGroup {
                label: format!("Samen (n = {n})"),
                combined: true,
                values: vector(&p.combined),
            });
            (
                g,
                p.by_role
                    .iter()
                    .filter(|r| !r.shown)
                    .map(|r| (session.role_label(&r.role), r.n))
                    .collect(),
                "Gewichten uit 100 punten",
            )
        }
    };
    html! {
        section.outcome-panel id=(format!("uitkomst-{}", round.as_str())) {
            h2 { (title) }
            (charts::weight_bars(title, &criteria, &groups))
            @if !hidden.is_empty() {
                p.hint {
                    "Niet apart getoond (minder dan " (session.workshop.setup.min_role_size) " deelnemers, om hen niet herkenbaar te maken), wel meegeteld in ‘samen’: "
                    @for (i, (label, n)) in hidden.iter().enumerate() {
                        @if i > 0 { ", " }
                        (label) " (" (n) ")"
                    }
                    "."
                }
            }
        }
    }
}

fn dissent_panel(session: &Session, result: &WorkshopResult, doc: Option<&CaseDoc>) -> Markup {
    let setup = &session.workshop.setup;
    let ids: Vec<String> = setup.criteria.iter().map(|c| c.id.clone()).collect();
    let label_of = |id: &str| {
        setup
            .criteria
            .iter()
            .find(|c| c.id == id)
            .map_or(id.to_string(), |c| c.label.clone())
    };
    let settled = dissent::settled(result, &ids, |r| setup.role(r).map_or(1.0, |x| x.weight));
    let most = settled
        .as_ref()
        .and_then(|s| s.most_different_shown().map(|i| (s, i)));
    html! {
        section.outcome-panel.dissent aria-labelledby="verschil-kop" {
            h2 #verschil-kop { "Waar verschillen we?" }
            dl.dissent-figures {
                @if let Some(p) = &result.points {
                    dt { "Spreiding van de punten per criterium" }
                    dd {
                        ul {
                            @for (id, sd) in &p.spread {
                                li { (label_of(id)) ": " @match sd { Some(sd) => (format::number(*sd, 2)), None => "—" } }
                            }
                        }
                        span.hint { "Standaardafwijking op de log-ratioschaal (clr): 0 is eensgezind; rond 1 verschillen mensen een factor e ≈ 2,7 in hoe zwaar ze dit criterium wegen." }
                    }
                }
                @if let Some(a) = &result.ahp {
                    dt { "Consensus bij paarsgewijs vergelijken (S*)" }
                    dd {
                        "Iedereen: " (consensus_text(&a.consensus))
                        @for r in a.by_role.iter().filter(|r| r.shown) {
                            br; (session.role_label(&r.role)) ": " (consensus_text(&r.consensus))
                        }
                        br; span.hint { "S* van Goepel (0–1): boven 0,875 zeer hoog, onder 0,5 zeer laag." }
                    }
                }
                @if let Some(r) = &result.ranks {
                    dt { "Eensgezindheid over de rangorde van de opties (Kendall’s W)" }
                    dd {
                        @match r.kendall_w { Some(w) => (format::number(w, 2)), None => "—" }
                        " over " (r.participants) " deelnemers"
                        br; span.hint { "1 is dezelfde volgorde voor iedereen, 0 geen enkele overeenstemming." }
                    }
                }
                @if let Some((_, Err(()))) = most {
                    dt { "Welke rol wijkt het meest af?" }
                    dd { (dissent::SMALL_ROLE) }
                }
                @if let Some((s, Ok(i))) = most {
                    @let role = session.role_label(&s.roles[i].0);
                    dt { "Welke rol wijkt het meest af?" }
                    dd {
                        (role)
                        @if let Some(sentence) = doc.and_then(|d| dissent::tipping_sentence(d, &ids, s, i, &role)) {
                            br; (sentence)
                        } @else if doc.is_some() {
                            br; span.hint { "Of dat de keuze verandert, is nog niet te zeggen: de opties hebben nog geen verschillende scores op de criteria (stap 4 van de afweging)." }
                        }
                    }
                }
            }
        }
    }
}

fn scores_panel(session: &Session, result: &WorkshopResult) -> Markup {
    let setup = &session.workshop.setup;
    let medians = session.outcome.medians(&session.workshop);
    html! {
        section.outcome-panel id="uitkomst-scores" {
            h2 { "Scores van de opties (mediaan, 0–10)" }
            table {
                thead { tr { th scope="col" { "Optie" } @for c in &setup.criteria { th.num scope="col" { (c.label) } } } }
                tbody {
                    @for o in &setup.options {
                        tr {
                            th scope="row" { (o.label) }
                            @for c in &setup.criteria {
                                td.num { @match medians.get(&o.id).and_then(|r| r.get(&c.id)).copied().flatten() { Some(m) => (format::number(m, 1)), None => "—" } }
                            }
                        }
                    }
                }
            }
            @if let Some(r) = &result.ranks {
                p.hint { "Kendall’s W over " (r.participants) " deelnemers: " @match r.kendall_w { Some(w) => (format::number(w, 2)), None => "—" } "." }
            }
        }
    }
}

fn picks_panel(session: &Session) -> Markup {
    let setup = &session.workshop.setup;
    let voters = session
        .outcome
        .given
        .iter()
        .filter(|g| !g.picks().is_empty())
        .count();
    let rows: Vec<(String, usize)> = session
        .outcome
        .picks
        .iter()
        .map(|p| {
            (
                setup
                    .options
                    .iter()
                    .find(|o| o.id == p.option)
                    .map_or(p.option.clone(), |o| o.label.clone()),
                p.total,
            )
        })
        .collect();
    html! {
        section.outcome-panel id="uitkomst-voorselectie" {
            h2 { "Voorselectie: de opties die er het meest toe doen" }
            (charts::count_bars("Hoe vaak elke optie gekozen is", &rows, voters))
        }
    }
}

/// The pins on the map, with the count per buurt.
pub fn pins_panel(session: &Session, areas: &[MapBuurt], tappable: bool) -> Markup {
    let map_areas: Vec<PinArea<'_>> = areas
        .iter()
        .map(|(c, n, s)| PinArea {
            code: c,
            name: n,
            shape: s,
        })
        .collect();
    let mut per_buurt: Vec<(&str, usize)> = areas
        .iter()
        .map(|(c, n, _)| {
            (
                n.as_str(),
                session
                    .pins
                    .iter()
                    .filter(|p| p.area_code.as_deref() == Some(c))
                    .count(),
            )
        })
        .filter(|(_, k)| *k > 0)
        .collect();
    per_buurt.sort_by_key(|b| std::cmp::Reverse(b.1));
    html! {
        (charts::pins_map("Spelden op de kaart", &map_areas, &session.pins, tappable))
        @if !per_buurt.is_empty() {
            p.pin-density { "Spelden per buurt: "
                @for (i, (name, k)) in per_buurt.iter().enumerate() { @if i > 0 { ", " } (name) " " (k) }
            }
        }
    }
}

/// The revealed outcome, round by round.
pub fn outcome(session: &Session, doc: Option<&CaseDoc>, areas: &[MapBuurt]) -> Markup {
    let result = session.outcome.result.as_ref();
    let shown = |r: Round| session.workshop.setup.has(r) && session.shows(r);
    html! {
        @if shown(Round::Spelden) {
            section.outcome-panel id="uitkomst-spelden" {
                h2 { "Spelden" }
                (pins_panel(session, areas, false))
            }
        }
        @if let Some(result) = result {
            @if shown(Round::Punten) { (weights_panel(session, result, Round::Punten)) }
            @if shown(Round::Paarsgewijs) { (weights_panel(session, result, Round::Paarsgewijs)) }
            @if result.points.is_some() || result.ahp.is_some() || result.ranks.is_some() {
                (dissent_panel(session, result, doc))
            }
            @if shown(Round::Scores) { (scores_panel(session, result)) }
        }
        @if shown(Round::Voorselectie) { (picks_panel(session)) }
        @if shown(Round::Punten) || shown(Round::Paarsgewijs) {
            details.method { summary { "Hoe is dit berekend?" } p { (AGGREGATION) } }
        }
    }
}
