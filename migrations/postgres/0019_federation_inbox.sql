-- The service centre's side of the federation (`federation::centre`), used in centre mode
-- only: the enrolled sites with their pinned keys, the bundles received from them (one per
-- site and sequence number, keyed by the message id, the SHA-256 of the delivered bytes),
-- and the nonces of applied deliveries until their signature expires (replays refused).
CREATE TABLE federation_sites (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    public_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted')),
    created_at TEXT NOT NULL,
    accepted_at TEXT
);
CREATE TABLE federation_bundles (
    message_id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES federation_sites(id),
    sequence BIGINT NOT NULL CHECK (sequence > 0),
    period TEXT NOT NULL,
    municipality TEXT NOT NULL,
    bundle TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (site_id, sequence)
);
CREATE TABLE federation_nonces (
    nonce TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES federation_sites(id),
    expires_at TEXT NOT NULL
);
CREATE INDEX federation_nonces_expiry ON federation_nonces (site_id, expires_at);
