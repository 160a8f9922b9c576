//! `wikken import cbs` end to end, offline: a small HTTP server on
//! 127.0.0.1 stands in for CBS and PDOK (through `WIKKEN_CBS_URL` and
//! `WIKKEN_PDOK_URL`) and answers with the fixtures of
//! `crates/data/tests/fixtures` (see its README).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use wikken_data::cbs_odata::{name_areas, parse_region_names};
use wikken_data::{AreaCode, parse_odata_kwb};
use wikken_storage::Store;

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "../data/tests/fixtures", name]
        .iter()
        .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

type Answer = Box<dyn Fn(&str) -> (u16, Vec<u8>) + Send + Sync>;

/// An HTTP/1.1 server on 127.0.0.1 answering every request with
/// `answer(target)`, recording the targets; it stops when dropped, and
/// after a minute in any case.
struct Server {
    port: u16,
    targets: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start(answer: Answer) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let targets = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen, stopped) = (targets.clone(), stop.clone());
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while !stopped.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        if let Some(target) = respond(stream, &answer) {
                            seen.lock().unwrap().push(target);
                        }
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server {
            port,
            targets,
            stop,
        }
    }

    fn targets(&self) -> Vec<String> {
        self.targets.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn respond(stream: TcpStream, answer: &Answer) -> Option<String> {
    stream.set_nonblocking(false).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 || header == "\r\n" {
            break;
        }
    }
    let target = request_line.split(' ').nth(1)?.to_string();
    let (status, body) = answer(&target);
    let mut stream = reader.into_inner();
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(&body).ok()?;
    Some(target)
}

/// CBS's and PDOK's answers for Tilburg 2024; `page2` stands in for the
/// second page of figures, `pdok_status` for PDOK's status.
fn tilburg(page2: Vec<u8>, pdok_status: u16) -> Answer {
    Box::new(move |target: &str| {
        let t = target.to_ascii_lowercase();
        let file = if t.contains("/wijkenenbuurten?") {
            "cbs-85984NED-GM0855-wijkenenbuurten.json"
        } else if t.contains("/typeddataset?") && t.contains("$skip=5") {
            return (200, page2.clone());
        } else if t.contains("/typeddataset?") {
            "cbs-85984NED-GM0855-typeddataset-1.json"
        } else if t.contains("/wfs/") && pdok_status != 200 {
            return (pdok_status, b"<ows:ExceptionReport/>".to_vec());
        } else if t.contains("wijkenbuurten:buurten") {
            "pdok-wijkenbuurten-2024-GM0855-buurten.geojson"
        } else if t.contains("wijkenbuurten:wijken") {
            "pdok-wijkenbuurten-2024-GM0855-wijken.geojson"
        } else if t.contains("wijkenbuurten:gemeenten") {
            "pdok-wijkenbuurten-2024-GM0855-gemeenten.geojson"
        } else {
            return (404, b"{}".to_vec());
        };
        (200, fixture(file))
    })
}

fn page2() -> Vec<u8> {
    fixture("cbs-85984NED-GM0855-typeddataset-2.json")
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

/// The database holds the organisation and nothing else.
fn assert_nothing_imported(dir: &Path) {
    let url = format!("sqlite:{}", dir.join("w.db").display());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = Store::connect(&url).await.unwrap();
        let org = store
            .organisation_named("Mijn corporatie")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(store.counts(&org).await.unwrap(), (0, 0));
    });
}

fn import(server_port: u16, dir: &Path, extra: &[&str]) -> std::process::Output {
    let url = format!("sqlite:{}", dir.join("w.db").display());
    if !dir.join("w.db").exists() {
        with_organisation(&url, "Mijn corporatie");
    }
    Command::cargo_bin("wikken")
        .unwrap()
        .args(["import", "cbs", "--gemeente", "GM0855", "--jaar", "2024"])
        .args([
            "--database-url",
            &format!("sqlite:{}", dir.join("w.db").display()),
        ])
        .args(extra)
        .env(
            "WIKKEN_CBS_URL",
            format!("http://127.0.0.1:{server_port}/ODataFeed/odata"),
        )
        .env("WIKKEN_PDOK_URL", format!("http://127.0.0.1:{server_port}"))
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn tilburg_2024_is_downloaded_and_stored_with_its_boundaries() {
    let server = Server::start(tilburg(page2(), 200));
    let dir = tempfile::tempdir().unwrap();
    let out = import(server.port, dir.path(), &[]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stderr}");

    // what the fixtures hold, read by the library
    let pages = [fixture("cbs-85984NED-GM0855-typeddataset-1.json"), page2()];
    let pages: Vec<String> = pages.iter().map(|p| text(p)).collect();
    let mut expected = parse_odata_kwb(&[&pages[0], &pages[1]], 2024).unwrap();
    let names = text(&fixture("cbs-85984NED-GM0855-wijkenenbuurten.json"));
    name_areas(&mut expected, &parse_region_names(&[&names]).unwrap());
    assert!(
        stdout.contains(&format!(
            "CBS 85984NED GM0855: 9 gebieden en {} waarden geïmporteerd",
            expected.observations.len()
        )),
        "{stdout}"
    );

    // the requests: names, two pages of figures (the link followed on this
    // server), three boundary layers
    let targets = server.targets();
    assert_eq!(targets.len(), 6, "{targets:#?}");
    assert!(targets[0].starts_with("/ODataFeed/odata/85984NED/WijkenEnBuurten?$format=json&"));
    assert!(targets[1].contains("startswith%28WijkenEnBuurten%2C%27BU0855%27%29"));
    assert!(targets[2].starts_with("/ODataFeed/OData/85984NED/TypedDataSet?"));
    assert!(targets[2].contains("$skip=5"));
    for (target, layer) in targets[3..].iter().zip(["buurten", "wijken", "gemeenten"]) {
        assert!(
            target.starts_with("/cbs/wijkenbuurten/2024/wfs/v1_0?"),
            "{target}"
        );
        assert!(target.contains(&format!("typeNames=wijkenbuurten:{layer}&")));
        assert!(target.contains("%3Cfes%3ALiteral%3EGM0855%3C"), "{target}");
    }

    // the boundaries are imported too: one line per layer
    for layer in ["buurten", "wijken", "gemeenten"] {
        assert!(
            stdout.contains(&format!("PDOK {layer} GM0855 2024: ")),
            "{stdout}"
        );
    }

    // what is in the database
    let url = format!("sqlite:{}", dir.path().join("w.db").display());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = Store::connect(&url).await.unwrap();
        let org = store.ensure_organisation("Mijn corporatie").await.unwrap();
        let counts = store.counts(&org).await.unwrap();
        assert_eq!(counts, (9, expected.observations.len() as i64));
        let buurt = AreaCode::parse("BU08551201").unwrap();
        let row = store.area(&org, &buurt).await.unwrap().unwrap();
        assert_eq!(
            (row.name.as_str(), row.parent_code.as_deref()),
            ("Armhoef Noord-West", Some("WK085512"))
        );
        let gemeente = AreaCode::parse("GM0855").unwrap();
        let values = store.observations(&org, &gemeente).await.unwrap();
        let corporatie = values
            .iter()
            .find(|v| v.indicator == "pct_corporatiebezit")
            .unwrap();
        assert_eq!((corporatie.year, corporatie.value), (2024, 32.0));
        let shapes = store
            .boundaries_in_gemeente(&org, &gemeente, wikken_data::AreaLevel::Buurt)
            .await
            .unwrap();
        assert_eq!(
            shapes.len(),
            2,
            "the fixture's two buurten, converted from RD"
        );
        assert!(store.boundary(&org, &gemeente).await.unwrap().is_some());
        store.close().await;
    });

    // the same answers again change nothing
    let again = import(server.port, dir.path(), &[]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(text(&again.stdout).contains("al eerder geïmporteerd"));
}

#[test]
fn offline_nothing_happens() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    }; // closed again: nobody answers there
    let dir = tempfile::tempdir().unwrap();
    let out = import(port, dir.path(), &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("CBS is niet bereikbaar: "), "{stderr}");
    assert!(stderr.ends_with("Niets geïmporteerd.\n"), "{stderr}");
    assert_nothing_imported(dir.path());
}

#[test]
fn a_bad_value_is_named_and_nothing_is_imported() {
    let bad = text(&page2()).replacen(
        "\"AantalInwoners_5\":2430",
        "\"AantalInwoners_5\":\"veel\"",
        1,
    );
    assert_ne!(
        bad,
        text(&page2()),
        "the fixture has Berkel Noord's 2430 inwoners"
    );
    let server = Server::start(tilburg(bad.into_bytes(), 200));
    let dir = tempfile::tempdir().unwrap();
    let out = import(server.port, dir.path(), &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        "CBS 85984NED GM0855: pagina 2, record 3, veld AantalInwoners_5: \"veel\" is geen getal\n\
         Niets geïmporteerd.\n"
    );
    assert_nothing_imported(dir.path());
}

#[test]
fn pdok_down_imports_nothing_unless_boundaries_are_skipped() {
    let server = Server::start(tilburg(page2(), 503));
    let dir = tempfile::tempdir().unwrap();
    let out = import(server.port, dir.path(), &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("PDOK antwoordde met HTTP-status 503 op "),
        "{stderr}"
    );
    assert!(stderr.contains("--zonder-grenzen"));
    assert_nothing_imported(dir.path());

    let out = import(server.port, dir.path(), &["--zonder-grenzen"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("9 gebieden en"));
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("grenzen-"))
        .collect();
    assert!(files.is_empty(), "{files:?}");
}
