//! How large a request body may be: [`MAX_FORM_BYTES`] for every route,
//! more only where a file is uploaded (the data import and the import of an
//! afweging). A body over its route's limit is answered with a Dutch page
//! (413) that says the limit, instead of axum's English text.

use std::convert::Infallible;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;

use crate::error::AppError;
pub(crate) use wikken_data::caps::MAX_FORM_BYTES;

/// A size as the user reads it: "256 kB", "96 MB".
pub(crate) fn size(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} kB", bytes / 1024)
    }
}

/// The page for a body over `limit`.
pub(crate) fn too_large(limit: usize) -> AppError {
    AppError::Status(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "Wat u verstuurde is te groot: Wikken neemt hier hoogstens {} aan. Er is niets \
             opgeslagen.",
            size(limit)
        ),
    )
}

/// Puts a Dutch page in place of a 413 that is not one already (axum's
/// extractors answer a body over the limit in English plain text).
pub(crate) async fn in_dutch(State(limit): State<usize>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE && !is_page {
        too_large(limit).into_response()
    } else {
        response
    }
}

/// `route` with a body limit of its own, `limit` bytes, instead of
/// [`MAX_FORM_BYTES`].
pub(crate) fn limited<S>(route: MethodRouter<S>, limit: usize) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    route
        .layer::<_, Infallible>(from_fn_with_state(limit, in_dutch))
        .layer::<_, Infallible>(DefaultBodyLimit::max(limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_kb_or_mb() {
        assert_eq!(size(256 * 1024), "256 kB");
        assert_eq!(size(96 * 1024 * 1024 + 64 * 1024), "96 MB");
    }
}
