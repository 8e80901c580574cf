package io.andiag.analysis.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads a metric CSV: a header line naming a {@code timestamp} and a {@code value} column (any order, any case) and
 * optionally a {@code series} column; other columns are ignored. Blank lines and lines starting with {@code #} are
 * skipped. Fields may be double-quoted (RFC 4180, {@code ""} inside quotes is a quote).
 *
 * <p>A value must be a finite number &gt;= 0 (the detector is one-sided and works on counts, see docs/backtest.md);
 * an empty value, {@code NaN}, {@code null} or {@code NA} is a missing point. Within a series, timestamps must be
 * strictly increasing. Every refusal names the file, the line and the reason.
 */
public final class MetricCsvReader {

    public static final String TIMESTAMP = "timestamp";
    public static final String VALUE = "value";
    public static final String SERIES = "series";

    private MetricCsvReader() {
    }

    /** A read file: its series in order of first appearance, and whether it had a series column. */
    public record MetricCsv(Path file, boolean hasSeriesColumn, List<MetricSeries> series) {
    }

    public static MetricCsv read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static MetricCsv read(Path file, BufferedReader in) throws IOException {
        String fallbackName = stem(file);
        int lineNo = 0;
        String line;
        Header header = null;
        Map<String, Builder> series = new LinkedHashMap<>();
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<String> fields = split(file, lineNo, line);
            if (header == null) {
                header = Header.of(file, lineNo, fields);
                continue;
            }
            if (fields.size() < header.width) {
                throw new BadInputException(file, lineNo, "has " + fields.size() + " field(s), the header has " + header.width);
            }
            String name = header.series < 0 ? fallbackName : fields.get(header.series).strip();
            if (name.isEmpty()) {
                throw new BadInputException(file, lineNo, "empty series name");
            }
            String rawTs = fields.get(header.timestamp).strip();
            OptionalLong ts = TimestampParser.parse(rawTs);
            if (ts.isEmpty()) {
                throw new BadInputException(file, lineNo, "cannot read timestamp '" + rawTs + "' (want " + TimestampParser.FORMS + ")");
            }
            String rawValue = fields.get(header.value).strip();
            double value = value(file, lineNo, rawValue);
            series.computeIfAbsent(name, Builder::new).add(file, lineNo, ts.getAsLong(), rawTs, value, rawValue);
        }
        if (header == null) {
            throw new BadInputException(file, 0, "is empty: want a header line with the columns timestamp,value[,series]");
        }
        if (series.isEmpty()) {
            throw new BadInputException(file, 0, "has a header but no data line");
        }
        List<MetricSeries> out = new ArrayList<>(series.size());
        for (Builder b : series.values()) {
            out.add(b.build());
        }
        return new MetricCsv(file, header.series >= 0, out);
    }

    private static double value(Path file, int lineNo, String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        if (raw.isEmpty() || lower.equals("nan") || lower.equals("null") || lower.equals("na")) {
            return Double.NaN;
        }
        double v;
        try {
            v = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new BadInputException(file, lineNo, "value '" + raw + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new BadInputException(file, lineNo, "value '" + raw + "' is not finite");
        }
        if (v < 0) {
            throw new BadInputException(file, lineNo, "value " + raw + " is negative: the detector scores counts (>= 0)");
        }
        return v;
    }

    /** Splits one CSV line on commas, honouring double quotes. */
    static List<String> split(Path file, int lineNo, String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new BadInputException(file, lineNo, "unterminated quoted field");
        }
        out.add(cur.toString());
        return out;
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private record Header(int timestamp, int value, int series, int width) {

        static Header of(Path file, int lineNo, List<String> fields) {
            int ts = -1;
            int value = -1;
            int series = -1;
            for (int i = 0; i < fields.size(); i++) {
                String name = fields.get(i).strip().toLowerCase(Locale.ROOT);
                int prev = switch (name) {
                    case TIMESTAMP -> ts;
                    case VALUE -> value;
                    case SERIES -> series;
                    default -> -1;
                };
                if (prev >= 0) {
                    throw new BadInputException(file, lineNo, "column '" + name + "' appears twice in the header");
                }
                switch (name) {
                    case TIMESTAMP -> ts = i;
                    case VALUE -> value = i;
                    case SERIES -> series = i;
                    default -> {
                    }
                }
            }
            if (ts < 0 || value < 0) {
                throw new BadInputException(file, lineNo, "the header must name a 'timestamp' and a 'value' column (optional"
                        + " 'series'), got " + fields);
            }
            return new Header(ts, value, series, Math.max(ts, Math.max(value, series)) + 1);
        }
    }

    private static final class Builder {
        private final String name;
        private long[] ts = new long[256];
        private double[] value = new double[256];
        private int[] line = new int[256];
        private final List<String> rawTs = new ArrayList<>();
        private final List<String> rawValue = new ArrayList<>();
        private int n;

        Builder(String name) {
            this.name = name;
        }

        void add(Path file, int lineNo, long t, String rawT, double v, String rawV) {
            if (n > 0 && t <= ts[n - 1]) {
                String what = t == ts[n - 1] ? "repeats the timestamp of line " + line[n - 1]
                        : "is earlier than the timestamp of line " + line[n - 1] + " (" + TimestampParser.format(ts[n - 1]) + ")";
                throw new BadInputException(file, lineNo, "timestamp " + rawT + " of series '" + name + "' " + what
                        + ": timestamps must increase within a series");
            }
            if (n == ts.length) {
                ts = java.util.Arrays.copyOf(ts, n * 2);
                value = java.util.Arrays.copyOf(value, n * 2);
                line = java.util.Arrays.copyOf(line, n * 2);
            }
            ts[n] = t;
            value[n] = v;
            line[n] = lineNo;
            rawTs.add(rawT);
            rawValue.add(rawV);
            n++;
        }

        MetricSeries build() {
            return new MetricSeries(name, java.util.Arrays.copyOf(ts, n), java.util.Arrays.copyOf(value, n),
                    java.util.Arrays.copyOf(line, n), rawTs.toArray(new String[0]), rawValue.toArray(new String[0]));
        }
    }
}
