package io.andiag.batch.publish;

import io.andiag.batch.BatchException;
import io.andiag.batch.BatchRun;
import io.andiag.batch.StepReport;

/**
 * Step {@code validate} (plain Java, no Spark): the quality gate on its own, so a scheduler runs it as a task of its
 * own and blocks publishing when it fails. It runs exactly what {@code publish} runs before it changes anything
 * ({@link PublishJob#inspect} and {@link QualityGate}) and changes nothing in the lake but its own report,
 * {@code _candidates/<serve-date>/_steps/validate.json}, which holds the decision, the candidate's and LATEST's
 * metrics and every check — saved whether the candidate passes or not.
 */
public final class ValidateJob {

    public static final String STEP = "validate";

    private ValidateJob() {
    }

    /**
     * Returns the decision when the candidate passes.
     *
     * @throws BatchException with the reasons when the gate (or a structural check before it) blocks the candidate
     */
    public static QualityGate.Decision run(BatchRun run, PublishSettings settings, StepReport report) {
        PublishJob.Inspected inspected = PublishJob.inspect(run, settings);
        QualityGate.Decision decision = PublishJob.gate(STEP, run, settings, inspected);
        report.stats().set("gate", decision.toJson()); // not logged again: every check was logged as it was made
        report.stat("decision", decision.verdict());
        report.finishAndSave(run.candidateDir());
        if (!decision.passed()) {
            throw new BatchException(decision.refusal());
        }
        return decision;
    }
}
