package io.andiag.model.incident;

import io.andiag.model.routing.Team;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The open incidents of one region: what the {@link IncidentTracker} remembers between minutes. Small (one entry per
 * open incident) and serializable to bytes ({@link #toBytes}, {@link #fromBytes}) so the speed layer keeps it in a
 * changelogged state store keyed by region. Mutated only by the tracker; not thread-safe.
 */
public final class TrackerState {

    /**
     * One open incident: its route so far (the team with the most routing confidence summed over its minutes, each
     * weighted by its abnormal IPs), when it was last seen, its last alert, and the abnormal IPs of all its minutes.
     */
    static final class Open {
        Team team;
        long lastSeen;
        IncidentAlert last;
        /** Abnormal IPs summed over its minutes: the weight of all its votes. */
        double weight;
        /** Per team (ordinal): routing confidence × abnormal IPs, summed over the minutes whose best guess it was. */
        final double[] votes;
        /** Per team (ordinal): the decision path of the last minute whose best guess it was, or null. */
        final List<String>[] paths;
        IpSketch ips;

        @SuppressWarnings("unchecked")
        Open(Team team, long lastSeen, IncidentAlert last, IpSketch ips) {
            this.team = team;
            this.lastSeen = lastSeen;
            this.last = last;
            this.ips = ips;
            this.votes = new double[Team.values().length];
            this.paths = new List[Team.values().length];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Open x && team == x.team && lastSeen == x.lastSeen && last.equals(x.last)
                    && weight == x.weight && Arrays.equals(votes, x.votes) && Arrays.equals(paths, x.paths)
                    && ips.equals(x.ips);
        }

        @Override
        public int hashCode() {
            return Objects.hash(team, lastSeen, last, weight, Arrays.hashCode(votes), ips);
        }
    }

    /** A minute whose diagnosis waits for the next minute's to confirm it (see TrackerSettings#confirmBelowLevel). */
    record Pending(long minute, IpSketch ips) {
    }

    /** No minute processed yet. */
    static final long NONE = Long.MIN_VALUE;

    final String region;
    long lastMinute = NONE;
    /** First minute of the most recently opened incident, and how many incidents opened in that minute. */
    long lastOpenMinute = NONE;
    int openedInLastOpenMinute;
    final List<Open> open = new ArrayList<>();
    /** The last minute's unconfirmed diagnosis, or null. */
    Pending pending;

    TrackerState(String region) {
        this.region = Objects.requireNonNull(region, "region");
    }

    /** The state of a region with no incident yet. */
    public static TrackerState empty(String region) {
        return new TrackerState(region);
    }

    public String region() {
        return region;
    }

    /** The last minute processed, or empty before the first. */
    public java.util.OptionalLong lastMinute() {
        return lastMinute == NONE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(lastMinute);
    }

    /** The last alert of every open incident, in opening order. */
    public List<IncidentAlert> openIncidents() {
        List<IncidentAlert> out = new ArrayList<>(open.size());
        for (Open o : open) {
            out.add(o.last);
        }
        return Collections.unmodifiableList(out);
    }

    public byte[] toBytes() {
        return TrackerStateCodec.encode(this);
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a tracker state of a known format version
     */
    public static TrackerState fromBytes(byte[] bytes) {
        return TrackerStateCodec.decode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackerState s && region.equals(s.region) && lastMinute == s.lastMinute
                && lastOpenMinute == s.lastOpenMinute && openedInLastOpenMinute == s.openedInLastOpenMinute
                && open.equals(s.open) && Objects.equals(pending, s.pending);
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, lastMinute, lastOpenMinute, openedInLastOpenMinute, open, pending);
    }

    @Override
    public String toString() {
        return "TrackerState[" + region + ", " + open.size() + " open, last minute " + lastMinute + "]";
    }
}
