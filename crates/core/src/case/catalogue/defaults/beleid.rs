//! Beleid: huurprijsbeleid and woonruimteverdeling (passend en gemengd
//! toewijzen), per woning.

use super::figures::{Sourced, assumed, published, share_of, sourced};
use super::{FlowExt, benefit, cost, pm};
use crate::case::catalogue::{Basis, PrimaryProcess, Role, Template, Unit};
use crate::model::{Category, PmSign};

/// Share of the rent gap that closes each year: dwellings that change
/// tenant get the full rent again (an assumed mutatiegraad).
const MUTATION: f64 = -0.07;
/// Of each euro less rent, the huurders keep three quarters.
const TENANT_SHARE: f64 = 0.75;
/// Why [`TENANT_SHARE`].
const TENANT_WHY: &str = "Het deel dat de huurders houden; naar aanname vloeit een kwart via lagere huurtoeslag terug naar het Rijk.";
/// Why the Rijk's share.
const RIJK_WHY: &str =
    "Minder huurtoeslag: het deel van de verlaging dat naar aanname naar het Rijk gaat.";
/// Who reports the average rent.
const RENT_BY: &str = "Aedes, enquête huren, via NUL20";

pub(super) fn templates() -> Vec<Sourced> {
    vec![huurprijsbeleid(), passend_toewijzen()]
}

const YEAR1: &str = "Gederfde huur, eerste jaar";
const YEAR2: &str = "Gederfde huur, tweede jaar";
const LASTING: &str = "Blijvend lagere huur (loopt af met mutaties)";

fn huurprijsbeleid() -> Sourced {
    let t = Template {
        key: "huurprijsbeleid".into(),
        name: "Huurprijsbeleid: gematigde huurverhoging".into(),
        category: Category::Beleid,
        description: "Drie jaar lang blijft de jaarlijkse huurverhoging in het gebied één procentpunt onder wat de wet toestaat. Het verschil blijft daarna bestaan tot een woning opnieuw wordt verhuurd. Voor huurders met huurtoeslag vloeit een deel van de verlaging terug naar het Rijk.".into(),
        unit: Unit::PerDwelling,
        typical_quantity: 100.0,
        processes: vec![PrimaryProcess::Verhuren],
        roles: vec![Role::Huisvester],
        routes: vec![],
        flows: vec![
            cost("corporatie", YEAR1, 80.0, 0, 0),
            cost("corporatie", YEAR2, 160.0, 1, 1),
            cost("corporatie", LASTING, 240.0, 2, 14).growing(MUTATION),
            benefit("huurders", "Lagere huur, eerste jaar", 80.0 * TENANT_SHARE, 0, 0),
            benefit("huurders", "Lagere huur, tweede jaar", 160.0 * TENANT_SHARE, 1, 1),
            benefit("huurders", "Blijvend lagere huur voor de huurders", 240.0 * TENANT_SHARE, 2, 14)
                .growing(MUTATION),
            benefit("rijk", "Minder huurtoeslag, eerste jaar", 80.0 * (1.0 - TENANT_SHARE), 0, 0),
            benefit("rijk", "Minder huurtoeslag, tweede jaar", 160.0 * (1.0 - TENANT_SHARE), 1, 1),
            benefit("rijk", "Minder huurtoeslag (loopt af met mutaties)", 240.0 * (1.0 - TENANT_SHARE), 2, 14)
                .growing(MUTATION),
            benefit("corporatie", "Minder huurachterstand en afboekingen", 20.0, 1, 14)
                .sroi(0.0, 0.3, 0.0, 0.0)
                .tri(0.0, 50.0),
        ],
        pm: vec![
            pm("Minder zorgen over de woonlasten en minder betaalrisico", Some("huurders"), PmSign::Plus, None),
            pm("Minder investeringsruimte voor onderhoud en nieuwbouw", Some("corporatie"), PmSign::Minus, Some("Wat er met de gederfde huur niet gebouwd of verbeterd wordt.")),
            pm("Minder beroep op armoederegelingen", Some("gemeente"), PmSign::Plus, None),
        ],
        source: String::new(),
        basis: Basis::default(),
    };
    let rent = "De gemiddelde huur van een corporatiewoning was € 582 per maand eind 2023 en steeg op 1 juli 2024 met 5,1 %; naar aanname ongeveer € 640 per maand in 2025, waarvan 1 % ongeveer € 77 per jaar is.";
    sourced(
        t,
        vec![
            published(YEAR1, (70.0, 90.0), RENT_BY, 2024, rent),
            published(
                YEAR2,
                (140.0, 180.0),
                RENT_BY,
                2024,
                "Twee jaar 1 % minder: twee keer het bedrag van het eerste jaar.",
            ),
            published(
                LASTING,
                (210.0, 270.0),
                RENT_BY,
                2024,
                "Drie jaar 1 % minder, daarna aflopend met een aangenomen mutatiegraad van 7 % per jaar, omdat de huur bij een nieuwe verhuring wordt geharmoniseerd.",
            ),
            share_of("Lagere huur, eerste jaar", YEAR1, TENANT_SHARE, TENANT_WHY),
            share_of("Lagere huur, tweede jaar", YEAR2, TENANT_SHARE, TENANT_WHY),
            share_of(
                "Blijvend lagere huur voor de huurders",
                LASTING,
                TENANT_SHARE,
                TENANT_WHY,
            ),
            share_of(
                "Minder huurtoeslag, eerste jaar",
                YEAR1,
                1.0 - TENANT_SHARE,
                RIJK_WHY,
            ),
            share_of(
                "Minder huurtoeslag, tweede jaar",
                YEAR2,
                1.0 - TENANT_SHARE,
                RIJK_WHY,
            ),
            share_of(
                "Minder huurtoeslag (loopt af met mutaties)",
                LASTING,
                1.0 - TENANT_SHARE,
                RIJK_WHY,
            ),
            assumed(
                "Minder huurachterstand en afboekingen",
                (0.0, 50.0),
                "een kleine daling van achterstanden bij lagere woonlasten; toets aan de eigen afboekingen.",
            ),
        ],
        "Huur en huurtoeslag zijn overdrachten zonder bandbreedte: ze vallen maatschappelijk tegen elkaar weg en laten vooral zien wie betaalt en wie wint. Reken met de eigen huursom, de eigen mutatiegraad en de huurverhoging die de wet in het startjaar toestaat.",
    )
}

fn passend_toewijzen() -> Sourced {
    let t = Template {
        key: "passend-toewijzen".into(),
        name: "Woonruimteverdeling: passend en gemengd toewijzen".into(),
        category: Category::Beleid,
        description: "Maatwerk in de toewijzing van een complex dat onder druk staat: uitstroom uit opvang en andere kwetsbare woningzoekenden worden over meer complexen gespreid, een deel van de vrijkomende woningen gaat met voorrang naar woningzoekenden met binding aan de buurt, en elke nieuwe huurder krijgt een kennismakingsgesprek. Binnen de huisvestingsverordening van de gemeente; passend toewijzen naar inkomen blijft gelden.".into(),
        unit: Unit::PerDwelling,
        typical_quantity: 100.0,
        processes: vec![PrimaryProcess::Verhuren],
        roles: vec![Role::Huisvester, Role::Partner],
        routes: vec![],
        flows: vec![
            cost("corporatie", "Kennismakingsgesprekken, langere zoektijd en leegstand", 100.0, 0, 4)
                .tri(50.0, 200.0),
            benefit("corporatie", "Minder overlast-, mutatie- en incassokosten", 120.0, 1, 9)
                .sroi(0.3, 0.3, 0.3, 0.1)
                .pert(30.0, 250.0),
            benefit("politie", "Minder overlastmeldingen", 20.0, 1, 9)
                .sroi(0.3, 0.4, 0.4, 0.1)
                .tri(0.0, 50.0),
            benefit("gemeente", "Minder inzet van het wijkteam in het complex", 30.0, 1, 9)
                .sroi(0.3, 0.4, 0.4, 0.1)
                .tri(0.0, 80.0),
        ],
        pm: vec![
            pm("Meer stabiliteit en veerkracht in het complex", Some("omwonenden"), PmSign::Plus, None),
            pm("Langere zoektijd voor kwetsbare woningzoekenden elders", None, PmSign::Minus, Some("Woningzoekenden zijn nog geen huurders; weeg dit expliciet mee.")),
            pm("Uitvoerbaarheid hangt af van de huisvestingsverordening", Some("gemeente"), PmSign::Zero, None),
        ],
        source: String::new(),
        basis: Basis::default(),
    };
    sourced(
        t,
        vec![
            assumed(
                "Kennismakingsgesprekken, langere zoektijd en leegstand",
                (50.0, 200.0),
                "een mutatiegraad van 7–8 % per jaar, per vrijkomende woning een kennismakingsgesprek en gemiddeld één tot twee weken langere leegstand, omgeslagen over alle woningen van het complex.",
            ),
            assumed(
                "Minder overlast-, mutatie- en incassokosten",
                (30.0, 250.0),
                "minder overlast- en incassodossiers en mutaties in het complex; toets aan de eigen dossiers.",
            ),
            assumed(
                "Minder overlastmeldingen",
                (0.0, 50.0),
                "toets aan de meldingen in het complex.",
            ),
            assumed(
                "Minder inzet van het wijkteam in het complex",
                (0.0, 80.0),
                "vraag de gemeente om haar inzet in het complex.",
            ),
        ],
        "De baten zijn bruto verschillen in het complex; deadweight 30 % omdat een complex ook zonder maatwerk rustiger kan worden. De verplaatsing is bewust hoog: spreiden verplaatst een deel van de problemen naar andere complexen in plaats van ze op te lossen. Stel de correcties samen met gemeente en huurdersorganisatie vast.",
    )
}
