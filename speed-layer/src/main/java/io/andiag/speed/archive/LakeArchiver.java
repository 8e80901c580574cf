package io.andiag.speed.archive;

import io.andiag.model.codec.Decoded;
import io.andiag.model.lake.Archived;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeWriter;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Archives the speed layer's output topics ({@link ArchiveTable#ALL}) into the lake with a plain consumer.
 *
 * <p>Guarantee: every record committed on the topics (read_committed) lands in exactly one visible file, also across
 * crashes and restarts. Records are written to files under a hidden in-progress name. A roll (every
 * {@link ArchiveSettings#rollRecords()} records or {@link ArchiveSettings#rollInterval()}, on idle and on stop) closes
 * every open file, writes a {@link RollJournal} with the renames and the next offsets, renames the files into place,
 * commits the offsets, and deletes the journal. At start, a journal left by a crash is finished (renames, commit), and
 * in-progress files without a journal (their offsets were never committed) are deleted: their records are read again.
 * One archive per lake and group: it assigns itself every partition of the topics.
 */
public final class LakeArchiver {

    /** The steps of a roll, in order (for progress and for tests that crash in between). */
    public enum Phase { FILES_CLOSED, JOURNAL_WRITTEN, RENAMED, COMMITTED }

    /** Callbacks for progress output; every method has a no-op default. */
    public interface Listener {
        default void onAssigned(List<TopicPartition> partitions, Map<TopicPartition, Long> startOffsets) {
        }

        default void onRecovered(String roll, int files) {
        }

        default void onPhase(Phase phase, String roll) {
        }

        default void onRoll(RollReport report) {
        }

        default void onRejected(ConsumerRecord<String, byte[]> record, String reason) {
        }

        default void onDrainTimeout(Map<TopicPartition, Long> endOffsets) {
        }
    }

    /** What one roll made visible. */
    public record RollReport(String roll, int files, Map<String, Long> rows, long rejected, List<String> closedPartitions) {
    }

    /** What a run archived. */
    public record Summary(Map<String, Long> rows, long rejected, long files, long rolls, boolean stoppedIdle) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final DateTimeFormatter ROLL_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Duration PARTITIONS_WAIT = Duration.ofSeconds(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final Consumer<String, byte[]> consumer;
    private final Path lake;
    private final ArchiveSettings settings;
    private final Clock clock;
    private final Listener listener;
    private final RollJournal journal;

    private final Map<String, OpenFile<?>> open = new LinkedHashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> pendingOffsets = new HashMap<>();
    private final Map<String, Long> rollRows = new TreeMap<>();
    private final Map<String, Long> totalRows = new TreeMap<>();
    private final Map<String, Long> watermark = new HashMap<>();
    private final Set<String> unclosedDays = new HashSet<>();
    private String roll;
    private int rollSeq;
    private int filesInRoll;
    private long buffered;
    private long rollRejected;
    private long firstBufferedAt;
    private long rejected;
    private long files;
    private long rolls;

    public LakeArchiver(Consumer<String, byte[]> consumer, Path lake, String group, ArchiveSettings settings, Clock clock,
                        Listener listener) {
        this.consumer = consumer;
        this.lake = lake;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.journal = new RollJournal(lake, group);
        for (ArchiveTable<?> t : ArchiveTable.ALL) {
            totalRows.put(t.table(), 0L);
        }
    }

    /**
     * Archives until {@code stop} says so or, with {@link ArchiveSettings#untilIdle()}, until no record arrived for that
     * long (counted from the start, then from the last record). On stop it first drains: everything committed on the
     * topics at that moment is archived before the last roll, so "stop after the producer finished" loses nothing.
     */
    public Summary run(BooleanSupplier stop) {
        if (!assign(stop)) {
            return summary(false);
        }
        long lastRecordAt = clock.millis();
        boolean idle = false;
        while (!stop.getAsBoolean()) {
            long now = pollOnce();
            if (now < 0) {
                lastRecordAt = -now;
            } else if (settings.untilIdle().isPresent() && now - lastRecordAt >= settings.untilIdle().get().toMillis()) {
                idle = true;
                break;
            }
        }
        if (!idle) {
            drain();
        }
        roll();
        return summary(idle);
    }

    /** One poll: archive what came, roll when due. Returns minus the time when records came, else the time. */
    private long pollOnce() {
        ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
        long now = clock.millis();
        for (ConsumerRecord<String, byte[]> r : records) {
            handle(r, now);
            if (buffered >= settings.rollRecords()) {
                roll();
            }
        }
        if (buffered > 0 && now - firstBufferedAt >= settings.rollInterval().toMillis()) {
            roll();
        }
        return records.isEmpty() ? now : -now;
    }

    /** Reads up to the end offsets of the moment (read_committed: the last stable offsets), within DRAIN_TIMEOUT. */
    private void drain() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
        long deadline = clock.millis() + DRAIN_TIMEOUT.toMillis();
        while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.getOrDefault(tp, 0L))) {
            if (clock.millis() > deadline) {
                listener.onDrainTimeout(end);
                return;
            }
            pollOnce();
        }
    }

    private Summary summary(boolean idle) {
        return new Summary(Map.copyOf(totalRows), rejected, files, rolls, idle);
    }

    /** Assigns every partition of the archived topics (waiting for them to exist), recovers, seeks. */
    private boolean assign(BooleanSupplier stop) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (ArchiveTable<?> t : ArchiveTable.ALL) {
            List<PartitionInfo> infos = List.of();
            while (true) {
                try {
                    List<PartitionInfo> found = consumer.partitionsFor(t.topic(), PARTITIONS_WAIT);
                    infos = found == null ? List.of() : found;
                } catch (TimeoutException e) {
                    infos = List.of();
                }
                if (!infos.isEmpty()) {
                    break;
                }
                if (stop.getAsBoolean()) {
                    return false;
                }
            }
            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(partitions);
        recover();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        List<TopicPartition> fromStart = new ArrayList<>();
        Map<TopicPartition, Long> start = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata om = committed.get(tp);
            if (om == null) {
                fromStart.add(tp);
                start.put(tp, 0L);
            } else {
                consumer.seek(tp, om.offset());
                start.put(tp, om.offset());
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
        listener.onAssigned(partitions, start);
        return true;
    }

    /** Finishes a roll a crash interrupted, then deletes in-progress files no journal vouches for. */
    private void recover() {
        journal.read().ifPresent(e -> {
            RollJournal.applyRenames(lake, e);
            consumer.commitSync(e.offsets());
            journal.delete();
            listener.onRecovered(e.roll(), e.renames().size());
        });
        for (ArchiveTable<?> t : ArchiveTable.ALL) {
            Path dir = LakeLayout.tableDir(lake, t.table());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(Files::isRegularFile).filter(LakeLayout::isInProgress).toList()) {
                    Files.delete(p);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot clean in-progress files under " + dir, ex);
            }
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r, long now) {
        if (buffered == 0) {
            firstBufferedAt = now;
            roll = ROLL_TIME.format(Instant.ofEpochMilli(now)) + "-" + String.format("%04d", rollSeq++ % 10_000);
            filesInRoll = 0;
        }
        buffered++;
        pendingOffsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        ArchiveTable<?> table = ArchiveTable.forTopic(r.topic()).orElseThrow(() ->
                new IllegalStateException("record from a topic that is not archived: " + r.topic()));
        if (r.value() == null) {
            reject(r, "null value");
            return;
        }
        archive(table, r, now);
    }

    private <T> void archive(ArchiveTable<T> table, ConsumerRecord<String, byte[]> r, long now) {
        Decoded<T> decoded = table.decoder().apply(r.value());
        if (!decoded.isOk()) {
            reject(r, decoded.rejection().reason().code() + ": " + decoded.rejection().detail());
            return;
        }
        T value = decoded.value();
        long minute = table.minuteOf().applyAsLong(value);
        LocalDate day = ArchiveTable.dayOf(minute);
        fileFor(table, day).writer.write(new Archived<>(value, r.partition(), r.offset(), now));
        rollRows.merge(table.table(), 1L, Long::sum);
        watermark.merge(table.table(), minute, Math::max);
    }

    private void reject(ConsumerRecord<String, byte[]> r, String reason) {
        rejected++;
        rollRejected++;
        listener.onRejected(r, reason);
    }

    @SuppressWarnings("unchecked")
    private <T> OpenFile<T> fileFor(ArchiveTable<T> table, LocalDate day) {
        String key = table.table() + "/" + LakeLayout.partitionName(day);
        OpenFile<?> f = open.get(key);
        if (f == null) {
            Path dir = LakeLayout.partitionDir(lake, table.table(), day);
            String name = LakeLayout.rollFileName(roll, filesInRoll++);
            Path temp = dir.resolve(LakeLayout.inProgressName(name));
            f = new OpenFile<>(LakeWriter.open(temp, table.schema(), table.encoder()), temp, dir.resolve(name));
            open.put(key, f);
            unclosedDays.add(key);
        }
        return (OpenFile<T>) f;
    }

    /** Makes everything buffered visible and commits its offsets (see the class comment for the steps). */
    private void roll() {
        if (buffered == 0) {
            return;
        }
        List<RollJournal.Rename> renames = new ArrayList<>();
        for (OpenFile<?> f : open.values()) {
            f.writer.close();
            renames.add(new RollJournal.Rename(lake.relativize(f.temp).toString(), lake.relativize(f.target).toString()));
        }
        listener.onPhase(Phase.FILES_CLOSED, roll);
        RollJournal.Entry entry = new RollJournal.Entry(roll, renames, pendingOffsets);
        journal.write(entry);
        listener.onPhase(Phase.JOURNAL_WRITTEN, roll);
        RollJournal.applyRenames(lake, entry);
        listener.onPhase(Phase.RENAMED, roll);
        consumer.commitSync(entry.offsets());
        listener.onPhase(Phase.COMMITTED, roll);
        journal.delete();

        List<String> closed = closeDays();
        rollRows.forEach((t, n) -> totalRows.merge(t, n, Long::sum));
        listener.onRoll(new RollReport(roll, renames.size(), Map.copyOf(rollRows), rollRejected, closed));
        files += renames.size();
        rolls++;
        open.clear();
        pendingOffsets.clear();
        rollRows.clear();
        buffered = 0;
        rollRejected = 0;
    }

    /** Writes {@code _SUCCESS} in the partitions this run wrote whose day the table's event time has left. */
    private List<String> closeDays() {
        List<String> closed = new ArrayList<>();
        for (String key : List.copyOf(unclosedDays)) {
            String table = key.substring(0, key.indexOf('/'));
            LocalDate day = LakeLayout.parsePartition(key.substring(key.indexOf('/') + 1)).orElseThrow();
            long dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            if (watermark.getOrDefault(table, Long.MIN_VALUE) >= dayEnd + settings.dayCloseGrace().toMillis()) {
                LakeLayout.markSuccess(LakeLayout.partitionDir(lake, table, day));
                unclosedDays.remove(key);
                closed.add(key);
            }
        }
        return closed;
    }

    private record OpenFile<T>(LakeWriter<Archived<T>> writer, Path temp, Path target) {
    }
}
