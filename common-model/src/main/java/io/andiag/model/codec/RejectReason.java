package io.andiag.model.codec;

/**
 * Why an input record was refused. The {@link #code()} is machine-readable and stable: it is the {@code reason}
 * of a dead letter and the label of the dead-letter metric.
 */
public enum RejectReason {
    /** Not JSON, not an object, truncated, or not UTF-8. */
    UNPARSEABLE("unparseable"),
    /** A required field is absent or null. */
    MISSING_FIELD("missing_field"),
    /** The {@code v} field names a wire version this code does not read. */
    UNSUPPORTED_VERSION("unsupported_version"),
    /** A retransmission count below zero. */
    NEGATIVE_COUNT("negative_count"),
    /** A scenario that is not one of the contract's five. */
    UNKNOWN_SCENARIO("unknown_scenario"),
    /** A retx type other than {@code syn} or {@code rto}. */
    UNKNOWN_RETX_TYPE("unknown_retx_type"),
    /** A timestamp before 2000 or too far in the future. */
    TIMESTAMP_OUT_OF_RANGE("timestamp_out_of_range"),
    /** A field of the wrong type or outside its domain (interval, port, IP text, non-integer count). */
    INVALID_FIELD("invalid_field"),
    /**
     * Valid, but it arrived after its minute closed (event time older than the window end plus the grace period):
     * it can no longer be counted, so it is set aside instead of being dropped silently.
     */
    TOO_LATE("too_late");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
