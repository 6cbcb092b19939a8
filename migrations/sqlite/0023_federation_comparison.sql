-- The service centre's comparison across sites (`federation::centre::comparison`): the
-- municipality that is the centre's own tenant — its staff and its plugin make the
-- comparison; at most one (`quartier federation tenant SLUG`) — and an index for reading
-- each site's latest bundle of a period.
CREATE TABLE federation_centre_tenant (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    municipality_id TEXT NOT NULL UNIQUE REFERENCES municipalities(id)
);
CREATE INDEX federation_bundles_period ON federation_bundles (period, site_id, sequence);
