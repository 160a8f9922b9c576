-- Portable SQL: the same file runs on SQLite and PostgreSQL.
-- Every row belongs to an organisation (a corporatie); keys are texts made
-- by the application, so no autoincrement dialect is needed.

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('beheerder', 'strateeg', 'lezer')),
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE areas (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    code TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('gemeente', 'wijk', 'buurt')),
    name TEXT NOT NULL,
    parent_code TEXT,
    gemeente_code TEXT NOT NULL,
    PRIMARY KEY (organisation_id, code)
);
CREATE INDEX areas_by_gemeente ON areas (organisation_id, gemeente_code, level);

CREATE TABLE indicators (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    -- 1: higher is better, 0: lower is better, NULL: neither
    higher_is_better INTEGER,
    source TEXT NOT NULL,
    PRIMARY KEY (organisation_id, code)
);

CREATE TABLE observations (
    organisation_id TEXT NOT NULL,
    area_code TEXT NOT NULL,
    indicator_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (organisation_id, area_code, indicator_code, year),
    FOREIGN KEY (organisation_id, area_code) REFERENCES areas (organisation_id, code),
    FOREIGN KEY (organisation_id, indicator_code) REFERENCES indicators (organisation_id, code)
);

CREATE TABLE imports (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    areas INTEGER NOT NULL,
    observations INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (organisation_id, kind, sha256)
);
