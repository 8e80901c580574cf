package io.andiag.model.codec;

import java.util.Objects;

/** A refused record: the machine-readable reason and a human-readable detail naming the field and value. */
public record Rejection(RejectReason reason, String detail) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return reason.code() + ": " + detail;
    }
}
