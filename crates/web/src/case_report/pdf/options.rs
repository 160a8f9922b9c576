//! The first part of the report: in short, the question and the
//! nulalternatief, who takes part with which problems, and the options.

use wikken_core::model::{Distribution, FlowKind, PmItem, PmSign};

use super::Writer;
use super::markup::{Align, euro, heading, inline, list, number, rate, table, text};

/// The Dutch name of an option's category.
pub(super) fn category(c: wikken_core::model::Category) -> &'static str {
    use wikken_core::model::Category::*;
    match c {
        Stenen => "Stenen",
        Sociaal => "Sociaal",
        Beleid => "Beleid",
        Combinatie => "Combinatie",
    }
}

/// A PM-post as markup: sign in words, label, on whom, note.
fn pm_item(w: &Writer<'_>, p: &PmItem) -> String {
    let sign = match p.sign {
        PmSign::Plus => "positief",
        PmSign::Minus => "negatief",
        PmSign::Zero => "richting onbekend",
    };
    let mut s = format!("{} ({sign}", inline(&p.label));
    if let Some(a) = &p.actor {
        s.push_str(&format!(", voor {}", inline(w.actor_name(a))));
    }
    s.push(')');
    if let Some(n) = p.note.as_deref().filter(|n| !n.trim().is_empty()) {
        s.push_str(&format!(": {}", inline(n)));
    }
    s
}

impl Writer<'_> {
    pub(super) fn summary(&mut self) {
        let r = &self.analysis.report;
        let n = r.options.len();
        let mut items = vec![format!(
            "Er {} {n} {} vergeleken met het nulalternatief.",
            if n == 1 { "is" } else { "zijn" },
            if n == 1 { "optie" } else { "opties" }
        )];
        if let Some(best) = r.options.iter().max_by(|a, b| a.npv.total_cmp(&b.npv)) {
            let positive = r.options.iter().filter(|o| o.npv > 0.0).count();
            let count = match positive {
                0 => "Geen van de opties heeft een positief saldo.".to_string(),
                p if p == n && n > 1 => "Alle opties hebben een positief saldo.".to_string(),
                1 => format!("Eén van de {n} opties heeft een positief saldo."),
                p => format!("{p} van de {n} opties hebben een positief saldo."),
            };
            items.push(format!(
                "Het hoogste maatschappelijk saldo heeft *{}*: {}. {count}",
                inline(&best.name),
                euro(best.npv),
            ));
            if let Some(u) = best.uncertainty {
                // name the option: after "none is positive", "this saldo"
                // would read as if it were about all of them
                items.push(format!(
                    "De kans dat het saldo van *{}* {} positief uitvalt, is {} (zie Onzekerheid).",
                    inline(&best.name),
                    if best.npv > 0.0 { "werkelijk" } else { "toch" },
                    super::markup::percent(u.prob_positive, 0)
                ));
            }
        }
        if let Some(first) = r
            .options
            .iter()
            .find(|o| o.mca.is_some_and(|m| m.rank == 1))
        {
            items.push(format!(
                "Met de gedeelde weging van de criteria staat *{}* bovenaan.",
                inline(&first.name)
            ));
        }
        let split = self
            .analysis
            .disagreement
            .iter()
            .filter(|d| d.spread > 0)
            .count();
        if split > 0 {
            items.push(format!(
                "De partijen wegen verschillend: {split} {} krijgen per partij een andere plaats.",
                if split == 1 { "optie" } else { "opties" }
            ));
        }
        items.push(match &self.doc.decision {
            Some(d) => format!(
                "Besluit: gekozen voor {}.",
                d.chosen
                    .iter()
                    .map(|id| inline(self.option_name(id)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => "Er is nog geen besluit genomen.".to_string(),
        });
        self.push("#heading(numbering: none, outlined: false)[In het kort]\n\n");
        self.push(&list(&items));
    }

    pub(super) fn question(&mut self) {
        let d = self.doc;
        self.push(&heading(1, "De vraag en het nulalternatief"));
        self.push(&format!("*Vraag:* {}\n\n", inline(&d.question)));
        let mut facts = vec![
            format!("Niveau: {}", d.level.label()),
            format!(
                "Periode: {} tot en met {} ({} jaar)",
                d.start_year,
                d.start_year + d.horizon_years - 1,
                d.horizon_years
            ),
            format!("Discontovoet: {} per jaar (reëel)", rate(d.discount_rate)),
        ];
        if let Some(m) = &d.decision_moment {
            facts.push(format!("Beslismoment: {}", super::markup::iso_date(m)));
        }
        self.push(&list(&facts));
        self.push(&heading(2, "Nulalternatief"));
        if d.baseline.is_described() {
            self.push(&format!("{}\n\n", text(&d.baseline.description)));
        } else {
            self.push("_Het nulalternatief is nog niet beschreven._\n\n");
        }
        if !d.baseline.assumptions.trim().is_empty() {
            self.push(&format!(
                "*Wat al besloten is en daarom in het nulalternatief zit:* {}\n\n",
                text(&d.baseline.assumptions)
            ));
        }
        self.push(&format!(
            "#note[Alle kosten en baten in dit rapport zijn verschillen met het nulalternatief, in prijzen van {}.]\n\n",
            d.start_year
        ));
    }

    pub(super) fn participants(&mut self) {
        let d = self.doc;
        self.push(&heading(1, "Deelnemers en problemen"));
        if d.participants.is_empty() {
            self.push("Er zijn geen deelnemers vastgelegd.\n\n");
        } else {
            let rows: Vec<Vec<String>> = d
                .participants
                .iter()
                .map(|p| vec![inline(&p.name), p.role.label().to_string()])
                .collect();
            self.push(&table(
                &[
                    ("Deelnemer", "1fr", Align::Left),
                    ("Rol", "auto", Align::Left),
                ],
                &rows,
            ));
        }
        if d.problems.is_empty() {
            self.push("Er zijn geen problemen vastgelegd.\n\n");
        } else {
            self.push("De problemen zoals de deelnemers ze zien:\n\n");
            let rows: Vec<Vec<String>> = d
                .problems
                .iter()
                .map(|p| {
                    let owner = d
                        .participant(&p.owner)
                        .map_or(p.owner.as_str(), |o| o.name.as_str());
                    vec![text(&p.text), inline(owner)]
                })
                .collect();
            self.push(&table(
                &[
                    ("Probleem", "1fr", Align::Left),
                    ("Gezien door", "auto", Align::Left),
                ],
                &rows,
            ));
        }
    }

    pub(super) fn options(&mut self) {
        let d = self.doc;
        self.push(&heading(1, "De opties"));
        let kept: Vec<_> = d.shortlist().collect();
        let dropped: Vec<String> = d
            .options
            .iter()
            .filter(|o| !o.shortlisted)
            .map(|o| inline(&o.spec.name))
            .collect();
        self.push(&format!(
            "In de afweging {} {} {}.{}\n\n",
            if kept.len() == 1 { "zit" } else { "zitten" },
            kept.len(),
            if kept.len() == 1 { "optie" } else { "opties" },
            if dropped.is_empty() {
                String::new()
            } else {
                format!(" Afgevallen bij de voorselectie: {}.", dropped.join(", "))
            }
        ));
        self.preselection();
        for o in kept {
            let spec = d.option_spec(o);
            self.push(&heading(2, &spec.name));
            let mut about = format!("*Soort:* {}.", category(spec.category));
            if o.is_package() {
                let members: Vec<String> = o
                    .members
                    .iter()
                    .map(|m| inline(self.option_name(m)))
                    .collect();
                about.push_str(&format!(" *Combinatie van:* {}.", members.join(", ")));
            }
            if let Some(q) = o.quantity {
                about.push_str(&format!(
                    " *Aantal:* {}.",
                    number(q, if q.fract() == 0.0 { 0 } else { 1 })
                ));
            }
            self.push(&format!("{about}\n\n"));
            if !o.note.trim().is_empty() {
                self.push(&format!("{}\n\n", text(&o.note)));
            }
            self.flows(&spec.flows);
            if !spec.pm.is_empty() {
                self.push("*Niet in geld uitgedrukt (PM-posten):*\n\n");
                let items: Vec<String> = spec.pm.iter().map(|p| pm_item(self, p)).collect();
                self.push(&list(&items));
            }
        }
    }

    fn flows(&mut self, flows: &[wikken_core::model::Flow]) {
        if flows.is_empty() {
            self.push("_Nog geen kosten of baten ingevuld._\n\n");
            return;
        }
        let start = self.doc.start_year;
        let rows: Vec<Vec<String>> = flows
            .iter()
            .map(|f| {
                let to = f.to_year.unwrap_or(f.from_year);
                let years = if to == f.from_year {
                    format!("{} (eenmalig)", start + f.from_year)
                } else {
                    format!("{}–{}", start + f.from_year, start + to)
                };
                let range = match f.uncertainty {
                    Some(
                        Distribution::Triangular { low, high }
                        | Distribution::Pert { low, high }
                        | Distribution::Uniform { low, high },
                    ) => {
                        format!("{} tot {}", euro(low), euro(high))
                    }
                    Some(Distribution::Normal { sd }) => format!("± {}", euro(sd)),
                    None => "–".to_string(),
                };
                vec![
                    inline(self.actor_name(&f.actor)),
                    match f.kind {
                        FlowKind::Cost => "kosten".to_string(),
                        FlowKind::Benefit => "baten".to_string(),
                    },
                    inline(&f.label),
                    euro(f.amount),
                    years,
                    range,
                ]
            })
            .collect();
        self.push(&table(
            &[
                ("Partij", "auto", Align::Left),
                ("Soort", "auto", Align::Left),
                ("Omschrijving", "1fr", Align::Left),
                ("Bedrag", "auto", Align::Right),
                ("Jaren", "auto", Align::Left),
                ("Marge", "auto", Align::Right),
            ],
            &rows,
        ));
    }

    /// The pre-selection: how each option addresses the problems, against
    /// its cost (only when problems were scored).
    fn preselection(&mut self) {
        let rows = &self.analysis.preselection;
        if self.doc.problems.is_empty() || rows.iter().all(|r| r.total == 0) {
            return;
        }
        let body: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    inline(self.option_name(&r.option)),
                    r.total.to_string(),
                    euro(r.pv_costs),
                    r.per_million.map_or("–".to_string(), |v| number(v, 1)),
                    if r.shortlisted { "ja" } else { "nee" }.to_string(),
                ]
            })
            .collect();
        self.push(
            "Voorselectie: per optie de som van de scores op de problemen (0 niet tot 3 sterk), tegen de kosten.\n\n",
        );
        self.push(&table(
            &[
                ("Optie", "1fr", Align::Left),
                ("Score", "auto", Align::Right),
                ("CW kosten", "auto", Align::Right),
                ("Punten per € mln", "auto", Align::Right),
                ("Gehouden", "auto", Align::Left),
            ],
            &body,
        ));
    }
}
