//! Step 4: the effects of each option: flows per actor and year (kosten and
//! baten, with the SROI adjustments on outcomes and a range where the
//! amount is uncertain), PM-posten, and scores on the criteria.

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use wikken_core::case::command::{CaseCommand, EffectsChange, EffectsValues};
use wikken_core::case::merge::Change;
use wikken_core::case::{CaseDoc, CaseOption};
use wikken_core::engine::mkba;
use wikken_core::format;
use wikken_core::limits;
use wikken_core::model::{Adjust, Distribution, Flow, FlowKind, PmItem, PmSign};

use super::form::{Fields, FormState, css_id, input_number, text_input};
use super::kit::{
    CaseForm, Step, Submitted, base, base_field, form_fields, refused, saved, submit,
};
use super::options::category_label;
use super::start::area_aside;
use super::{Loaded, case_header};
use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};

/// Empty rows offered below the flows and PM-posten.
const EXTRA_ROWS: usize = 3;

/// GET /afwegingen/{id}/effecten: every option's flows in short.
pub async fn overview(
    State(app): State<AppState>,
    ctx: Ctx,
    case: Loaded,
) -> Result<Markup, AppError> {
    let aside = area_aside(&app, &ctx, &case).await?;
    let doc = case.doc();
    let model = doc.to_model();
    let body = html! {
        (case_header(&case, Step::Effects, &aside))
        h1 { "Effecten per optie" }
        p.lead { "Per optie: wie betaalt en wie wint, als verschil met het nulalternatief, opgeteld als contante waarde (CW) tegen " (format::percent(doc.discount_rate, 2)) " over " (doc.horizon_years) " jaar vanaf " (doc.start_year) ". De bedragen per jaar staan bij elke optie." }
        @if doc.options.is_empty() { p { "Nog geen opties. " a href=(case.step_url(Step::Options)) { "Voeg opties toe." } } }
        (layout::table_wrap("Effecten per optie", html! { table {
            thead { tr {
                th scope="col" { "Optie" }
                @for a in &doc.actors { th.num scope="col" { (a.name) } }
                th.num scope="col" { "Saldo (CW)" }
                th.num scope="col" { "PM-posten" }
            } }
            tbody { @for o in &doc.options {
                @let pv = mkba::option_pv(&model, &doc.option_spec(o), doc.discount_rate);
                tr {
                    th scope="row" { a href=(case.sub_url(&format!("effecten/{}", o.spec.id))) { (o.spec.name) } @if !o.shortlisted { " " span.muted { "(niet in voorselectie)" } } }
                    @for a in &doc.actors { td.num { (format::euro(pv.by_actor.get(&a.id).copied().unwrap_or(0.0))) } }
                    td.num { strong { (format::euro(pv.npv())) } }
                    td.num { (doc.option_spec(o).pm.len()) }
                }
            } }
        } }))
        p { a.button href=(case.step_url(Step::Weighing)) { "Verder: criteria en weging" } }
    };
    Ok(layout::page(&ctx, Section::Cases, "Effecten", body))
}

fn kind_select(name: &str, kind: FlowKind, disabled: bool) -> Markup {
    html! {
        select id=(css_id(name)) name=(name) aria-label="Kosten of baten" disabled[disabled] {
            option value="cost" selected[kind == FlowKind::Cost] { "kosten" }
            option value="benefit" selected[kind == FlowKind::Benefit] { "baten" }
        }
    }
}

fn dist_parts(d: Option<&Distribution>) -> (&'static str, String, String, String) {
    match d {
        None => ("", String::new(), String::new(), String::new()),
        Some(Distribution::Triangular { low, high }) => (
            "triangular",
            input_number(*low),
            input_number(*high),
            String::new(),
        ),
        Some(Distribution::Pert { low, high }) => (
            "pert",
            input_number(*low),
            input_number(*high),
            String::new(),
        ),
        Some(Distribution::Uniform { low, high }) => (
            "uniform",
            input_number(*low),
            input_number(*high),
            String::new(),
        ),
        Some(Distribution::Normal { sd }) => {
            ("normal", String::new(), String::new(), input_number(*sd))
        }
    }
}

fn pct(x: f64) -> String {
    if x == 0.0 {
        String::new()
    } else {
        input_number((x * 100.0 * 1e6).round() / 1e6)
    }
}

fn flow_row(
    doc: &CaseDoc,
    state: &FormState,
    i: usize,
    f: Option<&Flow>,
    readonly: bool,
) -> Markup {
    let p = |k: &str| format!("f{i}.{k}");
    let v = |k: &str, stored: String| state.value(&p(k), || stored);
    let adj = f.and_then(|f| f.adjust).unwrap_or_default();
    let (dist, low, high, sd) = dist_parts(f.and_then(|f| f.uncertainty.as_ref()));
    let actor = v("actor", f.map_or(String::new(), |f| f.actor.clone()));
    let kind = match v(
        "kind",
        f.map_or("cost", |f| {
            if f.kind == FlowKind::Cost {
                "cost"
            } else {
                "benefit"
            }
        })
        .to_string(),
    )
    .as_str()
    {
        "benefit" => FlowKind::Benefit,
        _ => FlowKind::Cost,
    };
    let dist = v("dist", dist.to_string());
    let cell = |k: &str, stored: String, label: &str, size: &str| {
        let (described, invalid) = state.describe(&p(k));
        html! {
            td {
                input type="text" name=(p(k)) id=(css_id(&p(k))) value=(v(k, stored)) aria-label=(label) size=(size) inputmode="decimal" readonly[readonly] aria-describedby=[described] aria-invalid=[invalid];
                (state.message(&p(k)))
            }
        }
    };
    html! {
        tr {
            td {
                select name=(p("actor")) id=(css_id(&p("actor"))) aria-label="Actor" disabled[readonly] {
                    option value="" { "—" }
                    @for a in &doc.actors { option value=(a.id) selected[actor == a.id] { (a.name) } }
                }
                (state.message(&p("actor")))
            }
            td { (kind_select(&p("kind"), kind, readonly)) }
            (cell("label", f.map_or(String::new(), |f| f.label.clone()), "Omschrijving", "18"))
            (cell("amount", f.map_or(String::new(), |f| input_number(f.amount)), "Bedrag per jaar (€)", "9"))
            (cell("from", f.map_or(String::new(), |f| (doc.start_year + f.from_year).to_string()), "Van jaar", "4"))
            (cell("to", f.map_or(String::new(), |f| (doc.start_year + f.last_year()).to_string()), "Tot en met jaar", "4"))
            (cell("growth", f.map_or(String::new(), |f| pct(f.growth)), "Groei per jaar (%)", "3"))
            (cell("dw", pct(adj.deadweight), "Deadweight (%)", "3"))
            (cell("at", pct(adj.attribution), "Attributie (%)", "3"))
            (cell("dp", pct(adj.displacement), "Verdringing (%)", "3"))
            (cell("do", pct(adj.drop_off), "Uitdoving per jaar (%)", "3"))
            td {
                select name=(p("dist")) aria-label="Onzekerheid" disabled[readonly] {
                    @for (k, l) in [("", "zeker"), ("triangular", "driehoek"), ("pert", "PERT"), ("uniform", "uniform"), ("normal", "normaal")] {
                        option value=(k) selected[dist == k] { (l) }
                    }
                }
            }
            (cell("low", low, "Laag (€)", "8"))
            (cell("high", high, "Hoog (€)", "8"))
            (cell("sd", sd, "Standaardafwijking (€)", "7"))
        }
    }
}

pub(crate) fn editor(
    ctx: &Ctx,
    case: &Loaded,
    option: &CaseOption,
    state: &FormState,
    aside: &Markup,
) -> Markup {
    let doc = case.doc();
    let url = format!("{}/effecten/{}", case.url(), option.spec.id);
    let readonly = !(case.editable() && ctx.user.role.can_edit());
    let spec = doc.option_spec(option);
    let flow_rows = if option.is_package() {
        0
    } else {
        option.spec.flows.len() + EXTRA_ROWS
    };
    let pm_rows = if option.is_package() {
        0
    } else {
        option.spec.pm.len() + 2
    };
    html! {
        (case_header(case, Step::Effects, aside))
        h1 { (option.spec.name) " " span.badge { (category_label(option.spec.category)) } }
        @if !option.note.is_empty() { p.muted { (option.note) } }
        (state.summary())
        form method="post" action=(url) data-warn-unsaved {
            (form_fields(ctx, state, "effecten"))
            @if let Some(values) = EffectsValues::of(doc, &option.spec.id) { (base_field(state, &values)) }
            (text_input(state, "name", "Naam", &option.spec.name, ""))
            @if option.is_package() {
                h2 { "Kosten en baten (van de onderdelen)" }
                p { "Dit pakket telt de stromen van " (option.members.iter().filter_map(|m| doc.option(m)).map(|m| m.spec.name.as_str()).collect::<Vec<_>>().join(" en ")) " op. Wijzig ze bij de onderdelen." }
                (flows_table(doc, &spec.flows))
            } @else {
                h2 { "Kosten en baten per jaar" }
                p.hint { "Bedrag per jaar in euro's (prijzen van " (doc.start_year) "), van jaar tot en met jaar. Bij maatschappelijke baten (SROI) de correcties in procenten: deadweight (was toch gebeurd), attributie (door anderen), verdringing (verschuift alleen) en uitdoving per jaar. Onzeker? Kies een verdeling met laag en hoog (of de standaardafwijking bij normaal). Een lege regel telt niet mee; maak het bedrag leeg om een regel te verwijderen." }
                (layout::table_wrap("Kosten en baten per jaar", html! { table.flows {
                    thead { tr {
                        th scope="col" { "Actor" } th scope="col" { "Soort" } th scope="col" { "Omschrijving" } th scope="col" { "Bedrag/jaar" }
                        th scope="col" { "Van" } th scope="col" { "T/m" } th scope="col" { "Groei %" }
                        th scope="col" abbr="Deadweight" { "DW %" } th scope="col" abbr="Attributie" { "Attr. %" } th scope="col" abbr="Verdringing" { "Verdr. %" } th scope="col" abbr="Uitdoving" { "Uitd. %" }
                        th scope="col" { "Onzekerheid" } th scope="col" { "Laag" } th scope="col" { "Hoog" } th scope="col" { "SD" }
                    } }
                    tbody { @for i in 0..flow_rows { (flow_row(doc, state, i, option.spec.flows.get(i), readonly)) } }
                } }))
                @if let (Some(r), Some(rule)) = (option.residual_flow(doc.horizon_years), &option.basis.residual) {
                    p.hint { "Restwaarde, berekend: " strong { (format::euro(r.amount)) } " als baat van de " (doc.actors.iter().find(|a| a.id == r.actor).map_or(r.actor.as_str(), |a| a.name.as_str()).to_lowercase()) " in " (doc.start_year + r.from_year) ", het laatste jaar van de looptijd. "
                        "Dat is wat er over is van de regel ‘" (rule.asset) "’, lineair afgeschreven over " (rule.life_years) " jaar. Wijzig die regel of de looptijd, en de restwaarde rekent mee." }
                }
                h2 { "PM-posten (niet in geld uitgedrukt)" }
                (layout::table_wrap("PM-posten", html! { table {
                    thead { tr { th scope="col" { "Effect" } th scope="col" { "Bij wie" } th scope="col" { "Teken" } th scope="col" { "Toelichting" } } }
                    tbody { @for i in 0..pm_rows {
                        @let pm = option.spec.pm.get(i);
                        @let p = |k: &str| format!("pm{i}.{k}");
                        @let actor = state.value(&p("actor"), || pm.and_then(|x| x.actor.clone()).unwrap_or_default());
                        @let sign = state.value(&p("sign"), || pm.map_or("+", |x| x.sign.as_str()).to_string());
                        tr {
                            td { input type="text" name=(p("label")) aria-label="Effect" value=(state.value(&p("label"), || pm.map_or(String::new(), |x| x.label.clone()))) readonly[readonly]; }
                            td { select name=(p("actor")) aria-label="Bij wie" disabled[readonly] { option value="" { "—" } @for a in &doc.actors { option value=(a.id) selected[actor == a.id] { (a.name) } } } }
                            td { select name=(p("sign")) aria-label="Teken" disabled[readonly] { @for s in ["+", "-", "0"] { option value=(s) selected[sign == s] { (s) } } } }
                            td { input type="text" name=(p("note")) aria-label="Toelichting" value=(state.value(&p("note"), || pm.and_then(|x| x.note.clone()).unwrap_or_default())) readonly[readonly]; }
                        }
                    } }
                } }))
            }
            @if !doc.criteria.is_empty() {
                h2 { "Scores op de criteria" }
                p.hint { "Op een schaal die u per criterium afspreekt, bijv. 1 (slecht) tot 5 (goed); bij een criterium waar minder beter is, telt een lagere score als beter." }
                @for c in &doc.criteria {
                    @let name = format!("score.{}", c.id);
                    (text_input(state, &name, &format!("{} ({})", c.name, if c.direction == wikken_core::model::Direction::Max { "meer is beter" } else { "minder is beter" }), &input_number(option.spec.scores.get(&c.id).copied().unwrap_or(3.0)), ""))
                }
            }
            (super::form::textarea(state, "note", "Bron en aannames", &option.note, ""))
            @if !readonly { button type="submit" { "Effecten opslaan" } }
        }
        p { a href=(case.step_url(Step::Effects)) { "Terug naar alle opties" } }
    }
}

/// A read-only table of flows (for packages).
fn flows_table(doc: &CaseDoc, flows: &[Flow]) -> Markup {
    html! {
        (layout::table_wrap("Kosten en baten van de onderdelen", html! { table {
            thead { tr { th scope="col" { "Actor" } th scope="col" { "Soort" } th scope="col" { "Omschrijving" } th.num scope="col" { "Bedrag/jaar" } th scope="col" { "Jaren" } } }
            tbody { @for f in flows {
                tr {
                    td { (doc.actors.iter().find(|a| a.id == f.actor).map_or(f.actor.as_str(), |a| a.name.as_str())) }
                    td { (if f.kind == FlowKind::Cost { "kosten" } else { "baten" }) }
                    td { (f.label) }
                    td.num { (format::euro(f.amount)) }
                    td { (doc.start_year + f.from_year) "–" (doc.start_year + f.last_year()) }
                }
            } }
        } }))
    }
}

/// GET /afwegingen/{id}/effecten/{option}
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    case: Loaded,
    Path((_, option)): Path<(String, String)>,
) -> Result<Markup, AppError> {
    show_editor(&app, &ctx, &case, &option, &FormState::default()).await
}

/// Parses one flow row; `None` for an empty row or one with errors (then
/// recorded in `state`).
fn parse_flow(doc: &CaseDoc, fields: &Fields, state: &mut FormState, i: usize) -> Option<Flow> {
    let p = |k: &str| format!("f{i}.{k}");
    if fields.get(&p("amount")).trim().is_empty() {
        return None;
    }
    let before = state.errors.len();
    let actor = fields.get(&p("actor")).to_string();
    if !doc.actors.iter().any(|a| a.id == actor) {
        state.error(p("actor"), "Kies wie betaalt of wint.");
    }
    let kind = if fields.get(&p("kind")) == "benefit" {
        FlowKind::Benefit
    } else {
        FlowKind::Cost
    };
    let amount = state.number(fields, &p("amount"), 0.0, 1e12);
    let last = doc.start_year + doc.horizon_years - 1;
    let from = state.number(fields, &p("from"), doc.start_year as f64, last as f64);
    let to = state
        .optional_number(fields, &p("to"), doc.start_year as f64, 2200.0)
        .flatten();
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        state.error(p("to"), "Het laatste jaar ligt vóór het eerste.");
    }
    let share = |state: &mut FormState, k: &str, max: f64| {
        state
            .optional_number(fields, &p(k), 0.0, max)
            .map(|x| x.unwrap_or(0.0) / 100.0)
    };
    let growth = state
        .optional_number(fields, &p("growth"), -50.0, 50.0)
        .map(|x| x.unwrap_or(0.0) / 100.0);
    let adjust = Adjust {
        deadweight: share(state, "dw", 100.0).unwrap_or(0.0),
        attribution: share(state, "at", 100.0).unwrap_or(0.0),
        displacement: share(state, "dp", 100.0).unwrap_or(0.0),
        drop_off: share(state, "do", 100.0).unwrap_or(0.0),
    };
    if kind == FlowKind::Cost && adjust != Adjust::default() {
        state.error(
            p("dw"),
            "Correcties (deadweight, attributie, verdringing, uitdoving) gelden alleen voor baten.",
        );
    }
    let uncertainty = match (fields.get(&p("dist")), amount) {
        ("", _) | (_, None) => None,
        ("normal", Some(_)) => state
            .number(fields, &p("sd"), 0.0, 1e12)
            .map(|sd| Distribution::Normal { sd }),
        (d, Some(a)) => {
            let low = state.number(fields, &p("low"), 0.0, 1e12);
            let high = state.number(fields, &p("high"), 0.0, 1e12);
            match (low, high) {
                (Some(l), Some(h)) if l > a || h < a => {
                    state.error(
                        p("low"),
                        "Laag en hoog moeten het bedrag insluiten (laag ≤ bedrag ≤ hoog).",
                    );
                    None
                }
                (Some(l), Some(h)) if d == "pert" && l >= h => {
                    state.error(p("high"), "Bij PERT is hoog groter dan laag.");
                    None
                }
                (Some(low), Some(high)) => Some(match d {
                    "pert" => Distribution::Pert { low, high },
                    "uniform" => Distribution::Uniform { low, high },
                    _ => Distribution::Triangular { low, high },
                }),
                _ => None,
            }
        }
    };
    if state.errors.len() > before {
        return None;
    }
    let from_year = from? as i64 - doc.start_year;
    Some(Flow {
        actor,
        kind,
        label: fields.get(&p("label")).trim().to_string(),
        amount: amount?,
        from_year,
        to_year: Some(to.map_or(from_year, |t| t as i64 - doc.start_year)),
        growth: growth?,
        adjust: (kind == FlowKind::Benefit && adjust != Adjust::default()).then_some(adjust),
        uncertainty,
    })
}

fn parse_pm(doc: &CaseDoc, fields: &Fields, i: usize) -> Option<PmItem> {
    let p = |k: &str| format!("pm{i}.{k}");
    let label = fields.get(&p("label")).trim();
    if label.is_empty() {
        return None;
    }
    let actor = fields.get(&p("actor"));
    let note = fields.get(&p("note")).trim();
    Some(PmItem {
        label: label.to_string(),
        actor: doc
            .actors
            .iter()
            .any(|a| a.id == actor)
            .then(|| actor.to_string()),
        sign: match fields.get(&p("sign")) {
            "-" => PmSign::Minus,
            "0" => PmSign::Zero,
            _ => PmSign::Plus,
        },
        note: (!note.is_empty()).then(|| note.to_string()),
    })
}

/// Reads the whole effects form of `option`; every problem is recorded in
/// `state` (then there is nothing to save).
fn read_form(
    doc: &CaseDoc,
    option: &CaseOption,
    fields: &Fields,
    state: &mut FormState,
) -> Option<EffectsValues> {
    let mut o = EffectsValues::of(doc, &option.spec.id)?;
    let name = fields.get("name").trim();
    if name.is_empty() {
        state.error("name", "Vul de naam in.");
    } else if let Err(e) = limits::NAME_CHARS.check_text(name) {
        state.error("name", format!("Te lang: {e}."));
    }
    o.name = name.to_string();
    if !option.is_package() {
        let rows = fields
            .iter()
            .filter(|(k, _)| k.starts_with('f') && k.ends_with(".amount"))
            .count();
        let pm_rows = fields
            .iter()
            .filter(|(k, _)| k.starts_with("pm") && k.ends_with(".label"))
            .count();
        for (limit, n) in [
            (limits::FLOWS_PER_OPTION, rows),
            (limits::PM_PER_OPTION, pm_rows),
        ] {
            if let Err(e) = limit.check(n) {
                state.error("", format!("Te veel regels: {e} per optie."));
                return None;
            }
        }
        o.flows = Some(
            (0..rows)
                .filter_map(|i| parse_flow(doc, fields, state, i))
                .collect(),
        );
        o.pm = Some(
            (0..pm_rows)
                .filter_map(|i| parse_pm(doc, fields, i))
                .collect(),
        );
    }
    for c in &doc.criteria {
        if let Some(x) = state.number(fields, &format!("score.{}", c.id), -1e9, 1e9) {
            o.scores.insert(c.id.clone(), x);
        }
    }
    o.note = fields.get("note").trim().to_string();
    if let Err(e) = limits::TEXT_CHARS.check_text(&o.note) {
        state.error("note", format!("Te lang: {e}."));
    }
    (!state.has_errors()).then_some(o)
}

/// The command the effects form asks for: each value with what the form
/// showed (its `_base`).
pub(crate) fn effects_command(
    option: &str,
    was: Option<EffectsValues>,
    now: EffectsValues,
) -> CaseCommand {
    let was = was.as_ref();
    CaseCommand::SetEffects {
        option: option.to_string(),
        values: EffectsChange {
            name: Change::from(was.map(|w| w.name.clone()), now.name),
            flows: now
                .flows
                .map(|f| Change::from(was.and_then(|w| w.flows.clone()), f)),
            pm: now
                .pm
                .map(|p| Change::from(was.and_then(|w| w.pm.clone()), p)),
            scores: now
                .scores
                .into_iter()
                .map(|(k, v)| {
                    let before = was.and_then(|w| w.scores.get(&k).copied());
                    (k, Change::from(before, v))
                })
                .collect(),
            note: Change::from(was.map(|w| w.note.clone()), now.note),
        },
    }
}

/// The form field of a domain field of the effects form.
fn effects_field(field: &str) -> String {
    if let Some(i) = field
        .strip_prefix("flows[")
        .and_then(|r| r.strip_suffix(']'))
    {
        return format!("f{i}.amount");
    }
    if let Some(i) = field.strip_prefix("pm[").and_then(|r| r.strip_suffix(']')) {
        return format!("pm{i}.label");
    }
    match field.strip_prefix("scores.") {
        Some(c) => format!("score.{c}"),
        None if field == "flows" || field == "pm" || field == "option" => String::new(),
        None => field.to_string(),
    }
}

async fn show_editor(
    app: &AppState,
    ctx: &Ctx,
    case: &Loaded,
    option: &str,
    state: &FormState,
) -> Result<Markup, AppError> {
    let o = case.doc().option(option).ok_or(AppError::NotFound)?.clone();
    let aside = area_aside(app, ctx, case).await?;
    Ok(layout::page(
        ctx,
        Section::Cases,
        &o.spec.name,
        editor(ctx, case, &o, state, &aside),
    ))
}

/// The command the effects form of `option` asks for; the problems of
/// typing land in `state`.
pub(crate) fn effects_form_command(
    doc: &CaseDoc,
    option: &str,
    fields: &Fields,
    state: &mut FormState,
) -> Option<CaseCommand> {
    let current = doc.option(option)?;
    let now = read_form(doc, current, fields, state)?;
    Some(effects_command(option, base(fields), now))
}

/// POST /afwegingen/{id}/effecten/{option}
pub async fn save(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, option)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let case = super::load(&app, &ctx, &id, None).await?;
    case.doc().option(&option).ok_or(AppError::NotFound)?;
    let mut state = FormState::from_fields(&form.fields);
    let Some(command) = effects_form_command(case.doc(), &option, &form.fields, &mut state) else {
        return Ok(refused(
            show_editor(&app, &ctx, &case, &option, &state).await?,
        ));
    };
    match submit(&app, &ctx, &id, &form, &command, effects_field).await? {
        Submitted::Saved => Ok(saved(&format!("/afwegingen/{id}/effecten/{option}"))),
        Submitted::Refused(case, state) => Ok(refused(
            show_editor(&app, &ctx, &case, &option, &state).await?,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::case::form::visits_during;
    use wikken_core::case::{CaseArea, DecisionLevel};
    use wikken_core::model::Category;

    fn doc() -> CaseDoc {
        let mut d = CaseDoc::new("Vraag", DecisionLevel::Wijk, CaseArea::default(), 2026);
        d.add_blank_option("Eigen idee", Category::Sociaal).unwrap();
        d
    }

    /// An effects form with `rows` flow rows and as many PM rows.
    fn form(rows: usize) -> Fields {
        let mut list = vec![("name".to_string(), "Eigen idee".to_string())];
        for i in 0..rows {
            for (k, v) in [
                ("actor", "corporatie"),
                ("kind", "cost"),
                ("label", "Iets"),
                ("amount", "1.000"),
                ("from", "2026"),
                ("to", "2030"),
                ("growth", ""),
                ("dw", ""),
                ("at", ""),
                ("dp", ""),
                ("do", ""),
                ("dist", "triangular"),
                ("low", "900"),
                ("high", "1.100"),
            ] {
                list.push((format!("f{i}.{k}"), v.to_string()));
            }
            list.push((format!("pm{i}.label"), "Sfeer".into()));
            list.push((format!("pm{i}.sign"), "+".into()));
        }
        Fields::new(list)
    }

    #[test]
    fn a_full_form_is_read_in_time_linear_in_its_size() {
        let d = doc();
        let rows = limits::FLOWS_PER_OPTION.max;
        let fields = form(rows);
        let size = fields.iter().count();
        let mut state = FormState::default();
        let (read, visits) = visits_during(|| read_form(&d, &d.options[0], &fields, &mut state));
        let o = read.unwrap_or_else(|| panic!("{:?}", state.errors));
        assert_eq!((o.flows.unwrap().len(), o.pm.unwrap().len()), (rows, rows));
        // a scan of the form per field read would be rows × size ≈ 650.000
        assert!(visits <= 4 * size, "{visits} visits for {size} fields");
    }

    #[test]
    fn fifty_thousand_rows_are_refused_after_one_pass() {
        let d = doc();
        let fields = form(50_000);
        let size = fields.iter().count();
        let mut state = FormState::default();
        let (read, visits) = visits_during(|| read_form(&d, &d.options[0], &fields, &mut state));
        assert!(read.is_none());
        assert_eq!(
            state.errors[""],
            "Te veel regels: 50.000 stromen, maximaal 200 per optie."
        );
        assert!(visits <= 3 * size, "{visits} visits for {size} fields");
    }
}
