//! The trend charts of the area page: per indicator the area's line and,
//! for rates and averages, those of its parents; and their legend.

use wikken_storage::IndicatorRow;

use super::figures::Figures;
use crate::pages::{decimals_for_unit, unit_suffix};
use crate::svg::chart::Series;

/// Colours of the chart lines: the area itself, its wijk, its gemeente,
/// Nederland.
pub const LINE_COLOURS: [&str; 4] = ["#154273", "#b35900", "#5b5b5b", "#7a2e8c"];

/// A line in the legend of the charts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineKey {
    /// Its colour.
    pub colour: &'static str,
    /// Dashed (a reference) or solid (the area).
    pub dashed: bool,
    /// The area's name or the parent's label.
    pub label: String,
}

/// A line of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Its legend text.
    pub label: String,
    /// (year, value), by year.
    pub points: Vec<(i32, f64)>,
    /// Its colour.
    pub colour: &'static str,
    /// Dashed for references.
    pub dashed: bool,
}

/// The chart of one indicator over the years.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// "Inwoners", "Koopwoningen (%)".
    pub caption: String,
    /// "Inwoners in Molenhoek, per jaar".
    pub title: String,
    /// The area's line, then (for rates and averages) its parents'.
    pub lines: Vec<Line>,
    /// Decimals on the axis.
    pub decimals: usize,
}

impl Chart {
    /// The lines as the chart draws them.
    pub fn series(&self) -> Vec<Series<'_>> {
        self.lines
            .iter()
            .map(|l| Series {
                label: &l.label,
                points: l.points.clone(),
                colour: l.colour,
                dashed: l.dashed,
            })
            .collect()
    }
}

/// The colour of a parent's line: the wijk, the gemeente, Nederland.
pub fn parent_colour(k: usize) -> &'static str {
    LINE_COLOURS[(k + 1).min(3)]
}

/// The chart of an indicator: the area's line and, for rates and averages,
/// its parents' (the totals of a wijk or gemeente dwarf a buurt's).
pub fn chart(i: &IndicatorRow, me: &Figures, parents: &[Figures]) -> Chart {
    let mut lines = vec![Line {
        label: me.name.clone(),
        points: me.points(&i.code),
        colour: LINE_COLOURS[0],
        dashed: false,
    }];
    let comparable = !matches!(i.unit.as_str(), "aantal" | "woningen" | "ha");
    for (k, p) in parents.iter().enumerate().filter(|_| comparable) {
        lines.push(Line {
            label: p.name.clone(),
            points: p.points(&i.code),
            colour: parent_colour(k),
            dashed: true,
        });
    }
    let max = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1.abs()))
        .fold(0.0, f64::max);
    Chart {
        caption: format!("{}{}", i.name, unit_suffix(i)),
        title: format!("{} in {}, per jaar", i.name, me.name),
        lines,
        decimals: decimals_for_unit(&i.unit, max),
    }
}
