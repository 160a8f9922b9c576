//! The werkateliers taken into the afweging: per werkatelier when it was
//! held, who took part per role, how the weights were asked, the weight
//! sets (criterion × weight set, whole percentages), the problems with who
//! raised them, the voorselectie and how far the room agreed.

use wikken_core::case::WorkshopOutcome;
use wikken_core::format;

use super::Writer;
use super::markup::{Align, date, heading, inline, list, table};

/// Weight sets per table: more columns do not fit on A4 beside the
/// criterion names.
const SETS_PER_TABLE: usize = 4;

/// A weight set's column header: the holder without the werkatelier's
/// title ("Huurders (n = 3)").
pub(crate) fn set_header(outcome: &WorkshopOutcome, holder: &str) -> String {
    holder
        .strip_prefix(&format!("{}: ", outcome.title))
        .unwrap_or(holder)
        .to_string()
}

/// "Huurders 3, Gemeente 1".
pub(crate) fn per_role(counts: &indexmap::IndexMap<String, u32>) -> String {
    counts
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Writer<'_> {
    pub(super) fn workshops(&mut self) {
        let d = self.doc;
        if d.workshops.is_empty() {
            return;
        }
        self.push(&heading(1, "Werkateliers"));
        self.push(&format!(
            "In {} {} wogen partners en bewoners samen, live vanaf hun telefoon. Een rol met te weinig deelnemers om niet herkenbaar te zijn, staat niet apart; die telt wel mee in ‘samen’. {}\n\n",
            d.workshops.len(),
            if d.workshops.len() == 1 {
                "werkatelier"
            } else {
                "werkateliers"
            },
            inline(crate::werkatelier::AGGREGATION_SHORT)
        ));
        for w in &d.workshops {
            self.workshop(w);
        }
    }

    fn workshop(&mut self, w: &WorkshopOutcome) {
        let d = self.doc;
        self.push(&heading(2, &w.title));
        let mut facts = vec![
            format!("Gehouden: {}", date(w.held_at)),
            format!("Deelnemers: {}", w.participants),
        ];
        if !w.roles.is_empty() {
            facts.push(format!("Per rol: {}", inline(&per_role(&w.roles))));
        }
        if !w.method.is_empty() {
            facts.push(format!("Gewichten gevraagd met: {}", inline(&w.method)));
        }
        self.push(&list(&facts));
        if !w.weightings.is_empty() {
            self.push("*Gewichten* (hele procenten; elke kolom telt op tot 100 %):\n\n");
            for chunk in w.weightings.chunks(SETS_PER_TABLE) {
                let headers: Vec<String> = chunk
                    .iter()
                    .map(|s| inline(&set_header(w, &s.holder)))
                    .collect();
                let mut columns = vec![("Criterium", "1fr", Align::Left)];
                for h in &headers {
                    columns.push((h.as_str(), "auto", Align::Right));
                }
                let whole: Vec<Vec<String>> = chunk
                    .iter()
                    .map(|s| match s.weights_for(&d.criteria) {
                        Some(v) => format::whole_percents(&v)
                            .iter()
                            .map(|p| format!("{p}~%"))
                            .collect(),
                        None => vec!["–".to_string(); d.criteria.len()],
                    })
                    .collect();
                let rows: Vec<Vec<String>> = d
                    .criteria
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let mut row = vec![inline(&c.name)];
                        row.extend(
                            whole
                                .iter()
                                .map(|col| col.get(i).cloned().unwrap_or_else(|| "–".into())),
                        );
                        row
                    })
                    .collect();
                self.push(&table(&columns, &rows));
            }
            let stale: Vec<&str> = w
                .weightings
                .iter()
                .filter(|s| s.weights_for(&d.criteria).is_none())
                .map(|s| s.holder.as_str())
                .collect();
            if !stale.is_empty() {
                self.push(&format!(
                    "_De criteria zijn na het werkatelier veranderd; deze wegingen passen er niet meer bij: {}._\n\n",
                    inline(&stale.join(", "))
                ));
            }
        }
        if !w.problems.is_empty() {
            let rows: Vec<Vec<String>> = w
                .problems
                .iter()
                .map(|p| {
                    vec![
                        inline(&p.text),
                        inline(
                            d.participant(&p.owner)
                                .map_or(p.owner.as_str(), |x| x.name.as_str()),
                        ),
                        inline(&per_role(&p.raised_by)),
                    ]
                })
                .collect();
            self.push(&table(
                &[
                    ("Probleem uit de spelden", "1fr", Align::Left),
                    ("Van", "auto", Align::Left),
                    ("Aangedragen door (spelden per rol)", "auto", Align::Left),
                ],
                &rows,
            ));
        }
        if !w.picks.is_empty() {
            let mut picks: Vec<(&String, &u32)> = w.picks.iter().collect();
            picks.sort_by_key(|p| std::cmp::Reverse(*p.1));
            let items: Vec<String> = picks
                .iter()
                .map(|(o, n)| format!("{}: {n} keer gekozen", inline(self.option_name(o))))
                .collect();
            self.push(
                "*Voorselectie:* de opties die er voor de deelnemers het meest toe doen.\n\n",
            );
            self.push(&list(&items));
        }
        if !w.dissent.is_empty() {
            self.push("*Waar verschilden ze?*\n\n");
            let items: Vec<String> = w.dissent.iter().map(|l| inline(l)).collect();
            self.push(&list(&items));
        }
    }
}
