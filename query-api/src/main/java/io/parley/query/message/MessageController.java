package io.parley.query.message;

import io.parley.kernel.message.FindMessagesQuery;
import io.parley.kernel.message.MessagePage;
import io.parley.query.web.InvalidParameterException;
import io.parley.query.web.Queries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/conversations/{id}/messages: the newest {@code limit} messages (default 50, 1 to 100), or those before
 * {@code beforeSeq} / after {@code afterSeq} (not both); ascending by seq within the page.
 */
@RestController
class MessageController {

    private final QueryGateway queries;

    MessageController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/conversations/{conversationId}/messages")
    MessagePage messages(@PathVariable String conversationId,
                         @RequestParam(name = "beforeSeq", required = false) @Min(0) Long beforeSeq,
                         @RequestParam(name = "afterSeq", required = false) @Min(0) Long afterSeq,
                         @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(100) int limit,
                         Authentication caller) {
        if (beforeSeq != null && afterSeq != null) {
            throw new InvalidParameterException("afterSeq", "cannot be combined with beforeSeq");
        }
        return Queries.await(queries.query(new FindMessagesQuery(caller.getName(), conversationId, beforeSeq, afterSeq,
                limit), ResponseTypes.instanceOf(MessagePage.class)));
    }
}
