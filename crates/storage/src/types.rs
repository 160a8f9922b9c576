//! The typed values at the storage boundary: ids as newtypes, and the
//! closed sets stored as text (a user's role, an import's kind, a signal's
//! subject, an area's level) as enums. A stored text that is none of an
//! enum's names is not read as some default: the read fails with
//! [`StorageError::Corrupt`].

use std::fmt;

use wikken_data::AreaLevel;

use crate::StorageError;

/// Defines an id newtype over `String`: stored as TEXT in both databases
/// (`sqlx(transparent)`), shown and compared as its text.
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, sqlx::Type)]
        #[sqlx(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_string())
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                **self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type! {
    /// An organisation's id (the tenant every row belongs to).
    OrganisationId
}

id_type! {
    /// A user account's id.
    UserId
}

id_type! {
    /// An afweging's (case's) id.
    CaseId
}

id_type! {
    /// Prestatieafspraken's id.
    AgreementId
}

id_type! {
    /// An import's id.
    ImportId
}

id_type! {
    /// A complex's code (complexnummer), unique within its organisation.
    ComplexCode
}

/// A closed set of values stored as text: its stored names, and reading
/// one back.
pub(crate) trait StoredName: Sized + Copy + 'static {
    /// Every value.
    const ALL: &'static [Self];

    /// The stored name.
    fn stored_name(self) -> &'static str;

    /// The value with this stored name, if there is one.
    fn from_stored_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.stored_name() == name)
    }
}

/// The value `column` of `table` holds, or [`StorageError::Corrupt`] naming
/// the three when it is not one this version knows.
pub(crate) fn stored<T: StoredName>(
    table: &'static str,
    column: &'static str,
    value: String,
) -> Result<T, StorageError> {
    T::from_stored_name(&value).ok_or(StorageError::Corrupt {
        table,
        column,
        value,
    })
}

/// Defines an enum stored as text: `as_str`, `parse`, `ALL` and `Display`.
macro_rules! stored_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in the order they are declared.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The value with this stored name; `None` for any other text.
            pub fn parse(name: &str) -> Option<$name> {
                <$name as StoredName>::from_stored_name(name)
            }
        }

        impl StoredName for $name {
            const ALL: &'static [$name] = $name::ALL;

            fn stored_name(self) -> &'static str {
                self.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

stored_enum! {
    /// What a user may do (`users.role`).
    UserRole {
        /// Beheerder: manages users and the catalogue, and does everything
        /// a strateeg does.
        Admin => "beheerder",
        /// Strateeg: imports data, sets the signal, works out afwegingen.
        Strategist => "strateeg",
        /// Lezer: reads.
        Reader => "lezer",
    }
}

impl UserRole {
    /// May import data and change the signal's indicators and weights.
    pub fn can_edit(self) -> bool {
        matches!(self, UserRole::Admin | UserRole::Strategist)
    }

    /// May add users.
    pub fn can_manage_users(self) -> bool {
        self == UserRole::Admin
    }

    /// May add, change and delete the interventiecatalogus's templates.
    pub fn can_manage_catalogue(self) -> bool {
        self == UserRole::Admin
    }
}

stored_enum! {
    /// What kind of file an import was (`imports.kind`).
    ImportKind {
        /// CBS Kerncijfers wijken en buurten.
        Kwb => "kwb",
        /// Boundaries of gemeenten, wijken or buurten.
        Boundaries => "grenzen",
        /// The corporation's own data (complexes and own figures).
        Own => "eigen",
        /// The fictional demo's figures.
        Demo => "demo",
        /// Leefbaarometer scores (BZK).
        Leefbaarometer => "leefbaarometer",
    }
}

stored_enum! {
    /// What the "onder druk" signal is computed for (`signal_weights.subject`).
    SignalSubject {
        /// Buurten of one gemeente, compared with each other.
        Buurt => "buurt",
        /// The corporation's complexes, compared with each other.
        Complex => "complex",
    }
}

impl StoredName for AreaLevel {
    const ALL: &'static [AreaLevel] = &[AreaLevel::Gemeente, AreaLevel::Wijk, AreaLevel::Buurt];

    fn stored_name(self) -> &'static str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for r in [UserRole::Admin, UserRole::Strategist, UserRole::Reader] {
            assert_eq!(UserRole::parse(r.as_str()), Some(r));
        }
        assert!(!UserRole::Reader.can_edit());
        assert!(UserRole::Strategist.can_edit() && !UserRole::Strategist.can_manage_users());
    }

    #[test]
    fn stored_names_are_the_ones_in_the_database() {
        let names = |all: &[&str]| all.join(",");
        assert_eq!(
            names(&UserRole::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>()),
            "beheerder,strateeg,lezer"
        );
        assert_eq!(
            names(
                &ImportKind::ALL
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
            ),
            "kwb,grenzen,eigen,demo,leefbaarometer"
        );
        assert_eq!(
            names(
                &SignalSubject::ALL
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
            ),
            "buurt,complex"
        );
        for level in <AreaLevel as StoredName>::ALL {
            assert_eq!(AreaLevel::from_stored_name(level.as_str()), Some(*level));
            assert_eq!(AreaLevel::parse(level.as_str()), Some(*level));
        }
    }

    #[test]
    fn an_unknown_stored_name_is_corrupt_not_a_default() {
        let read = stored::<UserRole>("users", "role", "superuser".into());
        assert!(
            matches!(
                &read,
                Err(StorageError::Corrupt { table: "users", column: "role", value })
                    if value == "superuser"
            ),
            "{read:?}"
        );
        assert_eq!(
            stored::<ImportKind>("imports", "kind", "grenzen".into()).unwrap(),
            ImportKind::Boundaries
        );
        assert!(stored::<AreaLevel>("areas", "level", "land".into()).is_err());
        assert_eq!(UserRole::parse("Beheerder"), None);
    }
}

id_type! {
    /// A werkatelier's id.
    WorkshopId
}

id_type! {
    /// A werkatelier participant's id (no account: a device token).
    WorkshopParticipantId
}

id_type! {
    /// A share's id (one thing of a corporation shared with one partner).
    ShareId
}

id_type! {
    /// An invitation's id (not its token: that is in the link only).
    InvitationId
}

stored_enum! {
    /// What an organisation is (`organisations.kind`): a corporatie, or a
    /// partner of one.
    OrganisationKind {
        /// A housing corporation: its own monitor, complexes, afwegingen.
        Corporatie => "corporatie",
        /// A gemeente.
        Gemeente => "gemeente",
        /// A huurdersorganisatie.
        Huurdersorganisatie => "huurdersorganisatie",
        /// A zorg- or welzijnsorganisatie.
        ZorgWelzijn => "zorg_welzijn",
        /// The politie.
        Politie => "politie",
        /// Any other partner.
        Overig => "overig",
    }
}

impl OrganisationKind {
    /// The kinds a partner organisation can be (every kind but corporatie).
    pub const PARTNERS: &'static [OrganisationKind] = &[
        OrganisationKind::Gemeente,
        OrganisationKind::Huurdersorganisatie,
        OrganisationKind::ZorgWelzijn,
        OrganisationKind::Politie,
        OrganisationKind::Overig,
    ];

    /// Whether this is a partner (anything but a corporatie).
    pub fn is_partner(self) -> bool {
        self != OrganisationKind::Corporatie
    }

    /// The Dutch label.
    pub fn label(self) -> &'static str {
        match self {
            OrganisationKind::Corporatie => "Corporatie",
            OrganisationKind::Gemeente => "Gemeente",
            OrganisationKind::Huurdersorganisatie => "Huurdersorganisatie",
            OrganisationKind::ZorgWelzijn => "Zorg en welzijn",
            OrganisationKind::Politie => "Politie",
            OrganisationKind::Overig => "Overig",
        }
    }
}

stored_enum! {
    /// What is shared with a partner (`shares.subject_kind`).
    ShareKind {
        /// An afweging (its case id).
        Afweging => "afweging",
        /// A gemeente's prestatieafspraken (the afspraken record's id).
        Afspraken => "afspraken",
    }
}

impl ShareKind {
    /// The Dutch label.
    pub fn label(self) -> &'static str {
        match self {
            ShareKind::Afweging => "Afweging",
            ShareKind::Afspraken => "Prestatieafspraken",
        }
    }
}

#[cfg(test)]
mod partner_type_tests {
    use super::*;

    #[test]
    fn organisation_and_share_kinds_are_the_ones_in_the_database() {
        let kinds: Vec<&str> = OrganisationKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "corporatie",
                "gemeente",
                "huurdersorganisatie",
                "zorg_welzijn",
                "politie",
                "overig"
            ]
        );
        assert!(!OrganisationKind::Corporatie.is_partner());
        assert!(OrganisationKind::PARTNERS.iter().all(|k| k.is_partner()));
        assert_eq!(
            OrganisationKind::PARTNERS.len(),
            OrganisationKind::ALL.len() - 1
        );
        let shares: Vec<&str> = ShareKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(shares, ["afweging", "afspraken"]);
        assert_eq!(ShareKind::parse("Afweging"), None);
    }
}
