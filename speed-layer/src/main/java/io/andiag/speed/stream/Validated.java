package io.andiag.speed.stream;

import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.DeadLetter;

/** An input record after validation: accepted and decoded, or refused with its dead letter. Never both. */
public sealed interface Validated {

    record Accepted(CounterRecord counter) implements Validated {
    }

    record Refused(DeadLetter deadLetter) implements Validated {
    }
}
