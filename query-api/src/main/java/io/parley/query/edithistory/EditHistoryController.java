package io.parley.query.edithistory;

import io.parley.kernel.message.FindMessageHistoryQuery;
import io.parley.kernel.message.MessageHistoryView;
import io.parley.query.web.Queries;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/conversations/{id}/messages/{messageId}/history. */
@RestController
class EditHistoryController {

    private final QueryGateway queries;

    EditHistoryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/conversations/{conversationId}/messages/{messageId}/history")
    MessageHistoryView history(@PathVariable String conversationId, @PathVariable String messageId,
                               Authentication caller) {
        return Queries.await(queries.query(new FindMessageHistoryQuery(caller.getName(), conversationId, messageId),
                ResponseTypes.instanceOf(MessageHistoryView.class)));
    }
}
