package io.andiag.speed.cli;

import io.andiag.speed.archive.ArchiveSettings;
import io.andiag.speed.archive.ArchiveTable;
import io.andiag.speed.archive.LakeArchiver;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code andiag archive}: the speed layer's output topics into the lake, for analysts and the scorecard. */
@Command(name = "archive",
        description = {"Archive and.abnormal -> <lake>/abnormal/, and.alerts -> <lake>/incidents/ and and.monitored ->"
                + " <lake>/monitored/ (Parquet, dt=YYYY-MM-DD by the record's minute), with a plain consumer (read_committed).",
                "Files are rolled every --roll-records records or --roll-interval, written under a hidden name and renamed"
                        + " when closed; offsets are committed only after that, so readers never see half files and a restart"
                        + " neither loses nor duplicates a record (docs/lake.md). One archive per lake and group.",
                "Runs until Ctrl-C or SIGTERM (it first archives everything committed on the topics at that moment, rolls, exits 0),"
                        + " or with --until-idle until the topics are quiet."})
final class ArchiveCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--lake", required = true, paramLabel = "DIR", description = "The lake to write into.")
    Path lake;

    @Option(names = "--group", defaultValue = "and-archive", paramLabel = "ID",
            description = "Consumer group the offsets are committed under. Default: ${DEFAULT-VALUE}.")
    String group;

    @Option(names = "--roll-records", defaultValue = "" + ArchiveSettings.DEFAULT_ROLL_RECORDS, paramLabel = "N",
            description = "Close the files and commit after this many records. Default: ${DEFAULT-VALUE}.")
    int rollRecords;

    @Option(names = "--roll-interval", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "... or when the oldest buffered record is this old (ISO-8601). Default: ${DEFAULT-VALUE}.")
    Duration rollInterval;

    @Option(names = "--until-idle", paramLabel = "SECONDS",
            description = "Exit (after a last roll) once no record arrived for this many seconds (counted from the start,"
                    + " then from the last record).")
    Integer untilIdleSeconds;

    @Option(names = "--day-close-grace", defaultValue = "PT1H", paramLabel = "DURATION",
            description = "Write _SUCCESS in dt=D of a table once a record this long after the end of D was archived to it."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration dayCloseGrace;

    @Override
    public Integer call() {
        ArchiveSettings settings;
        try {
            settings = ArchiveSettings.defaults().withRollRecords(rollRecords).withRollInterval(rollInterval)
                    .withDayCloseGrace(dayCloseGrace)
                    .withUntilIdle(untilIdleSeconds == null ? null : Duration.ofSeconds(untilIdleSeconds));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        StopSignal stop = StopSignal.install();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            LakeArchiver archiver = new LakeArchiver(consumer, lake, group, settings, Clock.systemUTC(), new ProgressLog());
            LakeArchiver.Summary s = archiver.run(stop::isRequested);
            out.printf("archived %,d rows (%s) in %,d files, %,d rolls; %,d undecodable records skipped%s%n",
                    s.totalRows(), describe(s.rows()), s.files(), s.rolls(), s.rejected(),
                    s.stoppedIdle() ? "; stopped: topics idle" : "");
            out.flush();
        } finally {
            stop.markStopped();
        }
        return 0;
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "andiag-archive");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The speed layer writes its output in transactions (exactly once): archive only committed records.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return p;
    }

    private static String describe(Map<String, Long> rows) {
        return ArchiveTable.ALL.stream().map(t -> t.table() + " " + String.format("%,d", rows.getOrDefault(t.table(), 0L)))
                .collect(Collectors.joining(", "));
    }

    /** Progress on stderr (log lines): what was assigned, recovered, rolled, rejected. */
    private static final class ProgressLog implements LakeArchiver.Listener {
        @Override
        public void onAssigned(List<TopicPartition> partitions, Map<TopicPartition, Long> startOffsets) {
            LOG.info("archiving {} partitions from offsets {}", partitions.size(), startOffsets);
        }

        @Override
        public void onRecovered(String roll, int files) {
            LOG.warn("finished roll {} that a previous run left half done ({} files renamed, offsets committed)", roll, files);
        }

        @Override
        public void onRoll(LakeArchiver.RollReport r) {
            LOG.info("roll {}: {} files, rows {}{}{}", r.roll(), r.files(), describe(r.rows()),
                    r.rejected() > 0 ? ", " + r.rejected() + " undecodable" : "",
                    r.closedPartitions().isEmpty() ? "" : ", closed " + r.closedPartitions());
        }

        @Override
        public void onDrainTimeout(Map<TopicPartition, Long> endOffsets) {
            LOG.warn("stopping before reaching the end offsets {}: the rest stays on the topics for the next run", endOffsets);
        }

        @Override
        public void onRejected(ConsumerRecord<String, byte[]> r, String reason) {
            LOG.warn("skipping undecodable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), reason);
        }
    }
}
