package io.parley.localstack;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The H2 data type of the wire server's maps (documents and unique indexes). H2 does not know mongo-java-server's
 * types, so its default type writes every document and index key with Java serialisation, and serialises both keys
 * for every comparison of an index's binary search: profiles of fanout runs found over a quarter of the wire
 * server's CPU in the comparisons, and after that over half of it in writing and reading pages of serialised
 * documents. This type
 * <ul>
 *   <li>orders index keys element by element with H2's own order for each value (natively for strings and
 *       numbers), then by length: a total order consistent with {@link KeyValue#equals}, with no serialisation;</li>
 *   <li>stores a document as its BSON (the wire protocol's own codec, so whatever a client can store round-trips)
 *       and an index key as its elements, each under a tag of its own that H2's type does not use;</li>
 *   <li>reads what H2's type wrote before, so a data file written by the plain backend opens unchanged and its
 *       entries are rewritten in the new form as their pages are.</li>
 * </ul>
 * A document the BSON codec cannot encode falls back to H2's type.
 */
final class WireDataType extends ObjectDataType {

    // Tags 120-255 are unused by ObjectDataType (its highest is TAG_BYTE_ARRAY_0_15 + 15 = 119).
    static final int TAG_DOCUMENT = 120;
    static final int TAG_KEY_VALUE = 121;
    private static final int KEY_OVERHEAD = 48;
    private static final int DOCUMENT_OVERHEAD = 64;

    // A running average of the documents' BSON size, for H2's memory accounting of pages (as H2 does for the
    // objects it serialises).
    private volatile int averageDocumentSize = 256;

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue left && b instanceof KeyValue right) {
            int common = Math.min(left.size(), right.size());
            for (int i = 0; i < common; i++) {
                int order = compareValues(left.get(i), right.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(left.size(), right.size());
        }
        return compareValues(a, b);
    }

    /**
     * H2's order of two values: for two strings, two longs, two integers or two doubles, their natural order, which is
     * what H2's type answers for them, without its look-up of a type object per comparison (whose one-entry cache,
     * shared by the wire server's threads, misses whenever the elements of a compound key alternate in type: an
     * eighth of the wire server's CPU in a fanout burst's profile, docs/benchmarks.md).
     */
    private int compareValues(Object a, Object b) {
        if (a instanceof String left && b instanceof String right) {
            return left.compareTo(right);
        }
        if (a instanceof Long left && b instanceof Long right) {
            return Long.compare(left, right);
        }
        if (a instanceof Integer left && b instanceof Integer right) {
            return Integer.compare(left, right);
        }
        if (a instanceof Double left && b instanceof Double right) {
            return Double.compare(left, right);
        }
        return super.compare(a, b);
    }

    @Override
    public int getMemory(Object value) {
        if (value instanceof KeyValue key) {
            int memory = KEY_OVERHEAD;
            for (Object element : key) {
                memory += getMemory(element);
            }
            return memory;
        }
        if (value instanceof Document) {
            return DOCUMENT_OVERHEAD + 2 * averageDocumentSize;
        }
        return super.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof Document document && writeDocument(buffer, document)) {
            return;
        }
        if (value instanceof KeyValue key) {
            buffer.put((byte) TAG_KEY_VALUE).putVarInt(key.size());
            for (Object element : key) {
                write(buffer, element);
            }
            return;
        }
        super.write(buffer, value);
    }

    private boolean writeDocument(WriteBuffer buffer, Document document) {
        ByteBuf bson = Unpooled.buffer(averageDocumentSize + 64);
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (RuntimeException e) {
            return false;
        }
        int size = bson.readableBytes();
        buffer.put((byte) TAG_DOCUMENT).putVarInt(size).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
        averageDocumentSize = (size + 15 * averageDocumentSize) / 16;
        return true;
    }

    @Override
    public Object read(ByteBuffer buffer) {
        int tag = buffer.get(buffer.position()) & 0xff;
        if (tag == TAG_DOCUMENT) {
            buffer.get();
            int size = DataUtils.readVarInt(buffer);
            Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(buffer.slice(buffer.position(), size)));
            buffer.position(buffer.position() + size);
            return document;
        }
        if (tag == TAG_KEY_VALUE) {
            buffer.get();
            Object[] elements = new Object[DataUtils.readVarInt(buffer)];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = read(buffer);
            }
            return new KeyValue(elements);
        }
        return super.read(buffer);
    }
}
