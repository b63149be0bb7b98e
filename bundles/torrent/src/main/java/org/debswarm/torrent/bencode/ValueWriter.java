package org.debswarm.torrent.bencode;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The conversions of {@link Bencode#encode(Object)}: Java values to bencoded ones. */
final class ValueWriter {

    private ValueWriter() {
    }

    static void write(BencodeWriter writer, Object value) throws IOException {
        if (value instanceof Long || value instanceof Integer) {
            writer.integer(((Number) value).longValue());
        } else if (value instanceof ByteString) {
            writer.string((ByteString) value);
        } else if (value instanceof byte[]) {
            writer.string((byte[]) value);
        } else if (value instanceof String) {
            writer.string((String) value);
        } else if (value instanceof List) {
            writeList(writer, (List<?>) value);
        } else if (value instanceof Map) {
            writeDictionary(writer, (Map<?, ?>) value);
        } else {
            throw new IllegalArgumentException("cannot bencode " + (value == null ? "null" : value.getClass().getName())
                    + " (expected: Long, Integer, ByteString, byte[], String, List or Map)");
        }
    }

    private static void writeList(BencodeWriter writer, List<?> list) throws IOException {
        writer.beginList();
        for (Object element : list) {
            write(writer, element);
        }
        writer.end();
    }

    private static void writeDictionary(BencodeWriter writer, Map<?, ?> map) throws IOException {
        Map<ByteString, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            ByteString key = key(entry.getKey());
            if (sorted.put(key, entry.getValue()) != null) {
                throw new IllegalArgumentException("duplicate dictionary key " + key
                        + " after conversion to bytes (expected: unique keys)");
            }
        }
        writer.beginDictionary();
        for (Map.Entry<ByteString, Object> entry : sorted.entrySet()) {
            writer.string(entry.getKey());
            write(writer, entry.getValue());
        }
        writer.end();
    }

    private static ByteString key(Object key) {
        if (key instanceof ByteString) {
            return (ByteString) key;
        }
        if (key instanceof String) {
            return ByteString.utf8((String) key);
        }
        if (key instanceof byte[]) {
            return ByteString.of((byte[]) key);
        }
        throw new IllegalArgumentException("dictionary key of type "
                + (key == null ? "null" : key.getClass().getName()) + " (expected: String, ByteString or byte[])");
    }
}
