package dev.ollamamax.server.conversations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link Transcript} from a conversation's stored messages (in id order): from the first questions
 * down, at each step the chosen child (the newest chosen one; the newest one when none is marked).
 */
final class Transcripts {

    private Transcripts() {
    }

    static Transcript of(Conversation conversation, List<Message> all) {
        Map<Long, List<Message>> children = children(all);
        return new Transcript(conversation, path(children), Map.copyOf(children));
    }

    static Map<Long, List<Message>> children(List<Message> all) {
        Map<Long, List<Message>> children = new LinkedHashMap<>();
        for (Message m : all) {
            children.computeIfAbsent(m.parentId().orElse(Transcript.ROOT), k -> new ArrayList<>()).add(m);
        }
        children.replaceAll((k, v) -> List.copyOf(v));
        return children;
    }

    static List<Message> path(Map<Long, List<Message>> children) {
        List<Message> path = new ArrayList<>();
        long at = Transcript.ROOT;
        int total = children.values().stream().mapToInt(List::size).sum();
        while (children.containsKey(at) && path.size() < total) {
            List<Message> mine = children.get(at);
            Message next = mine.stream().filter(Message::chosen).reduce((a, b) -> b).orElse(mine.getLast());
            path.add(next);
            at = next.id();
        }
        return List.copyOf(path);
    }

    /** User message number {@code turn} (0 = the first) of the path; the last one for a negative turn. */
    static Optional<Message> userTurn(List<Message> path, int turn) {
        List<Message> questions = path.stream().filter(m -> m.role().equals("user")).toList();
        if (questions.isEmpty() || turn >= questions.size()) {
            return Optional.empty();
        }
        return Optional.of(turn < 0 ? questions.getLast() : questions.get(turn));
    }
}
