package io.andiag.datasets.cli;

import io.andiag.datasets.sim.OutputFormat;
import io.andiag.datasets.sim.PatternMix;
import io.andiag.datasets.sim.RegionSimulator;
import io.andiag.datasets.sim.SimConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code simulate}: writes a simulated region to a Parquet lake and/or wire-format JSON lines. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulates one region: topology, retx counters (a heartbeat for every IP every interval), "
                + "sampled details, injected incidents with ground-truth labels and benign bursts.",
                "Writes <out>/{retx_counters,retx_details,ip_attributes,labels,series_truth}/dt=YYYY-MM-DD/ "
                        + "(Parquet) and/or <out>/jsonl/dt=YYYY-MM-DD/{counters,details}.jsonl.gz.",
                "The same options give the same rows, whatever the number of cores."})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--ips", paramLabel = "N", defaultValue = "" + SimConfig.DEFAULT_IPS,
            description = "Monitored container IPs (default: ${DEFAULT-VALUE}).")
    int ips;

    @Option(names = "--days", paramLabel = "D", defaultValue = "" + SimConfig.DEFAULT_DAYS,
            description = "Days to simulate (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--start", paramLabel = "YYYY-MM-DD",
            description = "First day, UTC (default: today minus D days).")
    LocalDate start;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + SimConfig.DEFAULT_SEED,
            description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory (the lake root).")
    Path out;

    @Option(names = "--incidents-per-day", paramLabel = "R", defaultValue = "" + SimConfig.DEFAULT_INCIDENTS_PER_DAY,
            description = "Injected incidents per day (default: ${DEFAULT-VALUE}).")
    int incidentsPerDay;

    @Option(names = "--benign-per-day", paramLabel = "B", defaultValue = "" + SimConfig.DEFAULT_BENIGN_PER_DAY,
            description = "Benign bursts per day: rolling restarts and noisy containers (default: ${DEFAULT-VALUE}).")
    int benignPerDay;

    @Option(names = "--interval-s", paramLabel = "SECONDS", defaultValue = "" + SimConfig.DEFAULT_INTERVAL_S,
            description = "Counter interval, 1..60 and dividing 60 (default: ${DEFAULT-VALUE}).")
    int intervalS;

    @Option(names = "--format", paramLabel = "parquet|jsonl|both", defaultValue = "parquet",
            description = "Output: the Parquet lake, gzip JSON lines in wire format, or both (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--mix", paramLabel = "K=V,...",
            description = "Pattern shares, e.g. stable=0.41,seasonal=0.48,unstable=0.11 (or mean_shift=, hybrid=); "
                    + "default: the paper's 41/48/11.")
    String mix;

    @Option(names = "--region", paramLabel = "NAME", defaultValue = SimConfig.DEFAULT_REGION,
            description = "Name of the simulated region (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--threads", paramLabel = "T",
            description = "Worker threads (default: the number of cores, at most " + RegionSimulator.SHARDS
                    + "). Does not change the output.")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SimConfig cfg;
        try {
            OutputFormat f = switch (format.toLowerCase(Locale.ROOT)) {
                case "parquet" -> OutputFormat.PARQUET;
                case "jsonl" -> OutputFormat.JSONL;
                case "both" -> OutputFormat.BOTH;
                default -> throw new IllegalArgumentException("--format must be parquet, jsonl or both, got '" + format + "'");
            };
            LocalDate first = start != null ? start : LocalDate.now(ZoneOffset.UTC).minusDays(days);
            cfg = new SimConfig(ips, days, first, seed, out, incidentsPerDay, benignPerDay, intervalS, f,
                    mix == null ? PatternMix.PAPER : PatternMix.parse(mix), region);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (threads != null) {
            RegionSimulator.run(cfg, System.out, threads);
        } else {
            RegionSimulator.run(cfg, System.out);
        }
        return 0;
    }
}
