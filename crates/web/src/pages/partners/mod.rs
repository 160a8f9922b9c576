//! Partners: the corporation's page of partner organisations and what it
//! shares with them (invitations included), the page where an invited
//! person accepts, and the partner's own pages: its home and the
//! afwegingen shared with it. What a partner may reach at all is decided
//! by [`crate::partner_gate`]; what it may see of one shared thing by
//! [`crate::partner_access`].

pub mod accept;
pub mod home;
pub mod manage;
mod manage_view;
pub mod shared_case;

/// The Dutch name of an organisation kind, lower-case in a sentence.
pub(crate) fn kind_text(kind: wikken_storage::OrganisationKind) -> String {
    kind.label().to_lowercase()
}
