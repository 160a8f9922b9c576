//! The limits on the size of an afweging, defined once: the model reader
//! and validation, the afweging's own checks (forms and the import of a
//! whole afweging), the engine and the command line all use these. They
//! are generous for a real afweging (a few dozen options, a handful of
//! criteria and parties) and keep the work and memory of one analysis
//! bounded: the Monte Carlo keeps 8 bytes per iteration and option, so
//! [`SIMULATION_CELLS`] caps it at 64 MB.

use crate::format;

/// One limit: what it counts (Dutch, plural) and the most allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// What is counted, in Dutch and plural: "opties", "tekens".
    pub what: &'static str,
    /// The most allowed (inclusive).
    pub max: usize,
}

/// Options in one model (and in one afweging).
pub const OPTIONS: Limit = Limit {
    what: "opties",
    max: 200,
};
/// Flows (kosten- en batenstromen) of one option, a package's combined.
pub const FLOWS_PER_OPTION: Limit = Limit {
    what: "stromen",
    max: 200,
};
/// PM-posten of one option.
pub const PM_PER_OPTION: Limit = Limit {
    what: "PM-posten",
    max: 200,
};
/// Actors (who pays or gains).
pub const ACTORS: Limit = Limit {
    what: "actoren",
    max: 50,
};
/// Criteria (MCA).
pub const CRITERIA: Limit = Limit {
    what: "criteria",
    max: 20,
};
/// Participants (partijen) of an afweging.
pub const PARTICIPANTS: Limit = Limit {
    what: "partijen",
    max: 50,
};
/// InputErrors (problemen) the parties name.
pub const PROBLEMS: Limit = Limit {
    what: "problemen",
    max: 50,
};
/// Weight sets (one weighing per party).
pub const WEIGHT_SETS: Limit = Limit {
    what: "wegingen",
    max: 50,
};
/// Years of the horizon.
pub const HORIZON_YEARS: Limit = Limit {
    what: "jaren",
    max: 100,
};
/// Monte Carlo iterations (trekkingen).
pub const ITERATIONS: Limit = Limit {
    what: "trekkingen",
    max: 1_000_000,
};
/// Monte Carlo iterations × options: 8 bytes each, so at most 64 MB.
pub const SIMULATION_CELLS: Limit = Limit {
    what: "trekkingen × opties",
    max: 8_000_000,
};
/// Characters of a name: an option, actor, criterion, participant, a
/// flow's or PM-post's label, a weight set's party.
pub const NAME_CHARS: Limit = Limit {
    what: "tekens",
    max: 200,
};
/// Characters of a one-line text: the decision question, a problem.
pub const LINE_CHARS: Limit = Limit {
    what: "tekens",
    max: 500,
};
/// Characters of a free text: the nulalternatief, a note, the besluit's
/// reasons.
pub const TEXT_CHARS: Limit = Limit {
    what: "tekens",
    max: 10_000,
};

/// Comments (opmerkingen) the parties leave on one afweging.
pub const COMMENTS: Limit = Limit {
    what: "opmerkingen",
    max: 500,
};
/// Characters of a party's comment.
pub const COMMENT_CHARS: Limit = Limit {
    what: "tekens",
    max: 2_000,
};

/// Every limit with a Dutch description, for help texts and the README.
pub const ALL: [(&str, Limit); 16] = [
    ("opties per afweging", OPTIONS),
    ("stromen per optie", FLOWS_PER_OPTION),
    ("PM-posten per optie", PM_PER_OPTION),
    ("actoren", ACTORS),
    ("criteria", CRITERIA),
    ("partijen", PARTICIPANTS),
    ("problemen", PROBLEMS),
    ("wegingen (per partij één)", WEIGHT_SETS),
    ("jaren looptijd", HORIZON_YEARS),
    ("trekkingen (Monte Carlo)", ITERATIONS),
    ("trekkingen × opties", SIMULATION_CELLS),
    ("tekens in een naam", NAME_CHARS),
    ("tekens in de vraag of een probleem", LINE_CHARS),
    ("tekens in een toelichting", TEXT_CHARS),
    ("opmerkingen van partijen", COMMENTS),
    ("tekens in een opmerking", COMMENT_CHARS),
];

/// A count over a limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} {}, maximaal {}", count(*.found), .limit.what, count(.limit.max as u64))]
pub struct OverLimit {
    /// The limit.
    pub limit: Limit,
    /// What was found.
    pub found: u64,
}

impl Limit {
    /// `Ok` when `found` is within the limit, else what is over it.
    pub fn check(self, found: usize) -> Result<(), OverLimit> {
        self.check_u64(found as u64)
    }

    /// [`Limit::check`] for a count that may not fit a `usize`.
    pub fn check_u64(self, found: u64) -> Result<(), OverLimit> {
        if found > self.max as u64 {
            Err(OverLimit { limit: self, found })
        } else {
            Ok(())
        }
    }

    /// [`Limit::check`] for the characters of a text.
    pub fn check_text(self, text: &str) -> Result<(), OverLimit> {
        // Counting stops just past the limit: a huge text costs no more.
        self.check(text.chars().take(self.max + 1).count())
            .map_err(|e| OverLimit {
                found: text.chars().count() as u64,
                ..e
            })
    }

    /// Dutch, for a form that would add one more: "Deze afweging heeft al
    /// 200 opties, het maximum."
    pub fn full(self) -> String {
        format!(
            "Deze afweging heeft al {} {}, het maximum.",
            count(self.max as u64),
            self.what
        )
    }
}

/// Monte Carlo iterations × options within [`SIMULATION_CELLS`].
pub fn check_simulation(iterations: u64, options: usize) -> Result<(), SimulationTooLarge> {
    let cells = iterations.saturating_mul(options as u64);
    SIMULATION_CELLS
        .check_u64(cells)
        .map_err(|_| SimulationTooLarge {
            iterations,
            options,
        })
}

/// The most iterations that fit [`SIMULATION_CELLS`] with `options`
/// options (and [`ITERATIONS`]).
pub fn max_iterations(options: usize) -> u64 {
    (SIMULATION_CELLS.max / options.max(1)).min(ITERATIONS.max) as u64
}

/// Iterations × options over [`SIMULATION_CELLS`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{} trekkingen × {} opties is {}, maximaal {}: kies hoogstens {} trekkingen",
    count(*.iterations),
    count(*.options as u64),
    count(.iterations.saturating_mul(*.options as u64)),
    count(SIMULATION_CELLS.max as u64),
    count(max_iterations(*.options))
)]
pub struct SimulationTooLarge {
    /// The iterations asked for.
    pub iterations: u64,
    /// The options simulated.
    pub options: usize,
}

/// A whole number in Dutch style: `5.000`.
pub fn count(n: u64) -> String {
    format::number(n as f64, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_a_limit_names_the_count_and_the_limit_in_dutch() {
        assert_eq!(OPTIONS.check(200), Ok(()));
        let e = OPTIONS.check(5000).unwrap_err();
        assert_eq!(e.to_string(), "5.000 opties, maximaal 200");
        let e = ITERATIONS.check(1_000_001).unwrap_err();
        assert_eq!(e.to_string(), "1.000.001 trekkingen, maximaal 1.000.000");
        assert_eq!(
            OPTIONS.full(),
            "Deze afweging heeft al 200 opties, het maximum."
        );
    }

    #[test]
    fn texts_are_counted_in_characters() {
        assert!(NAME_CHARS.check_text(&"é".repeat(200)).is_ok());
        let e = NAME_CHARS.check_text(&"€".repeat(201)).unwrap_err();
        assert_eq!(e.to_string(), "201 tekens, maximaal 200");
    }

    #[test]
    fn the_simulation_stays_within_64_megabytes() {
        assert_eq!(SIMULATION_CELLS.max * 8, 64_000_000);
        assert!(check_simulation(100_000, 80).is_ok());
        let e = check_simulation(1_000_000, 5000).unwrap_err();
        assert_eq!(
            e.to_string(),
            "1.000.000 trekkingen × 5.000 opties is 5.000.000.000, maximaal 8.000.000: \
             kies hoogstens 1.600 trekkingen"
        );
        assert_eq!(max_iterations(0), 1_000_000);
        assert_eq!(max_iterations(8), 1_000_000);
        assert_eq!(max_iterations(200), 40_000);
        assert!(check_simulation(u64::MAX, usize::MAX).is_err());
    }
}
