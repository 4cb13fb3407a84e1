package io.parley.query.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.List;

import io.parley.kernel.text.PlainText;
import io.parley.query.web.InvalidParameterException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/admin/audit (role ADMIN, see SecurityConfig): newest first, filtered by actor, conversation, time. */
@RestController
@RequestMapping("/api/v1/admin/audit")
@Tag(name = "Admin", description = "Projections, rebuilds and the audit log (role ADMIN)")
class AuditController {

    static final int MAX_LIMIT = 500;

    private final MongoTemplate mongo;

    AuditController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping
    AuditPage audit(@Parameter(description = "only what this user id did") @RequestParam(required = false)
                    @Size(max = 64) @PlainText String actor,
                    @Parameter(description = "only what concerned this conversation") @RequestParam(required = false)
                    @Size(max = 64) @PlainText String conversationId,
                    @Parameter(description = "from this instant on (inclusive), ISO-8601")
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                    @Parameter(description = "before this instant (exclusive), ISO-8601")
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                    @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidParameterException("from", "must be before to");
        }
        Criteria criteria = new Criteria();
        if (actor != null) {
            criteria.and(AuditEntryDocument.ACTOR_ID).is(actor);
        }
        if (conversationId != null) {
            criteria.and(AuditEntryDocument.CONVERSATION_ID).is(conversationId);
        }
        if (from != null || to != null) {
            Criteria at = criteria.and(AuditEntryDocument.AT);
            if (from != null) {
                at.gte(from);
            }
            if (to != null) {
                at.lt(to);
            }
        }
        Query query = Query.query(criteria)
                .with(Sort.by(Sort.Order.desc(AuditEntryDocument.AT), Sort.Order.desc(AuditEntryDocument.POSITION)))
                .limit(limit);
        return new AuditPage(mongo.find(query, AuditEntryDocument.class));
    }

    record AuditPage(List<AuditEntryDocument> items) {
    }
}
