package io.parley.query.conversation;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Who may read a conversation: its current members. Everyone else gets exactly what an unknown id gets
 * ({@code CONVERSATION_NOT_FOUND}, "No conversation &lt;id&gt;"), as on the command side, so ids do not leak.
 */
@Component
public class ConversationAccess {

    private final MongoTemplate mongo;

    ConversationAccess(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** What other read models show of a conversation. */
    public record Summary(String conversationId, ConversationType type, String name, List<String> memberIds) {
    }

    public void requireMember(String conversationId, String userId) {
        if (!isMember(conversationId, userId)) {
            throw notFound(conversationId);
        }
    }

    public boolean isMember(String conversationId, String userId) {
        return conversationId != null && userId != null && mongo.exists(query(where("_id").is(conversationId)
                .and(ConversationDocument.MEMBER_IDS).is(userId)), ConversationDocument.class);
    }

    /** The ids of the conversations the user is a member of now. */
    public List<String> conversationsOf(String userId) {
        var q = query(where(ConversationDocument.MEMBER_IDS).is(userId));
        q.fields().include("_id");
        return mongo.find(q, Document.class, ConversationDocument.COLLECTION).stream()
                .map(document -> document.getString("_id"))
                .toList();
    }

    public Map<String, Summary> summaries(Collection<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        return mongo.find(query(where("_id").in(conversationIds)), ConversationDocument.class).stream()
                .map(c -> new Summary(c.id(), c.type(), c.name(), c.memberIds()))
                .collect(Collectors.toMap(Summary::conversationId, Function.identity()));
    }

    static DomainException notFound(String conversationId) {
        return new DomainException(ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + conversationId);
    }
}
