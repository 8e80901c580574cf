package io.andiag.datasets.sim;

/** What the simulator writes: the Parquet lake, wire-format JSON lines for replay, or both. */
public enum OutputFormat {
    PARQUET,
    JSONL,
    BOTH;

    public boolean parquet() {
        return this != JSONL;
    }

    public boolean jsonl() {
        return this != PARQUET;
    }
}
