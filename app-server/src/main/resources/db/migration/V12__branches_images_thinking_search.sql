-- Chat like the desktop apps: a conversation is a tree of messages, images and thinking are kept, and
-- messages and titles are searchable with PostgreSQL full-text search (docs/decisions/0010).
--
-- Branches extend the alternatives of V11: every message now has a parent (the message it follows; null for
-- the first question), messages with the same parent are alternatives of each other, and the one chosen is on
-- the path the transcript shows. An answer's parent stays the question it answers; a question's parent is
-- the answer it follows. Editing a question adds a sibling question (a new branch); regenerating adds a
-- sibling answer. Existing linear conversations hang each question on the chosen answer of the turn before,
-- so what they show does not change.

UPDATE messages u SET parent_id = COALESCE(
    (SELECT a.id FROM messages a
     WHERE a.role = 'assistant' AND a.chosen
       AND a.parent_id = (SELECT max(q.id) FROM messages q
                          WHERE q.conversation_id = u.conversation_id AND q.role <> 'assistant' AND q.id < u.id)
     ORDER BY a.id DESC LIMIT 1),
    (SELECT max(p.id) FROM messages p WHERE p.conversation_id = u.conversation_id AND p.id < u.id))
WHERE u.role <> 'assistant' AND u.parent_id IS NULL;

ALTER TABLE messages ADD COLUMN thinking TEXT;

CREATE TABLE message_images (
    message_id BIGINT  NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    data       BYTEA   NOT NULL,
    PRIMARY KEY (message_id, position)
);

ALTER TABLE messages ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('english', content)) STORED;
CREATE INDEX messages_search_idx ON messages USING GIN (search);
CREATE INDEX conversations_title_search_idx ON conversations USING GIN (to_tsvector('english', title));
