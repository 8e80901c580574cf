package io.andiag.speed.stream;

import io.andiag.speed.attributes.IpDirectory;
import io.andiag.speed.scoring.ScoringModelHolder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the names of every processor, store and internal topic. A rename orphans a changelog and loses state on
 * upgrade; if this fails on purpose, update speed-layer/src/test/resources/topology-description.txt in the same
 * commit and say in its message how running applications migrate.
 */
class TopologyDescriptionTest {

    @Test
    void topologyNamesShouldNotChangeSilently() throws IOException {
        String actual = SpeedTopology.build(TopologySettings.defaults(),
                new ScoringModelHolder(TestScoringModels.model("v", Map.of())), IpDirectory.empty("default"),
                new SpeedMetrics(), Clock.systemUTC()).describe().toString();

        // The current description, to diff against or to copy over the snapshot after a deliberate change.
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "topology-description.actual.txt"), actual);
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/topology-description.txt")) {
            assertThat(in).as("snapshot resource").isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(sortedStoreLists(actual.strip())).isEqualTo(sortedStoreLists(expected.strip()));
    }

    /**
     * Kafka Streams prints a processor's stores from a set whose iteration order is not stable across JVMs (the
     * clean-clone CI run listed them swapped); the names matter, not their order.
     */
    static String sortedStoreLists(String description) {
        Matcher m = STORES.matcher(description);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String sorted = Arrays.stream(m.group(1).split(", ")).sorted().collect(Collectors.joining(", "));
            m.appendReplacement(out, Matcher.quoteReplacement("(stores: [" + sorted + "])"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final Pattern STORES = Pattern.compile("\\(stores: \\[([^\\]]*)\\]\\)");

    @Test
    void storeListsCompareWithoutOrder() {
        assertThat(sortedStoreLists("Processor: p (stores: [b-store, a-store])\n  --> q"))
                .isEqualTo("Processor: p (stores: [a-store, b-store])\n  --> q");
        assertThat(sortedStoreLists("Processor: p (stores: [])")).isEqualTo("Processor: p (stores: [])");
    }
}
