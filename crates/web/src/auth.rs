//! Logging in: users with argon2-hashed passwords, their role, and the
//! extractor that gives a handler the signed-in user (or sends the browser
//! to the login page).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_login::{AuthUser, AuthnBackend};
use std::sync::Arc;
use wikken_storage::{OrganisationId, OrganisationKind, StorageError, Store, UserId, UserRow};

use crate::gate::{Full, Gate};

pub use wikken_storage::UserRole;

/// A signed-in user.
#[derive(Clone)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// The organisation whose data it sees (and only that).
    pub org: OrganisationId,
    /// What that organisation is: a corporatie, or a partner of one.
    pub org_kind: OrganisationKind,
    /// Login name.
    pub email: String,
    /// Display name.
    pub name: String,
    /// What it may do.
    pub role: UserRole,
    /// The password is temporary: every page but the one to change it
    /// sends the user there.
    pub must_change_password: bool,
    password_hash: String,
}

impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl User {
    /// An enabled account as a user; `None` for a disabled one. (A role
    /// this version does not know never gets this far: storage refuses to
    /// read the row.)
    pub(crate) fn from_enabled_row(row: UserRow) -> Option<User> {
        if row.disabled {
            return None;
        }
        Some(User {
            role: row.role,
            must_change_password: row.must_change_password,
            id: row.id,
            org: row.organisation_id,
            org_kind: row.organisation_kind,
            email: row.email,
            name: row.name,
            password_hash: row.password_hash,
        })
    }
}

impl User {
    /// Whether this is a partner's user (a gemeente, huurdersorganisatie,
    /// …): it sees only what corporations shared with its organisation,
    /// and only on the pages [`crate::partner_gate`] lets partners reach.
    pub fn is_partner(&self) -> bool {
        self.org_kind.is_partner()
    }

    /// Where this user starts: the partner's home, or the monitor.
    pub fn home(&self) -> &'static str {
        if self.is_partner() {
            crate::partner_gate::PARTNER_HOME
        } else {
            "/monitor"
        }
    }
}

impl AuthUser for User {
    type Id = String;

    fn id(&self) -> String {
        self.id.0.clone()
    }

    fn session_auth_hash(&self) -> &[u8] {
        // A new password ends every session of the old one.
        self.password_hash.as_bytes()
    }
}

/// What a login form sends.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Credentials {
    /// E-mail address.
    pub email: String,
    /// Password.
    pub password: String,
}

/// Users from the store; password checks go through a [`Gate`].
#[derive(Debug, Clone)]
pub struct Backend {
    store: Store,
    passwords: Arc<Gate>,
}

impl Backend {
    /// Users in this store, their passwords checked through `passwords`.
    pub fn new(store: Store, passwords: Arc<Gate>) -> Self {
        Backend { store, passwords }
    }
}

/// A failed lookup.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// Too many password checks at once.
    #[error("te veel wachtwoordcontroles tegelijk")]
    Busy(#[from] Full),
}

/// Every enabled account with this e-mail address whose password is this
/// one (usually one; a person with accounts in two organisations may have
/// the same password for both). A disabled account is never among them.
pub async fn accounts_for(
    store: &Store,
    passwords: &Gate,
    email: &str,
    password: &str,
) -> Result<Vec<User>, AuthError> {
    let rows = store.users_by_email(email).await?;
    let hashes: Vec<String> = rows.iter().map(|r| r.password_hash.clone()).collect();
    let password = password.to_string();
    // One blocking task checks them all. Without any account a dummy hash
    // is checked, so the answer takes as long either way.
    let ok: Vec<bool> = passwords
        .run(move || {
            if hashes.is_empty() {
                verify_password(&password, &DUMMY_HASH);
                return Vec::new();
            }
            hashes
                .iter()
                .map(|h| verify_password(&password, h))
                .collect()
        })
        .await?;
    Ok(rows
        .into_iter()
        .zip(ok)
        .filter(|(_, ok)| *ok)
        .filter_map(|(row, _)| User::from_enabled_row(row))
        .collect())
}

impl AuthnBackend for Backend {
    type User = User;
    type Credentials = Credentials;
    type Error = AuthError;

    /// The one account these credentials open (`None` also when they open
    /// accounts in several organisations: the login page asks which).
    async fn authenticate(&self, creds: Credentials) -> Result<Option<User>, AuthError> {
        let mut found =
            accounts_for(&self.store, &self.passwords, &creds.email, &creds.password).await?;
        Ok((found.len() == 1).then(|| found.remove(0)))
    }

    async fn get_user(&self, id: &String) -> Result<Option<User>, AuthError> {
        Ok(self
            .store
            .user_by_id(&UserId::from(id.as_str()))
            .await?
            .and_then(User::from_enabled_row))
    }
}

/// A real argon2id hash to verify against when the user does not exist.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password("niemand"));

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
}

/// Checks a password against a PHC string.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// The session type of the app.
pub type AuthSession = axum_login::AuthSession<Backend>;

/// The signed-in user; a handler that takes it sends anonymous visitors to
/// the login page (and back afterwards).
#[derive(Debug, Clone)]
pub struct CurrentUser(pub User);

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let mut session = AuthSession::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let to_login = |expired: bool| {
            let next = parts
                .uri
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_string();
            let flag = if expired { "verlopen=1&" } else { "" };
            Redirect::to(&format!("/inloggen?{flag}volgende={}", urlencode(&next))).into_response()
        };
        let Some(user) = session.user.clone() else {
            return Err(to_login(false));
        };
        let logged_in_at: Option<i64> = session.session.get(LOGGED_IN_AT).await.ok().flatten();
        if !within_lifetime(logged_in_at, unix_now()) {
            session
                .logout()
                .await
                .map_err(|e| crate::error::AppError::failed("uitloggen", e).into_response())?;
            return Err(to_login(true));
        }
        if user.must_change_password && !ALLOWED_WITH_TEMPORARY_PASSWORD.contains(&parts.uri.path())
        {
            return Err(Redirect::to(CHANGE_PASSWORD_PATH).into_response());
        }
        crate::telemetry::record_organisation(&user.org.0);
        Ok(CurrentUser(user))
    }
}

/// Where a user changes their own password.
pub const CHANGE_PASSWORD_PATH: &str = "/account/wachtwoord";

/// What a user with a temporary password may still reach.
const ALLOWED_WITH_TEMPORARY_PASSWORD: &[&str] = &[CHANGE_PASSWORD_PATH, "/uitloggen"];

/// The session key holding when its user logged in (Unix seconds).
pub const LOGGED_IN_AT: &str = "ingelogd_op";

/// The longest a session lives after its login, however active (a working
/// day and a bit): besides the 8 hours without activity.
pub const ABSOLUTE_LIFETIME_SECONDS: i64 = 12 * 3600;

/// Whether a session that logged in at `logged_in_at` may still be used at
/// `now`. One without a login time (made before there was one) or from
/// the future (a clock set back) has ended.
fn within_lifetime(logged_in_at: Option<i64>, now: i64) -> bool {
    logged_in_at.is_some_and(|t| {
        t <= now.saturating_add(60) && now.saturating_sub(t) < ABSOLUTE_LIFETIME_SECONDS
    })
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Percent-encodes a query value.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash_password("geheim wachtwoord");
        let b = hash_password("geheim wachtwoord");
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$"));
        assert!(verify_password("geheim wachtwoord", &a));
        assert!(!verify_password("geheim wachtwoord!", &a));
        assert!(!verify_password("dummy", "not a hash"));
    }

    #[test]
    fn sessions_end_after_their_absolute_lifetime() {
        let now = 1_800_000_000;
        assert!(within_lifetime(Some(now - 60), now));
        assert!(within_lifetime(
            Some(now - ABSOLUTE_LIFETIME_SECONDS + 1),
            now
        ));
        assert!(!within_lifetime(Some(now - ABSOLUTE_LIFETIME_SECONDS), now));
        assert!(!within_lifetime(None, now));
        assert!(!within_lifetime(Some(now + 3600), now));
        assert!(!within_lifetime(Some(i64::MIN), now));
    }
}
