//! How the areas of a gemeente's map are coloured and labelled: by the
//! signal's level, by the Leefbaarometer's class or by quintile of an
//! indicator's values, with the legend and the order of the table.

use std::cmp::Ordering;
use std::collections::HashMap;

use wikken_core::signal::SignalLevel;
use wikken_data::LbmClass;
use wikken_storage::{AreaRow, AreaValue, IndicatorRow};

use crate::pages::{decimals_for_unit, fmt_value, indicator_value};
use crate::signals::{Scored, SmallBuurten, SmallMode};
use crate::svg::classes::{Classes, LBM, MISSING, SIGNAL};

/// The text of an area without a value.
const NO_DATA: &str = "geen gegevens";

/// A line of the legend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendEntry {
    /// The swatch's colour.
    pub colour: String,
    /// "Onder druk (3)", "1.234 – 2.345 (5)".
    pub label: String,
}

/// One area as shown: its colour, text and the value it sorts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaded<'a> {
    /// The area.
    pub area: &'a AreaRow,
    /// Its fill on the map.
    pub fill: &'static str,
    /// Its value as shown ("6,5 %", "onder druk (0,62)", "geen gegevens").
    pub text: String,
    /// The number it sorts on; `None` without a value.
    pub key: Option<f64>,
}

impl<'a> Shaded<'a> {
    fn missing(area: &'a AreaRow) -> Shaded<'a> {
        Shaded {
            area,
            fill: MISSING,
            text: NO_DATA.to_string(),
            key: None,
        }
    }
}

/// The areas of a map with the legend of their colours.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shading<'a> {
    /// Each area shown, in the order of the input.
    pub areas: Vec<Shaded<'a>>,
    /// The legend's classes or levels with their counts.
    pub legend: Vec<LegendEntry>,
}

impl<'a> Shading<'a> {
    /// How many areas have no value (the hatched ones; a buurt grey for
    /// too few inhabitants is counted in its own legend line).
    pub fn missing(&self) -> usize {
        self.areas.iter().filter(|r| r.fill == MISSING).count()
    }

    /// The areas from the highest value to the lowest; areas without a
    /// value last, by name.
    pub fn high_to_low(&self) -> Vec<&Shaded<'a>> {
        let mut sorted: Vec<&Shaded> = self.areas.iter().collect();
        sorted.sort_by(|a, b| high_to_low(a, b));
        sorted
    }
}

/// The fill of a buurt below the signal's minimum of inhabitants (marked
/// or left out): a plain mid grey, apart from the levels and the hatch of
/// "geen gegevens".
pub const SMALL: &str = "#a7a9ac";

/// The buurten of `areas` by signal level (scored buurten of other
/// gemeenten are left out), and the legend of the three levels. Buurten
/// below the minimum of `small` — marked among `scored`, or in `left_out`
/// — are grey, said so in their text, and counted apart in the legend.
pub fn by_signal<'a>(
    areas: &'a [AreaRow],
    scored: &[Scored],
    small: &SmallBuurten,
    left_out: &[(String, f64)],
) -> Shading<'a> {
    let names: HashMap<&str, &AreaRow> = areas.iter().map(|a| (a.code.as_str(), a)).collect();
    let level_text = |s: &Scored| match (s.score.score, s.level()) {
        (Some(v), Some(l)) => format!("{} ({})", l.label(), fmt_value(v, "")),
        _ => NO_DATA.to_string(),
    };
    let mut shown: Vec<Shaded> = scored
        .iter()
        .filter_map(|s| {
            let area = names.get(s.code.as_str())?;
            if small.is_small(s.population) {
                return Some(Shaded {
                    area,
                    fill: SMALL,
                    text: format!(
                        "weinig inwoners ({}): {}",
                        fmt_value(s.population.unwrap_or(0.0), "aantal"),
                        level_text(s)
                    ),
                    key: None,
                });
            }
            Some(match (s.score.score, s.level()) {
                (Some(_), Some(l)) => Shaded {
                    area,
                    fill: SIGNAL[l as usize],
                    text: level_text(s),
                    key: s.score.score,
                },
                _ => Shaded::missing(area),
            })
        })
        .collect();
    shown.extend(left_out.iter().filter_map(|(code, p)| {
        Some(Shaded {
            area: names.get(code.as_str())?,
            fill: SMALL,
            text: format!("weggelaten: weinig inwoners ({})", fmt_value(*p, "aantal")),
            key: None,
        })
    }));
    let mut legend: Vec<LegendEntry> = [
        SignalLevel::StrongPressure,
        SignalLevel::Pressure,
        SignalLevel::None,
    ]
    .into_iter()
    .map(|l| {
        let n = shown
            .iter()
            .filter(|r| r.key.map(SignalLevel::of) == Some(l))
            .count();
        LegendEntry {
            colour: SIGNAL[l as usize].to_string(),
            label: format!("{} ({n})", l.label()),
        }
    })
    .collect();
    let grey = shown.iter().filter(|r| r.fill == SMALL).count();
    if grey > 0 {
        legend.push(LegendEntry {
            colour: SMALL.to_string(),
            label: format!(
                "{}, {} ({grey})",
                small.below(),
                match small.mode {
                    SmallMode::Mark => "apart gemarkeerd",
                    SmallMode::Leave => "weggelaten",
                }
            ),
        });
    }
    Shading {
        areas: shown,
        legend,
    }
}

/// The areas coloured by quintile of the indicator's values, and the
/// legend of the classes with how many values each holds.
pub fn by_value<'a>(areas: &'a [AreaRow], values: &[AreaValue], ind: &IndicatorRow) -> Shading<'a> {
    let values: HashMap<&str, f64> = values.iter().map(|v| (v.area.as_str(), v.value)).collect();
    let xs: Vec<f64> = values.values().copied().collect();
    let classes = Classes::quantiles(&xs, 5);
    let shown = areas
        .iter()
        .map(|area| match (values.get(area.code.as_str()), &classes) {
            (Some(v), Some(c)) => Shaded {
                area,
                fill: c.colour_of(*v),
                text: fmt_value(*v, &ind.unit),
                key: Some(*v),
            },
            _ => Shaded::missing(area),
        })
        .collect();
    let legend = classes.map_or_else(Vec::new, |c| {
        let decimals = decimals_for_unit(&ind.unit, c.max);
        c.labels(decimals)
            .into_iter()
            .enumerate()
            .map(|(k, label)| {
                let n = xs.iter().filter(|x| c.class_of(**x) == k).count();
                LegendEntry {
                    colour: c.colour(k).to_string(),
                    label: format!("{label} ({n})"),
                }
            })
            .collect()
    });
    Shading {
        areas: shown,
        legend,
    }
}

/// The areas coloured by the Leefbaarometer class of their total score
/// (`ind` is its indicator), and the legend of all nine classes, worst
/// first, with how many areas each holds.
pub fn by_lbm_class<'a>(
    areas: &'a [AreaRow],
    values: &[AreaValue],
    ind: &IndicatorRow,
) -> Shading<'a> {
    let values: HashMap<&str, f64> = values.iter().map(|v| (v.area.as_str(), v.value)).collect();
    let shown: Vec<Shaded> = areas
        .iter()
        .map(|area| {
            let value = values.get(area.code.as_str()).copied();
            match value.and_then(|v| Some((v, LbmClass::of_score(v)?))) {
                Some((v, class)) => Shaded {
                    area,
                    fill: LBM[class as usize],
                    text: indicator_value(&ind.code, v, &ind.unit),
                    key: Some(v),
                },
                None => Shaded::missing(area),
            }
        })
        .collect();
    let legend = LbmClass::ALL
        .iter()
        .map(|class| {
            let n = shown
                .iter()
                .filter(|s| s.key.and_then(LbmClass::of_score) == Some(*class))
                .count();
            LegendEntry {
                colour: LBM[*class as usize].to_string(),
                label: format!("{class} ({n})"),
            }
        })
        .collect();
    Shading {
        areas: shown,
        legend,
    }
}

/// Highest value first; areas without a value last, by name.
fn high_to_low(a: &Shaded, b: &Shaded) -> Ordering {
    match (a.key, b.key) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.area.name.cmp(&b.area.name),
    }
}

#[cfg(test)]
mod tests {
    use wikken_core::signal::SignalScore;
    use wikken_data::AreaLevel;

    use super::*;
    use crate::pages::demo_rows;

    fn scored(code: &str, score: Option<f64>) -> Scored {
        Scored {
            code: code.to_string(),
            score: SignalScore {
                subject: 0,
                score,
                contributions: vec![],
            },
            years: Default::default(),
            population: None,
        }
    }

    fn indicator(code: &str) -> IndicatorRow {
        demo_rows::indicators()
            .into_iter()
            .find(|i| i.code == code)
            .unwrap()
    }

    #[test]
    fn values_run_high_to_low_with_areas_without_a_value_last_by_name() {
        let areas = demo_rows::areas_at(AreaLevel::Buurt);
        let mut values = demo_rows::values_in_year(AreaLevel::Buurt, "inwoners", 2024);
        // two buurten without a value
        let gone: Vec<String> = values.drain(..2).map(|v| v.area).collect();
        let shading = by_value(&areas, &values, &indicator("inwoners"));
        assert_eq!(shading.areas.len(), areas.len());
        assert_eq!(shading.missing(), 2);
        let sorted = shading.high_to_low();
        let (valued, without) = sorted.split_at(sorted.len() - 2);
        let mut last: Vec<&str> = without.iter().map(|r| r.area.code.as_str()).collect();
        last.sort_unstable();
        assert_eq!(last, gone);
        assert!(without[0].area.name <= without[1].area.name);
        assert!(
            without
                .iter()
                .all(|r| r.text == "geen gegevens" && r.fill == MISSING)
        );
        let value_of = |code: &str| values.iter().find(|v| v.area == code).unwrap().value;
        assert!(
            valued
                .windows(2)
                .all(|w| value_of(&w[0].area.code) >= value_of(&w[1].area.code))
        );
        let top = valued[0];
        assert_eq!(top.text, fmt_value(value_of(&top.area.code), "aantal"));
        assert_eq!(top.fill, *crate::svg::classes::BLUES.last().unwrap());
        // five classes, and the legend counts every value once
        assert_eq!(shading.legend.len(), 5);
        let counted: usize = shading
            .legend
            .iter()
            .map(|e| {
                let n = e.label.rsplit('(').next().unwrap().trim_end_matches(')');
                n.parse::<usize>().unwrap()
            })
            .sum();
        assert_eq!(counted, values.len());
    }

    #[test]
    fn the_leefbaarometer_total_is_coloured_by_its_nine_classes() {
        let areas = demo_rows::areas_at(AreaLevel::Buurt);
        let lbm = demo_rows::lbm_indicator();
        let mut values = demo_rows::lbm_values_in_year(AreaLevel::Buurt, "lbm", 2024);
        assert!(values.len() > 20);
        let gone = values.remove(0).area;
        let shading = by_lbm_class(&areas, &values, &lbm);
        let labels: Vec<&str> = shading
            .legend
            .iter()
            .map(|e| e.label.split(" (").next().unwrap())
            .collect();
        assert_eq!(
            labels,
            [
                "zeer onvoldoende",
                "ruim onvoldoende",
                "onvoldoende",
                "zwak",
                "voldoende",
                "ruim voldoende",
                "goed",
                "zeer goed",
                "uitstekend"
            ]
        );
        let counted: usize = shading
            .legend
            .iter()
            .map(|e| {
                let n = e.label.rsplit('(').next().unwrap().trim_end_matches(')');
                n.parse::<usize>().unwrap()
            })
            .sum();
        assert_eq!(counted, values.len(), "every value in one class");
        assert_eq!(shading.missing(), areas.len() - values.len());
        let hatched = shading.areas.iter().find(|s| s.area.code == gone).unwrap();
        assert_eq!(hatched.fill, MISSING);
        for s in shading.areas.iter().filter(|s| s.key.is_some()) {
            let v = s.key.unwrap();
            let class = LbmClass::of_score(v).unwrap();
            assert_eq!(s.fill, LBM[class as usize]);
            assert_eq!(s.text, format!("{} ({class})", fmt_value(v, "score")));
            assert_eq!(
                shading.legend[class as usize].colour, s.fill,
                "the legend's swatch of its class"
            );
        }
        // In the table the lowest score comes last of the valued ones, in
        // a red class (the flats under pressure); those without, after it.
        let order = shading.high_to_low();
        assert!(order[values.len()..].iter().all(|s| s.key.is_none()));
        let low = order[values.len() - 1].key.unwrap();
        assert!(LbmClass::of_score(low).unwrap() <= LbmClass::Zwak, "{low}");
    }

    #[test]
    fn without_values_every_area_is_hatched_and_there_is_no_legend() {
        let areas = demo_rows::areas_at(AreaLevel::Wijk);
        let shading = by_value(&areas, &[], &indicator("inwoners"));
        assert_eq!(shading.missing(), areas.len());
        assert!(shading.legend.is_empty());
        assert!(shading.areas.iter().all(|a| a.fill == MISSING));
    }

    #[test]
    fn signal_levels_colour_the_buurten_and_are_counted_in_the_legend() {
        let areas = demo_rows::areas_at(AreaLevel::Buurt);
        let code = |k: usize| areas[k].code.clone();
        let signal = vec![
            scored(&code(0), Some(0.1)),
            scored(&code(1), None),
            scored(&code(2), Some(1.2)),
            scored(&code(3), Some(0.6)),
            scored("BU00000000", Some(3.0)),
        ];
        let shading = by_signal(&areas, &signal, &SmallBuurten::default(), &[]);
        let order: Vec<(&str, &str, &str)> = shading
            .high_to_low()
            .iter()
            .map(|r| (r.area.code.as_str(), r.text.as_str(), r.fill))
            .collect();
        assert_eq!(
            order,
            [
                (code(2).as_str(), "sterk onder druk (1,20)", SIGNAL[2]),
                (code(3).as_str(), "onder druk (0,60)", SIGNAL[1]),
                (code(0).as_str(), "geen signaal (0,10)", SIGNAL[0]),
                (code(1).as_str(), "geen gegevens", MISSING),
            ],
            "only buurten of the gemeente, highest score first"
        );
        let legend: Vec<(&str, &str)> = shading
            .legend
            .iter()
            .map(|e| (e.colour.as_str(), e.label.as_str()))
            .collect();
        assert_eq!(
            legend,
            [
                (SIGNAL[2], "sterk onder druk (1)"),
                (SIGNAL[1], "onder druk (1)"),
                (SIGNAL[0], "geen signaal (1)")
            ]
        );
        assert_eq!(shading.missing(), 1);
    }

    #[test]
    fn buurten_with_few_inhabitants_are_grey_and_counted_apart() {
        let areas = demo_rows::areas_at(AreaLevel::Buurt);
        let code = |k: usize| areas[k].code.clone();
        let mut estate = scored(&code(0), Some(1.2));
        estate.population = Some(150.0);
        let mut buurt = scored(&code(1), Some(0.6));
        buurt.population = Some(2_000.0);
        let signal = [estate, buurt];
        let legend =
            |s: &Shading| -> Vec<String> { s.legend.iter().map(|e| e.label.clone()).collect() };
        let marked = by_signal(&areas, &signal, &SmallBuurten::default(), &[]);
        assert_eq!(
            legend(&marked),
            [
                "sterk onder druk (0)",
                "onder druk (1)",
                "geen signaal (0)",
                "minder dan 200 inwoners, apart gemarkeerd (1)"
            ]
        );
        assert_eq!(marked.areas[0].fill, SMALL);
        assert_eq!(
            marked.areas[0].text,
            "weinig inwoners (150): sterk onder druk (1,20)"
        );
        assert_eq!(marked.missing(), 0, "grey is not \"geen gegevens\"");
        // Left out (by the signal), with a higher minimum.
        let rule = SmallBuurten {
            min_population: 2_500,
            mode: SmallMode::Leave,
        };
        let left = by_signal(&areas, &[], &rule, &[(code(0), 150.0), (code(1), 2_000.0)]);
        assert_eq!(
            legend(&left)[3],
            "minder dan 2.500 inwoners, weggelaten (2)"
        );
        assert_eq!(left.areas[1].text, "weggelaten: weinig inwoners (2.000)");
    }
}
