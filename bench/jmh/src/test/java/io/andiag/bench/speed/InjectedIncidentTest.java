package io.andiag.bench.speed;

import io.andiag.model.severity.SeverityLevel;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InjectedIncidentTest {

    @Test
    void alternatesBetweenTheLevelAndTwoLevelsLowerEveryMinute() {
        int[] firstSlot = new int[10_000];
        InjectedIncident incident = InjectedIncident.atLevel(firstSlot, 3);

        assertThat(incident.size()).isEqualTo(41);
        assertThat(SeverityLevel.of(hurt(incident, 0, firstSlot.length), firstSlot.length)).contains(SeverityLevel.L3);
        assertThat(SeverityLevel.of(hurt(incident, 1, firstSlot.length), firstSlot.length)).contains(SeverityLevel.L1);
        assertThat(hurt(incident, 2, firstSlot.length)).isEqualTo(41);
        assertThat(hurt(incident, 3, firstSlot.length)).isEqualTo(21);
    }

    @Test
    void oddMinutesHurtASubsetOfTheEvenMinutesIps() {
        int n = 1_000_000;
        InjectedIncident incident = InjectedIncident.atLevel(new int[n], 3);
        for (int ip = 0; ip < n; ip++) {
            if (incident.hits(1, ip)) {
                assertThat(incident.hits(0, ip)).isTrue();
            }
        }
        assertThat(hurt(incident, 0, n)).isEqualTo(4001);
        assertThat(SeverityLevel.of(hurt(incident, 1, n), n)).isEqualTo(Optional.of(SeverityLevel.L1));
    }

    @Test
    void spreadsOverTheRegionAndSkipsIpsWithoutASeries() {
        int[] firstSlot = new int[2_000];
        Arrays.fill(firstSlot, -1);
        IntStream.range(0, 1_000).forEach(i -> firstSlot[2 * i] = 1);
        InjectedIncident incident = InjectedIncident.atLevel(firstSlot, 0);

        int[] hit = IntStream.range(0, firstSlot.length).filter(ip -> incident.hits(0, ip)).toArray();
        assertThat(hit).hasSize(3);
        assertThat(Arrays.stream(hit).map(ip -> firstSlot[ip])).containsOnly(1);
        assertThat(hit[hit.length - 1] - hit[0]).isGreaterThan(1_000);
    }

    @Test
    void refusesALevelTheRegionCannotReach() {
        int[] firstSlot = new int[1_000];
        Arrays.fill(firstSlot, -1);
        firstSlot[0] = 0;
        assertThatThrownBy(() -> InjectedIncident.atLevel(firstSlot, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 5 IPs");
    }

    @Test
    void noneHurtsNobody() {
        assertThat(InjectedIncident.none().size()).isZero();
        assertThat(InjectedIncident.none().hits(0, 0)).isFalse();
    }

    private static long hurt(InjectedIncident incident, int minute, int ips) {
        return IntStream.range(0, ips).filter(ip -> incident.hits(minute, ip)).count();
    }
}
