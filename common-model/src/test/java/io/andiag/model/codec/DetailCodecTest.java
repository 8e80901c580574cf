package io.andiag.model.codec;

import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class DetailCodecTest {

    private static final long NOW = 1_732_406_400_000L;
    private final DetailCodec codec = new DetailCodec(
            TimestampBounds.of(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), Duration.ofMinutes(15)));

    @Test
    void shouldDecodeTheContractExample() {
        DetailRecord r = codec.decode("{\"v\":1,\"ts\":1732406400000,\"ip\":\"10.3.7.21\",\"sport\":41822,\"dip\":\"10.9.0.5\","
                + "\"dport\":6379,\"type\":\"rto\",\"scenario\":\"INTRANET\",\"pid\":811,\"comm\":\"java\"}").value();

        assertThat(r).isEqualTo(new DetailRecord(NOW, "10.3.7.21", 41822, "10.9.0.5", 6379, RetxType.RTO,
                Scenario.INTRANET, 811, "java"));
    }

    @Test
    void shouldRoundTrip() {
        DetailRecord original = new DetailRecord(NOW, "10.0.0.9", 1, "203.0.113.7", 443, RetxType.SYN,
                Scenario.INTERNET_OUT, 0, "");

        assertThat(codec.decode(codec.encode(original)).value()).isEqualTo(original);
    }

    @Test
    void shouldDefaultMissingProcessAttribution() {
        DetailRecord r = codec.decode("{\"v\":1,\"ts\":" + NOW + ",\"ip\":\"10.0.0.1\",\"sport\":1,\"dip\":\"10.0.0.2\","
                + "\"dport\":80,\"type\":\"syn\",\"scenario\":\"SLB\"}").value();

        assertThat(r.pid()).isZero();
        assertThat(r.comm()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "garbage           | {{{                                                                                                  | UNPARSEABLE",
            "missing dip       | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"sport\":1,\"dport\":80,\"type\":\"syn\",\"scenario\":\"SLB\"}                    | MISSING_FIELD",
            "unknown scenario  | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"sport\":1,\"dip\":\"10.0.0.2\",\"dport\":80,\"type\":\"syn\",\"scenario\":\"LAN\"} | UNKNOWN_SCENARIO",
            "unknown type      | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"sport\":1,\"dip\":\"10.0.0.2\",\"dport\":80,\"type\":\"fast\",\"scenario\":\"SLB\"} | UNKNOWN_RETX_TYPE",
            "port out of range | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"sport\":70000,\"dip\":\"10.0.0.2\",\"dport\":80,\"type\":\"syn\",\"scenario\":\"SLB\"} | INVALID_FIELD",
            "future            | {\"v\":1,\"ts\":1832406400000,\"ip\":\"10.0.0.1\",\"sport\":1,\"dip\":\"10.0.0.2\",\"dport\":80,\"type\":\"syn\",\"scenario\":\"SLB\"} | TIMESTAMP_OUT_OF_RANGE",
            "old version       | {\"v\":0,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"sport\":1,\"dip\":\"10.0.0.2\",\"dport\":80,\"type\":\"syn\",\"scenario\":\"SLB\"} | UNSUPPORTED_VERSION",
    })
    void shouldRejectWithAMachineReadableReason(String name, String json, RejectReason expected) {
        Decoded<DetailRecord> d = codec.decode(json.strip());

        assertThat(d.isOk()).as(name).isFalse();
        assertThat(d.rejection().reason()).as(name + ": " + d.rejection().detail()).isEqualTo(expected);
    }
}
