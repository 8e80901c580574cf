package io.andiag.model.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;

/** Shared pieces of the streaming wire codecs: one thread-safe factory and strict scalar readers. */
final class WireJson {

    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private WireJson() {
    }

    /** Thrown inside a decoder to abort with a rejection; never escapes a codec. */
    static final class Reject extends Exception {
        private static final long serialVersionUID = 1L;
        final RejectReason reason;

        Reject(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    @FunctionalInterface
    interface StreamReader<T> {
        T read(JsonParser p) throws IOException, Reject;
    }

    @FunctionalInterface
    interface StreamWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /** Runs a streaming decoder over {@code json}, turning every failure into a rejection. */
    static <T> Decoded<T> decode(byte[] json, StreamReader<T> reader) {
        if (json == null) {
            return Decoded.rejected(RejectReason.UNPARSEABLE, "record value is null");
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            return Decoded.ok(reader.read(p));
        } catch (Reject r) {
            return Decoded.rejected(r.reason, r.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Decoded.rejected(RejectReason.UNPARSEABLE, e.getOriginalMessage());
        } catch (IOException e) {
            return Decoded.rejected(RejectReason.UNPARSEABLE, String.valueOf(e.getMessage()));
        }
    }

    /** The bytes {@code writer} produces. */
    static byte[] encode(int sizeHint, StreamWriter writer) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(sizeHint);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes to {@code w} without closing it (JSON-lines files). */
    static void encode(java.io.Writer w, StreamWriter writer) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writer.write(g);
        }
    }

    static long readLong(JsonParser p, String field) throws IOException, Reject {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            throw new Reject(RejectReason.MISSING_FIELD, "field '" + field + "' is null");
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new Reject(RejectReason.INVALID_FIELD, "field '" + field + "' must be an integer, got " + describe(p));
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new Reject(RejectReason.INVALID_FIELD, "field '" + field + "' is out of range: " + p.getText());
        }
        return p.getLongValue();
    }

    static int readInt(JsonParser p, String field) throws IOException, Reject {
        long v = readLong(p, field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new Reject(RejectReason.INVALID_FIELD, "field '" + field + "' is out of range: " + v);
        }
        return (int) v;
    }

    static String readString(JsonParser p, String field) throws IOException, Reject {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            throw new Reject(RejectReason.MISSING_FIELD, "field '" + field + "' is null");
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new Reject(RejectReason.INVALID_FIELD, "field '" + field + "' must be a string, got " + describe(p));
        }
        return p.getText();
    }

    static String readIp(JsonParser p, String field) throws IOException, Reject {
        String ip = readString(p, field);
        if (!isIpText(ip)) {
            throw new Reject(RejectReason.INVALID_FIELD, "field '" + field + "' is not an IP address: '" + abbreviate(ip) + "'");
        }
        return ip;
    }

    static void requireStartObject(JsonParser p, String what) throws IOException, Reject {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new Reject(RejectReason.INVALID_FIELD, what + " must be an object, got " + describe(p));
        }
    }

    static void checkVersion(int v, int supported) throws Reject {
        if (v != supported) {
            throw new Reject(RejectReason.UNSUPPORTED_VERSION, "wire version " + v + " is not supported (this build reads v" + supported + ")");
        }
    }

    static void checkTimestamp(long ts, TimestampBounds bounds) throws Reject {
        String violation = bounds.violation(ts);
        if (violation != null) {
            throw new Reject(RejectReason.TIMESTAMP_OUT_OF_RANGE, violation);
        }
    }

    static void requirePresent(boolean present, String field) throws Reject {
        if (!present) {
            throw new Reject(RejectReason.MISSING_FIELD, "required field '" + field + "' is missing");
        }
    }

    /** Dotted-quad IPv4 or textual IPv6 (hex groups and colons, optionally an embedded IPv4 tail). */
    static boolean isIpText(String s) {
        int n = s.length();
        if (n < 2 || n > 45) {
            return false;
        }
        if (s.indexOf(':') >= 0) {
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
        int octets = 0;
        int value = -1;
        for (int i = 0; i <= n; i++) {
            char c = i == n ? '.' : s.charAt(i);
            if (c == '.') {
                if (value < 0 || value > 255) {
                    return false;
                }
                octets++;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return octets == 4;
    }

    static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case VALUE_STRING -> "string '" + abbreviate(p.getText()) + "'";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + p.getText();
            case VALUE_TRUE, VALUE_FALSE -> "boolean " + p.getText();
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> t.toString();
        };
    }

    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
