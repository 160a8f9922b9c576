//! The demo's prestatieafspraken: Lindeveen 2026–2029 between the
//! corporation, the gemeente and the huurdersvereniging, with goals on
//! the corporation's own indicators in the buurten where it has most
//! dwellings, an uitvoeringsagenda, and progress reported.
//!
//! The demo data stops at 2024 and has no earlier afspraken, so each
//! target is set from the demo's own series: a goal meant to show "op
//! koers" asks a little less than the buurt already achieved from the
//! baseline, one meant to show "achter" asks more. The lights themselves
//! are computed by the goal maths like any other; a series that moved the
//! wrong way stays "ver achter" whatever the target.

use std::collections::BTreeMap;

use super::{
    ActionRole, ActionStatus, ActionValues, Actor, Agreement, AgreementCommand, AreaScope,
    GoalArea, GoalIndicator, GoalValues, IndicatorSource, Party, PartyKind, Refusal, Theme,
};
use crate::goals::{Direction, Point};

/// What the demo afspraken are made of.
#[derive(Debug, Clone)]
pub struct DemoInput<'a> {
    /// The corporation's name (its party).
    pub corporation: &'a str,
    /// The gemeente's code.
    pub gemeente_code: &'a str,
    /// The gemeente's name.
    pub gemeente_name: &'a str,
    /// The huurdersorganisatie's name.
    pub tenants: &'a str,
    /// A welzijn partner's name.
    pub welfare: &'a str,
    /// The buurten with corporation dwellings, (code, name), the one with
    /// most first: each goal takes the buurt whose series tells its story.
    pub buurten: &'a [(String, String)],
    /// The own indicators' series per (area code, indicator code): for the
    /// buurten per buurt, for the gemeente over the corporation's
    /// complexes.
    pub series: &'a BTreeMap<(String, String), Vec<Point>>,
}

/// Which area a demo goal is about.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pick {
    /// A buurt whose series improved: the middle one of those that did
    /// (a typical course, not the extreme).
    Improved,
    /// The buurt whose series worsened most.
    Worsened,
    /// The gemeente, over the corporation's complexes.
    Complexes,
}

/// One goal of the demo: theme, title, indicator (code, name, unit),
/// which area, direction, interval and the progress ratio the target is
/// set for.
struct DemoGoal {
    theme: Theme,
    title: &'static str,
    indicator: (&'static str, &'static str, &'static str),
    area: Pick,
    direction: Direction,
    interval: u32,
    ratio: f64,
}

const GOALS: [DemoGoal; 5] = [
    DemoGoal {
        theme: Theme::Leefbaarheid,
        title: "Bewoners waarderen hun buurt hoger",
        indicator: ("bewonersoordeel", "Bewonersoordeel buurt", "rapportcijfer"),
        area: Pick::Improved,
        direction: Direction::Up,
        interval: 2,
        ratio: 1.15,
    },
    DemoGoal {
        theme: Theme::Leefbaarheid,
        title: "Minder overlast",
        indicator: (
            "overlastmeldingen",
            "Overlastmeldingen per 100 woningen",
            "per 100 woningen",
        ),
        area: Pick::Improved,
        direction: Direction::Down,
        interval: 1,
        ratio: 1.0,
    },
    DemoGoal {
        theme: Theme::Beschikbaarheid,
        title: "Bewoners blijven wonen: lagere mutatiegraad",
        indicator: ("mutatiegraad", "Mutatiegraad", "%"),
        area: Pick::Worsened,
        direction: Direction::Down,
        interval: 1,
        ratio: 1.0,
    },
    DemoGoal {
        theme: Theme::Betaalbaarheid,
        title: "Minder huishoudens met huurachterstand",
        indicator: ("huurachterstand", "Huishoudens met huurachterstand", "%"),
        area: Pick::Complexes,
        direction: Direction::Down,
        interval: 1,
        ratio: 1.05,
    },
    DemoGoal {
        theme: Theme::KwetsbareGroepen,
        title: "Kwetsbare instroom beter gespreid",
        indicator: (
            "kwetsbare_instroom",
            "Aandeel kwetsbare huishoudens in de instroom",
            "%",
        ),
        area: Pick::Improved,
        direction: Direction::Down,
        interval: 1,
        ratio: 0.85,
    },
];

fn round(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// The target for a series: from the baseline (first point) so that the
/// latest point is `ratio` of the plan line in its year; a step of 10 %
/// the right way when the series did not move the right way.
fn target(series: &[Point], direction: Direction, target_year: i32, ratio: f64) -> (Point, f64) {
    let baseline = series[0];
    let latest = series[series.len() - 1];
    let sign = if direction == Direction::Up {
        1.0
    } else {
        -1.0
    };
    let gained = sign * (latest.value - baseline.value);
    let span = f64::from(target_year - baseline.year);
    let elapsed = f64::from(latest.year - baseline.year);
    let step = if gained > 0.0 && elapsed > 0.0 {
        gained / ratio * span / elapsed
    } else {
        0.1 * baseline.value.abs().max(1.0)
    };
    // No target past 40 % of the baseline: beyond that no one would sign.
    let step = step.clamp(0.1, 0.4 * baseline.value.abs().max(0.25));
    (baseline, round(baseline.value + sign * step, 1))
}

/// The area of a demo goal: (code, name).
fn pick<'a>(input: &'a DemoInput<'_>, g: &DemoGoal) -> Option<(&'a str, &'a str)> {
    if g.area == Pick::Complexes {
        return Some((input.gemeente_code, input.gemeente_name));
    }
    let sign = if g.direction == Direction::Up {
        1.0
    } else {
        -1.0
    };
    let gain = |code: &str| {
        let s = input
            .series
            .get(&(code.to_string(), g.indicator.0.to_string()))?;
        let (first, last) = (s.first()?, s.last()?);
        (s.len() >= 4 && first.value != 0.0)
            .then(|| sign * (last.value - first.value) / first.value.abs())
    };
    let mut ranked: Vec<(f64, &(String, String))> = input
        .buurten
        .iter()
        .filter_map(|b| Some((gain(&b.0)?, b)))
        .collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.0.cmp(&b.1.0)));
    let chosen = match g.area {
        Pick::Improved => {
            let better: Vec<&(f64, &(String, String))> =
                ranked.iter().filter(|(gain, _)| *gain > 0.0).collect();
            better.get(better.len() / 2).copied()
        }
        _ => ranked.first(),
    }?;
    Some((chosen.1.0.as_str(), chosen.1.1.as_str()))
}

/// The demo afspraken: new afspraken, the commands that make their terms
/// (goals and actions), and the progress reported after approval (who,
/// what).
pub type DemoAgreement = (
    Agreement,
    Vec<AgreementCommand>,
    Vec<(Actor, AgreementCommand)>,
);

/// The demo afspraken ([`DemoAgreement`]).
pub fn demo_agreement(input: &DemoInput<'_>) -> Result<DemoAgreement, Refusal> {
    let gemeente = format!("Gemeente {}", input.gemeente_name);
    let party = |name: &str, kind, signs| Party {
        name: name.into(),
        kind,
        signs,
    };
    let agreement = Agreement::new(
        &format!("Prestatieafspraken {} 2026–2029", input.gemeente_name),
        input.gemeente_code,
        input.gemeente_name,
        (2026, 2029),
        vec![
            party(input.corporation, PartyKind::Corporatie, true),
            party(&gemeente, PartyKind::Gemeente, true),
            party(input.tenants, PartyKind::Huurdersorganisatie, true),
            party(input.welfare, PartyKind::ZorgWelzijn, false),
        ],
    )?;
    let mut terms = Vec::new();
    for g in &GOALS {
        let Some((code, name)) = pick(input, g) else {
            continue;
        };
        let key = (code.to_string(), g.indicator.0.to_string());
        let Some(series) = input.series.get(&key).filter(|s| s.len() >= 2) else {
            continue;
        };
        let (baseline, target_value) = target(series, g.direction, 2029, g.ratio);
        terms.push(AgreementCommand::AddGoal(GoalValues {
            theme: g.theme,
            title: format!("{} in {}", g.title, name),
            indicator: GoalIndicator {
                source: IndicatorSource::Monitor {
                    code: g.indicator.0.into(),
                },
                name: g.indicator.1.into(),
                unit: g.indicator.2.into(),
            },
            area: GoalArea {
                code: code.into(),
                name: name.into(),
                scope: if g.area == Pick::Complexes {
                    AreaScope::Complexen
                } else {
                    AreaScope::Gebied
                },
            },
            direction: g.direction,
            baseline: Point {
                year: baseline.year,
                value: round(baseline.value, 1),
            },
            target: Point {
                year: 2029,
                value: target_value,
            },
            interval_years: g.interval,
            motivated_by: None,
            contributions: Vec::new(),
        }));
    }
    // A goal of the burgerpeiling, entered by hand, with too few figures yet.
    terms.push(AgreementCommand::AddGoal(GoalValues {
        theme: Theme::Leefbaarheid,
        title: format!("Bewoners voelen zich veilig in {}", input.buurten[0].1),
        indicator: GoalIndicator {
            source: IndicatorSource::Manual,
            name: "Burgerpeiling: voelt zich veilig in de buurt".into(),
            unit: "%".into(),
        },
        area: GoalArea {
            code: input.buurten[0].0.clone(),
            name: input.buurten[0].1.clone(),
            scope: AreaScope::Gebied,
        },
        direction: Direction::Up,
        baseline: Point {
            year: 2024,
            value: 71.0,
        },
        target: Point {
            year: 2029,
            value: 80.0,
        },
        interval_years: 2,
        motivated_by: None,
        contributions: Vec::new(),
    }));
    let goal_ids: Vec<String> = (1..=terms.len()).map(|i| format!("d{i}")).collect();
    let role = |party: &str, task: &str, budget: f64| ActionRole {
        party: party.into(),
        task: task.into(),
        budget,
    };
    let corp = input.corporation;
    let actions = [
        (
            2026,
            "Achter-de-voordeurbezoeken",
            corp,
            "Fatima de Vries",
            vec![
                role(corp, "plant en doet de bezoeken", 45_000.0),
                role(input.welfare, "levert twee huisbezoekers", 30_000.0),
                role(
                    &gemeente,
                    "schuldhulp binnen twee weken na een signaal",
                    20_000.0,
                ),
            ],
            "120 huisbezoeken, 80 % binnen een maand opgevolgd",
            vec![0, 2, 4],
        ),
        (
            2026,
            "Buurtbeheerder in de wijk",
            corp,
            "",
            vec![
                role(corp, "stelt een buurtbeheerder aan (1 fte)", 65_000.0),
                role(
                    input.tenants,
                    "meldt knelpunten via de bewonerscommissie",
                    0.0,
                ),
            ],
            "1 fte, 4 schouwen per jaar",
            vec![0, 1],
        ),
        (
            2026,
            "Vroegsignalering huurachterstand",
            gemeente.as_str(),
            "Wethouder wonen",
            vec![
                role(&gemeente, "koppelt signalen aan schuldhulp", 35_000.0),
                role(corp, "meldt achterstand na één maand", 5_000.0),
            ],
            "alle signalen binnen 10 werkdagen opgepakt",
            vec![3],
        ),
        (
            2026,
            "Woonruimteverdeling: spreiding kwetsbare instroom",
            gemeente.as_str(),
            "",
            vec![
                role(&gemeente, "past de urgentieregeling aan", 0.0),
                role(corp, "wijst maximaal 1 op 4 kwetsbaar toe per portiek", 0.0),
                role(input.tenants, "adviseert over de regeling", 2_500.0),
            ],
            "regeling vastgesteld vóór 1 juli",
            vec![4],
        ),
        (
            2027,
            "Bewonersinitiatieven ondersteunen",
            input.tenants,
            "",
            vec![
                role(input.tenants, "werft en begeleidt initiatieven", 5_000.0),
                role(corp, "budget voor initiatieven", 15_000.0),
            ],
            "6 initiatieven per jaar",
            vec![0],
        ),
        (
            2027,
            "Burgerpeiling veiligheid",
            gemeente.as_str(),
            "",
            vec![role(&gemeente, "houdt de peiling", 12_000.0)],
            "peiling in alle buurten, respons ≥ 25 %",
            vec![5],
        ),
    ];
    for (year, title, lead, person, roles, measure, goals) in actions {
        terms.push(AgreementCommand::AddAction(ActionValues {
            year,
            title: title.into(),
            lead: lead.into(),
            lead_person: person.into(),
            roles,
            measure: measure.into(),
            goals: goals
                .into_iter()
                .filter_map(|i: usize| goal_ids.get(i).cloned())
                .collect(),
        }));
    }
    let staff = Actor::Corporation {
        name: "Beheerder (demo)".into(),
    };
    let town = Actor::Partner {
        party: gemeente.clone(),
        name: "Gemeente (demo)".into(),
    };
    let first_action = goal_ids.len() + 1;
    let action = |i: usize| format!("a{}", first_action + i);
    let progress = vec![
        (
            staff.clone(),
            AgreementCommand::ReportStatus {
                id: action(0),
                status: ActionStatus::Bezig,
                date: "2026-10-01".into(),
                note: "74 van 120 bezoeken gedaan".into(),
            },
        ),
        (
            staff.clone(),
            AgreementCommand::ReportStatus {
                id: action(1),
                status: ActionStatus::Gereed,
                date: "2026-03-15".into(),
                note: "Buurtbeheerder gestart op 1 maart".into(),
            },
        ),
        (
            town.clone(),
            AgreementCommand::ReportStatus {
                id: action(2),
                status: ActionStatus::Bezig,
                date: "2026-09-01".into(),
                note: "Convenant getekend; 31 signalen opgepakt".into(),
            },
        ),
        (
            town.clone(),
            AgreementCommand::EnterFigure {
                goal_id: goal_ids[goal_ids.len() - 1].clone(),
                point: Point {
                    year: 2024,
                    value: 71.0,
                },
            },
        ),
        (
            town,
            AgreementCommand::EnterFigure {
                goal_id: goal_ids[goal_ids.len() - 1].clone(),
                point: Point {
                    year: 2026,
                    value: 74.0,
                },
            },
        ),
    ];
    Ok((agreement, terms, progress))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_ask_the_chosen_share_of_what_was_achieved() {
        let s = [
            Point {
                year: 2021,
                value: 10.0,
            },
            Point {
                year: 2024,
                value: 8.5,
            },
        ];
        // gained 1,5 in 3 of 8 years; at ratio 1: 1,5 · 8/3 = 4 → 6,0.
        assert_eq!(target(&s, Direction::Down, 2029, 1.0).1, 6.0);
        // ratio 0,8 asks a quarter more: 10 − 5 = 5; but no more than 40 %
        // of the baseline: 10 − 4 = 6.
        assert_eq!(target(&s, Direction::Down, 2029, 0.8).1, 6.0);
        assert_eq!(target(&s, Direction::Down, 2029, 1.5).1, 7.3);
        // moved the wrong way: 10 % better than the baseline.
        let worse = [
            Point {
                year: 2021,
                value: 6.0,
            },
            Point {
                year: 2024,
                value: 5.8,
            },
        ];
        assert_eq!(target(&worse, Direction::Up, 2029, 1.0).1, 6.6);
    }

    #[test]
    fn every_demo_command_follows_the_rules() {
        let mut series = BTreeMap::new();
        for ind in [
            "bewonersoordeel",
            "overlastmeldingen",
            "mutatiegraad",
            "huurachterstand",
            "kwetsbare_instroom",
        ] {
            for area in ["BU1", "BU2", "GM9999"] {
                series.insert(
                    (area.to_string(), ind.to_string()),
                    (2021..=2025)
                        .map(|y| Point {
                            year: y,
                            value: 5.0
                                + f64::from(y - 2021)
                                    * if ind == "bewonersoordeel" { 0.1 } else { -0.2 }
                                    * if area == "BU2" { 2.0 } else { 1.0 },
                        })
                        .collect(),
                );
            }
        }
        let buurten = [
            ("BU1".to_string(), "Vogelbuurt".to_string()),
            ("BU2".to_string(), "Bloemenbuurt".to_string()),
        ];
        let input = DemoInput {
            corporation: "Woonstichting",
            gemeente_code: "GM9999",
            gemeente_name: "Lindeveen",
            tenants: "Huurdersvereniging De Linde",
            welfare: "Welzijn Lindeveen",
            buurten: &buurten,
            series: &series,
        };
        let (mut a, terms, progress) = demo_agreement(&input).unwrap();
        let staff = Actor::Corporation { name: "x".into() };
        for c in &terms {
            a.apply(&staff, c, false).unwrap();
        }
        for (actor, c) in &progress {
            a.apply(actor, c, true).unwrap();
        }
        assert_eq!(a.goals.len(), 6);
        assert_eq!(a.actions.len(), 6);
        assert_eq!(a.goals[5].manual.len(), 2);
        assert_eq!(
            a.goals[0].area.name, "Bloemenbuurt",
            "the buurt that improved most"
        );
        assert_eq!(
            a.goals[2].area.name, "Vogelbuurt",
            "the buurt that improved least"
        );
        assert_eq!(a.goals[3].area.scope, AreaScope::Complexen);
    }
}
