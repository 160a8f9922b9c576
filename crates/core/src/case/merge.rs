//! Saving a form without losing someone else's change: a form sends what
//! it showed ([`Change::was`]) and what the user made of it
//! ([`Change::now`]). A value the user did not touch keeps whatever is
//! stored now; a value they changed is taken, unless someone else changed
//! the same value since the form was shown: then the save is refused with
//! their value, so the user can choose.

use serde::{Deserialize, Serialize};

use crate::format;
use crate::model::{Adjust, Distribution, Flow, PmItem};

/// One value of a form: what the form showed and what it sent back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change<T> {
    /// What the form showed, when it says so (`None`: take `now` as it is,
    /// as the CLI and imports do).
    pub was: Option<T>,
    /// What was sent.
    pub now: T,
}

impl<T> Change<T> {
    /// A value set outright, whatever is stored.
    pub fn to(now: T) -> Change<T> {
        Change { was: None, now }
    }

    /// A value changed from what the form showed.
    pub fn from(was: Option<T>, now: T) -> Change<T> {
        Change { was, now }
    }
}

/// Equality as a form sees it: numbers that print the same in a form
/// (a percentage rounded to six decimals) are the same.
pub trait Same {
    /// Whether `self` and `other` are the same value for a form.
    fn same(&self, other: &Self) -> bool;
}

macro_rules! same_by_eq {
    ($($t:ty),*) => { $(impl Same for $t { fn same(&self, other: &Self) -> bool { self == other } })* };
}
same_by_eq!(
    String,
    i64,
    u8,
    bool,
    PmItem,
    crate::case::DecisionLevel,
    crate::model::McaMethod,
    crate::model::Objective
);

impl Same for f64 {
    fn same(&self, other: &Self) -> bool {
        let scale = self.abs().max(other.abs()).max(1.0);
        (self - other).abs() <= 1e-8 * scale
    }
}

impl<T: Same> Same for Option<T> {
    fn same(&self, other: &Self) -> bool {
        match (self, other) {
            (Some(a), Some(b)) => a.same(b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl<T: Same> Same for Vec<T> {
    fn same(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a.same(b))
    }
}

impl Same for Adjust {
    fn same(&self, o: &Self) -> bool {
        self.deadweight.same(&o.deadweight)
            && self.attribution.same(&o.attribution)
            && self.displacement.same(&o.displacement)
            && self.drop_off.same(&o.drop_off)
    }
}

impl Same for Distribution {
    fn same(&self, o: &Self) -> bool {
        use Distribution::*;
        match (self, o) {
            (Normal { sd: a }, Normal { sd: b }) => a.same(b),
            (Triangular { low: a, high: b }, Triangular { low: c, high: d })
            | (Pert { low: a, high: b }, Pert { low: c, high: d })
            | (Uniform { low: a, high: b }, Uniform { low: c, high: d }) => a.same(c) && b.same(d),
            _ => false,
        }
    }
}

impl Same for Flow {
    fn same(&self, o: &Self) -> bool {
        self.actor == o.actor
            && self.kind == o.kind
            && self.label == o.label
            && self.amount.same(&o.amount)
            && self.from_year == o.from_year
            && self.last_year() == o.last_year()
            && self.growth.same(&o.growth)
            && self
                .adjust
                .unwrap_or_default()
                .same(&o.adjust.unwrap_or_default())
            && self.uncertainty.same(&o.uncertainty)
    }
}

/// A value someone else changed while the user changed it too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    /// The domain field.
    pub field: String,
    /// Their value, as the form would show it (Dutch).
    pub theirs: String,
}

/// Collects the clashes of one command while its values are merged.
#[derive(Debug, Default)]
pub struct Merger {
    /// The clashes so far.
    pub clashes: Vec<Clash>,
}

impl Merger {
    /// The value to store for `field`: `current` when the form did not
    /// touch it, the sent value when it did and nobody else changed it
    /// (or changed it the same way); a clash otherwise.
    pub fn pick<T: Same + Clone>(
        &mut self,
        field: impl Into<String>,
        change: &Change<T>,
        current: &T,
        show: impl FnOnce(&T) -> String,
    ) -> T {
        match &change.was {
            None => change.now.clone(),
            Some(was) if was.same(&change.now) => current.clone(),
            Some(was) if was.same(current) || change.now.same(current) => change.now.clone(),
            Some(_) => {
                self.clashes.push(Clash {
                    field: field.into(),
                    theirs: show(current),
                });
                change.now.clone()
            }
        }
    }

    /// Like [`Merger::pick`] for a list, row by row when the form showed as
    /// many rows as are stored and sent (a changed row then only clashes
    /// with a change to that row), else as a whole.
    pub fn pick_rows<T: Same + Clone>(
        &mut self,
        field: &str,
        change: &Change<Vec<T>>,
        current: &[T],
        show: impl Fn(&T) -> String,
    ) -> Vec<T> {
        let current_rows = current.to_vec();
        match &change.was {
            Some(was) if was.len() == change.now.len() && was.len() == current.len() => was
                .iter()
                .zip(&change.now)
                .zip(current)
                .enumerate()
                .map(|(i, ((w, n), c))| {
                    self.pick(
                        format!("{field}[{i}]"),
                        &Change::from(Some(w.clone()), n.clone()),
                        c,
                        &show,
                    )
                })
                .collect(),
            _ => self.pick(field, change, &current_rows, |rows| {
                rows.iter().map(&show).collect::<Vec<_>>().join("; ")
            }),
        }
    }
}

/// A flow as one line of Dutch ("Loonkosten: € 78.000 per jaar").
pub fn show_flow(f: &Flow) -> String {
    let what = if f.label.is_empty() {
        f.actor.as_str()
    } else {
        f.label.as_str()
    };
    format!("{what}: {} per jaar", format::euro(f.amount))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FlowKind;

    fn pick(was: Option<i64>, now: i64, current: i64) -> (i64, usize) {
        let mut m = Merger::default();
        let v = m.pick("x", &Change::from(was, now), &current, |v| v.to_string());
        (v, m.clashes.len())
    }

    #[test]
    fn untouched_values_keep_what_is_stored() {
        assert_eq!(pick(Some(1), 1, 7), (7, 0));
    }

    #[test]
    fn changed_values_are_taken_when_nobody_else_changed_them() {
        assert_eq!(pick(Some(1), 2, 1), (2, 0));
        assert_eq!(pick(None, 2, 9), (2, 0));
        // both made the same change
        assert_eq!(pick(Some(1), 2, 2), (2, 0));
    }

    #[test]
    fn changes_to_the_same_value_clash_with_their_value() {
        let mut m = Merger::default();
        m.pick("loon", &Change::from(Some(1_i64), 2), &3, |v| {
            format!("<{v}>")
        });
        assert_eq!(
            m.clashes,
            [Clash {
                field: "loon".into(),
                theirs: "<3>".into()
            }]
        );
    }

    #[test]
    fn rows_merge_one_by_one() {
        let f = |amount: f64| Flow::new("corporatie", FlowKind::Cost, amount, 0, 4);
        let was = vec![f(80_000.0), f(10.0)];
        // someone saved 78.000 in row 0; this form changed only row 1
        let current = vec![f(78_000.0), f(10.0)];
        let now = vec![f(80_000.0), f(12.0)];
        let mut m = Merger::default();
        let rows = m.pick_rows("flows", &Change::from(Some(was), now), &current, show_flow);
        assert!(m.clashes.is_empty());
        assert_eq!(rows[0].amount, 78_000.0);
        assert_eq!(rows[1].amount, 12.0);
    }

    #[test]
    fn percentages_as_a_form_prints_them_are_the_same() {
        let a: f64 = 1.0 / 30.0;
        let printed = (a * 100.0 * 1e6).round() / 1e6 / 100.0;
        assert_ne!(a, printed);
        assert!(a.same(&printed));
        assert!(!0.1.same(&0.2));
    }
}
