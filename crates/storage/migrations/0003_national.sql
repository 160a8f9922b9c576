-- Values for Nederland as a whole (CBS's NL00 row): the reference a buurt
-- is compared with. Per organisation, like everything else.
CREATE TABLE national_observations (
    organisation_id TEXT NOT NULL,
    indicator_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (organisation_id, indicator_code, year),
    FOREIGN KEY (organisation_id, indicator_code) REFERENCES indicators (organisation_id, code)
);
