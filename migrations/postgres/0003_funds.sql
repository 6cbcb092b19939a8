-- Funds (Verfügungs-, Stadtteil-, Aktions-, Quartiersfonds) and applications to them.
--
-- `funds.approved_cents` and `funds.paid_cents` are denormalised totals, changed only in the
-- transaction that records the matching event. An approval raises `approved_cents` with one
-- conditional UPDATE (`… WHERE approved_cents + amount <= budget_cents`), so racing decisions
-- can never exceed the budget. The balance at an earlier time is summed from the events.

CREATE TABLE funds (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    year BIGINT NOT NULL,
    area_id TEXT REFERENCES areas(id),
    budget_cents BIGINT NOT NULL CHECK (budget_cents >= 0),
    advising_body_id TEXT REFERENCES bodies(id),
    deciding_body_id TEXT REFERENCES bodies(id),
    cap_cents BIGINT CHECK (cap_cents IS NULL OR cap_cents >= 0),
    proof_months BIGINT NOT NULL DEFAULT 3,
    approved_cents BIGINT NOT NULL DEFAULT 0,
    paid_cents BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (approved_cents <= budget_cents)
);
CREATE INDEX funds_municipality ON funds (municipality_id, year, kind);

CREATE TABLE fund_applications (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    fund_id TEXT NOT NULL REFERENCES funds(id),
    reference TEXT NOT NULL,
    -- SHA-256 of the resident's status token (public intake only).
    status_token_hash TEXT,
    channel TEXT NOT NULL,
    title TEXT NOT NULL,
    requested_cents BIGINT NOT NULL,
    approved_cents BIGINT,
    paid_cents BIGINT,
    state TEXT NOT NULL,
    recommendation TEXT,
    -- JSON array of {action, by, body_id}: who advises and who decides.
    steps TEXT NOT NULL,
    -- The bodies holding the advise and the decide step (denormalised from `steps`).
    advise_body_id TEXT REFERENCES bodies(id),
    decide_body_id TEXT REFERENCES bodies(id),
    routing_source TEXT NOT NULL,
    form_data TEXT NOT NULL,
    review_state TEXT NOT NULL,
    review_reason TEXT,
    warnings TEXT NOT NULL,
    decided_at TEXT,
    decision_reason TEXT,
    proof_due_on TEXT,
    submitted_by TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX fund_applications_municipality ON fund_applications (municipality_id, state);
CREATE INDEX fund_applications_fund ON fund_applications (fund_id, state);
CREATE UNIQUE INDEX fund_applications_reference ON fund_applications (municipality_id, reference);
CREATE UNIQUE INDEX fund_applications_token ON fund_applications (status_token_hash);

CREATE TABLE fund_application_events (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    application_id TEXT NOT NULL REFERENCES fund_applications(id),
    fund_id TEXT NOT NULL REFERENCES funds(id),
    actor_id TEXT,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    reason TEXT,
    amount_cents BIGINT,
    -- What the event changed in the fund's totals (negative when a withdrawal frees money).
    approved_delta_cents BIGINT NOT NULL DEFAULT 0,
    paid_delta_cents BIGINT NOT NULL DEFAULT 0,
    recommendation TEXT,
    votes_yes BIGINT,
    votes_no BIGINT,
    votes_abstain BIGINT,
    meeting_id TEXT REFERENCES meetings(id)
);
CREATE INDEX fund_application_events_application ON fund_application_events (application_id, at);
CREATE INDEX fund_application_events_fund ON fund_application_events (fund_id, at);
