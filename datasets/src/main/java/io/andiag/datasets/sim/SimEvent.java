package io.andiag.datasets.sim;

import io.andiag.model.label.IncidentLabel;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;

/**
 * One planned incident or benign burst: its ground-truth label and how it changes the affected series. Every
 * affected container has its own window (equal to the label's for incidents, one or two minutes each for a rolling
 * restart), in global interval indices (0 = first interval of the run; end exclusive).
 */
final class SimEvent {

    final IncidentLabel label;
    /** Affected containers (topology indices), ascending. */
    final int[] containers;
    final int[] startInterval;
    final int[] endInterval;
    /** Per-container strength of the effect, around 1. */
    final double[] intensity;
    /** Bit per {@link RetxCounts} slot raised; intersected with each container's active scenarios. */
    final int slotMask;
    /** Background rate multiplier during the event. */
    final double multiplier;
    /** Absolute extra retransmissions per interval, so that quiet series rise visibly. */
    final double synFloor;
    final double rtoFloor;
    /** Destinations the event's retransmissions converge on, per scenario (null: the containers' usual ones). */
    final String[][] fixedDestinations;
    final int[][] fixedPorts;

    SimEvent(IncidentLabel label, int[] containers, int[] startInterval, int[] endInterval, double[] intensity,
             int slotMask, double multiplier, double synFloor, double rtoFloor, String[][] fixedDestinations,
             int[][] fixedPorts) {
        this.label = label;
        this.containers = containers;
        this.startInterval = startInterval;
        this.endInterval = endInterval;
        this.intensity = intensity;
        this.slotMask = slotMask;
        this.multiplier = multiplier;
        this.synFloor = synFloor;
        this.rtoFloor = rtoFloor;
        this.fixedDestinations = fixedDestinations;
        this.fixedPorts = fixedPorts;
    }

    static int slotBit(Scenario s, RetxType t) {
        return 1 << RetxCounts.slot(s, t);
    }

    static int scenarioBits(Scenario... scenarios) {
        int m = 0;
        for (Scenario s : scenarios) {
            m |= slotBit(s, RetxType.SYN) | slotBit(s, RetxType.RTO);
        }
        return m;
    }

    double floor(int slot) {
        return RetxCounts.typeOf(slot) == RetxType.SYN ? synFloor : rtoFloor;
    }
}
