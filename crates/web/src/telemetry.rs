//! What the server tells its operator: one `tracing` span per request
//! (method, route template, status, latency, organisation id; never a
//! query string, a name or an e-mail address), errors with their whole
//! cause chain, the level set by `RUST_LOG`.

use std::time::Duration;

use axum::extract::MatchedPath;
use axum::http::{Request, Response};
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::{MakeSpan, OnFailure, OnResponse, TraceLayer};
use tracing::{Span, field};

/// Logs to standard error at the level `RUST_LOG` asks (default: `info`
/// for Wikken, `warn` for the libraries). Safe to call more than once.
pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,wikken=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// The request span: its fields are filled as the request goes.
#[derive(Debug, Clone, Copy)]
pub struct RequestSpan;

impl<B> MakeSpan<B> for RequestSpan {
    fn make_span(&mut self, request: &Request<B>) -> Span {
        // The route's template (`/gebied/{code}`), not the path: paths and
        // queries can carry what users typed.
        let route = request
            .extensions()
            .get::<MatchedPath>()
            .map_or("(onbekend)", MatchedPath::as_str);
        tracing::info_span!(
            target: "wikken::http",
            "request",
            method = %request.method(),
            route = %route,
            status = field::Empty,
            latency_ms = field::Empty,
            org = field::Empty,
        )
    }
}

/// Writes the status and latency into the span and logs one line.
#[derive(Debug, Clone, Copy)]
pub struct RequestDone;

impl<B> OnResponse<B> for RequestDone {
    fn on_response(self, response: &Response<B>, latency: Duration, span: &Span) {
        let status = response.status().as_u16();
        let ms = latency.as_secs_f64() * 1000.0;
        span.record("status", status);
        span.record("latency_ms", ms);
        if response.status().is_server_error() {
            tracing::warn!(target: "wikken::http", status, latency_ms = ms, "answered");
        } else {
            tracing::debug!(target: "wikken::http", status, latency_ms = ms, "answered");
        }
    }
}

/// Failures are logged where they happen (with their cause chain), so the
/// layer itself stays quiet about them.
#[derive(Debug, Clone, Copy)]
pub struct Quiet;

impl<F> OnFailure<F> for Quiet {
    fn on_failure(&mut self, _: F, _: Duration, _: &Span) {}
}

/// The tracing layer of the router.
pub fn layer()
-> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, RequestSpan, (), RequestDone, (), (), Quiet>
{
    TraceLayer::new_for_http()
        .make_span_with(RequestSpan)
        .on_request(())
        .on_response(RequestDone)
        .on_body_chunk(())
        .on_eos(())
        .on_failure(Quiet)
}

/// Notes the signed-in user's organisation on the request's span.
pub fn record_organisation(org: &str) {
    Span::current().record("org", field::display(org));
}
