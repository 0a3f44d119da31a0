package dev.ollamamax.server.nodes;

/** A change to the node list, pushed to chat subscribers and the desktop. */
public record NodeEvent(Type type, NodeSnapshot node) {

    public enum Type {
        ADDED("node_added"), REMOVED("node_removed"), UPDATED("node_update");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** The chat protocol's frame type. */
        public String wireName() {
            return wireName;
        }
    }
}
