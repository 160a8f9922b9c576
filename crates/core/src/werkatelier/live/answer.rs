//! A participant's answer to a round, read from their phone's form: every
//! problem named by its field, in Dutch, so the form can show it beside the
//! input and keep what was typed.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::limits;
use super::round::Round;
use super::setup::{PIN_CATEGORIES, Setup};
use crate::format::parse_number;
use crate::input_error::InputErrors;

/// What a participant answered in one round (pins are kept apart: a
/// participant places several).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "round", rename_all = "lowercase")]
pub enum AnswerBody {
    /// Points per criterion id, summing to 100.
    Punten {
        /// Whole points per criterion, in the set-up's order.
        points: IndexMap<String, u32>,
    },
    /// The pairwise comparison matrix, in the set-up's criterion order.
    Paarsgewijs {
        /// A reciprocal matrix on Saaty's scale.
        matrix: Vec<Vec<f64>>,
    },
    /// Per option id, per criterion id: 0 to 10.
    Scores {
        /// The scores.
        scores: IndexMap<String, IndexMap<String, f64>>,
    },
    /// The option ids picked.
    Voorselectie {
        /// In the order the form listed them.
        picks: Vec<String>,
    },
}

impl AnswerBody {
    /// The round this answers.
    pub fn round(&self) -> Round {
        match self {
            AnswerBody::Punten { .. } => Round::Punten,
            AnswerBody::Paarsgewijs { .. } => Round::Paarsgewijs,
            AnswerBody::Scores { .. } => Round::Scores,
            AnswerBody::Voorselectie { .. } => Round::Voorselectie,
        }
    }
}

/// The form field of a criterion's points.
pub fn points_field(criterion: &str) -> String {
    format!("p_{criterion}")
}

/// The form field of the pair (i, j), i < j. Its value is a choice on
/// Saaty's scale as the weighing page has it: 9, 7, 5, 3 (the first
/// criterion so much more important), 1 (equal), −3 … −9 (the second).
pub fn pair_field(i: usize, j: usize) -> String {
    format!("a_{i}_{j}")
}

/// The choices of a pair, from "links extreem belangrijker" to "rechts".
pub const PAIR_CHOICES: [(i32, &str); 9] = [
    (9, "links extreem belangrijker (9)"),
    (7, "links veel belangrijker (7)"),
    (5, "links belangrijker (5)"),
    (3, "links iets belangrijker (3)"),
    (1, "even belangrijk (1)"),
    (-3, "rechts iets belangrijker (3)"),
    (-5, "rechts belangrijker (5)"),
    (-7, "rechts veel belangrijker (7)"),
    (-9, "rechts extreem belangrijker (9)"),
];

/// The matrix entry of a choice: v for v ≥ 1, 1/−v for v ≤ −1; `None`
/// outside −9 … 9 or for 0.
pub fn saaty_from_choice(v: i32) -> Option<f64> {
    match v {
        1..=9 => Some(f64::from(v)),
        -9..=-1 => Some(1.0 / f64::from(-v)),
        _ => None,
    }
}

/// The choice nearest to a matrix entry.
pub fn choice_from_saaty(a: f64) -> i32 {
    let v = if a >= 1.0 { a } else { -1.0 / a };
    PAIR_CHOICES
        .iter()
        .map(|(c, _)| *c)
        .min_by(|x, y| {
            (f64::from(*x) - v)
                .abs()
                .total_cmp(&(f64::from(*y) - v).abs())
        })
        .unwrap_or(1)
}

/// The form field of an option's score on a criterion.
pub fn score_field(option: &str, criterion: &str) -> String {
    format!("s_{option}__{criterion}")
}

/// The form field of the picked options (repeated).
pub const PICK_FIELD: &str = "kies";

fn value<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
}

/// Reads the answer to a (blind) round from the form's fields.
pub fn parse_answer(
    setup: &Setup,
    round: Round,
    fields: &[(String, String)],
) -> Result<AnswerBody, InputErrors> {
    match round {
        Round::Punten => parse_points(setup, fields),
        Round::Paarsgewijs => parse_pairs(setup, fields),
        Round::Scores => parse_scores(setup, fields),
        Round::Voorselectie => parse_picks(setup, fields),
        Round::Spelden => {
            let mut e = InputErrors::default();
            e.push("ronde", "Spelden plaats je op de kaart, één voor één.");
            Err(e)
        }
    }
}

fn parse_points(setup: &Setup, fields: &[(String, String)]) -> Result<AnswerBody, InputErrors> {
    let mut e = InputErrors::default();
    let mut points = IndexMap::new();
    for c in &setup.criteria {
        let field = points_field(&c.id);
        let text = value(fields, &field).unwrap_or("");
        let n = if text.is_empty() {
            Some(0)
        } else {
            text.parse::<u32>().ok().filter(|n| *n <= 100)
        };
        match n {
            Some(n) => {
                points.insert(c.id.clone(), n);
            }
            None => e.push(
                field,
                format!(
                    "{}: een heel getal van 0 tot en met 100, niet ‘{text}’.",
                    c.label
                ),
            ),
        }
    }
    if e.is_empty() {
        let total: u32 = points.values().sum();
        if total != 100 {
            let msg = if total < 100 {
                format!(
                    "Je hebt {total} van de 100 punten verdeeld: nog {} te verdelen.",
                    100 - total
                )
            } else {
                format!("Je hebt {total} punten verdeeld: {} te veel.", total - 100)
            };
            e.push("punten", msg);
        }
    }
    e.into_result(AnswerBody::Punten { points })
}

fn parse_pairs(setup: &Setup, fields: &[(String, String)]) -> Result<AnswerBody, InputErrors> {
    let n = setup.criteria.len();
    let mut e = InputErrors::default();
    let mut upper = vec![vec![1.0; n]; n];
    let pairs = (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j)));
    for (i, j) in pairs {
        let field = pair_field(i, j);
        let text = value(fields, &field).unwrap_or("");
        match text.parse::<i32>().ok().and_then(saaty_from_choice) {
            Some(a) => upper[i][j] = a,
            None => e.push(
                field,
                format!(
                    "Kies bij ‘{}’ tegen ‘{}’ hoeveel belangrijker de een is.",
                    setup.criteria[i].label, setup.criteria[j].label
                ),
            ),
        }
    }
    let matrix = crate::case::weights::matrix_from_upper(n, |i, j| upper[i][j]);
    e.into_result(AnswerBody::Paarsgewijs { matrix })
}

fn parse_scores(setup: &Setup, fields: &[(String, String)]) -> Result<AnswerBody, InputErrors> {
    let mut e = InputErrors::default();
    let mut scores = IndexMap::new();
    for o in &setup.options {
        let mut row = IndexMap::new();
        for c in &setup.criteria {
            let field = score_field(&o.id, &c.id);
            let text = value(fields, &field).unwrap_or("");
            match parse_number(text).filter(|x| (0.0..=10.0).contains(x)) {
                Some(x) => {
                    row.insert(c.id.clone(), x);
                }
                None if text.is_empty() => e.push(
                    field,
                    format!("Geef ‘{}’ een cijfer voor {}.", o.label, c.label),
                ),
                None => e.push(
                    field,
                    format!(
                        "‘{}’ op {}: een cijfer van 0 tot en met 10 (zoals 6,5), niet ‘{text}’.",
                        o.label, c.label
                    ),
                ),
            }
        }
        scores.insert(o.id.clone(), row);
    }
    e.into_result(AnswerBody::Scores { scores })
}

fn parse_picks(setup: &Setup, fields: &[(String, String)]) -> Result<AnswerBody, InputErrors> {
    let mut e = InputErrors::default();
    let chosen: Vec<&str> = fields
        .iter()
        .filter(|(k, _)| k == PICK_FIELD)
        .map(|(_, v)| v.as_str())
        .collect();
    let mut picks = Vec::new();
    for o in &setup.options {
        if chosen.contains(&o.id.as_str()) {
            picks.push(o.id.clone());
        }
    }
    let allowed = setup.picks_allowed();
    if chosen
        .iter()
        .any(|c| setup.options.iter().all(|o| o.id != *c))
    {
        e.push(PICK_FIELD, "Kies uit de opties op het scherm.");
    } else if picks.is_empty() {
        e.push(PICK_FIELD, "Kies ten minste één optie.");
    } else if picks.len() > allowed {
        e.push(
            PICK_FIELD,
            format!("Kies er ten hoogste {allowed}; je koos er {}.", picks.len()),
        );
    }
    e.into_result(AnswerBody::Voorselectie { picks })
}

/// A pin as placed on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PinInput {
    /// Across the map, 0 (left) to 1 (right).
    pub x: f64,
    /// Down the map, 0 (top) to 1 (bottom).
    pub y: f64,
    /// The buurt the pin fell in, when it fell in one.
    pub area_code: Option<String>,
    /// One of [`PIN_CATEGORIES`].
    pub category: String,
    /// The problem in a few words.
    pub text: String,
}

/// Reads a pin from the form: `x`, `y` (0–1), `gebied` (one of the map's
/// buurten, or empty), `categorie`, `tekst`.
pub fn parse_pin(fields: &[(String, String)], buurten: &[String]) -> Result<PinInput, InputErrors> {
    let mut e = InputErrors::default();
    let coord = |name: &str, e: &mut InputErrors| {
        let v = value(fields, name)
            .and_then(|t| t.replace(',', ".").parse::<f64>().ok())
            .filter(|v| (0.0..=1.0).contains(v));
        if v.is_none() {
            e.push("kaart", "Tik eerst op de kaart om de plek te kiezen.");
        }
        v.unwrap_or(0.0)
    };
    let x = coord("x", &mut e);
    let y = if e.is_empty() {
        coord("y", &mut e)
    } else {
        0.0
    };
    let area_code = value(fields, "gebied").filter(|c| !c.is_empty());
    if let Some(code) = area_code
        && !buurten.iter().any(|b| b == code)
    {
        e.push(
            "kaart",
            "Die plek ligt niet in het gebied van dit werkatelier.",
        );
    }
    let category = value(fields, "categorie").unwrap_or("");
    if PIN_CATEGORIES.iter().all(|(c, _)| *c != category) {
        e.push("categorie", "Kies wat voor probleem het is.");
    }
    let text = value(fields, "tekst").unwrap_or("");
    if text.is_empty() {
        e.push("tekst", "Zeg in een paar woorden wat het probleem is.");
    } else if text.chars().count() > limits::TEXT_CHARS {
        e.push(
            "tekst",
            format!(
                "Ten hoogste {} tekens; dit zijn er {}.",
                limits::TEXT_CHARS,
                text.chars().count()
            ),
        );
    }
    e.into_result(PinInput {
        x,
        y,
        area_code: area_code.map(str::to_string),
        category: category.to_string(),
        text: text.to_string(),
    })
}

/// Reads the reason given with a revision or a disagreement: required,
/// at most [`limits::TEXT_CHARS`] characters.
pub fn parse_reason(fields: &[(String, String)], what: &str) -> Result<String, InputErrors> {
    let mut e = InputErrors::default();
    let text = value(fields, "reden").unwrap_or("");
    if text.is_empty() {
        e.push("reden", format!("Zeg in een zin waarom je {what}."));
    } else if text.chars().count() > limits::TEXT_CHARS {
        e.push(
            "reden",
            format!(
                "Ten hoogste {} tekens; dit zijn er {}.",
                limits::TEXT_CHARS,
                text.chars().count()
            ),
        );
    }
    e.into_result(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::werkatelier::live::setup::{Item, MIN_ROLE_SIZE, PICKS, WorkshopRole};

    fn setup() -> Setup {
        let item = |id: &str| Item {
            id: id.into(),
            label: id.to_uppercase(),
        };
        Setup {
            subject: Default::default(),
            rounds: Round::ALL.to_vec(),
            roles: vec![WorkshopRole {
                id: "huurders".into(),
                label: "Huurders".into(),
                weight: 1.0,
            }],
            criteria: vec![item("leef"), item("betaal"), item("duur")],
            options: vec![item("a"), item("b"), item("c"), item("d")],
            min_role_size: MIN_ROLE_SIZE,
            picks: PICKS,
        }
    }

    fn f(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn points_must_add_up_to_100_and_say_what_is_left() {
        let s = setup();
        let ok = parse_answer(
            &s,
            Round::Punten,
            &f(&[("p_leef", "50"), ("p_betaal", "30"), ("p_duur", "20")]),
        );
        assert!(matches!(ok, Ok(AnswerBody::Punten { .. })));
        let short = parse_answer(
            &s,
            Round::Punten,
            &f(&[("p_leef", "50"), ("p_betaal", "30")]),
        )
        .unwrap_err();
        assert_eq!(short.0[0].path, "punten");
        assert!(
            short.0[0].message.contains("nog 20 te verdelen"),
            "{short:?}"
        );
        let bad = parse_answer(&s, Round::Punten, &f(&[("p_leef", "5,5")])).unwrap_err();
        assert_eq!(bad.0[0].path, "p_leef");
    }

    #[test]
    fn choices_map_onto_saaty_and_back() {
        assert_eq!(saaty_from_choice(1), Some(1.0));
        assert_eq!(saaty_from_choice(9), Some(9.0));
        assert_eq!(saaty_from_choice(-3), Some(1.0 / 3.0));
        assert_eq!(saaty_from_choice(0), None);
        assert_eq!(saaty_from_choice(10), None);
        for (c, _) in PAIR_CHOICES {
            assert_eq!(choice_from_saaty(saaty_from_choice(c).unwrap()), c);
        }
    }

    #[test]
    fn pairs_make_a_reciprocal_matrix_and_a_missing_pair_is_named() {
        let s = setup();
        let AnswerBody::Paarsgewijs { matrix } = parse_answer(
            &s,
            Round::Paarsgewijs,
            &f(&[("a_0_1", "3"), ("a_0_2", "-5"), ("a_1_2", "1")]),
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(matrix[0][1], 3.0);
        assert_eq!(matrix[1][0], 1.0 / 3.0);
        assert_eq!(matrix[0][2], 0.2);
        assert_eq!(matrix[2][0], 5.0);
        let e = parse_answer(
            &s,
            Round::Paarsgewijs,
            &f(&[("a_0_1", "3"), ("a_0_2", "0")]),
        )
        .unwrap_err();
        let paths: Vec<&str> = e.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["a_0_2", "a_1_2"]);
    }

    #[test]
    fn scores_take_dutch_decimals_and_refuse_out_of_range() {
        let mut s = setup();
        s.options.truncate(1);
        s.criteria.truncate(2);
        let AnswerBody::Scores { scores } = parse_answer(
            &s,
            Round::Scores,
            &f(&[("s_a__leef", "6,5"), ("s_a__betaal", "10")]),
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(scores["a"]["leef"], 6.5);
        let e = parse_answer(&s, Round::Scores, &f(&[("s_a__leef", "11")])).unwrap_err();
        assert_eq!(e.0[0].path, "s_a__leef");
        assert_eq!(e.0[1].path, "s_a__betaal");
    }

    #[test]
    fn picks_are_capped_and_unknown_options_refused() {
        let s = setup();
        let ok =
            parse_answer(&s, Round::Voorselectie, &f(&[("kies", "c"), ("kies", "a")])).unwrap();
        assert_eq!(
            ok,
            AnswerBody::Voorselectie {
                picks: vec!["a".into(), "c".into()]
            }
        );
        let many = f(&[("kies", "a"), ("kies", "b"), ("kies", "c"), ("kies", "d")]);
        assert!(parse_answer(&s, Round::Voorselectie, &many).is_err());
        assert!(parse_answer(&s, Round::Voorselectie, &f(&[("kies", "zz")])).is_err());
        assert!(parse_answer(&s, Round::Voorselectie, &[]).is_err());
    }

    #[test]
    fn a_pin_needs_a_place_a_category_and_words_within_the_area() {
        let buurten = vec!["BU1".to_string()];
        let ok = parse_pin(
            &f(&[
                ("x", "0.25"),
                ("y", "0.5"),
                ("gebied", "BU1"),
                ("categorie", "veiligheid"),
                ("tekst", "Donker pad"),
            ]),
            &buurten,
        )
        .unwrap();
        assert_eq!(ok.area_code.as_deref(), Some("BU1"));
        let e = parse_pin(&f(&[("gebied", "BU9"), ("categorie", "x")]), &buurten).unwrap_err();
        let paths: Vec<&str> = e.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["kaart", "kaart", "categorie", "tekst"]);
    }
}

/// How far a revision moved from the first answer, in Dutch: points
/// shifted (half the sum of the absolute changes), weight shifted in
/// percentage points (pairwise, from each matrix's priority vector), the
/// mean change of the scores, or how many picks changed. `None` when the
/// two answers are not of the same round.
pub fn movement(first: &AnswerBody, revised: &AnswerBody) -> Option<String> {
    fn half_l1(a: &[f64], b: &[f64]) -> f64 {
        a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f64>() / 2.0
    }
    Some(match (first, revised) {
        (AnswerBody::Punten { points: a }, AnswerBody::Punten { points: b }) => {
            let keys: Vec<&String> = a.keys().collect();
            let va: Vec<f64> = keys.iter().map(|k| f64::from(a[*k])).collect();
            let vb: Vec<f64> = keys
                .iter()
                .map(|k| f64::from(b.get(*k).copied().unwrap_or(0)))
                .collect();
            let n = half_l1(&va, &vb).round() as u32;
            format!("{n} {} verschoven", if n == 1 { "punt" } else { "punten" })
        }
        (AnswerBody::Paarsgewijs { matrix: a }, AnswerBody::Paarsgewijs { matrix: b })
            if a.len() == b.len() && (1..=10).contains(&a.len()) =>
        {
            let (wa, wb) = (
                crate::engine::ahp::ahp(a).weights,
                crate::engine::ahp::ahp(b).weights,
            );
            let pp = (half_l1(&wa, &wb) * 100.0).round() as u32;
            format!("{pp} procentpunt gewicht verschoven")
        }
        (AnswerBody::Scores { scores: a }, AnswerBody::Scores { scores: b }) => {
            let mut diffs = Vec::new();
            for (o, row) in a {
                for (c, x) in row {
                    if let Some(y) = b.get(o).and_then(|r| r.get(c)) {
                        diffs.push((x - y).abs());
                    }
                }
            }
            let mean = diffs.iter().sum::<f64>() / diffs.len().max(1) as f64;
            format!(
                "scores gemiddeld {} punt anders",
                crate::format::number(mean, 1)
            )
        }
        (AnswerBody::Voorselectie { picks: a }, AnswerBody::Voorselectie { picks: b }) => {
            let n = b.iter().filter(|p| !a.contains(p)).count();
            format!("{n} {} anders", if n == 1 { "keuze" } else { "keuzes" })
        }
        _ => return None,
    })
}

#[cfg(test)]
mod movement_tests {
    use super::*;

    fn pts(a: u32, b: u32) -> AnswerBody {
        AnswerBody::Punten {
            points: [("x".to_string(), a), ("y".to_string(), b)]
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn a_revision_says_how_far_it_moved() {
        // 70/30 → 50/50: 20 points moved from x to y.
        assert_eq!(
            movement(&pts(70, 30), &pts(50, 50)).as_deref(),
            Some("20 punten verschoven")
        );
        let picks = |p: &[&str]| AnswerBody::Voorselectie {
            picks: p.iter().map(|s| s.to_string()).collect(),
        };
        assert_eq!(
            movement(&picks(&["a", "b"]), &picks(&["a", "c"])).as_deref(),
            Some("1 keuze anders")
        );
        // Equal (1) → the first 3 times as important: weights 1/2,1/2 → 3/4,1/4.
        let m = |a: f64| AnswerBody::Paarsgewijs {
            matrix: vec![vec![1.0, a], vec![1.0 / a, 1.0]],
        };
        assert_eq!(
            movement(&m(1.0), &m(3.0)).as_deref(),
            Some("25 procentpunt gewicht verschoven")
        );
        assert_eq!(movement(&pts(50, 50), &picks(&["a"])), None);
    }
}
