package dev.ollamamax.server.conversations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link Transcript} from a conversation's stored messages (in id order). */
final class Transcripts {

    private Transcripts() {
    }

    /** Each user message followed by its chosen answer (the newest one if none is marked); all answers kept aside. */
    static Transcript of(Conversation conversation, List<Message> all) {
        Map<Long, List<Message>> answers = new LinkedHashMap<>();
        List<Message> spine = new ArrayList<>();
        for (Message m : all) {
            if (m.role().equals("assistant") && m.parentId().isPresent()) {
                answers.computeIfAbsent(m.parentId().get(), k -> new ArrayList<>()).add(m);
            } else {
                spine.add(m);
            }
        }
        List<Message> path = new ArrayList<>();
        for (Message m : spine) {
            path.add(m);
            List<Message> mine = answers.get(m.id());
            if (mine != null) {
                path.add(mine.stream().filter(Message::chosen).reduce((a, b) -> b).orElse(mine.getLast()));
            }
        }
        answers.replaceAll((k, v) -> List.copyOf(v));
        return new Transcript(conversation, List.copyOf(path), Map.copyOf(answers));
    }
}
