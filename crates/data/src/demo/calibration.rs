//! Calibration of the demo's figures on real national data.
//!
//! Every constant here was computed once by `scripts/demo-calibration.py`
//! from the CBS files in `shared/data` (see its README); nothing reads those
//! files at run time. Constants that no file there supports are marked as
//! assumptions.

/// Standard-normal z of the quantiles p1, p5, p25, p50, p75, p95 and p99.
const Z_KNOTS: [f64; 7] = [-2.3263, -1.6449, -0.6745, 0.0, 0.6745, 1.6449, 2.3263];

/// The demo never goes further out than this many standard deviations, so
/// that every buurt stays within the national p1..p99 of its indicator.
pub(crate) const Z_LIMIT: f64 = 2.0;

/// An indicator's distribution as quantiles p1, p5, p25, p50, p75, p95, p99.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Quantiles(pub [f64; 7]);

impl Quantiles {
    /// The value at standard-normal `z` (its quantile Φ(z)), interpolated
    /// linearly between the knots, with `z` held within ±[`Z_LIMIT`].
    pub(crate) fn at(&self, z: f64) -> f64 {
        let z = z.clamp(-Z_LIMIT, Z_LIMIT);
        let k = Z_KNOTS
            .windows(2)
            .position(|w| z <= w[1])
            .unwrap_or(Z_KNOTS.len() - 2);
        let t = (z - Z_KNOTS[k]) / (Z_KNOTS[k + 1] - Z_KNOTS[k]);
        self.0[k] + t * (self.0[k + 1] - self.0[k])
    }
}

// Urban buurten: `cbs_kwb_2024/kwb2024_buurten.csv`, stedelijkheid 1-2 and
// at least 500 inwoners (3,790 buurten; n per indicator below).

/// Gemiddelde WOZ-waarde (× € 1.000), n = 3,762.
pub(crate) const WOZ: Quantiles = Quantiles([165.0, 207.0, 276.0, 346.0, 430.0, 624.9, 934.5]);
/// Koopwoningen (%), n = 3,741.
pub(crate) const KOOP: Quantiles = Quantiles([7.0, 16.0, 33.0, 51.0, 67.0, 89.0, 97.0]);
/// Eengezinswoningen (%), n = 3,591.
pub(crate) const EENGEZINS: Quantiles = Quantiles([1.0, 5.0, 33.0, 59.0, 79.0, 96.5, 100.0]);
/// Gemiddelde huishoudensgrootte (personen), n = 3,790.
pub(crate) const HH_SIZE: Quantiles = Quantiles([1.2, 1.4, 1.8, 2.0, 2.3, 2.6, 2.9]);
/// Gemiddeld inkomen per inwoner (× € 1.000), n = 1,140 (the 2024 file
/// has it for few buurten).
pub(crate) const INCOME: Quantiles = Quantiles([21.8, 24.3, 29.3, 33.2, 38.2, 50.1, 60.7]);
/// Misdrijven per 1.000 inwoners, n = 3,765.
pub(crate) const CRIME: Quantiles = Quantiles([12.5, 15.9, 26.6, 39.0, 59.3, 148.5, 372.9]);
/// Goed ervaren gezondheid (%), n = 3,790.
pub(crate) const HEALTH: Quantiles = Quantiles([54.0, 58.4, 66.4, 71.6, 76.4, 81.8, 85.5]);
/// Bevolkingsdichtheid (inwoners per km²), n = 3,790.
pub(crate) const DENSITY: Quantiles =
    Quantiles([1315.5, 2599.7, 4759.5, 6490.0, 9005.2, 16766.1, 25041.6]);
/// Larger buurten are less dense (parks, water and roads within them):
/// the density's normal score falls by this much per doubling of the area
/// (least squares over the same buurten)…
pub(crate) const DENSITY_PER_DOUBLING: f64 = -0.48;
/// …from their median area (ha).
pub(crate) const MEDIAN_AREA_HA: f64 = 27.0;
/// The demo gemeente is a mid-size town, less dense than the average
/// urban buurt: every buurt's density z is lowered by this much, so that
/// the gemeente has about 80,000 inwoners on 19 km², near the p90 of
/// urban gemeenten' density (bev_dich 2024: p75 2,780, p95 4,813).
/// Assumption.
pub(crate) const DENSITY_SHIFT: f64 = -0.5;
/// Inwoners 0-14 as % of inwoners, n = 3,784.
pub(crate) const YOUNG: Quantiles = Quantiles([2.7, 5.6, 11.5, 14.6, 17.1, 21.6, 27.6]);
/// Inwoners 65+ as % of inwoners, n = 3,779.
pub(crate) const OLD: Quantiles = Quantiles([2.8, 7.5, 13.7, 19.0, 24.9, 37.0, 50.8]);

// Urban gemeenten 2024: `cbs_kwb_gemeenten_2020_2025/
// kwb_gemeenten_woningvoorraad_2020_2025.csv`, ste_mvs 1-2 (95 gemeenten).
// The files have no buurt-level corporation figures; the demo's buurten
// take their corporation share from their profile, and these are the
// gemeente-level targets the weighted averages land near.

/// p_wcorpw (%): p25 27, p50 29, p75 34 (the tests check the demo
/// gemeente lands here).
#[cfg(test)]
pub(crate) const CORP_GEMEENTE_P25_P75: (f64, f64) = (27.0, 34.0);
/// Corporation dwellings as a share of rented dwellings (p_wcorpw / p_huurw), median.
pub(crate) const CORP_SHARE_OF_RENT: f64 = 0.68;
/// p_leegsw (%), median.
pub(crate) const LEEGSTAND_MEDIAN: f64 = 4.0;

// Yearly change in urban gemeenten (median over gemeenten of the change
// between two KWB editions). Index `i` is the change from year 2019 + i to
// 2020 + i. The files start in 2020: the 2019→2020 change repeats the
// 2020→2021 one (assumption).

/// Inwoners (%).
pub(crate) const INWONERS_GROWTH: [f64; 5] = [0.28, 0.28, 0.56, 1.26, 0.61];
/// Gemiddelde WOZ-waarde (%).
pub(crate) const WOZ_GROWTH: [f64; 5] = [7.56, 7.56, 9.74, 16.27, 3.23];
/// Household size (%): households grew faster than inwoners (a_hh 0.57,
/// 0.99, 1.43, 1.03 % against a_inw 0.28, 0.56, 1.26, 0.61 %), on average
/// by 0.33 percentage points a year.
pub(crate) const HH_SIZE_CHANGE: f64 = -0.33;
/// Corporation share (p_wcorpw), mean change in percentage points a year.
pub(crate) const CORP_CHANGE: f64 = -0.21;
/// Koopwoningen (p_koopw), mean change in percentage points a year.
pub(crate) const KOOP_CHANGE: f64 = 0.08;

// Assumptions (no yearly figures for these in shared/data).

/// Nominal growth of income per inwoner (% a year).
pub(crate) const INCOME_GROWTH: f64 = 3.5;
/// Ageing: growth of the 65+ share (percentage points a year).
pub(crate) const AGEING: f64 = 0.25;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantile_mapping_hits_the_knots_and_is_clamped() {
        assert_eq!(WOZ.at(0.0), 346.0);
        assert!((WOZ.at(1.6449) - 624.9).abs() < 1e-9);
        assert_eq!(WOZ.at(9.0), WOZ.at(Z_LIMIT));
        let half = KOOP.at(-1.16);
        assert!(half > 16.0 && half < 33.0);
        // monotone
        let xs: Vec<f64> = (-30..=30).map(|k| HEALTH.at(k as f64 / 10.0)).collect();
        assert!(xs.windows(2).all(|w| w[0] <= w[1]));
    }
}
