//! axum answers a request it cannot take (a form that does not parse, a
//! path parameter of the wrong kind, a method the route does not have, a
//! body of the wrong type or size) with a short English text. Every such
//! answer becomes a Dutch page with the same status.

use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// What the user reads for each refusal.
fn dutch(status: StatusCode) -> &'static str {
    match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            "Deze handeling kan op deze pagina niet. Ga terug en gebruik de knoppen op de pagina."
        }
        StatusCode::PAYLOAD_TOO_LARGE => {
            "Wat u verstuurde is te groot voor deze pagina. Verstuur minder tegelijk, of een kleiner bestand."
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "Het formulier kwam in een vorm aan die deze pagina niet kent. Laad de pagina opnieuw en probeer het nog eens."
        }
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => {
            "Het formulier of adres klopt niet: er ontbreekt iets of er staat iets onverwachts in. Laad de pagina opnieuw en probeer het nog eens."
        }
        _ => "Dit verzoek kan niet worden uitgevoerd.",
    }
}

/// The middleware: a client error in plain text (axum's own rejections;
/// Wikken's pages answer in HTML) becomes a Dutch page.
pub async fn dutch_rejections(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_none_or(|v| v.as_bytes().starts_with(b"text/plain"));
    let empty_405 = status == StatusCode::METHOD_NOT_ALLOWED;
    if status.is_client_error() && (plain || empty_405) && status != StatusCode::NOT_FOUND {
        let mut page = AppError::Status(status, dutch(status).to_string()).into_response();
        // Keep what tells the client how to go on (e.g. `Allow`).
        for name in [header::ALLOW, header::RETRY_AFTER] {
            if let Some(v) = response.headers().get(&name) {
                page.headers_mut().insert(name, v.clone());
            }
        }
        return page;
    }
    response
}
