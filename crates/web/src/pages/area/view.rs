//! The page of a wijk or buurt as data: its crumbs, its signal, its
//! buurten, its key figures next to those of its wijk, gemeente and
//! Nederland, the trend lines, and its complexes. Built without I/O from
//! what the handler loaded.

use wikken_core::format;
use wikken_data::AreaLevel;
use wikken_storage::{AreaRow, ComplexRow, IndicatorRow};

use super::charts::{Chart, LINE_COLOURS, LineKey, chart, parent_colour};
use super::figures::Figures;
use crate::pages::complex::url_code;
use crate::pages::{direction_text, indicator_value, unit_suffix};
use crate::signals::Scored;

/// What the handler loaded for the page.
pub struct AreaData<'a> {
    /// The area itself.
    pub me: &'a Figures,
    /// Its wijk (of a buurt), its gemeente, then Nederland when known.
    pub parents: &'a [Figures],
    /// Every indicator, in the store's order.
    pub indicators: &'a [IndicatorRow],
    /// For a wijk: the buurten of its gemeente.
    pub buurten: &'a [AreaRow],
    /// The complexes in a buurt.
    pub complexes: &'a [ComplexRow],
    /// For a buurt: the signal of every buurt of its gemeente.
    pub signals: Vec<Scored>,
    /// The code of the area's gemeente.
    pub gemeente: &'a str,
    /// Whether the user may start an afweging.
    pub can_edit: bool,
}

/// A link with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The text.
    pub text: String,
    /// Where it goes.
    pub href: String,
}

/// The signal of a buurt, for the notice at the top.
pub struct SignalBlock<'a> {
    /// The buurt's score and drivers.
    pub scored: Scored,
    /// The indicators, to name the drivers.
    pub indicators: &'a [IndicatorRow],
    /// The signal page of the gemeente.
    pub all_href: String,
}

/// A row of the key figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureRow {
    /// "Inwoners", "Koopwoningen (%)".
    pub name: String,
    /// The latest year the area has a value.
    pub year: i32,
    /// The area's value then.
    pub value: String,
    /// Each parent's value in that year, if it has one.
    pub parents: Vec<Option<String>>,
    /// "hoger is beter", ...
    pub direction: &'static str,
    /// Where the figures come from.
    pub source: String,
}

/// A complex in the buurt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplexLine {
    /// Its page.
    pub href: String,
    /// "B-77 Achthoevenflat".
    pub label: String,
    /// Its dwellings.
    pub dwellings: i32,
    /// Build year, or "–".
    pub build_year: String,
    /// Energy label, or "–".
    pub energy_label: String,
    /// Average rent, or "–".
    pub rent: String,
}

/// The page of a wijk or buurt, decided.
pub struct AreaView<'a> {
    /// "Buurt Molenhoek".
    pub title: String,
    /// Its code.
    pub code: String,
    /// Wijkmonitor, the gemeente, the wijk, the area itself (no link).
    pub crumbs: Vec<(String, Option<String>)>,
    /// Where to start an afweging about the area (editors only).
    pub start_case: Option<String>,
    /// The signal of a buurt.
    pub signal: Option<SignalBlock<'a>>,
    /// The buurten of a wijk.
    pub children: Vec<Link>,
    /// The area's name, the column of its values.
    pub name: String,
    /// "Laatst bekende waarde, vergeleken met …".
    pub caption: String,
    /// The parents' column headers.
    pub parent_labels: Vec<String>,
    /// The key figures; empty when none are imported.
    pub figures: Vec<FigureRow>,
    /// The legend of the charts.
    pub line_keys: Vec<LineKey>,
    /// The indicators with more than one year.
    pub charts: Vec<Chart>,
    /// A buurt's complexes (`None` for a wijk).
    pub complexes: Option<Vec<ComplexLine>>,
}

impl AreaView<'_> {
    /// The crumbs as the breadcrumbs take them.
    pub fn crumb_refs(&self) -> Vec<(&str, Option<String>)> {
        self.crumbs
            .iter()
            .map(|(name, href)| (name.as_str(), href.clone()))
            .collect()
    }
}

/// "–" for a missing value.
fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "–".to_string())
}

/// Builds the page from what was loaded.
pub fn build<'a>(data: AreaData<'a>) -> AreaView<'a> {
    let me = data.me;
    let mut crumbs = vec![("Wijkmonitor".to_string(), Some("/monitor".to_string()))];
    for p in data.parents.iter().rev() {
        let href = match p.level {
            None => continue,
            Some(AreaLevel::Gemeente) => format!("/monitor/{}", p.code),
            Some(_) => format!("/gebied/{}", p.code),
        };
        crumbs.push((p.name.clone(), Some(href)));
    }
    crumbs.push((me.name.clone(), None));
    let shown: Vec<&IndicatorRow> = data
        .indicators
        .iter()
        .filter(|i| me.values.contains_key(&i.code))
        .collect();
    let figures = shown
        .iter()
        .filter_map(|i| {
            let (year, v) = me.latest(&i.code)?;
            Some(FigureRow {
                name: format!("{}{}", i.name, unit_suffix(i)),
                year,
                value: indicator_value(&i.code, v, &i.unit),
                parents: data
                    .parents
                    .iter()
                    .map(|p| {
                        p.at(&i.code, year)
                            .map(|x| indicator_value(&i.code, x, &i.unit))
                    })
                    .collect(),
                direction: direction_text(i),
                source: i.source.clone(),
            })
        })
        .collect();
    let charts: Vec<Chart> = shown
        .iter()
        .filter(|i| me.values.get(&i.code).is_some_and(|v| v.len() > 1))
        .map(|i| chart(i, me, data.parents))
        .collect();
    let mut line_keys = vec![LineKey {
        colour: LINE_COLOURS[0],
        dashed: false,
        label: me.name.clone(),
    }];
    line_keys.extend(data.parents.iter().enumerate().map(|(k, p)| LineKey {
        colour: parent_colour(k),
        dashed: true,
        label: p.label(),
    }));
    AreaView {
        title: me.label(),
        code: me.code.clone(),
        crumbs,
        start_case: data
            .can_edit
            .then(|| format!("/afwegingen/nieuw?gebied={}", me.code)),
        signal: data
            .signals
            .into_iter()
            .find(|s| s.code == me.code)
            .map(|scored| SignalBlock {
                scored,
                indicators: data.indicators,
                all_href: format!("/signalen?gemeente={}", data.gemeente),
            }),
        children: data
            .buurten
            .iter()
            .filter(|b| b.parent_code.as_deref() == Some(me.code.as_str()))
            .map(|b| Link {
                text: b.name.clone(),
                href: format!("/gebied/{}", b.code),
            })
            .collect(),
        name: me.name.clone(),
        caption: format!(
            "Laatst bekende waarde, vergeleken met {} in hetzelfde jaar",
            data.parents
                .iter()
                .map(Figures::label_in_sentence)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        parent_labels: data.parents.iter().map(Figures::label).collect(),
        figures,
        line_keys: if charts.is_empty() {
            Vec::new()
        } else {
            line_keys
        },
        charts,
        complexes: (me.level == Some(AreaLevel::Buurt)).then(|| {
            data.complexes
                .iter()
                .map(|c| ComplexLine {
                    href: format!("/complex/{}", url_code(c.code.as_str())),
                    label: format!("{} {}", c.code, c.name),
                    dwellings: c.dwellings,
                    build_year: or_dash(c.build_year.map(|y| y.to_string())),
                    energy_label: or_dash(c.energy_label.clone()),
                    rent: or_dash(c.average_rent.map(format::euro)),
                })
                .collect()
        }),
    }
}

#[cfg(test)]
mod tests {
    use wikken_core::signal::SignalScore;

    use super::*;
    use crate::pages::{demo_rows, fmt_value};

    /// The demo's first buurt and its parents, as the handler loads them.
    struct Demo {
        me: Figures,
        parents: Vec<Figures>,
        indicators: Vec<IndicatorRow>,
    }

    fn figures(code: &str) -> Figures {
        Figures::of_area(&demo_rows::area(code), &demo_rows::observations(code))
    }

    fn demo(code: &str) -> Demo {
        let mut parents = Vec::new();
        let mut next = demo_rows::area(code).parent_code;
        while let Some(p) = next {
            next = demo_rows::area(&p).parent_code;
            parents.push(figures(&p));
        }
        parents.push(Figures::national(&demo_rows::national()));
        Demo {
            me: figures(code),
            parents,
            indicators: demo_rows::indicators(),
        }
    }

    fn first(level: AreaLevel) -> String {
        demo_rows::areas_at(level)[0].code.clone()
    }

    impl Demo {
        fn data(&self) -> AreaData<'_> {
            AreaData {
                me: &self.me,
                parents: &self.parents,
                indicators: &self.indicators,
                buurten: &[],
                complexes: &[],
                signals: Vec::new(),
                gemeente: "GM9999",
                can_edit: false,
            }
        }
    }

    fn scored(code: &str, score: f64) -> Scored {
        Scored {
            code: code.to_string(),
            score: SignalScore {
                subject: 0,
                score: Some(score),
                contributions: vec![],
            },
            years: Default::default(),
            population: None,
        }
    }

    #[test]
    fn a_buurt_is_compared_with_its_wijk_its_gemeente_and_nederland() {
        let buurt = first(AreaLevel::Buurt);
        let d = demo(&buurt);
        let wijk = &d.parents[0];
        let view = build(d.data());
        assert_eq!(view.title, format!("Buurt {}", d.me.name));
        assert_eq!(
            view.crumbs,
            [
                ("Wijkmonitor".to_string(), Some("/monitor".to_string())),
                ("Lindeveen".to_string(), Some("/monitor/GM9999".to_string())),
                (wijk.name.clone(), Some(format!("/gebied/{}", wijk.code))),
                (d.me.name.clone(), None),
            ]
        );
        assert_eq!(
            view.caption,
            format!(
                "Laatst bekende waarde, vergeleken met wijk {}, gemeente Lindeveen, Nederland in hetzelfde jaar",
                wijk.name
            )
        );
        assert_eq!(
            view.parent_labels,
            [
                format!("Wijk {}", wijk.name),
                "Gemeente Lindeveen".to_string(),
                "Nederland".to_string()
            ]
        );
        // one row per indicator the buurt has, in the store's order
        assert_eq!(view.figures.len(), d.me.values.len());
        let row = view
            .figures
            .iter()
            .find(|r| r.name == "Huurwoningen van een woningcorporatie (%)")
            .unwrap();
        assert_eq!(row.year, 2024);
        let value = |f: &Figures| f.values["pct_corporatiebezit"][&2024];
        assert_eq!(row.value, fmt_value(value(&d.me), "%"));
        assert_eq!(
            row.parents,
            [
                Some(fmt_value(value(wijk), "%")),
                Some(fmt_value(value(&d.parents[1]), "%")),
                Some("28,3 %".to_string()),
            ]
        );
        assert_eq!(row.direction, "geen richting");
        assert!(view.complexes.as_ref().is_some_and(Vec::is_empty));
        assert!(view.children.is_empty());
    }

    #[test]
    fn a_value_a_parent_lacks_in_that_year_is_left_empty() {
        let mut d = demo(&first(AreaLevel::Buurt));
        // the gemeente lacks the latest year of corporatiebezit
        d.parents[1]
            .values
            .get_mut("pct_corporatiebezit")
            .unwrap()
            .remove(&2024);
        let view = build(d.data());
        let row = |name: &str| view.figures.iter().find(|r| r.name == name).unwrap();
        let corp = row("Huurwoningen van een woningcorporatie (%)");
        assert!(corp.parents[0].is_some());
        assert_eq!(corp.parents[1], None);
        // Nederland has no count of inwoners
        let inwoners = row("Inwoners");
        assert!(inwoners.parents[0].is_some() && inwoners.parents[1].is_some());
        assert_eq!(inwoners.parents[2], None);
    }

    #[test]
    fn totals_are_drawn_alone_and_rates_next_to_the_parents() {
        let d = demo(&first(AreaLevel::Buurt));
        let view = build(d.data());
        let chart = |caption: &str| view.charts.iter().find(|c| c.caption == caption);
        let inwoners = chart("Inwoners").unwrap();
        assert_eq!(inwoners.lines.len(), 1);
        assert_eq!(inwoners.lines[0].label, d.me.name);
        assert_eq!(inwoners.lines[0].points.len(), 6);
        assert_eq!(
            inwoners.title,
            format!("Inwoners in {}, per jaar", d.me.name)
        );
        let corp = chart("Huurwoningen van een woningcorporatie (%)").unwrap();
        let lines: Vec<(&str, &str, bool)> = corp
            .lines
            .iter()
            .map(|l| (l.label.as_str(), l.colour, l.dashed))
            .collect();
        assert_eq!(
            lines,
            [
                (d.me.name.as_str(), LINE_COLOURS[0], false),
                (d.parents[0].name.as_str(), LINE_COLOURS[1], true),
                ("Lindeveen", LINE_COLOURS[2], true),
                ("Nederland", LINE_COLOURS[3], true),
            ]
        );
        assert_eq!(corp.decimals, 1);
        // the legend names the parents in full
        let keys: Vec<&str> = view.line_keys.iter().map(|k| k.label.as_str()).collect();
        assert_eq!(keys[2..], ["Gemeente Lindeveen", "Nederland"]);
    }

    #[test]
    fn only_indicators_with_more_than_one_year_get_a_chart() {
        let mut d = demo(&first(AreaLevel::Buurt));
        for years in d.me.values.values_mut() {
            years.retain(|y, _| *y == 2024);
        }
        d.me.values
            .get_mut("inwoners")
            .unwrap()
            .insert(2023, 1000.0);
        let view = build(d.data());
        let captions: Vec<&str> = view.charts.iter().map(|c| c.caption.as_str()).collect();
        assert_eq!(captions, ["Inwoners"]);
        assert!(!view.line_keys.is_empty());
    }

    #[test]
    fn an_area_without_figures_shows_none() {
        let mut d = demo(&first(AreaLevel::Buurt));
        d.me.values.clear();
        let view = build(d.data());
        assert!(view.figures.is_empty());
        assert!(view.charts.is_empty() && view.line_keys.is_empty());
    }

    #[test]
    fn a_wijk_lists_its_own_buurten_and_no_complexes() {
        let wijk = first(AreaLevel::Wijk);
        let d = demo(&wijk);
        let buurten = demo_rows::areas_at(AreaLevel::Buurt);
        let view = build(AreaData {
            buurten: &buurten,
            ..d.data()
        });
        assert_eq!(view.title, format!("Wijk {}", d.me.name));
        let own: Vec<Link> = buurten
            .iter()
            .filter(|b| b.code.starts_with(&format!("BU{}", &wijk[2..])))
            .map(|b| Link {
                text: b.name.clone(),
                href: format!("/gebied/{}", b.code),
            })
            .collect();
        assert!(!own.is_empty() && own.len() < buurten.len());
        assert_eq!(view.children, own);
        assert!(view.complexes.is_none());
        // a wijk has no wijk above it
        assert_eq!(view.parent_labels[0], "Gemeente Lindeveen");
    }

    #[test]
    fn a_buurt_shows_its_own_signal_and_its_complexes() {
        let buurt = first(AreaLevel::Buurt);
        let d = demo(&buurt);
        let complexes = [
            ComplexRow {
                code: "C/1".into(),
                name: "Lindehof".into(),
                buurt_code: buurt.clone(),
                dwellings: 120,
                build_year: Some(1968),
                energy_label: Some("C".into()),
                average_rent: Some(612.4),
            },
            ComplexRow {
                code: "C-2".into(),
                name: "Hofje".into(),
                buurt_code: buurt.clone(),
                dwellings: 8,
                build_year: None,
                energy_label: None,
                average_rent: None,
            },
        ];
        let view = build(AreaData {
            complexes: &complexes,
            signals: vec![scored("BU99990000", 2.0), scored(&buurt, 0.7)],
            can_edit: true,
            ..d.data()
        });
        let signal = view.signal.as_ref().unwrap();
        assert_eq!(signal.scored.code, buurt);
        assert_eq!(signal.all_href, "/signalen?gemeente=GM9999");
        assert_eq!(
            view.complexes.unwrap(),
            [
                ComplexLine {
                    href: "/complex/C%2F1".into(),
                    label: "C/1 Lindehof".into(),
                    dwellings: 120,
                    build_year: "1968".into(),
                    energy_label: "C".into(),
                    rent: "€ 612".into(),
                },
                ComplexLine {
                    href: "/complex/C-2".into(),
                    label: "C-2 Hofje".into(),
                    dwellings: 8,
                    build_year: "–".into(),
                    energy_label: "–".into(),
                    rent: "–".into(),
                },
            ]
        );
        assert_eq!(
            view.start_case.as_deref(),
            Some(format!("/afwegingen/nieuw?gebied={buurt}").as_str())
        );
    }

    #[test]
    fn a_buurt_without_a_score_has_no_signal_and_a_lezer_no_afweging() {
        let d = demo(&first(AreaLevel::Buurt));
        let view = build(AreaData {
            signals: vec![scored("BU99990000", 2.0)],
            ..d.data()
        });
        assert!(view.signal.is_none());
        assert_eq!(view.start_case, None);
    }
}
