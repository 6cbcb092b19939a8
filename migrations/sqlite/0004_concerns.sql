-- Concerns (Anliegen) of residents, passed on by the QM to the department responsible
-- (Lotsenfunktion). The reporter's contact lives apart in concern_reporters, so the concern
-- itself carries no personal data and outlives the contact's erasure.
CREATE TABLE concerns (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    reference TEXT NOT NULL UNIQUE,
    status_token_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    category TEXT NOT NULL,
    area TEXT,
    form_data TEXT NOT NULL,
    review_state TEXT NOT NULL,
    review_reason TEXT,
    warnings TEXT NOT NULL,
    proposal_kind TEXT,
    proposed_department TEXT,
    proposed_organisation_id TEXT REFERENCES organisations(id),
    proposal_reason TEXT,
    state TEXT NOT NULL,
    department TEXT,
    department_organisation_id TEXT REFERENCES organisations(id),
    forwarded_at TEXT,
    feedback TEXT,
    feedback_at TEXT,
    released_feedback TEXT,
    report_channel TEXT,
    reported_at TEXT,
    duplicate_of TEXT REFERENCES concerns(id),
    closed_at TEXT,
    received_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX concerns_municipality_state ON concerns (municipality_id, state);
CREATE INDEX concerns_municipality_department ON concerns (municipality_id, department);
CREATE INDEX concerns_closed ON concerns (closed_at);

-- The reporter's contact: read only through an audit-logged endpoint, blanked (erased_at
-- set) a configurable time after the concern was closed.
CREATE TABLE concern_reporters (
    concern_id TEXT PRIMARY KEY REFERENCES concerns(id),
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    name TEXT,
    email TEXT,
    phone TEXT,
    may_contact INTEGER NOT NULL DEFAULT 0,
    erased_at TEXT
);

-- Every state change of a concern: who, when, from, to, why.
CREATE TABLE concern_events (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    concern_id TEXT NOT NULL REFERENCES concerns(id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    actor_id TEXT,
    actor TEXT NOT NULL,
    note TEXT,
    at TEXT NOT NULL
);
CREATE INDEX concern_events_concern ON concern_events (concern_id, at);
