package io.parley.query.edithistory;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.message.FindMessageHistoryQuery;
import io.parley.kernel.message.MessageHistoryView;
import io.parley.kernel.message.MessageVersionView;
import io.parley.query.conversation.ConversationAccess;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** A message's versions for members; a message of another conversation, or hidden for the caller, is not found. */
@Component
class EditHistoryQueryHandlers {

    private final MongoTemplate mongo;
    private final ConversationAccess access;

    EditHistoryQueryHandlers(MongoTemplate mongo, ConversationAccess access) {
        this.mongo = mongo;
        this.access = access;
    }

    @QueryHandler
    MessageHistoryView handle(FindMessageHistoryQuery query) {
        access.requireMember(query.conversationId(), query.userId());
        EditHistoryDocument history = mongo.findById(query.messageId(), EditHistoryDocument.class);
        if (history == null || !history.conversationId().equals(query.conversationId())
                || history.hiddenFor() != null && history.hiddenFor().contains(query.userId())) {
            throw new DomainException(ErrorCode.MESSAGE_NOT_FOUND, "No message " + query.messageId());
        }
        List<EditHistoryDocument.Version> versions = history.deleted() ? List.of() : history.versions();
        return new MessageHistoryView(IntStream.range(0, versions.size())
                .mapToObj(i -> view(i + 1, versions.get(i)))
                .toList());
    }

    private static MessageVersionView view(int number, EditHistoryDocument.Version version) {
        Instant at = version.at() != null ? version.at() : version.editedAt();
        return new MessageVersionView(number, version.text(), at, version.actorId(), version.editedAt());
    }
}
