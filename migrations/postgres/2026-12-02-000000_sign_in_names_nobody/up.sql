-- Signing in writes no row naming the person (docs/privacy.md, "Signing in"). Refresh tokens
-- carry the person sealed inside and are not stored; one-time tokens are stored by their hash
-- only, with the person sealed inside the token. Tokens issued before this migration cannot be
-- read any more: whoever holds one signs in again, and a pending invitation is sent again.
DROP TABLE refresh_tokens;
DROP TABLE one_time_tokens;

-- Invitations, sign-in links and password resets: single use, stored hashed. The person, their
-- token generation and the exact expiry travel sealed inside the token; the row keeps the day.
CREATE TABLE one_time_tokens (
    token_hash   TEXT   NOT NULL PRIMARY KEY,
    purpose      TEXT   NOT NULL,
    browser_hash TEXT,
    expires_at   BIGINT NOT NULL
);

-- Sessions ended by signing out, until their refresh token would have expired (the day): the
-- hash of the session id only, nothing of the person.
CREATE TABLE ended_sessions (
    session_hash TEXT   NOT NULL PRIMARY KEY,
    expires_at   BIGINT NOT NULL
);
