package io.andiag.model.routing;

import java.util.Map;
import java.util.Objects;

/**
 * One numeric setting, declared once with its name, default, bounds and meaning. Settings records validate their
 * values with {@link #check} in their constructors, so an invalid value is refused at construction with a message
 * that names the parameter and the value; {@link #read} takes the value from a property map (the layers' config).
 *
 * @param name         property name, e.g. {@code routing.drilldown.coverage_min}
 * @param defaultValue value used when the property is absent
 * @param min          smallest valid value (inclusive)
 * @param max          largest valid value (inclusive)
 * @param doc          one-line meaning, for docs and error messages
 */
public record DoubleSetting(String name, double defaultValue, double min, double max, String doc) {

    public DoubleSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(doc, "doc");
        if (!(min <= max)) {
            throw new IllegalArgumentException("setting " + name + ": min " + min + " > max " + max);
        }
        if (!(defaultValue >= min && defaultValue <= max)) {
            throw new IllegalArgumentException("setting " + name + ": default " + defaultValue + " outside [" + min
                    + ", " + max + "]");
        }
    }

    /** Returns {@code value} when it is within bounds, else throws naming the setting and the value. */
    public double check(double value) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** The value of this setting in {@code props}, or the default when absent. */
    public double read(Map<String, String> props) {
        String text = props.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            return check(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + text + "'", e);
        }
    }
}
