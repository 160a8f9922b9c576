//! A goal's contributions from the EffectenArena of the afweging that
//! motivated it: the cost-sharing proposal for the option(s) of its
//! besluit, each actor of the afweging mapped to a party of the afspraken
//! by name (or, for the standard actors, by the kind of party), and the
//! actors that could not be mapped named.

use maud::{Markup, html};
use wikken_core::agreement::{Party, PartyKind};
use wikken_core::case::analysis::{Analysis, ArenaColumn};
use wikken_core::format;
use wikken_storage::CaseId;

use crate::AppState;
use crate::error::AppError;
use crate::layout::Ctx;
use crate::pages::case::results::{Outcome, analysis};

/// The proposal as the afspraken take it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Proposal {
    /// The options of the besluit it is for.
    pub options: Vec<String>,
    /// Per party of the afspraken (in party order, those with a share):
    /// its contribution in euros.
    pub amounts: Vec<(String, f64)>,
    /// How each actor with a share was mapped: (actor, party).
    pub mapped: Vec<(String, String)>,
    /// Actors with a share that are no party here: (actor, amount).
    pub unmapped: Vec<(String, f64)>,
}

fn normal(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether `part` occurs in `whole` as whole words.
fn has_words(whole: &str, part: &str) -> bool {
    !part.is_empty() && format!(" {whole} ").contains(&format!(" {part} "))
}

/// The party an actor of an afweging stands for: the party with the same
/// name; else the one party whose name contains the actor's (or the
/// reverse: "Gemeente" and "Gemeente Lindeveen"); else, for the standard
/// actors corporatie, gemeente, huurders and politie, the one party of
/// that kind.
pub fn party_for<'a>(actor_id: &str, actor_name: &str, parties: &'a [Party]) -> Option<&'a Party> {
    let a = normal(actor_name);
    if let Some(p) = parties.iter().find(|p| normal(&p.name) == a) {
        return Some(p);
    }
    let words: Vec<&Party> = parties
        .iter()
        .filter(|p| {
            let n = normal(&p.name);
            has_words(&n, &a) || has_words(&a, &n)
        })
        .collect();
    if let [one] = words.as_slice() {
        return Some(one);
    }
    let kind = match actor_id {
        "corporatie" => PartyKind::Corporatie,
        "gemeente" => PartyKind::Gemeente,
        "huurders" => PartyKind::Huurdersorganisatie,
        "politie" => PartyKind::Politie,
        _ => return None,
    };
    let of_kind: Vec<&Party> = parties.iter().filter(|p| p.kind == kind).collect();
    match of_kind.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// The proposal of `analysis` for the `chosen` options, mapped onto
/// `parties`. Contributions are rounded to whole euros.
pub fn proposal(analysis: &Analysis, chosen: &[String], parties: &[Party]) -> Proposal {
    let actors: Vec<(&str, &str)> = analysis
        .model
        .actors
        .iter()
        .map(|x| (x.id.as_str(), x.name.as_str()))
        .collect();
    let options: Vec<(&str, &str)> = analysis
        .model
        .options
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    proposal_of(&actors, &options, &analysis.arena, chosen, parties)
}

/// [`proposal`] from the arena's columns with the names of the actors
/// and options `(id, name)`.
pub fn proposal_of(
    actors: &[(&str, &str)],
    option_names: &[(&str, &str)],
    arena: &[ArenaColumn],
    chosen: &[String],
    parties: &[Party],
) -> Proposal {
    let actor_name = |id: &str| {
        actors
            .iter()
            .find(|x| x.0 == id)
            .map_or(id.to_string(), |x| x.1.to_string())
    };
    let mut per_actor: Vec<(String, f64)> = Vec::new();
    let mut options = Vec::new();
    for col in arena.iter().filter(|c| chosen.contains(&c.option)) {
        options.push(
            option_names
                .iter()
                .find(|o| o.0 == col.option)
                .map_or(col.option.clone(), |o| o.1.to_string()),
        );
        for (id, cell) in &col.actors {
            match per_actor.iter_mut().find(|(a, _)| a == id) {
                Some(e) => e.1 += cell.proposed_contribution,
                None => per_actor.push((id.clone(), cell.proposed_contribution)),
            }
        }
    }
    let mut out = Proposal {
        options,
        ..Proposal::default()
    };
    let mut sums: Vec<f64> = vec![0.0; parties.len()];
    for (id, amount) in per_actor.into_iter().filter(|(_, x)| x.abs() >= 0.5) {
        let name = actor_name(&id);
        match party_for(&id, &name, parties) {
            Some(p) => {
                let i = parties
                    .iter()
                    .position(|q| q.name == p.name)
                    .expect("a party");
                sums[i] += amount;
                out.mapped.push((name, p.name.clone()));
            }
            None => out.unmapped.push((name, amount.round())),
        }
    }
    out.amounts = parties
        .iter()
        .zip(sums)
        .filter(|(_, x)| *x != 0.0)
        .map(|(p, x)| (p.name.clone(), x.round()))
        .collect();
    out
}

/// The proposal of afweging `case_id`'s besluit (its newest decided
/// version), or why there is none (Dutch).
pub async fn from_case(
    app: &AppState,
    ctx: &Ctx,
    case_id: &str,
    parties: &[Party],
) -> Result<Result<Proposal, String>, AppError> {
    let versions = app
        .store
        .case_versions(&ctx.user.org, &CaseId::from(case_id))
        .await?;
    let Some(decided) = versions.iter().rev().find(|v| v.1.is_some()).map(|v| v.0) else {
        return Ok(Err(
            "Deze afweging heeft nog geen besluit; de bijdragen komen uit de kostenverdeling van de gekozen optie(s)."
                .into(),
        ));
    };
    let case = crate::pages::case::load(app, ctx, case_id, Some(decided)).await?;
    let chosen = case
        .doc()
        .decision
        .as_ref()
        .map(|d| d.chosen.clone())
        .unwrap_or_default();
    match analysis(app, &case).await? {
        Outcome::Ready(a) => Ok(Ok(proposal(&a, &chosen, parties))),
        Outcome::Missing(what) => Ok(Err(format!(
            "De afweging is nog niet door te rekenen: {}.",
            what.join(", ")
        ))),
        Outcome::Invalid(problems) => Ok(Err(format!(
            "De afweging is niet door te rekenen: {}.",
            problems.join("; ")
        ))),
    }
}

/// What was taken over, for the goal form.
pub fn notice(p: &Proposal) -> Markup {
    html! {
        div.notice role="status" {
            p { strong { "Bijdragen overgenomen uit de kostenverdeling" }
                " van " (p.options.join(", ")) " (contante waarden, afgerond op hele euro's). Controleer ze en sla het doel op." }
            @if !p.mapped.is_empty() {
                p { "Gekoppeld: " (p.mapped.iter().map(|(a, b)| if a == b { a.clone() } else { format!("{a} → {b}") }).collect::<Vec<_>>().join("; ")) "." }
            }
            @if !p.unmapped.is_empty() {
                p { strong { "Niet gekoppeld" } " (geen partij bij deze afspraken): "
                    (p.unmapped.iter().map(|(a, x)| format!("{a} ({})", format::euro(*x))).collect::<Vec<_>>().join("; ")) "." }
            }
            @if p.amounts.is_empty() { p { "De kostenverdeling vraagt van geen van de partijen een bijdrage." } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parties() -> Vec<Party> {
        let p = |name: &str, kind| Party {
            name: name.into(),
            kind,
            signs: true,
        };
        vec![
            p("Woonstichting Lindeveen", PartyKind::Corporatie),
            p("Gemeente Lindeveen", PartyKind::Gemeente),
            p(
                "Huurdersvereniging De Linde",
                PartyKind::Huurdersorganisatie,
            ),
            p("Welzijn Lindeveen", PartyKind::ZorgWelzijn),
        ]
    }

    #[test]
    fn actors_map_by_name_then_by_words_then_by_kind() {
        let ps = parties();
        let name = |id: &str, n: &str| party_for(id, n, &ps).map(|p| p.name.as_str());
        assert_eq!(name("x", "gemeente lindeveen"), Some("Gemeente Lindeveen"));
        assert_eq!(name("gemeente", "Gemeente"), Some("Gemeente Lindeveen"));
        assert_eq!(name("welzijn", "Welzijn"), Some("Welzijn Lindeveen"));
        assert_eq!(
            name("corporatie", "Woningcorporatie"),
            Some("Woonstichting Lindeveen")
        );
        assert_eq!(
            name("huurders", "Huurders"),
            Some("Huurdersvereniging De Linde")
        );
        assert_eq!(name("zorgverzekeraar", "Zorgverzekeraar"), None);
        // "Lindeveen" alone is in three names: no guess.
        assert_eq!(name("x", "Lindeveen"), None);
    }

    #[test]
    fn the_proposal_sums_the_chosen_options_and_names_what_is_not_mapped() {
        use indexmap::IndexMap;
        use wikken_core::case::analysis::ArenaCell;
        let cell = |c: f64| ArenaCell {
            pv_costs: 0.0,
            pv_benefits: 0.0,
            net: 0.0,
            pays: true,
            proposed_contribution: c,
            kept: 0.0,
            net_after_sharing: 0.0,
        };
        let col = |option: &str, cells: &[(&str, f64)]| ArenaColumn {
            option: option.into(),
            actors: cells
                .iter()
                .map(|(a, c)| (a.to_string(), cell(*c)))
                .collect::<IndexMap<_, _>>(),
            shared: 0.0,
            remainder: 0.0,
        };
        let actors = [
            ("corporatie", "Woningcorporatie"),
            ("gemeente", "Gemeente"),
            ("zorgverzekeraar", "Zorgverzekeraar"),
        ];
        let arena = vec![
            col(
                "o1",
                &[
                    ("corporatie", 1000.4),
                    ("gemeente", 500.0),
                    ("zorgverzekeraar", 250.0),
                ],
            ),
            col("o2", &[("corporatie", 2000.0), ("gemeente", 0.0)]),
            col("o3", &[("corporatie", 99999.0)]),
        ];
        let options = [("o1", "Buurtbeheerder"), ("o2", "Schuldhulp")];
        let p = proposal_of(
            &actors,
            &options,
            &arena,
            &["o1".into(), "o2".into()],
            &parties(),
        );
        assert_eq!(p.options, ["Buurtbeheerder", "Schuldhulp"]);
        assert_eq!(
            p.amounts,
            vec![
                ("Woonstichting Lindeveen".to_string(), 3000.0),
                ("Gemeente Lindeveen".to_string(), 500.0)
            ]
        );
        assert_eq!(p.unmapped, vec![("Zorgverzekeraar".to_string(), 250.0)]);
        let text = notice(&p).into_string();
        assert!(text.contains("Zorgverzekeraar (€ 250)"), "{text}");
        assert!(
            text.contains("Woningcorporatie → Woonstichting Lindeveen"),
            "{text}"
        );
    }
}
