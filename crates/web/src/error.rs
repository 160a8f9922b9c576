//! Errors as pages: a Dutch message and the right status, never a stack
//! trace.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;

use crate::layout;

/// What a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not there, or not this organisation's (the same answer, on purpose).
    #[error("niet gevonden")]
    NotFound,
    /// A status with a message for the user.
    #[error("{1}")]
    Status(StatusCode, String),
    /// Something broke on our side.
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    /// A session failure.
    pub fn session(e: tower_sessions::session::Error) -> AppError {
        AppError::Internal(format!("sessie: {e}"))
    }

    /// A refusal for a role that may not do this.
    pub fn forbidden() -> AppError {
        AppError::Status(
            StatusCode::FORBIDDEN,
            "U hebt geen rechten voor deze handeling. Vraag een beheerder van uw organisatie."
                .into(),
        )
    }
}

impl From<wikken_storage::StorageError> for AppError {
    fn from(e: wikken_storage::StorageError) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, title, message) = match &self {
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "Niet gevonden",
                "Deze pagina bestaat niet, of hoort niet bij uw organisatie.".to_string(),
            ),
            AppError::Status(status, msg) => (*status, "Dat lukt niet", msg.clone()),
            AppError::Internal(msg) => {
                eprintln!("internal error: {msg}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Er ging iets mis",
                    "Er ging aan onze kant iets mis. Probeer het later opnieuw; blijft het misgaan, meld het dan bij de beheerder.".to_string(),
                )
            }
        };
        let body = layout::bare(
            title,
            html! {
                h1 { (title) }
                p { (message) }
                p { a href="/" { "Naar de startpagina" } }
            },
        );
        (status, body).into_response()
    }
}

/// The answer for any unknown URL.
pub async fn not_found() -> AppError {
    AppError::NotFound
}
