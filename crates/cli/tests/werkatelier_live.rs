//! The werkatelier's live streams against real `wikken serve` processes:
//! a phone whose event stream drops mid-round answers, reconnects with
//! `Last-Event-ID`, and gets what it missed once (on SQLite and
//! PostgreSQL); and two server processes on one PostgreSQL share a
//! werkatelier: a phone answers on one, the big screen on the other hears
//! it (through `LISTEN/NOTIFY`, not process memory).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::{Response, StatusCode};
use wikken_test_support::backend::{database_url, fresh_postgres};
use wikken_test_support::{Backend, Browser, csrf_in};

/// A `wikken serve` process, killed when dropped.
struct Server {
    child: Child,
    base: String,
    /// The first beheerder's login, printed when the database was new.
    login: Option<(String, String)>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(url: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wikken"))
        .args(["serve", "--address", "127.0.0.1:0", "--database-url", url])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut email = None;
        let mut password = None;
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("Eerste beheerder:") {
                email = Some(rest.trim().to_string());
            } else if let Some(rest) = line.strip_prefix("Wachtwoord:") {
                password = Some(rest.trim().to_string());
            } else if let Some(rest) = line.strip_prefix("Wikken draait op http://") {
                let address = rest.split_whitespace().next().unwrap_or("").to_string();
                let login = email.clone().zip(password.clone());
                let _ = tx.send((address, login));
            }
        }
    });
    let (address, login) = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("the server starts");
    Server {
        child,
        base: format!("http://{address}"),
        login,
    }
}

/// One server-sent event.
#[derive(Debug, Clone, PartialEq)]
struct Event {
    id: i64,
    kind: String,
}

/// Reads events from a stream until `done` says so or `wait` passes.
async fn events(
    stream: &mut Response,
    wait: Duration,
    done: impl Fn(&[Event]) -> bool,
) -> Vec<Event> {
    let until = Instant::now() + wait;
    let mut text = String::new();
    let mut out = Vec::new();
    while !done(&out) {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        match tokio::time::timeout(left, stream.chunk()).await {
            Ok(Ok(Some(bytes))) => text.push_str(&String::from_utf8_lossy(&bytes)),
            _ => break,
        }
        while let Some(end) = text.find("\n\n") {
            let block: String = text.drain(..end + 2).collect();
            let mut id = None;
            let mut kind = None;
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("id:") {
                    id = v.trim().parse().ok();
                } else if let Some(v) = line.strip_prefix("event:") {
                    kind = Some(v.trim().to_string());
                }
            }
            if let (Some(id), Some(kind)) = (id, kind) {
                out.push(Event { id, kind });
            }
        }
    }
    out
}

async fn stream(b: &Browser, path: &str, last: Option<i64>) -> Response {
    let mut r = b.client.get(format!("{}{path}", b.base));
    if let Some(id) = last {
        r = r.header("Last-Event-ID", id.to_string());
    }
    let resp = r.send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "GET {path}");
    resp
}

/// The strateeg of the demo, logged in on `server` (the login printed by
/// the first start).
async fn staff(server: &Server, login: &(String, String)) -> Browser {
    let b = Browser::new(&server.base);
    let r = b.login(&login.0, &login.1).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "login");
    b
}

/// Opens a werkatelier (100 punten; huurders and gemeente) on the demo's
/// afweging: its path and join code.
async fn open_workshop(staff: &Browser) -> (String, String) {
    let list = staff.page("/afwegingen", StatusCode::OK).await;
    let case = list
        .split("href=\"/afwegingen/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .find(|s| s.len() == 36)
        .expect("the demo afweging")
        .to_string();
    let page = format!("/afwegingen/{case}/werkateliers");
    let r = staff
        .post_form(
            &page,
            &page,
            &[
                ("titel", "Werkatelier live"),
                ("ronde", "punten"),
                ("rol", "huurders"),
                ("rol", "gemeente"),
                ("min_rol", "1"),
                ("keuzes", "3"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
    let w = r.headers()["location"].to_str().unwrap().to_string();
    let control = staff.page(&w, StatusCode::OK).await;
    let at = control.find("class=\"join-code\">").unwrap() + "class=\"join-code\">".len();
    (w, control[at..at + 6].to_string())
}

async fn join(base: &str, code: &str, name: &str) -> Browser {
    let phone = Browser::new(base);
    let page = phone
        .page(&format!("/doe-mee?code={code}"), StatusCode::OK)
        .await;
    let token = csrf_in(&page);
    let fields = [("_csrf", token.as_str()), ("code", code)];
    let r = phone
        .client
        .post(format!("{base}/doe-mee"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let fields = [
        ("_csrf", token.as_str()),
        ("code", code),
        ("naam", name),
        ("rol", "huurders"),
    ];
    let r = phone
        .client
        .post(format!("{base}/doe-mee/aanmelden"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    phone
}

async fn steer(staff: &Browser, w: &str, action: &str) {
    let r = staff
        .post_form(w, &format!("{w}/rondes/punten"), &[("actie", action)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{action}");
}

/// The phone's points form, filled: all points on the first criterion.
async fn points_form(phone: &Browser) -> Vec<(String, String)> {
    let page = phone.page("/doe-mee/atelier", StatusCode::OK).await;
    let form = wikken_test_support::html::form(&page, "/doe-mee/antwoord/punten");
    let mut first = true;
    form.fields
        .into_iter()
        .map(|(k, v)| {
            if k.starts_with("p_") {
                let v = if first { "100" } else { "0" };
                first = false;
                (k, v.to_string())
            } else {
                (k, v)
            }
        })
        .collect()
}

async fn a_dropped_stream_loses_and_doubles_nothing(url: String) {
    let server = start_server(&url);
    let login = server
        .login
        .clone()
        .expect("a new database prints the login");
    let staff = staff(&server, &login).await;
    let (w, code) = open_workshop(&staff).await;
    let phone = join(&server.base, &code, "Fatima").await;

    let mut first = stream(&phone, "/doe-mee/stroom", None).await;
    steer(&staff, &w, "starten").await;
    let seen = events(&mut first, Duration::from_secs(10), |e| !e.is_empty()).await;
    assert_eq!(
        seen.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
        ["ronde"]
    );
    let last = seen[0].id;
    drop(first); // the connection drops mid-round

    let form = points_form(&phone).await;
    for attempt in 0..2 {
        // The phone retries the same submission (same client id).
        let r = phone
            .client
            .post(format!("{}/doe-mee/antwoord/punten", server.base))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "attempt {attempt}");
    }

    let mut again = stream(&phone, "/doe-mee/stroom", Some(last)).await;
    let missed = events(&mut again, Duration::from_secs(3), |_| false).await;
    let kinds: Vec<&str> = missed.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["ontvangen"], "what it missed, once: {missed:?}");
    assert!(missed[0].id > last);

    let control = staff.page(&w, StatusCode::OK).await;
    assert!(
        control.contains("1 van 1 beantwoord"),
        "counted once: {control}"
    );
}

#[tokio::test]
async fn a_dropped_stream_loses_and_doubles_nothing_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    a_dropped_stream_loses_and_doubles_nothing(format!(
        "sqlite:{}",
        dir.path().join("w.db").display()
    ))
    .await;
}

#[tokio::test]
async fn a_dropped_stream_loses_and_doubles_nothing_postgres() {
    let Some(server) = database_url(Backend::Postgres) else {
        return;
    };
    a_dropped_stream_loses_and_doubles_nothing(fresh_postgres(&server, "werkatelier").await).await;
}

#[tokio::test]
async fn two_processes_share_a_werkatelier_through_postgres() {
    let Some(pg) = database_url(Backend::Postgres) else {
        return;
    };
    let url = fresh_postgres(&pg, "werkatelier2").await;
    let a = start_server(&url);
    let b = start_server(&url);
    let login = a.login.clone().expect("the first process made the demo");
    assert!(b.login.is_none(), "the second found it");
    let staff_a = staff(&a, &login).await;
    let staff_b = staff(&b, &login).await;
    let (w, code) = open_workshop(&staff_a).await;

    // The big screen follows on B; the phones and the facilitator use A.
    // Each answer must be heard on B within 1,5 s, three times over: the
    // hub's fallback sweep (every 5 s) alone would rarely manage that, so
    // this shows the news travels by NOTIFY.
    let mut screen = stream(&staff_b, &format!("{w}/stroom"), None).await;
    let mut phones = Vec::new();
    for name in ["Kees", "Nina", "Omar"] {
        phones.push(join(&a.base, &code, name).await);
    }
    steer(&staff_a, &w, "starten").await;
    let joined = events(&mut screen, Duration::from_secs(10), |e| {
        e.iter().any(|x| x.kind == "ronde")
    })
    .await;
    assert_eq!(
        joined.iter().filter(|e| e.kind == "deelnemer").count(),
        3,
        "{joined:?}"
    );
    for (i, phone) in phones.iter().enumerate() {
        let form = points_form(phone).await;
        let sent = Instant::now();
        let r = phone
            .client
            .post(format!("{}/doe-mee/antwoord/punten", a.base))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let heard = events(&mut screen, Duration::from_millis(1500), |e| {
            e.iter().any(|x| x.kind == "antwoord")
        })
        .await;
        assert!(
            heard.iter().any(|e| e.kind == "antwoord"),
            "answer {i} not heard on B within 1,5 s ({:?})",
            sent.elapsed()
        );
    }
    let live = staff_b
        .page(&format!("{w}/inhoud?weergave=scherm"), StatusCode::OK)
        .await;
    assert!(live.contains("3 van 3 beantwoord"), "{live}");
}
