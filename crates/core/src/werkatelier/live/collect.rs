//! From what participants answered to the file of part 1 of
//! `groups-and-goals-v1.md`: the werkatelier's anonymised answers, which
//! the big screen, the report and `wikken werkatelier` all compute from.
//!
//! Choices where the spec leaves room (stated on the report page too):
//! - Each participant counts with their latest answer per round: the
//!   revision after the reveal when they gave one, else their first.
//! - A participant's `option_scores` (for Kendall's W) are their own
//!   weighted sum of the 0–10 scores they gave each option per criterion,
//!   weighted by their own points (or, without points, their own AHP
//!   weights; without either, equally).
//! - Participants are numbered `d1`, `d2`, … in the order they joined; no
//!   name goes into the file.

use indexmap::IndexMap;

use super::answer::AnswerBody;
use super::setup::Setup;
use crate::engine::ahp;
use crate::werkatelier::{Answer, Answers, RoleSpec};

/// One participant's latest answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    /// Their anonymous id in the file (`d1`, …).
    pub participant: String,
    /// Their role id.
    pub role: String,
    /// Their latest answer per round.
    pub answers: Vec<AnswerBody>,
}

impl Given {
    fn points(&self) -> Option<&IndexMap<String, u32>> {
        self.answers.iter().find_map(|a| match a {
            AnswerBody::Punten { points } => Some(points),
            _ => None,
        })
    }

    fn matrix(&self) -> Option<&Vec<Vec<f64>>> {
        self.answers.iter().find_map(|a| match a {
            AnswerBody::Paarsgewijs { matrix } => Some(matrix),
            _ => None,
        })
    }

    fn scores(&self) -> Option<&IndexMap<String, IndexMap<String, f64>>> {
        self.answers.iter().find_map(|a| match a {
            AnswerBody::Scores { scores } => Some(scores),
            _ => None,
        })
    }

    /// The options this participant picked in the voorselectie.
    pub fn picks(&self) -> &[String] {
        self.answers
            .iter()
            .find_map(|a| match a {
                AnswerBody::Voorselectie { picks } => Some(picks.as_slice()),
                _ => None,
            })
            .unwrap_or(&[])
    }

    /// Their own criterion weights (summing to 1): points, else AHP, else equal.
    pub fn own_weights(&self, setup: &Setup) -> Vec<f64> {
        let n = setup.criteria.len();
        if let Some(p) = self.points() {
            let w: Vec<f64> = setup
                .criteria
                .iter()
                .map(|c| f64::from(p.get(&c.id).copied().unwrap_or(0)) / 100.0)
                .collect();
            if w.iter().sum::<f64>() > 0.0 {
                return w;
            }
        }
        if let Some(m) = self
            .matrix()
            .filter(|m| m.len() == n && (1..=10).contains(&n))
        {
            return ahp::ahp(m).weights;
        }
        vec![1.0 / n.max(1) as f64; n]
    }
}

/// The werkatelier's answers in the spec's format.
pub fn to_answers(setup: &Setup, given: &[Given]) -> Answers {
    let criteria: Vec<String> = setup.criteria.iter().map(|c| c.id.clone()).collect();
    let answers = given
        .iter()
        .map(|g| {
            let option_scores = g.scores().map(|s| {
                let w = g.own_weights(setup);
                setup
                    .options
                    .iter()
                    .map(|o| {
                        let row = s.get(&o.id);
                        let value = criteria
                            .iter()
                            .zip(&w)
                            .map(|(c, w)| w * row.and_then(|r| r.get(c)).copied().unwrap_or(0.0))
                            .sum::<f64>();
                        (o.id.clone(), value)
                    })
                    .collect()
            });
            Answer {
                participant: g.participant.clone(),
                role: g.role.clone(),
                points: g.points().cloned(),
                ahp: g.matrix().cloned(),
                option_scores,
            }
        })
        .collect();
    Answers {
        criteria,
        roles: setup
            .roles
            .iter()
            .map(|r| RoleSpec {
                id: r.id.clone(),
                weight: r.weight,
            })
            .collect(),
        min_role_size: u64::from(setup.min_role_size),
        answers,
    }
}

/// How often each option was picked, overall and per role (in set-up order).
#[derive(Debug, Clone, PartialEq)]
pub struct PickCount {
    /// The option id.
    pub option: String,
    /// Picked by how many.
    pub total: usize,
    /// Per role id: picked by how many of that role.
    pub by_role: IndexMap<String, usize>,
}

/// The voorselectie tallied, most picked first (ties: the set-up's order).
pub fn pick_counts(setup: &Setup, given: &[Given]) -> Vec<PickCount> {
    let mut out: Vec<PickCount> = setup
        .options
        .iter()
        .map(|o| {
            let mut by_role: IndexMap<String, usize> =
                setup.roles.iter().map(|r| (r.id.clone(), 0)).collect();
            let mut total = 0;
            for g in given.iter().filter(|g| g.picks().contains(&o.id)) {
                total += 1;
                *by_role.entry(g.role.clone()).or_insert(0) += 1;
            }
            PickCount {
                option: o.id.clone(),
                total,
                by_role,
            }
        })
        .collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.total));
    out
}

/// The group's median score per option and criterion (from the scores
/// round), in set-up order; `None` where nobody scored.
pub fn median_scores(
    setup: &Setup,
    given: &[Given],
) -> IndexMap<String, IndexMap<String, Option<f64>>> {
    setup
        .options
        .iter()
        .map(|o| {
            let row = setup
                .criteria
                .iter()
                .map(|c| {
                    let mut v: Vec<f64> = given
                        .iter()
                        .filter_map(|g| g.scores()?.get(&o.id)?.get(&c.id).copied())
                        .collect();
                    v.sort_by(f64::total_cmp);
                    let m = match v.len() {
                        0 => None,
                        n if n % 2 == 1 => Some(v[n / 2]),
                        n => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
                    };
                    (c.id.clone(), m)
                })
                .collect();
            (o.id.clone(), row)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::werkatelier::live::setup::{Item, WorkshopRole};
    use crate::werkatelier::{evaluate_answers, validate};

    fn setup() -> Setup {
        let item = |id: &str| Item {
            id: id.into(),
            label: id.into(),
        };
        Setup {
            subject: Default::default(),
            rounds: vec![],
            roles: ["gemeente", "huurders"]
                .iter()
                .map(|r| WorkshopRole {
                    id: r.to_string(),
                    label: r.to_string(),
                    weight: 1.0,
                })
                .collect(),
            criteria: vec![item("leef"), item("betaal")],
            options: vec![item("a"), item("b")],
            min_role_size: 3,
            picks: 1,
        }
    }

    fn given(n: usize, role: &str, leef: u32, a: f64, pick: &str) -> Given {
        Given {
            participant: format!("d{n}"),
            role: role.into(),
            answers: vec![
                AnswerBody::Punten {
                    points: [("leef".into(), leef), ("betaal".into(), 100 - leef)]
                        .into_iter()
                        .collect(),
                },
                AnswerBody::Scores {
                    scores: [
                        (
                            "a".to_string(),
                            [("leef".to_string(), a), ("betaal".to_string(), 5.0)]
                                .into_iter()
                                .collect(),
                        ),
                        (
                            "b".to_string(),
                            [("leef".to_string(), 5.0), ("betaal".to_string(), 5.0)]
                                .into_iter()
                                .collect(),
                        ),
                    ]
                    .into_iter()
                    .collect(),
                },
                AnswerBody::Voorselectie {
                    picks: vec![pick.into()],
                },
            ],
        }
    }

    #[test]
    fn option_scores_are_each_participants_own_weighted_sum() {
        // 80 points on leef: a = 0,8·9 + 0,2·5 = 8,2; b = 5.
        let s = setup();
        let a = to_answers(&s, &[given(1, "gemeente", 80, 9.0, "a")]);
        let scores = a.answers[0].option_scores.as_ref().unwrap();
        assert!((scores["a"] - 8.2).abs() < 1e-12, "{scores:?}");
        assert!((scores["b"] - 5.0).abs() < 1e-12);
        assert!(validate(&a).is_ok());
    }

    #[test]
    fn the_file_passes_the_spec_and_the_group_agrees_when_everyone_does() {
        let s = setup();
        let g: Vec<Given> = (1..=4)
            .map(|i| given(i, if i < 3 { "gemeente" } else { "huurders" }, 60, 8.0, "a"))
            .collect();
        let a = to_answers(&s, &g);
        validate(&a).unwrap();
        let r = evaluate_answers(&a);
        let w = r.ranks.unwrap().kendall_w.unwrap();
        assert!((w - 1.0).abs() < 1e-12);
        let picks = pick_counts(&s, &g);
        assert_eq!((picks[0].option.as_str(), picks[0].total), ("a", 4));
        assert_eq!(picks[0].by_role["huurders"], 2);
        assert_eq!(median_scores(&s, &g)["a"]["leef"], Some(8.0));
    }
}
