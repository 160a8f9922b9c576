//! What a page says beside an option's B/K, so a strategist sees at once
//! when a figure needs a second look: the ijkpunt (what published
//! counterparts found) and whether this B/K lies within it, whether the
//! B/K is partial because the main effect is a PM-post, and which
//! outcomes a package counts once.

use super::CaseDoc;
use super::catalogue::Benchmark;

/// The notes beside one option's B/K.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BcrNotes {
    /// What published counterparts found.
    pub benchmark: Option<Benchmark>,
    /// Whether the B/K lies within it; `None` without a B/K or benchmark.
    pub within: Option<bool>,
    /// Labels of PM-posten that are a main effect of the option (or of a
    /// package's members): the B/K leaves them out.
    pub unpriced_main_effects: Vec<String>,
    /// For a package: outcomes two members claim, counted once.
    pub counted_once: Vec<CountedOnce>,
}

/// An outcome a package counts once.
#[derive(Debug, Clone, PartialEq)]
pub struct CountedOnce {
    /// The outcome ("Vermeden ontruimingen").
    pub outcome: String,
    /// The member (name) whose figures count.
    pub kept: String,
    /// The members (names) whose figures for it are left out.
    pub left_out: Vec<String>,
}

impl CaseDoc {
    /// The notes beside the B/K `bcr` of the option with id `option`
    /// (empty for an unknown id).
    pub fn bcr_notes(&self, option: &str, bcr: Option<f64>) -> BcrNotes {
        let Some(o) = self.option(option) else {
            return BcrNotes::default();
        };
        let name = |id: &str| {
            self.option(id)
                .map_or(id, |m| m.spec.name.as_str())
                .to_string()
        };
        let (benchmark, main, counted_once) = if o.is_package() {
            let main = o
                .members
                .iter()
                .filter_map(|id| self.option(id))
                .filter_map(|m| m.basis.main_effect_pm.clone())
                .collect();
            let once = self
                .package_overlaps(o)
                .into_iter()
                .map(|x| CountedOnce {
                    outcome: x.outcome,
                    kept: name(&x.kept),
                    left_out: x.dropped.iter().map(|d| name(d)).collect(),
                })
                .collect();
            (None, main, once)
        } else {
            let main = o.basis.main_effect_pm.iter().cloned().collect();
            (o.basis.benchmark.clone(), main, Vec::new())
        };
        BcrNotes {
            within: benchmark.as_ref().zip(bcr).map(|(b, r)| b.holds(r)),
            benchmark,
            unpriced_main_effects: main,
            counted_once,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::case::catalogue::default_templates;
    use crate::case::{CaseArea, CaseDoc, DecisionLevel};

    fn doc() -> CaseDoc {
        let mut d = CaseDoc::new("Toets", DecisionLevel::Wijk, CaseArea::default(), 2027);
        for key in [
            "schuldhulp-vroegsignalering",
            "achter-de-voordeur",
            "bewonersinitiatieven",
        ] {
            let t = default_templates()
                .into_iter()
                .find(|t| t.key == key)
                .unwrap();
            d.add_from_template(&t, 10.0).unwrap();
        }
        let ids: Vec<String> = d.options.iter().map(|o| o.spec.id.clone()).collect();
        d.add_package("Geld en thuis", &ids[..2]).unwrap();
        d
    }

    #[test]
    fn an_option_outside_its_ijkpunt_is_flagged() {
        let d = doc();
        let id = &d.options[0].spec.id;
        let n = d.bcr_notes(id, Some(2.5));
        assert_eq!(n.within, Some(true));
        assert!(n.benchmark.unwrap().source.contains("Panteia"));
        assert_eq!(d.bcr_notes(id, Some(0.6)).within, Some(false));
        assert_eq!(d.bcr_notes(id, None).within, None);
    }

    #[test]
    fn a_partial_bcr_and_a_package_counting_once_are_named() {
        let d = doc();
        let b = d.bcr_notes(&d.options[2].spec.id, Some(0.2));
        assert_eq!(
            b.unpriced_main_effects,
            ["Meer contact, samenhang en minder eenzaamheid"]
        );
        assert_eq!(b.benchmark, None);
        let p = d.bcr_notes(&d.options[3].spec.id, Some(2.0));
        assert_eq!(p.benchmark, None, "a package has no ijkpunt of its own");
        let outcomes: Vec<&str> = p.counted_once.iter().map(|c| c.outcome.as_str()).collect();
        assert_eq!(
            outcomes,
            ["Vermeden ontruimingen", "Vermeden maatschappelijke opvang"]
        );
        assert_eq!(p.counted_once[0].kept, "Achter-de-voordeur");
        assert_eq!(
            p.counted_once[0].left_out,
            ["Schuldhulp en vroegsignalering"]
        );
    }
}
