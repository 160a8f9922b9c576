//! Tussentijds bijsturen: a goal that lies behind opens, in one click, a
//! new afweging for its area with the goal's indicator and gap as the
//! problem; the goal keeps the link. The afweging and the link are made
//! in one transaction, and a form is applied once (a second click starts
//! nothing new).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use wikken_core::agreement::PartyKind;
use wikken_core::case::{CaseArea, CaseDoc, DecisionLevel, ParticipantRole};
use wikken_core::format;
use wikken_storage::{AgreementSave, AgreementSaveError};

use super::course::{YearQuery, off_course};
use super::forms::hidden;
use super::{GoalCourse, Loaded, courses, this_year};
use crate::AppState;
use crate::error::AppError;
use crate::layout::Ctx;
use crate::pages::case::form::FormState;
use crate::pages::case::kit::CaseForm;

/// A figure in the problem text: one decimal below 100, whole above.
fn figure(x: f64, unit: &str) -> String {
    let n = format::number(x, if x.abs() >= 100.0 { 0 } else { 1 });
    if unit == "%" { format!("{n} %") } else { n }
}

/// The problem of a goal off course: "Overlastmeldingen: 8,4 in 2025
/// tegen 7,2 volgens de planlijn; doel 6,0 in 2029". `None` without a
/// figure to compare.
pub fn gap_problem(c: &GoalCourse) -> Option<String> {
    let latest = c.assessment.latest?;
    let plan = c.assessment.plan_value?;
    let g = &c.goal;
    let unit = g.indicator.unit.as_str();
    Some(format!(
        "{}: {} in {} tegen {} volgens de planlijn; doel {} in {}",
        g.indicator.name,
        figure(latest.value, unit),
        latest.year,
        figure(plan, unit),
        figure(g.target.value, unit),
        g.target.year
    ))
}

/// Whether this user may open an afweging for this goal here: the
/// corporation's staff, on the newest version, for a goal behind.
pub fn may_steer(a: &Loaded, c: &GoalCourse) -> bool {
    a.current() && a.access.edits_terms() && off_course(c.assessment.status)
}

/// The button that opens the afweging (nothing when not allowed); the
/// goal's follow-ups so far are named by the goal page.
pub fn button(ctx: &Ctx, a: &Loaded, c: &GoalCourse) -> Markup {
    html! {
        @if may_steer(a, c) {
            form.inline-form method="post" action=(format!("{}/doelen/{}/bijsturen", a.url(), c.goal.id)) {
                (hidden(ctx, a, &FormState::default()))
                input type="hidden" name="jaar" value=(c.as_of);
                button.secondary type="submit" { "Bijsturen: nieuwe afweging voor " (c.goal.area.name) }
            }
        }
    }
}

/// The new afweging: the question, the goal's area, the signatories at
/// the table (the corporation owns the question), the gap as problem.
pub fn case_for(a: &Loaded, c: &GoalCourse, problem: &str) -> Result<CaseDoc, String> {
    let g = &c.goal;
    let level = if g.area.code.starts_with("GM") {
        DecisionLevel::Portefeuille
    } else {
        DecisionLevel::Wijk
    };
    let mut doc = CaseDoc::new(
        &format!("Bijsturen: {}", g.title),
        level,
        CaseArea {
            code: Some(g.area.code.clone()),
            complexes: Vec::new(),
        },
        i64::from(this_year()),
    );
    let mut owner = None;
    for p in a.doc().signatories() {
        let role = match p.kind {
            PartyKind::Corporatie => ParticipantRole::Eigenaar,
            PartyKind::Gemeente => ParticipantRole::Beslisser,
            _ => ParticipantRole::Meedenker,
        };
        let id = doc.add_participant(&p.name, role).map_err(|e| e.message)?;
        if p.kind == PartyKind::Corporatie && owner.is_none() {
            owner = Some(id);
        }
    }
    let owner = owner.ok_or("De afspraken hebben geen corporatie.")?;
    doc.add_problem(problem, &owner).map_err(|e| e.message)?;
    Ok(doc)
}

fn refuse(message: impl Into<String>) -> AppError {
    AppError::Status(StatusCode::UNPROCESSABLE_ENTITY, message.into())
}

/// POST /prestatieafspraken/{id}/doelen/{gid}/bijsturen: opens the
/// afweging and links it to the goal; to the new afweging.
pub async fn steer(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, gid)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    if !a.access.edits_terms() {
        return Err(AppError::forbidden());
    }
    let goal = a.doc().goal(&gid).ok_or(AppError::NotFound)?.clone();
    let year: i32 = form.fields.get("jaar").parse().unwrap_or(0);
    let as_of = if a.doc().years().contains(&year) && year <= this_year() {
        year
    } else {
        YearQuery::default().year()
    };
    let c = courses(
        &app,
        &a.access.owner,
        &a.doc().gemeente_code,
        std::slice::from_ref(&goal),
        as_of,
    )
    .await?
    .remove(0);
    let token = Some(form.fields.get("_form")).filter(|t| !t.is_empty() && t.len() <= 64);
    let user = a.access.event_user(&ctx);
    let save = AgreementSave {
        user: &user,
        revision: None,
        form_token: token,
    };
    let already = || async {
        // The same form again: to the afweging it opened (the newest link).
        let again = super::load(&app, &ctx, &id, None).await?;
        let to = again
            .doc()
            .goal(&gid)
            .and_then(|g| g.follow_ups.last())
            .map_or_else(
                || format!("{}/doelen/{gid}", again.url()),
                |f| format!("/afwegingen/{}", f.case_id),
            );
        Ok::<Response, AppError>(Redirect::to(&to).into_response())
    };
    if !off_course(c.assessment.status) {
        return Err(refuse(format!(
            "Dit doel staat op \"{}\": bijsturen opent een afweging voor doelen die achter liggen.",
            c.assessment.status.label()
        )));
    }
    let problem = gap_problem(&c)
        .ok_or_else(|| refuse("Er is nog geen cijfer om het doel mee te vergelijken."))?;
    let doc = case_for(&a, &c, &problem).map_err(refuse)?;
    let owner = &a.access.owner;
    let actor = &a.access.actor;
    // One retry: a conflict is someone else's change in between (or this
    // very form, whose token the retry then finds).
    for attempt in 0..2 {
        match app
            .store
            .open_follow_up(owner, &a.id, &save, actor, &gid, &doc)
            .await
        {
            Ok(case) => return Ok(Redirect::to(&format!("/afwegingen/{case}")).into_response()),
            Err(AgreementSaveError::AlreadyApplied) => return already().await,
            Err(AgreementSaveError::Conflict) if attempt == 0 => continue,
            Err(AgreementSaveError::Conflict) => {
                return Err(refuse(
                    "Iemand anders wijzigde de afspraken tegelijk; probeer het opnieuw.",
                ));
            }
            Err(AgreementSaveError::Refused(r)) => return Err(refuse(r.to_string())),
            Err(AgreementSaveError::NotFound) => return Err(AppError::NotFound),
            Err(AgreementSaveError::Storage(e)) => return Err(e.into()),
        }
    }
    unreachable!("the loop returns")
}

#[cfg(test)]
mod tests {
    use wikken_core::goals::Direction;

    use super::*;
    use crate::agreements::testing::{course, goal};

    #[test]
    fn the_problem_states_the_indicator_and_the_gap() {
        let mut g = goal(Direction::Down, (2021, 9.0), (2029, 6.0));
        g.indicator.name = "Overlastmeldingen".into();
        let c = course(g, &[(2022, 8.9), (2023, 8.8), (2025, 8.4)], 2025);
        // Plan line: 9 − 3·4/8 = 7,5 in 2025.
        assert_eq!(
            gap_problem(&c).unwrap(),
            "Overlastmeldingen: 8,4 in 2025 tegen 7,5 volgens de planlijn; doel 6,0 in 2029"
        );
        let mut g = goal(Direction::Up, (2021, 40.0), (2029, 60.0));
        g.indicator.name = "Tevreden".into();
        g.indicator.unit = "%".into();
        let c = course(g, &[], 2025);
        assert_eq!(gap_problem(&c), None, "no figure, no gap");
    }
}
