package io.andiag.model.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Strict field access on a parsed JSON tree, for the low-volume output records (abnormal, alerts, dead letters). */
final class JsonTree {

    static final ObjectMapper MAPPER = new ObjectMapper(WireJson.FACTORY);

    private JsonTree() {
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(JsonNode root) throws WireJson.Reject;
    }

    static <T> Decoded<T> decode(byte[] json, String what, Reader<T> reader) {
        if (json == null) {
            return Decoded.rejected(RejectReason.UNPARSEABLE, "record value is null");
        }
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                return Decoded.rejected(RejectReason.UNPARSEABLE, what + " must be a JSON object");
            }
            return Decoded.ok(reader.read(root));
        } catch (WireJson.Reject r) {
            return Decoded.rejected(r.reason, r.getMessage());
        } catch (JsonProcessingException e) {
            return Decoded.rejected(RejectReason.UNPARSEABLE, e.getOriginalMessage());
        } catch (IOException e) {
            return Decoded.rejected(RejectReason.UNPARSEABLE, String.valueOf(e.getMessage()));
        } catch (IllegalArgumentException e) {
            return Decoded.rejected(RejectReason.INVALID_FIELD, e.getMessage());
        }
    }

    static JsonNode required(JsonNode parent, String field) throws WireJson.Reject {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new WireJson.Reject(RejectReason.MISSING_FIELD, "required field '" + field + "' is missing");
        }
        return n;
    }

    static String text(JsonNode parent, String field) throws WireJson.Reject {
        JsonNode n = required(parent, field);
        if (!n.isTextual()) {
            throw new WireJson.Reject(RejectReason.INVALID_FIELD, "field '" + field + "' must be a string");
        }
        return n.asText();
    }

    static long integer(JsonNode parent, String field) throws WireJson.Reject {
        JsonNode n = required(parent, field);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new WireJson.Reject(RejectReason.INVALID_FIELD, "field '" + field + "' must be an integer");
        }
        return n.asLong();
    }

    static double number(JsonNode parent, String field) throws WireJson.Reject {
        JsonNode n = required(parent, field);
        if (!n.isNumber()) {
            throw new WireJson.Reject(RejectReason.INVALID_FIELD, "field '" + field + "' must be a number");
        }
        return n.asDouble();
    }

    static boolean bool(JsonNode parent, String field) throws WireJson.Reject {
        JsonNode n = required(parent, field);
        if (!n.isBoolean()) {
            throw new WireJson.Reject(RejectReason.INVALID_FIELD, "field '" + field + "' must be a boolean");
        }
        return n.asBoolean();
    }

    static void version(JsonNode root, int supported) throws WireJson.Reject {
        WireJson.checkVersion((int) integer(root, "v"), supported);
    }
}
