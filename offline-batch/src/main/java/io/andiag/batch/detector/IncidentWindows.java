package io.andiag.batch.detector;

import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The (IP, time) ranges labelled as incidents (kind INCIDENT; benign bursts are normal history and stay in). Broadcast
 * to the replay: such IP-minutes are training anomalies and are left out of the threshold calibration.
 */
public final class IncidentWindows implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, long[]> byIp;
    private final int labels;

    private IncidentWindows(Map<String, long[]> byIp, int labels) {
        this.byIp = byIp;
        this.labels = labels;
    }

    public static IncidentWindows of(List<IncidentLabel> labels) {
        Map<String, List<long[]>> tmp = new HashMap<>();
        int n = 0;
        for (IncidentLabel l : labels) {
            if (l.kind() != LabelKind.INCIDENT) {
                continue;
            }
            n++;
            for (String ip : l.affectedIps()) {
                tmp.computeIfAbsent(ip, k -> new ArrayList<>()).add(new long[] {l.startTs(), l.endTs()});
            }
        }
        Map<String, long[]> byIp = new HashMap<>();
        tmp.forEach((ip, list) -> {
            long[] flat = new long[list.size() * 2];
            for (int i = 0; i < list.size(); i++) {
                flat[2 * i] = list.get(i)[0];
                flat[2 * i + 1] = list.get(i)[1];
            }
            byIp.put(ip, flat);
        });
        return new IncidentWindows(byIp, n);
    }

    public static IncidentWindows none() {
        return new IncidentWindows(Map.of(), 0);
    }

    /** Number of INCIDENT labels. */
    public int labels() {
        return labels;
    }

    /** The incident ranges of an IP as {start, end, start, end, ...}, or null. */
    public long[] of(String ip) {
        return byIp.get(ip);
    }

    public static boolean covers(long[] ranges, long minuteTs) {
        if (ranges == null) {
            return false;
        }
        for (int i = 0; i < ranges.length; i += 2) {
            if (minuteTs >= ranges[i] && minuteTs < ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }
}
