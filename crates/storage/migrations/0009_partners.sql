-- Partner organisations: a corporation shares an afweging or its
-- prestatieafspraken with organisations of their own (gemeente,
-- huurdersorganisatie, zorg/welzijn, politie), whose people log in and
-- see only what was shared with their organisation. Access is by the
-- explicit rows of `shares`; every change has a line in `share_events`.

-- What an organisation is. Only a corporatie has monitor data, complexes,
-- imports and afwegingen of its own; any other kind is a partner.
ALTER TABLE organisations ADD COLUMN kind TEXT NOT NULL DEFAULT 'corporatie'
    CHECK (kind IN ('corporatie', 'gemeente', 'huurdersorganisatie', 'zorg_welzijn', 'politie', 'overig'));

-- One thing of a corporation (`owner_id`) shared with one partner
-- organisation: an afweging (`subject_id` is its case id) or a gemeente's
-- prestatieafspraken (`subject_id` is the afspraken record's id). `party`
-- is the party the partner acts as there; `title` what lists show.
CREATE TABLE shares (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES organisations (id),
    partner_id TEXT NOT NULL REFERENCES organisations (id),
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('afweging', 'afspraken')),
    subject_id TEXT NOT NULL,
    party TEXT NOT NULL,
    title TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (owner_id, partner_id, subject_kind, subject_id),
    CHECK (owner_id <> partner_id)
);
CREATE INDEX shares_by_partner ON shares (partner_id, subject_kind, subject_id);

-- An invitation to a partner organisation, sent by hand (there is no mail
-- server): the link holds a token, of which only the SHA-256 is kept.
CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES organisations (id),
    email TEXT NOT NULL,
    organisation_name TEXT NOT NULL,
    organisation_kind TEXT NOT NULL
        CHECK (organisation_kind IN ('gemeente', 'huurdersorganisatie', 'zorg_welzijn', 'politie', 'overig')),
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('afweging', 'afspraken')),
    subject_id TEXT NOT NULL,
    party TEXT NOT NULL,
    title TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT,
    -- the user who accepted
    accepted_by TEXT,
    -- the partner organisation it was accepted for
    partner_id TEXT REFERENCES organisations (id),
    revoked_at BIGINT,
    revoked_by TEXT
);
CREATE INDEX invitations_by_owner ON invitations (owner_id, created_at);

-- Who shared what with whom, changed a party or revoked a share, invited,
-- renewed or revoked an invitation, accepted one: when, and what (Dutch).
-- `partner_id` is empty for an invitation not yet accepted.
CREATE TABLE share_events (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES organisations (id),
    partner_id TEXT REFERENCES organisations (id),
    invitation_id TEXT,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    at BIGINT NOT NULL,
    action TEXT NOT NULL
);
CREATE INDEX share_events_by_owner ON share_events (owner_id, at);
CREATE INDEX share_events_by_partner ON share_events (partner_id, at);
