package io.andiag.datasets.cli;

import io.andiag.datasets.replay.ReplaySource;
import io.andiag.datasets.replay.ReplaySources;
import io.andiag.datasets.replay.Replayer;
import io.andiag.datasets.replay.TimeOfDaySource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code andiag replay}: pushes a simulated or recorded day into Kafka, keeping event time. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Push lake days (retx_counters + retx_details) or JSON-lines files into and.retx.counters and",
                "and.retx.details in event-time order, paced by event time (windows downstream close by event time)."})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--from", required = true, arity = "1..*", paramLabel = "LAKE_OR_JSONL",
            description = "A lake directory, or JSON-lines files/directories (*.jsonl, *.jsonl.gz; 'details' in the name goes to and.retx.details).")
    List<Path> from = new ArrayList<>();

    @Option(names = "--date", arity = "1..*", paramLabel = "YYYY-MM-DD", description = "Lake days to replay (default: every complete day).")
    List<LocalDate> dates = new ArrayList<>();

    @Option(names = "--speedup", defaultValue = "0", paramLabel = "X",
            description = "Event time runs X times faster than wall time; 0 = as fast as possible. Default: ${DEFAULT-VALUE}.")
    double speedup;

    @Option(names = "--from-time", paramLabel = "HH:MM", description = "Replay only records at or after this UTC time of each day.")
    LocalTime fromTime;

    @Option(names = "--to-time", paramLabel = "HH:MM", description = "Replay only records before this UTC time of each day.")
    LocalTime toTime;

    @Option(names = "--no-details", description = "Replay the counters only.")
    boolean noDetails;

    @Option(names = "--flush", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After the data, send one heartbeat per counters partition 3 minutes after the last minute,"
                    + " so the speed layer closes the last minutes. Default: ${DEFAULT-VALUE}.")
    boolean flush;

    @Override
    public Integer call() throws Exception {
        ReplaySource source = windowed(from.size() == 1 && ReplaySources.isLake(from.get(0))
                ? ReplaySources.lake(from.get(0), dates, !noDetails)
                : ReplaySources.jsonLines(from));
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
                ProducerConfig.CLIENT_ID_CONFIG, "andiag-replay");
        try (source; Producer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            Replayer.Summary s = new Replayer(producer, speedup, System.err, System::nanoTime).replay(source, flush);
            System.out.printf("replayed %,d counters and %,d details (event time %s .. %s) in %.1f s, %,.0f records/s; %d flush heartbeats%n",
                    s.counters(), s.details(), java.time.Instant.ofEpochMilli(s.firstTs()), java.time.Instant.ofEpochMilli(s.lastTs()),
                    s.seconds(), (s.counters() + s.details()) / Math.max(s.seconds(), 1e-9), s.flushHeartbeats());
        }
        return 0;
    }

    /** The source, limited to [--from-time, --to-time) of each day when either is given. */
    private ReplaySource windowed(ReplaySource source) {
        if (fromTime == null && toTime == null) {
            return source;
        }
        LocalTime to = toTime == null ? LocalTime.MAX : toTime;
        long stopAfter = dates.isEmpty() || toTime == null ? Long.MAX_VALUE
                : dates.stream().max(LocalDate::compareTo).orElseThrow().atTime(toTime).toInstant(ZoneOffset.UTC).toEpochMilli();
        try {
            return new TimeOfDaySource(source, fromTime == null ? LocalTime.MIDNIGHT : fromTime, to, stopAfter);
        } catch (IllegalArgumentException e) {
            source.close();
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }
}
