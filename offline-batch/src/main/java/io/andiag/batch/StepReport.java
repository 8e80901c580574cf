package io.andiag.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.model.params.ParamsLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What one step read, wrote and measured, and how long it took. Every entry is logged when it is added (the
 * scheduler's log is where operators look) and the whole report is saved as
 * {@code _candidates/<serve-date>/_steps/<step>.json}, where publish collects it into the manifest: steps run in
 * separate JVMs and share nothing but the lake.
 */
public final class StepReport {

    private static final Logger LOG = LoggerFactory.getLogger(StepReport.class);
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String step;
    private final long startNanos = System.nanoTime();
    private final ObjectNode root = JsonNodeFactory.instance.objectNode();
    private final ArrayNode reads = root.putArray("read");
    private final ArrayNode writes = root.putArray("wrote");
    private final ObjectNode stats = root.putObject("stats");

    public StepReport(String step) {
        this.step = step;
        root.put("step", step);
        LOG.info("{}: started", step);
    }

    public String step() {
        return step;
    }

    /** Records one input: a table (or a file set) and what of it was read. */
    public void read(String table, String what, long rows) {
        ObjectNode n = reads.addObject();
        n.put("table", table);
        n.put("what", what);
        n.put("rows", rows);
        LOG.info("{}: read {} {} ({} rows)", step, table, what, rows);
    }

    /** Records one output table. */
    public void wrote(String table, String where, long rows) {
        ObjectNode n = writes.addObject();
        n.put("table", table);
        n.put("path", where);
        n.put("rows", rows);
        LOG.info("{}: wrote {} -> {} ({} rows)", step, table, where, rows);
    }

    /** A named statistic (kept in the report and later in the manifest). */
    public ObjectNode stats() {
        return stats;
    }

    public void stat(String name, JsonNode value) {
        stats.set(name, value);
        LOG.info("{}: {} = {}", step, name, value);
    }

    public void stat(String name, long value) {
        stat(name, JsonNodeFactory.instance.numberNode(value));
    }

    public void stat(String name, double value) {
        stat(name, JsonNodeFactory.instance.numberNode(value));
    }

    public void stat(String name, String value) {
        stat(name, JsonNodeFactory.instance.textNode(value));
    }

    public long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    /** Stamps the wall time, logs it and returns the JSON of the report. */
    public ObjectNode finish() {
        long ms = elapsedMs();
        root.put("wall_ms", ms);
        LOG.info("{}: done in {} s", step, String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0));
        return root.deepCopy();
    }

    /** {@link #finish()}, then saves the report in the candidate directory (atomically replacing an older one). */
    public ObjectNode finishAndSave(Path candidateDir) {
        ObjectNode json = finish();
        Path target = ParamsLayout.stepReport(candidateDir, step);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + step, ".tmp");
            Files.writeString(tmp, MAPPER.writeValueAsString(json), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the report of step " + step + " to " + target, e);
        }
        return json;
    }

    /** A saved report, or null when the step has not run for this candidate. */
    public static ObjectNode load(Path candidateDir, String step) {
        Path file = ParamsLayout.stepReport(candidateDir, step);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return (ObjectNode) MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | ClassCastException e) {
            throw new BatchException("the report of step " + step + " (" + file + ") is unreadable: " + e.getMessage(), e);
        }
    }
}
