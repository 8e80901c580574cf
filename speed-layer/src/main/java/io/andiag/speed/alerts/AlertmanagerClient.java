package io.andiag.speed.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts alerts to an Alertmanager v2 API ({@code POST <base>/api/v2/alerts}, a JSON array). A failed post (I/O error,
 * HTTP 5xx or 429) is retried with exponential back-off, at most {@link Retry#maxAttempts} attempts in all; any other
 * answer (a 4xx: the payload is wrong and would stay wrong) is not retried. Nothing here throws: failures are logged
 * and counted, the caller goes on.
 */
public final class AlertmanagerClient {

    /**
     * @param maxAttempts    attempts per post, the first included (1 = no retry)
     * @param initialBackoff wait before the first retry; doubled before each next one
     * @param maxBackoff     longest wait between two attempts
     * @param timeout        per-request timeout
     */
    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration timeout) {
        public static final Retry DEFAULT = new Retry(5, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(10));

        public Retry {
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw new IllegalArgumentException("maxAttempts must be within 1..20, got " + maxAttempts);
            }
            if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff, got " + initialBackoff + ", " + maxBackoff);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
        }

        Duration backoff(int retry) {
            long ms = initialBackoff.toMillis() << Math.min(retry, 30);
            return Duration.ofMillis(Math.min(ms < 0 ? Long.MAX_VALUE : ms, maxBackoff.toMillis()));
        }
    }

    /** How the client waits between attempts (tests replace it). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final Retry retry;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    public AlertmanagerClient(URI base, Retry retry) {
        this(base, retry, HttpClient.newBuilder().connectTimeout(retry.timeout()).build(), d -> Thread.sleep(d.toMillis()));
    }

    public AlertmanagerClient(URI base, Retry retry, HttpClient http, Sleeper sleeper) {
        String b = Objects.requireNonNull(base, "base").toString();
        this.endpoint = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/api/v2/alerts");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.http = Objects.requireNonNull(http, "http");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Posts {@code alerts}; true when Alertmanager accepted them (2xx), false when every attempt failed. */
    public boolean post(ArrayNode alerts) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(alerts);
        } catch (IOException e) {
            failed.incrementAndGet();
            LOG.error("cannot serialize alerts for {}", endpoint, e);
            return false;
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(retry.timeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        String problem = "";
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                retries.incrementAndGet();
                try {
                    sleeper.sleep(retry.backoff(attempt - 2));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    problem = "interrupted";
                    break;
                }
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int code = response.statusCode();
                if (code / 100 == 2) {
                    delivered.addAndGet(alerts.size());
                    return true;
                }
                problem = "HTTP " + code + " " + abbreviate(response.body());
                if (code != 429 && code / 100 != 5) {
                    break;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
                break;
            }
            LOG.warn("Alertmanager {} attempt {}/{} failed: {}", endpoint, attempt, retry.maxAttempts(), problem);
        }
        failed.addAndGet(alerts.size());
        LOG.error("could not deliver {} alert(s) to {}: {} (failed so far: {})", alerts.size(), endpoint, problem, failed.get());
        return false;
    }

    /** Alerts Alertmanager accepted. */
    public long delivered() {
        return delivered.get();
    }

    /** Alerts given up on. */
    public long failed() {
        return failed.get();
    }

    /** Attempts after a first failed one. */
    public long retries() {
        return retries.get();
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }
}
