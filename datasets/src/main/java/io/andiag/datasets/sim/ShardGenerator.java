package io.andiag.datasets.sim;

import io.andiag.model.lake.CounterRow;
import io.andiag.model.lake.SeriesTruth;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Generates the rows of one shard (a fixed subset of the containers), interval by interval, from its own random
 * stream. State per series is a handful of numbers plus its precomputed regime change points; nothing of the past
 * is kept, so a day of any size streams through. Background retransmissions are drawn by thinning: the next
 * interval that may have a retx is skipped to geometrically at the series' peak probability, then accepted with
 * the current probability over the peak, so the cost is proportional to the retransmissions, not to the series.
 */
final class ShardGenerator {

    private static final int NO_EFFECT = -1;
    private static final double TWO_PI = 2 * Math.PI;
    /** Peak hour of the region's daily cycle, seconds after 00:00 UTC (14:00 at UTC+8). */
    private static final int REGION_PEAK_S = 6 * 3600;
    /** Cumulative shares of ULTRA_LOW, LOW, MEDIUM (HIGH is the rest): SYN 80/16/3.6/0.4 %, RTO 55/30/11/4 %. */
    private static final double[] SYN_LEVEL_CDF = {0.80, 0.96, 0.996};
    private static final double[] RTO_LEVEL_CDF = {0.55, 0.85, 0.96};

    private final Topology topo;
    private final SimConfig cfg;
    private final SplittableRandom r;
    private final int intervalS;

    // members of the shard, in IP string order
    private final int[] members;
    // series, grouped by member (seriesFrom[i] .. seriesFrom[i + 1])
    private final int[] seriesFrom;
    private final byte[] slot;
    private final byte[] level;
    private final byte[] pattern;
    private final double[] lambda;
    private final double[] amplitude;
    private final int[] phaseS;
    private final double[] burst;
    private final double[] qMax;
    private final double[] logOneMinusQMax;
    private final int[] next;
    private final int[] regimeFrom;
    private final int[] regimeTo;
    private final int[] regimeCursor;
    private final int[] changeAt;
    private final double[] regimeMult;

    // incident and benign effects on members, sorted by start
    private final int[] effMember;
    private final int[] effStart;
    private final int[] effEnd;
    private final double[] effIntensity;
    private final SimEvent[] effEvent;
    private int effCursor;
    private final int[] activeEffect;
    private final List<Integer> activeList = new ArrayList<>();

    // scratch
    private final CounterRow row = new CounterRow();
    private final int[] bg = new int[RetxCounts.SLOTS];
    private final int[] inc = new int[RetxCounts.SLOTS];
    private final List<DetailRecord> details = new ArrayList<>();

    static final Comparator<DetailRecord> DETAIL_ORDER =
            Comparator.comparingLong(DetailRecord::ts).thenComparing(DetailRecord::ip);

    ShardGenerator(SimConfig cfg, Topology topo, int shard, int shards, List<SimEvent> events) {
        this.cfg = cfg;
        this.topo = topo;
        this.intervalS = cfg.intervalS();
        this.r = Rng.stream(cfg.seed(), Rng.SHARD_BASE + shard);
        List<Integer> m = new ArrayList<>();
        for (int c = shard; c < topo.n; c += shards) {
            m.add(c);
        }
        m.sort(Comparator.comparing(c -> topo.ip[c]));
        members = m.stream().mapToInt(Integer::intValue).toArray();

        int total = 0;
        for (int c : members) {
            total += 2 * Integer.bitCount(topo.scenarioMask[c]);
        }
        seriesFrom = new int[members.length + 1];
        slot = new byte[total];
        level = new byte[total];
        pattern = new byte[total];
        lambda = new double[total];
        amplitude = new double[total];
        phaseS = new int[total];
        burst = new double[total];
        qMax = new double[total];
        logOneMinusQMax = new double[total];
        next = new int[total];
        regimeFrom = new int[total];
        regimeTo = new int[total];
        regimeCursor = new int[total];
        int totalIntervals = cfg.days() * cfg.intervalsPerDay();
        List<int[]> changes = new ArrayList<>();
        List<Double> mults = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < members.length; i++) {
            seriesFrom[i] = s;
            int mask = topo.scenarioMask[members[i]];
            for (Scenario sc : Scenario.values()) {
                if ((mask & (1 << sc.ordinal())) == 0) {
                    continue;
                }
                for (RetxType t : RetxType.values()) {
                    initSeries(s, RetxCounts.slot(sc, t), t, totalIntervals, changes, mults);
                    s++;
                }
            }
        }
        seriesFrom[members.length] = s;
        changeAt = changes.stream().mapToInt(a -> a[0]).toArray();
        regimeMult = mults.stream().mapToDouble(Double::doubleValue).toArray();

        // effects of the events on this shard's members
        int[] localOf = new int[topo.n];
        Arrays.fill(localOf, -1);
        for (int i = 0; i < members.length; i++) {
            localOf[members[i]] = i;
        }
        List<Object[]> effs = new ArrayList<>();
        for (SimEvent e : events) {
            for (int k = 0; k < e.containers.length; k++) {
                int local = localOf[e.containers[k]];
                if (local >= 0) {
                    effs.add(new Object[] {local, e.startInterval[k], e.endInterval[k], e.intensity[k], e});
                }
            }
        }
        effs.sort(Comparator.comparingInt(o -> (int) o[1]));
        effMember = new int[effs.size()];
        effStart = new int[effs.size()];
        effEnd = new int[effs.size()];
        effIntensity = new double[effs.size()];
        effEvent = new SimEvent[effs.size()];
        for (int k = 0; k < effs.size(); k++) {
            Object[] o = effs.get(k);
            effMember[k] = (int) o[0];
            effStart[k] = (int) o[1];
            effEnd[k] = (int) o[2];
            effIntensity[k] = (double) o[3];
            effEvent[k] = (SimEvent) o[4];
        }
        activeEffect = new int[members.length];
        Arrays.fill(activeEffect, NO_EFFECT);
    }

    private void initSeries(int s, int slotIdx, RetxType type, int totalIntervals, List<int[]> changes,
                            List<Double> mults) {
        slot[s] = (byte) slotIdx;
        FrequencyLevel lv = drawLevel(type);
        level[s] = (byte) lv.ordinal();
        Pattern p = cfg.mix().pick(r.nextDouble());
        pattern[s] = (byte) p.ordinal();
        double share = Math.exp(Rng.uniform(r, Math.log(lv.targetMin()), Math.log(lv.targetMax())));
        int ipm = cfg.intervalsPerMinute();
        lambda[s] = -Math.log(1 - share) / ipm;
        burst[s] = Rng.uniform(r, 1.0, 4.0);
        amplitude[s] = p.seasonal() ? Rng.uniform(r, 0.5, 0.9) : 0;
        phaseS[s] = REGION_PEAK_S + (int) Rng.uniform(r, -3 * 3600, 3 * 3600);
        double maxMult = 1 + amplitude[s];
        regimeFrom[s] = changes.size();
        if (p.shifting()) {
            int k = 1 + Rng.poisson(r, cfg.days());
            int[] at = new int[k];
            for (int i = 0; i < k; i++) {
                at[i] = r.nextInt(totalIntervals);
            }
            Arrays.sort(at);
            double m = 1;
            double peak = 1;
            for (int i = 0; i < k; i++) {
                double f = Rng.uniform(r, 2.0, 4.0);
                m = (r.nextBoolean() && m * f <= 4.0) || m / f < 0.25 ? m * f : m / f;
                changes.add(new int[] {at[i]});
                mults.add(m);
                peak = Math.max(peak, m);
            }
            maxMult *= peak;
        }
        regimeTo[s] = changes.size();
        regimeCursor[s] = regimeFrom[s];
        double q = 1 - Math.exp(-lambda[s] * maxMult);
        qMax[s] = q;
        logOneMinusQMax[s] = q >= 0.999_999 ? 0 : Math.log1p(-q);
        next[s] = skip(s);
    }

    private FrequencyLevel drawLevel(RetxType type) {
        double u = r.nextDouble();
        // SYN retransmissions are much rarer than RTOs; most series of both are ultra-low or low.
        double[] cdf = type == RetxType.SYN ? SYN_LEVEL_CDF : RTO_LEVEL_CDF;
        if (u < cdf[0]) {
            return FrequencyLevel.ULTRA_LOW;
        }
        if (u < cdf[1]) {
            return FrequencyLevel.LOW;
        }
        return u < cdf[2] ? FrequencyLevel.MEDIUM : FrequencyLevel.HIGH;
    }

    /** Intervals to the next candidate (0 = the next interval). */
    private int skip(int s) {
        if (logOneMinusQMax[s] == 0) {
            return 0;
        }
        double k = Math.log(1 - r.nextDouble()) / logOneMinusQMax[s];
        return k > 1e9 ? 1_000_000_000 : (int) k;
    }

    private double rateAt(int s, int g) {
        double m = 1;
        if (amplitude[s] != 0) {
            int tod = (int) ((long) g * intervalS % 86_400);
            m = 1 + amplitude[s] * Math.cos(TWO_PI * (tod - phaseS[s]) / 86_400.0);
        }
        int to = regimeTo[s];
        if (to != regimeFrom[s]) {
            int cur = regimeCursor[s];
            while (cur < to && changeAt[cur] <= g) {
                cur++;
            }
            regimeCursor[s] = cur;
            if (cur > regimeFrom[s]) {
                m *= regimeMult[cur - 1];
            }
        }
        return lambda[s] * m;
    }

    int members() {
        return members.length;
    }

    /**
     * Generates interval {@code g} (0 = first interval of the run): one counter row per member, in IP order, and the
     * sampled details, sorted by time then IP.
     */
    void step(int g, Consumer<CounterRow> counters, Consumer<DetailRecord> detailSink) {
        updateEffects(g);
        long ts = cfg.startMs() + (long) g * intervalS * 1000L;
        details.clear();
        for (int i = 0; i < members.length; i++) {
            int c = members[i];
            row.reset(ts, topo.ip[c], intervalS);
            boolean any = false;
            int eff = activeEffect[i];
            for (int s = seriesFrom[i], end = seriesFrom[i + 1]; s < end; s++) {
                int sl = slot[s];
                bg[sl] = 0;
                inc[sl] = 0;
                if (next[s] == g) {
                    double rate = rateAt(s, g);
                    double q = 1 - Math.exp(-rate);
                    if (q >= qMax[s] || r.nextDouble() * qMax[s] < q) {
                        bg[sl] = 1 + Rng.poisson(r, rate * burst[s]);
                        any = true;
                    }
                    next[s] = g + 1 + skip(s);
                }
                if (eff != NO_EFFECT) {
                    SimEvent e = effEvent[eff];
                    if ((e.slotMask & (1 << sl)) != 0) {
                        double extra = (amplitude[s] != 0 || regimeTo[s] != regimeFrom[s] ? rateAt(s, g) : lambda[s])
                                * (e.multiplier - 1) + e.floor(sl) * effIntensity[eff];
                        inc[sl] = Rng.poisson(r, extra);
                        any |= inc[sl] > 0;
                    }
                }
                int v = bg[sl] + inc[sl];
                if (v != 0) {
                    row.set(sl, v);
                }
            }
            counters.accept(row);
            if (any) {
                sample(i, c, ts, eff);
            }
        }
        if (!details.isEmpty()) {
            details.sort(DETAIL_ORDER);
            for (DetailRecord d : details) {
                detailSink.accept(d);
            }
        }
    }

    private void updateEffects(int g) {
        for (int k = activeList.size() - 1; k >= 0; k--) {
            int eff = activeList.get(k);
            if (effEnd[eff] <= g) {
                activeEffect[effMember[eff]] = NO_EFFECT;
                activeList.remove(k);
            }
        }
        while (effCursor < effStart.length && effStart[effCursor] <= g) {
            if (effEnd[effCursor] > g) {
                activeEffect[effMember[effCursor]] = effCursor;
                activeList.add(effCursor);
            }
            effCursor++;
        }
    }

    /** The agent's sample: the first 23 retransmissions of the interval, in time order. */
    private void sample(int i, int c, long ts, int eff) {
        int total = 0;
        for (int s = seriesFrom[i], end = seriesFrom[i + 1]; s < end; s++) {
            total += bg[slot[s]] + inc[slot[s]];
        }
        int k = Math.min(total, DetailRecord.SAMPLES_PER_INTERVAL);
        Topology.App app = topo.apps[topo.app[c]];
        for (int j = 0; j < k; j++) {
            int pick = r.nextInt(total--);
            for (int s = seriesFrom[i], end = seriesFrom[i + 1]; s < end; s++) {
                int sl = slot[s];
                if (pick < bg[sl]) {
                    bg[sl]--;
                    details.add(detail(c, app, ts, sl, null));
                    break;
                }
                pick -= bg[sl];
                if (pick < inc[sl]) {
                    inc[sl]--;
                    details.add(detail(c, app, ts, sl, effEvent[eff]));
                    break;
                }
                pick -= inc[sl];
            }
        }
    }

    private DetailRecord detail(int c, Topology.App app, long ts, int sl, SimEvent event) {
        Scenario sc = RetxCounts.scenarioOf(sl);
        RetxType type = RetxCounts.typeOf(sl);
        long at = ts + r.nextInt(intervalS * 1000);
        int sport = 32_768 + r.nextInt(28_232);
        String dip;
        int dport;
        String[] fixed = event == null || event.fixedDestinations == null ? null : event.fixedDestinations[sc.ordinal()];
        if (fixed != null) {
            int k = r.nextInt(fixed.length);
            dip = fixed[k];
            dport = event.fixedPorts[sc.ordinal()][k];
            if (sc == Scenario.INTERNET_IN) {
                dport = sport;
                sport = app.port;
            }
        } else {
            switch (sc) {
                case INTRANET -> {
                    Topology.App dep = topo.apps[app.intranetDeps[r.nextInt(app.intranetDeps.length)]];
                    dip = topo.ip[dep.containers[r.nextInt(dep.containers.length)]];
                    dport = dep.port;
                }
                case SLB -> {
                    int v = app.vips[r.nextInt(app.vips.length)];
                    dip = topo.vipIp[v];
                    dport = topo.vipPort[v];
                }
                case CROSS_REGION -> {
                    int k = app.remotes[r.nextInt(app.remotes.length)];
                    dip = topo.remoteIp[k];
                    dport = topo.remotePort[k];
                }
                case INTERNET_OUT -> {
                    dip = topo.internetServiceIp[app.internetServices[r.nextInt(app.internetServices.length)]];
                    dport = 443;
                }
                default -> {
                    dip = topo.internetClientIp[r.nextInt(topo.internetClientIp.length)];
                    dport = sport;
                    sport = app.port;
                }
            }
        }
        return new DetailRecord(at, topo.ip[c], sport, dip, dport, type, sc, topo.pid[c], app.comm);
    }

    /** The generating parameters of every series of the shard. */
    List<SeriesTruth> truth() {
        List<SeriesTruth> out = new ArrayList<>(slot.length);
        int ipm = cfg.intervalsPerMinute();
        for (int i = 0; i < members.length; i++) {
            for (int s = seriesFrom[i]; s < seriesFrom[i + 1]; s++) {
                double q = 1 - Math.exp(-lambda[s]);
                double perMinute = ipm * q * (1 + lambda[s] * burst[s]);
                out.add(new SeriesTruth(topo.ip[members[i]], RetxCounts.scenarioOf(slot[s]), RetxCounts.typeOf(slot[s]),
                        FrequencyLevel.values()[level[s]].name(), Pattern.values()[pattern[s]].name(), perMinute));
            }
        }
        return out;
    }
}
