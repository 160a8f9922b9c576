//! The catalogue a new organisation starts with.

use super::{PrimaryProcess, Role, Route, Template, Unit};
use crate::model::{Adjust, Category, Distribution, Flow, FlowKind, PmItem, PmSign};

fn flow(actor: &str, kind: FlowKind, label: &str, amount: f64, from: i64, to: i64) -> Flow {
    Flow {
        label: label.to_string(),
        ..Flow::new(actor, kind, amount, from, to)
    }
}

/// The starting catalogue: stenen, sociaal and beleid interventions with
/// indicative figures and their sources.
pub fn default_templates() -> Vec<Template> {
    vec![
        Template {
            key: "buurtbeheerder".into(),
            name: "Buurtbeheerder".into(),
            category: Category::Sociaal,
            description: "Een vaste beheerder in de buurt die aanspreekbaar is, overlast en vervuiling aanpakt en signalen achter de voordeur doorgeeft.".into(),
            unit: Unit::PerProject,
            typical_quantity: 1.0,
            processes: vec![PrimaryProcess::Beheren],
            roles: vec![Role::Huisvester, Role::Werkgever],
            routes: vec![Route::Wonen],
            flows: vec![
                Flow {
                    uncertainty: Some(Distribution::Triangular { low: 60_000.0, high: 80_000.0 }),
                    ..flow("corporatie", FlowKind::Cost, "Loonkosten buurtbeheerder", 68_000.0, 0, 4)
                },
                Flow {
                    adjust: Some(Adjust { deadweight: 0.2, attribution: 0.3, displacement: 0.1, drop_off: 0.0 }),
                    uncertainty: Some(Distribution::Pert { low: 15_000.0, high: 60_000.0 }),
                    ..flow("corporatie", FlowKind::Benefit, "Minder mutaties en schoonmaak", 35_000.0, 1, 4)
                },
            ],
            pm: vec![PmItem { label: "Prettiger woonklimaat".into(), actor: Some("huurders".into()), sign: PmSign::Plus, note: None }],
            source: "Indicatief; loonkosten naar cao Woondiensten schaal 7, baten te toetsen aan eigen mutatie- en schoonmaakcijfers.".into(),
        },
        Template {
            key: "renovatie".into(),
            name: "Renovatie".into(),
            category: Category::Stenen,
            description: "Ingrijpende renovatie van een complex: casco, installaties en woningindeling.".into(),
            unit: Unit::PerDwelling,
            typical_quantity: 40.0,
            processes: vec![PrimaryProcess::Herontwikkeling],
            roles: vec![Role::Huisvester, Role::Opdrachtgever],
            routes: vec![],
            flows: vec![
                Flow {
                    uncertainty: Some(Distribution::Pert { low: 70_000.0, high: 110_000.0 }),
                    ..flow("corporatie", FlowKind::Cost, "Renovatiekosten", 85_000.0, 0, 0)
                },
                flow("corporatie", FlowKind::Benefit, "Lagere onderhoudslasten", 900.0, 1, 14),
            ],
            pm: vec![],
            source: "Indicatief; te vervangen door de eigen begroting.".into(),
        },
        Template {
            key: "huurbevriezing".into(),
            name: "Huurbevriezing".into(),
            category: Category::Beleid,
            description: "Geen huurverhoging voor de huurders in het gebied gedurende drie jaar.".into(),
            unit: Unit::PerDwelling,
            typical_quantity: 100.0,
            processes: vec![PrimaryProcess::Verhuren],
            roles: vec![Role::Huisvester],
            routes: vec![],
            flows: vec![
                flow("corporatie", FlowKind::Cost, "Gederfde huur", 250.0, 0, 2),
                flow("huurders", FlowKind::Benefit, "Lagere woonlasten", 250.0, 0, 2),
            ],
            pm: vec![],
            source: "Indicatief; huurverhoging van ongeveer 3 % op een huur van € 700 per maand.".into(),
        },
    ]
}
