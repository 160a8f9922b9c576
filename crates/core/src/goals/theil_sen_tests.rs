//! Theil–Sen against SciPy. Every expected figure below was printed by
//! scipy 1.17.1 on this project's machine with:
//!
//! ```python
//! from scipy.stats import theilslopes
//! r = theilslopes(y, x, alpha=0.90, method="separate")
//! print(repr(float(r.slope)), repr(float(r.intercept)),
//!       repr(float(r.low_slope)), repr(float(r.high_slope)))
//! ```
//!
//! and is compared bit for bit: the pairwise slopes, the medians and the
//! chosen order statistics are the same floating-point operations.

use super::theil_sen::{TheilSen, median, theil_slopes};

fn check(x: &[f64], y: &[f64], expected: [f64; 4]) {
    let got = theil_slopes(x, y, 0.90).expect("a line");
    let want = TheilSen {
        slope: expected[0],
        intercept: expected[1],
        low_slope: expected[2],
        high_slope: expected[3],
    };
    assert_eq!(got, want, "x = {x:?}, y = {y:?}");
}

fn years(from: i32, to: i32) -> Vec<f64> {
    (from..=to).map(f64::from).collect()
}

#[test]
fn three_points() {
    // scipy 1.17.1: theilslopes([6.5, 6.6, 6.9], [2020, 2022, 2024], alpha=0.90)
    // N = 3 slopes, σ² = 3·2·11/18, zσ ≈ −3.15: Rl = 0, Ru = 2 (the extremes).
    check(
        &[2020.0, 2022.0, 2024.0],
        &[6.5, 6.6, 6.9],
        [
            0.10000000000000009,
            -195.6000000000002,
            0.04999999999999982,
            0.15000000000000036,
        ],
    );
}

#[test]
fn four_points_going_down() {
    // scipy 1.17.1: theilslopes([10.2, 9.8, 9.9, 9.1], [2019, 2020, 2021, 2023], alpha=0.90)
    check(
        &[2019.0, 2020.0, 2021.0, 2023.0],
        &[10.2, 9.8, 9.9, 9.1],
        [
            -0.2541666666666668,
            523.3937500000003,
            -0.40000000000000036,
            0.09999999999999964,
        ],
    );
}

#[test]
fn ten_points_take_inner_order_statistics() {
    // scipy 1.17.1: theilslopes(y, range(2014, 2024), alpha=0.90) with the y below.
    // N = 45, σ² = 10·9·25/18 = 125, zσ ≈ −18.39: Rl = round(13.30) − 1 = 12,
    // Ru = round(31.70) = 32: not the extremes.
    check(
        &years(2014, 2023),
        &[52.1, 53.4, 52.8, 54.0, 55.2, 54.9, 56.3, 57.0, 56.1, 58.4],
        [
            0.6399999999999991,
            -1236.7899999999984,
            0.5,
            0.7666666666666657,
        ],
    );
}

#[test]
fn ties_in_y_narrow_the_variance() {
    // scipy 1.17.1: theilslopes([1, 1, 2, 2, 2], [1, 2, 3, 4, 5], alpha=0.90)
    // σ² = (5·4·15 − 2·1·9 − 3·2·11)/18 = (300 − 18 − 66)/18 = 12.
    check(
        &[1.0, 2.0, 3.0, 4.0, 5.0],
        &[1.0, 1.0, 2.0, 2.0, 2.0],
        [0.29166666666666663, 1.125, 0.0, 0.5],
    );
}

#[test]
fn ties_in_x_leave_out_those_pairs() {
    // scipy 1.17.1: theilslopes([1.0, 1.5, 2.0, 2.5, 4.0, 3.5], [1, 1, 2, 3, 3, 4], alpha=0.90)
    // 15 pairs, 2 with equal x: N = 13.
    check(
        &[1.0, 1.0, 2.0, 3.0, 3.0, 4.0],
        &[1.0, 1.5, 2.0, 2.5, 4.0, 3.5],
        [0.75, 0.375, 0.5, 1.5],
    );
}

#[test]
fn a_flat_series_has_no_spread() {
    // scipy 1.17.1: theilslopes([7, 7, 7, 7], [2018, 2019, 2020, 2021], alpha=0.90)
    // All y tied: σ² = (4·3·13 − 4·3·13)/18 = 0.
    check(
        &years(2018, 2021),
        &[7.0, 7.0, 7.0, 7.0],
        [0.0, 7.0, 0.0, 0.0],
    );
}

#[test]
fn the_order_of_the_points_does_not_matter() {
    let x = [2023.0, 2014.0, 2019.0, 2016.0, 2021.0];
    let y = [58.4, 52.1, 54.9, 52.8, 57.0];
    let mut pairs: Vec<(f64, f64)> = x.iter().copied().zip(y.iter().copied()).collect();
    let a = theil_slopes(&x, &y, 0.90).unwrap();
    pairs.sort_by(|p, q| p.0.total_cmp(&q.0));
    let (xs, ys): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
    assert_eq!(a, theil_slopes(&xs, &ys, 0.90).unwrap());
}

#[test]
fn an_alpha_below_a_half_is_the_same_interval() {
    // SciPy reads alpha > 0.5 as 1 − alpha.
    let x = years(2014, 2023);
    let y = [52.1, 53.4, 52.8, 54.0, 55.2, 54.9, 56.3, 57.0, 56.1, 58.4];
    let a = theil_slopes(&x, &y, 0.90).unwrap();
    let b = theil_slopes(&x, &y, 1.0 - 0.90).unwrap();
    assert_eq!(a, b);
    // A wider confidence gives a wider interval (95 %: Rl 11, Ru 33).
    let c = theil_slopes(&x, &y, 0.95).unwrap();
    assert!(c.low_slope <= a.low_slope && c.high_slope >= a.high_slope);
    assert!(c.low_slope < a.low_slope || c.high_slope > a.high_slope);
}

#[test]
fn no_line_without_two_different_x() {
    assert_eq!(theil_slopes(&[2020.0, 2020.0], &[1.0, 2.0], 0.90), None);
    assert_eq!(theil_slopes(&[], &[], 0.90), None);
    assert_eq!(theil_slopes(&[1.0, 2.0], &[1.0], 0.90), None);
    assert_eq!(theil_slopes(&[1.0, 2.0], &[1.0, 2.0], 1.0), None);
}

#[test]
fn the_median_is_numpys() {
    assert_eq!(median(&mut []), None);
    assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
    // (1 + 4)/2, the mean of the two middle values
    assert_eq!(median(&mut [4.0, 1.0, 9.0, -3.0]), Some(2.5));
    // equal middle values: no tie rule needed
    assert_eq!(median(&mut [2.0, 2.0, 2.0, 5.0]), Some(2.0));
}

#[test]
fn a_negative_variance_gives_no_interval() {
    // scipy 1.17.1: theilslopes([0, 0, 0, 0, 1], [0, 0, 0, 0, 1], alpha=0.90)
    // → 1.0, 0.0, nan, nan: σ² = (5·4·15 − 4·3·13 − 4·3·13)/18 < 0.
    let t = theil_slopes(&[0.0, 0.0, 0.0, 0.0, 1.0], &[0.0, 0.0, 0.0, 0.0, 1.0], 0.90).unwrap();
    assert_eq!((t.slope, t.intercept), (1.0, 0.0));
    assert!(t.low_slope.is_nan() && t.high_slope.is_nan());
}

#[test]
fn the_normal_quantile_is_scipys() {
    use statrs::distribution::{ContinuousCDF, Normal};
    // scipy 1.17.1: norm.ppf((1 - 0.9)/2) → -1.6448536269514729
    let z = Normal::standard().inverse_cdf((1.0 - 0.90) / 2.0);
    assert!(
        (z - -1.6448536269514729_f64).abs() <= 4.0 * f64::EPSILON,
        "{z:e}"
    );
}

#[test]
fn the_tie_correction_of_y_moves_the_interval() {
    // scipy 1.17.1: theilslopes([7.0, 7.5, 7.5, 5.5, 7.5, 6.0, 7.0, 7.0],
    //                           range(2014, 2022), alpha=0.90)
    // (found by searching for data where leaving out the y-tie term would
    // pick other order statistics)
    check(
        &years(2014, 2021),
        &[7.0, 7.5, 7.5, 5.5, 7.5, 6.0, 7.0, 7.0],
        [0.0, 7.0, -0.2, 0.25],
    );
}

#[test]
fn the_tie_correction_of_x_moves_the_interval() {
    // scipy 1.17.1: theilslopes([2.8, 0.6, 8.5, 9.9, 0.9, 8.0, 4.1, 1.5],
    //                           [0, 1, 2, 4, 4, 5, 5, 5], alpha=0.90)
    check(
        &[0.0, 1.0, 2.0, 4.0, 4.0, 5.0, 5.0, 5.0],
        &[2.8, 0.6, 8.5, 9.9, 0.9, 8.0, 4.1, 1.5],
        [0.2425, 2.4799999999999995, -1.9000000000000004, 1.85],
    );
}
