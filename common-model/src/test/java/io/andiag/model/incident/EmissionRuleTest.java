package io.andiag.model.incident;

import io.andiag.model.routing.AbnormalSource;
import io.andiag.model.routing.RegionMinute;
import io.andiag.model.routing.TestRegion;
import io.andiag.model.severity.SeverityLevel;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.andiag.model.record.RetxType.RTO;
import static io.andiag.model.record.Scenario.INTRANET;
import static io.andiag.model.record.Scenario.SLB;
import static io.andiag.model.routing.TestRegion.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmissionRuleTest {

    private final EmissionRule rule = new EmissionRule(EmissionSettings.DEFAULTS);

    /** Containers {@code ids} abnormal among {@code monitored} IPs; with {@code vip}, each sends one detail there. */
    private static RegionMinute candidate(int monitored, boolean vip, int... ids) {
        RegionMinute.Builder b = TestRegion.minute(0).monitoredIps(monitored);
        for (int i : ids) {
            b.source(AbnormalSource.of(ip(i), vip ? SLB : INTRANET, RTO, 5));
            if (vip) {
                b.detail(TestRegion.detail(i, TestRegion.VIP1, 443, RTO, SLB));
            }
        }
        return b.resolveAttributes(TestRegion::lookup).build();
    }

    @Test
    void fromL0ItAlwaysEmitsWithItsSeverity() {
        // 2 of 1000 = 0.2 % > 0.1 % (L0) but not > 0.2 % (L1)
        Emission e = rule.evaluate(candidate(1000, false, 0, 40));
        assertThat(e.emit()).isTrue();
        assertThat(e.severity()).contains(SeverityLevel.L0);
        assertThat(e.reason()).isEqualTo("severity");
    }

    @Test
    void aSingleNoisyContainerNeverAlerts() {
        Emission e = rule.evaluate(candidate(10_000, false, 7));
        assertThat(e.emit()).isFalse();
        assertThat(e.reason()).isEqualTo("below_l0");
    }

    @Test
    void belowL0ThreeIpsOnOneHostAlertWithoutSeverity() {
        // host-1 holds containers 0..4
        Emission e = rule.evaluate(candidate(10_000, false, 0, 1, 2));
        assertThat(e.emit()).isTrue();
        assertThat(e.severity()).isEmpty();
        assertThat(e.concentratedOn()).contains(new ScopeTerm("host", "host-1"));
    }

    @Test
    void belowL0TwoIpsOnOneHostOrThreeOnThreeHostsDoNotAlert() {
        assertThat(rule.evaluate(candidate(10_000, false, 0, 1)).emit()).isFalse();
        assertThat(rule.evaluate(candidate(10_000, false, 0, 20, 40)).emit()).isFalse();
    }

    @Test
    void belowL0ThreeClientsOfOneVipAlert() {
        Emission e = rule.evaluate(candidate(10_000, true, 0, 20, 40));
        assertThat(e.emit()).isTrue();
        assertThat(e.concentratedOn()).contains(new ScopeTerm("vip", TestRegion.VIP1));
    }

    @Test
    void nothingAbnormalNeverAlerts() {
        assertThat(rule.evaluate(TestRegion.minute(0).build()).reason()).isEqualTo("no_abnormal");
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> EmissionSettings.from(Map.of("incident.emission.min_ips", "1")))
                .hasMessage("incident.emission.min_ips must be in [2, 1000000], got 1");
    }
}
