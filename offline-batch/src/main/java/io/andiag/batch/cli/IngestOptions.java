package io.andiag.batch.cli;

import io.andiag.batch.ingest.IngestJob;
import io.andiag.batch.ingest.IngestKind;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Options of the ingest step. */
final class IngestOptions {

    @Option(names = "--input", paramLabel = "PATH", arity = "1..*",
            description = "Wire-format JSON-lines files (.jsonl, .jsonl.gz) or directories holding them.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--kind", paramLabel = "KIND",
            description = "counters or details; by default inferred from each file name (…counter… / …detail…).")
    String kind;

    IngestJob.Options toJobOptions(LocalDate fallbackDate) {
        return new IngestJob.Options(inputs, kind == null ? null : IngestKind.parse(kind), fallbackDate);
    }
}
