package io.andiag.speed.broker;

/** The embedded broker could not be formatted or started, or did not become ready in time. */
public final class BrokerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
