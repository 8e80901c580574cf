package io.andiag.speed.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The intent of one roll, written (atomically) before its files are renamed into place and its offsets committed, so
 * that a crash anywhere in between is finished on the next start instead of duplicating or losing records:
 * {@code <lake>/_archive/<group>/roll.json} = the renames (paths relative to the lake) and the offsets to commit.
 * Recovery renames what is still under its in-progress name, commits the offsets, and deletes the journal; each of
 * those steps can be repeated safely.
 */
final class RollJournal {

    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file of the roll: its in-progress path and its final path, both relative to the lake. */
    record Rename(String from, String to) {
    }

    /** A roll's content. */
    record Entry(String roll, List<Rename> renames, Map<TopicPartition, OffsetAndMetadata> offsets) {
        Entry {
            renames = List.copyOf(renames);
            offsets = Map.copyOf(offsets);
        }
    }

    private final Path file;

    RollJournal(Path lake, String group) {
        this.file = lake.resolve("_archive").resolve(group).resolve("roll.json");
    }

    Path file() {
        return file;
    }

    void write(Entry e) {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", FORMAT_VERSION);
        root.put("roll", e.roll());
        ArrayNode files = root.putArray("renames");
        for (Rename r : e.renames()) {
            files.addObject().put("from", r.from()).put("to", r.to());
        }
        ArrayNode offsets = root.putArray("offsets");
        e.offsets().forEach((tp, om) -> offsets.addObject().put("topic", tp.topic()).put("partition", tp.partition())
                .put("offset", om.offset()));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            move(tmp, file);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the archive journal " + file, ex);
        }
    }

    Optional<Entry> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            int v = root.path("v").asInt(-1);
            if (v != FORMAT_VERSION) {
                throw new IllegalStateException("archive journal " + file + " has format version " + v + ", expected "
                        + FORMAT_VERSION);
            }
            List<Rename> renames = new ArrayList<>();
            for (JsonNode r : root.path("renames")) {
                renames.add(new Rename(r.path("from").asText(), r.path("to").asText()));
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
            for (JsonNode o : root.path("offsets")) {
                offsets.put(new TopicPartition(o.path("topic").asText(), o.path("partition").asInt()),
                        new OffsetAndMetadata(o.path("offset").asLong()));
            }
            return Optional.of(new Entry(root.path("roll").asText(), renames, offsets));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read the archive journal " + file, ex);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot delete the archive journal " + file, ex);
        }
    }

    /** Renames every file of {@code e} still under its in-progress name; a file already in place is left alone. */
    static void applyRenames(Path lake, Entry e) {
        for (Rename r : e.renames()) {
            Path from = lake.resolve(r.from());
            Path to = lake.resolve(r.to());
            try {
                if (Files.exists(from)) {
                    move(from, to);
                } else if (!Files.exists(to)) {
                    throw new IllegalStateException("archive roll " + e.roll() + ": neither " + from + " nor " + to
                            + " exists; the lake was changed behind the archive's back");
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot rename " + from + " to " + to, ex);
            }
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
