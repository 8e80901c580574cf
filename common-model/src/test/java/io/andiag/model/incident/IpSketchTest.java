package io.andiag.model.incident;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class IpSketchTest {

    private static List<String> ips(String prefix, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(prefix + (i >> 8 & 0xff) + "." + (i & 0xff));
        }
        return out;
    }

    @Test
    void smallSetsAreExact() {
        IpSketch a = IpSketch.of(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.2"));
        IpSketch b = IpSketch.of(List.of("10.0.0.3", "10.0.0.2", "10.0.0.9"));
        assertThat(a.count()).as("duplicates count once").isEqualTo(3);
        assertThat(a.exact()).isTrue();
        assertThat(a.shared(b)).isEqualTo(2.0);
        assertThat(b.shared(a)).isEqualTo(2.0);
        assertThat(a.containment(b)).isEqualTo(2.0 / 3);
        assertThat(a.shared(IpSketch.empty())).isZero();
        assertThat(IpSketch.empty().containment(a)).isZero();
        assertThat(IpSketch.of(List.of("10.0.0.7")).containment(a)).isZero();
    }

    @Test
    void largeSetsAreEstimatedFromTheirBottomK() {
        // 5 000 and 4 000 IPs with 3 000 in common, estimated from the ~200 hashes of each below both thresholds
        IpSketch a = IpSketch.of(ips("10.1.", 0, 5000));
        IpSketch b = IpSketch.of(ips("10.1.", 2000, 6000));
        assertThat(a.exact()).isFalse();
        assertThat(a.hashes()).hasSize(IpSketch.CAPACITY);
        assertThat(a.count()).isEqualTo(5000);
        assertThat(a.shared(b)).isCloseTo(3000, offset(450.0));
        assertThat(a.containment(b)).isCloseTo(0.75, offset(0.12));
        assertThat(a.shared(a)).isEqualTo(5000.0);
        assertThat(a.containment(IpSketch.of(ips("10.2.", 0, 5000)))).isZero();
        // a subset of a large set: every sampled hash of the smaller one is found
        assertThat(IpSketch.of(ips("10.1.", 100, 700)).containment(a)).isEqualTo(1.0);
    }

    @Test
    void theUnionIsTheSketchOfTheUnion() {
        IpSketch small = IpSketch.of(List.of("a", "b")).union(IpSketch.of(List.of("b", "c")));
        assertThat(small).isEqualTo(IpSketch.of(List.of("a", "b", "c")));
        IpSketch mid = IpSketch.of(ips("10.1.", 0, 200)).union(IpSketch.of(ips("10.1.", 100, 300)));
        assertThat(mid).as("exact inputs, 300 IPs: the bottom 256 of the union").isEqualTo(IpSketch.of(ips("10.1.", 0, 300)));
        IpSketch big = IpSketch.of(ips("10.1.", 0, 5000)).union(IpSketch.of(ips("10.1.", 2000, 6000)));
        assertThat(big.hashes()).isEqualTo(IpSketch.of(ips("10.1.", 0, 6000)).hashes());
        assertThat(big.count()).isCloseTo(6000, org.assertj.core.data.Offset.offset(500));
    }

    @Test
    void rebuildsFromItsPartsAndRefusesImpossibleOnes() {
        IpSketch a = IpSketch.of(ips("10.1.", 0, 1000));
        assertThat(IpSketch.of(a.hashes(), a.count())).isEqualTo(a);
        assertThatThrownBy(() -> IpSketch.of(new long[] {2, 1}, 2)).hasMessageContaining("ascending");
        assertThatThrownBy(() -> IpSketch.of(new long[] {1, 2}, 5)).hasMessageContaining("cannot hold 2 hashes");
    }

    @Test
    void theHashIsStableAcrossRunsAndMachines() {
        // pinned: sketches are kept in changelogged state, so the hash of an IP must never change
        assertThat(IpSketch.hash("10.0.0.1")).isEqualTo(IpSketch.hash(new String("10.0.0.1")));
        assertThat(Long.toHexString(IpSketch.hash("10.0.0.1"))).isEqualTo(PINNED);
    }

    private static final String PINNED = "c879e56ddc6c5c88";
}
