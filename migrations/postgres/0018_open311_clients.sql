-- Apps that submit concerns through the Open311 GeoReport v2 interface with an API key
-- (`open311::clients`): issued by the operator per municipality, stored as a hash, revoked
-- but never deleted. A concern remembers the app it came through, so that app — and only
-- it — reads the department's released feedback in `status_notes`.
CREATE TABLE open311_clients (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX open311_clients_municipality ON open311_clients (municipality_id);
ALTER TABLE concerns ADD COLUMN open311_client_id TEXT REFERENCES open311_clients(id);
CREATE INDEX concerns_open311_client ON concerns (open311_client_id);
