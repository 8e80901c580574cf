package io.andiag.analysis.evaluate;

import java.util.List;

/**
 * How well the speed layer's archived output matches the simulator's ground truth for one day (docs/evaluate.md
 * defines every number). Ratios are null when their denominator is empty. Written as scorecard.json as is.
 */
public record Scorecard(String date, Window window, Detection detection, Routing routing, Timing timing,
                        List<IncidentRow> incidents) {

    /**
     * The minutes evaluated: those the speed layer closed (the {@code monitored} table), and the labels starting in them.
     */
    public record Window(Long fromMinute, Long toMinute, int minutes, int incidentLabels, int benignLabels,
                         int labelsOutsideWindow) {
    }

    public record Detection(int incidents, int incidentsDetected, Double incidentRecall,
                            int alertedIncidents, int alertedOnIncidents, int alertedOnBenign, int falseAlerts,
                            Double incidentPrecision, Double precisionCountingBenignAsFalse,
                            int benignBursts, int benignBurstsAlerted,
                            long ipsAffected, long ipsFlaggedInIncidents, long ipsFlaggedAndAffected,
                            Double ipPrecision, Double ipRecall,
                            int quietMinutes, Double quietFlaggedShareMean, Double quietFlaggedShareMax) {
    }

    /**
     * Routing of the detected incidents: by the first alert of the first incident matching each label (the page an
     * operator acts on), and by that incident's last alert ({@code settled}: the route on its accumulated evidence).
     */
    public record Routing(int detected, int routedCorrectly, int needsReview, Double accuracy, Double recall,
                          int settledCorrectly, Double settledAccuracy, List<TeamRow> teams, List<LevelRow> levels) {
    }

    /** One true team: recall = routed to it correctly / its incidents; accuracy = correct / detected routed to it. */
    public record TeamRow(String team, int incidents, int detected, int routedHere, int correct, Double recall,
                          Double accuracy) {
    }

    /** One severity level of the labels (all teams, then network teams only: the paper's Figure 15 view). */
    public record LevelRow(String level, int incidents, int detected, int correct, Double recall, Double accuracy,
                           int networkIncidents, int networkDetected, int networkCorrect, Double networkRecall,
                           Double networkAccuracy) {
    }

    public record Timing(Double minutesToFirstAlertMedian, Double minutesToFirstAlertMean, Long minutesToFirstAlertMax,
                         int alerts, int alertsWithCloseTime, Long closeToAlertP50Ms, Long closeToAlertP99Ms,
                         Long closeToAlertMaxMs) {
    }

    /** One labelled incident or benign burst of the window and what the speed layer made of it. */
    public record IncidentRow(String labelId, String kind, String team, String cause, Integer severity, int affectedIps,
                              long startMinute, int durationMinutes, List<String> alertedAs, String routedTo,
                              Long minutesToFirstAlert, int ipsFlagged, int ipsFlaggedAndAffected) {
    }
}
