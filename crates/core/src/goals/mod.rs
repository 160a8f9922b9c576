//! TEMPORARY compile scaffold (not committed).
use serde::{Deserialize, Serialize};
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub year: i32,
    pub value: f64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    pub id: String,
    pub direction: Direction,
    pub baseline: Point,
    pub target: Point,
    pub interval_years: u32,
    pub observations: Vec<Point>,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    GeenGegevens,
    Gehaald,
    TeWeinigGegevens,
    TeVroeg,
    OpKoers,
    Achter,
    VerAchter,
}
impl Status {
    pub fn label(&self) -> &'static str {
        "x"
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub slope: f64,
    pub intercept: f64,
    pub slope_low: f64,
    pub slope_high: f64,
    pub forecast: f64,
    pub forecast_low: f64,
    pub forecast_high: f64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub id: String,
    pub status: Status,
    pub latest: Option<Point>,
    pub plan_value: Option<f64>,
    pub progress_ratio: Option<f64>,
    pub years_ahead: Option<f64>,
    pub trend: Option<Trend>,
    pub chance: Option<f64>,
    pub stale: bool,
    pub next_due: i32,
}
pub fn assess_goal(_goal: &Goal, _as_of: i32) -> Assessment {
    todo!()
}
pub fn plan_value(_goal: &Goal, _year: f64) -> f64 {
    todo!()
}
