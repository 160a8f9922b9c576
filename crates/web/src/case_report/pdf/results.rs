//! The results: the MKBA table and saldo chart, who pays and who gains
//! (EffectenArena and the proposal for sharing costs), and the weighing per
//! party.

use wikken_core::format;
use wikken_core::model::Direction;

use super::Writer;
use super::markup::{Align, euro, heading, inline, list, number, rate, table};
use super::options::category;
use crate::case_report::bcr;
use crate::svg::case_charts::{NpvBar, arena_matrix, npv_bars};

/// Weighings named above their rank column; more are numbered.
const NAMED_RANK_COLUMNS: usize = 4;

impl Writer<'_> {
    pub(super) fn results(&mut self) {
        let r = &self.analysis.report;
        let m = &self.analysis.model;
        self.push(&heading(1, "Resultaten"));
        self.push(&format!(
            "De maatschappelijke kosten-batenanalyse (MKBA) telt per optie alle kosten en baten over {} jaar op als contante waarde (CW), met een discontovoet van {}. *Saldo* is baten min kosten: boven 0 levert de optie de samenleving per saldo meer op dan ze kost. *B/K* is baten gedeeld door kosten.\n\n",
            m.horizon_years,
            rate(m.discount_rate)
        ));
        if let Some(notice) = crate::case_report::horizon_notice(m) {
            self.push(&format!(
                "*Let op: effecten na de looptijd.* {}\n\n",
                inline(&notice)
            ));
        }
        let notes = bcr::notes(self.doc, r);
        let ijkpunt = bcr::any_benchmark(&notes);
        let rows: Vec<Vec<String>> = r
            .options
            .iter()
            .zip(&notes)
            .map(|(o, n)| {
                let mut row = vec![
                    inline(&o.name),
                    category(o.category).to_string(),
                    euro(o.pv_costs),
                    euro(o.pv_benefits),
                    format!("*{}*", euro(o.npv)),
                    o.bcr.map_or("–".to_string(), |b| number(b, 2)),
                ];
                if ijkpunt {
                    row.push(inline(&bcr::benchmark_cell(n)));
                }
                row
            })
            .collect();
        let mut columns = vec![
            ("Optie", "1fr", Align::Left),
            ("Soort", "auto", Align::Left),
            ("CW kosten", "auto", Align::Right),
            ("CW baten", "auto", Align::Right),
            ("Saldo", "auto", Align::Right),
            ("B/K", "auto", Align::Right),
        ];
        if ijkpunt {
            columns.push(("Ijkpunt B/K", "auto", Align::Right));
        }
        self.push(&table(&columns, &rows));
        let remarks: Vec<String> = bcr::remarks(r, &notes).iter().map(|x| inline(x)).collect();
        if !remarks.is_empty() {
            self.push(&list(&remarks));
        }
        self.rates_table();
        let bars: Vec<NpvBar> = r
            .options
            .iter()
            .map(|o| NpvBar {
                name: o.name.clone(),
                npv: o.npv,
                range: o.uncertainty.map(|u| (u.p5, u.p95)),
            })
            .collect();
        self.figure(
            "saldo.svg",
            npv_bars(&bars),
            "Maatschappelijk saldo per optie; links van 0 kost de optie meer dan ze oplevert.",
            "",
        );
        let with_pm: Vec<String> = r
            .options
            .iter()
            .filter(|o| !o.pm.is_empty())
            .map(|o| inline(&o.name))
            .collect();
        if !with_pm.is_empty() {
            self.push(&format!(
                "#note[Niet alles is in geld uit te drukken. Voor {} staan effecten als PM-post genoemd (zie De opties); die zitten niet in het saldo en wegen in het besluit apart mee.]\n\n",
                with_pm.join(", ")
            ));
        }
        if r.mca.is_some() {
            self.push(&heading(2, "Scores op de criteria buiten geld"));
            self.push("Naast het saldo zijn de opties gescoord op criteria die niet in euro's uit te drukken zijn. Met de gedeelde weging (zie De weging per partij) geeft dat per optie een score en een plaats; 1 is de beste.\n\n");
            let rows: Vec<Vec<String>> = r
                .options
                .iter()
                .filter_map(|o| {
                    let s = o.mca?;
                    Some(vec![
                        inline(&o.name),
                        number(s.score, 2),
                        s.rank.to_string(),
                    ])
                })
                .collect();
            self.push(&table(
                &[
                    ("Optie", "1fr", Align::Left),
                    ("Score", "auto", Align::Right),
                    ("Plaats", "auto", Align::Right),
                ],
                &rows,
            ));
        }
        if !r.warnings.is_empty() {
            self.push("*Opmerkingen bij de berekening:*\n\n");
            let items: Vec<String> = r.warnings.iter().map(|w| inline(w)).collect();
            self.push(&list(&items));
        }
    }

    /// The saldo at the discount rates the MKBA leidraad asks for.
    fn rates_table(&mut self) {
        let r = &self.analysis.report;
        let rates = &self.analysis.model.sensitivity_rates;
        if rates.is_empty() || r.options.iter().all(|o| o.npv_at_rates.is_none()) {
            return;
        }
        self.push(&format!(
            "Hoe gevoelig is het saldo voor de discontovoet? Het saldo bij {}:\n\n",
            rates
                .iter()
                .map(|x| rate(*x))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let headers: Vec<String> = rates
            .iter()
            .map(|x| format!("Saldo bij {}", rate(*x)))
            .collect();
        let mut columns = vec![("Optie", "1fr", Align::Left)];
        for h in &headers {
            columns.push((h.as_str(), "auto", Align::Right));
        }
        let rows: Vec<Vec<String>> = r
            .options
            .iter()
            .map(|o| {
                let mut row = vec![inline(&o.name)];
                let values: Vec<f64> = o
                    .npv_at_rates
                    .as_ref()
                    .map(|m| m.values().copied().collect())
                    .unwrap_or_default();
                for i in 0..rates.len() {
                    row.push(values.get(i).map_or("–".to_string(), |v| euro(*v)));
                }
                row
            })
            .collect();
        self.push(&table(&columns, &rows));
    }

    pub(super) fn arena(&mut self) {
        let a = self.analysis;
        self.push(&heading(1, "Wie betaalt en wie wint"));
        if a.arena.is_empty() {
            self.push("Er zijn geen kosten of baten per partij om te tonen.\n\n");
            return;
        }
        // Only actors with some cost or benefit in some option.
        let actors: Vec<(String, String)> = a
            .model
            .actors
            .iter()
            .filter(|act| {
                a.arena.iter().any(|c| {
                    c.actors
                        .get(&act.id)
                        .is_some_and(|x| x.pv_costs.abs() > 0.5 || x.pv_benefits.abs() > 0.5)
                })
            })
            .map(|act| (act.id.clone(), act.name.clone()))
            .collect();
        let options: Vec<(String, String)> = a
            .arena
            .iter()
            .map(|c| (c.option.clone(), self.option_name(&c.option).to_string()))
            .collect();
        let intro = "Het maatschappelijk saldo zegt niet wie de kosten draagt en wie de baten krijgt. De EffectenArena laat per partij zien wat een optie haar per saldo oplevert (baten min kosten, contante waarde).";
        let net = |i: usize, o: usize| a.arena[o].actors.get(&actors[i].0).map_or(0.0, |c| c.net);
        let chart = arena_matrix(&actors, &options, &net);
        self.figure(
            "arena.svg",
            chart,
            "Saldo per partij en optie: rood betaalt per saldo, blauw wint per saldo.",
            intro,
        );
        self.push(&heading(2, "Voorstel voor het verdelen van de kosten"));
        self.push(&format!(
            "{}\n\nPer optie toont een tabel per partij het saldo nu, of de partij meebetaalt, de voorgestelde bijdrage en het saldo na die verdeling.\n\n",
            inline(&crate::case_report::cost_sharing_rule(
                &a.model.actors,
                &self.doc.cost_sharing
            ))
        ));
        // One small table per option, under its name: a column repeating
        // long option names would wrap them a word per line.
        for col in &a.arena {
            let rows: Vec<Vec<String>> = col
                .actors
                .iter()
                .filter(|(_, cell)| cell.pv_costs.abs() >= 0.5 || cell.pv_benefits.abs() >= 0.5)
                .map(|(id, cell)| {
                    vec![
                        inline(self.actor_name(id)),
                        euro(cell.net),
                        if cell.pays { "ja" } else { "nee" }.to_string(),
                        euro(cell.proposed_contribution),
                        euro(cell.net_after_sharing),
                    ]
                })
                .collect();
            if rows.is_empty() {
                continue;
            }
            self.push(&format!(
                "*{}*

",
                inline(self.option_name(&col.option))
            ));
            self.push(&table(
                &[
                    ("Partij", "1fr", Align::Left),
                    ("Saldo nu", "auto", Align::Right),
                    ("Betaalt mee", "auto", Align::Left),
                    ("Voorgestelde bijdrage", "auto", Align::Right),
                    ("Saldo na verdeling", "auto", Align::Right),
                ],
                &rows,
            ));
            if let Some(rest) = crate::case_report::remainder_text(&a.model.actors, col) {
                self.push(&format!("{}\n\n", inline(&rest)));
            }
        }
    }

    pub(super) fn weighing(&mut self) {
        let d = self.doc;
        self.push(&heading(1, "De weging per partij"));
        if d.criteria.is_empty() {
            self.push("Er zijn geen criteria buiten geld vastgelegd: de opties worden alleen op hun maatschappelijk saldo vergeleken.\n\n");
            return;
        }
        self.push(&format!(
            "Behalve geld tellen {} criteria mee. Elke partij kan ze anders wegen; de gedeelde weging is die waarover de tafel het eens werd. Gewichten tellen per kolom op tot 100 %.\n\n",
            d.criteria.len()
        ));
        let main = d.weighting.weights(&d.criteria).ok();
        let parties: Vec<(String, Vec<f64>)> = d
            .party_weights
            .iter()
            .filter_map(|p| {
                let w = p.weighting.weights(&d.criteria).ok()?;
                let name = d
                    .participant(&p.participant)
                    .map_or(p.participant.clone(), |x| x.name.clone());
                Some((name, w))
            })
            .collect();
        let party_headers: Vec<String> = parties.iter().map(|(n, _)| inline(n)).collect();
        let mut columns = vec![
            ("Criterium", "1fr", Align::Left),
            ("Gedeeld", "auto", Align::Right),
        ];
        for h in &party_headers {
            columns.push((h.as_str(), "auto", Align::Right));
        }
        // Whole percentages that add up to 100 per column.
        let main = main.map(|w| format::whole_percent_texts(&w));
        let parties: Vec<(String, Vec<String>)> = parties
            .into_iter()
            .map(|(n, w)| (n, format::whole_percent_texts(&w)))
            .collect();
        let share = |w: &[String], i: usize| w.get(i).cloned().unwrap_or_else(|| "–".to_string());
        let rows: Vec<Vec<String>> = d
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let dir = match c.direction {
                    Direction::Max => "meer is beter",
                    Direction::Min => "minder is beter",
                };
                let mut row = vec![format!(
                    "{} #text(size: 8.5pt, fill: luma(90))[({dir})]",
                    inline(&c.name)
                )];
                row.push(main.as_deref().map_or("–".to_string(), |w| share(w, i)));
                for (_, w) in &parties {
                    row.push(share(w, i));
                }
                row
            })
            .collect();
        self.push(&table(&columns, &rows));
        self.ranks();
    }

    /// Ranks under the shared and each party's weights, side by side.
    fn ranks(&mut self) {
        let dis = &self.analysis.disagreement;
        if dis.is_empty() {
            return;
        }
        self.push(&heading(2, "Waar de partijen verschillen"));
        let inconsistent = self.doc.inconsistent_weighings();
        if !inconsistent.is_empty() {
            self.push(&format!(
                "*Let op: tegenstrijdige vergelijkingen.* {}\n\n",
                inline(&crate::case_report::inconsistency_text(&inconsistent))
            ));
        }
        if !crate::case_report::scores_differ(self.analysis) {
            self.push(&format!(
                "*Nog geen scores.* {}\n\n",
                inline(crate::case_report::NO_SCORES)
            ));
        }
        let flag = |k: &str| {
            if inconsistent.iter().any(|i| i.holder == k) {
                " ⚠"
            } else {
                ""
            }
        };
        let names: Vec<String> = dis[0]
            .ranks
            .keys()
            .map(|k| format!("{}{}", inline(k), flag(k)))
            .collect();
        // Many weighings (a werkatelier adds one per role) do not fit side
        // by side under their names: then they are numbered, with a key.
        let numbered = names.len() > NAMED_RANK_COLUMNS;
        let headers: Vec<String> = if numbered {
            (1..=names.len()).map(|i| i.to_string()).collect()
        } else {
            names.clone()
        };
        let mut columns = vec![
            ("Optie", "1fr", Align::Left),
            ("Gedeeld", "auto", Align::Right),
        ];
        for n in &headers {
            columns.push((n.as_str(), "auto", Align::Right));
        }
        columns.push(("Verschil", "auto", Align::Right));
        let rows: Vec<Vec<String>> = dis
            .iter()
            .map(|x| {
                let strong = |s: String| if x.spread > 0 { format!("*{s}*") } else { s };
                let mut row = vec![
                    strong(inline(self.option_name(&x.option))),
                    x.main_rank.to_string(),
                ];
                for k in dis[0].ranks.keys() {
                    row.push(x.ranks.get(k).map_or("–".to_string(), u32::to_string));
                }
                row.push(strong(x.spread.to_string()));
                row
            })
            .collect();
        self.push("Per optie de plaats (1 is de beste) onder de gedeelde weging en onder de weging van elke partij. *Verschil* is het verschil tussen de hoogste en de laagste plaats.\n\n");
        self.push(&table(&columns, &rows));
        if numbered {
            let key: Vec<String> = names
                .iter()
                .enumerate()
                .map(|(i, n)| format!("{}: {n}", i + 1))
                .collect();
            self.push(&format!(
                "#text(size: 9pt)[Kolommen: {}.]\n\n",
                key.join("; ")
            ));
        }
        let split: Vec<String> = dis
            .iter()
            .filter(|x| x.spread > 0)
            .map(|x| inline(self.option_name(&x.option)))
            .collect();
        if split.is_empty() {
            self.push("Alle partijen komen tot dezelfde volgorde: de weging maakt voor de keuze geen verschil.\n\n");
        } else {
            self.push(&format!(
                "De partijen zijn het niet eens over de plaats van {}; daar hangt de keuze af van hoe de criteria gewogen worden.\n\n",
                split.join(", ")
            ));
        }
    }
}
