//! Step 6: the results, recomputed by the engine on every change: the MKBA
//! with the discount-rate sensitivity, the EffectenArena with a proposal
//! for sharing costs (its rule stated), the MCA per party, the
//! uncertainty, and the portfolio within the corporation's budget (on the
//! saldo or the MCA value, as the afweging says). The forms that change
//! the settings are in [`super::settings`].

use std::sync::Arc;

use axum::extract::State;
use maud::{Markup, html};
use wikken_core::case::CaseDoc;
use wikken_core::case::analysis::Analysis;
use wikken_core::engine::EvalError;
use wikken_core::format;

use super::form::FormState;
use super::kit::Step;
use super::options::category_label;
use super::settings::{cost_sharing_form, settings_form};
use super::start::area_aside;
use super::{Loaded, case_header};
use crate::AppState;
use crate::case_report::bcr;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};
use crate::svg::case_charts::{self, NpvBar};

/// What the engine said about a case.
pub enum Outcome {
    /// Not yet computable: what is missing (Dutch).
    Missing(Vec<&'static str>),
    /// The model breaks a rule (should not happen through the forms).
    Invalid(Vec<String>),
    /// The results.
    Ready(Arc<Analysis>),
}

/// The analysis of a loaded case version: kept, or computed now by the
/// server's [`crate::analysis_runner`] (bounded; 503 when it is full).
pub async fn analysis(app: &AppState, case: &Loaded) -> Result<Outcome, AppError> {
    let doc = case.doc();
    let missing = doc.missing_for_results();
    if !missing.is_empty() {
        return Ok(Outcome::Missing(missing));
    }
    let key = (case.id.clone(), case.version.version, case.version.revision);
    match app.analyses.analysis(key, doc).await? {
        Ok(a) => Ok(Outcome::Ready(a)),
        Err(e) => match e.as_ref() {
            EvalError::Invalid(problems) => Ok(Outcome::Invalid(
                problems.iter().map(|p| p.to_string()).collect(),
            )),
            EvalError::Solve(e) => Err(AppError::Internal(format!("portefeuille: {e}"))),
        },
    }
}

fn rate_key(r: f64) -> String {
    format!("{}", r + 0.0)
}

fn name_of<'a>(a: &'a Analysis, id: &'a str) -> &'a str {
    a.model
        .options
        .iter()
        .find(|o| o.id == id)
        .map_or(id, |o| o.name.as_str())
}

fn actor_name<'a>(a: &'a Analysis, id: &'a str) -> &'a str {
    a.model
        .actors
        .iter()
        .find(|x| x.id == id)
        .map_or(id, |x| x.name.as_str())
}

/// PM-posten as one line: "+ Schonere buurt; - Overlast".
fn pm_text(pm: &[wikken_core::model::PmItem]) -> String {
    pm.iter()
        .map(|p| format!("{} {}", p.sign.as_str(), p.label))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The MKBA table and its chart, each B/K beside its ijkpunt, with the
/// remarks on partial B/Ks and outcomes counted once.
pub fn mkba_section(doc: &CaseDoc, a: &Analysis) -> Markup {
    let notes = bcr::notes(doc, &a.report);
    let ijkpunt = bcr::any_benchmark(&notes);
    let remarks = bcr::remarks(&a.report, &notes);
    let rates = &a.model.sensitivity_rates;
    let bars: Vec<NpvBar> = a
        .report
        .options
        .iter()
        .map(|o| NpvBar {
            name: o.name.clone(),
            npv: o.npv,
            range: o.uncertainty.map(|u| (u.p5, u.p95)),
        })
        .collect();
    html! {
        section aria-labelledby="mkba-kop" {
            h2 #mkba-kop { "Maatschappelijke kosten en baten" }
            @if let Some(notice) = crate::case_report::horizon_notice(&a.model) {
                div.notice.notice-warning role="status" { p { strong { "Let op: effecten na de looptijd. " } (notice) } }
            }
            p { "Contante waarden over " (a.model.horizon_years) " jaar vanaf " (a.model.start_year) " tegen een discontovoet van " (format::percent(a.model.discount_rate, 2)) ", als verschil met het nulalternatief." }
            (case_charts::npv_bars(&bars))
            (layout::table_wrap("MKBA per optie", html! { table.figures {
                caption { "MKBA per optie; de laatste kolommen tonen het saldo bij andere discontovoeten" }
                thead { tr {
                    th scope="col" { "Optie" } th scope="col" { "Soort" }
                    th.num scope="col" { "CW kosten" } th.num scope="col" { "CW baten" } th.num scope="col" { "Saldo" } th.num scope="col" { "B/K" }
                    @if ijkpunt { th.num scope="col" { "Ijkpunt B/K" } }
                    @for r in rates { th.num scope="col" { "Saldo bij " (format::percent(*r, 2).replace(",00", "").replace(' ', "\u{a0}")) } }
                    th.pm-col scope="col" { "PM-posten" }
                } }
                tbody { @for (o, n) in a.report.options.iter().zip(&notes) {
                    tr {
                        th scope="row" { (o.name) }
                        td { (category_label(o.category)) }
                        td.num { (format::euro(o.pv_costs)) }
                        td.num { (format::euro(o.pv_benefits)) }
                        td.num.negative[o.npv < 0.0] { strong { (format::euro(o.npv)) } }
                        td.num { @match o.bcr { Some(b) => (format::number(b, 2)), None => "–" } }
                        @if ijkpunt { td.num.negative[n.within == Some(false)] { (bcr::benchmark_cell(n)) } }
                        @for r in rates { td.num { (o.npv_at_rates.as_ref().and_then(|m| m.get(&rate_key(*r))).map_or("–".to_string(), |v| format::euro(*v))) } }
                        td.pm-list { @for p in &o.pm { span.pm { (p.sign.as_str()) " " (p.label) } " " } }
                    }
                    // Print only (wikken.css): the PM-posten on a row of their own.
                    @if !o.pm.is_empty() {
                        tr.pm-row { td colspan=(6 + usize::from(ijkpunt) + rates.len()) { "PM-posten: " (pm_text(&o.pm)) } }
                    }
                } }
            } }))
            @if !remarks.is_empty() { ul.remarks { @for r in &remarks { li { (r) } } } }
        }
    }
}

/// The EffectenArena: who pays and who gains, and the proposal for sharing
/// costs with its rule in words; `controls` (the form that changes the
/// rule, or nothing) come right after the rule.
pub fn arena_section(doc: &CaseDoc, a: &Analysis, controls: Markup) -> Markup {
    let actors: Vec<(String, String)> = a
        .model
        .actors
        .iter()
        .map(|x| (x.id.clone(), x.name.clone()))
        .collect();
    let options: Vec<(String, String)> = a
        .model
        .options
        .iter()
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect();
    let net = |actor: usize, option: usize| {
        a.arena
            .get(option)
            .and_then(|c| c.actors.get_index(actor))
            .map_or(0.0, |(_, cell)| cell.net)
    };
    html! {
        section aria-labelledby="arena-kop" {
            h2 #arena-kop { "Wie betaalt, wie wint (EffectenArena)" }
            p { "Per partij het saldo van baten en kosten (contante waarde). Rood: de partij investeert meer dan zij terugziet; blauw: zij wint." }
            (case_charts::arena_matrix(&actors, &options, &net))
            h3 #kostenverdeling-kop { "Voorstel voor kostenverdeling" }
            p.rule { (crate::case_report::cost_sharing_rule(&a.model.actors, &doc.cost_sharing)) }
            (controls)
            @for col in &a.arena {
                (layout::table_wrap(&format!("Kostenverdeling: {}", name_of(a, &col.option)), html! { table {
                    caption { (name_of(a, &col.option)) }
                    thead { tr { th scope="col" { "Partij" } th.num scope="col" { "Eigen kosten" } th.num scope="col" { "Baten" } th scope="col" { "Betaalt mee" } th.num scope="col" { "Voorgestelde bijdrage" } th.num scope="col" { "Saldo na verdeling" } } }
                    tbody { @for (id, c) in &col.actors {
                        @if c.pv_costs != 0.0 || c.pv_benefits != 0.0 {
                            tr {
                                th scope="row" { (actor_name(a, id)) }
                                td.num { (format::euro(c.pv_costs)) }
                                td.num { (format::euro(c.pv_benefits)) }
                                td { @if c.pays { "ja" } @else { "nee" } }
                                td.num { (format::euro(c.proposed_contribution)) }
                                td.num.negative[c.net_after_sharing < 0.0] { (format::euro(c.net_after_sharing)) }
                            }
                        }
                    } }
                } }))
                @if let Some(rest) = crate::case_report::remainder_text(&a.model.actors, col) { p.muted { (rest) } }
            }
        }
    }
}

/// The MCA under the shared weights and each party's, side by side; a
/// column resting on contradictory pairwise comparisons is flagged.
pub fn mca_section(doc: &wikken_core::case::CaseDoc, a: &Analysis) -> Markup {
    let inconsistent = doc.inconsistent_weighings();
    let flag = |holder: &str| inconsistent.iter().any(|i| i.holder == holder);
    let Some(mca) = &a.report.mca else {
        return html! { section { h2 { "Weging per partij" } p { "Er zijn geen criteria buiten euro's; de afweging rust op de MKBA." } } };
    };
    html! {
        section aria-labelledby="mca-kop" {
            h2 #mca-kop { "Weging per partij (MCA)" }
            @if !crate::case_report::scores_differ(a) {
                div.notice.notice-warning role="status" { p { strong { "Nog geen scores. " } (crate::case_report::NO_SCORES) } }
            }
            @if !doc.workshops.is_empty() {
                p { "Kolommen die met de naam van een werkatelier beginnen, zijn de wegingen uit dat werkatelier: per rol (alleen rollen met genoeg deelnemers om apart te tonen) en ‘samen’ voor alle rollen. " (crate::werkatelier::AGGREGATION_SHORT) }
            }
            @let stale = doc.stale_workshop_weightings();
            @if !stale.is_empty() {
                div.notice.notice-warning role="status" { p {
                    strong { "Niet getoond: " } (stale.join(", "))
                    ". De criteria zijn veranderd na het werkatelier, dus deze wegingen passen er niet meer bij."
                } }
            }
            @if !inconsistent.is_empty() {
                div.notice.notice-warning role="status" { p {
                    strong { "Let op: tegenstrijdige vergelijkingen. " }
                    (crate::case_report::inconsistency_text(&inconsistent))
                } }
            }
            p { "Geld telt in de MCA alleen mee als u er zelf een criterium van maakt; de MKBA hierboven weegt de euro's. Rang 1 is de beste optie onder die weging; de score (hoger is beter) staat naast de gezamenlijke rang en tussen haakjes achter de rang van elke partij. Een rij met " span.disagree { "gemarkeerde" } " achtergrond: daar verschillen de partijen twee of meer plaatsen van mening." }
            (layout::table_wrap("Rangen per partij", html! { table {
                caption { "Rangen onder de gezamenlijke weging en die van elke partij" }
                thead { tr {
                    th scope="col" { "Optie" } th.num scope="col" { "Gezamenlijk" @if flag("Gezamenlijk") { " ⚠" } }
                    th.num scope="col" { "Score" }
                    @for s in &mca.by_weight_set { th.num scope="col" { (s.stakeholder) @if flag(&s.stakeholder) { " ⚠" } } }
                    th.num scope="col" { "Verschil" }
                } }
                tbody { @for d in &a.disagreement {
                    @let main_score = a.report.options.iter().find(|o| o.id == d.option).and_then(|o| o.mca).map(|m| m.score);
                    tr.disagree[d.spread >= 2] {
                        th scope="row" { (name_of(a, &d.option)) }
                        td.num { (d.main_rank) }
                        td.num { (main_score.map_or("–".to_string(), |x| format::number(x, 2))) }
                        @for s in &mca.by_weight_set {
                            td.num {
                                (d.ranks.get(&s.stakeholder).map_or("–".to_string(), |r| r.to_string()))
                                @if let Some(x) = s.scores.get(&d.option) { span.score { " (" (format::number(*x, 2)) ")" } }
                            }
                        }
                        td.num { (d.spread) }
                    }
                } }
            } }))
            (layout::table_wrap("Gewichten per partij", html! { table {
                caption { "Gewichten" }
                thead { tr { th scope="col" { "Criterium" } th.num scope="col" { "Gezamenlijk" } @for s in &a.model.weight_sets { th.num scope="col" { (s.stakeholder) } } } }
                // Whole percentages that add up to 100 per column.
                @let column = |w: &indexmap::IndexMap<String, f64>| format::whole_percent_texts(&a.model.criteria.iter().map(|c| w.get(&c.id).copied().unwrap_or(0.0)).collect::<Vec<_>>());
                @let shared = column(&mca.weights);
                @let parties: Vec<Vec<String>> = a.model.weight_sets.iter().map(|s| column(&s.weights)).collect();
                @let cell = |col: &[String], i: usize| col.get(i).cloned().unwrap_or_else(|| "–".to_string());
                tbody { @for (i, c) in a.model.criteria.iter().enumerate() {
                    tr {
                        th scope="row" { (c.name) }
                        td.num { (cell(&shared, i)) }
                        @for p in &parties { td.num { (cell(p, i)) } }
                    }
                } }
            } }))
            @if let Some(ahp) = &mca.ahp { p { "Gezamenlijke gewichten uit paarsgewijze vergelijking; consistentieratio " (format::number(ahp.cr, 2)) "." } }
        }
    }
}

/// The Monte Carlo results, distributions, tornado and EVPI.
pub fn uncertainty_section(a: &Analysis) -> Markup {
    if a.report.sensitivity.is_none() {
        return html! { section { h2 { "Onzekerheid" } p { "Geen enkel bedrag heeft een bandbreedte; geef bij de effecten een laag en hoog bedrag op om de onzekerheid te zien." } } };
    }
    let tornados = case_charts::tornado_options(&a.report, case_charts::ROWS_PER_OPTION);
    html! {
        section aria-labelledby="onzeker-kop" {
            h2 #onzeker-kop { "Onzekerheid" }
            p { (format::number(a.model.uncertainty.iterations as f64, 0)) " trekkingen (Monte Carlo, startgetal " (a.model.uncertainty.seed) ")." }
            (layout::table_wrap("Saldo onder onzekerheid per optie", html! { table {
                thead { tr { th scope="col" { "Optie" } th.num scope="col" { "Gemiddeld saldo" } th.num scope="col" { "5 %" } th.num scope="col" { "Mediaan" } th.num scope="col" { "95 %" } th.num scope="col" { "Kans saldo > 0" } th.num scope="col" { "Kans beste optie" } } }
                tbody { @for o in &a.report.options { @if let Some(u) = &o.uncertainty {
                    tr { th scope="row" { (o.name) } td.num { (format::euro(u.mean)) } td.num { (format::euro(u.p5)) } td.num { (format::euro(u.p50)) } td.num { (format::euro(u.p95)) } td.num { (format::percent(u.prob_positive, 0)) } td.num { (format::percent(u.prob_best, 0)) } }
                } } }
            } }))
            div.distributions {
                @for (o, h) in a.report.options.iter().zip(&a.distributions) {
                    @if let Some(u) = &o.uncertainty { figure { (case_charts::distribution(h, &o.name, u.p5, u.p95, u.prob_positive)) } }
                }
            }
            h3 { "Wat bepaalt de uitkomst het meest?" }
            p { "Per optie de onzekere bedragen die het saldo het meest bewegen: de balk loopt van het saldo bij de lage tot dat bij de hoge waarde van het bedrag. "
                strong { "Elke optie heeft een eigen schaal" } ", zodat ook kleine bedragen zichtbaar zijn; vergelijk de lengte van balken binnen een optie, niet tussen opties." }
            @if tornados.is_empty() { p { "Geen onzekere bedragen." } }
            @else { ul.tornado-grid { @for t in &tornados { li { (case_charts::tornado(t)) } } } }
            @if let Some(v) = &a.report.value_of_information {
                p { "Waarde van volmaakte informatie: " strong { (format::euro(v.evpi)) } ". Zoveel zou het keuzeresultaat gemiddeld beter zijn als alle onzekerheid vóór het besluit was weggenomen; meer dan dit is nader onderzoek niet waard." }
            }
        }
    }
}

/// The portfolio within the budget, at several budget levels, saying what
/// it optimises on (the saldo or the MCA value) and what it leaves out.
pub fn portfolio_section(doc: &CaseDoc, a: &Analysis) -> Markup {
    use crate::case_report::{
        nothing_chosen, objective_amount, objective_column, objective_fallback, objective_of,
        portfolio_counts,
    };
    let Some(p) = &a.report.portfolio else {
        return html! { section { h2 { "Portefeuille" } p { "Geen budget opgegeven; stel hieronder een budget in om de beste combinatie van opties te zien." } } };
    };
    let budget = a.model.portfolio.as_ref().and_then(|p| p.budgets.first());
    let objective = objective_of(&a.model);
    let column = objective_column(objective);
    let nothing = p.selected.is_empty() || a.budget_steps.iter().any(|s| s.selected.is_empty());
    html! {
        section aria-labelledby="portefeuille-kop" {
            h2 #portefeuille-kop { "Portefeuille binnen het budget" }
            @if let Some(b) = budget {
                p { "Budget van " (actor_name(a, &b.actor)) ": " (format::euro(b.max)) " aan kosten (niet verdisconteerd) in " (a.model.start_year + b.from_year) "–" (a.model.start_year + b.to_year) ". "
                    "Beste combinatie: " strong { @if p.selected.is_empty() { "niets doen" } @else { (p.selected.iter().map(|s| name_of(a, s)).collect::<Vec<_>>().join(", ")) } }
                    ", met " (if objective == wikken_core::model::Objective::Npv { "een saldo" } else { "een MCA-waarde" }) " van " (objective_amount(objective, p.objective)) "." }
            }
            p.counts { (portfolio_counts(objective)) @if nothing { " " (nothing_chosen(objective)) }
                @if objective == wikken_core::model::Objective::Npv && doc.portfolio_objective == wikken_core::model::Objective::Npv { " Bij de rekeninstellingen van stap 6 Resultaten kunt u de portefeuille ook op de MCA-waarde laten kiezen." } }
            @if let Some(why) = objective_fallback(doc, &a.model) {
                div.notice.notice-warning role="status" { p { (why) } }
            }
            @if let Some(gap) = p.gap {
                p.notice role="status" { (format::not_proven(gap)) ": de rekentijd was op voordat de rekenkern kon bewijzen dat er geen betere combinatie is." }
            }
            (case_charts::budget_steps(&a.budget_steps, objective))
            (layout::table_wrap("Portefeuille bij andere budgetten", html! { table {
                caption { "Wat verandert als het budget beweegt" }
                thead { tr { th.num scope="col" { "Budget" } th scope="col" { "Gekozen" } th.num scope="col" { (column) } th.num scope="col" { "Besteed" } th.num scope="col" { "Stenen" } th.num scope="col" { "Sociaal" } th.num scope="col" { "Beleid en pakketten" } } }
                tbody { @for s in &a.budget_steps {
                    @let cat = |c: wikken_core::model::Category| s.spent_by_category.get(&c).copied().unwrap_or(0.0);
                    tr {
                        td.num { (format::euro(s.max)) " (" (format::percent(s.factor, 0)) ")" }
                        td { @if s.selected.is_empty() { "niets doen" } @else { (s.selected.iter().map(|x| name_of(a, x)).collect::<Vec<_>>().join(", ")) }
                            @if let Some(gap) = s.gap { br; small { "(" (format::not_proven(gap)) ")" } } }
                        td.num { (objective_amount(objective, s.objective)) }
                        td.num { (format::euro(s.spent)) }
                        td.num { (format::euro(cat(wikken_core::model::Category::Stenen))) }
                        td.num { (format::euro(cat(wikken_core::model::Category::Sociaal))) }
                        td.num { (format::euro(cat(wikken_core::model::Category::Beleid) + cat(wikken_core::model::Category::Combinatie))) }
                    }
                } }
            } }))
        }
    }
}

fn step6(ctx: &Ctx, case: &Loaded, outcome: &Outcome, state: &FormState, aside: &Markup) -> Markup {
    html! {
        (case_header(case, Step::Results, aside))
        h1 { "Resultaten" }
        (state.summary())
        @match outcome {
            Outcome::Missing(m) => div.notice.notice-warning role="status" { p { "Nog geen resultaten:" } ul { @for x in m { li { (x) } } } },
            Outcome::Invalid(problems) => div.notice.notice-error role="alert" { p { "Het model klopt nog niet:" } ul { @for p in problems { li { (p) } } } },
            Outcome::Ready(a) => {
                @if !a.report.warnings.is_empty() { div.notice.notice-warning { ul { @for w in &a.report.warnings { li { (w) } } } } }
                (mkba_section(case.doc(), a))
                (arena_section(case.doc(), a, cost_sharing_form(ctx, case, state)))
                (mca_section(case.doc(), a))
                (uncertainty_section(a))
                (portfolio_section(case.doc(), a))
                p { a href=(case.sub_url("model.json")) download { "Model downloaden (JSON, voor wikken evaluate)" } }
            },
        }
        (settings_form(ctx, case, state))
        p { a.button href=(case.step_url(Step::Decision)) { "Verder: besluit" } }
    }
}

/// GET /afwegingen/{id}/resultaten
pub async fn page(State(app): State<AppState>, ctx: Ctx, case: Loaded) -> Result<Markup, AppError> {
    show_step6(&app, &ctx, &case, &FormState::default()).await
}

/// Step 6 with `state` (a refused form's values and problems).
pub(super) async fn show_step6(
    app: &AppState,
    ctx: &Ctx,
    case: &Loaded,
    state: &FormState,
) -> Result<Markup, AppError> {
    let aside = area_aside(app, ctx, case).await?;
    let outcome = analysis(app, case).await?;
    Ok(layout::page(
        ctx,
        Section::Cases,
        "Resultaten",
        step6(ctx, case, &outcome, state, &aside),
    ))
}
