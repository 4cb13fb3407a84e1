package io.parley.query.timetravel;

import java.time.Instant;

import io.parley.kernel.conversation.ConversationAsOfView;
import io.parley.kernel.conversation.FindConversationAsOfQuery;
import io.parley.query.web.InvalidParameterException;
import io.parley.query.web.Queries;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/conversations/{id}/as-of?at=: the conversation as it was at {@code at} (an instant in the future
 * means now), its messages paged as GET …/messages pages them ({@code beforeSeq} / {@code afterSeq}, not both).
 */
@RestController
class ConversationAsOfController {

    private final QueryGateway queries;

    ConversationAsOfController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/conversations/{conversationId}/as-of")
    ConversationAsOfView asOf(@PathVariable String conversationId,
                              @Parameter(description = "the instant, ISO-8601 (e.g. 2026-12-06T10:15:30Z)")
                              @RequestParam("at") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at,
                              @RequestParam(name = "beforeSeq", required = false) @Min(0) Long beforeSeq,
                              @RequestParam(name = "afterSeq", required = false) @Min(0) Long afterSeq,
                              @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(100) int limit,
                              Authentication caller) {
        if (beforeSeq != null && afterSeq != null) {
            throw new InvalidParameterException("afterSeq", "cannot be combined with beforeSeq");
        }
        return Queries.await(queries.query(new FindConversationAsOfQuery(caller.getName(), conversationId, at,
                beforeSeq, afterSeq, limit), ResponseTypes.instanceOf(ConversationAsOfView.class)));
    }
}
