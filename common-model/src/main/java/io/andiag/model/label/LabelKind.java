package io.andiag.model.label;

/** Whether a labelled event is a real incident (must alert) or a benign burst (must not). */
public enum LabelKind {
    INCIDENT,
    BENIGN
}
