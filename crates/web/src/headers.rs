//! Headers on every answer: a strict Content-Security-Policy (only our own
//! script and stylesheet; no inline script or style), no framing, no
//! sniffing, the referrer kept on this site, `no-store` on everything that
//! is not a static asset (pages and downloads hold an organisation's data),
//! and HSTS when the server runs behind HTTPS.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The policy for pages (and the SVG icon): everything from this site
/// only, nothing inline, no plugins, never inside a frame.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// HSTS for a year, once the server is reached over HTTPS only.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Whether HSTS is sent (with `--secure-cookies`, i.e. behind HTTPS).
#[derive(Debug, Clone, Copy)]
pub struct Https(pub bool);

/// The middleware.
pub async fn security_headers(
    State(Https(https)): State<Https>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    let is_pdf = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/pdf"));
    // A PDF is shown by the browser's own viewer, which a policy of
    // `default-src 'none'` would stop; it runs no script of ours anyway.
    if !is_pdf {
        set(
            headers,
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        );
    }
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::REFERRER_POLICY, "same-origin");
    // Static assets say how long they may be kept; everything else holds
    // an organisation's data (or a login form) and is never stored.
    if !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    if https {
        set(headers, header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
    response
}
