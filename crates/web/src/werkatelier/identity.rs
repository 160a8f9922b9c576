//! Who a phone is: no account, only a device token in a cookie (stored
//! hashed) that names one participant of one werkatelier. Every form a
//! participant posts carries a CSRF value derived from that token, so
//! another site cannot answer on their behalf; the join form, before there
//! is a token, uses a cookie of its own that the form repeats.

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use sha2::{Digest, Sha256};
use wikken_storage::{WorkshopParticipant, WorkshopRow};

use crate::AppState;
use crate::error::AppError;

/// The cookie holding a phone's device token.
pub const DEVICE_COOKIE: &str = "wikken_deelnemer";
/// The join form's cookie (double-submitted in the form).
pub const JOIN_COOKIE: &str = "wikken_doemee";
/// How long a device token lasts: a long day of werkatelier.
const DEVICE_SECONDS: i64 = 24 * 3600;

/// A new random token (256 bits, hex).
pub fn new_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What is stored of a device token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The CSRF value of a participant's forms.
pub fn form_token(device_token: &str) -> String {
    hex(&Sha256::digest(
        format!("formulier|{device_token}").as_bytes(),
    ))
}

/// A cookie's value from the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('='))
        .filter(|v| !v.is_empty())
}

/// Adds a `Set-Cookie` for the participant pages (`/doe-mee`).
pub fn set_cookie(response: &mut Response, name: &str, value: &str, max_age: i64, secure: bool) {
    let secure = if secure { "; Secure" } else { "" };
    let text =
        format!("{name}={value}; Path=/doe-mee; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}");
    if let Ok(v) = HeaderValue::from_str(&text) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Gives a response the device cookie of a participant who just joined.
pub fn set_device_cookie(response: &mut Response, token: &str, secure: bool) {
    set_cookie(response, DEVICE_COOKIE, token, DEVICE_SECONDS, secure);
}

/// The refusal of a form that did not come from our page.
pub fn stale_form() -> AppError {
    AppError::Status(
        StatusCode::FORBIDDEN,
        "Het formulier is verlopen of komt niet van deze site. Laad de pagina opnieuw en probeer het nog eens.".into(),
    )
}

/// A phone that has joined a werkatelier.
#[derive(Debug, Clone)]
pub struct Phone {
    /// The participant.
    pub participant: WorkshopParticipant,
    /// Their werkatelier (possibly closed since).
    pub workshop: WorkshopRow,
    /// The CSRF value for their forms.
    pub csrf: String,
}

async fn phone_of(parts: &Parts, app: &AppState) -> Result<Option<Phone>, AppError> {
    let Some(token) = cookie(&parts.headers, DEVICE_COOKIE) else {
        return Ok(None);
    };
    let found = app.store.participant_by_device(&token_hash(token)).await?;
    Ok(found.map(|(participant, workshop)| Phone {
        participant,
        workshop,
        csrf: form_token(token),
    }))
}

impl FromRequestParts<AppState> for Phone {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Response> {
        match phone_of(parts, app).await {
            Ok(Some(p)) => Ok(p),
            Ok(None) => Err(Redirect::to("/doe-mee").into_response()),
            Err(e) => Err(e.into_response()),
        }
    }
}

/// A phone's form: its fields, after the CSRF value was checked (a phone
/// without a token, or a wrong value, is refused the same way).
#[derive(Debug)]
pub struct PhoneForm {
    /// Who sent it.
    pub phone: Phone,
    /// The fields, in order (repeated names kept).
    pub fields: Vec<(String, String)>,
}

impl PhoneForm {
    /// The first value of a field, trimmed.
    pub fn value(&self, name: &str) -> Option<&str> {
        field(&self.fields, name)
    }
}

/// The first value of a field, trimmed.
pub fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
}

impl axum::extract::FromRequest<AppState> for PhoneForm {
    type Rejection = Response;

    async fn from_request(req: Request, app: &AppState) -> Result<Self, Response> {
        let (parts, body) = req.into_parts();
        let phone = phone_of(&parts, app)
            .await
            .map_err(IntoResponse::into_response)?;
        let req = Request::from_parts(parts, body);
        let axum::Form(fields) = axum::Form::<Vec<(String, String)>>::from_request(req, app)
            .await
            .map_err(IntoResponse::into_response)?;
        let sent = field(&fields, "_csrf").unwrap_or("");
        match phone {
            Some(phone)
                if !sent.is_empty()
                    && crate::csrf::constant_time_eq(sent.as_bytes(), phone.csrf.as_bytes()) =>
            {
                Ok(PhoneForm { phone, fields })
            }
            _ => Err(stale_form().into_response()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), a);
        assert_ne!(form_token(&a), token_hash(&a));
        assert_eq!(token_hash(&a), token_hash(&a));
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; wikken_deelnemer=abc; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&h, DEVICE_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, JOIN_COOKIE), None);
    }
}
