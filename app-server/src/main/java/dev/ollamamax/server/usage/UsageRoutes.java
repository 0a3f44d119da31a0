package dev.ollamamax.server.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.auth.Principal;
import dev.ollamamax.server.store.StoreUnavailableException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /auth/usage?from=YYYY-MM-DD&to=YYYY-MM-DD}: the caller's usage by day × model × key (the last
 * 30 days by default, at most 366); {@code GET /auth/usage/all}: everyone's, for admins only (403 otherwise).
 */
final class UsageRoutes implements HttpService {

    private static final int MAX_DAYS = 366;

    private final UsageQueries queries;
    private final ObjectMapper json;
    private final Clock clock;

    UsageRoutes(UsageQueries queries, ObjectMapper json, Clock clock) {
        this.queries = queries;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> answer(req, res, false))
                .get("/all", (req, res) -> answer(req, res, true));
    }

    private void answer(ServerRequest req, ServerResponse res, boolean all) throws Exception {
        Optional<Principal> who = Principal.of(req);
        if (who.isEmpty()) {
            send(res, Status.UNAUTHORIZED_401, Map.of("error", "missing token"));
            return;
        }
        if (all && !who.get().isAdmin()) {
            send(res, Status.FORBIDDEN_403, Map.of("error", "only admins see everyone's usage; GET /auth/usage shows yours"));
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from;
        LocalDate to;
        try {
            to = req.query().first("to").map(LocalDate::parse).orElse(today);
            from = req.query().first("from").map(LocalDate::parse).orElse(to.minusDays(29));
        } catch (DateTimeParseException e) {
            send(res, Status.BAD_REQUEST_400, Map.of("error", "from and to are dates like 2026-01-31"));
            return;
        }
        if (from.isAfter(to) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            send(res, Status.BAD_REQUEST_400, Map.of("error", "from must not be after to, and the range is at most "
                    + MAX_DAYS + " days"));
            return;
        }
        try {
            List<Map<String, Object>> rows = queries.rows(all ? Optional.empty() : Optional.of(who.get().userId()), from, to);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", from.toString());
            body.put("to", to.toString());
            body.put("usage", rows);
            send(res, Status.OK_200, body);
        } catch (StoreUnavailableException e) {
            send(res, Status.SERVICE_UNAVAILABLE_503, Map.of("error", e.getMessage()));
        } catch (SQLException e) {
            send(res, Status.INTERNAL_SERVER_ERROR_500, Map.of("error", "database error: " + e.getMessage()));
        }
    }

    private void send(ServerResponse res, Status status, Object body) throws Exception {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json.writeValueAsBytes(body));
    }
}
