package io.andiag.datasets.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.andiag.model.codec.CounterCodec;
import io.andiag.model.codec.DetailCodec;
import io.andiag.model.codec.TimestampBounds;
import io.andiag.model.label.IncidentLabel;
import io.andiag.model.lake.CounterRow;
import io.andiag.model.lake.LakeEncoders;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeSchemas;
import io.andiag.model.lake.LakeWriter;
import io.andiag.model.lake.SeriesTruth;
import io.andiag.model.record.DetailRecord;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Runs a simulation: builds the topology, plans the events, then generates day by day. The containers are split
 * into {@link #SHARDS} fixed shards, each with its own random stream, so the rows do not depend on the number of
 * threads: for Parquet-only output the shards of a day run in parallel, one file per shard per day; with JSON lines
 * the shards step together, interval by interval, so the JSON files are in time order.
 */
public final class RegionSimulator {

    /** Fixed number of shards (and of part files per day); never derived from the machine. */
    public static final int SHARDS = 16;
    /** Name of the run's description at the lake root (leading underscore: not table data). */
    public static final String RUN_FILE = "_simulation.json";
    public static final String JSONL_DIR = "jsonl";
    public static final String COUNTERS_JSONL = "counters.jsonl.gz";
    public static final String DETAILS_JSONL = "details.jsonl.gz";

    /** What a run wrote. */
    public record Summary(int ips, int days, long series, long counterRows, long detailRows, int incidents,
                          int benign, double seconds) {
        public double rowsPerSecond() {
            return seconds > 0 ? (counterRows + detailRows) / seconds : 0;
        }
    }

    private final SimConfig cfg;
    private final PrintStream log;
    private final int threads;
    private final AtomicLong counterRows = new AtomicLong();
    private final AtomicLong detailRows = new AtomicLong();

    private RegionSimulator(SimConfig cfg, PrintStream log, int threads) {
        this.cfg = cfg;
        this.log = log;
        this.threads = threads;
    }

    /** Runs with one thread per core (at most {@link #SHARDS}); {@code log} may be null for silence. */
    public static Summary run(SimConfig cfg, PrintStream log) {
        return run(cfg, log, Math.min(SHARDS, Runtime.getRuntime().availableProcessors()));
    }

    /** Runs with {@code threads} threads; the output does not depend on it. */
    public static Summary run(SimConfig cfg, PrintStream log, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return new RegionSimulator(cfg, log, threads).run();
    }

    private Summary run() {
        long t0 = System.nanoTime();
        Topology topo = TopologyBuilder.build(cfg);
        List<SimEvent> events = EventPlanner.plan(cfg, topo);
        List<ShardGenerator> shards = new ArrayList<>(SHARDS);
        for (int k = 0; k < SHARDS; k++) {
            shards.add(new ShardGenerator(cfg, topo, k, SHARDS, events));
        }
        List<SeriesTruth> truth = new ArrayList<>();
        for (ShardGenerator s : shards) {
            truth.addAll(s.truth());
        }
        truth.sort(java.util.Comparator.comparing(SeriesTruth::ip).thenComparing(SeriesTruth::scenario)
                .thenComparing(SeriesTruth::type));
        long incidents = events.stream().filter(e -> e.label.team().isPresent()).count();
        say("simulate: region %s, %d IPs (%d hosts, %d ToRs, %d apps), %d series, %d days from %s, seed %d, "
                        + "%d incidents + %d benign bursts, interval %d s, format %s",
                cfg.region(), topo.n, topo.hostName.length, topo.torName.length, topo.apps.length, truth.size(),
                cfg.days(), cfg.start(), cfg.seed(), incidents, events.size() - incidents, cfg.intervalS(),
                cfg.format().name().toLowerCase(Locale.ROOT));

        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sim-shard");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-progress");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int d = 0; d < cfg.days(); d++) {
                LocalDate day = cfg.start().plusDays(d);
                long dayStart = System.nanoTime();
                long rowsBefore = counterRows.get() + detailRows.get();
                long expected = (long) topo.n * cfg.intervalsPerDay();
                long counterBefore = counterRows.get();
                int dayNo = d + 1;
                Future<?> tick = ticker.scheduleAtFixedRate(() -> say("  day %d/%d: %5.1f %% of intervals, %,d rows",
                        dayNo, cfg.days(), 100.0 * (counterRows.get() - counterBefore) / expected,
                        counterRows.get() + detailRows.get() - rowsBefore), 10, 10, TimeUnit.SECONDS);
                try {
                    writeDaySnapshots(day, d, topo, truth, events);
                    if (cfg.format().jsonl()) {
                        generateLockstep(day, d, shards);
                    } else {
                        generateParallel(day, d, shards, pool);
                    }
                } finally {
                    tick.cancel(false);
                }
                double secs = (System.nanoTime() - dayStart) / 1e9;
                long rows = counterRows.get() + detailRows.get() - rowsBefore;
                say("day %d/%d %s: %,d rows written in %.1f s (%,.0f rows/s)", dayNo, cfg.days(), day, rows, secs,
                        rows / Math.max(secs, 1e-9));
            }
        } finally {
            pool.shutdownNow();
            ticker.shutdownNow();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Summary summary = new Summary(topo.n, cfg.days(), truth.size(), counterRows.get(), detailRows.get(),
                (int) incidents, (int) (events.size() - incidents), secs);
        writeRunFile(summary, topo);
        say("done: %,d counter rows, %,d detail rows, %d incidents, %d benign bursts in %.1f s (%,.0f rows/s) -> %s",
                summary.counterRows(), summary.detailRows(), summary.incidents(), summary.benign(), secs,
                summary.rowsPerSecond(), cfg.out());
        return summary;
    }

    /** The small tables, written whatever the format: replays need the attributes and the ground truth too. */
    private void writeDaySnapshots(LocalDate day, int d, Topology topo, List<SeriesTruth> truth, List<SimEvent> events) {
        Path attrs = LakeLayout.partitionDir(cfg.out(), LakeLayout.IP_ATTRIBUTES, day);
        LakeWriter.writeAll(LakeLayout.partFile(attrs, 0), LakeSchemas.IP_ATTRIBUTES, LakeEncoders.IP_ATTRIBUTES,
                topo.allAttributes());
        LakeLayout.markSuccess(attrs);
        Path st = LakeLayout.partitionDir(cfg.out(), LakeLayout.SERIES_TRUTH, day);
        LakeWriter.writeAll(LakeLayout.partFile(st, 0), LakeSchemas.SERIES_TRUTH, LakeEncoders.SERIES_TRUTH, truth);
        LakeLayout.markSuccess(st);
        long from = cfg.startMs() + d * 86_400_000L;
        long to = from + 86_400_000L;
        List<IncidentLabel> labels = events.stream().map(e -> e.label)
                .filter(l -> l.startTs() >= from && l.startTs() < to).toList();
        Path lb = LakeLayout.partitionDir(cfg.out(), LakeLayout.LABELS, day);
        LakeWriter.writeAll(LakeLayout.partFile(lb, 0), LakeSchemas.LABELS, LakeEncoders.LABEL, labels);
        LakeLayout.markSuccess(lb);
    }

    private void generateParallel(LocalDate day, int d, List<ShardGenerator> shards, ExecutorService pool) {
        Path counters = LakeLayout.partitionDir(cfg.out(), LakeLayout.RETX_COUNTERS, day);
        Path details = LakeLayout.partitionDir(cfg.out(), LakeLayout.RETX_DETAILS, day);
        int first = d * cfg.intervalsPerDay();
        int last = first + cfg.intervalsPerDay();
        List<Future<?>> futures = new ArrayList<>();
        for (int k = 0; k < shards.size(); k++) {
            ShardGenerator shard = shards.get(k);
            int part = k;
            futures.add(pool.submit(() -> {
                try (LakeWriter<CounterRow> cw = LakeWriter.open(LakeLayout.partFile(counters, part),
                        LakeSchemas.RETX_COUNTERS, LakeEncoders.COUNTER_ROW);
                     LakeWriter<DetailRecord> dw = LakeWriter.open(LakeLayout.partFile(details, part),
                             LakeSchemas.RETX_DETAILS, LakeEncoders.DETAIL)) {
                    int batch = 0;
                    for (int g = first; g < last; g++) {
                        shard.step(g, cw::write, dw::write);
                        if (++batch == 64) {
                            flushCounts(cw, dw);
                            batch = 0;
                        }
                    }
                    flushCounts(cw, dw);
                }
            }));
        }
        await(futures);
        LakeLayout.markSuccess(counters);
        LakeLayout.markSuccess(details);
    }

    private final Map<LakeWriter<?>, Long> reported = new java.util.concurrent.ConcurrentHashMap<>();

    /** Adds what the writers wrote since the last call to the run's counters (for progress). */
    private void flushCounts(LakeWriter<CounterRow> cw, LakeWriter<DetailRecord> dw) {
        long c = cw.rowsWritten();
        long dd = dw.rowsWritten();
        counterRows.addAndGet(c - reported.getOrDefault(cw, 0L));
        detailRows.addAndGet(dd - reported.getOrDefault(dw, 0L));
        reported.put(cw, c);
        reported.put(dw, dd);
    }

    private void generateLockstep(LocalDate day, int d, List<ShardGenerator> shards) {
        boolean parquet = cfg.format().parquet();
        Path counters = LakeLayout.partitionDir(cfg.out(), LakeLayout.RETX_COUNTERS, day);
        Path details = LakeLayout.partitionDir(cfg.out(), LakeLayout.RETX_DETAILS, day);
        Path jsonDir = cfg.out().resolve(JSONL_DIR).resolve(LakeLayout.partitionName(day));
        List<LakeWriter<CounterRow>> cws = new ArrayList<>();
        List<LakeWriter<DetailRecord>> dws = new ArrayList<>();
        CounterCodec counterCodec = new CounterCodec(TimestampBounds.historical());
        DetailCodec detailCodec = new DetailCodec(TimestampBounds.historical());
        try (Writer cj = gzipWriter(jsonDir.resolve(COUNTERS_JSONL)); Writer dj = gzipWriter(jsonDir.resolve(DETAILS_JSONL))) {
            if (parquet) {
                for (int k = 0; k < shards.size(); k++) {
                    cws.add(LakeWriter.open(LakeLayout.partFile(counters, k), LakeSchemas.RETX_COUNTERS,
                            LakeEncoders.COUNTER_ROW));
                    dws.add(LakeWriter.open(LakeLayout.partFile(details, k), LakeSchemas.RETX_DETAILS,
                            LakeEncoders.DETAIL));
                }
            }
            List<DetailRecord> intervalDetails = new ArrayList<>();
            int first = d * cfg.intervalsPerDay();
            for (int g = first; g < first + cfg.intervalsPerDay(); g++) {
                intervalDetails.clear();
                for (int k = 0; k < shards.size(); k++) {
                    LakeWriter<CounterRow> cw = parquet ? cws.get(k) : null;
                    LakeWriter<DetailRecord> dw = parquet ? dws.get(k) : null;
                    shards.get(k).step(g, row -> {
                        if (cw != null) {
                            cw.write(row);
                        }
                        try {
                            counterCodec.encode(row.toRecord(), cj);
                            cj.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        counterRows.incrementAndGet();
                    }, det -> {
                        if (dw != null) {
                            dw.write(det);
                        }
                        intervalDetails.add(det);
                        detailRows.incrementAndGet();
                    });
                }
                intervalDetails.sort(ShardGenerator.DETAIL_ORDER);
                for (DetailRecord det : intervalDetails) {
                    detailCodec.encode(det, dj);
                    dj.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON lines in " + jsonDir, e);
        } finally {
            cws.forEach(LakeWriter::close);
            dws.forEach(LakeWriter::close);
        }
        LakeLayout.markSuccess(jsonDir);
        if (parquet) {
            LakeLayout.markSuccess(counters);
            LakeLayout.markSuccess(details);
        }
    }

    private static Writer gzipWriter(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16);
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void await(List<Future<?>> futures) {
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation interrupted", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("a shard failed: " + cause, cause);
        }
    }

    private void writeRunFile(Summary s, Topology topo) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("region", cfg.region());
        run.put("peer_region", cfg.peerRegion());
        run.put("ips", cfg.ips());
        run.put("days", cfg.days());
        run.put("start", cfg.start().toString());
        run.put("seed", cfg.seed());
        run.put("interval_s", cfg.intervalS());
        run.put("incidents_per_day", cfg.incidentsPerDay());
        run.put("benign_per_day", cfg.benignPerDay());
        run.put("mix", cfg.mix().toString());
        run.put("format", cfg.format().name().toLowerCase(Locale.ROOT));
        run.put("shards", SHARDS);
        run.put("hosts", topo.hostName.length);
        run.put("tors", topo.torName.length);
        run.put("apps", topo.apps.length);
        run.put("series", s.series());
        run.put("counter_rows", s.counterRows());
        run.put("detail_rows", s.detailRows());
        run.put("incidents", s.incidents());
        run.put("benign", s.benign());
        try {
            Files.createDirectories(cfg.out());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(cfg.out().resolve(RUN_FILE).toFile(), run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + RUN_FILE, e);
        }
    }

    private void say(String format, Object... args) {
        if (log != null) {
            log.println(String.format(Locale.ROOT, format, args));
            log.flush();
        }
    }
}
