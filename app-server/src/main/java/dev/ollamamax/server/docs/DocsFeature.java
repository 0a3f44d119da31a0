package dev.ollamamax.server.docs;

import dev.ollamamax.server.GatewayFeature;
import dev.ollamamax.server.Listener;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/** Serves {@code /docs} (Swagger UI), {@code /docs/openapi.yaml} and the UI's assets from the class path. */
public final class DocsFeature implements GatewayFeature {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Set<String> ASSETS = Set.of("swagger-ui.css", "swagger-ui-bundle.js");
    private static final Map<String, String> TYPES = Map.of("css", "text/css", "js", "text/javascript",
            "html", "text/html; charset=utf-8", "yaml", "application/yaml");

    private final String webjarVersion;

    public DocsFeature() {
        this.webjarVersion = detectWebjarVersion();
    }

    @Override
    public void http(Listener listener, HttpRouting.Builder routing) {
        if (listener != Listener.PRIMARY) {
            return;
        }
        routing.get("/docs", (req, res) -> resource(res, "docs/index.html", "html"))
                .get("/docs/", (req, res) -> resource(res, "docs/index.html", "html"))
                .get("/docs/openapi.yaml", (req, res) -> resource(res, "docs/openapi.yaml", "yaml"))
                .get("/openapi", (req, res) -> resource(res, "docs/openapi.yaml", "yaml"))
                .get("/docs/ui/{file}", this::asset);
    }

    private void asset(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        if (!ASSETS.contains(file)) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        res.header(HeaderNames.CACHE_CONTROL, "max-age=86400");
        resource(res, WEBJAR + webjarVersion + "/" + file, file.substring(file.lastIndexOf('.') + 1));
    }

    private static void resource(ServerResponse res, String path, String type) {
        try (InputStream in = DocsFeature.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                res.status(Status.NOT_FOUND_404).send();
                return;
            }
            res.header(HeaderNames.CONTENT_TYPE, TYPES.get(type));
            res.send(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The swagger-ui webjar version, read from the page the build filtered. */
    private static String detectWebjarVersion() {
        try (InputStream in = DocsFeature.class.getClassLoader().getResourceAsStream("docs/index.html")) {
            String html = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int i = html.indexOf("swagger-ui ");
            return html.substring(i + "swagger-ui ".length(), html.indexOf(' ', i + "swagger-ui ".length()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("docs/index.html is missing from the class path", e);
        }
    }
}
