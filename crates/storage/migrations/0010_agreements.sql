-- Prestatieafspraken (agreements) with their versions, approvals and
-- history. The content of a version is the whole
-- wikken_core::agreement::Agreement as JSON. A version is approved when
-- every signatory approved its terms; later changes to the terms need a
-- new version, while progress (status reports, figures, the evaluation)
-- goes on in the approved one.

CREATE TABLE agreements (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    gemeente_code TEXT NOT NULL,
    title TEXT NOT NULL,
    first_year INTEGER NOT NULL,
    last_year INTEGER NOT NULL,
    current_version INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX agreements_by_org ON agreements (organisation_id, gemeente_code);

CREATE TABLE agreement_versions (
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    version INTEGER NOT NULL,
    doc TEXT NOT NULL,
    -- counts saves and approvals, so that two people cannot overwrite
    -- each other and no change slips in between a form and an approval
    revision INTEGER NOT NULL,
    approved_at BIGINT,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (agreement_id, version)
);

-- One party's approval of one version's terms (terms_revision).
CREATE TABLE agreement_approvals (
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    version INTEGER NOT NULL,
    terms_revision INTEGER NOT NULL,
    party TEXT NOT NULL,
    user_id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (agreement_id, version, terms_revision, party)
);

-- Who changed the afspraken, when, and what.
CREATE TABLE agreement_events (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    version INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    at BIGINT NOT NULL,
    action TEXT NOT NULL,
    form_token TEXT
);
CREATE INDEX agreement_events_by_agreement ON agreement_events (agreement_id, at);
