package dev.ollamamax.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.store.StoreUnavailableException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * How the {@code /auth} handlers answer failures: an {@link AuthException} with its status and message, a
 * throttled attempt as 429 with {@code Retry-After}, an unavailable database as 503, and any other database
 * failure as 500 with a message of ours (the SQL error goes to the log, never to the client).
 */
final class Guarded {

    private static final Logger LOG = Logger.getLogger(Guarded.class.getName());

    @FunctionalInterface
    interface Action {
        void handle(ServerRequest req, ServerResponse res) throws Exception;
    }

    /** Thrown by a handler whose caller made too many attempts. */
    static final class RateLimited extends RuntimeException {
        private final transient RateLimiter.Decision decision;

        RateLimited(RateLimiter.Decision decision) {
            super("rate limited", null, false, false);
            this.decision = decision;
        }
    }

    private Guarded() {
    }

    static Handler handler(ObjectMapper json, Action action) {
        return (req, res) -> {
            String path = req.path().absolute().path();
            try {
                action.handle(req, res);
            } catch (AuthException e) {
                Replies.error(res, json, path, e.status(), e.getMessage());
            } catch (RateLimited e) {
                res.header(HeaderNames.RETRY_AFTER, Long.toString(e.decision.retryAfterSeconds()));
                Replies.error(res, json, path, 429, "too many attempts: " + e.decision.limit()
                        + " per minute from this address; retry in " + e.decision.retryAfterSeconds() + " s");
            } catch (StoreUnavailableException e) {
                Replies.error(res, json, path, 503, e.getMessage());
            } catch (SQLException e) {
                LOG.warning("Database error on " + path + ": " + e.getMessage());
                Replies.error(res, json, path, 500, "the database failed on this request; the gateway's log has the details");
            }
        };
    }
}
