//! Goals and their indicator series as typed data (`groups-and-goals-v1.md`,
//! part 2). Serialising a [`GoalsFile`] gives a file that [`super::read`]
//! reads back as the same value.

use serde::{Deserialize, Serialize};

/// The default of `interval_years`: a new figure every year.
pub const DEFAULT_INTERVAL_YEARS: u32 = 1;

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better.
    Up,
    /// Lower is better.
    Down,
}

/// A figure of an indicator in a year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The year the figure is for.
    pub year: i32,
    /// The figure.
    pub value: f64,
}

/// A goal: an indicator with a direction, a baseline, a target and the
/// figures measured so far.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Goal {
    /// The goal's id, named in the output.
    pub id: String,
    /// Whether higher or lower is better.
    pub direction: Direction,
    /// The baseline (nulmeting): where the plan line starts.
    pub baseline: Point,
    /// The target (streefwaarde) and the year it is to be reached.
    pub target: Point,
    /// How often a new figure appears, in years (≥ 1).
    pub interval_years: u32,
    /// The figures measured, distinct years, any order.
    pub observations: Vec<Point>,
}

/// A goals file: the year to assess for and the goals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalsFile {
    /// The year the status is computed for; `None`: see
    /// [`super::default_as_of`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<i32>,
    /// The goals, in file order.
    pub goals: Vec<Goal>,
}

impl Direction {
    /// Whether `a` is strictly better than `b` in this direction.
    pub fn better(self, a: f64, b: f64) -> bool {
        match self {
            Direction::Up => a > b,
            Direction::Down => a < b,
        }
    }

    /// Whether `value` reaches `target`: at least it for `up`, at most it
    /// for `down`.
    pub fn reaches(self, value: f64, target: f64) -> bool {
        match self {
            Direction::Up => value >= target,
            Direction::Down => value <= target,
        }
    }

    /// The spec's name: "up" or "down".
    pub fn name(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}
