package io.andiag.speed.archive;

import io.andiag.model.lake.LakeLayout;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The archive against a MockConsumer: each record in exactly one visible file, offsets committed after the rename,
 * and a crash at any step of a roll neither loses nor duplicates a record on restart.
 */
class LakeArchiverTest {

    private static final int PARTITIONS = 2;
    private static final int PER_TOPIC = 12;

    @TempDir
    Path lake;

    /** A broker's content: PER_TOPIC records per topic, spread over the partitions, plus one undecodable record. */
    private static List<ConsumerRecord<String, byte[]>> topicContent() {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ArchiveTable<?> t : ArchiveTable.ALL) {
            for (int i = 0; i < PER_TOPIC; i++) {
                byte[] value = switch (t.table()) {
                    case LakeLayout.ABNORMAL -> ArchiveFixtures.abnormal(i);
                    case LakeLayout.INCIDENTS -> ArchiveFixtures.alert(i);
                    default -> ArchiveFixtures.monitored(i);
                };
                TopicPartition tp = new TopicPartition(t.topic(), i % PARTITIONS);
                long offset = next.merge(tp, 1L, Long::sum) - 1;
                out.add(new ConsumerRecord<>(t.topic(), tp.partition(), offset, "k" + i, value));
            }
        }
        TopicPartition tp = new TopicPartition(ArchiveTable.ABNORMAL.topic(), 0);
        out.add(new ConsumerRecord<>(tp.topic(), 0, next.merge(tp, 1L, Long::sum) - 1, "bad",
                "{not json".getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private static final long EXPECTED_ROWS = 3L * PER_TOPIC;

    /** A consumer over the content, that remembers the offsets committed by earlier runs ({@code committed}). */
    private static MockConsumer<String, byte[]> consumer(Map<TopicPartition, OffsetAndMetadata> committed) {
        MockConsumer<String, byte[]> c = new MockConsumer<>("earliest");
        Map<TopicPartition, Long> beginning = new HashMap<>();
        for (ArchiveTable<?> t : ArchiveTable.ALL) {
            List<PartitionInfo> infos = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                infos.add(new PartitionInfo(t.topic(), p, Node.noNode(), new Node[0], new Node[0]));
                beginning.put(new TopicPartition(t.topic(), p), 0L);
            }
            c.updatePartitions(t.topic(), infos);
        }
        c.updateBeginningOffsets(beginning);
        Map<TopicPartition, Long> end = new HashMap<>();
        topicContent().forEach(r -> end.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max));
        beginning.keySet().forEach(tp -> end.putIfAbsent(tp, 0L));
        c.updateEndOffsets(end);
        if (!committed.isEmpty()) {
            c.commitSync(committed);
        }
        c.schedulePollTask(() -> topicContent().forEach(c::addRecord));
        return c;
    }

    private LakeArchiver.Summary run(MockConsumer<String, byte[]> c, ArchiveSettings settings, LakeArchiver.Listener listener) {
        return new LakeArchiver(c, lake, "test", settings, Clock.systemUTC(), listener).run(() -> false);
    }

    private static ArchiveSettings idleAfter(Duration d) {
        return ArchiveSettings.defaults().withUntilIdle(d).withPollTimeout(Duration.ofMillis(20));
    }

    @Test
    void shouldArchiveEveryTopicIntoItsTableOnceAndCommitTheNextOffsets() {
        MockConsumer<String, byte[]> c = consumer(Map.of());
        LakeArchiver.Summary s = run(c, idleAfter(Duration.ofMillis(200)), new LakeArchiver.Listener() { });

        assertThat(s.stoppedIdle()).isTrue();
        assertThat(s.rows()).containsEntry(LakeLayout.ABNORMAL, (long) PER_TOPIC)
                .containsEntry(LakeLayout.INCIDENTS, (long) PER_TOPIC).containsEntry(LakeLayout.MONITORED, (long) PER_TOPIC);
        assertThat(s.rejected()).isEqualTo(1);
        List<String> keys = ArchiveFixtures.archivedKeys(lake);
        assertThat(keys).hasSize((int) EXPECTED_ROWS).doesNotHaveDuplicates();
        // minutes 23:58 .. 00:02 straddle midnight: two partitions per table, one file each in the single roll
        assertThat(LakeLayout.partitions(lake, LakeLayout.ABNORMAL, false)).hasSize(2);
        assertThat(s.files()).isEqualTo(6);
        assertThat(inProgressFiles()).isEmpty();
        TopicPartition abnormal0 = new TopicPartition(ArchiveTable.ABNORMAL.topic(), 0);
        assertThat(c.committed(java.util.Set.of(abnormal0)).get(abnormal0).offset())
                .as("past the undecodable record too").isEqualTo(PER_TOPIC / PARTITIONS + 1);
    }

    @Test
    void shouldRollByRecordCountAndCloseADayOnceEventTimeLeftIt() {
        MockConsumer<String, byte[]> c = consumer(Map.of());
        List<LakeArchiver.RollReport> rolls = new ArrayList<>();
        run(c, idleAfter(Duration.ofMillis(200)).withRollRecords(10).withDayCloseGrace(Duration.ZERO),
                new LakeArchiver.Listener() {
                    @Override
                    public void onRoll(LakeArchiver.RollReport report) {
                        rolls.add(report);
                    }
                });
        assertThat(rolls).hasSizeGreaterThanOrEqualTo(4);
        assertThat(ArchiveFixtures.archivedKeys(lake)).hasSize((int) EXPECTED_ROWS).doesNotHaveDuplicates();
        Path firstDay = LakeLayout.partitionDir(lake, LakeLayout.ABNORMAL, ArchiveTable.dayOf(ArchiveFixtures.minute(0)));
        Path secondDay = LakeLayout.partitionDir(lake, LakeLayout.ABNORMAL, ArchiveTable.dayOf(ArchiveFixtures.minute(4)));
        assertThat(LakeLayout.isComplete(firstDay)).as("a later day's minute was archived").isTrue();
        assertThat(LakeLayout.isComplete(secondDay)).as("nothing after the last day yet").isFalse();
    }

    @Test
    void aCrashAtAnyStepOfARollShouldNeitherLoseNorDuplicateOnRestart() {
        for (LakeArchiver.Phase phase : LakeArchiver.Phase.values()) {
            Path dir = lake.resolve(phase.name());
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            MockConsumer<String, byte[]> first = consumer(Map.of());
            LakeArchiver.Listener crash = new LakeArchiver.Listener() {
                @Override
                public void onPhase(LakeArchiver.Phase p, String roll) {
                    if (p == phase) {
                        throw new IllegalStateException("crash at " + p);
                    }
                }
            };
            assertThatThrownBy(() -> new LakeArchiver(first, dir, "test", idleAfter(Duration.ofMillis(100)),
                    Clock.systemUTC(), crash).run(() -> false)).hasMessage("crash at " + phase);
            // what the crashed run managed to commit survives it (Kafka keeps it); the new run starts from there
            for (ArchiveTable<?> t : ArchiveTable.ALL) {
                for (int p = 0; p < PARTITIONS; p++) {
                    TopicPartition tp = new TopicPartition(t.topic(), p);
                    OffsetAndMetadata om = first.committed(java.util.Set.of(tp)).get(tp);
                    if (om != null) {
                        committed.put(tp, om);
                    }
                }
            }
            MockConsumer<String, byte[]> second = consumer(committed);
            new LakeArchiver(second, dir, "test", idleAfter(Duration.ofMillis(100)), Clock.systemUTC(),
                    new LakeArchiver.Listener() { }).run(() -> false);

            assertThat(ArchiveFixtures.archivedKeys(dir)).as("crash at %s", phase)
                    .hasSize((int) EXPECTED_ROWS).doesNotHaveDuplicates();
            assertThat(Files.exists(new RollJournal(dir, "test").file())).isFalse();
        }
    }

    @Test
    void aStopShouldFirstDrainWhatIsCommittedOnTheTopics() {
        MockConsumer<String, byte[]> c = consumer(Map.of());
        LakeArchiver.Summary s = new LakeArchiver(c, lake, "test", ArchiveSettings.defaults()
                .withPollTimeout(Duration.ofMillis(20)), Clock.systemUTC(), new LakeArchiver.Listener() { })
                .run(() -> true);
        assertThat(s.stoppedIdle()).isFalse();
        assertThat(ArchiveFixtures.archivedKeys(lake)).hasSize((int) EXPECTED_ROWS).doesNotHaveDuplicates();
    }

    @Test
    void idleShouldAlsoEndARunThatFindsNothing() {
        MockConsumer<String, byte[]> empty = new MockConsumer<>("earliest");
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (ArchiveTable<?> t : ArchiveTable.ALL) {
            empty.updatePartitions(t.topic(), List.of(new PartitionInfo(t.topic(), 0, Node.noNode(), new Node[0], new Node[0])));
            offsets.put(new TopicPartition(t.topic(), 0), 0L);
        }
        empty.updateBeginningOffsets(offsets);
        empty.updateEndOffsets(offsets);
        LakeArchiver.Summary s = run(empty, idleAfter(Duration.ofMillis(200)), new LakeArchiver.Listener() { });
        assertThat(s.stoppedIdle()).isTrue();
        assertThat(s.totalRows()).isZero();
    }

    @Test
    void shouldRefuseInvalidSettingsNamingThem() {
        assertThatThrownBy(() -> ArchiveSettings.defaults().withRollRecords(0)).hasMessageContaining("roll records");
        assertThatThrownBy(() -> ArchiveSettings.defaults().withUntilIdle(Duration.ZERO)).hasMessageContaining("until-idle");
    }

    private List<Path> inProgressFiles() {
        try (Stream<Path> walk = Files.walk(lake)) {
            return walk.filter(LakeLayout::isInProgress).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
