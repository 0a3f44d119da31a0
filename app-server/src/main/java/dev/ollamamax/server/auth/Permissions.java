package dev.ollamamax.server.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one table of what needs the {@code admin} role, by method and path, checked by {@link AuthFilter}
 * after authentication on every listener. Everything not listed is open to any signed-in user (inference,
 * embeddings, listing models and nodes, their own keys, conversations and usage). Paths are matched
 * whole, case-sensitively, after Helidon normalised them; the routes themselves stay role-free.
 */
final class Permissions {

    /** One admin-only operation: the method ({@code *} = any), the path pattern, and what it is, for messages. */
    record Rule(String method, Pattern path, String what) {
        boolean matches(String m, String p) {
            return (method.equals("*") || method.equals(m)) && path.matcher(p).matches();
        }
    }

    static final String ADMIN = "admin";

    static final List<Rule> ADMIN_ONLY = List.of(
            rule("POST", "/api/v1/nodes", "adding nodes"),
            rule("POST", "/api/v1/nodes/test", "testing node URLs"),
            rule("DELETE", "/api/v1/nodes/[^/]+", "removing nodes"),
            rule("POST", "/api/v1/nodes/[^/]+/(drain|undrain)", "draining nodes"),
            rule("*", "/api/v1/services(/.*)?", "managing services"),
            rule("*", "/api/v1/aliases(/.*)?", "managing model aliases"),
            rule("POST", "/api/pull", "pulling models"),
            rule("DELETE", "/api/delete", "deleting models"),
            rule("POST", "/api/copy", "copying models"),
            rule("POST", "/api/create", "creating models"),
            rule("POST", "/api/push", "pushing models"),
            rule("*", "/api/blobs/.*", "uploading model blobs"),
            rule("*", "/auth/users(/.*)?", "managing users"));

    private Permissions() {
    }

    /** What the request does when it is admin-only, else empty. */
    static Optional<Rule> adminOnly(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return ADMIN_ONLY.stream().filter(r -> r.matches(m, p)).findFirst();
    }

    /** The refusal people read: names the operation and the missing role. */
    static String refusal(Rule rule, Principal who) {
        return rule.what() + " requires the admin role; " + who.username() + " has the " + who.role() + " role";
    }

    private static Rule rule(String method, String regex, String what) {
        return new Rule(method, Pattern.compile(regex), what);
    }
}
