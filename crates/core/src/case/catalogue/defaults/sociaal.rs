//! Sociaal: buurtbeheerder, achter-de-voordeur, woonbegeleiding,
//! schuldhulp/vroegsignalering, leerwerkplekken and bewonersinitiatieven.
//! Their social outcomes carry SROI adjustments (deadweight, attribution,
//! displacement, drop-off), and most outcomes are expected values: the
//! chance that something is prevented times what it would have cost.

use super::{FlowExt, OWN_FIGURES, benefit, cost, pm};
use crate::case::catalogue::{PrimaryProcess, Role, Route, Template, Unit};
use crate::model::{Category, PmSign};

/// How the SROI adjustments were chosen.
const SROI_NOTE: &str = "De correcties (deadweight, attributie, verplaatsing, drop-off) zijn schattingen in de geest van SROI; stel ze samen met de partners vast, bijvoorbeeld in een sessie met de EffectenArena of Afwegen in de wijk van Platform31.";

pub(super) fn templates() -> Vec<Template> {
    vec![
        buurtbeheerder(),
        achter_de_voordeur(),
        woonbegeleiding(),
        schuldhulp(),
        leerwerkplekken(),
        bewonersinitiatieven(),
    ]
}

fn buurtbeheerder() -> Template {
    Template {
        key: "buurtbeheerder".into(),
        name: "Buurtbeheerder".into(),
        category: Category::Sociaal,
        description: "Een vaste buurtbeheerder (één fte) voor een gebied van 500 tot 800 woningen: dagelijks zichtbaar en aanspreekbaar, pakt vervuiling, kleine overlast en verloedering aan, spreekt bewoners aan en geeft signalen achter de voordeur door aan wijkteam en wijkagent. Voor vier tot vijf jaar.".into(),
        unit: Unit::PerProject,
        typical_quantity: 1.0,
        processes: vec![PrimaryProcess::Beheren],
        roles: vec![Role::Huisvester, Role::Werkgever],
        routes: vec![Route::Wonen],
        flows: vec![
            cost("corporatie", "Loonkosten en middelen buurtbeheerder (1 fte)", 75_000.0, 0, 4)
                .tri(65_000.0, 85_000.0),
            benefit("corporatie", "Minder mutatie-, schoonmaak- en herstelkosten", 30_000.0, 1, 4)
                .sroi(0.2, 0.3, 0.1, 0.0)
                .pert(10_000.0, 55_000.0),
            benefit("gemeente", "Minder inzet van handhaving en reiniging", 6_000.0, 1, 4)
                .sroi(0.3, 0.4, 0.1, 0.0)
                .tri(0.0, 15_000.0),
            benefit("politie", "Minder overlastmeldingen en inzet van de wijkagent", 5_000.0, 1, 4)
                .sroi(0.3, 0.5, 0.2, 0.0)
                .tri(0.0, 12_000.0),
        ],
        pm: vec![
            pm("Een aanspreekpunt in de buurt en een prettiger woonklimaat", Some("huurders"), PmSign::Plus, None),
            pm("Schonere en veiligere buurt", Some("omwonenden"), PmSign::Plus, None),
            pm("Eerder signaleren van problemen achter de voordeur", Some("gemeente"), PmSign::Plus, Some("De baten van de hulp zelf staan bij achter-de-voordeur.")),
        ],
        source: format!(
            "{OWN_FIGURES} Loonkosten: één voltijds buurtbeheerder met werkgeverslasten, vervoer en telefoon, aangenomen € 65.000–85.000 per jaar; neem de eigen loonschaal (Cao Woondiensten). Baten corporatie: aanname voor een gebied van 500–800 woningen; toets aan de eigen mutatie-, schoonmaak- en herstelkosten in het gebied. Gemeente en politie: aangenomen enkele tientallen meldingen en inzetten minder per jaar maal € 100–200 afhandelkosten. {SROI_NOTE}"
        ),
    }
}

fn achter_de_voordeur() -> Template {
    Template {
        key: "achter-de-voordeur".into(),
        name: "Achter-de-voordeur".into(),
        category: Category::Sociaal,
        description: "Huisbezoeken bij huishoudens waar signalen zijn van schulden, verwaarlozing, vervuiling, eenzaamheid of overlast, samen met het wijkteam, gevolgd door casusregie en doorverwijzing. Bedragen per bereikt huishouden; met toestemming van het huishouden.".into(),
        unit: Unit::PerHousehold,
        typical_quantity: 25.0,
        processes: vec![PrimaryProcess::Herhuisvesting, PrimaryProcess::Beheren],
        roles: vec![Role::Partner, Role::Huisvester],
        routes: vec![Route::Wonen],
        flows: vec![
            cost("corporatie", "Signaleren, huisbezoek en casusoverleg", 1_000.0, 0, 0)
                .tri(600.0, 1_600.0),
            cost("gemeente", "Inzet van het wijkteam en casusregie", 2_500.0, 0, 0)
                .tri(1_500.0, 4_000.0),
            benefit("corporatie", "Minder huurachterstand, ontruimingen en woningschade", 800.0, 0, 2)
                .sroi(0.3, 0.4, 0.0, 0.3)
                .pert(200.0, 2_000.0),
            benefit("gemeente", "Minder maatschappelijke opvang en zware hulp later", 1_500.0, 1, 3)
                .sroi(0.3, 0.5, 0.0, 0.3)
                .pert(300.0, 4_000.0),
            benefit("zorgverzekeraar", "Minder zorggebruik (huisarts, ggz, spoedzorg)", 400.0, 1, 3)
                .sroi(0.3, 0.5, 0.0, 0.3)
                .tri(0.0, 1_000.0),
            benefit("politie", "Minder meldingen van burenoverlast", 150.0, 0, 2)
                .sroi(0.3, 0.5, 0.0, 0.3)
                .tri(0.0, 400.0),
        ],
        pm: vec![
            pm("Rust, gezondheid en grip op het eigen leven", Some("huurders"), PmSign::Plus, None),
            pm("Minder burenoverlast", Some("omwonenden"), PmSign::Plus, None),
            pm("Ongevraagde bemoeienis achter de voordeur", Some("huurders"), PmSign::Minus, Some("Werk met toestemming; niet elk huishouden wil hulp.")),
        ],
        source: format!(
            "{OWN_FIGURES} Kosten: aanname 8–12 uur van de corporatie en 20–40 uur van het wijkteam per huishouden, tegen € 70–100 per uur. Baten: verwachte waarden, de kans dat escalatie wordt voorkomen maal wat die kost: een ontruiming kost de corporatie aangenomen enkele duizenden euro's aan achterstand, proceskosten en herstel, een plek in de maatschappelijke opvang de gemeente tienduizenden euro's per jaar. Vraag gemeente en zorgverzekeraar om hun eigen kosten per casus. {SROI_NOTE} Drop-off: het effect dooft na enkele jaren uit."
        ),
    }
}

fn woonbegeleiding() -> Template {
    Template {
        key: "woonbegeleiding".into(),
        name: "Woonbegeleiding".into(),
        category: Category::Sociaal,
        description: "Een gewone huurwoning met ambulante woonbegeleiding voor mensen die uitstromen uit beschermd wonen of de maatschappelijke opvang, met afspraken tussen corporatie, gemeente en zorgaanbieder (huurcontract met begeleidingsafspraken). De begeleiding wordt na twee jaar afgeschaald. Bedragen per huishouden.".into(),
        unit: Unit::PerHousehold,
        typical_quantity: 10.0,
        processes: vec![PrimaryProcess::Verhuren],
        roles: vec![Role::Huisvester, Role::Partner],
        routes: vec![Route::Wonen],
        flows: vec![
            cost("gemeente", "Ambulante woonbegeleiding (Wmo)", 9_000.0, 0, 1).tri(6_000.0, 14_000.0),
            cost("gemeente", "Afgeschaalde begeleiding", 3_000.0, 2, 3).tri(1_000.0, 6_000.0),
            cost("corporatie", "Extra beheer, woningaanpassing en afspraken", 1_500.0, 0, 2)
                .tri(800.0, 2_500.0),
            benefit("gemeente", "Vermeden plek in beschermd wonen of maatschappelijke opvang", 35_000.0, 0, 3)
                .sroi(0.2, 0.4, 0.5, 0.1)
                .pert(15_000.0, 55_000.0),
            benefit("zorgverzekeraar", "Minder crisisopnames en spoedzorg", 1_500.0, 0, 3)
                .sroi(0.3, 0.5, 0.0, 0.2)
                .tri(0.0, 4_000.0),
        ],
        pm: vec![
            pm("Een eigen woning en zelfstandigheid voor de bewoner", Some("huurders"), PmSign::Plus, None),
            pm("Stabiel huurderschap: minder achterstand en mutatie", Some("corporatie"), PmSign::Plus, None),
            pm("Risico op overlast, vooral als de begeleiding stopt", Some("omwonenden"), PmSign::Minus, Some("Spreid de woningen over complexen; zie passend toewijzen.")),
        ],
        source: format!(
            "{OWN_FIGURES} Begeleiding: aanname 2–4 uur per week ambulante begeleiding tegen een Wmo-uurtarief van ongeveer € 60–75, na twee jaar afgeschaald; vraag de gemeente om haar tarieven. Vermeden plek: een plek in beschermd wonen of de maatschappelijke opvang kost de gemeente aangenomen € 15.000–55.000 per jaar. Verplaatsing 50 %: de vrijgekomen plek wordt door een volgende cliënt ingenomen, zodat maar een deel van de kosten echt wegvalt. {SROI_NOTE}"
        ),
    }
}

fn schuldhulp() -> Template {
    Template {
        key: "schuldhulp-vroegsignalering".into(),
        name: "Schuldhulp en vroegsignalering".into(),
        category: Category::Sociaal,
        description: "Bij een beginnende huurachterstand belt of bezoekt de corporatie binnen enkele weken en meldt het signaal bij de gemeente, die hulp aanbiedt en waar nodig een schuldhulptraject start. Samen met de andere vaste-lastenpartners (energie, water, zorgverzekeraar). Bedragen per gemeld huishouden.".into(),
        unit: Unit::PerHousehold,
        typical_quantity: 30.0,
        processes: vec![PrimaryProcess::Verhuren, PrimaryProcess::Beheren],
        roles: vec![Role::Partner, Role::Huisvester],
        routes: vec![Route::Wonen, Route::Werken],
        flows: vec![
            cost("corporatie", "Vroegsignalering: melden, bellen en huisbezoek", 250.0, 0, 0)
                .tri(150.0, 400.0),
            cost("gemeente", "Contact na het signaal en schuldhulp (gemiddeld per melding)", 1_200.0, 0, 0)
                .pert(600.0, 2_500.0),
            benefit("corporatie", "Minder afgeschreven huurachterstand, incasso- en ontruimingskosten", 500.0, 0, 1)
                .sroi(0.3, 0.3, 0.0, 0.4)
                .pert(150.0, 1_200.0),
            benefit("gemeente", "Minder kosten van escalatie (opvang, bijzondere bijstand)", 800.0, 1, 3)
                .sroi(0.3, 0.4, 0.0, 0.3)
                .pert(200.0, 2_000.0),
            benefit("zorgverzekeraar", "Minder wanbetaling van de premie en stressgerelateerde zorg", 200.0, 1, 3)
                .sroi(0.3, 0.5, 0.0, 0.3)
                .tri(0.0, 500.0),
            benefit("uwv", "Minder verzuim en baanverlies door schuldenstress", 300.0, 1, 3)
                .sroi(0.4, 0.5, 0.0, 0.3)
                .tri(0.0, 900.0),
        ],
        pm: vec![
            pm("Minder stress en rust in het huishouden", Some("huurders"), PmSign::Plus, None),
            pm("Kinderen groeien op met minder armoedestress", Some("huurders"), PmSign::Plus, None),
            pm("Minder wanbetaling bij energie- en waterbedrijf", None, PmSign::Plus, None),
        ],
        source: format!(
            "{OWN_FIGURES} Sinds 2021 pakken gemeenten onder de Wet gemeentelijke schuldhulpverlening signalen van vaste-lastenpartners zoals corporaties op; het sjabloon rekent de extra inzet van een snelle, gezamenlijke aanpak. Kosten: aanname 2–4 uur van de corporatie per melding en gemiddeld € 600–2.500 gemeentelijke inzet (niet elk signaal leidt tot een traject). Baten: verwachte waarden van voorkomen escalatie; toets de corporatiebaat aan de eigen afboekingen en ontruimingen. {SROI_NOTE}"
        ),
    }
}

fn leerwerkplekken() -> Template {
    Template {
        key: "leerwerkplekken".into(),
        name: "Leerwerkplekken".into(),
        category: Category::Sociaal,
        description: "Werkervaringsplekken met begeleiding en een opleiding voor werkzoekende huurders, bij de corporatie of via opdrachtnemers (social return) in onderhoud, groen, schoonmaak en klantcontact, met de gemeente als partner voor re-integratie. Bedragen per deelnemer (gerekend als één huishouden).".into(),
        unit: Unit::PerHousehold,
        typical_quantity: 6.0,
        processes: vec![PrimaryProcess::Werkgeverschap],
        roles: vec![Role::Werkgever, Role::Opdrachtgever],
        routes: vec![Route::Leren, Route::Werken],
        flows: vec![
            cost("corporatie", "Begeleiding, opleiding en werkplek", 6_000.0, 0, 0)
                .tri(4_000.0, 9_000.0),
            cost("gemeente", "Re-integratietraject en jobcoach", 2_000.0, 0, 0)
                .tri(1_000.0, 3_500.0),
            benefit("corporatie", "Productief werk van de deelnemer", 3_000.0, 0, 0)
                .tri(1_000.0, 5_000.0),
            benefit("gemeente", "Minder bijstand (verwacht: 40 % vindt werk)", 6_000.0, 1, 4)
                .sroi(0.25, 0.3, 0.2, 0.2)
                .pert(2_000.0, 10_000.0),
            benefit("huurders", "Hoger inkomen van de deelnemer (verwacht)", 2_000.0, 1, 4)
                .sroi(0.25, 0.3, 0.2, 0.2)
                .tri(500.0, 4_000.0),
            benefit("rijk", "Belasting- en premieopbrengst over het loon (verwacht)", 1_500.0, 1, 4)
                .sroi(0.25, 0.3, 0.2, 0.2)
                .tri(500.0, 3_000.0),
        ],
        pm: vec![
            pm("Zelfvertrouwen, ritme en een netwerk", Some("huurders"), PmSign::Plus, None),
            pm("Betere gezondheid door werk", Some("zorgverzekeraar"), PmSign::Plus, None),
            pm("Vacatures in onderhoud en groen vervuld", Some("uwv"), PmSign::Plus, None),
            pm("Begeleidingslast voor eigen medewerkers", Some("corporatie"), PmSign::Minus, None),
        ],
        source: format!(
            "{OWN_FIGURES} Kosten: aanname 4–8 uur begeleiding per week gedurende een half jaar tot een jaar, plus opleiding en uitrusting. Bijstand: een uitkering voor een alleenstaande kost de gemeente grofweg € 15.000 per jaar; aanname dat 40 % van de deelnemers daarna werk vindt, dus verwacht € 6.000 per deelnemer per jaar. Inkomen en belasting: het verschil tussen een loon rond het minimumloon en de uitkering, maal dezelfde 40 %. Verplaatsing: verdringing van andere werkzoekenden. {SROI_NOTE}"
        ),
    }
}

fn bewonersinitiatieven() -> Template {
    Template {
        key: "bewonersinitiatieven".into(),
        name: "Bewonersinitiatieven".into(),
        category: Category::Sociaal,
        description: "Een budget en ondersteuning voor initiatieven van bewoners zelf: een buurtmoestuin, een speelplek, een buurtkamer, zelfbeheer van groen en trappenhuizen, activiteiten voor jong en oud. Bewoners beslissen mee over de besteding; de wijkconsulent en het opbouwwerk ondersteunen. Voor drie jaar.".into(),
        unit: Unit::PerProject,
        typical_quantity: 1.0,
        processes: vec![PrimaryProcess::Beheren],
        roles: vec![Role::Financier, Role::Partner],
        routes: vec![Route::VrijeTijd, Route::Wonen],
        flows: vec![
            cost("corporatie", "Budget voor bewonersinitiatieven", 15_000.0, 0, 2)
                .tri(10_000.0, 25_000.0),
            cost("corporatie", "Ondersteuning door de wijkconsulent", 8_000.0, 0, 2)
                .tri(5_000.0, 12_000.0),
            cost("gemeente", "Opbouwwerk en welzijnsondersteuning", 10_000.0, 0, 2)
                .tri(5_000.0, 15_000.0),
            benefit("corporatie", "Minder schoonmaak en klein herstel door zelfbeheer", 4_000.0, 1, 4)
                .sroi(0.2, 0.3, 0.0, 0.2)
                .tri(0.0, 8_000.0),
            benefit("gemeente", "Minder beheer van de openbare ruimte door zelfbeheer", 3_000.0, 1, 4)
                .sroi(0.2, 0.3, 0.0, 0.2)
                .tri(0.0, 6_000.0),
        ],
        pm: vec![
            pm("Meer contact, samenhang en minder eenzaamheid", Some("omwonenden"), PmSign::Plus, Some("De grootste opbrengst, maar zonder eerlijke prijs.")),
            pm("Eigenaarschap en zeggenschap over de buurt", Some("huurders"), PmSign::Plus, None),
            pm("Gezondheidswinst door minder eenzaamheid", Some("zorgverzekeraar"), PmSign::Plus, None),
            pm("Wie niet meedoet, kan zich buitengesloten voelen", Some("omwonenden"), PmSign::Zero, None),
        ],
        source: format!(
            "{OWN_FIGURES} Kosten: aanname tien tot twintig kleine initiatieven per jaar van € 500–2.500, een dag per week ondersteuning door de wijkconsulent en een deel van het opbouwwerk. Baten: alleen de vermeden schoonmaak en het beheer door zelfbeheer zijn geprijsd; toets ze aan eigen cijfers. Meer contact en minder eenzaamheid staan als PM-post, omdat een eerlijke prijs ontbreekt. {SROI_NOTE}"
        ),
    }
}
