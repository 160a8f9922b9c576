//! "Doel op koers?": each goal's series (from the monitor, over the
//! corporation's complexes, or entered by hand) assessed by the goal
//! maths of spec part 2 in `wikken-core`, as of the current year; and the
//! export of the goals with their series in the spec's file format, so
//! `wikken doelen` computes the same lights.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use wikken_core::agreement::{AreaScope, Goal, IndicatorSource, series_goal};
use wikken_core::goals::{self, Assessment, GoalStatus, Point};
use wikken_storage::OrganisationId;

use crate::AppState;
use crate::cache::Reads;
use crate::error::AppError;
use crate::layout::Ctx;

/// A goal with its series and where it stands.
#[derive(Debug, Clone)]
pub struct GoalCourse {
    /// The goal.
    pub goal: Goal,
    /// The goal as the maths reads it (with its observations).
    pub series: goals::Goal,
    /// Where it stands.
    pub assessment: Assessment,
    /// The year it is assessed for.
    pub as_of: i32,
}

/// How far off course a status is, for listing off-course goals first:
/// far behind, behind, not yet known, on course, reached.
pub fn off_course_rank(status: GoalStatus) -> u8 {
    match status {
        GoalStatus::VerAchter => 0,
        GoalStatus::Achter => 1,
        GoalStatus::GeenGegevens | GoalStatus::TeWeinigGegevens | GoalStatus::TeVroeg => 2,
        GoalStatus::OpKoers => 3,
        GoalStatus::Gehaald => 4,
    }
}

/// The courses with off-course goals first (far behind, then behind),
/// otherwise in goal order.
pub fn off_course_first(courses: &[GoalCourse]) -> Vec<&GoalCourse> {
    let mut out: Vec<&GoalCourse> = courses.iter().collect();
    out.sort_by_key(|c| off_course_rank(c.assessment.status));
    out
}

/// Whether a goal is off course: behind or far behind its plan line.
pub fn off_course(status: GoalStatus) -> bool {
    matches!(status, GoalStatus::Achter | GoalStatus::VerAchter)
}

/// The current calendar year (UTC).
pub fn this_year() -> i32 {
    time::OffsetDateTime::now_utc().year()
}

/// Every goal's course as of `as_of`, in goal order, with two queries
/// whatever the number of goals — one for the area series of all goals,
/// one for the series over the corporation's complexes — kept with the
/// monitor's cached reads until the next import.
pub async fn courses(
    app: &AppState,
    owner: &OrganisationId,
    gemeente_code: &str,
    goals_: &[Goal],
    as_of: i32,
) -> Result<Vec<GoalCourse>, AppError> {
    let reads = app.cache.reads(&app.store, owner).await?;
    courses_in(&reads, gemeente_code, goals_, as_of).await
}

/// [`courses`] with the organisation's reads at hand.
pub async fn courses_in(
    reads: &Reads,
    gemeente_code: &str,
    goals_: &[Goal],
    as_of: i32,
) -> Result<Vec<GoalCourse>, AppError> {
    let wanted = |scope: AreaScope| -> Vec<(String, String)> {
        goals_
            .iter()
            .filter(|g| g.area.scope == scope)
            .filter_map(|g| match &g.indicator.source {
                IndicatorSource::Monitor { code } => Some((g.area.code.clone(), code.clone())),
                IndicatorSource::Manual => None,
            })
            .collect()
    };
    let by_area = reads
        .area_series(gemeente_code, &wanted(AreaScope::Gebied))
        .await?;
    let over_complexes = reads
        .complexes_series_many(gemeente_code, &wanted(AreaScope::Complexen))
        .await?;
    let mut out = Vec::with_capacity(goals_.len());
    for g in goals_ {
        let points: Vec<Point> = match &g.indicator.source {
            IndicatorSource::Manual => Vec::new(),
            IndicatorSource::Monitor { code } => {
                let found = match g.area.scope {
                    AreaScope::Gebied => by_area.as_ref(),
                    AreaScope::Complexen => over_complexes.as_ref(),
                };
                found
                    .get(&(g.area.code.clone(), code.clone()))
                    .map(|s| {
                        s.iter()
                            .map(|&(year, value)| Point { year, value })
                            .collect()
                    })
                    .unwrap_or_default()
            }
        };
        let series = series_goal(g, &points);
        let assessment = goals::assess_goal(&series, as_of);
        out.push(GoalCourse {
            goal: g.clone(),
            series,
            assessment,
            as_of,
        });
    }
    Ok(out)
}

/// The spec's goals file for these courses.
pub fn goals_file(courses: &[GoalCourse], as_of: i32) -> serde_json::Value {
    serde_json::json!({
        "as_of": as_of,
        "goals": courses.iter().map(|c| {
            let g = &c.series;
            serde_json::json!({
                "id": g.id,
                "direction": match g.direction { goals::Direction::Up => "up", goals::Direction::Down => "down" },
                "baseline": { "year": g.baseline.year, "value": g.baseline.value },
                "target": { "year": g.target.year, "value": g.target.value },
                "interval_years": g.interval_years,
                "observations": g.observations.iter().map(|p| serde_json::json!({ "year": p.year, "value": p.value })).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
    })
}

/// `?jaar=2027`: the year a goals file or report is made for.
#[derive(Debug, Default, Deserialize)]
pub struct YearQuery {
    jaar: Option<i32>,
}

impl YearQuery {
    /// The year asked for (within 1990–2100), else the current year.
    pub fn year(&self) -> i32 {
        self.jaar
            .filter(|y| (1990..=2100).contains(y))
            .unwrap_or_else(this_year)
    }
}

/// GET /prestatieafspraken/{id}/doelen.json[?jaar=2027]: the goals and
/// their series as `wikken doelen` reads them, as of the current year or
/// the year asked for (as the evaluation and the jaarschijf of that year
/// show them).
pub async fn export(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let a = super::load(&app, &ctx, &id, None).await?;
    let as_of = q.year();
    let c = courses(
        &app,
        &a.access.owner,
        &a.doc().gemeente_code,
        &a.doc().goals,
        as_of,
    )
    .await?;
    let body = serde_json::to_string_pretty(&goals_file(&c, as_of)).expect("JSON serialises");
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/json; charset=utf-8",
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"doelen.json\"",
            ),
        ],
        body,
    )
        .into_response())
}
