package io.andiag.batch.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * JSON-lines input files ({@code .jsonl}, {@code .jsonl.gz}), read through Hadoop's FileSystem so a path may be local
 * or on a cluster file system. Lines are handed over as raw bytes (the codec checks UTF-8 itself) with their 1-based
 * line number; a trailing {@code \r} is dropped and empty lines are skipped.
 */
final class JsonLines {

    private JsonLines() {
    }

    static boolean isJsonLines(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".jsonl") || n.endsWith(".jsonl.gz") || n.endsWith(".json") || n.endsWith(".json.gz");
    }

    /** Every JSON-lines file under the given files or directories (recursively), sorted; a missing path is an error. */
    static List<String> expand(List<String> inputs, Configuration conf) {
        List<String> files = new ArrayList<>();
        for (String input : inputs) {
            Path p = new Path(input);
            try {
                FileSystem fs = p.getFileSystem(conf);
                if (!fs.exists(p)) {
                    throw new IllegalArgumentException("--input " + input + " does not exist");
                }
                collect(fs, fs.getFileStatus(p), files, true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list --input " + input, e);
            }
        }
        files.sort(null);
        return files;
    }

    private static void collect(FileSystem fs, FileStatus st, List<String> out, boolean explicit) throws IOException {
        if (st.isDirectory()) {
            FileStatus[] children = fs.listStatus(st.getPath());
            Arrays.sort(children);
            for (FileStatus c : children) {
                String name = c.getPath().getName();
                if (!name.startsWith(".") && !name.startsWith("_")) {
                    collect(fs, c, out, false);
                }
            }
        } else if (explicit || isJsonLines(st.getPath().getName())) {
            out.add(st.getPath().toString());
        }
    }

    static InputStream open(String file) throws IOException {
        Path p = new Path(file);
        InputStream in = new BufferedInputStream(p.getFileSystem(new Configuration()).open(p), 1 << 16);
        return p.getName().toLowerCase(Locale.ROOT).endsWith(".gz") ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /** Reads lines as bytes; reusable buffer, so copy what you keep. */
    static final class LineReader implements AutoCloseable {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        private long lineNo;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next non-empty line without its terminator, or null at the end. */
        byte[] next() throws IOException {
            while (true) {
                buf.reset();
                int b;
                boolean any = false;
                while ((b = in.read()) >= 0) {
                    any = true;
                    if (b == '\n') {
                        break;
                    }
                    buf.write(b);
                }
                if (!any) {
                    return null;
                }
                lineNo++;
                byte[] line = buf.toByteArray();
                int len = line.length;
                if (len > 0 && line[len - 1] == '\r') {
                    line = Arrays.copyOf(line, len - 1);
                }
                if (line.length > 0) {
                    return line;
                }
            }
        }

        long lineNo() {
            return lineNo;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
