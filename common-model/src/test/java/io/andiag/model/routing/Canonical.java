package io.andiag.model.routing;

import static io.andiag.model.record.RetxType.RTO;
import static io.andiag.model.record.RetxType.SYN;
import static io.andiag.model.record.Scenario.CROSS_REGION;
import static io.andiag.model.record.Scenario.INTERNET_IN;
import static io.andiag.model.record.Scenario.INTERNET_OUT;
import static io.andiag.model.record.Scenario.INTRANET;
import static io.andiag.model.record.Scenario.SLB;
import static io.andiag.model.routing.TestRegion.detail;
import static io.andiag.model.routing.TestRegion.ip;

/**
 * Hand-built region-minutes on {@link TestRegion}: one canonical incident per team, the region-wide spread, and the
 * mixed candidate of the feature known-answer test. A "noise" IP is an unrelated abnormal container.
 */
public final class Canonical {

    /**
     * Eight containers that converge on nothing: two per ToR, per vSwitch, per app, four per AZ and VPC, one per
     * host (i = 0, 5, 22, 27, 41, 46, 63, 68).
     */
    public static final int[] SPREAD = {0, 5, 22, 27, 41, 46, 63, 68};

    private Canonical() {
    }

    /** Every container of tor-1 (i = 0..19, hosts 1-4), intranet RTO, plus noise i = 79. */
    public static RegionMinute torIncident() {
        RegionMinute.Builder b = TestRegion.minute(0);
        for (int i = 0; i < 20; i++) {
            b.source(AbnormalSource.of(ip(i), INTRANET, RTO, 5));
            b.detail(detail(i, ip(i + 40), 6379, RTO, INTRANET));
        }
        b.source(AbnormalSource.of(ip(79), INTRANET, RTO, 3));
        b.detail(detail(79, ip(3), 8080, RTO, INTRANET));
        return b.resolveAttributes(TestRegion::lookup).build();
    }

    /** Every even container of az-1 (vsw-1: 20 IPs on tor-1/tor-2), intranet RTO, plus noise i = 79 (vsw-4). */
    public static RegionMinute vswitchIncident() {
        RegionMinute.Builder b = TestRegion.minute(0);
        for (int i = 0; i < 40; i += 2) {
            b.source(AbnormalSource.of(ip(i), INTRANET, RTO, 5));
            b.detail(detail(i, ip(i + 41), 6379, RTO, INTRANET));
        }
        b.source(AbnormalSource.of(ip(79), INTRANET, RTO, 3));
        b.detail(detail(79, ip(3), 8080, RTO, INTRANET));
        return b.resolveAttributes(TestRegion::lookup).build();
    }

    /** The {@link #SPREAD} containers as clients of VIP1: SLB RTO, two details each to VIP1 and one intranet. */
    public static RegionMinute vipIncident() {
        RegionMinute.Builder b = TestRegion.minute(0);
        for (int i : SPREAD) {
            b.source(AbnormalSource.of(ip(i), SLB, RTO, 6));
            b.detail(detail(i, TestRegion.VIP1, 443, RTO, SLB));
            b.detail(detail(i, TestRegion.VIP1, 443, RTO, SLB));
            b.detail(detail(i, ip((i + 7) % 80), 6379, RTO, INTRANET));
        }
        return b.resolveAttributes(TestRegion::lookup).build();
    }

    /** Six vpc-1 containers on six hosts, INTERNET_OUT SYN through natgw-1 to the internet service. */
    public static RegionMinute natIncident() {
        RegionMinute.Builder b = TestRegion.minute(0);
        for (int i : new int[] {0, 6, 12, 20, 26, 32}) {
            b.source(AbnormalSource.of(ip(i), INTERNET_OUT, SYN, 4));
            b.detail(detail(i, TestRegion.INTERNET_SERVICE, 443, SYN, INTERNET_OUT));
            b.detail(detail(i, TestRegion.INTERNET_SERVICE, 443, SYN, INTERNET_OUT));
        }
        return b.resolveAttributes(TestRegion::lookup).build();
    }

    /** The {@link #SPREAD} containers, CROSS_REGION RTO to the remote-region database. */
    public static RegionMinute crossRegionIncident() {
        RegionMinute.Builder b = TestRegion.minute(0);
        for (int i : SPREAD) {
            b.source(AbnormalSource.of(ip(i), CROSS_REGION, RTO, 4));
            b.detail(detail(i, TestRegion.REMOTE, 5432, RTO, CROSS_REGION));
        }
        return b.resolveAttributes(TestRegion::lookup).build();
    }

    /**
     * Twelve containers of both VPCs on twelve hosts, INTERNET_IN and INTERNET_OUT RTO: to the internet service
     * (through natgw-1 or natgw-2) and from the internet client.
     */
    public static RegionMinute internetIncident() {
        RegionMinute.Builder b = TestRegion.minute(0);
        for (int i = 1; i < 80; i += 7) {
            b.source(AbnormalSource.of(ip(i), INTERNET_IN, RTO, 4));
            b.source(AbnormalSource.of(ip(i), INTERNET_OUT, RTO, 2));
            b.detail(detail(i, TestRegion.INTERNET_CLIENT, 51_000, RTO, INTERNET_IN));
            b.detail(detail(i, TestRegion.INTERNET_CLIENT, 51_001, RTO, INTERNET_IN));
            b.detail(detail(i, TestRegion.INTERNET_SERVICE, 443, RTO, INTERNET_OUT));
        }
        return b.resolveAttributes(TestRegion::lookup).build();
    }

    /** Every container of host-1 and host-2 (i = 0..9, four apps), intranet and SLB RTO to varied destinations. */
    public static RegionMinute endHostIncident() {
        RegionMinute.Builder b = TestRegion.minute(0);
        for (int i = 0; i < 10; i++) {
            b.source(AbnormalSource.of(ip(i), INTRANET, RTO, 6));
            b.source(AbnormalSource.of(ip(i), SLB, RTO, 2));
            b.detail(detail(i, ip(40 + 3 * i), 6379, RTO, INTRANET));
            b.detail(detail(i, ip(41 + 3 * i), 6379, RTO, INTRANET));
            b.detail(detail(i, i % 2 == 0 ? TestRegion.VIP1 : TestRegion.VIP2, 443, RTO, SLB));
        }
        return b.resolveAttributes(TestRegion::lookup).build();
    }

    /** Every container of app-1 (i % 4 == 0: 20 IPs on all hosts), intranet SYN to varied destinations. */
    public static RegionMinute applicationIncident() {
        RegionMinute.Builder b = TestRegion.minute(0);
        for (int i = 0; i < 80; i += 4) {
            b.source(AbnormalSource.of(ip(i), INTRANET, SYN, 8));
            b.detail(detail(i, ip((i + 13) % 80), 8080, SYN, INTRANET));
        }
        return b.resolveAttributes(TestRegion::lookup).build();
    }

    /** The {@link #SPREAD} containers, intranet RTO, each to its own destination. */
    public static RegionMinute regionWideSpread() {
        RegionMinute.Builder b = TestRegion.minute(0);
        for (int i : SPREAD) {
            b.source(AbnormalSource.of(ip(i), INTRANET, RTO, 3));
            b.detail(detail(i, ip((i + 5) % 80), 6379, RTO, INTRANET));
        }
        return b.resolveAttributes(TestRegion::lookup).build();
    }

    /** The mixed candidate of {@code RoutingFeatureExtractorTest}; every expected value is derived there. */
    public static RegionMinute mixed() {
        return TestRegion.minute(0)
                .source(AbnormalSource.of(ip(0), INTRANET, RTO, 3))
                .source(AbnormalSource.of(ip(0), SLB, RTO, 2))
                .source(AbnormalSource.of(ip(1), SLB, SYN, 2))
                .source(AbnormalSource.of(ip(2), INTERNET_OUT, SYN, 4))
                .source(AbnormalSource.of(ip(10), CROSS_REGION, RTO, 5))
                .source(AbnormalSource.of(ip(40), INTRANET, RTO, 2))
                .source(AbnormalSource.of("10.0.1.250", INTERNET_IN, RTO, 7))
                .detail(detail(0, TestRegion.VIP1, 443, RTO, SLB))
                .detail(detail(0, TestRegion.VIP1, 443, RTO, SLB))
                .detail(detail(0, ip(40), 6379, RTO, INTRANET))
                .detail(detail(1, TestRegion.VIP1, 443, SYN, SLB))
                .detail(detail(2, TestRegion.INTERNET_SERVICE, 443, SYN, INTERNET_OUT))
                .detail(detail(10, TestRegion.REMOTE, 5432, RTO, CROSS_REGION))
                .detail(detail(40, ip(41), 8080, RTO, INTRANET))
                .detail(detail("10.0.1.250", TestRegion.INTERNET_CLIENT, 51_000, RTO, INTERNET_IN))
                .detail(detail(2, TestRegion.NAT, 80, SYN, INTERNET_OUT))
                .detail(detail(79, TestRegion.VIP1, 443, RTO, SLB)) // not an abnormal source: dropped
                .resolveAttributes(TestRegion::lookup)
                .build();
    }
}
