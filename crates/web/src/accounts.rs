//! What setting a password involves, wherever it is set (the web's forms,
//! the CLI, the first start): the rule of `wikken_core::password` with
//! what is known about the account, argon2 hashing, and temporary
//! passwords for a beheerder to pass on.

use wikken_core::password::{self, PasswordRefusal};

use crate::auth::hash_password;
use crate::gate::{Full, Gate};

/// Checks a new password for an account with this e-mail address, name
/// and organisation (a password made of them is refused).
pub fn check_new_password(
    password: &str,
    email: &str,
    name: &str,
    organisation: &str,
) -> Result<(), PasswordRefusal> {
    password::check(password, &[email, name, organisation])
}

/// Hashes a password through the gate of password work.
pub async fn hash_through(gate: &Gate, password: &str) -> Result<String, Full> {
    let password = password.to_string();
    gate.run(move || hash_password(&password)).await
}

/// A temporary password: 20 characters from an unambiguous alphabet
/// (~116 bits) from the operating system's random source, without bias
/// (rejection sampling). Its user must choose their own at the next login.
pub fn temporary_password() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let limit = 256 - 256 % ALPHABET.len();
    let mut out = String::with_capacity(20);
    while out.len() < 20 {
        let mut b = [0u8; 1];
        OsRng.fill_bytes(&mut b);
        if (b[0] as usize) < limit {
            out.push(ALPHABET[b[0] as usize % ALPHABET.len()] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_passwords_are_random_readable_and_pass_the_rule() {
        let (a, b) = (temporary_password(), temporary_password());
        assert_ne!(a, b);
        assert_eq!(a.len(), 20);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() && !"0O1lI".contains(c))
        );
        assert_eq!(check_new_password(&a, "x@y.nl", "X", "Y"), Ok(()));
    }

    #[test]
    fn the_account_itself_is_no_password() {
        assert!(
            check_new_password(
                "woonstadrotterdam",
                "p@woonstad.nl",
                "Piet",
                "Woonstad Rotterdam"
            )
            .is_err()
        );
    }
}
