//! Where a goal stands in a year: the plan line, the progress ratio, the
//! years ahead or behind, the Theil–Sen trend with its chance of reaching
//! the target, the status and whether a figure is overdue (spec part 2).

use serde::{Serialize, Serializer};

use super::input::{Goal, GoalsFile, Point};
use super::theil_sen::{median, pairwise_slopes, theil_slopes};

/// The confidence of the trend's slope interval (90 %).
pub const TREND_CONFIDENCE: f64 = 0.90;
/// The weight of a pair of years per year it lies before the last one.
pub const RECENCY_WEIGHT: f64 = 0.75;
/// From this progress ratio on a goal is on course.
pub const ON_COURSE: f64 = 0.95;
/// From this progress ratio on (and below [`ON_COURSE`]) a goal is behind.
pub const BEHIND: f64 = 0.75;
/// The fewest points (observations and baseline) for a trend.
pub const MIN_TREND_POINTS: usize = 3;

/// Where a goal stands; the first that applies, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalStatus {
    /// No observation up to the year assessed.
    GeenGegevens,
    /// The latest figure reaches the target.
    Gehaald,
    /// Fewer than 3 points for a trend.
    TeWeinigGegevens,
    /// The latest figure is not after the baseline year.
    TeVroeg,
    /// Progress ratio ≥ 0.95.
    OpKoers,
    /// Progress ratio ≥ 0.75.
    Achter,
    /// Progress ratio below 0.75.
    VerAchter,
}

impl GoalStatus {
    /// The spec's (Dutch) name: "op koers", "ver achter", ….
    pub fn label(&self) -> &'static str {
        match self {
            GoalStatus::GeenGegevens => "geen gegevens",
            GoalStatus::Gehaald => "gehaald",
            GoalStatus::TeWeinigGegevens => "te weinig gegevens",
            GoalStatus::TeVroeg => "te vroeg",
            GoalStatus::OpKoers => "op koers",
            GoalStatus::Achter => "achter",
            GoalStatus::VerAchter => "ver achter",
        }
    }
}

impl Serialize for GoalStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

/// The Theil–Sen trend of a goal's points and what it forecasts for the
/// target year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    /// The median of the pairwise slopes (per year).
    pub slope: f64,
    /// `median(y) − slope · median(x)`.
    pub intercept: f64,
    /// The lower bound of the slope's 90 % interval (as SciPy).
    pub slope_low: f64,
    /// The upper bound of the slope's 90 % interval.
    pub slope_high: f64,
    /// `intercept + slope · T`.
    pub forecast: f64,
    /// The lower of `median(y) + slope_low/high · (T − median(x))`.
    pub forecast_low: f64,
    /// The higher of the two.
    pub forecast_high: f64,
}

/// Where one goal stands in a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The goal's id.
    pub id: String,
    /// The status.
    pub status: GoalStatus,
    /// The latest observation not after the year assessed.
    pub latest: Option<Point>,
    /// The plan line in the latest observation's year, y*(t).
    pub plan_value: Option<f64>,
    /// (y − y₀) / (y*(t) − y₀), when t is after the baseline year.
    pub progress_ratio: Option<f64>,
    /// t* − t: how many years the latest figure is ahead of the plan line
    /// (negative: behind).
    pub years_ahead: Option<f64>,
    /// The trend, with 3 points or more.
    pub trend: Option<Trend>,
    /// The weighted share of pairwise slopes that reach the target, with 3
    /// points or more.
    pub chance: Option<f64>,
    /// Whether a newer figure should have appeared by the year assessed.
    pub stale: bool,
    /// The year the next figure is due: L + `interval_years`.
    pub next_due: i32,
}

/// The plan line y*(s) = y₀ + (y_T − y₀)(s − t₀)/(T − t₀), for charts too;
/// not clamped: before t₀ and after T it goes on straight.
pub fn plan_value(goal: &Goal, year: f64) -> f64 {
    let (t0, y0) = (f64::from(goal.baseline.year), goal.baseline.value);
    let (tt, yt) = (f64::from(goal.target.year), goal.target.value);
    y0 + (yt - y0) * (year - t0) / (tt - t0)
}

/// The year the status is computed for when the file names none: the latest
/// observation year over all goals, else the latest baseline year; `None`
/// without goals.
pub fn default_as_of(goals: &[Goal]) -> Option<i32> {
    goals
        .iter()
        .flat_map(|g| g.observations.iter().map(|p| p.year))
        .max()
        .or_else(|| goals.iter().map(|g| g.baseline.year).max())
}

/// Every goal of the file, in file order, as of the file's `as_of` or
/// [`default_as_of`].
pub fn assess(file: &GoalsFile) -> Vec<Assessment> {
    let Some(as_of) = file.as_of.or_else(|| default_as_of(&file.goals)) else {
        return Vec::new();
    };
    file.goals.iter().map(|g| assess_goal(g, as_of)).collect()
}

/// Where `goal` stands as of `as_of`. Meant for goals that pass
/// [`super::check_goal`]; others give meaningless numbers, never a panic.
pub fn assess_goal(goal: &Goal, as_of: i32) -> Assessment {
    let mut known: Vec<Point> = goal
        .observations
        .iter()
        .filter(|p| p.year <= as_of)
        .copied()
        .collect();
    known.sort_by_key(|p| p.year);
    let latest = known.last().copied();
    let last_year = latest.map_or(goal.baseline.year, |p| p.year);
    let due = i64::from(last_year) + i64::from(goal.interval_years);
    let next_due = i32::try_from(due).unwrap_or(i32::MAX);
    let stale = i64::from(as_of) > due;
    let Some(latest) = latest else {
        return Assessment {
            id: goal.id.clone(),
            status: GoalStatus::GeenGegevens,
            latest: None,
            plan_value: None,
            progress_ratio: None,
            years_ahead: None,
            trend: None,
            chance: None,
            stale,
            next_due,
        };
    };
    let points = trend_points(goal, &known, as_of);
    let progress_ratio = progress_ratio(goal, latest);
    Assessment {
        id: goal.id.clone(),
        status: status(goal, latest, points.len(), progress_ratio),
        latest: Some(latest),
        plan_value: Some(plan_value(goal, f64::from(latest.year))),
        progress_ratio,
        years_ahead: Some(years_ahead(goal, latest)),
        trend: trend(goal, &points),
        chance: chance(goal, &points),
        stale,
        next_due,
    }
}

/// The points of the trend: the observations not after `as_of` (`known`,
/// sorted by year), and the baseline when its year has none of them and is
/// not after `as_of` either.
fn trend_points(goal: &Goal, known: &[Point], as_of: i32) -> Vec<Point> {
    let mut points = known.to_vec();
    let b = goal.baseline;
    if b.year <= as_of && !known.iter().any(|p| p.year == b.year) {
        points.push(b);
        points.sort_by_key(|p| p.year);
    }
    points
}

/// r = (y − y₀)/(y*(t) − y₀) when t > t₀, computed as
/// (y − y₀)(T − t₀) / ((y_T − y₀)(t − t₀)), which is the same line without
/// first rounding y*(t).
fn progress_ratio(goal: &Goal, latest: Point) -> Option<f64> {
    let (t0, y0) = (goal.baseline.year, goal.baseline.value);
    if latest.year <= t0 {
        return None;
    }
    let span = f64::from(goal.target.year) - f64::from(t0);
    let elapsed = f64::from(latest.year) - f64::from(t0);
    Some((latest.value - y0) * span / ((goal.target.value - y0) * elapsed))
}

/// t* − t with t* = t₀ + (y − y₀)(T − t₀)/(y_T − y₀), computed as
/// (t₀ − t) + (y − y₀)(T − t₀)/(y_T − y₀).
fn years_ahead(goal: &Goal, latest: Point) -> f64 {
    let (t0, y0) = (f64::from(goal.baseline.year), goal.baseline.value);
    let span = f64::from(goal.target.year) - t0;
    (t0 - f64::from(latest.year)) + (latest.value - y0) * span / (goal.target.value - y0)
}

/// The first status that applies (no observation is handled before).
fn status(goal: &Goal, latest: Point, points: usize, ratio: Option<f64>) -> GoalStatus {
    if goal.direction.reaches(latest.value, goal.target.value) {
        return GoalStatus::Gehaald;
    }
    if points < MIN_TREND_POINTS {
        return GoalStatus::TeWeinigGegevens;
    }
    match ratio {
        None => GoalStatus::TeVroeg,
        Some(r) if r >= ON_COURSE => GoalStatus::OpKoers,
        Some(r) if r >= BEHIND => GoalStatus::Achter,
        Some(_) => GoalStatus::VerAchter,
    }
}

fn xy(points: &[Point]) -> (Vec<f64>, Vec<f64>) {
    points.iter().map(|p| (f64::from(p.year), p.value)).unzip()
}

/// The Theil–Sen trend and its forecasts for the target year.
fn trend(goal: &Goal, points: &[Point]) -> Option<Trend> {
    if points.len() < MIN_TREND_POINTS {
        return None;
    }
    let (x, y) = xy(points);
    let ts = theil_slopes(&x, &y, TREND_CONFIDENCE)?;
    let (mx, my) = (median(&mut x.clone())?, median(&mut y.clone())?);
    let target_year = f64::from(goal.target.year);
    let a = my + ts.low_slope * (target_year - mx);
    let b = my + ts.high_slope * (target_year - mx);
    Some(Trend {
        slope: ts.slope,
        intercept: ts.intercept,
        slope_low: ts.low_slope,
        slope_high: ts.high_slope,
        forecast: ts.intercept + ts.slope * target_year,
        forecast_low: a.min(b),
        forecast_high: a.max(b),
    })
}

/// The weighted share of pairwise slopes s with which
/// median(y) + s·(T − median(x)) reaches the target; a pair weighs
/// 0.75^(x_last − its later year).
fn chance(goal: &Goal, points: &[Point]) -> Option<f64> {
    if points.len() < MIN_TREND_POINTS {
        return None;
    }
    let (x, y) = xy(points);
    let (mx, my) = (median(&mut x.clone())?, median(&mut y.clone())?);
    let last = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let target_year = f64::from(goal.target.year);
    let (mut reach, mut total) = (0.0, 0.0);
    for (s, later) in pairwise_slopes(&x, &y) {
        let w = RECENCY_WEIGHT.powf(last - later);
        total += w;
        if goal
            .direction
            .reaches(my + s * (target_year - mx), goal.target.value)
        {
            reach += w;
        }
    }
    (total > 0.0).then(|| reach / total)
}
