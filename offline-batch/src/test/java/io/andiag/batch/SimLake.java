package io.andiag.batch;

import io.andiag.datasets.sim.OutputFormat;
import io.andiag.datasets.sim.PatternMix;
import io.andiag.datasets.sim.RegionSimulator;
import io.andiag.datasets.sim.SimConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;

/**
 * The simulated region every pipeline test shares, made once per test JVM with the region simulator (seeded, so
 * the same lake every time): {@link #IPS} IPs x {@link #DAYS} days from {@link #START}, with incidents, benign bursts,
 * labels and series ground truth. Kept under {@code target/test-lakes/} so repeated local runs skip the simulation.
 */
public final class SimLake {

    public static final int IPS = 400;
    public static final int DAYS = 4;
    public static final LocalDate START = LocalDate.parse("2026-11-19");
    public static final long SEED = 7;
    /** The history the pipeline tests train on: 3 days (the least that shows a daily cycle), serving the 4th. */
    public static final LocalDate DATE = START.plusDays(2);
    public static final int HISTORY_DAYS = 3;

    private static Path lake;

    private SimLake() {
    }

    public static synchronized Path get() {
        if (lake == null) {
            Path dir = Paths.get("target", "test-lakes", "sim-" + IPS + "x" + DAYS + "-" + START + "-s" + SEED).toAbsolutePath();
            Path done = dir.resolve("_simulated");
            if (!Files.exists(done)) {
                try {
                    io.andiag.batch.spark.LakeTables.deleteRecursively(dir);
                    Files.createDirectories(dir);
                    SimConfig cfg = SimConfig.defaults(dir).withIps(IPS).withDays(DAYS).withStart(START).withSeed(SEED)
                            .withFormat(OutputFormat.PARQUET).withMix(PatternMix.PAPER);
                    RegionSimulator.run(cfg, new PrintStream(PrintStream.nullOutputStream()));
                    Files.createFile(done);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            lake = dir;
        }
        return lake;
    }

    /** A fresh lake directory sharing the simulated input tables (symbolic links), for tests that publish or break things. */
    public static Path copyInputs(Path target) {
        try {
            Files.createDirectories(target);
            for (String table : new String[] {"retx_counters", "retx_details", "ip_attributes", "labels", "series_truth"}) {
                Path src = get().resolve(table);
                if (Files.exists(src)) {
                    Files.createSymbolicLink(target.resolve(table), src);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
