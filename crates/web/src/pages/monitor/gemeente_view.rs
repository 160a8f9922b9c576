//! The gemeente's map page as data: which level, indicator (or the signal)
//! and year are shown, each area's colour and text, the legend, and the
//! table from high to low. Built without I/O from what the handler loaded.

use std::collections::HashMap;

use wikken_data::geo::MultiPolygon;
use wikken_data::{AreaLevel, LbmClass, leefbaarometer};
use wikken_storage::{AreaRow, AreaValue};

use super::map_choice::Choice;
use super::shading::{self, LegendEntry, Shading};
use crate::pages::select_option::SelectOption;
use crate::pages::{direction_text, fmt_value, level_name, unit_suffix};
use crate::signals::{Scored, SmallBuurten, SmallMode};
use crate::svg::map::MapArea;

/// What the handler loaded for the chosen map.
pub struct MapData<'a> {
    /// The gemeente.
    pub gemeente: &'a AreaRow,
    /// Whether the user may start an afweging.
    pub can_edit: bool,
    /// The areas at the chosen level, in code order.
    pub areas: &'a [AreaRow],
    /// Their boundaries, by code.
    pub boundaries: &'a [(String, MultiPolygon)],
    /// The gemeente's own boundary.
    pub outline: Option<&'a MultiPolygon>,
    /// The signal of each buurt compared (when the signal is shown).
    pub signal: &'a [Scored],
    /// The signal's rule for buurten with few inhabitants.
    pub small: SmallBuurten,
    /// The buurten it left out: code and inhabitants.
    pub left_out: &'a [(String, f64)],
    /// The shown indicator's values in the shown year.
    pub values: &'a [AreaValue],
}

/// The explanation under the legend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LegendNote {
    /// How the classes of an indicator are made, its direction and source.
    Classes(String),
    /// What the signal compares, with a link to how it is made.
    Signal {
        /// "Het signaal vergelijkt de buurten van … met elkaar. "
        text: String,
        /// The signal page of this gemeente.
        href: String,
    },
}

/// A row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// The area's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its page.
    pub href: String,
    /// Its value as shown, or "geen gegevens".
    pub text: String,
}

/// The gemeente's map page, decided.
pub struct GemeenteView<'a> {
    /// "Gemeente Lindeveen".
    pub title: String,
    /// The gemeente's name (last crumb).
    pub name: String,
    /// Where to start an afweging about the gemeente (editors only).
    pub start_case: Option<String>,
    /// Where the filter form goes.
    pub filter_action: String,
    /// Hidden fields the filter form keeps (the signal's rule for small
    /// buurten, when it is not the default).
    pub keep: Vec<(&'static str, String)>,
    /// Buurten or wijken.
    pub levels: Vec<SelectOption>,
    /// The signal (at buurt level) and the indicators.
    pub indicators: Vec<SelectOption>,
    /// The years, newest first; empty when there is only one.
    pub years: Vec<SelectOption>,
    /// The map's accessible title.
    pub map_title: String,
    /// The areas with a boundary, as drawn.
    pub map_areas: Vec<MapArea<'a>>,
    /// The gemeente's outline.
    pub outline: Option<&'a MultiPolygon>,
    /// "3 buurten zonder grens …", when some areas are in the table only.
    pub unmapped: Option<String>,
    /// "Signaal onder druk", "Corporatiebezit (%)".
    pub shown: String,
    /// The year shown.
    pub year: Option<i32>,
    /// The legend's classes or levels with their counts.
    pub legend: Vec<LegendEntry>,
    /// How many areas have no value.
    pub missing: usize,
    /// The explanation under the legend.
    pub note: Option<LegendNote>,
    /// The Excel download.
    pub export: String,
    /// "buurten" or "wijken".
    pub level_word: &'static str,
    /// The table's column header of the areas ("Buurt", "Wijk").
    pub level_header: &'static str,
    /// Every area, highest value first, those without a value last by name.
    pub rows: Vec<TableRow>,
}

/// `text` with a capital, to start a sentence ("geen richting" → "Geen richting").
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// How the Leefbaarometer's classes are made, from the class boundaries.
fn lbm_classes_text() -> String {
    let from = |class: LbmClass| {
        class
            .score_range()
            .0
            .map_or_else(String::new, |x| fmt_value(x, ""))
    };
    format!(
        "Klassen: de negen klassen van de Leefbaarometer, in stappen van 0,1 rond de landelijke \
         referentie: goed vanaf {}, uitstekend vanaf {}, zeer onvoldoende onder {} (Wikkens \
         indeling, een benadering van de officiële).",
        from(LbmClass::Goed),
        from(LbmClass::Uitstekend),
        from(LbmClass::RuimOnvoldoende),
    )
}

/// Builds the page from the choice and what was loaded for it.
pub fn build<'a>(choice: &Choice<'_>, data: &MapData<'a>) -> GemeenteView<'a> {
    let code = data.gemeente.code.as_str();
    let name = &data.gemeente.name;
    let shading = if choice.signal {
        shading::by_signal(data.areas, data.signal, &data.small, data.left_out)
    } else if let Some(ind) = choice.indicator {
        if ind.code == leefbaarometer::TOTAL {
            shading::by_lbm_class(data.areas, data.values, ind)
        } else {
            shading::by_value(data.areas, data.values, ind)
        }
    } else {
        Shading::default()
    };
    let shapes: HashMap<&str, &MultiPolygon> = data
        .boundaries
        .iter()
        .map(|(c, s)| (c.as_str(), s))
        .collect();
    let no_shape = shading
        .areas
        .iter()
        .filter(|r| !shapes.contains_key(r.area.code.as_str()))
        .count();
    let shown_name = if choice.signal {
        "Signaal onder druk".to_string()
    } else {
        choice.indicator.map_or_else(
            || "geen kengetal".to_string(),
            |i| format!("{}{}", i.name, unit_suffix(i)),
        )
    };
    let level_word = if choice.level == AreaLevel::Wijk {
        "wijken"
    } else {
        "buurten"
    };
    let map_areas: Vec<MapArea<'a>> = shading
        .areas
        .iter()
        .filter_map(|s| {
            Some(MapArea {
                code: &s.area.code,
                shape: shapes.get(s.area.code.as_str())?,
                fill: s.fill,
                label: format!("{}: {}", s.area.name, s.text),
                href: format!("/gebied/{}", s.area.code),
            })
        })
        .collect();
    let unmapped = (no_shape > 0 && !map_areas.is_empty()).then(|| {
        format!("{no_shape} {level_word} zonder grens staan niet op de kaart, wel in de tabel.")
    });
    let note = if let Some(i) = choice.indicator {
        Some(LegendNote::Classes(format!(
            "{} {}. Bron: {}.",
            if i.code == leefbaarometer::TOTAL {
                lbm_classes_text()
            } else {
                format!("Klassen: kwintielen van de {level_word} in {name}.")
            },
            sentence(direction_text(i)),
            i.source
        )))
    } else if choice.signal {
        Some(LegendNote::Signal {
            text: format!(
                "Het signaal vergelijkt de buurten van {name} met elkaar{}. ",
                match data.small.mode {
                    SmallMode::Mark => format!(
                        "; buurten met {} zijn grijs gemarkeerd en tellen niet mee",
                        data.small.below()
                    ),
                    SmallMode::Leave => format!(
                        ", zonder de buurten met {} (grijs, weggelaten)",
                        data.small.below()
                    ),
                }
            ),
            href: format!("/signalen?gemeente={code}{}", data.small.query()),
        })
    } else {
        None
    };
    let rows = shading
        .high_to_low()
        .into_iter()
        .map(|s| TableRow {
            code: s.area.code.clone(),
            name: s.area.name.clone(),
            href: format!("/gebied/{}", s.area.code),
            text: s.text.clone(),
        })
        .collect();
    let mut indicators = Vec::new();
    if choice.level == AreaLevel::Buurt {
        indicators.push(SelectOption::new(
            "signaal",
            "Signaal onder druk",
            choice.signal,
        ));
    }
    indicators.extend(choice.present.iter().map(|i| {
        SelectOption::new(
            &i.code,
            format!("{}{}", i.name, unit_suffix(i)),
            choice.indicator.is_some_and(|c| c.code == i.code),
        )
    }));
    let years = if choice.years.len() > 1 {
        choice
            .years
            .iter()
            .rev()
            .map(|y| SelectOption::new(y.to_string(), y.to_string(), Some(*y) == choice.year))
            .collect()
    } else {
        Vec::new()
    };
    GemeenteView {
        title: format!("Gemeente {name}"),
        name: name.clone(),
        start_case: data
            .can_edit
            .then(|| format!("/afwegingen/nieuw?gebied={code}")),
        filter_action: format!("/monitor/{code}"),
        keep: if data.small == SmallBuurten::default() {
            Vec::new()
        } else {
            vec![
                ("min_inwoners", data.small.min_population.to_string()),
                ("klein", data.small.mode.as_str().to_string()),
            ]
        },
        levels: vec![
            SelectOption::new("buurt", "Buurten", choice.level == AreaLevel::Buurt),
            SelectOption::new("wijk", "Wijken", choice.level == AreaLevel::Wijk),
        ],
        indicators,
        years,
        map_title: format!(
            "Kaart van de {level_word} van {name}: {shown_name}{}",
            choice.year.map(|y| format!(", {y}")).unwrap_or_default()
        ),
        map_areas,
        outline: data.outline,
        unmapped,
        shown: shown_name,
        year: choice.year,
        note,
        export: format!(
            "/monitor/{code}/export.xlsx?niveau={}",
            choice.level.as_str()
        ),
        level_word,
        level_header: level_name(choice.level),
        rows,
        missing: shading.missing(),
        legend: shading.legend,
    }
}

#[cfg(test)]
mod tests {
    use wikken_storage::IndicatorRow;

    use super::*;
    use crate::pages::demo_rows::{self, query};
    use crate::pages::monitor::map_choice::choose;

    /// What the handler loads for the demo gemeente at a level.
    struct Loaded {
        gemeente: AreaRow,
        indicators: Vec<IndicatorRow>,
        areas: Vec<AreaRow>,
        available: Vec<(String, i32)>,
        boundaries: Vec<(String, MultiPolygon)>,
    }

    fn loaded(level: AreaLevel) -> Loaded {
        Loaded {
            gemeente: demo_rows::gemeente(),
            indicators: demo_rows::indicators(),
            areas: demo_rows::areas_at(level),
            available: demo_rows::indicator_years(level),
            boundaries: demo_rows::boundaries(level),
        }
    }

    impl Loaded {
        fn data<'a>(&'a self, signal: &'a [Scored], values: &'a [AreaValue]) -> MapData<'a> {
            MapData {
                gemeente: &self.gemeente,
                can_edit: false,
                areas: &self.areas,
                boundaries: &self.boundaries,
                outline: None,
                signal,
                small: SmallBuurten::default(),
                left_out: &[],
                values,
            }
        }
    }

    #[test]
    fn by_default_buurten_show_corporatiebezit_in_the_latest_year() {
        let l = loaded(AreaLevel::Buurt);
        let c = choose(&query(None, None, None), &l.indicators, &l.available);
        let values = demo_rows::values_in_year(AreaLevel::Buurt, "pct_corporatiebezit", 2024);
        let view = build(&c, &l.data(&[], &values));
        assert_eq!(view.title, "Gemeente Lindeveen");
        assert_eq!(
            view.map_title,
            "Kaart van de buurten van Lindeveen: Huurwoningen van een woningcorporatie (%), 2024"
        );
        // newest year first, the shown one selected
        assert_eq!(view.years[0].value, "2024");
        assert!(view.years[0].selected);
        assert_eq!(view.years.iter().filter(|y| y.selected).count(), 1);
        // the signal is offered first at buurt level, not chosen
        assert_eq!(view.indicators[0].value, "signaal");
        assert!(!view.indicators[0].selected);
        let chosen: Vec<&str> = view
            .indicators
            .iter()
            .filter(|o| o.selected)
            .map(|o| o.value.as_str())
            .collect();
        assert_eq!(chosen, ["pct_corporatiebezit"]);
        assert_eq!(view.export, "/monitor/GM9999/export.xlsx?niveau=buurt");
        assert_eq!(view.level_header, "Buurt");
        assert_eq!(view.missing, 0);
        assert_eq!(view.unmapped, None);
        assert_eq!(view.map_areas.len(), l.areas.len());
        match &view.note {
            Some(LegendNote::Classes(text)) => assert_eq!(
                text,
                "Klassen: kwintielen van de buurten in Lindeveen. Geen richting. Bron: CBS Kerncijfers wijken en buurten."
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_signal_is_offered_and_explained_for_buurten_only() {
        let wijken = loaded(AreaLevel::Wijk);
        let c = choose(
            &query(Some("signaal"), None, Some("wijk")),
            &wijken.indicators,
            &wijken.available,
        );
        let view = build(&c, &wijken.data(&[], &[]));
        assert!(view.indicators.iter().all(|o| o.value != "signaal"));
        assert_eq!(view.level_word, "wijken");
        assert!(view.levels[1].selected && !view.levels[0].selected);

        let buurten = loaded(AreaLevel::Buurt);
        let c = choose(
            &query(Some("signaal"), Some(2020), None),
            &buurten.indicators,
            &buurten.available,
        );
        let view = build(&c, &buurten.data(&[], &[]));
        assert_eq!(view.shown, "Signaal onder druk");
        assert!(view.years.is_empty());
        assert!(view.indicators[0].selected);
        assert_eq!(
            view.note,
            Some(LegendNote::Signal {
                text: "Het signaal vergelijkt de buurten van Lindeveen met elkaar; buurten met minder dan 200 inwoners zijn grijs gemarkeerd en tellen niet mee. ".into(),
                href: "/signalen?gemeente=GM9999".into(),
            })
        );
        assert!(view.keep.is_empty(), "the default rule needs no fields");
        // The signal page's own rule: said, linked back, kept by the form.
        let rule = SmallBuurten {
            min_population: 500,
            mode: SmallMode::Leave,
        };
        let view = build(
            &c,
            &MapData {
                small: rule,
                ..buurten.data(&[], &[])
            },
        );
        assert_eq!(
            view.note,
            Some(LegendNote::Signal {
                text: "Het signaal vergelijkt de buurten van Lindeveen met elkaar, zonder de buurten met minder dan 500 inwoners (grijs, weggelaten). ".into(),
                href: "/signalen?gemeente=GM9999&min_inwoners=500&klein=weglaten".into(),
            })
        );
        assert_eq!(
            view.keep,
            [
                ("min_inwoners", "500".to_string()),
                ("klein", "weglaten".to_string())
            ]
        );
    }

    #[test]
    fn the_table_and_the_map_show_the_same_texts_with_links() {
        let l = loaded(AreaLevel::Buurt);
        let c = choose(
            &query(Some("inwoners"), Some(2019), None),
            &l.indicators,
            &l.available,
        );
        let values = demo_rows::values_in_year(AreaLevel::Buurt, "inwoners", 2019);
        let view = build(&c, &l.data(&[], &values));
        let max = values
            .iter()
            .max_by(|a, b| a.value.total_cmp(&b.value))
            .unwrap();
        let top = &view.rows[0];
        assert_eq!(top.code, max.area);
        assert_eq!(top.href, format!("/gebied/{}", max.area));
        assert_eq!(top.text, crate::pages::fmt_value(max.value, "aantal"));
        let on_map = view.map_areas.iter().find(|a| a.code == max.area).unwrap();
        assert_eq!(on_map.label, format!("{}: {}", top.name, top.text));
        assert_eq!(on_map.href, top.href);
        assert_eq!(view.year, Some(2019));
        assert!(
            view.map_title.ends_with("Inwoners, 2019"),
            "{}",
            view.map_title
        );
    }

    #[test]
    fn areas_without_a_boundary_are_in_the_table_and_named_under_the_map() {
        let mut l = loaded(AreaLevel::Buurt);
        l.boundaries.drain(..3);
        let c = choose(&query(None, None, None), &l.indicators, &l.available);
        let values = demo_rows::values_in_year(AreaLevel::Buurt, "pct_corporatiebezit", 2024);
        let view = build(&c, &l.data(&[], &values));
        assert_eq!(view.rows.len(), l.areas.len());
        assert_eq!(view.map_areas.len(), l.areas.len() - 3);
        assert_eq!(
            view.unmapped.as_deref(),
            Some("3 buurten zonder grens staan niet op de kaart, wel in de tabel.")
        );
        // without any boundary there is no map, and no note about it
        l.boundaries.clear();
        let view = build(&c, &l.data(&[], &values));
        assert!(view.map_areas.is_empty());
        assert_eq!(view.unmapped, None);
    }

    #[test]
    fn the_leefbaarometer_total_shows_its_nine_classes_and_says_how_they_are_made() {
        let mut l = loaded(AreaLevel::Buurt);
        l.indicators.push(demo_rows::lbm_indicator());
        l.available
            .extend([2020, 2022, 2024].map(|y| ("lbm".to_string(), y)));
        let c = choose(&query(Some("lbm"), None, None), &l.indicators, &l.available);
        let values = demo_rows::lbm_values_in_year(AreaLevel::Buurt, "lbm", 2024);
        let view = build(&c, &l.data(&[], &values));
        assert_eq!(
            view.map_title,
            "Kaart van de buurten van Lindeveen: Leefbaarometer: totaalscore, 2024"
        );
        assert_eq!(view.legend.len(), 9);
        assert!(view.legend[0].label.starts_with("zeer onvoldoende ("));
        assert!(view.legend[8].label.starts_with("uitstekend ("));
        match &view.note {
            Some(LegendNote::Classes(text)) => assert_eq!(
                text,
                "Klassen: de negen klassen van de Leefbaarometer, in stappen van 0,1 rond de \
                 landelijke referentie: goed vanaf 4,10, uitstekend vanaf 4,30, zeer onvoldoende \
                 onder 3,60 (Wikkens indeling, een benadering van de officiële). Hoger is beter. \
                 Bron: Leefbaarometer 3.0 (BZK)."
            ),
            other => panic!("{other:?}"),
        }
        let top = &view.rows[0];
        let class = LbmClass::of_score(
            values
                .iter()
                .find(|v| v.area == top.code)
                .map(|v| v.value)
                .unwrap(),
        )
        .unwrap();
        assert!(top.text.ends_with(&format!("({class})")), "{}", top.text);
        // A dimension is an ordinary indicator: quintiles.
        let mut dims = loaded(AreaLevel::Buurt);
        let soc = wikken_data::leefbaarometer::by_code("lbm_soc").unwrap();
        dims.indicators.push(IndicatorRow {
            code: soc.code.into(),
            name: soc.name.into(),
            unit: soc.unit.into(),
            higher_is_better: soc.higher_is_better,
            source: soc.source.into(),
        });
        dims.available.push(("lbm_soc".to_string(), 2024));
        let c = choose(
            &query(Some("lbm_soc"), None, None),
            &dims.indicators,
            &dims.available,
        );
        let values = demo_rows::lbm_values_in_year(AreaLevel::Buurt, "lbm_soc", 2024);
        let view = build(&c, &dims.data(&[], &values));
        assert_eq!(view.legend.len(), 5);
        assert!(!view.rows[0].text.contains('('), "{}", view.rows[0].text);
    }

    #[test]
    fn only_editors_are_offered_an_afweging() {
        let l = loaded(AreaLevel::Buurt);
        let c = choose(&query(None, None, None), &l.indicators, &l.available);
        let mut data = l.data(&[], &[]);
        assert_eq!(build(&c, &data).start_case, None);
        data.can_edit = true;
        assert_eq!(
            build(&c, &data).start_case.as_deref(),
            Some("/afwegingen/nieuw?gebied=GM9999")
        );
    }

    #[test]
    fn a_gemeente_without_figures_shows_no_indicator_and_no_rows() {
        let l = loaded(AreaLevel::Buurt);
        let c = choose(&query(Some("inwoners"), None, None), &l.indicators, &[]);
        let view = build(&c, &l.data(&[], &[]));
        assert_eq!(view.shown, "geen kengetal");
        assert_eq!(
            view.map_title,
            "Kaart van de buurten van Lindeveen: geen kengetal"
        );
        assert!(view.rows.is_empty() && view.legend.is_empty());
        assert_eq!(view.note, None);
        // only the signal is offered
        assert_eq!(view.indicators.len(), 1);
    }
}
