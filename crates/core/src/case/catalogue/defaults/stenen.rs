//! Stenen: renovatie, sloop-nieuwbouw, verduurzaming and groot onderhoud,
//! per woning. Energy is priced from gas saved (about 280 m³, 0,5 t CO2,
//! for insulating to the standard); the energiebelasting and btw in a
//! saved bill are shown as what they are, a transfer from the Rijk to the
//! huurders; CO2 is a value of the maatschappij, which holds no cash; an
//! investment keeps a restwaarde at the end of the looptijd.

use super::figures::{Sourced, assumed, published, share_of, sourced};
use super::{FlowExt, benefit, cost, pm};
use crate::case::catalogue::{Basis, PrimaryProcess, Residual, Role, Template, Unit};
use crate::model::{Category, PmSign};

/// Of € 1,33 per m³ gas (January 2025), € 0,81 is energiebelasting and btw.
const ENERGY_TAX_SHARE: f64 = 0.61;
/// Why [`ENERGY_TAX_SHARE`].
const ENERGY_TAX_WHY: &str = "Van de € 1,33 per m³ gas is € 0,81 energiebelasting en btw (€ 0,58 + € 0,23, januari 2025; minister van KGG, antwoord op Kamervragen 2025D11791): bij elke bespaarde m³ derft het Rijk dat deel. Een overdracht: wat de huurders daarvan winnen, verliest het Rijk, zodat het in het maatschappelijk saldo wegvalt (zonder bandbreedte, zodat het ook in de onzekerheidsanalyse wegvalt). Het is het tarief per extra m³; de vaste belastingvermindering verandert niet.";
/// Of each euro of rent rise, the huurders pay three quarters.
const TENANT_SHARE: f64 = 0.75;
/// Why [`TENANT_SHARE`].
const TENANT_WHY: &str = "Het deel dat de huurders zelf betalen; naar aanname draagt het Rijk een kwart via hogere huurtoeslag (ongeveer de helft van de huurders ontvangt die en die dekt een deel van een verhoging).";
/// Who values CO2 and at what.
const CO2_BY: &str =
    "CPB en PBL, WLO-klimaatscenario's en de waardering van CO2-uitstoot in MKBA's";
/// A rent rise after improvement: the part of the Rijk.
const RIJK_RENT_WHY: &str =
    "Het deel dat het Rijk via hogere huurtoeslag draagt (aanname, zie hierboven).";

pub(super) fn templates() -> Vec<Sourced> {
    vec![
        renovatie(),
        sloop_nieuwbouw(),
        verduurzaming(),
        groot_onderhoud(),
    ]
}

const RENOVATIE: &str = "Renovatie naar label A met keuken en badkamer (bouw, advies, leges)";
const RENOVATIE_RENT: &str = "Hogere huur na woningverbetering";
const RENOVATIE_ENERGY: &str = "Lagere energierekening";

fn renovatie() -> Sourced {
    let t = Template {
        key: "renovatie".into(),
        name: "Renovatie".into(),
        category: Category::Stenen,
        description: "Ingrijpende renovatie van een complex met bewoners in de woning: casco, gevel en dak, installaties, nieuwe keuken en badkamer, en verduurzaming van label E/F naar A. De woning gaat daarna weer tientallen jaren mee. De huur stijgt alleen voor de woningverbetering, niet voor de verduurzaming (Nationale Prestatieafspraken 2022). Wat er na de looptijd van de woning over is, telt als restwaarde.".into(),
        unit: Unit::PerDwelling,
        typical_quantity: 40.0,
        processes: vec![PrimaryProcess::Herontwikkeling],
        roles: vec![Role::Opdrachtgever, Role::Huisvester],
        routes: vec![],
        flows: vec![
            cost("corporatie", RENOVATIE, 65_000.0, 0, 0).pert(50_000.0, 95_000.0),
            cost("corporatie", "Bewonersbegeleiding en ongemakkenvergoeding", 3_000.0, 0, 0)
                .tri(1_500.0, 5_000.0),
            benefit("corporatie", "Lagere onderhouds- en storingslasten", 700.0, 1, 29)
                .tri(300.0, 1_200.0),
            benefit("corporatie", RENOVATIE_RENT, 420.0, 1, 29),
            cost("huurders", "Hogere huur na woningverbetering (deel huurders)", 420.0 * TENANT_SHARE, 1, 29),
            cost("rijk", "Hogere huurtoeslag door de huurverhoging", 420.0 * (1.0 - TENANT_SHARE), 1, 29),
            benefit("huurders", RENOVATIE_ENERGY, 650.0, 1, 29).tri(400.0, 930.0),
            cost("rijk", "Minder energiebelasting en btw op gas (overdracht)", 650.0 * ENERGY_TAX_SHARE, 1, 29),
            benefit("maatschappij", "Minder CO2-uitstoot", 130.0, 1, 29).tri(70.0, 200.0),
        ],
        pm: vec![
            pm("Wooncomfort en gezondheid: minder vocht, tocht en schimmel", Some("huurders"), PmSign::Plus, Some("Het belangrijkste effect voor de bewoners, zonder prijs: de B/K is daardoor onvolledig.")),
            pm("Overlast tijdens de uitvoering", Some("huurders"), PmSign::Minus, Some("Weken tot maanden werk in en om de woning.")),
            pm("Betere uitstraling van het complex", Some("omwonenden"), PmSign::Plus, None),
        ],
        source: String::new(),
        basis: Basis {
            residual: Some(Residual { asset: RENOVATIE.into(), life_years: 40 }),
            main_effect_pm: Some("Wooncomfort en gezondheid: minder vocht, tocht en schimmel".into()),
            ..Basis::default()
        },
    };
    sourced(
        t,
        vec![
            published(
                RENOVATIE,
                (50_000.0, 95_000.0),
                "NUL20, dossier ZVH portiekflats; Aedes via Trouw",
                2018,
                "ZVH renoveerde 72 portiekwoningen van label E/F naar A met nieuwe keuken en badkamer voor € 48.000 per woning (jaar niet vermeld); Aedes raamde in 2018 gemiddeld € 52.000 per woning om sociale huurwoningen gasloos te maken. Met een aangenomen bouwkostenstijging van ongeveer 4 % per jaar is dat in 2025 € 63.000–68.000.",
            ),
            assumed(
                "Bewonersbegeleiding en ongemakkenvergoeding",
                (1_500.0, 5_000.0),
                "enkele dagen begeleiding per woning en een vergoeding voor het ongemak; neem het eigen sociaal plan.",
            ),
            published(
                "Lagere onderhouds- en storingslasten",
                (300.0, 1_800.0),
                "Cobouw, over de Aedes-benchmark",
                2016,
                "Instandhouding kost € 1.126 per jaar voor woningen van na 2010 tegen € 2.946 voor vooroorlogse woningen: ongeveer € 1.800 verschil; een renovatie haalt daar naar aanname een deel van.",
            ),
            published(
                RENOVATIE_RENT,
                (420.0, 720.0),
                "NUL20, dossier ZVH portiekflats; Nationale Prestatieafspraken",
                2022,
                "Bij ZVH ging de huur € 60 per maand omhoog: € 35 voor indeling en comfort en € 25 voor energie. Sinds 2023 mag de huur na verduurzaming niet meer stijgen (Nationale Prestatieafspraken, 2022), dus alleen de € 35 voor de woningverbetering telt.",
            ),
            share_of(
                "Hogere huur na woningverbetering (deel huurders)",
                RENOVATIE_RENT,
                TENANT_SHARE,
                TENANT_WHY,
            ),
            share_of(
                "Hogere huurtoeslag door de huurverhoging",
                RENOVATIE_RENT,
                1.0 - TENANT_SHARE,
                RIJK_RENT_WHY,
            ),
            published(
                RENOVATIE_ENERGY,
                (400.0, 930.0),
                "Woonbond; minister van KGG, antwoord op Kamervragen 2025D11791",
                2025,
                "Een kleine sociale huurwoning met label F verbruikt ongeveer 1.050 m³ gas per jaar, met label B ongeveer 760 m³ (Woonbond, indicatie); naar label A, deels elektrisch, naar aanname 300–700 m³ minder, tegen € 1,33 per m³ (januari 2025).",
            ),
            share_of(
                "Minder energiebelasting en btw op gas (overdracht)",
                RENOVATIE_ENERGY,
                ENERGY_TAX_SHARE,
                ENERGY_TAX_WHY,
            ),
            published(
                "Minder CO2-uitstoot",
                (50.0, 310.0),
                CO2_BY,
                2016,
                "1 m³ aardgas geeft 1,78 kg CO2, dus 300–700 m³ minder is 0,5–1,25 ton per jaar; gewaardeerd tegen een aangenomen € 150 per ton, binnen de WLO-bandbreedte voor twee graden van € 100–500 per ton in 2030 (prijspeil 2013). Een waarde voor de maatschappij, niet voor de kas van een partij.",
            ),
        ],
        "Restwaarde: de renovatie wordt lineair afgeschreven over 40 jaar (stenen gaan 40–50 jaar mee); wat er aan het eind van de looptijd over is, telt als baat van de corporatie in het laatste jaar. Zonder restwaarde valt bij een korte looptijd het grootste deel van de baten weg (rwseconomie, werkwijzer zichtperiode en restwaarde).",
    )
}

const BOUW: &str = "Bouw van de nieuwe woning (stichtingskosten, over twee jaar)";
const NEW_RENT: &str = "Hogere huur van de nieuwe woning";
const NEW_ENERGY: &str = "Lagere energierekening in de nieuwe woning";

fn sloop_nieuwbouw() -> Sourced {
    let t = Template {
        key: "sloop-nieuwbouw".into(),
        name: "Sloop-nieuwbouw".into(),
        category: Category::Stenen,
        description: "Slopen van een verouderd complex en op dezelfde plek nieuwe sociale huurwoningen bouwen (per gesloopte woning één nieuwe). De zittende huurders worden herhuisvest met de wettelijke verhuiskostenvergoeding; de nieuwe woningen zijn energiezuinig en gaan vijftig jaar of langer mee, maar de huur ligt hoger. Wat er na de looptijd van de nieuwe woning over is, telt als restwaarde.".into(),
        unit: Unit::PerDwelling,
        typical_quantity: 40.0,
        processes: vec![PrimaryProcess::Herontwikkeling, PrimaryProcess::Herhuisvesting],
        roles: vec![Role::Opdrachtgever, Role::Huisvester],
        routes: vec![],
        flows: vec![
            cost("corporatie", "Herhuisvesting: verhuiskostenvergoeding en begeleiding", 9_500.0, 0, 0)
                .tri(8_000.0, 12_000.0),
            cost("corporatie", "Sloop en bouwrijp maken", 15_000.0, 0, 0).tri(8_000.0, 25_000.0),
            cost("corporatie", BOUW, 115_000.0, 1, 2).pert(95_000.0, 140_000.0),
            cost("corporatie", "Huurderving tijdens leegstand, sloop en bouw", 7_300.0, 0, 2)
                .tri(5_500.0, 9_000.0),
            benefit("corporatie", NEW_RENT, 2_400.0, 3, 29),
            cost("huurders", "Hogere huur van de nieuwe woning (deel huurders)", 2_400.0 * TENANT_SHARE, 3, 29),
            cost("rijk", "Hogere huurtoeslag door de hogere huur", 2_400.0 * (1.0 - TENANT_SHARE), 3, 29),
            benefit("corporatie", "Lagere onderhoudslasten", 1_800.0, 3, 29).pert(1_100.0, 2_500.0),
            benefit("huurders", NEW_ENERGY, 900.0, 3, 29).tri(600.0, 1_300.0),
            cost("rijk", "Minder energiebelasting en btw (overdracht)", 900.0 * 0.5, 3, 29),
            benefit("maatschappij", "Minder CO2-uitstoot", 180.0, 3, 29).tri(100.0, 300.0),
        ],
        pm: vec![
            pm("Verhuisstress en verlies van het sociale netwerk", Some("huurders"), PmSign::Minus, None),
            pm("Bouwoverlast", Some("omwonenden"), PmSign::Minus, None),
            pm("Andere uitstraling en bewonerssamenstelling van de buurt", Some("omwonenden"), PmSign::Zero, Some("Kan gunstig en ongunstig uitpakken.")),
            pm("Extra woningen als er verdicht wordt", Some("gemeente"), PmSign::Plus, Some("Reken extra woningen als aparte optie door.")),
        ],
        source: String::new(),
        basis: Basis {
            residual: Some(Residual { asset: BOUW.into(), life_years: 50 }),
            ..Basis::default()
        },
    };
    sourced(
        t,
        vec![
            published(
                "Herhuisvesting: verhuiskostenvergoeding en begeleiding",
                (8_000.0, 12_000.0),
                "Rijksoverheid",
                2024,
                "De wettelijke verhuis- en inrichtingskostenvergoeding (art. 7:220 BW) is € 7.428 sinds 29 februari 2024 en wordt jaarlijks geïndexeerd; daarbij naar aanname € 1.000–4.000 aan begeleiding en dubbele lasten.",
            ),
            assumed(
                "Sloop en bouwrijp maken",
                (8_000.0, 25_000.0),
                "sloop, asbestsanering en bouwrijp maken van een gestapelde woning; vraag een raming op.",
            ),
            published(
                BOUW,
                (95_000.0, 140_000.0),
                "Aedes, Aedes-benchmark (Aedes-Magazine 4-2021)",
                2021,
                "De gemiddelde stichtingskosten van een nieuwe corporatiewoning waren € 187.000 in 2020, 13 % meer dan in 2019. Met een aangenomen bouwkostenstijging van ongeveer 4 % per jaar is dat ongeveer € 230.000 in 2025, de helft per bouwjaar.",
            ),
            published(
                "Huurderving tijdens leegstand, sloop en bouw",
                (5_500.0, 9_000.0),
                "Aedes, enquête huren, via NUL20",
                2024,
                "De gemiddelde huur van een corporatiewoning was € 582 per maand eind 2023 en steeg op 1 juli 2024 met 5,1 %: ongeveer € 610 per maand, € 7.300 per jaar.",
            ),
            assumed(
                NEW_RENT,
                (1_200.0, 3_600.0),
                "€ 200 per maand hoger dan de oude huur (€ 100–300), binnen de grens van de sociale huur. Zonder bandbreedte in de berekening, omdat huur en huurtoeslag overdrachten zijn die in de onzekerheidsanalyse tegen elkaar moeten wegvallen.",
            ),
            share_of(
                "Hogere huur van de nieuwe woning (deel huurders)",
                NEW_RENT,
                TENANT_SHARE,
                TENANT_WHY,
            ),
            share_of(
                "Hogere huurtoeslag door de hogere huur",
                NEW_RENT,
                1.0 - TENANT_SHARE,
                RIJK_RENT_WHY,
            ),
            published(
                "Lagere onderhoudslasten",
                (1_100.0, 2_500.0),
                "Cobouw, over de Aedes-benchmark",
                2016,
                "Instandhouding kost € 1.126 per jaar voor woningen van na 2010 tegen € 2.946 voor vooroorlogse woningen: ongeveer € 1.800 verschil, in prijzen van 2016.",
            ),
            published(
                NEW_ENERGY,
                (600.0, 1_300.0),
                "CBS, De energierekening januari 2025",
                2025,
                "Een gemiddeld huishouden verbruikt naar verwachting van PBL 987 m³ gas in 2025 (ongeveer € 1.300 tegen € 1,33 per m³); de nieuwe woning gebruikt geen gas maar meer stroom, zodat er naar aanname € 600–1.300 per jaar overblijft.",
            ),
            share_of(
                "Minder energiebelasting en btw (overdracht)",
                NEW_ENERGY,
                0.5,
                "Aanname: de helft van de besparing is energiebelasting en btw; minder dan bij gas alleen, omdat de nieuwe woning meer (ook belaste) stroom gebruikt. Een overdracht die in het saldo wegvalt.",
            ),
            published(
                "Minder CO2-uitstoot",
                (75.0, 450.0),
                CO2_BY,
                2016,
                "987 m³ gas is 1,76 ton CO2; min de uitstoot van de extra stroom naar aanname ongeveer 1,2 ton per jaar (0,5–2 ton), tegen een aangenomen € 150 per ton, binnen de WLO-bandbreedte van € 100–500 per ton in 2030 (prijspeil 2013).",
            ),
        ],
        "Restwaarde: de nieuwe woning wordt lineair afgeschreven over 50 jaar vanaf het jaar na de bouw; wat er aan het eind van de looptijd over is, telt als baat van de corporatie in het laatste jaar.",
    )
}

const NOW: &str = "Isoleren naar de standaard, nu";
const LATER: &str = "Vervalt: dezelfde investering twee jaar later (nulalternatief)";
const EARLIER_ENERGY: &str = "Lagere energierekening, twee jaar eerder";

fn verduurzaming() -> Sourced {
    let t = Template {
        key: "verduurzaming".into(),
        name: "Verduurzaming: nu in plaats van over twee jaar".into(),
        category: Category::Stenen,
        description: "Isoleren naar de standaard (gevel, dak, vloer, glas en ventilatie) nu, in plaats van twee jaar later. De Nationale Prestatieafspraken (2022) vragen dat corporaties in 2028 geen woningen met label E, F of G meer hebben, en staan geen huurverhoging na verduurzaming toe. Het nulalternatief is dus niet dat de labels blijven, maar dat hetzelfde werk uiterlijk 2028 gebeurt; deze optie rekent het verschil: de investering komt twee jaar eerder, en de huurders en het klimaat winnen twee jaar eerder.".into(),
        unit: Unit::PerDwelling,
        typical_quantity: 60.0,
        processes: vec![PrimaryProcess::Beheren, PrimaryProcess::Herontwikkeling],
        roles: vec![Role::Opdrachtgever, Role::Huisvester],
        routes: vec![],
        flows: vec![
            cost("corporatie", NOW, 20_000.0, 0, 0),
            benefit("corporatie", LATER, 20_000.0, 2, 2),
            benefit("huurders", EARLIER_ENERGY, 400.0, 1, 2).tri(250.0, 550.0),
            cost("rijk", "Minder energiebelasting en btw op gas (overdracht)", 400.0 * ENERGY_TAX_SHARE, 1, 2),
            benefit("maatschappij", "Minder CO2-uitstoot, twee jaar eerder", 75.0, 1, 2).tri(45.0, 110.0),
        ],
        pm: vec![
            pm("Vermeden huurverlaging onder het woningwaarderingsstelsel", Some("corporatie"), PmSign::Plus, Some("Sinds 2024 telt een slecht label zwaarder: bij label G kan de maximale huur ongeveer € 50 per maand lager uitvallen (Kamerbrief 21 oktober 2022). Alleen waar de huur boven die nieuwe grens ligt, kost uitstel de corporatie huur.")),
            pm("Comfort en gezondheid, twee jaar eerder", Some("huurders"), PmSign::Plus, None),
            pm("Prijsrisico: later bouwen kan duurder of goedkoper uitvallen", Some("corporatie"), PmSign::Zero, Some("De bouwkosten stegen de laatste jaren sneller dan de inflatie.")),
            pm("Ruim voor 2028 aan de Nationale Prestatieafspraken voldoen", Some("corporatie"), PmSign::Plus, None),
        ],
        source: String::new(),
        basis: Basis::default(),
    };
    sourced(
        t,
        vec![
            published(
                NOW,
                (10_000.0, 32_000.0),
                "TNO en CPB",
                2023,
                "Isoleren naar de standaard kost gemiddeld € 19.000 per woning (met btw), € 9.500 voor een appartement, en bespaart ongeveer 25 % gas; met een aangenomen prijsstijging van 3 % per jaar ongeveer € 20.000 in 2025. Zonder bandbreedte in de berekening: in beide alternatieven is het dezelfde investering, zodat de onzekerheid erover de keuze nauwelijks raakt.",
            ),
            share_of(
                LATER,
                NOW,
                1.0,
                "In het nulalternatief gebeurt hetzelfde werk twee jaar later, zoals de Nationale Prestatieafspraken (2022) vragen; die uitgave vervalt. Wat vervroegen kost, is dus vooral twee jaar rente.",
            ),
            published(
                EARLIER_ENERGY,
                (250.0, 550.0),
                "TNO en CPB; minister van KGG, antwoord op Kamervragen 2025D11791",
                2025,
                "Isoleren naar de standaard bespaart ongeveer € 450 per jaar bij € 1,59 per m³ (TNO en CPB, 2023), dus ongeveer 280 m³; tegen € 1,33 per m³ in januari 2025 is dat ongeveer € 375.",
            ),
            share_of(
                "Minder energiebelasting en btw op gas (overdracht)",
                EARLIER_ENERGY,
                ENERGY_TAX_SHARE,
                ENERGY_TAX_WHY,
            ),
            published(
                "Minder CO2-uitstoot, twee jaar eerder",
                (45.0, 150.0),
                CO2_BY,
                2016,
                "280 m³ gas is 0,5 ton CO2 per jaar (1,78 kg per m³), gewaardeerd tegen een aangenomen € 150 per ton, binnen de WLO-bandbreedte van € 100–500 per ton in 2030 (prijspeil 2013).",
            ),
        ],
        "Geen restwaarde: in beide alternatieven staat aan het eind van de looptijd dezelfde geïsoleerde woning.",
    )
}

const ONDERHOUD: &str = "Groot onderhoud (dak, gevel, kozijnen, keuken, sanitair, installaties)";
const GLAS_ENERGY: &str = "Lagere energierekening door nieuw glas en kozijnen";

fn groot_onderhoud() -> Sourced {
    let t = Template {
        key: "groot-onderhoud".into(),
        name: "Groot onderhoud".into(),
        category: Category::Stenen,
        description: "Planmatig groot onderhoud op het natuurlijke moment: dak, gevel en voegwerk, kozijnen met HR++-glas, keuken, badkamer en toilet, en installaties. Tegenover een nulalternatief waarin alleen reparaties en klachten worden verholpen; de woning blijft verder gelijk. Het onderhoud gaat ongeveer 25 jaar mee.".into(),
        unit: Unit::PerDwelling,
        typical_quantity: 40.0,
        processes: vec![PrimaryProcess::Beheren],
        roles: vec![Role::Opdrachtgever, Role::Huisvester],
        routes: vec![],
        flows: vec![
            cost("corporatie", ONDERHOUD, 25_000.0, 0, 0).pert(15_000.0, 40_000.0),
            benefit("corporatie", "Minder reparatie- en mutatieonderhoud", 600.0, 1, 24)
                .tri(300.0, 900.0),
            benefit("huurders", GLAS_ENERGY, 150.0, 1, 24).tri(50.0, 300.0),
            cost("rijk", "Minder energiebelasting en btw op gas (overdracht)", 150.0 * ENERGY_TAX_SHARE, 1, 24),
            benefit("maatschappij", "Minder CO2-uitstoot", 30.0, 1, 24).tri(10.0, 60.0),
        ],
        pm: vec![
            pm("Wooncomfort en tevredenheid van de huurders", Some("huurders"), PmSign::Plus, None),
            pm("Overlast tijdens de werkzaamheden", Some("huurders"), PmSign::Minus, None),
            pm("Verzorgde uitstraling van het complex", Some("omwonenden"), PmSign::Plus, None),
        ],
        source: String::new(),
        basis: Basis {
            residual: Some(Residual { asset: ONDERHOUD.into(), life_years: 25 }),
            ..Basis::default()
        },
    };
    sourced(
        t,
        vec![
            assumed(
                ONDERHOUD,
                (15_000.0, 40_000.0),
                "de orde van grootte van een groot-onderhoudsbeurt in 2024–2026, afhankelijk van wat er vervangen wordt; haal de bedragen uit de eigen meerjarenonderhoudsbegroting.",
            ),
            published(
                "Minder reparatie- en mutatieonderhoud",
                (300.0, 1_800.0),
                "Cobouw, over de Aedes-benchmark",
                2016,
                "Instandhouding kost € 1.126 per jaar voor woningen van na 2010 tegen € 2.946 voor vooroorlogse woningen; groot onderhoud haalt naar aanname een derde van dat verschil.",
            ),
            assumed(
                GLAS_ENERGY,
                (50.0, 300.0),
                "HR++-glas en kierdichting besparen grofweg 40–225 m³ gas per jaar, tegen € 1,33 per m³.",
            ),
            share_of(
                "Minder energiebelasting en btw op gas (overdracht)",
                GLAS_ENERGY,
                ENERGY_TAX_SHARE,
                ENERGY_TAX_WHY,
            ),
            published(
                "Minder CO2-uitstoot",
                (10.0, 60.0),
                CO2_BY,
                2016,
                "Ongeveer 110 m³ gas minder is 0,2 ton CO2 per jaar, tegen een aangenomen € 150 per ton, binnen de WLO-bandbreedte van € 100–500 per ton in 2030 (prijspeil 2013).",
            ),
        ],
        "Restwaarde: het onderhoud wordt lineair afgeschreven over 25 jaar; wat er aan het eind van een kortere looptijd over is, telt als baat in het laatste jaar.",
    )
}
