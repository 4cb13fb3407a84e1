package io.parley.query.message;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.parley.kernel.message.MessageView;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Messages by id for other read models (search), as a given member sees them. */
@Component
public class MessageReader {

    private final MongoTemplate mongo;

    MessageReader(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The messages in the order of {@code messageIds}, without those deleted, hidden for the viewer or unknown. */
    public List<MessageView> visible(List<String> messageIds, String viewerId) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        Map<String, MessageDocument> found = mongo.find(query(where("_id").in(messageIds)), MessageDocument.class)
                .stream().collect(Collectors.toMap(MessageDocument::id, Function.identity()));
        return messageIds.stream()
                .map(found::get)
                .filter(Objects::nonNull)
                .filter(message -> !message.deleted() && !hiddenFor(message, viewerId))
                .map(MessageReader::view)
                .toList();
    }

    /** Whether the conversation has a message with this seq (deleted or not): one look-up by its seq key. */
    public boolean exists(String conversationId, long seq) {
        return mongo.exists(query(where(SeqKeys.FIELD).is(SeqKeys.key(conversationId, seq))), MessageDocument.class);
    }

    static boolean hiddenFor(MessageDocument message, String userId) {
        return message.hiddenFor() != null && message.hiddenFor().contains(userId);
    }

    static MessageView view(MessageDocument message) {
        Map<String, List<String>> reactions = new LinkedHashMap<>();
        if (message.reactions() != null) {
            message.reactions().forEach(reaction -> reactions
                    .computeIfAbsent(reaction.emoji(), emoji -> new ArrayList<>())
                    .add(reaction.userId()));
        }
        return new MessageView(message.id(), message.conversationId(), message.seq(), message.senderId(),
                message.deleted() ? null : message.text(), message.createdAt(), message.editedAt(), message.deleted(),
                message.replyToMessageId(), message.mentions() == null ? List.of() : message.mentions(), reactions,
                message.deleted() || message.attachments() == null ? List.of() : message.attachments());
    }
}
