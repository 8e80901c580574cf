package io.andiag.model.codec;

import io.andiag.model.incident.AlertStatus;
import io.andiag.model.incident.AppImpact;
import io.andiag.model.incident.Evidence;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.Route;
import io.andiag.model.incident.ScopeTerm;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.DeadLetter;
import io.andiag.model.record.MonitoredCount;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OutputCodecsTest {

    @Test
    void abnormalShouldRoundTripKeepingFeatureOrder() {
        Map<String, Double> features = new LinkedHashMap<>();
        features.put("residual", 13.25);
        features.put("level", 1.0);
        features.put("log_count", 2.5649);
        AbnormalSeries a = new AbnormalSeries(1_732_406_460_000L, new SeriesKey("10.3.7.21", Scenario.SLB, RetxType.RTO),
                "region-a", 12, 1.5, 0.8, 0.71, 0.62, false, features, "20261123T0210Z");
        AbnormalCodec codec = new AbnormalCodec();

        AbnormalSeries back = codec.decode(codec.encode(a)).value();

        assertThat(back).isEqualTo(a);
        assertThat(back.features().keySet()).containsExactly("residual", "level", "log_count");
    }

    @Test
    void alertShouldRoundTripWithAndWithoutTeamAndSeverity() {
        AlertCodec codec = new AlertCodec();
        IncidentAlert routed = new IncidentAlert("region-a-20261123-0007", AlertStatus.OPEN, "region-a",
                1_732_406_400_000L, 1_732_406_460_000L, Optional.of(SeverityLevel.L3), 9, 2000,
                new Route(Optional.of(Team.SLB_NAT_GATEWAY), 0.93, false, List.of("INTRANET", "NETWORK", "SLB_NAT_GATEWAY")),
                List.of(new ScopeTerm("vip", "10.200.0.8")), List.of(new AppImpact("app-17", 5), new AppImpact("app-3", 4)), 2,
                new Evidence(Map.of("dst_top_vip_share", 0.92), List.of("10.3.7.21:41822 -> 10.200.0.8:443 rto SLB")),
                "20261123T0210Z");
        IncidentAlert review = new IncidentAlert("x", AlertStatus.RESOLVED, "region-a", 1L, 2L, Optional.empty(), 3, 2000,
                new Route(Optional.empty(), 0.41, true, List.of("INTRANET")), List.of(
                new ScopeTerm("az", "az-2"), new ScopeTerm("tor", "tor-17")), List.of(), 0, Evidence.none(), "v");

        assertThat(codec.decode(codec.encode(routed)).value()).isEqualTo(routed);
        assertThat(codec.decode(codec.encode(review)).value()).isEqualTo(review);
        assertThat(new String(codec.encode(review), StandardCharsets.UTF_8)).contains("\"scope_text\":\"az=az-2 & tor=tor-17\"");
    }

    @Test
    void deadLetterShouldKeepTheOriginalBytesExactly() {
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41};
        DeadLetter d = new DeadLetter(RejectReason.UNPARSEABLE, "not JSON", "and.retx.counters", 3, 42L, 7L,
                "10.0.0.1".getBytes(StandardCharsets.UTF_8), notUtf8);
        DeadLetterCodec codec = new DeadLetterCodec();

        byte[] json = codec.encode(d);

        assertThat(codec.decode(json).value()).isEqualTo(d);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"reason\":\"unparseable\"").contains("\"key\":\"10.0.0.1\"")
                .doesNotContain("\"payload\":");
    }

    @Test
    void deadLetterShouldShowATextPayloadForPeople() {
        DeadLetter d = new DeadLetter(RejectReason.NEGATIVE_COUNT, "counts.SLB.syn is negative: -1", "and.retx.counters",
                0, 1L, 2L, null, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));

        String json = new String(new DeadLetterCodec().encode(d), StandardCharsets.UTF_8);

        assertThat(json).contains("\"payload\":\"{\\\"v\\\":1}\"").contains("\"key_b64\":null");
    }

    @Test
    void monitoredCountShouldRoundTrip() {
        MonitoredCount m = new MonitoredCount(1_732_406_400_000L, "region-a", 1998, 2);
        MonitoredCountCodec codec = new MonitoredCountCodec();

        assertThat(codec.decode(codec.encode(m)).value()).isEqualTo(m);
    }

    @Test
    void outputDecodersShouldRejectRatherThanThrow() {
        assertThat(new AlertCodec().decode("{\"v\":1}".getBytes(StandardCharsets.UTF_8)).rejection().reason())
                .isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(new AbnormalCodec().decode("nope".getBytes(StandardCharsets.UTF_8)).rejection().reason())
                .isEqualTo(RejectReason.UNPARSEABLE);
        assertThat(new MonitoredCountCodec().decode("{\"v\":9}".getBytes(StandardCharsets.UTF_8)).rejection().reason())
                .isEqualTo(RejectReason.UNSUPPORTED_VERSION);
    }
}
