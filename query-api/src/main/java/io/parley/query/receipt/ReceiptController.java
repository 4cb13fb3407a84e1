package io.parley.query.receipt;

import io.parley.kernel.conversation.FindReceiptsQuery;
import io.parley.kernel.conversation.ReceiptsView;
import io.parley.query.web.Queries;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/conversations/{id}/receipts. */
@RestController
class ReceiptController {

    private final QueryGateway queries;

    ReceiptController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/conversations/{conversationId}/receipts")
    ReceiptsView receipts(@PathVariable String conversationId, Authentication caller) {
        return Queries.await(queries.query(new FindReceiptsQuery(caller.getName(), conversationId),
                ResponseTypes.instanceOf(ReceiptsView.class)));
    }
}
