//! The goals of the afspraken: each a population result with an indicator
//! of the monitor (or one entered by hand), an area, a baseline and a
//! target; refused when it is not measurable.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use wikken_core::agreement::{AgreementCommand, Goal, IndicatorSource, Theme};
use wikken_core::goals::{Direction, Point};

use super::chart::{Size, goal_chart};
use super::forms::{GoalChoices, goal_values, hidden, refused_page, submit};
use super::overview::{goals_table, value};
use super::{Loaded, Tab, courses, this_year};
use crate::AppState;
use crate::error::AppError;
use crate::layout::Ctx;
use crate::pages::case::form::{FormState, css_id, input_number, text_input};
use crate::pages::case::kit::CaseForm;

async fn choices(app: &AppState, a: &Loaded) -> Result<GoalChoices, AppError> {
    let owner = &a.access.owner;
    let indicators = app
        .store
        .indicators(owner)
        .await?
        .into_iter()
        .map(|i| (i.code, i.name, i.unit))
        .collect();
    let mut areas: Vec<(String, String)> = Vec::new();
    if let Some(code) = wikken_data::AreaCode::parse(&a.doc().gemeente_code) {
        if let Some(g) = app.store.area(owner, &code).await? {
            areas.push((g.code.clone(), crate::pages::area_title(&g)));
        }
        for level in [wikken_data::AreaLevel::Wijk, wikken_data::AreaLevel::Buurt] {
            for r in app.store.areas_in_gemeente(owner, &code, level).await? {
                let label = crate::pages::area_title(&r);
                areas.push((r.code, label));
            }
        }
    }
    let cases = if a.access.party.is_none() {
        app.store
            .cases(owner)
            .await?
            .into_iter()
            .map(|c| (c.id.to_string(), c.title))
            .collect()
    } else {
        a.doc()
            .goals
            .iter()
            .filter_map(|g| g.motivated_by.as_ref())
            .map(|c| (c.case_id.clone(), c.title.clone()))
            .collect()
    };
    Ok(GoalChoices {
        indicators,
        areas,
        cases,
    })
}

/// The goal form's button that fills the contributions from the chosen
/// afweging's cost-sharing proposal (the form is shown again, not saved).
const ARENA_ACTION: &str = "_actie";
const ARENA_VALUE: &str = "kostenverdeling";

/// Fills the contribution fields of `state` from the cost-sharing
/// proposal of the afweging chosen in the form; the notice says what was
/// taken over and which actors are no party here. Nothing is saved.
async fn from_arena(
    app: &AppState,
    ctx: &Ctx,
    a: &Loaded,
    choices: &GoalChoices,
    state: &mut FormState,
) -> Result<Option<Markup>, AppError> {
    let chosen = state.typed("afweging").unwrap_or("").to_string();
    if chosen.is_empty() || !choices.cases.iter().any(|(id, _)| *id == chosen) {
        state.error(
            "afweging",
            "Kies eerst de afweging waarvan u de kostenverdeling wilt overnemen.",
        );
        return Ok(None);
    }
    let parties = &a.doc().parties;
    match super::contributions::from_case(app, ctx, &chosen, parties).await? {
        Ok(p) => {
            for (i, party) in parties.iter().enumerate() {
                let amount = p
                    .amounts
                    .iter()
                    .find(|(name, _)| *name == party.name)
                    .map_or(String::new(), |(_, x)| input_number(*x));
                state
                    .values
                    .insert(format!("bijdragen[{i}].bedrag"), vec![amount]);
            }
            Ok(Some(super::contributions::notice(&p)))
        }
        Err(why) => {
            state.error("afweging", why);
            Ok(None)
        }
    }
}

fn party_names(a: &Loaded) -> Vec<String> {
    a.doc().parties.iter().map(|p| p.name.clone()).collect()
}

/// The goal form, filled with `goal` (or empty for a new one).
fn goal_form(
    ctx: &Ctx,
    a: &Loaded,
    choices: &GoalChoices,
    state: &FormState,
    goal: Option<&Goal>,
    notice: Option<&Markup>,
) -> Markup {
    let url = a.url();
    let action = goal.map_or_else(
        || format!("{url}/doelen"),
        |g| format!("{url}/doelen/{}", g.id),
    );
    let v = |field: &str, stored: String| state.value(field, || stored);
    let theme = v(
        "thema",
        goal.map_or(String::new(), |g| g.theme.key().to_string()),
    );
    let indicator = v(
        "indicator",
        goal.map_or(String::new(), |g| match &g.indicator.source {
            IndicatorSource::Monitor { code } => code.clone(),
            IndicatorSource::Manual => "handmatig".into(),
        }),
    );
    let area = v(
        "gebied",
        goal.map_or(String::new(), |g| g.area.code.clone()),
    );
    let scope = v(
        "scope",
        goal.map_or("gebied".into(), |g| {
            if g.area.scope == wikken_core::agreement::AreaScope::Complexen {
                "complexen".into()
            } else {
                "gebied".into()
            }
        }),
    );
    let direction = v(
        "richting",
        goal.map_or("up".into(), |g| {
            if g.direction == Direction::Up {
                "up".into()
            } else {
                "down".into()
            }
        }),
    );
    let case = v(
        "afweging",
        goal.and_then(|g| g.motivated_by.as_ref())
            .map_or(String::new(), |c| c.case_id.clone()),
    );
    let num = |p: Option<Point>, f: fn(Point) -> String| p.map_or(String::new(), f);
    let select = |name: &str, label: &str, options: Vec<(String, String)>, chosen: &str| {
        let (described, invalid) = state.describe(name);
        html! { div.field {
            label for=(css_id(name)) { (label) }
            select id=(css_id(name)) name=(name) aria-describedby=[described] aria-invalid=[invalid] {
                @for (value, text) in &options { option value=(value) selected[value == chosen] { (text) } }
            }
            (state.message(name))
        } }
    };
    html! {
        form method="post" action=(action) data-warn-unsaved {
            (hidden(ctx, a, state))
            (state.summary())
            (select("thema", "Thema", Theme::ALL.iter().map(|t| (t.key().to_string(), t.label().to_string())).collect(), &theme))
            (text_input(state, "titel", "Het doel in woorden", goal.map_or("", |g| g.title.as_str()), "Bijvoorbeeld \"Bewoners waarderen de Vogelbuurt met minstens een 7\""))
            (select("indicator", "Indicator", std::iter::once(("handmatig".to_string(), "Zelf invullen (bijvoorbeeld de burgerpeiling)".to_string())).chain(choices.indicators.iter().map(|(c, n, u)| (c.clone(), format!("{n} ({u})")))).collect(), &indicator))
            (text_input(state, "indicator.naam", "Naam van een zelf ingevulde indicator", goal.filter(|g| g.indicator.source == IndicatorSource::Manual).map_or("", |g| g.indicator.name.as_str()), "Alleen bij \"zelf invullen\""))
            (text_input(state, "indicator.eenheid", "Eenheid van een zelf ingevulde indicator", goal.filter(|g| g.indicator.source == IndicatorSource::Manual).map_or("", |g| g.indicator.unit.as_str()), "Bijvoorbeeld \"rapportcijfer\""))
            (select("gebied", "Gebied", choices.areas.clone(), &area))
            (select("scope", "Wat van het gebied", vec![("gebied".into(), "Het hele gebied".into()), ("complexen".into(), "De complexen van de corporatie in het gebied (eigen gegevens)".into())], &scope))
            (select("richting", "Richting", vec![("up".into(), "Hoger is beter".into()), ("down".into(), "Lager is beter".into())], &direction))
            div.field-row {
                (text_input(state, "nulmeting.jaar", "Nulmeting: jaar", &num(goal.map(|g| g.baseline), |p| p.year.to_string()), ""))
                (text_input(state, "nulmeting.waarde", "Nulmeting: waarde", &num(goal.map(|g| g.baseline), |p| input_number(p.value)), ""))
                (text_input(state, "streefwaarde.jaar", "Streefjaar", &num(goal.map(|g| g.target), |p| p.year.to_string()), ""))
                (text_input(state, "streefwaarde.waarde", "Streefwaarde", &num(goal.map(|g| g.target), |p| input_number(p.value)), ""))
            }
            (text_input(state, "interval", "Elke hoeveel jaar verschijnt een nieuw cijfer?", &goal.map_or("1".into(), |g| g.interval_years.to_string()), "1 voor jaarlijkse cijfers, 2 voor een tweejaarlijkse peiling"))
            (select("afweging", "Afweging die tot dit doel leidde", std::iter::once((String::new(), "geen".to_string())).chain(choices.cases.iter().cloned()).collect(), &case))
            @if !choices.cases.is_empty() {
                p { button.secondary type="submit" name=(ARENA_ACTION) value=(ARENA_VALUE) { "Bijdragen overnemen uit de kostenverdeling van de afweging" } }
            }
            @if let Some(n) = notice { (n) }
            fieldset {
                legend { "Bijdrage per partij (optioneel, in euro's)" }
                @for (i, p) in a.doc().parties.iter().enumerate() {
                    @let stored = goal.and_then(|g| g.contributions.iter().find(|c| c.party == p.name)).map_or(String::new(), |c| input_number(c.amount));
                    (text_input(state, &format!("bijdragen[{i}].bedrag"), &p.name, &stored, ""))
                }
            }
            button type="submit" { @if goal.is_some() { "Doel opslaan" } @else { "Doel toevoegen" } }
        }
    }
}

async fn index_page(
    app: &AppState,
    ctx: &Ctx,
    a: &Loaded,
    state: &FormState,
    notice: Option<Markup>,
) -> Result<Markup, AppError> {
    let year = this_year();
    let c = courses(
        app,
        &a.access.owner,
        &a.doc().gemeente_code,
        &a.doc().goals,
        year,
    )
    .await?;
    let choices = choices(app, a).await?;
    let body = html! {
        h1 { "Doelen" }
        p.lead { "Een doel is een resultaat voor de bewoners van een gebied, gemeten met een indicator: een nulmeting, een streefwaarde in een jaar, en of hoger of lager beter is. Zonder indicator of streefwaarde is een doel niet te toetsen en wordt het niet opgeslagen." }
        (goals_table(a, &c))
        @if a.terms_editable() {
            section aria-labelledby="nieuw-doel-kop" {
                h2 #nieuw-doel-kop { "Nieuw doel" }
                (goal_form(ctx, a, &choices, state, None, notice.as_ref()))
            }
        } @else if a.version.approved_at.is_some() && a.access.edits_terms() {
            p { "Deze versie is goedgekeurd; open op de pagina " a href=(a.url()) { "Monitor en akkoord" } " een nieuwe versie om doelen te wijzigen." }
        }
    };
    Ok(super::page(ctx, a, Tab::Goals, "Doelen", body))
}

/// GET /prestatieafspraken/{id}/doelen
pub async fn index(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Markup, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    index_page(&app, &ctx, &a, &FormState::default(), None).await
}

/// POST /prestatieafspraken/{id}/doelen
pub async fn add(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    let mut state = FormState::from_fields(&form.fields);
    let choices = choices(&app, &a).await?;
    if form.fields.get(ARENA_ACTION) == ARENA_VALUE {
        let notice = from_arena(&app, &ctx, &a, &choices, &mut state).await?;
        return Ok(index_page(&app, &ctx, &a, &state, notice)
            .await?
            .into_response());
    }
    if let Some(values) = goal_values(&form.fields, &party_names(&a), &choices, &mut state) {
        match submit(
            &app,
            &ctx,
            &a,
            &form.fields,
            &AgreementCommand::AddGoal(values),
            &format!("{}/doelen", a.url()),
            str::to_string,
        )
        .await?
        {
            Ok(done) => return Ok(done),
            Err(s) => state = s,
        }
    }
    let a = super::load(&app, &ctx, &id, None).await?;
    Ok(refused_page(
        index_page(&app, &ctx, &a, &state, None).await?,
    ))
}

async fn edit_page(
    app: &AppState,
    ctx: &Ctx,
    a: &Loaded,
    gid: &str,
    state: &FormState,
    figure_state: &FormState,
    notice: Option<Markup>,
) -> Result<Markup, AppError> {
    let goal = a.doc().goal(gid).ok_or(AppError::NotFound)?.clone();
    let year = this_year();
    let c = courses(
        app,
        &a.access.owner,
        &a.doc().gemeente_code,
        std::slice::from_ref(&goal),
        year,
    )
    .await?;
    let course = &c[0];
    let choices = choices(app, a).await?;
    let url = a.url();
    let manual = goal.indicator.source == IndicatorSource::Manual;
    let signs = a
        .access
        .party
        .as_deref()
        .is_none_or(|p| a.doc().party(p).is_some_and(|p| p.signs));
    let body = html! {
        h1 { (goal.title) }
        p.lead { (goal.indicator.name) " in " (goal.area.name) " (" (goal.area.scope.label()) "), van " (value(goal.baseline.value, &goal.indicator.unit)) " in " (goal.baseline.year) " naar " (value(goal.target.value, &goal.indicator.unit)) " in " (goal.target.year) "." }
        (super::overview::goals_table(a, &c))
        (goal_chart(course, Size::Full))
        (super::overview::method_note(a))
        (super::steer::button(ctx, a, course))
        @if let Some(case) = &goal.motivated_by { p { "Voortgekomen uit de afweging " a href=(format!("/afwegingen/{}", case.case_id)) { (case.title) } "." } }
        @if !goal.follow_ups.is_empty() { p { "Bijsturen: " @for (i, f) in goal.follow_ups.iter().enumerate() { @if i > 0 { ", " } a href=(format!("/afwegingen/{}", f.case_id)) { (f.title) } } } }
        section aria-labelledby="cijfers-kop" {
            h2 #cijfers-kop { "Cijfers" }
            @if course.series.observations.is_empty() { p { "Nog geen cijfers." } }
            @else {
                table { caption { "Cijfers van " (goal.indicator.name) } thead { tr { th scope="col" { "Jaar" } th.num scope="col" { "Waarde" } @if manual && a.progress_editable() && signs { th { span.visually-hidden { "Acties" } } } } }
                    tbody { @for p in &course.series.observations { tr {
                        td { (p.year) } td.num { (value(p.value, &goal.indicator.unit)) }
                        @if manual && a.progress_editable() && signs { td { form method="post" action=(format!("{url}/doelen/{}/cijfers/{}/verwijderen", goal.id, p.year)) { (hidden(ctx, a, &FormState::default())) button.link-button type="submit" { "Verwijderen" } } } }
                    } } }
                }
            }
            @if manual && a.progress_editable() && signs {
                form.inline-form method="post" action=(format!("{url}/doelen/{}/cijfers", goal.id)) {
                    (hidden(ctx, a, figure_state))
                    (figure_state.summary())
                    (text_input(figure_state, "jaar", "Jaar", &year.to_string(), ""))
                    (text_input(figure_state, "waarde", "Waarde", "", &goal.indicator.unit))
                    button type="submit" { "Cijfer opslaan" }
                }
            } @else if !manual { p.muted { "De cijfers komen uit de wijkmonitor; nieuwe cijfers komen met de volgende import." } }
        }
        @if a.terms_editable() {
            section aria-labelledby="wijzig-kop" {
                h2 #wijzig-kop { "Doel wijzigen" }
                (goal_form(ctx, a, &choices, state, Some(&goal), notice.as_ref()))
                form method="post" action=(format!("{url}/doelen/{}/verwijderen", goal.id)) {
                    (hidden(ctx, a, &FormState::default()))
                    button.secondary type="submit" data-confirm=(format!("Doel \"{}\" verwijderen?", goal.title)) { "Doel verwijderen" }
                }
            }
        }
    };
    Ok(super::page(ctx, a, Tab::Goals, &goal.title, body))
}

/// GET /prestatieafspraken/{id}/doelen/{gid}
pub async fn edit(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, gid)): Path<(String, String)>,
) -> Result<Markup, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    edit_page(
        &app,
        &ctx,
        &a,
        &gid,
        &FormState::default(),
        &FormState::default(),
        None,
    )
    .await
}

/// POST /prestatieafspraken/{id}/doelen/{gid}
pub async fn update(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, gid)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    a.doc().goal(&gid).ok_or(AppError::NotFound)?;
    let mut state = FormState::from_fields(&form.fields);
    let choices = choices(&app, &a).await?;
    if form.fields.get(ARENA_ACTION) == ARENA_VALUE {
        let notice = from_arena(&app, &ctx, &a, &choices, &mut state).await?;
        let page = edit_page(&app, &ctx, &a, &gid, &state, &FormState::default(), notice).await?;
        return Ok(page.into_response());
    }
    if let Some(values) = goal_values(&form.fields, &party_names(&a), &choices, &mut state) {
        let command = AgreementCommand::UpdateGoal {
            id: gid.clone(),
            values,
        };
        match submit(
            &app,
            &ctx,
            &a,
            &form.fields,
            &command,
            &format!("{}/doelen/{gid}", a.url()),
            str::to_string,
        )
        .await?
        {
            Ok(done) => return Ok(done),
            Err(s) => state = s,
        }
    }
    let a = super::load(&app, &ctx, &id, None).await?;
    Ok(refused_page(
        edit_page(&app, &ctx, &a, &gid, &state, &FormState::default(), None).await?,
    ))
}

/// POST /prestatieafspraken/{id}/doelen/{gid}/verwijderen
pub async fn remove(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, gid)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    let command = AgreementCommand::RemoveGoal { id: gid.clone() };
    match submit(
        &app,
        &ctx,
        &a,
        &form.fields,
        &command,
        &format!("{}/doelen", a.url()),
        str::to_string,
    )
    .await?
    {
        Ok(done) => Ok(done),
        Err(state) => {
            let a = super::load(&app, &ctx, &id, None).await?;
            Ok(refused_page(
                edit_page(&app, &ctx, &a, &gid, &state, &FormState::default(), None).await?,
            ))
        }
    }
}

/// POST /prestatieafspraken/{id}/doelen/{gid}/cijfers
pub async fn enter_figure(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, gid)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    let mut state = FormState::from_fields(&form.fields);
    let year = state.number(&form.fields, "jaar", 1990.0, 2100.0);
    let value = state.number(&form.fields, "waarde", -1e12, 1e12);
    if let (Some(year), Some(value)) = (year, value) {
        let command = AgreementCommand::EnterFigure {
            goal_id: gid.clone(),
            point: Point {
                year: year.round() as i32,
                value,
            },
        };
        match submit(
            &app,
            &ctx,
            &a,
            &form.fields,
            &command,
            &format!("{}/doelen/{gid}", a.url()),
            str::to_string,
        )
        .await?
        {
            Ok(done) => return Ok(done),
            Err(s) => state = s,
        }
    }
    let a = super::load(&app, &ctx, &id, None).await?;
    Ok(refused_page(
        edit_page(&app, &ctx, &a, &gid, &FormState::default(), &state, None).await?,
    ))
}

/// POST /prestatieafspraken/{id}/doelen/{gid}/cijfers/{year}/verwijderen
pub async fn remove_figure(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, gid, year)): Path<(String, String, i32)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    let command = AgreementCommand::RemoveFigure {
        goal_id: gid.clone(),
        year,
    };
    match submit(
        &app,
        &ctx,
        &a,
        &form.fields,
        &command,
        &format!("{}/doelen/{gid}", a.url()),
        str::to_string,
    )
    .await?
    {
        Ok(done) => Ok(done),
        Err(state) => {
            let a = super::load(&app, &ctx, &id, None).await?;
            Ok(refused_page(
                edit_page(&app, &ctx, &a, &gid, &FormState::default(), &state, None).await?,
            ))
        }
    }
}
