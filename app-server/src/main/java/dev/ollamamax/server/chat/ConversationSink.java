package dev.ollamamax.server.chat;

/**
 * Where finished chat turns go to be kept (the conversation store plugs in here). Called on the
 * generation's thread after its {@code done} frame was sent; a sink that fails is logged, never shown
 * to the client.
 */
public interface ConversationSink {

    void record(ConversationTurn turn);

    /** False when turns are thrown away, so answers need not be collected for it. */
    default boolean enabled() {
        return true;
    }

    /** Keeps nothing. */
    static ConversationSink none() {
        return new ConversationSink() {
            @Override
            public void record(ConversationTurn turn) {
            }

            @Override
            public boolean enabled() {
                return false;
            }
        };
    }
}
