-- Quartier foundation: tenancy, access, the network registry and the audit log.
-- Portable conventions (see host/src/db): ids are UUIDv7 text, timestamps fixed-width
-- RFC 3339 UTC text, flags 0/1 (FLAG), counters and money integers (INT), `version` counts
-- edits for optimistic concurrency.

CREATE TABLE municipalities (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    state TEXT,
    qm_model TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE areas (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    parent_id TEXT REFERENCES areas(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    population BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX areas_municipality ON areas (municipality_id, name);
CREATE INDEX areas_parent ON areas (parent_id);

-- Organisations are host-wide: one welfare organisation works in several municipalities.
CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id TEXT REFERENCES organisations(id),
    email TEXT,
    phone TEXT,
    website TEXT,
    address TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX organisations_name ON organisations (name);

CREATE TABLE organisation_areas (
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    area_id TEXT NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
    PRIMARY KEY (organisation_id, area_id)
);
CREATE INDEX organisation_areas_area ON organisation_areas (area_id);

-- Persons (contacts) are personal data kept by one municipality. Erasure blanks the personal
-- columns and sets erased_at; the row stays so meeting history keeps its shape.
CREATE TABLE persons (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    organisation_id TEXT REFERENCES organisations(id),
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    listed_publicly SMALLINT NOT NULL DEFAULT 0,
    may_contact SMALLINT NOT NULL DEFAULT 0,
    erased_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX persons_municipality ON persons (municipality_id, name);

CREATE TABLE bodies (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    area_id TEXT REFERENCES areas(id),
    parent_id TEXT REFERENCES bodies(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    public SMALLINT NOT NULL DEFAULT 1,
    rhythm TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX bodies_municipality ON bodies (municipality_id, name);

-- What a body may do with funds: advise on or decide applications, up to an amount.
CREATE TABLE body_powers (
    body_id TEXT NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    power TEXT NOT NULL,
    fund_kind TEXT NOT NULL,
    max_amount_cents BIGINT,
    PRIMARY KEY (body_id, position)
);

CREATE TABLE memberships (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    body_id TEXT NOT NULL REFERENCES bodies(id),
    organisation_id TEXT REFERENCES organisations(id),
    person_id TEXT REFERENCES persons(id),
    role TEXT NOT NULL,
    voting_right SMALLINT NOT NULL DEFAULT 0,
    starts_on TEXT,
    ends_on TEXT,
    on_behalf_of_id TEXT REFERENCES organisations(id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (organisation_id IS NOT NULL OR person_id IS NOT NULL)
);
CREATE INDEX memberships_body ON memberships (body_id);
CREATE INDEX memberships_organisation ON memberships (organisation_id);
CREATE INDEX memberships_person ON memberships (person_id);

CREATE TABLE join_requests (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    body_id TEXT NOT NULL REFERENCES bodies(id),
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    message TEXT,
    state TEXT NOT NULL,
    requested_by TEXT,
    decided_by TEXT,
    decided_at TEXT,
    decision_note TEXT,
    membership_id TEXT REFERENCES memberships(id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX join_requests_body ON join_requests (body_id, state);
-- At most one open request per organisation and body.
CREATE UNIQUE INDEX join_requests_one_open ON join_requests (body_id, organisation_id)
    WHERE state = 'offen';

CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    body_id TEXT NOT NULL REFERENCES bodies(id),
    title TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT,
    location TEXT,
    state TEXT NOT NULL,
    minutes TEXT,
    minutes_approved SMALLINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX meetings_municipality_start ON meetings (municipality_id, starts_at);
CREATE INDEX meetings_body_start ON meetings (body_id, starts_at);

CREATE TABLE agenda_items (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    public SMALLINT NOT NULL DEFAULT 1,
    result TEXT,
    resolution TEXT,
    votes_yes BIGINT,
    votes_no BIGINT,
    votes_abstain BIGINT,
    UNIQUE (meeting_id, position)
);

CREATE TABLE attendance (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    person_id TEXT REFERENCES persons(id),
    organisation_id TEXT REFERENCES organisations(id),
    status TEXT NOT NULL,
    PRIMARY KEY (meeting_id, position),
    CHECK (organisation_id IS NOT NULL OR person_id IS NOT NULL)
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    municipality_id TEXT REFERENCES municipalities(id),
    organisation_id TEXT REFERENCES organisations(id),
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT,
    disabled SMALLINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

-- API tokens are stored as SHA-256 of a 256-bit random secret: fast to look up, useless if leaked.
CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT
);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    municipality_id TEXT,
    actor_id TEXT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    at TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX audit_log_municipality_at ON audit_log (municipality_id, at);
CREATE INDEX audit_log_object ON audit_log (object_kind, object_id);
