-- One row per generation or embedding request (on /v1, /api and /chat), written in batches by the usage
-- writer; /auth/usage sums them by day, model and key. Replaces the per-day counters of V2, which nothing wrote.

DROP TABLE usage;

CREATE TABLE usage_requests (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at                TIMESTAMPTZ NOT NULL,
    user_id           BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    api_key_id        BIGINT,
    endpoint          TEXT        NOT NULL,
    model             TEXT        NOT NULL,
    node              TEXT        NOT NULL DEFAULT '',
    listener          TEXT        NOT NULL,
    prompt_tokens     BIGINT      NOT NULL DEFAULT 0,
    completion_tokens BIGINT      NOT NULL DEFAULT 0,
    ttft_ms           BIGINT,
    duration_ms       BIGINT      NOT NULL,
    outcome           TEXT        NOT NULL CHECK (outcome IN ('ok', 'error', 'cancelled', 'cached')),
    error_kind        TEXT
);
CREATE INDEX usage_requests_user_at_idx ON usage_requests (user_id, at);
CREATE INDEX usage_requests_at_idx ON usage_requests (at);
