package io.andiag.model.incident;

import io.andiag.model.severity.SeverityLevel;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a region-minute alerts, and at which severity.
 *
 * @param emit           true when it alerts
 * @param severity       L0..L9, empty below L0
 * @param concentratedOn below L0: the one host, VIP or gateway that justified the alert (e.g. {@code host=host-7})
 * @param reason         machine-readable why: {@code severity}, {@code concentrated}, {@code below_l0},
 *                       {@code no_abnormal}
 */
public record Emission(boolean emit, Optional<SeverityLevel> severity, Optional<ScopeTerm> concentratedOn,
                       String reason) {

    public Emission {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(concentratedOn, "concentratedOn");
        Objects.requireNonNull(reason, "reason");
    }
}
