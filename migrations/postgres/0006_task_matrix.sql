-- The task matrix (DESIGN.md §2 "Task matrix"): the yearly log in which staff record what was
-- done for which task of the municipality's matrix, and who the matrix's actors are. The
-- matrix itself is not stored: it is the base of schemas/task-matrix/base.json adapted by the
-- active plugin on request.

CREATE TABLE task_log (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    year BIGINT NOT NULL,
    task_key TEXT NOT NULL,
    -- steuerung, planung or gemeinwesenarbeit; NULL when the entry concerns the whole task.
    column_key TEXT,
    activity TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_by_id TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX task_log_year ON task_log (municipality_id, year, task_key, created_at);

-- Who the matrix's actor keys are in this municipality: the contractors (e.g. which welfare
-- organisation is `traeger_stadtteilbuero`, which office is `planungsbuero`).
CREATE TABLE task_matrix_actors (
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    actor_key TEXT NOT NULL,
    organisation_id TEXT REFERENCES organisations(id),
    label TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (municipality_id, actor_key)
);
