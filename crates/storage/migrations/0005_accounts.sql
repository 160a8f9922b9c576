-- Accounts through their whole life: a beheerder disables a user or makes
-- them choose a new password; an e-mail address is unique within its
-- organisation only, so adding a user never reveals whether the address
-- exists in another organisation (one person may have accounts in two).
-- Failed logins are kept for a short while, per account and per client
-- address, to slow down guessing.

CREATE TABLE users_next (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('beheerder', 'strateeg', 'lezer')),
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    UNIQUE (organisation_id, email)
);
INSERT INTO users_next (id, organisation_id, email, name, role, password_hash, created_at)
SELECT id, organisation_id, email, name, role, password_hash, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_next RENAME TO users;
CREATE INDEX users_by_email ON users (email);

-- `subject` is "konto:" and a hash of the e-mail address, or "adres:" and
-- the client's IP address.
CREATE TABLE login_failures (
    subject TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_by_subject ON login_failures (subject, at);
