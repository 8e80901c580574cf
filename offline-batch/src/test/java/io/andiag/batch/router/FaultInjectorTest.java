package io.andiag.batch.router;

import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.Scenario;
import io.andiag.model.routing.AbnormalSource;
import io.andiag.model.routing.RegionMinute;
import io.andiag.model.routing.RoutingFeature;
import io.andiag.model.routing.Team;
import io.andiag.model.routing.TestRegion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * FaultInjector on common-model's {@link TestRegion} (80 containers: 4 ToRs of 20, 2 AZs of 40, 4 vSwitches of 20, 2 VPCs
 * and NAT gateway clusters of 40, 16 hosts of 5, 4 apps of 20; 2 VIPs, 1 remote and 2 internet addresses) with 1 000
 * monitored IPs, so a severity level L0-L9 is 2..16 abnormal IPs ((k+1)/1000 of 1 000, + 1; L9 up to 11 + 5).
 */
class FaultInjectorTest {

    static final int MONITORED = 1000;
    static final int PER_TEAM = 120;
    static final long SEED = 17;

    static List<IpAttributes> topology() {
        List<IpAttributes> all = new ArrayList<>(TestRegion.containers());
        for (String ip : List.of(TestRegion.VIP1, TestRegion.VIP2, TestRegion.NAT, TestRegion.REMOTE, TestRegion.INTERNET_SERVICE,
                TestRegion.INTERNET_CLIENT)) {
            all.add(TestRegion.lookup(ip));
        }
        return all;
    }

    static FaultInjector injector() {
        return new FaultInjector(topology(), TestRegion.REGION, MONITORED);
    }

    static Set<String> sources(RegionMinute m) {
        return m.sources().stream().map(AbnormalSource::ip).collect(Collectors.toSet());
    }

    static Set<String> containersWith(Function<IpAttributes, String> key, String value) {
        return TestRegion.containers().stream().filter(a -> key.apply(a).equals(value)).map(IpAttributes::ip).collect(Collectors.toSet());
    }

    @Test
    void shouldDrawEveryTeamAndEveryFaultShape() {
        List<FaultInjector.Synthetic> all = injector().generate(PER_TEAM, SEED);
        assertThat(all).hasSize(PER_TEAM * Team.values().length);
        Map<Team, Long> perTeam = all.stream().collect(Collectors.groupingBy(FaultInjector.Synthetic::team, Collectors.counting()));
        assertThat(perTeam).hasSize(Team.values().length).allSatisfy((t, n) -> assertThat(n).isEqualTo(PER_TEAM));
        assertThat(all.stream().map(FaultInjector.Synthetic::fault).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                "tor", "az", "vswitch", "vpc", "vip", "nat", "cross-region", "internet", "end-host", "application-syn", "application-rto");
        assertThat(all).allSatisfy(s -> {
            assertThat(s.id()).startsWith(FaultInjector.INCIDENT_PREFIX + TestRegion.REGION + ":" + s.team().name() + ":");
            assertThat(s.minute().monitoredIps()).isEqualTo(MONITORED);
            assertThat(s.minute().population().total()).isEqualTo(TestRegion.N);
            assertThat(s.minute().abnormalIps()).isPositive();
            assertThat(s.minute().details()).as("every abnormal source sent sampled details").isNotEmpty();
        });
        assertThat(all.stream().map(FaultInjector.Synthetic::id).distinct().count()).isEqualTo(all.size());
    }

    /**
     * A group fault is one whole ToR / AZ / vSwitch / VPC / app / NAT cluster (the {@code group}), and all its abnormal IPs
     * but the 0-3 background ones are in it: at least 3, at most the group; the severity-level draws are 2..16 IPs, the
     * whole-group draws 30-100 % of a group (NAT 10-60 %), so no fault holds more IPs than its group.
     */
    @Test
    void shouldKeepGroupFaultsInsideOneGroupWithBoundedSizesAndAtMostThreeBackgroundIps() {
        Map<String, Function<IpAttributes, String>> keys = Map.of("tor", IpAttributes::tor, "az", IpAttributes::az, "vswitch",
                IpAttributes::vswitch, "vpc", IpAttributes::vpc, "application-syn", IpAttributes::app, "application-rto", IpAttributes::app,
                "nat", IpAttributes::gatewayCluster);
        int checked = 0;
        for (FaultInjector.Synthetic s : injector().generate(PER_TEAM, SEED)) {
            Function<IpAttributes, String> key = keys.get(s.fault());
            if (key == null) {
                continue;
            }
            String value = key.apply(TestRegion.lookup(s.group().iterator().next()));
            assertThat(s.group()).as(s.id() + ": the group is every container of one " + s.fault())
                    .isEqualTo(containersWith(key, value));
            Set<String> inside = new HashSet<>(sources(s.minute()));
            inside.retainAll(s.group());
            assertThat(s.background()).as(s.id() + " background IPs").hasSizeBetween(0, 3).doesNotContainAnyElementsOf(s.group());
            assertThat(s.minute().abnormalIps()).isEqualTo(inside.size() + s.background().size());
            assertThat(inside.size()).as(s.id() + " abnormal IPs in the group").isBetween(FaultInjector.MIN_GROUP_IPS, s.group().size());
            checked++;
        }
        assertThat(checked).isGreaterThan(PER_TEAM * 3);
    }

    @Test
    void shouldDrawSizesFromSeverityLevelsOrFractionsOfTheWholeGroup() {
        List<FaultInjector.Synthetic> tor = injector().generate(PER_TEAM, SEED).stream().filter(s -> s.fault().equals("tor")).toList();
        Set<Integer> sizes = new HashSet<>();
        for (FaultInjector.Synthetic s : tor) {
            Set<String> inside = new HashSet<>(sources(s.minute()));
            inside.retainAll(s.group());
            sizes.add(inside.size());
        }
        // ToRs of 20: severity draws give 3..16, whole-group draws 6..20 (ceil(0.3 x 20) = 6)
        assertThat(sizes).allSatisfy(n -> assertThat(n).isBetween(3, 20));
        assertThat(sizes).as("small and whole-ToR faults").contains(3, 20);
    }

    @Test
    void shouldGiveEachTeamItsScenarioSignature() {
        for (FaultInjector.Synthetic s : injector().generate(PER_TEAM, SEED)) {
            double[] f = s.example().features();
            Set<String> group = s.group();
            switch (s.fault()) {
                case "tor", "az", "vswitch", "vpc" -> assertThat(f[RoutingFeature.INTERNET_SIDE_SHARE.ordinal()]).as(s.id()).isZero();
                case "vip" -> {
                    assertThat(group).isSubsetOf(TestRegion.VIP1, TestRegion.VIP2);
                    assertThat(s.minute().details()).filteredOn(d -> d.scenario() == Scenario.SLB && !s.background().contains(d.ip()))
                            .isNotEmpty().allSatisfy(d -> assertThat(d.dip()).isIn(group));
                }
                case "nat" -> assertThat(s.minute().sources()).filteredOn(a -> group.contains(a.ip()))
                        .allSatisfy(a -> assertThat(a.has(Scenario.INTERNET_OUT)).isTrue())
                        .allSatisfy(a -> assertThat(a.seriesCount()).isLessThanOrEqualTo(2));
                case "cross-region" -> {
                    assertThat(group).containsExactly(TestRegion.REMOTE);
                    assertThat(f[RoutingFeature.SCN_CROSS_REGION_SHARE.ordinal()]).as(s.id()).isGreaterThanOrEqualTo(0.5);
                }
                case "internet" -> assertThat(f[RoutingFeature.SCN_INTERNET_OUT_SHARE.ordinal()]
                        + f[RoutingFeature.SCN_INTERNET_IN_SHARE.ordinal()]).as(s.id()).isGreaterThanOrEqualTo(0.5);
                case "end-host" -> assertThat(s.minute().sources().stream().filter(a -> group.contains(a.ip()))
                        .map(a -> TestRegion.lookup(a.ip()).host()).distinct().count()).as(s.id() + " hosts").isBetween(1L, 3L);
                case "application-syn" -> assertThat(f[RoutingFeature.SYN_SHARE.ordinal()]).as(s.id()).isGreaterThan(0.3);
                default -> assertThat(s.team()).isEqualTo(Team.APPLICATION);
            }
        }
    }

    @Test
    void shouldBeDeterministicPerSeedAndIndependentOfTheCount() {
        List<FaultInjector.Synthetic> a = injector().generate(30, SEED);
        List<FaultInjector.Synthetic> b = injector().generate(30, SEED);
        List<FaultInjector.Synthetic> more = injector().generate(60, SEED);
        List<FaultInjector.Synthetic> other = injector().generate(30, SEED + 1);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).example().features()).isEqualTo(a.get(i).example().features());
            assertThat(b.get(i).minute().details()).isEqualTo(a.get(i).minute().details());
        }
        // incident k of a team is the same whatever the count per team
        for (Team t : Team.values()) {
            List<FaultInjector.Synthetic> x = a.stream().filter(s -> s.team() == t).toList();
            List<FaultInjector.Synthetic> y = more.stream().filter(s -> s.team() == t).toList();
            for (int k = 0; k < x.size(); k++) {
                assertThat(y.get(k).id()).isEqualTo(x.get(k).id());
                assertThat(y.get(k).example().features()).isEqualTo(x.get(k).example().features());
            }
        }
        long same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (java.util.Arrays.equals(a.get(i).example().features(), other.get(i).example().features())) {
                same++;
            }
        }
        assertThat(same).as("another seed draws other incidents").isLessThan(a.size() / 10);
    }

    @Test
    void shouldNeverLetSyntheticExamplesIntoTheHeldOutSplit() {
        List<RouterTrainer.Example> synthetic = FaultInjector.examples(topology(), r -> MONITORED, 5, SEED);
        assertThat(synthetic).hasSize(5 * Team.values().length).allSatisfy(e -> assertThat(HoldoutSplit.isSynthetic(e)).isTrue());

        List<RouterTrainer.Example> real = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            real.add(new RouterTrainer.Example(synthetic.get(i).features(), i % 2 == 0 ? Team.END_HOST : Team.APPLICATION, "inc-" + i));
        }
        HoldoutSplit split = HoldoutSplit.of(real, 0.25, SEED);
        List<RouterTrainer.Example> train = split.trainWith(synthetic);
        assertThat(train).hasSize(split.train().size() + synthetic.size());
        assertThat(split.heldOut()).isNotEmpty().noneMatch(HoldoutSplit::isSynthetic);
        assertThat(split.heldOutIncidents()).noneMatch(id -> id.startsWith(FaultInjector.INCIDENT_PREFIX));

        List<RouterTrainer.Example> mixed = new ArrayList<>(real);
        mixed.add(synthetic.get(0));
        assertThatThrownBy(() -> HoldoutSplit.of(mixed, 0.25, SEED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only real labels are split");
        assertThatThrownBy(() -> split.trainWith(real)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not synthetic");
    }

    @Test
    void shouldInjectNothingWhenDisabledAndRefuseTinyTopologies() {
        assertThat(FaultInjector.examples(topology(), r -> MONITORED, 0, SEED)).isEmpty();
        List<IpAttributes> tiny = TestRegion.containers().subList(0, 10);
        assertThatThrownBy(() -> new FaultInjector(tiny, TestRegion.REGION, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 containers");
        assertThat(FaultInjector.examples(tiny, r -> 100, 5, SEED)).as("a region too small is skipped").isEmpty();
        assertThat(new FaultInjector(topology(), TestRegion.REGION, 0).monitored()).as("0 = the container count").isEqualTo(TestRegion.N);
        assertThat(topology()).filteredOn(a -> a.kind() != IpKind.CONTAINER).hasSize(6);
    }
}
