//! Sociaal: buurtbeheerder, achter-de-voordeur, woonbegeleiding,
//! schuldhulp/vroegsignalering, leerwerkplekken and bewonersinitiatieven.
//! Their outcomes carry SROI adjustments, chosen so nothing is counted
//! twice: an expected value (the chance that something is prevented,
//! against the nulalternatief, times what it costs) is already net of
//! what would have happened anyway and gets no deadweight; attribution is
//! only for contributors whose costs are not among the inputs.

use super::figures::{Sourced, assumed, published, sourced};
use super::{FlowExt, benefit, cost, pm};
use crate::case::catalogue::{
    Basis, Benchmark, PrimaryProcess, Role, Route, SharedOutcome, Template, Unit,
};
use crate::model::{Category, PmSign};

/// The outcome achter-de-voordeur and schuldhulp both claim.
const EVICTIONS: &str = "Vermeden ontruimingen";
/// The outcome that follows from it, claimed by both too.
const SHELTER: &str = "Vermeden maatschappelijke opvang";

/// Shares an outcome with other templates.
fn shared(flow: &str, outcome: &str) -> SharedOutcome {
    SharedOutcome {
        flow: flow.into(),
        outcome: outcome.into(),
    }
}

/// Who found what an eviction costs.
const EROPAF: &str = "Stichting Eropaf, quickscan preventie huisuitzettingen";
/// Who found what a place in the opvang costs.
const DRIFT: &str = "DRIFT voor Stichting Zwerfjongeren Nederland, Van kostenpost naar investering";

pub(super) fn templates() -> Vec<Sourced> {
    vec![
        buurtbeheerder(),
        achter_de_voordeur(),
        woonbegeleiding(),
        schuldhulp(),
        leerwerkplekken(),
        bewonersinitiatieven(),
    ]
}

const BEHEER_LOON: &str = "Loonkosten en middelen buurtbeheerder (1 fte)";
const WOONGENOT: &str = "Woongenot: wat bewoners een schone, veilige buurt waard vinden";

fn buurtbeheerder() -> Sourced {
    let t = Template {
        key: "buurtbeheerder".into(),
        name: "Buurtbeheerder".into(),
        category: Category::Sociaal,
        description: "Een vaste buurtbeheerder (één fte) voor een gebied van 500 tot 800 woningen: dagelijks zichtbaar en aanspreekbaar, pakt vervuiling, kleine overlast en verloedering aan, spreekt bewoners aan en geeft signalen achter de voordeur door aan wijkteam en wijkagent. Voor vijf jaar. De grootste opbrengst ligt bij de bewoners: een schonere, veiligere buurt.".into(),
        unit: Unit::PerProject,
        typical_quantity: 1.0,
        processes: vec![PrimaryProcess::Beheren],
        roles: vec![Role::Huisvester, Role::Werkgever],
        routes: vec![Route::Wonen],
        flows: vec![
            cost("corporatie", BEHEER_LOON, 72_000.0, 0, 4).tri(62_000.0, 85_000.0),
            benefit("corporatie", "Minder mutatie, leegstand, schoonmaak en herstel", 50_000.0, 1, 4)
                .sroi(0.0, 0.2, 0.0, 0.0)
                .pert(20_000.0, 80_000.0),
            benefit("omwonenden", WOONGENOT, 39_000.0, 0, 4)
                .sroi(0.0, 0.2, 0.0, 0.0)
                .tri(0.0, 78_000.0),
            benefit("gemeente", "Minder inzet van handhaving en reiniging", 8_000.0, 1, 4)
                .sroi(0.0, 0.3, 0.0, 0.0)
                .tri(0.0, 15_000.0),
            benefit("politie", "Minder overlastmeldingen en inzet van de wijkagent", 5_000.0, 1, 4)
                .sroi(0.0, 0.3, 0.0, 0.0)
                .tri(0.0, 12_000.0),
        ],
        pm: vec![
            pm("Een aanspreekpunt in de buurt", Some("huurders"), PmSign::Plus, None),
            pm("Eerder signaleren van problemen achter de voordeur", Some("gemeente"), PmSign::Plus, Some("De baten van de hulp zelf staan bij achter-de-voordeur.")),
        ],
        source: String::new(),
        basis: Basis {
            benchmark: Some(Benchmark {
                low: 1.0,
                high: 1.2,
                source: "Atlas Research, Baten in de buurt (2014): de leefbaarheidsuitgaven van Eigen Haard brachten ruim € 40 mln op tegen € 36 mln kosten (1,1); RIGO voor Ymere (2014): buurtbeheerbedrijven leveren meer op dan ze kosten, vooral voor bewoners".into(),
            }),
            ..Basis::default()
        },
    };
    sourced(
        t,
        vec![
            published(
                BEHEER_LOON,
                (62_000.0, 85_000.0),
                "Aedes, cao Woondiensten 2024–2025",
                2024,
                "De lonen stegen per 1 januari 2024 met 10 % en er kwam een structurele eindejaarsuitkering van 2 % bij. Met een maandsalaris rond € 3.600 (schaal E, naar aanname), vakantiegeld, eindejaarsuitkering en werkgeverslasten is één fte ongeveer € 62.000; met vervoer, telefoon en middelen € 65.000–85.000.",
            ),
            assumed(
                "Minder mutatie, leegstand, schoonmaak en herstel",
                (20_000.0, 80_000.0),
                "het verschil met het nulalternatief in een gebied van 500–800 woningen; toets het aan de eigen mutatie-, leegstands-, schoonmaak- en herstelkosten. RIGO (2014) vond buurtbeheer voor de corporatie zelf niet zonder meer rendabel.",
            ),
            assumed(
                WOONGENOT,
                (0.0, 78_000.0),
                "€ 5 per woning per maand (€ 0–10) voor 650 woningen: wat bewoners naar aanname over hebben voor een schone, veilige en aanspreekbare buurt. RIGO (2014) vond dat de opbrengst van buurtbeheer vooral bij de bewoners ligt; vraag het hun, bijvoorbeeld in een werkatelier.",
            ),
            assumed(
                "Minder inzet van handhaving en reiniging",
                (0.0, 15_000.0),
                "enkele tientallen meldingen en inzetten minder per jaar maal € 100–200 afhandelkosten.",
            ),
            assumed(
                "Minder overlastmeldingen en inzet van de wijkagent",
                (0.0, 12_000.0),
                "enkele tientallen meldingen minder per jaar maal € 100–200.",
            ),
        ],
        "De bedragen zijn verschillen met het nulalternatief, dus zonder deadweight. Attributie 20–30 %: wijkagent, handhaving en bewoners zelf dragen bij, en hun inzet staat niet bij de kosten.",
    )
}

const ADV_EVICTIONS: &str = "Vermeden ontruimingen en minder huurachterstand (verwacht)";
const ADV_SHELTER: &str = "Vermeden maatschappelijke opvang (verwacht)";

fn achter_de_voordeur() -> Sourced {
    let t = Template {
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
            benefit("corporatie", ADV_EVICTIONS, 1_300.0, 0, 0).pert(500.0, 2_600.0),
            benefit("gemeente", ADV_SHELTER, 2_500.0, 1, 2)
                .sroi(0.0, 0.0, 0.0, 0.3)
                .pert(800.0, 5_000.0),
            benefit("zorgverzekeraar", "Minder zorggebruik (huisarts, ggz, spoedzorg)", 500.0, 1, 2)
                .sroi(0.0, 0.0, 0.0, 0.3)
                .tri(0.0, 1_200.0),
            benefit("politie", "Minder meldingen van burenoverlast", 150.0, 0, 1)
                .sroi(0.0, 0.0, 0.0, 0.3)
                .tri(0.0, 400.0),
        ],
        pm: vec![
            pm("Rust, gezondheid en grip op het eigen leven", Some("huurders"), PmSign::Plus, None),
            pm("Minder burenoverlast", Some("omwonenden"), PmSign::Plus, None),
            pm("Ongevraagde bemoeienis achter de voordeur", Some("huurders"), PmSign::Minus, Some("Werk met toestemming; niet elk huishouden wil hulp.")),
        ],
        source: String::new(),
        basis: Basis {
            benchmark: Some(Benchmark {
                low: 1.9,
                high: 1.9,
                source: "Michiel de Nooij voor de gemeente Amsterdam, MKBA Van Overleven naar Leven (2021): elke euro levert ruim € 1,90 op, bij gezinnen met meervoudige schulden en problemen".into(),
            }),
            outcomes: vec![shared(ADV_EVICTIONS, EVICTIONS), shared(ADV_SHELTER, SHELTER)],
            ..Basis::default()
        },
    };
    sourced(
        t,
        vec![
            assumed(
                "Signaleren, huisbezoek en casusoverleg",
                (600.0, 1_600.0),
                "8–12 uur van de corporatie per huishouden tegen € 70–100 per uur.",
            ),
            assumed(
                "Inzet van het wijkteam en casusregie",
                (1_500.0, 4_000.0),
                "20–40 uur van het wijkteam per huishouden tegen € 70–100 per uur; vraag de gemeente om haar eigen kosten per casus.",
            ),
            published(
                ADV_EVICTIONS,
                (500.0, 2_600.0),
                EROPAF,
                2014,
                "Een ontruiming kost de verhuurder gemiddeld € 5.000–10.000: de huurder moet die kosten dragen, maar kan dat vaak niet. In 2025-prijzen naar aanname € 6.500–13.000. Verwacht: bij naar aanname één op de tien bereikte huishoudens voorkomt de aanpak een ontruiming (€ 1.000), plus € 300 minder afgeschreven achterstand.",
            ),
            published(
                ADV_SHELTER,
                (800.0, 5_000.0),
                DRIFT,
                2018,
                "De maatschappelijke opvang kost € 23.236 per feitelijk dakloze per jaar (cijfer over 2011), met de prijsstijging sindsdien ongeveer € 32.000. Verwacht: bij naar aanname 8 % (3–15 %) van de bereikte huishoudens voorkomt de aanpak een jaar opvang.",
            ),
            assumed(
                "Minder zorggebruik (huisarts, ggz, spoedzorg)",
                (0.0, 1_200.0),
                "minder huisartsbezoek, ggz en spoedzorg door minder stress; vraag de zorgverzekeraar om eigen cijfers.",
            ),
            assumed(
                "Minder meldingen van burenoverlast",
                (0.0, 400.0),
                "één tot twee meldingen minder maal € 100–200.",
            ),
        ],
        "De baten zijn verwachte waarden: de kans dat de aanpak iets voorkomt ten opzichte van het nulalternatief, maal wat het kost. Ze zijn dus al netto van wat anders toch gebeurd was: geen deadweight erbovenop. Geen attributie: de kosten van wie meewerkt (het wijkteam) staan al bij de kosten. Drop-off 30 % per jaar: het effect dooft uit. Vermeden ontruimingen en opvang claimt ook schuldhulp; in een pakket van beide tellen ze één keer.",
    )
}

const AVOIDED_PLACE: &str = "Vermeden plek in beschermd wonen of maatschappelijke opvang";

fn woonbegeleiding() -> Sourced {
    let t = Template {
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
            benefit("gemeente", AVOIDED_PLACE, 32_000.0, 0, 3)
                .sroi(0.2, 0.0, 0.5, 0.1)
                .pert(25_000.0, 58_000.0),
            benefit("zorgverzekeraar", "Minder crisisopnames en spoedzorg", 1_500.0, 0, 3)
                .sroi(0.2, 0.0, 0.0, 0.2)
                .tri(0.0, 4_000.0),
        ],
        pm: vec![
            pm("Een eigen woning en zelfstandigheid voor de bewoner", Some("huurders"), PmSign::Plus, None),
            pm("Stabiel huurderschap: minder achterstand en mutatie", Some("corporatie"), PmSign::Plus, None),
            pm("Risico op overlast, vooral als de begeleiding stopt", Some("omwonenden"), PmSign::Minus, Some("Spreid de woningen over complexen; zie passend toewijzen.")),
        ],
        source: String::new(),
        basis: Basis::default(),
    };
    sourced(
        t,
        vec![
            assumed(
                "Ambulante woonbegeleiding (Wmo)",
                (6_000.0, 14_000.0),
                "2–4 uur per week tegen een Wmo-uurtarief van € 60–75; vraag de gemeente om haar tarieven.",
            ),
            assumed(
                "Afgeschaalde begeleiding",
                (1_000.0, 6_000.0),
                "een half tot anderhalf uur per week na twee jaar.",
            ),
            assumed(
                "Extra beheer, woningaanpassing en afspraken",
                (800.0, 2_500.0),
                "extra contact van de woonconsulent en kleine aanpassingen aan de woning.",
            ),
            published(
                AVOIDED_PLACE,
                (25_000.0, 58_000.0),
                DRIFT,
                2018,
                "De maatschappelijke opvang kost € 23.236 per deelnemer per jaar en intensief begeleid wonen voor verslaafden en psychiatrische cliënten € 41.200 (cijfers over 2011); met de prijsstijging sindsdien ongeveer € 32.500 en € 58.000.",
            ),
            assumed(
                "Minder crisisopnames en spoedzorg",
                (0.0, 4_000.0),
                "minder crisisopnames en spoedeisende hulp in een stabiele woonsituatie.",
            ),
        ],
        "Deadweight 20 %: een deel van de bewoners was ook zonder deze woning uitgestroomd (de vermeden plek is een bruto bedrag). Verplaatsing 50 %: de vrijgekomen plek wordt door een volgende cliënt ingenomen, zodat maar een deel van de kosten echt wegvalt. Geen attributie: de gemeente betaalt de begeleiding zelf.",
    )
}

const SH_EVICTIONS: &str = "Vermeden ontruimingen (verwacht)";
const SH_SHELTER: &str = "Vermeden maatschappelijke opvang (verwacht)";
const SH_WORK: &str = "Minder verzuim en productiviteitsverlies door schuldenstress";

fn schuldhulp() -> Sourced {
    let t = Template {
        key: "schuldhulp-vroegsignalering".into(),
        name: "Schuldhulp en vroegsignalering".into(),
        category: Category::Sociaal,
        description: "Bij een beginnende huurachterstand belt of bezoekt de corporatie binnen enkele weken en meldt het signaal bij de gemeente, die hulp aanbiedt en waar nodig een schuldhulptraject start. Samen met de andere vaste-lastenpartners (energie, water, zorgverzekeraar). Een groot deel van de winst ligt bij werkgevers: minder verzuim en productiviteitsverlies. Bedragen per gemeld huishouden.".into(),
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
            benefit("corporatie", "Minder afgeschreven huurachterstand en incassokosten", 600.0, 0, 1)
                .sroi(0.0, 0.1, 0.0, 0.3)
                .pert(200.0, 1_200.0),
            benefit("corporatie", SH_EVICTIONS, 300.0, 0, 0)
                .sroi(0.0, 0.1, 0.0, 0.0)
                .tri(100.0, 600.0),
            benefit("gemeente", SH_SHELTER, 300.0, 1, 2)
                .sroi(0.0, 0.1, 0.0, 0.3)
                .pert(0.0, 1_000.0),
            benefit("gemeente", "Minder bijzondere bijstand en zwaardere schuldhulp later", 400.0, 1, 2)
                .sroi(0.0, 0.1, 0.0, 0.3)
                .pert(100.0, 1_000.0),
            benefit("zorgverzekeraar", "Minder wanbetaling van de premie en stressgerelateerde zorg", 250.0, 1, 2)
                .sroi(0.0, 0.1, 0.0, 0.3)
                .tri(0.0, 600.0),
            benefit("werkgevers", SH_WORK, 750.0, 1, 2)
                .sroi(0.0, 0.1, 0.0, 0.3)
                .pert(200.0, 1_800.0),
        ],
        pm: vec![
            pm("Minder stress en rust in het huishouden", Some("huurders"), PmSign::Plus, None),
            pm("Kinderen groeien op met minder armoedestress", Some("huurders"), PmSign::Plus, None),
            pm("Minder wanbetaling bij energie- en waterbedrijf", None, PmSign::Plus, None),
        ],
        source: String::new(),
        basis: Basis {
            benchmark: Some(Benchmark {
                low: 2.0,
                high: 4.22,
                source: "Regioplan en Hogeschool Utrecht, Schuldhulpverlening loont! (2011): de opbrengst is ruim 2 keer de uitgaven; Panteia, business cases vroegsignalering in Amsterdam, Almere en Tilburg (jaar niet na te gaan): € 2,46–4,22 per € 1".into(),
            }),
            outcomes: vec![shared(SH_EVICTIONS, EVICTIONS), shared(SH_SHELTER, SHELTER)],
            ..Basis::default()
        },
    };
    sourced(
        t,
        vec![
            assumed(
                "Vroegsignalering: melden, bellen en huisbezoek",
                (150.0, 400.0),
                "2–4 uur van de corporatie per melding tegen € 60–100 per uur.",
            ),
            assumed(
                "Contact na het signaal en schuldhulp (gemiddeld per melding)",
                (600.0, 2_500.0),
                "gemiddelde gemeentelijke inzet per melding; niet elk signaal leidt tot een traject. Sinds 2021 pakken gemeenten onder de Wet gemeentelijke schuldhulpverlening signalen van vaste-lastenpartners op.",
            ),
            assumed(
                "Minder afgeschreven huurachterstand en incassokosten",
                (200.0, 1_200.0),
                "toets aan de eigen afboekingen en incassokosten per dossier.",
            ),
            published(
                SH_EVICTIONS,
                (65.0, 650.0),
                EROPAF,
                2014,
                "Een ontruiming kost de verhuurder gemiddeld € 5.000–10.000, in 2025-prijzen naar aanname € 6.500–13.000; verwacht: bij naar aanname 3 % (1–5 %) van de meldingen voorkomt vroeg ingrijpen een ontruiming.",
            ),
            published(
                SH_SHELTER,
                (0.0, 1_000.0),
                DRIFT,
                2018,
                "De maatschappelijke opvang kost € 23.236 per feitelijk dakloze per jaar (cijfer over 2011), nu ongeveer € 32.000; verwacht: bij naar aanname 1 % (0–3 %) van de meldingen voorkomt het een jaar opvang.",
            ),
            assumed(
                "Minder bijzondere bijstand en zwaardere schuldhulp later",
                (100.0, 1_000.0),
                "een kleinere schuld is goedkoper te regelen; toets aan de eigen cijfers van de gemeente.",
            ),
            assumed(
                "Minder wanbetaling van de premie en stressgerelateerde zorg",
                (0.0, 600.0),
                "vraag de zorgverzekeraar om eigen cijfers.",
            ),
            published(
                SH_WORK,
                (200.0, 1_800.0),
                "Panteia, Hogeschool Utrecht en Nibud, voor het IBO problematische schulden",
                2024,
                "Problematische schulden kosten de samenleving ten minste € 8,5 miljard per jaar; ongeveer € 4,5 miljard daarvan is lagere productiviteit en verzuim, vooral gedragen door werkgevers. Bij 730.000 huishoudens is dat ongeveer € 6.200 per huishouden per jaar; vroeg ingrijpen voorkomt daar naar aanname 5–30 % van, verwacht 12 %.",
            ),
        ],
        "De baten zijn verwachte waarden ten opzichte van het nulalternatief, dus zonder deadweight. Attributie 10 %: ook energie- en waterbedrijven en zorgverzekeraars melden, en hun kosten staan er niet in; de gemeente en de corporatie staan wel bij de kosten. Drop-off 30 % per jaar. Vermeden ontruimingen en opvang claimt ook achter-de-voordeur; in een pakket van beide tellen ze één keer.",
    )
}

const BIJSTAND: &str = "Minder bijstand (bruto: 40 % vindt werk)";

fn leerwerkplekken() -> Sourced {
    let reintegration = |f: crate::model::Flow| f.sroi(0.75, 0.0, 0.2, 0.2);
    let t = Template {
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
            benefit("corporatie", "Productief werk van de deelnemer", 2_500.0, 0, 0)
                .tri(1_000.0, 4_000.0),
            reintegration(benefit("gemeente", BIJSTAND, 6_450.0, 1, 4).pert(3_200.0, 9_700.0)),
            reintegration(
                benefit("huurders", "Hoger inkomen van de deelnemer (bruto: 40 % vindt werk)", 2_400.0, 1, 4)
                    .tri(800.0, 4_000.0),
            ),
            reintegration(
                benefit("rijk", "Belasting- en premieopbrengst over het loon (bruto: 40 % vindt werk)", 1_600.0, 1, 4)
                    .tri(500.0, 3_000.0),
            ),
        ],
        pm: vec![
            pm("Zelfvertrouwen, ritme en een netwerk", Some("huurders"), PmSign::Plus, None),
            pm("Betere gezondheid door werk", Some("zorgverzekeraar"), PmSign::Plus, None),
            pm("Vacatures in onderhoud en groen vervuld", Some("werkgevers"), PmSign::Plus, None),
            pm("Begeleidingslast voor eigen medewerkers", Some("corporatie"), PmSign::Minus, None),
        ],
        source: String::new(),
        basis: Basis::default(),
    };
    sourced(
        t,
        vec![
            assumed(
                "Begeleiding, opleiding en werkplek",
                (4_000.0, 9_000.0),
                "4–8 uur begeleiding per week gedurende een half jaar tot een jaar, plus opleiding en uitrusting.",
            ),
            assumed(
                "Re-integratietraject en jobcoach",
                (1_000.0, 3_500.0),
                "een traject en jobcoach van de gemeente; vraag haar tarieven.",
            ),
            assumed(
                "Productief werk van de deelnemer",
                (1_000.0, 4_000.0),
                "wat de deelnemer in een half jaar tot een jaar oplevert, na aftrek van de tijd die het inwerken kost.",
            ),
            published(
                BIJSTAND,
                (3_200.0, 9_700.0),
                "Rijksoverheid, normen Participatiewet",
                2025,
                "De bijstandsnorm voor een alleenstaande is € 1.345,45 per maand netto inclusief vakantie-uitkering (1 januari 2025), ongeveer € 16.100 per jaar; naar aanname vindt 40 % (20–60 %) van de deelnemers daarna werk.",
            ),
            assumed(
                "Hoger inkomen van de deelnemer (bruto: 40 % vindt werk)",
                (800.0, 4_000.0),
                "het verschil tussen een netto minimumloon en de bijstand, naar aanname € 6.000 per jaar, maal 40 %.",
            ),
            assumed(
                "Belasting- en premieopbrengst over het loon (bruto: 40 % vindt werk)",
                (500.0, 3_000.0),
                "naar aanname € 4.000 per jaar aan belasting en premies over een loon rond het minimumloon, maal 40 %.",
            ),
        ],
        "Deadweight 75 %: de beleidsdoorlichting re-integratie van SZW vond een klein, positief effect van trajecten (Pierre Koning, ESB, 2008): de meeste deelnemers die werk vinden, hadden dat ook zonder traject gevonden. Geen attributie: de gemeente staat met haar traject bij de kosten. Verplaatsing 20 %: verdringing van andere werkzoekenden. Drop-off 20 % per jaar.",
    )
}

const CONTACT: &str = "Meer contact, samenhang en minder eenzaamheid";

fn bewonersinitiatieven() -> Sourced {
    let t = Template {
        key: "bewonersinitiatieven".into(),
        name: "Bewonersinitiatieven".into(),
        category: Category::Sociaal,
        description: "Een budget en ondersteuning voor initiatieven van bewoners zelf: een buurtmoestuin, een speelplek, een buurtkamer, zelfbeheer van groen en trappenhuizen, activiteiten voor jong en oud. Bewoners beslissen mee over de besteding; de wijkconsulent en het opbouwwerk ondersteunen. Voor drie jaar. De grootste opbrengst, meer contact en minder eenzaamheid, heeft geen prijs.".into(),
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
                .sroi(0.0, 0.2, 0.0, 0.2)
                .tri(0.0, 8_000.0),
            benefit("gemeente", "Minder beheer van de openbare ruimte door zelfbeheer", 3_000.0, 1, 4)
                .sroi(0.0, 0.2, 0.0, 0.2)
                .tri(0.0, 6_000.0),
        ],
        pm: vec![
            pm(CONTACT, Some("omwonenden"), PmSign::Plus, Some("De grootste opbrengst, maar zonder betrouwbare prijs: de B/K is daardoor onvolledig.")),
            pm("Eigenaarschap en zeggenschap over de buurt", Some("huurders"), PmSign::Plus, None),
            pm("Gezondheidswinst door minder eenzaamheid", Some("maatschappij"), PmSign::Plus, Some("Wie een effect in QALY's kan onderbouwen: ten minste € 50.000 per QALY (NTvG, 2013).")),
            pm("Wie niet meedoet, kan zich buitengesloten voelen", Some("omwonenden"), PmSign::Zero, None),
        ],
        source: String::new(),
        basis: Basis {
            main_effect_pm: Some(CONTACT.into()),
            ..Basis::default()
        },
    };
    sourced(
        t,
        vec![
            assumed(
                "Budget voor bewonersinitiatieven",
                (10_000.0, 25_000.0),
                "tien tot twintig kleine initiatieven per jaar van € 500–2.500.",
            ),
            assumed(
                "Ondersteuning door de wijkconsulent",
                (5_000.0, 12_000.0),
                "een dag per week van de wijkconsulent.",
            ),
            assumed(
                "Opbouwwerk en welzijnsondersteuning",
                (5_000.0, 15_000.0),
                "een deel van het opbouwwerk in de buurt.",
            ),
            assumed(
                "Minder schoonmaak en klein herstel door zelfbeheer",
                (0.0, 8_000.0),
                "toets aan de eigen schoonmaak- en herstelkosten.",
            ),
            assumed(
                "Minder beheer van de openbare ruimte door zelfbeheer",
                (0.0, 6_000.0),
                "toets aan de beheerkosten van de gemeente.",
            ),
        ],
        "Alleen de vermeden schoonmaak en het beheer door zelfbeheer zijn geprijsd; meer contact en minder eenzaamheid staan als PM-post, omdat een betrouwbare prijs ontbreekt. Attributie 20 %: de tijd van de bewoners zelf staat niet bij de kosten. Voor deze bedragen is geen gepubliceerde bron gevonden; de bandbreedtes zijn daarom ruim.",
    )
}
