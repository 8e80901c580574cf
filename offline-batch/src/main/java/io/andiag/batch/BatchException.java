package io.andiag.batch;

/**
 * A step cannot do its work or refuses to: missing or insufficient input, an invalid candidate, a quality gate. The
 * message is for the operator reading the scheduler's log, so it says what was expected and what was found; the
 * CLI prints it and exits non-zero. Nothing published is changed by a step that throws it.
 */
public class BatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BatchException(String message) {
        super(message);
    }

    public BatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
