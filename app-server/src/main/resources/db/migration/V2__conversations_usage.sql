-- Conversations held over /chat, their messages, and token usage per user, key, model and node.

CREATE TABLE conversations (
    id         TEXT        PRIMARY KEY,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX conversations_user_idx ON conversations (user_id, updated_at DESC);

CREATE TABLE messages (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id   TEXT        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    role              TEXT        NOT NULL,
    content           TEXT        NOT NULL,
    model             TEXT,
    node              TEXT,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX messages_conversation_idx ON messages (conversation_id, id);

-- One row per day, user, key (0 = no key: a JWT), model and node; counters are added to.
CREATE TABLE usage (
    day               DATE   NOT NULL,
    user_id           BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    api_key_id        BIGINT NOT NULL DEFAULT 0,
    model             TEXT   NOT NULL,
    node              TEXT   NOT NULL DEFAULT '',
    requests          BIGINT NOT NULL DEFAULT 0,
    prompt_tokens     BIGINT NOT NULL DEFAULT 0,
    completion_tokens BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, user_id, api_key_id, model, node)
);
