use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use wikken_core::engine::portfolio::SolveError;

use super::*;

fn key(n: i64) -> Key {
    (wikken_storage::CaseId::from("zaak"), 1, n)
}

/// A computation that counts its runs and waits for `release`.
fn held(
    runs: &Arc<AtomicUsize>,
    release: mpsc::Receiver<()>,
) -> impl FnOnce() -> Computed + Send + 'static {
    let runs = runs.clone();
    move || {
        runs.fetch_add(1, Ordering::SeqCst);
        let _ = release.recv();
        Err(Arc::new(EvalError::Solve(SolveError::Solver(
            "klaar".into(),
        ))))
    }
}

async fn until(ready: impl Fn() -> bool) {
    while !ready() {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

fn runner(at_once: usize, waiting: usize, wait: Duration) -> Arc<AnalysisRunner> {
    Arc::new(AnalysisRunner::new(
        at_once,
        waiting,
        wait,
        Highs::default(),
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn identical_analyses_in_flight_are_computed_once() {
    let r = runner(2, 8, MAX_WAIT);
    let runs = Arc::new(AtomicUsize::new(0));
    let (release, hold) = mpsc::channel();
    let mut hold = Some(hold);
    let mut asked = Vec::new();
    for _ in 0..5 {
        let r = r.clone();
        let compute = match hold.take() {
            Some(h) => held(&runs, h),
            // The others must never run: their channel is closed.
            None => held(&runs, mpsc::channel().1),
        };
        asked.push(tokio::spawn(async move {
            r.get_or_compute(key(1), compute).await
        }));
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    until(|| runs.load(Ordering::SeqCst) == 1).await;
    release.send(()).unwrap();
    for a in asked {
        let answer = a.await.unwrap().expect("computed, not refused");
        assert!(answer.is_err(), "the shared answer");
    }
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    assert_eq!(r.in_flight(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_line_is_refused_at_once_with_a_retry() {
    let r = runner(1, 1, MAX_WAIT);
    let runs = Arc::new(AtomicUsize::new(0));
    let (release_a, hold_a) = mpsc::channel();
    let (release_b, hold_b) = mpsc::channel();
    let a = {
        let (r, c) = (r.clone(), held(&runs, hold_a));
        tokio::spawn(async move { r.get_or_compute(key(1), c).await })
    };
    until(|| runs.load(Ordering::SeqCst) == 1).await;
    let b = {
        let (r, c) = (r.clone(), held(&runs, hold_b));
        tokio::spawn(async move { r.get_or_compute(key(2), c).await })
    };
    until(|| r.gate.waiting() == 1).await;
    let started = std::time::Instant::now();
    let refused = r
        .get_or_compute(key(3), held(&runs, mpsc::channel().1))
        .await;
    assert!(started.elapsed() < Duration::from_secs(5), "no hang");
    match refused {
        Err(AppError::Unavailable { retry_after, .. }) => assert!(retry_after > 0),
        other => panic!("expected 503, got {:?}", other.map(|_| ())),
    }
    release_a.send(()).unwrap();
    release_b.send(()).unwrap();
    assert!(a.await.unwrap().is_ok());
    assert!(b.await.unwrap().is_ok());
    // The refused one left no trace: asked again, it runs.
    let (release_c, hold_c) = mpsc::channel();
    release_c.send(()).unwrap();
    assert!(r.get_or_compute(key(3), held(&runs, hold_c)).await.is_ok());
    assert_eq!(runs.load(Ordering::SeqCst), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_wait_answers_503_and_the_work_goes_on() {
    let r = runner(1, 4, Duration::from_millis(100));
    let runs = Arc::new(AtomicUsize::new(0));
    let (release, hold) = mpsc::channel();
    let waited = r.get_or_compute(key(1), held(&runs, hold)).await;
    assert!(matches!(waited, Err(AppError::Unavailable { .. })));
    release.send(()).unwrap();
    until(|| r.in_flight() == 0).await;
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finished_analysis_is_kept_by_revision() {
    let r = runner(2, 8, MAX_WAIT);
    let doc = crate::case_report::sample::doc(crate::case_report::sample::Extras {
        uncertainty: false,
        budget: true,
        decision: false,
    });
    let first = r.analysis(key(1), &doc).await.unwrap().expect("analysed");
    let again = r.analysis(key(1), &doc).await.unwrap().expect("analysed");
    assert!(Arc::ptr_eq(&first, &again), "kept, not computed again");
    let other = r.analysis(key(2), &doc).await.unwrap().expect("analysed");
    assert!(!Arc::ptr_eq(&first, &other), "another revision is its own");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_analysis_is_an_error_not_a_hang() {
    let r = runner(1, 1, MAX_WAIT);
    let answer = r
        .get_or_compute(key(1), || panic!("a bug in the engine"))
        .await;
    assert!(matches!(answer, Err(AppError::Internal(_))));
    assert_eq!(r.in_flight(), 0);
}
