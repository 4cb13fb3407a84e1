package io.parley.query.inbox;

import io.parley.kernel.conversation.FindInboxQuery;
import io.parley.kernel.conversation.InboxPage;
import io.parley.kernel.text.PlainText;
import io.parley.query.web.Queries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/conversations?limit=&cursor= (limit 1 to 100, default 20; cursor: the previous page's nextCursor). */
@RestController
class InboxController {

    private final QueryGateway queries;

    InboxController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/conversations")
    InboxPage inbox(@RequestParam(name = "limit", defaultValue = "20") @Min(1) @Max(100) int limit,
                    @RequestParam(name = InboxCursor.PARAMETER, required = false) @PlainText String cursor,
                    Authentication caller) {
        String validCursor = cursor == null || cursor.isEmpty() ? null : InboxCursor.decode(cursor).encode();
        return Queries.await(queries.query(new FindInboxQuery(caller.getName(), limit, validCursor),
                ResponseTypes.instanceOf(InboxPage.class)));
    }
}
