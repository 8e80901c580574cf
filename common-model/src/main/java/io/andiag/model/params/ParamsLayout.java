package io.andiag.model.params;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where parameter sets live in the lake, declared once for the batch that writes them and the loaders that read them.
 *
 * <pre>
 * &lt;lake&gt;/params/LATEST                                  the published version, one line, written last and atomically
 * &lt;lake&gt;/params/&lt;version&gt;/series_profile/ ...             one directory per table (Spark Parquet output)
 * &lt;lake&gt;/params/&lt;version&gt;/manifest.json                   written last inside the set
 * &lt;lake&gt;/params/_candidates/&lt;serve-date&gt;/&lt;table&gt;/         what the batch steps write before publish
 * &lt;lake&gt;/params/_candidates/&lt;serve-date&gt;/_steps/&lt;step&gt;.json  what each step read, wrote and measured
 * </pre>
 *
 * A version is {@code <serve-date>-<yyyyMMdd'T'HHmmss'Z'>}: the day the set is meant to serve, then the UTC time the
 * publishing run started, e.g. {@code 2026-11-24-20261123T021000Z}. Versions sort by serve date, then by run time.
 */
public final class ParamsLayout {

    public static final String PARAMS_DIR = "params";
    public static final String LATEST = "LATEST";
    public static final String CANDIDATES_DIR = "_candidates";
    public static final String STEPS_DIR = "_steps";
    public static final String MANIFEST = "manifest.json";

    public static final String SERIES_PROFILE = "series_profile";
    public static final String SERIES_NOISE = "series_noise";
    public static final String DETECTOR_FOREST = "detector_forest";
    public static final String DETECTOR = "detector";

    /** The tables every published set holds, in the order the batch writes them. */
    public static final List<String> TABLES = List.of(SERIES_PROFILE, SERIES_NOISE, DETECTOR_FOREST, DETECTOR);

    /** The trained router (docs/routing.md), published with the set when its step wrote one into the candidate. */
    public static final String ROUTER = "router";

    /** Directories a set may hold besides {@link #TABLES}; publish copies them when the candidate has them. */
    public static final List<String> OPTIONAL_DIRS = List.of(ROUTER);

    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern VERSION = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})-(\\d{8}T\\d{6}Z)");

    private ParamsLayout() {
    }

    public static Path paramsDir(Path lake) {
        return lake.resolve(PARAMS_DIR);
    }

    public static Path latestFile(Path lake) {
        return paramsDir(lake).resolve(LATEST);
    }

    public static Path versionDir(Path lake, String version) {
        return paramsDir(lake).resolve(requireVersion(version));
    }

    public static Path candidateDir(Path lake, LocalDate serveDate) {
        return paramsDir(lake).resolve(CANDIDATES_DIR).resolve(serveDate.toString());
    }

    public static Path stepReport(Path candidateDir, String step) {
        return candidateDir.resolve(STEPS_DIR).resolve(step + ".json");
    }

    /** {@code 2026-11-24-20261123T021000Z}. */
    public static String version(LocalDate serveDate, Instant runStart) {
        return serveDate + "-" + RUN_TIME.format(runStart);
    }

    /** True when {@code text} has the form of a version (it says nothing about whether the set exists). */
    public static boolean isVersion(String text) {
        return text != null && parse(text).isPresent();
    }

    /** The serve date of a version, or empty when the text is not one. */
    public static Optional<LocalDate> serveDateOf(String version) {
        return parse(version).map(m -> LocalDate.parse(m.group(1)));
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not a version (so a bad LATEST can never point
     *                                  outside the params directory)
     */
    public static String requireVersion(String version) {
        if (!isVersion(version)) {
            throw new IllegalArgumentException("not a parameter-set version (want YYYY-MM-DD-yyyyMMddTHHmmssZ): '" + version + "'");
        }
        return version;
    }

    private static Optional<Matcher> parse(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate.parse(m.group(1));
            RUN_TIME.parse(m.group(2));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.of(m);
    }
}
