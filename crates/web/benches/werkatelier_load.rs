//! A live werkatelier under load, measured against the targets:
//! "60 participants submitting at once: p95 under 200 ms per submission,
//! every submission counted exactly once, and the big screen updated within
//! 1 s; 150 open event streams held on this 2-core machine."
//!
//! The real server runs in this process on a random port (`spawn_app`).
//! A strateeg builds an afweging with three criteria and opens a
//! werkatelier; 150 phones (each its own cookie jar) join at `/doe-mee`
//! and open their event stream, the facilitator opens the screen's stream;
//! the punten round starts; 60 phones post their 100 points at the same
//! instant (a barrier), each posting the same form (same client id) once
//! more right after, as a retry would. Then the database must hold exactly
//! 60 answers (those posted) and 60 `antwoord` events.
//!
//! Measured, printed as a table per database: the latency of each
//! submission (p50, p95, max) and of the retries; the time from the last
//! submission's response until the facilitator's stream has the last
//! `antwoord` event (and the screen's redraw fetch after it); the time
//! from starting the round until every phone's stream has the `ronde`
//! event; and the process's memory with the 151 streams open. Clients and
//! server share this process and its cores, so the figures are an upper
//! bound for the server alone.
//!
//! `cargo bench -p wikken-web --bench werkatelier_load` runs it on SQLite,
//! and on PostgreSQL too when `WIKKEN_TEST_POSTGRES_URL` is set (a fresh
//! database on that server, dropped afterwards). Settings (environment):
//! `WIKKEN_LOAD_PARTICIPANTS` (150), `WIKKEN_LOAD_SUBMITTERS` (60),
//! `WIKKEN_LOAD_BACKENDS` (`sqlite,postgres`), `WIKKEN_LOAD_FOLLOW=1` (each
//! phone also loads the page its answer redirects to, as a browser does,
//! timed with the submission).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use tokio::sync::{Barrier, Semaphore};
use wikken_core::werkatelier::live::{AnswerBody, Round};
use wikken_storage::{Backend, WorkshopId};
use wikken_test_support::{Browser, TestApp, case_steps, csrf_in, first_buurt, html, spawn_app};

/// The standard roles the phones join as, in turn.
const ROLES: [&str; 5] = [
    "corporatie",
    "gemeente",
    "huurders",
    "zorg-welzijn",
    "bewoners",
];
/// How long to wait for an event before the run counts as failed.
const PATIENCE: Duration = Duration::from_secs(20);

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One event as a stream reader saw it.
#[derive(Debug, Clone)]
struct Seen {
    at: Instant,
    kind: String,
    data: String,
}

type Log = Arc<Mutex<Vec<Seen>>>;

/// Reads a server-sent event stream to its end, noting each event with the
/// moment its bytes arrived.
async fn read_stream(mut response: reqwest::Response, log: Log) {
    let mut buf: Vec<u8> = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        let at = Instant::now();
        buf.extend_from_slice(&chunk);
        while let Some(end) = buf.windows(2).position(|w| w == b"\n\n") {
            let block: Vec<u8> = buf.drain(..end + 2).collect();
            let text = String::from_utf8_lossy(&block);
            let mut kind = None;
            let mut data = String::new();
            for line in text.lines() {
                if let Some(k) = line.strip_prefix("event:") {
                    kind = Some(k.trim().to_string());
                } else if let Some(d) = line.strip_prefix("data:") {
                    data.push_str(d.trim_start());
                }
            }
            if let Some(kind) = kind {
                log.lock().unwrap().push(Seen { at, kind, data });
            }
        }
    }
}

/// Waits until `done` holds (polling; the readers keep the times).
async fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let end = Instant::now() + PATIENCE;
    while !done() {
        assert!(Instant::now() < end, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// A field of `/proc/self/status` in MiB (`VmRSS`, `VmHWM`).
fn memory_mib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kib| kib.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Nearest-rank percentile of sorted durations, in ms.
fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    ms(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// Whole points for `k` criteria summing to 100, different per phone.
fn points(i: usize, k: usize) -> Vec<u32> {
    let first = 10 + (i as u32 * 7) % 60;
    let rest = 100 - first;
    let mut v = vec![first];
    for j in 1..k {
        let share = if j == k - 1 {
            100 - v.iter().sum::<u32>()
        } else {
            rest / (k as u32 - 1)
        };
        v.push(share);
    }
    v
}

/// A phone that has joined.
struct PhoneClient {
    name: String,
    b: Browser,
}

/// Joins at `/doe-mee` as a phone would: the code, then a name and role.
async fn join(address: &str, code: &str, i: usize) -> (PhoneClient, Duration) {
    let started = Instant::now();
    let b = Browser::new(address);
    let name = format!("Deelnemer {}", i + 1);
    let token = csrf_in(&b.page("/doe-mee", StatusCode::OK).await);
    let form = |extra: &[(&str, &str)]| {
        let mut all = vec![("_csrf", token.as_str()), ("code", code)];
        all.extend_from_slice(extra);
        all.into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>()
    };
    let r = b
        .client
        .post(format!("{address}/doe-mee"))
        .form(&form(&[]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "the code is taken");
    let r = b
        .client
        .post(format!("{address}/doe-mee/aanmelden"))
        .form(&form(&[("naam", &name), ("rol", ROLES[i % ROLES.len()])]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "joined");
    b.page("/doe-mee/atelier", StatusCode::OK).await;
    (PhoneClient { name, b }, started.elapsed())
}

/// What one submitting phone measured.
struct Submission {
    name: String,
    sent: Vec<(String, u32)>,
    answered_at: Instant,
    latency: Duration,
    retry: Duration,
}

/// Loads the phone's page, fills in the points form, waits at the barrier,
/// posts it, then posts the same form again.
async fn submit(
    phone: Arc<PhoneClient>,
    i: usize,
    barrier: Arc<Barrier>,
    follow: bool,
) -> Submission {
    let b = &phone.b;
    let page = b.page("/doe-mee/atelier", StatusCode::OK).await;
    let mut form = html::form(&page, "/doe-mee/antwoord/punten");
    let criteria: Vec<String> = form
        .fields
        .iter()
        .filter(|(n, _)| n.starts_with("p_"))
        .map(|(n, _)| n.clone())
        .collect();
    assert!(criteria.len() >= 3, "a points field per criterion");
    let mut sent = Vec::new();
    for (c, p) in criteria.iter().zip(points(i, criteria.len())) {
        form.set(c, &p.to_string());
        sent.push((c.trim_start_matches("p_").to_string(), p));
    }
    let url = format!("{}/doe-mee/antwoord/punten", b.base);
    let post = || async {
        let r = b.client.post(&url).form(&form.fields).send().await.unwrap();
        let status = r.status();
        let location = r
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .map(str::to_string);
        let body = r.text().await.unwrap();
        assert_eq!(status, StatusCode::SEE_OTHER, "answer taken: {body}");
        if follow {
            b.page(&location.expect("a redirect"), StatusCode::OK).await;
        }
    };
    barrier.wait().await;
    let t0 = Instant::now();
    post().await;
    let answered_at = Instant::now();
    post().await;
    Submission {
        name: phone.name.clone(),
        sent,
        answered_at,
        latency: answered_at - t0,
        retry: answered_at.elapsed(),
    }
}

/// The figures of one run.
struct Figures {
    backend: &'static str,
    participants: usize,
    submitters: usize,
    join_p95: f64,
    join_all: Duration,
    streams_open: Duration,
    ronde_p50: f64,
    ronde_max: f64,
    submit: Vec<Duration>,
    retry: Vec<Duration>,
    burst: Duration,
    screen_event: f64,
    screen_redraw: f64,
    screen_count: usize,
    counted: usize,
    events: usize,
    receipts_ok: bool,
    rss_before: f64,
    rss_streams: f64,
    rss_end: f64,
    hwm: f64,
}

async fn run(backend: Backend, url: &str, n: usize, m: usize, follow: bool) -> Figures {
    let rss_before = memory_mib("VmRSS:");
    let app: TestApp = spawn_app(url).await;
    let strateeg = app.client_as("strateeg").await;
    let case = case_steps::build_case(&strateeg, &first_buurt()).await;

    // The werkatelier: the punten round, every standard role.
    let list = format!("/afwegingen/{case}/werkateliers");
    let page = strateeg.page(&list, StatusCode::OK).await;
    let mut form = html::form(&page, &list);
    form.set("titel", "Werkatelier onder last");
    form.clear("ronde").tick("ronde", "punten");
    let r = strateeg
        .client
        .post(format!("{}{list}", app.address))
        .form(&form.fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "werkatelier opened");
    let control = r.headers()["location"].to_str().unwrap().to_string();
    let wid = WorkshopId(control.trim_start_matches("/werkateliers/").to_string());
    let code = app
        .store
        .workshop(&app.org, &wid)
        .await
        .unwrap()
        .expect("the werkatelier")
        .join_code;

    // 150 phones join, 16 at a time (joining is not what is measured).
    let started = Instant::now();
    let gate = Arc::new(Semaphore::new(16));
    let joins: Vec<_> = (0..n)
        .map(|i| {
            let (gate, address, code) = (gate.clone(), app.address.clone(), code.clone());
            tokio::spawn(async move {
                let _p = gate.acquire().await.unwrap();
                join(&address, &code, i).await
            })
        })
        .collect();
    let mut phones = Vec::new();
    let mut join_times = Vec::new();
    for j in joins {
        let (p, t) = j.await.unwrap();
        phones.push(Arc::new(p));
        join_times.push(t);
    }
    let join_all = started.elapsed();
    join_times.sort();

    // 151 streams: the screen's and every phone's, kept open and read.
    let started = Instant::now();
    let screen_log: Log = Arc::default();
    let r = strateeg
        .get(&format!("/werkateliers/{}/stroom", wid.0))
        .await;
    assert_eq!(r.status(), StatusCode::OK, "screen stream");
    let mut readers = vec![tokio::spawn(read_stream(r, screen_log.clone()))];
    let opens: Vec<_> = phones
        .iter()
        .map(|p| {
            let p = p.clone();
            tokio::spawn(async move { p.b.get("/doe-mee/stroom").await })
        })
        .collect();
    let mut logs: Vec<Log> = Vec::new();
    for o in opens {
        let r = o.await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "phone stream");
        let log: Log = Arc::default();
        readers.push(tokio::spawn(read_stream(r, log.clone())));
        logs.push(log);
    }
    let streams_open = started.elapsed();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss_streams = memory_mib("VmRSS:");

    // The facilitator starts the round; every phone must hear of it.
    let token = strateeg.csrf(&control).await;
    let started = Instant::now();
    let r = strateeg
        .client
        .post(format!("{}{control}/rondes/punten", app.address))
        .form(&[("_csrf", token.as_str()), ("actie", "starten")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "round started");
    let ronde_at = |log: &Log| {
        log.lock()
            .unwrap()
            .iter()
            .find(|e| e.kind == "ronde")
            .map(|e| e.at)
    };
    wait_for("the ronde event on every phone", || {
        logs.iter().all(|l| ronde_at(l).is_some())
    })
    .await;
    let mut ronde: Vec<Duration> = logs
        .iter()
        .map(|l| ronde_at(l).unwrap() - started)
        .collect();
    ronde.sort();

    // 60 phones answer at once, and retry once.
    let barrier = Arc::new(Barrier::new(m));
    let tasks: Vec<_> = phones[..m]
        .iter()
        .enumerate()
        .map(|(i, p)| tokio::spawn(submit(p.clone(), i, barrier.clone(), follow)))
        .collect();
    let mut done = Vec::new();
    for t in tasks {
        done.push(t.await.unwrap());
    }
    let first = done
        .iter()
        .map(|s| s.answered_at - s.latency)
        .min()
        .unwrap();
    let last = done.iter().map(|s| s.answered_at).max().unwrap();
    let mut submit_times: Vec<Duration> = done.iter().map(|s| s.latency).collect();
    submit_times.sort();
    let mut retry_times: Vec<Duration> = done.iter().map(|s| s.retry).collect();
    retry_times.sort();

    // The big screen: its stream has an `antwoord` event per answer; the
    // last one should count them all.
    let answered = |e: &Seen| {
        serde_json::from_str::<serde_json::Value>(&e.data)
            .ok()
            .and_then(|v| v["answered"].as_u64())
    };
    let antwoord = |log: &Log| -> Vec<Seen> {
        log.lock()
            .unwrap()
            .iter()
            .filter(|e| e.kind == "antwoord")
            .cloned()
            .collect()
    };
    wait_for("an antwoord event per answer on the screen", || {
        antwoord(&screen_log).len() >= m
    })
    .await;
    let heard = antwoord(&screen_log);
    let screen_at = heard.last().unwrap().at;
    let screen_count = heard.last().and_then(answered).unwrap_or(0) as usize;
    let screen_event = if screen_at > last {
        ms(screen_at - last)
    } else {
        -ms(last - screen_at)
    };
    let t = Instant::now();
    strateeg
        .page(&format!("/werkateliers/{}/inhoud", wid.0), StatusCode::OK)
        .await;
    let screen_redraw = ms(t.elapsed());
    tokio::time::sleep(Duration::from_millis(200)).await;
    let screen_antwoord = antwoord(&screen_log).len();

    // Counted exactly once: in the database, in the log, on the phones.
    let answers = app.store.workshop_answers(&wid).await.unwrap();
    let punten: Vec<_> = answers
        .iter()
        .filter(|a| a.round == Round::Punten)
        .collect();
    let people = app.store.workshop_participants(&wid).await.unwrap();
    let by_name: HashMap<&str, _> = people.iter().map(|p| (p.name.as_str(), &p.id)).collect();
    let distinct: HashSet<_> = punten.iter().map(|a| &a.participant_id).collect();
    assert_eq!(punten.len(), m, "every answer counted once");
    assert_eq!(distinct.len(), m, "one answer per phone");
    for s in &done {
        let id = by_name[s.name.as_str()];
        let stored = punten.iter().find(|a| a.participant_id == *id).unwrap();
        let AnswerBody::Punten { points } = &stored.body else {
            panic!("a points answer")
        };
        let stored: Vec<(String, u32)> = points.iter().map(|(k, v)| (k.clone(), *v)).collect();
        assert_eq!(stored, s.sent, "the answer as sent");
    }
    let mut events = Vec::new();
    loop {
        let after = events
            .last()
            .map_or(0, |e: &wikken_storage::EventRow| e.seq);
        let more = app.store.workshop_events_after(&wid, after).await.unwrap();
        if more.is_empty() {
            break;
        }
        events.extend(more);
    }
    let antwoord_events = events.iter().filter(|e| e.kind == "antwoord").count();
    assert_eq!(antwoord_events, m, "one antwoord event per answer");
    assert_eq!(screen_antwoord, m, "the screen heard each answer once");
    wait_for("each phone's receipt", || {
        logs[..m].iter().all(|l| {
            l.lock()
                .unwrap()
                .iter()
                .filter(|e| e.kind == "ontvangen")
                .count()
                >= 1
        })
    })
    .await;
    let receipts_ok = logs.iter().enumerate().all(|(i, l)| {
        let n = l
            .lock()
            .unwrap()
            .iter()
            .filter(|e| e.kind == "ontvangen")
            .count();
        n == usize::from(i < m)
    });
    let rss_end = memory_mib("VmRSS:");
    for r in readers {
        r.abort();
    }
    Figures {
        backend: match backend {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        },
        participants: n,
        submitters: m,
        join_p95: pct(&join_times, 95.0),
        join_all,
        streams_open,
        ronde_p50: pct(&ronde, 50.0),
        ronde_max: pct(&ronde, 100.0),
        submit: submit_times,
        retry: retry_times,
        burst: last - first,
        screen_event,
        screen_redraw,
        screen_count,
        counted: punten.len(),
        events: antwoord_events,
        receipts_ok,
        rss_before,
        rss_streams,
        rss_end,
        hwm: memory_mib("VmHWM:"),
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "MISSED" }
}

fn print(f: &Figures, follow: bool) {
    let p50 = pct(&f.submit, 50.0);
    let p95 = pct(&f.submit, 95.0);
    let max = pct(&f.submit, 100.0);
    let what = if follow {
        "submission + redirected page"
    } else {
        "submission (POST → 303)"
    };
    println!();
    println!(
        "werkatelier load, {}: {} phones, {} answering at once",
        f.backend, f.participants, f.submitters
    );
    println!("| measure | target | measured | |");
    println!("|---|---|---|---|");
    println!(
        "| {what}, p50 / p95 / max | p95 < 200 ms | {p50:.1} / {p95:.1} / {max:.1} ms | {} |",
        verdict(p95 < 200.0)
    );
    println!(
        "| retry with the same client id, p50 / p95 / max | | {:.1} / {:.1} / {:.1} ms | |",
        pct(&f.retry, 50.0),
        pct(&f.retry, 95.0),
        pct(&f.retry, 100.0)
    );
    println!(
        "| all {} answers, first sent to last answered | | {:.1} ms | |",
        f.submitters,
        ms(f.burst)
    );
    println!(
        "| answers counted (database; antwoord events) | exactly {} | {}; {} | {} |",
        f.submitters,
        f.counted,
        f.events,
        verdict(f.counted == f.submitters && f.events == f.submitters)
    );
    println!(
        "| receipts (ontvangen) on the phones' streams | one per answering phone | {} | {} |",
        if f.receipts_ok {
            "one each"
        } else {
            "wrong count"
        },
        verdict(f.receipts_ok)
    );
    println!(
        "| last answer's response → screen stream has the last antwoord | < 1 s | {:.1} ms | {} |",
        f.screen_event,
        verdict(f.screen_event < 1000.0)
    );
    println!(
        "| the last antwoord event's count (answered) | {} | {} | {} |",
        f.submitters,
        f.screen_count,
        verdict(f.screen_count == f.submitters)
    );
    println!(
        "| then the screen's redraw (GET …/inhoud) | | {:.1} ms | |",
        f.screen_redraw
    );
    println!(
        "| round started → ronde event on all {} phone streams, p50 / max | | {:.1} / {:.1} ms | |",
        f.participants, f.ronde_p50, f.ronde_max
    );
    println!(
        "| {} streams open (1 screen + {} phones) | held | opened in {:.0} ms | ok |",
        f.participants + 1,
        f.participants,
        ms(f.streams_open)
    );
    println!(
        "| process RSS: before / with streams open / at the end (peak) | | {:.0} / {:.0} / {:.0} MiB ({:.0}) | |",
        f.rss_before, f.rss_streams, f.rss_end, f.hwm
    );
    println!(
        "| joining {} phones, 16 at a time: total; p95 per phone | | {:.1} s; {:.0} ms | |",
        f.participants,
        f.join_all.as_secs_f64(),
        f.join_p95
    );
}

fn main() {
    let n = setting("WIKKEN_LOAD_PARTICIPANTS", 150);
    let m = setting("WIKKEN_LOAD_SUBMITTERS", 60).min(n);
    let follow = std::env::var("WIKKEN_LOAD_FOLLOW").is_ok_and(|v| v == "1");
    let wanted = std::env::var("WIKKEN_LOAD_BACKENDS").unwrap_or_else(|_| "sqlite,postgres".into());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        if wanted.contains("sqlite") {
            let url = wikken_test_support::sqlite_url();
            let f = run(Backend::Sqlite, &url, n, m, follow).await;
            print(&f, follow);
        }
        if wanted.contains("postgres") {
            match std::env::var("WIKKEN_TEST_POSTGRES_URL") {
                Ok(server) => {
                    let url = wikken_test_support::backend::fresh_postgres(&server, "load").await;
                    let f = run(Backend::Postgres, &url, n, m, follow).await;
                    print(&f, follow);
                    wikken_test_support::backend::drop_postgres(&server, &url).await;
                }
                Err(_) => println!(
                    "\nPostgreSQL skipped: set WIKKEN_TEST_POSTGRES_URL (scripts/postgres start)."
                ),
            }
        }
    });
}
