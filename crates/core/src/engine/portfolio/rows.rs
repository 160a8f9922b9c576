//! The portfolio as linear rows over binary columns: the formulation a MIP
//! solver is given, and the one an LP dual bound is taken on.
//!
//! Columns: one per option (file order), then one per synergy, which may be
//! 1 only when all its options are chosen (bonus ≥ 0) or must be 1 when
//! they are (bonus < 0). Rows, in this order: one that never binds (a
//! solver may want at least one), the budgets, the groups, the requires,
//! the excludes, then the synergies' rows.

use super::BinaryProgram;

/// What a row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// Σ x ≤ n: never binds.
    Count,
    /// Budget b.
    Budget(usize),
    /// Group g: at most one.
    Group(usize),
    /// A requires, excludes or synergy row.
    Tie,
}

/// lo ≤ Σ coef · column ≤ hi (either side may be infinite).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What it stands for.
    pub kind: RowKind,
    /// Lower side (−∞ when none).
    pub lo: f64,
    /// Upper side.
    pub hi: f64,
    /// (column, coefficient).
    pub terms: Vec<(usize, f64)>,
}

impl BinaryProgram {
    /// Number of columns: options, then synergies.
    pub fn columns(&self) -> usize {
        self.len() + self.synergies.len()
    }

    /// The objective coefficient per column.
    pub fn column_values(&self) -> Vec<f64> {
        self.value
            .iter()
            .copied()
            .chain(self.synergies.iter().map(|(_, b)| *b))
            .collect()
    }

    /// The rows of the formulation.
    pub fn rows(&self) -> Vec<Row> {
        let n = self.len();
        let row = |kind, lo, hi, terms| Row {
            kind,
            lo,
            hi,
            terms,
        };
        let mut rows = vec![row(
            RowKind::Count,
            f64::NEG_INFINITY,
            n as f64,
            (0..n).map(|o| (o, 1.0)).collect(),
        )];
        for (b, budget) in self.budgets.iter().enumerate() {
            rows.push(row(
                RowKind::Budget(b),
                f64::NEG_INFINITY,
                budget.max,
                (0..n).map(|o| (o, budget.cost[o])).collect(),
            ));
        }
        for (g, members) in self.groups.iter().enumerate() {
            rows.push(row(
                RowKind::Group(g),
                f64::NEG_INFINITY,
                1.0,
                members.iter().map(|&o| (o, 1.0)).collect(),
            ));
        }
        for &(b, a) in &self.requires {
            rows.push(row(
                RowKind::Tie,
                f64::NEG_INFINITY,
                0.0,
                vec![(b, 1.0), (a, -1.0)],
            ));
        }
        for &(a, b) in &self.excludes {
            rows.push(row(
                RowKind::Tie,
                f64::NEG_INFINITY,
                1.0,
                vec![(a, 1.0), (b, 1.0)],
            ));
        }
        for (s, (options, bonus)) in self.synergies.iter().enumerate() {
            let y = n + s;
            if *bonus >= 0.0 {
                for &o in options {
                    rows.push(row(
                        RowKind::Tie,
                        f64::NEG_INFINITY,
                        0.0,
                        vec![(y, 1.0), (o, -1.0)],
                    ));
                }
            } else {
                let mut terms: Vec<(usize, f64)> = options.iter().map(|&o| (o, 1.0)).collect();
                terms.push((y, -1.0));
                rows.push(row(
                    RowKind::Tie,
                    f64::NEG_INFINITY,
                    options.len() as f64 - 1.0,
                    terms,
                ));
            }
        }
        rows
    }
}
