//! The nine classes the Leefbaarometer shows its total score in, from
//! "zeer onvoldoende" to "uitstekend".
//!
//! The labels and their order are those of leefbaarometer.nl's legend (and
//! of the `kscore` 1-9 its map services give per area; public code that
//! reads them names the same nine in the same order, "zwak" above
//! "onvoldoende").
//!
//! **The class boundaries are not from a source.** The official boundaries
//! of Leefbaarometer 3.0 (in its instrument report, chapter 7, "Weergave
//! van scores en ontwikkelingen") were not found in any text Wikken's
//! makers could read, and the open-data CSV files carry no class. Wikken
//! therefore uses its own, stated rule on the deviation `afw = lbm −
//! 4.102265` (the national reference of LBM 3.0, constant in the files):
//! steps of 0.1, "goed" from the reference up to +0.1, "uitstekend" from
//! +0.2, "zeer onvoldoende" below −0.5. It agrees with what is known: most
//! of the country is in the green classes on leefbaarometer.nl (RIGO:
//! "de Leefbaarometerkaarten [zijn] overwegend groen"), and a sample of the
//! map service's grid cells (public code) shows a cell with `afw` +0.21
//! already as class 9. Replace [`LOWER_BOUNDS`] when the official table is
//! at hand; nothing else depends on the numbers.

use std::fmt;

/// The national reference of Leefbaarometer 3.0: `lbm − afw` in its files
/// (4.102265 in every row of the Amstelveen sample, 2014-2022).
pub const REFERENCE_SCORE: f64 = 4.102265;

/// The lowest deviation (`lbm − REFERENCE_SCORE`) of each class from
/// "ruim onvoldoende" up; below the first is "zeer onvoldoende".
const LOWER_BOUNDS: [f64; 8] = [-0.5, -0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2];

/// A class of the Leefbaarometer's total score, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LbmClass {
    /// 1: zeer onvoldoende.
    ZeerOnvoldoende,
    /// 2: ruim onvoldoende.
    RuimOnvoldoende,
    /// 3: onvoldoende.
    Onvoldoende,
    /// 4: zwak.
    Zwak,
    /// 5: voldoende.
    Voldoende,
    /// 6: ruim voldoende.
    RuimVoldoende,
    /// 7: goed.
    Goed,
    /// 8: zeer goed.
    ZeerGoed,
    /// 9: uitstekend.
    Uitstekend,
}

impl LbmClass {
    /// Every class, worst first.
    pub const ALL: [LbmClass; 9] = [
        LbmClass::ZeerOnvoldoende,
        LbmClass::RuimOnvoldoende,
        LbmClass::Onvoldoende,
        LbmClass::Zwak,
        LbmClass::Voldoende,
        LbmClass::RuimVoldoende,
        LbmClass::Goed,
        LbmClass::ZeerGoed,
        LbmClass::Uitstekend,
    ];

    /// The class of a total score (`lbm`); `None` for a value that is not
    /// a number.
    pub fn of_score(lbm: f64) -> Option<LbmClass> {
        if !lbm.is_finite() {
            return None;
        }
        let deviation = lbm - REFERENCE_SCORE;
        // A hair of tolerance, so that a score printed with six decimals
        // on a boundary lands in the class it names.
        let above = LOWER_BOUNDS
            .iter()
            .take_while(|b| deviation >= **b - 1e-9)
            .count();
        Some(LbmClass::ALL[above])
    }

    /// Its number, 1 (zeer onvoldoende) to 9 (uitstekend).
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// Its Dutch name, as the legend says it.
    pub fn label(self) -> &'static str {
        match self {
            LbmClass::ZeerOnvoldoende => "zeer onvoldoende",
            LbmClass::RuimOnvoldoende => "ruim onvoldoende",
            LbmClass::Onvoldoende => "onvoldoende",
            LbmClass::Zwak => "zwak",
            LbmClass::Voldoende => "voldoende",
            LbmClass::RuimVoldoende => "ruim voldoende",
            LbmClass::Goed => "goed",
            LbmClass::ZeerGoed => "zeer goed",
            LbmClass::Uitstekend => "uitstekend",
        }
    }

    /// The total scores of the class: from (inclusive), to (exclusive);
    /// `None` at the open ends.
    pub fn score_range(self) -> (Option<f64>, Option<f64>) {
        let k = self as usize;
        let bound = |i: usize| LOWER_BOUNDS.get(i).map(|b| REFERENCE_SCORE + b);
        (k.checked_sub(1).and_then(bound), bound(k))
    }
}

impl fmt::Display for LbmClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_run_in_steps_of_a_tenth_around_the_reference() {
        let at = |afw: f64| LbmClass::of_score(REFERENCE_SCORE + afw).unwrap();
        assert_eq!(at(-0.9), LbmClass::ZeerOnvoldoende);
        assert_eq!(at(-0.5001), LbmClass::ZeerOnvoldoende);
        assert_eq!(at(-0.5), LbmClass::RuimOnvoldoende);
        assert_eq!(at(-0.35), LbmClass::Onvoldoende);
        assert_eq!(at(-0.25), LbmClass::Zwak);
        assert_eq!(at(-0.15), LbmClass::Voldoende);
        assert_eq!(at(-0.05), LbmClass::RuimVoldoende);
        assert_eq!(at(0.0), LbmClass::Goed);
        assert_eq!(at(0.0999), LbmClass::Goed);
        assert_eq!(at(0.1), LbmClass::ZeerGoed);
        assert_eq!(at(0.2), LbmClass::Uitstekend);
        assert_eq!(at(1.5), LbmClass::Uitstekend);
        assert_eq!(LbmClass::of_score(f64::NAN), None);
    }

    #[test]
    fn numbers_labels_and_ranges_follow_the_legend() {
        let labels: Vec<String> = LbmClass::ALL
            .iter()
            .map(|c| format!("{} {c}", c.number()))
            .collect();
        assert_eq!(
            labels,
            [
                "1 zeer onvoldoende",
                "2 ruim onvoldoende",
                "3 onvoldoende",
                "4 zwak",
                "5 voldoende",
                "6 ruim voldoende",
                "7 goed",
                "8 zeer goed",
                "9 uitstekend"
            ]
        );
        assert_eq!(
            LbmClass::ZeerOnvoldoende.score_range(),
            (None, Some(REFERENCE_SCORE - 0.5))
        );
        assert_eq!(
            LbmClass::Goed.score_range(),
            (Some(REFERENCE_SCORE), Some(REFERENCE_SCORE + 0.1))
        );
        assert_eq!(
            LbmClass::Uitstekend.score_range(),
            (Some(REFERENCE_SCORE + 0.2), None)
        );
        // Every class's lower bound is in that class.
        for c in LbmClass::ALL {
            if let (Some(lo), _) = c.score_range() {
                assert_eq!(LbmClass::of_score(lo), Some(c));
            }
        }
    }
}
