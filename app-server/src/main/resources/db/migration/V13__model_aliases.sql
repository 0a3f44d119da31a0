-- Model aliases with fallback groups managed through the admin API (/api/v1/aliases), shared by every
-- gateway instance on this database. models is the ordered list a request for the alias tries.

CREATE TABLE model_aliases (
    name       TEXT PRIMARY KEY,
    models     TEXT[] NOT NULL CHECK (cardinality(models) > 0),
    updated_by TEXT,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
