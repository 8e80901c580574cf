package io.andiag.analysis.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a JDBC result set as an aligned table, CSV or JSON. Lists come out as {@code [a, b]} in the table and CSV and
 * as JSON arrays in JSON; NULL is {@code NULL} in the table, an empty field in CSV and {@code null} in JSON.
 */
final class ResultPrinter {

    /** Longest cell the table shows before cutting it with an ellipsis (CSV and JSON are never cut). */
    static final int MAX_CELL = 60;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultPrinter() {
    }

    /** Prints the result; returns the number of rows read. */
    static long print(ResultSet rs, OutputFormat format, long maxRows, PrintWriter out) throws SQLException {
        return switch (format) {
            case TABLE -> table(rs, maxRows, out);
            case CSV -> csv(rs, out);
            case JSON -> json(rs, out);
        };
    }

    private static long table(ResultSet rs, long maxRows, PrintWriter out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int cols = md.getColumnCount();
        int[] width = new int[cols];
        boolean[] numeric = new boolean[cols];
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[cols];
        for (int c = 0; c < cols; c++) {
            header[c] = md.getColumnLabel(c + 1);
            width[c] = header[c].length();
            numeric[c] = true;
        }
        long total = 0;
        while (rs.next()) {
            total++;
            if (total > maxRows) {
                continue;
            }
            String[] row = new String[cols];
            for (int c = 0; c < cols; c++) {
                Object v = rs.getObject(c + 1);
                numeric[c] &= v == null || v instanceof Number;
                row[c] = cut(v == null ? "NULL" : text(v));
                width[c] = Math.max(width[c], row[c].length());
            }
            rows.add(row);
        }
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < cols; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
        }
        out.println(line(header, width, new boolean[cols]));
        out.println(rule);
        for (String[] row : rows) {
            out.println(line(row, width, numeric));
        }
        if (total > maxRows) {
            out.println("... " + (total - maxRows) + " more row(s) not shown (--max-rows " + maxRows + "; use LIMIT or --format csv)");
        }
        return total;
    }

    private static String line(String[] cells, int[] width, boolean[] right) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                b.append(" | ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            b.append(right[c] ? pad + cells[c] : cells[c] + (c == cells.length - 1 ? "" : pad));
        }
        return b.toString();
    }

    private static long csv(ResultSet rs, PrintWriter out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int cols = md.getColumnCount();
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cols; c++) {
            b.append(c == 0 ? "" : ",").append(csvField(md.getColumnLabel(c + 1)));
        }
        out.println(b);
        long n = 0;
        while (rs.next()) {
            n++;
            b.setLength(0);
            for (int c = 0; c < cols; c++) {
                Object v = rs.getObject(c + 1);
                b.append(c == 0 ? "" : ",").append(v == null ? "" : csvField(text(v)));
            }
            out.println(b);
        }
        return n;
    }

    private static long json(ResultSet rs, PrintWriter out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int cols = md.getColumnCount();
        StringWriter buf = new StringWriter();
        long n = 0;
        try (JsonGenerator g = JSON.getFactory().createGenerator(buf)) {
            g.writeStartArray();
            while (rs.next()) {
                n++;
                g.writeStartObject();
                for (int c = 0; c < cols; c++) {
                    g.writeFieldName(md.getColumnLabel(c + 1));
                    writeJson(g, rs.getObject(c + 1));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new SQLException("cannot write JSON: " + e.getMessage(), e);
        }
        out.println(buf);
        return n;
    }

    private static void writeJson(JsonGenerator g, Object v) throws IOException, SQLException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(Double.toString(d));
            }
        } else if (v instanceof Array a) {
            g.writeStartArray();
            for (Object e : (Object[]) a.getArray()) {
                writeJson(g, e);
            }
            g.writeEndArray();
        } else {
            g.writeString(text(v));
        }
    }

    /** A value as text: lists as [a, b], everything else by its own string form. */
    static String text(Object v) throws SQLException {
        if (v instanceof Array a) {
            Object[] items = (Object[]) a.getArray();
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < items.length; i++) {
                b.append(i == 0 ? "" : ", ").append(items[i] == null ? "NULL" : text(items[i]));
            }
            return b.append(']').toString();
        }
        return v.toString();
    }

    private static String cut(String s) {
        return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 1) + "…";
    }

    private static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
