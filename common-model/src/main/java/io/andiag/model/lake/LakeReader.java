package io.andiag.model.lake;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the rows of any Parquet data into {@link LakeRow}s: one file, a partition, a whole table with {@code dt=}
 * partitions, or a Spark output directory ({@code part-*} files; {@code _SUCCESS}, {@code _metadata}, hidden and
 * {@code .crc} files ignored; see {@link LakeLayout#dataFiles}). Files are read in sorted path order. Uses the local
 * file API, no Hadoop FileSystem.
 */
public final class LakeReader {

    private LakeReader() {
    }

    /**
     * Calls {@code action} for every row under {@code path}. The row object is reused between calls: copy it to keep
     * it. Returns the number of rows read.
     */
    public static long forEach(Path path, Consumer<LakeRow> action) {
        return forEach(path, List.of(), action);
    }

    /**
     * Like {@link #forEach(Path, Consumer)}, reading only {@code columns} (top-level names; empty = all). Reading
     * fewer columns is much faster.
     *
     * @throws IllegalArgumentException naming the column and file when a column is missing
     */
    public static long forEach(Path path, List<String> columns, Consumer<LakeRow> action) {
        long n = 0;
        for (Path file : LakeLayout.dataFiles(path)) {
            n += readFile(file, columns, true, action);
        }
        return n;
    }

    /** Every row under {@code path}, as detached rows. Meant for small tables (attributes, labels). */
    public static List<LakeRow> readAll(Path path) {
        return readAll(path, List.of());
    }

    public static List<LakeRow> readAll(Path path, List<String> columns) {
        List<LakeRow> rows = new ArrayList<>();
        for (Path file : LakeLayout.dataFiles(path)) {
            readFile(file, columns, false, rows::add);
        }
        return rows;
    }

    /**
     * A pull cursor over one Parquet file, for merging several time-ordered files (replay). {@link Cursor#next()}
     * returns a reused row, or null at the end.
     */
    public static Cursor open(Path file, List<String> columns) {
        try {
            return new Cursor(new Builder(new LocalInputFile(file), new RowReadSupport(columns, true, file)).build(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** Rows of one file, one at a time. Not thread-safe. */
    public static final class Cursor implements AutoCloseable {
        private final ParquetReader<LakeRow> reader;
        private final Path file;

        private Cursor(ParquetReader<LakeRow> reader, Path file) {
            this.reader = reader;
            this.file = file;
        }

        /** The next row (the same object each call, refilled), or null after the last one. */
        public LakeRow next() {
            try {
                return reader.read();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        public Path file() {
            return file;
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file, e);
            }
        }
    }

    /** The schema in a file's footer. */
    public static MessageType schema(Path file) {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            return r.getFooter().getFileMetaData().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the footer of " + file, e);
        }
    }

    /** Number of rows under {@code path}, from the file footers (no data read). */
    public static long count(Path path) {
        long n = 0;
        for (Path file : LakeLayout.dataFiles(path)) {
            try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
                n += r.getRecordCount();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the footer of " + file, e);
            }
        }
        return n;
    }

    private static long readFile(Path file, List<String> columns, boolean reuse, Consumer<LakeRow> action) {
        long n = 0;
        try (ParquetReader<LakeRow> reader = new Builder(new LocalInputFile(file), new RowReadSupport(columns, reuse, file))
                .build()) {
            for (LakeRow row = reader.read(); row != null; row = reader.read()) {
                action.accept(row);
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return n;
    }

    private static final class Builder extends ParquetReader.Builder<LakeRow> {
        private final ReadSupport<LakeRow> readSupport;

        Builder(InputFile file, ReadSupport<LakeRow> readSupport) {
            super(file, new PlainParquetConfiguration());
            this.readSupport = readSupport;
        }

        @Override
        protected ReadSupport<LakeRow> getReadSupport() {
            return readSupport;
        }
    }

    private static final class RowReadSupport extends ReadSupport<LakeRow> {
        private final List<String> columns;
        private final boolean reuse;
        private final Path file;

        RowReadSupport(List<String> columns, boolean reuse, Path file) {
            this.columns = columns;
            this.reuse = reuse;
            this.file = file;
        }

        @Override
        public ReadContext init(InitContext context) {
            MessageType fileSchema = context.getFileSchema();
            if (columns.isEmpty()) {
                return new ReadContext(fileSchema);
            }
            List<Type> fields = new ArrayList<>();
            for (String c : columns) {
                if (!fileSchema.containsField(c)) {
                    throw new IllegalArgumentException("no column '" + c + "' in " + file + "; columns: "
                            + fileSchema.getFields().stream().map(Type::getName).toList());
                }
                fields.add(fileSchema.getType(c));
            }
            return new ReadContext(new MessageType(fileSchema.getName(), fields));
        }

        /** Required by the abstract class; the local-file path calls the {@link ParquetConfiguration} overload. */
        @Override
        @SuppressWarnings("deprecation")
        public RecordMaterializer<LakeRow> prepareForRead(Configuration configuration, Map<String, String> keyValueMetaData,
                                                          MessageType fileSchema, ReadContext readContext) {
            return materializer(readContext.getRequestedSchema());
        }

        @Override
        public RecordMaterializer<LakeRow> prepareForRead(ParquetConfiguration configuration,
                                                          Map<String, String> keyValueMetaData, MessageType fileSchema,
                                                          ReadContext readContext) {
            return materializer(readContext.getRequestedSchema());
        }

        private RecordMaterializer<LakeRow> materializer(MessageType schema) {
            RowConverters.RootConverter root = new RowConverters.RootConverter(schema, reuse);
            return new RecordMaterializer<>() {
                @Override
                public LakeRow getCurrentRecord() {
                    return root.current();
                }

                @Override
                public GroupConverter getRootConverter() {
                    return root;
                }
            };
        }
    }
}
