package io.parley.kernel.message;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.node.ObjectNode;

/** {@link MessageSentEvent} revision 1 to 2: messages sent before attachments existed have none. */
public final class MessageSentEventUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(MessageSentEvent.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(MessageSentEvent.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, ObjectNode.class, payload -> {
            payload.putArray("attachments");
            return payload;
        });
    }
}
