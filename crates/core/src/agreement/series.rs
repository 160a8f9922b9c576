//! A goal of the afspraken as the goal maths of spec part 2 reads it: its
//! direction, baseline, target, interval and the figures of its indicator
//! (from the monitor, or entered by hand).

use serde::{Deserialize, Serialize};

use super::{Goal, IndicatorSource};
use crate::goals::{self, Point};

/// What of an area a goal measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaScope {
    /// The area as a whole (CBS and Leefbaarometer figures, own figures
    /// per buurt).
    Gebied,
    /// The corporation's complexes in the area: the dwelling-weighted mean
    /// of their own figures.
    Complexen,
}

impl AreaScope {
    /// The Dutch label.
    pub fn label(self) -> &'static str {
        match self {
            AreaScope::Gebied => "het hele gebied",
            AreaScope::Complexen => "de complexen van de corporatie in het gebied",
        }
    }
}

/// `goal` with its series, for [`goals::assess_goal`]: the hand-entered
/// figures for a manual indicator, else `monitor` (the indicator's values
/// for the goal's area, one per year).
pub fn series_goal(goal: &Goal, monitor: &[Point]) -> goals::Goal {
    let observations = match goal.indicator.source {
        IndicatorSource::Manual => goal.manual.clone(),
        IndicatorSource::Monitor { .. } => monitor.to_vec(),
    };
    goals::Goal {
        id: goal.id.clone(),
        direction: goal.direction,
        baseline: goal.baseline,
        target: goal.target,
        interval_years: goal.interval_years,
        observations,
    }
}
