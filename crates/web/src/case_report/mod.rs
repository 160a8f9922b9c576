//! The afweging's report for bestuur and partners, in two forms: an XLSX
//! workbook and a PDF. Both read the same [`Analysis`] as the results page.

pub mod bcr;
pub mod pdf;
#[cfg(test)]
pub(crate) mod sample;
pub mod xlsx;

use wikken_core::case::CaseDoc;
use wikken_core::case::analysis::Analysis;

/// What a report says about where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportContext {
    /// The corporation's name.
    pub organisation: String,
    /// True when the organisation's data is a fictional demo.
    pub fictional: bool,
    /// The area's name with its level ("buurt Molenhoek"), if any.
    pub area: Option<String>,
    /// The version of the afweging reported on.
    pub version: i64,
    /// Whether that version is frozen by a besluit.
    pub frozen: bool,
    /// When the report was made, Dutch ("24 november 2026, 14:05").
    pub generated_at: String,
}

/// The inputs of a report.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// Where it comes from.
    pub context: &'a ReportContext,
    /// The afweging.
    pub doc: &'a CaseDoc,
    /// Its results.
    pub analysis: &'a Analysis,
}

/// What the MCA says when the scores do not tell the options apart (every
/// option still has the same, neutral, score on every criterion).
pub const NO_SCORES: &str = "Alle opties hebben op elk criterium dezelfde score (de neutrale beginscore), dus staan ze overal gelijk (rang 1, verschil 0): dat is geen uitkomst maar ontbrekende invoer. Vul de scores in bij stap 4 Effecten, per optie onder \"Scores op de criteria\".";

/// Whether the scores tell the options apart on at least one criterion.
pub fn scores_differ(a: &wikken_core::case::analysis::Analysis) -> bool {
    a.model.criteria.iter().any(|c| {
        let mut scores = a.model.options.iter().filter_map(|o| o.scores.get(&c.id));
        scores
            .next()
            .is_some_and(|first| scores.any(|s| s != first))
    })
}

/// What the results and the report say of weighings whose pairwise
/// comparisons contradict each other (consistency ratio above 0,10).
pub fn inconsistency_text(flagged: &[wikken_core::case::weights::Inconsistent]) -> String {
    let each: Vec<String> = flagged
        .iter()
        .map(|i| {
            format!(
                "{} (consistentieratio {})",
                i.holder,
                wikken_core::format::number(i.cr, 2)
            )
        })
        .collect();
    format!(
        "De paarsgewijze vergelijking van {} spreekt zichzelf tegen (boven 0,10). De rangen onder die weging (gemarkeerd met ⚠) zijn daarom onbetrouwbaar; pas de vergelijkingen aan bij stap 5.",
        each.join(" en ")
    )
}

/// What the portfolio weighs, said wherever it is shown: only euros.
pub const PORTFOLIO_COUNTS: &str = "De portefeuille kiest alleen op het maatschappelijk saldo in euro's (contante waarde, CW). PM-posten en de MCA-scores tellen hier niet mee; weeg die er zelf naast.";

/// Why the portfolio can answer "niets doen".
pub const NOTHING_PAYS: &str = "\"Niets doen\" betekent hier: geen combinatie binnen het budget heeft een positief saldo in euro's. Dat zegt niets over de PM-posten of de MCA.";

/// What the results and the report say when effects run past the horizon
/// (they are left out of the figures); `None` when none do.
pub fn horizon_notice(model: &wikken_core::model::Model) -> Option<String> {
    let cut = wikken_core::horizon::beyond_horizon(model);
    if cut.is_empty() {
        return None;
    }
    let each: Vec<String> = cut
        .iter()
        .map(|b| {
            format!(
                "{} (loopt tot en met {}; tot {} jaar valt buiten de berekening)",
                b.name, b.last_year, b.years_left_out
            )
        })
        .collect();
    Some(format!(
        "De looptijd van {} jaar (tot en met {}) is korter dan de effecten van {}. Die latere kosten en baten tellen niet mee in de bedragen hieronder. Verleng de looptijd bij de rekeninstellingen, of neem een restwaarde op als baat in het laatste jaar.",
        model.horizon_years,
        model.start_year + model.horizon_years - 1,
        each.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::sample::{Extras, analysis, doc};

    const NONE: Extras = Extras {
        uncertainty: false,
        budget: false,
        decision: false,
    };

    #[test]
    fn an_mca_without_scores_says_so_on_the_page_and_in_the_report() {
        let mut d = doc(NONE);
        assert!(super::scores_differ(&analysis(&d)), "the sample has scores");
        let page = crate::pages::case::results::mca_section(&d, &analysis(&d)).into_string();
        assert!(!page.contains("Nog geen scores"));
        // What adding criteria gives every option: the same neutral score.
        for o in &mut d.options {
            for score in o.spec.scores.values_mut() {
                *score = 3.0;
            }
        }
        let a = analysis(&d);
        assert!(!super::scores_differ(&a));
        let page = crate::pages::case::results::mca_section(&d, &a).into_string();
        assert!(page.contains("Nog geen scores."), "{page}");
        assert!(page.contains("stap 4 Effecten"), "{page}");
    }

    #[test]
    fn ranks_on_contradictory_comparisons_are_flagged_on_the_page_and_in_the_report() {
        use wikken_core::case::ParticipantRole;
        use wikken_core::case::weights::{WeightMethod, Weighting, matrix_from_upper};
        use wikken_core::model::Direction;
        let mut d = doc(NONE);
        while d.criteria.len() < 3 {
            d.add_criterion(&format!("Extra {}", d.criteria.len()), Direction::Max)
                .unwrap();
        }
        let n = d.criteria.len();
        let page = crate::pages::case::results::mca_section(&d, &analysis(&d)).into_string();
        assert!(!page.contains("tegenstrijdige"), "nothing to flag yet");
        let who = d
            .add_participant("Bewonerscommissie", ParticipantRole::Adviseur)
            .unwrap();
        // a ≫ b, b ≫ c, c ≫ a: circular.
        let circular = matrix_from_upper(n, |i, j| if j == i + 1 { 5.0 } else { 1.0 / 5.0 });
        d.set_party_weighting(
            &who,
            Weighting {
                method: WeightMethod::Ahp,
                values: Default::default(),
                ahp: Some(circular),
            },
        )
        .unwrap();
        let a = analysis(&d);
        let page = crate::pages::case::results::mca_section(&d, &a).into_string();
        assert!(
            page.contains("Let op: tegenstrijdige vergelijkingen."),
            "{page}"
        );
        assert!(
            page.contains("Bewonerscommissie (consistentieratio "),
            "{page}"
        );
        assert!(page.contains("Bewonerscommissie ⚠</th>"), "{page}");
    }

    #[test]
    fn the_portfolio_says_it_weighs_only_euros() {
        let d = doc(Extras {
            uncertainty: false,
            budget: true,
            decision: false,
        });
        let page = crate::pages::case::results::portfolio_section(&analysis(&d)).into_string();
        assert!(
            page.contains("alleen op het maatschappelijk saldo in euro"),
            "{page}"
        );
    }

    #[test]
    fn effects_past_the_horizon_are_named() {
        let mut d = doc(NONE);
        let a = analysis(&d);
        assert_eq!(super::horizon_notice(&a.model), None, "the sample fits");
        d.horizon_years = 3;
        let a = analysis(&d);
        let notice = super::horizon_notice(&a.model).expect("a notice");
        assert!(notice.starts_with("De looptijd van 3 jaar"), "{notice}");
        let page = crate::pages::case::results::mkba_section(&d, &a).into_string();
        assert!(page.contains("Let op: effecten na de looptijd."), "{page}");
    }
}
