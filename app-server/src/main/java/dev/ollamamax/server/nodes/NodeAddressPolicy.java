package dev.ollamamax.server.nodes;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where nodes may be: not on link-local addresses (169.254.0.0/16, fe80::/10) and not on cloud metadata
 * services (169.254.169.254, fd00:ec2::254, {@code metadata.google.internal}), unless
 * {@code NODE_ALLOWED_NETWORKS} names them. Checked when a URL is added and again on every new
 * connection, against the address actually connected to (a name that later resolves elsewhere gains nothing).
 */
public final class NodeAddressPolicy {

    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog", "metadata");
    private static final List<InetAddress> METADATA_ADDRESSES = List.of(literal("169.254.169.254"), literal("fd00:ec2::254"));

    private final List<Cidr> allowed;

    NodeAddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    public static NodeAddressPolicy of(Config config) {
        return new NodeAddressPolicy(config.getList(Setting.NODE_ALLOWED_NETWORKS).stream()
                .filter(s -> !s.isBlank()).map(Cidr::parse).toList());
    }

    /** Link-local and metadata addresses refused, nothing extra allowed. */
    public static NodeAddressPolicy defaults() {
        return new NodeAddressPolicy(List.of());
    }

    /** Checks a node URL before it is registered; the message says why it is refused. */
    public void check(URI url) {
        try {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(url.getHost());
            } catch (UnknownHostException e) {
                if (metadataName(url.getHost())) {
                    throw refused(true);
                }
                return; // the probe reports an unknown host in its own words
            }
            for (InetAddress a : addresses) {
                refuseIfBlocked(url.getHost(), a);
            }
        } catch (NodeReplyException e) {
            throw new IllegalArgumentException(url + ": " + e.getMessage());
        }
    }

    /** The address to connect to for a node's host: the first the name resolves to, if it is allowed. */
    InetAddress resolve(String host) throws IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new NodeReplyException("unknown host");
        }
        refuseIfBlocked(host, address);
        return address;
    }

    private void refuseIfBlocked(String host, InetAddress address) throws NodeReplyException {
        boolean metadata = metadataName(host) || METADATA_ADDRESSES.contains(address);
        if (!metadata && !address.isLinkLocalAddress()) {
            return;
        }
        if (allowed.stream().anyMatch(c -> c.contains(address))) {
            return;
        }
        throw refused(metadata);
    }

    private static NodeReplyException refused(boolean metadata) {
        return new NodeReplyException((metadata ? "a cloud metadata address" : "a link-local address")
                + " is not allowed for a node; list it in NODE_ALLOWED_NETWORKS to allow it");
    }

    private static boolean metadataName(String host) {
        return METADATA_NAMES.contains(host.toLowerCase(Locale.ROOT).replaceAll("\\.$", ""));
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
