package io.andiag.model.routing;

import java.util.Map;
import java.util.Objects;

/**
 * One integer setting, declared once with its name, default, bounds and meaning; see {@link DoubleSetting}.
 *
 * @param name         property name
 * @param defaultValue value used when the property is absent
 * @param min          smallest valid value (inclusive)
 * @param max          largest valid value (inclusive)
 * @param doc          one-line meaning
 */
public record IntSetting(String name, int defaultValue, int min, int max, String doc) {

    public IntSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(doc, "doc");
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException("setting " + name + ": default " + defaultValue + " outside [" + min
                    + ", " + max + "]");
        }
    }

    /** Returns {@code value} when it is within bounds, else throws naming the setting and the value. */
    public int check(int value) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** The value of this setting in {@code props}, or the default when absent. */
    public int read(Map<String, String> props) {
        String text = props.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            return check(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + text + "'", e);
        }
    }
}
