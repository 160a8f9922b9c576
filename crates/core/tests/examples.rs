//! The examples: the strict reader and the serde types agree on them, and a
//! model written out (as the web app will export it) reads back the same.

use std::path::Path;

use wikken_core::{Model, parse_model};

fn examples() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        // the werkatelier's answers and the goals are not models
        .filter(|p| {
            !p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("werkatelier")
                && p.file_name().unwrap() != "doelen.json"
        })
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn reader_and_serde_types_agree() {
    for (name, text) in examples() {
        let read = parse_model(&text).unwrap_or_else(|p| panic!("{name}: {p}"));
        let derived: Model = serde_json::from_str(&text).unwrap();
        assert_eq!(read, derived, "{name}");
    }
}

#[test]
fn an_exported_model_reads_back_the_same() {
    for (name, text) in examples() {
        let model = parse_model(&text).unwrap();
        let exported = serde_json::to_string_pretty(&model).unwrap();
        assert_eq!(parse_model(&exported).unwrap(), model, "{name}");
    }
}

#[test]
fn histograms_leave_the_report_as_evaluate_prints_it() {
    use wikken_core::engine::portfolio::BruteForce;
    use wikken_core::engine::{evaluate, evaluate_with_histograms};
    for (name, text) in examples() {
        let mut model = parse_model(&text).unwrap();
        if model.options.len() > wikken_core::engine::portfolio::BRUTE_FORCE_MAX {
            model.portfolio = None;
        }
        let plain = evaluate(&model, &BruteForce, None).unwrap();
        let (with, histograms) = evaluate_with_histograms(&model, &BruteForce, None, 24).unwrap();
        assert_eq!(
            serde_json::to_string(&plain).unwrap(),
            serde_json::to_string(&with).unwrap(),
            "{name}"
        );
        let n = if model.has_uncertainty() {
            model.options.len()
        } else {
            0
        };
        assert_eq!(histograms.len(), n, "{name}");
        for h in &histograms {
            assert_eq!(
                h.counts.iter().sum::<u32>() as i64,
                model.uncertainty.iterations,
                "{name}"
            );
        }
    }
}
