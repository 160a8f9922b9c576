//! The afweging's report for bestuur and partners, in two forms: an XLSX
//! workbook and a PDF. Both read the same [`Analysis`] as the results page.

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
pub fn has_scores(a: &wikken_core::case::analysis::Analysis) -> bool {
    a.model.criteria.iter().any(|c| {
        let mut scores = a.model.options.iter().filter_map(|o| o.scores.get(&c.id));
        scores
            .next()
            .is_some_and(|first| scores.any(|s| s != first))
    })
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
        assert!(super::has_scores(&analysis(&d)), "the sample has scores");
        let page = crate::pages::case::results::mca_section(&analysis(&d)).into_string();
        assert!(!page.contains("Nog geen scores"));
        // What adding criteria gives every option: the same neutral score.
        for o in &mut d.options {
            for score in o.spec.scores.values_mut() {
                *score = 3.0;
            }
        }
        let a = analysis(&d);
        assert!(!super::has_scores(&a));
        let page = crate::pages::case::results::mca_section(&a).into_string();
        assert!(page.contains("Nog geen scores."), "{page}");
        assert!(page.contains("stap 4 Effecten"), "{page}");
    }
}
