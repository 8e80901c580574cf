package io.andiag.model.lake;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link RowEncoder} writes one row into: typed setters by column index of the writer's schema. A thin layer
 * over Parquet's {@link RecordConsumer} that also caches the UTF-8 bytes of repeated strings (IPs, app names), so a
 * row costs no allocation. A column that is not set is null (only allowed for optional columns).
 */
public final class RowSink {

    private static final int STRING_CACHE_LIMIT = 1 << 18;

    private final String[] names;
    private final String[] listGroupNames;
    private final String[] listElementNames;
    private final Map<String, Binary> strings = new HashMap<>();
    private RecordConsumer out;

    RowSink(MessageType schema) {
        int n = schema.getFieldCount();
        names = new String[n];
        listGroupNames = new String[n];
        listElementNames = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = schema.getFieldName(i);
            if (!schema.getType(i).isPrimitive()) {
                GroupType list = schema.getType(i).asGroupType().getType(0).asGroupType();
                listGroupNames[i] = list.getName();
                listElementNames[i] = list.getFieldName(0);
            }
        }
    }

    void attach(RecordConsumer consumer) {
        this.out = consumer;
    }

    public RowSink putLong(int column, long value) {
        out.startField(names[column], column);
        out.addLong(value);
        out.endField(names[column], column);
        return this;
    }

    public RowSink putInt(int column, int value) {
        out.startField(names[column], column);
        out.addInteger(value);
        out.endField(names[column], column);
        return this;
    }

    public RowSink putDouble(int column, double value) {
        out.startField(names[column], column);
        out.addDouble(value);
        out.endField(names[column], column);
        return this;
    }

    public RowSink putBoolean(int column, boolean value) {
        out.startField(names[column], column);
        out.addBoolean(value);
        out.endField(names[column], column);
        return this;
    }

    /** Writes a string; {@code null} leaves the (optional) column null. */
    public RowSink putString(int column, String value) {
        if (value == null) {
            return this;
        }
        out.startField(names[column], column);
        out.addBinary(binary(value));
        out.endField(names[column], column);
        return this;
    }

    /** Writes a standard three-level {@code LIST<string>} column ({@code list/element}). */
    public RowSink putStringList(int column, List<String> values) {
        String name = names[column];
        String group = listGroupNames[column];
        String element = listElementNames[column];
        out.startField(name, column);
        out.startGroup();
        if (!values.isEmpty()) {
            out.startField(group, 0);
            for (String v : values) {
                out.startGroup();
                out.startField(element, 0);
                out.addBinary(binary(v));
                out.endField(element, 0);
                out.endGroup();
            }
            out.endField(group, 0);
        }
        out.endGroup();
        out.endField(name, column);
        return this;
    }

    private Binary binary(String s) {
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
