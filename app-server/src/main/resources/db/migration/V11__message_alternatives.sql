-- Regenerate keeps history straight: an answer belongs to the user message it answers (parent_id), one
-- user turn may have several answers, and the one last chosen (chosen = true) is the one the transcript,
-- the export and the next turn's context show.

ALTER TABLE messages ADD COLUMN parent_id BIGINT REFERENCES messages (id) ON DELETE CASCADE;
ALTER TABLE messages ADD COLUMN chosen BOOLEAN NOT NULL DEFAULT true;

UPDATE messages a SET parent_id = (SELECT max(u.id) FROM messages u
                                   WHERE u.conversation_id = a.conversation_id AND u.role = 'user' AND u.id < a.id)
WHERE a.role = 'assistant';

CREATE INDEX messages_parent_idx ON messages (parent_id);
