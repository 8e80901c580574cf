package io.andiag.speed.stream;

import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.MonitoredCount;

/** What the scorer emits: abnormal series-minutes, and per region the monitored-IP count of each closed minute. */
public sealed interface ScorerOutput {

    record Abnormal(AbnormalSeries series) implements ScorerOutput {
    }

    record Monitored(MonitoredCount count) implements ScorerOutput {
    }
}
