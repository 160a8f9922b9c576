//! `/uitnodiging/{token}`: accepting an invitation (public). Someone new
//! gives a name and a password (the rules of every password in Wikken)
//! and gets a partner organisation, named and kinded as invited, with
//! themselves as its first user (strateeg), logged in at once. A partner
//! who is logged in accepts for their own organisation, so that one
//! partner works with several corporations. A wrong, expired, used or
//! revoked link gets a clear Dutch message; unknown tokens are counted
//! per client address (and over all addresses), so guessing soon waits.
//! The form is protected by a token in a cookie of its own (double
//! submit), as the login form is: a visitor has no session yet.

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use wikken_storage::{AcceptError, InvitationRow, ShareKind, ShareRow};

use super::kind_text;
use crate::AppState;
use crate::accounts::{check_new_password, hash_through};
use crate::auth::{AuthSession, User, unix_now};
use crate::csrf::{self, Csrf};
use crate::error::AppError;
use crate::layout;
use crate::throttle::{Peer, client_address};

/// The cookie holding the form's token.
const COOKIE: &str = "wikken_uitnodiging";
/// Unknown tokens from one address within the window before it waits.
const WRONG_PER_ADDRESS: i64 = 20;
/// Unknown tokens from all addresses together within the window.
const WRONG_IN_ALL: i64 = 1000;
const WINDOW_SECONDS: i64 = 15 * 60;
const EVERYONE: &str = "uitnodiging:alle";
/// Longest name accepted.
const MAX_NAME: usize = 200;

/// The accept form.
#[derive(Debug, Default, serde::Deserialize)]
pub struct AcceptForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    /// `nieuw` (a new account) or `bestaand` (the logged-in partner's).
    #[serde(default)]
    als: String,
    #[serde(default)]
    naam: String,
    #[serde(default)]
    wachtwoord: String,
    #[serde(default)]
    herhaling: String,
}

/// A page with a fresh form token in its cookie.
fn with_cookie(app: &AppState, status: StatusCode, token: &str, body: Markup) -> Response {
    let secure = if app.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let mut r = (status, layout::bare("Uitnodiging", body)).into_response();
    let cookie = format!(
        "{COOKIE}={token}; Path=/uitnodiging; Max-Age=3600; HttpOnly; SameSite=Strict{secure}"
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

fn message(status: StatusCode, title: &str, text: &str) -> Response {
    (
        status,
        layout::bare(
            title,
            html! { h1 { (title) } p { (text) } p { a href="/" { "Naar Wikken" } } },
        ),
    )
        .into_response()
}

fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .filter(|v| !v.is_empty())
}

/// What the invitation offers, in a sentence.
fn offer(inv: &InvitationRow) -> Markup {
    let what = match inv.subject.kind {
        ShareKind::Afweging => "de afweging",
        ShareKind::Afspraken => "de prestatieafspraken",
    };
    html! {
        p { strong { (inv.owner_name) } " nodigt " strong { (inv.organisation_name) } " (" (kind_text(inv.organisation_kind)) ") uit voor " (what) " " strong { (inv.subject.title) } ", als partij " strong { (inv.subject.party) } "." }
        p.muted { "Uitgenodigd: " (inv.email) " · de link is geldig tot " (crate::dates::when(inv.expires_at)) "." }
    }
}

fn errors_box(errors: &[(&str, String)]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.notice.notice-error role="alert" {
                h2 { "Nog niet aanvaard" }
                ul { @for (f, m) in errors { li { a href=(format!("#{f}")) { (m) } } } }
            }
        }
    }
}

/// The form for someone new: name and password.
fn new_form(
    path: &str,
    token: &str,
    inv: &InvitationRow,
    naam: &str,
    errors: &[(&str, String)],
) -> Markup {
    let err = |f: &str| {
        errors
            .iter()
            .find(|(k, _)| *k == f)
            .map(|(_, m)| m.as_str())
    };
    let max = wikken_core::password::MAX_CHARS;
    html! {
        h1 { "Uitnodiging aanvaarden" }
        (offer(inv))
        (errors_box(errors))
        p { "U krijgt een account bij " (inv.organisation_name) " met het e-mailadres " strong { (inv.email) } ". U ziet alleen wat corporaties met uw organisatie delen." }
        form.stack method="post" action=(path) {
            input type="hidden" name="_csrf" value=(token);
            input type="hidden" name="als" value="nieuw";
            input type="email" name="gebruiker" autocomplete="username" value=(inv.email) hidden readonly;
            div.field {
                label for="naam" { "Uw naam" }
                input #naam type="text" name="naam" required maxlength=(MAX_NAME) value=(naam) autocomplete="name"
                    aria-invalid=[err("naam").map(|_| "true")];
                @if let Some(m) = err("naam") { p.field-error { (m) } }
            }
            div.field {
                label for="wachtwoord" { "Wachtwoord " span.hint { "(minstens " (wikken_core::password::MIN_CHARS) " tekens; een zin van een paar losse woorden is sterk en makkelijk te onthouden)" } }
                input #wachtwoord type="password" name="wachtwoord" autocomplete="new-password" required
                    minlength=(wikken_core::password::MIN_CHARS) maxlength=(max) aria-invalid=[err("wachtwoord").map(|_| "true")];
                @if let Some(m) = err("wachtwoord") { p.field-error { (m) } }
            }
            div.field {
                label for="herhaling" { "Wachtwoord nog eens" }
                input #herhaling type="password" name="herhaling" autocomplete="new-password" required maxlength=(max)
                    aria-invalid=[err("herhaling").map(|_| "true")];
                @if let Some(m) = err("herhaling") { p.field-error { (m) } }
            }
            div { button type="submit" { "Account maken en aanvaarden" } }
        }
        p { "Werkt uw organisatie al met Wikken als partner van een andere corporatie? "
            a href=(format!("/inloggen?volgende={}", crate::auth::urlencode(path))) { "Log dan eerst in" }
            " en aanvaard de uitnodiging voor uw organisatie." }
    }
}

/// The form for a logged-in partner: accept for their organisation.
fn existing_form(path: &str, token: &str, inv: &InvitationRow, user: &User, org: &str) -> Markup {
    html! {
        h1 { "Uitnodiging aanvaarden" }
        (offer(inv))
        p { "U bent ingelogd als " strong { (user.name) } " van " strong { (org) } "." }
        form.stack method="post" action=(path) {
            input type="hidden" name="_csrf" value=(token);
            input type="hidden" name="als" value="bestaand";
            div { button type="submit" { "Aanvaarden voor " (org) } }
        }
        p.muted { "Wilt u in plaats daarvan een nieuwe organisatie maken? Log dan eerst uit en open de link opnieuw." }
    }
}

/// For a corporation's staff: only a partner can accept.
fn staff_page(inv: &InvitationRow, csrf: &str) -> Markup {
    html! {
        h1 { "Uitnodiging voor een partner" }
        (offer(inv))
        p { "U bent ingelogd bij een corporatie. Alleen een partnerorganisatie kan deze uitnodiging aanvaarden: log uit, en open de link opnieuw (of geef hem door aan wie hij bedoeld is)." }
        form method="post" action="/uitloggen" {
            (layout::csrf_input(csrf))
            button type="submit" { "Uitloggen" }
        }
    }
}

/// Seconds before another token may be tried from this address.
async fn wait(app: &AppState, address: Option<&str>) -> Result<Option<i64>, AppError> {
    let now = unix_now();
    let since = now - WINDOW_SECONDS;
    let mut wait = None;
    let subjects =
        std::iter::once((EVERYONE, WRONG_IN_ALL)).chain(address.map(|a| (a, WRONG_PER_ADDRESS)));
    for (subject, max) in subjects {
        let (count, oldest) = app.store.login_failures_since(subject, since).await?;
        if count >= max {
            let until = oldest.unwrap_or(now) + WINDOW_SECONDS;
            wait = Some(wait.unwrap_or(0).max((until - now).max(1)));
        }
    }
    Ok(wait)
}

/// The open invitation of `token`, or the page to show instead: waiting
/// after too many guesses, unknown (counted), expired, used or revoked.
async fn find(
    app: &AppState,
    headers: &HeaderMap,
    peer: Peer,
    token: &str,
) -> Result<Result<InvitationRow, Response>, AppError> {
    let address = client_address(headers, peer.0, app.settings.trust_proxy)
        .filter(|a| !a.is_loopback())
        .map(|a| format!("uitnodiging:{a}"));
    if let Some(seconds) = wait(app, address.as_deref()).await? {
        let minutes = (seconds + 59) / 60;
        let text = format!(
            "Er zijn te veel onbekende uitnodigingslinks geprobeerd. Probeer het over {minutes} {} opnieuw.",
            if minutes == 1 { "minuut" } else { "minuten" }
        );
        let mut r = message(StatusCode::TOO_MANY_REQUESTS, "Even wachten", &text);
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds as u64));
        return Ok(Err(r));
    }
    let well_formed = token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit());
    let found = if well_formed {
        app.store.invitation_by_token(token).await?
    } else {
        None
    };
    let Some(inv) = found else {
        let mut subjects = vec![EVERYONE];
        if let Some(a) = address.as_deref() {
            subjects.push(a);
        }
        app.store.record_login_failure(&subjects).await?;
        return Ok(Err(message(
            StatusCode::NOT_FOUND,
            "Uitnodiging niet gevonden",
            "Deze uitnodigingslink kennen we niet. Controleer of u de hele link hebt gekopieerd, of vraag de corporatie om een nieuwe.",
        )));
    };
    Ok(match refusal(&inv) {
        Some(why) => Err(why),
        None => Ok(inv),
    })
}

/// Why an invitation can no longer be accepted (410), if it cannot.
fn refusal(inv: &InvitationRow) -> Option<Response> {
    let (title, text) = if inv.revoked_at.is_some() {
        (
            "Uitnodiging ingetrokken",
            format!(
                "{} heeft deze uitnodiging ingetrokken. Neem contact op met de corporatie als u toch mee wilt doen.",
                inv.owner_name
            ),
        )
    } else if inv.accepted_at.is_some() {
        (
            "Uitnodiging al gebruikt",
            "Deze uitnodiging is al aanvaard. Log in om te zien wat met uw organisatie gedeeld is."
                .to_string(),
        )
    } else if unix_now() >= inv.expires_at {
        (
            "Uitnodiging verlopen",
            format!(
                "Deze uitnodiging was 14 dagen geldig en is verlopen. Vraag {} om een nieuwe link.",
                inv.owner_name
            ),
        )
    } else {
        return None;
    };
    Some(message(StatusCode::GONE, title, &text))
}

/// GET /uitnodiging/{token}
pub async fn page(
    State(app): State<AppState>,
    session: AuthSession,
    csrf: Csrf,
    headers: HeaderMap,
    peer: Peer,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let inv = match find(&app, &headers, peer, &token).await? {
        Ok(inv) => inv,
        Err(page) => return Ok(page),
    };
    let path = format!("/uitnodiging/{token}");
    let form_token = uuid::Uuid::new_v4().simple().to_string();
    let body = match &session.user {
        Some(user) if user.is_partner() => {
            let org = app
                .store
                .organisation(&user.org)
                .await?
                .map(|o| o.name)
                .unwrap_or_default();
            existing_form(&path, &form_token, &inv, user, &org)
        }
        Some(_) => {
            return Ok(layout::bare("Uitnodiging", staff_page(&inv, &csrf.0)).into_response());
        }
        None => new_form(&path, &form_token, &inv, "", &[]),
    };
    Ok(with_cookie(&app, StatusCode::OK, &form_token, body))
}

/// Where an accepted share is seen.
fn shared_url(share: &ShareRow) -> String {
    match share.subject.kind {
        ShareKind::Afweging => format!("{}/{}", crate::pages::case::SHARED_BASE, share.subject.id),
        ShareKind::Afspraken => crate::partner_gate::PARTNER_HOME.to_string(),
    }
}

/// A refusal of the store, as a page.
fn accept_refused(e: AcceptError) -> Result<Response, AppError> {
    let (status, title, text) = match e {
        AcceptError::Storage(e) => return Err(e.into()),
        AcceptError::Unknown => (
            StatusCode::NOT_FOUND,
            "Uitnodiging niet gevonden",
            "Deze uitnodigingslink kennen we niet.",
        ),
        AcceptError::Expired => (
            StatusCode::GONE,
            "Uitnodiging verlopen",
            "Deze uitnodiging was 14 dagen geldig en is verlopen. Vraag de corporatie om een nieuwe link.",
        ),
        AcceptError::Used => (
            StatusCode::GONE,
            "Uitnodiging al gebruikt",
            "Deze uitnodiging is al aanvaard.",
        ),
        AcceptError::Revoked => (
            StatusCode::GONE,
            "Uitnodiging ingetrokken",
            "De corporatie heeft deze uitnodiging ingetrokken.",
        ),
        AcceptError::NotAPartner => (
            StatusCode::CONFLICT,
            "Alleen voor partners",
            "Alleen een partnerorganisatie kan deze uitnodiging aanvaarden, niet een corporatie.",
        ),
        AcceptError::SubjectGone => (
            StatusCode::GONE,
            "Niet meer beschikbaar",
            "Wat de corporatie wilde delen, is er niet meer. Vraag de corporatie om een nieuwe uitnodiging.",
        ),
    };
    Ok(message(status, title, text))
}

/// POST /uitnodiging/{token}
pub async fn accept(
    State(app): State<AppState>,
    mut session: AuthSession,
    headers: HeaderMap,
    peer: Peer,
    Path(token): Path<String>,
    Form(f): Form<AcceptForm>,
) -> Result<Response, AppError> {
    let cookie_ok = cookie_token(&headers).is_some_and(|c| {
        !f.csrf.is_empty() && csrf::constant_time_eq(c.as_bytes(), f.csrf.as_bytes())
    });
    if !cookie_ok {
        return Err(AppError::Status(
            StatusCode::FORBIDDEN,
            "Het formulier is verlopen of komt niet van deze site. Laad de pagina opnieuw en probeer het nog eens.".into(),
        ));
    }
    let inv = match find(&app, &headers, peer, &token).await? {
        Ok(inv) => inv,
        Err(page) => return Ok(page),
    };
    let path = format!("/uitnodiging/{token}");
    if f.als == "bestaand" {
        let Some(user) = session.user.clone() else {
            return Ok(message(
                StatusCode::UNAUTHORIZED,
                "Eerst inloggen",
                "U bent niet meer ingelogd. Log in en open de uitnodigingslink opnieuw.",
            ));
        };
        let row = app
            .store
            .user_by_id(&user.id)
            .await?
            .ok_or(AppError::NotFound)?;
        return match app.store.accept_invitation_for(&token, &row).await {
            Ok(share) => Ok(Redirect::to(&shared_url(&share)).into_response()),
            Err(e) => accept_refused(e),
        };
    }
    let name = f.naam.trim();
    let mut errors: Vec<(&str, String)> = Vec::new();
    if name.is_empty() {
        errors.push(("naam", "Vul uw naam in.".into()));
    } else if name.chars().count() > MAX_NAME {
        errors.push((
            "naam",
            format!("Een naam heeft hoogstens {MAX_NAME} tekens."),
        ));
    }
    if let Err(problem) =
        check_new_password(&f.wachtwoord, &inv.email, name, &inv.organisation_name)
    {
        errors.push(("wachtwoord", problem.to_string()));
    }
    if f.herhaling != f.wachtwoord {
        errors.push(("herhaling", "De twee wachtwoorden zijn niet gelijk.".into()));
    }
    if !errors.is_empty() {
        let body = new_form(&path, &f.csrf, &inv, &f.naam, &errors);
        return Ok(with_cookie(
            &app,
            StatusCode::UNPROCESSABLE_ENTITY,
            &f.csrf,
            body,
        ));
    }
    let hash = hash_through(&app.passwords, &f.wachtwoord)
        .await
        .map_err(|_| AppError::Unavailable {
            message: "Het is nu erg druk. Probeer het over enkele seconden opnieuw.".into(),
            retry_after: 5,
        })?;
    let (row, share) = match app
        .store
        .accept_invitation_as_new(&token, name, &hash)
        .await
    {
        Ok(done) => done,
        Err(e) => return accept_refused(e),
    };
    let user = User::from_enabled_row(row).ok_or(AppError::NotFound)?;
    let mut r = crate::pages::login::log_in(&mut session, &user, &shared_url(&share)).await?;
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{COOKIE}=; Path=/uitnodiging; Max-Age=0; HttpOnly; SameSite=Strict"
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(r)
}
