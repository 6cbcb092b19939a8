-- Projects (Maßnahmen) of the integrated action concept with their goal hierarchy
-- (Leitziel → Handlungsziel → measurable target) and the measurements that show progress;
-- contracts (Kontrakte) with parties, targets and the steering body's reviews.
CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    title TEXT NOT NULL,
    description TEXT,
    field_of_action TEXT NOT NULL,
    area_id TEXT REFERENCES areas(id),
    lead_organisation_id TEXT REFERENCES organisations(id),
    budget_cents INTEGER,
    state TEXT NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX projects_municipality_state ON projects (municipality_id, state);

CREATE TABLE project_partners (
    project_id TEXT NOT NULL REFERENCES projects(id),
    position INTEGER NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (project_id, organisation_id)
);
CREATE INDEX project_partners_organisation ON project_partners (organisation_id);

-- Every state change of a project: who, when, from, to, why.
CREATE TABLE project_events (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    project_id TEXT NOT NULL REFERENCES projects(id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    actor_id TEXT,
    actor TEXT NOT NULL,
    note TEXT,
    at TEXT NOT NULL
);
CREATE INDEX project_events_project ON project_events (project_id, at);

-- Leitziele (parent_id NULL) and their Handlungsziele.
CREATE TABLE project_goals (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    project_id TEXT NOT NULL REFERENCES projects(id),
    parent_id TEXT REFERENCES project_goals(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT
);
CREATE INDEX project_goals_project ON project_goals (project_id);

-- Measurable targets (Zielindikatoren) of a Handlungsziel.
CREATE TABLE project_targets (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    project_id TEXT NOT NULL REFERENCES projects(id),
    goal_id TEXT NOT NULL REFERENCES project_goals(id),
    position INTEGER NOT NULL,
    indicator TEXT NOT NULL,
    unit TEXT NOT NULL,
    baseline REAL,
    target_value REAL NOT NULL,
    deadline TEXT NOT NULL
);
CREATE INDEX project_targets_project ON project_targets (project_id);

CREATE TABLE project_measurements (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    project_id TEXT NOT NULL REFERENCES projects(id),
    target_id TEXT NOT NULL REFERENCES project_targets(id),
    measured_on TEXT NOT NULL,
    actual_value REAL NOT NULL,
    note TEXT,
    actor_id TEXT,
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX project_measurements_target ON project_measurements (target_id, measured_on);

CREATE TABLE contracts (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    title TEXT NOT NULL,
    subject TEXT,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    steering_body_id TEXT NOT NULL REFERENCES bodies(id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX contracts_municipality ON contracts (municipality_id, starts_on);

-- A party is an organisation, or the municipality itself (organisation_id NULL).
CREATE TABLE contract_parties (
    contract_id TEXT NOT NULL REFERENCES contracts(id),
    position INTEGER NOT NULL,
    organisation_id TEXT REFERENCES organisations(id),
    role TEXT NOT NULL,
    PRIMARY KEY (contract_id, position)
);
CREATE INDEX contract_parties_organisation ON contract_parties (organisation_id);

CREATE TABLE contract_targets (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    contract_id TEXT NOT NULL REFERENCES contracts(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    description TEXT,
    indicator TEXT,
    unit TEXT,
    target_value REAL,
    deadline TEXT NOT NULL
);
CREATE INDEX contract_targets_contract ON contract_targets (contract_id);

-- A review by the steering body, optionally in one of its meetings.
CREATE TABLE contract_reviews (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    contract_id TEXT NOT NULL REFERENCES contracts(id),
    body_id TEXT NOT NULL REFERENCES bodies(id),
    meeting_id TEXT REFERENCES meetings(id),
    reviewed_on TEXT NOT NULL,
    note TEXT,
    actor_id TEXT,
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX contract_reviews_contract ON contract_reviews (contract_id, reviewed_on);

CREATE TABLE contract_review_results (
    review_id TEXT NOT NULL REFERENCES contract_reviews(id),
    target_id TEXT NOT NULL REFERENCES contract_targets(id),
    status TEXT NOT NULL,
    comment TEXT,
    PRIMARY KEY (review_id, target_id)
);
