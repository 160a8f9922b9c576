-- Boundaries, the corporation's own data (complexes and their figures),
-- the "onder druk" signal's settings, and web sessions.

-- A demo organisation's data is fictional; the UI says so.
ALTER TABLE organisations ADD COLUMN fictional INTEGER NOT NULL DEFAULT 0;

-- One shape per area, WGS84. Not tied to `areas` by a foreign key: a
-- national boundary file names buurten the organisation may not have
-- imported (yet); pages join on the code.
CREATE TABLE boundaries (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    area_code TEXT NOT NULL,
    -- GeoJSON MultiPolygon coordinates: [[[[lon, lat], ...], ...], ...]
    geometry TEXT NOT NULL,
    min_lon DOUBLE PRECISION NOT NULL,
    min_lat DOUBLE PRECISION NOT NULL,
    max_lon DOUBLE PRECISION NOT NULL,
    max_lat DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (organisation_id, area_code)
);

-- A complex: the corporation's dwellings in one buurt under one number.
CREATE TABLE complexes (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    buurt_code TEXT NOT NULL,
    dwellings INTEGER NOT NULL,
    build_year INTEGER,
    energy_label TEXT,
    average_rent DOUBLE PRECISION,
    PRIMARY KEY (organisation_id, code),
    FOREIGN KEY (organisation_id, buurt_code) REFERENCES areas (organisation_id, code)
);
CREATE INDEX complexes_by_buurt ON complexes (organisation_id, buurt_code);

-- The organisation's own figures per complex (own figures per buurt go
-- into `observations`).
CREATE TABLE complex_observations (
    organisation_id TEXT NOT NULL,
    complex_code TEXT NOT NULL,
    indicator_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (organisation_id, complex_code, indicator_code, year),
    FOREIGN KEY (organisation_id, complex_code) REFERENCES complexes (organisation_id, code),
    FOREIGN KEY (organisation_id, indicator_code) REFERENCES indicators (organisation_id, code)
);

-- Which indicators make up the "onder druk" score, with what weight, for
-- buurten and for complexes.
CREATE TABLE signal_weights (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    subject TEXT NOT NULL CHECK (subject IN ('buurt', 'complex')),
    indicator_code TEXT NOT NULL,
    weight DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (organisation_id, subject, indicator_code),
    FOREIGN KEY (organisation_id, indicator_code) REFERENCES indicators (organisation_id, code)
);

-- Web sessions (tower-sessions records as JSON).
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
