//! Wikken's web app: server-rendered Dutch pages (they read without
//! JavaScript), sessions and logins kept in Wikken's own database, and
//! every query scoped to the signed-in user's organisation.

pub mod assets;
pub mod auth;
pub mod cache;
pub mod case_report;
mod csrf;
mod error;
mod export;
mod layout;
mod pages;
pub mod seed;
pub mod session_store;
mod signals;
pub mod svg;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum_login::AuthManagerLayerBuilder;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use wikken_storage::Store;

pub use auth::{Role, hash_password};

/// What every handler shares.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// What the monitor pages read, while the data is unchanged.
    pub cache: std::sync::Arc<cache::Cache>,
}

/// How the server is set up.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Send cookies only over HTTPS (behind a TLS proxy).
    pub secure_cookies: bool,
}

/// Largest upload accepted (the national buurt boundaries are ~3 MB, the
/// KWB buurten file ~4 MB).
const MAX_UPLOAD: usize = 64 * 1024 * 1024;

/// The whole app.
pub fn router(store: Store, settings: &Settings) -> Router {
    let sessions = SessionManagerLayer::new(session_store::DbSessionStore::new(store.clone()))
        .with_name("wikken_sessie")
        .with_secure(settings.secure_cookies)
        .with_same_site(SameSite::Strict)
        .with_http_only(true)
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(8)));
    let auth = AuthManagerLayerBuilder::new(auth::Backend::new(store.clone()), sessions).build();
    Router::new()
        .route("/", get(pages::home))
        .route(
            "/inloggen",
            get(pages::login::form).post(pages::login::submit),
        )
        .route("/uitloggen", post(pages::login::logout))
        .route("/monitor", get(pages::monitor::index))
        .route("/monitor/{code}", get(pages::monitor::gemeente))
        .route("/monitor/{code}/export.xlsx", get(export::gemeente))
        .route("/gebied/{code}", get(pages::area::page))
        .route("/complex/{code}", get(pages::complex::page))
        .route("/signalen", get(pages::signals::index))
        .route("/signalen/export.xlsx", get(export::signals))
        .route(
            "/signalen/instellingen",
            get(pages::signals::settings).post(pages::signals::save_settings),
        )
        .route(
            "/import",
            get(pages::import::form).post(pages::import::upload),
        )
        .route("/import/sjabloon.xlsx", get(pages::import::template))
        .route("/import/{id}", get(pages::import::detail))
        .route(
            "/beheer/gebruikers",
            get(pages::users::index).post(pages::users::create),
        )
        .route(assets::CSS_URL, get(assets::css))
        .route(assets::JS_URL, get(assets::js))
        .route("/static/wikken.svg", get(assets::icon))
        .route("/gezondheid", get(|| async { "ok" }))
        .fallback(error::not_found)
        .layer(DefaultBodyLimit::max(MAX_UPLOAD))
        .layer(axum::middleware::from_fn(keep_alive))
        .layer(auth)
        .with_state(AppState {
            store,
            cache: Default::default(),
        })
}

/// How often an active session's expiry is pushed forward.
const TOUCH_EVERY_SECONDS: i64 = 600;

/// Keeps an active session alive: sessions expire after 8 hours without a
/// save, so a session in use is saved (with a new expiry) at most every ten
/// minutes, not on every request.
async fn keep_alive(
    session: tower_sessions::Session,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if session.id().is_some() {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let seen: Option<i64> = session.get("gezien").await.ok().flatten();
        if seen.is_none_or(|t| now - t >= TOUCH_EVERY_SECONDS) {
            let _ = session.insert("gezien", now).await;
        }
    }
    next.run(request).await
}

/// Serves the app on a bound listener until the process ends.
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: Store,
    settings: &Settings,
) -> std::io::Result<()> {
    let cleanup = store.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            if let Err(e) = cleanup.sessions_delete_expired().await {
                eprintln!("verlopen sessies opruimen mislukt: {e}");
            }
        }
    });
    axum::serve(listener, router(store, settings)).await
}
