package io.andiag.bench.peers;

import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Detection quality against the simulator's ground truth at the IP-minute level, over the evaluation day.
 *
 * <p>An IP is flagged in a minute when the highest score of its series that minute is at or above the threshold
 * (the speed layer's rule). Truth per IP-minute: <b>incident</b> when the IP is among an INCIDENT label's affected
 * IPs and the minute lies in [start, end); <b>benign</b> likewise for a BENIGN label (rolling restarts, noisy
 * containers: they must not alert); otherwise <b>normal</b>.
 * <ul>
 *   <li>precision = flagged incident IP-minutes / all flagged IP-minutes (benign and normal flags are false);</li>
 *   <li>recall = flagged incident IP-minutes / incident IP-minutes;</li>
 *   <li>incident recall = incidents with at least one flagged incident IP-minute / incidents;</li>
 *   <li>benign alerted = benign events with at least one flagged IP-minute / benign events;</li>
 *   <li>normal flag share = flagged normal IP-minutes / normal IP-minutes.</li>
 * </ul>
 */
public final class Scorecard {

    private static final byte NORMAL = 0;
    private static final byte INCIDENT = 1;
    private static final byte BENIGN = 2;

    /** Truth per [ip][evaluation minute]; event index per IP-minute (-1 normal). */
    private final byte[][] truth;
    private final int[][] event;
    private final List<IncidentLabel> events;
    private final long positives;
    private final long normals;

    /** The result at one threshold. */
    public record Result(double threshold, long flagged, long truePositives, long flaggedBenign, long flaggedNormal,
                         double precision, double recall, int incidentsFound, int incidents, int benignAlerted,
                         int benign, double normalFlagShare) {

        public double f1() {
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }

        public String json() {
            return String.format(Locale.ROOT, "{\"threshold\":%.6g,\"flagged_ip_minutes\":%d,\"true_positives\":%d,"
                            + "\"flagged_benign\":%d,\"flagged_normal\":%d,\"precision\":%.4f,\"recall\":%.4f,"
                            + "\"f1\":%.4f,\"incidents_found\":%d,\"incidents\":%d,\"benign_alerted\":%d,"
                            + "\"benign\":%d,\"normal_flag_share\":%.6f}", threshold, flagged, truePositives,
                    flaggedBenign, flaggedNormal, precision, recall, f1(), incidentsFound, incidents, benignAlerted,
                    benign, normalFlagShare);
        }
    }

    public Scorecard(MinuteMatrix m, List<IncidentLabel> labels) {
        int ips = m.ipCount();
        int minutes = 1440;
        long dayStart = m.minuteTs(m.warmMinutes());
        long dayEnd = dayStart + minutes * 60_000L;
        Map<String, Integer> ipIndex = new HashMap<>();
        for (int i = 0; i < ips; i++) {
            ipIndex.put(m.ip(i), i);
        }
        truth = new byte[ips][minutes];
        event = new int[ips][minutes];
        for (int[] row : event) {
            Arrays.fill(row, -1);
        }
        events = new ArrayList<>();
        for (IncidentLabel l : labels) {
            if (l.endTs() <= dayStart || l.startTs() >= dayEnd) {
                continue;
            }
            int e = events.size();
            events.add(l);
            byte kind = l.kind() == LabelKind.INCIDENT ? INCIDENT : BENIGN;
            int from = (int) Math.max(0, (l.startTs() - dayStart) / 60_000L);
            int to = (int) Math.min(minutes, (l.endTs() - dayStart + 59_999L) / 60_000L);
            for (String ip : l.affectedIps()) {
                Integer i = ipIndex.get(ip);
                if (i == null) {
                    continue;
                }
                for (int t = from; t < to; t++) {
                    // events never overlap (simulator), but an incident wins over a benign burst if they did
                    if (truth[i][t] != INCIDENT) {
                        truth[i][t] = kind;
                        event[i][t] = e;
                    }
                }
            }
        }
        long pos = 0;
        long norm = 0;
        for (byte[] row : truth) {
            for (byte b : row) {
                if (b == INCIDENT) {
                    pos++;
                } else if (b == NORMAL) {
                    norm++;
                }
            }
        }
        positives = pos;
        normals = norm;
    }

    public long positives() {
        return positives;
    }

    /** @param ipMax the highest series score per [ip][evaluation minute]; NaN = not scored (never flagged) */
    public Result at(float[][] ipMax, double threshold) {
        long flagged = 0;
        long tp = 0;
        long fb = 0;
        long fn = 0;
        boolean[] hit = new boolean[events.size()];
        for (int i = 0; i < truth.length; i++) {
            for (int t = 0; t < truth[i].length; t++) {
                float s = ipMax[i][t];
                if (!(s >= threshold)) {
                    continue;
                }
                flagged++;
                switch (truth[i][t]) {
                    case INCIDENT -> tp++;
                    case BENIGN -> fb++;
                    default -> fn++;
                }
                if (event[i][t] >= 0) {
                    hit[event[i][t]] = true;
                }
            }
        }
        int incidents = 0;
        int found = 0;
        int benign = 0;
        int benignHit = 0;
        for (int e = 0; e < events.size(); e++) {
            if (events.get(e).kind() == LabelKind.INCIDENT) {
                incidents++;
                found += hit[e] ? 1 : 0;
            } else {
                benign++;
                benignHit += hit[e] ? 1 : 0;
            }
        }
        return new Result(threshold, flagged, tp, fb, fn, flagged == 0 ? 0 : (double) tp / flagged,
                positives == 0 ? 0 : (double) tp / positives, found, incidents, benignHit, benign,
                normals == 0 ? 0 : (double) fn / normals);
    }

    /** The threshold at which {@code ipMax} flags (about) {@code budget} IP-minutes: the budget-th highest score. */
    public static double thresholdForBudget(float[][] ipMax, long budget) {
        int n = 0;
        for (float[] row : ipMax) {
            for (float s : row) {
                if (!Float.isNaN(s)) {
                    n++;
                }
            }
        }
        float[] all = new float[n];
        int k = 0;
        for (float[] row : ipMax) {
            for (float s : row) {
                if (!Float.isNaN(s)) {
                    all[k++] = s;
                }
            }
        }
        if (budget <= 0 || n == 0) {
            return Double.POSITIVE_INFINITY;
        }
        Arrays.sort(all);
        return all[(int) Math.max(0, n - Math.min(budget, n))];
    }
}
