package io.andiag.datasets.replay;

/** Records in event-time order (ties in a stable order), pulled one at a time. */
public interface ReplaySource extends AutoCloseable {

    /** The next record, or null after the last one. */
    ReplayRecord next();

    @Override
    void close();
}
