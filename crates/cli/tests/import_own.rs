//! `wikken sjabloon` and `wikken import eigen` end to end on a real SQLite
//! file: the XLSX template, the CSV templates, and bad files whose every
//! problem is named by row and column while nothing is written.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use wikken_storage::Store;

fn wikken() -> Command {
    Command::cargo_bin("wikken").expect("the wikken binary is built")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The buurten of the template's examples.
const KWB: &str = "buurtcode,buurtnaam,gemeentecode,gemeentenaam,inwoners\n\
    BU08551602,Afrikaanderbuurt Midden,GM0855,Tilburg,1975\n\
    BU08556702,Achthoeven,GM0855,Tilburg,1640\n";

struct Setup {
    dir: tempfile::TempDir,
    url: String,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", dir.path().join("wikken.db").display());
        let setup = Setup { dir, url };
        let kwb = setup.write("kwb.csv", KWB);
        for org in ["A", "B"] {
            let out = setup.run(&[
                "organisatie",
                "toevoegen",
                org,
                "--beheerder",
                &format!("beheerder@{org}.test.wikken.nl"),
            ]);
            assert!(out.status.success(), "{}", text(&out.stderr));
            let out = setup.run(&[
                "import",
                "kwb",
                &kwb,
                "--year",
                "2024",
                "--organisation",
                org,
            ]);
            assert!(out.status.success(), "{}", text(&out.stderr));
        }
        setup
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    fn write(&self, name: &str, content: &str) -> String {
        let path = self.path(name);
        std::fs::write(&path, content).unwrap();
        path
    }

    fn run(&self, args: &[&str]) -> Output {
        wikken()
            .args(args)
            .args(["--database-url", &self.url])
            .output()
            .unwrap()
    }

    fn import(&self, org: &str, files: &[&str]) -> Output {
        let mut args = vec!["import", "eigen"];
        args.extend(files);
        args.extend(["--organisation", org]);
        self.run(&args)
    }

    /// The complexnummers stored for an organisation.
    fn complexes(&self, org: &str) -> Vec<String> {
        tokio::runtime::Runtime::new().unwrap().block_on(async {
            let store = Store::connect(&self.url).await.unwrap();
            let id = store.organisation_named(org).await.unwrap().unwrap();
            let codes = store
                .complexes(&id)
                .await
                .unwrap()
                .into_iter()
                .map(|c| c.code.0)
                .collect();
            store.close().await;
            codes
        })
    }
}

#[test]
fn the_xlsx_template_imports_once() {
    let s = Setup::new();
    let xlsx = s.path("eigen.xlsx");
    let out = wikken().args(["sjabloon", &xlsx]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(Path::new(&xlsx).exists());
    let again = wikken().args(["sjabloon", &xlsx]).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("bestaat al"));
    assert!(
        wikken()
            .args(["sjabloon", &xlsx, "--force"])
            .output()
            .unwrap()
            .status
            .success()
    );

    let out = s.import("A", &[&xlsx]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("eigen.xlsx: 2 complexen, 8 indicatoren en 13 waarden geïmporteerd"),
        "{stdout}"
    );
    assert_eq!(s.complexes("A"), vec!["1001", "1002"]);
    let twice = s.import("A", &[&xlsx]);
    assert!(text(&twice.stdout).contains("al eerder geïmporteerd"));
}

#[test]
fn the_csv_templates_import_in_any_order() {
    let s = Setup::new();
    let dir = s.path("sjabloon/");
    let out = wikken().args(["sjabloon", &dir]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file = |sheet: &str| s.path(&format!("sjabloon/{sheet}.csv"));
    let (k, c, d) = (file("kengetallen"), file("complexen"), file("definities"));
    assert!(
        std::fs::read(&c)
            .unwrap()
            .starts_with(b"\xef\xbb\xbfcomplexnummer;naam;")
    );

    // the figures use the definitions and name the complexes of the other files
    let out = s.import("B", &[&k, &c, &d]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let order: Vec<usize> = [&d, &c, &k]
        .iter()
        .map(|f| stdout.find(f.as_str()).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{stdout}");
    assert_eq!(s.complexes("B"), vec!["1001", "1002"]);
}

#[test]
fn every_problem_is_named_and_nothing_is_written() {
    let s = Setup::new();
    let good = s.write(
        "nieuw.csv",
        "complexnummer;naam;buurtcode;aantal_woningen\n2001;Nieuw;BU08551602;12\n",
    );
    let bad = s.write(
        "fout.csv",
        "complexnummer;naam;buurtcode;aantal_woningen;bouwjaar;energielabel\n\
         3001;A;BU08551602;10;1970;B\n\
         3002;B;BU08551602;veel;19x0;C\n\
         3001;C;BU0855160;5;1980;Z\n",
    );
    let out = s.import("A", &[&good, &bad]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    for line in [
        "fout.csv: regel 3, kolom aantal_woningen (blad complexen): geen geheel getal: \"veel\"",
        "fout.csv: regel 3, kolom bouwjaar (blad complexen): geen geheel getal: \"19x0\"",
        "fout.csv: regel 4, kolom complexnummer (blad complexen): complexnummer 3001 staat al op regel 2",
        "fout.csv: regel 4, kolom buurtcode (blad complexen): \"BU0855160\" is geen buurtcode",
        "fout.csv: regel 4, kolom energielabel (blad complexen): \"Z\" is geen energielabel",
        "Niets geïmporteerd.",
    ] {
        assert!(stderr.contains(line), "missing {line:?} in\n{stderr}");
    }
    assert!(
        out.stdout.is_empty(),
        "the good file is not imported either"
    );
    assert!(s.complexes("A").is_empty());

    // sound files that do not fit the database: unknown buurt and complex
    let figures = s.write(
        "kengetallen.csv",
        "buurtcode;complexnummer;jaar;mutatiegraad\nBU03630000;;2024;5\n;9999;2024;6\n;2001;2024;7\n",
    );
    let out = s.import("A", &[&figures, &good]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains(
        "kengetallen.csv: regel 2, kolom buurtcode (blad kengetallen): buurtcode BU03630000 is niet bekend: importeer eerst de CBS-gegevens van deze gemeente"
    ), "{stderr}");
    assert!(
        stderr.contains(
            "kengetallen.csv: regel 3, kolom complexnummer (blad kengetallen): complex 9999"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains("regel 4"),
        "complex 2001 comes with nieuw.csv: {stderr}"
    );
    assert!(s.complexes("A").is_empty());

    // an import never creates an organisation: it names those there are
    let out = s.import("Nieuwe corporatie", &[&good]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("organisatie \"Nieuwe corporatie\" bestaat niet; er zijn: ")
            && stderr.contains('A')
            && stderr.contains('B'),
        "{stderr}"
    );
    assert!(stderr.contains("wikken organisatie toevoegen"));
    let created = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = Store::connect(&s.url).await.unwrap();
        store.organisation_named("Nieuwe corporatie").await.unwrap()
    });
    assert_eq!(created, None);
}
