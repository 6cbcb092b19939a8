-- Municipal rule plugins (DESIGN.md §3 Plugins): the uploaded versions of each municipality,
-- the history of which version was active from when to when, and the digests of compiled
-- artifacts this host produced (the runtime loads a cached artifact only when it matches).

CREATE TABLE plugin_versions (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    -- name and version as the plugin's `describe` hook reported them at upload.
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    contract_version TEXT NOT NULL,
    -- JSON array of the WIT names of the hooks the component exports.
    hooks TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    component BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_by_id TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (municipality_id, sha256)
);
CREATE INDEX plugin_versions_municipality ON plugin_versions (municipality_id, created_at);

-- One row per activation; the row without ended_at is the active version. The partial unique
-- index allows at most one per municipality. previous_id is the activation that was current
-- (or last) before, never one of the same version, so a rollback walks back this chain.
CREATE TABLE plugin_activations (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    plugin_version_id TEXT NOT NULL REFERENCES plugin_versions(id),
    previous_id TEXT REFERENCES plugin_activations(id),
    activated_at TEXT NOT NULL,
    activated_by TEXT NOT NULL,
    ended_at TEXT,
    ended_by TEXT
);
CREATE UNIQUE INDEX plugin_activations_one_active ON plugin_activations (municipality_id)
    WHERE ended_at IS NULL;
CREATE INDEX plugin_activations_history ON plugin_activations (municipality_id, activated_at);

-- Host-wide: a component's compiled artifact is the same for every municipality using it.
CREATE TABLE plugin_artifacts (
    component_sha256 TEXT PRIMARY KEY,
    artifact_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL
);
