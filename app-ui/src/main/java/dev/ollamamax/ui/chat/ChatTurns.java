package dev.ollamamax.ui.chat;

import dev.ollamamax.shared.protocol.ChatMessage;
import dev.ollamamax.shared.protocol.ClientFrame;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Asking: a question of the user sent with the conversation before it (queued while disconnected: the client
 * sends it once connected), a failed answer's question sent again, another answer to a question, and an
 * edited question sent in place of the old one. The answers stream through {@link ChatGenerations}.
 */
final class ChatTurns {

    private final DesktopChatClient connection;
    private final ChatSessions sessions;
    private final ChatGenerations generations;
    private final ChatModelSettings settings;
    private final Attachments attachments;
    private final Consumer<String> message;

    ChatTurns(DesktopChatClient connection, ChatSessions sessions, ChatGenerations generations, ChatModelSettings settings,
              Attachments attachments, Consumer<String> message) {
        this.connection = connection;
        this.sessions = sessions;
        this.generations = generations;
        this.settings = settings;
        this.attachments = attachments;
        this.message = message;
    }

    void send(String text) {
        String content = text == null ? "" : text.strip();
        if (content.isEmpty() && attachments.isEmpty()) {
            return;
        }
        Optional<String> model = settings.get().model();
        if (model.isEmpty()) {
            message.accept(settings.models().isEmpty()
                    ? "No model is available: add a node on the Nodes screen, or pull a model" : "Choose a model first");
            return;
        }
        if (!connection.hasClient()) {
            message.accept("The gateway is not running: the chat connects once it is up");
            return;
        }
        message.accept("");
        List<ChatItem> session = sessions.current();
        List<ChatMessage> messages = NodeMessages.before(session, session.size());
        List<String> images = attachments.take();
        messages.add(ChatMessage.user(content, images));
        sessions.add(ChatItem.user(content, images));
        ChatItem answer = pendingAnswer(model.get());
        start(answer, messages, model.get(), null, false);
        settings.keep();
    }

    /** The conversation up to an answer's question, when the answer may be asked again (finished, connected). */
    private Optional<List<ChatMessage>> questionOf(ChatItem answer) {
        List<ChatItem> session = sessions.current();
        int index = session.indexOf(answer);
        if (index < 0 || answer.kind() != ChatItem.Kind.ASSISTANT || answer.active() || !connection.hasClient()) {
            return Optional.empty();
        }
        List<ChatMessage> messages = NodeMessages.before(session, index);
        if (messages.isEmpty() || !messages.getLast().role().equals("user")) {
            return Optional.empty();
        }
        return Optional.of(messages);
    }

    /** Sends a failed or lost answer's question again, into the same answer with a new generation id. */
    void retry(ChatItem answer) {
        questionOf(answer).ifPresent(messages -> again(answer, messages, false));
    }

    /** Another answer to the same question: the current one is kept as an alternative. */
    void regenerate(ChatItem answer) {
        questionOf(answer).ifPresent(messages -> {
            answer.keepAsAlternative();
            again(answer, messages, true);
        });
    }

    private void again(ChatItem answer, List<ChatMessage> messages, boolean regenerate) {
        String model = settings.get().model().orElse(answer.model());
        answer.restartAs(generations.nextId());
        if (!connection.connected()) {
            answer.setState(ChatItem.State.QUEUED);
        }
        // a regenerated earlier answer starts a branch: the turns after it stay with the old answer (read back when done)
        List<ChatItem> session = sessions.current();
        boolean reload = regenerate && session.indexOf(answer) < session.size() - 1;
        start(answer, messages, model, regenerate ? Boolean.TRUE : null, reload);
    }

    /** Sends {@code newText} in place of this question; the gateway keeps the old one as another branch. */
    void edit(ChatItem question, String newText) {
        List<ChatItem> session = sessions.current();
        int index = session.indexOf(question);
        Optional<List<ChatMessage>> messages = ChatBranches.editMessages(session, index, newText);
        Optional<String> model = settings.get().model();
        if (messages.isEmpty() || model.isEmpty() || generations.generating() || !connection.hasClient()) {
            return;
        }
        sessions.cutFrom(index);
        sessions.add(ChatItem.user(newText.strip(), question.images()));
        ChatItem answer = pendingAnswer(model.get());
        String conversation = sessions.shownId();
        generations.start(conversation, answer, true, new ClientFrame.Inference(answer.generationId().orElseThrow(),
                model.get(), messages.get(), null, conversation, settings.get().toProtocol(), null, null, Boolean.TRUE));
    }

    private ChatItem pendingAnswer(String model) {
        ChatItem answer = ChatItem.pending(generations.nextId(), model, connection.connected());
        sessions.add(answer);
        return answer;
    }

    private void start(ChatItem answer, List<ChatMessage> messages, String model, Boolean regenerate, boolean reload) {
        String conversation = sessions.shownId();
        generations.start(conversation, answer, reload, new ClientFrame.Inference(answer.generationId().orElseThrow(),
                model, messages, null, conversation, settings.get().toProtocol(), null, regenerate));
    }
}
