package io.andiag.model.routing;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.andiag.model.routing.RoutingFeature.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Known answers for every routing feature on {@link Canonical#mixed()}, derived by hand from {@link TestRegion}:
 * <pre>
 * source       i   host    vm     tor   az   vswitch vpc   app   abnormal series
 * S1 10.0.0.1  0   host-1  vm-1   tor-1 az-1 vsw-1   vpc-1 app-1 INTRANET/rto, SLB/rto
 * S2 10.0.0.2  1   host-1  vm-1   tor-1 az-1 vsw-2   vpc-2 app-2 SLB/syn
 * S3 10.0.0.3  2   host-1  vm-2   tor-1 az-1 vsw-1   vpc-1 app-3 INTERNET_OUT/syn   (natgw-1)
 * S4 10.0.0.11 10  host-3  vm-7   tor-1 az-1 vsw-1   vpc-1 app-3 CROSS_REGION/rto
 * S5 10.0.0.41 40  host-9  vm-25  tor-3 az-2 vsw-3   vpc-1 app-1 INTRANET/rto
 * S6 10.0.1.250    (no attributes)                               INTERNET_IN/rto
 * A = 6, S = 7, N = 80 (population), monitored = 1000.
 * details (D = 9; the one of 10.0.0.80 is not an abnormal source and is dropped):
 * S1->VIP1 x2 (SLB), S1->10.0.0.41 (az-2, app-1), S2->VIP1, S3->203.0.113.5 (INTERNET_OUT via S3's natgw-1),
 * S4->10.99.0.1 (region-b), S5->10.0.0.42 (az-2, app-2), S6->198.51.100.7 (internet client), S3->100.64.0.1 (NAT
 * address of natgw-1).
 * </pre>
 * Entropies from Python: H/ln(k) with H = -sum p ln p over counts [2,2,1] and [3,1,1,1,1].
 */
class RoutingFeatureExtractorTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void shouldComputeEveryFeatureOfTheMixedCandidate() {
        double[] f = RoutingFeatureExtractor.extract(Canonical.mixed());

        assertThat(f).hasSize(RoutingFeatureSchema.size());
        // hosts: host-1 3, host-3 1, host-9 1; VMs: vm-1 2, then vm-2, vm-25, vm-7 1 each
        expect(f, SRC_TOP1_HOST_SHARE, 3.0 / 6);
        expect(f, SRC_TOP3_HOST_SHARE, 5.0 / 6);
        expect(f, SRC_TOP1_VM_SHARE, 2.0 / 6);
        expect(f, SRC_TOP3_VM_SHARE, 4.0 / 6);
        expect(f, SRC_HOSTS_PER_IP, 3.0 / 6);
        // VIP1 gets 3 of 9 details; 7 distinct destinations; natgw-1: S3's INTERNET_OUT detail + the NAT address
        expect(f, DST_TOP_IP_SHARE, 3.0 / 9);
        expect(f, DST_TOP_VIP_SHARE, 3.0 / 9);
        expect(f, DST_TOP_GATEWAY_SHARE, 2.0 / 9);
        expect(f, DST_DISTINCT_SHARE, 7.0 / 9);
        // region ratio A/N = 6/80 = 0.075
        expect(f, SRC_TOP_AZ_SHARE, 4.0 / 6);            // az-1: S1..S4
        expect(f, SRC_TOP_AZ_LIFT, (4.0 / 40) / 0.075);  // n(az-1) = 40
        expect(f, SRC_TOP_TOR_SHARE, 4.0 / 6);           // tor-1: S1..S4
        expect(f, SRC_TOP_TOR_LIFT, (4.0 / 20) / 0.075);
        expect(f, SRC_TOP_VSWITCH_SHARE, 3.0 / 6);       // vsw-1: S1, S3, S4
        expect(f, SRC_TOP_VSWITCH_LIFT, (3.0 / 20) / 0.075);
        expect(f, SRC_TOP_VPC_SHARE, 4.0 / 6);           // vpc-1: S1, S3, S4, S5
        expect(f, SRC_TOP_VPC_LIFT, (4.0 / 40) / 0.075);
        expect(f, SRC_AZ_TOUCHED_SHARE, 1.0);            // both AZs
        // AZs known on both ends: S1->10.0.0.41 (cross), S4->remote (cross), S5->10.0.0.42 (same)
        expect(f, CROSS_AZ_SHARE, 2.0 / 3);
        expect(f, CROSS_REGION_SHARE, 1.0 / 9);
        // apps: app-1 2, app-3 2, app-2 1
        expect(f, SRC_TOP_APP_SHARE, 2.0 / 6);
        expect(f, SRC_APP_ENTROPY, 0.9602297178607612);
        expect(f, SRC_APPS_PER_IP, 3.0 / 6);
        // destination apps over 7 details with a known app: web 3, app-1, app-2, cdn, remote-db 1 each
        expect(f, DST_TOP_APP_SHARE, 3.0 / 7);
        expect(f, DST_APP_ENTROPY, 0.9165164431996023);
        // series: INTRANET 2, SLB 2, CROSS_REGION 1, INTERNET_OUT 1, INTERNET_IN 1; SYN: S2, S3
        expect(f, SCN_INTRANET_SHARE, 2.0 / 7);
        expect(f, SCN_SLB_SHARE, 2.0 / 7);
        expect(f, SCN_CROSS_REGION_SHARE, 1.0 / 7);
        expect(f, SCN_INTERNET_OUT_SHARE, 1.0 / 7);
        expect(f, SCN_INTERNET_IN_SHARE, 1.0 / 7);
        expect(f, INTERNET_SIDE_SHARE, 3.0 / 7);
        expect(f, SYN_SHARE, 2.0 / 7);
        expect(f, ABNORMAL_SHARE, 6.0 / 1000);
        expect(f, ABNORMAL_IPS_LOG, 1.9459101490553132); // ln 7
        expect(f, HOSTS_TOUCHED_SHARE, 3.0 / 16);
    }

    @Test
    void shouldGiveZerosAndNoNaNForAnEmptyCandidate() {
        double[] f = RoutingFeatureExtractor.extract(TestRegion.minute(0).build());
        assertThat(f).containsOnly(0.0);
    }

    @Test
    void shouldNotDependOnTheArrivalOrderOfSeriesAndDetails() {
        RegionMinute c = Canonical.mixed();
        RegionMinute.Builder reversed = TestRegion.minute(0);
        List<AbnormalSource> sources = new java.util.ArrayList<>(c.sources());
        java.util.Collections.reverse(sources);
        sources.forEach(reversed::source);
        List<io.andiag.model.record.DetailRecord> details = new java.util.ArrayList<>(c.details());
        java.util.Collections.reverse(details);
        reversed.details(details).resolveAttributes(TestRegion::lookup);

        assertThat(RoutingFeatureExtractor.extract(reversed.build()))
                .containsExactly(RoutingFeatureExtractor.extract(c));
    }

    @Test
    void torIncidentConvergesOnItsTor() {
        double[] f = RoutingFeatureExtractor.extract(Canonical.torIncident());
        assertThat(f[SRC_TOP_TOR_SHARE.index()]).isCloseTo(20.0 / 21, within(TOLERANCE));
        assertThat(f[SRC_TOP_TOR_LIFT.index()]).isCloseTo((20.0 / 20) / (21.0 / 80), within(TOLERANCE));
    }

    @Test
    void shouldWriteIntoACallerArrayAndRefuseAShortOne() {
        double[] out = new double[RoutingFeatureSchema.size() + 2];
        out[out.length - 1] = 42;
        RoutingFeatureExtractor.extract(Canonical.mixed(), out);
        assertThat(out[out.length - 1]).isEqualTo(42);
        assertThatThrownBy(() -> RoutingFeatureExtractor.extract(Canonical.mixed(), new double[3]))
                .hasMessage("feature vector length must be >= " + RoutingFeatureSchema.size() + ", got 3");
    }

    @Test
    void schemaNamesAreUniqueAndVersioned() {
        List<String> names = RoutingFeatureSchema.names();
        Set<String> unique = new HashSet<>(names);
        assertThat(unique).hasSameSizeAs(names);
        assertThat(RoutingFeatureSchema.indexOf("dst_top_vip_share")).isEqualTo(DST_TOP_VIP_SHARE.index());
        RoutingFeatureSchema.requireCompatible(names, RoutingFeatureSchema.VERSION);
        assertThatThrownBy(() -> RoutingFeatureSchema.requireCompatible(names, RoutingFeatureSchema.VERSION + 1))
                .hasMessageContaining("feature_schema_version is 2");
        List<String> swapped = new java.util.ArrayList<>(names);
        swapped.set(0, names.get(1));
        assertThatThrownBy(() -> RoutingFeatureSchema.requireCompatible(swapped, RoutingFeatureSchema.VERSION))
                .hasMessage("router feature 0 is 'src_top3_host_share', schema v1 has 'src_top1_host_share'");
    }

    private static void expect(double[] f, RoutingFeature feature, double value) {
        assertThat(f[feature.index()]).as(feature.featureName()).isCloseTo(value, within(TOLERANCE));
    }
}
