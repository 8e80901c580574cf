package io.andiag.bench.speed;

import io.andiag.bench.Options;
import io.andiag.bench.SampleSeries;
import io.andiag.model.codec.AbnormalCodec;
import io.andiag.model.codec.AlertCodec;
import io.andiag.model.codec.CounterCodec;
import io.andiag.model.codec.Decoded;
import io.andiag.model.codec.TimestampBounds;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.params.ParameterSet;
import io.andiag.model.params.ParameterSetLoader;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.record.WireTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load driver of the speed-layer benchmark. Sends one counter record per IP per minute (a heartbeat with the minute's
 * retransmissions, Poisson around each profiled series' expected value, plus a +30 burst on one IP-minute in
 * {@code burst-every}) for {@code minutes} consecutive event minutes in the past, to a running broker and speed
 * layer; the IPs are those of the lake's published parameter set (beyond them, unknown containers that send the
 * counts of a known IP and are scored with the cold-start profile).
 *
 * <p>Measures: sustained throughput, from the speed layer's own {@code and_counters_in_total} (scraped every 250 ms;
 * the rate between 5 % and 95 % of the records sent), and, when {@code pace-ms} &gt; 0 (one minute of records every
 * pace-ms, flushed), minute-close → abnormal and minute-close → alert latency: for each record of minute k on
 * {@code and.abnormal} and on {@code and.alerts}, the wall time a read_committed consumer received it minus the wall
 * time the producer had flushed minute k+1 (the records whose event time closes minute k on every partition). The
 * paced run injects an {@link InjectedIncident} at {@code incident-level} (-1: none) so that most closed minutes
 * alert. Last line: {@code RESULT {json}}.
 */
public final class SpeedLoad {

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("bootstrap", "127.0.0.1:9092");
        DEFAULTS.put("lake", null);
        DEFAULTS.put("ips", "10000");
        DEFAULTS.put("minutes", "10");
        DEFAULTS.put("pace-ms", "0");
        DEFAULTS.put("burst-every", "2000");
        DEFAULTS.put("metrics", "http://127.0.0.1:9464/metrics");
        DEFAULTS.put("drain-timeout-s", "600");
        DEFAULTS.put("start-minutes-ago", "");
        DEFAULTS.put("seed", "7");
        DEFAULTS.put("incident-level", "3");
    }

    private SpeedLoad() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args, DEFAULTS);
        int ips = o.getInt("ips");
        int minutes = o.getInt("minutes");
        long paceMs = o.getLong("pace-ms");
        int burstEvery = o.getInt("burst-every");
        if (ips < 1 || minutes < 2) {
            throw new IllegalArgumentException("--ips must be >= 1 and --minutes >= 2, got " + ips + ", " + minutes);
        }
        ParameterSet set = ParameterSetLoader.loadLatest(Path.of(o.get("lake")));
        Region region = Region.of(set, ips);
        // event time: whole minutes in the past (the codecs refuse records from the future); by default ending an
        // hour ago, so a later run with a smaller --start-minutes-ago continues forward in event time
        long now = System.currentTimeMillis();
        long ago = o.get("start-minutes-ago").isEmpty() ? minutes + 60 : o.getLong("start-minutes-ago");
        if (ago < minutes) {
            throw new IllegalArgumentException("--start-minutes-ago must be >= --minutes (no minute in the future), got "
                    + ago + " < " + minutes);
        }
        long firstMinute = (now / 60_000L - ago) * 60_000L;

        int incidentLevel = o.getInt("incident-level");
        InjectedIncident incident = paceMs > 0 && incidentLevel >= 0
                ? InjectedIncident.atLevel(region.firstSlot, incidentLevel) : InjectedIncident.none();

        Metrics metrics = new Metrics(o.get("metrics"));
        long countersBefore = metrics.countersIn();
        Map<Long, Long> flushedAt = new ConcurrentHashMap<>();
        AbnormalCodec abnormalCodec = new AbnormalCodec();
        ArrivalWatcher abnormalWatcher = new ArrivalWatcher(o.get("bootstrap"), WireTopics.ABNORMAL, v -> {
            Decoded<AbnormalSeries> d = abnormalCodec.decode(v);
            return d.isOk() ? new ArrivalWatcher.Arrival(d.value().minute(), "abnormal") : null;
        });
        AlertCodec alertCodec = new AlertCodec();
        ArrivalWatcher alertWatcher = new ArrivalWatcher(o.get("bootstrap"), WireTopics.ALERTS, v -> {
            Decoded<IncidentAlert> d = alertCodec.decode(v);
            return d.isOk() ? new ArrivalWatcher.Arrival(d.value().minute(), d.value().status().name()) : null;
        });
        List<Thread> watchers = List.of(abnormalWatcher.start(), alertWatcher.start());
        Thread scraper = new Thread(metrics, "metrics-scraper");
        scraper.setDaemon(true);
        scraper.start();

        CounterCodec codec = new CounterCodec(TimestampBounds.systemDefault());
        SplittableRandom random = new SplittableRandom(o.getLong("seed"));
        long sent = 0;
        long bursts = 0;
        long incidentBursts = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(o.get("bootstrap")))) {
            int[] counts = new int[RetxCounts.SLOTS];
            for (int k = 0; k < minutes; k++) {
                long minuteStart = firstMinute + k * 60_000L;
                long pacedUntil = System.nanoTime() + paceMs * 1_000_000L;
                for (int i = 0; i < region.ips.length; i++) {
                    Arrays.fill(counts, 0);
                    ScoringProfile[] profiles = region.profiles[i];
                    for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
                        if (profiles[slot] != null) {
                            counts[slot] = SampleSeries.poisson(random, profiles[slot].noise().expected(minuteStart));
                        }
                    }
                    if (burstEvery > 0 && region.firstSlot[i] >= 0 && random.nextInt(burstEvery) == 0) {
                        counts[region.firstSlot[i]] += 30;
                        bursts++;
                    }
                    if (incident.hits(k, i)) {
                        counts[region.firstSlot[i]] += InjectedIncident.BURST;
                        incidentBursts++;
                    }
                    // spread over the minute so every partition's stream time crosses the previous minute's grace
                    long ts = minuteStart + (i % 60) * 1_000L;
                    CounterRecord r = new CounterRecord(ts, region.ips[i], 60, RetxCounts.of(counts));
                    producer.send(new ProducerRecord<>(WireTopics.RETX_COUNTERS, null, ts, region.ips[i],
                            codec.encode(r)));
                    sent++;
                }
                if (paceMs > 0) {
                    producer.flush();
                    // minute k closes once minute k+1 is in (grace 20 s < the 59 s spread)
                    flushedAt.put(minuteStart - 60_000L, System.currentTimeMillis());
                    long wait = pacedUntil - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    }
                }
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "sent %d records (%d IPs x %d minutes, %d bursts) in %.1f s: %.0f records/s%n",
                sent, region.ips.length, minutes, bursts, produceSeconds, sent / produceSeconds);

        long target = countersBefore + sent;
        long deadline = System.currentTimeMillis() + o.getLong("drain-timeout-s") * 1000L;
        while (metrics.latest() < target && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        boolean drained = metrics.latest() >= target;
        Thread.sleep(5_000); // the last minutes' abnormal records, committed after the last counters
        abnormalWatcher.stop();
        alertWatcher.stop();
        for (Thread t : watchers) {
            t.join();
        }
        metrics.stop();

        double sustained = metrics.rate(countersBefore + (long) (0.05 * sent), countersBefore + (long) (0.95 * sent));
        List<Long> toAbnormal = abnormalWatcher.latencies(flushedAt);
        List<Long> toAlert = alertWatcher.latencies(flushedAt);
        System.out.printf(Locale.ROOT, "speed layer: %s, sustained %.0f records/s; %d abnormal records (%d with a "
                        + "close time), %d alerts %s (%d with a close time, %d unreadable)%n",
                drained ? "drained" : "NOT drained before the timeout", sustained, abnormalWatcher.received(),
                toAbnormal.size(), alertWatcher.received(), alertWatcher.kinds(), toAlert.size(),
                alertWatcher.unreadable());
        System.out.printf(Locale.ROOT, "RESULT {\"bench\":\"speed\",\"ips\":%d,\"known_ips\":%d,\"series\":%d,"
                        + "\"minutes\":%d,\"records\":%d,\"bursts\":%d,\"pace_ms\":%d,\"produce_rps\":%.0f,"
                        + "\"drained\":%b,\"sustained_rps\":%.0f,\"abnormal\":%d,\"latency_samples\":%d,"
                        + "\"close_to_abnormal_p50_ms\":%s,\"close_to_abnormal_p99_ms\":%s,"
                        + "\"incident_level\":%d,\"incident_ips\":%d,\"incident_bursts\":%d,"
                        + "\"alerts\":%d,\"alert_kinds\":%s,\"alert_samples\":%d,"
                        + "\"close_to_alert_p50_ms\":%s,\"close_to_alert_p99_ms\":%s}%n",
                region.ips.length, region.known, region.series, minutes, sent, bursts, paceMs, sent / produceSeconds,
                drained, sustained, abnormalWatcher.received(), toAbnormal.size(), percentile(toAbnormal, 0.50),
                percentile(toAbnormal, 0.99), incident.size() == 0 ? -1 : incidentLevel, incident.size(),
                incidentBursts, alertWatcher.received(), json(alertWatcher.kinds()), toAlert.size(),
                percentile(toAlert, 0.50), percentile(toAlert, 0.99));
    }

    private static String json(Map<String, Long> counts) {
        StringBuilder b = new StringBuilder("{");
        counts.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return b.append('}').toString();
    }

    private static String percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return "null";
        }
        return Long.toString(sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1)));
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        return p;
    }

    /** The IPs to send: the set's profiled IPs in order, then unknown ones. */
    private record Region(String[] ips, ScoringProfile[][] profiles, int[] firstSlot, int known, int series) {

        static Region of(ParameterSet set, int n) {
            TreeMap<String, ScoringProfile[]> byIp = new TreeMap<>();
            for (SeriesKey key : set.noiseModels().keySet()) {
                byIp.computeIfAbsent(key.ip(), ip -> new ScoringProfile[RetxCounts.SLOTS])[key.slot()] =
                        set.scoringProfile(key);
            }
            String[] ips = new String[n];
            ScoringProfile[][] profiles = new ScoringProfile[n][];
            int[] firstSlot = new int[n];
            int i = 0;
            int series = 0;
            for (Map.Entry<String, ScoringProfile[]> e : byIp.entrySet()) {
                if (i == n) {
                    break;
                }
                ips[i] = e.getKey();
                profiles[i] = e.getValue();
                firstSlot[i] = -1;
                for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
                    if (e.getValue()[slot] != null) {
                        series++;
                        if (firstSlot[i] < 0) {
                            firstSlot[i] = slot;
                        }
                    }
                }
                i++;
            }
            int known = i;
            for (; i < n; i++) {
                // an unknown container with the counts of known IP (i mod known): the speed layer scores its
                // series with the cold-start profile from their first retransmission, so the work per record
                // stays close to a profiled IP's (its parameters are not in the set, though)
                ips[i] = "10." + (250 + (i >> 16 & 0x3)) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
                profiles[i] = known == 0 ? new ScoringProfile[RetxCounts.SLOTS] : profiles[i % known];
                firstSlot[i] = known == 0 ? -1 : firstSlot[i % known];
            }
            return new Region(ips, profiles, firstSlot, known, series);
        }
    }

    /** Scrapes and_counters_in_total. */
    private static final class Metrics implements Runnable {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI uri;
        private final List<long[]> samples = new ArrayList<>(); // {nanoTime, counters}
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile long latest;

        Metrics(String url) {
            this.uri = URI.create(url);
        }

        long countersIn() throws IOException, InterruptedException {
            String body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith("and_counters_in_total")) {
                    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
                }
            }
            throw new IllegalStateException("no and_counters_in_total at " + uri);
        }

        long latest() {
            return latest;
        }

        @Override
        public void run() {
            while (running.get()) {
                try {
                    long v = countersIn();
                    synchronized (samples) {
                        samples.add(new long[] {System.nanoTime(), v});
                    }
                    latest = v;
                    Thread.sleep(250);
                } catch (IOException e) {
                    // the speed layer is busy; try again
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            running.set(false);
        }

        /** Records/s between the first samples at or above {@code from} and {@code to}. */
        double rate(long from, long to) {
            synchronized (samples) {
                long[] a = null;
                long[] b = null;
                for (long[] s : samples) {
                    if (a == null && s[1] >= from) {
                        a = s;
                    }
                    if (b == null && s[1] >= to) {
                        b = s;
                    }
                }
                if (a == null || b == null || b[0] == a[0]) {
                    return Double.NaN;
                }
                return (b[1] - a[1]) / ((b[0] - a[0]) / 1e9);
            }
        }
    }
}
