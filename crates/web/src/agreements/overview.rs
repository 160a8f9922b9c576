//! The afspraken's front page: the two lights — "doel op koers?" per goal
//! and "afspraak nagekomen?" per party, side by side and never merged —,
//! the parties with their approval of this version, and the history.

use axum::extract::{Path, Query, State};
use maud::{Markup, PreEscaped, html};
use wikken_core::agreement::{CommitmentStatus, PartyKind, Theme, approval_state, commitments};
use wikken_core::format;
use wikken_core::goals::GoalStatus;

use super::{GoalCourse, Loaded, Tab, this_year};
use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx};

/// The CSS class of a goal's light.
pub fn light_class(status: GoalStatus) -> &'static str {
    match status {
        GoalStatus::Gehaald | GoalStatus::OpKoers => "light-good",
        GoalStatus::Achter => "light-warn",
        GoalStatus::VerAchter => "light-bad",
        GoalStatus::GeenGegevens | GoalStatus::TeWeinigGegevens | GoalStatus::TeVroeg => {
            "light-none"
        }
    }
}

/// A value with its unit, Dutch style.
pub fn value(x: f64, unit: &str) -> String {
    // One decimal as Dutch reports give percentages and rapportcijfers;
    // two below 1, none from 100.
    let decimals = if x.abs() >= 100.0 {
        0
    } else if x.abs() >= 1.0 {
        1
    } else {
        2
    };
    let n = format::number(x, decimals);
    if unit.is_empty() {
        n
    } else {
        format!("{n} {unit}")
    }
}

/// "2,8 jaar voor" / "1,5 jaar achter".
pub fn years_text(years: f64) -> String {
    if years.abs() < 0.05 {
        "precies op de planlijn".into()
    } else if years > 0.0 {
        format!("{} jaar voor", format::number(years, 1))
    } else {
        format!("{} jaar achter", format::number(-years, 1))
    }
}

/// The table of goals with their light, grouped by theme.
pub fn goals_table(a: &Loaded, courses: &[GoalCourse]) -> Markup {
    html! {
        @for theme in Theme::ALL {
            @let mine: Vec<&GoalCourse> = courses.iter().filter(|c| c.goal.theme == theme).collect();
            @if !mine.is_empty() {
                (layout::table_wrap(theme.label(), html! { table.goals {
                    caption { (theme.label()) }
                    thead { tr {
                        th scope="col" { "Doel" } th scope="col" { "Gebied" } th scope="col" { "Nulmeting → streefwaarde" }
                        th scope="col" { "Laatste cijfer" } th scope="col" { "Planlijn" } th scope="col" { "Doel op koers?" }
                        th scope="col" { "Voor of achter" } th.num scope="col" { "Kans" } th scope="col" { "Volgend cijfer" }
                    } }
                    tbody { @for c in mine {
                        @let g = &c.goal;
                        @let s = &c.assessment;
                        @let unit = g.indicator.unit.as_str();
                        tr {
                            td { a href=(format!("{}/doelen/{}", a.url(), g.id)) { (g.title) } br; span.muted { (g.indicator.name) } }
                            td { (g.area.name) }
                            td { (value(g.baseline.value, unit)) " (" (g.baseline.year) ") → " (value(g.target.value, unit)) " (" (g.target.year) ")" }
                            td { @match &s.latest { Some(p) => { (value(p.value, unit)) " (" (p.year) ")" }, None => span.muted { "nog geen" } } }
                            td { @match s.plan_value { Some(v) => (value(v, unit)), None => "–" } }
                            td { span.light.(light_class(s.status)) { (s.status.label()) } }
                            td { @match s.years_ahead { Some(y) if y.is_finite() => (years_text(y)), _ => "–" } }
                            td.num { @match s.chance { Some(p) => (format::percent(p, 0)), None => "–" } }
                            td { (s.next_due) @if s.stale { " " strong.stale { "achterstallig" } } }
                        }
                    } }
                } }))
            }
        }
    }
}

/// The table of parties with their commitments.
pub fn commitments_table(a: &Loaded, year: i32) -> Markup {
    let list = commitments(a.doc(), year);
    html! {
        (layout::table_wrap("Afspraak nagekomen?", html! { table {
            caption { "Afspraak nagekomen? De acties per partij, stand " (year) }
            thead { tr {
                th scope="col" { "Partij" } th scope="col" { "Nagekomen?" }
                @for s in [CommitmentStatus::Done, CommitmentStatus::OnSchedule, CommitmentStatus::NotStarted, CommitmentStatus::Late, CommitmentStatus::Dropped] { th.num scope="col" { (format::capitalised(s.label())) } }
                th.num scope="col" { "Budget" }
            } }
            tbody { @for c in &list {
                tr {
                    td { a href=(format!("{}/partij/{}", a.url(), crate::auth::urlencode(&c.party))) { (c.party) } }
                    td { @if c.actions.is_empty() { span.muted { "geen acties" } }
                         @else if c.kept() { span.light.light-good { "ja" } }
                         @else { span.light.light-bad { (c.count(CommitmentStatus::Late)) " te laat" } } }
                    @for s in [CommitmentStatus::Done, CommitmentStatus::OnSchedule, CommitmentStatus::NotStarted, CommitmentStatus::Late, CommitmentStatus::Dropped] { td.num { (c.count(s)) } }
                    td.num { (format::euro(c.budget)) }
                }
            } }
        } }))
    }
}

/// The parties and their approval of this version.
fn approvals(ctx: &Ctx, a: &Loaded) -> Markup {
    let doc = a.doc();
    let state = approval_state(doc, &a.version.approvals);
    let party = a.access.approving_party(doc);
    let refusal = party
        .as_deref()
        .and_then(|p| doc.approval_refusal(p, &a.version.approvals));
    let url = a.url();
    html! {
        section aria-labelledby="akkoord-kop" {
            h2 #akkoord-kop { "Partijen en akkoord" }
            p { "Elke ondertekenende partij keurt deze versie goed. Een goedgekeurde versie ligt vast zoals een besluit: wijzigingen in doelen of acties komen in een nieuwe versie. Voortgang, cijfers en evaluatie gaan gewoon door." }
            (layout::table_wrap("Partijen", html! { table {
                thead { tr { th scope="col" { "Partij" } th scope="col" { "Soort" } th scope="col" { "Akkoord met deze versie" } } }
                tbody { @for p in &doc.parties {
                    tr {
                        td { (p.name) }
                        td { (p.kind.label()) @if !p.signs { " (tekent niet)" } }
                        td { @if let Some(ap) = state.approved.iter().find(|x| x.party == p.name) { "goedgekeurd door " (ap.by) ", " (crate::dates::when(ap.at)) }
                             @else if p.signs { span.muted { "nog niet" } } @else { "–" } }
                    }
                } }
            } }))
            @if a.current() && a.access.may_change {
                @if let (Some(p), None) = (&party, &refusal) {
                    @if a.version.approved_at.is_none() {
                        form method="post" action=(format!("{url}/goedkeuren")) {
                            (layout::csrf_field(ctx))
                            input type="hidden" name="_termen" value=(a.doc().terms_revision);
                            button type="submit" data-confirm=(format!("Versie {} goedkeuren namens {p}?", a.version.version)) { "Goedkeuren namens " (p) }
                        }
                    }
                } @else if let (Some(why), None) = (&refusal, a.version.approved_at) { p.muted { (why) } }
                @if a.version.approved_at.is_some() && a.access.edits_terms() {
                    form method="post" action=(format!("{url}/nieuwe-versie")) {
                        (layout::csrf_field(ctx))
                        button.secondary type="submit" { "Nieuwe versie openen om de afspraken te wijzigen" }
                    }
                }
            }
            @if a.terms_editable() {
                details {
                    summary { "Partij toevoegen of verwijderen" }
                    form.inline-form method="post" action=(format!("{url}/partijen")) {
                        (layout::csrf_field(ctx))
                        input type="hidden" name="_revisie" value=(a.version.revision);
                        div.field { label for="partij-naam" { "Naam" } input #partij-naam type="text" name="naam" required; }
                        div.field { label for="partij-soort" { "Soort" } select #partij-soort name="soort" {
                            @for k in PartyKind::ALL.iter().filter(|k| **k != PartyKind::Corporatie) { option value=(k.key()) { (k.label()) } }
                        } }
                        div.field { label { input type="checkbox" name="tekent" value="ja"; " tekent de afspraken" } }
                        button type="submit" { "Toevoegen" }
                    }
                    form.inline-form method="post" action=(format!("{url}/partijen/verwijderen")) {
                        (layout::csrf_field(ctx))
                        input type="hidden" name="_revisie" value=(a.version.revision);
                        div.field { label for="partij-weg" { "Partij" } select #partij-weg name="naam" {
                            @for p in &doc.parties { option value=(p.name) { (p.name) } }
                        } }
                        button.secondary type="submit" { "Verwijderen" }
                    }
                }
            }
        }
    }
}

/// How the light is decided, on the page ("the method is written on the
/// page"): the plan line, the ratio and its thresholds, years ahead, the
/// trend and its band, the chance, too few figures, overdue figures, and
/// the benchmark that is context only.
pub fn method_note(a: &Loaded) -> Markup {
    html! {
        details.method {
            summary { "Hoe het licht wordt bepaald" }
            p { "Planlijn: de rechte lijn van de nulmeting naar de streefwaarde. Voortgang = (laatste cijfer − nulmeting) / (planwaarde in dat jaar − nulmeting): op koers vanaf 0,95, achter vanaf 0,75, daaronder ver achter. Voor of achter: hoeveel jaar eerder of later de planlijn het laatste cijfer bereikt. Trend: de Theil–Sen-helling (de mediaan van de hellingen tussen alle paren jaren) met een 90 %-betrouwbaarheidsband; in de grafiek is de band het gebied tussen de lijnen met de laagste en de hoogste helling van die band door het middelste punt (mediaan jaar, mediaan cijfer). De kans is het gewogen aandeel van de paren jaren waarmee de streefwaarde gehaald wordt; recente jaren tellen zwaarder (0,75 per jaar terug). Met minder dan drie cijfers: te weinig gegevens, alleen de planlijn. Een doel is achterstallig wanneer het volgende cijfer al had moeten verschijnen. Zie de rekenregels in " code { "groups-and-goals-v1.md" } ", deel 2; " a href=(format!("{}/doelen.json", a.url())) { "de cijfers als bestand" } " voor " code { "wikken doelen" } "." }
            p { "Ter vergelijking staat bij een doel de mediaan van vergelijkbare gebieden (hetzelfde niveau, en even stedelijk als dat bekend is en er minstens vijf zijn) in de CBS-gegevens van uw organisatie, en het cijfer voor Nederland. Dat is context: het licht hangt alleen af van het doel zelf." }
        }
    }
}

/// The yearly evaluations and jaarschijven, one line per year so far.
fn years_list(a: &Loaded, year: i32) -> Markup {
    let doc = a.doc();
    let url = a.url();
    let last = doc.last_year.min(year);
    html! {
        section aria-labelledby="evaluatie-kop" {
            h2 #evaluatie-kop { "Jaarlijkse evaluatie en jaarschijf" }
            @if last < doc.first_year { p { "De eerste evaluatie is over " (doc.first_year) "." } }
            @else {
                ul { @for y in (doc.first_year..=last).rev() {
                    @let closed = doc.evaluation(y).is_some_and(|e| e.closed_by.is_some());
                    li {
                        a href=(format!("{url}/evaluatie/{y}")) { "Evaluatie " (y) }
                        @if closed { " (afgesloten)" } @else { " (open)" }
                        " · " a href=(format!("{url}/jaarschijf/{y}")) { "jaarschijf " (y) }
                        " · " a href=(format!("{url}/jaarschijf/{y}.xlsx")) { "XLSX" }
                    }
                } }
            }
        }
    }
}

/// The page body, for a version already loaded.
pub async fn body(
    app: &AppState,
    ctx: &Ctx,
    a: &Loaded,
    notice: Option<&str>,
) -> Result<Markup, AppError> {
    body_with(app, ctx, a, notice, None).await
}

/// The page body with the map showing the buurten of goal `chosen`.
pub async fn body_with(
    app: &AppState,
    ctx: &Ctx,
    a: &Loaded,
    notice: Option<&str>,
    chosen: Option<&str>,
) -> Result<Markup, AppError> {
    let year = this_year();
    let doc = a.doc();
    let fragments = goal_fragments(app, a, year, chosen).await?;
    let events = app.store.agreement_events(&a.access.owner, &a.id).await?;
    Ok(html! {
        h1 { (doc.title) }
        @if let Some(n) = notice { div.notice role="status" { p { (n) } } }
        p.lead { (doc.gemeente_name) ", " (doc.first_year) "–" (doc.last_year) ". " (doc.goals.len()) " doelen, " (doc.actions.len()) " acties. Stand " (year) "." }
        div.two-lights {
            (PreEscaped(&fragments[0]))
            section aria-labelledby="nagekomen-kop" {
                h2 #nagekomen-kop { "Afspraak nagekomen?" }
                p { "Per partij: de acties waarvoor zij kartrekker is of een taak heeft. Dit licht gaat over wat partijen doen, niet over de doelen; de twee worden nooit samengevoegd." }
                (commitments_table(a, year))
            }
        }
        (PreEscaped(&fragments[1]))
        (years_list(a, year))
        (approvals(ctx, a))
        section aria-labelledby="geschiedenis-kop" {
            h2 #geschiedenis-kop { "Geschiedenis" }
            ul.history { @for e in events.iter().take(30) {
                li { (crate::dates::when(e.at)) " · " (e.user_name) " · versie " (e.version) ": " (e.action) }
            } }
        }
    })
}

/// The goals' part of the front page, rendered, as two fragments: the
/// "Doel op koers?" section (the lights in a table) and the dashboard
/// (cards, map, wijken). They show only the afspraken (this version and
/// revision), the imported figures (the data version) and the year, so
/// they are kept with that key (the map's chosen goal in it) and drawn
/// again only when one of them changes.
async fn goal_fragments(
    app: &AppState,
    a: &Loaded,
    year: i32,
    chosen: Option<&str>,
) -> Result<std::sync::Arc<Vec<String>>, AppError> {
    let doc = a.doc();
    let reads = app.cache.reads(&app.store, &a.access.owner).await?;
    let key = format!(
        "afspraken {} {} v{} r{} d{} j{year} doel={}",
        a.access.owner.0,
        a.id,
        a.version.version,
        a.version.revision,
        reads.version(),
        chosen.unwrap_or("")
    );
    if let Some(kept) = app.cache.fragments(&key) {
        return Ok(kept);
    }
    let c = super::course::courses_in(&reads, &doc.gemeente_code, &doc.goals, year).await?;
    let chosen = chosen.and_then(|d| c.iter().find(|x| x.goal.id == d));
    let data = super::dashboard::read(&reads, a, &c, None, chosen).await?;
    let outline = match wikken_data::AreaCode::parse(&doc.gemeente_code) {
        Some(code) => reads.boundary(&code).await?,
        None => Default::default(),
    };
    let off = c
        .iter()
        .filter(|c| {
            matches!(
                c.assessment.status,
                GoalStatus::Achter | GoalStatus::VerAchter
            )
        })
        .count();
    let koers = html! {
        section aria-labelledby="koers-kop" {
            h2 #koers-kop { "Doel op koers?" }
            p { "Per doel: het laatste cijfer tegen de planlijn van nulmeting naar streefwaarde, hoeveel jaar het voor of achter ligt, en de kans het doel te halen uit de trend. "
                @if off > 0 { strong { (off) " doelen liggen achter." } } }
            @if c.is_empty() { p { "Nog geen doelen. " a href=(format!("{}/doelen", a.url())) { "Doelen toevoegen" } } }
            @else { (goals_table(a, &c)) }
            (method_note(a))
        }
    };
    let sections =
        super::dashboard::sections(a, &a.url(), &data, &c, chosen, outline.as_ref().as_ref());
    let fragments = std::sync::Arc::new(vec![koers.into_string(), sections.into_string()]);
    app.cache.keep_fragments(key, fragments.clone());
    Ok(fragments)
}

/// GET /prestatieafspraken/{id}
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<super::dashboard::MapQuery>,
) -> Result<Markup, AppError> {
    let a = super::load(&app, &ctx, &id, q.versie).await?;
    let body = body_with(&app, &ctx, &a, None, q.doel.as_deref()).await?;
    Ok(super::page(
        &ctx,
        &a,
        Tab::Overview,
        &a.doc().title.clone(),
        body,
    ))
}
