package io.andiag.speed.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;

/** {@code andiag --version}: the project version (from the build), Kafka's and Java's. */
public final class VersionProvider implements IVersionProvider {

    static final String RESOURCE = "/io/andiag/speed/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "andiag " + projectVersion(),
            "Kafka " + AppInfoParser.getVersion() + " (clients, Streams, embedded broker)",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        };
    }

    /** The Maven project version the jar was built from, or "unknown". */
    public static String projectVersion() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
