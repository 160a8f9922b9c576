//! Import speed on real data (`../shared/data`, skipped with a message when
//! absent): the three KWB 2024 CSVs and the national buurten TopoJSON,
//! read, checked and written into a fresh SQLite file, as `wikken import`
//! does. Target: under 10 s for both together. Prints rows per second.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use wikken_data::geo::parse_boundaries;
use wikken_data::parse_kwb;
use wikken_storage::{ImportKind, Store};

fn shared() -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "../../../shared/data"]
        .iter()
        .collect()
}

/// A file's name and bytes.
type File = (String, Vec<u8>);

/// The files, read once: the three KWB CSVs, then the TopoJSON.
fn files() -> Option<(Vec<File>, Vec<u8>)> {
    let dir = shared();
    let mut kwb = Vec::new();
    for level in ["gemeenten", "wijken", "buurten"] {
        let path = dir.join(format!("cbs_kwb_2024/kwb2024_{level}.csv"));
        kwb.push((level.to_string(), std::fs::read(&path).ok()?));
    }
    let topo = std::fs::read(dir.join("boundaries/buurten_nl_2019_2020_wgs84.topojson")).ok()?;
    Some((kwb, topo))
}

/// How long each part took and how many rows it wrote.
struct Run {
    kwb: Duration,
    kwb_rows: usize,
    boundaries: Duration,
    boundary_rows: usize,
}

/// Parses and imports everything into a fresh SQLite file.
async fn import_all(kwb: &[File], topo: &[u8]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("bench.db").display());
    let store = Store::connect(&url).await.unwrap();
    let org = store.create_organisation("Bench").await.unwrap();

    let started = Instant::now();
    let mut kwb_rows = 0;
    for (name, bytes) in kwb {
        let data = parse_kwb(std::str::from_utf8(bytes).unwrap(), Some(2024)).unwrap();
        let summary = store
            .import_dataset(&org, ImportKind::Kwb, name, bytes, &data)
            .await
            .unwrap();
        kwb_rows += summary.areas + summary.observations;
    }
    let kwb_time = started.elapsed();

    let started = Instant::now();
    let set = parse_boundaries(topo).unwrap();
    let summary = store
        .import_boundaries(&org, "buurten.topojson", topo, &set)
        .await
        .unwrap();
    let run = Run {
        kwb: kwb_time,
        kwb_rows,
        boundaries: started.elapsed(),
        boundary_rows: summary.areas,
    };
    store.close().await;
    run
}

fn rate(rows: usize, time: Duration) -> f64 {
    rows as f64 / time.as_secs_f64().max(1e-9)
}

fn import(c: &mut Criterion) {
    let Some((kwb, topo)) = files() else {
        eprintln!(
            "skipped: the KWB 2024 CSVs or the buurten TopoJSON are not in {}",
            shared().display()
        );
        return;
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(40));
    group.bench_function(
        "kwb2024 (3 CSVs) + national buurten TopoJSON into SQLite",
        |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let run = runtime.block_on(import_all(&kwb, &topo));
                    let both = run.kwb + run.boundaries;
                    println!(
                        "kwb: {} rows in {:.2} s ({:.0} rows/s); boundaries: {} in {:.2} s \
                     ({:.0} rows/s); together {:.2} s ({:.0} rows/s)",
                        run.kwb_rows,
                        run.kwb.as_secs_f64(),
                        rate(run.kwb_rows, run.kwb),
                        run.boundary_rows,
                        run.boundaries.as_secs_f64(),
                        rate(run.boundary_rows, run.boundaries),
                        both.as_secs_f64(),
                        rate(run.kwb_rows + run.boundary_rows, both),
                    );
                    total += both;
                }
                total
            })
        },
    );
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
