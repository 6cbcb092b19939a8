-- Filled-in self-evaluations (`schemas/forms/self-evaluation.schema.json` as the
-- municipality's plugin adapted it): the answers as submitted, checked like every form.
CREATE TABLE self_evaluations (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    area_id TEXT REFERENCES areas(id),
    year INTEGER NOT NULL,
    answers TEXT NOT NULL,
    review_state TEXT NOT NULL,
    review_reason TEXT,
    warnings TEXT NOT NULL,
    submitted_by TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX self_evaluations_by_year ON self_evaluations (municipality_id, year);
CREATE INDEX self_evaluations_area ON self_evaluations (area_id);
