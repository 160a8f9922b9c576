//! Stenen: renovatie, sloop-nieuwbouw, verduurzaming and groot onderhoud,
//! per woning over 30 (groot onderhoud 15) years.

use super::{FlowExt, OWN_FIGURES, benefit, cost, pm};
use crate::case::catalogue::{PrimaryProcess, Role, Template, Unit};
use crate::model::{Category, PmSign};

/// How a dwelling's CO2 saving was priced: `tons` a year at an assumed
/// € 150 a ton.
fn co2_note(tons: &str) -> String {
    format!(
        "CO2: ongeveer {tons} ton minder per woning per jaar, gewaardeerd tegen een aangenomen € 150 per ton; vervang die waarde door de waarde die uw MKBA hanteert."
    )
}

/// A rent change after an improvement: of each euro, about a quarter is
/// borne by the Rijk through higher huurtoeslag (about half of social
/// tenants receive it and it covers part of a rise).
const RENT_NOTE: &str = "Huur: van elke euro huurverhoging draagt het Rijk naar aanname ongeveer een kwart via hogere huurtoeslag; deze overdrachten hebben geen bandbreedte, zodat ze in de onzekerheidsanalyse tegen elkaar wegvallen.";

pub(super) fn templates() -> Vec<Template> {
    vec![
        renovatie(),
        sloop_nieuwbouw(),
        verduurzaming(),
        groot_onderhoud(),
    ]
}

fn renovatie() -> Template {
    Template {
        key: "renovatie".into(),
        name: "Renovatie".into(),
        category: Category::Stenen,
        description: "Ingrijpende renovatie van een complex met bewoners in de woning: casco, gevel en dak, installaties, keuken en sanitair, en verduurzaming naar label A of B. De woning gaat daarna weer tientallen jaren mee en de huur mag met de verbetering stijgen.".into(),
        unit: Unit::PerDwelling,
        typical_quantity: 40.0,
        processes: vec![PrimaryProcess::Herontwikkeling],
        roles: vec![Role::Opdrachtgever, Role::Huisvester],
        routes: vec![],
        flows: vec![
            cost("corporatie", "Renovatie met verduurzaming (bouw, advies, leges)", 75_000.0, 0, 0)
                .pert(55_000.0, 110_000.0),
            cost("corporatie", "Bewonersbegeleiding en ongemakkenvergoeding", 3_000.0, 0, 0)
                .tri(1_500.0, 5_000.0),
            benefit("corporatie", "Lagere onderhouds- en storingslasten", 700.0, 1, 29)
                .tri(300.0, 1_100.0),
            benefit("corporatie", "Huurverhoging na woningverbetering", 480.0, 1, 29),
            cost("huurders", "Huurverhoging na woningverbetering", 360.0, 1, 29),
            cost("rijk", "Hogere huurtoeslag door de huurverhoging", 120.0, 1, 29),
            benefit("huurders", "Lagere energielasten", 650.0, 1, 29).tri(300.0, 1_000.0),
            benefit("rijk", "Minder CO2-uitstoot (maatschappelijke waarde)", 300.0, 1, 29)
                .tri(100.0, 500.0),
        ],
        pm: vec![
            pm("Wooncomfort en gezondheid: minder vocht, tocht en schimmel", Some("huurders"), PmSign::Plus, None),
            pm("Overlast tijdens de uitvoering", Some("huurders"), PmSign::Minus, Some("Weken tot maanden werk in en om de woning.")),
            pm("Betere uitstraling van het complex", Some("omwonenden"), PmSign::Plus, None),
            pm("Langere levensduur en restwaarde na de horizon", Some("corporatie"), PmSign::Plus, None),
        ],
        source: format!(
            "{OWN_FIGURES} Bouwkosten: de orde van grootte van een ingrijpende renovatie met verduurzaming van een gestapelde woning in 2024–2026 (vaak € 50.000 tot ruim € 100.000 per woning); vergelijk met de eigen begroting en met de Aedes-benchmark (onderhoud en verbetering). Onderhoud: aanname dat planmatig en storingsonderhoud € 300–1.100 per jaar lager uitvallen. Energie: een sprong van label E/F naar A/B bespaart grofweg 30–40 % van een energierekening van ongeveer € 2.000 per jaar. Huurverhoging: aanname € 40 per maand. {RENT_NOTE} {}",
            co2_note("2")
        ),
    }
}

fn sloop_nieuwbouw() -> Template {
    Template {
        key: "sloop-nieuwbouw".into(),
        name: "Sloop-nieuwbouw".into(),
        category: Category::Stenen,
        description: "Slopen van een verouderd complex en op dezelfde plek nieuwe sociale huurwoningen bouwen (per gesloopte woning één nieuwe). De zittende huurders worden herhuisvest met de wettelijke verhuiskostenvergoeding; de nieuwe woningen zijn energiezuinig en duurzaam, maar de huur ligt hoger.".into(),
        unit: Unit::PerDwelling,
        typical_quantity: 40.0,
        processes: vec![PrimaryProcess::Herontwikkeling, PrimaryProcess::Herhuisvesting],
        roles: vec![Role::Opdrachtgever, Role::Huisvester],
        routes: vec![],
        flows: vec![
            cost("corporatie", "Herhuisvesting: verhuiskostenvergoeding en begeleiding", 9_500.0, 0, 0)
                .tri(8_000.0, 12_000.0),
            cost("corporatie", "Sloop en bouwrijp maken", 15_000.0, 0, 0).tri(10_000.0, 25_000.0),
            cost("corporatie", "Bouw van de nieuwe woning (stichtingskosten, over twee jaar)", 110_000.0, 1, 2)
                .pert(90_000.0, 140_000.0),
            cost("corporatie", "Huurderving tijdens leegstand, sloop en bouw", 8_000.0, 0, 2)
                .tri(6_000.0, 9_500.0),
            benefit("corporatie", "Hogere huur van de nieuwe woning", 2_400.0, 3, 29),
            cost("huurders", "Hogere huur van de nieuwe woning", 1_800.0, 3, 29),
            cost("rijk", "Hogere huurtoeslag door de hogere huur", 600.0, 3, 29),
            benefit("corporatie", "Lagere onderhoudslasten", 1_200.0, 3, 29).pert(600.0, 1_800.0),
            benefit("huurders", "Lagere energielasten", 1_000.0, 3, 29).tri(600.0, 1_400.0),
            benefit("rijk", "Minder CO2-uitstoot (maatschappelijke waarde)", 450.0, 3, 29)
                .tri(200.0, 700.0),
        ],
        pm: vec![
            pm("Restwaarde van de nieuwe woning na de horizon", Some("corporatie"), PmSign::Plus, Some("Vaak groot: de woning gaat vijftig jaar of langer mee.")),
            pm("Verhuisstress en verlies van het sociale netwerk", Some("huurders"), PmSign::Minus, None),
            pm("Bouwoverlast", Some("omwonenden"), PmSign::Minus, None),
            pm("Andere uitstraling en bewonerssamenstelling van de buurt", Some("omwonenden"), PmSign::Zero, Some("Kan gunstig en ongunstig uitpakken.")),
            pm("Extra woningen als er verdicht wordt", Some("gemeente"), PmSign::Plus, Some("Reken extra woningen als aparte optie door.")),
        ],
        source: format!(
            "{OWN_FIGURES} Stichtingskosten: de orde van grootte van een nieuwe sociale huurwoning in 2024–2026 (ruwweg € 200.000–250.000 inclusief bijkomende kosten, zonder grond); vergelijk met de eigen begroting. Herhuisvesting: de wettelijke minimale verhuis- en inrichtingskostenvergoeding (art. 7:220 BW, ongeveer € 7.500 en jaarlijks geïndexeerd) plus begeleiding. Huurderving: aanname € 650 per maand gedurende de leegstand en bouw. Hogere huur: aanname € 200 per maand. {RENT_NOTE} Energie: nieuwbouw tegenover label E/F bespaart aangenomen € 600–1.400 per jaar. {}",
            co2_note("3")
        ),
    }
}

fn verduurzaming() -> Template {
    Template {
        key: "verduurzaming".into(),
        name: "Verduurzaming".into(),
        category: Category::Stenen,
        description: "Isoleren van gevel, dak, vloer en glas, met ventilatie en waar het kan zonnepanelen, naar ten minste label B, terwijl de huurders blijven wonen. Zonder de ingrijpende aanpak van een renovatie; de huur stijgt beperkt en alleen waar de woonlasten dalen.".into(),
        unit: Unit::PerDwelling,
        typical_quantity: 60.0,
        processes: vec![PrimaryProcess::Beheren, PrimaryProcess::Herontwikkeling],
        roles: vec![Role::Opdrachtgever, Role::Huisvester],
        routes: vec![],
        flows: vec![
            cost("corporatie", "Isolatie, ventilatie en installaties naar label B", 30_000.0, 0, 0)
                .pert(18_000.0, 45_000.0),
            benefit("corporatie", "Huurverhoging na energiebesparende maatregelen", 240.0, 1, 29),
            cost("huurders", "Huurverhoging na energiebesparende maatregelen", 180.0, 1, 29),
            cost("rijk", "Hogere huurtoeslag door de huurverhoging", 60.0, 1, 29),
            benefit("huurders", "Lagere energielasten", 550.0, 1, 29).tri(250.0, 900.0),
            benefit("rijk", "Minder CO2-uitstoot (maatschappelijke waarde)", 225.0, 1, 29)
                .tri(100.0, 400.0),
        ],
        pm: vec![
            pm("Comfort en gezondheid: minder vocht en schimmel", Some("huurders"), PmSign::Plus, None),
            pm("Overlast tijdens de uitvoering", Some("huurders"), PmSign::Minus, None),
            pm("Rijkssubsidie voor isolatie, als er een regeling van toepassing is", Some("corporatie"), PmSign::Plus, Some("Controleer welke regeling in het startjaar geldt en neem het bedrag dan als baat op.")),
            pm("Voldoen aan de afspraak om woningen met label E, F en G uit te faseren", Some("corporatie"), PmSign::Plus, None),
        ],
        source: format!(
            "{OWN_FIGURES} Investering: de orde van grootte van isoleren naar label B van een rij- of portiekwoning in 2024–2026 (grofweg € 18.000–45.000, afhankelijk van het startlabel); vergelijk met de eigen begroting en de Aedes-benchmark (duurzaamheid). Energie: aangenomen € 250–900 per jaar minder op een rekening van ongeveer € 2.000. Huurverhoging: aanname € 20 per maand. {RENT_NOTE} {}",
            co2_note("1,5")
        ),
    }
}

fn groot_onderhoud() -> Template {
    Template {
        key: "groot-onderhoud".into(),
        name: "Groot onderhoud".into(),
        category: Category::Stenen,
        description: "Planmatig groot onderhoud op het natuurlijke moment: dak, gevel en voegwerk, kozijnen met HR++-glas, keuken, badkamer en toilet, en installaties. Tegenover een nulalternatief waarin alleen reparaties en klachten worden verholpen; de woning blijft verder gelijk.".into(),
        unit: Unit::PerDwelling,
        typical_quantity: 40.0,
        processes: vec![PrimaryProcess::Beheren],
        roles: vec![Role::Opdrachtgever, Role::Huisvester],
        routes: vec![],
        flows: vec![
            cost("corporatie", "Groot onderhoud (dak, gevel, kozijnen, keuken, sanitair, installaties)", 25_000.0, 0, 0)
                .pert(15_000.0, 40_000.0),
            benefit("corporatie", "Minder reparatie- en mutatieonderhoud", 600.0, 1, 14)
                .tri(300.0, 900.0),
            benefit("huurders", "Lagere energielasten door nieuw glas en kozijnen", 150.0, 1, 14)
                .tri(50.0, 300.0),
        ],
        pm: vec![
            pm("Wooncomfort en tevredenheid van de huurders", Some("huurders"), PmSign::Plus, None),
            pm("Overlast tijdens de werkzaamheden", Some("huurders"), PmSign::Minus, None),
            pm("Verzorgde uitstraling van het complex", Some("omwonenden"), PmSign::Plus, None),
            pm("Langere exploitatieduur van het complex", Some("corporatie"), PmSign::Plus, None),
        ],
        source: format!(
            "{OWN_FIGURES} Kosten: de orde van grootte van een groot-onderhoudsbeurt in 2024–2026 (grofweg € 15.000–40.000 per woning, afhankelijk van wat er vervangen wordt); haal de bedragen uit de eigen meerjarenonderhoudsbegroting en vergelijk met de Aedes-benchmark (onderhoud en verbetering). Vermeden reparaties: aanname € 300–900 per woning per jaar over vijftien jaar. Energie: HR++-glas en kierdichting besparen aangenomen € 50–300 per jaar."
        ),
    }
}
