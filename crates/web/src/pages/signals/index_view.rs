//! The signal page as data: the buurten of the chosen gemeente and the
//! complexes, each in order of their score with its level and drivers, the
//! indicators and weights that make the score, and the counts per level;
//! buurten with fewer inhabitants than the chosen minimum apart or left
//! out, the same in the links to the map and the download. Built without
//! I/O from what the handler loaded.

use std::collections::HashMap;

use wikken_core::format;
use wikken_storage::{AreaRow, ComplexRow, IndicatorRow, SignalWeight};

use super::ranked_list::{SubjectList, list};
use crate::pages::complex::url_code;
use crate::pages::select_option::SelectOption;
use crate::signals::{Scored, SmallBuurten, SmallMode};

/// A `?gemeente=` the organisation does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownGemeente;

/// The gemeente asked for, or else the first; an error when the one asked
/// for is not among `gemeenten`.
pub fn chosen<'a>(
    gemeenten: &'a [AreaRow],
    asked: Option<&str>,
) -> Result<Option<&'a AreaRow>, UnknownGemeente> {
    match asked {
        Some(code) => gemeenten
            .iter()
            .find(|g| g.code == code)
            .map(Some)
            .ok_or(UnknownGemeente),
        None => Ok(gemeenten.first()),
    }
}

/// What the handler loaded for the page.
pub struct SignalsData<'a> {
    /// The organisation's gemeenten.
    pub gemeenten: &'a [AreaRow],
    /// The gemeente shown.
    pub chosen: Option<&'a AreaRow>,
    /// Every indicator.
    pub indicators: &'a [IndicatorRow],
    /// The signal of each buurt of the chosen gemeente.
    pub buurten: Vec<Scored>,
    /// The weights of the buurten's signal.
    pub buurt_weights: &'a [SignalWeight],
    /// The buurten of the chosen gemeente (for their names).
    pub buurt_areas: &'a [AreaRow],
    /// Whether the buurten's weights are the defaults.
    pub defaults: bool,
    /// The signal of each complex.
    pub complexes: Vec<Scored>,
    /// The weights of the complexes' signal.
    pub complex_weights: &'a [SignalWeight],
    /// The complexes (for their names).
    pub complex_rows: &'a [ComplexRow],
    /// Whether the user may change the weights.
    pub can_edit: bool,
    /// The rule for buurten with few inhabitants.
    pub small: SmallBuurten,
    /// The buurten left out under it: code and inhabitants.
    pub left_out: Vec<(String, f64)>,
    /// The minimum as typed (to show it again when it was refused).
    pub min_typed: Option<String>,
    /// Why the typed rule was not used, in Dutch.
    pub small_error: Option<String>,
}

/// A button above the lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// Where it goes.
    pub href: String,
    /// Its text.
    pub label: &'static str,
    /// Whether it downloads a file.
    pub download: bool,
}

/// The buurten of the chosen gemeente.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuurtList {
    /// "Buurten van Lindeveen".
    pub heading: String,
    /// Whether the weights are the defaults (the page says so).
    pub defaults: bool,
    /// The buurten.
    pub list: SubjectList,
    /// What happened to the small buurten, after the counts ("Daarnaast 2
    /// buurten met minder dan 200 inwoners …"); `None` when there are none.
    pub small_note: Option<String>,
    /// "Buurten met minder dan 200 inwoners" (the small group's heading).
    pub small_heading: String,
    /// The buurten left out, named with their inhabitants.
    pub left_out: Vec<String>,
}

/// The form that chooses the minimum of inhabitants and what happens below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmallForm {
    /// The chosen gemeente's code (kept when there is no choice of gemeente).
    pub gemeente: Option<String>,
    /// The minimum as shown in the field.
    pub min: String,
    /// Mark or leave out, as options.
    pub modes: Vec<SelectOption>,
    /// Why the typed value was not used.
    pub error: Option<String>,
}

/// The signal page, decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignalsView {
    /// The gemeenten to choose from; empty when there is only one.
    pub gemeenten: Vec<SelectOption>,
    /// The map, the download and (editors) the settings.
    pub actions: Vec<Action>,
    /// The chosen gemeente's buurten; `None` without gemeenten.
    pub buurten: Option<BuurtList>,
    /// The complexes; `None` without complexes.
    pub complexes: Option<SubjectList>,
    /// The choice of minimum; `None` without a gemeente.
    pub small_form: Option<SmallForm>,
}

/// Builds the page from what was loaded.
pub fn build(data: SignalsData<'_>) -> SignalsView {
    let names: HashMap<&str, &str> = data
        .buurt_areas
        .iter()
        .map(|a| (a.code.as_str(), a.name.as_str()))
        .collect();
    let mut actions = Vec::new();
    let small = data.small;
    if let Some(g) = data.chosen {
        actions.push(Action {
            href: format!("/monitor/{}?kengetal=signaal{}", g.code, small.query()),
            label: "Bekijk op de kaart",
            download: false,
        });
        actions.push(Action {
            href: format!("/signalen/export.xlsx?gemeente={}{}", g.code, small.query()),
            label: "Downloaden (Excel)",
            download: true,
        });
    }
    if data.can_edit {
        actions.push(Action {
            href: "/signalen/instellingen".into(),
            label: "Kengetallen en gewichten aanpassen",
            download: false,
        });
    }
    let gemeenten = if data.gemeenten.len() > 1 {
        data.gemeenten
            .iter()
            .map(|g| {
                let selected = data.chosen.is_some_and(|c| c.code == g.code);
                SelectOption::new(&g.code, &g.name, selected)
            })
            .collect()
    } else {
        Vec::new()
    };
    let indicators = data.indicators;
    let buurten = data.chosen.map(|g| {
        let list = list(
            data.buurten,
            data.buurt_weights,
            indicators,
            "buurten",
            Some(&small),
            |s| {
                let name = names.get(s.code.as_str()).copied().unwrap_or(&s.code);
                (
                    Some(s.code.clone()),
                    format!("/gebied/{}", s.code),
                    name.to_string(),
                )
            },
        );
        let left_out: Vec<String> = data
            .left_out
            .iter()
            .map(|(code, p)| {
                let name = names.get(code.as_str()).copied().unwrap_or(code);
                format!("{name} ({} inwoners)", format::number(*p, 0))
            })
            .collect();
        BuurtList {
            heading: format!("Buurten van {}", g.name),
            defaults: data.defaults,
            small_note: small_note(&small, list.small.len(), left_out.len()),
            small_heading: format!("Buurten met {}", small.below()),
            list,
            left_out,
        }
    });
    let complexes = (!data.complexes.is_empty()).then(|| {
        list(
            data.complexes,
            data.complex_weights,
            indicators,
            "complexen",
            None,
            |s| {
                let name = data
                    .complex_rows
                    .iter()
                    .find(|c| c.code == s.code)
                    .map_or("", |c| c.name.as_str());
                (
                    None,
                    format!("/complex/{}", url_code(&s.code)),
                    format!("{} {name}", s.code),
                )
            },
        )
    });
    let small_form = data.chosen.map(|g| SmallForm {
        gemeente: (data.gemeenten.len() <= 1).then(|| g.code.clone()),
        min: data
            .min_typed
            .clone()
            .unwrap_or_else(|| small.min_population.to_string()),
        modes: SmallMode::ALL
            .iter()
            .map(|m| SelectOption::new(m.as_str(), m.label(), *m == small.mode))
            .collect(),
        error: data.small_error.clone(),
    });
    SignalsView {
        gemeenten,
        actions,
        buurten,
        complexes,
        small_form,
    }
}

/// What happened to the buurten below the minimum, in a sentence after
/// the counts; `None` when no buurt is below it.
fn small_note(small: &SmallBuurten, marked: usize, left_out: usize) -> Option<String> {
    let buurten = |n: usize| {
        if n == 1 {
            "1 buurt".to_string()
        } else {
            format!("{n} buurten")
        }
    };
    match small.mode {
        SmallMode::Mark if marked > 0 => Some(format!(
            "Daarnaast {} met {}: die staan apart onderaan en tellen hier niet mee.",
            buurten(marked),
            small.below()
        )),
        SmallMode::Leave if left_out > 0 => Some(format!(
            "{} met {} {} weggelaten: ze tellen niet mee in de vergelijking.",
            format::capitalised(&buurten(left_out)),
            small.below(),
            if left_out == 1 { "is" } else { "zijn" }
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::demo_rows::{self, scored};

    fn complex(code: &str, name: &str) -> ComplexRow {
        ComplexRow {
            code: code.into(),
            name: name.into(),
            buurt_code: String::new(),
            dwellings: 10,
            build_year: None,
            energy_label: None,
            average_rent: None,
        }
    }

    /// The demo gemeente with its buurten, no signal and no complexes.
    struct Loaded {
        gemeenten: Vec<AreaRow>,
        indicators: Vec<IndicatorRow>,
        buurten: Vec<AreaRow>,
    }

    fn loaded() -> Loaded {
        Loaded {
            gemeenten: vec![demo_rows::gemeente()],
            indicators: demo_rows::indicators(),
            buurten: demo_rows::areas_at(wikken_data::AreaLevel::Buurt),
        }
    }

    impl Loaded {
        fn data(&self) -> SignalsData<'_> {
            SignalsData {
                gemeenten: &self.gemeenten,
                chosen: self.gemeenten.first(),
                indicators: &self.indicators,
                buurten: vec![],
                buurt_weights: &[],
                buurt_areas: &self.buurten,
                defaults: false,
                complexes: vec![],
                complex_weights: &[],
                complex_rows: &[],
                can_edit: false,
                small: SmallBuurten::default(),
                left_out: vec![],
                min_typed: None,
                small_error: None,
            }
        }
    }

    #[test]
    fn the_gemeente_asked_for_or_else_the_first_is_shown() {
        let mut gemeenten = vec![demo_rows::gemeente()];
        gemeenten.push(AreaRow {
            code: "GM0855".into(),
            name: "Tilburg".into(),
            ..demo_rows::gemeente()
        });
        assert_eq!(chosen(&gemeenten, None).unwrap().unwrap().code, "GM9999");
        assert_eq!(
            chosen(&gemeenten, Some("GM0855")).unwrap().unwrap().name,
            "Tilburg"
        );
        assert_eq!(chosen(&gemeenten, Some("GM0001")), Err(UnknownGemeente));
        assert_eq!(chosen(&[], None), Ok(None));
        assert_eq!(chosen(&[], Some("GM9999")), Err(UnknownGemeente));
    }

    #[test]
    fn buurten_are_ranked_named_and_linked() {
        let l = loaded();
        let b = |k: usize| l.buurten[k].code.clone();
        let view = build(SignalsData {
            buurten: vec![
                scored(&b(3), None, &[]),
                scored(&b(0), Some(0.2), &[]),
                scored(&b(2), None, &[]),
                scored(&b(1), Some(1.2), &[]),
                scored("BU99999999", Some(0.7), &[]),
            ],
            defaults: true,
            ..l.data()
        });
        let buurten = view.buurten.unwrap();
        assert_eq!(buurten.heading, "Buurten van Lindeveen");
        assert!(buurten.defaults);
        let list = &buurten.list;
        let order: Vec<(usize, &str)> = list
            .rows
            .iter()
            .map(|r| (r.rank, r.href.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                (1, format!("/gebied/{}", b(1)).as_str()),
                (2, "/gebied/BU99999999"),
                (3, format!("/gebied/{}", b(0)).as_str()),
                (4, format!("/gebied/{}", b(2)).as_str()),
                (5, format!("/gebied/{}", b(3)).as_str()),
            ]
        );
        let top = &list.rows[0];
        assert_eq!(top.name, l.buurten[1].name);
        assert_eq!(top.data_code.as_deref(), Some(b(1).as_str()));
        // a buurt the gemeente does not list is named by its code
        assert_eq!(list.rows[1].name, "BU99999999");
        assert_eq!(list.rows[1].level.as_ref().unwrap().label, "onder druk");
        assert_eq!(
            list.summary,
            "1 sterk onder druk, 1 onder druk, van 5 buurten."
        );
    }

    #[test]
    fn complexes_are_named_with_their_number_and_linked_safely() {
        let l = loaded();
        let rows = [complex("C/1", "Lindehof")];
        let view = build(SignalsData {
            complexes: vec![scored("X-9", Some(0.6), &[]), scored("C/1", Some(1.1), &[])],
            complex_rows: &rows,
            ..l.data()
        });
        let list = view.complexes.unwrap();
        assert_eq!(
            list.summary,
            "1 sterk onder druk, 1 onder druk, van 2 complexen."
        );
        let rows: Vec<(&str, &str, Option<&str>)> = list
            .rows
            .iter()
            .map(|r| (r.href.as_str(), r.name.as_str(), r.data_code.as_deref()))
            .collect();
        assert_eq!(
            rows,
            [
                ("/complex/C%2F1", "C/1 Lindehof", None),
                ("/complex/X-9", "X-9 ", None)
            ]
        );
    }

    #[test]
    fn without_gemeenten_or_complexes_there_are_no_lists_and_fewer_buttons() {
        let mut l = loaded();
        l.gemeenten.clear();
        let view = build(SignalsData {
            chosen: None,
            ..l.data()
        });
        assert_eq!(view.buurten, None);
        assert_eq!(view.complexes, None);
        assert!(view.gemeenten.is_empty());
        assert!(
            view.actions.is_empty(),
            "a lezer without data has no buttons"
        );
        let view = build(SignalsData {
            chosen: None,
            can_edit: true,
            ..l.data()
        });
        let hrefs: Vec<&str> = view.actions.iter().map(|a| a.href.as_str()).collect();
        assert_eq!(hrefs, ["/signalen/instellingen"]);
    }

    #[test]
    fn a_choice_of_gemeente_is_offered_only_when_there_are_several() {
        let mut l = loaded();
        let view = build(l.data());
        assert!(view.gemeenten.is_empty());
        let actions: Vec<(&str, bool)> = view
            .actions
            .iter()
            .map(|a| (a.href.as_str(), a.download))
            .collect();
        assert_eq!(
            actions,
            [
                ("/monitor/GM9999?kengetal=signaal", false),
                ("/signalen/export.xlsx?gemeente=GM9999", true)
            ]
        );
        l.gemeenten.insert(
            0,
            AreaRow {
                code: "GM0855".into(),
                name: "Tilburg".into(),
                ..demo_rows::gemeente()
            },
        );
        let view = build(SignalsData {
            chosen: Some(&l.gemeenten[1]),
            ..l.data()
        });
        assert_eq!(
            view.gemeenten,
            [
                SelectOption::new("GM0855", "Tilburg", false),
                SelectOption::new("GM9999", "Lindeveen", true)
            ]
        );
    }

    #[test]
    fn small_buurten_are_apart_or_left_out_and_the_links_keep_the_choice() {
        let l = loaded();
        let b = |k: usize| l.buurten[k].code.clone();
        let mut small = scored(&b(0), Some(1.5), &[]);
        small.population = Some(120.0);
        let mut big = scored(&b(1), Some(0.6), &[]);
        big.population = Some(4_000.0);
        let view = build(SignalsData {
            buurten: vec![small.clone(), big.clone()],
            ..l.data()
        });
        let list = view.buurten.unwrap();
        assert_eq!(list.list.rows.len(), 1);
        assert_eq!(list.list.small[0].name, l.buurten[0].name);
        assert_eq!(
            list.small_note.as_deref(),
            Some(
                "Daarnaast 1 buurt met minder dan 200 inwoners: die staan apart onderaan en tellen hier niet mee."
            )
        );
        assert_eq!(list.small_heading, "Buurten met minder dan 200 inwoners");
        // Left out by the signal (not scored), with a higher minimum.
        let rule = SmallBuurten {
            min_population: 5_000,
            mode: SmallMode::Leave,
        };
        let view = build(SignalsData {
            buurten: vec![],
            left_out: vec![(b(0), 120.0), (b(1), 4_000.0)],
            small: rule,
            ..l.data()
        });
        let list = view.buurten.unwrap();
        assert_eq!(
            list.small_note.as_deref(),
            Some(
                "2 buurten met minder dan 5.000 inwoners zijn weggelaten: ze tellen niet mee in de vergelijking."
            )
        );
        assert_eq!(
            list.left_out[0],
            format!("{} (120 inwoners)", l.buurten[0].name)
        );
        let hrefs: Vec<&str> = view.actions.iter().map(|a| a.href.as_str()).collect();
        assert_eq!(
            hrefs,
            [
                "/monitor/GM9999?kengetal=signaal&min_inwoners=5000&klein=weglaten",
                "/signalen/export.xlsx?gemeente=GM9999&min_inwoners=5000&klein=weglaten"
            ]
        );
        let form = view.small_form.unwrap();
        assert_eq!(form.min, "5000");
        assert_eq!(form.gemeente.as_deref(), Some("GM9999"));
        assert!(form.modes[1].selected);
    }
}
