//! The tornado: each uncertain flow at its low and high end, others fixed.

use super::mkba::{option_npv, pv_factor, sign};
use super::sampling::ends;
use crate::model::Model;
use crate::report::SensitivityRow;

/// One row per uncertain flow over all options, sorted by swing (largest
/// first); equal swings keep file order (option, then flow).
pub fn tornado(model: &Model) -> Vec<SensitivityRow> {
    let mut rows = Vec::new();
    for o in &model.options {
        let npv = option_npv(model, o, model.discount_rate);
        for (j, f) in o.flows.iter().enumerate() {
            let Some(d) = &f.uncertainty else { continue };
            let coef = sign(f.kind) * pv_factor(f, model.horizon_years, model.discount_rate);
            let (low, high) = ends(f.amount, d);
            let npv_low = npv + coef * (low - f.amount);
            let npv_high = npv + coef * (high - f.amount);
            rows.push(SensitivityRow {
                option: o.id.clone(),
                flow: j,
                label: f.label.clone(),
                npv_low,
                npv_high,
                // from the flow alone, so equal flows have exactly equal swings
                swing: (coef * (high - low)).abs(),
            });
        }
    }
    // A stable sort keeps file order among equal swings.
    rows.sort_by(|a, b| b.swing.total_cmp(&a.swing));
    rows
}
