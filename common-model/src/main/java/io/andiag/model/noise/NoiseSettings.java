package io.andiag.model.noise;

import io.andiag.model.config.Param;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Tunables of {@link NoiseFitter}. */
public record NoiseSettings(int slotsPerDay, double trimShare, int minSlotMinutes, double spreadFloorAbs,
                            double spreadFloorRel, double regimePenalty, double hybridPenalty, double changeMinShare,
                            double changeMinT) implements Serializable {

    public static final int MINUTES_PER_DAY = 1440;

    public static final Param<Integer> SLOTS_PER_DAY = Param.divisorOf("detection.noise.slots_per_day", 24, MINUTES_PER_DAY,
            "time-of-day slots of a SLOTTED model (UTC); must divide 1440 minutes");
    public static final Param<Double> TRIM_SHARE = Param.closedOpen("detection.noise.trim_share", 0.01, 0, 0.5,
            "share of the largest minute counts dropped before mean and spread (past incidents in the history)");
    public static final Param<Integer> MIN_SLOT_MINUTES = Param.intIn("detection.noise.min_slot_minutes", 30, 1, 1_000_000,
            "observed minutes a slot needs for its own statistics; sparser slots use the whole-history ones");
    public static final Param<Double> SPREAD_FLOOR_ABS = Param.openClosed("detection.noise.spread_floor_abs", 1.0, 0, 1e9,
            "smallest spread of any slot, in retx per minute");
    public static final Param<Double> SPREAD_FLOOR_REL = Param.closed("detection.noise.spread_floor_rel", 0.1, 0, 1e3,
            "smallest spread as a multiple of the slot's baseline");
    public static final Param<Double> REGIME_PENALTY = Param.closed("detection.noise.regime_penalty", 1.5, 1, 1e3,
            "penalty (spread multiplier) of a MEAN_SHIFT series' recent-regime model");
    public static final Param<Double> HYBRID_PENALTY = Param.closed("detection.noise.hybrid_penalty", 2.0, 1, 1e3,
            "penalty of a HYBRID series' recent-regime model (its daily cycle is not modelled)");
    public static final Param<Double> CHANGE_MIN_SHARE = Param.openClosed("detection.noise.change_min_share", 0.3, 0, 1,
            "share of a segment's hourly variance a split must explain to be a change point");
    public static final Param<Double> CHANGE_MIN_T = Param.closed("detection.noise.change_min_t", 4.0, 0, 1e6,
            "t statistic a split must reach to be a change point");

    public static final List<Param<?>> PARAMS = List.of(SLOTS_PER_DAY, TRIM_SHARE, MIN_SLOT_MINUTES, SPREAD_FLOOR_ABS,
            SPREAD_FLOOR_REL, REGIME_PENALTY, HYBRID_PENALTY, CHANGE_MIN_SHARE, CHANGE_MIN_T);

    private static final NoiseSettings DEFAULTS = from(Map.of());

    public NoiseSettings {
        SLOTS_PER_DAY.check(slotsPerDay);
        TRIM_SHARE.check(trimShare);
        MIN_SLOT_MINUTES.check(minSlotMinutes);
        SPREAD_FLOOR_ABS.check(spreadFloorAbs);
        SPREAD_FLOOR_REL.check(spreadFloorRel);
        REGIME_PENALTY.check(regimePenalty);
        HYBRID_PENALTY.check(hybridPenalty);
        CHANGE_MIN_SHARE.check(changeMinShare);
        CHANGE_MIN_T.check(changeMinT);
    }

    public static NoiseSettings defaults() {
        return DEFAULTS;
    }

    public static NoiseSettings from(Map<String, ?> props) {
        return new NoiseSettings(SLOTS_PER_DAY.read(props), TRIM_SHARE.read(props), MIN_SLOT_MINUTES.read(props),
                SPREAD_FLOOR_ABS.read(props), SPREAD_FLOOR_REL.read(props), REGIME_PENALTY.read(props),
                HYBRID_PENALTY.read(props), CHANGE_MIN_SHARE.read(props), CHANGE_MIN_T.read(props));
    }

    /** The floored spread: max(std, spread_floor_abs, spread_floor_rel * baseline). */
    public double floorSpread(double std, double baseline) {
        return Math.max(std, Math.max(spreadFloorAbs, spreadFloorRel * baseline));
    }
}
