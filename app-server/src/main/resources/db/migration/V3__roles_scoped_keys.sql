-- Disabled accounts (cannot log in; their tokens and keys stop working) and scoped API keys: scopes
-- ('keys' lets a key manage keys), allowed models (empty = all), own per-minute limits and an expiry.

ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE api_keys
    ADD COLUMN scopes              TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN models              TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN requests_per_minute INTEGER CHECK (requests_per_minute > 0),
    ADD COLUMN tokens_per_minute   INTEGER CHECK (tokens_per_minute > 0),
    ADD COLUMN expires_at          TIMESTAMPTZ;
