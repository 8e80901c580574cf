package io.andiag.analysis.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads the timestamp column of a metric CSV into epoch milliseconds. Accepted forms:
 * <ul>
 *   <li>ISO-8601 with a zone or offset: {@code 2026-11-01T00:05:00Z}, {@code 2026-11-01T01:05:00+01:00};</li>
 *   <li>date and time without a zone, read as UTC: {@code 2026-11-01T00:05:00}, {@code 2026-11-01 00:05},
 *       fractions of a second allowed;</li>
 *   <li>a date alone, read as UTC midnight: {@code 2026-11-01};</li>
 *   <li>an integer epoch: milliseconds when its magnitude is at least 10^11 (after 1973-03-03 in ms), else seconds.</li>
 * </ul>
 */
final class TimestampParser {

    static final String FORMS = "ISO-8601 like 2026-11-01T00:05:00Z, '2026-11-01 00:05:00' (UTC), 2026-11-01, "
            + "or epoch seconds / milliseconds";

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");
    private static final long EPOCH_MS_FROM = 100_000_000_000L;
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    private TimestampParser() {
    }

    /** Epoch ms of {@code text}, or empty when it is none of the accepted forms. */
    static OptionalLong parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        if (INTEGER.matcher(t).matches()) {
            try {
                long v = Long.parseLong(t);
                return OptionalLong.of(Math.abs(v) >= EPOCH_MS_FROM ? v : Math.multiplyExact(v, 1000L));
            } catch (NumberFormatException | ArithmeticException e) {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(OffsetDateTime.parse(t.replace(' ', 'T')).toInstant().toEpochMilli());
        } catch (DateTimeParseException ignored) {
            // try the zone-less forms
        }
        try {
            return OptionalLong.of(LocalDateTime.parse(t, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (DateTimeParseException ignored) {
            // try a date alone
        }
        try {
            return OptionalLong.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }

    /** ISO-8601 UTC text of epoch ms (for messages). */
    static String format(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
