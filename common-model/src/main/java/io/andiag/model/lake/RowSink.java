package io.andiag.model.lake;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link RowEncoder} writes one row into: typed setters by column index of the writer's schema, written
 * straight to Parquet's column writers (no record assembly, no object per row). The UTF-8 bytes of repeated
 * strings (IPs, app names) are cached. A column that is not set is null, which only an optional column accepts.
 *
 * <p>Supported schemas: top-level primitive columns (required or optional) and lists of primitives in the standard
 * three-level form ({@code <name> (LIST) { repeated group list { <element> } }}), which is what the lake uses.
 */
public final class RowSink {

    private static final int STRING_CACHE_LIMIT = 1 << 18;
    private static final int RECENT = 1 << 14;

    private final String[] names;
    private final boolean[] optional;
    private final int[] maxDef;
    /** Definition level of an empty list (the list itself defined, no element). */
    private final int[] emptyListDef;
    private final boolean[] isList;
    private final ColumnDescriptor[] leaves;
    private final ColumnWriter[] writers;
    private final long[] lastWritten;
    private final Map<String, Binary> strings = new HashMap<>();
    private final String[] recentKeys = new String[RECENT];
    private final Binary[] recentValues = new Binary[RECENT];
    private long row;

    RowSink(MessageType schema) {
        int n = schema.getFieldCount();
        List<ColumnDescriptor> columns = schema.getColumns();
        if (columns.size() != n) {
            throw new IllegalArgumentException("RowSink supports only flat schemas with lists of primitives, got " + schema);
        }
        names = new String[n];
        optional = new boolean[n];
        maxDef = new int[n];
        emptyListDef = new int[n];
        isList = new boolean[n];
        leaves = columns.toArray(ColumnDescriptor[]::new);
        writers = new ColumnWriter[n];
        lastWritten = new long[n];
        for (int i = 0; i < n; i++) {
            Type t = schema.getType(i);
            names[i] = t.getName();
            optional[i] = t.isRepetition(Type.Repetition.OPTIONAL);
            maxDef[i] = leaves[i].getMaxDefinitionLevel();
            if (!t.isPrimitive()) {
                GroupType g = t.asGroupType();
                boolean standardList = g.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                        && g.getFieldCount() == 1 && !g.getType(0).isPrimitive()
                        && g.getType(0).isRepetition(Type.Repetition.REPEATED)
                        && g.getType(0).asGroupType().getFieldCount() == 1
                        && g.getType(0).asGroupType().getType(0).isPrimitive();
                if (!standardList) {
                    throw new IllegalArgumentException("column '" + names[i] + "': only three-level lists of primitives are supported");
                }
                isList[i] = true;
                emptyListDef[i] = optional[i] ? 1 : 0;
            } else if (t.isRepetition(Type.Repetition.REPEATED)) {
                throw new IllegalArgumentException("column '" + names[i] + "': repeated primitives are not supported, use a LIST");
            }
        }
    }

    /** Binds the sink to the column writers of a new row group. */
    void attach(ColumnWriteStore store) {
        for (int i = 0; i < writers.length; i++) {
            writers[i] = store.getColumnWriter(leaves[i]);
        }
    }

    /** Writes nulls for the columns the encoder left unset; call once per row after encoding. */
    void endRow() {
        for (int i = 0; i < writers.length; i++) {
            if (lastWritten[i] != row + 1) {
                if (!optional[i]) {
                    throw new IllegalStateException("required column '" + names[i] + "' was not set");
                }
                writers[i].writeNull(0, 0);
            }
        }
        row++;
    }

    private ColumnWriter column(int column) {
        if (lastWritten[column] == row + 1) {
            throw new IllegalStateException("column '" + names[column] + "' set twice in one row");
        }
        lastWritten[column] = row + 1;
        return writers[column];
    }

    public RowSink putLong(int column, long value) {
        column(column).write(value, 0, maxDef[column]);
        return this;
    }

    public RowSink putInt(int column, int value) {
        column(column).write(value, 0, maxDef[column]);
        return this;
    }

    public RowSink putDouble(int column, double value) {
        column(column).write(value, 0, maxDef[column]);
        return this;
    }

    public RowSink putBoolean(int column, boolean value) {
        column(column).write(value, 0, maxDef[column]);
        return this;
    }

    /** Writes a string; {@code null} leaves the (optional) column null. */
    public RowSink putString(int column, String value) {
        if (value != null) {
            column(column).write(binary(value), 0, maxDef[column]);
        }
        return this;
    }

    /** Writes a {@code LIST<string>} column; a null element is written as null (if the element is optional). */
    public RowSink putStringList(int column, List<String> values) {
        return putList(column, values, (w, v, rep, def) -> w.write(binary(v), rep, def));
    }

    /** Writes a {@code LIST<int32>} column. */
    public RowSink putIntList(int column, List<Integer> values) {
        return putList(column, values, (w, v, rep, def) -> w.write(v.intValue(), rep, def));
    }

    /** Writes a {@code LIST<double>} column. */
    public RowSink putDoubleList(int column, List<Double> values) {
        return putList(column, values, (w, v, rep, def) -> w.write(v.doubleValue(), rep, def));
    }

    /** Writes one non-null list element with the column writer's overload for its type. */
    @FunctionalInterface
    private interface ElementWriter<T> {
        void write(ColumnWriter w, T value, int repetitionLevel, int definitionLevel);
    }

    /** The Dremel levels of a list column: an empty list, null elements, and rep = 1 after the first element. */
    private <T> RowSink putList(int column, List<T> values, ElementWriter<T> element) {
        ColumnWriter w = listColumn(column);
        if (values.isEmpty()) {
            w.writeNull(0, emptyListDef[column]);
            return this;
        }
        int rep = 0;
        for (T v : values) {
            if (v == null) {
                w.writeNull(rep, maxDef[column] - 1);
            } else {
                element.write(w, v, rep, maxDef[column]);
            }
            rep = 1;
        }
        return this;
    }

    private ColumnWriter listColumn(int column) {
        if (!isList[column]) {
            throw new IllegalArgumentException("column '" + names[column] + "' is not a list");
        }
        return column(column);
    }

    private Binary binary(String s) {
        // direct-mapped cache by identity first: generators pass the same String objects row after row
        int slot = s.hashCode() & (RECENT - 1);
        if (recentKeys[slot] == s) {
            return recentValues[slot];
        }
        Binary b = lookup(s);
        recentKeys[slot] = s;
        recentValues[slot] = b;
        return b;
    }

    private Binary lookup(String s) {
        Binary b = strings.get(s);
        if (b == null) {
            if (strings.size() >= STRING_CACHE_LIMIT) {
                strings.clear();
            }
            b = Binary.fromString(s);
            strings.put(s, b);
        }
        return b;
    }
}
