-- Closed exchange periods of a site (`federation::closing`): one row per municipality and
-- period, written in the same transaction as the period's bundle in the outbox. A period
-- may not overlap one closed before (a year and one of its halves), so no suppressed count
-- can be worked out as the difference of two bundles.
CREATE TABLE federation_closings (
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    period TEXT NOT NULL,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL UNIQUE REFERENCES federation_outbox(sequence),
    closed_at TEXT NOT NULL,
    PRIMARY KEY (municipality_id, period)
);
CREATE INDEX federation_closings_year ON federation_closings (municipality_id, year);
