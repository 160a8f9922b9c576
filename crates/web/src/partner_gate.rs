//! The gate for partners: a user of a partner organisation (any kind but
//! corporatie) reaches only the pages made for partners. Every other
//! path is refused before it is routed — default deny, so a route added
//! later is closed to partners until it is put on [`PARTNER_PATHS`].
//! Staff of a corporation and visitors without a session pass untouched.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maud::html;

use crate::auth::AuthSession;
use crate::layout;

/// Where a partner lands after logging in.
pub const PARTNER_HOME: &str = "/partner";

/// The paths made for partners: the partner's home, what was shared with
/// them, the prestatieafspraken, their own account, logging out and
/// accepting invitations.
pub const PARTNER_PATHS: &[&str] = &[
    PARTNER_HOME,
    "/gedeeld",
    "/prestatieafspraken",
    "/account",
    "/uitloggen",
    "/uitnodiging",
];

/// Paths anyone may reach, logged in or not, that show no organisation's
/// data: the start (which sends a partner home), logging in, the
/// server's health, the stylesheet, script and icon, the werkatelier for
/// phones (its participants have no account), and the live check of
/// pairwise comparisons that the weighting form of a shared afweging
/// uses (it computes from the numbers it is sent and reads nothing).
pub const PUBLIC_PATHS: &[&str] = &[
    "/",
    "/inloggen",
    "/gezondheid",
    "/static",
    "/doe-mee",
    "/api/ahp",
];

/// Whether `path` is `prefix` or under it (`/account/wachtwoord` is under
/// `/account`; `/accounts` is not). `/` is only itself.
fn under(path: &str, prefix: &str) -> bool {
    if prefix == "/" {
        return path == "/";
    }
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Whether a partner's user may reach `path`.
pub fn partner_may_reach(path: &str) -> bool {
    PARTNER_PATHS
        .iter()
        .chain(PUBLIC_PATHS)
        .any(|prefix| under(path, prefix))
}

/// What a partner reads on a page that is not for partners.
pub const REFUSED: &str = "Deze pagina is alleen voor medewerkers van de corporatie.";

/// The middleware: refuses a partner's user every path it may not reach
/// (403, with the way back to what was shared with them).
pub async fn gate(session: AuthSession, request: Request, next: Next) -> Response {
    let partner = session.user.as_ref().is_some_and(|u| u.is_partner());
    if partner && !partner_may_reach(request.uri().path()) {
        return refused();
    }
    next.run(request).await
}

fn refused() -> Response {
    (
        StatusCode::FORBIDDEN,
        layout::bare(
            "Niet voor partners",
            html! {
                h1 { "Niet voor partners" }
                p { (REFUSED) " U ziet alleen wat corporaties met uw organisatie hebben gedeeld." }
                p { a.button href=(PARTNER_HOME) { "Naar wat met u gedeeld is" } }
            },
        ),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_reach_their_pages_and_nothing_else() {
        for allowed in [
            "/partner",
            "/gedeeld/afwegingen/abc",
            "/prestatieafspraken",
            "/prestatieafspraken/42/bewerken",
            "/account/wachtwoord",
            "/uitloggen",
            "/uitnodiging/0123abcd",
            "/",
            "/inloggen",
            "/inloggen/organisatie",
            "/static/wikken.svg",
            "/doe-mee/atelier",
            "/api/ahp",
        ] {
            assert!(partner_may_reach(allowed), "{allowed}");
        }
        for refused in [
            "/partners",
            "/partnerx",
            "/monitor",
            "/afwegingen",
            "/afwegingen/abc",
            "/gedeeldx/afwegingen/abc",
            "/accounts",
            "/complex/1",
            "/import",
            "/beheer/gebruikers",
            "/werkateliers/1",
            "/api/ahpx",
            "/staticx",
            "//partner",
            "",
        ] {
            assert!(!partner_may_reach(refused), "{refused}");
        }
    }
}
