package io.andiag.datasets.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.andiag.model.record.WireTopics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * One JSON-lines file (optionally gzip) of counters or details, replayed line by line exactly as recorded — bad
 * lines included, so the speed layer's dead-lettering can be exercised. The topic is taken from the file name
 * ({@code details} in it: and.retx.details, otherwise and.retx.counters). Only {@code ts} and {@code ip} are read
 * from each line, for ordering and the key; a line without them is sent with the previous line's time and no key.
 */
final class JsonLinesSource implements ReplaySource {

    private static final JsonFactory JSON = new JsonFactory();

    private final BufferedReader reader;
    private final String topic;
    private final Path file;
    private long lastTs;

    JsonLinesSource(Path file) {
        this.file = file;
        this.topic = file.getFileName().toString().contains("details") ? WireTopics.RETX_DETAILS : WireTopics.RETX_COUNTERS;
        try {
            InputStream in = Files.newInputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    @Override
    public ReplayRecord next() {
        try {
            String line;
            do {
                line = reader.readLine();
                if (line == null) {
                    return null;
                }
            } while (line.isBlank());
            long ts = lastTs;
            String ip = null;
            try (JsonParser p = JSON.createParser(line)) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken value = p.nextToken();
                        if ("ts".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                            ts = p.getLongValue();
                        } else if ("ip".equals(field) && value == JsonToken.VALUE_STRING) {
                            ip = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            } catch (IOException malformed) {
                // sent as recorded: the speed layer dead-letters it with the reason
            }
            lastTs = ts;
            return new ReplayRecord(topic, ip, line.getBytes(StandardCharsets.UTF_8), ts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
