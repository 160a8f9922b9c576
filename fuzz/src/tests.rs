//! Every target over its committed seeds and the repository's examples: the
//! corpus the fuzzer starts from must at least pass in the ordinary test
//! suite, and every committed reproducer of a fixed finding stays fixed.

use std::path::{Path, PathBuf};

use super::TARGETS;

fn seed_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(target)
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

#[test]
fn every_target_has_seeds_and_passes_them() {
    for (name, target) in TARGETS {
        let seeds = files(&seed_dir(name));
        assert!(!seeds.is_empty(), "no seeds for {name}");
        for seed in seeds {
            let bytes = std::fs::read(&seed).unwrap();
            assert!(bytes.len() <= 32 * 1024, "{} is over 32 KB", seed.display());
            target(&bytes);
        }
    }
}

#[test]
fn the_examples_pass_the_model_reader_and_the_import() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let found = files(&examples);
    assert!(found.len() >= 3);
    for file in found {
        let bytes = std::fs::read(&file).unwrap();
        super::model_reader(&bytes);
        super::case_import(&bytes);
    }
}

/// Writes the seeds that are made from Wikken's own output (the demo
/// afweging, the own-data template) and the step forms that name the demo
/// afweging's ids. Run by hand after those change:
/// `cargo test -p wikken-fuzz -- --ignored write_generated_seeds`.
#[test]
#[ignore = "writes fuzz/seeds; run by hand"]
fn write_generated_seeds() {
    use wikken_data::own::{OwnSheet, template_csv, template_xlsx};
    let write = |target: &str, name: &str, bytes: &[u8]| {
        std::fs::write(seed_dir(target).join(name), bytes).unwrap();
    };
    let doc = wikken_web::fuzzing::demo_case();
    write(
        "case_import",
        "demo-afweging.json",
        serde_json::to_string(&doc).unwrap().as_bytes(),
    );
    for sheet in OwnSheet::ALL {
        let name = format!("{}.csv", sheet.name());
        write("own_csv", &name, template_csv(sheet).as_bytes());
    }
    write("own_workbook", "sjabloon.xlsx", &template_xlsx());

    let option = &doc.options[0].spec.id;
    let participant = &doc.participants[0].id;
    let problem = &doc.problems[0].id;
    let c: Vec<&str> = doc.criteria.iter().map(|c| c.id.as_str()).collect();
    let forms: Vec<(&str, Vec<String>)> = vec![
        (
            "stap1-vraag-partij-probleem",
            vec![
                "\x00question=Wat+doen+we+in+de+Lindehof%3F&moment=2027-03-01&level=wijk".into(),
                "\x01participant_name=Bewonerscommissie+%C3%89%C3%A9nheid&participant_role=adviseur".into(),
                format!("\x03problem_text=Verloedering+%E2%80%94+portieken&problem_owner={participant}"),
                format!("\x04_pad={problem}"),
                format!("\x02_pad={participant}"),
                "\x05description=Alles+blijft+zoals+het+is.&assumptions=Onderhoud".into(),
            ],
        ),
        (
            "stap3-opties",
            vec![
                "\x06template=buurtbeheerder&quantity=1".into(),
                "\x06template=renovatie&quantity=1.250,5".into(),
                "\x07option_name=Groen+plein&option_category=sociaal".into(),
                format!("\x08package_name=Pakket+A&member={option}&member=groen-plein"),
                format!("\x1dadres.{option}.{problem}=3&houden.{option}=on"),
                "\x09_pad=groen-plein".into(),
            ],
        ),
        (
            "stap4-effecten",
            vec![format!(
                "\x0b_pad={option}&name=Buurtbeheer&f0.actor=corporatie&f0.kind=cost&f0.amount=85.000&\
                 f0.from=2027&f0.to=2036&f0.growth=2&f0.dist=pert&f0.low=70.000&f0.high=100.000&\
                 f1.actor=huurders&f1.kind=benefit&f1.amount=12.000,5&f1.from=2028&f1.dw=10&f1.at=20&\
                 f1.dist=normal&f1.sd=1000&pm0.label=Trots&pm0.sign=%2B&pm0.note=&score.{}=4&note=Bron",
                c[0]
            )],
        ),
        (
            "stap5-weging",
            vec![
                "\x0ccriterion_name=%C3%9Cberlast+en+geluid&criterion_direction=min".into(),
                "\x0emca_method=topsis".into(),
                format!(
                    "\x0f_pad=gezamenlijk&gezamenlijk.method=points&gezamenlijk.w.{}=40&gezamenlijk.w.{}=30&\
                     gezamenlijk.w.{}=20&gezamenlijk.w.{}=5&gezamenlijk.w.{}=5",
                    c[0], c[1], c[2], c[3], c[4]
                ),
                format!(
                    "\x0f_pad={participant}&{participant}.method=ahp&{participant}.ahp.0.1=5&\
                     {participant}.ahp.0.2=-3&{participant}.ahp.1.2=7&{participant}.ahp.3.4=-9"
                ),
                format!("\x10_pad={participant}"),
                format!("\x0d_pad={}", c[4]),
                "\x12v=5,3,-3".into(),
            ],
        ),
        (
            "stap7-besluit",
            vec![format!(
                "\x11chosen={option}&rationale=Draagvlak+en+betaalbaar&dissent=&conditions=Evaluatie+na+2+jaar"
            )],
        ),
    ];
    for (name, lines) in forms {
        write(
            "case_forms",
            &format!("{name}.txt"),
            lines.join("\n").as_bytes(),
        );
    }
}
