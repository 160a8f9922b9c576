//! Goals and their indicator series: is a goal on course? Part 2 of
//! `shared/spec/groups-and-goals-v1.md`; the methods in
//! `shared/research/werkatelier-en-sturen.md` ("Steering on goals").
//!
//! Call [`read`] on a file (or [`check_goal`] on a [`Goal`] built in code),
//! then [`assess`] or [`assess_goal`], and [`to_output_json`] for the
//! spec's output.
//!
//! Where the spec leaves room, this module chooses:
//! - "y reaches the target" (status `gehaald`, and the chance) is y ≥ y_T
//!   for `up` and y ≤ y_T for `down`, in any year, also before the
//!   baseline year or after the target year.
//! - The ratio thresholds (0.95, 0.75) are compared with the ratio as
//!   computed, unrounded: r = 0.9499… is `achter`, as the JSON shows it.
//!   The ratio is computed as (y − y₀)(T − t₀) / ((y_T − y₀)(t − t₀)) and
//!   years ahead as (t₀ − t) + (y − y₀)(T − t₀)/(y_T − y₀): the spec's
//!   formulas rearranged so that y*(t) is not rounded on the way.
//! - `years_ahead` is given whenever there is a latest observation, also
//!   when t ≤ t₀ (the spec nulls only the ratio there). When the latest
//!   figure equals the baseline value it is t₀ − t (0 in the baseline
//!   year itself: no progress yet, and none due).
//! - The plan line is not clamped: before t₀ and after T it goes on
//!   straight, so `plan_value` after T lies beyond the target.
//! - The baseline is a trend point only when its year is not after
//!   `as_of` (a baseline in the future is not yet known) and no observation
//!   not after `as_of` has that year; an observation in the baseline year
//!   is used instead of the baseline value.
//! - `as_of` before the baseline year: the observations up to `as_of`
//!   count as usual (status `te vroeg` when there are 3 or more, as
//!   t ≤ t₀); `stale` compares with the baseline year when there is none.
//! - Medians (of y, of x, of the slopes) are NumPy's: the middle value, or
//!   `(a + b) / 2` of the two middle ones; equal values need no tie rule.
//! - The intercept is the spec's median(y) − slope·median(x), which is
//!   SciPy's for `method="separate"` (SciPy's `joint`, the default before
//!   1.8, takes median(y − slope·x) instead).
//! - The chance counts each unordered pair of points once (counting both
//!   orders gives the same share); its recency exponent uses the later
//!   year of the pair and x_last, the latest trend point's year.
//! - Not in the spec, to keep the maths finite and the work bounded: years
//!   from 1 to 9999 (also `as_of`), `interval_years` at most 100, values
//!   from −10¹² to 10¹², at most 200 observations per goal. Goal ids need
//!   not be distinct (the spec does not ask it; the output keeps file
//!   order). `as_of: null` counts as absent; `interval_years` may be left
//!   out but not be `null`; `observations` is required (it may be `[]`).
//! - `next_due` (an `i32`) is L + `interval_years`; within the limits it
//!   always fits.

pub mod assess;
pub mod input;
pub mod output;
pub mod read;
pub mod rules;
pub mod theil_sen;

#[cfg(test)]
mod assess_tests;
#[cfg(test)]
mod property_tests;
#[cfg(test)]
mod read_tests;
#[cfg(test)]
mod theil_sen_tests;

pub use assess::{Assessment, GoalStatus, Trend, assess, assess_goal, default_as_of, plan_value};
pub use input::{DEFAULT_INTERVAL_YEARS, Direction, Goal, GoalsFile, Point};
pub use output::to_output_json;
pub use read::{file_from_value, read};
pub use rules::{GoalProblem, check_goal};
