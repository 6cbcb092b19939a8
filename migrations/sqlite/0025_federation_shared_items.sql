-- Shared items of the exchange (`federation::shared`): what a site's coordination released
-- for the service centre's catalogue — good-practice dossiers, tender documents, events —
-- and, at the centre, the catalogue the sites' staff search (`federation::centre::catalogue`).
--
-- At the site: the item with its revision, which grows with each release, attachment or
-- withdrawal, and the PDF that goes with it, if any; a withdrawn item keeps its row and
-- loses nothing else, so its history stays visible.
CREATE TABLE shared_items (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL CHECK (kind IN ('dossier', 'tender', 'event')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    field_of_action TEXT,
    item_date TEXT,
    place TEXT,
    attachment_name TEXT,
    attachment BLOB,
    revision INTEGER NOT NULL CHECK (revision > 0),
    released_by TEXT REFERENCES users(id),
    released_at TEXT NOT NULL,
    withdrawn_at TEXT
);
CREATE INDEX shared_items_municipality ON shared_items (municipality_id, released_at);
-- Each revision's message as it is signed and sent, written in the transaction of the
-- release or withdrawal; pending until the centre acknowledged it.
CREATE TABLE federation_item_outbox (
    item_id TEXT NOT NULL REFERENCES shared_items(id),
    revision INTEGER NOT NULL CHECK (revision > 0),
    message TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    PRIMARY KEY (item_id, revision)
);
CREATE INDEX federation_item_outbox_state ON federation_item_outbox (state, created_at);
-- At the centre: each site's items at their latest revision. A withdrawal empties the
-- texts, the kind and the attachment and sets `withdrawn_at` but keeps the revision, so an older release that arrives
-- late changes nothing.
-- `search_text` is title and summary in lower case (Unicode, done by the host: SQLite's
-- LOWER knows only ASCII).
CREATE TABLE federation_catalogue (
    site_id TEXT NOT NULL REFERENCES federation_sites(id),
    item_id TEXT NOT NULL,
    revision INTEGER NOT NULL CHECK (revision > 0),
    municipality TEXT NOT NULL,
    kind TEXT CHECK (kind IN ('dossier', 'tender', 'event')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    field_of_action TEXT,
    item_date TEXT,
    place TEXT,
    released_on TEXT,
    attachment_name TEXT,
    attachment_bytes INTEGER,
    attachment BLOB,
    search_text TEXT NOT NULL,
    withdrawn_at TEXT,
    received_at TEXT NOT NULL,
    PRIMARY KEY (site_id, item_id)
);
CREATE INDEX federation_catalogue_listed ON federation_catalogue (released_on);
