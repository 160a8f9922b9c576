//! `wikken import kwb` end to end on a real SQLite file.

use assert_cmd::Command;

fn wikken() -> Command {
    Command::cargo_bin("wikken").expect("the wikken binary is built")
}

#[test]
fn import_twice_then_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let temp = |name: &str| dir.path().join(name);
    let db = temp("wikken.db");
    let url = format!("sqlite:{}", db.display());
    let good = temp("buurten.csv");
    std::fs::write(
        &good,
        "buurtcode,buurtnaam,gemeentecode,gemeentenaam,inwoners\n\
         BU08550110,Binnenstad,GM0855,Tilburg,3000\n",
    )
    .unwrap();
    let import = |files: &[&std::path::Path], year: &str| {
        wikken()
            .args(["import", "kwb"])
            .args(files)
            .args(["--year", year, "--database-url", &url])
            .output()
            .unwrap()
    };
    let out = import(&[&good], "2024");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 gebieden en 1 waarden geïmporteerd"));

    let again = import(&[&good], "2024");
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("al eerder geïmporteerd"));

    let bad = temp("bad.csv");
    std::fs::write(&bad, "buurtcode,inwoners\nBU08550111,veel\n").unwrap();
    let refused = import(&[&good, &bad], "2025");
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("bad.csv: regel 2, kolom inwoners: \"veel\" is geen getal"),
        "{stderr}"
    );
    assert!(stderr.contains("Niets geïmporteerd."));
    assert!(
        refused.stdout.is_empty(),
        "the good file of the run is not imported either"
    );
}
