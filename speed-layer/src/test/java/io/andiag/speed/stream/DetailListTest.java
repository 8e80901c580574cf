package io.andiag.speed.stream;

import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetailListTest {

    private static DetailRecord detail(int k) {
        return new DetailRecord(1_795_168_800_000L + k, "10.0.0.1", 40_000 + k, "10.0.0." + (k + 2), 6379, RetxType.RTO,
                Scenario.INTRANET, k, k % 2 == 0 ? "java" : "");
    }

    @Test
    void appendingOneByOneShouldEqualEncodingTheWholeList() {
        List<DetailRecord> all = new ArrayList<>();
        byte[] bytes = null;
        for (int k = 0; k < 5; k++) {
            all.add(detail(k));
            bytes = DetailList.append(bytes, detail(k));
            assertThat(DetailList.count(bytes)).isEqualTo(k + 1);
        }
        assertThat(bytes).isEqualTo(DetailList.toBytes(all));
        assertThat(DetailList.fromBytes(bytes)).isEqualTo(all);
    }

    @Test
    void nothingStoredIsAnEmptyList() {
        assertThat(DetailList.count(null)).isZero();
        assertThat(DetailList.fromBytes(null)).isEmpty();
        assertThat(DetailList.fromBytes(DetailList.toBytes(List.of()))).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownFormat() {
        byte[] bytes = DetailList.toBytes(List.of(detail(0)));
        bytes[0] = 9;
        assertThatThrownBy(() -> DetailList.fromBytes(bytes)).hasMessageContaining("format 9");
        assertThatThrownBy(() -> DetailList.count(bytes)).isInstanceOf(IllegalArgumentException.class);
    }
}
