package io.parley.query.search;

import io.parley.kernel.message.MessageSearchResult;
import io.parley.kernel.message.SearchMessagesQuery;
import io.parley.kernel.text.PlainText;
import io.parley.query.web.InvalidParameterException;
import io.parley.query.web.Queries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/search/messages?q=&conversationId=&limit= (q 1 to 200 characters with a word in it; limit 1 to 100, default 20). */
@RestController
class SearchController {

    private final QueryGateway queries;

    SearchController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/search/messages")
    MessageSearchResult search(@RequestParam("q") @NotBlank @Size(max = 200) @PlainText String q,
                               @RequestParam(name = "conversationId", required = false) @PlainText String conversationId,
                               @RequestParam(name = "limit", defaultValue = "20") @Min(1) @Max(100) int limit,
                               Authentication caller) {
        if (Tokens.of(q).isEmpty()) {
            throw new InvalidParameterException("q", "has no letters or digits to search for");
        }
        return Queries.await(queries.query(new SearchMessagesQuery(caller.getName(), q,
                        conversationId == null || conversationId.isBlank() ? null : conversationId, limit),
                ResponseTypes.instanceOf(MessageSearchResult.class)));
    }
}
