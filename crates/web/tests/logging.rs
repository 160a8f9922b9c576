//! What the server logs: one span per request with its method, route
//! template, status, latency and organisation id, and no personal data (no
//! e-mail address, no query string, no typed text).

use wikken_test_support as common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::spawn_app;
use reqwest::StatusCode;

/// Everything logged, for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn requests_are_logged_without_personal_data() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("wikken=debug"))
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();

    let app = spawn_app(&common::sqlite_url()).await;
    let b = app.client_as("lezer").await;
    let buurt = wikken_data::demo::demo()
        .dataset
        .areas
        .iter()
        .find(|a| a.code.as_str().starts_with("BU"))
        .unwrap()
        .code
        .as_str()
        .to_string();
    b.page(&format!("/gebied/{buurt}?geheim=pietje"), StatusCode::OK)
        .await;
    b.page("/bestaat-niet", StatusCode::NOT_FOUND).await;

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let line = log
        .lines()
        .find(|l| l.contains("route=/gebied/{code}"))
        .unwrap_or_else(|| panic!("no line for the buurt page in:\n{log}"));
    assert!(line.contains("method=GET"), "{line}");
    assert!(line.contains("status=200"), "{line}");
    assert!(line.contains("latency_ms="), "{line}");
    assert!(line.contains(&format!("org={}", app.org.0)), "{line}");
    assert!(log.contains("status=404"), "{log}");
    assert!(
        log.contains("route=/inloggen"),
        "the login is a request too"
    );
    for private in [
        app.email("lezer").as_str(),
        "pietje",
        buurt.as_str(),
        common::PASSWORD,
    ] {
        assert!(!log.contains(private), "{private} in the log:\n{log}");
    }
}
