//! The rule every password obeys, wherever it is set (the web's forms, the
//! CLI, `WIKKEN_ADMIN_PASSWORD`): at least [`MIN_CHARS`] characters, not on
//! a list of common passwords, and not easy to guess from words, names,
//! dates, keyboard patterns or what is known about the account.
//!
//! Guessability is zxcvbn's estimate (Dropbox's pattern-matching estimator,
//! with its 30,000 common passwords, names and words); on top of it a short
//! list of passwords Dutch users choose, which zxcvbn's English lists miss.

use std::fmt;

use zxcvbn::matching::patterns::MatchPattern;

/// Shortest password accepted.
pub const MIN_CHARS: usize = 12;
/// Longest password accepted (argon2 hashes whatever it is given; the
/// estimator's work grows with the length).
pub const MAX_CHARS: usize = 128;

/// Words of the Dutch context that make a password easy to guess here:
/// zxcvbn treats a password built from them as built from the account's
/// own name.
const CONTEXT_WORDS: &[&str] = &[
    "wikken",
    "wachtwoord",
    "welkom",
    "woningcorporatie",
    "corporatie",
    "woning",
    "gemeente",
    "huurder",
    "huurders",
    "beheerder",
    "strateeg",
    "geheim",
    "voorjaar",
    "zomer",
    "najaar",
    "winter",
    "maandag",
    "nederland",
    "amsterdam",
    "rotterdam",
    "utrecht",
    "denhaag",
    "eindhoven",
    "feyenoord",
    "ajax",
    "qwerty",
];

/// Whole passwords that Dutch users choose and that are long enough to
/// pass the length rule (lower case; compared case-insensitively).
const COMMON_DUTCH: &[&str] = &[
    "wachtwoord12",
    "wachtwoord123",
    "wachtwoord1234",
    "wachtwoord!!",
    "welkom123456",
    "welkomwelkom",
    "welkom01welkom",
    "geheimgeheim",
    "hallohallo12",
    "wachtwoordwachtwoord",
    "nieuwwachtwoord",
    "nieuwwachtwoord1",
    "mijnwachtwoord",
    "mijnwachtwoord1",
    "wijkenbuurten",
];

/// Why a password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordRefusal {
    /// Fewer than [`MIN_CHARS`] characters.
    TooShort,
    /// More than [`MAX_CHARS`] characters.
    TooLong,
    /// On a list of common passwords.
    Common,
    /// Easy to guess (a word, a name, a date, a pattern, the account's name).
    Guessable,
}

impl fmt::Display for PasswordRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasswordRefusal::TooShort => {
                write!(f, "Het wachtwoord moet minstens {MIN_CHARS} tekens hebben.")
            }
            PasswordRefusal::TooLong => {
                write!(f, "Het wachtwoord mag hoogstens {MAX_CHARS} tekens hebben.")
            }
            PasswordRefusal::Common => write!(
                f,
                "Dit wachtwoord staat op een lijst van veelgebruikte wachtwoorden. Kies een ander."
            ),
            PasswordRefusal::Guessable => write!(
                f,
                "Dit wachtwoord is te makkelijk te raden (een woord, naam, datum, reeks of toetsenbordpatroon, of uw eigen naam). Kies bijvoorbeeld een zin van vier of meer losse woorden."
            ),
        }
    }
}

impl std::error::Error for PasswordRefusal {}

/// Checks a new password. `account` holds what an attacker knows about the
/// account (e-mail address, name, organisation): a password made of it is
/// refused.
pub fn check(password: &str, account: &[&str]) -> Result<(), PasswordRefusal> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordRefusal::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordRefusal::TooLong);
    }
    let lower = password.to_lowercase();
    if COMMON_DUTCH.contains(&lower.as_str()) {
        return Err(PasswordRefusal::Common);
    }
    let mut inputs: Vec<String> = CONTEXT_WORDS.iter().map(|w| (*w).to_string()).collect();
    for item in account {
        // The e-mail address also in its parts: "j.jansen@woonstad.nl" gives
        // "j", "jansen", "woonstad", "nl".
        let item = item.to_lowercase();
        inputs.extend(
            item.split(|c: char| !c.is_alphanumeric())
                .filter(|p| p.chars().count() >= 3)
                .map(str::to_string),
        );
        inputs.push(item);
    }
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let estimate = zxcvbn::zxcvbn(password, &inputs);
    // zxcvbn does not export the type of its dictionaries' names, so the
    // passwords list is recognised by the name's `Debug` form.
    let whole_common = match estimate.sequence() {
        [only] => matches!(
            &only.pattern,
            MatchPattern::Dictionary(d) if format!("{:?}", d.dictionary_name) == "Passwords"
        ),
        _ => false,
    };
    if whole_common {
        return Err(PasswordRefusal::Common);
    }
    if (estimate.score() as u8) < 3 {
        return Err(PasswordRefusal::Guessable);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_counted_in_characters() {
        assert_eq!(check("kort", &[]), Err(PasswordRefusal::TooShort));
        // Eleven characters, 22 bytes: still too short.
        assert_eq!(check("ééééééééééé", &[]), Err(PasswordRefusal::TooShort));
        assert_eq!(
            check(&"x".repeat(MAX_CHARS + 1), &[]),
            Err(PasswordRefusal::TooLong)
        );
    }

    #[test]
    fn common_passwords_are_refused() {
        for p in ["123456789012", "qwertyuiopasdf", "passwordpassword"] {
            assert!(check(p, &[]).is_err(), "{p} accepted");
        }
        assert_eq!(check("Wachtwoord123", &[]), Err(PasswordRefusal::Common));
        assert_eq!(check("welkom123456", &[]), Err(PasswordRefusal::Common));
    }

    #[test]
    fn passwords_made_of_the_account_are_refused() {
        let account = ["p.vandervelde@woonstad.nl", "Pieter van der Velde"];
        assert!(check("vandervelde2026", &account).is_err());
        assert!(check("woonstadwoonstad", &account).is_err());
        assert!(check("Wikken2026!", &[]).is_err());
    }

    #[test]
    fn good_passwords_pass() {
        for p in [
            "correct horse battery staple",
            "kroket-fiets-regenjas-1987",
            "Tq7#vLp2!xRm9@wZ",
            "bloemkool waterpas dakgoot",
        ] {
            assert_eq!(check(p, &["beheerder@demo.wikken.nl"]), Ok(()), "{p}");
        }
    }
}
