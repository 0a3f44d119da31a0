package dev.ollamamax.ui.chat;

import dev.ollamamax.shared.protocol.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/** The conversation as a node sees it: the chat's items turned into the messages an inference request sends. */
final class NodeMessages {

    private NodeMessages() {
    }

    /** The messages before position {@code end}: questions and kept answers, no notices or failures. */
    static List<ChatMessage> before(List<ChatItem> items, int end) {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatItem i : items.subList(0, end)) {
            if (i.kind() == ChatItem.Kind.USER) {
                out.add(ChatMessage.user(i.received(), i.images()));
            } else if (i.kind() == ChatItem.Kind.ASSISTANT && (i.state() == ChatItem.State.DONE
                    || i.state() == ChatItem.State.STOPPED) && !i.received().isEmpty()) {
                out.add(ChatMessage.assistant(i.received()));
            }
        }
        return out;
    }
}
