//! Logging in and out. The login page stores nothing on the server: its
//! form is protected by a token in a short-lived cookie of its own (double
//! submit), so a visitor who only looks at it leaves no session behind.
//! Failed attempts are throttled per account and per client address, and
//! a successful login starts a session with a new id and a new CSRF token.

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use wikken_storage::UserId;

use crate::AppState;
use crate::auth::{
    AuthError, AuthSession, CHANGE_PASSWORD_PATH, LOGGED_IN_AT, User, accounts_for, unix_now,
};
use crate::csrf::{self, Csrf};
use crate::error::AppError;
use crate::layout;
use crate::throttle::{self, Peer, Subjects};

/// The cookie holding the login form's token.
const LOGIN_COOKIE: &str = "wikken_inlog";
/// How long the login form may stay open.
const LOGIN_COOKIE_SECONDS: i64 = 3600;
/// The session key of the accounts a password opened, when it opened
/// several (with when): the user picks one.
const CANDIDATES: &str = "kandidaten";
/// How long the choice between accounts stays open.
const CANDIDATES_SECONDS: i64 = 300;

/// `?volgende=` and `?verlopen=` on the login page.
#[derive(Debug, Deserialize)]
pub struct Next {
    volgende: Option<String>,
    verlopen: Option<String>,
}

/// The login form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    volgende: String,
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

/// Only paths of this site: printable ASCII without spaces or backslashes,
/// one leading slash. Browsers drop tabs and newlines from a URL, so
/// `/\t/evil.example` would become `//evil.example`: another site.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.len() <= 2000
                && n.starts_with('/')
                && !n[1..].starts_with(['/', '\\'])
                && n.chars().all(|c| c.is_ascii_graphic() && c != '\\') =>
        {
            n.to_string()
        }
        _ => "/monitor".to_string(),
    }
}

fn login_page(token: &str, next: &str, email: &str, notice: Option<(&str, &str)>) -> Markup {
    layout::bare(
        "Inloggen",
        html! {
            h1 { "Inloggen bij Wikken" }
            p.lead { "Beslisondersteuning voor woningcorporaties, gemeenten en huurdersorganisaties." }
            @if let Some((title, text)) = notice {
                div.notice.notice-error role="alert" {
                    h2 { (title) }
                    p { (text) }
                }
            }
            form.stack method="post" action="/inloggen" {
                input type="hidden" name="_csrf" value=(token);
                input type="hidden" name="volgende" value=(next);
                div.field {
                    label for="email" { "E-mailadres" }
                    input #email type="email" name="email" autocomplete="username" required maxlength="254" value=(email)
                        aria-invalid=[notice.map(|_| "true")];
                }
                div.field {
                    label for="password" { "Wachtwoord" }
                    input #password type="password" name="password" autocomplete="current-password" required maxlength=(wikken_core::password::MAX_CHARS);
                }
                div { button type="submit" { "Inloggen" } }
            }
        },
    )
}

/// The login page with a fresh form token in its cookie.
fn login_response(
    app: &AppState,
    status: StatusCode,
    next: &str,
    email: &str,
    notice: Option<(&str, &str)>,
) -> Response {
    let token = uuid::Uuid::new_v4().simple().to_string();
    let secure = if app.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{LOGIN_COOKIE}={token}; Path=/inloggen; Max-Age={LOGIN_COOKIE_SECONDS}; HttpOnly; SameSite=Strict{secure}"
    );
    let mut response = (status, login_page(&token, next, email, notice)).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// The login form's token from its cookie.
fn login_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(LOGIN_COOKIE)?.strip_prefix('='))
}

/// GET /inloggen
pub async fn form(
    State(app): State<AppState>,
    session: AuthSession,
    Query(q): Query<Next>,
) -> Response {
    let next = safe_next(q.volgende.as_deref());
    if let Some(user) = &session.user {
        if user.is_partner() && !crate::partner_gate::partner_may_reach(path_of(&next)) {
            return Redirect::to(user.home()).into_response();
        }
        return Redirect::to(&next).into_response();
    }
    let expired = q.verlopen.is_some().then_some((
        "U bent uitgelogd",
        "Uw sessie is verlopen. Log opnieuw in om verder te gaan.",
    ));
    login_response(&app, StatusCode::OK, &next, "", expired)
}

/// POST /inloggen
pub async fn submit(
    State(app): State<AppState>,
    mut session: AuthSession,
    Peer(peer): Peer,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, AppError> {
    let cookie_ok = login_cookie(&headers)
        .is_some_and(|c| csrf::constant_time_eq(c.as_bytes(), f.csrf.as_bytes()));
    let next = safe_next(Some(&f.volgende));
    if !cookie_ok || f.csrf.is_empty() {
        return Ok(login_response(
            &app,
            StatusCode::FORBIDDEN,
            &next,
            &f.email,
            Some((
                "Het formulier is verlopen",
                "Het inlogformulier was te lang open of kwam niet van deze site. Probeer het nog eens.",
            )),
        ));
    }
    let client = throttle::client_address(&headers, peer, app.settings.trust_proxy);
    let who = Subjects::new(&f.email, client);
    if let Some(wait) = throttle::wait_seconds(&app.store, &who, unix_now()).await? {
        let minutes = (wait + 59) / 60;
        let text = format!(
            "Er is te vaak een verkeerd wachtwoord ingevuld. Probeer het over {minutes} {} opnieuw.",
            if minutes == 1 { "minuut" } else { "minuten" }
        );
        let mut r = login_response(
            &app,
            StatusCode::TOO_MANY_REQUESTS,
            &next,
            &f.email,
            Some(("Even wachten", &text)),
        );
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait as u64));
        return Ok(r);
    }
    let found = match accounts_for(&app.store, &app.passwords, &f.email, &f.password).await {
        Ok(found) => found,
        Err(AuthError::Storage(e)) => return Err(e.into()),
        Err(AuthError::Busy(_)) => return Err(busy()),
    };
    match found.len() {
        0 => {
            throttle::failed(&app.store, &who).await?;
            Ok(login_response(
                &app,
                StatusCode::UNAUTHORIZED,
                &next,
                &f.email,
                Some((
                    "Inloggen lukt niet",
                    "Het e-mailadres of het wachtwoord klopt niet, of het account is uitgeschakeld.",
                )),
            ))
        }
        1 => {
            throttle::succeeded(&app.store, &who).await?;
            log_in(&mut session, &found[0], &next).await
        }
        _ => {
            throttle::succeeded(&app.store, &who).await?;
            let ids: Vec<String> = found.iter().map(|u| u.id.to_string()).collect();
            let s = &session.session;
            s.cycle_id().await.map_err(AppError::session)?;
            s.insert(CANDIDATES, (unix_now(), ids, next))
                .await
                .map_err(AppError::session)?;
            Ok(Redirect::to("/inloggen/organisatie").into_response())
        }
    }
}

fn busy() -> AppError {
    AppError::Unavailable {
        message: "Er wordt nu op veel plaatsen tegelijk ingelogd. Probeer het over enkele seconden opnieuw.".into(),
        retry_after: 5,
    }
}

/// Starts the user's session: a new session id (axum-login), the login
/// time for the absolute lifetime, a new CSRF token, and no login cookie.
pub(crate) async fn log_in(
    session: &mut AuthSession,
    user: &User,
    next: &str,
) -> Result<Response, AppError> {
    session
        .login(user)
        .await
        .map_err(|e| AppError::failed("inloggen", e))?;
    let s = &session.session;
    s.insert(LOGGED_IN_AT, unix_now())
        .await
        .map_err(AppError::session)?;
    s.remove::<serde_json::Value>(CANDIDATES)
        .await
        .map_err(AppError::session)?;
    csrf::renew(s).await?;
    let target = if user.must_change_password {
        CHANGE_PASSWORD_PATH
    } else if user.is_partner() && !crate::partner_gate::partner_may_reach(path_of(next)) {
        // A partner lands on what was shared with it, not on the monitor.
        user.home()
    } else {
        next
    };
    let mut r = Redirect::to(target).into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_static(
            "wikken_inlog=; Path=/inloggen; Max-Age=0; HttpOnly; SameSite=Strict",
        ),
    );
    Ok(r)
}

/// The path of a local URL (without its query).
fn path_of(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// The accounts the password opened, while the choice is open.
async fn candidates(session: &AuthSession) -> Result<Option<(Vec<String>, String)>, AppError> {
    let stored: Option<(i64, Vec<String>, String)> = session
        .session
        .get(CANDIDATES)
        .await
        .map_err(AppError::session)?;
    Ok(stored
        .filter(|(at, _, _)| (0..CANDIDATES_SECONDS).contains(&(unix_now() - at)))
        .map(|(_, ids, next)| (ids, next)))
}

/// GET /inloggen/organisatie: which organisation to log in to.
pub async fn choose(
    State(app): State<AppState>,
    session: AuthSession,
    csrf: Csrf,
) -> Result<Response, AppError> {
    let Some((ids, _)) = candidates(&session).await? else {
        return Ok(Redirect::to("/inloggen").into_response());
    };
    let mut choices = Vec::new();
    for id in &ids {
        if let Some(row) = app.store.user_by_id(&UserId::from(id.as_str())).await?
            && let Some(org) = app.store.organisation(&row.organisation_id).await?
        {
            choices.push((row.id, org.name));
        }
    }
    Ok(layout::bare(
        "Organisatie kiezen",
        html! {
            h1 { "Bij welke organisatie wilt u inloggen?" }
            p { "Met dit e-mailadres en wachtwoord hebt u een account bij meer dan één organisatie." }
            form.stack method="post" action="/inloggen/organisatie" {
                input type="hidden" name="_csrf" value=(csrf.0);
                fieldset {
                    legend { "Organisatie" }
                    @for (i, (id, name)) in choices.iter().enumerate() {
                        div.choice {
                            input type="radio" name="account" id=(format!("account-{i}")) value=(id) required checked[i == 0];
                            label for=(format!("account-{i}")) { (name) }
                        }
                    }
                }
                div { button type="submit" { "Inloggen" } }
            }
        },
    )
    .into_response())
}

/// The organisation choice.
#[derive(Debug, Deserialize)]
pub struct ChoiceForm {
    #[serde(default)]
    account: String,
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

/// POST /inloggen/organisatie
pub async fn chosen(
    State(app): State<AppState>,
    mut session: AuthSession,
    csrf: Csrf,
    Form(f): Form<ChoiceForm>,
) -> Result<Response, AppError> {
    csrf.check(&f.csrf)?;
    let Some((ids, next)) = candidates(&session).await? else {
        return Ok(Redirect::to("/inloggen").into_response());
    };
    if !ids.contains(&f.account) {
        return Ok(Redirect::to("/inloggen/organisatie").into_response());
    }
    // Read again: the account may have been disabled in the meantime.
    let user = app
        .store
        .user_by_id(&UserId::from(f.account.as_str()))
        .await?
        .and_then(User::from_enabled_row);
    match user {
        Some(user) => log_in(&mut session, &user, &next).await,
        None => Ok(Redirect::to("/inloggen").into_response()),
    }
}

/// The logout form.
#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

/// POST /uitloggen
pub async fn logout(
    mut session: AuthSession,
    csrf: Csrf,
    Form(f): Form<LogoutForm>,
) -> Result<Redirect, AppError> {
    csrf.check(&f.csrf)?;
    session
        .logout()
        .await
        .map_err(|e| AppError::failed("uitloggen", e))?;
    Ok(Redirect::to("/inloggen"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(
            safe_next(Some("/gebied/BU1?jaar=2024")),
            "/gebied/BU1?jaar=2024"
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/ /evil.example",
            "/é",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/monitor", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/monitor");
    }

    #[test]
    fn the_login_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "wikken_sessie=abc; wikken_inlog=tok123; x=y"
                .parse()
                .unwrap(),
        );
        assert_eq!(login_cookie(&h), Some("tok123"));
        assert_eq!(login_cookie(&HeaderMap::new()), None);
    }
}
