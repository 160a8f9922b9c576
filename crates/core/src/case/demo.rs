//! The demo's afweging: a plausible case about the demo buurt under most
//! pressure, built with the same edits a user makes, so the demo shows
//! every step filled in (and a user can see what a finished one looks
//! like). Fictional, like the rest of the demo, but its figures are the
//! catalogue's sourced ones, so it tells a story a strategist would
//! believe: the sociaal options pay off for the parties around the
//! corporation (schuldhulp most, to werkgevers and gemeente), buurtbeheer
//! breaks even with most of its gain at the residents, verduurzaming is the
//! timing choice the Nationale Prestatieafspraken leave, and renovation
//! costs more than its priced effects because its main effect (comfort and
//! health) has no price.

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
         bewonersoordeel daalt. Het regulier onderhoud gaat door, en de portiekflats (nu \
         label D tot F) worden uiterlijk in 2028 geïsoleerd, zoals de Nationale \
         Prestatieafspraken vragen; daarna stijgt hun huur niet.",
        s.buurt_name
    );
    d.baseline.assumptions =
        "Planmatig onderhoud volgens de meerjarenbegroting; verduurzaming van de portiekflats \
         twee jaar na het startjaar; het wijkteam blijft op de huidige sterkte."
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
    // Both claim the evictions they prevent: the package counts them once.
    let money: Vec<String> = d
        .options
        .iter()
        .filter(|o| {
            matches!(
                o.template.as_deref(),
                Some("achter-de-voordeur" | "schuldhulp-vroegsignalering")
            )
        })
        .map(|o| o.spec.id.clone())
        .collect();
    if money.len() == 2 {
        d.add_package(
            "Grip op geld: achter de voordeur en vroegsignalering",
            &money,
        )
        .expect("two plain options");
    }
    // A package addresses a problem as well as its best member does.
    let packages: Vec<(String, Vec<String>)> = d
        .options
        .iter()
        .filter(|o| o.is_package())
        .map(|o| (o.spec.id.clone(), o.members.clone()))
        .collect();
    for (id, members) in packages {
        for p in &pids {
            let best = members
                .iter()
                .filter_map(|m| d.option(m).and_then(|o| o.addresses.get(p).copied()))
                .max()
                .unwrap_or(0);
            if best > 0
                && let Some(o) = d.option_mut(&id)
            {
                o.addresses.insert(p.clone(), best);
            }
        }
    }
    // Five go on to the weighing: the buurtaanpak adds nothing its two
    // members do not show apart.
    if let Some(o) = d
        .options
        .iter_mut()
        .find(|o| o.spec.name.starts_with("Buurtaanpak"))
    {
        o.shortlisted = false;
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
    use crate::engine::mkba::option_pv;

    fn subject_case() -> CaseDoc {
        let complexes = vec![("C1".to_string(), 120.0), ("C2".to_string(), 64.0)];
        let s = DemoSubject {
            buurt: "BU99990101",
            buurt_name: "Vogelbuurt",
            gemeente_name: "Lindeveen",
            corporation_name: "Woonstichting Lindeveen",
            complexes: &complexes,
            start_year: 2027,
        };
        demo_case(&s, &default_templates())
    }

    #[test]
    fn every_option_of_the_demo_has_a_credible_benefit_cost_ratio() {
        let mut d = subject_case();
        assert_eq!(d.horizon_years, 30, "stenen are in play: 30 years");
        for o in &mut d.options {
            o.shortlisted = true;
        }
        let m = d.to_model();
        let bcr = |template: &str| {
            let o = d
                .options
                .iter()
                .find(|o| o.template.as_deref() == Some(template))
                .unwrap();
            let spec = m.options.iter().find(|s| s.id == o.spec.id).unwrap();
            option_pv(&m, spec, m.discount_rate).bcr().unwrap()
        };
        // (template, band, where the band comes from)
        let bands = [
            (
                "schuldhulp-vroegsignalering",
                2.0,
                4.22,
                "Regioplan en Hogeschool Utrecht 2011: ruim 2 keer; Panteia: € 2,46–4,22 per € 1",
            ),
            (
                "achter-de-voordeur",
                1.5,
                2.3,
                "De Nooij 2021, MKBA Van Overleven naar Leven: ruim € 1,90 per € 1",
            ),
            (
                "buurtbeheerder",
                0.8,
                1.3,
                "Atlas Research 2014 (Eigen Haard): 1,1; RIGO 2014: meer op dan de kosten",
            ),
            (
                "verduurzaming",
                0.9,
                1.1,
                "the same investment two years earlier: two years of interest against two years of savings",
            ),
            (
                "renovatie",
                0.4,
                1.0,
                "no published B/K; comfort and health, its main effect, are PM (below 1 by design)",
            ),
        ];
        let mut paying = 0;
        for (template, low, high, source) in bands {
            let b = bcr(template);
            assert!(
                (low..=high).contains(&b),
                "{template}: B/K {b:.2} outside {low}–{high} ({source})"
            );
            paying += usize::from(b > 1.0);
        }
        assert!(
            (2..5).contains(&paying),
            "some options pay off and some do not"
        );
    }

    #[test]
    fn the_demo_package_of_two_money_options_counts_evictions_once() {
        let d = subject_case();
        let package = d
            .options
            .iter()
            .find(|o| o.spec.name.starts_with("Grip op geld"))
            .expect("the package");
        let overlaps = d.package_overlaps(package);
        let outcomes: Vec<&str> = overlaps.iter().map(|o| o.outcome.as_str()).collect();
        assert_eq!(
            outcomes,
            ["Vermeden ontruimingen", "Vermeden maatschappelijke opvang"]
        );
        let m = d.to_model();
        let npv = |id: &str| {
            let spec = m.options.iter().find(|s| s.id == id).unwrap();
            option_pv(&m, spec, m.discount_rate).npv()
        };
        let members: f64 = package.members.iter().map(|id| npv(id)).sum();
        assert!(
            npv(&package.spec.id) < members - 1.0,
            "less than the two apart"
        );
    }

    #[test]
    fn the_demo_case_is_complete_and_valid() {
        let d = subject_case();
        assert!(d.missing_for_results().is_empty());
        let m = d.to_model();
        let problems = crate::validate::validate(&m);
        assert!(problems.is_empty(), "{problems}");
        assert!(m.options.len() >= 4, "{} options", m.options.len());
        assert!(
            m.options.len() <= 5,
            "the pre-selection keeps three to five"
        );
        assert_eq!(m.weight_sets.len(), 2);
        assert!(m.has_uncertainty());
        let huurders = &d.party_weights[1].weighting;
        let cr = crate::case::weights::check_ahp(huurders.ahp.as_ref().unwrap()).cr;
        assert!(cr < 0.1, "the huurders' comparisons are consistent: {cr}");
    }
}
