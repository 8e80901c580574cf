package io.andiag.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.andiag.model.record.DeadLetter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code and.deadletter} JSON (v1). The original bytes are kept exactly ({@code payload_b64}); {@code payload} repeats
 * them as text for a person when they are valid UTF-8 (truncated to 1 KiB).
 */
public final class DeadLetterCodec {

    private static final int TEXT_PREVIEW_BYTES = 1024;

    public byte[] encode(DeadLetter d) {
        return WireJson.encode(256, g -> {
            g.writeStartObject();
            g.writeNumberField("v", DeadLetter.VERSION);
            g.writeStringField("reason", d.reason().code());
            g.writeStringField("detail", d.detail());
            g.writeStringField("source_topic", d.topic());
            g.writeNumberField("partition", d.partition());
            g.writeNumberField("offset", d.offset());
            g.writeNumberField("rejected_at", d.rejectedAt());
            writeBytes(g, "key", d.key());
            writeBytes(g, "payload", d.payload());
            g.writeEndObject();
        });
    }

    private static void writeBytes(JsonGenerator g, String field, byte[] bytes) throws IOException {
        if (bytes == null) {
            g.writeNullField(field + "_b64");
            return;
        }
        g.writeStringField(field + "_b64", Base64.getEncoder().encodeToString(bytes));
        String text = utf8OrNull(bytes);
        if (text != null) {
            g.writeStringField(field, text.length() > TEXT_PREVIEW_BYTES ? text.substring(0, TEXT_PREVIEW_BYTES) : text);
        }
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    public Decoded<DeadLetter> decode(byte[] json) {
        return JsonTree.decode(json, "a dead letter", root -> {
            JsonTree.version(root, DeadLetter.VERSION);
            String code = JsonTree.text(root, "reason");
            RejectReason reason = null;
            for (RejectReason r : RejectReason.values()) {
                if (r.code().equals(code)) {
                    reason = r;
                }
            }
            if (reason == null) {
                throw new WireJson.Reject(RejectReason.INVALID_FIELD, "unknown reason code '" + code + "'");
            }
            return new DeadLetter(reason, JsonTree.text(root, "detail"), JsonTree.text(root, "source_topic"),
                    (int) JsonTree.integer(root, "partition"), JsonTree.integer(root, "offset"),
                    JsonTree.integer(root, "rejected_at"), bytes(root, "key_b64"), bytes(root, "payload_b64"));
        });
    }

    private static byte[] bytes(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : Base64.getDecoder().decode(n.asText());
    }
}
