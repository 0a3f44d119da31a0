package dev.ollamamax.server.http;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which {@code Host} headers the gateway answers (the DNS-rebinding guard, as Ollama's fix of
 * CVE-2024-28224): loopback names ({@code localhost}, {@code *.localhost}), any IP address literal (a
 * rebinding page always arrives under its own DNS name, never under an address), the name {@code HOST} is
 * bound to, and the names in {@code ALLOWED_HOSTS} ({@code *} accepts any). Ports do not matter.
 */
public final class HostPolicy {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+(%[A-Za-z0-9]+)?");

    private final List<String> allowed;
    private final boolean any;
    private final String bound;

    HostPolicy(String boundHost, List<String> allowedHosts) {
        this.allowed = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        this.any = allowed.contains("*");
        this.bound = boundHost.strip().toLowerCase(Locale.ROOT);
    }

    public static HostPolicy of(Config config) {
        return new HostPolicy(config.get(Setting.HOST), config.getList(Setting.ALLOWED_HOSTS));
    }

    /** Why a request with this {@code Host} header is refused, or empty when it is accepted (also when absent). */
    public Optional<String> refusal(Optional<String> hostHeader) {
        if (any || hostHeader.isEmpty()) {
            return Optional.empty();
        }
        String name = hostName(hostHeader.get());
        if (accepts(name)) {
            return Optional.empty();
        }
        String shown = name.length() > 100 ? name.substring(0, 100) + "…" : name;
        return Optional.of("the host name '" + shown.replaceAll("[^A-Za-z0-9.\\-_:\\[\\]]", "?") + "' is not served "
                + "here (a guard against DNS rebinding); if this gateway is meant to answer under that name, add "
                + "it to ALLOWED_HOSTS");
    }

    boolean accepts(String name) {
        if (name.isEmpty()) {
            return false;
        }
        if (name.equals("localhost") || name.endsWith(".localhost") || name.equals(bound) || allowed.contains(name)) {
            return true;
        }
        if (IPV4.matcher(name).matches()) {
            return true;
        }
        if (name.startsWith("[") && name.endsWith("]") && IPV6.matcher(name.substring(1, name.length() - 1)).matches()) {
            return true;
        }
        return allowed.stream().anyMatch(a -> a.startsWith("*.") && name.endsWith(a.substring(1)));
    }

    /** The name of a {@code Host} header: lower case, without the port and a trailing dot; IPv6 keeps its brackets. */
    static String hostName(String header) {
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** Whether {@code HOST} is a loopback address or name (the listeners are reachable from this machine only). */
    public static boolean isLoopback(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (!IPV4.matcher(h).matches() && !IPV6.matcher(h.replace("[", "").replace("]", "")).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
