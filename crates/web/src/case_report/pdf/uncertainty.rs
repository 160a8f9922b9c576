//! The last part of the report: the uncertainty (Monte Carlo,
//! distributions, tornado, value of information), the portfolio under
//! moving budgets, and the besluit.

use super::Writer;
use super::markup::{Align, date, euro, heading, inline, list, percent, table, text};
use crate::svg::case_charts::{
    ROWS_PER_OPTION, budget_steps, distribution, tornado, tornado_options,
};

impl Writer<'_> {
    pub(super) fn uncertainty(&mut self) {
        let a = self.analysis;
        let r = &a.report;
        self.push(&heading(1, "Onzekerheid"));
        if r.options.iter().all(|o| o.uncertainty.is_none()) {
            self.push("Voor geen van de bedragen is een marge opgegeven; er is daarom geen onzekerheidsanalyse gedaan. Het saldo is zo zeker als de ingevulde bedragen.\n\n");
            return;
        }
        self.push(&format!(
            "Voor een aantal bedragen is een marge opgegeven. Door de berekening {} keer te herhalen met bedragen binnen die marges (Monte Carlo) ontstaat per optie een verdeling van het saldo.\n\n",
            super::markup::number(self.analysis.model.uncertainty.iterations as f64, 0)
        ));
        let rows: Vec<Vec<String>> = r
            .options
            .iter()
            .filter_map(|o| {
                let u = o.uncertainty?;
                Some(vec![
                    inline(&o.name),
                    euro(u.mean),
                    euro(u.p5),
                    euro(u.p95),
                    format!("*{}*", percent(u.prob_positive, 0)),
                    percent(u.prob_best, 0),
                ])
            })
            .collect();
        self.push(&table(
            &[
                ("Optie", "1fr", Align::Left),
                ("Verwacht saldo", "auto", Align::Right),
                ("p5", "auto", Align::Right),
                ("p95", "auto", Align::Right),
                ("Kans saldo > 0", "auto", Align::Right),
                ("Kans beste optie", "auto", Align::Right),
            ],
            &rows,
        ));
        self.push("In 90 % van de trekkingen ligt het saldo tussen p5 en p95. *Kans saldo > 0* is het aandeel van de trekkingen waarin de optie meer oplevert dan ze kost; *kans beste optie* het aandeel waarin ze het hoogste saldo van alle opties heeft.\n\n");
        let mut pictures = Vec::new();
        for (i, (o, h)) in r.options.iter().zip(&a.distributions).enumerate() {
            let Some(u) = o.uncertainty else { continue };
            let name = format!("verdeling-{}.svg", i + 1);
            self.files.push((
                name.clone(),
                distribution(h, &o.name, u.p5, u.p95, u.prob_positive)
                    .into_string()
                    .into_bytes(),
            ));
            pictures.push(format!(
                "image({}, width: 100%)",
                super::markup::string(&name)
            ));
        }
        if !pictures.is_empty() {
            self.push(&format!(
                "#figure(grid(columns: 2, gutter: 10pt, {}), caption: [Verdeling van het saldo per optie: blauw boven 0, rood onder 0; de stippellijnen zijn p5 en p95.])\n\n",
                pictures.join(", ")
            ));
        }
        self.tornado();
        if let Some(v) = r.value_of_information {
            self.push(&heading(2, "Wat is meer zekerheid waard?"));
            self.push(&format!(
                "Als alle onzekerheid vóór het besluit zou zijn weggenomen, zou de keuze gemiddeld {} meer opleveren (de verwachte waarde van volmaakte informatie, EVPI). Meer onderzoek naar de bedragen loont dus alleen als het minder kost dan dat.\n\n",
                euro(v.evpi)
            ));
        }
    }

    /// One tornado per option, each on its own scale (as on the page).
    fn tornado(&mut self) {
        let tornados = tornado_options(&self.analysis.report, ROWS_PER_OPTION);
        if tornados.is_empty() {
            return;
        }
        self.push(&heading(2, "Welke bedragen tellen het zwaarst?"));
        self.push("Per optie de onzekere bedragen die het saldo het meest bewegen: de balk loopt van het saldo als alleen dat bedrag op de laagste waarde van zijn marge staat tot dat bij de hoogste waarde. Hoe langer de balk, hoe meer het besluit van dat bedrag afhangt. *Elke optie heeft een eigen schaal*, zodat ook kleine bedragen zichtbaar zijn: vergelijk balken binnen een optie, niet tussen opties.\n\n");
        for (i, t) in tornados.iter().enumerate() {
            let name = format!("tornado-{}.svg", i + 1);
            self.files
                .push((name.clone(), tornado(t).into_string().into_bytes()));
            self.push(&format!(
                "#figure(image({}, width: 88%), caption: [Tornado: {}.])\n\n",
                super::markup::string(&name),
                inline(&t.name)
            ));
        }
    }

    pub(super) fn portfolio(&mut self) {
        let steps = &self.analysis.budget_steps;
        if steps.is_empty() {
            return;
        }
        self.push(&heading(1, "Portefeuille"));
        let intro = match &self.doc.budget {
            Some(b) => format!(
                "Het budget van {} is {} over {} tot en met {} (niet verdisconteerd). Welke combinatie van opties past daarbinnen het best, en wat verandert er bij een kleiner of groter budget? Een pakket en zijn eigen onderdelen worden niet samen gekozen.",
                inline(self.actor_name(&b.actor)),
                euro(b.max),
                self.doc.start_year + b.from_year,
                self.doc.start_year + b.to_year
            ),
            None => String::new(),
        };
        let objective = crate::case_report::objective_of(&self.analysis.model);
        let nothing = steps.iter().any(|s| s.selected.is_empty());
        let mut intro = format!(
            "{intro} {}{}",
            crate::case_report::portfolio_counts(objective),
            if nothing {
                format!(" {}", crate::case_report::nothing_chosen(objective))
            } else {
                String::new()
            }
        );
        if let Some(why) = crate::case_report::objective_fallback(self.doc, &self.analysis.model) {
            intro = format!("{intro} *Let op:* {}", inline(&why));
        }
        let caption = match objective {
            wikken_core::model::Objective::Npv => {
                "Per budget: wat besteed wordt (naar soort) en het saldo van de gekozen opties; de stippellijn is het budget."
            }
            wikken_core::model::Objective::Value => {
                "Per budget: wat besteed wordt (naar soort); de stippellijn is het budget. De MCA-waarde van de gekozen opties staat in de tabel."
            }
        };
        self.figure(
            "budget.svg",
            budget_steps(steps, objective),
            caption,
            &intro,
        );
        let rows: Vec<Vec<String>> = steps
            .iter()
            .map(|s| {
                let names: Vec<String> = s
                    .selected
                    .iter()
                    .map(|id| inline(self.option_name(id)))
                    .collect();
                vec![
                    percent(s.factor, 0),
                    euro(s.max),
                    {
                        let chosen = if names.is_empty() {
                            "geen".to_string()
                        } else {
                            names.join(", ")
                        };
                        match s.gap {
                            Some(gap) => {
                                format!("{chosen} ({})", wikken_core::format::not_proven(gap))
                            }
                            None => chosen,
                        }
                    },
                    euro(s.spent),
                    crate::case_report::objective_amount(objective, s.objective),
                ]
            })
            .collect();
        self.push(&table(
            &[
                ("Budget", "auto", Align::Right),
                ("Bedrag", "auto", Align::Right),
                ("Gekozen opties", "1fr", Align::Left),
                ("Besteed", "auto", Align::Right),
                (
                    crate::case_report::objective_column(objective),
                    "auto",
                    Align::Right,
                ),
            ],
            &rows,
        ));
    }

    pub(super) fn decision(&mut self) {
        self.push(&heading(1, "Het besluit"));
        let Some(d) = &self.doc.decision else {
            self.push("*Nog geen besluit.* Deze versie is een concept: de afweging kan nog veranderen voordat er besloten wordt.\n\n");
            return;
        };
        let chosen: Vec<String> = d
            .chosen
            .iter()
            .map(|id| {
                let npv = self
                    .analysis
                    .report
                    .options
                    .iter()
                    .find(|o| &o.id == id)
                    .map(|o| o.npv);
                match npv {
                    Some(v) => format!(
                        "{} (maatschappelijk saldo {})",
                        inline(self.option_name(id)),
                        euro(v)
                    ),
                    None => inline(self.option_name(id)),
                }
            })
            .collect();
        self.push("*Gekozen:*\n\n");
        self.push(&list(&chosen));
        for (label, body) in [
            ("Waarom", &d.rationale),
            ("Afwijkende standpunten", &d.dissent),
            ("Voorwaarden", &d.conditions),
        ] {
            if !body.trim().is_empty() {
                self.push(&heading(2, label));
                self.push(&format!("{}\n\n", text(body)));
            }
        }
        self.push(&format!(
            "#text(size: 9.5pt, fill: luma(70))[Vastgelegd door {} op {}.]\n\n",
            inline(&d.decided_by),
            date(d.decided_at)
        ));
    }
}
