package io.andiag.model.incident;

import java.util.Objects;

/** One affected application and how many of its IPs are abnormal. */
public record AppImpact(String app, int abnormalIps) {

    public AppImpact {
        Objects.requireNonNull(app, "app");
    }
}
