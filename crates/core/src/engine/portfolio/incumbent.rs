//! A good feasible selection, found fast: the start a solver is handed and
//! the selection a bound is measured against ([`super::reduce`]).
//!
//! From a start (e.g. the LP relaxation rounded down per group), broken
//! requires, excludes and groups are mended by leaving options out, budgets
//! over their max are repaired by the cheapest moves (leave an option out
//! or switch to a cheaper one of its group, least objective lost per euro
//! of excess removed), and then the selection is improved by single moves
//! (take, leave or switch one option) until none gains.

use super::{BUDGET_ABS_TOLERANCE, BUDGET_REL_TOLERANCE, BinaryProgram, reduce::group_of};

/// Lookups that local moves need, built once per problem.
pub struct Neighbourhood<'a> {
    p: &'a BinaryProgram,
    group_of: Vec<Option<usize>>,
    /// b → the options b requires.
    needs: Vec<Vec<usize>>,
    /// a → the options that require a.
    needed_by: Vec<Vec<usize>>,
    /// o → the options o excludes (both ways).
    excludes: Vec<Vec<usize>>,
    /// o → the synergies naming o.
    synergies: Vec<Vec<usize>>,
    /// Per budget, the largest spend allowed (max plus tolerance).
    limit: Vec<f64>,
    /// Gains below this are rounding, not gains.
    epsilon: f64,
}

/// A move: leave `from` out and take `to` (either may be absent).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Move {
    from: Option<usize>,
    to: Option<usize>,
}

/// A selection with its spend per budget.
struct State {
    chosen: Vec<bool>,
    spent: Vec<f64>,
}

impl<'a> Neighbourhood<'a> {
    /// The lookups of `p`.
    pub fn new(p: &'a BinaryProgram) -> Neighbourhood<'a> {
        let n = p.len();
        let mut needs = vec![Vec::new(); n];
        let mut needed_by = vec![Vec::new(); n];
        for &(b, a) in &p.requires {
            needs[b].push(a);
            needed_by[a].push(b);
        }
        let mut excludes = vec![Vec::new(); n];
        for &(a, b) in &p.excludes {
            excludes[a].push(b);
            excludes[b].push(a);
        }
        let mut synergies = vec![Vec::new(); n];
        for (s, (options, _)) in p.synergies.iter().enumerate() {
            for &o in options {
                synergies[o].push(s);
            }
        }
        let magnitude = p.value.iter().map(|v| v.abs()).sum::<f64>()
            + p.synergies.iter().map(|(_, b)| b.abs()).sum::<f64>();
        Neighbourhood {
            p,
            group_of: group_of(p),
            needs,
            needed_by,
            excludes,
            synergies,
            limit: p
                .budgets
                .iter()
                .map(|b| b.max + BUDGET_ABS_TOLERANCE + BUDGET_REL_TOLERANCE * b.max.abs())
                .collect(),
            epsilon: 1e-12 * magnitude.max(1.0),
        }
    }

    /// The best selection reachable from `start` by mending, repairing and
    /// improving, never taking an option in `out`. Always feasible (at
    /// worst: nothing chosen).
    pub fn improve(&self, start: &[bool], out: &[bool]) -> Vec<bool> {
        let p = self.p;
        let mut chosen: Vec<bool> = start.iter().zip(out).map(|(s, o)| *s && !*o).collect();
        self.mend(&mut chosen);
        let mut state = State {
            spent: p.spent(&chosen),
            chosen,
        };
        if !self.repair(&mut state, out) {
            return vec![false; p.len()];
        }
        self.climb(&mut state, out);
        // a bound on rounds: each applied pair gains at least epsilon
        for _ in 0..4 * p.len().max(1) {
            if !self.pair(&mut state, out) {
                break;
            }
            self.climb(&mut state, out);
        }
        debug_assert!(p.is_feasible(&state.chosen));
        state.chosen
    }

    /// The single moves that touch option `o`: leave or switch it when
    /// chosen, take it when its group is empty (none when it is out; a
    /// chosen option never is).
    fn moves_of(&self, state: &State, o: usize, out: &[bool]) -> Vec<Move> {
        let p = self.p;
        if out[o] {
            Vec::new()
        } else if state.chosen[o] {
            self.moves_from(o, out)
        } else if self.group_of[o].is_some_and(|g| p.groups[g].iter().any(|&j| state.chosen[j])) {
            Vec::new()
        } else {
            vec![Move {
                from: None,
                to: Some(o),
            }]
        }
    }

    /// Every single move allowed in `state`.
    fn single_moves(&self, state: &State, out: &[bool]) -> Vec<Move> {
        (0..self.p.len())
            .flat_map(|o| self.moves_of(state, o, out))
            .filter(|&m| self.allowed(state, m))
            .collect()
    }

    /// Applies the best pair of moves in two places that gains together
    /// where neither alone fits and gains (typically one frees budget that
    /// the other spends); false when there is none.
    fn pair(&self, state: &mut State, out: &[bool]) -> bool {
        let p = self.p;
        let budgets = p.budgets.len();
        let scored: Vec<(f64, Move, Vec<f64>)> = self
            .single_moves(state, out)
            .into_iter()
            .map(|m| {
                let delta = (0..budgets)
                    .map(|b| self.spent_after(state, m, b) - state.spent[b])
                    .collect();
                (self.gain(state, m), m, delta)
            })
            .collect();
        let mut ups: Vec<&(f64, Move, Vec<f64>)> = scored
            .iter()
            .filter(|(g, _, _)| *g > self.epsilon)
            .collect();
        let mut downs: Vec<&(f64, Move, Vec<f64>)> = scored
            .iter()
            .filter(|(g, _, _)| *g <= self.epsilon)
            .collect();
        ups.sort_by(|a, b| b.0.total_cmp(&a.0));
        downs.sort_by(|a, b| b.0.total_cmp(&a.0));
        let place = |m: Move| m.from.or(m.to).map(|o| self.group_of[o].ok_or(o));
        // Per up move, the down move that loses least while the two fit.
        let mut pairs: Vec<(f64, Move, Move)> = Vec::new();
        for (gain_up, up, d_up) in ups {
            for (gain_down, down, d_down) in &downs {
                let total = gain_up + gain_down;
                if total <= self.epsilon {
                    break;
                }
                if place(*up) == place(*down) {
                    continue;
                }
                let fits =
                    (0..budgets).all(|b| state.spent[b] + d_up[b] + d_down[b] <= self.limit[b]);
                if fits {
                    pairs.push((total, *up, *down));
                    break;
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
        // Checked again one after the other: requires, excludes and
        // synergies between the two places count exactly.
        let before = p.objective(&state.chosen);
        for (_, up, down) in pairs {
            let saved = (state.chosen.clone(), state.spent.clone());
            self.apply(state, down);
            if self.allowed(state, up) {
                self.apply(state, up);
                if p.is_feasible(&state.chosen)
                    && p.objective(&state.chosen) > before + self.epsilon
                {
                    return true;
                }
            }
            (state.chosen, state.spent) = saved;
        }
        false
    }

    /// Leaves options out until requires, excludes and groups hold.
    fn mend(&self, chosen: &mut [bool]) {
        let p = self.p;
        for g in &p.groups {
            // keep the most valuable chosen member
            let best = g
                .iter()
                .filter(|&&o| chosen[o])
                .copied()
                .max_by(|&a, &b| p.value[a].total_cmp(&p.value[b]).then(b.cmp(&a)));
            for &o in g {
                chosen[o] = Some(o) == best;
            }
        }
        for &(a, b) in &p.excludes {
            if chosen[a] && chosen[b] {
                let drop = if p.value[a] < p.value[b] { a } else { b };
                chosen[drop] = false;
            }
        }
        loop {
            let mut changed = false;
            for &(b, a) in &p.requires {
                if chosen[b] && !chosen[a] {
                    chosen[b] = false;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// Whether `m` keeps requires, excludes and groups (budgets apart).
    fn allowed(&self, state: &State, m: Move) -> bool {
        let chosen_after = |o: usize| {
            if Some(o) == m.to {
                true
            } else if Some(o) == m.from {
                false
            } else {
                state.chosen[o]
            }
        };
        if let Some(to) = m.to
            && (self.needs[to].iter().any(|&a| !chosen_after(a))
                || self.excludes[to].iter().any(|&b| chosen_after(b)))
        {
            return false;
        }
        if let Some(from) = m.from
            && self.needed_by[from].iter().any(|&b| chosen_after(b))
        {
            return false;
        }
        true
    }

    /// The change in objective of `m`.
    fn gain(&self, state: &State, m: Move) -> f64 {
        let p = self.p;
        let mut gain = 0.0;
        if let Some(to) = m.to {
            gain += p.value[to];
        }
        if let Some(from) = m.from {
            gain -= p.value[from];
        }
        let touched = m
            .from
            .into_iter()
            .chain(m.to)
            .flat_map(|o| self.synergies[o].iter().copied());
        let mut seen: Vec<usize> = Vec::new();
        for s in touched {
            if seen.contains(&s) {
                continue;
            }
            seen.push(s);
            let (options, bonus) = &p.synergies[s];
            let before = options.iter().all(|&o| state.chosen[o]);
            let after = options
                .iter()
                .all(|&o| Some(o) == m.to || (Some(o) != m.from && state.chosen[o]));
            gain += bonus * (after as i32 - before as i32) as f64;
        }
        gain
    }

    /// The spend in budget `b` after `m`.
    fn spent_after(&self, state: &State, m: Move, b: usize) -> f64 {
        let cost = &self.p.budgets[b].cost;
        let mut s = state.spent[b];
        if let Some(from) = m.from {
            s -= cost[from];
        }
        if let Some(to) = m.to {
            s += cost[to];
        }
        s
    }

    fn apply(&self, state: &mut State, m: Move) {
        for b in 0..self.p.budgets.len() {
            state.spent[b] = self.spent_after(state, m, b);
        }
        if let Some(from) = m.from {
            state.chosen[from] = false;
        }
        if let Some(to) = m.to {
            state.chosen[to] = true;
        }
    }

    /// The moves that leave out or replace a chosen option `o`.
    fn moves_from(&self, o: usize, out: &[bool]) -> Vec<Move> {
        let mut moves = vec![Move {
            from: Some(o),
            to: None,
        }];
        if let Some(g) = self.group_of[o] {
            for &j in &self.p.groups[g] {
                if j != o && !out[j] {
                    moves.push(Move {
                        from: Some(o),
                        to: Some(j),
                    });
                }
            }
        }
        moves
    }

    /// Repairs budgets over their max; false when no move helps (then the
    /// caller falls back to choosing nothing).
    fn repair(&self, state: &mut State, out: &[bool]) -> bool {
        let p = self.p;
        let n_budgets = p.budgets.len();
        let excess = |state: &State, m: Option<Move>| -> f64 {
            (0..n_budgets)
                .map(|b| {
                    let s = match m {
                        Some(m) => self.spent_after(state, m, b),
                        None => state.spent[b],
                    };
                    (s - self.limit[b]).max(0.0) / p.budgets[b].max.abs().max(1.0)
                })
                .sum()
        };
        // each move strictly lowers the excess; a bound on moves anyway
        for _ in 0..=4 * p.len() {
            let now = excess(state, None);
            if now <= 0.0 {
                return true;
            }
            let mut best: Option<(f64, Move)> = None;
            for o in (0..p.len()).filter(|&o| state.chosen[o]) {
                for m in self.moves_from(o, out) {
                    if m.to.is_some_and(|j| state.chosen[j]) || !self.allowed(state, m) {
                        continue;
                    }
                    let freed = now - excess(state, Some(m));
                    if freed <= 0.0 {
                        continue;
                    }
                    let price = -self.gain(state, m) / freed;
                    if best.is_none_or(|(b, _)| price < b) {
                        best = Some((price, m));
                    }
                }
            }
            match best {
                Some((_, m)) => self.apply(state, m),
                None => return false,
            }
        }
        false
    }

    /// Applies improving single moves until none is left.
    fn climb(&self, state: &mut State, out: &[bool]) {
        let p = self.p;
        let fits = |state: &State, m: Move| {
            (0..p.budgets.len()).all(|b| self.spent_after(state, m, b) <= self.limit[b])
        };
        // every applied move gains at least epsilon; a bound on sweeps anyway
        for _ in 0..64 {
            let mut improved = false;
            for o in 0..p.len() {
                let best = self
                    .moves_of(state, o, out)
                    .into_iter()
                    .filter(|&m| self.allowed(state, m) && fits(state, m))
                    .map(|m| (self.gain(state, m), m))
                    .filter(|(g, _)| *g > self.epsilon)
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((_, m)) = best {
                    self.apply(state, m);
                    improved = true;
                }
            }
            if !improved {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BruteForce, BudgetRow, PortfolioSolver};
    use super::*;

    fn problem() -> BinaryProgram {
        BinaryProgram {
            value: vec![10.0, 7.0, 6.0, 5.0, 4.0, 3.0],
            budgets: vec![
                BudgetRow {
                    max: 10.0,
                    cost: vec![6.0, 4.0, 3.0, 3.0, 2.0, 1.0],
                },
                BudgetRow {
                    max: 5.0,
                    cost: vec![1.0, 1.0, 2.0, 2.0, 0.0, 1.0],
                },
            ],
            groups: vec![vec![0, 1, 2], vec![3, 4]],
            requires: vec![(5, 3)],
            excludes: vec![(2, 4)],
            synergies: vec![(vec![1, 3], 2.0)],
        }
    }

    #[test]
    fn any_start_becomes_feasible() {
        let p = problem();
        let nb = Neighbourhood::new(&p);
        let none = vec![false; p.len()];
        for mask in 0u32..64 {
            let start: Vec<bool> = (0..6).map(|o| mask & (1 << o) != 0).collect();
            let found = nb.improve(&start, &none);
            assert!(p.is_feasible(&found), "{start:?} → {found:?}");
        }
    }

    #[test]
    fn from_nothing_it_climbs_to_a_good_selection() {
        let p = problem();
        let nb = Neighbourhood::new(&p);
        let found = nb.improve(&[false; 6], &[false; 6]);
        let best = p.objective(&BruteForce.solve(&p).unwrap().chosen);
        assert!(p.is_feasible(&found));
        assert!(p.objective(&found) >= 0.8 * best, "{found:?}");
    }

    #[test]
    fn a_pair_of_moves_frees_what_the_other_spends() {
        // Budget 10, full: group 0 holds option 0 (value 6, cost 6), group
        // 1 option 2 (value 4, cost 4). Upgrading group 1 to option 3
        // (value 9, cost 8) fits only when group 0 steps down to option 1
        // (value 5, cost 2): no single move gains, the pair gains 4.
        let p = BinaryProgram {
            value: vec![6.0, 5.0, 4.0, 9.0],
            budgets: vec![BudgetRow {
                max: 10.0,
                cost: vec![6.0, 2.0, 4.0, 8.0],
            }],
            groups: vec![vec![0, 1], vec![2, 3]],
            requires: vec![],
            excludes: vec![],
            synergies: vec![],
        };
        let nb = Neighbourhood::new(&p);
        let found = nb.improve(&[true, false, true, false], &[false; 4]);
        assert_eq!(found, vec![false, true, false, true]);
        assert_eq!(p.objective(&found), 14.0);
        // the same pair is refused when it would break a requires
        let mut q = p.clone();
        q.requires.push((3, 0));
        let found = Neighbourhood::new(&q).improve(&[true, false, true, false], &[false; 4]);
        assert_eq!(found, vec![true, false, true, false]);
    }

    #[test]
    fn options_left_out_stay_out() {
        let p = problem();
        let nb = Neighbourhood::new(&p);
        let out = [true, false, false, false, false, false];
        let found = nb.improve(&[true; 6], &out);
        assert!(!found[0]);
        assert!(p.is_feasible(&found));
    }
}
