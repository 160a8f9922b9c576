//! A whole afweging against the limits of [`crate::limits`], before it is
//! stored or turned into a model: the import of a whole afweging, and
//! every change made in the forms. Each problem names its place in Dutch
//! ("optie 3: 250 stromen, maximaal 200"). Also refused: a pairwise
//! (AHP) matrix that is not square, which nothing else could read.

use crate::limits::{self, Limit};
use crate::validate::is_valid_id;

use super::{CaseDoc, Weighting};

/// Complexes an afweging may be about.
pub const COMPLEXES: Limit = Limit {
    what: "complexen",
    max: 1_000,
};

/// Collects problems as "place: message".
struct Found(Vec<String>);

impl Found {
    fn push(&mut self, place: &str, message: impl std::fmt::Display) {
        self.0.push(format!("{place}: {message}"));
    }

    fn count(&mut self, place: &str, limit: Limit, n: usize) {
        if let Err(e) = limit.check(n) {
            self.push(place, e);
        }
    }

    fn text(&mut self, limit: Limit, s: &str, place: impl FnOnce() -> String) {
        if let Err(e) = limit.check_text(s) {
            self.push(&place(), e);
        }
    }

    fn weighting(&mut self, place: &str, w: &Weighting) {
        self.count(place, limits::CRITERIA, w.values.len());
        let Some(m) = &w.ahp else { return };
        if m.len() > limits::CRITERIA.max {
            self.push(
                place,
                format!(
                    "de vergelijkingsmatrix heeft {} rijen, maximaal {} (één per criterium)",
                    limits::count(m.len() as u64),
                    limits::CRITERIA.max
                ),
            );
        } else if let Some((i, row)) = m.iter().enumerate().find(|(_, r)| r.len() != m.len()) {
            self.push(
                place,
                format!(
                    "de vergelijkingsmatrix is niet vierkant: rij {} heeft {} getallen, \
                     de matrix {} rijen",
                    i + 1,
                    limits::count(row.len() as u64),
                    m.len()
                ),
            );
        }
    }
}

impl CaseDoc {
    /// Every way this afweging breaks a limit, in Dutch with its place;
    /// empty when it is within all of them.
    pub fn limit_problems(&self) -> Vec<String> {
        let mut f = Found(Vec::new());
        let top = "afweging";
        f.text(limits::LINE_CHARS, &self.question, || "vraag".into());
        if let Some(d) = &self.decision_moment {
            f.text(limits::NAME_CHARS, d, || "beslismoment".into());
        }
        if let Some(code) = &self.area.code {
            f.text(limits::NAME_CHARS, code, || "gebied".into());
        }
        f.count(top, COMPLEXES, self.area.complexes.len());
        for (i, c) in self.area.complexes.iter().enumerate() {
            f.text(limits::NAME_CHARS, c, || format!("complex {}", i + 1));
        }
        f.count(top, limits::PARTICIPANTS, self.participants.len());
        for (i, p) in self.participants.iter().enumerate() {
            let place = || format!("partij {}", i + 1);
            if !is_valid_id(&p.id) {
                f.push(&place(), "ongeldige id (1 tot 64 tekens a-z, 0-9, _ en -)");
            }
            f.text(limits::NAME_CHARS, &p.name, || format!("{}, naam", place()));
        }
        f.count(top, limits::PROBLEMS, self.problems.len());
        for (i, p) in self.problems.iter().enumerate() {
            let place = || format!("probleem {}", i + 1);
            if !is_valid_id(&p.id) {
                f.push(&place(), "ongeldige id (1 tot 64 tekens a-z, 0-9, _ en -)");
            }
            f.text(limits::LINE_CHARS, &p.text, place);
        }
        f.text(limits::TEXT_CHARS, &self.baseline.description, || {
            "nulalternatief".into()
        });
        f.text(limits::TEXT_CHARS, &self.baseline.assumptions, || {
            "nulalternatief, uitgangspunten".into()
        });
        if self.horizon_years > 0
            && let Err(e) = limits::HORIZON_YEARS.check_u64(self.horizon_years as u64)
        {
            f.push("rekeninstellingen, looptijd", e);
        }
        f.count(top, limits::ACTORS, self.actors.len());
        for (i, a) in self.actors.iter().enumerate() {
            f.text(limits::NAME_CHARS, &a.name, || {
                format!("actor {}, naam", i + 1)
            });
        }
        f.count(top, limits::CRITERIA, self.criteria.len());
        for (i, c) in self.criteria.iter().enumerate() {
            f.text(limits::NAME_CHARS, &c.name, || {
                format!("criterium {}, naam", i + 1)
            });
        }
        f.count(top, limits::OPTIONS, self.options.len());
        for i in 0..self.options.len() {
            self.option_problems(&mut f, i);
        }
        f.weighting("gezamenlijke weging", &self.weighting);
        f.count(
            top,
            limits::WEIGHT_SETS,
            self.party_weights.len() + self.workshop_weightings().count(),
        );
        for (i, p) in self.party_weights.iter().enumerate() {
            f.weighting(&format!("weging {} van een partij", i + 1), &p.weighting);
        }
        f.count(top, limits::COMMENTS, self.comments.len());
        for (i, c) in self.comments.iter().enumerate() {
            let place = || format!("opmerking {}", i + 1);
            f.text(limits::COMMENT_CHARS, &c.text, place);
            f.text(limits::NAME_CHARS, &c.author, || {
                format!("opmerking {}, schrijver", i + 1)
            });
        }
        let iterations = self.uncertainty.iterations;
        if iterations > 0 {
            if let Err(e) = limits::ITERATIONS.check_u64(iterations as u64) {
                f.push("rekeninstellingen", e);
            } else if let Err(e) =
                limits::check_simulation(iterations as u64, self.shortlist().count())
            {
                f.push("rekeninstellingen", e);
            }
        }
        if let Some(d) = &self.decision {
            for (what, text) in [
                ("motivering", &d.rationale),
                ("afwijkende standpunten", &d.dissent),
                ("voorwaarden", &d.conditions),
            ] {
                f.text(limits::TEXT_CHARS, text, || format!("besluit, {what}"));
            }
            f.text(limits::NAME_CHARS, &d.decided_by, || {
                "besluit, vastgelegd door".into()
            });
            f.count("besluit", limits::OPTIONS, d.chosen.len());
        }
        f.0
    }

    fn option_problems(&self, f: &mut Found, i: usize) {
        let o = &self.options[i];
        let place = format!("optie {}", i + 1);
        f.text(limits::NAME_CHARS, &o.spec.name, || {
            format!("{place}, naam")
        });
        f.text(limits::TEXT_CHARS, &o.note, || {
            format!("{place}, toelichting")
        });
        f.count(&place, limits::CRITERIA, o.spec.scores.len());
        f.count(&place, limits::PROBLEMS, o.addresses.len());
        f.count(&place, limits::OPTIONS, o.members.len());
        f.count(&place, limits::PM_PER_OPTION, o.spec.pm.len());
        let flows = if o.is_package() {
            // a package takes its members' flows
            o.members
                .iter()
                .filter_map(|m| self.option(m))
                .map(|m| m.spec.flows.len())
                .sum()
        } else {
            o.spec.flows.len()
        };
        f.count(&place, limits::FLOWS_PER_OPTION, flows);
        for (j, flow) in o.spec.flows.iter().enumerate() {
            f.text(limits::NAME_CHARS, &flow.label, || {
                format!("{place}, stroom {}", j + 1)
            });
        }
        for (j, pm) in o.spec.pm.iter().enumerate() {
            f.text(limits::NAME_CHARS, &pm.label, || {
                format!("{place}, PM-post {}", j + 1)
            });
            if let Some(note) = &pm.note {
                f.text(limits::TEXT_CHARS, note, || {
                    format!("{place}, PM-post {}, toelichting", j + 1)
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::case::edit::tests::sample;
    use crate::model::OptionSpec;

    fn option(n: usize) -> crate::case::CaseOption {
        crate::case::CaseOption {
            spec: OptionSpec {
                id: format!("o{n}"),
                name: format!("Optie {n}"),
                category: crate::model::Category::Sociaal,
                flows: Vec::new(),
                scores: Default::default(),
                pm: Vec::new(),
                value: None,
            },
            template: None,
            quantity: None,
            members: Vec::new(),
            addresses: Default::default(),
            shortlisted: true,
            basis: Default::default(),
            note: String::new(),
        }
    }

    #[test]
    fn a_sample_is_within_the_limits() {
        assert_eq!(sample().limit_problems(), Vec::<String>::new());
    }

    #[test]
    fn five_thousand_options_and_a_million_iterations_are_refused() {
        let mut d = sample();
        d.options = (0..5000).map(option).collect();
        d.uncertainty.iterations = 1_000_000;
        let p = d.limit_problems();
        assert!(
            p.contains(&"afweging: 5.000 opties, maximaal 200".to_string()),
            "{p:?}"
        );
        assert!(
            p.contains(
                &"rekeninstellingen: 1.000.000 trekkingen × 5.000 opties is 5.000.000.000, \
                  maximaal 8.000.000: kies hoogstens 1.600 trekkingen"
                    .to_string()
            ),
            "{p:?}"
        );
    }

    #[test]
    fn iterations_times_options_are_bounded() {
        let mut d = sample();
        d.options = (0..200).map(option).collect();
        d.uncertainty.iterations = 100_000;
        assert_eq!(
            d.limit_problems(),
            vec![
                "rekeninstellingen: 100.000 trekkingen × 200 opties is 20.000.000, \
                 maximaal 8.000.000: kies hoogstens 40.000 trekkingen"
                    .to_string()
            ]
        );
        // only the options that enter the model count
        for o in d.options.iter_mut().skip(80) {
            o.shortlisted = false;
        }
        assert!(d.limit_problems().is_empty());
    }

    #[test]
    fn every_count_and_text_names_its_place() {
        let mut d = sample();
        let participant = d.participants[0].clone();
        d.participants = vec![participant; 51];
        d.criteria = vec![d.criteria[0].clone(); 21];
        d.actors = vec![d.actors[0].clone(); 51];
        let problem = d.problems[0].clone();
        d.problems = vec![problem; 51];
        d.horizon_years = 101;
        d.options[1].spec.flows = vec![d.options[0].spec.flows[0].clone(); 201];
        d.options[2].spec.name = "é".repeat(201);
        d.baseline.description = "€".repeat(10_001);
        let p = d.limit_problems();
        for expected in [
            "afweging: 51 partijen, maximaal 50",
            "afweging: 21 criteria, maximaal 20",
            "afweging: 51 actoren, maximaal 50",
            "afweging: 51 problemen, maximaal 50",
            "rekeninstellingen, looptijd: 101 jaren, maximaal 100",
            "optie 2: 201 stromen, maximaal 200",
            "optie 3, naam: 201 tekens, maximaal 200",
            "nulalternatief: 10.001 tekens, maximaal 10.000",
        ] {
            assert!(p.contains(&expected.to_string()), "{expected} not in {p:?}");
        }
    }

    #[test]
    fn a_package_counts_its_members_flows() {
        let mut d = sample();
        for o in &mut d.options {
            o.spec.flows = vec![o.spec.flows[0].clone(); 80];
        }
        let ids: Vec<String> = d.options.iter().map(|o| o.spec.id.clone()).collect();
        d.add_package("Alles", &ids).unwrap_err();
        assert!(d.limit_problems().is_empty());
        d.add_package("Twee", &ids[..2]).unwrap();
    }

    #[test]
    fn a_ragged_or_huge_pairwise_matrix_is_refused() {
        let mut d = sample();
        d.weighting.ahp = Some(vec![vec![1.0, 3.0], vec![1.0 / 3.0]]);
        let p = d.limit_problems();
        assert_eq!(
            p,
            vec![
                "gezamenlijke weging: de vergelijkingsmatrix is niet vierkant: rij 2 heeft 1 \
                 getallen, de matrix 2 rijen"
                    .to_string()
            ]
        );
        d.weighting.ahp = Some(vec![Vec::new(); 10_000]);
        assert!(
            d.limit_problems()[0].contains("10.000 rijen, maximaal 20"),
            "{:?}",
            d.limit_problems()
        );
    }
}
