//! The interventiecatalogus: the organisation's templates, filtered on
//! category, primary process, role and stijgingsroute, each with its costs
//! and benefits per actor as present values; one template in full with its
//! history. A beheerder edits them (see [`edit`]).

pub mod edit;
mod form;

use axum::extract::{Path, Query, State};
use maud::{Markup, html};
use serde::Deserialize;
use wikken_core::case::catalogue::{
    PrimaryProcess, Role, Route, Template, Unit, standard_actor_name,
};
use wikken_core::engine::mkba::{pv_factor, sign};
use wikken_core::format;
use wikken_core::model::{Category, Distribution, FlowKind, PmSign};
use wikken_storage::CatalogueEventRow;

use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};

/// The discount rate of the summaries (the MKBA leidraad's 2,25 %).
pub const RATE: f64 = 0.0225;

/// The categories a template can have (never combinatie).
pub const CATEGORIES: [Category; 3] = [Category::Stenen, Category::Sociaal, Category::Beleid];

/// "Stenen", "Sociaal", "Beleid".
pub fn category_label(c: Category) -> &'static str {
    match c {
        Category::Stenen => "Stenen",
        Category::Sociaal => "Sociaal",
        Category::Beleid => "Beleid",
        Category::Combinatie => "Combinatie",
    }
}

fn parse_category(s: &str) -> Option<Category> {
    CATEGORIES.into_iter().find(|c| c.as_str() == s)
}

/// The Dutch name of an actor id.
pub fn actor_name(id: &str) -> &str {
    standard_actor_name(id).unwrap_or(id)
}

/// "per woning" or "voor het project", for amounts.
fn per_unit(u: Unit) -> &'static str {
    match u {
        Unit::PerProject => "voor het project",
        other => other.label(),
    }
}

fn distribution_text(d: &Distribution) -> String {
    let range = |name: &str, low: f64, high: f64| {
        format!("{name} {} tot {}", format::euro(low), format::euro(high))
    };
    match *d {
        Distribution::Triangular { low, high } => range("driehoek", low, high),
        Distribution::Pert { low, high } => range("PERT", low, high),
        Distribution::Uniform { low, high } => range("uniform", low, high),
        Distribution::Normal { sd } => format!("normaal, sd {}", format::euro(sd)),
    }
}

fn sign_text(s: PmSign) -> &'static str {
    match s {
        PmSign::Plus => "positief (+)",
        PmSign::Minus => "negatief (−)",
        PmSign::Zero => "onbekend of neutraal (0)",
    }
}

fn kind_text(k: FlowKind) -> &'static str {
    match k {
        FlowKind::Cost => "Kosten",
        FlowKind::Benefit => "Baten",
    }
}

/// A year range as users read it: "jaar 0", "jaar 1 t/m 29".
fn years_text(from: i64, to: i64) -> String {
    if from == to {
        format!("jaar {from}")
    } else {
        format!("jaar {from} t/m {to}")
    }
}

fn tags(t: &Template) -> Markup {
    html! {
        ul.tags aria-label="Kenmerken" {
            li.tag { (category_label(t.category)) }
            @for p in &t.processes { li.tag { "proces: " (p.label().to_lowercase()) } }
            @for r in &t.roles { li.tag { "rol: " (r.label().to_lowercase()) } }
            @for r in &t.routes { li.tag { "route: " (r.label().to_lowercase()) } }
        }
    }
}

/// Present values per actor and the saldo, for one unit.
fn summary(t: &Template) -> Markup {
    let pv = t.present_values(RATE);
    html! {
        (layout::table_wrap("Contante waarde per partij", html! { table {
            caption { "Contante waarde " (per_unit(t.unit)) ", " (format::percent(RATE, 2)) " over " (t.years()) " jaar" }
            thead { tr { th scope="col" { "Partij" } th.num scope="col" { "Saldo" } } }
            tbody {
                @for (actor, v) in &pv.by_actor {
                    tr {
                        td { (actor_name(actor)) }
                        @if t.flows.iter().any(|f| f.actor == *actor) {
                            td.num { (format::euro(*v)) }
                        } @else {
                            td.num { abbr title="alleen PM-posten: niet in geld uitgedrukt" { "PM" } }
                        }
                    }
                }
            }
            tfoot {
                tr { th scope="row" { "Kosten" } td.num { (format::euro(pv.pv_costs)) } }
                tr { th scope="row" { "Baten (na correcties)" } td.num { (format::euro(pv.pv_benefits)) } }
                tr { th scope="row" { "Saldo" } td.num { strong { (format::euro(pv.npv())) } } }
            }
        } }))
    }
}

/// `?categorie=&proces=&rol=&route=`; unknown values filter nothing.
#[derive(Debug, Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    categorie: String,
    #[serde(default)]
    proces: String,
    #[serde(default)]
    rol: String,
    #[serde(default)]
    route: String,
}

fn select<T: Copy + PartialEq>(
    id: &str,
    label: &str,
    all: &[T],
    chosen: Option<T>,
    value: impl Fn(T) -> (&'static str, &'static str),
) -> Markup {
    html! {
        div.field {
            label for=(id) { (label) }
            select #(id) name=(id) {
                option value="" { "Alle" }
                @for v in all {
                    @let (stored, shown) = value(*v);
                    option value=(stored) selected[chosen == Some(*v)] { (shown) }
                }
            }
        }
    }
}

/// GET /catalogus
pub async fn index(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(f): Query<Filter>,
) -> Result<Markup, AppError> {
    let all = crate::seed::catalogue(&app.store, &ctx.user.org).await?;
    let category = parse_category(&f.categorie);
    let process = PrimaryProcess::parse(&f.proces);
    let role = Role::parse(&f.rol);
    let route = Route::parse(&f.route);
    let shown: Vec<&Template> = all
        .iter()
        .filter(|t| t.matches(category, process, role, route))
        .collect();
    let filtered = category.is_some() || process.is_some() || role.is_some() || route.is_some();
    Ok(layout::page(
        &ctx,
        Section::Catalogue,
        "Interventiecatalogus",
        html! {
            h1 { "Interventiecatalogus" }
            p.lead { "Interventies om uit te kiezen in een afweging: stenen, sociaal en beleid, elk met standaardkosten en -effecten per partij en per jaar, bandbreedtes, PM-posten en een bron. De bedragen zijn indicatief; vervang ze door eigen cijfers." }
            form.filters method="get" action="/catalogus" {
                (select("categorie", "Categorie", &CATEGORIES, category, |c| (c.as_str(), category_label(c))))
                (select("proces", "Primair proces", PrimaryProcess::ALL, process, |p| (p.as_str(), p.label())))
                (select("rol", "Rol van de corporatie", Role::ALL, role, |r| (r.as_str(), r.label())))
                (select("route", "Stijgingsroute", Route::ALL, route, |r| (r.as_str(), r.label())))
                div { button type="submit" { "Filter" } }
            }
            div.actions {
                @if ctx.user.role.can_manage_catalogue() {
                    a.button href="/catalogus/nieuw" { "Sjabloon toevoegen" }
                }
                @if filtered { a href="/catalogus" { "Alle sjablonen tonen" } }
            }
            p role="status" { (shown.len()) " van " (all.len()) " sjablonen." }
            @if shown.is_empty() {
                p { "Geen sjablonen met deze kenmerken." }
            }
            ul.cards.templates {
                @for t in &shown {
                    li.card data-key=(t.key) {
                        h2 { a href=(format!("/catalogus/{}", t.key)) { (t.name) } }
                        (tags(t))
                        p { (t.description) }
                        p.muted { "Eenheid: " (t.unit.label()) ", typisch " (format::number(t.typical_quantity, 0)) "." }
                        (summary(t))
                        @if !t.pm.is_empty() { p.muted { (t.pm.len()) " PM-posten (niet in geld uitgedrukt)." } }
                        details { summary { "Bron" } p { (t.source) } }
                    }
                }
            }
        },
    ))
}

/// Which parts of a template a change touched, in Dutch.
fn changed_parts(before: &Template, after: &Template) -> Vec<&'static str> {
    let mut parts = Vec::new();
    let mut check = |changed: bool, label: &'static str| {
        if changed {
            parts.push(label);
        }
    };
    check(before.name != after.name, "naam");
    check(before.category != after.category, "categorie");
    check(before.description != after.description, "beschrijving");
    check(
        before.unit != after.unit || before.typical_quantity != after.typical_quantity,
        "eenheid en aantal",
    );
    check(
        before.processes != after.processes
            || before.roles != after.roles
            || before.routes != after.routes,
        "kenmerken",
    );
    check(before.flows != after.flows, "kosten en baten");
    check(before.pm != after.pm, "PM-posten");
    check(before.source != after.source, "bron");
    parts
}

fn what(e: &CatalogueEventRow) -> String {
    let detail: Option<serde_json::Value> = e
        .detail
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok());
    let side = |name: &str| {
        detail
            .as_ref()
            .and_then(|d| serde_json::from_value::<Template>(d[name].clone()).ok())
    };
    match (side("before"), side("after")) {
        (Some(b), Some(a)) => {
            let parts = changed_parts(&b, &a);
            if parts.is_empty() {
                format!("{} (niets veranderd)", e.action)
            } else {
                format!("{}: {}", e.action, parts.join(", "))
            }
        }
        _ => e.action.clone(),
    }
}

/// The history of one template.
fn history(events: &[CatalogueEventRow]) -> Markup {
    html! {
        @if events.is_empty() {
            p { "Nog geen wijzigingen." }
        } @else {
            (layout::table_wrap("Geschiedenis van het sjabloon", html! { table.history {
                thead { tr { th scope="col" { "Wanneer" } th scope="col" { "Wie" } th scope="col" { "Wat" } } }
                tbody { @for e in events {
                    tr { td { (super::import::date(e.at)) } td { (e.user_name) } td { (what(e)) } }
                } }
            } }))
        }
    }
}

fn flows_table(t: &Template) -> Markup {
    let years = t.years();
    html! {
        (layout::table_wrap("Bedragen per jaar", html! { table {
            caption { "Bedragen per jaar " (per_unit(t.unit)) ", in prijzen van het startjaar; jaar 0 is het startjaar" }
            thead { tr {
                th scope="col" { "Partij" } th scope="col" { "Soort" } th scope="col" { "Omschrijving" }
                th.num scope="col" { "Bedrag per jaar" } th scope="col" { "Jaren" } th.num scope="col" { "Groei" }
                th scope="col" { "Correcties" } th scope="col" { "Onzekerheid" } th.num scope="col" { "Contante waarde" }
            } }
            tbody { @for f in &t.flows {
                tr {
                    td { (actor_name(&f.actor)) }
                    td { (kind_text(f.kind)) }
                    td { (f.label) }
                    td.num { (format::euro(f.amount)) }
                    td { (years_text(f.from_year, f.last_year())) }
                    td.num { @if f.growth != 0.0 { (format::percent(f.growth, 1)) } }
                    td { @if let Some(a) = &f.adjust {
                        "deadweight " (format::percent(a.deadweight, 0)) ", attributie " (format::percent(a.attribution, 0))
                        ", verplaatsing " (format::percent(a.displacement, 0)) ", drop-off " (format::percent(a.drop_off, 0))
                    } }
                    td { @match &f.uncertainty { Some(d) => (distribution_text(d)), None => span.muted { "vast" } } }
                    td.num { (format::euro(sign(f.kind) * f.amount * pv_factor(f, years, RATE))) }
                }
            } }
        } }))
    }
}

/// GET /catalogus/{key}
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Query(q): Query<Saved>,
) -> Result<Markup, AppError> {
    let org = &ctx.user.org;
    let t = crate::seed::catalogue(&app.store, org)
        .await?
        .into_iter()
        .find(|t| t.key == key)
        .ok_or(AppError::NotFound)?;
    let events = app.store.template_events(org, &key, 50).await?;
    Ok(layout::page(
        &ctx,
        Section::Catalogue,
        &t.name,
        html! {
            (layout::breadcrumbs(&[("Catalogus", Some("/catalogus".into())), (&t.name, None)]))
            @if q.opgeslagen.is_some() {
                div.notice.notice-success role="status" { p { "Het sjabloon is opgeslagen." } }
            }
            h1 { (t.name) }
            (tags(&t))
            p.lead { (t.description) }
            dl.facts {
                dt { "Categorie" } dd { (category_label(t.category)) }
                dt { "Eenheid" } dd { (t.unit.label()) }
                dt { "Typisch aantal" } dd { (format::number(t.typical_quantity, 0)) }
                dt { "Primair proces" } dd { (labels(t.processes.iter().map(|p| p.label()))) }
                dt { "Rol van de corporatie" } dd { (labels(t.roles.iter().map(|r| r.label()))) }
                @if t.category == Category::Sociaal {
                    dt { "Stijgingsroute" } dd { (labels(t.routes.iter().map(|r| r.label()))) }
                }
                dt { "Looptijd" } dd { (t.years()) " jaar" }
                @if let Some(b) = &t.basis.benchmark {
                    dt { "Ijkpunt B/K" }
                    dd { (crate::case_report::bcr::benchmark_cell(&wikken_core::case::BcrNotes { benchmark: Some(b.clone()), ..Default::default() })) " per € 1 — " (b.source) }
                }
                @if let Some(r) = &t.basis.residual {
                    dt { "Restwaarde" } dd { "‘" (r.asset) "’, lineair afgeschreven over " (r.life_years) " jaar; wat er aan het eind van de looptijd over is, telt als baat in het laatste jaar." }
                }
                @if let Some(m) = &t.basis.main_effect_pm {
                    dt { "Hoofdeffect zonder prijs" } dd { (m) ". De B/K is daardoor onvolledig." }
                }
                @if !t.basis.outcomes.is_empty() {
                    dt { "Telt één keer in een pakket" }
                    dd { (t.basis.outcomes.iter().map(|o| o.outcome.as_str()).collect::<Vec<_>>().join(", ")) ": ook een ander sjabloon claimt dit effect." }
                }
            }
            @if ctx.user.role.can_manage_catalogue() {
                div.actions {
                    a.button href=(format!("/catalogus/{}/bewerken", t.key)) { "Bewerken" }
                    a.button.button-secondary href=(format!("/catalogus/{}/verwijderen", t.key)) { "Verwijderen" }
                }
            }
            h2 { "Kosten en baten per jaar" }
            (flows_table(&t))
            h2 { "Per partij" }
            (summary(&t))
            h2 { "PM-posten" }
            @if t.pm.is_empty() {
                p { "Geen." }
            } @else {
                ul { @for p in &t.pm {
                    li {
                        strong { (p.label) } " — " (sign_text(p.sign))
                        @if let Some(a) = &p.actor { ", voor " (actor_name(a)) }
                        @if let Some(n) = &p.note { ". " (n) }
                    }
                } }
            }
            h2 { "Bron" }
            p { (t.source) }
            h2 { "Geschiedenis" }
            (history(&events))
        },
    ))
}

/// `?opgeslagen=1` after a save.
#[derive(Debug, Deserialize, Default)]
pub struct Saved {
    opgeslagen: Option<String>,
}

fn labels<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = items.collect();
    if v.is_empty() {
        "–".to_string()
    } else {
        v.join(", ")
    }
}
