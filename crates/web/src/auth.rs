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
use wikken_storage::{OrganisationId, StorageError, Store, UserRow};

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Manages users and everything a strateeg does.
    Beheerder,
    /// Imports data and sets the signal.
    Strateeg,
    /// Reads.
    Lezer,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Beheerder => "beheerder",
            Role::Strateeg => "strateeg",
            Role::Lezer => "lezer",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "beheerder" => Some(Role::Beheerder),
            "strateeg" => Some(Role::Strateeg),
            "lezer" => Some(Role::Lezer),
            _ => None,
        }
    }

    /// May import data and change the signal's indicators and weights.
    pub fn can_edit(self) -> bool {
        matches!(self, Role::Beheerder | Role::Strateeg)
    }

    /// May add users.
    pub fn can_manage_users(self) -> bool {
        self == Role::Beheerder
    }

    /// May add, change and delete the interventiecatalogus's templates.
    pub fn can_manage_catalogue(self) -> bool {
        self == Role::Beheerder
    }
}

/// A signed-in user.
#[derive(Clone)]
pub struct User {
    /// Its id.
    pub id: String,
    /// The organisation whose data it sees (and only that).
    pub org: OrganisationId,
    /// Login name.
    pub email: String,
    /// Display name.
    pub name: String,
    /// What it may do.
    pub role: Role,
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
    fn from_row(row: UserRow) -> User {
        User {
            role: Role::parse(&row.role).unwrap_or(Role::Lezer),
            id: row.id,
            org: row.organisation_id,
            email: row.email,
            name: row.name,
            password_hash: row.password_hash,
        }
    }
}

impl AuthUser for User {
    type Id = String;

    fn id(&self) -> String {
        self.id.clone()
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

/// Users from the store.
#[derive(Debug, Clone)]
pub struct Backend {
    store: Store,
}

impl Backend {
    /// Users in this store.
    pub fn new(store: Store) -> Self {
        Backend { store }
    }
}

/// A failed lookup.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The hashing task failed.
    #[error("wachtwoordcontrole mislukt: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl AuthnBackend for Backend {
    type User = User;
    type Credentials = Credentials;
    type Error = AuthError;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<User>, AuthError> {
        let row = self.store.user_by_email(&creds.email).await?;
        // Verify against a dummy hash when there is no such user, so the
        // answer takes as long either way.
        let hash = row
            .as_ref()
            .map_or_else(|| DUMMY_HASH.clone(), |r| r.password_hash.clone());
        let ok =
            tokio::task::spawn_blocking(move || verify_password(&creds.password, &hash)).await?;
        Ok(row.filter(|_| ok).map(User::from_row))
    }

    async fn get_user(&self, id: &String) -> Result<Option<User>, AuthError> {
        Ok(self.store.user_by_id(id).await?.map(User::from_row))
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
        let session = AuthSession::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match session.user {
            Some(user) => Ok(CurrentUser(user)),
            None => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map_or("/", |p| p.as_str())
                    .to_string();
                let target = format!("/inloggen?volgende={}", urlencode(&next));
                Err(Redirect::to(&target).into_response())
            }
        }
    }
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
    fn roles_round_trip() {
        for r in [Role::Beheerder, Role::Strateeg, Role::Lezer] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert!(!Role::Lezer.can_edit());
        assert!(Role::Strateeg.can_edit() && !Role::Strateeg.can_manage_users());
    }
}
