//! Monte Carlo against numpy (issue 14): Wikken's `evaluate` of the
//! 10,000 × 200 options × 30 years model with 1,000 uncertain flows, side by
//! side with a vectorised numpy implementation of the same spec
//! (`benches/montecarlo_numpy.py`), both on the same model file in the same
//! run. Target: numpy's time at least 8× Wikken's.
//!
//!     WIKKEN_BENCH_PYTHON=/path/to/venv/bin/python \
//!         cargo bench -p wikken-core --bench montecarlo_vs_numpy
//!
//! The venv needs `benches/requirements.txt`. Without numpy the numpy
//! columns are skipped (a line says so) and the bench still passes.
//! `WIKKEN_BENCH_SEEDS` (comma-separated, default 11,12,13) and
//! `WIKKEN_BENCH_RUNS` (timed runs of each side per seed, default 7) tune it.
//! Wikken's time is the whole `wikken_core::evaluate` (MKBA, MCA, Monte
//! Carlo, tornado), single process, all cores; numpy's is the script's
//! computation after reading the JSON. Per option the two means must agree
//! within five standard errors, or the bench fails.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::Value;
use wikken_core::engine::portfolio::BruteForce;
use wikken_core::synthetic::wide_model;
use wikken_core::{Model, Report, evaluate};

const ITERATIONS: i64 = 10_000;

/// The benchmark model of issue 14 for one seed.
fn model(seed: u64) -> Model {
    let mut m = wide_model(200, 30, 5, true, seed);
    m.uncertainty.iterations = ITERATIONS;
    m.uncertainty.seed = seed;
    m
}

fn env_list(name: &str, default: &str) -> Vec<u64> {
    std::env::var(name)
        .unwrap_or_else(|_| default.to_string())
        .split(',')
        .map(|s| s.trim().parse().expect("whole numbers, comma-separated"))
        .collect()
}

/// Timings of one side in seconds, sorted.
fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

fn worst(sorted: &[f64]) -> f64 {
    *sorted.last().expect("at least one run")
}

/// Wikken: one warm-up, then `runs` timed `evaluate`s.
fn time_wikken(model: &Model, runs: usize) -> (Vec<f64>, Report) {
    let mut report = evaluate(model, &BruteForce, None).expect("a valid model");
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        report = evaluate(model, &BruteForce, None).expect("a valid model");
        times.push(t.elapsed().as_secs_f64());
    }
    (sorted(times), report)
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../benches/montecarlo_numpy.py")
}

/// The python to use, or why numpy cannot be compared.
fn python() -> Result<String, String> {
    let python = std::env::var("WIKKEN_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(&python)
        .args(["-c", "import numpy; print(numpy.__version__)"])
        .output()
        .map_err(|e| format!("{python} does not run ({e})"))?;
    if !out.status.success() {
        return Err(format!("{python} has no numpy"));
    }
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    println!("numpy {version} ({python})");
    Ok(python)
}

/// numpy: the script on the model file, `runs` timed runs after a warm-up.
fn time_numpy(python: &str, file: &Path, runs: usize) -> (Vec<f64>, Value) {
    let out = Command::new(python)
        .arg(script())
        .arg(file)
        .arg((runs + 1).to_string())
        .output()
        .expect("the numpy script runs");
    assert!(
        out.status.success(),
        "the numpy script failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("the script prints JSON");
    let times = v["runs_s"].as_array().expect("runs_s")[1..]
        .iter()
        .map(|x| x.as_f64().expect("seconds"))
        .collect();
    (sorted(times), v)
}

/// Per option, |Wikken's mean − numpy's| in standard errors of the
/// difference (both means of `ITERATIONS` draws); the largest.
fn largest_z(report: &Report, numpy: &Value) -> f64 {
    let nums = |k: &str| -> Vec<f64> {
        numpy[k]
            .as_array()
            .expect(k)
            .iter()
            .map(|x| x.as_f64().expect("a number"))
            .collect()
    };
    let (means, sds) = (nums("mean"), nums("sd"));
    report
        .options
        .iter()
        .zip(means.iter().zip(&sds))
        .map(|(o, (m, sd))| {
            let w = o.uncertainty.expect("uncertain").mean;
            let se = sd * (2.0 / ITERATIONS as f64).sqrt();
            if se > 0.0 { (w - m).abs() / se } else { 0.0 }
        })
        .fold(0.0, f64::max)
}

fn ms(s: f64) -> String {
    format!("{:.1} ms", s * 1e3)
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is understood here.
    let seeds = env_list("WIKKEN_BENCH_SEEDS", "11,12,13");
    let runs = env_list("WIKKEN_BENCH_RUNS", "7")[0].max(1) as usize;
    let python = python().map_err(|why| {
        println!("SKIPPED numpy comparison: {why}; set WIKKEN_BENCH_PYTHON to a python with benches/requirements.txt");
    });
    println!(
        "Monte Carlo, {ITERATIONS} iterations, 200 options x 30 years, 1,000 uncertain flows; \
         {runs} timed runs per side and seed, {} threads\n",
        rayon::current_num_threads()
    );
    println!(
        "| seed | Wikken median | Wikken worst | numpy median | numpy worst | ratio median | ratio worst |"
    );
    println!("|---|---|---|---|---|---|---|");
    let (mut all_w, mut all_n) = (Vec::new(), Vec::new());
    let mut z_max: f64 = 0.0;
    for &seed in &seeds {
        let m = model(seed);
        let (w, report) = time_wikken(&m, runs);
        let numpy = python.as_ref().ok().map(|py| {
            let file = std::env::temp_dir().join(format!(
                "wikken-mc-bench-{}-{seed}.json",
                std::process::id()
            ));
            std::fs::write(&file, serde_json::to_vec(&m).expect("a model serialises"))
                .expect("temp file written");
            let r = time_numpy(py, &file, runs);
            let _ = std::fs::remove_file(&file);
            r
        });
        let row = match &numpy {
            Some((n, v)) => {
                z_max = z_max.max(largest_z(&report, v));
                all_n.extend_from_slice(n);
                format!(
                    "{} | {} | {:.1}× | {:.1}×",
                    ms(median(n)),
                    ms(worst(n)),
                    median(n) / median(&w),
                    worst(n) / worst(&w)
                )
            }
            None => "– | – | – | –".into(),
        };
        println!(
            "| {seed} | {} | {} | {row} |",
            ms(median(&w)),
            ms(worst(&w))
        );
        all_w.extend_from_slice(&w);
    }
    let (w, n) = (sorted(all_w), sorted(all_n));
    if n.is_empty() {
        println!(
            "| all | {} | {} | – | – | – | – |",
            ms(median(&w)),
            ms(worst(&w))
        );
        return;
    }
    let ratio = median(&n) / median(&w);
    println!(
        "| all | {} | {} | {} | {} | {ratio:.1}× | {:.1}× |",
        ms(median(&w)),
        ms(worst(&w)),
        ms(median(&n)),
        ms(worst(&n)),
        worst(&n) / worst(&w)
    );
    println!(
        "\nratio = numpy / Wikken (median / median, worst / worst); target ≥ 8×: {}",
        if ratio >= 8.0 { "met" } else { "NOT met" }
    );
    println!("per-option means agree: largest difference {z_max:.2} standard errors (limit 5)");
    assert!(
        z_max < 5.0,
        "Wikken's and numpy's means differ by {z_max:.2} standard errors"
    );
}
