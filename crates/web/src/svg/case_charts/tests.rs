use indexmap::IndexMap;
use wikken_core::case::analysis::{BudgetStep, Histogram};
use wikken_core::model::{Category, Objective};

use super::*;

/// Parses a chart as XML and checks the frame every chart shares.
fn parse(svg: &str) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("role"), Some("img"));
    let title = root.first_element_child().unwrap();
    assert_eq!(title.tag_name().name(), "title");
    assert_eq!(
        title.next_sibling_element().unwrap().tag_name().name(),
        "desc"
    );
    doc
}

fn desc(doc: &roxmltree::Document<'_>) -> String {
    doc.descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string()
}

fn num(n: roxmltree::Node<'_, '_>, a: &str) -> f64 {
    n.attribute(a)
        .unwrap_or_else(|| panic!("no {a}"))
        .parse()
        .unwrap()
}

fn with_class<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    class: &str,
) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.attribute("class") == Some(class))
        .collect()
}

#[test]
fn npv_bars_put_negative_values_left_of_zero_with_whiskers() {
    let rows = vec![
        NpvBar {
            name: "Renovatie & <sloop>".into(),
            npv: -1_234_567.0,
            range: Some((-2_500_000.0, 150_000.0)),
        },
        NpvBar {
            name: "Buurtbeheerder".into(),
            npv: 456_789.0,
            range: None,
        },
    ];
    let svg = npv_bars(&rows).into_string();
    let doc = parse(&svg);
    let text = desc(&doc);
    assert!(text.contains("Renovatie & <sloop>: € -1.234.567 (90 % van de uitkomsten tussen € -2.500.000 en € 150.000)"), "{text}");
    assert!(text.contains("Buurtbeheerder: € 456.789"), "{text}");
    let zero = num(with_class(&doc, "zero")[0], "x1");
    let bars = with_class(&doc, "bar");
    assert_eq!(bars.len(), 2);
    let (neg, pos) = (bars[0], bars[1]);
    assert!(
        (num(neg, "x") + num(neg, "width") - zero).abs() < 0.2,
        "negative bar ends at 0"
    );
    assert!(num(neg, "x") < zero - 50.0);
    assert!(
        (num(pos, "x") - zero).abs() < 0.2,
        "positive bar starts at 0"
    );
    assert_ne!(neg.attribute("fill"), pos.attribute("fill"));
    // The negative bar is longer, as its value is larger.
    assert!(num(neg, "width") > num(pos, "width"));
    let whiskers = with_class(&doc, "whisker");
    assert_eq!(whiskers.len(), 1);
    let w = whiskers[0].first_element_child().unwrap();
    assert!(num(w, "x1") < num(neg, "x") && num(w, "x2") > zero);
    assert!(svg.contains(">€ 456.789<"));
}

#[test]
fn npv_tick_labels_never_touch_and_zero_is_always_labelled() {
    // The demo's range: € -500.000 to € 1 mln gives seven ticks whose
    // labels ("€ -500.000", "€ 250.000") would run into each other.
    let rows = vec![
        NpvBar {
            name: "A".into(),
            npv: -256_000.0,
            range: Some((-480_000.0, 30_000.0)),
        },
        NpvBar {
            name: "B".into(),
            npv: 458_000.0,
            range: Some((200_000.0, 980_000.0)),
        },
    ];
    let svg = npv_bars(&rows).into_string();
    let doc = parse(&svg);
    let ticks: Vec<(f64, String)> = with_class(&doc, "tick")
        .iter()
        .map(|t| (num(*t, "x"), t.text().unwrap_or("").to_string()))
        .collect();
    assert!(ticks.iter().any(|(_, l)| l == "€ 0"), "{ticks:?}");
    for pair in ticks.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let room = (text_width(&a.1, 11.0) + text_width(&b.1, 11.0)) / 2.0;
        assert!(b.0 - a.0 >= room, "{} and {} touch", a.1, b.1);
    }
}

#[test]
fn a_distribution_shades_the_share_above_zero() {
    let h = Histogram {
        lo: -100.0,
        hi: 300.0,
        counts: vec![10, 20, 30, 40],
    };
    let svg = distribution(&h, "Buurtbeheerder", -50.0, 250.0, 0.9).into_string();
    let doc = parse(&svg);
    let bins = with_class(&doc, "bin");
    assert_eq!(bins.len(), 4, "no bin straddles 0 here");
    assert_eq!(bins[0].attribute("fill"), Some(LOSS));
    assert!(bins[1..].iter().all(|b| b.attribute("fill") == Some(GAIN)));
    // The highest bin is the tallest.
    assert!(num(bins[3], "height") > num(bins[2], "height"));
    let zero = num(with_class(&doc, "zero")[0], "x1");
    assert!((num(bins[1], "x") - zero).abs() < 0.2);
    let text = desc(&doc);
    assert!(text.contains("100 trekkingen"), "{text}");
    assert!(text.contains("tussen € -50 en € 250"), "{text}");
    assert!(text.contains("in 90 % van de trekkingen"), "{text}");

    // A bin across 0 is split at 0: half of it counts above.
    let h = Histogram {
        lo: -100.0,
        hi: 100.0,
        counts: vec![50, 50, 0],
    };
    // the bins would say 25 %; the chart prints the engine's exact chance,
    // as the table does
    let doc_text = distribution(&h, "X", -90.0, 20.0, 0.56).into_string();
    let doc = parse(&doc_text);
    let fills: Vec<_> = with_class(&doc, "bin")
        .iter()
        .map(|b| b.attribute("fill").unwrap())
        .collect();
    assert_eq!(fills, vec![LOSS, LOSS, GAIN, GAIN]);
    assert!(
        desc(&doc).contains("in 56 % van de trekkingen"),
        "{}",
        desc(&doc)
    );
    assert!(doc_text.contains("kans saldo &gt; 0: 56 %"), "{doc_text}");
}

#[test]
fn a_distribution_without_iterations_says_so() {
    let h = Histogram {
        lo: 0.0,
        hi: 0.0,
        counts: vec![],
    };
    let doc_text = distribution(&h, "X", 0.0, 0.0, 0.0).into_string();
    assert_eq!(desc(&parse(&doc_text)), "Geen trekkingen.");
}

fn option(name: &str, base: f64, bars: &[(&str, f64, f64)]) -> TornadoOption {
    TornadoOption {
        name: name.into(),
        base,
        bars: bars
            .iter()
            .map(|(label, low, high)| TornadoBar {
                label: (*label).into(),
                low: *low,
                high: *high,
            })
            .collect(),
        more: 0,
    }
}

/// The width of every `rect` with this class.
fn widths(doc: &roxmltree::Document<'_>, class: &str) -> Vec<f64> {
    with_class(doc, class)
        .iter()
        .map(|n| num(*n, "width"))
        .collect()
}

#[test]
fn tornado_bars_run_from_low_to_high_around_the_base() {
    let t = option(
        "Renovatie",
        100_000.0,
        &[
            ("Renovatiekosten", 400_000.0, -200_000.0),
            ("Baten", 50_000.0, 180_000.0),
        ],
    );
    let svg = tornado(&t).into_string();
    let doc = parse(&svg);
    let low = with_class(&doc, "bar-low");
    let high = with_class(&doc, "bar-high");
    let base = with_class(&doc, "base");
    assert_eq!((low.len(), high.len(), base.len()), (2, 2, 2));
    let b = num(base[0], "x1");
    assert!((num(low[0], "x") + num(low[0], "width") - b).abs() < 0.2);
    assert!((num(high[0], "x") - b).abs() < 0.2);
    // The first row swings wider than the second.
    assert!(
        num(low[0], "width") + num(high[0], "width") > num(low[1], "width") + num(high[1], "width")
    );
    let text = desc(&doc);
    assert!(
        text.contains("Saldo bij de verwachte bedragen: € 100.000"),
        "{text}"
    );
    assert!(
        text.contains(
            "Renovatiekosten: saldo € 400.000 bij de lage waarde en € -200.000 bij de hoge waarde"
        ),
        "{text}"
    );
    let ranges: Vec<_> = with_class(&doc, "range")
        .iter()
        .map(|n| n.text().unwrap().to_string())
        .collect();
    assert_eq!(ranges[0], "€ -200.000 tot € 400.000");
}

/// Issue 10: on one shared scale, a social option's amounts that swing by
/// thousands drew no visible bar next to a stenen option that swings by
/// millions. Each option now has its own scale.
#[test]
fn a_small_option_has_visible_bars_next_to_one_swinging_millions() {
    let stenen = option(
        "Verduurzaming",
        -12_572_291.0,
        &[
            ("Bouwkosten", -9_800_000.0, -15_300_000.0),
            ("Energiebesparing", -13_900_000.0, -11_200_000.0),
        ],
    );
    let sociaal = option(
        "Buurtbeheerder",
        -287_748.0,
        &[
            ("Loonkosten", -271_000.0, -305_000.0),
            ("Minder overlast", -296_500.0, -279_000.0),
            ("Opleiding", -289_000.0, -286_500.0),
        ],
    );
    let plot = tornado::PLOT.1 - tornado::PLOT.0;
    for t in [&stenen, &sociaal] {
        let svg = tornado(t).into_string();
        let doc = parse(&svg);
        let low = widths(&doc, "bar-low");
        let high = widths(&doc, "bar-high");
        assert_eq!(low.len(), t.bars.len(), "{}", t.name);
        assert_eq!(high.len(), t.bars.len(), "{}", t.name);
        // The largest swing covers at least a quarter of the plot...
        let widest = low[0] + high[0];
        assert!(widest > plot / 4.0, "{}: {widest} of {plot}", t.name);
        // ...and even the smallest (€ 2.500 here) is a visible bar.
        for (l, h) in low.iter().zip(&high) {
            assert!(l + h > 4.0, "{}: a bar of {} px", t.name, l + h);
        }
        // The scale says its numbers in full Dutch euros.
        let ticks: Vec<String> = with_class(&doc, "tick")
            .iter()
            .map(|n| n.text().unwrap().to_string())
            .collect();
        assert!(ticks.len() >= 2, "{}: {ticks:?}", t.name);
        for tick in &ticks {
            assert!(
                tick.starts_with("€ ") && !tick.contains("mln"),
                "{}: {tick}",
                t.name
            );
        }
    }
    let small = parse(&tornado(&sociaal).into_string())
        .descendants()
        .filter(|n| n.attribute("class") == Some("tick"))
        .map(|n| n.text().unwrap().to_string())
        .collect::<Vec<_>>();
    assert!(
        small
            .iter()
            .any(|t| t.contains(".000") && t.starts_with("€ -2")),
        "the social option's own scale, in thousands: {small:?}"
    );
    // Far from 0 with small swings: 0 is left off the scale (it would
    // squash the bars); close to 0 it is drawn.
    assert!(with_class(&parse(&tornado(&sociaal).into_string()), "zero").is_empty());
    let near = option("Buurtkamer", 20_000.0, &[("Baten", -15_000.0, 60_000.0)]);
    assert_eq!(
        with_class(&parse(&tornado(&near).into_string()), "zero").len(),
        1
    );
}

#[test]
fn tornado_options_keep_the_engines_figures_per_option() {
    use crate::case_report::sample::{Extras, analysis, doc};
    let a = analysis(&doc(Extras {
        uncertainty: true,
        budget: false,
        decision: false,
    }));
    let rows = a.report.sensitivity.as_ref().expect("uncertain amounts");
    let groups = tornado_options(&a.report, 2);
    assert!(!groups.is_empty());
    let mut shown = 0;
    for g in &groups {
        let o = a.report.options.iter().find(|o| o.name == g.name).unwrap();
        assert_eq!(g.base, o.npv, "the option's saldo as the engine says");
        let mine: Vec<_> = rows.iter().filter(|s| s.option == o.id).collect();
        assert_eq!(g.bars.len() + g.more, mine.len());
        assert!(g.bars.len() <= 2);
        for (bar, row) in g.bars.iter().zip(&mine) {
            assert_eq!((bar.low, bar.high), (row.npv_low, row.npv_high));
        }
        shown += g.bars.len() + g.more;
    }
    assert_eq!(shown, rows.len(), "every row in its option's tornado");
}

#[test]
fn the_arena_colours_who_pays_and_who_gains() {
    let actors = vec![
        ("corporatie".to_string(), "Corporatie".to_string()),
        ("huurders".into(), "Huurders".into()),
    ];
    let options = vec![
        (
            "a".to_string(),
            "Huurbevriezing voor alle huurders in de wijk".to_string(),
        ),
        ("b".into(), "Niets".into()),
    ];
    let values = [[-75_000.0, 0.0], [75_000.0, 0.0]];
    let svg = arena_matrix(&actors, &options, &|a, o| values[a][o]).into_string();
    let doc = parse(&svg);
    let cells = with_class(&doc, "cell");
    assert_eq!(cells.len(), 4);
    let fill = |i: usize| cells[i].attribute("fill").unwrap();
    assert_eq!(fill(0), "#b2182b", "the corporatie pays most");
    assert_eq!(fill(2), "#2166ac", "the huurders gain most");
    assert_eq!(fill(1), fill(3), "zero is neutral");
    let totals: Vec<_> = with_class(&doc, "total")
        .iter()
        .map(|n| n.text().unwrap().to_string())
        .collect();
    assert_eq!(totals, vec!["€ 0", "€ 0"]);
    let text = desc(&doc);
    assert!(text.contains("Huurbevriezing voor alle huurders in de wijk: Corporatie € -75.000, Huurders € 75.000 (saldo € 0)"), "{text}");
    assert!(svg.contains("<tspan"), "long names wrap");
}

#[test]
fn budget_steps_stack_the_spend_by_category() {
    let step = |factor: f64, stenen: f64, sociaal: f64, objective: f64| BudgetStep {
        factor,
        max: 1_000_000.0 * factor,
        selected: vec!["a".into(), "b".into()],
        objective,
        spent: stenen + sociaal,
        spent_by_category: IndexMap::from([
            (Category::Stenen, stenen),
            (Category::Sociaal, sociaal),
            (Category::Beleid, 0.0),
        ]),
        gap: None,
    };
    let steps = vec![
        step(0.5, 400_000.0, 50_000.0, 120_000.0),
        step(1.0, 800_000.0, 150_000.0, 300_000.0),
    ];
    let svg = budget_steps(&steps, Objective::Npv).into_string();
    let doc = parse(&svg);
    let spend = with_class(&doc, "spend");
    assert_eq!(spend.len(), 4, "no rect for a category without spend");
    // Stenen twice as high in the second step; the social part sits on top.
    assert!((num(spend[2], "height") / num(spend[0], "height") - 2.0).abs() < 0.01);
    assert!((num(spend[1], "y") + num(spend[1], "height") - num(spend[0], "y")).abs() < 0.2);
    assert_eq!(with_class(&doc, "budget").len(), 2);
    assert_eq!(with_class(&doc, "objective").len(), 2);
    let text = desc(&doc);
    assert!(text.contains("bij 50 % van het budget (€ 500.000): 2 opties gekozen, saldo € 120.000, besteed € 450.000 (stenen € 400.000, sociaal € 50.000)"), "{text}");
    assert!(
        !svg.contains("besteed: beleid"),
        "no legend for an unused category"
    );
    // On the MCA value there is no saldo bar on the euro axis.
    let svg = budget_steps(&steps, Objective::Value).into_string();
    let doc = parse(&svg);
    assert!(with_class(&doc, "objective").is_empty());
    let text = desc(&doc);
    assert!(
        text.contains("2 opties gekozen, MCA-waarde 120.000,00, besteed"),
        "{text}"
    );
}

#[test]
fn empty_inputs_give_valid_pictures() {
    for svg in [
        npv_bars(&[]),
        tornado(&option("Niets", 0.0, &[])),
        budget_steps(&[], Objective::Npv),
        arena_matrix(&[], &[], &|_, _| 0.0),
    ] {
        let s = svg.into_string();
        parse(&s);
    }
}
