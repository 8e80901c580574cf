package io.andiag.model.lake;

import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.util.ArrayList;
import java.util.List;

/** Parquet converters that materialise any schema into {@link LakeRow}s (package-private machinery). */
final class RowConverters {

    private RowConverters() {
    }

    /** Where a converted value goes: a column of the current row, or the end of the current list. */
    interface Slot {
        void putInt(int v);

        void putLong(long v);

        void putDouble(double v);

        void putBoolean(boolean v);

        void putRef(Object v);
    }

    interface Holder {
        LakeRow current();
    }

    static LakeRow.Shape shapeOf(GroupType group) {
        int n = group.getFieldCount();
        String[] names = new String[n];
        LakeRow.ValueKind[] kinds = new LakeRow.ValueKind[n];
        for (int i = 0; i < n; i++) {
            Type t = group.getType(i);
            names[i] = t.getName();
            kinds[i] = kindOf(t);
        }
        return new LakeRow.Shape(names, kinds);
    }

    static LakeRow.ValueKind kindOf(Type t) {
        if (t.isRepetition(Type.Repetition.REPEATED) || isListLike(t)) {
            return LakeRow.ValueKind.LIST;
        }
        if (!t.isPrimitive()) {
            return LakeRow.ValueKind.ROW;
        }
        return primitiveKind(t.asPrimitiveType());
    }

    private static LakeRow.ValueKind primitiveKind(PrimitiveType p) {
        return switch (p.getPrimitiveTypeName()) {
            case INT32 -> LakeRow.ValueKind.INT;
            case INT64 -> LakeRow.ValueKind.LONG;
            case FLOAT, DOUBLE -> LakeRow.ValueKind.DOUBLE;
            case BOOLEAN -> LakeRow.ValueKind.BOOLEAN;
            case BINARY, FIXED_LEN_BYTE_ARRAY -> isText(p) ? LakeRow.ValueKind.STRING : LakeRow.ValueKind.BYTES;
            case INT96 -> LakeRow.ValueKind.BYTES;
        };
    }

    private static boolean isListLike(Type t) {
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        return !t.isPrimitive() && (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation);
    }

    private static boolean isText(PrimitiveType p) {
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        return a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
    }

    /** A converter for a value of type {@code t}, ignoring its repetition (handled by the caller's slot). */
    static Converter valueConverter(Type t, Slot out) {
        if (t.isPrimitive()) {
            return primitive(t.asPrimitiveType(), out);
        }
        if (isListLike(t)) {
            return new ListConverter(t.asGroupType(), out);
        }
        return new StructConverter(t.asGroupType(), out);
    }

    static Converter[] fieldConverters(GroupType group, Holder holder) {
        Converter[] cs = new Converter[group.getFieldCount()];
        for (int i = 0; i < cs.length; i++) {
            Type t = group.getType(i);
            Slot slot = t.isRepetition(Type.Repetition.REPEATED) ? new RepeatedFieldSlot(holder, i) : new FieldSlot(holder, i);
            cs[i] = valueConverter(t, slot);
        }
        return cs;
    }

    private static PrimitiveConverter primitive(PrimitiveType p, Slot out) {
        return switch (primitiveKind(p)) {
            case INT -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    out.putInt(value);
                }
            };
            case LONG -> new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                    out.putLong(value);
                }
            };
            case DOUBLE -> new PrimitiveConverter() {
                @Override
                public void addDouble(double value) {
                    out.putDouble(value);
                }

                @Override
                public void addFloat(float value) {
                    out.putDouble(value);
                }
            };
            case BOOLEAN -> new PrimitiveConverter() {
                @Override
                public void addBoolean(boolean value) {
                    out.putBoolean(value);
                }
            };
            case STRING -> new StringConverter(out);
            default -> new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    out.putRef(value.getBytes());
                }
            };
        };
    }

    /** Strings decoded once per dictionary page, so dictionary-encoded columns cost no allocation per row. */
    private static final class StringConverter extends PrimitiveConverter {
        private final Slot out;
        private String[] dictionary;

        StringConverter(Slot out) {
            this.out = out;
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary d) {
            dictionary = new String[d.getMaxId() + 1];
            for (int i = 0; i <= d.getMaxId(); i++) {
                dictionary[i] = d.decodeToBinary(i).toStringUsingUTF8();
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            out.putRef(dictionary[dictionaryId]);
        }

        @Override
        public void addBinary(Binary value) {
            out.putRef(value.toStringUsingUTF8());
        }
    }

    static final class FieldSlot implements Slot {
        private final Holder holder;
        private final int column;

        FieldSlot(Holder holder, int column) {
            this.holder = holder;
            this.column = column;
        }

        private LakeRow row() {
            LakeRow r = holder.current();
            r.present[column] = true;
            return r;
        }

        @Override
        public void putInt(int v) {
            row().prims[column] = v;
        }

        @Override
        public void putLong(long v) {
            row().prims[column] = v;
        }

        @Override
        public void putDouble(double v) {
            row().prims[column] = Double.doubleToRawLongBits(v);
        }

        @Override
        public void putBoolean(boolean v) {
            row().prims[column] = v ? 1 : 0;
        }

        @Override
        public void putRef(Object v) {
            row().refs[column] = v;
        }
    }

    /** A repeated field without a LIST annotation: its values collect into a list column. */
    static final class RepeatedFieldSlot extends AppendSlot {
        private final Holder holder;
        private final int column;

        RepeatedFieldSlot(Holder holder, int column) {
            this.holder = holder;
            this.column = column;
        }

        @Override
        @SuppressWarnings("unchecked")
        void add(Object v) {
            LakeRow r = holder.current();
            if (!r.present[column]) {
                r.present[column] = true;
                r.refs[column] = new ArrayList<>();
            }
            ((List<Object>) r.refs[column]).add(v);
        }
    }

    abstract static class AppendSlot implements Slot {
        abstract void add(Object v);

        @Override
        public void putInt(int v) {
            add(v);
        }

        @Override
        public void putLong(long v) {
            add(v);
        }

        @Override
        public void putDouble(double v) {
            add(v);
        }

        @Override
        public void putBoolean(boolean v) {
            add(v);
        }

        @Override
        public void putRef(Object v) {
            add(v);
        }
    }

    /** A nested group: a new row per value. */
    static final class StructConverter extends GroupConverter implements Holder {
        private final LakeRow.Shape shape;
        private final Slot out;
        private final Converter[] children;
        private LakeRow current;

        StructConverter(GroupType group, Slot out) {
            this.shape = shapeOf(group);
            this.out = out;
            this.children = fieldConverters(group, this);
        }

        @Override
        public LakeRow current() {
            return current;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
            current = new LakeRow(shape);
        }

        @Override
        public void end() {
            out.putRef(current);
        }
    }

    /**
     * A LIST (or MAP) annotated group. Handles the standard three-level form ({@code list/element}, what Spark and
     * this project write), the two-level form with a repeated primitive, and repeated groups of several fields
     * (map entries, legacy {@code array} structs) as lists of rows.
     */
    static final class ListConverter extends GroupConverter {
        private final Slot out;
        private final Converter child;
        private List<Object> current;

        ListConverter(GroupType listGroup, Slot out) {
            this.out = out;
            AppendSlot append = new AppendSlot() {
                @Override
                void add(Object v) {
                    current.add(v);
                }
            };
            Type repeated = listGroup.getType(0);
            if (repeated.isPrimitive()) {
                child = primitive(repeated.asPrimitiveType(), append);
            } else {
                GroupType rg = repeated.asGroupType();
                boolean wrapper = rg.getFieldCount() == 1 && !rg.getName().equals("array")
                        && !rg.getName().equals(listGroup.getName() + "_tuple");
                child = wrapper ? new ElementConverter(rg.getType(0), append) : new StructConverter(rg, append);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return child;
        }

        @Override
        public void start() {
            current = new ArrayList<>();
        }

        @Override
        public void end() {
            out.putRef(current);
        }
    }

    /** The repeated middle group of a three-level list; a missing element is a null entry. */
    static final class ElementConverter extends GroupConverter {
        private final AppendSlot list;
        private final Converter element;
        private boolean added;

        ElementConverter(Type elementType, AppendSlot list) {
            this.list = list;
            AppendSlot tracking = new AppendSlot() {
                @Override
                void add(Object v) {
                    added = true;
                    list.add(v);
                }
            };
            this.element = valueConverter(elementType, tracking);
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return element;
        }

        @Override
        public void start() {
            added = false;
        }

        @Override
        public void end() {
            if (!added) {
                list.add(null);
            }
        }
    }

    /** The top-level record; reuses one row when asked to. */
    static final class RootConverter extends GroupConverter implements Holder {
        private final LakeRow.Shape shape;
        private final boolean reuse;
        private final Converter[] children;
        private LakeRow current;

        RootConverter(GroupType schema, boolean reuse) {
            this.shape = shapeOf(schema);
            this.reuse = reuse;
            this.children = fieldConverters(schema, this);
            this.current = new LakeRow(shape);
        }

        @Override
        public LakeRow current() {
            return current;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
            if (reuse) {
                current.clear();
            } else {
                current = new LakeRow(shape);
            }
        }

        @Override
        public void end() {
        }
    }
}
