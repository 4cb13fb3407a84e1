package io.parley.query.conversation;

import io.parley.kernel.conversation.ConversationView;
import io.parley.kernel.conversation.FindConversationQuery;
import io.parley.query.web.Queries;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/conversations/{id}: details for members; 404 CONVERSATION_NOT_FOUND for everyone else. */
@RestController
class ConversationController {

    private final QueryGateway queries;

    ConversationController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/conversations/{conversationId}")
    ConversationView conversation(@PathVariable String conversationId, Authentication caller) {
        return Queries.await(queries.query(new FindConversationQuery(caller.getName(), conversationId),
                ResponseTypes.instanceOf(ConversationView.class)));
    }
}
