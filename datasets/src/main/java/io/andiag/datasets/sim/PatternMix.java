package io.andiag.datasets.sim;

import java.util.Locale;

/**
 * Shares of the four patterns among series. Parsed from {@code stable=0.41,seasonal=0.48,unstable=0.11}; an
 * {@code unstable} share is split evenly between MEAN_SHIFT and HYBRID unless {@code mean_shift=} and
 * {@code hybrid=} are given. Shares are normalised to sum to 1.
 */
public record PatternMix(double stable, double seasonal, double meanShift, double hybrid) {

    /** The paper's intranet mix: 41 % stable, 48 % seasonal, 11 % unstable. */
    public static final PatternMix PAPER = new PatternMix(0.41, 0.48, 0.055, 0.055);

    public PatternMix {
        double sum = stable + seasonal + meanShift + hybrid;
        if (stable < 0 || seasonal < 0 || meanShift < 0 || hybrid < 0 || !(sum > 0)) {
            throw new IllegalArgumentException("pattern shares must be >= 0 with a positive sum, got stable=" + stable
                    + " seasonal=" + seasonal + " mean_shift=" + meanShift + " hybrid=" + hybrid);
        }
        stable /= sum;
        seasonal /= sum;
        meanShift /= sum;
        hybrid /= sum;
    }

    public double share(Pattern p) {
        return switch (p) {
            case STABLE -> stable;
            case SEASONAL -> seasonal;
            case MEAN_SHIFT -> meanShift;
            case HYBRID -> hybrid;
        };
    }

    /** The pattern for a uniform draw {@code u} in [0, 1). */
    Pattern pick(double u) {
        if (u < stable) {
            return Pattern.STABLE;
        }
        if (u < stable + seasonal) {
            return Pattern.SEASONAL;
        }
        return u < stable + seasonal + meanShift ? Pattern.MEAN_SHIFT : Pattern.HYBRID;
    }

    /**
     * Parses {@code key=value} pairs (keys: stable, seasonal, unstable, mean_shift, hybrid); keys not given keep the
     * paper's share.
     *
     * @throws IllegalArgumentException naming the bad pair
     */
    public static PatternMix parse(String text) {
        double stable = PAPER.stable;
        double seasonal = PAPER.seasonal;
        Double unstable = null;
        Double meanShift = null;
        Double hybrid = null;
        for (String pair : text.split(",")) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--mix: expected key=value, got '" + p + "'");
            }
            String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT).replace('-', '_');
            double v;
            try {
                v = Double.parseDouble(p.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--mix: not a number in '" + p + "'");
            }
            if (v < 0 || v > 1) {
                throw new IllegalArgumentException("--mix: share must be in 0..1, got '" + p + "'");
            }
            switch (key) {
                case "stable" -> stable = v;
                case "seasonal" -> seasonal = v;
                case "unstable" -> unstable = v;
                case "mean_shift", "meanshift" -> meanShift = v;
                case "hybrid" -> hybrid = v;
                default -> throw new IllegalArgumentException("--mix: unknown key '" + key
                        + "' (want stable, seasonal, unstable, mean_shift, hybrid)");
            }
        }
        double u = unstable != null ? unstable : PAPER.meanShift + PAPER.hybrid;
        double ms = meanShift != null ? meanShift : (hybrid != null ? Math.max(0, u - hybrid) : u / 2);
        double hy = hybrid != null ? hybrid : (meanShift != null ? Math.max(0, u - meanShift) : u / 2);
        return new PatternMix(stable, seasonal, ms, hy);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "stable=%.3f,seasonal=%.3f,mean_shift=%.3f,hybrid=%.3f",
                stable, seasonal, meanShift, hybrid);
    }
}
