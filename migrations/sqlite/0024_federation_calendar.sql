-- The centre's joint calendar (`federation::centre::calendar`): for each accepted site whose
-- operator gave its OParl address, the public meetings read from there, replaced as a whole
-- at each refresh; the source keeps when it was last read and why that failed, if it did.
CREATE TABLE federation_calendar_sources (
    site_id TEXT PRIMARY KEY REFERENCES federation_sites(id),
    system_url TEXT NOT NULL,
    refreshed_at TEXT,
    last_error TEXT
);
CREATE TABLE federation_calendar (
    site_id TEXT NOT NULL REFERENCES federation_sites(id),
    url TEXT NOT NULL,
    municipality TEXT NOT NULL,
    body TEXT,
    name TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT,
    location TEXT,
    web TEXT,
    state TEXT NOT NULL CHECK (state IN ('planned', 'cancelled')),
    PRIMARY KEY (site_id, url)
);
CREATE INDEX federation_calendar_start ON federation_calendar (starts_at);
