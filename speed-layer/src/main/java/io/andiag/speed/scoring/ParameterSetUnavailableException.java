package io.andiag.speed.scoring;

/** Nothing servable is published: no {@code params/LATEST}, or the set it names cannot be loaded. */
public final class ParameterSetUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ParameterSetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
