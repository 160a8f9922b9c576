//! What the structure of a portfolio tells before a solver starts: options
//! dominated within their group, and a Lagrangian bound whose reduced
//! costs fix options that cannot be in any selection better than a known
//! one.
//!
//! The bound: for multipliers λ ≥ 0 on the budgets, every feasible
//! selection S has
//!
//! ```text
//! objective(S) ≤ λ·max + Σ_{o ∈ S} (v'_o − λ·c_o)
//!             ≤ L(λ) = λ·max + Σ_groups max(0, max_{o ∈ g} a_o) + Σ_{o free} max(0, a_o)
//! ```
//!
//! with `a_o = v'_o − λ·c_o`, where `v'_o` is the option's value plus the
//! bonus of every positive synergy whose first option it is (a synergy's
//! bonus counts only when that option is chosen too, so this bounds it);
//! negative bonuses, requires and excludes are left out, which can only
//! raise the bound. Choosing option o instead of its group's best costs at
//! least its reduced cost `r_o = a_o − best(g)` against that bound, so a
//! selection with o is worth at most `L + r_o`. When that is below the
//! objective of a feasible selection already found, o can be left out
//! without losing the optimum; when leaving a group empty (or a free option
//! out) costs more than the gap, it must be chosen. This holds for any
//! λ ≥ 0; the LP relaxation's budget duals make the bound tightest.

use super::BinaryProgram;
use super::rows::Row;

/// Which options a reduction has settled.
#[derive(Debug, Clone, PartialEq)]
pub struct Reduction {
    /// Options that cannot be in a better selection (left out).
    pub out: Vec<bool>,
    /// Options that every better selection contains.
    pub chosen: Vec<bool>,
    /// Groups of which every better selection chooses one option.
    pub group_filled: Vec<bool>,
}

impl Reduction {
    /// Nothing settled.
    pub fn none(p: &BinaryProgram) -> Reduction {
        Reduction {
            out: vec![false; p.len()],
            chosen: vec![false; p.len()],
            group_filled: vec![false; p.groups.len()],
        }
    }

    /// Undoes whatever settlement `selection` breaks, so that it is a
    /// selection of what stays open: its options are not left out, no
    /// other option is chosen, and a group it leaves empty need not be
    /// filled.
    pub fn admit(&mut self, p: &BinaryProgram, selection: &[bool]) {
        for (o, &in_it) in selection.iter().enumerate() {
            if in_it {
                self.out[o] = false;
            } else {
                self.chosen[o] = false;
            }
        }
        for (g, members) in p.groups.iter().enumerate() {
            if !members.iter().any(|&o| selection[o]) {
                self.group_filled[g] = false;
            }
        }
    }

    /// The options still open.
    pub fn open(&self) -> usize {
        self.out
            .iter()
            .zip(&self.chosen)
            .filter(|(o, c)| !**o && !**c)
            .count()
    }
}

/// Per option, its group (an option is in at most one).
pub fn group_of(p: &BinaryProgram) -> Vec<Option<usize>> {
    let mut of = vec![None; p.len()];
    for (g, members) in p.groups.iter().enumerate() {
        for &o in members {
            of[o] = Some(g);
        }
    }
    of
}

/// Per option, whether a requires, excludes or synergy names it.
pub fn tied(p: &BinaryProgram) -> Vec<bool> {
    let mut tied = vec![false; p.len()];
    for &(a, b) in p.requires.iter().chain(&p.excludes) {
        tied[a] = true;
        tied[b] = true;
    }
    for (options, _) in &p.synergies {
        for &o in options {
            tied[o] = true;
        }
    }
    tied
}

/// Groups larger than this are not searched pair by pair for dominance.
const DOMINANCE_MAX_GROUP: usize = 256;

/// Options that another option of their group (or choosing nothing) beats
/// or equals in every respect: value at least as high and cost in every
/// budget at most as high, neither named by a requires, excludes or
/// synergy. Of equal options the first in file order is kept. Leaving all
/// of them out keeps an optimal selection: swapping a dominated option for
/// its dominator never lowers the objective nor breaks a constraint.
pub fn dominated(p: &BinaryProgram) -> Vec<bool> {
    let tied = tied(p);
    let mut out = vec![false; p.len()];
    let nothing_beats = |o: usize| p.value[o] <= 0.0 && p.budgets.iter().all(|b| b.cost[o] >= 0.0);
    for o in 0..p.len() {
        if !tied[o] && nothing_beats(o) {
            out[o] = true;
        }
    }
    let beats = |j: usize, o: usize| {
        let no_worse = p.value[j] >= p.value[o] && p.budgets.iter().all(|b| b.cost[j] <= b.cost[o]);
        let strictly = p.value[j] > p.value[o] || p.budgets.iter().any(|b| b.cost[j] < b.cost[o]);
        no_worse && (strictly || j < o)
    };
    for g in &p.groups {
        if g.len() > DOMINANCE_MAX_GROUP {
            continue;
        }
        for &o in g {
            if tied[o] || out[o] {
                continue;
            }
            if g.iter().any(|&j| j != o && !tied[j] && beats(j, o)) {
                out[o] = true;
            }
        }
    }
    out
}

/// The Lagrangian bound for multipliers `lambda` (one per budget, ≥ 0)
/// over the options not in `out`.
#[derive(Debug, Clone, PartialEq)]
pub struct Lagrangian {
    /// L(λ): no feasible selection (of options not left out) is worth more.
    pub bound: f64,
    /// Per option, `a_o = v'_o − λ·c_o`.
    pub adjusted: Vec<f64>,
    /// Per group, max(0, its best adjusted value).
    pub group_best: Vec<f64>,
    /// Rounding allowance on the bound: reductions keep this much margin.
    pub tolerance: f64,
}

impl Lagrangian {
    /// The bound for `lambda` (negative multipliers are taken as 0).
    pub fn new(p: &BinaryProgram, lambda: &[f64], out: &[bool]) -> Lagrangian {
        assert_eq!(lambda.len(), p.budgets.len(), "one multiplier per budget");
        let lambda: Vec<f64> = lambda.iter().map(|l| l.max(0.0)).collect();
        let mut value = p.value.clone();
        for (options, bonus) in &p.synergies {
            if *bonus > 0.0
                && let Some(&first) = options.first()
            {
                value[first] += bonus;
            }
        }
        let adjusted: Vec<f64> = (0..p.len())
            .map(|o| {
                value[o]
                    - lambda
                        .iter()
                        .zip(&p.budgets)
                        .map(|(l, b)| l * b.cost[o])
                        .sum::<f64>()
            })
            .collect();
        let mut magnitude = 0.0;
        let mut bound = 0.0;
        for (l, b) in lambda.iter().zip(&p.budgets) {
            bound += l * b.max;
            magnitude += (l * b.max).abs();
        }
        let in_group = group_of(p);
        let group_best: Vec<f64> = p
            .groups
            .iter()
            .map(|g| {
                g.iter()
                    .filter(|&&o| !out[o])
                    .map(|&o| adjusted[o])
                    .fold(0.0, f64::max)
            })
            .collect();
        bound += group_best.iter().sum::<f64>();
        for o in 0..p.len() {
            magnitude += adjusted[o].abs() + value[o].abs();
            if in_group[o].is_none() && !out[o] {
                bound += adjusted[o].max(0.0);
            }
        }
        Lagrangian {
            bound,
            adjusted,
            group_best,
            tolerance: 1e-9 * magnitude.max(1.0),
        }
    }

    /// Settles what the bound allows, given the objective `found` of a
    /// feasible selection that contains no option in `reduction.out`:
    /// options worth at most `L + r_o < found` go out; free options and
    /// groups that cost more than `L − found` to leave out or empty are
    /// chosen or filled. The optimum stays among what remains open.
    pub fn reduce(&self, p: &BinaryProgram, found: f64, reduction: &mut Reduction) {
        let slack = (self.bound - found).max(0.0) + self.tolerance;
        for (o, group) in group_of(p).into_iter().enumerate() {
            if reduction.out[o] {
                continue;
            }
            let a = self.adjusted[o];
            match group {
                Some(g) => {
                    if self.group_best[g] - a > slack {
                        reduction.out[o] = true;
                    }
                }
                None => {
                    if -a > slack {
                        reduction.out[o] = true;
                    } else if a > slack {
                        reduction.chosen[o] = true;
                    }
                }
            }
        }
        for (g, best) in self.group_best.iter().enumerate() {
            if *best > slack {
                reduction.group_filled[g] = true;
            }
        }
    }
}

/// The bound of LP duals: for multipliers `y` on the rows of
/// [`BinaryProgram::rows`], every selection x within the column bounds has
///
/// ```text
/// objective(x) = y·A·x + d·x ≤ Σ_r y_r·(hi_r if y_r > 0, lo_r if y_r < 0) + Σ_j max(d_j·l_j, d_j·u_j)
/// ```
///
/// with `d = c − yᵀA` the reduced costs (a multiplier on a side that is
/// infinite counts as 0). It holds for any `y`; the LP relaxation's duals
/// make it the LP optimum, which with requires, excludes and synergies is
/// tighter than [`Lagrangian`]. Moving column j off its bound costs at
/// least |d_j|, which settles options as [`Lagrangian::reduce`] does.
#[derive(Debug, Clone, PartialEq)]
pub struct DualBound {
    /// No feasible selection within the column bounds is worth more.
    pub bound: f64,
    /// Per column (options, then synergies), its reduced cost.
    pub reduced: Vec<f64>,
    /// Rounding allowance on the bound.
    pub tolerance: f64,
}

impl DualBound {
    /// The bound for row multipliers `y` (one per row of `rows`, which are
    /// `p.rows()`), with the options `reduction` settled at their values.
    pub fn new(p: &BinaryProgram, rows: &[Row], y: &[f64], reduction: &Reduction) -> DualBound {
        assert_eq!(y.len(), rows.len(), "one multiplier per row");
        let mut reduced = p.column_values();
        let mut bound = 0.0;
        let mut magnitude = 0.0;
        for (row, &y) in rows.iter().zip(y) {
            let side = if y > 0.0 { row.hi } else { row.lo };
            if y == 0.0 || !side.is_finite() {
                continue;
            }
            bound += y * side;
            magnitude += (y * side).abs();
            for &(j, coef) in &row.terms {
                reduced[j] -= y * coef;
            }
        }
        for (j, d) in reduced.iter().enumerate() {
            let (lo, hi) = match j < p.len() {
                true if reduction.out[j] => (0.0, 0.0),
                true if reduction.chosen[j] => (1.0, 1.0),
                _ => (0.0, 1.0),
            };
            bound += (d * lo).max(d * hi);
            magnitude += d.abs();
        }
        DualBound {
            bound,
            reduced,
            tolerance: 1e-9 * magnitude.max(1.0),
        }
    }

    /// Settles what the bound allows, given the objective `found` of a
    /// feasible selection that keeps `reduction`: an open option whose
    /// reduced cost is below −(bound − found) goes out, one above it is
    /// chosen.
    pub fn reduce(&self, p: &BinaryProgram, found: f64, reduction: &mut Reduction) {
        let slack = (self.bound - found).max(0.0) + self.tolerance;
        for o in 0..p.len() {
            if reduction.out[o] || reduction.chosen[o] {
                continue;
            }
            if self.reduced[o] < -slack {
                reduction.out[o] = true;
            } else if self.reduced[o] > slack {
                reduction.chosen[o] = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BruteForce, BudgetRow, PortfolioSolver};
    use super::*;

    fn two_groups() -> BinaryProgram {
        // group 0: options 0 (10 for 6), 1 (7 for 4), 2 (6 for 7: beaten by 0)
        // group 1: options 3 (5 for 3), 4 (−1 for 1: beaten by nothing)
        BinaryProgram {
            value: vec![10.0, 7.0, 6.0, 5.0, -1.0],
            budgets: vec![BudgetRow {
                max: 9.0,
                cost: vec![6.0, 4.0, 7.0, 3.0, 1.0],
            }],
            groups: vec![vec![0, 1, 2], vec![3, 4]],
            requires: vec![],
            excludes: vec![],
            synergies: vec![],
        }
    }

    #[test]
    fn dominated_options_are_beaten_in_their_group_or_by_nothing() {
        let p = two_groups();
        assert_eq!(dominated(&p), vec![false, false, true, false, true]);
        // equal options: the first is kept
        let mut q = p.clone();
        q.value[2] = 10.0;
        q.budgets[0].cost[2] = 6.0;
        assert_eq!(dominated(&q)[..3], [false, false, true]);
        // a tied option is never left out, nor does it beat another
        q.requires.push((2, 3));
        assert_eq!(dominated(&q)[..3], [false, false, false]);
        q.requires = vec![(0, 3)];
        assert_eq!(dominated(&q)[..3], [false, false, false]);
    }

    #[test]
    fn the_bound_holds_for_every_multiplier() {
        let mut p = two_groups();
        p.synergies.push((vec![1, 3], 4.0));
        p.synergies.push((vec![0, 3], -2.0));
        let best = p.objective(&BruteForce.solve(&p).unwrap().chosen);
        for lambda in [0.0, 0.5, 1.0, 1.7, 3.0, 10.0] {
            let l = Lagrangian::new(&p, &[lambda], &vec![false; p.len()]);
            assert!(l.bound >= best - 1e-9, "λ {lambda}: {} < {best}", l.bound);
        }
    }

    #[test]
    fn reduced_costs_leave_out_what_cannot_beat_a_known_selection() {
        let p = two_groups();
        let best = BruteForce.solve(&p).unwrap().chosen; // {0, 3}: 15 for 9
        assert_eq!(best, vec![true, false, false, true, false]);
        // λ = 1: a = [4, 3, −1, 2, −2]; L = 9 + 4 + 2 = 15 = the optimum
        let l = Lagrangian::new(&p, &[1.0], &vec![false; p.len()]);
        assert!((l.bound - 15.0).abs() < 1e-12);
        let mut r = Reduction::none(&p);
        l.reduce(&p, 15.0, &mut r);
        assert_eq!(r.out, vec![false, true, true, false, true]);
        assert_eq!(r.group_filled, vec![true, true]);
        assert_eq!(r.open(), 2);
        // with a weaker known selection (11) only what costs more than
        // the gap of 4 goes out: option 2 (r = −5), not option 4 (r = −4)
        let mut r = Reduction::none(&p);
        l.reduce(&p, 11.0, &mut r);
        assert_eq!(r.out, vec![false, false, true, false, false]);
        assert_eq!(r.group_filled, vec![false, false]);
    }

    #[test]
    fn an_admitted_selection_breaks_no_settlement() {
        let p = two_groups();
        let l = Lagrangian::new(&p, &[1.0], &vec![false; p.len()]);
        let mut r = Reduction::none(&p);
        l.reduce(&p, 15.0, &mut r);
        // {1} breaks two: option 1 was left out, group 1 had to be filled
        let selection = [false, true, false, false, false];
        r.admit(&p, &selection);
        assert_eq!(r.out, vec![false, false, true, false, true]);
        assert_eq!(r.group_filled, vec![true, false]);
        // a chosen option the selection lacks is open again
        let mut r = Reduction::none(&p);
        r.chosen[3] = true;
        r.admit(&p, &[true, false, false, false, false]);
        assert_eq!(r.chosen, vec![false; 5]);
    }

    #[test]
    fn a_free_option_worth_more_than_the_gap_is_chosen() {
        let p = BinaryProgram {
            value: vec![5.0, -3.0, 1.0],
            budgets: vec![],
            groups: vec![],
            requires: vec![],
            excludes: vec![],
            synergies: vec![],
        };
        let l = Lagrangian::new(&p, &[], &[false; 3]);
        assert_eq!(l.bound, 6.0);
        let mut r = Reduction::none(&p);
        l.reduce(&p, 6.0, &mut r);
        assert_eq!(r.chosen, vec![true, false, true]);
        assert_eq!(r.out, vec![false, true, false]);
    }

    #[test]
    fn the_dual_bound_holds_for_any_multipliers_and_settles_options() {
        let mut p = two_groups();
        p.synergies.push((vec![1, 3], 4.0));
        p.requires.push((4, 0));
        let best_chosen = BruteForce.solve(&p).unwrap().chosen;
        let best = p.objective(&best_chosen);
        let rows = p.rows().len();
        let none = Reduction::none(&p);
        for k in 0..50 {
            let y: Vec<f64> = (0..rows)
                .map(|r| (((k * 7 + r * 13) % 11) as f64 - 3.0) * 0.4)
                .collect();
            let d = DualBound::new(&p, &p.rows(), &y, &none);
            assert!(d.bound >= best - 1e-9, "{y:?}: {} < {best}", d.bound);
            // what it settles never cuts off the optimum
            let mut r = Reduction::none(&p);
            d.reduce(&p, best, &mut r);
            for (o, &in_best) in best_chosen.iter().enumerate() {
                assert!(!(r.out[o] && in_best), "{y:?}: {o} out");
                assert!(!r.chosen[o] || in_best, "{y:?}: {o} chosen");
            }
        }
        // all multipliers 0: the bound is every positive column
        let d = DualBound::new(&p, &p.rows(), &vec![0.0; rows], &none);
        assert_eq!(d.bound, 10.0 + 7.0 + 6.0 + 5.0 + 4.0);
    }
}
