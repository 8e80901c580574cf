package io.andiag.model.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ordered, versioned list of routing feature names: the contract between the batch job that trains the router
 * and the layers that evaluate it. A trained router records the names and the version it was trained with;
 * {@link #requireCompatible} refuses a router whose features differ, so training/serving skew fails loudly at load
 * time instead of silently mis-routing.
 *
 * <p>Bump {@link #VERSION} whenever a feature is added, removed, reordered or its definition changes.
 */
public final class RoutingFeatureSchema {

    /** Version of the feature definitions. */
    public static final int VERSION = 1;

    private static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (RoutingFeature f : RoutingFeature.values()) {
            names.add(f.featureName());
        }
        NAMES = Collections.unmodifiableList(names);
    }

    private RoutingFeatureSchema() {
    }

    /** Number of features: the length of a feature vector. */
    public static int size() {
        return NAMES.size();
    }

    /** The feature names in vector order. */
    public static List<String> names() {
        return NAMES;
    }

    public static String name(int index) {
        return NAMES.get(index);
    }

    /** Index of a feature name, or -1 when it is not in the schema. */
    public static int indexOf(String name) {
        return NAMES.indexOf(name);
    }

    /**
     * Checks that a router trained with {@code names} under schema {@code version} can be evaluated on vectors of
     * this schema.
     *
     * @throws IllegalArgumentException naming the version or the first differing feature
     */
    public static void requireCompatible(List<String> names, int version) {
        if (version != VERSION) {
            throw new IllegalArgumentException("router feature_schema_version is " + version + ", this code computes "
                    + VERSION);
        }
        if (names.size() != NAMES.size()) {
            throw new IllegalArgumentException("router has " + names.size() + " features, schema v" + VERSION
                    + " has " + NAMES.size());
        }
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equals(NAMES.get(i))) {
                throw new IllegalArgumentException("router feature " + i + " is '" + names.get(i) + "', schema v"
                        + VERSION + " has '" + NAMES.get(i) + "'");
            }
        }
    }
}
