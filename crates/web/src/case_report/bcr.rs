//! What the results page, the PDF and the workbook say beside each
//! option's B/K (one text for all three): the ijkpunt of published
//! counterparts, a B/K outside it, a B/K that is partial because the main
//! effect is a PM-post, and outcomes a package counts once.

use wikken_core::case::{BcrNotes, CaseDoc};
use wikken_core::format;
use wikken_core::report::Report;

/// The ijkpunt as a cell: "1,90" or "2,00–4,22", with "⚠ " in front when
/// the option's B/K lies outside it; empty without one.
pub fn benchmark_cell(n: &BcrNotes) -> String {
    let Some(b) = &n.benchmark else {
        return String::new();
    };
    let range = if b.low == b.high {
        format::number(b.low, 2)
    } else {
        format!("{}–{}", format::number(b.low, 2), format::number(b.high, 2))
    };
    match n.within {
        Some(false) => format!("⚠ {range}"),
        _ => range,
    }
}

/// Per report option (the report's order): its notes.
pub fn notes(doc: &CaseDoc, report: &Report) -> Vec<BcrNotes> {
    report
        .options
        .iter()
        .map(|o| doc.bcr_notes(&o.id, o.bcr))
        .collect()
}

/// Whether any option has an ijkpunt (the column is shown only then).
pub fn any_benchmark(notes: &[BcrNotes]) -> bool {
    notes.iter().any(|n| n.benchmark.is_some())
}

/// The sentences below the MKBA table, in report order: a B/K outside its
/// ijkpunt, a partial B/K, an outcome counted once; then the ijkpunten's
/// sources.
pub fn remarks(report: &Report, notes: &[BcrNotes]) -> Vec<String> {
    let mut out = Vec::new();
    let mut sources = Vec::new();
    for (o, n) in report.options.iter().zip(notes) {
        if let (Some(false), Some(b), Some(bcr)) = (n.within, &n.benchmark, o.bcr) {
            out.push(format!(
                "{}: de B/K van {} ligt buiten het ijkpunt ({}). Controleer de invoer, of leg uit waarom deze situatie anders is.",
                o.name,
                format::number(bcr, 2),
                benchmark_cell(&BcrNotes {
                    within: None,
                    ..n.clone()
                }) + if b.low == b.high { "" } else { " per € 1" }
            ));
        }
        if !n.unpriced_main_effects.is_empty() {
            out.push(format!(
                "{}: de B/K is onvolledig. Het belangrijkste effect ({}) is een PM-post en telt niet mee in de bedragen.",
                o.name,
                n.unpriced_main_effects.join("; ").to_lowercase()
            ));
        }
        for c in &n.counted_once {
            out.push(format!(
                "{}: {} telt één keer, bij {}; niet ook bij {}, omdat het om dezelfde huishoudens kan gaan.",
                o.name,
                c.outcome.to_lowercase(),
                c.kept,
                c.left_out.join(" en ")
            ));
        }
        if let Some(b) = &n.benchmark {
            sources.push(format!("{}: {}", o.name, b.source));
        }
    }
    if !sources.is_empty() {
        out.push(format!(
            "Ijkpunt: wat gepubliceerde MKBA's van dezelfde aanpak vonden, in euro baten per euro kosten. {}.",
            sources.join("; ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case_report::sample::{Extras, analysis, doc};
    use wikken_core::case::catalogue::default_templates;

    #[test]
    fn an_option_outside_its_ijkpunt_and_a_partial_bcr_are_said() {
        let mut d = doc(Extras {
            uncertainty: false,
            budget: false,
            decision: false,
        });
        for key in ["schuldhulp-vroegsignalering", "bewonersinitiatieven"] {
            let t = default_templates()
                .into_iter()
                .find(|t| t.key == key)
                .unwrap();
            d.add_from_template(&t, 30.0).unwrap();
        }
        let a = analysis(&d);
        let n = notes(&d, &a.report);
        assert!(any_benchmark(&n));
        let i = a
            .report
            .options
            .iter()
            .position(|o| o.name.starts_with("Schuld"))
            .unwrap();
        assert_eq!(
            benchmark_cell(&n[i]),
            "2,00–4,22",
            "the default figures are in range"
        );
        let text = remarks(&a.report, &n).join(" ");
        assert!(
            text.contains("Bewonersinitiatieven: de B/K is onvolledig"),
            "{text}"
        );
        assert!(text.contains("Panteia"), "{text}");
        assert!(!text.contains("buiten het ijkpunt"), "{text}");

        // A strategist who halves every benefit of schuldhulp sees it at once.
        let o = d
            .options
            .iter_mut()
            .find(|o| o.spec.name.starts_with("Schuld"))
            .unwrap();
        for f in &mut o.spec.flows {
            if f.kind == wikken_core::model::FlowKind::Benefit {
                f.amount /= 3.0;
                f.uncertainty = None;
            }
        }
        let a = analysis(&d);
        let n = notes(&d, &a.report);
        assert!(benchmark_cell(&n[i]).starts_with("⚠ "));
        let text = remarks(&a.report, &n).join(" ");
        assert!(
            text.contains("ligt buiten het ijkpunt (2,00–4,22 per € 1)"),
            "{text}"
        );
    }
}
