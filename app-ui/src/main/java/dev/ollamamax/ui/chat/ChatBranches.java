package dev.ollamamax.ui.chat;

import dev.ollamamax.shared.protocol.ChatMessage;
import java.util.List;
import java.util.Optional;

/**
 * Edit-as-branch on the chat's items: what an edited question sends, and which stored version the "1 / 2"
 * arrows of a question lead to. The gateway keeps the branches (see docs/decisions/0010); these are the
 * rules on the desktop's side.
 */
final class ChatBranches {

    private ChatBranches() {
    }

    /**
     * The messages of an edit of the question at {@code index}: the conversation before it, then the new text
     * with the question's pictures. Empty when {@code index} is not a question or the text is blank.
     */
    static Optional<List<ChatMessage>> editMessages(List<ChatItem> session, int index, String text) {
        if (index < 0 || index >= session.size() || session.get(index).kind() != ChatItem.Kind.USER
                || text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<ChatMessage> messages = NodeMessages.before(session, index);
        messages.add(ChatMessage.user(text.strip(), session.get(index).images()));
        return Optional.of(messages);
    }

    /** The stored message id of the version {@code delta} steps from the shown one, if there is one. */
    static Optional<Long> version(ChatItem question, int delta) {
        QuestionVersions v = question.versions();
        int target = v.shown() + delta;
        if (v.ids().size() < 2 || target < 0 || target >= v.ids().size()) {
            return Optional.empty();
        }
        return Optional.of(v.ids().get(target));
    }
}
