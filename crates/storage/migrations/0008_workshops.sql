-- The werkatelier: a live session on an afweging (or on an area, before
-- any afweging exists) where partners and residents answer from their
-- phones. Participants have no account: a device token (kept hashed) and
-- a short resume code let them back in.

CREATE TABLE workshops (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    -- the afweging it weighs, or NULL for a gebiedsatelier
    case_id TEXT REFERENCES cases (id),
    area_code TEXT,
    title TEXT NOT NULL,
    -- 6 characters; unique among the open werkateliers
    join_code TEXT NOT NULL,
    -- JSON: wikken_core::werkatelier::live::Setup
    setup TEXT NOT NULL,
    -- the last event's number (events are numbered per werkatelier)
    event_seq BIGINT NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    closed_at BIGINT,
    -- the afweging version its outcome was written into, once closed
    taken_into_version BIGINT
);
CREATE INDEX workshops_by_org ON workshops (organisation_id, created_at);
CREATE UNIQUE INDEX workshops_open_code ON workshops (join_code) WHERE closed_at IS NULL;

CREATE TABLE workshop_rounds (
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    round TEXT NOT NULL,
    position INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('wacht', 'open', 'onthuld', 'gesloten')),
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (workshop_id, round)
);

CREATE TABLE workshop_participants (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    -- 8 characters, to continue on another device
    resume_code TEXT NOT NULL,
    joined_at BIGINT NOT NULL,
    seen_at BIGINT NOT NULL
);
CREATE INDEX workshop_participants_by_workshop ON workshop_participants (workshop_id, joined_at);
CREATE UNIQUE INDEX workshop_participants_resume ON workshop_participants (workshop_id, resume_code);

-- A participant's devices: the SHA-256 of each device token.
CREATE TABLE workshop_devices (
    token_hash TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES workshop_participants (id),
    created_at BIGINT NOT NULL
);

-- Answers: revision 0 is the blind answer (replaced while the round is
-- open), revision 1 the one change after the reveal, with its reason.
CREATE TABLE workshop_answers (
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    participant_id TEXT NOT NULL REFERENCES workshop_participants (id),
    round TEXT NOT NULL,
    revision INTEGER NOT NULL CHECK (revision IN (0, 1)),
    -- JSON: wikken_core::werkatelier::live::AnswerBody
    body TEXT NOT NULL,
    reason TEXT,
    at BIGINT NOT NULL,
    PRIMARY KEY (workshop_id, participant_id, round, revision)
);

-- Every submission's client id, kept for good: a retry of an older
-- submission (after a dropped connection) changes nothing, even when a
-- newer answer has replaced the one it made.
CREATE TABLE workshop_receipts (
    participant_id TEXT NOT NULL REFERENCES workshop_participants (id),
    client_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (participant_id, client_id)
);

CREATE TABLE workshop_pins (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    participant_id TEXT NOT NULL REFERENCES workshop_participants (id),
    x DOUBLE PRECISION NOT NULL,
    y DOUBLE PRECISION NOT NULL,
    area_code TEXT,
    category TEXT NOT NULL,
    text TEXT NOT NULL,
    at BIGINT NOT NULL,
    -- the problem (workshop_problems.id) it was merged into, once merged
    merged_into TEXT
);
CREATE INDEX workshop_pins_by_workshop ON workshop_pins (workshop_id, at);

CREATE TABLE workshop_reactions (
    pin_id TEXT NOT NULL REFERENCES workshop_pins (id),
    participant_id TEXT NOT NULL REFERENCES workshop_participants (id),
    agrees INTEGER NOT NULL CHECK (agrees IN (0, 1)),
    reason TEXT,
    at BIGINT NOT NULL,
    PRIMARY KEY (pin_id, participant_id)
);

-- Problems the facilitator made of pins, written into the afweging (with
-- their owner, a party of the afweging) when the werkatelier closes.
CREATE TABLE workshop_problems (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    text TEXT NOT NULL,
    owner TEXT NOT NULL,
    at BIGINT NOT NULL
);

-- What happened, numbered per werkatelier, for the live streams: a
-- reconnecting stream replays what it missed (Last-Event-ID). `audience`
-- is 'alle' (everyone), 'scherm' (the facilitator and the big screen) or
-- 'p:' and a participant id. Events carry no blind answers.
CREATE TABLE workshop_events (
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    seq BIGINT NOT NULL,
    audience TEXT NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (workshop_id, seq)
);
