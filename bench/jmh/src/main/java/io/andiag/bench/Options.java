package io.andiag.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} options of the bench tools, against declared defaults (null = required). */
public final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /** @throws IllegalArgumentException naming an unknown option, a missing value or a missing required option */
    public static Options parse(String[] args, Map<String, String> defaults) {
        Map<String, String> o = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !defaults.containsKey(a.substring(2)) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: '" + a + "'; options: "
                        + defaults.keySet().stream().map(k -> "--" + k).toList());
            }
            o.put(a.substring(2), args[++i]);
        }
        o.forEach((k, v) -> {
            if (v == null) {
                throw new IllegalArgumentException("--" + k + " is required");
            }
        });
        return new Options(o);
    }

    public String get(String name) {
        return values.get(name);
    }

    public int getInt(String name) {
        try {
            return Integer.parseInt(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + values.get(name) + "'");
        }
    }

    public long getLong(String name) {
        try {
            return Long.parseLong(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + values.get(name) + "'");
        }
    }

    public double getDouble(String name) {
        try {
            return Double.parseDouble(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + values.get(name) + "'");
        }
    }
}
