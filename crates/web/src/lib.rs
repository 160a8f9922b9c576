//! Wikken's web app: server-rendered Dutch pages (they read without
//! JavaScript), sessions and logins kept in Wikken's own database, and
//! every query scoped to the signed-in user's organisation.

pub mod accounts;
pub mod agreements;
pub mod analysis_runner;
pub mod assets;
pub mod auth;
mod body_limit;
pub mod cache;
pub mod case_report;
mod csrf;
mod dates;
pub mod error;
mod export;
pub mod fuzzing;
pub mod gate;
mod headers;
mod layout;
mod multipart;
mod pages;
mod parsing;
pub mod partner_access;
pub mod partner_gate;
mod rejections;
pub mod seed;
pub mod seed_agreement;
pub mod session_store;
mod signals;
pub mod svg;
pub mod telemetry;
mod throttle;
pub mod werkatelier;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum_login::AuthManagerLayerBuilder;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use wikken_storage::Store;

pub use auth::{UserRole, hash_password};

/// What every handler shares.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// What the monitor pages read, while the data is unchanged.
    pub cache: std::sync::Arc<cache::Cache>,
    /// Where analyses, PDFs and workbooks are computed: bounded, shared,
    /// kept by saved revision.
    pub analyses: std::sync::Arc<analysis_runner::AnalysisRunner>,
    /// Password checks and hashes (argon2 holds 19 MiB each): a few at once.
    pub passwords: std::sync::Arc<gate::Gate>,
    /// How the server is set up.
    pub settings: Settings,
    /// The live werkateliers of this process (news, sessions, streams).
    pub werkateliers: std::sync::Arc<werkatelier::Live>,
}

/// How the server is set up.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Send cookies only over HTTPS (behind a TLS proxy); also sends HSTS.
    pub secure_cookies: bool,
    /// Take the client's address from the last `X-Forwarded-For` entry
    /// (behind a reverse proxy), for throttling failed logins.
    pub trust_proxy: bool,
    /// How long the portfolio solver may take per solve before it answers
    /// with the best selection found.
    pub solver_time_limit: std::time::Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            secure_cookies: false,
            trust_proxy: false,
            solver_time_limit: analysis_runner::DEFAULT_SOLVER_TIME_LIMIT,
        }
    }
}

/// Password checks running at once: each holds 19 MiB and most of a core
/// for ~50 ms, so two per core keeps logins flowing without starving pages.
const PASSWORD_CHECKS: usize = 4;
/// Password checks waiting their turn before a login is told to retry.
const PASSWORD_CHECKS_WAITING: usize = 64;

/// The whole app.
pub fn router(store: Store, settings: &Settings) -> Router {
    let sessions = SessionManagerLayer::new(session_store::DbSessionStore::new(store.clone()))
        .with_name("wikken_sessie")
        .with_secure(settings.secure_cookies)
        .with_same_site(SameSite::Strict)
        .with_http_only(true)
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(8)));
    let passwords = std::sync::Arc::new(gate::Gate::new(PASSWORD_CHECKS, PASSWORD_CHECKS_WAITING));
    let auth = AuthManagerLayerBuilder::new(
        auth::Backend::new(store.clone(), passwords.clone()),
        sessions,
    )
    .build();
    Router::new()
        .route("/", get(pages::home))
        .route(
            "/inloggen",
            get(pages::login::form).post(pages::login::submit),
        )
        .route(
            "/inloggen/organisatie",
            get(pages::login::choose).post(pages::login::chosen),
        )
        .route("/uitloggen", post(pages::login::logout))
        .route(
            auth::CHANGE_PASSWORD_PATH,
            get(pages::account::password_form).post(pages::account::change_password),
        )
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
        .route("/catalogus", get(pages::catalogue::index))
        .route(
            "/catalogus/nieuw",
            get(pages::catalogue::edit::new).post(pages::catalogue::edit::create),
        )
        .route("/catalogus/{key}", get(pages::catalogue::show))
        .route(
            "/catalogus/{key}/bewerken",
            get(pages::catalogue::edit::edit).post(pages::catalogue::edit::update),
        )
        .route(
            "/catalogus/{key}/verwijderen",
            get(pages::catalogue::edit::confirm_delete).post(pages::catalogue::edit::delete),
        )
        .route(
            "/import",
            body_limit::limited(
                get(pages::import::form).post(pages::import::upload),
                wikken_data::caps::MAX_IMPORT_BYTES,
            ),
        )
        .route("/import/sjabloon.xlsx", get(pages::import::template))
        .route("/import/{id}", get(pages::import::detail))
        .route(
            "/beheer/gebruikers",
            get(pages::users::index).post(pages::users::create),
        )
        .route(
            "/beheer/gebruikers/{id}/rol",
            post(pages::users::change_role),
        )
        .route(
            "/beheer/gebruikers/{id}/uitschakelen",
            post(pages::users::disable),
        )
        .route(
            "/beheer/gebruikers/{id}/inschakelen",
            post(pages::users::enable),
        )
        .route(
            "/beheer/gebruikers/{id}/wachtwoord",
            post(pages::users::reset_password),
        )
        .merge(case_routes())
        .merge(werkatelier_routes())
        .merge(agreement_routes())
        .merge(partner_routes())
        .route(assets::CSS_URL, get(assets::css))
        .route(assets::JS_URL, get(assets::js))
        .route("/static/wikken.svg", get(assets::icon))
        .route("/gezondheid", get(|| async { "ok" }))
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(
            body_limit::MAX_FORM_BYTES,
            body_limit::in_dutch,
        ))
        .layer(DefaultBodyLimit::max(body_limit::MAX_FORM_BYTES))
        .layer(axum::middleware::from_fn(keep_alive))
        .layer(axum::middleware::from_fn(rejections::dutch_rejections))
        .layer(axum::middleware::from_fn(partner_gate::gate))
        .layer(auth)
        .layer(axum::middleware::from_fn_with_state(
            headers::Https(settings.secure_cookies),
            headers::security_headers,
        ))
        .layer(telemetry::layer())
        .with_state(AppState {
            store,
            cache: Default::default(),
            analyses: std::sync::Arc::new(analysis_runner::AnalysisRunner::new(
                analysis_runner::AT_ONCE,
                analysis_runner::WAITING,
                analysis_runner::MAX_WAIT,
                wikken_highs::Highs::with_time_limit(settings.solver_time_limit),
            )),
            passwords,
            settings: settings.clone(),
            werkateliers: Default::default(),
        })
}

/// The afweging's pages: steps 1 to 8, versions, export and import.
fn case_routes() -> Router<AppState> {
    use pages::case::{
        decision, effects, list, options, report, results, settings, start, weighing,
    };
    Router::new()
        .route("/afwegingen", get(list::index))
        .route("/afwegingen/nieuw", get(list::new).post(list::create))
        .route(
            "/afwegingen/import",
            body_limit::limited(
                post(list::import),
                wikken_data::caps::MAX_CASE_FILE_BYTES + body_limit::MAX_FORM_BYTES,
            ),
        )
        .route("/api/ahp", get(weighing::ahp_check))
        .route("/afwegingen/{id}", get(start::page))
        .route("/afwegingen/{id}/vraag", post(start::save_question))
        .route("/afwegingen/{id}/deelnemers", post(start::add_participant))
        .route(
            "/afwegingen/{id}/deelnemers/{pid}/verwijderen",
            post(start::remove_participant),
        )
        .route("/afwegingen/{id}/problemen", post(start::add_problem))
        .route(
            "/afwegingen/{id}/problemen/{pid}/verwijderen",
            post(start::remove_problem),
        )
        .route(
            "/afwegingen/{id}/nulalternatief",
            get(start::baseline).post(start::save_baseline),
        )
        .route("/afwegingen/{id}/opties", get(options::page))
        .route(
            "/afwegingen/{id}/opties/catalogus",
            post(options::add_template),
        )
        .route("/afwegingen/{id}/opties/nieuw", post(options::add_blank))
        .route("/afwegingen/{id}/opties/pakket", post(options::add_package))
        .route(
            "/afwegingen/{id}/opties/{option}/aantal",
            post(options::set_quantity),
        )
        .route(
            "/afwegingen/{id}/opties/{option}/verwijderen",
            post(options::remove),
        )
        .route("/afwegingen/{id}/voorselectie", post(options::preselect))
        .route("/afwegingen/{id}/effecten", get(effects::overview))
        .route(
            "/afwegingen/{id}/effecten/{option}",
            get(effects::page).post(effects::save),
        )
        .route(
            "/afwegingen/{id}/weging",
            get(weighing::page).post(weighing::save_shared),
        )
        .route("/afwegingen/{id}/criteria", post(weighing::add_criterion))
        .route(
            "/afwegingen/{id}/criteria/{criterion}/verwijderen",
            post(weighing::remove_criterion),
        )
        .route("/afwegingen/{id}/mca", post(weighing::save_method))
        .route(
            "/afwegingen/{id}/weging/partij/{pid}",
            post(weighing::save_party),
        )
        .route(
            "/afwegingen/{id}/weging/partij/{pid}/verwijderen",
            post(weighing::remove_weighting),
        )
        .route("/afwegingen/{id}/resultaten", get(results::page))
        .route(
            "/afwegingen/{id}/instellingen",
            post(settings::save_settings),
        )
        .route(
            "/afwegingen/{id}/kostenverdeling",
            post(settings::save_cost_sharing),
        )
        .route(
            "/afwegingen/{id}/besluit",
            get(decision::page).post(decision::decide),
        )
        .route("/afwegingen/{id}/rapport", get(report::page))
        .route("/afwegingen/{id}/rapport.pdf", get(report::pdf))
        .route("/afwegingen/{id}/rapport.xlsx", get(report::xlsx))
        .route("/afwegingen/{id}/model.json", get(report::model))
        .route("/afwegingen/{id}/afweging.json", get(report::whole))
        .route(
            "/afwegingen/{id}/nieuwe-versie",
            post(decision::new_version),
        )
}

/// Prestatieafspraken: goals, uitvoeringsagenda, approval, monitor.
fn agreement_routes() -> Router<AppState> {
    use agreements::{
        agenda, approve, course, dashboard, evaluation, goals_page, jaarschijf, list, overview,
        party, steer,
    };
    Router::new()
        .route("/prestatieafspraken", get(list::index).post(list::create))
        .route("/prestatieafspraken/{id}", get(overview::page))
        .route("/prestatieafspraken/{id}/wijk/{code}", get(dashboard::wijk))
        .route(
            "/prestatieafspraken/{id}/doelen",
            get(goals_page::index).post(goals_page::add),
        )
        .route("/prestatieafspraken/{id}/doelen.json", get(course::export))
        .route(
            "/prestatieafspraken/{id}/doelen/{gid}",
            get(goals_page::edit).post(goals_page::update),
        )
        .route(
            "/prestatieafspraken/{id}/doelen/{gid}/verwijderen",
            post(goals_page::remove),
        )
        .route(
            "/prestatieafspraken/{id}/doelen/{gid}/bijsturen",
            post(steer::steer),
        )
        .route(
            "/prestatieafspraken/{id}/evaluatie/{year}",
            get(evaluation::page),
        )
        .route(
            "/prestatieafspraken/{id}/evaluatie/{year}/doelen/{gid}",
            post(evaluation::write_story),
        )
        .route(
            "/prestatieafspraken/{id}/evaluatie/{year}/afsluiten",
            post(evaluation::close),
        )
        .route(
            "/prestatieafspraken/{id}/jaarschijf/{year}",
            get(jaarschijf::page),
        )
        .route(
            "/prestatieafspraken/{id}/doelen/{gid}/cijfers",
            post(goals_page::enter_figure),
        )
        .route(
            "/prestatieafspraken/{id}/doelen/{gid}/cijfers/{year}/verwijderen",
            post(goals_page::remove_figure),
        )
        .route("/prestatieafspraken/{id}/agenda", get(agenda::index))
        .route("/prestatieafspraken/{id}/acties", post(agenda::add))
        .route(
            "/prestatieafspraken/{id}/acties/{aid}",
            get(agenda::edit).post(agenda::update),
        )
        .route(
            "/prestatieafspraken/{id}/acties/{aid}/status",
            post(agenda::report),
        )
        .route(
            "/prestatieafspraken/{id}/acties/{aid}/verwijderen",
            post(agenda::remove),
        )
        .route("/prestatieafspraken/{id}/partijen", post(party::add))
        .route(
            "/prestatieafspraken/{id}/partijen/verwijderen",
            post(party::remove),
        )
        .route("/prestatieafspraken/{id}/partij/{party}", get(party::page))
        .route(
            "/prestatieafspraken/{id}/goedkeuren",
            post(approve::approve),
        )
        .route(
            "/prestatieafspraken/{id}/nieuwe-versie",
            post(approve::new_version),
        )
}

/// The werkatelier: the facilitator's pages, the big screen, and the
/// participants' pages under `/doe-mee` (no account).
fn werkatelier_routes() -> Router<AppState> {
    use werkatelier::{area_atelier, facilitate, join, phone, report, screen};
    Router::new()
        .route(
            "/gebied/{code}/werkatelier",
            get(area_atelier::new).post(area_atelier::create),
        )
        .route(
            "/werkateliers/{wid}/afweging",
            post(area_atelier::start_case),
        )
        .route(
            "/afwegingen/{id}/werkateliers",
            get(facilitate::index).post(facilitate::create),
        )
        .route("/werkateliers/{wid}", get(facilitate::control))
        .route(
            "/werkateliers/{wid}/rondes/{round}",
            post(facilitate::steer),
        )
        .route("/werkateliers/{wid}/spelden", post(facilitate::merge))
        .route("/werkateliers/{wid}/afsluiten", post(facilitate::close))
        .route("/werkateliers/{wid}/scherm", get(screen::page))
        .route("/werkateliers/{wid}/inhoud", get(screen::fragment))
        .route("/werkateliers/{wid}/stroom", get(screen::stream))
        .route("/werkateliers/{wid}/qr.svg", get(screen::qr))
        .route("/werkateliers/{wid}/verslag", get(report::page))
        .route("/werkateliers/{wid}/verslag.xlsx", get(report::xlsx))
        .route("/werkateliers/{wid}/antwoorden.json", get(screen::answers))
        .route("/doe-mee", get(join::start).post(join::code))
        .route("/doe-mee/aanmelden", post(join::join))
        .route("/doe-mee/hervatten", post(join::resume))
        .route("/doe-mee/atelier", get(phone::page))
        .route("/doe-mee/atelier/inhoud", get(phone::fragment))
        .route("/doe-mee/stroom", get(phone::stream))
        .route("/doe-mee/ahp", get(phone::ahp))
        .route("/doe-mee/antwoord/{round}", post(phone::answer))
        .route("/doe-mee/spelden", post(phone::pin))
        .route("/doe-mee/spelden/{pin}/reactie", post(phone::react))
}

/// Partners: the corporation's partners page, accepting an invitation,
/// and the partner's own pages (home and shared afwegingen).
fn partner_routes() -> Router<AppState> {
    use pages::partners::{accept, home, manage, shared_case};
    Router::new()
        .route("/partners", get(manage::index))
        .route("/partners/uitnodigen", post(manage::invite))
        .route("/partners/delen", post(manage::share))
        .route(
            "/partners/delen/{share}/intrekken",
            post(manage::revoke_share),
        )
        .route(
            "/partners/uitnodigingen/{invitation}/intrekken",
            post(manage::revoke_invitation),
        )
        .route(
            "/partners/uitnodigingen/{invitation}/nieuwe-link",
            post(manage::renew_invitation),
        )
        .route(
            "/uitnodiging/{token}",
            get(accept::page).post(accept::accept),
        )
        .route(partner_gate::PARTNER_HOME, get(home::page))
        .route("/gedeeld/afwegingen/{id}", get(shared_case::page))
        .route(
            "/gedeeld/afwegingen/{id}/problemen",
            post(shared_case::add_problem),
        )
        .route(
            "/gedeeld/afwegingen/{id}/problemen/{pid}/verwijderen",
            post(shared_case::remove_problem),
        )
        .route(
            "/gedeeld/afwegingen/{id}/weging/partij/{pid}",
            post(shared_case::save_weighting),
        )
        .route(
            "/gedeeld/afwegingen/{id}/weging/partij/{pid}/verwijderen",
            post(shared_case::remove_weighting),
        )
        .route(
            "/gedeeld/afwegingen/{id}/opmerkingen",
            post(shared_case::add_comment),
        )
        .route(
            "/gedeeld/afwegingen/{id}/opmerkingen/{cid}/verwijderen",
            post(shared_case::remove_comment),
        )
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
                tracing::warn!(error = %error::cause_chain(&e), "verlopen sessies opruimen mislukt");
            }
            let old = auth::unix_now() - throttle::WINDOW_SECONDS;
            if let Err(e) = cleanup.delete_login_failures_before(old).await {
                tracing::warn!(error = %error::cause_chain(&e), "oude inlogpogingen opruimen mislukt");
            }
        }
    });
    axum::serve(
        listener,
        router(store, settings).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .await
}
