-- Single sign-on (OpenID Connect) per municipality: its identity provider, the sign-ins under
-- way (state, PKCE verifier and nonce, for ten minutes), and the link of a Quartier user to
-- the provider's subject, made at the first sign-in (`auth::sso`).
CREATE TABLE sso_providers (
    municipality_id TEXT PRIMARY KEY REFERENCES municipalities(id) ON DELETE CASCADE,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret TEXT,
    username_claim TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE sso_logins (
    state_hash TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id) ON DELETE CASCADE,
    pkce_verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    next TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX sso_logins_created ON sso_logins (created_at);
ALTER TABLE users ADD COLUMN sso_issuer TEXT;
ALTER TABLE users ADD COLUMN sso_subject TEXT;
CREATE UNIQUE INDEX users_sso ON users (sso_issuer, sso_subject);
