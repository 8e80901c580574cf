package io.andiag.model.incident;

import io.andiag.model.routing.CandidateTally;
import io.andiag.model.routing.Dimension;
import io.andiag.model.routing.RegionMinute;
import io.andiag.model.routing.ValueCounts;
import io.andiag.model.severity.SeverityLevel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a region-minute alerts. Severity is {@link SeverityLevel#of}(abnormal IPs, monitored IPs). From L0
 * up it always alerts. Below L0 it alerts only when the abnormal IPs are concentrated on a single dimension value —
 * one host, one VIP or one NAT gateway cluster (tried in that order) — holding at least {@code minIps} abnormal IPs
 * and at least {@code concentrationMin} of them: a broken host or VIP hurts few IPs but is real, while a single noisy
 * container, or a few unrelated ones, must never alert. Stateless and thread-safe.
 */
public final class EmissionRule {

    private static final List<Dimension> CONCENTRATION_DIMENSIONS = List.of(Dimension.HOST, Dimension.VIP,
            Dimension.NATGW);

    private final EmissionSettings settings;

    public EmissionRule(EmissionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Emission evaluate(RegionMinute c) {
        int abnormal = c.abnormalIps();
        if (abnormal == 0) {
            return new Emission(false, Optional.empty(), Optional.empty(), "no_abnormal");
        }
        Optional<SeverityLevel> severity = SeverityLevel.of(abnormal, c.monitoredIps());
        if (severity.isPresent()) {
            return new Emission(true, severity, Optional.empty(), "severity");
        }
        CandidateTally t = c.tally();
        for (Dimension d : CONCENTRATION_DIMENSIONS) {
            List<ValueCounts.Entry> ranked = t.counts(d).rankedByIps();
            if (ranked.isEmpty()) {
                continue;
            }
            ValueCounts.Entry top = ranked.get(0);
            if (top.ips() >= settings.minIps() && top.ips() >= settings.concentrationMin() * abnormal) {
                return new Emission(true, Optional.empty(), Optional.of(new ScopeTerm(d.label(), top.value())),
                        "concentrated");
            }
        }
        return new Emission(false, Optional.empty(), Optional.empty(), "below_l0");
    }
}
