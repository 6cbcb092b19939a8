-- The site's outbox of exchange bundles (`federation::outbox`): one row per sequence
-- number, the bundle's bytes as they are signed and sent (a resend sends the same bytes,
-- so the centre recognises it by its message id). Pending until the centre acknowledged
-- it; a gap reported by the centre puts rows from its expected number back to pending.
CREATE TABLE federation_outbox (
    sequence BIGINT PRIMARY KEY CHECK (sequence > 0),
    municipality TEXT NOT NULL,
    period TEXT NOT NULL,
    bundle TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent')),
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX federation_outbox_state ON federation_outbox (state, sequence);
