//! The dashboard of prestatieafspraken under load, measured against the
//! issue's target: "The dashboard of a gemeente with 60 goals over 200
//! buurten and 10 years of figures: p95 under 100 ms with 50 clients on
//! loopback."
//!
//! The real server runs in this process on a random port. A gemeente of
//! 10 wijken with 20 buurten each (square boundaries) gets 10 years of
//! figures (2015–2024) of 6 CBS indicators for every buurt, wijk and the
//! gemeente; afspraken 2026–2029 get 60 goals on those indicators (40 on
//! buurten, 16 on wijken, 4 on the gemeente) and 20 actions. 50 clients,
//! each logged in with its own cookie jar, first load the dashboard once
//! (warming the caches), then at the same instant each GET it
//! `WIKKEN_DASHBOARD_ROUNDS` times (20) in a row. Every answer must be
//! 200 with all 60 goal cards. Printed per database: p50, p95 and max of
//! the requests, and the requests per second. Clients and server share
//! this process and its cores, so the figures are an upper bound for the
//! server alone.
//!
//! `cargo bench -p wikken-web --bench agreements_dashboard` runs it on
//! SQLite, and on PostgreSQL too when `WIKKEN_TEST_POSTGRES_URL` is set (a
//! fresh database on that server, dropped afterwards). Settings:
//! `WIKKEN_DASHBOARD_CLIENTS` (50), `WIKKEN_DASHBOARD_ROUNDS` (20),
//! `WIKKEN_LOAD_BACKENDS` (`sqlite,postgres`), `WIKKEN_DASHBOARD_COLD=1`
//! (each request the map of another goal: more views than the rendered
//! fragments kept, so every page is drawn afresh — the cost of a page
//! after a change), `WIKKEN_DASHBOARD_PATH` (another page, `{afspraken}`
//! standing for the afspraken' path) and `WIKKEN_DASHBOARD_DUMP=FILE`
//! (writes the page once).

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use tokio::sync::Barrier;
use wikken_core::agreement::{
    ActionRole, ActionValues, Actor, Agreement, AgreementCommand, AreaScope, GoalArea,
    GoalIndicator, GoalValues, IndicatorSource, Party, PartyKind, Theme,
};
use wikken_core::goals::{Direction, Point};
use wikken_data::geo::{Boundary, BoundarySet, MultiPolygon};
use wikken_data::{Area, AreaCode, Dataset, Observation};
use wikken_storage::{AgreementSave, Backend, EventUser, ImportKind, Store};
use wikken_test_support::{Browser, TestApp, add_users, serve};

/// The gemeente (a code CBS does not use).
const GEMEENTE: &str = "GM9997";
const WIJKEN: usize = 10;
const BUURTEN_PER_WIJK: usize = 20;
const YEARS: std::ops::RangeInclusive<i32> = 2015..=2024;
/// The indicators, whether higher is better, and a level to vary around.
const INDICATORS: [(&str, bool, f64); 6] = [
    ("pct_koopwoningen", true, 45.0),
    ("gem_woz_waarde", true, 280.0),
    ("misdrijven_per_1000", false, 45.0),
    ("pct_goed_ervaren_gezondheid", true, 72.0),
    ("pct_leegstand", false, 4.0),
    ("gem_huishoudensgrootte", true, 2.2),
];
const GOALS: usize = 60;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn code(text: String) -> AreaCode {
    AreaCode::parse(&text).expect("a valid code")
}

fn wijk_code(w: usize) -> String {
    format!("WK{}{:02}", &GEMEENTE[2..], w + 1)
}

fn buurt_code(w: usize, b: usize) -> String {
    format!("BU{}{:02}{:02}", &GEMEENTE[2..], w + 1, b + 1)
}

/// A deterministic wobble in −1..1.
fn noise(seed: usize) -> f64 {
    let x = (seed as u64)
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    ((x >> 33) % 2001) as f64 / 1000.0 - 1.0
}

/// The figure of area `a` for indicator `i` in `year`: a level per area,
/// a trend per area, and some noise.
fn figure(a: usize, i: usize, year: i32) -> f64 {
    let (_, _, level) = INDICATORS[i];
    let t = f64::from(year - 2015);
    let own = level * (1.0 + 0.2 * noise(a * 7 + i));
    let trend = level * 0.01 * noise(a * 13 + i * 3 + 1);
    let v = own + trend * t + level * 0.02 * noise(a * 31 + i * 5 + year as usize);
    (v * 10.0).round() / 10.0
}

fn square(x: usize, y: usize, size: f64) -> MultiPolygon {
    let (lon, lat) = (5.0 + x as f64 * size, 52.0 + y as f64 * size);
    vec![vec![vec![
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
    ]]]
}

/// The gemeente's areas, figures and boundaries; area index 0 is the
/// gemeente, 1..=10 the wijken, then the buurten.
fn gemeente() -> (Dataset, BoundarySet, Vec<String>) {
    let mut codes = vec![GEMEENTE.to_string()];
    codes.extend((0..WIJKEN).map(wijk_code));
    for w in 0..WIJKEN {
        codes.extend((0..BUURTEN_PER_WIJK).map(|b| buurt_code(w, b)));
    }
    let areas: Vec<Area> = codes
        .iter()
        .enumerate()
        .map(|(k, c)| Area {
            code: code(c.clone()),
            name: match k {
                0 => "Benchstad".to_string(),
                k if k <= WIJKEN => format!("Wijk {k}"),
                k => format!("Buurt {}", k - WIJKEN),
            },
        })
        .collect();
    let mut observations = Vec::new();
    for (a, c) in codes.iter().enumerate() {
        for (i, (indicator, ..)) in INDICATORS.iter().enumerate() {
            for year in YEARS {
                observations.push(Observation {
                    area: code(c.clone()),
                    indicator,
                    year,
                    value: figure(a, i, year),
                });
            }
        }
    }
    let data = Dataset {
        areas,
        indicators: INDICATORS
            .iter()
            .map(|(c, ..)| wikken_data::indicators::by_code(c).expect("a catalogue indicator"))
            .collect(),
        observations,
        ignored_columns: Vec::new(),
        national: Vec::new(),
    };
    // Buurten as a 20 × 10 grid of squares (a wijk is a row); wijken and the
    // gemeente as the rectangles around them.
    let size = 0.01;
    let rect = |x0: f64, y0: f64, w: f64, h: f64| -> MultiPolygon {
        vec![vec![vec![
            [x0, y0],
            [x0 + w, y0],
            [x0 + w, y0 + h],
            [x0, y0 + h],
            [x0, y0],
        ]]]
    };
    let mut boundaries = vec![Boundary {
        code: code(GEMEENTE.into()),
        name: None,
        shape: rect(
            5.0,
            52.0,
            size * BUURTEN_PER_WIJK as f64,
            size * WIJKEN as f64,
        ),
    }];
    for w in 0..WIJKEN {
        boundaries.push(Boundary {
            code: code(wijk_code(w)),
            name: None,
            shape: rect(
                5.0,
                52.0 + w as f64 * size,
                size * BUURTEN_PER_WIJK as f64,
                size,
            ),
        });
        for b in 0..BUURTEN_PER_WIJK {
            boundaries.push(Boundary {
                code: code(buurt_code(w, b)),
                name: None,
                shape: square(b, w, size),
            });
        }
    }
    let set = BoundarySet {
        boundaries,
        notes: Vec::new(),
    };
    (data, set, codes)
}

/// The 60 goals: 40 on buurten, 16 on wijken, 4 on the gemeente, each on
/// one of the indicators, from its 2016 figure to 8 % better in 2030.
fn goal_commands(codes: &[String]) -> Vec<AgreementCommand> {
    (0..GOALS)
        .map(|k| {
            let i = k % INDICATORS.len();
            let a = match k {
                k if k < 40 => 1 + WIJKEN + (k * 5) % (WIJKEN * BUURTEN_PER_WIJK),
                k if k < 56 => 1 + k % WIJKEN,
                _ => 0,
            };
            let (indicator, up, _) = INDICATORS[i];
            let start = figure(a, i, 2016);
            let target = start * if up { 1.08 } else { 0.92 };
            AgreementCommand::AddGoal(GoalValues {
                theme: Theme::ALL[k % Theme::ALL.len()],
                title: format!("Doel {} in {}", k + 1, codes[a]),
                indicator: GoalIndicator {
                    source: IndicatorSource::Monitor {
                        code: indicator.into(),
                    },
                    name: indicator.into(),
                    unit: String::new(),
                },
                area: GoalArea {
                    code: codes[a].clone(),
                    name: codes[a].clone(),
                    scope: AreaScope::Gebied,
                },
                direction: if up { Direction::Up } else { Direction::Down },
                baseline: Point {
                    year: 2016,
                    value: start,
                },
                target: Point {
                    year: 2030,
                    value: (target * 10.0).round() / 10.0,
                },
                interval_years: 1,
                motivated_by: None,
                contributions: Vec::new(),
            })
        })
        .collect()
}

/// Builds the gemeente and the afspraken; the server and their path.
async fn setup(url: &str) -> (TestApp, String) {
    let store = Store::connect(url).await.expect("database");
    let org = store.create_organisation("Benchcorporatie").await.unwrap();
    let (data, set, codes) = gemeente();
    store
        .import_dataset(&org, ImportKind::Kwb, "bench.csv", b"bench", &data)
        .await
        .unwrap();
    store
        .import_boundaries(&org, "bench.geojson", b"bench-grenzen", &set)
        .await
        .unwrap();
    let tag = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
    add_users(&store, &org, &tag).await;
    let party = |name: &str, kind| Party {
        name: name.into(),
        kind,
        signs: true,
    };
    let parties = vec![
        party("Benchcorporatie", PartyKind::Corporatie),
        party("Gemeente Benchstad", PartyKind::Gemeente),
        party("Huurders Benchstad", PartyKind::Huurdersorganisatie),
    ];
    let doc = Agreement::new(
        "Prestatieafspraken Benchstad 2026–2029",
        GEMEENTE,
        "Benchstad",
        (2026, 2029),
        parties.clone(),
    )
    .unwrap();
    let user = EventUser {
        id: "bench".into(),
        name: "Bench".into(),
    };
    let id = store.create_agreement(&org, &user, &doc).await.unwrap();
    let save = AgreementSave {
        user: &user,
        revision: None,
        form_token: None,
    };
    let actor = Actor::Corporation {
        name: "Bench".into(),
    };
    let mut commands = goal_commands(&codes);
    for k in 0..20 {
        let lead = &parties[k % 3].name;
        commands.push(AgreementCommand::AddAction(ActionValues {
            year: 2026 + (k % 4) as i32,
            title: format!("Actie {}", k + 1),
            lead: lead.clone(),
            lead_person: String::new(),
            roles: vec![ActionRole {
                party: lead.clone(),
                task: "doet het".into(),
                budget: 10_000.0 * (k + 1) as f64,
            }],
            measure: "gedaan".into(),
            goals: vec![format!("d{}", k + 1)],
        }));
    }
    for c in &commands {
        store
            .change_agreement(&org, &id, &save, &actor, c)
            .await
            .expect("a command by the rules");
    }
    let app = serve(store, org, tag).await;
    (app, format!("/prestatieafspraken/{id}"))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Nearest-rank percentile of sorted durations, in ms.
fn pct(sorted: &[Duration], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    ms(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// One client's requests; `cold`: each asks for the map of another goal
/// (`?doel=`), more views than the rendered fragments kept, so every page
/// is drawn afresh.
async fn client(
    b: Browser,
    path: String,
    rounds: usize,
    start: Arc<Barrier>,
    cold: Option<usize>,
) -> Vec<Duration> {
    start.wait().await;
    let mut out = Vec::with_capacity(rounds);
    for k in 0..rounds {
        let path = match cold {
            Some(i) => format!("{path}?doel=d{}", (i * rounds + k) % GOALS + 1),
            None => path.clone(),
        };
        let t = Instant::now();
        let r = b.get(&path).await;
        assert_eq!(r.status(), StatusCode::OK, "GET {path}");
        let body = r.text().await.unwrap();
        out.push(t.elapsed());
        if path.starts_with("/prestatieafspraken/") && !path.contains("/wijk/") {
            assert_eq!(
                body.matches("class=\"goal-card\"").count(),
                GOALS,
                "every goal on the dashboard"
            );
        }
    }
    out
}

async fn run(backend: Backend, url: &str, clients: usize, rounds: usize, cold: bool) {
    let t = Instant::now();
    let (app, path) = setup(url).await;
    let path = match std::env::var("WIKKEN_DASHBOARD_PATH") {
        Ok(p) => p.replace("{afspraken}", &path),
        Err(_) => path,
    };
    let built = t.elapsed();
    let mut browsers = Vec::new();
    let mut size = 0;
    for _ in 0..clients {
        let b = app.client_as("strateeg").await;
        // Warm: the first load fills the caches (boundaries, benchmarks).
        let page = b.page(&path, StatusCode::OK).await;
        size = page.len();
        if let Ok(to) = std::env::var("WIKKEN_DASHBOARD_DUMP") {
            std::fs::write(to, &page).unwrap();
        }
        browsers.push(b);
    }
    let start = Arc::new(Barrier::new(clients));
    let began = Instant::now();
    let tasks: Vec<_> = browsers
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let cold = cold.then_some(i);
            tokio::spawn(client(b, path.clone(), rounds, start.clone(), cold))
        })
        .collect();
    let mut times = Vec::new();
    for task in tasks {
        times.extend(task.await.unwrap());
    }
    let wall = began.elapsed();
    times.sort();
    let name = match backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    println!(
        "\n{name}: dashboard of {GOALS} goals over {} buurten, {} years of figures (set up in {:.1} s)",
        WIJKEN * BUURTEN_PER_WIJK,
        YEARS.count(),
        built.as_secs_f64()
    );
    println!(
        "  page of {} kB{}",
        size / 1024,
        if cold {
            "; every request a different goal's map, drawn afresh"
        } else {
            ""
        }
    );
    println!(
        "  {clients} clients × {rounds} GETs = {} requests in {:.2} s ({:.0} per second)",
        times.len(),
        wall.as_secs_f64(),
        times.len() as f64 / wall.as_secs_f64()
    );
    let p95 = pct(&times, 95.0);
    println!(
        "  p50 {:.1} ms · p95 {p95:.1} ms · max {:.1} ms · target p95 < 100 ms: {}",
        pct(&times, 50.0),
        ms(*times.last().unwrap()),
        if p95 < 100.0 { "met" } else { "NOT met" }
    );
}

fn main() {
    let clients = setting("WIKKEN_DASHBOARD_CLIENTS", 50);
    let rounds = setting("WIKKEN_DASHBOARD_ROUNDS", 20);
    let cold = std::env::var("WIKKEN_DASHBOARD_COLD").is_ok_and(|v| v == "1");
    let wanted = std::env::var("WIKKEN_LOAD_BACKENDS").unwrap_or_else(|_| "sqlite,postgres".into());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        if wanted.contains("sqlite") {
            let url = wikken_test_support::sqlite_url();
            run(Backend::Sqlite, &url, clients, rounds, cold).await;
        }
        if wanted.contains("postgres") {
            match std::env::var("WIKKEN_TEST_POSTGRES_URL") {
                Ok(server) => {
                    let url =
                        wikken_test_support::backend::fresh_postgres(&server, "dashboard").await;
                    run(Backend::Postgres, &url, clients, rounds, cold).await;
                    wikken_test_support::backend::drop_postgres(&server, &url).await;
                }
                Err(_) => println!(
                    "\nPostgreSQL skipped: set WIKKEN_TEST_POSTGRES_URL (scripts/postgres start)."
                ),
            }
        }
    });
}
