package dev.ollamamax.server.nodes;

/** Health of a node as the probe loop last saw it. */
public enum NodeStatus {
    /** Not probed yet. */
    UNKNOWN,
    UP,
    /** Failed a request or a probe; kept out of routing until its cool-down ends and a probe succeeds. */
    DOWN
}
