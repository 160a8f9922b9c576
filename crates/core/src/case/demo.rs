//! The demo's afweging: a plausible case about the demo buurt under most
//! pressure, built with the same edits a user makes, so the demo shows
//! every step filled in (and a user can see what a finished one looks
//! like). Fictional, like the rest of the demo.

use super::catalogue::Template;
use super::weights::{WeightMethod, Weighting, matrix_from_upper};
use super::{CaseArea, CaseBudget, CaseDoc, DecisionLevel, ParticipantRole};
use crate::model::Direction;

/// What the demo afweging is about.
#[derive(Debug, Clone)]
pub struct DemoSubject<'a> {
    /// The buurt's code.
    pub buurt: &'a str,
    /// The buurt's name.
    pub buurt_name: &'a str,
    /// The gemeente's name.
    pub gemeente_name: &'a str,
    /// The corporation's name.
    pub corporation_name: &'a str,
    /// The buurt's complexes with their dwellings.
    pub complexes: &'a [(String, f64)],
    /// The calendar year of year index 0.
    pub start_year: i64,
}

/// The demo afweging, from the catalogue's templates (those it names and
/// finds; a template missing from `templates` is left out).
pub fn demo_case(s: &DemoSubject<'_>, templates: &[Template]) -> CaseDoc {
    let area = CaseArea {
        code: Some(s.buurt.to_string()),
        complexes: s.complexes.iter().map(|(c, _)| c.clone()).collect(),
    };
    let question = format!(
        "Hoe keren we de neergang in {}, en wie doet wat?",
        s.buurt_name
    );
    let mut d = CaseDoc::new(&question, DecisionLevel::Wijk, area, s.start_year);
    d.decision_moment = Some(format!("{}-03-15", s.start_year));
    let owner = d
        .add_participant(s.corporation_name, ParticipantRole::Eigenaar)
        .expect("a new participant");
    let gemeente = d
        .add_participant(
            &format!("Gemeente {}", s.gemeente_name),
            ParticipantRole::Beslisser,
        )
        .expect("a new participant");
    let huurders = d
        .add_participant("Huurdersvereniging De Linde", ParticipantRole::Adviseur)
        .expect("a new participant");
    let wijkteam = d
        .add_participant("Wijkteam en zorg", ParticipantRole::Meedenker)
        .expect("a new participant");
    let problems = [
        (
            "Overlast en vervuiling rond de portiekflats",
            gemeente.as_str(),
        ),
        ("Veel huurders met betalingsachterstand", owner.as_str()),
        (
            "Hoge energielasten in slecht geïsoleerde woningen",
            huurders.as_str(),
        ),
        (
            "Kwetsbare bewoners komen te laat in beeld",
            wijkteam.as_str(),
        ),
    ];
    let pids: Vec<String> = problems
        .iter()
        .map(|(text, who)| d.add_problem(text, who).expect("a known owner"))
        .collect();
    d.baseline.description = format!(
        "Zonder nieuw beleid zet de trend van de laatste jaren door: de mutatiegraad en de \
         huurachterstanden in {} blijven stijgen, overlastmeldingen nemen toe en het \
         bewonersoordeel daalt. Het regulier onderhoud gaat door; de portiekflats houden \
         label D tot F.",
        s.buurt_name
    );
    d.baseline.assumptions =
        "Planmatig onderhoud volgens de meerjarenbegroting; het wijkteam blijft op de huidige sterkte."
            .into();

    let dwellings: f64 = s.complexes.iter().map(|(_, n)| n).sum::<f64>().max(1.0);
    // (template key, quantity, pre-selection scores per problem, criterion scores)
    let picks: [(&str, f64, [u8; 4], [f64; 5]); 5] = [
        (
            "buurtbeheerder",
            1.0,
            [3, 1, 0, 2],
            [4.0, 3.0, 2.0, 4.0, 2.0],
        ),
        (
            "achter-de-voordeur",
            dwellings * 0.15,
            [1, 3, 1, 3],
            [3.0, 4.0, 2.0, 4.0, 3.0],
        ),
        (
            "verduurzaming",
            dwellings,
            [0, 1, 3, 0],
            [3.0, 4.0, 5.0, 3.0, 3.0],
        ),
        (
            "renovatie",
            dwellings,
            [2, 0, 2, 0],
            [4.0, 2.0, 4.0, 2.0, 4.0],
        ),
        (
            "schuldhulp-vroegsignalering",
            dwellings * 0.2,
            [0, 3, 1, 2],
            [2.0, 5.0, 1.0, 4.0, 2.0],
        ),
    ];
    let criteria = [
        ("Leefbaarheid", Direction::Max),
        ("Betaalbaarheid", Direction::Max),
        ("Duurzaamheid", Direction::Max),
        ("Draagvlak bij bewoners", Direction::Max),
        ("Uitvoeringsrisico", Direction::Min),
    ];
    let cids: Vec<String> = criteria
        .iter()
        .map(|(name, dir)| d.add_criterion(name, *dir).expect("a new criterion"))
        .collect();
    let mut option_ids = Vec::new();
    for (key, quantity, addresses, scores) in picks {
        let Some(t) = templates.iter().find(|t| t.key == key) else {
            continue;
        };
        let id = d
            .add_from_template(t, quantity.round().max(1.0))
            .expect("a valid quantity");
        let o = d.option_mut(&id).expect("just added");
        for (p, v) in pids.iter().zip(addresses) {
            if v > 0 {
                o.addresses.insert(p.clone(), v);
            }
        }
        for (c, v) in cids.iter().zip(scores) {
            o.spec.scores.insert(c.clone(), v);
        }
        option_ids.push(id);
    }
    // Renovation is kept out after the pre-selection: it addresses least
    // per euro.
    if let Some(o) = d
        .options
        .iter_mut()
        .find(|o| o.template.as_deref() == Some("renovatie"))
    {
        o.shortlisted = false;
    }
    let sociaal: Vec<String> = d
        .options
        .iter()
        .filter(|o| {
            matches!(
                o.template.as_deref(),
                Some("buurtbeheerder" | "achter-de-voordeur")
            )
        })
        .map(|o| o.spec.id.clone())
        .collect();
    if sociaal.len() == 2 {
        d.add_package("Buurtaanpak: beheer en achter de voordeur", &sociaal)
            .expect("two plain options");
    }

    d.weighting = Weighting {
        method: WeightMethod::Points,
        values: cids
            .iter()
            .cloned()
            .zip([30.0, 25.0, 15.0, 20.0, 10.0])
            .collect(),
        ahp: None,
    };
    d.set_party_weighting(
        &gemeente,
        Weighting {
            method: WeightMethod::Direct,
            values: cids
                .iter()
                .cloned()
                .zip([5.0, 2.0, 3.0, 2.0, 3.0])
                .collect(),
            ahp: None,
        },
    )
    .expect("a participant");
    // Huurders: betaalbaarheid first, then leefbaarheid and draagvlak.
    let upper = [
        [1.0, 1.0 / 3.0, 3.0, 1.0, 3.0],
        [0.0, 1.0, 5.0, 3.0, 5.0],
        [0.0, 0.0, 1.0, 1.0 / 3.0, 1.0],
        [0.0, 0.0, 0.0, 1.0, 3.0],
        [0.0, 0.0, 0.0, 0.0, 1.0],
    ];
    d.set_party_weighting(
        &huurders,
        Weighting {
            method: WeightMethod::Ahp,
            values: Default::default(),
            ahp: Some(matrix_from_upper(5, |i, j| upper[i][j])),
        },
    )
    .expect("a participant");
    d.uncertainty.iterations = 10_000;
    d.budget = Some(CaseBudget {
        actor: "corporatie".into(),
        from_year: 0,
        to_year: 4,
        max: (dwellings * 12_000.0 / 100_000.0).round() * 100_000.0,
    });
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::catalogue::default_templates;

    #[test]
    fn the_demo_case_is_complete_and_valid() {
        let complexes = vec![("C1".to_string(), 120.0), ("C2".to_string(), 64.0)];
        let s = DemoSubject {
            buurt: "BU99990101",
            buurt_name: "Molenhoek",
            gemeente_name: "Lindeveen",
            corporation_name: "Woonstichting Lindeveen",
            complexes: &complexes,
            start_year: 2027,
        };
        let d = demo_case(&s, &default_templates());
        assert!(d.missing_for_results().is_empty());
        let m = d.to_model();
        let problems = crate::validate::validate(&m);
        assert!(problems.is_empty(), "{problems}");
        assert!(m.options.len() >= 4, "{} options", m.options.len());
        assert_eq!(m.weight_sets.len(), 2);
        assert!(m.has_uncertainty());
        let huurders = &d.party_weights[1].weighting;
        let cr = crate::case::weights::check_ahp(huurders.ahp.as_ref().unwrap()).cr;
        assert!(cr < 0.1, "the huurders' comparisons are consistent: {cr}");
    }
}
