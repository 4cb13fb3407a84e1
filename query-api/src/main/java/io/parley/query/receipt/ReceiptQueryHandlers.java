package io.parley.query.receipt;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.parley.kernel.conversation.FindReceiptsQuery;
import io.parley.kernel.conversation.ReceiptView;
import io.parley.kernel.conversation.ReceiptsView;
import io.parley.query.conversation.ConversationAccess;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The current members' read markers, by user id, for members only. */
@Component
class ReceiptQueryHandlers {

    private final MongoTemplate mongo;
    private final ConversationAccess access;

    ReceiptQueryHandlers(MongoTemplate mongo, ConversationAccess access) {
        this.mongo = mongo;
        this.access = access;
    }

    @QueryHandler
    ReceiptsView handle(FindReceiptsQuery query) {
        access.requireMember(query.conversationId(), query.userId());
        return new ReceiptsView(mongo.find(query(where(ReceiptDocument.CONVERSATION_ID).is(query.conversationId())
                                .and(ReceiptDocument.ACTIVE).is(true))
                        .with(Sort.by(ReceiptDocument.USER_ID)), ReceiptDocument.class).stream()
                .map(receipt -> new ReceiptView(receipt.userId(), receipt.lastReadSeq()))
                .toList());
    }
}
