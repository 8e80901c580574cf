package io.andiag.speed.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A Prometheus text-format endpoint ({@code GET /metrics}) and a health check ({@code GET /health}: 200 while the
 * application is running, 503 otherwise) on 127.0.0.1, served by the JDK's HTTP server on one daemon thread.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;

    public MetricsServer(int port, Supplier<String> metricsText, Supplier<Health> health) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metricsText.get()));
        server.createContext("/health", ex -> {
            Health h = health.get();
            respond(ex, h.healthy() ? 200 : 503, "application/json", h.json());
        });
        server.setExecutor(null);
        server.start();
        LOG.info("metrics on http://127.0.0.1:{}/metrics, health on /health", port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The health answer: healthy or not, and a small JSON body saying why. */
    public record Health(boolean healthy, String json) {
    }
}
