package io.andiag.model.lake;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes rows of one type to one local Parquet file, through a {@link RowEncoder}: no intermediate Group object per
 * row, UTF-8 bytes of repeated strings cached. Uses the local file API (no Hadoop FileSystem). Not thread-safe: one
 * writer per thread.
 *
 * <pre>{@code
 * try (LakeWriter<DetailRecord> w = LakeWriter.open(file, LakeSchemas.RETX_DETAILS, LakeEncoders.DETAIL)) {
 *     w.write(detail);
 * }
 * }</pre>
 */
public final class LakeWriter<T> implements Closeable {

    /** Default codec: fast, and read by every Parquet reader. */
    public static final CompressionCodecName DEFAULT_CODEC = CompressionCodecName.SNAPPY;
    /** Row groups of 64 MiB: several writers can be open at once without a large heap. */
    public static final int DEFAULT_ROW_GROUP_BYTES = 64 << 20;

    private final ParquetWriter<T> writer;
    private final Path file;
    private long rows;

    private LakeWriter(ParquetWriter<T> writer, Path file) {
        this.writer = writer;
        this.file = file;
    }

    public static <T> LakeWriter<T> open(Path file, MessageType schema, RowEncoder<T> encoder) {
        return open(file, schema, encoder, DEFAULT_CODEC);
    }

    /** Opens {@code file} for writing (replacing it), creating parent directories. */
    public static <T> LakeWriter<T> open(Path file, MessageType schema, RowEncoder<T> encoder,
                                         CompressionCodecName codec) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            ParquetWriter<T> w = new Builder<>(new LocalOutputFile(file), schema, encoder)
                    .withConf(new PlainParquetConfiguration())
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(codec)
                    .withRowGroupSize((long) DEFAULT_ROW_GROUP_BYTES)
                    .withDictionaryEncoding(true)
                    .build();
            return new LakeWriter<>(w, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + " for writing", e);
        }
    }

    public void write(T row) {
        try {
            writer.write(row);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + file, e);
        }
    }

    public long rowsWritten() {
        return rows;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    /** Writes {@code rows} to a new file in one call. */
    public static <T> long writeAll(Path file, MessageType schema, RowEncoder<T> encoder, Iterable<? extends T> rows) {
        try (LakeWriter<T> w = open(file, schema, encoder)) {
            for (T row : rows) {
                w.write(row);
            }
            return w.rowsWritten();
        }
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final MessageType schema;
        private final RowEncoder<T> encoder;

        Builder(LocalOutputFile out, MessageType schema, RowEncoder<T> encoder) {
            super(out);
            this.schema = schema;
            this.encoder = encoder;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return new EncoderWriteSupport<>(schema, encoder);
        }

        @Override
        protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
            return new EncoderWriteSupport<>(schema, encoder);
        }
    }

    private static final class EncoderWriteSupport<T> extends WriteSupport<T> {
        private final MessageType schema;
        private final RowEncoder<T> encoder;
        private final RowSink sink;
        private RecordConsumer consumer;

        EncoderWriteSupport(MessageType schema, RowEncoder<T> encoder) {
            this.schema = schema;
            this.encoder = encoder;
            this.sink = new RowSink(schema);
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
            sink.attach(recordConsumer);
        }

        @Override
        public void write(T record) {
            consumer.startMessage();
            encoder.encode(record, sink);
            consumer.endMessage();
        }

        @Override
        public String getName() {
            return "andiag-lake";
        }
    }
}
