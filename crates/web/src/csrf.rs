//! Protection against cross-site request forgery: every form carries a
//! token kept in the session, and a POST without the same token is refused.
//! (Session cookies are also `SameSite=Strict`.)

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use tower_sessions::Session;

use crate::error::AppError;

const KEY: &str = "csrf";

/// The session's token, for forms; made on first use.
#[derive(Debug, Clone)]
pub struct Csrf(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Csrf {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, msg)| AppError::Internal(msg.to_string()))?;
        if let Some(token) = session
            .get::<String>(KEY)
            .await
            .map_err(AppError::session)?
        {
            return Ok(Csrf(token));
        }
        // A visitor without a stored session (none, or a cookie naming
        // one that does not exist) gets no token and no session row: every
        // form that needs a token is behind a login, and the login form has
        // a token of its own.
        if session.id().is_none() {
            return Ok(Csrf(String::new()));
        }
        let token = uuid::Uuid::new_v4().simple().to_string();
        session
            .insert(KEY, &token)
            .await
            .map_err(AppError::session)?;
        Ok(Csrf(token))
    }
}

/// Gives the session a new token (after login: a token seen before the
/// login is worth nothing after it).
pub async fn renew(session: &Session) -> Result<Csrf, AppError> {
    let token = uuid::Uuid::new_v4().simple().to_string();
    session
        .insert(KEY, &token)
        .await
        .map_err(AppError::session)?;
    Ok(Csrf(token))
}

impl Csrf {
    /// Refuses a form whose token is not the session's.
    pub fn check(&self, sent: &str) -> Result<(), AppError> {
        if !self.0.is_empty() && constant_time_eq(self.0.as_bytes(), sent.as_bytes()) {
            Ok(())
        } else {
            Err(AppError::Status(
                StatusCode::FORBIDDEN,
                "Het formulier is verlopen of komt niet van deze site. Laad de pagina opnieuw en probeer het nog eens.".into(),
            ))
        }
    }
}

/// Compares two byte strings in time that depends only on their length.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn compares_whole_tokens() {
        assert!(super::constant_time_eq(b"abc", b"abc"));
        assert!(!super::constant_time_eq(b"abc", b"abd"));
        assert!(!super::constant_time_eq(b"abc", b"ab"));
    }
}
