//! The browser assets, compiled into the binary: nothing loads from the
//! internet.

use axum::http::header;
use axum::response::IntoResponse;

/// Where the stylesheet is served (the version busts caches on upgrade).
pub const CSS_URL: &str = concat!("/static/wikken-", env!("CARGO_PKG_VERSION"), ".css");
/// Where the script is served.
pub const JS_URL: &str = concat!("/static/wikken-", env!("CARGO_PKG_VERSION"), ".js");

const CSS: &str = include_str!("../assets/wikken.css");
const JS: &str = include_str!("../assets/wikken.js");
const ICON: &str = include_str!("../assets/wikken.svg");

const CACHE: &str = "public, max-age=86400";

/// The stylesheet.
pub async fn css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE),
        ],
        CSS,
    )
}

/// The script.
pub async fn js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE),
        ],
        JS,
    )
}

/// The icon.
pub async fn icon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, CACHE),
        ],
        ICON,
    )
}
