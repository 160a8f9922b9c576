//! Slowing down password guessing: failed logins are counted per account
//! and per client address in the database (so every server process sees
//! them), and after too many in a quarter of an hour the next attempts are
//! refused, without checking the password, until the oldest failure is a
//! quarter of an hour old.

use std::net::IpAddr;

use axum::http::HeaderMap;
use sha2::{Digest, Sha256};
use wikken_storage::{StorageError, Store};

/// The window in which failures count.
pub const WINDOW_SECONDS: i64 = 15 * 60;
/// Failed logins of one account within the window before it waits.
pub const MAX_PER_ACCOUNT: i64 = 10;
/// Failed logins from one client address within the window before it
/// waits: higher than per account, because an office of a corporation or
/// gemeente often shares one address.
pub const MAX_PER_ADDRESS: i64 = 30;

/// What a login attempt is counted against.
#[derive(Debug, Clone)]
pub struct Subjects {
    account: String,
    address: Option<String>,
}

impl Subjects {
    /// The account (by e-mail address, hashed: typed addresses are not
    /// stored) and the client's address. Loopback addresses are not
    /// counted: they are a proxy in front of the server, not a client
    /// (behind a proxy, start the server with `--trust-proxy`).
    pub fn new(email: &str, client: Option<IpAddr>) -> Subjects {
        let digest = Sha256::digest(email.trim().to_lowercase().as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        Subjects {
            account: format!("konto:{hex}"),
            address: client.filter(|a| !a.is_loopback()).map(address_subject),
        }
    }

    fn limits(&self) -> impl Iterator<Item = (&str, i64)> {
        std::iter::once((self.account.as_str(), MAX_PER_ACCOUNT))
            .chain(self.address.as_deref().map(|a| (a, MAX_PER_ADDRESS)))
    }
}

/// An IPv4 address as it is; an IPv6 address by its /64 network, since one
/// client easily has a whole /64 to rotate through.
fn address_subject(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => format!("adres:{v4}"),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => format!("adres:{v4}"),
            None => {
                let s = v6.segments();
                format!("adres:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// The connection's peer address, when the server was started with
/// connection info (in-process tests have none).
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub Option<IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Peer(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip()),
        ))
    }
}

/// The client's address: the connection's peer, or with `trust_proxy` the
/// last address in `X-Forwarded-For` (the one the proxy added).
pub fn client_address(
    headers: &HeaderMap,
    peer: Option<IpAddr>,
    trust_proxy: bool,
) -> Option<IpAddr> {
    if trust_proxy
        && let Some(forwarded) = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .next_back()
    {
        return Some(forwarded);
    }
    peer
}

/// Seconds to wait before the next attempt, or `None` when it may go ahead.
pub async fn wait_seconds(
    store: &Store,
    who: &Subjects,
    now: i64,
) -> Result<Option<i64>, StorageError> {
    let since = now - WINDOW_SECONDS;
    let mut wait = None;
    for (subject, max) in who.limits() {
        let (count, oldest) = store.login_failures_since(subject, since).await?;
        if count >= max {
            // Once the oldest failure leaves the window, one more may try.
            let until = oldest.unwrap_or(now) + WINDOW_SECONDS;
            wait = Some(wait.unwrap_or(0).max((until - now).max(1)));
        }
    }
    Ok(wait)
}

/// Notes a failed attempt.
pub async fn failed(store: &Store, who: &Subjects) -> Result<(), StorageError> {
    let subjects: Vec<&str> = who.limits().map(|(s, _)| s).collect();
    store.record_login_failure(&subjects).await
}

/// After a successful login the account starts with a clean slate (the
/// address does not: a guesser who knows one password goes on waiting for
/// the others).
pub async fn succeeded(store: &Store, who: &Subjects) -> Result<(), StorageError> {
    store.clear_login_failures(&who.account).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_are_hashed_and_case_blind() {
        let a = Subjects::new(" Piet@Example.nl", None);
        let b = Subjects::new("piet@example.nl", None);
        assert_eq!(a.account, b.account);
        assert!(!a.account.contains("piet"));
    }

    #[test]
    fn addresses_loopback_and_ipv6_networks() {
        assert_eq!(
            Subjects::new("x", Some("127.0.0.1".parse().unwrap())).address,
            None
        );
        assert_eq!(
            Subjects::new("x", Some("::1".parse().unwrap())).address,
            None
        );
        assert_eq!(
            Subjects::new("x", Some("2001:db8:1:2:aaaa::1".parse().unwrap())).address,
            Subjects::new("x", Some("2001:db8:1:2:bbbb::9".parse().unwrap())).address,
        );
        assert_eq!(
            Subjects::new("x", Some("::ffff:192.0.2.7".parse().unwrap()))
                .address
                .as_deref(),
            Some("adres:192.0.2.7")
        );
    }

    #[test]
    fn the_proxy_is_trusted_only_when_told() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            "198.51.100.1, 203.0.113.9".parse().unwrap(),
        );
        let peer = Some("127.0.0.1".parse().unwrap());
        assert_eq!(client_address(&h, peer, false), peer);
        assert_eq!(
            client_address(&h, peer, true),
            Some("203.0.113.9".parse().unwrap())
        );
        assert_eq!(client_address(&HeaderMap::new(), peer, true), peer);
    }
}
