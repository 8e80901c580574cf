package io.andiag.model.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One tunable, declared once: its name (the key in a properties map), a one-line doc, the default and the rule a
 * value must satisfy. Settings records hold the values and call {@link #check} in their constructors, so an invalid
 * value is rejected where it is set, with a message naming the parameter and the bad value.
 *
 * <p>Params are static descriptors; they are never serialized (settings records carry plain values).
 *
 * @param <T> the value type
 */
public final class Param<T> {

    private final String name;
    private final String doc;
    private final T defaultValue;
    private final String rule;
    private final Predicate<T> valid;
    private final Function<String, T> parser;

    private Param(String name, String doc, T defaultValue, String rule, Predicate<T> valid, Function<String, T> parser) {
        this.name = Objects.requireNonNull(name, "name");
        this.doc = Objects.requireNonNull(doc, "doc");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.valid = Objects.requireNonNull(valid, "valid");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.defaultValue = defaultValue;
        check(defaultValue);
    }

    /** A double in [min, max] (closed interval; pass infinity for an open end). NaN is never valid. */
    public static Param<Double> closed(String name, double defaultValue, double min, double max, String doc) {
        return new Param<>(name, doc, defaultValue, "in [" + fmt(min) + ", " + fmt(max) + "]",
                v -> v >= min && v <= max, Double::valueOf);
    }

    /** A double in (min, max] (exclusive lower bound). */
    public static Param<Double> openClosed(String name, double defaultValue, double min, double max, String doc) {
        return new Param<>(name, doc, defaultValue, "in (" + fmt(min) + ", " + fmt(max) + "]",
                v -> v > min && v <= max, Double::valueOf);
    }

    /** A double in [min, max) (exclusive upper bound). */
    public static Param<Double> closedOpen(String name, double defaultValue, double min, double max, String doc) {
        return new Param<>(name, doc, defaultValue, "in [" + fmt(min) + ", " + fmt(max) + ")",
                v -> v >= min && v < max, Double::valueOf);
    }

    /** An int in [min, max]. */
    public static Param<Integer> intIn(String name, int defaultValue, int min, int max, String doc) {
        return new Param<>(name, doc, defaultValue, "an integer in [" + min + ", " + max + "]",
                v -> v >= min && v <= max, Integer::valueOf);
    }

    /** An int in [min, max] that divides {@code dividend} (e.g. slots per day must divide 1440 minutes). */
    public static Param<Integer> divisorOf(String name, int defaultValue, int dividend, String doc) {
        return new Param<>(name, doc, defaultValue, "a divisor of " + dividend,
                v -> v >= 1 && v <= dividend && dividend % v == 0, Integer::valueOf);
    }

    /** Any long (seeds). */
    public static Param<Long> anyLong(String name, long defaultValue, String doc) {
        return new Param<>(name, doc, defaultValue, "an integer", v -> true, Long::valueOf);
    }

    /** One constant of an enum, by name (case-insensitive when read from text). */
    public static <E extends Enum<E>> Param<E> oneOf(Class<E> type, String name, E defaultValue, String doc) {
        return new Param<>(name, doc, defaultValue, "one of " + java.util.Arrays.toString(type.getEnumConstants()),
                v -> true, s -> Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT)));
    }

    /**
     * Returns {@code value} when it satisfies the rule.
     *
     * @throws IllegalArgumentException "NAME must be RULE, got VALUE"
     */
    public T check(T value) {
        if (value == null || (value instanceof Double d && d.isNaN()) || !valid.test(value)) {
            throw new IllegalArgumentException(name + " must be " + rule + ", got " + value);
        }
        return value;
    }

    /**
     * The value of this param in {@code props} (a String to parse, or a value of the right type), or the default when
     * the key is absent. Keys of other params are ignored.
     *
     * @throws IllegalArgumentException naming the param when the text does not parse or the value breaks the rule
     */
    @SuppressWarnings("unchecked")
    public T read(Map<String, ?> props) {
        Object raw = props.get(name);
        if (raw == null) {
            return defaultValue;
        }
        T value;
        if (raw instanceof String s) {
            try {
                value = parser.apply(s.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must be " + rule + ", got '" + s + "'", e);
            }
        } else if (defaultValue instanceof Double && raw instanceof Number n) {
            value = (T) Double.valueOf(n.doubleValue());
        } else if (defaultValue instanceof Integer && raw instanceof Number n && n.doubleValue() == n.intValue()) {
            value = (T) Integer.valueOf(n.intValue());
        } else if (defaultValue instanceof Long && raw instanceof Number n && n.doubleValue() == n.longValue()) {
            value = (T) Long.valueOf(n.longValue());
        } else if (defaultValue.getClass().isInstance(raw)) {
            value = (T) raw;
        } else {
            throw new IllegalArgumentException(name + " must be " + rule + ", got " + raw + " (" + raw.getClass().getSimpleName() + ")");
        }
        return check(value);
    }

    public String name() {
        return name;
    }

    public String doc() {
        return doc;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The rule in words, e.g. "in (0, 1]". */
    public String rule() {
        return rule;
    }

    @Override
    public String toString() {
        return name + " = " + defaultValue + " (" + rule + "): " + doc;
    }

    private static String fmt(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
