package io.andiag.batch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The code version recorded in every manifest: the Maven version and build time, from a file generated at build. */
public final class BuildInfo {

    private BuildInfo() {
    }

    /** e.g. {@code and-offline-batch 0.1.0-SNAPSHOT (built 2026-11-23T10:00:00Z)}; "unknown" parts when run from an IDE. */
    public static String codeVersion() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        String version = p.getProperty("version", "unknown");
        String built = p.getProperty("built", "unknown");
        if (version.startsWith("${")) {
            version = "unknown";
        }
        if (built.startsWith("${")) {
            built = "unknown";
        }
        return "and-offline-batch " + version + " (built " + built + ")";
    }
}
