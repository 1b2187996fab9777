package cn.gansu.lianhu.events.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import cn.gansu.lianhu.events.contract.CloudEvents;

/**
 * Value deserializer of every event channel (issue 8 point 3): decodes UTF-8 like Kafka's
 * {@code StringDeserializer}, but a value that is not valid UTF-8 is not silently read with U+FFFD in place of
 * the bad bytes: the record gets the header {@value #NOT_UTF8_HEADER}, and {@link #problem} makes the consumer
 * send it to its dead-letter topic (with the lenient decoding as value: the bad bytes are replaced by U+FFFD
 * there). Configure as {@code mp.messaging.incoming.<channel>.value.deserializer}.
 */
public class Utf8Values implements Deserializer<String> {
    /** Header set on a record whose value is not valid UTF-8; its value says where. */
    public static final String NOT_UTF8_HEADER = "lianhu-value-not-utf8";

    @Override
    public String deserialize(String topic, byte[] data) {
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            if (headers != null) {
                headers.add(NOT_UTF8_HEADER, ("value is not valid UTF-8 (" + data.length + " bytes)")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    @Override
    public String deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return deserialize(topic, headers, bytes);
    }

    /**
     * What makes a record unreadable before its value is even parsed, or null: {@code record has no value (a
     * tombstone)}, {@code value is not valid UTF-8 (n bytes)}.
     */
    public static String problem(ConsumerRecord<?, String> record) {
        if (record.value() == null) {
            return CloudEvents.NO_VALUE;
        }
        var header = record.headers().lastHeader(NOT_UTF8_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
