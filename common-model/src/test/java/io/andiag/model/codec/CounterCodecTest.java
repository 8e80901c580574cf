package io.andiag.model.codec;

import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CounterCodecTest {

    private static final long NOW = 1_732_406_400_000L; // 2024-11-24T00:00:00Z
    private final CounterCodec codec = new CounterCodec(
            TimestampBounds.of(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), Duration.ofMinutes(15)));

    @Test
    void shouldDecodeTheContractExample() {
        Decoded<CounterRecord> d = codec.decode(
                "{\"v\":1,\"ts\":1732406400000,\"ip\":\"10.3.7.21\",\"interval_s\":15,"
                        + "\"counts\":{\"INTRANET\":{\"syn\":0,\"rto\":4},\"SLB\":{\"syn\":2,\"rto\":0}}}");

        assertThat(d.isOk()).isTrue();
        CounterRecord r = d.value();
        assertThat(r.ts()).isEqualTo(1_732_406_400_000L);
        assertThat(r.ip()).isEqualTo("10.3.7.21");
        assertThat(r.intervalS()).isEqualTo(15);
        assertThat(r.counts().get(Scenario.INTRANET, RetxType.RTO)).isEqualTo(4);
        assertThat(r.counts().get(Scenario.SLB, RetxType.SYN)).isEqualTo(2);
        assertThat(r.counts().total()).isEqualTo(6);
    }

    @Test
    void shouldRoundTripEveryScenarioAndType() {
        RetxCounts.Builder b = RetxCounts.builder();
        int n = 1;
        for (Scenario s : Scenario.values()) {
            for (RetxType t : RetxType.values()) {
                b.set(s, t, n++);
            }
        }
        CounterRecord original = new CounterRecord(NOW - 15_000, "fd00::1:2", 15, b.build());

        CounterRecord decoded = codec.decode(codec.encode(original)).value();

        assertThat(decoded).isEqualTo(original);
    }

    @Test
    void shouldRoundTripThroughAWriter() throws Exception {
        CounterRecord original = new CounterRecord(NOW, "10.0.0.1", 60,
                RetxCounts.builder().set(Scenario.INTERNET_IN, RetxType.SYN, 3).build());
        StringWriter w = new StringWriter();

        codec.encode(original, w);

        assertThat(codec.decode(w.toString()).value()).isEqualTo(original);
    }

    @Test
    void shouldTreatMissingOrEmptyCountsAsHeartbeat() {
        CounterRecord empty = codec.decode("{\"v\":1,\"ts\":" + NOW + ",\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{}}").value();
        CounterRecord absent = codec.decode("{\"v\":1,\"ts\":" + NOW + ",\"ip\":\"10.0.0.1\",\"interval_s\":15}").value();

        assertThat(empty.counts().isHeartbeatOnly()).isTrue();
        assertThat(absent.counts().isHeartbeatOnly()).isTrue();
        assertThat(codec.encodeToString(empty)).contains("\"counts\":{}");
    }

    @Test
    void shouldIgnoreUnknownTopLevelFieldsForForwardCompatibility() {
        Decoded<CounterRecord> d = codec.decode(
                "{\"v\":1,\"agent\":{\"build\":\"x\"},\"ts\":" + NOW + ",\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{}}");

        assertThat(d.isOk()).isTrue();
    }

    @Test
    void shouldDefaultAMissingTypeInsideAScenarioToZero() {
        CounterRecord r = codec.decode(
                "{\"v\":1,\"ts\":" + NOW + ",\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"SLB\":{\"rto\":2}}}").value();

        assertThat(r.counts().get(Scenario.SLB, RetxType.SYN)).isZero();
        assertThat(r.counts().get(Scenario.SLB, RetxType.RTO)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json                | hello                                                                                   | UNPARSEABLE",
            "truncated               | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\"                                      | UNPARSEABLE",
            "array                   | [1,2]                                                                                   | UNPARSEABLE",
            "trailing garbage        | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":15} x                 | UNPARSEABLE",
            "duplicate key           | {\"v\":1,\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":15}           | UNPARSEABLE",
            "missing ip              | {\"v\":1,\"ts\":1732406400000,\"interval_s\":15}                                       | MISSING_FIELD",
            "missing ts              | {\"v\":1,\"ip\":\"10.0.0.1\",\"interval_s\":15}                                        | MISSING_FIELD",
            "missing version         | {\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":15}                           | MISSING_FIELD",
            "missing interval        | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\"}                                     | MISSING_FIELD",
            "null ip                 | {\"v\":1,\"ts\":1732406400000,\"ip\":null,\"interval_s\":15}                           | MISSING_FIELD",
            "future version          | {\"v\":2,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":15}                   | UNSUPPORTED_VERSION",
            "negative count          | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"INTRANET\":{\"syn\":-1}}}  | NEGATIVE_COUNT",
            "unknown scenario        | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"MARS\":{\"syn\":1}}}      | UNKNOWN_SCENARIO",
            "lower-case scenario     | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"intranet\":{\"syn\":1}}}  | UNKNOWN_SCENARIO",
            "unknown retx type       | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"SLB\":{\"tlp\":1}}}       | UNKNOWN_RETX_TYPE",
            "seconds not millis      | {\"v\":1,\"ts\":1732406400,\"ip\":\"10.0.0.1\",\"interval_s\":15}                      | TIMESTAMP_OUT_OF_RANGE",
            "far future              | {\"v\":1,\"ts\":1832406400000,\"ip\":\"10.0.0.1\",\"interval_s\":15}                   | TIMESTAMP_OUT_OF_RANGE",
            "fractional count        | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"SLB\":{\"rto\":1.5}}}     | INVALID_FIELD",
            "string count            | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"SLB\":{\"rto\":\"3\"}}}   | INVALID_FIELD",
            "huge count              | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"SLB\":{\"rto\":9999999999}}} | INVALID_FIELD",
            "zero interval           | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":0}                    | INVALID_FIELD",
            "interval over a minute  | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":120}                  | INVALID_FIELD",
            "bad ip                  | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.256\",\"interval_s\":15}                 | INVALID_FIELD",
            "ip not a string         | {\"v\":1,\"ts\":1732406400000,\"ip\":167772161,\"interval_s\":15}                      | INVALID_FIELD",
            "counts not an object    | {\"v\":1,\"ts\":1732406400000,\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":[1]}    | INVALID_FIELD",
    })
    void shouldRejectWithAMachineReadableReason(String name, String json, RejectReason expected) {
        Decoded<CounterRecord> d = codec.decode(json.strip());

        assertThat(d.isOk()).as(name).isFalse();
        assertThat(d.rejection().reason()).as(name + ": " + d.rejection().detail()).isEqualTo(expected);
        assertThat(d.rejection().detail()).isNotBlank();
    }

    @Test
    void shouldRejectNullAndNonUtf8Payloads() {
        assertThat(codec.decode((byte[]) null).rejection().reason()).isEqualTo(RejectReason.UNPARSEABLE);
        byte[] latin1 = {'{', '"', 'i', 'p', '"', ':', '"', (byte) 0xE9, '"', '}'};
        assertThat(codec.decode(latin1).rejection().reason()).isEqualTo(RejectReason.UNPARSEABLE);
    }

    @Test
    void shouldNameTheFieldAndValueInTheDetail() {
        Decoded<CounterRecord> d = codec.decode(
                "{\"v\":1,\"ts\":" + NOW + ",\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"SLB\":{\"syn\":-7}}}");

        assertThat(d.rejection().detail()).contains("counts.SLB.syn").contains("-7");
    }

    @Test
    void shouldAcceptOldTimestampsWithHistoricalBounds() {
        CounterCodec offline = new CounterCodec(TimestampBounds.historical());

        assertThat(offline.decode("{\"v\":1,\"ts\":1000000000000,\"ip\":\"10.0.0.1\",\"interval_s\":15}").isOk()).isTrue();
        assertThat(offline.decode("{\"v\":1,\"ts\":1000000000,\"ip\":\"10.0.0.1\",\"interval_s\":15}").isOk()).isFalse();
    }
}
