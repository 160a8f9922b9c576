//! `wikken import kwb` end to end on a real SQLite file.

use assert_cmd::Command;

fn wikken() -> Command {
    Command::cargo_bin("wikken").expect("the wikken binary is built")
}

/// A database with one organisation, made as a user would: `wikken
/// organisatie toevoegen` (an import never creates one).
fn with_organisation(url: &str, name: &str) {
    let out = Command::cargo_bin("wikken")
        .unwrap()
        .args([
            "organisatie",
            "toevoegen",
            name,
            "--beheerder",
            "beheerder@test.wikken.nl",
        ])
        .args(["--database-url", url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn import_twice_then_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let temp = |name: &str| dir.path().join(name);
    let db = temp("wikken.db");
    let url = format!("sqlite:{}", db.display());
    with_organisation(&url, "Mijn corporatie");
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

#[test]
fn import_grenzen_warns_twice_is_a_no_op_and_a_bad_file_stops_all() {
    let dir = tempfile::tempdir().unwrap();
    let temp = |name: &str| dir.path().join(name);
    let url = format!("sqlite:{}", temp("wikken.db").display());
    with_organisation(&url, "Mijn corporatie");
    let feature = |code: &str, ring: &str| {
        format!(
            r#"{{"type":"Feature","properties":{{"buurtcode":"{code}"}},
            "geometry":{{"type":"Polygon","coordinates":[{ring}]}}}}"#
        )
    };
    let collection = |features: &[String]| {
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        )
    };
    let good = temp("buurten.geojson");
    std::fs::write(
        &good,
        collection(&[
            feature(
                "BU08550110",
                "[[5.0,51.5],[5.01,51.5],[5.01,51.51],[5.0,51.51],[5.0,51.5]]",
            ),
            // a bow tie: repaired into two triangles, with a warning
            feature(
                "BU08550111",
                "[[5.02,51.5],[5.02,51.51],[5.03,51.5],[5.03,51.51],[5.02,51.5]]",
            ),
        ]),
    )
    .unwrap();
    let import = |files: &[&std::path::Path]| {
        wikken()
            .args(["import", "grenzen"])
            .args(files)
            .args(["--database-url", &url])
            .output()
            .unwrap()
    };
    let out = import(&[&good]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "buurten.geojson: waarschuwing: object 2 (BU08550111): ongeldige ring hersteld"
        ),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("buurten.geojson: 2 grenzen geïmporteerd in"),
        "{stdout}"
    );
    assert!(
        stdout.contains("gebieden per seconde); 1 waarschuwing"),
        "{stdout}"
    );

    let again = import(&[&good]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("al eerder geïmporteerd"));

    let more = temp("meer.geojson");
    std::fs::write(
        &more,
        collection(&[feature(
            "BU08550112",
            "[[5.04,51.5],[5.05,51.5],[5.05,51.51],[5.04,51.5]]",
        )]),
    )
    .unwrap();
    let bad = temp("kapot.json");
    std::fs::write(
        &bad,
        "{\"type\": \"FeatureCollection\",\n \"features\": [,]}",
    )
    .unwrap();
    let refused = import(&[&more, &bad]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("kapot.json: regel 2, kolom 15: geen geldige JSON"),
        "{stderr}"
    );
    assert!(stderr.contains("Niets geïmporteerd."));
    assert!(
        refused.stdout.is_empty(),
        "the good file is not imported either"
    );

    // the shapes are stored for the default organisation; meer.geojson not
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = wikken_storage::Store::connect(&url).await.unwrap();
        let org = store.ensure_organisation("Mijn corporatie").await.unwrap();
        let code = |c: &str| wikken_data::AreaCode::parse(c).unwrap();
        let bow_tie = store.boundary(&org, &code("BU08550111")).await.unwrap();
        assert_eq!(bow_tie.map(|shape| shape.len()), Some(2));
        assert_eq!(
            store.boundary(&org, &code("BU08550112")).await.unwrap(),
            None
        );
        store.close().await;
    });
}

#[test]
fn import_leefbaarometer_reports_new_areas_and_refuses_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let temp = |name: &str| dir.path().join(name);
    let url = format!("sqlite:{}", temp("wikken.db").display());
    with_organisation(&url, "Mijn corporatie");
    let good = temp("lbm.csv");
    std::fs::write(
        &good,
        "wk_code,wk_naam,jaar,lbm,fys,onv,soc,vrz,won\n\
         WK036201,Randwijck,2022,4.328187,-0.00729,0.054137,-0.003791,0.189008,-0.006142\n",
    )
    .unwrap();
    let bad = temp("fout.csv");
    std::fs::write(&bad, "PC4,jaar,lbm\n1181,2022,4.3\n").unwrap();
    let import = |files: &[&std::path::Path]| {
        wikken()
            .args(["import", "leefbaarometer"])
            .args(files)
            .args(["--database-url", &url])
            .output()
            .unwrap()
    };
    let refused = import(&[&good, &bad]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("fout.csv: regel 1: dit is een bestand per postcodegebied (PC4)"),
        "{stderr}"
    );
    assert!(refused.stdout.is_empty(), "nothing imported");

    let out = import(&[&good]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("lbm.csv: 1 gebieden en 6 waarden van de Leefbaarometer geïmporteerd"),
        "{stdout}"
    );
    assert!(stdout.contains("1 gebied was nog niet bekend en is toegevoegd: WK036201 Randwijck."));
    assert!(stdout.contains("Gemeente GM0362 is nog niet bekend"));
    let again = import(&[&good]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("al eerder geïmporteerd"));
}
