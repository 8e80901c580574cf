package io.andiag.datasets.sim;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Every setting of one simulation run, validated at construction (errors name the option and the bad value).
 *
 * @param ips             monitored container IPs
 * @param days            days to simulate
 * @param start           first day (UTC)
 * @param seed            master seed: the same config gives the same rows
 * @param out             lake root directory
 * @param incidentsPerDay injected incidents per day (each with a team)
 * @param benignPerDay    benign bursts per day (rolling restarts, noisy containers)
 * @param intervalS       counter interval in seconds; divides 60
 * @param format          Parquet lake, JSON lines, or both
 * @param mix             pattern shares
 * @param region          name of the monitored region
 */
public record SimConfig(int ips, int days, LocalDate start, long seed, Path out, int incidentsPerDay, int benignPerDay,
                        int intervalS, OutputFormat format, PatternMix mix, String region) {

    public static final int DEFAULT_IPS = 2000;
    public static final int DEFAULT_DAYS = 2;
    public static final long DEFAULT_SEED = 7;
    public static final int DEFAULT_INCIDENTS_PER_DAY = 12;
    public static final int DEFAULT_BENIGN_PER_DAY = 4;
    public static final int DEFAULT_INTERVAL_S = 15;
    public static final String DEFAULT_REGION = "region-a";
    /** Events (incidents + benign) a day can hold with at least 12 minutes each, gaps included. */
    public static final int MAX_EVENTS_PER_DAY = 120;

    public SimConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(mix, "mix");
        Objects.requireNonNull(region, "region");
        if (ips < 50 || ips > 5_000_000) {
            throw new IllegalArgumentException("--ips must be in 50..5000000, got " + ips);
        }
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("--days must be in 1..366, got " + days);
        }
        if (intervalS < 1 || intervalS > 60 || 60 % intervalS != 0) {
            throw new IllegalArgumentException("--interval-s must be in 1..60 and divide 60, got " + intervalS);
        }
        if (incidentsPerDay < 0 || benignPerDay < 0 || incidentsPerDay + benignPerDay > MAX_EVENTS_PER_DAY) {
            throw new IllegalArgumentException("--incidents-per-day and --benign-per-day must be >= 0 with a sum of at most "
                    + MAX_EVENTS_PER_DAY + ", got " + incidentsPerDay + " + " + benignPerDay);
        }
        if (!region.matches("[a-z0-9][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("--region must be lower-case letters, digits and '-', got '" + region + "'");
        }
    }

    /** The defaults of every option but the output directory. */
    public static SimConfig defaults(Path out) {
        return new SimConfig(DEFAULT_IPS, DEFAULT_DAYS, LocalDate.now(java.time.ZoneOffset.UTC).minusDays(DEFAULT_DAYS),
                DEFAULT_SEED, out, DEFAULT_INCIDENTS_PER_DAY, DEFAULT_BENIGN_PER_DAY, DEFAULT_INTERVAL_S,
                OutputFormat.PARQUET, PatternMix.PAPER, DEFAULT_REGION);
    }

    public SimConfig withIps(int n) {
        return new SimConfig(n, days, start, seed, out, incidentsPerDay, benignPerDay, intervalS, format, mix, region);
    }

    public SimConfig withDays(int d) {
        return new SimConfig(ips, d, start, seed, out, incidentsPerDay, benignPerDay, intervalS, format, mix, region);
    }

    public SimConfig withStart(LocalDate s) {
        return new SimConfig(ips, days, s, seed, out, incidentsPerDay, benignPerDay, intervalS, format, mix, region);
    }

    public SimConfig withSeed(long s) {
        return new SimConfig(ips, days, start, s, out, incidentsPerDay, benignPerDay, intervalS, format, mix, region);
    }

    public SimConfig withOut(Path o) {
        return new SimConfig(ips, days, start, seed, o, incidentsPerDay, benignPerDay, intervalS, format, mix, region);
    }

    public SimConfig withEvents(int incidents, int benign) {
        return new SimConfig(ips, days, start, seed, out, incidents, benign, intervalS, format, mix, region);
    }

    public SimConfig withIntervalS(int s) {
        return new SimConfig(ips, days, start, seed, out, incidentsPerDay, benignPerDay, s, format, mix, region);
    }

    public SimConfig withFormat(OutputFormat f) {
        return new SimConfig(ips, days, start, seed, out, incidentsPerDay, benignPerDay, intervalS, f, mix, region);
    }

    public SimConfig withMix(PatternMix m) {
        return new SimConfig(ips, days, start, seed, out, incidentsPerDay, benignPerDay, intervalS, format, m, region);
    }

    public int intervalsPerDay() {
        return 86_400 / intervalS;
    }

    public int intervalsPerMinute() {
        return 60 / intervalS;
    }

    /** Epoch ms of the start of the first day. */
    public long startMs() {
        return start.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The peer region: destinations of the CROSS_REGION scenario. */
    public String peerRegion() {
        return region.equals("region-b") ? "region-c" : "region-b";
    }
}
