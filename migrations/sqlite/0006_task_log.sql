-- The yearly log of the task matrix (DESIGN.md §2 "Task matrix"): staff record per year what
-- was done for which task of the municipality's matrix. The matrix itself is not stored: it
-- is the base of schemas/task-matrix/base.json adapted by the active plugin on request.

CREATE TABLE task_log (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    year INTEGER NOT NULL,
    task_key TEXT NOT NULL,
    -- steuerung, planung or gemeinwesenarbeit; NULL when the entry concerns the whole task.
    column_key TEXT,
    activity TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_by_id TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX task_log_year ON task_log (municipality_id, year, task_key, created_at);
