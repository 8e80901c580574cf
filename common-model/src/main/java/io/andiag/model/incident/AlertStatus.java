package io.andiag.model.incident;

/** The lifecycle events of an incident on {@code and.alerts}. */
public enum AlertStatus {
    /** First minute the incident was seen. */
    OPEN,
    /** Its scope, severity, route or impact changed. */
    UPDATE,
    /** It has been quiet for the configured number of minutes. */
    RESOLVED
}
