//! Errors as pages: a Dutch message and the right status, never a stack
//! trace.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use wikken_core::format::capitalised;
use wikken_storage::{CaseSaveError, StorageError};

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
    /// Too busy right now (a full queue, a locked database): 503 with
    /// `Retry-After`, and a Dutch page that says to try again.
    #[error("{message}")]
    Unavailable {
        /// What the user reads.
        message: String,
        /// Seconds after which trying again makes sense.
        retry_after: u64,
    },
    /// Something broke on our side, said in a sentence.
    #[error("{0}")]
    Internal(String),
    /// Something broke on our side, with the error that caused it (logged
    /// with its whole cause chain, never shown).
    #[error("{context}")]
    Failed {
        /// What was being done.
        context: &'static str,
        /// Why it failed.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
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

impl AppError {
    /// A failure of ours, keeping its cause for the log.
    pub fn failed(
        context: &'static str,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> AppError {
        AppError::Failed {
            context,
            source: Box::new(source),
        }
    }
}

/// What a user reads when the database is busy with another writer.
pub const DATABASE_BUSY: &str =
    "De database is even bezet; probeer het over een paar seconden opnieuw.";

impl AppError {
    /// The database was busy with another writer for longer than a writer
    /// waits: 503, try again in a few seconds.
    pub fn database_busy() -> AppError {
        AppError::Unavailable {
            message: DATABASE_BUSY.into(),
            retry_after: 5,
        }
    }
}

/// The one conversion of a storage failure: a busy database is 503 (try
/// again), anything else a failure of ours that keeps its cause (a
/// [`StorageError::Corrupt`] row included: never read as some default).
impl From<StorageError> for AppError {
    fn from(e: StorageError) -> Self {
        if let StorageError::Busy(cause) = &e {
            tracing::warn!(error = %cause, "database busy");
            return AppError::database_busy();
        }
        AppError::failed("database", e)
    }
}

/// The one conversion of a refused save: not found is 404, a frozen
/// version, a clash or a form sent twice is 409 with the reason in Dutch,
/// and a storage failure goes as [`StorageError`] does.
impl From<CaseSaveError> for AppError {
    fn from(e: CaseSaveError) -> AppError {
        match e {
            CaseSaveError::NotFound => AppError::NotFound,
            CaseSaveError::Storage(e) => e.into(),
            CaseSaveError::Frozen | CaseSaveError::Conflict | CaseSaveError::AlreadyApplied => {
                AppError::Status(StatusCode::CONFLICT, capitalised(&e.to_string()))
            }
        }
    }
}

/// An error and every cause below it, as one line: `a: b: c`. A cause whose
/// text its parent already ends with (thiserror's `#[from]` with
/// `{0}`) is not repeated.
pub fn cause_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut current = e.source();
    while let Some(cause) = current {
        let text = cause.to_string();
        if !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        current = cause.source();
    }
    out
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
            AppError::Unavailable { message, .. } => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Even geduld",
                message.clone(),
            ),
            AppError::Internal(_) | AppError::Failed { .. } => {
                tracing::error!(error = %cause_chain(&self), "internal error");
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
        let mut response = (status, body).into_response();
        if let AppError::Unavailable { retry_after, .. } = &self {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(*retry_after),
            );
        }
        response
    }
}

/// The answer for any unknown URL.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("disk vol")]
    struct Disk;

    #[derive(Debug, thiserror::Error)]
    enum Outer {
        #[error("opslaan: {0}")]
        Save(#[from] Disk),
    }

    #[test]
    fn the_chain_names_every_cause_once() {
        let e = AppError::failed("besluit opslaan", Outer::from(Disk));
        assert_eq!(cause_chain(&e), "besluit opslaan: opslaan: disk vol");
    }

    #[test]
    fn unavailable_says_when_to_retry() {
        let r = AppError::Unavailable {
            message: "Het is druk.".into(),
            retry_after: 7,
        }
        .into_response();
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(r.headers()[axum::http::header::RETRY_AFTER], "7");
    }

    #[test]
    fn a_corrupt_row_is_a_500_that_keeps_its_cause() {
        let e: AppError = StorageError::Corrupt {
            table: "users",
            column: "role",
            value: "superuser".into(),
        }
        .into();
        assert!(matches!(e, AppError::Failed { .. }), "{e:?}");
        assert!(cause_chain(&e).contains("users.role holds \"superuser\""));
        assert_eq!(
            e.into_response().status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }

    #[test]
    fn a_refused_save_is_404_409_or_a_storage_failure() {
        let status = |e: CaseSaveError| AppError::from(e).into_response().status();
        assert_eq!(status(CaseSaveError::NotFound), StatusCode::NOT_FOUND);
        for e in [
            CaseSaveError::Frozen,
            CaseSaveError::Conflict,
            CaseSaveError::AlreadyApplied,
        ] {
            assert_eq!(status(e), StatusCode::CONFLICT);
        }
        let busy = CaseSaveError::Storage(StorageError::Busy(sqlx::Error::PoolTimedOut));
        assert_eq!(status(busy), StatusCode::SERVICE_UNAVAILABLE);
        let broken: AppError =
            CaseSaveError::Storage(StorageError::Database(sqlx::Error::RowNotFound)).into();
        assert!(cause_chain(&broken).starts_with("database: database: "));
    }

    #[test]
    fn a_busy_database_is_503_with_retry_after_never_500() {
        let e: AppError = wikken_storage::StorageError::Busy(sqlx::Error::PoolTimedOut).into();
        let r = e.into_response();
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(r.headers()[axum::http::header::RETRY_AFTER], "5");
        let e: AppError = wikken_storage::StorageError::Database(sqlx::Error::RowNotFound).into();
        assert_eq!(
            e.into_response().status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
