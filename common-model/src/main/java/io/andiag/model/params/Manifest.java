package io.andiag.model.params;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code manifest.json} of a parameter set: what the set is, what it was built from, and what a loader checks it
 * against. The typed fields are the ones a loader relies on; {@link #details()} holds everything else the batch
 * records for people (history dates and input partitions, pattern mix, threshold, training statistics, step
 * timings), kept as JSON so adding a statistic never changes the format.
 *
 * <pre>
 * {"format_version":1,"version":"2026-11-24-20261123T021000Z","serve_date":"2026-11-24",
 *  "created_at":"2026-11-23T02:10:00Z","code_version":"0.1.0-SNAPSHOT (built ...)",
 *  "tables":{"series_profile":1234,"series_noise":1234,"detector_forest":25000,"detector":1}, ...details...}
 * </pre>
 */
public record Manifest(int formatVersion, String version, LocalDate serveDate, Instant createdAt, String codeVersion,
                       Map<String, Long> tableRows, ObjectNode details) {

    /** The manifest format this code writes and the only one it reads. */
    public static final int FORMAT_VERSION = 1;

    public static final String F_FORMAT_VERSION = "format_version";
    public static final String F_VERSION = "version";
    public static final String F_SERVE_DATE = "serve_date";
    public static final String F_CREATED_AT = "created_at";
    public static final String F_CODE_VERSION = "code_version";
    public static final String F_TABLES = "tables";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Manifest {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(serveDate, "serveDate");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(codeVersion, "codeVersion");
        tableRows = Collections.unmodifiableMap(new LinkedHashMap<>(tableRows));
        details = details == null ? JsonNodeFactory.instance.objectNode() : details.deepCopy();
        for (String reserved : new String[] {F_FORMAT_VERSION, F_VERSION, F_SERVE_DATE, F_CREATED_AT, F_CODE_VERSION, F_TABLES}) {
            details.remove(reserved);
        }
    }

    public static Manifest of(String version, LocalDate serveDate, Instant createdAt, String codeVersion,
                              Map<String, Long> tableRows, ObjectNode details) {
        return new Manifest(FORMAT_VERSION, version, serveDate, createdAt, codeVersion, tableRows, details);
    }

    /** The details as a copy (the record's own node is never handed out for mutation). */
    @Override
    public ObjectNode details() {
        return details.deepCopy();
    }

    public ObjectNode toJsonNode() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put(F_FORMAT_VERSION, formatVersion);
        root.put(F_VERSION, version);
        root.put(F_SERVE_DATE, serveDate.toString());
        root.put(F_CREATED_AT, createdAt.toString());
        root.put(F_CODE_VERSION, codeVersion);
        ObjectNode tables = root.putObject(F_TABLES);
        tableRows.forEach(tables::put);
        root.setAll(details.deepCopy());
        return root;
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(toJsonNode()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write manifest of " + version, e);
        }
    }

    /**
     * Parses a manifest.
     *
     * @throws IllegalArgumentException naming the field when the text is not a valid manifest of this format
     */
    public static Manifest parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("manifest is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("manifest is not a JSON object");
        }
        int format = requireField(root, F_FORMAT_VERSION).asInt(-1);
        if (format != FORMAT_VERSION) {
            throw new IllegalArgumentException("manifest format_version " + root.get(F_FORMAT_VERSION)
                    + " is not supported (this code reads " + FORMAT_VERSION + ")");
        }
        String version = requireText(root, F_VERSION);
        LocalDate serveDate;
        Instant createdAt;
        try {
            serveDate = LocalDate.parse(requireText(root, F_SERVE_DATE));
            createdAt = Instant.parse(requireText(root, F_CREATED_AT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("manifest has a malformed date: " + e.getParsedString());
        }
        String code = requireText(root, F_CODE_VERSION);
        JsonNode tables = requireField(root, F_TABLES);
        if (!tables.isObject()) {
            throw new IllegalArgumentException("manifest field 'tables' must be an object of table -> row count");
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToLong() || e.getValue().asLong() < 0) {
                throw new IllegalArgumentException("manifest row count of table '" + e.getKey() + "' is not a count: " + e.getValue());
            }
            rows.put(e.getKey(), e.getValue().asLong());
        }
        return new Manifest(format, version, serveDate, createdAt, code, rows, ((ObjectNode) root).deepCopy());
    }

    private static JsonNode requireField(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("manifest lacks field '" + field + "'");
        }
        return n;
    }

    private static String requireText(JsonNode root, String field) {
        JsonNode n = requireField(root, field);
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw new IllegalArgumentException("manifest field '" + field + "' must be a non-empty string, got " + n);
        }
        return n.asText();
    }
}
