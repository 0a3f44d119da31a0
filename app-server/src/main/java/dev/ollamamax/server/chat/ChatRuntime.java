package dev.ollamamax.server.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.nodes.ModelAliases;
import dev.ollamamax.server.nodes.NodeRegistry;
import dev.ollamamax.server.nodes.Upstream;
import dev.ollamamax.server.usage.UsageSink;

/** What every chat connection uses, built once by {@link ChatFeature}. */
record ChatRuntime(ChatHub hub, NodeRegistry nodes, Upstream upstream, ModelAliases aliases, ChatAuth auth, ConversationSink sink, UsageSink usage,
                   ObjectMapper json, long maxFrameBytes, String version, ChatLimits limits, GenerationPermits permits) {
}
