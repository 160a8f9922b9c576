//! The afweging's report for bestuur and partners, in two forms: an XLSX
//! workbook and a PDF. Both read the same [`Analysis`] as the results page.

pub mod bcr;
pub mod pdf;
#[cfg(test)]
pub(crate) mod sample;
pub mod xlsx;

use wikken_core::case::analysis::Analysis;
use wikken_core::case::catalogue::SOCIETY;
use wikken_core::case::{CaseDoc, CostSharingRule};
use wikken_core::model::{Actor, Objective};

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

/// What the portfolio weighs when it optimises on the saldo: only euros.
pub const PORTFOLIO_COUNTS: &str = "De portefeuille kiest alleen op het maatschappelijk saldo in euro's (contante waarde, CW). PM-posten en de MCA-scores tellen hier niet mee; weeg die er zelf naast.";

/// What the portfolio weighs when it optimises on the MCA value.
pub const PORTFOLIO_COUNTS_MCA: &str = "De portefeuille kiest hier op de MCA-waarde: de som van de MCA-scores van de gekozen opties onder de gezamenlijke weging. Het saldo in euro's en de PM-posten tellen hier niet mee; weeg die er zelf naast. Een MCA-score zegt hoe een optie het doet naast de andere opties van deze afweging; de som helpt kiezen binnen het budget, maar is geen opbrengst.";

/// Why the portfolio can answer "niets doen" on the saldo.
pub const NOTHING_PAYS: &str = "\"Niets doen\" betekent hier: geen combinatie binnen het budget heeft een positief saldo in euro's. Dat zegt niets over de PM-posten of de MCA.";

/// Why the portfolio can answer "niets doen" on the MCA value.
pub const NOTHING_SCORES: &str = "\"Niets doen\" betekent hier: geen optie binnen het budget heeft een MCA-waarde boven 0. Dat zegt niets over het saldo in euro's of de PM-posten.";

/// What the portfolio weighs, for the objective the model used.
pub fn portfolio_counts(objective: Objective) -> &'static str {
    match objective {
        Objective::Npv => PORTFOLIO_COUNTS,
        Objective::Value => PORTFOLIO_COUNTS_MCA,
    }
}

/// What "niets doen" means, for the objective the model used.
pub fn nothing_chosen(objective: Objective) -> &'static str {
    match objective {
        Objective::Npv => NOTHING_PAYS,
        Objective::Value => NOTHING_SCORES,
    }
}

/// The heading of the objective's column: "Saldo" or "MCA-waarde".
pub fn objective_column(objective: Objective) -> &'static str {
    match objective {
        Objective::Npv => "Saldo",
        Objective::Value => "MCA-waarde",
    }
}

/// The objective of a selection as text: euros, or an MCA value with two
/// decimals.
pub fn objective_amount(objective: Objective, x: f64) -> String {
    match objective {
        Objective::Npv => wikken_core::format::euro(x),
        Objective::Value => wikken_core::format::number(x, 2),
    }
}

/// The objective the model's portfolio used (the saldo without one).
pub fn objective_of(model: &wikken_core::model::Model) -> Objective {
    model
        .portfolio
        .as_ref()
        .map_or(Objective::Npv, |p| p.objective)
}

/// Why the portfolio chose on the saldo although the afweging asks for
/// the MCA value; `None` when it did what was asked.
pub fn objective_fallback(doc: &CaseDoc, model: &wikken_core::model::Model) -> Option<String> {
    if doc.portfolio_objective != Objective::Value || objective_of(model) == Objective::Value {
        return None;
    }
    Some(format!(
        "De afweging vraagt om te kiezen op de MCA-waarde, maar dat kan nu niet; de portefeuille kiest daarom op het saldo. {}",
        doc.mca_value_problem()
            .unwrap_or("De MCA-scores konden niet worden berekend.")
    ))
}

/// The rule of the proposal for sharing costs in plain Dutch, naming the
/// parties of `actors` that pay along and those that do not. Said next to
/// the proposal on the page, in the PDF and in the workbook.
pub fn cost_sharing_rule(actors: &[Actor], rule: &CostSharingRule) -> String {
    let names = |pay: bool| -> Vec<&str> {
        actors
            .iter()
            .filter(|a| rule.pays(&a.id) == pay)
            .map(|a| a.name.as_str())
            .collect()
    };
    let (payers, others) = (names(true), names(false));
    let mut text = if payers.is_empty() {
        "Rekenregel: er is geen partij gekozen die meebetaalt, dus elke partij houdt haar eigen kosten.".to_string()
    } else {
        format!(
            "Rekenregel: de kosten van een optie (contante waarde) worden verdeeld over de partijen die meebetalen ({}), naar verhouding van wat elk van hen aan baten uit die optie krijgt.",
            and_list(&payers)
        )
    };
    if !payers.is_empty() {
        text.push_str(if rule.cap_at_gains {
            " Geen partij betaalt meer dan zij aan baten krijgt."
        } else {
            " Een partij kan zo meer bijdragen dan zij aan baten krijgt: de grens bij de eigen baten staat uit."
        });
    }
    if !others.is_empty() {
        text.push_str(&format!(
            " Er gaat geen rekening naar {}.",
            and_list(&others)
        ));
        let skipped = |id: &str| actors.iter().any(|a| a.id == id) && !rule.pays(id);
        if skipped("huurders") || skipped("omwonenden") {
            text.push_str(" Huurders en buurtbewoners kunnen een investering niet betalen.");
        }
        if skipped(SOCIETY) {
            text.push_str(" De maatschappij staat voor waarden die niemand als geld in handen heeft, zoals minder CO2-uitstoot en een betere gezondheid.");
        }
    }
    text.push_str(" Wat zo niet verdeeld kan worden, blijft bij de partijen die de kosten nu dragen, naar verhouding van hun eigen kosten. Dit is een rekenvoorbeeld om het gesprek over prestatieafspraken mee te beginnen, geen uitkomst: of een verdeling redelijk is, beslissen de partijen aan tafel.");
    text
}

/// "a", "a en b", "a, b en c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} en {last}", rest.join(", ")),
    }
}

/// The part of an option's costs that could not be shared and stays with
/// who carries it now, in one sentence; `None` when everything was shared.
pub fn remainder_text(
    actors: &[Actor],
    column: &wikken_core::case::analysis::ArenaColumn,
) -> Option<String> {
    if column.remainder < 0.5 {
        return None;
    }
    let bearers: Vec<&str> = actors
        .iter()
        .filter(|a| column.actors.get(&a.id).is_some_and(|c| c.kept >= 0.5))
        .map(|a| a.name.as_str())
        .collect();
    Some(format!(
        "Niet te verdelen volgens de regel: {}; dat blijft bij {}.",
        wikken_core::format::euro(column.remainder),
        and_list(&bearers)
    ))
}

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

    const BUDGET: Extras = Extras {
        uncertainty: false,
        budget: true,
        decision: false,
    };

    #[test]
    fn the_portfolio_says_what_it_weighs_and_labels_its_column() {
        use crate::pages::case::results::portfolio_section;
        use wikken_core::model::Objective;
        let mut d = doc(BUDGET);
        let page = portfolio_section(&d, &analysis(&d)).into_string();
        assert!(
            page.contains("alleen op het maatschappelijk saldo in euro"),
            "{page}"
        );
        assert!(page.contains("ook op de MCA-waarde laten kiezen"), "{page}");
        assert!(page.contains(r#"<th class="num" scope="col">Saldo</th>"#));
        // On the MCA value: said so, the euros and PM-posten named as left
        // out, and the column relabelled.
        d.portfolio_objective = Objective::Value;
        let a = analysis(&d);
        assert_eq!(super::objective_of(&a.model), Objective::Value);
        let page = portfolio_section(&d, &a).into_string();
        assert!(page.contains("kiest hier op de MCA-waarde"), "{page}");
        assert!(
            page.contains("Het saldo in euro's en de PM-posten tellen hier niet mee"),
            "{page}"
        );
        assert!(page.contains(r#"<th class="num" scope="col">MCA-waarde</th>"#));
        assert!(page.contains("met een MCA-waarde van "), "{page}");
        // Asked for but impossible (all scores equal): on the saldo, and why.
        for o in &mut d.options {
            for s in o.spec.scores.values_mut() {
                *s = 3.0;
            }
        }
        let a = analysis(&d);
        let page = portfolio_section(&d, &a).into_string();
        assert!(page.contains("kiest daarom op het saldo"), "{page}");
        assert!(page.contains("stap 4 Effecten"), "{page}");
    }

    #[test]
    fn the_cost_sharing_rule_is_stated_and_never_called_fair() {
        use wikken_core::case::catalogue::SOCIETY;
        let mut d = doc(BUDGET);
        d.ensure_actor(SOCIETY);
        let a = analysis(&d);
        let rule = super::cost_sharing_rule(&a.model.actors, &d.cost_sharing);
        assert!(
            rule.starts_with("Rekenregel: de kosten van een optie"),
            "{rule}"
        );
        assert!(
            rule.contains("Er gaat geen rekening naar Huurders en Maatschappij."),
            "{rule}"
        );
        assert!(rule.contains("Geen partij betaalt meer dan zij aan baten krijgt."));
        assert!(rule.contains("blijft bij de partijen die de kosten nu dragen"));
        let page = crate::pages::case::results::arena_section(&d, &a, maud::html! {}).into_string();
        assert!(
            page.contains(&rule.replace('\'', "&#39;")) || page.contains(&rule),
            "{page}"
        );
        let input = super::ReportInput {
            context: &super::sample::context(false, false),
            doc: &d,
            analysis: &a,
        };
        let (source, _) = super::pdf::typst_source(input);
        assert!(source.contains("Rekenregel\\: de kosten van een optie"));
        let book = super::xlsx::workbook(input).unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(book)).unwrap();
        use calamine::Reader;
        let cells: Vec<String> = book
            .worksheets()
            .into_iter()
            .flat_map(|(_, r)| r.cells().map(|(_, _, c)| c.to_string()).collect::<Vec<_>>())
            .collect();
        assert!(cells.iter().any(|c| c.starts_with("Rekenregel:")));
        for (what, text) in [
            ("page", page),
            ("PDF", source),
            ("workbook", cells.join("\n")),
        ] {
            assert!(
                !text.to_lowercase().contains("eerlijk"),
                "the {what} calls the proposal fair"
            );
        }
        // Lifting the cap is said too.
        d.cost_sharing.cap_at_gains = false;
        let rule = super::cost_sharing_rule(&a.model.actors, &d.cost_sharing);
        assert!(
            rule.contains("de grens bij de eigen baten staat uit"),
            "{rule}"
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
