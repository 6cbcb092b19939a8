-- Key rotation at the service centre (`federation::centre::rotation`): a site's former keys.
-- `federation_sites.public_key`/`fingerprint` stay the site's current key; when the site
-- announces a new one signed with it, the old key moves here and is still taken for the
-- site's deliveries until `valid_until` (the overlap period), refused like an unknown key
-- after. Rows stay after that: a key that was a site's is never taken by anyone again.
CREATE TABLE federation_previous_keys (
    fingerprint TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES federation_sites(id),
    public_key TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    valid_until TEXT NOT NULL
);
CREATE INDEX federation_previous_keys_site ON federation_previous_keys (site_id, valid_until);
