package io.andiag.speed.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The Alertmanager client against a local HTTP server playing Alertmanager's v2 API. */
class AlertmanagerClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureCode = 503;
    private final List<Duration> slept = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] body = exchange.getRequestBody().readAllBytes();
            int code = failuresLeft.getAndDecrement() > 0 ? failureCode : 200;
            if (code == 200) {
                received.add(JSON.readTree(body));
            }
            byte[] answer = (code == 200 ? "" : "{\"error\":\"busy\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private AlertmanagerClient client() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new AlertmanagerClient(base, new AlertmanagerClient.Retry(4, Duration.ofMillis(100), Duration.ofMillis(250),
                Duration.ofSeconds(5)), HttpClient.newHttpClient(), slept::add);
    }

    private static ArrayNode body() {
        return JsonNodeFactory.instance.arrayNode().add(AlertmanagerPayload.of(Alerts.open(), "andiag://incident/" + Alerts.ID));
    }

    @Test
    void shouldPostTheAlertsAsAJsonArrayToTheV2Api() {
        AlertmanagerClient client = client();

        assertThat(client.post(body())).isTrue();

        assertThat(paths).containsExactly("POST /api/v2/alerts application/json");
        JsonNode alert = received.get(0).get(0);
        assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("AND incident");
        assertThat(alert.get("labels").get("team").asText()).isEqualTo("PHYSICAL_NETWORK");
        assertThat(alert.get("labels").get("region").asText()).isEqualTo("region-a");
        assertThat(alert.get("labels").get("severity").asText()).isEqualTo("L2");
        assertThat(alert.get("labels").get("incident_id").asText()).isEqualTo(Alerts.ID);
        assertThat(alert.get("annotations").get("scope").asText()).isEqualTo("az=az-0 & tor=tor-1");
        assertThat(alert.get("annotations").get("route").asText()).isEqualTo("PHYSICAL_NETWORK (0.93)");
        assertThat(alert.get("annotations").get("summary").asText()).contains("8/2000 IPs abnormal");
        assertThat(alert.get("startsAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(alert.has("endsAt")).as("firing").isFalse();
        assertThat(alert.get("generatorURL").asText()).isEqualTo("andiag://incident/" + Alerts.ID);
        assertThat(client.delivered()).isEqualTo(1);
        assertThat(client.retries()).isZero();
    }

    @Test
    void shouldRetryWithExponentialBackOffUntilAlertmanagerAccepts() {
        failuresLeft.set(2);
        AlertmanagerClient client = client();

        assertThat(client.post(body())).isTrue();

        assertThat(paths).hasSize(3);
        assertThat(received).hasSize(1);
        assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(client.retries()).isEqualTo(2);
        assertThat(client.failed()).isZero();
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptAndCountTheFailureWithoutThrowing() {
        failuresLeft.set(100);
        AlertmanagerClient client = client();

        assertThat(client.post(body())).isFalse();

        assertThat(paths).hasSize(4);
        assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
        assertThat(client.failed()).isEqualTo(1);
    }

    @Test
    void shouldNotRetryARefusedPayload() {
        failuresLeft.set(100);
        failureCode = 400;
        AlertmanagerClient client = client();

        assertThat(client.post(body())).isFalse();
        assertThat(paths).hasSize(1);
        assertThat(client.failed()).isEqualTo(1);
    }

    @Test
    void shouldCountAnUnreachableAlertmanagerAsAFailure() {
        server.stop(0);
        AlertmanagerClient client = client();

        assertThat(client.post(body())).isFalse();
        assertThat(client.retries()).isEqualTo(3);
        assertThat(client.failed()).isEqualTo(1);
    }
}
