-- The version of a municipality's task-matrix actors, taken as one object (their ETag): every
-- change of an actor key counts it up, so that a change made on an outdated list is refused
-- (412) instead of overwriting another coordinator's. Actor keys have no row of their own
-- until they are set, so the version lives here. A municipality without a row is at
-- version 1; its first change adds the row.
CREATE TABLE task_matrix_actor_versions (
    municipality_id TEXT PRIMARY KEY REFERENCES municipalities(id),
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);
