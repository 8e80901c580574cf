package io.andiag.speed.stream;

import io.andiag.model.record.DeadLetter;

/**
 * An input record after validation: accepted and decoded, or refused with its dead letter. Never both.
 *
 * @param <T> the decoded record type (counter or detail)
 */
public sealed interface Validated<T> {

    record Accepted<T>(T value) implements Validated<T> {
    }

    record Refused<T>(DeadLetter deadLetter) implements Validated<T> {
    }
}
