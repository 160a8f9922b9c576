//! The limits of one werkatelier: generous for a real room, and they keep
//! what a stranger with a join code can make the server store bounded.

/// Roles in one werkatelier.
pub const ROLES: usize = 12;
/// Participants who can join one werkatelier.
pub const PARTICIPANTS: usize = 400;
/// Pins one participant can place.
pub const PINS_PER_PARTICIPANT: usize = 20;
/// Characters of a pin's text, a reason or a display name.
pub const TEXT_CHARS: usize = 280;
/// Characters of a display name.
pub const NAME_CHARS: usize = 40;
/// Criteria that can be compared pairwise (45 pairs).
pub const AHP_CRITERIA: usize = 10;
