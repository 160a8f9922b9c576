//! Logging in and out.

use axum::extract::{Form, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use crate::auth::{AuthSession, Credentials};
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout;

/// `?volgende=` on the login page.
#[derive(Debug, Deserialize)]
pub struct Next {
    volgende: Option<String>,
}

/// The login form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    #[serde(default)]
    volgende: String,
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

/// Only local paths: never send a user on to another site.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/monitor".to_string(),
    }
}

fn login_page(csrf: &Csrf, next: &str, email: &str, error: Option<&str>) -> Markup {
    layout::bare(
        "Inloggen",
        html! {
            h1 { "Inloggen bij Wikken" }
            p.lead { "Beslisondersteuning voor woningcorporaties, gemeenten en huurdersorganisaties." }
            @if let Some(e) = error {
                div.notice.notice-error role="alert" {
                    h2 { "Inloggen lukt niet" }
                    p { (e) }
                }
            }
            form.stack method="post" action="/inloggen" {
                input type="hidden" name="_csrf" value=(csrf.0);
                input type="hidden" name="volgende" value=(next);
                div.field {
                    label for="email" { "E-mailadres" }
                    input #email type="email" name="email" autocomplete="username" required value=(email)
                        aria-invalid=[error.map(|_| "true")];
                }
                div.field {
                    label for="password" { "Wachtwoord" }
                    input #password type="password" name="password" autocomplete="current-password" required;
                }
                div { button type="submit" { "Inloggen" } }
            }
        },
    )
}

/// GET /inloggen
pub async fn form(session: AuthSession, csrf: Csrf, Query(q): Query<Next>) -> Response {
    if session.user.is_some() {
        return Redirect::to(&safe_next(q.volgende.as_deref())).into_response();
    }
    login_page(&csrf, &safe_next(q.volgende.as_deref()), "", None).into_response()
}

/// POST /inloggen
pub async fn submit(
    mut session: AuthSession,
    csrf: Csrf,
    Form(f): Form<LoginForm>,
) -> Result<Response, AppError> {
    csrf.check(&f.csrf)?;
    let next = safe_next(Some(&f.volgende));
    let creds = Credentials {
        email: f.email.clone(),
        password: f.password,
    };
    let user = session
        .authenticate(creds)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let Some(user) = user else {
        let page = login_page(
            &csrf,
            &next,
            &f.email,
            Some("Het e-mailadres of het wachtwoord klopt niet."),
        );
        return Ok((StatusCode::UNAUTHORIZED, page).into_response());
    };
    session
        .login(&user)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Redirect::to(&next).into_response())
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
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Redirect::to("/inloggen"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(super::safe_next(Some("/gebied/BU1")), "/gebied/BU1");
        assert_eq!(super::safe_next(Some("//evil.example")), "/monitor");
        assert_eq!(super::safe_next(Some("https://evil.example")), "/monitor");
        assert_eq!(super::safe_next(None), "/monitor");
    }
}
