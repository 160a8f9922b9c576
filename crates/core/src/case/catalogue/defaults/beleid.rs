//! Beleid: huurprijsbeleid and woonruimteverdeling (passend en gemengd
//! toewijzen), per woning.

use super::{FlowExt, OWN_FIGURES, benefit, cost, pm};
use crate::case::catalogue::{PrimaryProcess, Role, Template, Unit};
use crate::model::{Category, PmSign};

/// Share of the rent gap that closes each year: dwellings that change
/// tenant get the full rent again (an assumed mutatiegraad).
const MUTATION: f64 = -0.07;

pub(super) fn templates() -> Vec<Template> {
    vec![huurprijsbeleid(), passend_toewijzen()]
}

fn huurprijsbeleid() -> Template {
    Template {
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
            cost("corporatie", "Gederfde huur, eerste jaar", 80.0, 0, 0),
            cost("corporatie", "Gederfde huur, tweede jaar", 160.0, 1, 1),
            cost("corporatie", "Blijvend lagere huur (loopt af met mutaties)", 240.0, 2, 14)
                .growing(MUTATION),
            benefit("huurders", "Lagere huur, eerste jaar", 60.0, 0, 0),
            benefit("huurders", "Lagere huur, tweede jaar", 120.0, 1, 1),
            benefit("huurders", "Blijvend lagere huur (loopt af met mutaties)", 180.0, 2, 14)
                .growing(MUTATION),
            benefit("rijk", "Minder huurtoeslag, eerste jaar", 20.0, 0, 0),
            benefit("rijk", "Minder huurtoeslag, tweede jaar", 40.0, 1, 1),
            benefit("rijk", "Minder huurtoeslag (loopt af met mutaties)", 60.0, 2, 14)
                .growing(MUTATION),
            benefit("corporatie", "Minder huurachterstand en afboekingen", 20.0, 1, 14)
                .sroi(0.3, 0.3, 0.0, 0.0)
                .tri(0.0, 50.0),
        ],
        pm: vec![
            pm("Minder zorgen over de woonlasten en minder betaalrisico", Some("huurders"), PmSign::Plus, None),
            pm("Minder investeringsruimte voor onderhoud en nieuwbouw", Some("corporatie"), PmSign::Minus, Some("Wat er met de gederfde huur niet gebouwd of verbeterd wordt.")),
            pm("Minder beroep op armoederegelingen", Some("gemeente"), PmSign::Plus, None),
        ],
        source: format!(
            "{OWN_FIGURES} Aanname: een gemiddelde kale huur van ongeveer € 650 per maand, waarvan 1 % ongeveer € 80 per jaar is; het verschil loopt drie jaar op en neemt daarna met een aangenomen mutatiegraad van 7 % per jaar af, omdat de huur bij een nieuwe verhuring wordt geharmoniseerd. Van elke euro lagere huur gaat naar aanname ongeveer een kwart naar het Rijk via lagere huurtoeslag. Huur en huurtoeslag zijn overdrachten zonder bandbreedte: ze vallen maatschappelijk tegen elkaar weg en laten vooral zien wie betaalt en wie wint. Reken met de eigen huursom, de eigen mutatiegraad en de huurverhoging die de wet in het startjaar toestaat."
        ),
    }
}

fn passend_toewijzen() -> Template {
    Template {
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
        source: format!(
            "{OWN_FIGURES} Kosten: aanname een mutatiegraad van 7–8 % per jaar, per vrijkomende woning een kennismakingsgesprek en gemiddeld één tot twee weken langere leegstand, omgeslagen over alle woningen van het complex. Baten: aangenomen minder overlast- en incassodossiers en mutaties in het complex; toets aan de eigen dossiers en meldingen. De verplaatsing is bewust hoog: spreiden verplaatst een deel van de problemen naar andere complexen in plaats van ze op te lossen. De correcties zijn schattingen in de geest van SROI; stel ze samen met gemeente en huurdersorganisatie vast."
        ),
    }
}
