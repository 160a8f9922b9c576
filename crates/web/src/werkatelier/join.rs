//! `/doe-mee`: joining a werkatelier from a phone, without an account.
//! The code from the big screen (or its QR code), then a name and a role;
//! or a resume code to continue on another device. Wrong codes are
//! counted per address (and over all addresses) in the database, so
//! guessing codes soon waits, on every server process alike.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use wikken_core::werkatelier::live::limits;
use wikken_storage::{WorkshopError, WorkshopRow, normalise_code};

use super::identity::{
    DEVICE_COOKIE, JOIN_COOKIE, cookie, field, new_token, set_cookie, set_device_cookie,
    stale_form, token_hash,
};
use crate::throttle::{Peer, client_address};
use crate::{AppState, csrf, layout};

/// Wrong codes from one address within the window before it waits.
const WRONG_PER_ADDRESS: i64 = 20;
/// Wrong codes from all addresses together within the window.
const WRONG_IN_ALL: i64 = 1000;
const WINDOW_SECONDS: i64 = 15 * 60;
const EVERYONE: &str = "doe-mee:alle";

/// `?code=` from the QR code.
#[derive(Debug, Deserialize)]
pub struct CodeQuery {
    code: Option<String>,
}

fn join_page(status: StatusCode, token: &str, secure: bool, body: Markup) -> Response {
    let mut r = (status, layout::bare("Doe mee", body)).into_response();
    set_cookie(&mut r, JOIN_COOKIE, token, 3600, secure);
    r
}

fn code_form(token: &str, code: &str, error: Option<&str>) -> Markup {
    html! {
        h1 { "Doe mee met het werkatelier" }
        p { "Vul de code in die op het grote scherm staat. Je hebt geen account nodig." }
        form.phone-form method="post" action="/doe-mee" {
            (layout::csrf_input(token))
            @if let Some(e) = error { p.field-error #code-fout role="alert" { (e) } }
            label for="code" { "Code (6 tekens)" }
            input #code.big-input name="code" value=(code) autocomplete="off" autocapitalize="characters"
                inputmode="text" maxlength="12" required
                aria-describedby=[error.map(|_| "code-fout")] aria-invalid=[error.map(|_| "true")];
            button.button.big type="submit" { "Verder" }
        }
    }
}

fn details_form(
    token: &str,
    w: &WorkshopRow,
    name: &str,
    role: &str,
    error: Option<&str>,
) -> Markup {
    html! {
        h1 { (w.title) }
        form.phone-form method="post" action="/doe-mee/aanmelden" {
            (layout::csrf_input(token))
            input type="hidden" name="code" value=(w.join_code);
            @if let Some(e) = error { p.field-error role="alert" { (e) } }
            label for="naam" { "Je naam (zoals anderen hem mogen zien)" }
            input #naam.big-input name="naam" value=(name) maxlength=(limits::NAME_CHARS) required autocomplete="nickname";
            fieldset.big-choices {
                legend { "Namens wie doe je mee?" }
                @for r in &w.setup.roles {
                    label.choice {
                        input type="radio" name="rol" value=(r.id) required checked[r.id == role];
                        span { (r.label) }
                    }
                }
            }
            p.hint { "Wat je per rol antwoordt, zie je alleen samen met ten minste "
                (w.setup.min_role_size) " anderen van die rol terug; je naam staat nergens bij je antwoorden." }
            button.button.big type="submit" { "Meedoen" }
        }
        details.resume {
            summary { "Al meegedaan op een ander apparaat?" }
            form.phone-form method="post" action="/doe-mee/hervatten" {
                (layout::csrf_input(token))
                input type="hidden" name="code" value=(w.join_code);
                label for="hervatcode" { "Je hervatcode (8 tekens, staat bovenaan je andere scherm)" }
                input #hervatcode.big-input name="hervatcode" autocomplete="off" maxlength="12" required;
                button.button type="submit" { "Verder waar ik was" }
            }
        }
    }
}

/// GET /doe-mee: the code form; a phone that already takes part goes on.
pub async fn start(
    State(app): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<CodeQuery>,
) -> Result<Response, crate::error::AppError> {
    let wanted = q.code.as_deref().map(normalise_code);
    if let Some(token) = cookie(&headers, DEVICE_COOKIE)
        && let Some((_, w)) = app.store.participant_by_device(&token_hash(token)).await?
        && w.is_open()
        && wanted.as_ref().is_none_or(|c| *c == w.join_code)
    {
        return Ok(Redirect::to("/doe-mee/atelier").into_response());
    }
    let token = new_token();
    Ok(join_page(
        StatusCode::OK,
        &token,
        app.settings.secure_cookies,
        code_form(&token, wanted.as_deref().unwrap_or(""), None),
    ))
}

/// The form's own token, checked against its cookie.
#[allow(
    clippy::result_large_err,
    reason = "the refusal is the response itself, built once per refused form"
)]
fn checked(headers: &HeaderMap, fields: &[(String, String)]) -> Result<String, Response> {
    let sent = field(fields, "_csrf").unwrap_or("");
    match cookie(headers, JOIN_COOKIE) {
        Some(c) if !sent.is_empty() && csrf::constant_time_eq(c.as_bytes(), sent.as_bytes()) => {
            Ok(c.to_string())
        }
        _ => Err(stale_form().into_response()),
    }
}

/// Seconds to wait before another code may be tried from this address.
async fn wait(
    app: &AppState,
    address: Option<&str>,
) -> Result<Option<i64>, crate::error::AppError> {
    let now = crate::auth::unix_now();
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

fn address_subject(app: &AppState, headers: &HeaderMap, peer: Peer) -> Option<String> {
    client_address(headers, peer.0, app.settings.trust_proxy)
        .filter(|a| !a.is_loopback())
        .map(|a| format!("doe-mee:{a}"))
}

/// The open werkatelier of a typed code, counting a wrong one; or the
/// page to show instead.
async fn find(
    app: &AppState,
    headers: &HeaderMap,
    peer: Peer,
    token: &str,
    typed: &str,
) -> Result<Result<WorkshopRow, Response>, crate::error::AppError> {
    let address = address_subject(app, headers, peer);
    let secure = app.settings.secure_cookies;
    if let Some(seconds) = wait(app, address.as_deref()).await? {
        let minutes = (seconds + 59) / 60;
        let msg = format!(
            "Er zijn te veel verkeerde codes geprobeerd. Probeer het over {minutes} minuten opnieuw."
        );
        return Ok(Err(join_page(
            StatusCode::TOO_MANY_REQUESTS,
            token,
            secure,
            code_form(token, typed, Some(&msg)),
        )));
    }
    if let Some(w) = app.store.open_workshop_by_code(typed).await? {
        return Ok(Ok(w));
    }
    let mut subjects = vec![EVERYONE];
    if let Some(a) = address.as_deref() {
        subjects.push(a);
    }
    app.store.record_login_failure(&subjects).await?;
    let msg = if normalise_code(typed).len() == 6 {
        "Deze code kennen we niet, of het werkatelier is al gesloten. Kijk nog eens op het grote scherm."
    } else {
        "De code heeft 6 tekens (letters en cijfers). Kijk nog eens op het grote scherm."
    };
    Ok(Err(join_page(
        StatusCode::NOT_FOUND,
        token,
        secure,
        code_form(token, typed, Some(msg)),
    )))
}

/// POST /doe-mee: the code; then the name and role form.
pub async fn code(
    State(app): State<AppState>,
    headers: HeaderMap,
    peer: Peer,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, crate::error::AppError> {
    let token = match checked(&headers, &fields) {
        Ok(t) => t,
        Err(r) => return Ok(r),
    };
    let typed = field(&fields, "code").unwrap_or("");
    Ok(match find(&app, &headers, peer, &token, typed).await? {
        Ok(w) => join_page(
            StatusCode::OK,
            &token,
            app.settings.secure_cookies,
            details_form(&token, &w, "", "", None),
        ),
        Err(page) => page,
    })
}

/// POST /doe-mee/aanmelden: name and role; sets the device cookie.
pub async fn join(
    State(app): State<AppState>,
    headers: HeaderMap,
    peer: Peer,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, crate::error::AppError> {
    let token = match checked(&headers, &fields) {
        Ok(t) => t,
        Err(r) => return Ok(r),
    };
    let w = match find(
        &app,
        &headers,
        peer,
        &token,
        field(&fields, "code").unwrap_or(""),
    )
    .await?
    {
        Ok(w) => w,
        Err(page) => return Ok(page),
    };
    let name = field(&fields, "naam").unwrap_or("");
    let role = field(&fields, "rol").unwrap_or("");
    let secure = app.settings.secure_cookies;
    let again = |msg: &str| {
        join_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &token,
            secure,
            details_form(&token, &w, name, role, Some(msg)),
        )
    };
    if name.is_empty() {
        return Ok(again("Vul een naam in; een voornaam is genoeg."));
    }
    if name.chars().count() > limits::NAME_CHARS {
        return Ok(again(&format!(
            "Een naam van ten hoogste {} tekens.",
            limits::NAME_CHARS
        )));
    }
    if w.setup.role(role).is_none() {
        return Ok(again("Kies namens wie je meedoet."));
    }
    let device = new_token();
    match app
        .store
        .join_workshop(&w.id, name, role, &token_hash(&device))
        .await
    {
        Ok(_) => {
            let mut r = Redirect::to("/doe-mee/atelier").into_response();
            set_device_cookie(&mut r, &device, secure);
            Ok(r)
        }
        Err(WorkshopError::Refused(msg)) => Ok(again(&msg)),
        Err(WorkshopError::Closed | WorkshopError::NotFound) => {
            Ok(again("Dit werkatelier is net gesloten."))
        }
        Err(WorkshopError::Storage(e)) => Err(e.into()),
    }
}

/// POST /doe-mee/hervatten: continue on this device with a resume code.
pub async fn resume(
    State(app): State<AppState>,
    headers: HeaderMap,
    peer: Peer,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, crate::error::AppError> {
    let token = match checked(&headers, &fields) {
        Ok(t) => t,
        Err(r) => return Ok(r),
    };
    let w = match find(
        &app,
        &headers,
        peer,
        &token,
        field(&fields, "code").unwrap_or(""),
    )
    .await?
    {
        Ok(w) => w,
        Err(page) => return Ok(page),
    };
    let typed = field(&fields, "hervatcode").unwrap_or("");
    let device = new_token();
    let secure = app.settings.secure_cookies;
    match app
        .store
        .resume_participant(&w.id, typed, &token_hash(&device))
        .await
    {
        Ok(Some(_)) => {
            let mut r = Redirect::to("/doe-mee/atelier").into_response();
            set_device_cookie(&mut r, &device, secure);
            Ok(r)
        }
        Ok(None) => {
            let subjects: Vec<String> = std::iter::once(EVERYONE.to_string())
                .chain(address_subject(&app, &headers, peer))
                .collect();
            let refs: Vec<&str> = subjects.iter().map(String::as_str).collect();
            app.store.record_login_failure(&refs).await?;
            Ok(join_page(
                StatusCode::NOT_FOUND,
                &token,
                secure,
                details_form(
                    &token,
                    &w,
                    "",
                    "",
                    Some(
                        "Die hervatcode hoort niet bij dit werkatelier. Kijk bovenaan je andere scherm.",
                    ),
                ),
            ))
        }
        Err(WorkshopError::Storage(e)) => Err(e.into()),
        Err(_) => Ok(join_page(
            StatusCode::GONE,
            &token,
            secure,
            code_form(&token, "", Some("Dit werkatelier is gesloten.")),
        )),
    }
}
