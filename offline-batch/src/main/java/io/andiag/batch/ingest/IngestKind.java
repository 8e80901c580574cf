package io.andiag.batch.ingest;

import io.andiag.model.lake.LakeLayout;

import java.util.Locale;
import java.util.Optional;

/** Which wire topic a JSON-lines file holds, hence which lake table it feeds. */
public enum IngestKind {
    COUNTERS(LakeLayout.RETX_COUNTERS),
    DETAILS(LakeLayout.RETX_DETAILS);

    private final String table;

    IngestKind(String table) {
        this.table = table;
    }

    /** The lake table this kind lands in. */
    public String table() {
        return table;
    }

    /** From a file name: {@code ...counter...} or {@code ...detail...} (case-insensitive), else empty. */
    public static Optional<IngestKind> infer(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        boolean counters = n.contains("counter");
        boolean details = n.contains("detail");
        if (counters == details) {
            return Optional.empty();
        }
        return Optional.of(counters ? COUNTERS : DETAILS);
    }

    public static IngestKind parse(String text) {
        for (IngestKind k : values()) {
            if (k.name().equalsIgnoreCase(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("--kind must be counters or details, got '" + text + "'");
    }
}
