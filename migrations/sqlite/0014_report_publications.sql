-- Reports a municipality's coordination published on its public page (reports/publication.rs):
-- the report as it was made at publishing, with small counts suppressed (reports/publish.rs),
-- stored as JSON (cover and sections). Withdrawing deletes the row.
CREATE TABLE report_publications (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    document TEXT NOT NULL,
    published_at TEXT NOT NULL
);
CREATE INDEX report_publications_municipality ON report_publications (municipality_id, published_at);
