//! How many dwellings and households an afweging is about, and what that
//! means for a catalogue option's count: where it starts and when it is
//! more than the area has.

use wikken_core::case::catalogue::{Template, Unit};
use wikken_core::format;

/// How many dwellings and households the afweging is about: the chosen
/// complexes' dwellings, and the area's latest counts from the monitor.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Units {
    /// Dwellings in the chosen complexes.
    pub complex_dwellings: Option<f64>,
    /// Dwellings in the area (woningvoorraad).
    pub dwellings: Option<f64>,
    /// Households in the area.
    pub households: Option<f64>,
}

impl Units {
    /// The count a template starts at: for dwellings the complexes' (or
    /// the area's), for households the template's typical reach, never
    /// more than the area has.
    pub fn default_for(&self, t: &Template) -> f64 {
        let q = match t.unit {
            Unit::PerDwelling => self
                .complex_dwellings
                .or(self.dwellings)
                .unwrap_or(t.typical_quantity),
            Unit::PerHousehold => t.typical_quantity,
            Unit::PerProject => 1.0,
        };
        self.most(t.unit).map_or(q, |m| q.min(m)).max(1.0).round()
    }

    /// The most units a template can plausibly reach here, if known.
    pub fn most(&self, unit: Unit) -> Option<f64> {
        match unit {
            Unit::PerDwelling => self.complex_dwellings.or(self.dwellings),
            Unit::PerHousehold => self.households,
            Unit::PerProject => None,
        }
        .filter(|m| *m > 0.0)
    }

    /// A warning when `quantity` is more than the area has.
    pub fn implausible(&self, unit: Unit, quantity: f64) -> Option<String> {
        let most = self.most(unit)?;
        (quantity > most).then(|| {
            let what = unit_word(unit);
            format!(
                "{} {what} is meer dan de {} {what} in dit gebied. Klopt dit aantal? Vink dan 'Dit aantal klopt' aan.",
                format::number(quantity, 0),
                format::number(most, 0)
            )
        })
    }
}

/// What a count of a unit counts: "huishoudens" or "woningen".
pub fn unit_word(unit: Unit) -> &'static str {
    if unit == Unit::PerHousehold {
        "huishoudens"
    } else {
        "woningen"
    }
}

#[cfg(test)]
mod tests {
    use wikken_core::case::catalogue::default_templates;

    use super::*;

    fn template(unit: Unit) -> Template {
        default_templates()
            .into_iter()
            .find(|t| t.unit == unit)
            .unwrap()
    }

    #[test]
    fn a_count_starts_at_the_complexes_then_the_area_never_above_it() {
        let t = template(Unit::PerDwelling);
        let units = Units {
            complex_dwellings: Some(184.0),
            dwellings: Some(567.0),
            households: Some(540.0),
        };
        assert_eq!(units.default_for(&t), 184.0);
        let area = Units {
            complex_dwellings: None,
            ..units
        };
        assert_eq!(area.default_for(&t), 567.0);
        assert_eq!(Units::default().default_for(&t), t.typical_quantity.round());
        let small = Units {
            households: Some(3.4),
            ..Units::default()
        };
        let h = template(Unit::PerHousehold);
        assert_eq!(small.default_for(&h), 3.0, "capped at what the area has");
        assert_eq!(units.default_for(&template(Unit::PerProject)), 1.0);
    }

    #[test]
    fn more_than_the_area_has_is_named_in_its_unit() {
        let units = Units {
            complex_dwellings: None,
            dwellings: Some(567.0),
            households: Some(0.0),
        };
        assert_eq!(units.implausible(Unit::PerDwelling, 567.0), None);
        assert_eq!(
            units.implausible(Unit::PerDwelling, 1200.0).as_deref(),
            Some(
                "1.200 woningen is meer dan de 567 woningen in dit gebied. Klopt dit aantal? Vink dan 'Dit aantal klopt' aan."
            )
        );
        // an unknown (or zero) count of households checks nothing
        assert_eq!(units.most(Unit::PerHousehold), None);
        assert_eq!(units.implausible(Unit::PerHousehold, 1e6), None);
        assert_eq!(units.implausible(Unit::PerProject, 1e6), None);
    }
}
