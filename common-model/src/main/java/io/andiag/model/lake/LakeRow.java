package io.andiag.model.lake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of any Parquet file, with typed accessors by column name or index. Primitive values are kept unboxed.
 * Value types: INT32 → int, INT64 → long, FLOAT/DOUBLE → double, BOOLEAN, BINARY annotated as string/enum/json →
 * String, other BINARY/FIXED/INT96 → byte[], LIST (or MAP, or an un-annotated repeated field) → {@code List<Object>},
 * a nested group → {@link LakeRow}. A column absent from a row (null) reads as null from {@link #get}; the primitive
 * getters throw on null.
 *
 * <p>Rows handed to a {@link LakeReader#forEach} callback are reused between calls: {@link #copy()} what you keep.
 */
public final class LakeRow {

    /** How a column's values are stored and returned. */
    public enum ValueKind { INT, LONG, DOUBLE, BOOLEAN, STRING, BYTES, LIST, ROW }

    /** Column names and kinds of a group, shared by all rows read with it. */
    static final class Shape {
        final String[] names;
        final ValueKind[] kinds;
        final Map<String, Integer> index = new HashMap<>();

        Shape(String[] names, ValueKind[] kinds) {
            this.names = names;
            this.kinds = kinds;
            for (int i = 0; i < names.length; i++) {
                index.put(names[i], i);
            }
        }
    }

    private final Shape shape;
    final long[] prims;
    final Object[] refs;
    final boolean[] present;

    LakeRow(Shape shape) {
        this.shape = shape;
        int n = shape.names.length;
        this.prims = new long[n];
        this.refs = new Object[n];
        this.present = new boolean[n];
    }

    void clear() {
        Arrays.fill(present, false);
        Arrays.fill(refs, null);
    }

    public int fieldCount() {
        return shape.names.length;
    }

    public String name(int column) {
        return shape.names[column];
    }

    public ValueKind kind(int column) {
        return shape.kinds[column];
    }

    public boolean hasColumn(String name) {
        return shape.index.containsKey(name);
    }

    /** Index of a column, for loops that read many rows of one file. */
    public int indexOf(String name) {
        Integer i = shape.index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no column '" + name + "' in row with columns " + Arrays.toString(shape.names));
        }
        return i;
    }

    public boolean isNull(int column) {
        return !present[column];
    }

    public boolean isNull(String name) {
        return isNull(indexOf(name));
    }

    public long getLong(int column) {
        requirePresent(column);
        ValueKind k = shape.kinds[column];
        if (k != ValueKind.LONG && k != ValueKind.INT) {
            throw wrongKind(column, "an integer");
        }
        return prims[column];
    }

    public long getLong(String name) {
        return getLong(indexOf(name));
    }

    public int getInt(int column) {
        return Math.toIntExact(getLong(column));
    }

    public int getInt(String name) {
        return getInt(indexOf(name));
    }

    public double getDouble(int column) {
        requirePresent(column);
        return switch (shape.kinds[column]) {
            case DOUBLE -> Double.longBitsToDouble(prims[column]);
            case INT, LONG -> prims[column];
            default -> throw wrongKind(column, "a number");
        };
    }

    public double getDouble(String name) {
        return getDouble(indexOf(name));
    }

    public boolean getBoolean(int column) {
        requirePresent(column);
        if (shape.kinds[column] != ValueKind.BOOLEAN) {
            throw wrongKind(column, "a boolean");
        }
        return prims[column] != 0;
    }

    public boolean getBoolean(String name) {
        return getBoolean(indexOf(name));
    }

    /** A string column, or null when the value is null. */
    public String getString(int column) {
        if (shape.kinds[column] != ValueKind.STRING) {
            throw wrongKind(column, "a string");
        }
        return present[column] ? (String) refs[column] : null;
    }

    public String getString(String name) {
        return getString(indexOf(name));
    }

    /** A list column as an unmodifiable list, or null when the value is null. */
    @SuppressWarnings("unchecked")
    public List<Object> getList(int column) {
        if (shape.kinds[column] != ValueKind.LIST) {
            throw wrongKind(column, "a list");
        }
        return present[column] ? Collections.unmodifiableList((List<Object>) refs[column]) : null;
    }

    public List<Object> getList(String name) {
        return getList(indexOf(name));
    }

    /** A list of strings (null elements kept), or null when the value is null. */
    public List<String> getStringList(String name) {
        List<Object> list = getList(name);
        if (list == null) {
            return null;
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            out.add((String) o);
        }
        return out;
    }

    public LakeRow getRow(String name) {
        int column = indexOf(name);
        if (shape.kinds[column] != ValueKind.ROW) {
            throw wrongKind(column, "a nested row");
        }
        return present[column] ? (LakeRow) refs[column] : null;
    }

    /** The value boxed: Integer, Long, Double, Boolean, String, byte[], List or LakeRow; null when null. */
    public Object get(int column) {
        if (!present[column]) {
            return null;
        }
        return switch (shape.kinds[column]) {
            case INT -> (int) prims[column];
            case LONG -> prims[column];
            case DOUBLE -> Double.longBitsToDouble(prims[column]);
            case BOOLEAN -> prims[column] != 0;
            default -> refs[column];
        };
    }

    public Object get(String name) {
        return get(indexOf(name));
    }

    /** A detached copy, safe to keep after the reader moved on. */
    public LakeRow copy() {
        LakeRow c = new LakeRow(shape);
        System.arraycopy(prims, 0, c.prims, 0, prims.length);
        System.arraycopy(present, 0, c.present, 0, present.length);
        for (int i = 0; i < refs.length; i++) {
            Object o = refs[i];
            if (o instanceof LakeRow r) {
                o = r.copy();
            } else if (o instanceof List<?> l) {
                o = new ArrayList<>(l);
            }
            c.refs[i] = o;
        }
        return c;
    }

    /** Column name → boxed value, in schema order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < shape.names.length; i++) {
            m.put(shape.names[i], get(i));
        }
        return m;
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    private void requirePresent(int column) {
        if (!present[column]) {
            throw new IllegalStateException("column '" + shape.names[column] + "' is null");
        }
    }

    private IllegalStateException wrongKind(int column, String wanted) {
        return new IllegalStateException("column '" + shape.names[column] + "' is " + shape.kinds[column]
                + ", not " + wanted);
    }
}
