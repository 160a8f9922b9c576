-- The afweging (case) with its versions and history, and the
-- organisation's interventiecatalogus with its history.

-- One catalogue template per key; `body` is the template as JSON
-- (wikken_core::case::catalogue::Template).
CREATE TABLE catalogue_templates (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    template_key TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, template_key)
);

-- Who changed the catalogue, when, and what.
CREATE TABLE catalogue_events (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    template_key TEXT NOT NULL,
    user_id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    at BIGINT NOT NULL,
    action TEXT NOT NULL,
    -- JSON: the template before and after, where there is one
    detail TEXT
);
CREATE INDEX catalogue_events_by_org ON catalogue_events (organisation_id, at);

-- An afweging; its content lives in its versions.
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    -- the question, for lists
    title TEXT NOT NULL,
    area_code TEXT,
    current_version INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX cases_by_org ON cases (organisation_id, updated_at);

-- One version of an afweging: the whole document (CaseDoc as JSON). A
-- version is frozen when its besluit is recorded; later edits go into a
-- new version and the frozen one stays readable. `revision` counts saves,
-- so that two people saving at once cannot overwrite each other.
CREATE TABLE case_versions (
    case_id TEXT NOT NULL REFERENCES cases (id),
    version INTEGER NOT NULL,
    doc TEXT NOT NULL,
    revision INTEGER NOT NULL,
    frozen_at BIGINT,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (case_id, version)
);

-- Who changed an afweging, when, and what.
CREATE TABLE case_events (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    version INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    at BIGINT NOT NULL,
    action TEXT NOT NULL,
    -- JSON: what changed (before and after), where useful
    detail TEXT
);
CREATE INDEX case_events_by_case ON case_events (case_id, at);
