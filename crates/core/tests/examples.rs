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
